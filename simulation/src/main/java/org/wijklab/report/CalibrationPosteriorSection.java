package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.report.chart.CalibrationCharts;

/**
 * Each parameter's marginal posterior: its accepted values' weighted histogram over its prior's
 * range (the range's ends marked), for the parameters with a numeric prior.
 */
final class CalibrationPosteriorSection implements Section {
    private static final int BINS = 20;

    /**
     * The accepted values of the parameters with a numeric prior, in the manifest's order: their names,
     * values (NaN where not a number), prior ranges, the particles' weights, and how much the data
     * narrowed each: 1 - (the posterior's weighted sd / the uniform prior's sd).
     */
    record Posterior(List<String> names, List<double[]> columns, List<double[]> ranges, double[] weights,
            List<Double> narrowing) {
        static Posterior of(CalibrationReport.CalibrationFiles f) {
            Table particles = f.particles();
            double[] weights = f.weights();
            Posterior post = new Posterior(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), weights, new ArrayList<>());
            for (JsonNode p : f.parameters()) {
                String name = p.path("name").asText();
                double[] range = range(p);
                if (range == null || !particles.has(name)) {
                    continue;
                }
                double[] v = new double[particles.size()];
                for (int i = 0; i < v.length; i++) {
                    String s = particles.text(i, name);
                    try {
                        v[i] = Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        v[i] = Double.NaN;
                    }
                }
                post.names.add(name);
                post.columns.add(v);
                post.ranges.add(range);
                post.narrowing.add(1 - weightedSd(v, weights) / ((range[1] - range[0]) / Math.sqrt(12)));
            }
            return post;
        }
    }

    private final Posterior post;

    CalibrationPosteriorSection(Posterior post) {
        this.post = post;
    }

    @Override
    public String id() {
        return "posterior";
    }

    @Override
    public String title() {
        return "Marginal posteriors";
    }

    @Override
    public void write(Page page) throws IOException {
        page.html().append("<h2 id=\"posterior\">Marginal posteriors</h2>\n<p class=\"note\">Each parameter's accepted values, "
                + "weighted, over its prior's range (the dashed lines are the range's ends).</p>\n");
        for (int k = 0; k < post.names().size(); k++) {
            String name = post.names().get(k);
            double[] range = post.ranges().get(k);
            CalibrationReport.figure(page, CalibrationCharts.marginal("Posterior of " + name, name, range[0], range[1],
                    post.columns().get(k), post.weights(), BINS), "marginal-" + (k + 1) + "-" + name,
                    "The weighted distribution of " + Html.esc(name) + " over its prior range " + range[0] + " to "
                    + range[1] + ".");
        }
    }

    /** A parameter's prior range: a range's ends, or a list of numbers' smallest and largest; null for categories. */
    private static double[] range(JsonNode p) {
        if (p.has("range")) {
            return new double[] {p.path("range").get(0).asDouble(), p.path("range").get(1).asDouble()};
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (JsonNode v : p.path("values")) {
            if (!v.isNumber()) {
                return null;
            }
            lo = Math.min(lo, v.asDouble());
            hi = Math.max(hi, v.asDouble());
        }
        return hi > lo ? new double[] {lo, hi} : null;
    }

    private static double weightedSd(double[] v, double[] w) {
        double sw = 0;
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i])) {
                sw += w[i];
                s += w[i] * v[i];
            }
        }
        if (sw <= 0) {
            return Double.NaN;
        }
        double mean = s / sw;
        double ss = 0;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i])) {
                ss += w[i] * (v[i] - mean) * (v[i] - mean);
            }
        }
        return Math.sqrt(ss / sw);
    }
}
