package org.wijklab.report.chart;

/**
 * A mean with its 95 % confidence interval over {@code n} replications ({@code lo == hi == mean} when
 * {@code n < 2}). A NaN bound means the interval is unknown and is drawn as no error bar.
 */
public record Estimate(double mean, double lo, double hi, int n) {
}
