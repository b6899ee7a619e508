package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.wijklab.experiment.Statistics;
import org.wijklab.report.chart.Estimate;

/**
 * The numbers of a comparison report, computed from the runs' files: per scenario (a group of
 * replications) its focus neighbourhoods, the per-run metrics, and estimates (mean and 95 % CI over
 * replications) of everything the charts and tables show.
 */
final class Summary {
    /** The per-run key figures of the differences table, with their labels. */
    static final String[] KEY_METRICS = {"liveability_change_pct", "employment_end", "income_end",
        "good_mental_health_end", "eroded_income_gain", "eroded_employment_gain", "social_return_end"};
    static final String[] KEY_LABELS = {"targets' liveability change, start to end, %",
        "targets' employment rate at the end", "targets' equivalised income per person at the end, euro",
        "targets' good mental health at the end (share of adults)",
        "eroded equivalised income gain of the targets per period (people minus place change), euro",
        "eroded employment gain of the targets per period", "social return per euro at the end (all programmes)"};

    /** One scenario of the comparison. */
    static final class Scenario {
        final ScenarioGroup group;
        final Set<String> focus;
        final String focusRule;
        final List<RunMetrics> runs = new ArrayList<>();
        /** [metric][run] */
        double[][] key;
        /**
         * Effects against the reference (the first scenario): per run paired by seed with a
         * reference run, [metric of RunMetrics.SERIES][tick] of its targets minus the same
         * neighbourhoods in the reference run; empty for the reference itself.
         */
        final List<double[][]> effects = new ArrayList<>();
        /**
         * Cohort effects against the reference: per run paired by seed, [cohort metric of
         * RunMetrics.COHORT_METRICS][tick] of its targets' residents at its programme's start,
         * followed wherever they live, minus the same persons in the reference run (NaN before the
         * start); aligned with {@link #effects}, null for a pair where either run has no such cohort
         * in origins.csv.
         */
        final List<double[][]> cohortEffects = new ArrayList<>();
        /** The scenario its effects, cohort and money are measured against ({@link Summary#counterfactual}); null for the first. */
        Scenario against;
        /** The year this scenario's cohort was chosen (its first programme's start), or -1. */
        int cohortYear = -1;

        /** The pairs with a cohort effect. */
        List<double[][]> cohortPairs() {
            return cohortEffects.stream().filter(java.util.Objects::nonNull).toList();
        }
        /**
         * Realised avoided costs against the reference: per run paired by seed (and with costs.csv),
         * [year - 1][party] of the reference's escalation costs in the whole city minus this run's;
         * with the index of the run in {@link #runs}.
         */
        final List<double[][]> realised = new ArrayList<>();
        final List<Integer> realisedRun = new ArrayList<>();
        /** The first run's programme period in ticks (first and last active tick), or null. */
        int[] period;

        Scenario(ScenarioGroup group, Set<String> focus, String focusRule) {
            this.group = group;
            this.focus = focus;
            this.focusRule = focusRule;
        }

        String name() {
            return group.name();
        }

        RunMetrics first() {
            return runs.get(0);
        }

        boolean hasMoves() {
            return runs.stream().allMatch(r -> r.outShares != null);
        }

        boolean hasCosts() {
            return runs.stream().allMatch(r -> r.spent != null);
        }

        Estimate key(int metric) {
            return estimate(key[metric]);
        }
    }

    /** The effect curves' metrics: RunMetrics.SERIES, then the targets' escalation costs per year. */
    static final String[] EFFECTS = effects();

    private static String[] effects() {
        String[] e = java.util.Arrays.copyOf(RunMetrics.SERIES, RunMetrics.SERIES.length + 1);
        e[e.length - 1] = "escalation_costs";
        return e;
    }

    final List<Scenario> scenarios = new ArrayList<>();
    final int[] mapTicks;

    private Summary(int[] mapTicks) {
        this.mapTicks = mapTicks;
    }

