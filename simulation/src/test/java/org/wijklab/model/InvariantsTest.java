package org.wijklab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.wijklab.process.Economy;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * Runs small cities under several scenarios and checks {@link Invariants} after set-up, after every
 * scheduled step (warm-up months included) and, through a tick listener, at every recorded tick.
 */
class InvariantsTest {

    private static Scenario small(int years) {
        return ScenarioLoader.defaults().withResidents(8000).withYears(years);
    }

    /**
     * Runs the scenario to its end with the invariants checked everywhere; returns the ticks the
     * listeners were told of. {@code perTick} is called at every recorded tick after the checks.
     */
    static List<Integer> runChecked(Scenario s, Consumer<WijkLabModel> perTick) {
        WijkLabModel m = new WijkLabModel(s);
        List<Integer> ticks = new ArrayList<>();
        Invariants.attach(m);
        m.addTickListener((mm, tick) -> {
            ticks.add(tick);
            perTick.accept(mm);
        });
        m.start();
        // at set-up the ledger is empty: the baseline is the generated city (re-recorded at tick 0)
        Invariants.recordBaseline(m);
        Invariants.check(m);
        int steps = 0;
        while (m.tick() < s.ticks()) {
            assertTrue(m.schedule.step(m), "schedule ran dry at tick " + m.tick());
            Invariants.check(m);
            assertTrue(++steps <= 12 * 300, "the run does not end");
        }
        m.finish();
        assertEquals(s.ticks(), m.tick(), "the run ends at the scenario's last tick");
        return ticks;
    }

    private static void assertEveryTickOnce(Scenario s, List<Integer> ticks) {
        assertEquals(IntStream.rangeClosed(0, s.ticks()).boxed().toList(), ticks,
                "tick listeners are told of ticks 0, 1, ..., " + s.ticks() + " once each, in order");
    }

    @Test
    void defaultSmallCityForTenYears() {
        Scenario s = small(10);
        long[] households = new long[1];
        List<Integer> ticks = runChecked(s, m -> households[0] = Math.max(households[0], m.households().liveCount()));
        assertEveryTickOnce(s, ticks);
        assertTrue(households[0] > 1000, "an 8,000-resident city has more than 1,000 households");
    }

    @Test
    void anotherSeed() {
        Scenario s = small(10).withSeed(987_654_321L);
        assertNotEquals(ScenarioLoader.defaults().seed(), s.seed());
        assertEveryTickOnce(s, runChecked(s, m -> { }));
    }

    @Test
    void cityWithACrisis() {
        Scenario s = ScenarioLoader.fromJson("""
                {
                  "years": 10,
                  "city": { "residents": 8000 },
                  "economy": { "crises": [
                    { "startYear": 2, "durationYears": 3, "jobLossFactor": 3.0, "jobFindingFactor": 0.3 }
                  ] }
                }
                """, "crisis test");
        assertEquals(1, s.economy().crises().size());
        Scenario.Crisis crisis = s.economy().crises().get(0);
        double amplitude = s.economy().cycleAmplitude();
        List<Integer> inCrisis = new ArrayList<>();
        List<Integer> ticks = runChecked(s, m -> {
            int tick = m.tick();
            if (tick >= 1 && Economy.inCrisis(crisis, (tick - 1) / 12.0)) {
                inCrisis.add(tick);
                assertTrue(m.jobLossMultiplier >= (1 - amplitude) * crisis.jobLossFactor() - 1e-9,
                        "tick " + tick + ": job loss multiplier " + m.jobLossMultiplier + " in the crisis");
                assertTrue(m.jobFindingMultiplier <= (1 + amplitude) * crisis.jobFindingFactor() + 1e-9,
                        "tick " + tick + ": job finding multiplier " + m.jobFindingMultiplier + " in the crisis");
            } else {
                assertTrue(m.jobLossMultiplier <= 1 + amplitude + 1e-9,
                        "tick " + tick + ": job loss multiplier " + m.jobLossMultiplier + " outside the crisis");
            }
        });
        assertEveryTickOnce(s, ticks);
        assertEquals(36, inCrisis.size(), "a three-year crisis lasts 36 months: " + inCrisis);
    }

