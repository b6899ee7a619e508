package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.wijklab.experiment.Folders;
import org.wijklab.experiment.Statistics;
import org.wijklab.report.chart.Band;
import org.wijklab.report.chart.Chart;
import org.wijklab.report.chart.ChartFiles;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Estimate;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The report of a sweep's folder ({@code wijklab compare SWEEP_DIR}), from its files only
 * (manifest.json, runs.csv, sensitivity.csv): for each metric, a response curve per parameter
 * (at each of the parameter's values the mean over the design points of each point's mean over its
 * replications, with its 95 % interval from the point means; categories as bars), and for Morris designs mu* against sigma, for Sobol designs S1 and ST with their
 * bootstrap intervals. Every chart as PNG and SVG, the numbers behind the curves in
 * {@code summary-response.csv}, an offline page.
 */
public final class SweepReport {
    private static final int W = 640;
    private static final int H = 400;

    private final Path dir;
    private final StringBuilder html = new StringBuilder();
    private final List<String> charts = new ArrayList<>();

    private SweepReport(Path dir) {
        this.dir = dir;
    }

    /** Whether a folder is a sweep's (its manifest names a sweep file). */
    public static boolean isSweep(Path folder) {
        Path m = folder.resolve("manifest.json");
        if (!Files.isRegularFile(m)) {
            return false;
        }
        try {
            return ScenarioLoader.mapper().readTree(m.toFile()).has("sweepSha256");
        } catch (IOException e) {
            return false;
        }
    }

