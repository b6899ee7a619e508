package org.wijklab.process;

import ec.util.MersenneTwisterFast;
import java.util.Arrays;
import java.util.List;
import org.wijklab.model.Blocks;
import org.wijklab.model.Dwellings;
import org.wijklab.model.HouseholdFactory;
import org.wijklab.model.Households;
import org.wijklab.model.Ledger;
import org.wijklab.model.MoveReason;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Pending;
import org.wijklab.model.Persons;
import org.wijklab.model.RegionPlaces;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The housing market, monthly, in five steps:
 * <ol>
 * <li><b>Prices.</b> Market price levels (private rent, owner occupied) per neighbourhood, and each
 * regional place's, fall when its vacancy is above the target and rise when below; social rents are
 * regulated.</li>
 * <li><b>Moving desire.</b> Each sitting household wants to move with a hazard that rises with the
 * gap between its income rank and what its neighbourhood offers, the neighbourhood's reputation on
 * the absolute scale of the liveability classes (resources against place),
 * with income growth since it moved in (aspirations), and with crowding, and falls with local ties
 * (years lived). Those who want to move start searching (the blocks of households decide in
 * parallel, each from its own stream).</li>
 * <li><b>Search.</b> Searchers in order of priority: urgent households first (evicted, restructuring
 * tenants), then by registration for social rent (longest registered first), ties at random. Each
 * looks at a few offers drawn from the city's vacancies and the regional places' (the tenures it may
 * enter: social rent under the income limit, and in a place of the region only with the
 * registration the place asks; buying only above an income floor), each offer weighted by a distance
 * decay (1 + km)<sup>-distanceDecay</sup> from its home, so that near offers are seen more often; it
 * takes the best affordable one if it beats its current home by the moving threshold. Its own and
 * the adjacent neighbourhoods are worth its local ties (school, work, family: {@code preferStaying}
 * times ties, half across a border). An offer in the region takes the household out of the city to
 * that place. Because the longest-registered searcher chooses first, a vacant social dwelling goes
 * to the longest-registered eligible searcher who wants it (serial allocation); a social let starts
 * the registration anew. Starters, separated partners and evicted households take any affordable
 * offer; evicted households are let social rent only as urgent; restructuring tenants keep their
 * right to social rent. Programmes' allocation rules keep newcomers below an income floor out of the
 * targets' vacant social dwellings, and dwellings awaiting restructuring are not let. A move frees
 * the old dwelling for the next searcher (vacancy chains).</li>
 * <li><b>In-migration.</b> Each remaining vacancy is let to a household from outside the city with a
 * monthly chance that falls as its price exceeds what its reputation commands; the newcomer is
 * drawn to fit the dwelling, so cheap stock draws low-status newcomers (filtering). A newcomer
 * comes from abroad or from a place of the region (freeing a dwelling there), and has no
 * registration in the city yet: the social dwellings nobody registered wanted are its.</li>
 * <li><b>The region's own market.</b> Each place's households move at the region's turnover,
 * freeing dwellings, and refill its vacancies at a pace that falls as its price rises above its
 * starting level, so a place that city households crowd into gets dearer.</li>
 * </ol>
 */
public final class HousingMarket implements Steppable {
    private static final long serialVersionUID = 1L;
    /** Buyers older than this do not buy (assumed). */
    private static final int MAX_BUYER_AGE = 75;
    /** Registration ticks are shifted by this into the sort key's 25 bits (ticks within about +-16 million months). */
    private static final int SINCE_OFFSET = 1 << 24;
    /** Age at which a person who registers early registers for social rent (the Dutch minimum age). */
    private static final int REGISTRATION_AGE_MONTHS = 18 * 12;

