package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.report.chart.DiscoveryCharts;

/**
 * The chosen box: its coverage, density and mass, each parameter's limits against its range with
 * the restriction's quasi-p-value (box.csv), and the numeric limits as shares of their ranges.
 */
final class DiscoveryBoxSection implements Section {
    private final DiscoveryReport.DiscoveryFiles f;

    DiscoveryBoxSection(DiscoveryReport.DiscoveryFiles f) {
        this.f = f;
    }

    @Override
    public String id() {
        return "box";
    }

    @Override
    public String title() {
        return "The chosen box";
    }

    @Override
    public void write(Page page) throws IOException {
        Table box = f.box();
        Ranged ranged = new Ranged();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < box.size(); i++) {
            String p = box.text(i, "parameter");
            boolean restricted = box.text(i, "restricted").equals("true");
            String limits;
            String range;
            if (!box.text(i, "categories_kept").isEmpty() || box.text(i, "range_low").equals("NA")) {
                limits = "{" + box.text(i, "categories_kept").replace(";", ", ") + "}";
                range = box.has("categories_all") ? "{" + box.text(i, "categories_all").replace(";", ", ") + "}" : "";
            } else {
                double lo = box.number(i, "low");
                double hi = box.number(i, "high");
                double rl = box.number(i, "range_low");
                double rh = box.number(i, "range_high");
                limits = "[" + DiscoveryReport.fmt(lo) + ", " + DiscoveryReport.fmt(hi) + "]";
                range = "[" + DiscoveryReport.fmt(rl) + ", " + DiscoveryReport.fmt(rh) + "]";
                if (rh > rl) {
                    ranged.add(p, (lo - rl) / (rh - rl), (hi - rl) / (rh - rl));
                }
            }
            String qp = box.text(i, "quasi_p");
            rows.append("<tr><td>").append(Html.esc(p)).append("</td><td>").append(restricted ? "yes" : "no").append("</td><td>")
                    .append(Html.esc(limits)).append("</td><td>").append(Html.esc(range)).append("</td><td class=\"n\">")
                    .append(Html.esc(qp.equals("NA") ? "NA (" + (box.has("reason") ? box.text(i, "reason") : "") + ")" : qp))
                    .append("</td></tr>\n");
        }
        JsonNode step = f.manifest().path("chosen");
        page.html().append("<h2 id=\"box\">The chosen box</h2>\n<p class=\"note\">Step ").append(f.manifest().path("chosenStep").asInt())
                .append(": coverage ").append(DiscoveryReport.fmt(step.path("coverage").asDouble())).append(", density ")
                .append(DiscoveryReport.fmt(step.path("density").asDouble())).append(", mass ")
                .append(DiscoveryReport.fmt(step.path("mass").asDouble())).append(" (").append(step.path("cases").asInt())
                .append(" cases, ").append(step.path("hits").asInt())
                .append(" of interest). Quasi-p: the one-sided binomial probability of at least the box's cases of interest "
                + "if its cases had the density of the box without that restriction; a large one (say above 0.05) marks a "
                + "restriction that adds little (<code>box.csv</code>).</p>\n")
                .append("<table><tr><th>parameter</th><th>restricted</th><th>box</th><th>range</th><th>quasi-p</th></tr>\n")
                .append(rows).append("</table>\n");
        if (!ranged.names.isEmpty()) {
            DiscoveryReport.figure(page, DiscoveryCharts.boxLimits("The box against the ranges", ranged.names, ranged.low(),
                    ranged.high()), "box", "Each numeric parameter's box interval (blue) against its whole range (grey), as "
                    + "shares of the range.");
        }
    }

    /** The numeric parameters of the box, their limits as shares of their ranges. */
    private static final class Ranged {
        final List<String> names = new ArrayList<>();
        final List<double[]> limits = new ArrayList<>();

        void add(String name, double low, double high) {
            names.add(name);
            limits.add(new double[] {low, high});
        }

        double[] low() {
            return limits.stream().mapToDouble(l -> l[0]).toArray();
        }

        double[] high() {
            return limits.stream().mapToDouble(l -> l[1]).toArray();
        }
    }
}
