package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.wijklab.report.chart.Estimate;

/**
 * The programmes' people as {@code services.csv} records them, per scenario with a programme: its
 * best persons (who became one, who was lost by moving, by burnout or by death, who is still active)
 * at the programme's end and at the run's end, and its teams' caseloads over the programme's period
 * (professionals, open cases by kind, cases per FTE against the caseload norms, professionals per
 * family). Every figure is a sum over a run's targets (the neighbourhoods where any of its programmes
 * was ever active), then a mean over the scenario's runs with its 95 % interval.
 */
final class People {
    /** Best-person quantities, per point. */
    static final String[] BP = {"emerged", "lost_moving", "lost_burnout", "died", "active", "resting",
        "moving_share_of_losses"};
    static final String[] BP_LABELS = {"became best persons", "lost by moving", "lost by burnout", "died",
        "active", "resting", "moving share of losses"};
    static final int EMERGED = 0;
    static final int MOVING = 1;
    static final int BURNOUT = 2;
    static final int MOVING_SHARE = 6;
    /** The points: the programme's last active month, and the run's last month. */
    static final String[] POINTS = {"programme_end", "run_end"};
    static final String[] POINT_LABELS = {"programme's end", "run's end"};

    /** Team quantities, per window. */
    static final String[] TEAM = {"professionals_fte", "cases_open", "cases_per_fte", "heavy_per_fte",
        "vulnerable_per_fte", "other_per_fte", "caseload_fte_per_fte", "professionals_per_family",
        "households_with_problems", "cases_per_household_with_problems", "caseload_share_of_capacity"};
    static final int FTE = 0;
    static final int CASES = 1;
    static final int PER_FTE = 2;
    /** The first of the three per-kind quantities (heavy, vulnerable, other), in the order of {@link #NORMS}. */
    static final int KIND_PER_FTE = 3;
    static final int LOAD = 6;
    static final int PER_FAMILY = 7;
    static final int CAPACITY_SHARE = 10;
    /** The caseload norms (scenario keys under policy.services), in the order of the kinds. */
    static final String[] NORMS = {"heavyCaseload", "vulnerableCaseload", "otherCaseload"};
    static final String[] KIND_COLUMNS = {"cases_heavy", "cases_vulnerable", "cases_other"};
    /** The windows: the programme's whole period, and its last twelve active months. */
    static final String[] WINDOWS = {"programme_period", "last_12_months"};
    static final String[] WINDOW_LABELS = {"the programme's period", "its last 12 months"};

    /** One run's figures; null fields where the run has nothing of the kind. */
    static final class RunPeople {
        /** Ticks of the points ({@link #POINTS}) and the first and last active tick. */
        final int[] pointTicks = new int[POINTS.length];
        int firstActive;
        /** [point][quantity of BP]. */
        final double[][] bp = new double[POINTS.length][BP.length];
        /** Whether any best person was ever counted in the run. */
        boolean anyBestPerson;
        /** [window][quantity of TEAM]; NaN where the run's services.csv lacks the columns. */
        final double[][] team = new double[WINDOWS.length][TEAM.length];
        /** First and last tick of each window. */
        final int[][] window = new int[WINDOWS.length][2];
        /** Whether a professional ever worked in the run's targets. */
        boolean anyTeam;
        /** Whether services.csv has the cases by kind and their load (runs of this version on). */
        boolean kinds;
    }

    /** One scenario with a programme: its runs' figures and the estimates over them. */
    static final class ScenarioPeople {
        final Summary.Scenario scenario;
        final List<RunPeople> runs = new ArrayList<>();
        /** The team modes of its programmes with a team ("integral", "fragmented"), in order, once each. */
        final Set<String> modes = new LinkedHashSet<>();
        /** Its programmes. */
        int programmes;
        /** The caseload norms of its scenario (NaN when the scenario has none). */
        final double[] norms = new double[NORMS.length];

        ScenarioPeople(Summary.Scenario scenario) {
            this.scenario = scenario;
        }

        boolean hasBestPersons() {
            return runs.stream().anyMatch(r -> r.anyBestPerson);
        }

        boolean hasTeam() {
            return runs.stream().anyMatch(r -> r.anyTeam);
        }

        boolean hasKinds() {
            return runs.stream().allMatch(r -> r.kinds);
        }

