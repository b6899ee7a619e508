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

    /**
     * The smallest first stage of Stein's two-stage procedure that adaptive replications use: with
     * fewer values the first stage's variance is too rough a guide to the second stage's size.
     */
    public static final int STEIN_FIRST_STAGE = 5;

    /**
     * Stein's two-stage rule: from a first stage of n0 values (NaN ones left out) with sample
     * standard deviation s, the total number of values N = max(n0, ceil((t_{n0-1, 0.975} s / w)^2)),
     * at most {@code max}, so that the interval of {@link #stein} has half-width at most w unless
     * capped. A first stage of fewer than two values, or of equal values, has no variance to size
     * the second stage by: N is then n0 (and {@link #stein}'s interval is NaN).
     */
    public static int steinTotal(double[] firstStage, double w, int max) {
        SummaryStatistics s = summary(firstStage);
        int n0 = (int) s.getN();
        double sd = s.getStandardDeviation();
        if (n0 < 2 || !(sd > 0)) {
            return n0;
        }
        double n = Math.ceil(StrictMath.pow(t975(n0 - 1) * sd / w, 2));
        return (int) Math.max(n0, Math.min(max, n));
    }

    /**
     * Stein's two-stage 95 % interval: the mean of every value (first and second stage) with
     * half-width t_{n0-1, 0.975} s0 / sqrt(N), s0 the first stage's standard deviation on its n0
     * values and N all values. Its coverage is exactly 95 % for normal values whatever rule chose N
     * from the first stage (the mean is independent of s0), where a t interval on N - 1 degrees of
     * freedom after a data-driven stop is not. NaN half-width when the first stage has fewer than
     * two values or none that differ (a zero-width interval would claim certainty); NaN values are
     * left out.
     */
    public static Estimate stein(double[] firstStage, double[] all) {
        SummaryStatistics first = summary(firstStage);
        SummaryStatistics every = summary(all);
        int n = (int) every.getN();
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, 0);
        }
        long n0 = first.getN();
        double sd = first.getStandardDeviation();
        double half = n0 < 2 || !(sd > 0) ? Double.NaN : t975(n0 - 1) * sd / Math.sqrt(n);
        return new Estimate(every.getMean(), half, n);
    }

    private static SummaryStatistics summary(double[] values) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) {
            if (!Double.isNaN(v)) {
                s.addValue(v);
            }
        }
        return s;
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
