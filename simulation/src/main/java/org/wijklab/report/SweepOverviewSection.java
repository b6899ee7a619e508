package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The opening of a sweep's report: the sweep's name, design and runs, its parameters and its metrics. */
final class SweepOverviewSection implements Section {
    private final SweepReport.SweepFiles f;

    SweepOverviewSection(SweepReport.SweepFiles f) {
        this.f = f;
    }

    @Override
    public String id() {
        return "";
    }

    @Override
    public String title() {
        return null;
    }

    @Override
    public void write(Page page) {
        StringBuilder html = page.html();
        html.append("<h1>Sweep ").append(Html.esc(f.manifest().path("sweep").asText())).append("</h1>\n<p class=\"lead\">")
                .append(Html.esc(f.manifest().path("description").asText())).append("</p>\n<p class=\"note\">Design <b>")
                .append(Html.esc(f.design())).append("</b>, ").append(f.manifest().path("points").asInt()).append(" points, ")
                .append(f.runs().size()).append(" runs; seeds: ").append(Html.esc(f.manifest().path("seeds").asText()))
                .append(". Base scenario <code>").append(Html.esc(f.manifest().path("base").asText()))
                .append("</code>. The numbers are in the sweep's <code>runs.csv</code>, <code>summary.csv</code>")
                .append(sensitivityNote(f.design())).append(" and, for the curves, <code>summary-response.csv</code> here.</p>\n");
        html.append("<table><tr><th>parameter</th><th>paths</th><th>values or range</th></tr>\n");
        for (JsonNode p : f.manifest().path("parameters")) {
            List<String> paths = new ArrayList<>();
            p.path("paths").forEach(x -> paths.add(x.asText()));
            String values = p.has("range") ? p.path("range").toString() + (p.path("integer").asBoolean() ? " (whole)" : "")
                    : p.path("values").toString();
            String where = p.has("designOnly") ? "none: design-only, the model never reads it; its value picks the random "
                    + "stream, so its index is the noise floor" : String.join(", ", paths);
            html.append("<tr><td>").append(Html.esc(p.path("name").asText())).append("</td><td><code>")
                    .append(Html.esc(where)).append("</code></td><td>").append(Html.esc(values))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<table><tr><th>metric</th><th>what</th></tr>\n");
        for (String metric : f.metrics()) {
            html.append("<tr><td>").append(Html.esc(metric)).append("</td><td>")
                    .append(Html.esc(f.manifest().path("metrics").path(metric).asText())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String sensitivityNote(String design) {
        return design.equals("morris") || design.equals("sobol") ? ", <code>sensitivity.csv</code>" : "";
    }
}
