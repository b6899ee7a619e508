package org.wijklab.report;

import static org.wijklab.report.Bands.periods;
import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.fmt;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Page.WIDE_H;
import static org.wijklab.report.Page.WIDE_W;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Estimate;

/** The erosion decomposition, a leaky bucket (summary-decomposition.csv). */
final class DecompositionSection extends ComparisonSection {
    DecompositionSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "decomposition";
    }

    @Override
    public String title() {
        return "Erosion";
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        Path dir = page.dir();
        List<Summary.Scenario> sc = summary.scenarios;
        RunMetrics any = sc.get(0).first();
        html.append("<h2 id=\"decomposition\">The erosion decomposition (a leaky bucket)</h2>\n<p class=\"note\">Per "
                + fmt(any.periodMonths / 12.0) + "-year period, averaged over the run's " + any.periods + " period"
                + (any.periods == 1 ? "" : "s") + ", for each scenario's "
                + "targets (each target neighbourhood decomposed on its own, weighted by its residents at the period's "
                + "start). <em>People change</em> follows the persons living there at the period's start wherever they "
                + "live at its end: still there, elsewhere in the city, or in the region outside it (those who died are "
                + "left out); <em>place change</em> is the neighbourhoods' own change, which splits exactly into the "
                + "stayers' own change, the effect of who came in and the effect of who left. When people change exceeds "
                + "place change, the gain has leaked out with the movers (the eroded gain). Income is the household's "
                + "equivalised disposable income per person.</p>\n");
        SummaryCsv csv = new SummaryCsv("scenario", "metric", "component", "mean", "lo", "hi", "n");
        for (Summary.Scenario s : sc) {
            for (int m = 0; m < RunMetrics.DECOMPOSITION_METRICS.length; m++) {
                for (int c = 0; c < RunMetrics.COMPONENTS.length; c++) {
                    Estimate e = decompositionEstimate(s, m, c);
                    csv.row(s.name(), RunMetrics.DECOMPOSITION_METRICS[m], RunMetrics.COMPONENTS[c], num(e.mean()),
                            num(e.lo()), num(e.hi()), String.valueOf(e.n()));
                }
            }
        }
        csv.write(dir.resolve("summary-decomposition.csv"));
        html.append("<div class=\"grid\">\n");
        for (int m : new int[] {1, 0}) {
            String metric = m == 1 ? "equivalised income, euro" : "employment rate";
            String unit = m == 1 ? "euro" : "employment rate";
            // a scenario whose targets had nobody in them at every period's start has no decomposition: left out, named
            List<Summary.Scenario> known = new ArrayList<>();
            for (Summary.Scenario s : sc) {
                boolean all = true;
                for (int c = 0; c < 5; c++) {
                    all &= !Double.isNaN(decompositionEstimate(s, m, c).mean());
                }
                if (all) {
                    known.add(s);
                }
            }
            String key = m == 1 ? "income" : "employment";
            if (known.isEmpty()) {
                html.append("<p class=\"note\">No decomposition of the ").append(esc(metric)).append(": no scenario's "
                        + "targets had residents at a period's start (NA in summary-decomposition.csv).</p>\n");
                continue;
            }
            String left = known.size() == sc.size() ? "" : " No data for " + sc.stream().filter(s -> !known.contains(s))
                    .map(Summary.Scenario::name).collect(java.util.stream.Collectors.joining(", "))
                    + ": no residents in the targets at any period's start.";
            List<String> names = known.stream().map(Summary.Scenario::name).toList();
            Estimate[][] pp = new Estimate[2][known.size()];
            double[][] bucket = new double[3][known.size()];
            Estimate[][] parts = new Estimate[4][known.size()];
            for (int i = 0; i < known.size(); i++) {
                pp[0][i] = decompositionEstimate(known.get(i), m, 1);
                pp[1][i] = decompositionEstimate(known.get(i), m, 0);
                for (int c = 0; c < 3; c++) {
                    bucket[c][i] = decompositionEstimate(known.get(i), m, 2 + c).mean();
                }
                // the whole cohort, and its parts: stayed, moved within the city, left the city
                int[] components = {1, 2, 7, 8};
                for (int p = 0; p < parts.length; p++) {
                    parts[p][i] = drawable(decompositionEstimate(known.get(i), m, components[p]));
                }
            }
            page.figure(Charts.groupedBars("People change against place change: " + metric, "change per period, " + unit,
                    names, List.of("people change (the start's residents, wherever they live)",
                            "place change (the neighbourhoods)"), pp), "decomposition-people-place-" + key, WIDE_W, WIDE_H,
                    "Per scenario, how much the targets' residents of the start gained (people, those who left the city "
                    + "included) against how much the targets themselves gained (place), " + esc(metric)
                    + ". The gap is the eroded gain: what left with the movers." + esc(left));
            page.figure(Charts.groupedBars("Who gained: " + metric, "change per period, " + unit, names,
                    List.of("the whole cohort", "stayed", "moved within the city", "left the city"), parts),
                    "decomposition-people-parts-" + key, WIDE_W, WIDE_H,
                    "The people change of the targets' residents of the start, whole and split by where they live at the "
                    + "period's end: still in a target, elsewhere in the city, or in the region outside it (" + esc(metric)
                    + "). A measure that follows only those still in the city misses the last bar." + esc(left));
            // the eroded gain by channel: household events' people change, and own transitions' less the place change
            Estimate[][] channels = new Estimate[3][known.size()];
            for (int i = 0; i < known.size(); i++) {
                Summary.Scenario s = known.get(i);
                channels[0][i] = decompositionEstimate(s, m, RunMetrics.ERODED);
                channels[1][i] = drawable(decompositionEstimate(s, m, RunMetrics.HOUSEHOLD));
                channels[2][i] = drawable(perRun(s, r -> r.decomposition[m][RunMetrics.OWN] - r.decomposition[m][0]));
            }
            page.figure(Charts.groupedBars("The eroded gain by channel: " + metric, "change per period, " + unit, names,
                    List.of("eroded gain", "household events (partnering, separation, leaving home, births, deaths)",
                            "own transitions (jobs, wages, benefits, health) less the place change"), channels),
                    "decomposition-channels-" + key, WIDE_W, WIDE_H,
                    "The eroded gain (people change less place change) split by what changed the persons: the people "
                    + "change in months their household's composition changed, and the rest of the people change (their "
                    + "own and their household's transitions) less the place change; the two add up to the eroded gain ("
                    + esc(metric) + ")." + esc(left));
            page.figure(Charts.stackedBars("Place change split: " + metric, "per period, " + unit, names,
                    List.of("stayers' own change", "who came in (inflow effect)", "who left (outflow effect)"), bucket),
                    "decomposition-bucket-" + key, WIDE_W, WIDE_H,
                    "The leaky bucket: the targets' place change as the stayers' own change plus the effect of in-movers "
                    + "and of out-movers (" + esc(metric) + "). Look at how much of what stayers gain is cancelled by "
                    + "climbers leaving and poorer newcomers arriving." + esc(left));
        }
        html.append("</div>\n");
    }

    /** A part nobody was in (no estimate) is drawn as zero, without an interval. */
    private static Estimate drawable(Estimate e) {
        return Double.isNaN(e.mean()) ? new Estimate(0.0, Double.NaN, Double.NaN, 0) : e;
    }

    private static Estimate decompositionEstimate(Summary.Scenario s, int metric, int component) {
        return perRun(s, r -> r.decomposition[metric][component]);
    }

    /** A figure of each run, with its interval over the replications. */
    private static Estimate perRun(Summary.Scenario s, java.util.function.ToDoubleFunction<RunMetrics> f) {
        double[] v = new double[s.runs.size()];
        for (int r = 0; r < v.length; r++) {
            v[r] = f.applyAsDouble(s.runs.get(r));
        }
        return Summary.estimate(v);
    }
}
