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
        List<Double> tol = new ArrayList<>();
        List<double[]> rates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x[i] = g.number(i, "generation");
            if (!g.text(i, "tolerance").equals("NA")) {
                tol.add(g.number(i, "tolerance"));
            }
            if (g.header().contains("acceptance_rate") && !g.text(i, "acceptance_rate").equals("NA")) {
                rates.add(new double[] {x[i], g.number(i, "acceptance_rate")});
            }
        }
        if (!rates.isEmpty()) {
            double[] rx = rates.stream().mapToDouble(r -> r[0]).toArray();
            double[] ry = rates.stream().mapToDouble(r -> r[1]).toArray();
            CalibrationReport.figure(page, Charts.responseCurve("Acceptance per generation", "generation",
                    "new points within the previous tolerance", List.of(new Band("acceptance", rx, ry, ry, ry, false))),
                    "acceptance", "ABC's acceptance rate: the share of a generation's new points within the previous "
                    + "generation's tolerance (with a schedule, its own); the calibration stops when it falls below "
                    + "the minimum acceptance.");
        } else if (tol.isEmpty()) {
            double[] front = new double[n];
            for (int i = 0; i < n; i++) {
                front[i] = g.number(i, "kept") / Math.max(1, g.number(i, "proposed"));
            }
            CalibrationReport.figure(page, Charts.responseCurve("The front per generation", "generation",
                    "on the front / proposed", List.of(new Band("front", x, front, front, front, false))), "acceptance",
                    "The share of a generation's points on the non-dominated front.");
        }
        if (tol.size() == n) {
            double[] t = tol.stream().mapToDouble(Double::doubleValue).toArray();
            CalibrationReport.figure(page, Charts.responseCurve("Tolerance per generation", "generation", "tolerance (distance)",
                    List.of(new Band("tolerance", x, t, t, t, false))), "tolerance",
                    "ABC's tolerance: the largest distance a generation accepts.");
        }
    }
}
