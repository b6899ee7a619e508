package org.wijklab.process;

import ec.util.MersenneTwisterFast;
import java.util.Arrays;
import org.wijklab.model.Blocks;
import org.wijklab.model.Dwellings;
import org.wijklab.model.HouseholdFactory;
import org.wijklab.model.Households;
import org.wijklab.model.Ledger;
import org.wijklab.model.MoveReason;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Pending;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The housing market, monthly, in four steps:
 * <ol>
 * <li><b>Prices.</b> Market price levels (private rent, owner occupied) per neighbourhood fall when
 * its vacancy is above the target and rise when below; social rents are regulated.</li>
 * <li><b>Moving desire.</b> Each sitting household wants to move with a hazard that rises with the
 * gap between its income rank and its neighbourhood's liveability rank (resources against place),
 * with income growth since it moved in (aspirations), and with crowding, and falls with local ties
 * (years lived). A share of movers leave the city; the others start searching. (The blocks of
 * households decide in parallel, each from its own stream; those leaving leave in block order.)</li>
 * <li><b>Search.</b> Searchers, longest-waiting first (ties at random), each look at a few
 * vacancies drawn from the tenures they may enter (social rent only under the income limit; buying
 * only above an income floor) and take the best affordable one if it beats their current home by
 * the moving threshold. Starters, separated partners and evicted households take any affordable
 * one; evicted households are not let social rent again; tenants moved out for restructuring
 * keep their right to social rent. Programmes' allocation rules keep newcomers below an income
 * floor out of the targets' vacant social dwellings, and dwellings awaiting restructuring are not
 * let. A move frees the old dwelling for the next searcher (vacancy chains). Cost per searcher is
 * constant: vacancies are sampled, never scanned.</li>
 * <li><b>Regional stream.</b> Each remaining vacancy is let to a household from the region with a
 * monthly chance that falls as its price exceeds what its reputation commands; the newcomer is
 * drawn to fit the dwelling, so cheap stock draws low-status newcomers (filtering).</li>
 * </ol>
 */
public final class HousingMarket implements Steppable {
    private static final long serialVersionUID = 1L;
    /** Buyers older than this do not buy (assumed). */
    private static final int MAX_BUYER_AGE = 75;

    private final WijkLabModel model;
    private HouseholdFactory factory;
    private long[] order = new long[1024];
    private boolean[] pendingDone = new boolean[256];
    private double[] placeScore = new double[0];
    private double bestUtility;
    private final double[] baseMonthly = new double[Tenure.COUNT];
    private final double[] bound = new double[Tenure.COUNT];
    /** Per block: the households that decided this month to leave the city. */
    private int[][] leavers = new int[0][0];
    private int[] leaverCount = new int[0];
    /** Per block: the households searching for a dwelling after this month's decisions, in slot order. */
    private int[][] searchers = new int[0][0];
    private int[] searcherCount = new int[0];

    public HousingMarket(WijkLabModel model) {
        this.model = model;
    }

    @Override
    public void step(SimState state) {
        if (factory == null) {
            factory = new HouseholdFactory(model);
        }
        int tick = model.tick();
        adjustPrices();
        decideMoves(tick);
        search(tick);
        regionalInflow(tick);
    }

    private void adjustPrices() {
        Scenario.Housing hs = model.scenario().housing();
        Neighbourhoods nb = model.neighbourhoods();
        double rate = hs.priceAdjustRate() / 12.0;
        double target = hs.targetVacancy();
        for (int j = 0; j < nb.count; j++) {
            for (int t = Tenure.PRIVATE; t <= Tenure.OWNER; t++) {
                int stock = nb.dwellingsByTenure[j][t];
                if (stock == 0) {
                    continue;
                }
                double vacancy = nb.vacantByTenure[j][t] / (double) stock;
                double level = nb.priceLevel[j][t] * Math.exp(rate * (target - vacancy) / Math.max(target, 1e-3));
                nb.priceLevel[j][t] = Math.max(0.2, Math.min(5.0, level));
            }
        }
    }

