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
     * A (rows 0..n-1), B (n..2n-1) and AB_1 ... AB_k (each n rows): n (k + 2) points. This is the
     * plain sequence, the same for every seed; a sweep uses the scrambled
     * {@link #saltelli(int, int, MersenneTwisterFast)}.
     */
    public static double[][] saltelli(int n, int k) {
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(2 * k);
        sobol.skipTo(1);
        double[][] v = new double[n][];
        for (int i = 0; i < n; i++) {
            v[i] = sobol.nextVector();
        }
        return saltelliRows(v, k);
    }

    /**
     * Saltelli's scheme on an Owen-scrambled Sobol sequence: the first n points of a 2k-dimensional
     * Sobol sequence, the first point kept (scrambled, it is no longer the corner 0), each
     * dimension scrambled by {@link #owenScramble}, then split into A and B and crossed into AB_i as
     * {@link #saltelli(int, int)} does. n must be a power of two: only then are the points a
     * balanced net (every interval [j/n, (j+1)/n) of every parameter holds one point of A and one of B).
     */
    public static double[][] saltelli(int n, int k, MersenneTwisterFast random) {
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("a scrambled Sobol design needs a power of two of samples, not " + n);
        }
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(2 * k);
        double[][] v = new double[n][];
        for (int i = 0; i < n; i++) {
            v[i] = sobol.nextVector();
        }
        owenScramble(v, random);
        return saltelliRows(v, k);
    }

    /**
     * Owen's nested uniform scrambling of the first n = 2^m points of a Sobol sequence, in place:
     * in each dimension the binary digit d of a coordinate is flipped or not by a random bit drawn
     * for the digits above it (a node of the binary tree of intervals; 2^m - 1 nodes), and the
     * digits below the m-th, where each of the n points is alone in its interval of width 1/n, are
     * replaced by a uniform draw inside that interval (the limit of scrambling them all). The first
     * m digits of the points are a permutation of 0..n-1 in every dimension and stay one after the
     * scrambling, so every interval [j/n, (j+1)/n) still holds one point; a scrambled point is
     * uniform on [0, 1)^d. Draws come from {@code random} dimension by dimension, so the result is a
     * function of the seed.
     */
    static void owenScramble(double[][] points, MersenneTwisterFast random) {
        int n = points.length;
        int m = Integer.numberOfTrailingZeros(n);
        int dims = points.length == 0 ? 0 : points[0].length;
        boolean[] flip = new boolean[Math.max(1, n - 1)];
        for (int d = 0; d < dims; d++) {
            for (int node = 0; node < n - 1; node++) {
                flip[node] = random.nextBoolean();
            }
            for (double[] point : points) {
                // the first m digits are exact: point i < 2^m of a Sobol sequence has m binary digits
                long digits = (long) Math.scalb(point[d], m);
                long out = 0;
                for (int level = 0; level < m; level++) {
                    long prefix = digits >>> (m - level);
                    long bit = (digits >>> (m - 1 - level)) & 1;
                    if (flip[(int) ((1L << level) - 1 + prefix)]) {
                        bit ^= 1;
                    }
                    out = (out << 1) | bit;
                }
                double inside = out + random.nextDouble();
                // a draw just below 1 can round up to the next interval's left end: keep it inside
                point[d] = Math.scalb(Math.min(inside, Math.nextDown(out + 1.0)), -m);
            }
        }
    }

    private static double[][] saltelliRows(double[][] v, int k) {
        int n = v.length;
        double[][] a = new double[n][k];
        double[][] b = new double[n][k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(v[i], 0, a[i], 0, k);
            System.arraycopy(v[i], k, b[i], 0, k);
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
     * (0, 1/(p-1), ..., 1), each of k + 1 points. A trajectory starts at a random grid point, then
     * moves the parameters one at a time, in a random order, each by the step Δ = p / (2 (p - 1)),
     * up or down as drawn for that parameter alone (Morris 1991: each parameter's direction is
     * independent of the others'). A parameter that goes up starts on one of the p/2 lowest levels,
     * one that goes down on one of the p/2 highest, so every parameter is on each of the p levels
     * with chance 1/p at every point, whatever the others do. Points t (k + 1) ... t (k + 1) + k are
     * trajectory t.
     */
    public static double[][] morris(int r, int k, int levels, MersenneTwisterFast random) {
        int steps = levels - 1;
        int jump = levels / 2;
        double[][] u = new double[r * (k + 1)][];
        int[] order = new int[k];
        int[] level = new int[k];
        boolean[] down = new boolean[k];
        for (int t = 0; t < r; t++) {
            for (int j = 0; j < k; j++) {
                down[j] = random.nextBoolean();
                level[j] = random.nextInt(levels - jump) + (down[j] ? jump : 0);
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
            u[t * (k + 1)] = grid(level, steps);
            for (int step = 0; step < k; step++) {
                int j = order[step];
                level[j] += down[j] ? -jump : jump;
                u[t * (k + 1) + step + 1] = grid(level, steps);
            }
        }
        return u;
    }

    /** The unit-cube point of grid levels: level / (p - 1) each. */
    private static double[] grid(int[] level, int steps) {
        double[] x = new double[level.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = level[j] / (double) steps;
        }
        return x;
    }

    /**
     * Campolongo's selection (Campolongo, Cariboni and Saltelli 2007): r of {@code candidates}
     * trajectories of {@link #morris} that lie far apart, so r trajectories cover the grid as many
     * would. The distance of two trajectories is the sum of the Euclidean distances between each
     * point of one and each point of the other; the r kept maximise the sum of squared distances
     * between them, found greedily (the two farthest apart first, then each time the candidate with
     * the largest sum of squared distances to those kept) rather than over every combination.
     * The kept trajectories are in the order they were drawn.
     */
    public static double[][] morrisSelected(int r, int candidates, int k, int levels, MersenneTwisterFast random) {
        double[][] all = morris(candidates, k, levels, random);
        int size = k + 1;
        double[][] d2 = new double[candidates][candidates];
        for (int a = 0; a < candidates; a++) {
            for (int b = a + 1; b < candidates; b++) {
                double d = 0;
                for (int i = 0; i < size; i++) {
                    for (int j = 0; j < size; j++) {
                        double s = 0;
                        double[] x = all[a * size + i];
                        double[] y = all[b * size + j];
                        for (int z = 0; z < k; z++) {
                            s += (x[z] - y[z]) * (x[z] - y[z]);
                        }
                        d += Math.sqrt(s);
                    }
                }
                d2[a][b] = d * d;
                d2[b][a] = d * d;
            }
        }
        boolean[] kept = new boolean[candidates];
        double[] toKept = new double[candidates];
        int first = 0;
        int second = 1;
        for (int a = 0; a < candidates; a++) {
            for (int b = a + 1; b < candidates; b++) {
                if (d2[a][b] > d2[first][second]) {
                    first = a;
                    second = b;
                }
            }
        }
        for (int c : new int[] {first, second}) {
            kept[c] = true;
            for (int a = 0; a < candidates; a++) {
                toKept[a] += d2[a][c];
            }
        }
        for (int n = 2; n < r; n++) {
            int best = -1;
            for (int a = 0; a < candidates; a++) {
                if (!kept[a] && (best < 0 || toKept[a] > toKept[best])) {
                    best = a;
                }
            }
            kept[best] = true;
            for (int a = 0; a < candidates; a++) {
                toKept[a] += d2[a][best];
            }
        }
        double[][] u = new double[r * size][];
        int t = 0;
        for (int a = 0; a < candidates; a++) {
            if (kept[a]) {
                for (int i = 0; i < size; i++) {
                    u[t * size + i] = all[a * size + i];
                }
                t++;
            }
        }
        return u;
    }
}
