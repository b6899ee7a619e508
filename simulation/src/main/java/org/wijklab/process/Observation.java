package org.wijklab.process;

import java.util.Arrays;
import org.wijklab.model.Blocks;
import org.wijklab.model.Dwellings;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Observation, last in every tick: one pass over households (its blocks in parallel, their
 * partial counts summed in block order) and one over dwellings compute the
 * statistics per neighbourhood (kept on {@link Neighbourhoods} for the next tick's processes, and
 * here for the writers), the city's income distribution and employment rate; then the tick
 * listeners write their rows. Metrics are defined once, here.
 */
public final class Observation implements Steppable {
    private static final long serialVersionUID = 1L;
    private final WijkLabModel model;

    private int[] adults = new int[0];
    private int[] workingAge = new int[0];
    private int[] employed = new int[0];
    private int[] unemployed = new int[0];
    private int[] goodMental = new int[0];
    private int[] severeMental = new int[0];
    private int[] debtHouseholds = new int[0];
    private int[] activeOrders = new int[0];
    private int[] youthProblems = new int[0];
    private int[] children = new int[0];
    private int[] lowIncome = new int[0];
    private int[] owners = new int[0];
    private int[] singles = new int[0];
    private int[] lowEducated = new int[0];
    private int[] onBenefit = new int[0];
    private long[] headAgeSum = new long[0];
    private double[] incomeSum = new double[0];
    private double[] equivalisedSum = new double[0];
    private double[] tiesSum = new double[0];
    private double[] qualitySum = new double[0];
    private final long[] incomeHistogram = new long[400];

    /** The fields a block counts per neighbourhood (rows of its partial counts). */
    private static final int HOUSEHOLDS = 0;
    private static final int RESIDENTS = 1;
    private static final int ADULTS = 2;
    private static final int CHILDREN = 3;
    private static final int WORKING_AGE = 4;
    private static final int EMPLOYED = 5;
    private static final int UNEMPLOYED = 6;
    private static final int SEVERE = 7;
    private static final int GOOD_MENTAL = 8;
    private static final int SINGLES = 9;
    private static final int LOW_EDUCATED = 10;
    private static final int ON_BENEFIT = 11;
    private static final int DEBTS = 12;
    private static final int ORDERS = 13;
    private static final int YOUTH = 14;
    private static final int LOW_INCOME = 15;
    private static final int OWNERS = 16;
    private static final int DWELLINGS = 17;
    private static final int BY_TENURE = 18;
    private static final int VACANT_BY_TENURE = BY_TENURE + Tenure.COUNT;
    private static final int FIELDS = VACANT_BY_TENURE + Tenure.COUNT;
    /**
     * Per block: counts, head-age sums, sums (household income, ties, dwelling quality, residents'
     * equivalised income), income histogram (summed in block order).
     */
    private int[][] counts = new int[0][0];
    private long[][] ageSums = new long[0][0];
    private double[][] sums = new double[0][0];
    private long[][] histograms = new long[0][0];

    public Observation(WijkLabModel model) {
        this.model = model;
    }

    @Override
    public void step(SimState state) {
        int tick = model.tick();
        updateTurnover();
        if (tick < 0) {
            computeStatistics(tick);
            model.discardTick();
            return;
        }
        if (tick == 0) {
            // the recorded run starts here: no events yet, accounts from zero
            model.neighbourhoods().resetEvents();
            model.regionPlaces().resetEvents();
            model.ledger().resetAll();
            model.costs().reset();
        }
        computeStatistics(tick);
        model.notifyListeners(tick);
    }

    /** Yearly share of households moving out, smoothed over about a year, from this tick's moves. */
    private void updateTurnover() {
        Neighbourhoods nb = model.neighbourhoods();
        for (int j = 0; j < nb.count; j++) {
            double monthly = ratio(nb.movesOut[j], nb.households[j]);
            nb.turnover[j] += (12.0 * monthly - nb.turnover[j]) / 12.0;
        }
    }

