package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ec.util.MersenneTwisterFast;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wijklab.scenario.Designs;

/**
 * Whether the sensitivity indices' 95 % bootstrap intervals contain the true values, on Sobol's
 * G-function with k = 8 (a = 0, 1, 4.5, 9, 99, 99, 99, 99), whose Sobol indices and Morris mu* are
 * known in closed form, with and without seed noise: each case repeats the whole design (a new
 * scramble or new trajectories, and new noise) many times with fixed seeds and counts how often
 * each index's interval holds the truth.
 */
class IndexCoverageTest {
    static final double[] A = {0, 1, 4.5, 9, 99, 99, 99, 99};
    static final int K = A.length;
    static final List<String> NAMES = List.of("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8");

    static double g(double[] u) {
        double p = 1;
        for (int j = 0; j < K; j++) {
            p *= (Math.abs(4 * u[j] - 2) + A[j]) / (1 + A[j]);
        }
        return p;
    }

    /** V_i = 1 / (3 (1 + a_i)^2); V = prod (1 + V_i) - 1. */
    static double[] partial() {
        double[] v = new double[K];
        for (int i = 0; i < K; i++) {
            v[i] = 1 / (3 * (1 + A[i]) * (1 + A[i]));
        }
        return v;
    }

    static double total() {
        double p = 1;
        for (double v : partial()) {
            p *= 1 + v;
        }
        return p - 1;
    }

    static double s1(int i) {
        return partial()[i] / total();
    }

    static double st(int i) {
        double[] v = partial();
        double p = v[i];
        for (int j = 0; j < K; j++) {
            if (j != i) {
                p *= 1 + v[j];
            }
        }
        return p / total();
    }

    /**
     * Morris's mu* on the grid of 4 levels (0, 1/3, 2/3, 1; step 2/3): each step of x_i changes g_i by
     * 4/3 / (1 + a_i) in absolute value, so |EE_i| = 2 / (1 + a_i) times the product of the other
     * factors at the trajectory's grid values, whose levels are equally likely and independent: their
     * mean is (4/3 + a_j) / (1 + a_j).
     */
    static double muStar(int i) {
        double m = 2 / (1 + A[i]);
        for (int j = 0; j < K; j++) {
            if (j != i) {
                m *= (4.0 / 3 + A[j]) / (1 + A[j]);
            }
        }
        return m;
    }

    static Map<String, Sensitivity.Index> byKey(List<Sensitivity.Index> list) {
        Map<String, Sensitivity.Index> m = new HashMap<>();
        for (Sensitivity.Index x : list) {
            m.put(x.parameter() + "|" + x.index(), x);
        }
        return m;
    }

    /** Coverage per index over repeats of a Sobol design of n base rows; noise share of V per run, reps runs per point. */
    static Map<String, Double> sobolCoverage(int repeats, int n, double noiseShare, int reps) {
        Map<String, Integer> hits = new HashMap<>();
        double sd = Math.sqrt(noiseShare * total());
        for (int rep = 0; rep < repeats; rep++) {
            double[][] u = Designs.saltelli(n, K, new MersenneTwisterFast(1000 + rep));
            MersenneTwisterFast noise = new MersenneTwisterFast(5000 + rep);
            double[][] y = new double[u.length][reps];
            for (int p = 0; p < u.length; p++) {
                double v = g(u[p]);
                for (int r = 0; r < reps; r++) {
                    y[p][r] = v + (noiseShare > 0 ? sd * noise.nextGaussian() : 0);
                }
            }
            Map<String, Sensitivity.Index> x = byKey(reps == 1 ? Sensitivity.sobol("y", NAMES, u, column(y), n)
                    : Sensitivity.sobol("y", NAMES, u, y, n));
            for (int i = 0; i < K; i++) {
                count(hits, "x" + (i + 1) + "|S1", x.get(NAMES.get(i) + "|S1"), s1(i));
                count(hits, "x" + (i + 1) + "|ST", x.get(NAMES.get(i) + "|ST"), st(i));
            }
        }
        Map<String, Double> out = new HashMap<>();
        hits.forEach((key, h) -> out.put(key, h / (double) repeats));
        return out;
    }

