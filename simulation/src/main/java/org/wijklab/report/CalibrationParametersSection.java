package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The opening of a calibration's report after its lead: each parameter's paths and uniform prior. */
final class CalibrationParametersSection implements Section {
    private final CalibrationReport.CalibrationFiles f;

    CalibrationParametersSection(CalibrationReport.CalibrationFiles f) {
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
        html.append("<table><tr><th>parameter</th><th>paths</th><th>prior (uniform over)</th></tr>\n");
        for (JsonNode p : f.parameters()) {
            List<String> paths = new ArrayList<>();
            p.path("paths").forEach(x -> paths.add(x.asText()));
            html.append("<tr><td>").append(Html.esc(p.path("name").asText())).append("</td><td><code>")
                    .append(Html.esc(String.join(", ", paths))).append("</code></td><td>")
                    .append(Html.esc(p.has("range") ? p.path("range").toString() : p.path("values").toString()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }
}
