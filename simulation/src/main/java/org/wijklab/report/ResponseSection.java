package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.wijklab.experiment.Statistics;
import org.wijklab.report.chart.Band;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Estimate;

/**
 * Per metric and parameter, the response curve: at each of the parameter's values, the mean over
 * the design points that have it of each point's mean over its replications, with a 95 % interval
 * from those point means (n = the distinct points). Replications are not independent draws of the
 * other parameters, so they do not count as points; a Sobol design's AB rows copy all but one of
 * an A row's coordinates, so only its A and B rows make the curves; points with the same values
 * of every parameter are one point. No interval (NA, with the reason) from one point or from
 * point means that do not vary.
 */
final class ResponseSection implements Section {
    private final SweepReport.SweepFiles f;

    ResponseSection(SweepReport.SweepFiles f) {
        this.f = f;
    }

    @Override
    public String id() {
        return "response";
    }

    @Override
    public String title() {
        return "Response to each parameter";
    }

    @Override
    public void write(Page page) throws IOException {
        Table runs = f.runs();
        List<String> parameters = f.parameters();
        List<String> metrics = f.metrics();
        JsonNode m = f.manifest();
        StringBuilder html = page.html();
        java.nio.file.Path dir = page.dir();
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
                            .append(',').append(Html.num(e.mean())).append(',').append(Html.num(low)).append(',')
                            .append(Html.num(high)).append(',').append(csvCell(reason)).append('\n');
                    if (numeric) {
                        curve.put(Double.parseDouble(g.getKey()), new double[] {e.mean(), low, high});
                    } else {
                        categories.add(g.getKey());
                        estimates.add(new Estimate(e.mean(), low, high, e.n()));
                    }
                }
                String id = "response-" + Html.slug(metric) + "-" + Html.slug(param);
                String caption = "<code>" + Html.esc(metric) + "</code> against <code>" + Html.esc(param) + "</code>"
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
                    page.figure(Charts.responseCurve(metric, param, metric, List.of(new Band(metric, x, mean, l, h, false))), id,
                            SweepReport.W, SweepReport.H,
                            caption);
                } else {
                    page.figure(Charts.groupedBars(metric, metric, categories, List.of(metric),
                            new Estimate[][] {estimates.toArray(new Estimate[0])}), id, SweepReport.W, SweepReport.H, caption);
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
}
