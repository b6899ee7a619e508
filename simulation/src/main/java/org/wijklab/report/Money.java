package org.wijklab.report;

/**
 * A scenario's money, per pair of runs with the reference (the same seed), cumulative from year 1
 * and per paying party: what its programmes spent, the avoided costs the ledger expected (booked
 * while families are treated, costs.csv) and the avoided costs realised (the reference's escalation
 * costs in the whole city minus the scenario's, escalations.csv). The report's realised-return chart,
 * its per-party table and its one-screen summary all read from here.
 */
final class Money {
    /** Years every pair has (1 to years). */
    final int years;
    /** Pairs. */
    final int n;
    /** [pair][year - 1][party], cumulative. */
    final double[][][] spent;
    final double[][][] expected;
    final double[][][] realised;

    private Money(int years, int n) {
        this.years = years;
        this.n = n;
        int parties = RunMetrics.PARTIES.length;
        spent = new double[n][years][parties];
        expected = new double[n][years][parties];
        realised = new double[n][years][parties];
    }

    /** The money of a scenario's pairs with realised costs ({@link Summary.Scenario#realised}). */
    static Money of(Summary.Scenario s) {
        int n = s.realised.size();
        int years = Integer.MAX_VALUE;
        for (int r = 0; r < n; r++) {
            RunMetrics run = s.runs.get(s.realisedRun.get(r));
            years = Math.min(years, Math.min(s.realised.get(r).length, run.spent.length));
        }
        Money m = new Money(n == 0 ? 0 : years, n);
        for (int r = 0; r < n; r++) {
            RunMetrics run = s.runs.get(s.realisedRun.get(r));
            double[][] saved = s.realised.get(r);
            for (int p = 0; p < RunMetrics.PARTIES.length; p++) {
                double total = 0;
                for (int y = 0; y < m.years; y++) {
                    total += saved[y][p];
                    m.realised[r][y][p] = total;
                    m.spent[r][y][p] = run.spent[y][p];
                    m.expected[r][y][p] = run.avoided[y][p];
                }
            }
        }
        return m;
    }

    /** Per pair: the cumulative amount of one party (or all, party -1) at the end of year y (1-based). */
    double[] at(double[][][] amounts, int year, int party) {
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
            v[r] = sum(amounts[r][year - 1], party);
        }
        return v;
    }

    /** Per pair: the cumulative avoided amounts over the cumulative spending, all parties, at year y; NaN before any spending. */
    double[] perEuro(double[][][] avoided, int year) {
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
            double s = sum(spent[r][year - 1], -1);
            v[r] = s > 0 ? sum(avoided[r][year - 1], -1) / s : Double.NaN;
        }
        return v;
    }

    private static double sum(double[] byParty, int party) {
        if (party >= 0) {
            return byParty[party];
        }
        double t = 0;
        for (double x : byParty) {
            t += x;
        }
        return t;
    }
}
