package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the report needs from one run, computed from its CSV files only: yearly means for the focus
 * neighbourhoods and the rest of the city, the whole-run erosion decomposition of the focus
 * neighbourhoods, where movers out of and into them go and come from, costs per party and year,
 * and each neighbourhood's liveability at chosen ticks. The tables are released afterwards.
 */
final class RunMetrics {
    /**
     * Time-series metrics: column in neighbourhoods.csv and its weight column. The first three are
     * measured as the person-level metrics of origins.csv are (employment, equivalised income per
     * person, good mental health), so that a place and its cohort can be set side by side.
     */
    static final String[] SERIES = {"employment_rate", "equivalised_income", "good_mental_health", "liveability",
        "debt_share"};
    static final String[] SERIES_WEIGHT = {"adults", "residents", "adults", "households", "households"};
    /** The cohort metrics of origins.csv, in the order of the first three {@link #SERIES}. */
    static final String[] COHORT_METRICS = {"employment", "income", "good_mental_health"};
    /** Decomposition metrics and components (columns of decomposition.csv; eroded_gain = people - place). */
    static final String[] DECOMPOSITION_METRICS = {"employment", "income", "good_mental_health", "household_income"};
    static final String[] COMPONENTS = {"place_change", "people_change", "stayers_change", "inflow_effect",
        "outflow_effect", "eroded_gain", "people_change_in_city", "people_change_moved_within",
        "people_change_left_city", "people_change_own", "people_change_household", "same_persons_change",
        "ageing_in_effect", "ageing_out_effect"};
    static final int ERODED = 5;
    /** The people change's channels: own transitions and household events (own + household = people change). */
    static final int OWN = 9;
    static final int HOUSEHOLD = 10;
    /**
     * The weight of a neighbourhood's row in a component's mean over the focus, as persons counted by
     * decomposition.csv: its cohort at t0 for the place's terms and the whole cohort's people change
     * (the same weight for all, so that the means keep the identity and eroded = people - place),
     * the part's own size for a part's people change.
     */
    private static final String[][] COMPONENT_PERSONS = {{"stayers", "out_movers"}, {"stayers", "out_movers"},
        {"stayers", "out_movers"}, {"stayers", "out_movers"}, {"stayers", "out_movers"}, {},
        {"stayers", "out_within_city"}, {"out_within_city"}, {"out_left_city"}, {"stayers", "out_movers"},
        {"stayers", "out_movers"}, {"stayers", "out_movers"}, {"stayers", "out_movers"}, {"stayers", "out_movers"}};
    /** Liveability classes 1-7 (docs/OUTPUTS.md) and the move categories: a class or outside the city. */
    static final String[] CLASSES = {"very_negative", "negative", "mediocre", "moderately_positive", "positive",
        "very_positive", "excellent"};
    static final String OUTSIDE = "outside";
    /** The paying parties as costs.csv names them. */
    static final String[] PARTIES = org.wijklab.scenario.Programme.PARTIES.clone();

    final List<String> neighbourhoods = new ArrayList<>();
    /** Ticks of the yearly points: 0, 12, ..., and the last tick. */
    int[] ticks;
    /** [set: 0 focus, 1 rest][metric][point] */
    double[][][] series;
    /** [metric][component]: the mean over the run's regular periods. */
    double[][] decomposition;
    /** Length of the regular decomposition period and how many whole ones the run has. */
    int periodMonths;
    int periods;
    /** Shares of moves out of the focus set by destination, and into it by origin: [category], classes then outside; null without moves.csv. */
    double[] outShares;
    double[] inShares;
    /** Moves counted (out, in). */
    long[] moves = new long[2];
    /** Costs: years 1..Y, [year][party] cumulative spent and avoided over all programmes; null without costs.csv. */
    double[][] spent;
    /**
     * Costs: years 1..Y, [year][party] cumulative money of the parties' budget shares they could not spend (outside their
     * domain, or before their decision; docs/ODD.md §7.2 (d)); null without costs.csv or in a run folder written before
     * costs.csv had the column.
     */
    double[][] unspent;
    double[][] avoided;
    /**
     * The focus's escalation costs per year, all parties, [year - 1] (this year's); null without
     * escalations.csv.
     */
    double[] focusEscalations;
    /**
     * The focus neighbourhoods' residents at the start of an origin year, followed wherever they
     * live (origins.csv): origin year to [cohort metric][point], NaN before the origin year's tick.
     */
    final Map<Integer, double[][]> cohorts = new TreeMap<>();
    /** The year the run's first programme chose its cohort (cohorts.csv's first tick / 12), or -1. */
    int cohortYear = -1;
    /** Per map tick: class (1-7) and liveability of each neighbourhood in city order. */
    final Map<Integer, int[]> mapClass = new TreeMap<>();
    final Map<Integer, double[]> mapLiveability = new TreeMap<>();