    private void decideMoves(int tick) {
        Scenario.Housing hs = model.scenario().housing();
        Households h = model.households();
        Dwellings dw = model.dwellings();
        Neighbourhoods nb = model.neighbourhoods();
        if (placeScore.length != nb.count) {
            placeScore = new double[nb.count];
        }
        for (int j = 0; j < nb.count; j++) {
            placeScore[j] = nb.count == 1 ? 0.5 : 1.0 - (nb.rank[j] - 1) / (double) (nb.count - 1);
        }
        // An upper bound of the move probability, so that most households, whose draw is above it,
        // skip the exp, log and income-rank terms: gap and crowding are at most 1, ties in [0, 1),
        // and exp(incomeRiseEffect * log q) <= q^ceil(incomeRiseEffect) for an income ratio q >= 1.
        // The margin covers rounding, so every decision is the one the full formula gives.
        double rise = hs.incomeRiseEffect();
        int risePower = (int) Math.ceil(Math.max(0.0, rise));
        double constant = !Bounds.skipQuietMonths ? Double.POSITIVE_INFINITY
                : Math.exp(Math.max(0.0, hs.aspirationEffect()) + Math.max(0.0, -hs.tiesEffect())
                        + Math.max(0.0, hs.crowdingEffect())) * Bounds.MARGIN;
        for (int t = 0; t < Tenure.COUNT; t++) {
            baseMonthly[t] = hs.baseMoveRate()[t] / 12.0;
            bound[t] = baseMonthly[t] * constant;
        }
        Blocks blocks = model.blocks();
        if (leavers.length != blocks.count()) {
            leavers = new int[blocks.count()][16];
            leaverCount = new int[blocks.count()];
            searchers = new int[blocks.count()][16];
            searcherCount = new int[blocks.count()];
        }
        blocks.forEach(b -> {
            MersenneTwisterFast random = blocks.random(b);
            int leaving = 0;
            int searching = 0;
            for (int slot = blocks.from(b), end = blocks.to(b); slot < end; slot++) {
                if (h.hood[slot] < 0) {
                    continue;
                }
                if (h.isSearching(slot)) {
                    searching = Blocks.append(searchers, b, searching, slot);
                    continue;
                }
                double u = random.nextDouble();
                double limit = bound[h.tenure[slot]];
                if (rise > 0 && h.incomeAtMoveIn[slot] > 0) {
                    double q = h.income[slot] / h.incomeAtMoveIn[slot];
                    for (int k = 0; k < risePower && q > 1.0; k++) {
                        limit *= q;
                    }
                }
                if (u >= limit) {
                    continue;
                }
                int d = h.dwelling[slot];
                int j = h.hood[slot];
                double gap = Math.max(0.0, model.incomeRank(h.income[slot]) - placeScore[j]);
                double riseTerm = h.incomeAtMoveIn[slot] > 0 ? Math.max(0.0, Math.log(h.income[slot] / h.incomeAtMoveIn[slot])) : 0.0;
                double ties = model.ties(tick - h.moveInTick[slot]);
                double crowded = dw.small[d] && h.persons(slot) > 2 ? 1.0 : 0.0;
                double p = baseMonthly[h.tenure[slot]] * Math.exp(hs.aspirationEffect() * gap + hs.incomeRiseEffect() * riseTerm
                        - hs.tiesEffect() * ties + hs.crowdingEffect() * crowded);
                if (u < p) {
                    if (random.nextDouble() < hs.leaveCityShare()) {
                        leaving = Blocks.append(leavers, b, leaving, slot);
                    } else {
                        h.searchSince[slot] = tick;
                        searching = Blocks.append(searchers, b, searching, slot);
                    }
                }
            }
            leaverCount[b] = leaving;
            searcherCount[b] = searching;
        });
        // those who leave the city, in block order on the model's thread (as if in slot order)
        for (int b = 0; b < blocks.count(); b++) {
            for (int k = 0; k < leaverCount[b]; k++) {
                model.leaveCity(leavers[b][k], MoveReason.LEFT_CITY, tick);
            }
        }
    }

    private void search(int tick) {
        Households h = model.households();
        Pending pending = model.pending();
        MersenneTwisterFast random = model.random;
        int n = 0;
        // the households searching after this month's decisions, in slot order (block by block)
        for (int b = 0; b < searchers.length; b++) {
            for (int k = 0; k < searcherCount[b]; k++) {
                int slot = searchers[b][k];
                n = push(n, h.searchSince[slot], slot, random);
            }
        }
        int pendingCount = pending.size();
        if (pendingDone.length < pendingCount) {
            pendingDone = new boolean[pendingCount * 2];
        }
        Arrays.fill(pendingDone, 0, pendingCount, false);
        for (int i = 0; i < pendingCount; i++) {
            n = push(n, pending.since[i], h.capacity + i, random);
        }
        Arrays.sort(order, 0, n);
        for (int k = 0; k < n; k++) {
            int who = (int) (order[k] & 0xFFFFFFFFL);
            if (who < h.capacity) {
                searchHousehold(who, tick);
            } else {
                pendingDone[who - h.capacity] = searchPending(who - h.capacity, tick);
            }
        }
        for (int i = pendingCount - 1; i >= 0; i--) {
            if (pendingDone[i]) {
                pending.remove(i);
            }
        }
    }

