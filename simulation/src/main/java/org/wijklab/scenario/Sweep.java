package org.wijklab.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep file: a base scenario, values set for every run, parameters with their values, a
 * design that turns them into points, and replications per point (seeds base seed + 0, 1, ...: the
 * same at every point, common random numbers). The file's format is in {@code scenarios/README.md}:
 *
 * <pre>
 * {"sweep": {"name": ..., "description": ..., "base": "krachtwijk.json", "replications": 10,
 *            "design": "grid", "metrics": [...], "reference": 0,
 *            "set": {PATH: VALUE, ...},
 *            "parameters": [{"name": ..., "path": PATH | "paths": [PATH, ...], "values": [...]}]}}
 * </pre>
 *
 * Paths are {@link ScenarioPath}s into the resolved base. Loading checks everything a run would
 * meet, every point included, so a bad sweep file is one {@link ScenarioException} naming the file
 * and the field, before anything is run or written.
 */
public final class Sweep {
    /** The designs a sweep file may name. */
    public static final List<String> DESIGNS = List.of("grid");
    private static final Set<String> KEYS = Set.of("name", "description", "base", "replications", "design", "metrics",
            "reference", "set", "parameters");
    private static final Set<String> PARAMETER_KEYS = Set.of("name", "path", "paths", "values");

    /** One parameter: its name (a column of the results), the paths it sets together, its values. */
    public record Parameter(String name, List<ScenarioPath> paths, List<JsonNode> values) {
    }

    private final Path file;
    private final String sha256;
    private final String name;
    private final String description;
    private final Path baseFile;
    private final Scenario base;
    private final int replications;
    private final String design;
    private final List<String> metrics;
    private final int reference;
    private final Map<ScenarioPath, JsonNode> set;
    private final List<Parameter> parameters;
    private final List<Scenario> points = new ArrayList<>();

