package org.wijklab.process;

import ec.util.MersenneTwisterFast;
import java.util.Arrays;
import org.wijklab.model.Blocks;
import org.wijklab.model.Dwellings;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The housing stock ages and is renewed, monthly, by who owns it and paid from what it earns:
 * <ol>
 * <li><b>Facilities</b> follow the neighbourhood's purchasing power (households times mean income,
 * as a share of the city's, relative to its share at the first month) with a lag of years.</li>
 * <li><b>Budgets.</b> The housing corporation spends {@code socialMaintenanceShare} of the rents
 * its tenants pay, pooled over the city and allocated over neighbourhoods in proportion to social
 * dwellings times occupancy times (reputation / 100)^{@code marketFocus}. Private landlords spend
 * {@code privateMaintenanceShare} of each neighbourhood's private rents on its private stock (so
 * the spend per dwelling follows rent level and occupancy). An owner-occupier spends
 * {@code ownerValueShare} of its dwelling's value a year (the value capitalises the asking cost at
 * the neighbourhood's price level), at most {@code ownerIncomeShare} of its income.</li>
 * <li><b>Quality.</b> Each dwelling loses {@code depreciationPerYear / 12} of its quality and gains its
 * spend / {@code qualityCost} (quality in [0, 1]; spend beyond 1 is not made), so a dwelling settles
 * at the quality where spend / qualityCost = depreciation x quality: higher where more is spent. A vacant dwelling below
 * {@code renovateBelow} is renovated to {@code renovationQuality} when the capitalised rise of its
 * rent at the neighbourhood's price level (for social rent: reputation / 100) exceeds the cost.
 * The base cost follows the quality by the generator's rule; sitting households keep what they
 * pay until they move.</li>
 * <li><b>Demolition and new build</b>: vacant dwellings below
 * {@code demolishBelow} vacant for {@code demolishVacantMonths} become plots; plots are built on
 * where the market tenure's vacancy is below the target and a new dwelling's value exceeds
 * {@code buildCost}.</li>
 * </ol>
 * The dwellings age on the block threads, each neighbourhood's by one thread in index order (a
 * neighbourhood's spend adds up in the same order whatever the thread count), and those found
 * obsolete are demolished after, in index order; the owner-occupiers'
 * incomes it needs are first copied to their dwellings by a pass over the households on the block
 * threads (each writes only its own dwelling's entry). New build draws from the model's stream on
 * its thread. So a run is the same for any number of threads.
 */
public final class Stock implements Steppable {
    private static final long serialVersionUID = 1L;
    private final WijkLabModel model;

    /** This month's euros spent on maintenance and renovation, per neighbourhood. */
    private double[] spend = new double[0];
    private int[] built = new int[0];
    private int[] demolished = new int[0];
    /** Months each dwelling has been vacant when the stock last looked (0 when occupied). */
    private int[] vacantMonths = new int[0];
    /**
     * Each owner-occupied dwelling's household income this month, written by one pass over the
     * households in slot order (on the block threads) just before the dwellings age: the same float
     * the pass over the dwellings read from the household at a scattered slot. Scratch, not state.
     */
    private transient float[] ownerIncome;
    /** Purchasing-power share and facilities at the first month: facilities move relative to these. */
    private double[] powerShare0;
    private double[] facilities0;
    private double[] powerShare = new double[0];
    private double[] perSocial = new double[0];
    private double[] perPrivate = new double[0];
    private double[] privateRent = new double[0];
    private int[] socialCount = new int[0];
    private int[] socialLet = new int[0];
    private int[] privateCount = new int[0];
    /** Multiplier on every owner's maintenance budget per neighbourhood (1 unless set: see {@link #scaleBudget}). */
    private double[] budgetFactor = new double[0];

    public Stock(WijkLabModel model) {
        this.model = model;
    }

    @Override
    public void step(SimState state) {
        Neighbourhoods nb = model.neighbourhoods();
        Dwellings dw = model.dwellings();
        int n = nb.count;
        if (spend.length != n) {
            spend = new double[n];
            built = new int[n];
            demolished = new int[n];
            powerShare = new double[n];
            perSocial = new double[n];
            perPrivate = new double[n];
            privateRent = new double[n];
            socialCount = new int[n];
            socialLet = new int[n];
            privateCount = new int[n];
        }
        if (budgetFactor.length != n) {
            budgetFactor = new double[n];
            Arrays.fill(budgetFactor, 1.0);
        }
        if (vacantMonths.length != dw.count) {
            vacantMonths = Arrays.copyOf(vacantMonths, dw.count);
        }
        Arrays.fill(spend, 0.0);
        Arrays.fill(built, 0);
        Arrays.fill(demolished, 0);
        facilities();
        budgets();
        age();
        build();
        if (model.tick() <= 0) {
            // the recorded run starts at tick 0 without events (as the neighbourhoods' counters)
            Arrays.fill(spend, 0.0);
            Arrays.fill(built, 0);
            Arrays.fill(demolished, 0);
        }
    }

    /** Facilities relax towards their start value times the relative change of the purchasing-power share. */
    private void facilities() {
        Scenario.Stock st = model.scenario().stock();
        Neighbourhoods nb = model.neighbourhoods();
        int n = nb.count;
        double total = 0;
        for (int j = 0; j < n; j++) {
            powerShare[j] = nb.households[j] * nb.meanIncome[j];
            total += powerShare[j];
        }
        for (int j = 0; j < n; j++) {
            powerShare[j] = total > 0 ? powerShare[j] / total : 0.0;
        }
        if (powerShare0 == null) {
            powerShare0 = powerShare.clone();
            facilities0 = nb.facilities.clone();
            return;
        }
        double rate = 1.0 / (12.0 * st.facilitiesLagYears());
        for (int j = 0; j < n; j++) {
            double target = facilities0[j];
            if (powerShare0[j] > 0) {
                target *= StrictMath.pow(powerShare[j] / powerShare0[j], st.facilitiesElasticity());
            }
            target = Math.max(0.0, Math.min(1.0, target));
            nb.facilities[j] += (target - nb.facilities[j]) * rate;
        }
    }

    /** The corporation's spend per social dwelling and the landlords' per private dwelling, per neighbourhood, this month. */
    private void budgets() {
        Scenario.Stock st = model.scenario().stock();
        Neighbourhoods nb = model.neighbourhoods();
        Dwellings dw = model.dwellings();
        Households h = model.households();
        int n = nb.count;
        Arrays.fill(socialCount, 0);
        Arrays.fill(socialLet, 0);
        Arrays.fill(privateCount, 0);
        Arrays.fill(privateRent, 0.0);
        double socialRent = 0;
        for (int d = 0; d < dw.count; d++) {
            if (dw.isPlot(d)) {
                continue;
            }
            int j = dw.neighbourhood[d];
            int occupant = dw.occupant[d];
            if (dw.tenure[d] == Tenure.SOCIAL) {
                socialCount[j]++;
                if (occupant >= 0) {
                    socialLet[j]++;
                    socialRent += h.housingCost[occupant];
                }
            } else if (dw.tenure[d] == Tenure.PRIVATE) {
                privateCount[j]++;
                if (occupant >= 0) {
                    privateRent[j] += h.housingCost[occupant];
                }
            }
        }
        double budget = st.socialMaintenanceShare() * socialRent;
        double weights = 0;
        for (int j = 0; j < n; j++) {
            perSocial[j] = socialLet[j] * StrictMath.pow(Math.max(0.0, nb.reputation[j]) / 100.0, st.marketFocus());
            weights += perSocial[j];
        }
        for (int j = 0; j < n; j++) {
            perSocial[j] = weights > 0 && socialCount[j] > 0 ? budget * perSocial[j] / weights / socialCount[j] : 0.0;
            perPrivate[j] = privateCount[j] > 0 ? st.privateMaintenanceShare() * privateRent[j] / privateCount[j] : 0.0;
        }
    }

    /** Depreciation, maintenance and renovation of every dwelling, and the base cost that follows its quality. */
    private void age() {
        Scenario.Stock st = model.scenario().stock();
        Scenario.Housing hs = model.scenario().housing();
        Neighbourhoods nb = model.neighbourhoods();
        Dwellings dw = model.dwellings();
        Households h = model.households();
        double loss = st.depreciationPerYear() / 12.0;
        double cost = st.qualityCost();
        double[] base = hs.baseMonthlyCost();
        double spread = hs.qualityCostSpread();
        double months = 12.0 / st.capitalisationYield();
        float[] income = ownerIncomes(h, dw);
        // the neighbourhoods in groups (by default each its own), each group's dwellings aged by
        // one thread in index order: a neighbourhood's spend adds its dwellings in the same order
        // whatever the groups
        Blocks blocks = model.blocks();
        int groups = ageGroups > 0 ? Math.min(nb.count, ageGroups) : nb.count;
        if (demolitions == null || demolitions.length != groups) {
            demolitions = new int[groups][16];
            demolitionCount = new int[groups];
        }
        findRuns(dw);
        int[] starts = runStart;
        short[] hoods = runHood;
        int runs = starts.length;
        int count = dw.count;
        blocks.forEachChunk(groups, g -> {
            int[] found = demolitions[g];
            int n = 0;
            for (int r = 0; r < runs; r++) {
                int j = hoods[r];
                if (j % groups != g) {
                    continue;
                }
                for (int d = starts[r], end = r + 1 < runs ? starts[r + 1] : count; d < end; d++) {
                    if (dw.isPlot(d)) {
                        vacantMonths[d] = 0;
                        continue;
                    }
                    int t = dw.tenure[d];
                    int occupant = dw.occupant[d];
                    vacantMonths[d] = occupant >= 0 ? 0 : vacantMonths[d] + 1;
                    // wear takes a share of what there is to wear: a dwelling kept at a spend settles where
                    // spend / qualityCost balances depreciation x quality, higher where more is spent
                    double q = Math.max(0.0, dw.quality[d] * (1.0 - loss));
                    if (!dw.converting[d]) {
                        double money;
                        if (t == Tenure.SOCIAL) {
                            money = perSocial[j];
                        } else if (t == Tenure.PRIVATE) {
                            money = perPrivate[j];
                        } else if (occupant >= 0) {
                            double value = dw.baseCost[d] * nb.priceLevel[j][t] * months;
                            money = Math.min(st.ownerValueShare() * value, st.ownerIncomeShare() * income[d]) / 12.0;
                        } else {
                            money = 0.0;
                        }
                        money = Math.max(0.0, Math.min(money * budgetFactor[j], (1.0 - q) * cost));
                        q += money / cost;
                        spend[j] += money;
                        if (occupant < 0 && q < st.renovateBelow()) {
                            double market = t == Tenure.SOCIAL ? nb.reputation[j] / 100.0 : nb.priceLevel[j][t];
                            double rentPerQuality = base[t] * 2.0 * spread * (dw.small[d] ? 0.8 : 1.1) * market;
                            if (rentPerQuality * months >= cost) {
                                spend[j] += (st.renovationQuality() - q) * cost;
                                q = st.renovationQuality();
                            }
                        }
                    }
                    q = Math.min(1.0, q);
                    dw.quality[d] = (float) q;
                    if (occupant < 0 && !dw.converting[d] && q < st.demolishBelow() && vacantMonths[d] >= st.demolishVacantMonths()) {
                        // obsolete and unwanted: the land becomes a plot again (below, in index order)
                        if (n == found.length) {
                            found = Arrays.copyOf(found, 2 * n);
                            demolitions[g] = found;
                        }
                        found[n++] = d;
                        demolished[j]++;
                        vacantMonths[d] = 0;
                        continue;
                    }
                    dw.baseCost[d] = (float) (base[t] * (1.0 + spread * (2.0 * dw.quality[d] - 1.0)) * (dw.small[d] ? 0.8 : 1.1));
                }
            }
            demolitionCount[g] = n;
        });
        demolishFound(dw, groups);
    }

    /**
     * The dwellings the groups found to demolish, in index order (the vacancy lists and the plots
     * change as one pass in index order changed them); nothing a dwelling's ageing reads changes.
     */
    private void demolishFound(Dwellings dw, int groups) {
        int total = 0;
        for (int g = 0; g < groups; g++) {
            total += demolitionCount[g];
        }
        if (total == 0) {
            return;
        }
        int[] all = new int[total];
        int at = 0;
        for (int g = 0; g < groups; g++) {
            System.arraycopy(demolitions[g], 0, all, at, demolitionCount[g]);
            at += demolitionCount[g];
        }
        Arrays.sort(all);
        for (int d : all) {
            dw.demolish(d);
        }
    }

    /**
     * The groups of neighbourhoods the dwellings age in: 0 for each neighbourhood its own. Any
     * number gives the same bytes; a test sets others to show it.
     */
    transient int ageGroups;

    /**
     * The dwellings as runs of consecutive indices in one neighbourhood, in index order: where each
     * run starts and its neighbourhood (a generated city has one run a neighbourhood). Made once:
     * a dwelling never changes neighbourhood.
     */
    private transient int[] runStart;
    private transient short[] runHood;
    private transient Dwellings runsOf;

    private void findRuns(Dwellings dw) {
        if (runsOf == dw) {
            return;
        }
        int runs = 0;
        for (int d = 0; d < dw.count; d++) {
            if (d == 0 || dw.neighbourhood[d] != dw.neighbourhood[d - 1]) {
                runs++;
            }
        }
        int[] starts = new int[runs];
        short[] hoods = new short[runs];
        int r = 0;
        for (int d = 0; d < dw.count; d++) {
            if (d == 0 || dw.neighbourhood[d] != dw.neighbourhood[d - 1]) {
                starts[r] = d;
                hoods[r++] = dw.neighbourhood[d];
            }
        }
        runStart = starts;
        runHood = hoods;
        runsOf = dw;
    }

    /** Per group of neighbourhoods: the dwellings found to demolish this month (scratch). */
    private transient int[][] demolitions;
    private transient int[] demolitionCount;

    /**
     * {@link #ownerIncome} for this month: every household in an owner-occupied dwelling writes its
     * income at its dwelling (a household keeps its dwelling's tenure beside it, which the
     * invariants check); the other entries are not read.
     */
    private float[] ownerIncomes(Households h, Dwellings dw) {
        if (ownerIncome == null || ownerIncome.length != dw.count) {
            ownerIncome = new float[dw.count];
        }
        float[] income = ownerIncome;
        Blocks blocks = model.blocks();
        blocks.forEach(b -> {
            for (int slot = blocks.from(b), to = blocks.to(b); slot < to; slot++) {
                if (h.tenure[slot] == Tenure.OWNER && h.dwelling[slot] >= 0) {
                    income[h.dwelling[slot]] = h.income[slot];
                }
            }
        });
        return income;
    }

    /**
     * Scales the maintenance budgets of every owner in neighbourhood j from now on (0: nobody
     * maintains its stock). No scenario sets it; an experiment on the stock (and its tests) can.
     */
    public void scaleBudget(int j, double factor) {
        if (budgetFactor.length != model.neighbourhoods().count) {
            budgetFactor = new double[model.neighbourhoods().count];
            Arrays.fill(budgetFactor, 1.0);
        }
        budgetFactor[j] = factor;
    }

    /**
     * New build on the plots of neighbourhoods where a market tenure's vacancy (last observation) is
     * below the target and a new dwelling's capitalised asking cost exceeds the building cost: each
     * plot is built on this month with probability 1 - exp(-buildResponse * margin / 12), margin =
     * value / buildCost - 1, in the tenure of the larger margin.
     */
    private void build() {
        Scenario.Stock st = model.scenario().stock();
        Scenario.Housing hs = model.scenario().housing();
        Neighbourhoods nb = model.neighbourhoods();
        Dwellings dw = model.dwellings();
        MersenneTwisterFast random = model.random;
        double[] base = hs.baseMonthlyCost();
        double spread = hs.qualityCostSpread();
        double qn = st.newBuildQuality();
        double months = 12.0 / st.capitalisationYield();
        for (int j = 0; j < nb.count; j++) {
            int plots = dw.plotCount(j);
            if (plots == 0) {
                continue;
            }
            double smallShare = model.scenario().city().neighbourhoods().get(j).smallDwellingShare();
            double size = smallShare * 0.8 + (1.0 - smallShare) * 1.1;
            byte tenure = -1;
            double margin = 0.0;
            for (byte t = Tenure.PRIVATE; t <= Tenure.OWNER; t++) {
                int stock = nb.dwellingsByTenure[j][t];
                if (stock == 0 || nb.vacantByTenure[j][t] / (double) stock >= hs.targetVacancy()) {
                    continue;
                }
                double value = base[t] * (1.0 + spread * (2.0 * qn - 1.0)) * size * nb.priceLevel[j][t] * months;
                double m = value / st.buildCost() - 1.0;
                if (m > margin) {
                    margin = m;
                    tenure = t;
                }
            }
            if (tenure < 0) {
                continue;
            }
            double p = 1.0 - StrictMath.exp(-st.buildResponse() * margin / 12.0);
            for (int i = plots - 1; i >= 0; i--) {
                if (random.nextDouble() >= p) {
                    continue;
                }
                int d = dw.plotAt(j, i);
                dw.small[d] = random.nextDouble() < smallShare;
                dw.quality[d] = (float) qn;
                dw.baseCost[d] = (float) (base[tenure] * (1.0 + spread * (2.0 * qn - 1.0)) * (dw.small[d] ? 0.8 : 1.1));
                dw.build(d, tenure);
                vacantMonths[d] = 0;
                built[j]++;
            }
        }
    }

    /** Euro spent on maintenance and renovation in neighbourhood j this month. */
    public double maintenanceSpend(int j) {
        return spend.length > j ? spend[j] : 0.0;
    }

    /** Dwellings built in neighbourhood j this month. */
    public int built(int j) {
        return built.length > j ? built[j] : 0;
    }

    /** Dwellings demolished in neighbourhood j this month. */
    public int demolished(int j) {
        return demolished.length > j ? demolished[j] : 0;
    }

    /** Months dwelling d has been vacant (0 when occupied), as of this month's pass. */
    public int vacantMonths(int d) {
        return d < vacantMonths.length ? vacantMonths[d] : 0;
    }
}
