package org.wijklab.report;

import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.fmt;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Page.SMALL_W;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Tile;

/** The city by liveability class (summary-maps.csv). */
final class MapsSection extends ComparisonSection {
    private static final int MAP_COLUMNS = 4;

    MapsSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "maps";
    }

    @Override
    public String title() {
        return "Maps";
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        Path dir = page.dir();
        html.append("<h2 id=\"maps\">The city by liveability class</h2>\n<p class=\"note\">The neighbourhoods as tiles "
                + "in the order of the city's definition, coloured by liveability class (the class most replications "
                + "had; the number is the mean liveability score). The first map is the start; then each scenario at the "
                + "chosen years. Look for target neighbourhoods that change colour, and for whether the ranking holds.</p>\n"
                + "<div class=\"grid\">\n");
        SummaryCsv csv = new SummaryCsv("scenario", "tick", "neighbourhood", "liveability_class", "liveability_class_name", "liveability");
        List<String> classes = new ArrayList<>();
        for (String c : RunMetrics.CLASSES) {
            classes.add(c.replace('_', ' '));
        }
        for (int si = 0; si < summary.scenarios.size(); si++) {
            Summary.Scenario s = summary.scenarios.get(si);
            for (Map.Entry<Integer, int[]> e : s.first().mapClass.entrySet()) {
                int tick = e.getKey();
                if (tick == 0 && si > 0 && sameStart(s, summary.scenarios.get(0))) {
                    continue;
                }
                List<Tile> tiles = new ArrayList<>();
                List<String> hoods = s.first().neighbourhoods;
                for (int j = 0; j < hoods.size(); j++) {
                    int[] count = new int[RunMetrics.CLASSES.length + 1];
                    double live = 0;
                    for (RunMetrics r : s.runs) {
                        int c = r.mapClass.get(tick)[j];
                        count[Math.max(0, Math.min(RunMetrics.CLASSES.length, c))]++;
                        live += r.mapLiveability.get(tick)[j] / s.runs.size();
                    }
                    int mode = 1;
                    for (int c = 1; c <= RunMetrics.CLASSES.length; c++) {
                        if (count[c] > count[mode]) {
                            mode = c;
                        }
                    }
                    String name = hoods.get(j);
                    tiles.add(new Tile(name + (s.focus.contains(name) ? " *" : ""), j % MAP_COLUMNS, j / MAP_COLUMNS,
                            mode - 1, String.format(Locale.ROOT, "%.1f", live)));
                    csv.row(s.name(), String.valueOf(tick), name, String.valueOf(mode), RunMetrics.CLASSES[mode - 1], num(live));
                }
                String when = tick == 0 ? "start" : "year " + fmt(tick / 12.0);
                String title = (tick == 0 && si == 0 && summary.scenarios.size() > 1 ? "All scenarios" : s.name()) + ", " + when;
                page.figure(Charts.cityMap(title, tiles, classes), "map-" + (si + 1) + "-tick-" + tick, SMALL_W, 340,
                        esc(title) + ": liveability class per neighbourhood (* marks the targets).");
            }
        }
        html.append("</div>\n");
        csv.write(dir.resolve("summary-maps.csv"));
    }

    /** Whether two scenarios start from the same city (same maps at tick 0 in every replication). */
    private static boolean sameStart(Summary.Scenario a, Summary.Scenario b) {
        if (!a.group.seeds().equals(b.group.seeds())) {
            return false;
        }
        for (int r = 0; r < a.runs.size(); r++) {
            int[] x = a.runs.get(r).mapClass.get(0);
            int[] y = b.runs.get(r).mapClass.get(0);
            if (x == null || y == null || !java.util.Arrays.equals(x, y)) {
                return false;
            }
        }
        return true;
    }
}