    /** Sort key: waiting since (earliest first), then a random tie-break, then who. */
    private int push(int n, int since, int who, MersenneTwisterFast random) {
        if (n == order.length) {
            order = Arrays.copyOf(order, n * 2);
        }
        order[n] = ((long) since << 42) | ((long) random.nextInt(1 << 10) << 32) | (who & 0xFFFFFFFFL);
        return n + 1;
    }

    private void searchHousehold(int slot, int tick) {
        Households h = model.households();
        if (h.dwelling[slot] < 0 || !h.isSearching(slot)) {
            return;
        }
        Scenario.Housing hs = model.scenario().housing();
        Dwellings dw = model.dwellings();
        int current = h.dwelling[slot];
        int from = dw.neighbourhood[current];
        byte forced = h.forced[slot];
        double income = h.income[slot];
        int persons = h.persons(slot);
        double ties = model.ties(tick - h.moveInTick[slot]);
        int best = findBest(income, persons, h.adults[slot], h.children[slot], h.age(slot, tick), forced,
                forced == Households.FORCED_NO ? from : -1, ties);
        if (forced == Households.FORCED_EVICTED) {
            if (best >= 0) {
                relocate(slot, best, from, MoveReason.EVICTION, tick);
            } else {
                model.leaveCity(slot, MoveReason.NO_DWELLING, tick);
            }
            return;
        }
        if (forced == Households.FORCED_RENEWAL) {
            if (best >= 0) {
                relocate(slot, best, from, MoveReason.RENEWAL, tick);
            } else if (tick - h.searchSince[slot] >= hs.searchMonths()) {
                model.leaveCity(slot, MoveReason.NO_DWELLING, tick);
            }
            return;
        }
        double here = utility(income, persons, h.adults[slot], h.children[slot], current, h.housingCost[slot], from, ties);
        if (best >= 0 && bestUtility > here + hs.moveThreshold()) {
            relocate(slot, best, from, MoveReason.AMBITION, tick);
        } else if (tick - h.searchSince[slot] >= hs.searchMonths()) {
            h.searchSince[slot] = Households.NOT_SEARCHING;
        }
    }

    private void relocate(int slot, int d, int from, MoveReason reason, int tick) {
        Households h = model.households();
        Neighbourhoods nb = model.neighbourhoods();
        int to = model.dwellings().neighbourhood[d];
        model.moveInto(slot, d, tick);
        nb.movesOut[from]++;
        nb.movesIn[to]++;
        model.ledger().movedWithin();
        model.moveListener().onMove(tick, h.id[slot], from, to, reason, h.employed(slot), h.income[slot]);
    }

    /** Returns true when the pending entry is finished (housed, gave up, or no longer valid). */
    private boolean searchPending(int i, int tick) {
        Households h = model.households();
        Pending pending = model.pending();
        Ledger ledger = model.ledger();
        int parent = h.slotOf(pending.parentId[i]);
        boolean starter = pending.kind[i] == Pending.STARTER;
        if (parent < 0) {
            return true;
        }
        if (starter ? h.children[parent] == 0 : h.adults[parent] < 2) {
            h.leaving[parent] = (byte) Math.max(0, h.leaving[parent] - 1);
            return true;
        }
        Scenario.Labour lab = model.scenario().labour();
        int who = pending.person[i];
        double income = model.incomeAlone(who, pending.status[i], pending.mental[i]);
        int age = model.persons().age(who, tick);
        int best = findBest(income, 1, 1, 0, age, Households.FORCED_NO, -1, 0.0);
        if (best >= 0) {
            int from = model.dwellings().neighbourhood[h.dwelling[parent]];
            int slot = model.formHousehold(parent, i, best, tick);
            ledger.formed();
            Neighbourhoods nb = model.neighbourhoods();
            int to = model.dwellings().neighbourhood[best];
            nb.movesOut[from]++;
            nb.movesIn[to]++;
            model.moveListener().onMove(tick, h.id[slot], from, to,
                    starter ? MoveReason.STARTER : MoveReason.SEPARATION, h.employed(slot), h.income[slot]);
            return true;
        }
        int limit = model.scenario().demography().starterSearchMonths();
        if (tick - pending.since[i] >= limit) {
            // found nothing in the city: this person leaves for the region
            model.leaveForRegion(parent, i, tick);
            ledger.personsOut(1);
            return true;
        }
        return false;
    }

