package org.wijklab.report;

import static org.wijklab.report.Html.num;
import static org.wijklab.report.Page.WIDE_H;
import static org.wijklab.report.Page.WIDE_W;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Estimate;

/** Where out-movers go and in-movers come from (summary-flows.csv). */
final class FlowsSection extends ComparisonSection {
    FlowsSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "flows";
    }

    @Override
    public String title() {
        return "Movers";
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        Path dir = page.dir();
        List<Summary.Scenario> with = summary.scenarios.stream().filter(Summary.Scenario::hasMoves).toList();
        html.append("<h2 id=\"flows\">Where out-movers go and where in-movers come from</h2>\n");
        if (with.isEmpty()) {
            html.append("<p class=\"note\">No run among the inputs wrote <code>moves.csv</code> (runs with "
                    + "<code>--no-moves-log</code>), so this section is empty.</p>\n");
            return;
        }
        if (with.size() < summary.scenarios.size()) {
            html.append("<p class=\"note\">Scenarios without <code>moves.csv</code> in every run are left out.</p>\n");
        }
        List<String> categories = new ArrayList<>();
        for (String c : RunMetrics.CLASSES) {
            categories.add(c.replace('_', ' '));
        }
        categories.add("outside the city");
        SummaryCsv csv = new SummaryCsv("scenario", "direction", "category", "share", "lo", "hi", "n", "moves_per_run");
        html.append("<div class=\"grid\">\n");
        for (int dirn = 0; dirn < 2; dirn++) {
            double[][] v = new double[categories.size()][with.size()];
            for (int i = 0; i < with.size(); i++) {
                Summary.Scenario s = with.get(i);
                double moves = 0;
                for (RunMetrics r : s.runs) {
                    moves += r.moves[dirn];
                }
                moves /= s.runs.size();
                for (int c = 0; c < categories.size(); c++) {
                    double[] x = new double[s.runs.size()];
                    for (int r = 0; r < x.length; r++) {
                        x[r] = (dirn == 0 ? s.runs.get(r).outShares : s.runs.get(r).inShares)[c];
                    }
                    Estimate e = Summary.estimate(x);
                    v[c][i] = e.mean();
                    csv.row(s.name(), dirn == 0 ? "out" : "in", c < RunMetrics.CLASSES.length ? RunMetrics.CLASSES[c]
                            : RunMetrics.OUTSIDE, num(e.mean()), num(e.lo()), num(e.hi()), String.valueOf(e.n()), num(moves));
                }
            }
            List<String> names = with.stream().map(Summary.Scenario::name).toList();
            if (dirn == 0) {
                page.figure(Charts.classStackedBars("Where households moving out of the targets go", "share of moves out", names,
                        categories, v, RunMetrics.CLASSES.length), "flows-out", WIDE_W, WIDE_H,
                        "Destinations of households leaving the targets, by the liveability class of the neighbourhood "
                        + "they move to (or out of the city). Climbers moving to better classes carry the programme's gains away.");
            } else {
                page.figure(Charts.classStackedBars("Where households moving into the targets come from", "share of moves in",
                        names, categories, v, RunMetrics.CLASSES.length), "flows-in", WIDE_W, WIDE_H,
                        "Origins of households moving into the targets, by the liveability class of the neighbourhood they "
                        + "leave (or from outside the city). Newcomers from the weakest classes and from outside refill the cheap stock.");
            }
        }
        html.append("</div>\n");
        csv.write(dir.resolve("summary-flows.csv"));
    }
}
