package org.wijklab.observation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arithmetic of the leak and the out-move hazard over the rows of two runs' {@code leak.csv}
 * (a programme's run and its counterfactual twin on the same seed), shared by the report (which
 * reads the rows from the runs' files) and a paired sweep (which keeps them in memory,
 * {@link #rows(String)}), so the two give the same numbers from the same rows. The cohort is the
 * persons who lived in the targets at the programme's start; per metric their gain from the cohort
 * tick to a point is summed by where they live at the point ({@link #CLASSES}) and divided by the
 * cohort's count measured at the cohort tick; the run's split minus the twin's is the
 * programme-attributable gain by where it went. The hazard splits each member's time at risk at its
 * first help (leak.csv's split columns). Draws nothing.
 */
public final class LeakMeasure {
    /** The metrics of leak.csv, as its column prefixes. */
    public static final String[] METRICS = {"income", "employment", "good_mental_health"};
    /** Where a member lives at a point (its location's class): a target, another neighbourhood, the region. */
    public static final String[] CLASSES = {"in_targets", "moved_in_city", "left_city"};
    /** The per-pair quantities of each metric ({@link #leak}). */
    public static final String[] QUANTITIES = {"in_targets", "moved_in_city", "left_city", "gain_total", "leak",
        "helped_share", "gain_per_helped"};
    public static final int GAIN_TOTAL = 3;
    public static final int LEAK_INDEX = 4;
    public static final int HELPED_SHARE = 5;
    /** The hazard quantities ({@link #hazard}). */
    public static final String[] HAZARDS = {"rate_helped", "rate_unhelped_eligible", "rate_eligible",
        "rate_eligible_counterfactual", "ratio_helped_vs_unhelped", "ratio_eligible_itt", "extra_out_moves_per_helped"};
    public static final int RATIO_HELPED = 4;
    public static final int RATIO_ITT = 5;
    /** leak.csv's split of time at risk and first move-outs at a member's first help (not in earlier runs' files). */
    public static final String[] SPLIT = {"months_at_risk_unhelped", "months_at_risk_helped", "left_unhelped", "left_helped"};

    /**
     * The hazard's groups: the helped time (every member's months after its first help); the
     * eligible's unhelped time (eligible members' months before any help); eligible; everybody.
     */
    private static final int HELPED_GROUP = 0;
    private static final int UNHELPED_ELIGIBLE = 1;
    private static final int ELIGIBLE = 2;
    private static final int ALL = 3;

    private LeakMeasure() {
    }

    /** The rows of a leak table, by column name: a file read by the report, or a run's rows kept in memory. */
    public interface Rows {
        int size();

        boolean has(String column);

        String text(int row, String column);

        double number(int row, String column);

        int integer(int row, String column);
    }

    /** A cohort's sums in one run at one point. */
    public static final class Sums {
        public double persons;
        public double helped;
        /** [metric]: members measured at the cohort tick. */
        public final double[] n0 = new double[METRICS.length];
        /** [metric][class]: the sum of their gains, by where they live at the point. */
        public final double[][] gain = new double[METRICS.length][CLASSES.length];
        /** [group]: first move-outs found by the point, and the months at risk, in the group's person-time. */
        public final double[] left = new double[4];
        public final double[] atRisk = new double[4];
        /** Whether any row of the cohort was at this point. */
        public boolean found;
        /** Whether the table splits time at risk at first help ({@link #SPLIT}); without it the helped groups are NaN. */
        public boolean split;
    }

    /**
     * The sums over a run's leak rows of a cohort year at a tick whose origin is a target. A cell the
     * run left empty (NA: nobody measured) adds nothing.
     */
    public static Sums sums(Rows t, int cohortYear, int tick, Set<String> targets) {
        Sums s = new Sums();
        s.split = Arrays.stream(SPLIT).allMatch(t::has);
        for (int i = 0; i < t.size(); i++) {
            if (t.integer(i, "cohort_year") != cohortYear || t.integer(i, "tick") != tick
                    || !targets.contains(t.text(i, "origin"))) {
                continue;
            }
            s.found = true;
            String location = t.text(i, "location");
            int cls = targets.contains(location) ? 0 : "region".equals(location) ? 2 : "dead".equals(location) ? -1 : 1;
            boolean eligible = t.integer(i, "eligible") == 1;
            boolean helped = t.integer(i, "helped") == 1;
            double persons = count(t, i, "persons");
            s.persons += persons;
            if (helped) {
                s.helped += persons;
            }
            double left = count(t, i, "left_origin");
            double risk = count(t, i, "months_at_risk");
            if (s.split) {
                s.left[HELPED_GROUP] += count(t, i, "left_helped");
                s.atRisk[HELPED_GROUP] += count(t, i, "months_at_risk_helped");
                if (eligible) {
                    s.left[UNHELPED_ELIGIBLE] += count(t, i, "left_unhelped");
                    s.atRisk[UNHELPED_ELIGIBLE] += count(t, i, "months_at_risk_unhelped");
                }
            }
            if (eligible) {
                s.left[ELIGIBLE] += left;
                s.atRisk[ELIGIBLE] += risk;
            }
            s.left[ALL] += left;
            s.atRisk[ALL] += risk;
            for (int m = 0; m < METRICS.length; m++) {
                s.n0[m] += count(t, i, METRICS[m] + "_n0");
                if (cls >= 0) {
                    s.gain[m][cls] += count(t, i, METRICS[m] + "_gain");
                }
            }
        }
        return s;
    }

    /** A count or sum cell; NA or empty (nothing measured) is 0. */
    public static double count(Rows t, int row, String column) {
        String v = t.text(row, column);
        return v.isEmpty() || "NA".equals(v) ? 0 : t.number(row, column);
    }

    /** Whether the two runs' cohorts are the same persons: equal counts in all and per metric at the cohort tick. */
    public static boolean sameCohort(Sums a, Sums b) {
        return a.persons == b.persons && Arrays.equals(a.n0, b.n0);
    }

    /**
     * One pair's leak, [metric][quantity of {@link #QUANTITIES}]: per class the scenario's gain per
     * cohort member measured at the cohort tick minus the counterfactual's, their total, the part that
     * left the targets, the helped share (the scenario run's) and the gain per helped person; NaN where
     * nobody was measured or nobody helped.
     */
    public static double[][] leak(Sums a, Sums b) {
        double[][] out = new double[METRICS.length][QUANTITIES.length];
        double share = a.persons > 0 ? a.helped / a.persons : Double.NaN;
        for (int m = 0; m < METRICS.length; m++) {
            double n = a.n0[m];
            double total = 0;
            for (int c = 0; c < CLASSES.length; c++) {
                out[m][c] = n > 0 ? (a.gain[m][c] - b.gain[m][c]) / n : Double.NaN;
                total += out[m][c];
            }
            out[m][GAIN_TOTAL] = total;
            out[m][LEAK_INDEX] = out[m][1] + out[m][2];
            out[m][HELPED_SHARE] = share;
            out[m][HELPED_SHARE + 1] = share > 0 ? total / share : Double.NaN;
        }
        return out;
    }

    /** Out-moves per person-year at risk; NaN without time at risk. */
    private static double rate(double left, double months) {
        return months > 0 ? left / (months / 12.0) : Double.NaN;
    }

    private static double ratio(double x, double y) {
        return x > 0 && y > 0 ? x / y : Double.NaN;
    }

    /**
     * One pair's hazard quantities ({@link #HAZARDS}): rates per person-year (the helped's over the
     * cohort's person-time after first help, the eligible unhelped's over the eligible's person-time
     * before it; NaN for both if the scenario's leak table lacks the split), their ratios, the extra
     * out-moves per helped person.
     */
    public static double[] hazard(Sums a, Sums b) {
        double[] h = new double[HAZARDS.length];
        h[0] = a.split ? rate(a.left[HELPED_GROUP], a.atRisk[HELPED_GROUP]) : Double.NaN;
        h[1] = a.split ? rate(a.left[UNHELPED_ELIGIBLE], a.atRisk[UNHELPED_ELIGIBLE]) : Double.NaN;
        h[2] = rate(a.left[ELIGIBLE], a.atRisk[ELIGIBLE]);
        h[3] = rate(b.left[ELIGIBLE], b.atRisk[ELIGIBLE]);
        h[4] = ratio(h[0], h[1]);
        h[5] = ratio(h[2], h[3]);
        h[6] = a.helped > 0 ? (a.left[ALL] - b.left[ALL]) / a.helped : Double.NaN;
        return h;
    }

    /** The point ticks of a cohort year in a leak table, ascending. */
    public static List<Integer> ticks(Rows t, int year) {
        TreeSet<Integer> out = new TreeSet<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.integer(i, "cohort_year") == year) {
                out.add(t.integer(i, "tick"));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The programme's end as a point: its last active month (a programme is active while
     * start &lt; tick &lt;= end) or the first point after it; -1 when the run ends before it.
     */
    public static int endPoint(List<Integer> ticks, int lastActive) {
        for (int t : ticks) {
            if (t >= lastActive) {
                return t;
            }
        }
        return -1;
    }

    /** Rows kept in memory: a leak table's text as {@link Csv} wrote it, cells read as the report reads a file's. */
    public static Rows rows(String text) {
        List<String> lines = text.lines().filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException("a leak table without a header");
        }
        List<String> header = List.of(Csv.parse(lines.get(0)));
        List<String[]> rows = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            rows.add(Csv.parse(line));
        }
        return new Rows() {
            @Override
            public int size() {
                return rows.size();
            }

            @Override
            public boolean has(String column) {
                return header.contains(column);
            }

            @Override
            public String text(int row, String column) {
                int c = header.indexOf(column);
                if (c < 0) {
                    throw new IllegalStateException("leak table: no column '" + column + "'");
                }
                return rows.get(row)[c];
            }

            @Override
            public double number(int row, String column) {
                return Double.parseDouble(text(row, column));
            }

            @Override
            public int integer(int row, String column) {
                return (int) number(row, column);
            }
        };
    }
}
