package org.wijklab.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameter overrides from the command line, {@code KEY=VALUE} with KEY a path into the resolved
 * scenario ({@link ScenarioPath}: the same syntax as a sweep's paths), e.g.
 * {@code policy.help.skillFinding=0.5}, {@code programmes[*].team.proximity=0.9},
 * {@code city.neighbourhoods[name=Kanaalzone].socialRentShare=0.6}. VALUE is JSON (a number,
 * {@code true}, a list {@code [0.1,0.2]}, a quoted string) or else taken as a string. An override
 * replaces one existing field; the result is validated like a scenario file, and every mistake is a
 * one-line {@link ScenarioException} naming the override, also a path that matches nothing.
 */
public final class Overrides {
    private final List<String> keys = new ArrayList<>();
    private final List<ScenarioPath> paths = new ArrayList<>();
    private final List<JsonNode> values = new ArrayList<>();
    /** Whether a path that matches nothing in one scenario is allowed (checked across a set of scenarios instead). */
    private boolean lenient;

    private Overrides() {
    }

    /** Parses {@code KEY=VALUE} strings (their syntax only; the paths are checked when applied). */
    public static Overrides parse(List<String> settings) {
        Overrides o = new Overrides();
        if (settings == null) {
            return o;
        }
        for (String s : settings) {
            int eq = separator(s);
            if (eq <= 0) {
                throw new ScenarioException("--set " + s + ": expected KEY=VALUE, e.g. policy.help.skillFinding=0.5");
            }
            String key = s.substring(0, eq).trim();
            String text = s.substring(eq + 1).trim();
            if (text.isEmpty()) {
                throw new ScenarioException("--set " + s + ": no value after '='");
            }
            ScenarioPath path;
            try {
                path = ScenarioPath.parse(key);
            } catch (ScenarioException e) {
                throw new ScenarioException("--set " + s + ": " + e.getMessage());
            }
            JsonNode value;
            try {
                value = ScenarioLoader.mapper().readTree(text);
            } catch (JsonProcessingException e) {
                value = null;
            }
            o.keys.add(key);
            o.paths.add(path);
            o.values.add(value == null || value.isMissingNode() ? TextNode.valueOf(text) : value);
        }
        return o;
    }

    /** The '=' between KEY and VALUE: the first one outside brackets ({@code [name=X]} holds one). */
    private static int separator(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == '=' && depth == 0) {
                return i;
            }
        }
        // an unclosed '[': split at the first '=' and let the path say what is wrong
        return s.indexOf('=');
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The overrides as given, {@code KEY=VALUE} each (for manifests and reports). */
    public List<String> asStrings() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            out.add(keys.get(i) + "=" + values.get(i));
        }
        return out;
    }

    /**
     * The scenario with every override applied, validated. A path that matches nothing (through
     * {@code [*]} of an empty list, e.g. {@code programmes[*]...} on a scenario without programmes) is
     * a {@link ScenarioException} naming it, unless these overrides were checked {@link #across} a set
     * of scenarios: then it leaves that scenario alone.
     */
    public Scenario apply(Scenario scenario) {
        if (isEmpty()) {
            return scenario;
        }
        ObjectNode tree = (ObjectNode) ScenarioLoader.mapper().valueToTree(scenario);
        for (int i = 0; i < keys.size(); i++) {
            int n = paths.get(i).setCounting(tree, values.get(i), "--set " + keys.get(i));
            if (n == 0 && !lenient) {
                throw new ScenarioException("--set " + keys.get(i) + ": matches nothing in scenario '" + scenario.name()
                        + "' (an empty list on the way), so it would change nothing");
            }
        }
        return ScenarioLoader.bindTree(tree, scenario.name() + " with --set " + String.join(" ", asStrings()));
    }

    /**
     * These overrides for a set of scenarios (a study's, a validation's): each path must match
     * something in at least one of them, else a {@link ScenarioException} names it; the result
     * leaves a scenario in which a path matches nothing alone.
     */
    public Overrides across(List<Scenario> scenarios) {
        Overrides o = new Overrides();
        o.keys.addAll(keys);
        o.paths.addAll(paths);
        o.values.addAll(values);
        o.lenient = true;
        for (int i = 0; i < keys.size(); i++) {
            int n = 0;
            for (Scenario s : scenarios) {
                n += paths.get(i).setCounting(ScenarioLoader.mapper().valueToTree(s), values.get(i), "--set " + keys.get(i));
            }
            if (n == 0) {
                throw new ScenarioException("--set " + keys.get(i) + ": matches nothing in any of the "
                        + scenarios.size() + " scenarios (an empty list on the way), so it would change nothing");
            }
        }
        return o;
    }
}