    private final WijkLabModel model;
    private HouseholdFactory factory;
    private long[] order = new long[1024];
    private boolean[] pendingDone = new boolean[256];
    private double[] placeScore = new double[0];
    private double bestUtility;
    private final double[] baseMonthly = new double[Tenure.COUNT];
    private final double[] bound = new double[Tenure.COUNT];
    /** Per block: the households searching for a dwelling after this month's decisions, in slot order. */
    private int[][] searchers = new int[0][0];
    private int[] searcherCount = new int[0];
    /** A searcher's offers by cell (neighbourhoods x tenures, then places x tenures): cumulative weights. */
    private double[] cumulative = new double[0];
    /**
     * An offer's weight by its distance from the searcher's neighbourhood, (1 + km)^−distanceDecay:
     * from neighbourhood i to j at {@code i * count + j}, and to each regional place; made once
     * with StrictMath for the decay they are of (scratch, made anew after a restore).
     */
    private transient double[] cityWeight;
    private transient double[] placeWeight;
    private transient double weightDecay;
    /** The regional places' starting price levels (their own refill slows as the price rises above it). */
    private double[] startPrice;

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
        regionalMarket();
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
                double level = nb.priceLevel[j][t] * StrictMath.exp(rate * (target - vacancy) / Math.max(target, 1e-3));
                nb.priceLevel[j][t] = Math.max(0.2, Math.min(5.0, level));
            }
        }
        RegionPlaces rp = model.regionPlaces();
        if (startPrice == null) {
            startPrice = rp.priceLevel.clone();
        }
        for (int r = 0; r < rp.count; r++) {
            if (rp.stock[r] <= 0) {
                continue;
            }
            double vacancy = rp.vacant[r] / rp.stock[r];
            double level = rp.priceLevel[r] * StrictMath.exp(rate * (target - vacancy) / Math.max(target, 1e-3));
            rp.priceLevel[r] = Math.max(0.2, Math.min(5.0, level));
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
        double[] classes = model.scenario().liveability().classThresholds();
        for (int j = 0; j < nb.count; j++) {
            placeScore[j] = placeScore(nb.reputation[j], classes[classes.length - 1]);
        }
        // An upper bound of the move probability, so that most households, whose draw is above it,
        // skip the exp, log and income-rank terms: gap and crowding are at most 1, ties in [0, 1),
        // and exp(incomeRiseEffect * log q) <= q^ceil(incomeRiseEffect) for an income ratio q >= 1.
        // The margin covers rounding, so every decision is the one the full formula gives.
        double rise = hs.incomeRiseEffect();
        int risePower = (int) Math.ceil(Math.max(0.0, rise));
        double constant = !Bounds.skipQuietMonths ? Double.POSITIVE_INFINITY
                : StrictMath.exp(Math.max(0.0, hs.aspirationEffect()) + Math.max(0.0, -hs.tiesEffect())
                        + Math.max(0.0, hs.crowdingEffect())) * Bounds.MARGIN;
        for (int t = 0; t < Tenure.COUNT; t++) {
            baseMonthly[t] = hs.baseMoveRate()[t] / 12.0;
            bound[t] = baseMonthly[t] * constant;
        }
        Blocks blocks = model.blocks();
        if (searchers.length != blocks.count()) {
            searchers = new int[blocks.count()][16];
            searcherCount = new int[blocks.count()];
        }
        blocks.forEach(b -> {
            MersenneTwisterFast random = blocks.random(b);
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
                double p = moveChance(hs, baseMonthly[h.tenure[slot]], model.incomeRank(h.income[slot]), placeScore[j],
                        h.income[slot], h.incomeAtMoveIn[slot], model.ties(slot, tick),
                        dw.small[d] && h.persons(slot) > 2);
                if (u < p) {
                    h.searchSince[slot] = Persons.month(tick);
                    searching = Blocks.append(searchers, b, searching, slot);
                }
            }
            searcherCount[b] = searching;
        });
    }

    /**
     * What a neighbourhood offers its residents, in [0, 1], on the absolute liveability scale: its
     * reputation from the scale's zero (every component at 0) to {@code excellent}, the score at
     * which the top class begins (the last of {@code liveability.classThresholds}), clamped. A place
     * whose reputation rises offers more whatever the other neighbourhoods did, so a rise that keeps
     * its rank still counts, and so does a rise within the lowest class (docs/ODD.md, moving desire).
     */
    static double placeScore(double reputation, double excellent) {
        return Math.max(0.0, Math.min(1.0, reputation / excellent));
    }

    /**
     * A sitting household's monthly chance of starting to search (docs/ODD.md, moving desire):
     * {@code base} (its tenure's monthly rate) times exp(aspirationEffect * gap + incomeRiseEffect *
     * rise - tiesEffect * ties + crowdingEffect * crowded), where gap = max(0, incomeRank -
     * placeScore) is in [0, 1] (both are), rise = max(0, ln(income / income at move-in)) (0 without
     * a recorded income at move-in) and ties in [0, 1).
     */
    static double moveChance(Scenario.Housing hs, double base, double incomeRank, double placeScore, double income,
            double incomeAtMoveIn, double ties, boolean crowded) {
        double gap = Math.max(0.0, incomeRank - placeScore);
        double rise = incomeAtMoveIn > 0 ? Math.max(0.0, StrictMath.log(income / incomeAtMoveIn)) : 0.0;
        return base * StrictMath.exp(hs.aspirationEffect() * gap + hs.incomeRiseEffect() * rise
                - hs.tiesEffect() * ties + hs.crowdingEffect() * (crowded ? 1.0 : 0.0));
    }

    private void search(int tick) {
        Households h = model.households();
        Pending pending = model.pending();
        Persons persons = model.persons();
        MersenneTwisterFast random = model.random;
        int n = 0;
        // the households searching after this month's decisions, in slot order (block by block)
        for (int b = 0; b < searchers.length; b++) {
            for (int k = 0; k < searcherCount[b]; k++) {
                int slot = searchers[b][k];
                boolean urgent = h.forced[slot] != Households.FORCED_NO;
                int since = tick;
                for (int a = 0; a < h.adults[slot]; a++) {
                    since = Math.min(since, registration(h.adultPerson[2 * slot + a], slot, tick));
                }
                n = push(n, urgent, since, slot, random);
            }
        }
        int pendingCount = pending.size();
        if (pendingDone.length < pendingCount) {
            pendingDone = new boolean[pendingCount * 2];
        }
        Arrays.fill(pendingDone, 0, pendingCount, false);
        for (int i = 0; i < pendingCount; i++) {
            int who = pending.person[i];
            int since = who >= 0 && who < persons.bound() ? registration(who, -1, tick) : tick;
            n = push(n, false, since, h.capacity + i, random);
        }
        Arrays.sort(order, 0, n);
        for (int k = 0; k < n; k++) {
            int who = (int) (order[k] & 0x7FFFFFFFL);
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

    /**
     * The tick from which person p is registered for social rent. Looked up the first time it is
     * needed (on the model's thread, in search order): a share {@code housing.registeredShare}
     * registered at 18, the others register now, when they first search; a household living in a
     * social dwelling registered anew when it moved in.
     */
    private int registration(int p, int slot, int tick) {
        Persons persons = model.persons();
        if (p < 0) {
            return tick;
        }
        if (persons.registeredSince[p] == Persons.REGISTRATION_UNKNOWN) {
            int at18 = persons.birthTick[p] + REGISTRATION_AGE_MONTHS;
            int since = at18 <= tick && model.random.nextDouble() < model.scenario().housing().registeredShare() ? at18 : tick;
            Households h = model.households();
            if (slot >= 0 && h.tenure[slot] == Tenure.SOCIAL) {
                since = Math.max(since, h.moveInTick[slot]);
            }
            persons.registeredSince[p] = Persons.month(Math.min(since, tick));
        }
        return Math.min(persons.registeredSince[p], tick);
    }

    /** Sort key: urgent first, then registered since (earliest first), then a random tie-break, then who. */
    private int push(int n, boolean urgent, int since, int who, MersenneTwisterFast random) {
        if (n == order.length) {
            order = Arrays.copyOf(order, n * 2);
        }
        long s = Math.max(0, Math.min((1L << 25) - 1, (long) since + SINCE_OFFSET));
        order[n] = ((urgent ? 0L : 1L) << 62) | (s << 37) | ((long) random.nextInt(1 << 6) << 31) | (who & 0x7FFFFFFFL);
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
        // the household keeps its dwelling's neighbourhood and tenure beside it (the model's invariants)
        int from = h.hood[slot];
        byte forced = h.forced[slot];
        double income = h.income[slot];
        int persons = h.persons(slot);
        double ties = model.ties(slot, tick);
        int registered = tick;
        for (int a = 0; a < h.adults[slot]; a++) {
            registered = Math.min(registered, registration(h.adultPerson[2 * slot + a], slot, tick));
        }
        int best = findBest(income, persons, h.adults[slot], h.children[slot], h.age(slot, tick), forced, from,
                ties, tick - registered);
        if (forced == Households.FORCED_EVICTED) {
            if (best >= 0) {
                relocate(slot, best, from, MoveReason.EVICTION, tick, true);
            } else if (best <= -2) {
                model.leaveCity(slot, MoveReason.LEFT_CITY, tick, place(best));
                takeOffer(best);
            } else {
                model.leaveCity(slot, MoveReason.NO_DWELLING, tick, model.regionProcess().destination());
            }
            return;
        }
        if (forced == Households.FORCED_RENEWAL) {
            if (best >= 0) {
                relocate(slot, best, from, MoveReason.RENEWAL, tick, true);
            } else if (best <= -2) {
                model.leaveCity(slot, MoveReason.LEFT_CITY, tick, place(best));
                takeOffer(best);
            } else if (tick - h.searchSince[slot] >= hs.searchMonths()) {
                model.leaveCity(slot, MoveReason.NO_DWELLING, tick, model.regionProcess().destination());
            }
            return;
        }
        double here = utility(income, persons, h.adults[slot], h.children[slot], current, from, h.tenure[slot],
                h.housingCost[slot], from, ties);
        if (best != -1 && bestUtility > here + hs.moveThreshold()) {
            if (best >= 0) {
                relocate(slot, best, from, MoveReason.AMBITION, tick, false);
            } else {
                model.leaveCity(slot, MoveReason.LEFT_CITY, tick, place(best));
                takeOffer(best);
            }
        } else if (tick - h.searchSince[slot] >= hs.searchMonths()) {
            h.searchSince[slot] = Households.NOT_SEARCHING;
        }
    }

    /** The place of an offer code (-2 - place * tenures - tenure). */
    private static int place(int offer) {
        return (-2 - offer) / Tenure.COUNT;
    }

    /** A household took a regional offer: one dwelling fewer on offer there. */
    private void takeOffer(int offer) {
        RegionPlaces rp = model.regionPlaces();
        int r = place(offer);
        rp.vacant[r] = Math.max(0.0, rp.vacant[r] - 1.0);
    }

    private void relocate(int slot, int d, int from, MoveReason reason, int tick, boolean urgent) {
        Households h = model.households();
        Neighbourhoods nb = model.neighbourhoods();
        int to = model.dwellings().neighbourhood[d];
        boolean social = model.dwellings().tenure[d] == Tenure.SOCIAL;
        if (social) {
            socialLet(slot, -1, to, urgent, tick);
        }
        model.moveInto(slot, d, tick);
        nb.movesOut[from]++;
        nb.movesIn[to]++;
        nb.countMove(from, to, reason == MoveReason.RENEWAL);
        model.ledger().movedWithin();
        model.moveListener().onMove(tick, h.id[slot], from, to, reason, h.employed(slot), h.income[slot]);
    }

    /**
     * Books a social let in neighbourhood j to household slot (or to person p of the pending pool)
     * at its registration, and starts the registration of its adults anew.
     */
    private void socialLet(int slot, int p, int j, boolean urgent, int tick) {
        Neighbourhoods nb = model.neighbourhoods();
        Persons persons = model.persons();
        Households h = model.households();
        int since = tick;
        if (slot >= 0) {
            for (int a = 0; a < h.adults[slot]; a++) {
                int q = h.adultPerson[2 * slot + a];
                if (q >= 0) {
                    since = Math.min(since, registration(q, slot, tick));
                    persons.registeredSince[q] = Persons.month(tick);
                }
            }
        } else if (p >= 0) {
            since = registration(p, -1, tick);
            persons.registeredSince[p] = Persons.month(tick);
        }
        nb.socialLets[j]++;
        nb.socialLetMonths[j] += tick - since;
        if (urgent) {
            nb.urgentLets[j]++;
        }
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
        int who = pending.person[i];
        double income = model.incomeAlone(who, pending.status[i], pending.mental[i]);
        int age = model.persons().age(who, tick);
        int from = model.dwellings().neighbourhood[h.dwelling[parent]];
        int best = findBest(income, 1, 1, 0, age, Households.FORCED_NO, from, 0.0, tick - registration(who, -1, tick));
        if (best >= 0) {
            Neighbourhoods nb = model.neighbourhoods();
            int to = model.dwellings().neighbourhood[best];
            if (model.dwellings().tenure[best] == Tenure.SOCIAL) {
                socialLet(-1, who, to, false, tick);
            }
            int slot = model.formHousehold(parent, i, best, tick);
            ledger.formed();
            nb.movesOut[from]++;
            nb.movesIn[to]++;
            nb.countMove(from, to, false);
            model.moveListener().onMove(tick, h.id[slot], from, to,
                    starter ? MoveReason.STARTER : MoveReason.SEPARATION, h.employed(slot), h.income[slot]);
            return true;
        }
        if (best <= -2) {
            // the best offer lies in the region: this person leaves for it
            model.leaveForRegion(parent, i, tick, place(best));
            takeOffer(best);
            ledger.personsOut(1);
            return true;
        }
        int limit = model.scenario().demography().starterSearchMonths();
        if (tick - pending.since[i] >= limit) {
            // found nothing: this person leaves for the region
            model.leaveForRegion(parent, i, tick, model.regionProcess().destination());
            ledger.personsOut(1);
            return true;
        }
        return false;
    }

    private void distanceWeights(Neighbourhoods nb, List<Scenario.Place> places, double decay) {
        if (cityWeight != null && cityWeight.length == nb.count * nb.count && placeWeight.length == places.size()
                && Double.compare(weightDecay, decay) == 0) {
            return;
        }
        cityWeight = new double[nb.count * nb.count];
        for (int i = 0; i < nb.count; i++) {
            for (int j = 0; j < nb.count; j++) {
                cityWeight[i * nb.count + j] = StrictMath.pow(1.0 + nb.distance(i, j), -decay);
            }
        }
        placeWeight = new double[places.size()];
        for (int r = 0; r < places.size(); r++) {
            placeWeight[r] = StrictMath.pow(1.0 + places.get(r).distanceKm(), -decay);
        }
        weightDecay = decay;
    }

    /**
     * Samples the scenario's number of offers from the city's vacancies and the region's, of the
     * tenures this searcher may enter, each weighted by the distance decay from neighbourhood
     * {@code home} (-1: none), and returns the best affordable one (its utility in
     * {@link #bestUtility}): a city dwelling (>= 0), a regional offer (<= -2, see {@link #place}),
     * or -1.
     */
    private int findBest(double income, int persons, int adults, int children, int age, byte forced, int home,
            double ties, int registeredMonths) {
        Scenario s = model.scenario();
        Scenario.Housing hs = s.housing();
        Dwellings dw = model.dwellings();
        Neighbourhoods nb = model.neighbourhoods();
        RegionPlaces rp = model.regionPlaces();
        double[] floor = model.effects().incomeFloor;
        MersenneTwisterFast random = model.random;
        boolean socialAllowed = forced == Households.FORCED_RENEWAL || forced == Households.FORCED_EVICTED
                || income <= hs.socialIncomeLimit();
        boolean ownerAllowed = income >= hs.ownerMinIncome() && age < MAX_BUYER_AGE;
        int cityCells = nb.count * Tenure.COUNT;
        int cells = cityCells + rp.count * Tenure.COUNT;
        if (cumulative.length != cells) {
            cumulative = new double[cells];
        }
        List<Scenario.Place> places = s.region().places();
        distanceWeights(nb, places, hs.distanceDecay());
        double total = 0;
        for (int j = 0; j < nb.count; j++) {
            double w = home < 0 ? 1.0 : cityWeight[home * nb.count + j];
            for (int t = 0; t < Tenure.COUNT; t++) {
                boolean allowed = t == Tenure.SOCIAL ? socialAllowed : t == Tenure.OWNER ? ownerAllowed : true;
                if (allowed) {
                    total += w * dw.vacantCount(j, t);
                }
                cumulative[j * Tenure.COUNT + t] = total;
            }
        }
        for (int r = 0; r < rp.count; r++) {
            Scenario.Place place = places.get(r);
            double w = placeWeight[r];
            for (int t = 0; t < Tenure.COUNT; t++) {
                boolean allowed = t == Tenure.SOCIAL ? socialAllowed && forced == Households.FORCED_NO
                        && registeredMonths >= place.waitingYears() * 12 : t == Tenure.OWNER ? ownerAllowed : true;
                if (allowed) {
                    total += w * rp.offers(r, tenureShare(place, t));
                }
                cumulative[cityCells + r * Tenure.COUNT + t] = total;
            }
        }
        bestUtility = Double.NEGATIVE_INFINITY;
        if (total <= 0) {
            return -1;
        }
        double budget = hs.maxBurden() * income / 12.0;
        int best = -1;
        for (int k = 0; k < hs.candidatesPerMonth(); k++) {
            double u0 = random.nextDouble() * total;
            int cell = Arrays.binarySearch(cumulative, 0, cells, u0);
            cell = cell >= 0 ? cell + 1 : -cell - 1;
            // skip cells of zero weight (equal cumulative values)
            while (cell < cells - 1 && cumulative[cell] <= u0) {
                cell++;
            }
            int t = cell % Tenure.COUNT;
            if (cell < cityCells) {
                int j = cell / Tenure.COUNT;
                int count = dw.vacantCount(j, t);
                if (count == 0) {
                    continue;
                }
                int d = dw.vacantAt(j, t, random.nextInt(count));
                if (dw.converting[d]) {
                    continue;
                }
                // a dwelling listed vacant under (j, t) lies in j and is of tenure t (the model's invariants)
                double cost = model.askingCost(d, j, t);
                if (t != Tenure.SOCIAL && cost > budget) {
                    continue;
                }
                if (t == Tenure.SOCIAL && income < floor[j] && forced != Households.FORCED_RENEWAL) {
                    continue;
                }
                double u = utility(income, persons, adults, children, d, j, t, cost, home, ties);
                if (u > bestUtility) {
                    bestUtility = u;
                    best = d;
                }
            } else {
                int r = (cell - cityCells) / Tenure.COUNT;
                Scenario.Place place = places.get(r);
                double cost = regionalCost(place, t, rp.priceLevel[r]);
                if (t != Tenure.SOCIAL && cost > budget) {
                    continue;
                }
                double u = regionalUtility(income, adults, children, place, t, cost);
                if (u > bestUtility) {
                    bestUtility = u;
                    best = -2 - (r * Tenure.COUNT + t);
                }
            }
        }
        return best;
    }

    private static double tenureShare(Scenario.Place place, int t) {
        return t == Tenure.SOCIAL ? place.socialShare() : t == Tenure.PRIVATE ? place.privateShare()
                : Math.max(0.0, 1.0 - place.socialShare() - place.privateShare());
    }

    /** The monthly cost of a regional offer: the base cost of its tenure at the place's quality, at its price level (market tenures). */
    private double regionalCost(Scenario.Place place, int t, double price) {
        Scenario.Housing hs = model.scenario().housing();
        double base = hs.baseMonthlyCost()[t] * (1.0 + hs.qualityCostSpread() * (2.0 * place.quality() - 1.0)) * 1.1;
        return t == Tenure.SOCIAL ? base : base * price;
    }

    /** How much a household values a regional offer: as a city dwelling of the place's liveability and quality, without ties. */
    private double regionalUtility(double income, int adults, int children, Scenario.Place place, int t, double cost) {
        Scenario.Housing hs = model.scenario().housing();
        double burden = income > 0 ? cost * 12.0 / income : 1.0;
        if (t == Tenure.SOCIAL) {
            burden = Math.min(burden, 0.30);
        }
        double u = hs.preferLiveability() * place.liveability() / 100.0 + hs.preferQuality() * place.quality()
                - hs.costAversion() * Math.min(burden, 1.0);
        if (t == Tenure.OWNER) {
            u += hs.preferOwnership() * (adults == 2 || children > 0 ? 1.0 : 0.5);
        }
        return u;
    }

    /**
     * How much a household values dwelling d at monthly cost: the neighbourhood's reputation, the
     * dwelling's quality, ownership (more for couples and families), room, the cost burden (social
     * rent is capped at 30 % of income by the housing allowance), and its local ties (school, work,
     * family) if the dwelling lies in its own neighbourhood, half of them in an adjacent one. The
     * caller gives the dwelling's neighbourhood j and tenure t, which it knows without reading the
     * dwelling's arrays (a vacancy's list, a household's kept fields).
     */
    private double utility(double income, int persons, int adults, int children, int d, int j, int t, double cost, int home,
            double ties) {
        Scenario.Housing hs = model.scenario().housing();
        Dwellings dw = model.dwellings();
        double burden = income > 0 ? cost * 12.0 / income : 1.0;
        if (t == Tenure.SOCIAL) {
            burden = Math.min(burden, 0.30);
        }
        double u = hs.preferLiveability() * model.neighbourhoods().reputation[j] / 100.0
                + hs.preferQuality() * dw.quality[d]
                - hs.costAversion() * Math.min(burden, 1.0);
        if (t == Tenure.OWNER) {
            u += hs.preferOwnership() * (adults == 2 || children > 0 ? 1.0 : 0.5);
        }
        if (dw.small[d] && persons > 2) {
            u -= hs.preferSpace();
        }
        if (home >= 0 && ties > 0) {
            // a housing career near home keeps the ties
            if (j == home) {
                u += hs.preferStaying() * ties;
            } else if (model.neighbourhoods().adjacent(home, j)) {
                u += 0.5 * hs.preferStaying() * ties;
            }
        }
        return u;
    }

    private void regionalInflow(int tick) {
        Scenario s = model.scenario();
        Scenario.Housing hs = s.housing();
        Dwellings dw = model.dwellings();
        Neighbourhoods nb = model.neighbourhoods();
        Households h = model.households();
        RegionPlaces rp = model.regionPlaces();
        Persons persons = model.persons();
        Ledger ledger = model.ledger();
        MersenneTwisterFast random = model.random;
        double[] fill = hs.regionalFillMonthly();
        double sensitivity = hs.regionalPriceSensitivity();
        for (int j = 0; j < nb.count; j++) {
            for (int t = 0; t < Tenure.COUNT; t++) {
                for (int i = dw.vacantCount(j, t) - 1; i >= 0; i--) {
                    int d = dw.vacantAt(j, t, i);
                    if (dw.converting[d]) {
                        continue;
                    }
                    double p = fill[t];
                    if (t != Tenure.SOCIAL) {
                        p = Math.min(1.0, p * StrictMath.exp(-sensitivity * (nb.priceLevel[j][t] - nb.reputation[j] / 100.0)));
                    }
                    if (random.nextDouble() < p) {
                        int slot = factory.settle(d, tick, false);
                        if (slot >= 0) {
                            ledger.arrived();
                            ledger.personsIn(h.persons(slot));
                            nb.inMigrants[j]++;
                            nb.movesIn[j]++;
                            if (t == Tenure.SOCIAL) {
                                nb.newcomerSocialLets[j]++;
                            }
                            // registered in the city from arrival
                            for (int a = 0; a < h.adults[slot]; a++) {
                                int q = h.adultPerson[2 * slot + a];
                                if (q >= 0) {
                                    persons.registeredSince[q] = Persons.month(tick);
                                }
                            }
                            origin(rp, s.region(), random);
                            model.moveListener().onMove(tick, h.id[slot], -1, j, MoveReason.IN_MIGRATION,
                                    h.employed(slot), h.income[slot]);
                        }
                    }
                }
            }
        }
    }

    /** Where an in-migrant came from: abroad, or a place of the region by its share (freeing a dwelling there). */
    private static void origin(RegionPlaces rp, Scenario.Region region, MersenneTwisterFast random) {
        if (random.nextDouble() < region.abroadInShare()) {
            rp.cameFromAbroad++;
            return;
        }
        double total = 0;
        for (Scenario.Place q : region.places()) {
            total += q.inShare();
        }
        double u = random.nextDouble() * total;
        for (int r = 0; r < rp.count; r++) {
            u -= region.places().get(r).inShare();
            if (u < 0 || r == rp.count - 1) {
                rp.cameFrom[r]++;
                rp.vacant[r] += 1.0;
                return;
            }
        }
    }

    /**
     * The places' own market: a share {@code region.turnover} of each place's households move in a
     * year, freeing dwellings, and their own movers refill its vacancies at the pace that keeps it at
     * the target vacancy at its starting price, slower as its price rises above that (the
     * {@code regionalPriceSensitivity} of the city's inflow).
     */
    private void regionalMarket() {
        Scenario s = model.scenario();
        RegionPlaces rp = model.regionPlaces();
        double monthly = s.region().turnover() / 12.0;
        double target = Math.max(s.housing().targetVacancy(), 1e-3);
        double sensitivity = s.housing().regionalPriceSensitivity();
        for (int r = 0; r < rp.count; r++) {
            double refill = Math.min(1.0, monthly / target * StrictMath.exp(-sensitivity * (rp.priceLevel[r] / startPrice[r] - 1.0)));
            double occupied = rp.stock[r] - rp.vacant[r];
            rp.vacant[r] = Math.max(0.0, Math.min(rp.stock[r], rp.vacant[r] + occupied * monthly - refill * rp.vacant[r]));
        }
    }
}