    public void computeStatistics(int tick) {
        Dwellings dw = model.dwellings();
        Neighbourhoods nb = model.neighbourhoods();
        int n = nb.count;
        if (adults.length != n) {
            adults = new int[n];
            workingAge = new int[n];
            employed = new int[n];
            unemployed = new int[n];
            goodMental = new int[n];
            severeMental = new int[n];
            debtHouseholds = new int[n];
            activeOrders = new int[n];
            youthProblems = new int[n];
            children = new int[n];
            lowIncome = new int[n];
            owners = new int[n];
            singles = new int[n];
            lowEducated = new int[n];
            onBenefit = new int[n];
            headAgeSum = new long[n];
            incomeSum = new double[n];
            equivalisedSum = new double[n];
            tiesSum = new double[n];
            qualitySum = new double[n];
        }
        Arrays.fill(adults, 0);
        Arrays.fill(workingAge, 0);
        Arrays.fill(employed, 0);
        Arrays.fill(unemployed, 0);
        Arrays.fill(goodMental, 0);
        Arrays.fill(severeMental, 0);
        Arrays.fill(debtHouseholds, 0);
        Arrays.fill(activeOrders, 0);
        Arrays.fill(youthProblems, 0);
        Arrays.fill(children, 0);
        Arrays.fill(lowIncome, 0);
        Arrays.fill(owners, 0);
        Arrays.fill(singles, 0);
        Arrays.fill(lowEducated, 0);
        Arrays.fill(onBenefit, 0);
        Arrays.fill(headAgeSum, 0);
        Arrays.fill(incomeSum, 0);
        Arrays.fill(equivalisedSum, 0);
        Arrays.fill(tiesSum, 0);
        Arrays.fill(qualitySum, 0);
        Arrays.fill(nb.residents, 0);
        Arrays.fill(nb.households, 0);
        Arrays.fill(nb.dwellings, 0);
        Arrays.fill(incomeHistogram, 0);
        for (int j = 0; j < n; j++) {
            Arrays.fill(nb.dwellingsByTenure[j], 0);
            Arrays.fill(nb.vacantByTenure[j], 0);
        }
        double lowThreshold = model.scenario().problems().lowIncomeThreshold();
        Blocks blocks = model.blocks();
        if (counts.length != blocks.count() || counts[0].length != FIELDS * n) {
            counts = new int[blocks.count()][FIELDS * n];
            ageSums = new long[blocks.count()][n];
            sums = new double[blocks.count()][4 * n];
            histograms = new long[blocks.count()][incomeHistogram.length];
        }
        // the dwellings are cut into as many consecutive ranges as there are blocks
        int perBlock = (dw.count + blocks.count() - 1) / blocks.count();
        blocks.forEach(b -> {
            tally(b, blocks.from(b), blocks.to(b), n, tick, lowThreshold);
            tallyDwellings(b, Math.min(dw.count, b * perBlock), Math.min(dw.count, (b + 1) * perBlock), n);
        });
        // the blocks' partials, in block order: the same sums whatever the number of threads
        long cityWorking = 0;
        long cityEmployed = 0;
        long households = 0;
        for (int b = 0; b < blocks.count(); b++) {
            int[] c = counts[b];
            for (int j = 0; j < n; j++) {
                nb.households[j] += c[HOUSEHOLDS * n + j];
                nb.residents[j] += c[RESIDENTS * n + j];
                adults[j] += c[ADULTS * n + j];
                children[j] += c[CHILDREN * n + j];
                workingAge[j] += c[WORKING_AGE * n + j];
                employed[j] += c[EMPLOYED * n + j];
                unemployed[j] += c[UNEMPLOYED * n + j];
                severeMental[j] += c[SEVERE * n + j];
                goodMental[j] += c[GOOD_MENTAL * n + j];
                singles[j] += c[SINGLES * n + j];
                lowEducated[j] += c[LOW_EDUCATED * n + j];
                onBenefit[j] += c[ON_BENEFIT * n + j];
                debtHouseholds[j] += c[DEBTS * n + j];
                activeOrders[j] += c[ORDERS * n + j];
                youthProblems[j] += c[YOUTH * n + j];
                lowIncome[j] += c[LOW_INCOME * n + j];
                owners[j] += c[OWNERS * n + j];
                headAgeSum[j] += ageSums[b][j];
                incomeSum[j] += sums[b][j];
                tiesSum[j] += sums[b][n + j];
                equivalisedSum[j] += sums[b][3 * n + j];
                cityWorking += c[WORKING_AGE * n + j];
                cityEmployed += c[EMPLOYED * n + j];
                households += c[HOUSEHOLDS * n + j];
            }
            long[] hist = histograms[b];
            for (int bin = 0; bin < hist.length; bin++) {
                incomeHistogram[bin] += hist[bin];
            }
        }
        for (int b = 0; b < blocks.count(); b++) {
            int[] c = counts[b];
            for (int j = 0; j < n; j++) {
                nb.dwellings[j] += c[DWELLINGS * n + j];
                for (int t = 0; t < Tenure.COUNT; t++) {
                    nb.dwellingsByTenure[j][t] += c[(BY_TENURE + t) * n + j];
                    nb.vacantByTenure[j][t] += c[(VACANT_BY_TENURE + t) * n + j];
                }
                qualitySum[j] += sums[b][2 * n + j];
            }
        }
        for (int j = 0; j < n; j++) {
            int hh = nb.households[j];
            nb.employmentRate[j] = ratio(employed[j], workingAge[j]);
            nb.unemploymentShare[j] = ratio(unemployed[j], workingAge[j]);
            nb.lowIncomeShare[j] = ratio(lowIncome[j], hh);
            nb.youthProblemShare[j] = ratio(youthProblems[j], hh);
            nb.meanTies[j] = hh == 0 ? 0 : tiesSum[j] / hh;
            nb.ownerShare[j] = ratio(owners[j], hh);
            nb.meanQuality[j] = nb.dwellings[j] == 0 ? 0 : qualitySum[j] / nb.dwellings[j];
            nb.meanIncome[j] = hh == 0 ? 0 : incomeSum[j] / hh;
            nb.goodMentalHealth[j] = ratio(goodMental[j], adults[j]);
        }
        model.cityEmploymentRate = ratio(cityEmployed, cityWorking);
        double[] cdf = model.incomeCdf();
        long below = 0;
        for (int b = 0; b < cdf.length; b++) {
            cdf[b] = households == 0 ? 0 : below / (double) households;
            below += incomeHistogram[b];
        }
    }

