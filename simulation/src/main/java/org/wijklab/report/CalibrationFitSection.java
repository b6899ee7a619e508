package org.wijklab.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.report.chart.CalibrationCharts;

/**
 * The fit of every target of a calibration: its observed value, sd or tolerance and source against
 * the posterior's simulated mean and 95 % weighted interval (NSGA-II: the front's mean and range), as
 * a table and a chart in the target's sd or tolerance.
 */
final class CalibrationFitSection implements Section {
    private final CalibrationReport.CalibrationFiles f;

    CalibrationFitSection(CalibrationReport.CalibrationFiles f) {
        this.f = f;
    }

    @Override
    public String id() {
        return "fit";
    }

    @Override
    public String title() {
        return "Targets' fit";
    }

    @Override
    public void write(Page page) throws IOException {
        boolean abc = f.abc();
        Table t = f.targets();
        StringBuilder html = page.html();
        html.append("<h2 id=\"fit\">The fit of every target</h2>\n<table><tr><th>metric</th><th>observed</th><th>sd or tolerance</th>"
                + "<th>source</th><th>simulated</th><th>").append(abc ? "95 % weighted interval" : "the front's range")
                .append("</th></tr>\n");
        List<String> names = new ArrayList<>();
        double[] half = new double[t.size()];
        double[] mean = new double[t.size()];
        double[] lo = new double[t.size()];
        double[] hi = new double[t.size()];
        for (int k = 0; k < t.size(); k++) {
            names.add(t.text(k, "metric"));
            double observed = t.number(k, "observed");
            double scale = t.number(k, "scale");
            boolean sd = t.text(k, "scale_is").equals("sd");
            half[k] = sd ? 1.96 : 1.0;
            mean[k] = standardised(t, k, "simulated_mean", observed, scale);
            lo[k] = standardised(t, k, "low", observed, scale);
            hi[k] = standardised(t, k, "high", observed, scale);
            html.append("<tr><td>").append(Html.esc(names.get(k))).append("</td><td>").append(t.text(k, "observed"))
                    .append("</td><td>").append(sd ? "sd " : "tolerance ").append(t.text(k, "scale")).append("</td><td>")
                    .append(Html.esc(t.text(k, "source"))).append("</td><td>").append(Html.esc(t.text(k, "simulated_mean")))
                    .append("</td><td>").append(Html.esc(t.text(k, "low"))).append(" to ").append(Html.esc(t.text(k, "high")))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        CalibrationReport.figure(page, CalibrationCharts.targetFit("The targets' fit", names, half, mean, lo, hi), "targets-fit",
                "Each target: the observed value at 0 with &plusmn;1.96 sd (or &plusmn; its tolerance), beside the "
                + (abc ? "posterior's simulated mean and 95 % weighted interval" : "front's mean and range")
                + ", in the target's sd or tolerance.");
    }

    private static double standardised(Table t, int k, String column, double observed, double scale) {
        String s = t.text(k, column);
        return s.equals("NA") ? Double.NaN : (t.number(k, column) - observed) / scale;
    }
}
