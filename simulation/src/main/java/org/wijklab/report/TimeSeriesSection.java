package org.wijklab.report;

import static org.wijklab.report.Bands.band;
import static org.wijklab.report.Bands.finite;
import static org.wijklab.report.Comparison.SERIES_AXES;
import static org.wijklab.report.Comparison.SERIES_IDS;
import static org.wijklab.report.Comparison.SERIES_LABELS;
import static org.wijklab.report.Comparison.TIME_SERIES;
import static org.wijklab.report.Html.capital;
import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Page.SMALL_H;
import static org.wijklab.report.Page.SMALL_W;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.report.chart.Band;
import org.wijklab.report.chart.Charts;

/** The targets against the rest of the city over time, one small chart per scenario (summary-timeseries.csv). */
final class TimeSeriesSection extends ComparisonSection {
    TimeSeriesSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "series";
    }

    @Override
    public String title() {
        return "Over time";
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        Path dir = page.dir();
        html.append("<h2 id=\"series\">Over time: the targets against the rest of the city</h2>\n<p class=\"note\">"
                + "One small chart per scenario: its targets (solid) and the rest of the city (dashed), yearly, with 95 % "
                + "bands, on one axis for all charts of a metric. Look at whether the gap between the two narrows while "
                + "a programme runs, and whether it opens again after the programme stops (gains that erode).</p>\n");
        SummaryCsv csv = new SummaryCsv("scenario", "set", "metric", "tick", "year", "mean", "lo", "hi", "n");
        for (int m = 0; m < TIME_SERIES; m++) {
            html.append("<h3>").append(esc(capital(SERIES_LABELS[m]))).append("</h3>\n<div class=\"grid\">\n");
            List<List<Band>> perScenario = new ArrayList<>();
            List<Band> all = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (Summary.Scenario s : summary.scenarios) {
                List<Band> bands = new ArrayList<>();
                StringBuilder gaps = new StringBuilder();
                for (int set = 0; set < 2; set++) {
                    String label = s.name() + " — " + (set == 0 ? "targets" : "rest of city");
                    int st = set;
                    int metric = m;
                    Band full = band(label, s.first().ticks, s.runs.size(), (r, k) -> s.runs.get(r).series[st][metric][k],
                            set == 1, (tick, e) -> csv.row(s.name(), st == 0 ? "targets" : "rest_of_city",
                                    RunMetrics.SERIES[metric], String.valueOf(tick), num(tick / 12.0), num(e.mean()),
                                    num(e.lo()), num(e.hi()), String.valueOf(e.n())));
                    // a set with nobody in it at a point (no weight) has no mean there: left out, and said so
                    Band b = finite(full);
                    if (b != null) {
                        bands.add(b);
                    }
                    if (b == null || b.x().length < full.x().length) {
                        gaps.append(gaps.length() == 0 ? " " : "; ").append(noData(s, set, b == null));
                    }
                }
                perScenario.add(bands);
                missing.add(gaps.toString());
                all.addAll(bands);
            }
            double[] range = Charts.commonRange(all, false);
            for (int si = 0; si < summary.scenarios.size(); si++) {
                Summary.Scenario s = summary.scenarios.get(si);
                String id = "series-" + SERIES_IDS[m] + "-" + (si + 1);
                if (perScenario.get(si).isEmpty()) {
                    html.append("<p class=\"note\">").append(esc(s.name())).append(": no data for ")
                            .append(esc(SERIES_LABELS[m])).append(".").append(esc(missing.get(si))).append("</p>\n");
                    continue;
                }
                page.figure(Charts.timeSeries(s.name(), "year", SERIES_AXES[m], perScenario.get(si), range), id, SMALL_W,
                        SMALL_H, esc(s.name()) + ": " + esc(SERIES_LABELS[m]) + ", targets (solid) and rest of city (dashed)."
                        + esc(missing.get(si)));
            }
            html.append("</div>\n");
        }
        csv.write(dir.resolve("summary-timeseries.csv"));
    }

    /**
     * Why a set of a scenario's time series has no line, or only part of one: nobody to average over
     * (NA in summary-timeseries.csv).
     */
    private static String noData(Summary.Scenario s, int set, boolean none) {
        if (set == 1 && s.focus.containsAll(s.first().neighbourhoods)) {
            return "No rest of city: the targets are the whole city.";
        }
        String which = set == 0 ? "the targets" : "the rest of the city";
        return none ? "No data for " + which + ": nobody lived there at any yearly point."
                : "Part of the line of " + which + " is missing: nobody lived there at some yearly points (NA in "
                + "summary-timeseries.csv).";
    }
}