    private Sweep(Path file, String sha256, JsonNode sweep, List<String> knownMetrics) {
        this.file = file;
        this.sha256 = sha256;
        String f = file.toString();
        for (Iterator<String> it = sweep.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new ScenarioException(f + ": sweep." + k + ": unknown field (known: " + String.join(", ", KEYS) + ")");
            }
        }
        name = text(sweep, "name", f);
        description = sweep.has("description") ? text(sweep, "description", f) : "";
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new ScenarioException(f + ": sweep.name: '" + name + "' may hold only letters, digits, '.', '_' and '-'");
        }
        JsonNode reps = sweep.get("replications");
        if (reps == null || !reps.isIntegralNumber() || reps.asLong() < 1 || reps.asLong() > 10_000) {
            throw new ScenarioException(f + ": sweep.replications: " + (reps == null ? "missing" : reps.toString())
                    + " is not a whole number in [1, 10000]");
        }
        replications = reps.asInt();
        design = sweep.has("design") ? text(sweep, "design", f) : "grid";
        if (!DESIGNS.contains(design)) {
            throw new ScenarioException(f + ": sweep.design: '" + design + "' is not a design (known: "
                    + String.join(", ", DESIGNS) + ")");
        }
        metrics = new ArrayList<>();
        if (sweep.has("metrics")) {
            JsonNode m = sweep.get("metrics");
            if (!m.isArray() || m.isEmpty()) {
                throw new ScenarioException(f + ": sweep.metrics: give a non-empty list of metric names");
            }
            for (JsonNode x : m) {
                if (!x.isTextual() || !knownMetrics.contains(x.asText())) {
                    throw new ScenarioException(f + ": sweep.metrics: " + x + " is not a metric (known: "
                            + String.join(", ", knownMetrics) + ")");
                }
                if (metrics.contains(x.asText())) {
                    throw new ScenarioException(f + ": sweep.metrics: " + x + " is named twice");
                }
                metrics.add(x.asText());
            }
        } else {
            metrics.addAll(knownMetrics);
        }
        baseFile = file.toAbsolutePath().resolveSibling(text(sweep, "base", f));
        if (!Files.isRegularFile(baseFile)) {
            throw new ScenarioException(f + ": sweep.base: " + sweep.get("base").asText() + ": no such file beside the sweep file");
        }
        base = ScenarioLoader.load(baseFile);
        set = new LinkedHashMap<>();
        if (sweep.has("set")) {
            JsonNode s = sweep.get("set");
            if (!s.isObject()) {
                throw new ScenarioException(f + ": sweep.set: an object of path: value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                set.put(path(e.getKey(), f + ": sweep.set"), e.getValue());
            }
        }
        JsonNode ps = sweep.get("parameters");
        if (ps == null || !ps.isArray() || ps.isEmpty()) {
            throw new ScenarioException(f + ": sweep.parameters: give a non-empty list of parameters");
        }
        parameters = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            parameters.add(parameter(ps.get(i), f + ": sweep.parameters[" + i + "]"));
        }
        for (int i = 0; i < parameters.size(); i++) {
            for (int k = 0; k < i; k++) {
                if (parameters.get(k).name().equals(parameters.get(i).name())) {
                    throw new ScenarioException(f + ": sweep.parameters[" + i + "].name: '" + parameters.get(i).name()
                            + "' is used twice");
                }
            }
        }
        long count = 1;
        for (Parameter p : parameters) {
            count *= p.values().size();
            if (count > 1_000_000) {
                throw new ScenarioException(f + ": sweep.parameters: more than 1,000,000 points");
            }
        }
        JsonNode ref = sweep.get("reference");
        if (ref != null && (!ref.isIntegralNumber() || ref.asLong() < 0 || ref.asLong() >= count)) {
            throw new ScenarioException(f + ": sweep.reference: " + ref + " is not a point (0-" + (count - 1) + ")");
        }
        reference = ref == null ? -1 : ref.asInt();
        // every point resolves and validates
        ObjectNode resolved = (ObjectNode) ScenarioLoader.mapper().valueToTree(base);
        for (Map.Entry<ScenarioPath, JsonNode> e : set.entrySet()) {
            e.getKey().set(resolved, e.getValue(), f + ": sweep.set." + e.getKey());
        }
        for (int point = 0; point < count; point++) {
            ObjectNode tree = resolved.deepCopy();
            int[] index = indices(point);
            for (int k = 0; k < parameters.size(); k++) {
                Parameter p = parameters.get(k);
                for (ScenarioPath path : p.paths()) {
                    path.set(tree, p.values().get(index[k]), f + ": sweep.parameters[" + k + "] " + path);
                }
            }
            try {
                points.add(ScenarioLoader.bindTree(tree, "point " + point + " (" + label(point) + ")"));
            } catch (ScenarioException e) {
                throw new ScenarioException(f + ": " + e.getMessage());
            }
        }
    }

    /** Loads and checks a sweep file against the metrics a run can report. */
    public static Sweep load(Path file, List<String> knownMetrics) {
        String text = ScenarioLoader.read(file);
        JsonNode tree;
        try {
            tree = ScenarioLoader.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ScenarioException(file + ": not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject() || tree.size() != 1 || !tree.has("sweep") || !tree.get("sweep").isObject()) {
            throw new ScenarioException(file + ": a sweep file is an object with the single field \"sweep\"");
        }
        return new Sweep(file, ScenarioLoader.sha256(text), tree.get("sweep"), knownMetrics);
    }

    /** Whether a JSON file is a sweep file (its only top-level field is "sweep"). */
    public static boolean isSweep(JsonNode tree) {
        return tree != null && tree.isObject() && tree.size() == 1 && tree.has("sweep");
    }

    private static String text(JsonNode node, String field, String f) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new ScenarioException(f + ": sweep." + field + ": " + (v == null ? "missing" : v + " is not a non-empty text"));
        }
        return v.asText();
    }

    private static ScenarioPath path(String text, String where) {
        try {
            return ScenarioPath.parse(text);
        } catch (ScenarioException e) {
            throw new ScenarioException(where + ": " + e.getMessage());
        }
    }

    private static Parameter parameter(JsonNode p, String where) {
        if (!p.isObject()) {
            throw new ScenarioException(where + ": a parameter is an object with name, path or paths, and values");
        }
        for (Iterator<String> it = p.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!PARAMETER_KEYS.contains(k)) {
                throw new ScenarioException(where + "." + k + ": unknown field (known: " + String.join(", ", PARAMETER_KEYS) + ")");
            }
        }
        JsonNode n = p.get("name");
        if (n == null || !n.isTextual() || !n.asText().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ScenarioException(where + ".name: " + (n == null ? "missing" : n)
                    + " is not a name (letters, digits and '_', a column of the results)");
        }
        if (p.has("path") == p.has("paths")) {
            throw new ScenarioException(where + ": give either path or paths");
        }
        List<ScenarioPath> paths = new ArrayList<>();
        if (p.has("path")) {
            if (!p.get("path").isTextual()) {
                throw new ScenarioException(where + ".path: a text");
            }
            paths.add(path(p.get("path").asText(), where + ".path"));
        } else {
            if (!p.get("paths").isArray() || p.get("paths").isEmpty()) {
                throw new ScenarioException(where + ".paths: a non-empty list of paths");
            }
            for (JsonNode x : p.get("paths")) {
                if (!x.isTextual()) {
                    throw new ScenarioException(where + ".paths: " + x + " is not a path");
                }
                paths.add(path(x.asText(), where + ".paths"));
            }
        }
        JsonNode v = p.get("values");
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw new ScenarioException(where + ".values: give a non-empty list of values");
        }
        List<JsonNode> values = new ArrayList<>();
        v.forEach(values::add);
        return new Parameter(n.asText(), List.copyOf(paths), List.copyOf(values));
    }

    /** The value index of each parameter at a point of the full factorial (the last parameter varies fastest). */
    public int[] indices(int point) {
        int[] index = new int[parameters.size()];
        int rest = point;
        for (int k = parameters.size() - 1; k >= 0; k--) {
            int size = parameters.get(k).values().size();
            index[k] = rest % size;
            rest /= size;
        }
        return index;
    }

    /** {@code name=value, ...} of a point. */
    public String label(int point) {
        int[] index = indices(point);
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < parameters.size(); k++) {
            parts.add(parameters.get(k).name() + "=" + parameters.get(k).values().get(index[k]));
        }
        return String.join(", ", parts);
    }

    /** The value of parameter k at a point, as JSON text. */
    public String value(int point, int k) {
        return parameters.get(k).values().get(indices(point)[k]).toString();
    }

    /** The resolved, validated scenario of a point (with the base's seed). */
    public Scenario scenario(int point) {
        return points.get(point);
    }

    public int points() {
        return points.size();
    }

    public Path file() {
        return file;
    }

    /** SHA-256 of the sweep file's bytes: a folder of another sweep is told apart by it. */
    public String sha256() {
        return sha256;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Path baseFile() {
        return baseFile;
    }

    public Scenario base() {
        return base;
    }

    public int replications() {
        return replications;
    }

    public String design() {
        return design;
    }

    public List<String> metrics() {
        return List.copyOf(metrics);
    }

    /** The point paired differences are taken against, or -1. */
    public int reference() {
        return reference;
    }

    public List<Parameter> parameters() {
        return List.copyOf(parameters);
    }
}
