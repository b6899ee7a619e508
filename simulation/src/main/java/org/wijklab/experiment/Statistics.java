package org.wijklab.experiment;

/** Means and Student-t 95 % confidence intervals over replications. */
public final class Statistics {
    /** Two-sided 97.5 % quantiles of Student's t for 1 to 30 degrees of freedom. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    private Statistics() {
    }

    /** Mean and the half-width of its 95 % confidence interval (0 for a single value). */
    public record Estimate(double mean, double halfWidth, int n) {
        public double low() {
            return mean - halfWidth;
        }

        public double high() {
            return mean + halfWidth;
        }
    }

    public static Estimate estimate(double[] values) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= Math.max(1, n);
        if (n < 2) {
            return new Estimate(mean, 0.0, n);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        return new Estimate(mean, t975(n - 1) * sd / Math.sqrt(n), n);
    }

    /** The two-sided 95 % quantile of Student's t with df degrees of freedom (1.96 beyond 30). */
    public static double t975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom " + df + " < 1");
        }
        return df <= T975.length ? T975[df - 1] : 1.96;
    }

    /** Spearman rank correlation (ties by order of appearance). */
    public static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        int n = a.length;
        if (n < 2) {
            return 1.0;
        }
        double d2 = 0;
        for (int i = 0; i < n; i++) {
            d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
        }
        return 1 - 6 * d2 / (n * ((double) n * n - 1));
    }

    private static double[] ranks(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int k = 0; k < v.length; k++) {
                if (v[k] < v[i] || (v[k] == v[i] && k < i)) {
                    r[i]++;
                }
            }
        }
        return r;
    }
}