        /** A best-person quantity's estimate, its interval cut at 0 (and a share's at 1). */
        Estimate bp(int point, int q) {
            double[] v = new double[runs.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = runs.get(i).bp[point][q];
            }
            return cut(Summary.estimate(v), q == MOVING_SHARE ? 1.0 : Double.POSITIVE_INFINITY);
        }

        /** A team quantity's estimate, its interval cut at 0 (none is negative). */
        Estimate team(int window, int q) {
            double[] v = new double[runs.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = runs.get(i).team[window][q];
            }
            return cut(Summary.estimate(v), Double.POSITIVE_INFINITY);
        }

        /** A point's or window's tick as text: the same in every run, else "NA". */
        String pointTick(int point) {
            Set<Integer> t = new TreeSet<>();
            runs.forEach(r -> t.add(r.pointTicks[point]));
            return t.size() == 1 ? String.valueOf(t.iterator().next()) : "NA";
        }

        String windowTicks(int w, int end) {
            Set<Integer> t = new TreeSet<>();
            runs.forEach(r -> t.add(r.window[w][end]));
            return t.size() == 1 ? String.valueOf(t.iterator().next()) : "NA";
        }
    }

    /**
     * An interval cut to what the quantity can be: counts, loads and ratios are not negative, a share
     * is at most 1 (Student t over a few runs reaches past both). NA bounds stay NA.
     */
    static Estimate cut(Estimate e, double max) {
        if (Double.isNaN(e.lo())) {
            return e;
        }
        return new Estimate(e.mean(), Math.min(max, Math.max(0.0, e.lo())), Math.min(max, Math.max(0.0, e.hi())), e.n());
    }

    /** The scenarios with a programme (an active target in services.csv) and those without, by name. */
    final List<ScenarioPeople> scenarios = new ArrayList<>();
    final List<String> without = new ArrayList<>();

    private People() {
    }

    static People of(Summary summary) {
        People p = new People();
        for (Summary.Scenario s : summary.scenarios) {
            ScenarioPeople sp = new ScenarioPeople(s);
            for (RunFolder run : s.group.runs()) {
                RunPeople r = run(run, vulnerableNorm(run));
                run.release();
                if (r == null) {
                    break;
                }
                sp.runs.add(r);
            }
            if (sp.runs.size() < s.group.runs().size()) {
                p.without.add(s.name());
                continue;
            }
            JsonNode scenario = s.group.first().scenario();
            for (JsonNode prog : scenario.path("programmes")) {
                sp.programmes++;
                JsonNode team = prog.path("team");
                String mode = team.path("mode").asText("none");
                if (!mode.equals("none") && team.path("budgetShare").asDouble(0) > 0) {
                    sp.modes.add(mode);
                }
            }
            for (int k = 0; k < NORMS.length; k++) {
                JsonNode n = scenario.path("policy").path("services").path(NORMS[k]);
                sp.norms[k] = n.isNumber() ? n.asDouble() : Double.NaN;
            }
            p.scenarios.add(sp);
        }
        return p;
    }

