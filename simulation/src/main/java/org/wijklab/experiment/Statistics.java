package org.wijklab.experiment;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Means and Student-t 95 % confidence intervals over replications, and rank correlations, from
 * Apache Commons Math: the t quantile for any degrees of freedom (Welch's are fractional), and
 * Spearman's rho with tied values given their average rank.
 */
public final class Statistics {

    private Statistics() {
    }

    /**
     * Mean and the half-width of its 95 % confidence interval; with fewer than two values the
     * interval is undefined (NaN), not of zero width.
     */
    public record Estimate(double mean, double halfWidth, int n) {
        public double low() {
            return mean - halfWidth;
        }

        public double high() {
            return mean + halfWidth;
        }

        /** Whether the interval exists (two values or more). */
        public boolean hasInterval() {
            return !Double.isNaN(halfWidth);
        }
    }

    public static Estimate estimate(double[] values) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) {
            s.addValue(v);
        }
        int n = values.length;
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, 0);
        }
        if (n < 2) {
            return new Estimate(s.getMean(), Double.NaN, n);
        }
        return new Estimate(s.getMean(), t975(n - 1) * s.getStandardDeviation() / Math.sqrt(n), n);
    }

    /** The two-sided 95 % quantile of Student's t with df degrees of freedom (df may be fractional). */
    public static double t975(double df) {
        if (!(df > 0) || Double.isInfinite(df)) {
            throw new IllegalArgumentException("degrees of freedom " + df + " is not a positive number");
        }
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }

    /** Spearman rank correlation, ties given their average rank; NaN for fewer than two pairs or a constant side. */
    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("spearman: " + a.length + " against " + b.length + " values");
        }
        if (a.length < 2) {
            return Double.NaN;
        }
        return new SpearmansCorrelation().correlation(a, b);
    }
}
