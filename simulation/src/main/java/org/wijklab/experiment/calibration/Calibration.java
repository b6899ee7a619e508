package org.wijklab.experiment.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.wijklab.experiment.SweepMetrics;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;
import org.wijklab.scenario.Sweep;

/**
 * A calibration file (format in {@code scenarios/README.md}): a base scenario, parameters with
 * ranges in the sweep's syntax, targets (a run metric, an observed value, its standard error or
 * tolerance and its source), replications, a design seed and a method:
 *
 * <pre>
 * {"calibration": {"name": ..., "description": ..., "base": "city.json", "replications": 2, "seed": 1,
 *   "set": {PATH: VALUE}, "parameters": [ ...as in a sweep file... ],
 *   "targets": [{"metric": "city_single_share", "observed": 0.36, "sd": 0.02, "source": "CBS 37975, https://..."}],
 *   "method": {"name": "abc", "population": 100, "alpha": 0.5, "minAcceptance": 0.02, "maxGenerations": 8,
 *              "tolerances": [3, 2, 1]} | {"name": "nsga2", "population": 40, "generations": 20}}}
 * </pre>
 *
 * Loading checks every value before anything runs: the parameters and base as a sweep of the
 * cube's two corners, every target's metric (known, not NA in every run of the base, and never the
 * statistic of a validation pattern: the validation suite checks what was not fitted), and the
 * method's settings. A mistake is one {@link ScenarioException} naming the file and the field.
 */
public final class Calibration {
    /** The methods a calibration file may name. */
    public static final List<String> METHODS = List.of("abc", "nsga2");
    private static final Set<String> KEYS = Set.of("name", "description", "base", "replications", "seed", "set",
            "parameters", "targets", "method");
    private static final Set<String> TARGET_KEYS = Set.of("metric", "observed", "sd", "tolerance", "source");
    private static final Set<String> ABC_KEYS = Set.of("name", "population", "alpha", "minAcceptance", "maxGenerations",
            "tolerances");
    private static final Set<String> NSGA2_KEYS = Set.of("name", "population", "generations");

    /**
     * A target: a run metric's mean over the replications is compared with the observed value, in
     * units of {@code scale}, a standard error ({@code sd}) or a tolerance.
     */
    public record Target(String metric, double observed, double scale, boolean tolerance, String source) {
        /** The standardised deviation of a simulated mean: (simulated - observed) / scale. */
        public double deviation(double simulated) {
            return (simulated - observed) / scale;
        }

        /** The simulated mean a standardised deviation stands for. */
        public double simulated(double deviation) {
            return observed + deviation * scale;
        }
    }

    /**
     * The method's settings: ABC-SMC's population, the quantile alpha of the last distances that
     * sets the next tolerance, the acceptance rate below which it stops, the most generations and
     * an optional schedule of tolerances; NSGA-II's population and generations.
     */
    public record MethodSettings(String name, int population, double alpha, double minAcceptance, int maxGenerations,
            double[] tolerances, int generations) {
    }

    private final Path file;
    private final String sha256;
    private final String name;
    private final String description;
    private final Path baseFile;
    private final int replications;
    private final long seed;
    private final JsonNode set;
    private final JsonNode parametersNode;
    private final List<Sweep.Parameter> parameters;
    private final List<Target> targets;
    private final MethodSettings method;
    private final String baseSha256;

