package org.wijklab.report;

import static org.wijklab.report.Html.ci;
import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.fmt;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Html.signed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.wijklab.report.chart.Estimate;

/** The key metrics per scenario and their differences from the first (summary-differences.csv). */
final class DifferencesSection extends ComparisonSection {
    DifferencesSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "differences";
    }

    @Override
    public String title() {
        return "Key differences";
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        Path dir = page.dir();
        List<Summary.Scenario> sc = summary.scenarios;
        Summary.Scenario ref = sc.get(0);
        html.append("<h2 id=\"differences\">Key differences against '").append(esc(ref.name())).append("'</h2>\n")
                .append("<p class=\"note\">Each cell: the scenario's mean [95 % CI] and, below it, its difference from the "
                        + "first scenario [95 % CI] — paired by seed where both ran the same seeds (the same city and "
                        + "warm-up, so the difference is the scenario's own), otherwise unpaired (Welch). Look for "
                        + "differences whose interval excludes 0.</p>\n<table><tr><th>scenario</th>");
        for (String l : Summary.KEY_LABELS) {
            html.append("<th>").append(esc(l)).append("</th>");
        }
        html.append("</tr>\n");
        SummaryCsv csv = new SummaryCsv("scenario", "metric", "mean", "lo", "hi", "n", "difference", "difference_lo", "difference_hi",
                "paired", "difference_n");
        for (Summary.Scenario s : sc) {
            html.append("<tr><td>").append(esc(s.name())).append("</td>");
            boolean paired = s.group.seeds().equals(ref.group.seeds());
            for (int m = 0; m < Summary.KEY_METRICS.length; m++) {
                Estimate e = s.key(m);
                Estimate d = Summary.difference(ref, s, m);
                html.append("<td class=\"n\">").append(e.n() == 0 ? "–" : fmt(e.mean()) + " " + ci(e));
                if (s != ref && e.n() > 0 && d.n() > 0) {
                    html.append("<br><span class=\"note\">").append(signed(d.mean())).append(" ").append(ci(d)).append("</span>");
                }
                html.append("</td>");
                csv.row(s.name(), Summary.KEY_METRICS[m], num(e.mean()), num(e.lo()), num(e.hi()), String.valueOf(e.n()),
                        s == ref ? "0" : num(d.mean()), s == ref ? "0" : num(d.lo()), s == ref ? "0" : num(d.hi()),
                        String.valueOf(paired), s == ref ? String.valueOf(e.n()) : String.valueOf(d.n()));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        csv.write(dir.resolve("summary-differences.csv"));
    }
}
