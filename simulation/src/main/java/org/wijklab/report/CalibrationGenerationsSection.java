package org.wijklab.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.report.chart.Band;
import org.wijklab.report.chart.Charts;

/** A calibration's generations (generations.csv as a table), their acceptance and, for ABC, their tolerance. */
final class CalibrationGenerationsSection implements Section {
    private final CalibrationReport.CalibrationFiles f;

    CalibrationGenerationsSection(CalibrationReport.CalibrationFiles f) {
        this.f = f;
    }

    @Override
    public String id() {
        return "generations";
    }

    @Override
    public String title() {
        return "Generations";
    }

    @Override
    public void write(Page page) throws IOException {
        Table g = f.generations();
        int n = g.size();
        StringBuilder html = page.html();
        html.append("<h2 id=\"generations\">Generations</h2>\n<table><tr>");
        g.header().forEach(c -> html.append("<th>").append(Html.esc(c)).append("</th>"));
        html.append("</tr>\n");
        for (int i = 0; i < n; i++) {
            html.append("<tr>");
            for (String c : g.header()) {
                html.append("<td>").append(Html.esc(g.text(i, c))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        if (n == 0) {
            return;
        }
        double[] x = new double[n];
        double[] acceptance = new double[n];
        List<Double> tol = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x[i] = g.number(i, "generation");
            acceptance[i] = g.number(i, "kept") / Math.max(1, g.number(i, "proposed"));
            if (!g.text(i, "tolerance").equals("NA")) {
                tol.add(g.number(i, "tolerance"));
            }
        }
        CalibrationReport.figure(page, Charts.responseCurve("Acceptance per generation", "generation", "kept / proposed",
                List.of(new Band("acceptance", x, acceptance, acceptance, acceptance, false))), "acceptance",
                "The share of a generation's points kept.");
        if (tol.size() == n) {
            double[] t = tol.stream().mapToDouble(Double::doubleValue).toArray();
            CalibrationReport.figure(page, Charts.responseCurve("Tolerance per generation", "generation", "tolerance (distance)",
                    List.of(new Band("tolerance", x, t, t, t, false))), "tolerance",
                    "ABC's tolerance: the largest distance a generation accepts.");
        }
    }
}