    /** Reads every run once; mapTicks may hold -1 for each run's last tick. */
    static Summary of(List<ScenarioGroup> groups, int[] mapTicks) {
        Summary s = new Summary(mapTicks);
        Set<String> fallback = null;
        String fallbackRule = null;
        for (ScenarioGroup g : groups) {
            Set<String> t = RunMetrics.programmeTargets(g.first());
            if (!t.isEmpty()) {
                fallback = t;
                fallbackRule = "the targets of '" + g.name() + "' (this scenario has no programme)";
                break;
            }
        }
        List<Scenario> read = new ArrayList<>();
        List<Scenario> owner = new ArrayList<>();
        List<RunFolder> runs = new ArrayList<>();
        for (ScenarioGroup g : groups) {
            Set<String> focus = RunMetrics.programmeTargets(g.first());
            String rule = "its programmes' target neighbourhoods";
            if (focus.isEmpty() && fallback != null) {
                focus = fallback;
                rule = fallbackRule;
            } else if (focus.isEmpty()) {
                focus = RunMetrics.weakestAtStart(g.first(), 3);
                rule = "the three weakest neighbourhoods at the start (no scenario has a programme)";
            }
            Scenario sc = new Scenario(g, focus, rule);
            read.add(sc);
            for (RunFolder r : g.runs()) {
                owner.add(sc);
                runs.add(r);
            }
        }
        // every run's metrics depend on its own files only: read on the machine's cores, kept in
        // study order (a failure is the first failing run's, as when read one after the other)
        List<Integer> jobs = java.util.stream.IntStream.range(0, runs.size()).boxed().toList();
        List<RunMetrics> metrics = org.wijklab.experiment.Replicator.map(jobs,
                k -> RunMetrics.of(runs.get(k), owner.get(k).focus, mapTicks), readers(runs.size()));
        for (int k = 0; k < runs.size(); k++) {
            owner.get(k).runs.add(metrics.get(k));
        }
        for (Scenario sc : read) {
            checkAligned(sc);
            sc.key = new double[KEY_METRICS.length][sc.runs.size()];
            for (int i = 0; i < sc.runs.size(); i++) {
                double[] k = keyFigures(sc.runs.get(i));
                for (int m = 0; m < KEY_METRICS.length; m++) {
                    sc.key[m][i] = k[m];
                }
            }
            sc.period = RunMetrics.activePeriod(sc.group.first());
            s.scenarios.add(sc);
        }
        s.pairWithReference();
        return s;
    }