    /** Counts a range of dwellings into block b's partials (tallied after its households). */
    private void tallyDwellings(int b, int from, int to, int n) {
        Dwellings dw = model.dwellings();
        int[] c = counts[b];
        double[] sum = sums[b];
        for (int d = from; d < to; d++) {
            if (dw.plot[d]) {
                continue;
            }
            int j = dw.neighbourhood[d];
            int t = dw.tenure[d];
            c[DWELLINGS * n + j]++;
            c[(BY_TENURE + t) * n + j]++;
            if (dw.occupant[d] < 0) {
                c[(VACANT_BY_TENURE + t) * n + j]++;
            }
            sum[2 * n + j] += dw.quality[d];
        }
    }

    /** Counts the households of one block into the block's partials. */
    private void tally(int b, int from, int to, int n, int tick, double lowThreshold) {
        Households h = model.households();
        int[] c = counts[b];
        long[] ageSum = ageSums[b];
        double[] sum = sums[b];
        long[] hist = histograms[b];
        Arrays.fill(c, 0);
        Arrays.fill(ageSum, 0);
        Arrays.fill(sum, 0.0);
        Arrays.fill(hist, 0);
        for (int slot = from; slot < to; slot++) {
            int j = h.hood[slot];
            if (j < 0) {
                continue;
            }
            int a = h.adults[slot];
            int kids = h.children[slot];
            // the counts are added without branches: households differ too much, one from the
            // next, for a branch predictor (the second adult counts only when there are two)
            int k = 2 * slot;
            int first = a > 0 ? 1 : 0;
            int second = a > 1 ? 1 : 0;
            byte s0 = h.status[k];
            byte s1 = h.status[k + 1];
            byte m0 = h.mental[k];
            byte m1 = h.mental[k + 1];
            int wa = (s0 != Households.RETIRED ? first : 0) + (s1 != Households.RETIRED ? second : 0);
            int e = (s0 == Households.EMPLOYED ? first : 0) + (s1 == Households.EMPLOYED ? second : 0);
            c[HOUSEHOLDS * n + j]++;
            c[RESIDENTS * n + j] += a + kids;
            c[ADULTS * n + j] += a;
            c[CHILDREN * n + j] += kids;
            c[WORKING_AGE * n + j] += wa;
            c[EMPLOYED * n + j] += e;
            c[UNEMPLOYED * n + j] += (s0 == Households.UNEMPLOYED ? first : 0) + (s1 == Households.UNEMPLOYED ? second : 0);
            c[SEVERE * n + j] += (m0 == Households.SEVERE ? first : 0) + (m1 == Households.SEVERE ? second : 0);
            c[GOOD_MENTAL * n + j] += (m0 == Households.GOOD ? first : 0) + (m1 == Households.GOOD ? second : 0);
            c[SINGLES * n + j] += a == 1 && kids == 0 ? 1 : 0;
            c[LOW_EDUCATED * n + j] += (h.adultEducation[k] == 0 ? first : 0) + (h.adultEducation[k + 1] == 0 ? second : 0);
            // working-age adults living on a benefit of their own (WW, disability) or on social assistance
            c[ON_BENEFIT * n + j] += h.onBenefit[slot];
            ageSum[j] += h.age(slot, tick);
            int youth = h.youth[slot];
            c[DEBTS * n + j] += h.debt[slot] > 0 ? 1 : 0;
            c[ORDERS * n + j] += youth == 3 ? 1 : 0;
            c[YOUTH * n + j] += youth > 0 ? 1 : 0;
            double equivalised = h.equivalisedIncome(slot);
            c[LOW_INCOME * n + j] += equivalised < lowThreshold ? 1 : 0;
            c[OWNERS * n + j] += h.tenure[slot] == Tenure.OWNER ? 1 : 0;
            sum[j] += h.income[slot];
            sum[n + j] += model.ties(slot, tick);
            // every member counts: the mean is per person, as the decomposition's income metric
            sum[3 * n + j] += (a + kids) * equivalised;
            int bin = (int) (h.income[slot] / WijkLabModel.INCOME_BIN);
            hist[Math.max(0, Math.min(hist.length - 1, bin))]++;
        }
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0.0 : a / (double) b;
    }

