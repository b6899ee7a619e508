package org.wijklab.report;

import static org.wijklab.report.Html.esc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The scenarios, their seeds, targets and what differs from the first (summary-scenarios.csv). */
final class ScenariosSection extends ComparisonSection {
    ScenariosSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "scenarios";
    }

    @Override
    public String title() {
        return "Scenarios";
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        Path dir = page.dir();
        List<Summary.Scenario> sc = summary.scenarios;
        html.append("<h2 id=\"scenarios\">Scenarios</h2>\n<table><tr><th>scenario and its description</th><th>key</th><th>replications</th>"
                + "<th>seeds</th><th>targets (focus neighbourhoods)</th><th>parameters that differ from the first</th></tr>\n");
        SummaryCsv csv = new SummaryCsv("scenario", "key", "replications", "seeds", "targets", "targets_rule", "differs_from_first",
                "description");
        for (Summary.Scenario s : sc) {
            List<String> parts = Summary.describeDifferences(sc.get(0).group, s.group);
            String seeds = s.group.seeds().stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse("");
            String shown = parts.size() <= 8 ? String.join("; ", parts)
                    : String.join("; ", parts.subList(0, 8)) + "; and " + (parts.size() - 8) + " more (see summary-scenarios.csv)";
            String description = s.group.first().scenario().path("description").asText("");
            html.append("<tr><td><strong>").append(esc(s.name())).append("</strong>")
                    .append(description.isEmpty() ? "" : "<br><span class=\"note\">" + esc(description) + "</span>")
                    .append("</td><td><code>").append(s.group.key(), 0, 12)
                    .append("</code></td><td class=\"n\">").append(s.runs.size()).append("</td><td>").append(esc(seeds))
                    .append("</td><td>").append(esc(String.join(", ", s.focus))).append("<br><span class=\"note\">")
                    .append(esc(s.focusRule)).append("</span></td><td>")
                    .append(s == sc.get(0) ? "<span class=\"note\">(the reference)</span>" : esc(shown.isEmpty() ? "none" : shown))
                    .append("</td></tr>\n");
            csv.row(s.name(), s.group.key(), String.valueOf(s.runs.size()), seeds, String.join(" ", s.focus), s.focusRule,
                    String.join("; ", parts), description);
        }
        html.append("</table>\n");
        csv.write(dir.resolve("summary-scenarios.csv"));
    }
}
