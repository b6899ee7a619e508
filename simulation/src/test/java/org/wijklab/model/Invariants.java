package org.wijklab.model;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * State invariants of a running {@link WijkLabModel}, for tests. {@link #check(WijkLabModel)} asserts
 * them for the model's current state and throws an {@link AssertionError} naming the first one broken
 * (with the tick and the household slot, dwelling or neighbourhood).
 *
 * <ul>
 * <li>dwellings and households point at each other one to one: {@code occupant[d] == slot} iff
 * {@code dwelling[slot] == d} for every live slot, so no dwelling holds two households, and a
 * household's kept neighbourhood and tenure are its dwelling's;</li>
 * <li>the live slots number {@code liveCount()}, each with a valid id, 1-2 adults, children &gt;= 0,
 * states in range, a head of 18 or more, finite non-negative incomes, wages and costs, and an income
 * equal to the income rule for its adults' states;</li>
 * <li>the vacancy lists hold exactly the vacant dwellings, once each;</li>
 * <li>persons and households balance with the ledger: now = at the start of its accounts + births +
 * persons in - deaths - persons out, and + formed + arrived - left - dissolved;</li>
 * <li>the neighbourhood statistics add up to the city and are finite and non-negative, rates and
 * shares in [0, 1].</li>
 * </ul>
 *
 * <p>The population balance needs the counts at the start of the ledger's accounts:
 * {@link #attach(WijkLabModel)} (before {@code start()}) adds a tick listener that records them at
 * tick 0 and checks every tick; {@link #recordBaseline(WijkLabModel)} records them explicitly, e.g.
 * right after set-up to check warm-up months too (the ledger counts from set-up until it restarts at
 * tick 0, when the attached listener records again).
 */
public final class Invariants {
    /** Persons and households at the start of the ledger's accounts, per model (by identity). */
    private static final Map<WijkLabModel, long[]> BASELINE = Collections.synchronizedMap(new WeakHashMap<>());
    /** The youngest a household's head can be, in whole years. */
    /** A child may leave home from 17 (CBS: one in ten has left before 18), and then heads its own household. */
    static final int MIN_HEAD_AGE = 17;

    private Invariants() {
    }

    /** Records the baseline at tick 0 and checks the invariants at every tick. Call before start(). */
    public static void attach(WijkLabModel model) {
        model.addTickListener((m, tick) -> {
            if (tick == 0) {
                recordBaseline(m);
            }
            check(m);
        });
    }

    /** Records the current persons and households, net of the ledger's running totals. */
    public static void recordBaseline(WijkLabModel m) {
        Ledger l = m.ledger();
        long[] now = count(m.households());
        long persons = now[0] - (l.totalBirths + l.totalPersonsIn - l.totalDeaths - l.totalPersonsOut);
        long households = now[1]
                - (l.totalHouseholdsFormed + l.totalHouseholdsIn - l.totalHouseholdsOut - l.totalHouseholdsDissolved);
        BASELINE.put(m, new long[] {persons, households});
    }

    /** Live persons and live households, counted from the arrays. */
    static long[] count(Households h) {
        long persons = 0;
        long households = 0;
        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.dwelling[slot] >= 0) {
                households++;
                persons += h.adults[slot] + h.children[slot];
            }
        }
        return new long[] {persons, households};
    }

    /** Asserts every invariant for the current state. */
    public static void check(WijkLabModel m) {
        int tick = m.tick();
        Households h = m.households();
        Dwellings dw = m.dwellings();
        Neighbourhoods nb = m.neighbourhoods();
        if (h == null || dw == null || nb == null) {
            throw broken(tick, "the model is not started");
        }
        if (h.capacity < dw.count) {
            throw broken(tick, "fewer household slots (" + h.capacity + ") than dwellings (" + dw.count + ")");
        }
        for (int d = 0; d < dw.count; d++) {
            String p = dwellingProblem(m, d);
            if (p != null) {
                throw broken(tick, "dwelling " + d + " " + p);
            }
        }
        int live = 0;
        long persons = 0;
        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.dwelling[slot] < 0) {
                if (h.dwelling[slot] != -1) {
                    throw broken(tick, "free slot " + slot + " has dwelling " + h.dwelling[slot]);
                }
                continue;
            }
            live++;
            persons += h.adults[slot] + h.children[slot];
            if (h.hood[slot] != m.dwellings().neighbourhood[h.dwelling[slot]]) {
                throw broken(tick, "household slot " + slot + " keeps neighbourhood " + h.hood[slot]
                        + " but its dwelling is in " + m.dwellings().neighbourhood[h.dwelling[slot]]);
            }
            if (h.tenure[slot] != m.dwellings().tenure[h.dwelling[slot]]) {
                throw broken(tick, "household slot " + slot + " keeps tenure " + h.tenure[slot]
                        + " but its dwelling's is " + m.dwellings().tenure[h.dwelling[slot]]);
            }
            String p = householdProblem(m, slot, tick);
            if (p != null) {
                throw broken(tick, "household slot " + slot + " (id " + h.id[slot] + ") " + p);
            }
        }
        if (live != h.liveCount()) {
            throw broken(tick, live + " live slots, but liveCount() is " + h.liveCount());
        }
        checkVacancies(m, tick, live);
        checkBalance(m, tick, live, persons);
        checkNeighbourhoods(m, tick, live, persons);
        checkPersons(m, tick, persons);
        checkCaseloads(m, tick);
    }

    /**
     * The professionals' caseloads: each post's load is the sum of the shares of the families it
     * holds ({@link Professionals#share}) and never exceeds its norm-weighted capacity.
     */
    static void checkCaseloads(WijkLabModel m, int tick) {
        Professionals pr = m.professionals();
        if (!pr.any()) {
            return;
        }
        double coordination = m.scenario().policy().services().coordinationFte();
        double[] sum = new double[pr.count];
        for (int slot = 0; slot < pr.family.length; slot++) {
            int n = pr.holders(slot);
            for (int k = 0; k < Professionals.TYPES; k++) {
                int q = pr.holder[Professionals.TYPES * slot + k];
                if (q >= 0) {
                    if (q >= pr.count) {
                        throw broken(tick, "household slot " + slot + " is held by post " + q + " of " + pr.count);
                    }
                    sum[q] += Professionals.share(pr.weight[slot], n, coordination);
                }
            }
        }
        for (int q = 0; q < pr.count; q++) {
            if (pr.load[q] > pr.capacity[q] + 1e-9) {
                throw broken(tick, "post " + q + " carries " + pr.load[q] + " above its capacity " + pr.capacity[q]);
            }
            if (Math.abs(pr.load[q] - sum[q]) > 1e-6) {
                throw broken(tick, "post " + q + " carries " + pr.load[q] + " but its families sum to " + sum[q]);
            }
        }
    }

    /** Checks only the persons (see below): usable between events, before the month's statistics are counted. */
    public static void checkPersons(WijkLabModel m) {
        long[] now = count(m.households());
        checkPersons(m, m.tick(), now[0]);
    }

    /**
     * The persons: every household's adults and children are persons of the city that point back
     * at it, the persons in the region are in followed region households that point back at them,
     * the pending pool's children are flagged and still at home, and the accounts balance:
     * in the city + in the region + died + released = created.
     */
    static void checkPersons(WijkLabModel m, int tick, long cityPersons) {
        Persons ps = m.persons();
        Households h = m.households();
        boolean[] seen = new boolean[ps.bound()];
        long flagged = 0;
        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.dwelling[slot] < 0) {
                if (h.adultPerson[2 * slot] != -1 || h.adultPerson[2 * slot + 1] != -1 || h.firstChild[slot] != -1) {
                    throw broken(tick, "free household slot " + slot + " still holds persons");
                }
                continue;
            }
            for (int a = 0; a < 2; a++) {
                int p = h.adultPerson[2 * slot + a];
                if (a >= h.adults[slot]) {
                    if (p != -1) {
                        throw broken(tick, "household slot " + slot + " has " + h.adults[slot] + " adults but a person in position " + a);
                    }
                    continue;
                }
                String problem = memberProblem(ps, p, Persons.CITY, slot, seen);
                if (problem != null) {
                    throw broken(tick, "household slot " + slot + " adult " + a + ": " + problem);
                }
            }
            int children = 0;
            for (int c = h.firstChild[slot]; c >= 0; c = ps.nextChild[c]) {
                String problem = memberProblem(ps, c, Persons.CITY, slot, seen);
                if (problem != null) {
                    throw broken(tick, "household slot " + slot + " child " + children + ": " + problem);
                }
                children++;
                flagged += ps.pending[c] ? 1 : 0;
            }
            if (children != h.children[slot]) {
                throw broken(tick, "household slot " + slot + " counts " + h.children[slot] + " children but lists " + children);
            }
        }
        RegionHouseholds r = m.region();
        long regionPersons = 0;
        int regionLive = 0;
        for (int k = 0; k < r.bound(); k++) {
            if (!r.live[k]) {
                continue;
            }
            regionLive++;
            if (!r.followed(k)) {
                throw broken(tick, "region household " + k + " holds nobody the run follows");
            }
            for (int a = 0; a < 2; a++) {
                int p = r.adultPerson[2 * k + a];
                if (p < 0) {
                    continue;
                }
                if (a >= r.adults[k]) {
                    throw broken(tick, "region household " + k + " has " + r.adults[k] + " adults but a person in position " + a);
                }
                String problem = memberProblem(ps, p, Persons.REGION, k, seen);
                if (problem != null) {
                    throw broken(tick, "region household " + k + " adult " + a + ": " + problem);
                }
                if (r.adultBirth[2 * k + a] != ps.birthTick[p]) {
                    throw broken(tick, "region household " + k + " keeps birth month " + r.adultBirth[2 * k + a]
                            + " for adult " + a + ", its person's is " + ps.birthTick[p]);
                }
                regionPersons++;
            }
            int followedChildren = 0;
            for (int c = r.firstChild[k]; c >= 0; c = ps.nextChild[c]) {
                String problem = memberProblem(ps, c, Persons.REGION, k, seen);
                if (problem != null) {
                    throw broken(tick, "region household " + k + " child: " + problem);
                }
                followedChildren++;
                regionPersons++;
            }
            if (followedChildren + r.otherChildren[k] != r.children[k] || r.otherChildren[k] < 0) {
                throw broken(tick, "region household " + k + " has " + r.children[k] + " children, " + followedChildren
                        + " followed and " + r.otherChildren[k] + " others");
            }
            float rule = (float) m.regionProcess().incomeRule(r, k, m.scenario().labour(), tick);
            if (r.since[k] < tick && r.income[k] != rule) {
                throw broken(tick, "region household " + k + " has income " + r.income[k] + ", the rule gives " + rule);
            }
        }
        if (regionLive != r.liveCount()) {
            throw broken(tick, regionLive + " live region households, but liveCount() is " + r.liveCount());
        }
        long dead = 0;
        for (int p = 0; p < ps.bound(); p++) {
            byte place = ps.place[p];
            if ((place == Persons.CITY || place == Persons.REGION) && !seen[p]) {
                throw broken(tick, "person " + ps.id[p] + " (slot " + p + ") is in the "
                        + (place == Persons.CITY ? "city" : "region") + " but in no household");
            }
            dead += place == Persons.DEAD ? 1 : 0;
        }
        if (dead != ps.deadKept()) {
            throw broken(tick, dead + " dead persons kept, but deadKept() is " + ps.deadKept());
        }
        if (ps.inCity() != cityPersons) {
            throw broken(tick, ps.inCity() + " persons in the city, but the households hold " + cityPersons);
        }
        if (ps.inRegion() != regionPersons) {
            throw broken(tick, ps.inRegion() + " persons in the region, but its households hold " + regionPersons);
        }
        if (ps.inCity() + ps.inRegion() + ps.died() + ps.releasedAlive() != ps.created()) {
            throw broken(tick, "persons: city " + ps.inCity() + " + region " + ps.inRegion() + " + died " + ps.died()
                    + " + released " + ps.releasedAlive() + " != created " + ps.created());
        }
        Pending pending = m.pending();
        long starters = 0;
        for (int i = 0; i < pending.size(); i++) {
            int parent = h.slotOf(pending.parentId[i]);
            if (pending.kind[i] != Pending.STARTER || parent < 0) {
                continue;
            }
            int p = pending.person[i];
            if (!ps.pending[p] || ps.place[p] != Persons.CITY || ps.household[p] != parent) {
                throw broken(tick, "pending starter " + i + " (person " + ps.id[p] + ") is not a flagged child of its parent");
            }
            starters++;
        }
        if (starters != flagged) {
            throw broken(tick, flagged + " children flagged as waiting, but " + starters + " starters in the pending pool");
        }
    }

    private static String memberProblem(Persons ps, int p, byte place, int household, boolean[] seen) {
        if (p < 0 || p >= ps.bound()) {
            return "person slot " + p + " out of range";
        }
        if (seen[p]) {
            return "person " + ps.id[p] + " is in two households";
        }
        seen[p] = true;
        if (ps.place[p] != place || ps.household[p] != household) {
            return "person " + ps.id[p] + " has place " + ps.place[p] + " and household " + ps.household[p];
        }
        return null;
    }

    private static AssertionError broken(int tick, String what) {
        return new AssertionError("tick " + tick + ": " + what);
    }

    private static String dwellingProblem(WijkLabModel m, int d) {
        Dwellings dw = m.dwellings();
        Households h = m.households();
        int slot = dw.occupant[d];
        if (slot < -1 || slot >= h.capacity) {
            return "has occupant " + slot + ", out of range";
        }
        if (slot >= 0 && h.dwelling[slot] != d) {
            return "has occupant slot " + slot + ", but that slot lives in dwelling " + h.dwelling[slot];
        }
        if (dw.neighbourhood[d] < 0 || dw.neighbourhood[d] >= m.neighbourhoods().count) {
            return "is in neighbourhood " + dw.neighbourhood[d];
        }
        if (dw.plot[d]) {
            return null;
        }
        if (dw.tenure[d] < 0 || dw.tenure[d] >= Tenure.COUNT) {
            return "has tenure " + dw.tenure[d];
        }
        if (!(dw.quality[d] >= 0 && dw.quality[d] <= 1)) {
            return "has quality " + dw.quality[d];
        }
        if (!(Float.isFinite(dw.baseCost[d]) && dw.baseCost[d] > 0)) {
            return "has base cost " + dw.baseCost[d];
        }
        return null;
    }

    private static String householdProblem(WijkLabModel m, int slot, int tick) {
        Households h = m.households();
        Dwellings dw = m.dwellings();
        int d = h.dwelling[slot];
        if (d >= dw.count) {
            return "lives in dwelling " + d + " of " + dw.count;
        }
        if (dw.occupant[d] != slot) {
            return "lives in dwelling " + d + ", whose occupant is " + dw.occupant[d];
        }
        int id = h.id[slot];
        if (id < 0 || id >= h.idBound()) {
            return "has an id out of range";
        }
        if (h.slotOf(id) != slot || h.fateOf(id) != Households.FATE_IN_CITY) {
            return "is live, but slotOf(id) is " + h.slotOf(id) + " and fateOf(id) " + h.fateOf(id);
        }
        if (h.adults[slot] != 1 && h.adults[slot] != 2) {
            return "has " + h.adults[slot] + " adults";
        }
        if (h.children[slot] < 0) {
            return "has " + h.children[slot] + " children";
        }
        for (int a = 0; a < h.adults[slot]; a++) {
            int p = h.adultPerson[2 * slot + a];
            byte edu = h.adultEducation[2 * slot + a];
            if (edu < 0 || edu > 2) {
                return "adult " + a + " has education " + edu;
            }
            // (a person listed here but living elsewhere is reported by the persons' check)
            if (p >= 0 && m.persons().household[p] == slot && m.persons().place[p] == Persons.CITY && (m.persons().education[p] != edu || m.persons().birthTick[p] != h.adultBirth[2 * slot + a])) {
                return "adult " + a + " has education " + edu + " and birth " + h.adultBirth[2 * slot + a]
                        + ", but its person has " + m.persons().education[p] + " and " + m.persons().birthTick[p];
            }
            byte st = h.status[2 * slot + a];
            byte mh = h.mental[2 * slot + a];
            if (st < Households.EMPLOYED || st > Households.RETIRED) {
                return "adult " + a + " has status " + st;
            }
            if (mh < Households.GOOD || mh > Households.SEVERE) {
                return "adult " + a + " has mental health " + mh;
            }
        }
        if (h.debt[slot] < 0 || h.debt[slot] > 3 || h.youth[slot] < 0 || h.youth[slot] > 3) {
            return "has debt severity " + h.debt[slot] + " and youth problems " + h.youth[slot] + " (0-3)";
        }
        if (!finiteNonNegative(h.income[slot])) {
            return "has income " + h.income[slot];
        }
        if (!finiteNonNegative(h.housingCost[slot])) {
            return "has housing cost " + h.housingCost[slot];
        }
        if (!finiteNonNegative(h.incomeAtMoveIn[slot])) {
            return "has income at move-in " + h.incomeAtMoveIn[slot];
        }
        if (h.moveInTick[slot] > tick) {
            return "moved in at tick " + h.moveInTick[slot] + ", in the future";
        }
        if (h.age(slot, tick) < MIN_HEAD_AGE) {
            return "has a head aged " + h.age(slot, tick) + " (born at tick " + h.adultBirth[2 * slot] + ")";
        }
        float rule = (float) m.incomeRule(slot);
        if (h.income[slot] != rule) {
            return "has income " + h.income[slot] + ", but the income rule for its adults' states gives " + rule;
        }
        return null;
    }

    private static void checkVacancies(WijkLabModel m, int tick, int live) {
        Dwellings dw = m.dwellings();
        int vacant = 0;
        int plots = 0;
        int awaiting = 0;
        for (int d = 0; d < dw.count; d++) {
            if (dw.plot[d]) {
                plots++;
                if (dw.occupant[d] >= 0) {
                    throw broken(tick, "plot " + d + " has an occupant");
                }
            } else if (dw.occupant[d] < 0 && !dw.converting[d]) {
                vacant++;
            } else if (dw.occupant[d] < 0) {
                awaiting++; // vacant and awaiting rebuilding: off the lists
            }
        }
        int plotsListed = 0;
        for (int j = 0; j < dw.neighbourhoods; j++) {
            for (int i = 0; i < dw.plotCount(j); i++) {
                int d = dw.plotAt(j, i);
                if (!dw.plot[d] || dw.neighbourhood[d] != j) {
                    throw broken(tick, "plot list " + j + " holds dwelling " + d);
                }
                plotsListed++;
            }
        }
        if (plotsListed != plots) {
            throw broken(tick, plots + " plots, but " + plotsListed + " listed");
        }
        boolean[] listed = new boolean[dw.count];
        int listedCount = 0;
        for (int j = 0; j < dw.neighbourhoods; j++) for (int t = 0; t < Tenure.COUNT; t++) {
            for (int i = 0; i < dw.vacantCount(j, t); i++) {
                int d = dw.vacantAt(j, t, i);
                if (d >= 0 && d < dw.count && dw.neighbourhood[d] != j) {
                    throw broken(tick, "dwelling " + d + " of neighbourhood " + dw.neighbourhood[d] + " is listed under " + j);
                }
                if (d < 0 || d >= dw.count) {
                    throw broken(tick, "vacancy list " + t + " holds dwelling " + d);
                }
                if (listed[d]) {
                    throw broken(tick, "dwelling " + d + " is listed vacant twice");
                }
                listed[d] = true;
                listedCount++;
                if (dw.occupant[d] >= 0) {
                    throw broken(tick, "dwelling " + d + " is listed vacant, but slot " + dw.occupant[d] + " lives there");
                }
                if (dw.tenure[d] != t) {
                    throw broken(tick, "dwelling " + d + " of tenure " + dw.tenure[d] + " is in vacancy list " + t);
                }
            }
        }
        if (listedCount != vacant) {
            throw broken(tick, vacant + " vacant dwellings, but " + listedCount + " listed");
        }
        if (live + vacant + plots + awaiting != dw.count) {
            throw broken(tick, live + " households + " + vacant + " vacancies + " + plots + " plots + " + awaiting
                    + " awaiting rebuilding != " + dw.count + " dwellings");
        }
    }

    private static void checkBalance(WijkLabModel m, int tick, int live, long persons) {
        long[] base = BASELINE.get(m);
        if (base == null) {
            throw broken(tick, "no baseline recorded: call Invariants.attach(model) before model.start()");
        }
        Ledger l = m.ledger();
        long expectPersons = base[0] + l.totalBirths + l.totalPersonsIn - l.totalDeaths - l.totalPersonsOut;
        if (persons != expectPersons) {
            throw broken(tick, persons + " persons, but the ledger accounts for " + expectPersons + " (start "
                    + base[0] + " + births " + l.totalBirths + " + in " + l.totalPersonsIn + " - deaths "
                    + l.totalDeaths + " - out " + l.totalPersonsOut + ")");
        }
        long expectHouseholds = base[1] + l.totalHouseholdsFormed + l.totalHouseholdsIn - l.totalHouseholdsOut
                - l.totalHouseholdsDissolved;
        if (live != expectHouseholds) {
            throw broken(tick, live + " households, but the ledger accounts for " + expectHouseholds + " (start "
                    + base[1] + " + formed " + l.totalHouseholdsFormed + " + in " + l.totalHouseholdsIn + " - out "
                    + l.totalHouseholdsOut + " - dissolved " + l.totalHouseholdsDissolved + ")");
        }
    }

    private static void checkNeighbourhoods(WijkLabModel m, int tick, int live, long persons) {
        Neighbourhoods nb = m.neighbourhoods();
        long households = 0;
        long residents = 0;
        long dwellings = 0;
        for (int j = 0; j < nb.count; j++) {
            households += nb.households[j];
            residents += nb.residents[j];
            dwellings += nb.dwellings[j];
            String p = neighbourhoodProblem(nb, j);
            if (p != null) {
                throw broken(tick, "neighbourhood " + j + " (" + nb.name[j] + ") " + p);
            }
        }
        if (households != live) {
            throw broken(tick, "neighbourhood households add up to " + households + ", live households " + live);
        }
        if (residents != persons) {
            throw broken(tick, "neighbourhood residents add up to " + residents + ", persons " + persons);
        }
        int built = 0;
        for (int d = 0; d < m.dwellings().count; d++) {
            built += m.dwellings().plot[d] ? 0 : 1;
        }
        if (dwellings != built) {
            throw broken(tick, "neighbourhood dwellings add up to " + dwellings + ", built stock " + built);
        }
    }

    private static String neighbourhoodProblem(Neighbourhoods nb, int j) {
        if (nb.households[j] < 0 || nb.residents[j] < nb.households[j]) {
            return "has " + nb.residents[j] + " residents in " + nb.households[j] + " households";
        }
        int vacant = 0;
        for (int t = 0; t < Tenure.COUNT; t++) {
            if (nb.vacantByTenure[j][t] < 0 || nb.vacantByTenure[j][t] > nb.dwellingsByTenure[j][t]) {
                return "has " + nb.vacantByTenure[j][t] + " of " + nb.dwellingsByTenure[j][t] + " dwellings of tenure "
                        + t + " vacant";
            }
            vacant += nb.vacantByTenure[j][t];
        }
        if (nb.households[j] + vacant != nb.dwellings[j]) {
            return "has " + nb.households[j] + " households + " + vacant + " vacancies != " + nb.dwellings[j] + " dwellings";
        }
        double[] nonNegative = {nb.liveability[j], nb.reputation[j], nb.meanIncome[j], nb.meanQuality[j], nb.turnover[j]};
        String[] nonNegativeNames = {"liveability", "reputation", "mean income", "mean quality", "turnover"};
        for (int k = 0; k < nonNegative.length; k++) {
            if (!finiteNonNegative(nonNegative[k])) {
                return "has " + nonNegativeNames[k] + " " + nonNegative[k];
            }
        }
        double[] unit = {nb.cohesion[j], nb.safety[j], nb.employmentRate[j], nb.unemploymentShare[j],
            nb.lowIncomeShare[j], nb.youthProblemShare[j], nb.meanTies[j], nb.ownerShare[j], nb.goodMentalHealth[j],
            nb.environment[j], nb.facilities[j]};
        String[] unitNames = {"cohesion", "safety", "employment rate", "unemployment share", "low-income share",
            "youth-problem share", "mean ties", "owner share", "good mental health", "environment", "facilities"};
        for (int k = 0; k < unit.length; k++) {
            if (!inUnit(unit[k])) {
                return "has " + unitNames[k] + " " + unit[k] + ", not in [0, 1]";
            }
        }
        for (int k = 0; k < Neighbourhoods.COMPONENTS; k++) {
            if (!inUnit(nb.components[j][k])) {
                return "has liveability component " + Neighbourhoods.COMPONENT_NAMES[k] + " " + nb.components[j][k]
                        + ", not in [0, 1]";
            }
        }
        if (nb.employmentRate[j] + nb.unemploymentShare[j] > 1 + 1e-12) {
            return "has employment rate + unemployment share > 1";
        }
        for (int t = 0; t < Tenure.COUNT; t++) {
            double p = nb.priceLevel[j][t];
            if (!(Double.isFinite(p) && p > 0)) {
                return "has price level " + p + " for tenure " + t;
            }
        }
        if (nb.priceLevel[j][Tenure.SOCIAL] != 1.0) {
            return "has social-rent price level " + nb.priceLevel[j][Tenure.SOCIAL] + " (regulated: 1)";
        }
        if (nb.rank[j] < 1 || nb.rank[j] > nb.count) {
            return "has rank " + nb.rank[j];
        }
        if (nb.liveabilityClass[j] < 0 || nb.liveabilityClass[j] >= Neighbourhoods.CLASS_NAMES.length) {
            return "has liveability class " + nb.liveabilityClass[j];
        }
        int[] events = {nb.movesIn[j], nb.movesOut[j], nb.inMigrants[j], nb.outMigrants[j], nb.evictions[j],
            nb.supervisionOrders[j], nb.secondLineCare[j], nb.births[j], nb.deaths[j]};
        for (int e : events) {
            if (e < 0) {
                return "has a negative event counter";
            }
        }
        if (nb.inMigrants[j] > nb.movesIn[j] || nb.outMigrants[j] > nb.movesOut[j]) {
            return "has more migrants than moves";
        }
        return null;
    }

    private static boolean finiteNonNegative(double v) {
        return Double.isFinite(v) && v >= 0;
    }

    private static boolean inUnit(double v) {
        return v >= 0 && v <= 1;
    }
}