    public static Report.Written write(Path sweep, Path out) {
        Report.checkOutput(out);
        JsonNode manifest;
        try {
            manifest = ScenarioLoader.mapper().readTree(sweep.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new ReportException(sweep.resolve("manifest.json") + ": cannot be read (" + e.getMessage() + ")");
        }
        if (!manifest.path("complete").asBoolean(false)) {
            throw new ReportException(sweep + ": the sweep is not complete (run it again with the same --out to finish it)");
        }
        if (manifest.path("shards").asInt(1) > 1) {
            throw new ReportException(sweep + ": a shard of a sweep; merge the shards first (wijklab merge)");
        }
        Table runs = Table.read(sweep.resolve("runs.csv"));
        List<String> parameters = new ArrayList<>();
        manifest.path("parameters").forEach(p -> parameters.add(p.path("name").asText()));
        List<String> metrics = new ArrayList<>();
        manifest.path("metrics").fieldNames().forEachRemaining(metrics::add);
        for (String c : parameters) {
            if (!runs.has(c)) {
                throw new ReportException(sweep.resolve("runs.csv") + ": no column '" + c + "'");
            }
        }
        String design = manifest.path("design").asText();
        Table sensitivity = design.equals("morris") || design.equals("sobol") ? Table.read(sweep.resolve("sensitivity.csv")) : null;
        // noise.csv is absent in folders written before it was
        Table noise = sensitivity != null && Files.isRegularFile(sweep.resolve("noise.csv"))
                ? Table.read(sweep.resolve("noise.csv")) : null;
        return Folders.writeWhole(out, tmp -> {
            Files.createDirectory(tmp.resolve("charts"));
            SweepReport r = new SweepReport(tmp);
            r.noise = noise;
            r.dummy = null;
            manifest.path("parameters").forEach(p -> {
                if (p.has("designOnly")) {
                    r.dummy = p.path("name").asText();
                }
            });
            r.build(manifest, runs, sensitivity, parameters, metrics, design);
            Files.writeString(tmp.resolve("index.html"), r.html.toString(), StandardCharsets.UTF_8);
            return new Report.Written(out.resolve("index.html"), 1, runs.size(), r.charts.size());
        });
    }

    private void build(JsonNode m, Table runs, Table sensitivity, List<String> parameters, List<String> metrics, String design)
            throws IOException {
        html.append(Report.pageHead("WijkLab sweep report: " + m.path("sweep").asText()));
        html.append("<h1>Sweep ").append(Report.esc(m.path("sweep").asText())).append("</h1>\n<p class=\"lead\">")
                .append(Report.esc(m.path("description").asText())).append("</p>\n<p class=\"note\">Design <b>")
                .append(Report.esc(design)).append("</b>, ").append(m.path("points").asInt()).append(" points, ")
                .append(runs.size()).append(" runs; seeds: ").append(Report.esc(m.path("seeds").asText()))
                .append(". Base scenario <code>").append(Report.esc(m.path("base").asText()))
                .append("</code>. The numbers are in the sweep's <code>runs.csv</code>, <code>summary.csv</code>")
                .append(sensitivityNote(design)).append(" and, for the curves, <code>summary-response.csv</code> here.</p>\n");
        html.append("<table><tr><th>parameter</th><th>paths</th><th>values or range</th></tr>\n");
        for (JsonNode p : m.path("parameters")) {
            List<String> paths = new ArrayList<>();
            p.path("paths").forEach(x -> paths.add(x.asText()));
            String values = p.has("range") ? p.path("range").toString() + (p.path("integer").asBoolean() ? " (whole)" : "")
                    : p.path("values").toString();
            String where = p.has("designOnly") ? "none: design-only, the model never reads it; its value picks the random "
                    + "stream, so its index is the noise floor" : String.join(", ", paths);
            html.append("<tr><td>").append(Report.esc(p.path("name").asText())).append("</td><td><code>")
                    .append(Report.esc(where)).append("</code></td><td>").append(Report.esc(values))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<table><tr><th>metric</th><th>what</th></tr>\n");
        for (String metric : metrics) {
            html.append("<tr><td>").append(Report.esc(metric)).append("</td><td>")
                    .append(Report.esc(m.path("metrics").path(metric).asText())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (sensitivity != null) {
            sensitivitySection(sensitivity, parameters, metrics, design);
        }
        responseSection(runs, parameters, metrics, m);
        html.append("<script>\nwindow.addEventListener('load', function () {\n  var imgs = document.images, ok = 0;\n"
                + "  for (var i = 0; i < imgs.length; i++) { if (imgs[i].complete && imgs[i].naturalWidth > 0) { ok++; } }\n"
                + "  document.body.setAttribute('data-images-loaded', ok + '/' + imgs.length);\n});\n</script>\n"
                + "</body>\n</html>\n");
    }

    /** The sweep's noise.csv (null when absent) and the name of its design-only dummy parameter (null when none). */
    private Table noise;
    private String dummy;

    /**
     * The noise floor beside a ranking by one index: the upper end of the dummy's 95 % bootstrap
     * interval of that index (a parameter that only changes the random stream reaches it with
     * probability about 2.5 %), and the parameters whose estimate lies above it.
     */
    static String floor(Map<String, Map<String, double[]>> byParam, List<String> parameters, String dummy, String index) {
        if (dummy == null) {
            return " No dummy parameter in this design (\"dummy\": false), so no noise floor: a small index may be the seed's.";
        }
        double[] d = byParam.getOrDefault(dummy, Map.of()).get(index);
        if (d == null || Double.isNaN(d[2])) {
            return " Noise floor of " + index + ": NA (the dummy's interval could not be estimated).";
        }
        List<String> above = new ArrayList<>();
        int real = 0;
        for (String p : parameters) {
            if (p.equals(dummy)) {
                continue;
            }
            real++;
            double[] v = byParam.getOrDefault(p, Map.of()).get(index);
            if (v != null && v[0] > d[2]) {
                above.add(p);
            }
        }
        return String.format(java.util.Locale.ROOT, " Noise floor of %s (the upper end of the dummy's 95 %% interval, "
                + "what the seed alone gives): %.4g; above it: %s (%d of %d parameters).", index, d[2],
                above.isEmpty() ? "none" : String.join(", ", above), above.size(), real);
    }

    /** The metric's seed-noise share from noise.csv, as a sentence, or "". */
    private String noiseShare(String metric) {
        if (noise == null) {
            return "";
        }
        for (int r = 0; r < noise.size(); r++) {
            if (noise.text(r, "metric").equals(metric)) {
                String share = noise.text(r, "noise_share");
                return share.equals("NA") ? " Seed noise: NA (" + noise.text(r, "reason") + ")."
                        : String.format(java.util.Locale.ROOT, " Seed noise: %.1f %% of a single run's variance.",
                                100 * Double.parseDouble(share));
            }
        }
        return "";
    }

    /** Points named on a Morris mu*-sigma plot: the largest effects; the ranking beside it names them all. */
    static final int MORRIS_LABELS = 8;

    private static String sensitivityNote(String design) {
        return design.equals("morris") || design.equals("sobol") ? ", <code>sensitivity.csv</code>" : "";
    }

    private void sensitivitySection(Table s, List<String> parameters, List<String> metrics, String design) throws IOException {
        html.append("<h2 id=\"sensitivity\">Sensitivity</h2>\n<p class=\"note\">").append(design.equals("morris")
                ? "Morris's elementary effects on each point's mean over its replications, in units of the metric per "
                + "whole range of the parameter: far to the right (mu*) a parameter matters; high up (sigma) its effect "
                + "depends on the others or is not linear."
                : "Sobol indices (Saltelli's scheme): S1, the share of the metric's variance a parameter explains alone; "
                + "ST, its share with all its interactions; whiskers are 95 % bootstrap intervals.").append("</p>\n");
        html.append("<div class=\"grid\">\n");
        List<String> notEstimated = new ArrayList<>();
        for (String metric : metrics) {
            Map<String, Map<String, double[]>> byParam = new LinkedHashMap<>();
            for (int r = 0; r < s.size(); r++) {
                if (!s.text(r, "metric").equals(metric)) {
                    continue;
                }
                byParam.computeIfAbsent(s.text(r, "parameter"), k -> new LinkedHashMap<>()).put(s.text(r, "index"),
                        new double[] {number(s, r, "value"), number(s, r, "ci_low"), number(s, r, "ci_high")});
                if (s.text(r, "value").equals("NA")) {
                    String reason = s.has("reason") ? s.text(r, "reason") : "";
                    notEstimated.add("<li><code>" + Report.esc(metric) + "</code>, " + Report.esc(s.text(r, "parameter"))
                            + ", " + Report.esc(s.text(r, "index")) + (reason.isEmpty() ? "" : ": " + Report.esc(reason))
                            + "</li>");
                }
            }
            if (design.equals("morris")) {
                double[] x = new double[parameters.size()];
                double[] y = new double[parameters.size()];
                for (int p = 0; p < x.length; p++) {
                    Map<String, double[]> idx = byParam.getOrDefault(parameters.get(p), Map.of());
                    x[p] = idx.getOrDefault("mu_star", new double[] {Double.NaN})[0];
                    y[p] = idx.getOrDefault("sigma", new double[] {Double.NaN})[0];
                }
                // an index that could not be estimated (NA) is no bar at 0: it is left out and listed below
                List<String> ranked = new ArrayList<>();
                List<Estimate> muStar = new ArrayList<>();
                for (String parameter : parameters) {
                    double[] v = byParam.getOrDefault(parameter, Map.of()).get("mu_star");
                    if (v != null && !Double.isNaN(v[0])) {
                        ranked.add(parameter);
                        muStar.add(estimate(v));
                    }
                }
                if (!ranked.isEmpty()) {
                    figure(Charts.sensitivityBars("Morris ranking: " + metric, "mu* (mean absolute effect over the range)",
                            ranked, muStar.toArray(new Estimate[0])), "morris-rank-" + Report.slug(metric),
                            "The parameters of <code>" + Report.esc(metric) + "</code> ranked by Morris's mu*, with 95 % "
                            + "bootstrap intervals" + (ranked.size() < parameters.size() ? " (NA ones left out)" : "") + "."
                            + Report.esc(floor(byParam, parameters, dummy, "mu_star") + noiseShare(metric)));
                }
                figure(Charts.labelledScatter("Morris: " + metric, "mu* (mean absolute effect)", "sigma", parameters, x, y,
                        MORRIS_LABELS), "morris-" + Report.slug(metric), "Morris's mu* against sigma for <code>"
                        + Report.esc(metric) + "</code>" + (parameters.size() > MORRIS_LABELS ? " (the " + MORRIS_LABELS
                        + " of largest mu* named)" : "") + ".");
            } else {
                List<String> shown = new ArrayList<>();
                List<Estimate> first = new ArrayList<>();
                List<Estimate> total = new ArrayList<>();
                for (String parameter : parameters) {
                    Map<String, double[]> idx = byParam.getOrDefault(parameter, Map.of());
                    double[] a = idx.get("S1");
                    double[] b = idx.get("ST");
                    if (a != null && b != null && !Double.isNaN(a[0]) && !Double.isNaN(b[0])) {
                        shown.add(parameter);
                        first.add(estimate(a));
                        total.add(estimate(b));
                    }
                }
                if (!shown.isEmpty()) {
                    figure(Charts.groupedBars("Sobol indices: " + metric, "share of variance", shown,
                            List.of("first order (S1)", "total (ST)"), new Estimate[][] {first.toArray(new Estimate[0]),
                                total.toArray(new Estimate[0])}), "sobol-" + Report.slug(metric),
                            "Sobol's first-order and total indices of <code>" + Report.esc(metric) + "</code>"
                            + (shown.size() < parameters.size() ? " (NA ones left out)" : "") + "."
                            + Report.esc(floor(byParam, parameters, dummy, "S1") + floor(byParam, parameters, dummy, "ST")
                                    + noiseShare(metric)));
                }
            }
        }
        html.append("</div>\n");
        if (!notEstimated.isEmpty()) {
            html.append("<p class=\"note\">Indices that could not be estimated (NA in <code>sensitivity.csv</code>), "
                    + "with the reason:</p>\n<ul>\n").append(String.join("\n", notEstimated)).append("\n</ul>\n");
        }
    }

    private static Estimate estimate(double[] v) {
        if (v == null || Double.isNaN(v[0])) {
            return new Estimate(0.0, Double.NaN, Double.NaN, 0);
        }
        return new Estimate(v[0], v[1], v[2], 1);
    }

    private static double number(Table t, int r, String column) {
        String v = t.text(r, column);
        return v.equals("NA") ? Double.NaN : t.number(r, column);
    }

    /**
     * Per metric and parameter, the response curve: at each of the parameter's values, the mean over
     * the design points that have it of each point's mean over its replications, with a 95 % interval
     * from those point means (n = the distinct points). Replications are not independent draws of the
     * other parameters, so they do not count as points; a Sobol design's AB rows copy all but one of
     * an A row's coordinates, so only its A and B rows make the curves; points with the same values
     * of every parameter are one point. No interval (NA, with the reason) from one point or from
     * point means that do not vary.
     */
    private void responseSection(Table runs, List<String> parameters, List<String> metrics, JsonNode m) throws IOException {
        boolean sobol = m.path("design").asText().equals("sobol");
        html.append("<h2 id=\"response\">Response to each parameter</h2>\n<p class=\"note\">At each value of the parameter, "
                + "the mean over the design points that have it (other parameters' values pooled) of each point's mean "
                + "over its replications, with a 95 % interval from those point means; n is the number of points. "
                + (sobol ? "Only the design's A and B rows are used (its AB rows repeat A's other coordinates). " : "")
                + "A value with one point, or whose points' means are all equal, has no interval (NA in "
                + "<code>summary-response.csv</code>, with the reason). For ranges the values are grouped in ten equal "
                + "bins.</p>\n<div class=\"grid\">\n");
        StringBuilder csv = new StringBuilder("metric,parameter,value,n,mean,ci_low,ci_high,reason\n");
        // Saltelli's design has samples x (parameters + 2) points, A and B first
        int samples = m.path("samples").asInt(m.path("points").asInt() / (parameters.size() + 2));
        List<Point> points = points(runs, parameters, sobol && samples > 0 ? 2 * samples : Integer.MAX_VALUE);
        for (String metric : metrics) {
            for (String param : parameters) {
                boolean numeric = true;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                Set<String> distinctValues = new HashSet<>();
                for (Point pt : points) {
                    String v = pt.values.get(param);
                    distinctValues.add(v);
                    try {
                        Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        numeric = false;
                        continue;
                    }
                    double x = Double.parseDouble(v);
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
                boolean bins = numeric && distinctValues.size() > 12;
                Map<String, List<Double>> groups = new LinkedHashMap<>();
                for (Point pt : points) {
                    double y = pt.mean(metric);
                    if (Double.isNaN(y)) {
                        continue;
                    }
                    String key = label(pt.values.get(param));
                    if (bins) {
                        double x = Double.parseDouble(key);
                        int b = Math.min(9, (int) Math.floor(10 * (x - lo) / (hi - lo)));
                        key = Double.toString(lo + (b + 0.5) * (hi - lo) / 10);
                    }
                    groups.computeIfAbsent(key, k -> new ArrayList<>()).add(y);
                }
                if (groups.isEmpty()) {
                    continue;
                }
                int noInterval = 0;
                Map<Double, double[]> curve = new TreeMap<>();
                List<String> categories = new ArrayList<>();
                List<Estimate> estimates = new ArrayList<>();
                for (Map.Entry<String, List<Double>> g : groups.entrySet()) {
                    double[] means = g.getValue().stream().mapToDouble(Double::doubleValue).toArray();
                    Statistics.Estimate e = Statistics.estimate(means);
                    String reason = "";
                    double low = e.low();
                    double high = e.high();
                    if (means.length < 2) {
                        reason = "one design point at this value";
                    } else if (java.util.Arrays.stream(means).allMatch(v -> v == means[0])) {
                        reason = "the design points' means are all equal";
                    }
                    if (!reason.isEmpty()) {
                        noInterval++;
                        low = Double.NaN;
                        high = Double.NaN;
                    }
                    csv.append(metric).append(',').append(param).append(',').append(csvCell(g.getKey())).append(',').append(e.n())
                            .append(',').append(Report.num(e.mean())).append(',').append(Report.num(low)).append(',')
                            .append(Report.num(high)).append(',').append(csvCell(reason)).append('\n');
                    if (numeric) {
                        curve.put(Double.parseDouble(g.getKey()), new double[] {e.mean(), low, high});
                    } else {
                        categories.add(g.getKey());
                        estimates.add(new Estimate(e.mean(), low, high, e.n()));
                    }
                }
                String id = "response-" + Report.slug(metric) + "-" + Report.slug(param);
                String caption = "<code>" + Report.esc(metric) + "</code> against <code>" + Report.esc(param) + "</code>"
                        + (noInterval == 0 ? "." : " (no interval at " + noInterval + " of " + groups.size()
                        + " values: one design point there, or equal point means; see summary-response.csv).");
                if (numeric) {
                    int n = curve.size();
                    double[] x = new double[n];
                    double[] mean = new double[n];
                    double[] l = new double[n];
                    double[] h = new double[n];
                    int i = 0;
                    for (Map.Entry<Double, double[]> e : curve.entrySet()) {
                        x[i] = e.getKey();
                        mean[i] = e.getValue()[0];
                        l[i] = Double.isNaN(e.getValue()[1]) ? e.getValue()[0] : e.getValue()[1];
                        h[i] = Double.isNaN(e.getValue()[2]) ? e.getValue()[0] : e.getValue()[2];
                        i++;
                    }
                    figure(Charts.responseCurve(metric, param, metric, List.of(new Band(metric, x, mean, l, h, false))), id,
                            caption);
                } else {
                    figure(Charts.groupedBars(metric, metric, categories, List.of(metric),
                            new Estimate[][] {estimates.toArray(new Estimate[0])}), id, caption);
                }
            }
        }
        html.append("</div>\n");
        Files.writeString(dir.resolve("summary-response.csv"), csv, StandardCharsets.UTF_8);
    }

    /** A design point: its parameters' values as runs.csv holds them, and its runs' metric values. */
    private static final class Point {
        final Map<String, String> values;
        final Map<String, List<Double>> metrics = new LinkedHashMap<>();

        Point(Map<String, String> values) {
            this.values = values;
        }

        /** The mean over the point's replications that have the metric, or NaN if none has it. */
        double mean(String metric) {
            return metrics.getOrDefault(metric, List.of()).stream().mapToDouble(Double::doubleValue).average()
                    .orElse(Double.NaN);
        }
    }

    /**
     * The design points of runs.csv below a point number (a Sobol design's A and B rows), in the
     * order they first appear; points with the same values of every parameter are one.
     */
    private static List<Point> points(Table runs, List<String> parameters, int below) {
        Map<List<String>, Point> byValues = new LinkedHashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            if (runs.integer(r, "point") >= below) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String p : parameters) {
                String v = runs.text(r, p);
                if (!Double.isNaN(Summary.numeric(v)) || v.strip().endsWith("NaN")) {
                    runs.number(r, p); // a parameter's value that reads as a number must be a usable one
                }
                values.put(p, v);
            }
            Point pt = byValues.computeIfAbsent(List.copyOf(values.values()), k -> new Point(values));
            for (String c : runs.header()) {
                if (!values.containsKey(c) && !RUN_COLUMNS.contains(c) && !runs.text(r, c).equals("NA")) {
                    pt.metrics.computeIfAbsent(c, k -> new ArrayList<>()).add(runs.number(r, c));
                }
            }
        }
        return new ArrayList<>(byValues.values());
    }

    private static final Set<String> RUN_COLUMNS = Set.of("run_id", "point", "replication", "seed");

    /** A parameter's value as runs.csv holds it (JSON): text without its quotes. */
    private static String label(String json) {
        return json.length() >= 2 && json.startsWith("\"") && json.endsWith("\"") ? json.substring(1, json.length() - 1) : json;
    }

    private static String csvCell(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private void figure(Chart chart, String id, String caption) throws IOException {
        ChartFiles.write(chart, dir.resolve("charts"), id, W, H);
        charts.add(id);
        html.append("<figure><img src=\"charts/").append(id).append(".png\" width=\"").append(W).append("\" height=\"")
                .append(H).append("\" alt=\"").append(Report.esc(caption.replaceAll("<[^>]*>", ""))).append("\"><figcaption>")
                .append(caption).append(" <a href=\"charts/").append(id).append(".svg\">SVG</a></figcaption></figure>\n");
    }
}