    private Calibration(Path file, String sha256, JsonNode c) {
        this.file = file;
        this.sha256 = sha256;
        String f = file.toString();
        for (Iterator<String> it = c.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new ScenarioException(f + ": calibration." + k + ": unknown field (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        name = text(c, "name", f);
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new ScenarioException(f + ": calibration.name: '" + name + "' may hold only letters, digits, '.', '_' and '-'");
        }
        description = c.has("description") ? text(c, "description", f) : "";
        text(c, "base", f);
        JsonNode s = c.get("seed");
        if (s == null || !s.isIntegralNumber() || s.asLong() < 0) {
            throw new ScenarioException(f + ": calibration.seed: " + (s == null ? "missing" : s + " is not a whole number of 0 or more")
                    + " (the seed of the method's proposals)");
        }
        seed = s.asLong();
        set = c.get("set");
        parametersNode = c.get("parameters");
        // the targets' metrics first: the sweep check below lists them as its metrics
        targets = targets(c.get("targets"), f);
        ObjectNode corners = sweepTree(c.get("base").asText(), c.get("replications"), List.of(corner(0.0), corner(1.0)), "corners");
        Sweep sweep = sweep(file, sha256, corners);
        baseFile = sweep.baseFile();
        replications = sweep.replications();
        parameters = sweep.parameters();
        baseSha256 = ScenarioLoader.sha256(sweep.base());
        for (int i = 0; i < targets.size(); i++) {
            String why = SweepMetrics.unavailable(targets.get(i).metric(), sweep.base());
            if (why != null) {
                throw new ScenarioException(f + ": calibration.targets[" + i + "].metric: '" + targets.get(i).metric()
                        + "' is NA in every run of the base (" + why + "); it cannot be a target");
            }
        }
        method = method(c.get("method"), f);
    }

    /** A corner of the cube: every coordinate u (before the parameters are known: one per listed parameter). */
    private double[] corner(double u) {
        double[] x = new double[parametersNode != null && parametersNode.isArray() ? Math.max(1, parametersNode.size()) : 1];
        java.util.Arrays.fill(x, u);
        return x;
    }

    /** Loads and checks a calibration file. */
    public static Calibration load(Path file) {
        String text = ScenarioLoader.read(file);
        JsonNode tree;
        try {
            tree = ScenarioLoader.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw ScenarioLoader.jsonError(file.toString(), e);
        }
        if (tree == null || !tree.isObject() || tree.size() != 1 || !tree.has("calibration")
                || !tree.get("calibration").isObject()) {
            throw new ScenarioException(file + ": a calibration file is an object with the single field \"calibration\"");
        }
        return new Calibration(file, ScenarioLoader.sha256(text), tree.get("calibration"));
    }

    /** Whether a JSON tree is a calibration file's (its only top-level field is "calibration"). */
    public static boolean isCalibration(JsonNode tree) {
        return tree != null && tree.isObject() && tree.size() == 1 && tree.has("calibration");
    }

    /**
     * The sweep file of a generation: the base (by its absolute path), replications, {@code set}
     * and parameters as given, the targets' metrics, and the points design listing the proposals.
     */
    public ObjectNode sweepFile(int generation, List<double[]> points) {
        ObjectNode root = ScenarioLoader.mapper().createObjectNode();
        root.set("sweep", sweepTree(baseFile.toString(), ScenarioLoader.mapper().valueToTree(replications), points,
                String.format("gen-%02d", generation)));
        ((ObjectNode) root.get("sweep")).put("description", "generation " + generation + " of calibration '" + name
                + "' (" + method.name() + "): the method's proposals as a points design");
        return root;
    }

    private ObjectNode sweepTree(String base, JsonNode reps, List<double[]> points, String suffix) {
        ObjectNode sw = ScenarioLoader.mapper().createObjectNode();
        sw.put("name", name + "-" + suffix);
        sw.put("base", base);
        if (reps != null) {
            sw.set("replications", reps);
        }
        sw.put("design", "points");
        ArrayNode ms = sw.putArray("metrics");
        targets.stream().map(Target::metric).forEach(ms::add);
        if (set != null) {
            sw.set("set", set);
        }
        if (parametersNode != null) {
            sw.set("parameters", parametersNode);
        }
        ArrayNode ps = sw.putArray("points");
        for (double[] p : points) {
            ArrayNode row = ps.addArray();
            for (double x : p) {
                row.add(x);
            }
        }
        return sw;
    }

    /** A sweep of these fields, its messages naming the calibration's fields. */
    private static Sweep sweep(Path file, String sha256, ObjectNode tree) {
        try {
            return Sweep.of(file, sha256, tree, SweepMetrics.names());
        } catch (ScenarioException e) {
            throw new ScenarioException(e.getMessage().replace(": sweep.", ": calibration."));
        }
    }

    /** The points as a sweep (to read each parameter's value at them), named as this calibration's. */
    public Sweep sweepOf(List<double[]> points) {
        return sweep(file, sha256, sweepTree(baseFile.toString(), ScenarioLoader.mapper().valueToTree(replications), points, "result"));
    }

    private static List<Target> targets(JsonNode ts, String f) {
        if (ts == null || !ts.isArray() || ts.isEmpty()) {
            throw new ScenarioException(f + ": calibration.targets: give a non-empty list of targets");
        }
        List<Target> out = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            String where = f + ": calibration.targets[" + i + "]";
            JsonNode t = ts.get(i);
            if (!t.isObject()) {
                throw new ScenarioException(where + ": a target is an object with metric, observed, sd or tolerance, and source");
            }
            for (Iterator<String> it = t.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (!TARGET_KEYS.contains(k)) {
                    throw new ScenarioException(where + "." + k + ": unknown field (known: metric, observed, sd, tolerance, source)");
                }
            }
            JsonNode m = t.get("metric");
            if (m == null || !m.isTextual() || !SweepMetrics.names().contains(m.asText())) {
                throw new ScenarioException(where + ".metric: " + (m == null ? "missing" : m + " is not a metric")
                        + " (known: " + String.join(", ", SweepMetrics.names()) + ")");
            }
            String metric = m.asText();
            String v = SweepMetrics.pattern(metric);
            if (v != null) {
                throw new ScenarioException(where + ".metric: '" + metric + "' is the statistic of validation pattern "
                        + v + "; calibration targets must be facts the validation suite does not check");
            }
            for (Target before : out) {
                if (before.metric().equals(metric)) {
                    throw new ScenarioException(where + ".metric: '" + metric + "' is a target twice");
                }
            }
            JsonNode o = t.get("observed");
            if (o == null || !o.isNumber() || !Double.isFinite(o.asDouble())) {
                throw new ScenarioException(where + ".observed: " + (o == null ? "missing" : o + " is not a number"));
            }
            if (t.has("sd") == t.has("tolerance")) {
                throw new ScenarioException(where + ": give either sd (a standard error) or tolerance");
            }
            String scaleField = t.has("sd") ? "sd" : "tolerance";
            JsonNode sc = t.get(scaleField);
            if (!sc.isNumber() || !(sc.asDouble() > 0) || !Double.isFinite(sc.asDouble())) {
                throw new ScenarioException(where + "." + scaleField + ": " + sc + " is not a positive number");
            }
            JsonNode src = t.get("source");
            if (src == null || !src.isTextual() || src.asText().isBlank()) {
                throw new ScenarioException(where + ".source: " + (src == null ? "missing" : src + " is not a non-empty text")
                        + "; every target names where its observed value comes from");
            }
            if (src.asText().chars().anyMatch(Character::isISOControl)) {
                throw new ScenarioException(where + ".source: holds a control character (a line break?); give one line");
            }
            out.add(new Target(metric, o.asDouble(), sc.asDouble(), !t.has("sd"), src.asText()));
        }
        return List.copyOf(out);
    }