    /** The scenario's vulnerable-family caseload norm, NaN without one. */
    static double vulnerableNorm(RunFolder run) {
        JsonNode n = run.scenario().path("policy").path("services").path(NORMS[1]);
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    /**
     * A run's figures from its services.csv (vulnerableNorm: the norm team_capacity is counted in),
     * or null when it has none or no programme was ever active.
     */
    static RunPeople run(RunFolder run, double vulnerableNorm) {
        int[] period = RunMetrics.activePeriod(run);
        if (period == null) {
            return null;
        }
        Set<String> targets = RunMetrics.programmeTargets(run);
        Table t = run.table("services.csv", "tick", "neighbourhood", "programme_active", "professionals", "cases_open",
                "households_with_problems", "professionals_per_family", "best_persons_active", "best_persons_exhausted",
                "best_persons_left", "best_persons_lost_moving", "best_persons_lost_burnout");
        RunPeople r = new RunPeople();
        r.firstActive = period[0];
        r.pointTicks[0] = period[1];
        r.pointTicks[1] = run.ticks();
        r.kinds = t.has("caseload_fte") && java.util.Arrays.stream(KIND_COLUMNS).allMatch(t::has);
        // the active months, and each window's first month: the last 12 active months or all of them
        TreeSet<Integer> active = new TreeSet<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.number(i, "programme_active") > 0) {
                active.add(t.integer(i, "tick"));
            }
        }
        List<Integer> months = new ArrayList<>(active);
        r.window[0][0] = months.get(0);
        r.window[1][0] = months.get(Math.max(0, months.size() - 12));
        for (int w = 0; w < WINDOWS.length; w++) {
            r.window[w][1] = months.get(months.size() - 1);
        }
        // sums: [window][fte, cases, heavy, vulnerable, other, load, holders, problems], and the months
        double[][] sum = new double[WINDOWS.length][9];
        int[] count = new int[WINDOWS.length];
        for (int w = 0; w < WINDOWS.length; w++) {
            count[w] = active.subSet(r.window[w][0], true, r.window[w][1], true).size();
        }
        for (int i = 0; i < t.size(); i++) {
            int tick = t.integer(i, "tick");
            if (!targets.contains(t.text(i, "neighbourhood"))) {
                continue;
            }
            for (int k = 0; k < POINTS.length; k++) {
                if (tick == r.pointTicks[k]) {
                    double act = t.number(i, "best_persons_active");
                    double rest = t.number(i, "best_persons_exhausted");
                    double left = t.number(i, "best_persons_left");
                    double moving = t.number(i, "best_persons_lost_moving");
                    double burnout = t.number(i, "best_persons_lost_burnout");
                    double[] b = r.bp[k];
                    b[EMERGED] += act + rest + left;
                    b[MOVING] += moving;
                    b[BURNOUT] += burnout;
                    b[3] += left - moving - burnout;
                    b[4] += act;
                    b[5] += rest;
                }
            }
            r.anyBestPerson |= t.number(i, "best_persons_active") + t.number(i, "best_persons_exhausted")
                    + t.number(i, "best_persons_left") > 0;
            if (t.number(i, "programme_active") <= 0) {
                continue;
            }
            for (int w = 0; w < WINDOWS.length; w++) {
                if (tick < r.window[w][0] || tick > r.window[w][1]) {
                    continue;
                }
                double[] s = sum[w];
                double cases = t.number(i, "cases_open");
                s[0] += t.number(i, "professionals");
                s[1] += cases;
                if (r.kinds) {
                    for (int k = 0; k < KIND_COLUMNS.length; k++) {
                        s[2 + k] += t.number(i, KIND_COLUMNS[k]);
                    }
                    s[5] += t.number(i, "caseload_fte");
                }
                s[6] += cases * t.number(i, "professionals_per_family");
                s[7] += t.number(i, "households_with_problems");
                s[8] += t.has("team_capacity") ? t.number(i, "team_capacity") : Double.NaN;
            }
        }
        for (int k = 0; k < POINTS.length; k++) {
            double lost = r.bp[k][MOVING] + r.bp[k][BURNOUT];
            r.bp[k][MOVING_SHARE] = lost > 0 ? r.bp[k][MOVING] / lost : Double.NaN;
        }
        for (int w = 0; w < WINDOWS.length; w++) {
            double[] s = sum[w];
            double[] q = r.team[w];
            r.anyTeam |= s[0] > 0;
            q[FTE] = s[0] / count[w];
            q[CASES] = s[1] / count[w];
            q[PER_FTE] = s[0] > 0 ? s[1] / s[0] : Double.NaN;
            for (int k = 0; k < 3; k++) {
                q[KIND_PER_FTE + k] = r.kinds && s[0] > 0 ? s[2 + k] / s[0] : Double.NaN;
            }
            q[LOAD] = r.kinds && s[0] > 0 ? s[5] / s[0] : Double.NaN;
            // professionals_per_family is rounded to 6 decimals in the file: the cases' mean is as exact
            q[PER_FAMILY] = s[1] > 0 ? s[6] / s[1] : Double.NaN;
            q[8] = s[7] / count[w];
            q[9] = s[7] > 0 ? s[1] / s[7] : Double.NaN;
            // team_capacity is the room in cases of the vulnerable norm: over the norm, in FTE
            q[CAPACITY_SHARE] = r.kinds && s[8] > 0 ? s[5] / (s[8] / vulnerableNorm) : Double.NaN;
        }
        return r;
    }
}
