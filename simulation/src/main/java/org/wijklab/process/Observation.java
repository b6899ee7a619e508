package org.wijklab.process;

import java.util.Arrays;
import org.wijklab.model.Dwellings;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Observation, last in every tick: one pass over households and one over dwellings compute the
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
    private double[] tiesSum = new double[0];
    private double[] qualitySum = new double[0];
    private final long[] incomeHistogram = new long[400];

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
        Households h = model.households();
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
        long cityWorking = 0;
        long cityEmployed = 0;
        long households = 0;
        for (int slot = 0; slot < h.capacity; slot++) {
            int d = h.dwelling[slot];
            if (d < 0) {
                continue;
            }
            households++;
            int j = dw.neighbourhood[d];
            int a = h.adults[slot];
            nb.households[j]++;
            nb.residents[j] += a + h.children[slot];
            adults[j] += a;
            children[j] += h.children[slot];
            int wa = h.workingAge(slot);
            int e = h.employed(slot);
            workingAge[j] += wa;
            employed[j] += e;
            cityWorking += wa;
            cityEmployed += e;
            for (int k = 0; k < a; k++) {
                if (h.status[2 * slot + k] == Households.UNEMPLOYED) {
                    unemployed[j]++;
                }
                if (h.mental[2 * slot + k] == Households.SEVERE) {
                    severeMental[j]++;
                }
            }
            goodMental[j] += h.goodMentalHealth(slot);
            if (a == 1 && h.children[slot] == 0) {
                singles[j]++;
            }
            if (h.education[slot] == 0) {
                lowEducated[j] += a;
            }
            if (e == 0) {
                // nobody earns: the working-age adults live on a benefit
                onBenefit[j] += wa;
            }
            headAgeSum[j] += h.age(slot, tick);
            if (h.debt[slot] > 0) {
                debtHouseholds[j]++;
            }
            if (h.youth[slot] == 3) {
                activeOrders[j]++;
            }
            if (h.youth[slot] > 0) {
                youthProblems[j]++;
            }
            if (h.equivalisedIncome(slot) < lowThreshold) {
                lowIncome[j]++;
            }
            if (dw.tenure[d] == Tenure.OWNER) {
                owners[j]++;
            }
            incomeSum[j] += h.income[slot];
            tiesSum[j] += model.ties(tick - h.moveInTick[slot]);
            int bin = (int) (h.income[slot] / WijkLabModel.INCOME_BIN);
            incomeHistogram[Math.max(0, Math.min(incomeHistogram.length - 1, bin))]++;
        }
        for (int d = 0; d < dw.count; d++) {
            int j = dw.neighbourhood[d];
            nb.dwellings[j]++;
            nb.dwellingsByTenure[j][dw.tenure[d]]++;
            if (dw.occupant[d] < 0) {
                nb.vacantByTenure[j][dw.tenure[d]]++;
            }
            qualitySum[j] += dw.quality[d];
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

    /** Adults with low education (the household's education is the head's). */
    public int lowEducated(int j) {
        return lowEducated[j];
    }

    /** Working-age adults in households without an earner (on unemployment or social assistance). */
    public int onBenefit(int j) {
        return onBenefit[j];
    }

    public double meanHeadAge(int j) {
        return model.neighbourhoods().households[j] == 0 ? 0 : headAgeSum[j] / (double) model.neighbourhoods().households[j];
    }

    public int lowIncome(int j) {
        return lowIncome[j];
    }
}
