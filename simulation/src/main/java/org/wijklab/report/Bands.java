package org.wijklab.report;

import java.util.ArrayList;
import java.util.List;
import org.wijklab.report.chart.Band;
import org.wijklab.report.chart.Estimate;

/** Bands over the runs' yearly points, shared by the sections that draw lines over time. */
final class Bands {
    private Bands() {
    }

    /** The programmes' running periods in years, each once. */
    static List<double[]> periods(List<Summary.Scenario> sc) {
        List<double[]> periods = new ArrayList<>();
        for (Summary.Scenario s : sc) {
            if (s.period != null) {
                double[] p = {s.period[0] / 12.0, s.period[1] / 12.0};
                if (periods.stream().noneMatch(q -> q[0] == p[0] && q[1] == p[1])) {
                    periods.add(p);
                }
            }
        }
        return periods;
    }

    /** The band's points with a finite mean (a band starts where its values are known), or null if none. */
    static Band finite(Band b) {
        int n = 0;
        for (double v : b.mean()) {
            n += Double.isFinite(v) ? 1 : 0;
        }
        if (n == b.mean().length) {
            return b;
        }
        if (n == 0) {
            return null;
        }
        double[][] a = new double[4][n];
        int j = 0;
        for (int i = 0; i < b.mean().length; i++) {
            if (Double.isFinite(b.mean()[i])) {
                a[0][j] = b.x()[i];
                a[1][j] = b.mean()[i];
                a[2][j] = b.lo()[i];
                a[3][j++] = b.hi()[i];
            }
        }
        return new Band(b.label(), a[0], a[1], a[2], a[3], b.dashed());
    }

    /** A value of run r at tick index k. */
    interface RunValue {
        double at(int r, int k);
    }

    /** Told the estimate at each tick (for a CSV row). */
    interface TickEstimate {
        void at(int tick, Estimate e);
    }

    /** A band over the ticks (in years): the mean over the runs at each tick with its 95 % interval. */
    static Band band(String label, int[] ticks, int runs, RunValue value, boolean dashed, TickEstimate row) {
        double[] x = new double[ticks.length];
        double[] mean = new double[ticks.length];
        double[] lo = new double[ticks.length];
        double[] hi = new double[ticks.length];
        for (int k = 0; k < ticks.length; k++) {
            double[] v = new double[runs];
            for (int r = 0; r < runs; r++) {
                v[r] = value.at(r, k);
            }
            Estimate e = Summary.estimate(v);
            x[k] = ticks[k] / 12.0;
            mean[k] = e.mean();
            lo[k] = e.lo();
            hi[k] = e.hi();
            row.at(ticks[k], e);
        }
        return new Band(label, x, mean, lo, hi, dashed);
    }
}
