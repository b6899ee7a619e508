package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import ec.util.MersenneTwisterFast;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wijklab.experiment.Discovery;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The cases of a finished sweep's folder for scenario discovery: by default one case per design
 * point, its metric the mean over the point's replications that have it; with {@code runs}, one
 * case per run. A case whose metric is NA (in every replication, for a point) is dropped and
 * counted. Ranges are numeric; a parameter given as a list of values is categorical (its values as
 * runs.csv holds them, text without its quotes). The design-only dummy is kept as the noise
 * reference of the feature scores; a sweep without one gets a random probe named {@code dummy},
 * uniform on [0, 1), drawn per case from the seed. Every refusal is one line (a
 * {@link ReportException}).
 */
public final class SweepCases {
    /** What discovery reads from a sweep folder. */
    public record Cases(String sweep, List<String> metrics, List<Discovery.Parameter> parameters, double[] metric,
            int dropped, boolean probe) {
    }

    private SweepCases() {
    }

    /** The manifest of a finished, whole sweep (refused otherwise), and its metrics. */
    public static JsonNode manifest(Path dir) {
        if (!SweepReport.isSweep(dir)) {
            throw new ReportException("discover: " + dir + " is not a sweep's folder (no manifest.json written by 'wijklab sweep')");
        }
        JsonNode m;
        try {
            m = ScenarioLoader.mapper().readTree(dir.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new ReportException(dir.resolve("manifest.json") + ": cannot be read (" + e.getMessage() + ")");
        }
        if (!m.path("complete").asBoolean(false)) {
            throw new ReportException("discover: " + dir + ": the sweep is not complete (run it again with the same --out to "
                    + "finish it)");
        }
        if (m.path("shards").asInt(1) > 1) {
            throw new ReportException("discover: " + dir + ": a shard of a sweep; merge the shards first (wijklab merge)");
        }
        return m;
    }

    public static List<String> metrics(JsonNode manifest) {
        List<String> metrics = new ArrayList<>();
        manifest.path("metrics").fieldNames().forEachRemaining(metrics::add);
        return metrics;
    }

    /** The cases of metric {@code metric} (one of the manifest's), per point or ({@code byRun}) per run. */
    public static Cases read(Path dir, JsonNode m, String metric, boolean byRun, long seed) {
        Table runs = Table.read(dir.resolve("runs.csv"), "point", metric);
        List<JsonNode> params = new ArrayList<>();
        m.path("parameters").forEach(params::add);
        for (JsonNode p : params) {
            if (!runs.has(p.path("name").asText())) {
                throw new ReportException(dir.resolve("runs.csv") + ": no column '" + p.path("name").asText() + "'");
            }
        }
        // the cases: rows of runs.csv, grouped by point unless byRun
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            groups.computeIfAbsent(byRun ? r : runs.integer(r, "point"), k -> new ArrayList<>()).add(r);
        }
        List<Integer> first = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        int dropped = 0;
        for (List<Integer> rows : groups.values()) {
            double sum = 0;
            int n = 0;
            for (int r : rows) {
                if (!runs.text(r, metric).equals("NA")) {
                    sum += runs.number(r, metric);
                    n++;
                }
            }
            if (n == 0) {
                dropped++;
                continue;
            }
            first.add(rows.get(0));
            values.add(sum / n);
        }
        int cases = first.size();
        List<Discovery.Parameter> parameters = new ArrayList<>();
        boolean dummy = false;
        for (JsonNode p : params) {
            String name = p.path("name").asText();
            double[] x = new double[cases];
            if (p.has("values")) {
                List<String> categories = new ArrayList<>();
                p.path("values").forEach(v -> categories.add(label(v.toString())));
                for (int i = 0; i < cases; i++) {
                    String v = label(runs.text(first.get(i), name));
                    int c = categories.indexOf(v);
                    if (c < 0) {
                        categories.add(v);
                        c = categories.size() - 1;
                    }
                    x[i] = c;
                }
                parameters.add(new Discovery.Parameter(name, x, List.copyOf(categories), Double.NaN, Double.NaN, "parameter"));
            } else {
                for (int i = 0; i < cases; i++) {
                    x[i] = runs.number(first.get(i), name);
                }
                boolean designOnly = p.has("designOnly");
                dummy |= designOnly;
                parameters.add(new Discovery.Parameter(name, x, null, p.path("range").path(0).asDouble(),
                        p.path("range").path(1).asDouble(), designOnly ? "dummy" : "parameter"));
            }
        }
        if (!dummy) {
            MersenneTwisterFast random = new MersenneTwisterFast(new int[] {(int) seed, (int) (seed >>> 32), 0x50524f42});
            double[] x = new double[cases];
            for (int i = 0; i < cases; i++) {
                x[i] = random.nextDouble();
            }
            String probe = parameters.stream().anyMatch(p -> p.name().equals("dummy")) ? "random_probe" : "dummy";
            parameters.add(new Discovery.Parameter(probe, x, null, 0, 1, "probe"));
        }
        double[] y = values.stream().mapToDouble(Double::doubleValue).toArray();
        return new Cases(m.path("sweep").asText(), metrics(m), parameters, y, dropped, !dummy);
    }

    /** A parameter's value as runs.csv holds it (JSON): text without its quotes. */
    static String label(String json) {
        return json.length() >= 2 && json.startsWith("\"") && json.endsWith("\"") ? json.substring(1, json.length() - 1) : json;
    }
}
