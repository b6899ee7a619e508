package org.wijklab.model;

/**
 * City-wide demographic accounts. Each counter has a per-tick value (reset by the observer after
 * it writes a row) and a running total since set-up, so that population balances can be checked:
 * persons(t) = persons(0) + births + in-migrant persons - deaths - out-migrant persons, and the
 * same for households with formed, arrived, left and dissolved households.
 */
public final class Ledger implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public int births;
    public int deaths;
    public int personsIn;
    public int personsOut;
    public int householdsFormed;
    public int householdsIn;
    public int householdsOut;
    public int householdsDissolved;
    public int movesWithin;

    public long totalBirths;
    public long totalDeaths;
    public long totalPersonsIn;
    public long totalPersonsOut;
    public long totalHouseholdsFormed;
    public long totalHouseholdsIn;
    public long totalHouseholdsOut;
    public long totalHouseholdsDissolved;
    public long totalMovesWithin;

    public void birth(int n) {
        births += n;
        totalBirths += n;
    }

    public void death(int n) {
        deaths += n;
        totalDeaths += n;
    }

    public void personsIn(int n) {
        personsIn += n;
        totalPersonsIn += n;
    }

    public void personsOut(int n) {
        personsOut += n;
        totalPersonsOut += n;
    }

    public void formed() {
        householdsFormed++;
        totalHouseholdsFormed++;
    }

    public void arrived() {
        householdsIn++;
        totalHouseholdsIn++;
    }

    public void left() {
        householdsOut++;
        totalHouseholdsOut++;
    }

    public void dissolved() {
        householdsDissolved++;
        totalHouseholdsDissolved++;
    }

    public void movedWithin() {
        movesWithin++;
        totalMovesWithin++;
    }

    /** Zeroes the totals as well: the accounts start again (at tick 0, after the warm-up). */
    public void resetAll() {
        resetTick();
        totalBirths = 0;
        totalDeaths = 0;
        totalPersonsIn = 0;
        totalPersonsOut = 0;
        totalHouseholdsFormed = 0;
        totalHouseholdsIn = 0;
        totalHouseholdsOut = 0;
        totalHouseholdsDissolved = 0;
        totalMovesWithin = 0;
    }

    public void resetTick() {
        births = 0;
        deaths = 0;
        personsIn = 0;
        personsOut = 0;
        householdsFormed = 0;
        householdsIn = 0;
        householdsOut = 0;
        householdsDissolved = 0;
        movesWithin = 0;
    }
}