    @Test
    void highChurnCity() {
        // every demographic and housing flow turned up: pending starters, separations, evictions, exits
        Scenario s = ScenarioLoader.fromJson("""
                {
                  "years": 4,
                  "seed": 7,
                  "city": { "residents": 6000 },
                  "demography": { "mortalityAt60": 0.05, "fertilityRates": [1.0, 1.0, 1.0, 1.0, 1.0], "leaveHomeAges": [18, 19], "stillHomeShares": [0.5, 0.01],
                                  "separationRate": 0.5, "starterSearchMonths": 2 },
                  "problems": { "debtIncidence": 2.0, "debtEscalation": 5.0, "evictionRate": 5.0,
                                "youthIncidence": 2.0, "mentalIncidence": 2.0 },
                  "labour": { "jobLossMonthly": 0.05 },
                  "housing": { "baseMoveRate": [0.5, 1.0, 0.3], "distanceDecay": 0.5, "searchMonths": 2,
                               "priceAdjustRate": 2.0 }
                }
                """, "high churn test");
        long[] flows = new long[4];
        assertEveryTickOnce(s, runChecked(s, m -> {
            Ledger l = m.ledger();
            flows[0] = l.totalHouseholdsFormed;
            flows[1] = l.totalHouseholdsDissolved;
            flows[2] = l.totalHouseholdsOut;
            flows[3] = l.totalHouseholdsIn;
        }));
        for (long f : flows) {
            assertTrue(f > 0, "every household flow occurs in the high-churn city");
        }
    }

    @Test
    void oneNeighbourhoodOfMinimumSize() {
        Scenario s = ScenarioLoader.fromJson("""
                { "years": 3, "city": { "residents": 500, "neighbourhoods": [ { "name": "Enig" } ] } }
                """, "one neighbourhood test");
        assertEveryTickOnce(s, runChecked(s, m -> assertEquals(1, m.neighbourhoods().rank[0])));
    }

    @Test
    void noWarmUp() {
        Scenario s = ScenarioLoader.fromJson("{ \"warmUpYears\": 0, \"years\": 6, \"city\": { \"residents\": 8000 } }",
                "no warm-up test");
        assertEquals(0, s.warmUpYears());
        assertEveryTickOnce(s, runChecked(s, m -> { }));
    }

