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

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
