package org.wijklab.scenario;

import ec.util.MersenneTwisterFast;
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
 * A sweep file: a base scenario, values set for every run, parameters, a design that turns them
 * into points, and replications per point (seeds base seed + 0, 1, ...: the same at every point,
 * common random numbers). The format is in {@code scenarios/README.md}:
 *
 * <pre>
 * {"sweep": {"name": ..., "description": ..., "base": "krachtwijk.json", "replications": 10,
 *            "design": "grid" | "lhs" | "sobol" | "morris", "samples": N, "trajectories": R,
 *            "candidates": M, "levels": 4, "designSeed": S, "dummy": true, "metrics": [...], "reference": 0,
 *            "counterfactual": true,
 *            "set": {PATH: VALUE, ...},
 *            "parameters": [{"name": ..., "path": PATH | "paths": [PATH, ...],
 *                            "values": [...] | "range": [LOW, HIGH], "integer": true}]}}
 * </pre>
 *
 * A grid is the full factorial of the parameters' values (the last varies fastest); a Latin
 * hypercube ({@code lhs}) has {@code samples} points; {@code sobol} is Saltelli's scheme on a Sobol
 * sequence, {@code samples} × (parameters + 2) points, for first-order and total indices;
 * {@code morris} is {@code trajectories} × (parameters + 1) points on a grid of {@code levels}
 * levels, for elementary effects ({@link Designs}). Morris and Sobol designs get one more parameter
 * by default, the design-only {@code dummy} ({@code "dummy": false} leaves it out): it sets nothing
 * in the scenario, and its value picks the runs' random stream ({@link #stream}), so its index is
 * what the seed alone gives, the noise floor. Outside a grid a parameter is a range
 * (continuous, or of whole numbers) or a list of categories. Paths are {@link ScenarioPath}s into
 * the resolved base. Loading checks everything a run would meet, every point included, so a bad
 * sweep file is one {@link ScenarioException} naming the file and the field, before anything is
 * run or written. With {@code "counterfactual": true} every run has a twin: its scenario without
 * its programmes ({@link Scenario#withoutProgrammes}), on the same seed, run in the same work unit,
 * for the metrics of a run against its counterfactual (the leak); every point must then have a
 * programme.
 */
public final class Sweep {
    /** The designs a sweep file may name. */
    public static final List<String> DESIGNS = List.of("grid", "lhs", "sobol", "morris", "points");
    private static final Set<String> KEYS = Set.of("name", "description", "base", "replications", "design", "metrics",
            "reference", "set", "parameters", "samples", "trajectories", "candidates", "levels", "designSeed", "dummy", "points",
            "counterfactual");
    /** The name of the dummy parameter morris and sobol designs get by default. */
    public static final String DUMMY = "dummy";
    /**
     * Seeds of one dummy stream apart from the next: more than any number of replications (at most
     * 10,000), so no two runs of different streams share a seed.
     */
    public static final long STREAM_STRIDE = 10_000;
    private static final Set<String> PARAMETER_KEYS = Set.of("name", "path", "paths", "values", "range", "integer");

    /**
     * One parameter: its name (a column of the results), the paths it sets together, and either a
     * list of values (a grid's levels, or categories another design picks from) or a range
     * [low, high], continuous or of whole numbers.
     */
    public record Parameter(String name, List<ScenarioPath> paths, List<JsonNode> values, double low, double high,
            boolean integer) {
        /**
         * Whether the parameter belongs to the design only (the dummy): it sets nothing in the
         * scenario, so the model never reads it; its value picks the run's random stream.
         */
        public boolean designOnly() {
            return paths.isEmpty();
        }

        /** Whether the parameter is a range rather than a list of values. */
        public boolean isRange() {
            return values == null;
        }

        /**
         * The value at coordinate u of the unit cube: u in [0, 1) for a Latin hypercube or a Sobol
         * design (n values or whole numbers each take an n-th of [0, 1)), or, with {@code levels} > 0,
         * level l = u (p - 1) of a Morris grid of p levels, which maps exactly (in whole numbers, not
         * by rounding u) to value round(l (n - 1) / (p - 1)) of n: the first level to the first value,
         * the last to the last, and, with n at most p, every value reached.
         */
        JsonNode at(double u, int levels) {
            if (levels > 0) {
                long level = Math.round(u * (levels - 1));
                if (values != null) {
                    return values.get((int) onGrid(level, values.size() - 1, levels));
                }
                if (integer) {
                    long lo = (long) low;
                    return com.fasterxml.jackson.databind.node.LongNode.valueOf(lo + onGrid(level, (long) high - lo, levels));
                }
                return com.fasterxml.jackson.databind.node.DoubleNode.valueOf(low + level * (high - low) / (levels - 1));
            }
            if (values != null) {
                return values.get(Math.min(values.size() - 1, (int) Math.floor(u * values.size())));
            }
            if (integer) {
                long lo = (long) low;
                long span = (long) high - lo;
                return com.fasterxml.jackson.databind.node.LongNode.valueOf(lo + Math.min(span, (long) Math.floor(u * (span + 1))));
            }
            return com.fasterxml.jackson.databind.node.DoubleNode.valueOf(low + u * (high - low));
        }

        /** round(level span / (levels - 1)), halves up, in whole numbers. */
        private static long onGrid(long level, long span, int levels) {
            return (2 * level * span + (levels - 1)) / (2L * (levels - 1));
        }

        /**
         * Where a value lies on the parameter's scale, in [0, 1]: (value - low) / (high - low) for a
         * range; for a list of numbers the same over its smallest and largest; for other values
         * (categories) the value's place in the list over the list's last place. Morris's elementary
         * effects are divided by its change, the change the runs saw.
         */
        double scaled(JsonNode value) {
            if (values == null) {
                return (value.asDouble() - low) / (high - low);
            }
            boolean numbers = values.stream().allMatch(JsonNode::isNumber);
            double min = values.stream().mapToDouble(JsonNode::asDouble).min().orElse(0);
            double max = values.stream().mapToDouble(JsonNode::asDouble).max().orElse(0);
            if (numbers && max > min) {
                return (value.asDouble() - min) / (max - min);
            }
            return values.size() == 1 ? 0.0 : values.indexOf(value) / (double) (values.size() - 1);
        }
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
    private final boolean counterfactual;
    private final Map<ScenarioPath, JsonNode> set;
    private final List<Parameter> parameters;
    /** The design's points in the unit cube (null for a grid, whose points are its values' indices). */
    private final double[][] unit;
    private final int pointCount;
    private final int samples;
    private final int trajectories;
    private final int levels;
    /** Candidate trajectories a morris design keeps its {@code trajectories} from (0: no selection). */
    private final int candidates;
    private final ObjectNode resolved;
    /** Each point's random stream: the index of its dummy value among the design's (0 without a dummy). */
    private final int[] stream;

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
        Check.name(f + ": sweep.name", name, true);
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
                if (x.isTextual()) {
                    Check.name(f + ": sweep.metrics[" + metrics.size() + "]", x.asText(), true);
                }
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
        JsonNode cf = sweep.get("counterfactual");
        if (cf != null && !cf.isBoolean()) {
            throw new ScenarioException(f + ": sweep.counterfactual: " + cf + " is not true or false");
        }
        counterfactual = cf != null && cf.asBoolean();
        baseFile = file.toAbsolutePath().resolveSibling(text(sweep, "base", f));
        if (!Files.isRegularFile(baseFile)) {
            throw new ScenarioException(f + ": sweep.base: " + sweep.get("base").asText() + ": no such file beside the sweep file");
        }
        String baseText = ScenarioLoader.read(baseFile);
        try {
            if (isSweep(ScenarioLoader.mapper().readTree(baseText))) {
                throw new ScenarioException(f + ": sweep.base: " + sweep.get("base").asText()
                        + " is a sweep file, not a scenario; give the scenario the sweep varies");
            }
        } catch (JsonProcessingException e) {
            // not JSON: the scenario's loader says where
        }
        base = ScenarioLoader.fromJson(baseText, baseFile.toString());
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
        samples = whole(sweep, "samples", f, design.equals("lhs") || design.equals("sobol"), 2, 100_000);
        if (design.equals("sobol") && samples < Designs.SOBOL_MIN_SAMPLES) {
            throw new ScenarioException(f + ": sweep.samples: " + samples + " is below the minimum "
                    + Designs.SOBOL_MIN_SAMPLES + " of a sobol design (with fewer base rows the indices and their "
                    + "bootstrap intervals cannot be estimated; a power of two, e.g. 64, is best)");
        }
        if (design.equals("sobol") && Integer.bitCount(samples) != 1) {
            throw new ScenarioException(f + ": sweep.samples: " + samples + " is not a power of two; a sobol design's "
                    + "scrambled Sobol sequence is balanced only on 2^m base rows (e.g. " + Integer.highestOneBit(samples)
                    + " or " + 2 * Integer.highestOneBit(samples) + ")");
        }
        trajectories = whole(sweep, "trajectories", f, design.equals("morris"), 2, 100_000);
        candidates = whole(sweep, "candidates", f, false, 3, 500);
        if (sweep.has("candidates") && !design.equals("morris")) {
            throw new ScenarioException(f + ": sweep.candidates: only a morris design selects its trajectories from candidates");
        }
        if (sweep.has("candidates") && candidates <= trajectories) {
            throw new ScenarioException(f + ": sweep.candidates: " + candidates + " is not more than the "
                    + trajectories + " trajectories kept from them");
        }
        levels = sweep.has("levels") ? whole(sweep, "levels", f, false, 2, 100) : 4;
        if (sweep.has("levels") && !design.equals("morris")) {
            throw new ScenarioException(f + ": sweep.levels: only a morris design has levels");
        }
        if (levels % 2 != 0) {
            throw new ScenarioException(f + ": sweep.levels: " + levels + " is odd; Morris's grid needs an even number");
        }
        if (design.equals("morris")) {
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                if (!p.isRange() && p.values().size() > levels) {
                    throw new ScenarioException(f + ": sweep.parameters[" + i + "]: '" + p.name() + "' has "
                            + p.values().size() + " values, but a morris grid of " + levels + " levels reaches only "
                            + levels + " of them; give an even number of levels of at least " + p.values().size()
                            + " or fewer values");
                }
            }
        }
        long seed = base.seed();
        if (sweep.has("designSeed")) {
            JsonNode ds = sweep.get("designSeed");
            if (!ds.isIntegralNumber() || ds.asLong() < 0) {
                throw new ScenarioException(f + ": sweep.designSeed: " + ds + " is not a whole number of 0 or more");
            }
            seed = ds.asLong();
        }
        boolean dummy = design.equals("morris") || design.equals("sobol");
        if (sweep.has("dummy")) {
            JsonNode d = sweep.get("dummy");
            if (!d.isBoolean()) {
                throw new ScenarioException(f + ": sweep.dummy: " + d + " is not true or false");
            }
            if (d.asBoolean() && !dummy) {
                throw new ScenarioException(f + ": sweep.dummy: only a morris or sobol design has a dummy parameter");
            }
            dummy = d.asBoolean();
        }
        if (dummy) {
            for (int i = 0; i < parameters.size(); i++) {
                if (parameters.get(i).name().equals(DUMMY)) {
                    throw new ScenarioException(f + ": sweep.parameters[" + i + "].name: '" + DUMMY + "' is the name of the "
                            + "design's dummy parameter; rename this one or set \"dummy\": false");
                }
            }
            // design-only: no path, so the model never reads it; a range [0, 1]
            parameters.add(new Parameter(DUMMY, List.of(), null, 0, 1, false));
        }
        int k = parameters.size();
        double[][] explicit = explicitPoints(sweep, f, k);
        long count;
        switch (design) {
            case "grid" -> {
                count = 1;
                for (int i = 0; i < k; i++) {
                    if (parameters.get(i).isRange()) {
                        throw new ScenarioException(f + ": sweep.parameters[" + i + "]: a grid needs values, not a range");
                    }
                    count *= parameters.get(i).values().size();
                    if (count > 1_000_000) {
                        throw new ScenarioException(f + ": sweep.parameters: more than 1,000,000 points");
                    }
                }
            }
            case "lhs" -> count = samples;
            case "points" -> count = explicit.length;
            case "sobol" -> count = (long) samples * (k + 2);
            default -> count = (long) trajectories * (k + 1);
        }
        if (count > 1_000_000) {
            throw new ScenarioException(f + ": sweep: the " + design + " design has " + count + " points, more than 1,000,000");
        }
        pointCount = (int) count;
        MersenneTwisterFast random = new MersenneTwisterFast(new int[] {(int) seed, (int) (seed >>> 32), 0x44455349});
        unit = switch (design) {
            case "lhs" -> Designs.latinHypercube(samples, k, random);
            case "sobol" -> Designs.saltelli(samples, k, random);
            case "points" -> explicit;
            case "morris" -> candidates > 0 ? Designs.morrisSelected(trajectories, candidates, k, levels, random)
                    : Designs.morris(trajectories, k, levels, random);
            default -> null;
        };
        JsonNode ref = sweep.get("reference");
        if (ref != null && (!ref.isIntegralNumber() || ref.asLong() < 0 || ref.asLong() >= count)) {
            throw new ScenarioException(f + ": sweep.reference: " + ref + " is not a point (0-" + (count - 1) + ")");
        }
        reference = ref == null ? -1 : ref.asInt();
        stream = new int[pointCount];
        if (dummy) {
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (int point = 0; point < pointCount; point++) {
                stream[point] = seen.computeIfAbsent(value(point, k - 1), v -> seen.size());
            }
        }
        resolved = (ObjectNode) ScenarioLoader.mapper().valueToTree(base);
        for (Map.Entry<ScenarioPath, JsonNode> e : set.entrySet()) {
            e.getKey().set(resolved, e.getValue(), f + ": sweep.set." + e.getKey());
        }
        // every point resolves and validates before anything runs
        for (int point = 0; point < pointCount; point++) {
            Scenario sc = scenario(point);
            if (counterfactual && sc.programmes().isEmpty()) {
                throw new ScenarioException(f + ": sweep.counterfactual: " + (base.programmes().isEmpty()
                        ? "the base scenario " + baseFile.getFileName() : "point " + point + " (" + label(point) + ")")
                        + " has no programme, so its twin without programmes would be the same run; give a base "
                        + "with a programme or leave counterfactual out");
            }
        }
        refuseOverlaps(f);
    }

    /**
     * Refuses a value that would never be applied: two parameters that set one place of the
     * scenario, or one inside the other's (the second's value wins, the first's column would show
     * values no run had), and a {@code set} path that a later {@code set} path or a parameter sets over.
     */
    private void refuseOverlaps(String f) {
        List<String> owners = new ArrayList<>();
        List<String> places = new ArrayList<>();
        List<Boolean> isSet = new ArrayList<>();
        for (ScenarioPath p : set.keySet()) {
            for (String place : p.locations(resolved)) {
                owners.add("sweep.set." + p);
                places.add(place);
                isSet.add(true);
            }
        }
        for (int k = 0; k < parameters.size(); k++) {
            for (ScenarioPath p : parameters.get(k).paths()) {
                for (String place : p.locations(resolved)) {
                    owners.add("sweep.parameters[" + k + "] '" + parameters.get(k).name() + "' (" + p + ")");
                    places.add(place);
                    isSet.add(false);
                }
            }
        }
        for (int j = 0; j < places.size(); j++) {
            for (int i = 0; i < j; i++) {
                if (owners.get(i).equals(owners.get(j))) {
                    continue;
                }
                String a = places.get(i);
                String b = places.get(j);
                boolean clash = isSet.get(i)
                        // a set value is lost where a later one sets the same place or what holds it
                        ? a.equals(b) || ScenarioPath.inside(a, b)
                        : ScenarioPath.overlap(a, b) && !isSet.get(j) && !sameParameter(owners.get(i), owners.get(j));
                if (clash) {
                    throw new ScenarioException(f + ": " + owners.get(j) + " sets " + b + ", which "
                            + (a.equals(b) ? "" : ScenarioPath.inside(a, b) ? "holds " + a + ", which " : "lies inside " + a + ", which ")
                            + owners.get(i) + " sets too; a value set over by another is never applied: set each place once");
                }
            }
        }
    }

    /**
     * A points design's list of unit-cube coordinates (one number in [0, 1] per parameter each), as
     * a calibration writes each generation's proposals; null for other designs, which may not have it.
     */
    private double[][] explicitPoints(JsonNode sweep, String f, int k) {
        JsonNode ps = sweep.get("points");
        if (!design.equals("points")) {
            if (ps != null) {
                throw new ScenarioException(f + ": sweep.points: only a points design lists its points");
            }
            return null;
        }
        if (ps == null || !ps.isArray() || ps.isEmpty() || ps.size() > 1_000_000) {
            throw new ScenarioException(f + ": sweep.points: " + (ps == null ? "missing" : "not")
                    + " a non-empty list of points (each a list of " + k + " unit-cube coordinates in [0, 1])");
        }
        double[][] out = new double[ps.size()][k];
        for (int i = 0; i < ps.size(); i++) {
            JsonNode row = ps.get(i);
            if (!row.isArray() || row.size() != k) {
                throw new ScenarioException(f + ": sweep.points[" + i + "]: " + row + " is not a list of " + k
                        + " coordinates (one per parameter)");
            }
            for (int q = 0; q < k; q++) {
                JsonNode x = row.get(q);
                if (!x.isNumber() || !(x.asDouble() >= 0 && x.asDouble() <= 1)) {
                    throw new ScenarioException(f + ": sweep.points[" + i + "][" + q + "]: " + x + " is not a number in [0, 1]");
                }
                out[i][q] = x.asDouble();
            }
        }
        return out;
    }

    private static boolean sameParameter(String a, String b) {
        return a.substring(0, a.indexOf(']')).equals(b.substring(0, b.indexOf(']')));
    }

    private static int whole(JsonNode sweep, String field, String f, boolean required, int min, int max) {
        JsonNode v = sweep.get(field);
        if (v == null) {
            if (required) {
                throw new ScenarioException(f + ": sweep." + field + ": missing (this design needs it)");
            }
            return 0;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new ScenarioException(f + ": sweep." + field + ": " + v + " is not a whole number in [" + min + ", " + max + "]");
        }
        return v.asInt();
    }

    /** Loads and checks a sweep file against the metrics a run can report. */
    public static Sweep load(Path file, List<String> knownMetrics) {
        String text = ScenarioLoader.read(file);
        JsonNode tree;
        try {
            tree = ScenarioLoader.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw ScenarioLoader.jsonError(file.toString(), e);
        }
        if (tree != null && tree.isObject() && !tree.has("sweep") && isScenario(text)) {
            throw new ScenarioException(file + ": is a scenario, not a sweep file (a sweep file is an object with the single "
                    + "field \"sweep\", whose base names a scenario); run a scenario with 'wijklab run'");
        }
        if (tree == null || !tree.isObject() || tree.size() != 1 || !tree.has("sweep") || !tree.get("sweep").isObject()) {
            throw new ScenarioException(file + ": a sweep file is an object with the single field \"sweep\"");
        }
        return new Sweep(file, ScenarioLoader.sha256(text), tree.get("sweep"), knownMetrics);
    }

    /**
     * A sweep from the fields of a sweep object held in another file (a calibration's parameters,
     * base and replications, with a points design), checked as a sweep file's are; its messages
     * name {@code file} and the fields as {@code sweep.*}.
     */
    public static Sweep of(Path file, String sha256, JsonNode sweep, List<String> knownMetrics) {
        return new Sweep(file, sha256, sweep, knownMetrics);
    }

    /** Whether a text is a valid scenario. */
    private static boolean isScenario(String text) {
        try {
            ScenarioLoader.fromJson(text, "scenario");
            return true;
        } catch (ScenarioException e) {
            return false;
        }
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
        Check.name(where, text, false);
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
        if (n != null && n.isTextual()) {
            Check.name(where + ".name", n.asText(), true);
        }
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
        if (p.has("values") == p.has("range")) {
            throw new ScenarioException(where + ": give either values or range");
        }
        if (p.has("range")) {
            JsonNode r = p.get("range");
            if (!r.isArray() || r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber()
                    || !(r.get(0).asDouble() < r.get(1).asDouble())) {
                throw new ScenarioException(where + ".range: " + r + " is not [low, high] with low below high");
            }
            boolean integer = p.has("integer") && p.get("integer").asBoolean();
            if (p.has("integer") && !p.get("integer").isBoolean()) {
                throw new ScenarioException(where + ".integer: true or false");
            }
            if (integer && (r.get(0).asDouble() != Math.rint(r.get(0).asDouble())
                    || r.get(1).asDouble() != Math.rint(r.get(1).asDouble()))) {
                throw new ScenarioException(where + ".range: " + r + " is not a range of whole numbers");
            }
            return new Parameter(n.asText(), List.copyOf(paths), null, r.get(0).asDouble(), r.get(1).asDouble(), integer);
        }
        if (p.has("integer")) {
            throw new ScenarioException(where + ".integer: only a range is of whole numbers");
        }
        JsonNode v = p.get("values");
        if (!v.isArray() || v.isEmpty()) {
            throw new ScenarioException(where + ".values: give a non-empty list of values");
        }
        List<JsonNode> values = new ArrayList<>();
        v.forEach(values::add);
        return new Parameter(n.asText(), List.copyOf(paths), List.copyOf(values), 0, 0, false);
    }

    /** The value index of each parameter at a point of the full factorial (the last parameter varies fastest). */
    private int[] indices(int point) {
        int[] index = new int[parameters.size()];
        int rest = point;
        for (int k = parameters.size() - 1; k >= 0; k--) {
            int size = parameters.get(k).values().size();
            index[k] = rest % size;
            rest /= size;
        }
        return index;
    }

    /** The value of parameter k at a point. */
    public JsonNode valueNode(int point, int k) {
        if (unit == null) {
            return parameters.get(k).values().get(indices(point)[k]);
        }
        return parameters.get(k).at(unit[point][k], design.equals("morris") ? levels : 0);
    }

    /**
     * A point's values on each parameter's scale, in [0, 1] ({@link Parameter#scaled}): where the
     * unit-cube coordinates say which parameter a Morris step moves, these say by how much its value moved.
     */
    public double[] scaled(int point) {
        double[] x = new double[parameters.size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = parameters.get(k).scaled(valueNode(point, k));
        }
        return x;
    }

    /** The value of parameter k at a point, as JSON text. */
    public String value(int point, int k) {
        return valueNode(point, k).toString();
    }

    /** A point's coordinates in the unit cube (a grid's: each value's index over its count's last). */
    public double[] unit(int point) {
        if (unit != null) {
            return unit[point].clone();
        }
        int[] index = indices(point);
        double[] u = new double[index.length];
        for (int k = 0; k < u.length; k++) {
            int n = parameters.get(k).values().size();
            u[k] = n == 1 ? 0.0 : index[k] / (double) (n - 1);
        }
        return u;
    }

    /** {@code name=value, ...} of a point. */
    public String label(int point) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < parameters.size(); k++) {
            parts.add(parameters.get(k).name() + "=" + value(point, k));
        }
        return String.join(", ", parts);
    }

    /** The resolved, validated scenario of a point (with the base's seed). */
    public Scenario scenario(int point) {
        ObjectNode tree = resolved.deepCopy();
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            JsonNode value = valueNode(point, k);
            for (ScenarioPath path : p.paths()) {
                path.set(tree, value, file + ": sweep.parameters[" + k + "] " + path);
            }
        }
        try {
            return ScenarioLoader.bindTree(tree, "point " + point + " (" + label(point) + ")");
        } catch (ScenarioException e) {
            throw new ScenarioException(file + ": " + e.getMessage());
        }
    }

    public int points() {
        return pointCount;
    }

    /**
     * A point's random stream: with the dummy, the index of its dummy value among the design's
     * (first seen first), so points with one dummy value share seeds and a step in the dummy changes
     * the stream alone; 0 at every point without a dummy.
     */
    public int stream(int point) {
        return stream[point];
    }

    /** Whether the design has the dummy parameter (its last parameter). */
    public boolean hasDummy() {
        return !parameters.isEmpty() && parameters.get(parameters.size() - 1).designOnly();
    }

    /** Base samples of an lhs or sobol design (0 otherwise). */
    public int samples() {
        return samples;
    }

    /** Trajectories of a morris design (0 otherwise). */
    public int trajectories() {
        return trajectories;
    }

    /** Candidate trajectories of a morris design with Campolongo's selection (0 otherwise). */
    public int candidates() {
        return candidates;
    }

    /** Grid levels of a morris design. */
    public int levels() {
        return levels;
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

    /**
     * Whether every run has a counterfactual twin (the same scenario without its programmes, the same
     * seed) for the paired metrics.
     */
    public boolean counterfactual() {
        return counterfactual;
    }

    /** The point paired differences are taken against, or -1. */
    public int reference() {
        return reference;
    }

    public List<Parameter> parameters() {
        return List.copyOf(parameters);
    }
}