    private static MethodSettings method(JsonNode m, String f) {
        String where = f + ": calibration.method";
        if (m == null || !m.isObject()) {
            throw new ScenarioException(where + ": " + (m == null ? "missing" : "not an object")
                    + " (e.g. {\"name\": \"abc\", \"population\": 100} or {\"name\": \"nsga2\", \"population\": 40, \"generations\": 20})");
        }
        JsonNode n = m.get("name");
        if (n == null || !n.isTextual() || !METHODS.contains(n.asText())) {
            throw new ScenarioException(where + ".name: " + (n == null ? "missing" : n + " is not a method")
                    + " (known: " + String.join(", ", METHODS) + ")");
        }
        String name = n.asText();
        Set<String> keys = name.equals("abc") ? ABC_KEYS : NSGA2_KEYS;
        for (Iterator<String> it = m.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new ScenarioException(where + "." + k + ": not a setting of " + name + " (known: "
                        + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
        int population = whole(m, "population", where, true, 4, 100_000, 0);
        if (name.equals("nsga2")) {
            int generations = whole(m, "generations", where, true, 1, 10_000, 0);
            return new MethodSettings(name, population, Double.NaN, Double.NaN, generations, new double[0], generations);
        }
        double alpha = fraction(m, "alpha", where, 0.5, false);
        double minAcceptance = fraction(m, "minAcceptance", where, 0.02, true);

        int maxGenerations = whole(m, "maxGenerations", where, false, 1, 1_000, 8);
        double[] tolerances = new double[0];
        if (m.has("tolerances")) {
            JsonNode t = m.get("tolerances");
            if (!t.isArray() || t.isEmpty()) {
                throw new ScenarioException(where + ".tolerances: a non-empty list of decreasing positive distances");
            }
            tolerances = new double[t.size()];
            for (int i = 0; i < t.size(); i++) {
                JsonNode x = t.get(i);
                if (!x.isNumber() || !(x.asDouble() > 0) || !Double.isFinite(x.asDouble())
                        || i > 0 && !(x.asDouble() < tolerances[i - 1])) {
                    throw new ScenarioException(where + ".tolerances[" + i + "]: " + x
                            + " is not a positive distance below the one before");
                }
                tolerances[i] = x.asDouble();
            }
            if (tolerances.length > maxGenerations) {
                throw new ScenarioException(where + ".tolerances: " + tolerances.length + " tolerances, more than the "
                        + maxGenerations + " generations of maxGenerations");
            }
        }
        if (tolerances.length == 0 && Math.floor(alpha * population) < 2) {
            throw new ScenarioException(where + ".alpha: " + alpha + " of a population of " + population + " keeps "
                    + "fewer than 2 particles a generation; give an alpha of at least " + 2.0 / population);
        }
        return new MethodSettings(name, population, alpha, minAcceptance, maxGenerations, tolerances, 0);
    }

    private static int whole(JsonNode m, String field, String where, boolean required, int min, int max, int otherwise) {
        JsonNode v = m.get(field);
        if (v == null) {
            if (required) {
                throw new ScenarioException(where + "." + field + ": missing");
            }
            return otherwise;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new ScenarioException(where + "." + field + ": " + v + " is not a whole number in [" + min + ", " + max + "]");
        }
        return v.asInt();
    }

    /** A number in (0, 1), or [0, 1) with {@code fromZero}. */
    private static double fraction(JsonNode m, String field, String where, double otherwise, boolean fromZero) {
        JsonNode v = m.get(field);
        if (v == null) {
            return otherwise;
        }
        double x = v.asDouble();
        if (!v.isNumber() || !(fromZero ? x >= 0 : x > 0) || !(x < 1)) {
            throw new ScenarioException(where + "." + field + ": " + v + " is not a number in " + (fromZero ? "[" : "(") + "0, 1)");
        }
        return x;
    }

    private static String text(JsonNode node, String field, String f) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new ScenarioException(f + ": calibration." + field + ": " + (v == null ? "missing" : v + " is not a non-empty text"));
        }
        return v.asText();
    }

    public Path file() {
        return file;
    }

    /** SHA-256 of the calibration file's bytes: a folder of another calibration is told apart by it. */
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

    /** SHA-256 of the resolved base scenario. */
    public String baseSha256() {
        return baseSha256;
    }

    public int replications() {
        return replications;
    }

    public long seed() {
        return seed;
    }

    public List<Sweep.Parameter> parameters() {
        return parameters;
    }

    public List<Target> targets() {
        return targets;
    }

    public MethodSettings method() {
        return method;
    }

    /** The calibration's fields as JSON, for the manifest. */
    public JsonNode parametersNode() {
        return parametersNode;
    }
}
