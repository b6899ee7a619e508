package org.wijklab.report.chart;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Argument checks of the chart factory; each failure is an IllegalArgumentException naming the problem. */
final class Checks {
    private Checks() {
    }

    /** {@code value} is not null. */
    static void notNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null");
        }
    }

    /** A non-empty list without null elements. */
    static void elements(List<?> list, String name) {
        notNull(list, name);
        if (list.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        for (int i = 0; i < list.size(); i++) {
            notNull(list.get(i), name + "[" + i + "]");
        }
    }

    /** A non-empty list of distinct, non-null names. */
    static void names(List<String> names, String name) {
        elements(names, name);
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException(name + " has '" + n + "' twice");
            }
        }
    }

    /** {@code value} is a finite number. */
    static void finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " is " + value + ", not a finite number");
        }
    }

    /** A confidence bound: finite, or NaN for "unknown" (drawn as no band or error bar). */
    static void bound(double value, String name) {
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " is " + value + ", not a finite number or NaN");
        }
    }

    /** {@code name} has {@code expected} values, as many as {@code expectedWhat}. */
    static void length(int actual, int expected, String name, String expectedWhat) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has " + actual + " values but " + expectedWhat + " has "
                    + expected);
        }
    }

    /** A non-null estimate with a finite mean and finite or NaN bounds. */
    static void estimate(Estimate estimate, String name) {
        notNull(estimate, name);
        finite(estimate.mean(), name + ".mean");
        bound(estimate.lo(), name + ".lo");
        bound(estimate.hi(), name + ".hi");
    }

    /** A non-empty list of bands with distinct labels, each with consistent, finite, ascending data. */
    static void bands(List<Band> bands) {
        elements(bands, "bands");
        names(bands.stream().map(Band::label).toList(), "band labels");
        for (int b = 0; b < bands.size(); b++) {
            band(bands.get(b), "band '" + bands.get(b).label() + "'");
        }
    }

    private static void band(Band band, String name) {
        notNull(band.x(), name + " x");
        notNull(band.mean(), name + " mean");
        notNull(band.lo(), name + " lo");
        notNull(band.hi(), name + " hi");
        int n = band.x().length;
        if (n == 0) {
            throw new IllegalArgumentException(name + " has no points");
        }
        length(band.mean().length, n, name + " mean", "x");
        length(band.lo().length, n, name + " lo", "x");
        length(band.hi().length, n, name + " hi", "x");
        for (int i = 0; i < n; i++) {
            finite(band.x()[i], name + " x[" + i + "]");
            finite(band.mean()[i], name + " mean[" + i + "]");
            bound(band.lo()[i], name + " lo[" + i + "]");
            bound(band.hi()[i], name + " hi[" + i + "]");
            if (i > 0 && band.x()[i] < band.x()[i - 1]) {
                throw new IllegalArgumentException(name + " x is not ascending at x[" + i + "] = " + band.x()[i]);
            }
        }
    }
}