    public int adults(int j) {
        return adults[j];
    }

    public int workingAge(int j) {
        return workingAge[j];
    }

    public int employed(int j) {
        return employed[j];
    }

    public int unemployed(int j) {
        return unemployed[j];
    }

    public int children(int j) {
        return children[j];
    }

    public int goodMental(int j) {
        return goodMental[j];
    }

    public int severeMental(int j) {
        return severeMental[j];
    }

    public int debtHouseholds(int j) {
        return debtHouseholds[j];
    }

    public int activeOrders(int j) {
        return activeOrders[j];
    }

    /** Households of one adult without children. */
    public int singles(int j) {
        return singles[j];
    }

    /** Adults with low education (each by its own). */
    public int lowEducated(int j) {
        return lowEducated[j];
    }

    /** Working-age adults living on a benefit: WW, a disability benefit or social assistance (their household topped up to the norm). */
    public int onBenefit(int j) {
        return onBenefit[j];
    }

    public double meanHeadAge(int j) {
        return model.neighbourhoods().households[j] == 0 ? 0 : headAgeSum[j] / (double) model.neighbourhoods().households[j];
    }

    /**
     * Mean over the residents (persons of every age) of their household's equivalised disposable
     * income ({@link Households#equivalisedIncome}): the income metric of the decomposition and the
     * cohorts, for the neighbourhood's residents, where {@code meanIncome} is per household and
     * not equivalised.
     */
    public double equivalisedIncome(int j) {
        int residents = model.neighbourhoods().residents[j];
        return residents == 0 ? 0 : equivalisedSum[j] / residents;
    }

    public int lowIncome(int j) {
        return lowIncome[j];
    }
}
