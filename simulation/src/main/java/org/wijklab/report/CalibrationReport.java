package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.wijklab.experiment.Folders;
import org.wijklab.report.chart.Band;
import org.wijklab.report.chart.CalibrationCharts;
import org.wijklab.report.chart.Chart;
import org.wijklab.report.chart.ChartFiles;
import org.wijklab.report.chart.Charts;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The report of a calibration's folder ({@code wijklab calibrate}): its parameters and targets,
 * the generations' tolerance and acceptance, each parameter's marginal posterior (a weighted
 * histogram over the prior's range, the range's ends marked), pairwise plots of the parameters
 * the posterior narrowed most (at most four), and the fit of every target: the observed value
 * with its sd or tolerance against the posterior's simulated mean and 95 % weighted interval (for
 * NSGA-II the front's equal weights and range). A standalone page, written whole.
 */
public final class CalibrationReport {
    private static final int W = 640;
    private static final int H = 400;
    private static final int BINS = 20;
    private static final int TOP = 4;

    private final Path dir;
    private final StringBuilder html = new StringBuilder();
    private final List<String> charts = new ArrayList<>();

    private CalibrationReport(Path dir) {
        this.dir = dir;
    }

    /** Whether a folder is a calibration's (its manifest names a calibration file). */
    public static boolean isCalibration(Path folder) {
        Path m = folder.resolve("manifest.json");
        if (!Files.isRegularFile(m)) {
            return false;
        }
        try {
            return ScenarioLoader.mapper().readTree(m.toFile()).has("calibrationSha256");
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the report of calibration folder {@code cal} into {@code out} (which must not exist or be empty). */
    public static Report.Written write(Path cal, Path out) {
        Report.checkOutput(out);
        JsonNode manifest;
        try {
            manifest = ScenarioLoader.mapper().readTree(cal.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new ReportException(cal.resolve("manifest.json") + ": cannot be read (" + e.getMessage() + ")");
        }
        boolean abc = manifest.path("method").path("name").asText().equals("abc");
        Path resultFile = cal.resolve(abc ? "posterior.csv" : "front.csv");
        if (!Files.isRegularFile(resultFile) || !Files.isRegularFile(cal.resolve("targets.csv"))) {
            throw new ReportException(cal + ": the calibration is not finished (no " + resultFile.getFileName()
                    + "); run it again with the same --out to finish it");
        }
        Table particles = Table.read(resultFile, "particle", "distance");
        Table targets = Table.read(cal.resolve("targets.csv"), "metric", "observed", "scale", "scale_is", "source",
                "simulated_mean", "low", "high");
        Table generations = Table.read(cal.resolve("generations.csv"), "generation", "proposed", "kept", "tolerance");
        return Folders.writeWhole(out, tmp -> {
            Files.createDirectory(tmp.resolve("charts"));
            CalibrationReport r = new CalibrationReport(tmp);
            r.build(manifest, abc, particles, targets, generations);
            Files.writeString(tmp.resolve("index.html"), r.html.toString(), StandardCharsets.UTF_8);
            return new Report.Written(out.resolve("index.html"), 1, particles.size(), r.charts.size());
        });
    }

    private void build(JsonNode m, boolean abc, Table particles, Table targets, Table generations) throws IOException {
        String name = m.path("calibration").asText();
        html.append(Report.pageHead("WijkLab calibration report: " + name));
        html.append("<h1>Calibration ").append(Report.esc(name)).append("</h1>\n<p class=\"lead\">")
                .append(Report.esc(m.path("description").asText())).append("</p>\n<p class=\"note\">Method <b>")
                .append(abc ? "ABC-SMC" : "NSGA-II").append("</b> (").append(Report.esc(m.path("method").toString()))
                .append("), ").append(m.path("replications").asInt()).append(" replications a point; seeds: ")
                .append(Report.esc(m.path("seeds").asText())).append(". Base scenario <code>")
                .append(Report.esc(m.path("base").asText())).append("</code>. ").append(particles.size())
                .append(abc ? " accepted particles (posterior.csv)" : " points on the front (front.csv)")
                .append("; each generation is a sweep folder gen-NN/. Calibration targets are never the validation "
                        + "suite's patterns: the suite checks what was not fitted.</p>\n");
        List<JsonNode> params = new ArrayList<>();
        m.path("parameters").forEach(params::add);
        html.append("<table><tr><th>parameter</th><th>paths</th><th>prior (uniform over)</th></tr>\n");
        for (JsonNode p : params) {
            List<String> paths = new ArrayList<>();
            p.path("paths").forEach(x -> paths.add(x.asText()));
            html.append("<tr><td>").append(Report.esc(p.path("name").asText())).append("</td><td><code>")
                    .append(Report.esc(String.join(", ", paths))).append("</code></td><td>")
                    .append(Report.esc(p.has("range") ? p.path("range").toString() : p.path("values").toString()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        targetSection(abc, targets);
        generationSection(generations);
        double[] weights = new double[particles.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = abc ? particles.number(i, "weight") : 1.0;
        }
        marginalSection(params, particles, weights);
        html.append("<script>\nwindow.addEventListener('load', function () {\n  var imgs = document.images, ok = 0;\n"
                + "  for (var i = 0; i < imgs.length; i++) { if (imgs[i].complete && imgs[i].naturalWidth > 0) { ok++; } }\n"
                + "  document.body.setAttribute('data-images-loaded', ok + '/' + imgs.length);\n});\n</script>\n"
                + "</body>\n</html>\n");
    }

    private void targetSection(boolean abc, Table t) throws IOException {
        html.append("<h2>The fit of every target</h2>\n<table><tr><th>metric</th><th>observed</th><th>sd or tolerance</th>"
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
            html.append("<tr><td>").append(Report.esc(names.get(k))).append("</td><td>").append(t.text(k, "observed"))
                    .append("</td><td>").append(sd ? "sd " : "tolerance ").append(t.text(k, "scale")).append("</td><td>")
                    .append(Report.esc(t.text(k, "source"))).append("</td><td>").append(Report.esc(t.text(k, "simulated_mean")))
                    .append("</td><td>").append(Report.esc(t.text(k, "low"))).append(" to ").append(Report.esc(t.text(k, "high")))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        figure(CalibrationCharts.targetFit("The targets' fit", names, half, mean, lo, hi), "targets-fit",
                "Each target: the observed value at 0 with &plusmn;1.96 sd (or &plusmn; its tolerance), beside the "
                + (abc ? "posterior's simulated mean and 95 % weighted interval" : "front's mean and range")
                + ", in the target's sd or tolerance.");
    }

    private static double standardised(Table t, int k, String column, double observed, double scale) {
        String s = t.text(k, column);
        return s.equals("NA") ? Double.NaN : (t.number(k, column) - observed) / scale;
    }

    private void generationSection(Table g) throws IOException {
        int n = g.size();
        html.append("<h2>Generations</h2>\n<table><tr>");
        g.header().forEach(c -> html.append("<th>").append(Report.esc(c)).append("</th>"));
        html.append("</tr>\n");
        for (int i = 0; i < n; i++) {
            html.append("<tr>");
            for (String c : g.header()) {
                html.append("<td>").append(Report.esc(g.text(i, c))).append("</td>");
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
        figure(Charts.responseCurve("Acceptance per generation", "generation", "kept / proposed",
                List.of(new Band("acceptance", x, acceptance, acceptance, acceptance, false))), "acceptance",
                "The share of a generation's points kept.");
        if (tol.size() == n) {
            double[] t = tol.stream().mapToDouble(Double::doubleValue).toArray();
            figure(Charts.responseCurve("Tolerance per generation", "generation", "tolerance (distance)",
                    List.of(new Band("tolerance", x, t, t, t, false))), "tolerance",
                    "ABC's tolerance: the largest distance a generation accepts.");
        }
    }

    private void marginalSection(List<JsonNode> params, Table particles, double[] weights) throws IOException {
        html.append("<h2>Marginal posteriors</h2>\n<p class=\"note\">Each parameter's accepted values, weighted, over "
                + "its prior's range (the dashed lines are the range's ends).</p>\n");
        List<double[]> columns = new ArrayList<>();
        List<double[]> ranges = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> narrowing = new ArrayList<>();
        for (JsonNode p : params) {
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
            figure(CalibrationCharts.marginal("Posterior of " + name, name, range[0], range[1], v, weights, BINS),
                    "marginal-" + (names.size() + 1) + "-" + name, "The weighted distribution of " + Report.esc(name) + " over its prior range "
                    + range[0] + " to " + range[1] + ".");
            columns.add(v);
            ranges.add(range);
            names.add(name);
            narrowing.add(1 - weightedSd(v, weights) / ((range[1] - range[0]) / Math.sqrt(12)));
        }
        List<Integer> top = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            top.add(i);
        }
        top.sort(Comparator.comparingDouble((Integer i) -> -narrowing.get(i)));
        top = top.subList(0, Math.min(TOP, top.size()));
        if (top.size() < 2) {
            return;
        }
        html.append("<h2>Pairs of the parameters the data narrowed most</h2>\n<p class=\"note\">At most four parameters, by "
                + "1 - (the posterior's weighted sd / the prior's sd):");
        for (int i : top) {
            html.append(' ').append(Report.esc(names.get(i))).append(String.format(" %.2f", narrowing.get(i)));
        }
        html.append(".</p>\n");
        for (int a = 0; a < top.size(); a++) {
            for (int b = a + 1; b < top.size(); b++) {
                int i = top.get(a);
                int j = top.get(b);
                figure(CalibrationCharts.pair(names.get(i) + " and " + names.get(j), names.get(i), names.get(j), columns.get(i),
                        columns.get(j), ranges.get(i), ranges.get(j)), "pair-" + (i + 1) + "-" + (j + 1) + "-" + names.get(i) + "-" + names.get(j),
                        "Accepted particles of " + Report.esc(names.get(i)) + " and " + Report.esc(names.get(j))
                        + ", each axis over its prior's range.");
            }
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

    private void figure(Chart chart, String id, String caption) throws IOException {
        // chart ids are lower case letters, digits and '-'; the number before a name keeps two names apart
        String file = id.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        ChartFiles.write(chart, dir.resolve("charts"), file, W, H);
        charts.add(file);
        html.append("<figure><img src=\"charts/").append(file).append(".png\" width=\"").append(W).append("\" height=\"")
                .append(H).append("\" alt=\"").append(Report.esc(caption.replaceAll("<[^>]*>", ""))).append("\"><figcaption>")
                .append(caption).append(" <a href=\"charts/").append(file).append(".svg\">SVG</a></figcaption></figure>\n");
    }
}
