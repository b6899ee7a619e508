package org.wijklab.report.chart;

/**
 * One line of an XY chart with its 95 % confidence band. {@code x} is ascending and all arrays have
 * the same length; a NaN in {@code lo} or {@code hi} leaves the band out at that point. {@code dashed}
 * draws the line dashed, as for "rest of the city" lines set against solid "targets" lines.
 */
public record Band(String label, double[] x, double[] mean, double[] lo, double[] hi, boolean dashed) {
}
