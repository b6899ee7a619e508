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
 * percentile interval). Sobol's indices from a sweep's runs are corrected for the seed noise in the
 * point means, estimated from the replications ({@link #sobol(String, List, double[][], double[][], int)});
 * {@link #noise} gives the noise's share of a run's variance. Pure functions of the outputs, so they
 * are tested on functions whose indices are known.
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
     * together and c their mean, S1_i = mean((f_B - c) (f_ABi - f_A)) / V and ST_i = mean((f_A -
     * f_ABi)^2) / (2 V). These are on the points' means as given, with no correction for seed noise:
     * {@link #sobol(String, List, double[][], double[][], int)} corrects. Rows with
     * a missing output are left out. An index is NA with its reason when fewer than two rows are left,
     * when V is 0, when A and B hold the same value of the parameter in every row left (AB_i is then
     * A, and both indices would read 0 whatever the parameter does), or when it is not finite.
     */
    public static List<Index> sobol(String metric, List<String> parameters, double[][] points, double[] f, int n) {
        return sobol(metric, parameters, points, f, null, n);
    }

    /** Sobol on the means f, with the residuals res[point][r] of the runs about them to correct for noise (or null). */
    private static List<Index> sobol(String metric, List<String> parameters, double[][] points, double[] f, double[][] res,
            int n) {
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
                : constant(f, n, all) ? "the metric does not vary over the base rows A and B (variance 0)"
                : res != null && !(variance(f, n, all) > noiseOfVariance(res, n, all))
                ? "the metric's variance over the base rows A and B is no more than its seed noise" : "";
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
                double[] x = indices(f, res, n, p, resamples[b]);
                s1[b] = x[0];
                st[b] = x[1];
            }
            double[] x = indices(f, res, n, p, all);
            // with the noise taken out, a resample gives no estimate where its variance is all seed noise
            String why = res == null ? "" : " (in them the metric's variance over A and B is no more than its seed noise)";
            out.add(sobolIndex(metric, parameters.get(p), "S1", x[0], s1, reason, why));
            out.add(sobolIndex(metric, parameters.get(p), "ST", x[1], st, reason, why));
        }
        return out;
    }

    /**
     * Sobol as {@link #sobol(String, List, double[][], double[], int)}, from every run rather than
     * each point's mean: {@code runs[point][r]} is replication r of the point (the same R at every
     * point; a row of A, B and AB_i with a missing run is left out), and the seed noise in the point
     * means is taken out of every quadratic term of the estimators.
     *
     * <p>Derivation. Write a run as y_pr = g_p + e_pr, the noise e independent across replications r
     * (any correlation across points within one replication, as common random numbers make, allowed),
     * and the point mean as m_p = g_p + E_p with E_p = mean_r e_pr. For any two points p and q,
     * E[m_p m_q] = g_p g_q + Cov(E_p, E_q) and Cov(E_p, E_q) = Cov(e_p, e_q) / R; the residuals
     * res_pr = y_pr - m_p give the unbiased estimate sum_r res_pr res_qr / (R (R - 1)) of that term.
     * So every mean of products over the base rows is corrected by the same mean of products of the
     * residuals, summed over replications and divided by R (R - 1):
     * <ul>
     * <li>V, the population variance of m over A and B, carries mean(Var E) - Var(mean E), which is
     * (1 / (R (R - 1))) sum_r popvar_{A,B}(res_r): with independent noise of variance s^2 this is
     * (m - 1) / m s^2 / R over m = 2n values; with a seed effect common to all points it is 0, as it
     * should be (a shift of every point does not vary).</li>
     * <li>Jansen's ST numerator mean((m_A - m_ABi)^2) carries mean(Var(E_A - E_ABi)), 2 s^2 / R with
     * independent noise; it is estimated by (1 / (R (R - 1))) sum_r mean((res_A,r - res_ABi,r)^2).</li>
     * <li>Saltelli's S1 numerator mean(m_B (m_ABi - m_A)) carries Cov(E_B, E_ABi) - Cov(E_B, E_A): 0
     * for noise independent across runs, but not for common random numbers whose correlation
     * differs between the pairs; it is estimated by (1 / (R (R - 1))) sum_r mean(res_B,r (res_ABi,r -
     * res_A,r)) and taken out too.</li>
     * </ul>
     * S1 = (numerator - its noise) / (V - its noise), ST = (numerator - its noise) / (2 (V - its
     * noise)). A corrected index may be slightly negative (a parameter without effect, the dummy):
     * it is reported as estimated. Where V is no more than its noise part the indices are NA. With
     * one replication (R = 1) nothing can be corrected and the indices are those of the means.
     */
    public static List<Index> sobol(String metric, List<String> parameters, double[][] points, double[][] runs, int n) {
        int reps = runs.length == 0 ? 0 : runs[0].length;
        double[] f = new double[runs.length];
        for (int p = 0; p < runs.length; p++) {
            boolean complete = runs[p].length == reps && reps > 0;
            double s = 0;
            for (int r = 0; r < runs[p].length && complete; r++) {
                complete = Double.isFinite(runs[p][r]);
                s += runs[p][r];
            }
            f[p] = complete ? s / reps : Double.NaN;
        }
        if (reps < 2) {
            return sobol(metric, parameters, points, f, n);
        }
        double[][] res = new double[runs.length][reps];
        for (int p = 0; p < runs.length; p++) {
            for (int r = 0; r < reps; r++) {
                res[p][r] = Double.isFinite(f[p]) ? runs[p][r] - f[p] : Double.NaN;
            }
        }
        return sobol(metric, parameters, points, f, res, n);
    }

    /**
     * The noise in a sweep's runs, from {@code runs[point][r]} (points with a missing run left out):
     * the pooled within-point variance of a single run (replications differ only in their seed), the
     * variance of all single runs, and the noise share, their ratio; NaN (with the reason) where it
     * cannot be estimated.
     */
    public static Noise noise(double[][] runs) {
        double within = 0;
        long df = 0;
        double sum = 0;
        long count = 0;
        int reps = 0;
        List<double[]> complete = new ArrayList<>();
        for (double[] y : runs) {
            if (y.length == 0 || !Arrays.stream(y).allMatch(Double::isFinite)) {
                continue;
            }
            complete.add(y);
            reps = Math.max(reps, y.length);
            double mean = Arrays.stream(y).sum() / y.length;
            for (double v : y) {
                within += (v - mean) * (v - mean);
                sum += v;
            }
            df += y.length - 1;
            count += y.length;
        }
        double grand = sum / Math.max(1, count);
        double squares = 0;
        for (double[] y : complete) {
            for (double v : y) {
                squares += (v - grand) * (v - grand);
            }
        }
        if (count == 0) {
            return new Noise(Double.NaN, Double.NaN, Double.NaN, reps, "no point has the metric in every replication");
        }
        if (df == 0) {
            return new Noise(Double.NaN, Double.NaN, Double.NaN, reps,
                    "one replication per point: the seed noise cannot be estimated and the indices are not corrected");
        }
        double noise = within / df;
        double total = count < 2 ? Double.NaN : squares / (count - 1);
        if (!(total > 0)) {
            return new Noise(noise, total, Double.NaN, reps, "the metric does not vary over the runs (variance 0)");
        }
        return new Noise(noise, total, noise / total, reps, "");
    }

    /** A metric's seed noise: a single run's noise variance, the variance of all single runs, their ratio. */
    public record Noise(double variance, double total, double share, int replications, String reason) {
    }

    /** An index with its bootstrap interval, or NA with the reason. */
    private static Index sobolIndex(String metric, String parameter, String name, double value, double[] resampled,
            String reason, String why) {
        if (!reason.isEmpty()) {
            return new Index(metric, parameter, name, Double.NaN, Double.NaN, Double.NaN, reason);
        }
        if (!Double.isFinite(value)) {
            return new Index(metric, parameter, name, Double.NaN, Double.NaN, Double.NaN, "the estimate is not finite");
        }
        long missing = Arrays.stream(resampled).filter(v -> !Double.isFinite(v)).count();
        if (missing > 0.025 * resampled.length) {
            return new Index(metric, parameter, name, value, Double.NaN, Double.NaN, missing + " of " + resampled.length
                    + " bootstrap resamples give no estimate" + why + ": no interval");
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

    /**
     * The seed noise in {@link #variance}: (1 / (R (R - 1))) sum_r of the population variance of the
     * residuals of replication r over A and B (see {@link #sobol(String, List, double[][], double[][], int)}).
     */
    private static double noiseOfVariance(double[][] res, int n, int[] rows) {
        int reps = res[0].length;
        double total = 0;
        for (int r = 0; r < reps; r++) {
            double sum = 0;
            double sum2 = 0;
            for (int i : rows) {
                double a = res[i][r];
                double b = res[n + i][r];
                sum += a + b;
                sum2 += a * a + b * b;
            }
            int m = 2 * rows.length;
            total += sum2 / m - (sum / m) * (sum / m);
        }
        return total / ((double) reps * (reps - 1));
    }

    /** S1 and ST of parameter p over the given base rows, corrected for seed noise when res is given. */
    private static double[] indices(double[] f, double[][] res, int n, int p, int[] rows) {
        if (rows.length < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double variance = variance(f, n, rows);
        // f_B is centred on the mean of A and B: the numerator's expectation is unchanged (the mean
        // times mean(f_ABi - f_A), whose expectation is 0), but its variance no longer grows with the
        // square of the metric's mean, which with noisy runs made S1 the roughest of the estimates
        double centre = 0;
        for (int i : rows) {
            centre += f[i] + f[n + i];
        }
        centre /= 2 * rows.length;
        double first = 0;
        double total = 0;
        for (int i : rows) {
            double a = f[i];
            double b = f[n + i] - centre;
            double ab = f[(2 + p) * n + i];
            first += b * (ab - a);
            total += (a - ab) * (a - ab);
        }
        if (res != null) {
            int reps = res[0].length;
            double noiseFirst = 0;
            double noiseTotal = 0;
            for (int i : rows) {
                double[] a = res[i];
                double[] b = res[n + i];
                double[] ab = res[(2 + p) * n + i];
                for (int r = 0; r < reps; r++) {
                    noiseFirst += b[r] * (ab[r] - a[r]);
                    noiseTotal += (a[r] - ab[r]) * (a[r] - ab[r]);
                }
            }
            double scale = 1.0 / ((double) reps * (reps - 1));
            first -= noiseFirst * scale;
            total -= noiseTotal * scale;
            variance -= noiseOfVariance(res, n, rows);
        }
        if (!(variance > 0)) {
            return new double[] {Double.NaN, Double.NaN};
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