    /**
     * Threads reading runs at once: the machine's cores, at most four (each holds one run's tables
     * while it reads them).
     */
    private static int readers(int runs) {
        return Math.max(1, Math.min(runs, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * The scenario a scenario's effects are measured against: among the scenarios before and after
     * it, the first that is the same scenario without any programme (they differ in nothing but
     * {@code programmes}), so that a programme run in a crisis is set against the same crisis without
     * it; else the first scenario, the comparison's reference.
     */
    Scenario counterfactual(Scenario s) {
        if (!"[]".equals(leaves(s.group).get("programmes"))) {
            for (Scenario c : scenarios) {
                if (c != s && "[]".equals(leaves(c.group).get("programmes")) && differences(c.group, s.group).keySet()
                        .stream().allMatch(k -> k.equals("programmes") || k.startsWith("programmes."))) {
                    return c;
                }
            }
        }
        return scenarios.get(0);
    }

    /**
     * Each scenario's targets minus the same neighbourhoods in its counterfactual's run of the same
     * seed (the same city, warm-up and random streams), tick by tick; the same for its cohort and
     * its money. A run without a counterfactual run of its seed, or of other ticks, is left out.
     */
    private void pairWithReference() {
        if (scenarios.size() < 2) {
            return;
        }
        Map<Scenario, Map<Set<String>, Map<Long, RunMetrics>>> atFocus = new HashMap<>();
        for (int i = 1; i < scenarios.size(); i++) {
            Scenario sc = scenarios.get(i);
            Scenario ref = counterfactual(sc);
            sc.against = ref;
            if (ref == sc) {
                continue;
            }
            Map<Long, RunMetrics> bySeed = atFocus.computeIfAbsent(ref, x -> new HashMap<>()).computeIfAbsent(sc.focus, f -> {
                Map<Long, RunMetrics> m = new HashMap<>();
                List<RunFolder> folders = ref.group.runs();
                for (int r = 0; r < folders.size(); r++) {
                    m.put(folders.get(r).seed(), f.equals(ref.focus) ? ref.runs.get(r) : RunMetrics.of(folders.get(r), f, mapTicks));
                }
                return m;
            });
            for (int r = 0; r < sc.runs.size(); r++) {
                RunMetrics a = sc.runs.get(r);
                RunMetrics b = bySeed.get(sc.group.runs().get(r).seed());
                if (b == null || !java.util.Arrays.equals(a.ticks, b.ticks)) {
                    continue;
                }
                double[][] d = new double[EFFECTS.length][a.ticks.length];
                for (int m = 0; m < RunMetrics.SERIES.length; m++) {
                    for (int k = 0; k < a.ticks.length; k++) {
                        d[m][k] = a.series[0][m][k] - b.series[0][m][k];
                    }
                }
                // escalation costs of the year ending at each point, thousand euro
                int esc = EFFECTS.length - 1;
                for (int k = 0; k < a.ticks.length; k++) {
                    int year = (a.ticks[k] + 11) / 12;
                    d[esc][k] = year < 1 || a.focusEscalations == null || b.focusEscalations == null
                            || year > a.focusEscalations.length || year > b.focusEscalations.length ? Double.NaN
                            : (a.focusEscalations[year - 1] - b.focusEscalations[year - 1]) / 1000.0;
                }
                sc.effects.add(d);
                double[][] ca = a.cohorts.get(a.cohortYear);
                double[][] cb = b.cohorts.get(a.cohortYear);
                if (ca == null || cb == null) {
                    sc.cohortEffects.add(null);
                } else {
                    double[][] c = new double[RunMetrics.COHORT_METRICS.length][a.ticks.length];
                    for (int m = 0; m < c.length; m++) {
                        for (int k = 0; k < a.ticks.length; k++) {
                            c[m][k] = ca[m][k] - cb[m][k];
                        }
                    }
                    sc.cohortEffects.add(c);
                    sc.cohortYear = a.cohortYear;
                }
                if (a.spent != null && a.escalations != null && b.escalations != null
                        && a.escalations.length == b.escalations.length) {
                    double[][] saved = new double[a.escalations.length][RunMetrics.PARTIES.length];
                    for (int y = 0; y < saved.length; y++) {
                        for (int p = 0; p < saved[y].length; p++) {
                            saved[y][p] = b.escalations[y][p] - a.escalations[y][p];
                        }
                    }
                    sc.realised.add(saved);
                    sc.realisedRun.add(r);
                }
            }
        }
    }

    private static void checkAligned(Scenario sc) {
        RunMetrics a = sc.first();
        for (RunMetrics b : sc.runs) {
            if (!java.util.Arrays.equals(a.ticks, b.ticks)) {
                throw new ReportException("replications of '" + sc.name() + "' differ in length (" + a.ticks[a.ticks.length - 1]
                        + " and " + b.ticks[b.ticks.length - 1] + " months)");
            }
        }
    }

    private static double[] keyFigures(RunMetrics r) {
        int end = r.ticks.length - 1;
        double[] k = new double[KEY_METRICS.length];
        double l0 = r.series[0][3][0];
        // a change in % of nothing (no start value, or a start of zero) is not a number: NA
        k[0] = Double.isFinite(l0) && l0 != 0 ? 100.0 * (r.series[0][3][end] - l0) / l0 : Double.NaN;
        k[1] = r.series[0][0][end];
        k[2] = r.series[0][1][end];
        k[3] = r.series[0][2][end];
        k[4] = r.decomposition[1][RunMetrics.ERODED];
        k[5] = r.decomposition[0][RunMetrics.ERODED];
        k[6] = r.spent == null ? Double.NaN : r.socialReturn(r.spent.length);
        return k;
    }

    /**
     * Mean and 95 % CI of values; NaN (and infinite) values are left out (none left gives a NaN mean
     * and n 0). Values that are all equal have no interval (NA bounds), as one value has none: a
     * zero-width interval would claim a certainty the replications cannot give (e.g. two scenarios'
     * difference before they part, where every pair is exactly 0).
     */
    static Estimate estimate(double[] values) {
        double[] v = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
        if (v.length == 0) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        Statistics.Estimate e = Statistics.estimate(v);
        if (!(e.halfWidth() > 0)) {
            return new Estimate(e.mean(), Double.NaN, Double.NaN, e.n());
        }
        return new Estimate(e.mean(), e.low(), e.high(), e.n());
    }

    /** Difference b − a of a key figure: paired by seed when both have the same seeds, else unpaired (Welch). */
    static Estimate difference(Scenario a, Scenario b, int metric) {
        double[] x = a.key[metric];
        double[] y = b.key[metric];
        if (a.group.seeds().equals(b.group.seeds())) {
            double[] d = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                d[i] = y[i] - x[i];
            }
            return estimate(d);
        }
        return welch(x, y);
    }

    /** Unpaired difference mean(y) − mean(x) with Welch's interval; NA bounds without two values a side or without spread. */
    static Estimate welch(double[] x, double[] y) {
        Estimate ea = estimate(x);
        Estimate eb = estimate(y);
        if (ea.n() == 0 || eb.n() == 0) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double va = variance(x);
        double vb = variance(y);
        double se2 = va / ea.n() + vb / eb.n();
        double mean = eb.mean() - ea.mean();
        if (ea.n() < 2 || eb.n() < 2) {
            // one replication on a side: the difference has no interval
            return new Estimate(mean, Double.NaN, Double.NaN, Math.min(ea.n(), eb.n()));
        }
        if (!(se2 > 0)) {
            // both sides without spread: no interval (NA), not one of zero width
            return new Estimate(mean, Double.NaN, Double.NaN, Math.min(ea.n(), eb.n()));
        }
        // Welch-Satterthwaite degrees of freedom, fractional, and the t quantile for them
        double df = se2 * se2 / (StrictMath.pow(va / ea.n(), 2) / (ea.n() - 1) + StrictMath.pow(vb / eb.n(), 2) / (eb.n() - 1));
        double t = Statistics.t975(df);
        double h = t * Math.sqrt(se2);
        return new Estimate(mean, mean - h, mean + h, Math.min(ea.n(), eb.n()));
    }

    private static double variance(double[] v) {
        double m = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                m += x;
                n++;
            }
        }
        m /= n;
        double ss = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                ss += (x - m) * (x - m);
            }
        }
        return n > 1 ? ss / (n - 1) : 0.0;
    }

    /**
     * The scenario's parameters as dotted paths to their values, without seed, name and description
     * (what the differences between scenarios are read from).
     */
    static Map<String, String> leaves(ScenarioGroup g) {
        Map<String, String> out = new TreeMap<>();
        flatten(g.first().scenario(), "", out);
        out.remove("seed");
        out.remove("name");
        out.remove("description");
        return out;
    }

    private static void flatten(JsonNode n, String path, Map<String, String> out) {
        if (n.isObject()) {
            n.fieldNames().forEachRemaining(f -> flatten(n.get(f), path.isEmpty() ? f : path + "." + f, out));
        } else if (n.isArray() && n.size() > 0 && (n.get(0).isObject() || n.get(0).isArray())) {
            for (int i = 0; i < n.size(); i++) {
                flatten(n.get(i), path + "." + i, out);
            }
        } else {
            out.put(path, n.isTextual() ? n.asText() : n.toString());
        }
    }

    /** Paths whose values differ between two scenarios (present in one only counts too), with b's value. */
    static Map<String, String> differences(ScenarioGroup a, ScenarioGroup b) {
        Map<String, String> la = leaves(a);
        Map<String, String> lb = leaves(b);
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>(la.keySet());
        keys.addAll(lb.keySet());
        for (String k : new java.util.TreeSet<>(keys)) {
            String va = la.get(k);
            String vb = lb.get(k);
            if (va == null || !va.equals(vb)) {
                out.put(k, vb == null ? "(none)" : vb);
            }
        }
        return out;
    }

    /**
     * The differences from a to b for reading: a programme (or other list entry) that only b has is one
     * item, "programmes.0 added: name = ...", instead of all its settings; the rest is "path = value".
     */
    static List<String> describeDifferences(ScenarioGroup a, ScenarioGroup b) {
        Map<String, String> la = leaves(a);
        Map<String, String> lb = leaves(b);
        List<String> out = new ArrayList<>();
        Set<String> added = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : differences(a, b).entrySet()) {
            String path = e.getKey();
            String[] steps = path.split("\\.");
            if (steps.length > 2 && !la.containsKey(path) && steps[1].matches("[0-9]+")) {
                String entry = steps[0] + "." + steps[1];
                if (added.add(entry)) {
                    String name = lb.get(entry + ".name");
                    out.add(entry + " added" + (name == null ? "" : ": name = " + name));
                }
            } else if (!lb.containsKey(path) && la.containsKey(path) && la.get(path).equals("[]")) {
                continue; // an empty list in a that b fills: its entries are listed as added
            } else if (steps.length > 2 && !lb.containsKey(path) && steps[1].matches("[0-9]+")) {
                String entry = steps[0] + "." + steps[1];
                if (added.add(entry)) {
                    out.add(entry + " removed");
                }
            } else {
                out.add(path + " = " + e.getValue());
            }
        }
        return out;
    }

    /** A number if the text is one, else NaN. */
    static double numeric(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