    /**
     * Samples the scenario's number of vacancies from the tenures this searcher may enter and
     * returns the best affordable one (its utility in {@link #bestUtility}), or -1.
     */
    private int findBest(double income, int persons, int adults, int children, int age, byte forced, int home,
            double ties) {
        Scenario.Housing hs = model.scenario().housing();
        Dwellings dw = model.dwellings();
        double[] floor = model.effects().incomeFloor;
        MersenneTwisterFast random = model.random;
        boolean socialAllowed = forced == Households.FORCED_RENEWAL
                || (forced == Households.FORCED_NO && income <= hs.socialIncomeLimit());
        int social = socialAllowed ? dw.vacantCount(Tenure.SOCIAL) : 0;
        int privateRent = dw.vacantCount(Tenure.PRIVATE);
        int owner = income >= hs.ownerMinIncome() && age < MAX_BUYER_AGE ? dw.vacantCount(Tenure.OWNER) : 0;
        int total = social + privateRent + owner;
        bestUtility = Double.NEGATIVE_INFINITY;
        if (total == 0) {
            return -1;
        }
        double budget = hs.maxBurden() * income / 12.0;
        int best = -1;
        for (int k = 0; k < hs.candidatesPerMonth(); k++) {
            int r = random.nextInt(total);
            int d;
            if (r < social) {
                d = vacantAt(dw, Tenure.SOCIAL, r);
            } else if (r < social + privateRent) {
                d = vacantAt(dw, Tenure.PRIVATE, r - social);
            } else {
                d = vacantAt(dw, Tenure.OWNER, r - social - privateRent);
            }
            if (dw.converting[d]) {
                continue;
            }
            double cost = model.askingCost(d);
            if (dw.tenure[d] != Tenure.SOCIAL && cost > budget) {
                continue;
            }
            if (dw.tenure[d] == Tenure.SOCIAL && income < floor[dw.neighbourhood[d]] && forced != Households.FORCED_RENEWAL) {
                continue;
            }
            double u = utility(income, persons, adults, children, d, cost, home, ties);
            if (u > bestUtility) {
                bestUtility = u;
                best = d;
            }
        }
        return best;
    }

    /** The i-th vacancy of a tenure, counting neighbourhood by neighbourhood. */
    private static int vacantAt(Dwellings dw, int t, int i) {
        for (int j = 0; ; j++) {
            int c = dw.vacantCount(j, t);
            if (i < c) {
                return dw.vacantAt(j, t, i);
            }
            i -= c;
        }
    }

    /**
     * How much a household values dwelling d at monthly cost: the neighbourhood's reputation, the
     * dwelling's quality, ownership (more for couples and families), room, the cost burden (social
     * rent is capped at 30 % of income by the housing allowance), and for a sitting household its
     * local ties if the dwelling is in its own neighbourhood.
     */
    double utility(double income, int persons, int adults, int children, int d, double cost, int home, double ties) {
        Scenario.Housing hs = model.scenario().housing();
        Dwellings dw = model.dwellings();
        int j = dw.neighbourhood[d];
        double burden = income > 0 ? cost * 12.0 / income : 1.0;
        if (dw.tenure[d] == Tenure.SOCIAL) {
            burden = Math.min(burden, 0.30);
        }
        double u = hs.preferLiveability() * model.neighbourhoods().reputation[j] / 100.0
                + hs.preferQuality() * dw.quality[d]
                - hs.costAversion() * Math.min(burden, 1.0);
        if (dw.tenure[d] == Tenure.OWNER) {
            u += hs.preferOwnership() * (adults == 2 || children > 0 ? 1.0 : 0.5);
        }
        if (dw.small[d] && persons > 2) {
            u -= hs.preferSpace();
        }
        if (j == home) {
            // a housing career inside the neighbourhood keeps the ties
            u += hs.preferStaying() * ties;
        }
        return u;
    }

    private void regionalInflow(int tick) {
        Scenario.Housing hs = model.scenario().housing();
        Dwellings dw = model.dwellings();
        Neighbourhoods nb = model.neighbourhoods();
        Households h = model.households();
        Ledger ledger = model.ledger();
        MersenneTwisterFast random = model.random;
        double[] fill = hs.regionalFillMonthly();
        double sensitivity = hs.regionalPriceSensitivity();
        for (int j0 = 0; j0 < nb.count; j0++) for (int t = 0; t < Tenure.COUNT; t++) {
            for (int i = dw.vacantCount(j0, t) - 1; i >= 0; i--) {
                int d = dw.vacantAt(j0, t, i);
                if (dw.converting[d]) {
                    continue;
                }
                int j = dw.neighbourhood[d];
                double p = fill[t];
                if (t != Tenure.SOCIAL) {
                    p = Math.min(1.0, p * Math.exp(-sensitivity * (nb.priceLevel[j][t] - nb.reputation[j] / 100.0)));
                }
                if (random.nextDouble() < p) {
                    int slot = factory.settle(d, tick, false);
                    if (slot >= 0) {
                        ledger.arrived();
                        ledger.personsIn(h.persons(slot));
                        nb.inMigrants[j]++;
                        nb.movesIn[j]++;
                        model.moveListener().onMove(tick, h.id[slot], -1, j, MoveReason.IN_MIGRATION,
                                h.employed(slot), h.income[slot]);
                    }
                }
            }
        }
    }
}