    /** Coverage of mu* over repeats of a Morris design of r trajectories. */
    static Map<String, Double> morrisCoverage(int repeats, int r) {
        Map<String, Integer> hits = new HashMap<>();
        for (int rep = 0; rep < repeats; rep++) {
            double[][] u = Designs.morris(r, K, 4, new MersenneTwisterFast(3000 + rep));
            double[] f = new double[u.length];
            for (int p = 0; p < u.length; p++) {
                f[p] = g(u[p]);
            }
            Map<String, Sensitivity.Index> x = byKey(Sensitivity.morris("y", NAMES, u, f, r));
            for (int i = 0; i < K; i++) {
                count(hits, "x" + (i + 1) + "|mu_star", x.get(NAMES.get(i) + "|mu_star"), muStar(i));
            }
        }
        Map<String, Double> out = new HashMap<>();
        hits.forEach((key, h) -> out.put(key, h / (double) repeats));
        return out;
    }

    private static double[] column(double[][] y) {
        double[] f = new double[y.length];
        for (int p = 0; p < y.length; p++) {
            f[p] = y[p][0];
        }
        return f;
    }

    private static void count(Map<String, Integer> hits, String key, Sensitivity.Index x, double truth) {
        boolean in = x.low() <= truth && truth <= x.high();
        hits.merge(key, in ? 1 : 0, Integer::sum);
    }

    /**
     * Morris with seed noise and a dummy: how often each parameter's mu* stands above the noise floor
     * (the upper end of the dummy's 95 % bootstrap interval), r trajectories, noise of the given SD per run.
     */
    static double[][] standRates(int repeats, int r, double noiseSd) {
        List<String> names = new ArrayList<>(NAMES);
        names.add("dummy");
        double[] stands = new double[K];
        double[] aboveMean = new double[K];
        for (int rep = 0; rep < repeats; rep++) {
            double[][] u = Designs.morris(r, K + 1, 4, new MersenneTwisterFast(7000 + rep));
            MersenneTwisterFast noise = new MersenneTwisterFast(9000 + rep);
            double[] f = new double[u.length];
            for (int p = 0; p < u.length; p++) {
                f[p] = g(u[p]) + noiseSd * noise.nextGaussian();
            }
            Map<String, Sensitivity.Index> x = byKey(Sensitivity.morris("y", names, u, f, r));
            double floor = x.get("dummy|mu_star").high();
            for (int i = 0; i < K; i++) {
                double mu = x.get(NAMES.get(i) + "|mu_star").value();
                if (mu > floor) {
                    stands[i] += 1.0 / repeats;
                }
                if (mu > x.get("dummy|mu_star").value()) {
                    aboveMean[i] += 1.0 / repeats;
                }
            }
        }
        return new double[][] {stands, aboveMean};
    }

    /**
     * Without noise, 100 scrambled Saltelli designs of 512 base rows: measured coverage 0.81 to 1.00
     * per index, mean 0.97 (the percentile bootstrap is conservative for most indices of a scrambled
     * design, whose error is below that of random sampling). Tolerance: every index at least 0.75 and
     * their mean at least 0.90; fixed seeds make it deterministic, and for an index of true coverage
     * 0.81 another seed set would fall below 0.75 with probability about 0.07.
     */
    @Test
    void sobolIntervalsOfTheGFunctionHoldTheTruth() {
        assertCoverage(sobolCoverage(100, 512, 0, 1), 0.75, 0.90, "Sobol, no noise");
    }

    /**
     * Noise of variance 0.25 V per run, two runs per point: the indices corrected from the runs keep
     * their coverage (measured 0.91 to 1.00, mean 0.96); those of the point means lose it where the
     * noise enters, Jansen's ST (measured 0.00 to 0.01 for x2 to x8). Tolerance: corrected at least
     * 0.85 each and 0.90 on average (another seed set falls below 0.85 for an index of coverage 0.91
     * with probability about 0.04); uncorrected ST of x2 to x8 at most 0.10.
     */
    @Test
    void correctedSobolIntervalsHoldTheTruthUnderNoiseWhereThePointMeansDoNot() {
        assertCoverage(sobolCoverage(100, 512, 0.25, 2), 0.85, 0.90, "Sobol, noise corrected");
        Map<String, Double> raw = sobolCoverageMeans(100, 512, 0.25, 2);
        for (int i = 1; i < K; i++) {
            assertTrue(raw.get("x" + (i + 1) + "|ST") <= 0.10, "uncorrected ST of x" + (i + 1) + ": " + raw);
        }
    }

