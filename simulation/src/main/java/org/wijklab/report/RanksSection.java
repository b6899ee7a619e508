package org.wijklab.report;

import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.fmt;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Page.SMALL_H;
import static org.wijklab.report.Page.SMALL_W;
import static org.wijklab.report.Page.WIDE_H;
import static org.wijklab.report.Page.WIDE_W;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Estimate;

/**
 * Rank persistence (summary-ranks.csv): how far the liveability ranking of the neighbourhoods holds
 * from the start to year 10 and to year 30 (or the runs' end), as Spearman's rank correlation per run
 * and the number of neighbourhoods whose liveability class changed, across each scenario's seeds.
 */
final class RanksSection extends ComparisonSection {
    /** The ticks the ranking is compared at: the end of year 10, and of year 30 (or the run's last tick before it). */
    static final int YEAR_10 = 120;
    static final int YEAR_30 = 360;

    RanksSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "ranks";
    }

    @Override
    public String title() {
        return "Rank persistence";
    }

    /**
     * One run's ranking at tick 0 against {@code mid} and {@code end}: Spearman's rho of the
     * neighbourhoods' liveability (ties at their average rank; NaN with fewer than two neighbourhoods,
     * where liveability is the same everywhere, or for a tick after the run), the neighbourhoods whose
     * liveability class differs from tick 0 (-1 for a tick after the run), and the ranks (1 = best) at
     * tick 0 and at {@code end}, in city order.
     */
    record RunRanks(double rhoMid, double rhoEnd, int changesMid, int changesEnd, double[] startRank, double[] endRank) {
    }

    static RunRanks of(RunFolder run, int mid, int end) {
        Table t = RunMetrics.neighbourhoods(run, "tick", "neighbourhood", "liveability", "liveability_class");
        List<String> names = Space.neighbourhoods(run);
        int m = names.size();
        int[] at = {0, mid, end};
        double[][] live = new double[3][m];
        int[][] cls = new int[3][m];
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int j = 0; j < m; j++) {
            index.put(names.get(j), j);
        }
        for (int i = 0; i < t.size(); i++) {
            int tick = t.integer(i, "tick");
            for (int k = 0; k < 3; k++) {
                if (tick == at[k]) {
                    int j = index.get(t.text(i, "neighbourhood"));
                    live[k][j] = t.number(i, "liveability");
                    cls[k][j] = t.integer(i, "liveability_class");
                }
            }
        }
        run.release();
        double[] rho = new double[3];
        int[] changes = new int[3];
        for (int k = 1; k < 3; k++) {
            if (at[k] > run.ticks() || at[k] < 0) {
                rho[k] = Double.NaN;
                changes[k] = -1;
                continue;
            }
            rho[k] = spearman(live[0], live[k]);
            for (int j = 0; j < m; j++) {
                changes[k] += cls[k][j] != cls[0][j] ? 1 : 0;
            }
        }
        double[] endRank = at[2] <= run.ticks() ? rank(live[2]) : new double[m];
        return new RunRanks(rho[1], rho[2], changes[1], changes[2], rank(live[0]), endRank);
    }

    /** Spearman's rank correlation (Commons Math; ties get their average rank); NaN where undefined. */
    static double spearman(double[] x, double[] y) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double r = new SpearmansCorrelation().correlation(x, y);
        return Double.isFinite(r) ? r : Double.NaN;
    }

    /** Ranks by liveability, 1 = the highest, ties at their average rank. */
    static double[] rank(double[] liveability) {
        double[] neg = new double[liveability.length];
        for (int i = 0; i < neg.length; i++) {
            neg[i] = -liveability[i];
        }
        return new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(neg);
    }

    /** The tick a scenario's runs are compared at as "the end": year 30, or the runs' last tick when they are shorter. */
    static int endTick(int ticks) {
        return Math.min(YEAR_30, ticks);
    }

    /** What the end tick is, in words. */
    static String endName(int ticks) {
        return ticks >= YEAR_30 ? "year 30 (tick 360)" : "the runs' last tick (" + ticks + ", year " + fmt(ticks / 12.0) + ")";
    }

    /** Why an estimate has no interval, or "" when it has one. */
    static String noInterval(Estimate e, int runs) {
        String missing = e.n() < runs && e.n() > 0 ? "; " + (runs - e.n()) + " of " + runs + " seeds without a value" : "";
        if (e.n() == 0) {
            return "no seed has a value";
        }
        if (e.n() == 1) {
            return "one seed: no interval" + missing;
        }
        if (Double.isNaN(e.lo())) {
            return "the same in every seed: no interval" + missing;
        }
        return missing.isEmpty() ? "" : missing.substring(2);
    }

    /** The measures of summary-ranks.csv, in the order {@link #measures} gives them. */
    static final String[] MEASURES = {"spearman_start_year10", "spearman_start_end", "class_changes_start_year10",
        "class_changes_start_end"};

    /** The measures across seeds: estimates, smallest and largest seed, the tick each is read at, and why a value or interval is missing. */
    record Measures(Estimate[] estimates, double[] min, double[] max, int[] to, String[] notes) {
    }

    /**
     * The four {@link #MEASURES} over a scenario's runs from {@code v[measure][run]} (rho to year 10,
     * rho to the end, class changes to year 10, to the end; NaN where a run has no value), for runs
     * of {@code ticks} months compared at {@code end}.
     */
    static Measures measures(double[][] v, int ticks, int end) {
        int runs = v[0].length;
        int[] to = {YEAR_10, end, YEAR_10, end};
        Estimate[] e = new Estimate[MEASURES.length];
        double[] min = new double[MEASURES.length];
        double[] max = new double[MEASURES.length];
        String[] notes = new String[MEASURES.length];
        for (int k = 0; k < MEASURES.length; k++) {
            e[k] = Summary.estimate(v[k]);
            notes[k] = to[k] > ticks ? "the runs end at tick " + ticks + ", before year 10 (tick 120)" : noInterval(e[k], runs);
            double[] finite = java.util.Arrays.stream(v[k]).filter(Double::isFinite).toArray();
            min[k] = finite.length == 0 ? Double.NaN : java.util.Arrays.stream(finite).min().getAsDouble();
            max[k] = finite.length == 0 ? Double.NaN : java.util.Arrays.stream(finite).max().getAsDouble();
        }
        return new Measures(e, min, max, to, notes);
    }

    static boolean hasProgrammes(Summary.Scenario s) {
        return s.group.first().scenario().path("programmes").size() > 0;
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        SummaryCsv csv = new SummaryCsv("scenario", "kind", "measure", "from_tick", "to_tick", "mean", "lo", "hi", "min", "max",
                "n", "note");
        html.append("<h2 id=\"ranks\">Rank persistence: does the liveability ranking hold?</h2>\n<p class=\"note\">Per run, "
                + "Spearman's rank correlation of the neighbourhoods' liveability score between the start (tick 0) and the "
                + "end of year 10, and between the start and the end (year 30, or the runs' last tick when they are shorter: "
                + "the table says which); and how many neighbourhoods are in another liveability class at the end than at the "
                + "start. Means over the seeds with 95 % intervals (Student t), and the smallest and largest seed. A correlation "
                + "of 1 is a frozen ranking. Scenarios without a programme (<em>baseline</em>) and with one "
                + "(<em>programme</em>) are listed apart.</p>\n");
        html.append("<table><tr><th>scenario</th><th>kind</th><th>seeds</th><th>rank correlation, start to year 10</th>"
                + "<th>rank correlation, start to end</th><th>end</th><th>neighbourhoods that changed class, start to end "
                + "(min–max)</th></tr>\n");
        List<Summary.Scenario> ordered = new ArrayList<>();
        summary.scenarios.stream().filter(s -> !hasProgrammes(s)).forEach(ordered::add);
        summary.scenarios.stream().filter(RanksSection::hasProgrammes).forEach(ordered::add);
        List<String> names = new ArrayList<>();
        Estimate[][] rhos = new Estimate[2][ordered.size()];
        List<Runnable> charts = new ArrayList<>();
        int chart = 0;
        for (Summary.Scenario s : ordered) {
            String kind = hasProgrammes(s) ? "programme" : "baseline";
            int ticks = s.group.first().ticks();
            int end = endTick(ticks);
            List<RunFolder> runs = s.group.runs();
            double[][] v = new double[4][runs.size()];
            RunRanks first = null;
            for (int r = 0; r < runs.size(); r++) {
                RunRanks rr = of(runs.get(r), YEAR_10, end);
                first = r == 0 ? rr : first;
                v[0][r] = rr.rhoMid();
                v[1][r] = rr.rhoEnd();
                v[2][r] = rr.changesMid() < 0 ? Double.NaN : rr.changesMid();
                v[3][r] = rr.changesEnd();
            }
            Measures ms = measures(v, ticks, end);
            Estimate[] e = ms.estimates();
            for (int k = 0; k < MEASURES.length; k++) {
                // a correlation's interval lies in [-1, 1] and a count's above 0: the t interval of a few
                // seeds may reach past them, and is cut there
                double floor = k < 2 ? -1.0 : 0.0;
                double ceiling = k < 2 ? 1.0 : Double.POSITIVE_INFINITY;
                if (Double.isFinite(e[k].lo())) {
                    e[k] = new Estimate(e[k].mean(), Math.max(floor, e[k].lo()), Math.min(ceiling, e[k].hi()), e[k].n());
                }
            }
            for (int k = 0; k < MEASURES.length; k++) {
                csv.row(s.name(), kind, MEASURES[k], "0", String.valueOf(ms.to()[k]), num(e[k].mean()), num(e[k].lo()),
                        num(e[k].hi()), num(ms.min()[k]), num(ms.max()[k]), String.valueOf(e[k].n()), ms.notes()[k]);
            }
            double[] ch = java.util.Arrays.stream(v[3]).filter(Double::isFinite).toArray();
            html.append("<tr><td>").append(esc(s.name())).append("</td><td>").append(kind).append("</td><td class=\"n\">")
                    .append(runs.size()).append("</td><td class=\"n\">").append(cell(e[0], YEAR_10 > ticks))
                    .append("</td><td class=\"n\">").append(cell(e[1], false)).append("</td><td>").append(esc(endName(ticks)))
                    .append("</td><td class=\"n\">").append(cell(e[3], false)).append(" (")
                    .append(fmt(java.util.Arrays.stream(ch).min().orElse(Double.NaN))).append("–")
                    .append(fmt(java.util.Arrays.stream(ch).max().orElse(Double.NaN))).append(")</td></tr>\n");
            names.add(s.name());
            rhos[0][names.size() - 1] = finiteOrZero(e[0]);
            rhos[1][names.size() - 1] = finiteOrZero(e[1]);
            RunRanks f = first;
            Set<String> targets = hasProgrammes(s) ? s.focus : Set.of();
            List<String> hoods = Space.neighbourhoods(runs.get(0));
            int index = chart++;
            charts.add(() -> {
                boolean[] marked = new boolean[hoods.size()];
                for (int j = 0; j < marked.length; j++) {
                    marked[j] = targets.contains(hoods.get(j));
                }
                try {
                    page.figure(Charts.rankScatter(s.name(), "rank at the start (1 = best)", "rank at the end", f.startRank(),
                            f.endRank(), marked, "neighbourhood", "programme target"), "ranks-" + (index + 1), SMALL_W,
                            SMALL_H, "<b>" + esc(s.name()) + "</b> (seed " + runs.get(0).seed() + "): each neighbourhood's "
                            + "liveability rank at the start against its rank at " + esc(endName(ticks)) + ". On the grey "
                            + "diagonal a neighbourhood kept its place; above it it fell, below it it rose"
                            + (targets.isEmpty() ? "." : "; squares are the programme's targets."));
                } catch (IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            });
        }
        html.append("</table>\n");
        // the bars: a correlation the runs do not reach (before year 10) is drawn as 0 with a note in the table
        boolean anyMid = summary.scenarios.stream().anyMatch(s -> s.group.first().ticks() >= YEAR_10);
        List<String> series = anyMid ? List.of("start to year 10", "start to end") : List.of("start to end");
        Estimate[][] values = anyMid ? rhos : new Estimate[][] {rhos[1]};
        page.figure(Charts.groupedBars("Rank correlation of liveability with the start", "Spearman's rank correlation", names,
                series, values), "ranks-correlation", WIDE_W, WIDE_H, "Spearman's rank correlation of the neighbourhoods' "
                + "liveability between the start and year 10 and between the start and the end, mean over the seeds with its "
                + "95 % interval; baseline scenarios first. 1 is a ranking that never changes."
                + (anyMid ? "" : " The runs end before year 10, so only the end is shown."));
        html.append("<div class=\"grid\">\n");
        try {
            charts.forEach(Runnable::run);
        } catch (java.io.UncheckedIOException x) {
            throw x.getCause();
        }
        html.append("</div>\n");
        csv.write(page.dir().resolve("summary-ranks.csv"));
    }

    private static Estimate finiteOrZero(Estimate e) {
        return Double.isFinite(e.mean()) ? e : new Estimate(0, Double.NaN, Double.NaN, 0);
    }

    private static String cell(Estimate e, boolean afterRun) {
        if (afterRun) {
            return "– (runs end before year 10)";
        }
        return fmt(e.mean()) + " " + Html.ci(e);
    }
}
