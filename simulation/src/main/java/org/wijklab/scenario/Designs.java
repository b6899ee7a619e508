package org.wijklab.scenario;

import ec.util.MersenneTwisterFast;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Experimental designs as points in the unit cube [0, 1]^k, one coordinate per parameter; a sweep
 * maps each coordinate to its parameter's range or list of values. Every draw comes from a
 * {@link MersenneTwisterFast} seeded by the sweep, so a design is a function of its sweep file.
 */
public final class Designs {
    /**
     * The fewest base rows (samples) a Sobol design may have. With n rows a bootstrap resample of the
     * rows takes at most C(2n - 1, n) distinct forms: 462 for 6 rows, fewer than the 1,000 resamples
     * drawn, so the interval says little; a 2-row sweep of the model read S1 = 2.0 with an interval of
     * [-21.5, 25.5], and a parameter can hold the same value in A and B in every row. 16 leaves a
     * margin over 8 and is a power of two, where a Sobol sequence is balanced (SALib likewise asks
     * for a power of two). Even at 16 the estimators are rough: the intervals say how rough.
     */
    public static final int SOBOL_MIN_SAMPLES = 16;

    private Designs() {
    }

    /**
     * A Latin hypercube of n points: each parameter's range is cut into n equal strata and every
     * stratum holds exactly one point, at a uniform place inside it; the strata are matched across
     * parameters by independent random permutations.
     */
    public static double[][] latinHypercube(int n, int k, MersenneTwisterFast random) {
        double[][] u = new double[n][k];
        int[] order = new int[n];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int r = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[r];
                order[r] = t;
            }
            for (int i = 0; i < n; i++) {
                u[i][j] = (order[i] + random.nextDouble()) / n;
            }
        }
        return u;
    }

    /**
     * Saltelli's scheme for first-order and total Sobol indices: n rows of two k-dimensional
     * matrices A and B, taken from a 2k-dimensional Sobol sequence (its first point, all zeros,
     * skipped), then for each parameter i the matrix AB_i, A with column i from B. The points are
     * A (rows 0..n-1), B (n..2n-1) and AB_1 ... AB_k (each n rows): n (k + 2) points.
     */
    public static double[][] saltelli(int n, int k) {
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(2 * k);
        sobol.skipTo(1);
        double[][] a = new double[n][k];
        double[][] b = new double[n][k];
        for (int i = 0; i < n; i++) {
            double[] v = sobol.nextVector();
            System.arraycopy(v, 0, a[i], 0, k);
            System.arraycopy(v, k, b[i], 0, k);
        }
        double[][] u = new double[n * (k + 2)][];
        for (int i = 0; i < n; i++) {
            u[i] = a[i].clone();
            u[n + i] = b[i].clone();
            for (int p = 0; p < k; p++) {
                double[] ab = a[i].clone();
                ab[p] = b[i][p];
                u[(2 + p) * n + i] = ab;
            }
        }
        return u;
    }

    /** The step of Morris's design on a grid of p levels: p / (2 (p - 1)). */
    public static double morrisDelta(int levels) {
        return levels / (2.0 * (levels - 1));
    }

    /**
     * Morris's elementary-effects design: r trajectories on a grid of {@code levels} levels
     * (0, 1/(p-1), ..., 1), each of k + 1 points. A trajectory starts at a random grid point from
     * which every coordinate can move by the step Δ = p / (2 (p - 1)), then moves the parameters
     * one at a time, in a random order, each up by Δ where it can and otherwise down. Points
     * t (k + 1) ... t (k + 1) + k are trajectory t.
     */
    public static double[][] morris(int r, int k, int levels, MersenneTwisterFast random) {
        double delta = morrisDelta(levels);
        int steps = levels - 1;
        // base levels from which +delta stays on the grid: 0 .. steps - levels/2
        int baseLevels = steps - levels / 2 + 1;
        double[][] u = new double[r * (k + 1)][];
        int[] order = new int[k];
        for (int t = 0; t < r; t++) {
            double[] x = new double[k];
            for (int j = 0; j < k; j++) {
                x[j] = random.nextInt(baseLevels) / (double) steps;
            }
            for (int j = 0; j < k; j++) {
                order[j] = j;
            }
            for (int j = k - 1; j > 0; j--) {
                int s = random.nextInt(j + 1);
                int tmp = order[j];
                order[j] = order[s];
                order[s] = tmp;
            }
            // half the trajectories move down from the top instead, so both directions are sampled
            boolean down = random.nextBoolean();
            if (down) {
                for (int j = 0; j < k; j++) {
                    x[j] = Math.min(1.0, x[j] + delta);
                }
            }
            u[t * (k + 1)] = x.clone();
            for (int step = 0; step < k; step++) {
                int j = order[step];
                x[j] = down ? x[j] - delta : x[j] + delta;
                x[j] = Math.max(0.0, Math.min(1.0, x[j]));
                u[t * (k + 1) + step + 1] = x.clone();
            }
        }
        return u;
    }
}