    /**
     * Morris mu* of the G-function, 50 trajectories of 4 levels, 100 designs: measured coverage
     * 0.90 to 0.97 per parameter. Tolerance 0.85 each (for a true 0.90, another seed set falls below
     * with probability about 0.05).
     */
    @Test
    void morrisIntervalsOfTheGFunctionHoldTheTruth() {
        assertCoverage(morrisCoverage(100, 50), 0.85, 0.85, "Morris");
    }

    /**
     * Morris with noise (SD 0.1 per run, so a step's noise is about 0.17 in mean absolute effect,
     * five times the true mu* 0.034 of x5 to x8) and a dummy, r = 10, 200 designs. Read against the
     * upper end of the dummy's 95 % interval, x1 to x3 stand in at least 99.5 % of the designs and the
     * inert x5 to x8 in 13.5 % to 17 %; read against the dummy's mean mu* (the old "noise floor"),
     * the inert ones stand about half the time (measured 0.515 to 0.555). Tolerance: x1 to x3 at least
     * 0.95, x5 to x8 at most 0.25 above the 95 % point and at least 0.35 above the mean (binomial
     * SD at 200 designs 0.025 to 0.035, so another seed set fails with probability below 1 %).
     */
    @Test
    void theDummysNinetyFivePercentPointKeepsInertParametersDownWhereItsMeanDoesNot() {
        double[][] rates = standRates(200, 10, 0.1);
        for (int i = 0; i < 3; i++) {
            assertTrue(rates[0][i] >= 0.95, "x" + (i + 1) + " stands in " + rates[0][i]);
        }
        for (int i = 4; i < K; i++) {
            assertTrue(rates[0][i] <= 0.25, "inert x" + (i + 1) + " stands in " + rates[0][i]);
            assertTrue(rates[1][i] >= 0.35, "inert x" + (i + 1) + " beats the dummy's mean in " + rates[1][i]);
        }
    }

    private static void assertCoverage(Map<String, Double> coverage, double each, double mean, String what) {
        double sum = 0;
        for (Map.Entry<String, Double> e : coverage.entrySet()) {
            assertTrue(e.getValue() >= each, what + ": " + e.getKey() + " covered in " + e.getValue() + " of the designs");
            sum += e.getValue();
        }
        assertTrue(sum / coverage.size() >= mean, what + ": mean coverage " + sum / coverage.size());
    }

    static Map<String, Double> sobolCoverageMeans(int repeats, int n, double noiseShare, int reps) {
        Map<String, Integer> hits = new HashMap<>();
        double sd = Math.sqrt(noiseShare * total());
        for (int rep = 0; rep < repeats; rep++) {
            double[][] u = Designs.saltelli(n, K, new MersenneTwisterFast(1000 + rep));
            MersenneTwisterFast noise = new MersenneTwisterFast(5000 + rep);
            double[] f = new double[u.length];
            for (int p = 0; p < u.length; p++) {
                double v = g(u[p]);
                double s = 0;
                for (int r = 0; r < reps; r++) {
                    s += v + sd * noise.nextGaussian();
                }
                f[p] = s / reps;
            }
            Map<String, Sensitivity.Index> x = byKey(Sensitivity.sobol("y", NAMES, u, f, n));
            for (int i = 0; i < K; i++) {
                count(hits, "x" + (i + 1) + "|S1", x.get(NAMES.get(i) + "|S1"), s1(i));
                count(hits, "x" + (i + 1) + "|ST", x.get(NAMES.get(i) + "|ST"), st(i));
            }
        }
        Map<String, Double> out = new HashMap<>();
        hits.forEach((key, h) -> out.put(key, h / (double) repeats));
        return out;
    }
}
