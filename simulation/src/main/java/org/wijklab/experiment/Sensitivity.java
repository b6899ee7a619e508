package org.wijklab.experiment;

import ec.util.MersenneTwisterFast;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Global sensitivity indices from a sweep's per-point outputs (each point's mean over its
 * replications): Morris's elementary effects (mu*, mu, sigma) and Sobol's first-order and total
 * indices (S1 by Saltelli 2010's estimator, ST by Jansen's), each with a 95 % bootstrap interval
 * (1,000 resamples of the trajectories, or of the base rows A and B, from a fixed seed: the
 * percentile interval). Pure functions of the outputs, so they are tested on functions whose
 * indices are known.
 *
 * <p>An index that cannot be estimated is NA (NaN) with its reason, never 0: a metric that does not
 * vary over the base rows, a parameter whose value is the same in A and B in every base row, too few
 * rows or effects with the metric, or an estimate that is not finite. An interval is NA when fewer
 * than two rows or effects, or when more than 2.5 % of the resamples give no estimate (the percentile
 * interval's own tail).
 */
public final class Sensitivity {
    /** Bootstrap resamples. */
    static final int RESAMPLES = 1000;
    private static final int SEED = 0x53454e53;

    /**
     * One index of one parameter for one metric, with its interval (NaN where there is none) and,
     * where the value or its interval is NaN (NA), the reason ("" otherwise; sigma never has an interval).
     */
    public record Index(String metric, String parameter, String index, double value, double low, double high,
            String reason) {
    }

    private Sensitivity() {
    }

    /**
     * Morris with the values the runs had at the design's coordinates: {@link #morris(String, List,
     * double[][], double[][], double[], int)} where every value is its coordinate (continuous
     * parameters over [0, 1]).
     */
    public static List<Index> morris(String metric, List<String> parameters, double[][] unit, double[] f, int trajectories) {
        return morris(metric, parameters, unit, unit, f, trajectories);
    }

    /**
     * Morris: point t (k + 1) + s + 1 of trajectory t moves one parameter from point t (k + 1) + s
     * (the one whose {@code unit} coordinate changes); its elementary effect is the output's change
     * over the change of the parameter's value on its scale ({@code scaled}: [0, 1] over its range or
     * list, so effects compare across parameters of different units). A whole number or a category
     * moves by what its values moved, which need not be the grid's step; a step that leaves the
     * value where it was (a list of one value) gives no effect. mu* is the mean absolute effect
     * (the importance), mu the mean, sigma the standard deviation (interaction or non-linearity).
     */
    public static List<Index> morris(String metric, List<String> parameters, double[][] unit, double[][] scaled,
            double[] f, int trajectories) {
        int k = parameters.size();
        double[][] effects = new double[k][trajectories];
        boolean[] changed = new boolean[k];
        for (double[] e : effects) {
            Arrays.fill(e, Double.NaN);
        }
        for (int t = 0; t < trajectories; t++) {
            for (int s = 0; s < k; s++) {
                int a = t * (k + 1) + s;
                int b = a + 1;
                int moved = -1;
                for (int j = 0; j < k; j++) {
                    if (unit[a][j] != unit[b][j]) {
                        moved = j;
                    }
                }
                if (moved < 0 || scaled[b][moved] == scaled[a][moved]) {
                    continue;
                }
                changed[moved] = true;
                if (!Double.isNaN(f[a]) && !Double.isNaN(f[b])) {
                    effects[moved][t] = (f[b] - f[a]) / (scaled[b][moved] - scaled[a][moved]);
                }
            }
        }
        List<Index> out = new ArrayList<>();
        MersenneTwisterFast random = new MersenneTwisterFast(SEED);
        for (int j = 0; j < k; j++) {
            double[] e = Arrays.stream(effects[j]).filter(Double::isFinite).toArray();
            double[] abs = Arrays.stream(e).map(Math::abs).toArray();
            String none = changed[j] ? "no elementary effect: the metric is NA at every step of this parameter"
                    : "no elementary effect: no step changes this parameter's value";
            String meanReason = e.length == 0 ? none : e.length == 1 ? "one elementary effect: no interval" : "";
            double[] ci = bootstrapMean(abs, random);
            out.add(new Index(metric, parameters.get(j), "mu_star", mean(abs), ci[0], ci[1], meanReason));
            double[] ciMu = bootstrapMean(e, random);
            out.add(new Index(metric, parameters.get(j), "mu", mean(e), ciMu[0], ciMu[1], meanReason));
            out.add(new Index(metric, parameters.get(j), "sigma", sd(e), Double.NaN, Double.NaN,
                    e.length == 0 ? none : e.length == 1 ? "one elementary effect: no spread" : ""));
        }
        return out;
    }

    /**
     * Sobol by Saltelli's scheme: f holds the outputs of A (rows 0..n-1), B (n..2n-1) and AB_i
     * (rows (2 + i) n ...), and {@code points} the design's points (a coordinate per parameter that
     * differs where the parameter's value differs). With V the variance of the outputs of A and B
     * together, S1_i = mean(f_B (f_ABi - f_A)) / V and ST_i = mean((f_A - f_ABi)^2) / (2 V). Rows with
     * a missing output are left out. An index is NA with its reason when fewer than two rows are left,
     * when V is 0, when A and B hold the same value of the parameter in every row left (AB_i is then
     * A, and both indices would read 0 whatever the parameter does), or when it is not finite.
     */
    public static List<Index> sobol(String metric, List<String> parameters, double[][] points, double[] f, int n) {
        int k = parameters.size();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean ok = Double.isFinite(f[i]) && Double.isFinite(f[n + i]);
            for (int p = 0; p < k && ok; p++) {
                ok = Double.isFinite(f[(2 + p) * n + i]);
            }
            if (ok) {
                rows.add(i);
            }
        }
        int[] all = rows.stream().mapToInt(Integer::intValue).toArray();
        List<Index> out = new ArrayList<>();
        MersenneTwisterFast random = new MersenneTwisterFast(SEED);
        int[][] resamples = new int[RESAMPLES][all.length];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < all.length; i++) {
                resamples[b][i] = all.length == 0 ? 0 : all[random.nextInt(all.length)];
            }
        }
        String common = all.length < 2
                ? (all.length == 0 ? "no" : "only one") + " base row of " + n + " has the metric in A, B and every AB_i"
                : constant(f, n, all) ? "the metric does not vary over the base rows A and B (variance 0)" : "";
        for (int p = 0; p < k; p++) {
            String reason = common;
            if (reason.isEmpty()) {
                boolean differs = false;
                for (int i : all) {
                    differs |= points[i][p] != points[n + i][p];
                }
                if (!differs) {
                    reason = "A and B hold the same value of this parameter in every base row";
                }
            }
            double[] s1 = new double[RESAMPLES];
            double[] st = new double[RESAMPLES];
            for (int b = 0; b < RESAMPLES; b++) {
                double[] x = indices(f, n, p, resamples[b]);
                s1[b] = x[0];
                st[b] = x[1];
            }
            double[] x = indices(f, n, p, all);
            out.add(sobolIndex(metric, parameters.get(p), "S1", x[0], s1, reason));
            out.add(sobolIndex(metric, parameters.get(p), "ST", x[1], st, reason));
        }
        return out;
    }

    /** An index with its bootstrap interval, or NA with the reason. */
    private static Index sobolIndex(String metric, String parameter, String name, double value, double[] resampled,
            String reason) {
        if (!reason.isEmpty()) {
            return new Index(metric, parameter, name, Double.NaN, Double.NaN, Double.NaN, reason);
        }
        if (!Double.isFinite(value)) {
            return new Index(metric, parameter, name, Double.NaN, Double.NaN, Double.NaN, "the estimate is not finite");
        }
        long missing = Arrays.stream(resampled).filter(v -> !Double.isFinite(v)).count();
        if (missing > 0.025 * resampled.length) {
            return new Index(metric, parameter, name, value, Double.NaN, Double.NaN, missing + " of " + resampled.length
                    + " bootstrap resamples give no estimate: no interval");
        }
        return new Index(metric, parameter, name, value, percentile(resampled, 0.025), percentile(resampled, 0.975), "");
    }

    /** Whether the outputs of A and B over the given base rows are all the same number. */
    private static boolean constant(double[] f, int n, int[] rows) {
        double first = f[rows[0]];
        for (int i : rows) {
            if (f[i] != first || f[n + i] != first) {
                return false;
            }
        }
        return true;
    }

    /** The variance of the outputs of A and B over the given base rows (population form, as the estimators use). */
    private static double variance(double[] f, int n, int[] rows) {
        double sum = 0;
        double sum2 = 0;
        for (int i : rows) {
            sum += f[i] + f[n + i];
            sum2 += f[i] * f[i] + f[n + i] * f[n + i];
        }
        int m = 2 * rows.length;
        return sum2 / m - (sum / m) * (sum / m);
    }

    /** S1 and ST of parameter p over the given base rows. */
    private static double[] indices(double[] f, int n, int p, int[] rows) {
        if (rows.length < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double variance = variance(f, n, rows);
        if (!(variance > 0)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double first = 0;
        double total = 0;
        for (int i : rows) {
            double a = f[i];
            double b = f[n + i];
            double ab = f[(2 + p) * n + i];
            first += b * (ab - a);
            total += (a - ab) * (a - ab);
        }
        return new double[] {first / rows.length / variance, total / rows.length / (2 * variance)};
    }

    private static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).sum() / v.length;
    }

    private static double sd(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    /** The 95 % percentile interval of the mean over resamples of the values. */
    private static double[] bootstrapMean(double[] v, MersenneTwisterFast random) {
        if (v.length < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] means = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
                s += v[random.nextInt(v.length)];
            }
            means[b] = s / v.length;
        }
        return new double[] {percentile(means, 0.025), percentile(means, 0.975)};
    }

    /** The q-quantile of the finite values (linear between order statistics). */
    static double percentile(double[] values, double q) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }
}