    private RunMetrics() {
    }

    /** The neighbourhoods where any programme of the run was active at some tick (empty without programmes). */
    static Set<String> programmeTargets(RunFolder run) {
        Set<String> out = new LinkedHashSet<>();
        if (!run.hasFile("services.csv")) {
            return out;
        }
        Table s = run.table("services.csv", "neighbourhood", "programme_active");
        for (int i = 0; i < s.size(); i++) {
            if (s.number(i, "programme_active") > 0) {
                out.add(s.text(i, "neighbourhood"));
            }
        }
        return out;
    }

    /** The first and last tick at which any programme of the run was active, or null without one. */
    static int[] activePeriod(RunFolder run) {
        if (!run.hasFile("services.csv")) {
            return null;
        }
        Table s = run.table("services.csv", "tick", "programme_active");
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (int i = 0; i < s.size(); i++) {
            if (s.number(i, "programme_active") > 0) {
                int t = s.integer(i, "tick");
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        }
        return first == Integer.MAX_VALUE ? null : new int[] {first, last};
    }

    /** The n neighbourhoods of worst rank at tick 0. */
    static Set<String> weakestAtStart(RunFolder run, int n) {
        Table t = neighbourhoods(run, "tick", "neighbourhood", "rank");
        List<String> names = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < t.size() && t.integer(i, "tick") == 0; i++) {
            names.add(t.text(i, "neighbourhood"));
            ranks.add(t.integer(i, "rank"));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Integer.compare(ranks.get(b), ranks.get(a)));
        Set<String> out = new LinkedHashSet<>();
        for (int k = 0; k < Math.min(n, order.size()); k++) {
            out.add(names.get(order.get(k)));
        }
        return out;
    }

