package org.wijklab.report;

import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.fmt;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Page.WIDE_H;
import static org.wijklab.report.Page.WIDE_W;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Estimate;

/**
 * Moving distances (summary-distances.csv): the shares of moves out of a neighbourhood that stay in
 * it, go to an adjacent one, further in the city, or to the region, for the whole city and for the
 * targets over the whole run (distances.csv), across each scenario's seeds; set against the
 * calibration target for the share of moves that stay in the city.
 */
final class DistancesSection extends ComparisonSection {
    /**
     * The calibration target for the share of moves that stay in the municipality: about 55-60 %
     * (PARAMETERS.md, "Moves within vs between municipalities, by age", CBS Statistische Trends 2020;
     * a rough derivation from the age profile). A calibration target, not a validation statistic.
     */
    static final double TARGET_LOW = 0.55;
    static final double TARGET_HIGH = 0.60;
    /** The shares written: the four classes, then the share that stays in the city (the first three). */
    static final String[] SHARES = {"same", "adjacent", "further", "region", "in_city"};
    static final String[] SETS = {"city", "targets"};

    DistancesSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "distances";
    }

    @Override
    public String title() {
        return "Moving distances";
    }

    /** Shares of the counts (same, adjacent, further, region) and the in-city share; NaN without moves. */
    static double[] shares(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] s = new double[SHARES.length];
        for (int k = 0; k < counts.length; k++) {
            s[k] = total == 0 ? Double.NaN : (double) counts[k] / total;
        }
        s[4] = total == 0 ? Double.NaN : (double) (counts[0] + counts[1] + counts[2]) / total;
        return s;
    }

    /** The neighbourhoods a run's "targets" are: its programmes' (services.csv), else the scenario's focus. */
    static Set<String> targets(Summary.Scenario s, RunFolder run) {
        Set<String> t = RunMetrics.programmeTargets(run);
        run.release();
        return t.isEmpty() ? s.focus : t;
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        html.append("<h2 id=\"distances\">How far households move</h2>\n");
        List<Summary.Scenario> with = new ArrayList<>();
        RunFolder missing = null;
        for (Summary.Scenario s : summary.scenarios) {
            RunFolder lacking = s.group.runs().stream().filter(r -> !r.hasFile(Space.DISTANCES)).findFirst().orElse(null);
            if (lacking == null) {
                with.add(s);
            } else if (missing == null) {
                missing = lacking;
            }
        }
        if (with.isEmpty()) {
            html.append("<p class=\"note\">Moving distances are not shown: <code>").append(esc(missing.dir().toString()))
                    .append("</code> has no <code>distances.csv</code> (a run from before moves were recorded by "
                            + "distance).</p>\n");
            return;
        }
        if (missing != null) {
            html.append("<p class=\"note\">Scenarios without <code>distances.csv</code> in every run are left out (e.g. "
                    + "<code>").append(esc(missing.dir().toString())).append("</code>).</p>\n");
        }
        html.append("<p class=\"note\">Moves out of a neighbourhood over the whole run (<code>distances.csv</code>, every "
                + "reason but death), by where the household found its next dwelling: the same neighbourhood, an adjacent one "
                + "(sharing a border), further in the city, or the region outside it; for the whole city and for the targets. "
                + "Shares of each run's moves, then the mean over the seeds with its 95 % interval. The grey band is the "
                + "<em>calibration target</em> for the share of moves that stay in the city, 55–60 % (CBS, moves within "
                + "and between municipalities by age; a rough overall share): the top of the “further in the city” "
                + "part should fall in it. It is a target the search was calibrated towards, not a validation.</p>\n");
        SummaryCsv csv = new SummaryCsv("scenario", "set", "class", "share", "lo", "hi", "n", "moves_per_run", "note");
        List<String> names = with.stream().map(Summary.Scenario::name).toList();
        double[][][] bars = new double[SETS.length][Space.CLASSES.length][with.size()];
        StringBuilder table = new StringBuilder("<table><tr><th>scenario</th><th>set</th><th>moves per run</th>"
                + "<th>same</th><th>adjacent</th><th>further in the city</th><th>region</th><th>in the city</th></tr>\n");
        for (int si = 0; si < with.size(); si++) {
            Summary.Scenario s = with.get(si);
            List<RunFolder> runs = s.group.runs();
            double[][][] v = new double[SETS.length][SHARES.length][runs.size()];
            double[] moves = new double[SETS.length];
            for (int r = 0; r < runs.size(); r++) {
                RunFolder run = runs.get(r);
                Set<String> targets = targets(s, run);
                Map<String, long[]> m = Space.moves(run);
                run.release();
                long[][] counts = {Space.sum(m, null, 0), Space.sum(m, targets, 0)};
                for (int set = 0; set < SETS.length; set++) {
                    double[] sh = shares(counts[set]);
                    moves[set] += java.util.Arrays.stream(counts[set]).sum() / (double) runs.size();
                    for (int k = 0; k < SHARES.length; k++) {
                        v[set][k][r] = sh[k];
                    }
                }
            }
            for (int set = 0; set < SETS.length; set++) {
                table.append("<tr><td>").append(esc(s.name())).append("</td><td>")
                        .append(set == 0 ? "whole city" : "targets").append("</td><td class=\"n\">").append(fmt(moves[set]))
                        .append("</td>");
                for (int k = 0; k < SHARES.length; k++) {
                    Estimate e = Summary.estimate(v[set][k]);
                    String note = e.n() == 0 ? "no moves out of the " + (set == 0 ? "city's neighbourhoods" : "targets")
                            : RanksSection.noInterval(e, runs.size());
                    csv.row(s.name(), SETS[set], SHARES[k], num(e.mean()), num(e.lo()), num(e.hi()), String.valueOf(e.n()),
                            num(moves[set]), note);
                    if (k < Space.CLASSES.length) {
                        bars[set][k][si] = Double.isFinite(e.mean()) ? e.mean() : 0;
                    }
                    table.append("<td class=\"n\">").append(fmt(e.mean())).append(k == 4 ? " " + Html.ci(e) : "")
                            .append("</td>");
                }
                table.append("</tr>\n");
            }
        }
        html.append(table).append("</table>\n");
        List<String> series = List.of("same neighbourhood", "adjacent", "further in the city", "region");
        String band = "calibration target: 55-60 % stay in the city";
        page.figure(Charts.stackedSharesWithBand("How far households move: the whole city", "share of moves out", names,
                series, bars[0], TARGET_LOW, TARGET_HIGH, band), "distances-city", WIDE_W, WIDE_H,
                "Moves out of every neighbourhood of the city over the whole run, by where the household went, mean share "
                + "over the seeds. The band is the calibration target for the share staying in the city (55–60 %), which "
                + "is the top of the “further in the city” part; a calibration target, not a validation.");
        page.figure(Charts.stackedSharesWithBand("How far households move: the targets", "share of moves out", names,
                series, bars[1], TARGET_LOW, TARGET_HIGH, band), "distances-targets", WIDE_W, WIDE_H,
                "The same for moves out of each scenario's targets (its programmes' target neighbourhoods; for a scenario "
                + "without a programme, the targets it is looked at in). The band is the city-wide calibration target, "
                + "drawn for comparison only: the targets need not match it.");
        csv.write(page.dir().resolve("summary-distances.csv"));
    }
}
