package org.wijklab.scenario;

import java.util.List;

/** Range checks that name the offending field; every scenario value passes through one of these. */
final class Check {
    private Check() {
    }

    static void range(String path, double value, double lo, double hi) {
        if (Double.isNaN(value) || value < lo || value > hi) {
            throw new ScenarioException(path + ": " + fmt(value) + " is not in [" + fmt(lo) + ", " + fmt(hi) + "]");
        }
    }

    static void range(String path, long value, long lo, long hi) {
        if (value < lo || value > hi) {
            throw new ScenarioException(path + ": " + value + " is not in [" + lo + ", " + hi + "]");
        }
    }

    static void probability(String path, double value) {
        range(path, value, 0.0, 1.0);
    }

    /** One month in years: the shortest duration a run can resolve (it steps monthly). */
    static final double MONTH = 1.0 / 12;

    /**
     * A duration in years of at least one month and at most {@code maxYears}, with the month said
     * as a person would ("less than one month"), not as 0.08333333333333333. A month written to four
     * decimals (0.0833) counts as one month: the model rounds durations to whole months anyway.
     */
    static void duration(String path, double value, double maxYears) {
        if (Double.isNaN(value) || value < MONTH - 1e-4) {
            throw new ScenarioException(path + ": " + fmt(value) + " is less than one month (1/12 of a year); it must be "
                    + "from one month to " + fmt(maxYears) + " years");
        }
        if (value > maxYears) {
            throw new ScenarioException(path + ": " + fmt(value) + " is more than " + fmt(maxYears) + " years");
        }
    }

    static void positive(String path, double value) {
        if (Double.isNaN(value) || value <= 0 || Double.isInfinite(value)) {
            throw new ScenarioException(path + ": " + fmt(value) + " must be a positive number");
        }
    }

    static void nonNegative(String path, double value) {
        if (Double.isNaN(value) || value < 0 || Double.isInfinite(value)) {
            throw new ScenarioException(path + ": " + fmt(value) + " must be zero or more");
        }
    }

    static void present(String path, Object value) {
        if (value == null) {
            throw new ScenarioException(path + ": is missing");
        }
    }

    static void length(String path, double[] values, int n) {
        present(path, values);
        if (values.length != n) {
            throw new ScenarioException(path + ": needs " + n + " values, got " + values.length);
        }
    }

    static void nonEmpty(String path, List<?> values) {
        present(path, values);
        if (values.isEmpty()) {
            throw new ScenarioException(path + ": must not be empty");
        }
    }

    /** The longest name a scenario, programme or neighbourhood may have. */
    static final int NAME_LENGTH = 200;

    /**
     * A name that is printed on one line and written into CSV cells: not blank, at most
     * {@link #NAME_LENGTH} characters, no control characters (newline, tab, escape...) nor line or
     * paragraph separators; with {@code csvCell} also no comma or quote. The message shows the name
     * with such characters escaped, so that it stays one line.
     */
    static void name(String path, String value, boolean csvCell) {
        present(path, value);
        if (value.isBlank()) {
            throw new ScenarioException(path + ": must not be empty");
        }
        if (value.length() > NAME_LENGTH) {
            throw new ScenarioException(path + ": '" + printable(value.substring(0, 40)) + "...' has " + value.length()
                    + " characters, at most " + NAME_LENGTH + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.FORMAT) {
                throw new ScenarioException(path + ": '" + printable(value) + "' holds a control character ("
                        + String.format("U+%04X", (int) c) + ") at " + (i + 1) + "; names are one line of printable text");
            }
            if (csvCell && (c == ',' || c == '"')) {
                throw new ScenarioException(path + ": '" + printable(value) + "' must contain no comma or quote");
            }
        }
    }

    /** A text as one printable line ({@link ScenarioException#oneLine}). */
    static String printable(String value) {
        return ScenarioException.oneLine(value);
    }

    /**
     * A value as the user wrote it: whole numbers without ".0", others in their shortest decimal
     * form (0.00001, not 1.0E-5); only very large or very small magnitudes in exponent form.
     */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (Double.isFinite(v) && a >= 1e-6 && a < 1e15) {
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v);
    }

    /**
     * A computed value (a sum of shares, say) rounded to 12 significant digits, so that 0.7 + 0.4
     * reads 1.1 and not 1.0999999999999999; the checks' tolerances are far above that rounding.
     */
    static String rounded(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return fmt(v);
        }
        return fmt(new java.math.BigDecimal(v).round(new java.math.MathContext(12)).doubleValue());
    }
}