    @Test
    void setUpHouseholdsLiveAtTheSetUpTick() {
        // the generated city is dated at the set-up tick, which is before tick 0 when there is a warm-up
        Scenario s = small(1);
        assertTrue(s.warmUpYears() > 0, "the default scenario has a warm-up");
        WijkLabModel m = new WijkLabModel(s);
        m.start();
        int setUp = m.tick();
        assertEquals(-12 * s.warmUpYears(), setUp, "set-up happens the warm-up's length before tick 0");
        Households h = m.households();
        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.dwelling[slot] >= 0) {
                assertTrue(h.moveInTick[slot] <= setUp, "household " + h.id[slot] + " moved in at tick "
                        + h.moveInTick[slot] + ", after the set-up tick " + setUp);
                assertTrue(h.age(slot, setUp) >= 18, "household " + h.id[slot] + " has a head aged "
                        + h.age(slot, setUp) + " at set-up (tick " + setUp + ")");
            }
        }
    }

    @Test
    void runToEndTellsListenersOfEveryTick() {
        Scenario s = small(2);
        WijkLabModel m = new WijkLabModel(s);
        Invariants.attach(m);
        List<Integer> ticks = new ArrayList<>();
        m.addTickListener((mm, tick) -> ticks.add(tick));
        m.runToEnd();
        assertEveryTickOnce(s, ticks);
    }

    // The checker itself must catch broken states: each case breaks one invariant of a valid model.

    private static WijkLabModel validModel() {
        WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson("{ \"warmUpYears\": 0 }", "checker test")
                .withResidents(3000).withYears(1));
        Invariants.attach(m);
        m.start();
        Invariants.recordBaseline(m);
        for (int k = 0; k < 3; k++) {
            m.schedule.step(m);
        }
        Invariants.check(m);
        return m;
    }

    private static int someLiveSlot(WijkLabModel m) {
        Households h = m.households();
        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.dwelling[slot] >= 0) {
                return slot;
            }
        }
        throw new AssertionError("no live household");
    }

    private static int someVacantDwelling(WijkLabModel m) {
        for (int d = 0; d < m.dwellings().count; d++) {
            if (m.dwellings().occupant[d] < 0) {
                return d;
            }
        }
        throw new AssertionError("no vacancy");
    }

    private static void assertCaught(WijkLabModel m, String fragment) {
        AssertionError e = assertThrows(AssertionError.class, () -> Invariants.check(m));
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' mentions " + fragment);
    }

    @Test
    void checkerCatchesAnOccupantMismatch() {
        WijkLabModel m = validModel();
        int slot = someLiveSlot(m);
        m.dwellings().occupant[m.households().dwelling[slot]] = -1;
        assertCaught(m, "occupant");
    }

    @Test
    void checkerCatchesAHouseholdInAnotherDwelling() {
        WijkLabModel m = validModel();
        int slot = someLiveSlot(m);
        m.households().dwelling[slot] = someVacantDwelling(m);
        assertCaught(m, "occupant");
    }

    @Test
    void checkerCatchesThreeAdults() {
        WijkLabModel m = validModel();
        m.households().adults[someLiveSlot(m)] = 3;
        assertCaught(m, "adults");
    }

    @Test
    void checkerCatchesNegativeChildren() {
        WijkLabModel m = validModel();
        m.households().children[someLiveSlot(m)] = -1;
        assertCaught(m, "children");
    }

    @Test
    void checkerCatchesANaNIncome() {
        WijkLabModel m = validModel();
        m.households().income[someLiveSlot(m)] = Float.NaN;
        assertCaught(m, "income");
    }

    @Test
    void checkerCatchesANegativeCost() {
        WijkLabModel m = validModel();
        m.households().housingCost[someLiveSlot(m)] = -5f;
        assertCaught(m, "housing cost");
    }

    @Test
    void checkerCatchesAnUnrecordedBirth() {
        WijkLabModel m = validModel();
        m.ledger().totalBirths++;
        assertCaught(m, "persons");
    }

    @Test
    void checkerCatchesAnUnbalancedHouseholdLedger() {
        WijkLabModel m = validModel();
        m.ledger().totalHouseholdsDissolved++;
        assertCaught(m, "households");
    }

    @Test
    void checkerCatchesAnOutOfRangeRate() {
        WijkLabModel m = validModel();
        m.neighbourhoods().employmentRate[2] = 1.5;
        assertCaught(m, "employment rate");
    }

    @Test
    void checkerCatchesANaNLiveability() {
        WijkLabModel m = validModel();
        m.neighbourhoods().liveability[0] = Double.NaN;
        assertCaught(m, "liveability");
    }

    @Test
    void checkerCatchesAPersonInTwoHouseholds() {
        WijkLabModel m = validModel();
        Households h = m.households();
        int a = someLiveSlot(m);
        int b = a + 1;
        while (h.dwelling[b] < 0 || h.adults[b] != 2) {
            b++;
        }
        h.adultPerson[2 * b + 1] = h.adultPerson[2 * a];
        assertCaught(m, "in two households");
    }

    @Test
    void checkerCatchesAChildMissingFromTheList() {
        WijkLabModel m = validModel();
        Households h = m.households();
        int slot = someLiveSlot(m);
        while (h.dwelling[slot] < 0 || h.children[slot] == 0) {
            slot++;
        }
        h.firstChild[slot] = -1;
        assertCaught(m, "lists");
    }

    @Test
    void checkerCatchesAnUnbalancedPersonAccount() {
        WijkLabModel m = validModel();
        // a person created but put in no household
        m.persons().create(Persons.ORIGIN_BORN, someLiveSlot(m));
        assertCaught(m, "in no household");
    }

    @Test
    void checkerNeedsABaseline() {
        WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson("{ \"warmUpYears\": 0 }", "checker test")
                .withResidents(3000).withYears(1));
        m.start();
        assertCaught(m, "baseline");
    }
}
