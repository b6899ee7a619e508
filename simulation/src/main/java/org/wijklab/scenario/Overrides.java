package org.wijklab.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameter overrides from the command line, {@code KEY=VALUE} with KEY a dotted path into the
 * resolved scenario (as {@code manifest.json} prints it), e.g. {@code policy.themes.synergy=0.5}.
 * A path step into an array is an index from 0 or {@code *} for every element
 * ({@code programmes.*.team.proximity=0.9}). VALUE is JSON (a number, {@code true}, a list
 * {@code [0.1,0.2]}, a quoted string) or else taken as a string. An override replaces one existing
 * field; the result is validated like a scenario file, and every mistake is a one-line
 * {@link ScenarioException} naming the override.
 */
public final class Overrides {
    private final List<String> keys = new ArrayList<>();
    private final List<JsonNode> values = new ArrayList<>();

    private Overrides() {
    }

    /** Parses {@code KEY=VALUE} strings (their syntax only; the paths are checked when applied). */
    public static Overrides parse(List<String> settings) {
        Overrides o = new Overrides();
        if (settings == null) {
            return o;
        }
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ScenarioException("--set " + s + ": expected KEY=VALUE, e.g. policy.themes.synergy=0.5");
            }
            String key = s.substring(0, eq).trim();
            String text = s.substring(eq + 1).trim();
            if (text.isEmpty()) {
                throw new ScenarioException("--set " + s + ": no value after '='");
            }
            for (String step : key.split("\\.", -1)) {
                if (step.isEmpty()) {
                    throw new ScenarioException("--set " + s + ": empty step in the path '" + key + "'");
                }
            }
            JsonNode value;
            try {
                value = ScenarioLoader.mapper().readTree(text);
            } catch (JsonProcessingException e) {
                value = null;
            }
            o.keys.add(key);
            o.values.add(value == null || value.isMissingNode() ? TextNode.valueOf(text) : value);
        }
        return o;
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
     * The scenario with every override applied, validated. A path through {@code *} of an empty
     * array changes nothing (so {@code programmes.*...} leaves a scenario without programmes alone).
     */
    public Scenario apply(Scenario scenario) {
        if (isEmpty()) {
            return scenario;
        }
        ObjectNode tree = (ObjectNode) ScenarioLoader.mapper().valueToTree(scenario);
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            set(tree, key.split("\\."), 0, "", values.get(i), key);
        }
        return ScenarioLoader.bindTree(tree, scenario.name() + " with --set " + String.join(" ", asStrings()));
    }

    private static void set(JsonNode node, String[] path, int at, String prefix, JsonNode value, String key) {
        String step = path[at];
        String here = prefix.isEmpty() ? step : prefix + "." + step;
        boolean last = at == path.length - 1;
        if (node instanceof ArrayNode array) {
            if (step.equals("*")) {
                for (int k = 0; k < array.size(); k++) {
                    into(array, k, path, at, here, value, key);
                }
                return;
            }
            int k;
            try {
                k = Integer.parseInt(step);
            } catch (NumberFormatException e) {
                throw new ScenarioException("--set " + key + ": '" + prefix + "' is a list; give an index (0-"
                        + (array.size() - 1) + ") or *, not '" + step + "'");
            }
            if (k < 0 || k >= array.size()) {
                throw new ScenarioException("--set " + key + ": '" + prefix + "' has " + array.size()
                        + " entries; index " + k + " is not one of them");
            }
            into(array, k, path, at, here, value, key);
        } else if (node instanceof ObjectNode object) {
            if (!object.has(step)) {
                List<String> known = new ArrayList<>();
                object.fieldNames().forEachRemaining(known::add);
                throw new ScenarioException("--set " + key + ": no field '" + step + "'"
                        + (prefix.isEmpty() ? "" : " in '" + prefix + "'") + " (known: " + String.join(", ", known) + ")");
            }
            if (last) {
                object.set(step, value);
            } else {
                set(object.get(step), path, at + 1, here, value, key);
            }
        } else {
            throw new ScenarioException("--set " + key + ": '" + prefix + "' is a value, it has no field '" + step + "'");
        }
    }

    private static void into(ArrayNode array, int k, String[] path, int at, String here, JsonNode value, String key) {
        if (at == path.length - 1) {
            array.set(k, value);
        } else {
            set(array.get(k), path, at + 1, here, value, key);
        }
    }
}