    /**
     * neighbourhoods.csv, checked whole before anything is read from it: a row for every tick of the
     * run (0 to its last) and every neighbourhood of its scenario, once each, so that a file with
     * rows deleted or added is named with what is missing instead of failing later elsewhere.
     */
    static Table neighbourhoods(RunFolder run, String... required) {
        Table t = run.table("neighbourhoods.csv", required);
        if (!t.has("tick") || !t.has("neighbourhood")) {
            throw new ReportException(t.file() + ": no column 'tick' or 'neighbourhood'");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode h : run.scenario().path("city").path("neighbourhoods")) {
            names.add(h.path("name").asText());
        }
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            index.put(names.get(j), j);
        }
        int m = names.size();
        int last = run.ticks();
        if (last < 0 || last > 200 * 12 + 100 * 12) {
            throw new ReportException(run.dir().resolve(RunFolder.MANIFEST) + ": ticks " + last + " is not a run's length");
        }
        boolean[][] seen = new boolean[last + 1][m];
        int[] count = new int[last + 1];
        for (int i = 0; i < t.size(); i++) {
            int tick = t.integer(i, "tick");
            if (tick < 0 || tick > last) {
                throw new ReportException(t.where(i, "tick") + ": tick " + tick + " is outside the run's 0-" + last);
            }
            String name = t.text(i, "neighbourhood");
            Integer j = index.get(name);
            if (j == null) {
                throw new ReportException(t.where(i, "neighbourhood") + ": '" + name + "' is not a neighbourhood of the run's scenario");
            }
            if (seen[tick][j]) {
                throw new ReportException(t.where(i, "neighbourhood") + ": tick " + tick + " has '" + name + "' twice");
            }
            seen[tick][j] = true;
            count[tick]++;
        }
        for (int tick = 0; tick <= last; tick++) {
            if (count[tick] != m) {
                List<String> missing = new ArrayList<>();
                for (int j = 0; j < m && missing.size() < 3; j++) {
                    if (!seen[tick][j]) {
                        missing.add(names.get(j));
                    }
                }
                throw new ReportException(t.file() + ": tick " + tick + " has " + count[tick] + " of " + m + " neighbourhoods"
                        + (missing.isEmpty() ? "" : " (missing: " + String.join(", ", missing) + (m - count[tick] > 3 ? ", ..." : "") + ")"));
            }
        }
        return t;
    }

    static RunMetrics of(RunFolder run, Set<String> focus, int[] mapTicks) {
        RunMetrics m = new RunMetrics();
        for (JsonNode h : run.scenario().path("city").path("neighbourhoods")) {
            m.neighbourhoods.add(h.path("name").asText());
        }
        m.readNeighbourhoods(run, focus, mapTicks);
        m.readDecomposition(run, focus);
        if (run.hasFile("moves.csv")) {
            m.readMoves(run, focus);
        }
        if (run.hasFile("costs.csv")) {
            m.readCosts(run);
        }
        if (run.hasFile("escalations.csv")) {
            m.readEscalations(run, focus);
        }
        if (run.hasFile("origins.csv")) {
            m.readOrigins(run, focus);
        }
        if (run.hasFile("cohorts.csv")) {
            Table c = run.table("cohorts.csv", "tick");
            int first = c.size() == 0 ? -1 : c.integer(0, "tick");
            m.cohortYear = first >= 0 && first % 12 == 0 ? first / 12 : -1;
        }
        run.release();
        return m;
    }

    private void readNeighbourhoods(RunFolder run, Set<String> focus, int[] mapTicks) {
        List<String> cols = new ArrayList<>(List.of("tick", "neighbourhood", "liveability", "liveability_class"));
        cols.addAll(List.of(SERIES));
        cols.addAll(List.of(SERIES_WEIGHT));
        Table t = neighbourhoods(run, cols.toArray(new String[0]));
        int last = run.ticks();
        List<Integer> points = new ArrayList<>();
        for (int tick = 0; tick <= last; tick += 12) {
            points.add(tick);
        }
        if (points.get(points.size() - 1) != last) {
            points.add(last);
        }
        ticks = points.stream().mapToInt(Integer::intValue).toArray();
        Map<Integer, Integer> pointOf = new HashMap<>();
        for (int k = 0; k < ticks.length; k++) {
            pointOf.put(ticks[k], k);
        }
        double[][][] sum = new double[2][SERIES.length][ticks.length];
        double[][][] weight = new double[2][SERIES.length][ticks.length];
        for (int mt : mapTicks) {
            int tick = mt < 0 || mt > last ? last : mt;
            mapClass.put(tick, new int[neighbourhoods.size()]);
            mapLiveability.put(tick, new double[neighbourhoods.size()]);
        }
        Map<String, Integer> hood = new HashMap<>();
        for (int j = 0; j < neighbourhoods.size(); j++) {
            hood.put(neighbourhoods.get(j), j);
        }
        for (int i = 0; i < t.size(); i++) {
            int tick = t.integer(i, "tick");
            String name = t.text(i, "neighbourhood");
            Integer k = pointOf.get(tick);
            if (k != null) {
                int set = focus.contains(name) ? 0 : 1;
                for (int s = 0; s < SERIES.length; s++) {
                    double w = t.number(i, SERIES_WEIGHT[s]);
                    sum[set][s][k] += w * t.number(i, SERIES[s]);
                    weight[set][s][k] += w;
                }
            }
            if (mapClass.containsKey(tick)) {
                Integer j = hood.get(name);
                if (j == null) {
                    throw new ReportException(t.file() + ": neighbourhood '" + name + "' is not in the run's scenario");
                }
                mapClass.get(tick)[j] = t.integer(i, "liveability_class");
                mapLiveability.get(tick)[j] = t.number(i, "liveability");
            }
        }
        series = new double[2][SERIES.length][ticks.length];
        for (int set = 0; set < 2; set++) {
            for (int s = 0; s < SERIES.length; s++) {
                for (int k = 0; k < ticks.length; k++) {
                    series[set][s][k] = weight[set][s][k] > 0 ? sum[set][s][k] / weight[set][s][k] : Double.NaN;
                }
            }
        }
    }

    /**
     * The focus neighbourhoods' decomposition per regular period ({@code output.decompositionYears}),
     * averaged over the run's whole periods: each neighbourhood's row weighted by the persons the
     * component is measured on (its cohort at the period's start; a part of the cohort for that
     * part's people change), the periods weighted equally. A part nobody is in (an empty cell) has
     * no weight; a period without any is left out of that component's mean, and targets with nobody in
     * them at every period's start have no decomposition (NaN: "no data"). Short periods show
     * erosion as it happens; over a whole run ageing dominates every term.
     */
    private void readDecomposition(RunFolder run, Set<String> focus) {
        List<String> cols = new ArrayList<>(List.of("neighbourhood", "metric", "t0", "t1", "stayers", "out_movers",
                "cohort_alive", "out_within_city", "out_left_city"));
        for (String c : COMPONENTS) {
            if (!c.equals("eroded_gain")) {
                cols.add(c);
            }
        }
        Table t = run.table("decomposition.csv", cols.toArray(new String[0]));
        int regular = 12 * run.scenario().path("output").path("decompositionYears").asInt(5);
        // a run shorter than one regular period is decomposed as a whole
        int period = run.ticks() >= regular ? regular : run.ticks();
        periodMonths = period;
        // per metric and period start: weighted sums and weights per component
        List<Map<Integer, double[][]>> sums = new ArrayList<>();
        for (int m = 0; m < DECOMPOSITION_METRICS.length; m++) {
            sums.add(new TreeMap<>());
        }
        int[] rows = new int[DECOMPOSITION_METRICS.length];
        for (int i = 0; i < t.size(); i++) {
            int t0 = t.integer(i, "t0");
            if (!focus.contains(t.text(i, "neighbourhood")) || t.integer(i, "t1") - t0 != period || t0 % period != 0) {
                continue;
            }
            int metric = List.of(DECOMPOSITION_METRICS).indexOf(t.text(i, "metric"));
            if (metric < 0) {
                continue;
            }
            rows[metric]++;
            double[][] sum = sums.get(metric).computeIfAbsent(t0, k -> new double[2][COMPONENTS.length]);
            for (int c = 0; c < COMPONENTS.length; c++) {
                if (c == ERODED || t.text(i, COMPONENTS[c]).isEmpty()) {
                    continue;
                }
                double w = 0;
                for (String count : COMPONENT_PERSONS[c]) {
                    w += t.number(i, count);
                }
                sum[0][c] += w * t.number(i, COMPONENTS[c]);
                sum[1][c] += w;
            }
        }
        decomposition = new double[DECOMPOSITION_METRICS.length][COMPONENTS.length];
        for (int metric = 0; metric < DECOMPOSITION_METRICS.length; metric++) {
            double[] d = decomposition[metric];
            int[] n = new int[COMPONENTS.length];
            periods = 0;
            for (double[][] sum : sums.get(metric).values()) {
                if (sum[1][0] <= 0) {
                    continue;
                }
                periods++;
                for (int c = 0; c < COMPONENTS.length; c++) {
                    if (sum[1][c] > 0) {
                        d[c] += sum[0][c] / sum[1][c];
                        n[c]++;
                    }
                }
            }
            if (rows[metric] == 0) {
                throw new ReportException(t.file() + ": no row for a whole " + period + "-month period of metric "
                        + DECOMPOSITION_METRICS[metric] + " of " + String.join(", ", focus));
            }
            for (int c = 0; c < COMPONENTS.length; c++) {
                d[c] = n[c] == 0 ? Double.NaN : d[c] / n[c];
            }
            d[ERODED] = d[1] - d[0];
        }
    }

    private void readMoves(RunFolder run, Set<String> focus) {
        Table h = neighbourhoods(run, "tick", "neighbourhood", "liveability_class");
        Map<String, int[]> classAt = new HashMap<>();
        for (int i = 0; i < h.size(); i++) {
            int[] c = classAt.computeIfAbsent(h.text(i, "neighbourhood"), k -> new int[run.ticks() + 1]);
            int tick = h.integer(i, "tick");
            if (tick >= 0 && tick < c.length) {
                c[tick] = h.integer(i, "liveability_class");
            }
        }
        long[] out = new long[CLASSES.length + 1];
        long[] in = new long[CLASSES.length + 1];
        // read row by row: a run's moves are its largest file (10 MB at 100,000 residents and 30 years)
        try (Table.Cursor t = run.cursor("moves.csv", "tick", "from", "to")) {
            int tickColumn = t.column("tick");
            int fromColumn = t.column("from");
            int toColumn = t.column("to");
            while (t.next()) {
                String from = t.text(fromColumn);
                String to = t.text(toColumn);
                boolean fromFocus = focus.contains(from);
                boolean toFocus = focus.contains(to);
                if (fromFocus == toFocus) {
                    continue;
                }
                int tick = t.integer(tickColumn);
                String other = fromFocus ? to : from;
                int category = category(classAt, other, tick, t.file());
                if (fromFocus) {
                    out[category]++;
                } else {
                    in[category]++;
                }
            }
        }
        outShares = shares(out);
        inShares = shares(in);
        moves[0] = total(out);
        moves[1] = total(in);
    }

    private static int category(Map<String, int[]> classAt, String name, int tick, java.nio.file.Path file) {
        if (name.equals(OUTSIDE)) {
            return CLASSES.length;
        }
        int[] c = classAt.get(name);
        if (c == null) {
            throw new ReportException(file + ": a move names '" + name + "', which is not a neighbourhood of the run");
        }
        // the class the neighbourhood had at the observation before the move
        int cls = c[Math.max(0, Math.min(c.length - 1, tick - 1))];
        if (cls < 1 || cls > CLASSES.length) {
            throw new ReportException(file + ": liveability class " + cls + " of '" + name + "' is not 1-7");
        }
        return cls - 1;
    }

    private static long total(long[] counts) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    private static double[] shares(long[] counts) {
        long n = total(counts);
        double[] s = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            s[i] = n == 0 ? 0.0 : (double) counts[i] / n;
        }
        return s;
    }

    /**
     * Escalation costs in the whole city, [year - 1][party] (this year's, not cumulative); null
     * without escalations.csv. The whole city, not the targets: what a programme moves elsewhere
     * (a household displaced to another neighbourhood) is not a saving.
     */
    double[][] escalations;

    private void readEscalations(RunFolder run, Set<String> focus) {
        Table t = run.table("escalations.csv", "year", "neighbourhood", "party", "escalation_costs");
        escalations = byYearAndParty(t, "escalation_costs");
        focusEscalations = new double[escalations.length];
        for (int i = 0; i < t.size(); i++) {
            if (focus.contains(t.text(i, "neighbourhood"))) {
                focusEscalations[t.integer(i, "year") - 1] += t.number(i, "escalation_costs");
            }
        }
    }

    /**
     * The focus's cohorts: per origin year, the rows of the focus neighbourhoods summed, each
     * metric as the mean weighted by its count ({@code X_n}), at the yearly points.
     */
    private void readOrigins(RunFolder run, Set<String> focus) {
        List<String> cols = new ArrayList<>(List.of("origin_year", "tick", "neighbourhood"));
        for (String m : COHORT_METRICS) {
            cols.add(m);
            cols.add(m + "_n");
        }
        Table t = run.table("origins.csv", cols.toArray(new String[0]));
        Map<Integer, Integer> pointOf = new HashMap<>();
        for (int k = 0; k < ticks.length; k++) {
            pointOf.put(ticks[k], k);
        }
        Map<Integer, double[][][]> sums = new TreeMap<>();
        for (int i = 0; i < t.size(); i++) {
            if (!focus.contains(t.text(i, "neighbourhood"))) {
                continue;
            }
            Integer k = pointOf.get(t.integer(i, "tick"));
            if (k == null) {
                continue;
            }
            double[][][] s = sums.computeIfAbsent(t.integer(i, "origin_year"),
                    y -> new double[2][COHORT_METRICS.length][ticks.length]);
            for (int m = 0; m < COHORT_METRICS.length; m++) {
                double n = t.number(i, COHORT_METRICS[m] + "_n");
                s[0][m][k] += n * t.number(i, COHORT_METRICS[m]);
                s[1][m][k] += n;
            }
        }
        for (Map.Entry<Integer, double[][][]> e : sums.entrySet()) {
            double[][] c = new double[COHORT_METRICS.length][ticks.length];
            double[][][] s = e.getValue();
            for (int m = 0; m < c.length; m++) {
                for (int k = 0; k < ticks.length; k++) {
                    c[m][k] = s[1][m][k] > 0 ? s[0][m][k] / s[1][m][k] : Double.NaN;
                }
            }
            cohorts.put(e.getKey(), c);
        }
    }

    private void readCosts(RunFolder run) {
        Table t = run.table("costs.csv", "year", "party", "cumulative_spent", "cumulative_avoided");
        spent = byYearAndParty(t, "cumulative_spent");
        avoided = byYearAndParty(t, "cumulative_avoided");
        unspent = t.has("cumulative_unspent") ? byYearAndParty(t, "cumulative_unspent") : null;
    }

    /** A column summed per year (1 to the last, as index year - 1) and party; a row of an unknown year or party is an error. */
    private static double[][] byYearAndParty(Table t, String column) {
        int years = 0;
        for (int i = 0; i < t.size(); i++) {
            years = Math.max(years, t.integer(i, "year"));
        }
        double[][] out = new double[years][PARTIES.length];
        List<String> parties = List.of(PARTIES);
        for (int i = 0; i < t.size(); i++) {
            int y = t.integer(i, "year");
            int p = parties.indexOf(t.text(i, "party"));
            if (y < 1 || p < 0) {
                throw new ReportException(t.file() + ": line " + (i + 2) + ": year " + y + " or party '"
                        + t.text(i, "party") + "' unknown");
            }
            out[y - 1][p] += t.number(i, column);
        }
        return out;
    }

    /** Cumulative avoided over cumulative spent, all parties, at the end of year y (1-based); NaN before any spending. */
    double socialReturn(int year) {
        double s = 0;
        double a = 0;
        for (int p = 0; p < PARTIES.length; p++) {
            s += spent[year - 1][p];
            a += avoided[year - 1][p];
        }
        return s > 0 ? a / s : Double.NaN;
    }
}
