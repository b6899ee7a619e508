package org.wijklab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A path to a parameter of a resolved scenario, the one syntax of {@code --set}, of a sweep's
 * {@code set} and of its {@code parameters}: field names joined by dots, and for lists a step in
 * brackets: {@code [i]} the i-th element (from 0), {@code [*]} every element, {@code [name=X]} the
 * element whose {@code name} is X. For example {@code programmes[0].team.areaResidents},
 * {@code city.neighbourhoods[name=Kanaalzone].socialRentShare}, {@code programmes[*].team.proximity}.
 * The older dotted form of a list step ({@code programmes.0.x}, {@code programmes.*.x}) means the
 * same. Parsing checks the syntax; {@link #set} checks the path against a scenario's tree and names
 * what exists where it fails, in one line.
 */
public final class ScenarioPath {
    /** One step: a field, an index, every element, or the element with a name. */
    private record Step(String field, int index, boolean all, String name) {
        String text() {
            if (field != null) {
                return field;
            }
            if (all) {
                return "[*]";
            }
            return name != null ? "[name=" + name + "]" : "[" + index + "]";
        }
    }

    private final String text;
    private final List<Step> steps;

    private ScenarioPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** Parses a path; a malformed one is a {@link ScenarioException} naming it. */
    public static ScenarioPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ScenarioException("path: empty");
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        int n = text.length();
        boolean needDot = false;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw bad(text, "'[' at " + (i + 1) + " is not closed");
                }
                steps.add(bracket(text, text.substring(i + 1, close)));
                i = close + 1;
                needDot = true;
                continue;
            }
            if (needDot) {
                if (c != '.') {
                    throw bad(text, "expected '.' or '[' at " + (i + 1));
                }
                i++;
                if (i == n) {
                    throw bad(text, "ends with '.'");
                }
                c = text.charAt(i);
            }
            int start = i;
            while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                i++;
            }
            String word = text.substring(start, i);
            if (word.isEmpty()) {
                throw bad(text, "an empty step at " + (start + 1));
            }
            if (word.equals("*")) {
                steps.add(new Step(null, -1, true, null));
            } else if (word.chars().allMatch(Character::isDigit)) {
                steps.add(new Step(null, index(text, word), false, null));
            } else if (isName(word)) {
                steps.add(new Step(word, -1, false, null));
            } else {
                throw bad(text, "'" + word + "' is not a field name");
            }
            needDot = true;
        }
        if (steps.isEmpty() || steps.get(0).field() == null) {
            throw bad(text, "must start with a field name");
        }
        return new ScenarioPath(text, List.copyOf(steps));
    }

    private static Step bracket(String text, String inside) {
        if (inside.equals("*")) {
            return new Step(null, -1, true, null);
        }
        if (inside.startsWith("name=")) {
            String name = inside.substring(5);
            if (name.isEmpty()) {
                throw bad(text, "[name=] without a name");
            }
            return new Step(null, -1, false, name);
        }
        if (!inside.isEmpty() && inside.chars().allMatch(Character::isDigit)) {
            return new Step(null, index(text, inside), false, null);
        }
        throw bad(text, "[" + inside + "] is not an index, [*] or [name=X]");
    }

    private static int index(String text, String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw bad(text, "index " + digits + " is too large");
        }
    }

    private static boolean isName(String word) {
        if (!Character.isLetter(word.charAt(0)) && word.charAt(0) != '_') {
            return false;
        }
        return word.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_');
    }

    private static ScenarioException bad(String text, String why) {
        return new ScenarioException("path " + text + ": " + why);
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Replaces what the path names in a scenario tree with {@code value}; {@code [*]} sets every
     * element (of an empty list: nothing). A step that names nothing is a {@link ScenarioException}
     * that starts with {@code where} (which should name the path) and says what exists there.
     */
    public void set(JsonNode tree, JsonNode value, String where) {
        set(tree, 0, "", value, where);
    }

    /** Like {@link #set}, and returns how many values were replaced (0 for {@code [*]} of an empty list). */
    public int setCounting(JsonNode tree, JsonNode value, String where) {
        return set(tree, 0, "", value, where);
    }

    /**
     * The places the path names in a tree, each as a path of field names and indices only
     * ({@code programmes[0].team.proximity}), so that two paths that name one place, or one inside
     * the other, are told by comparing texts. A step that names nothing ends its place there, with
     * the rest of the path as written.
     */
    public List<String> locations(JsonNode tree) {
        List<String> out = new ArrayList<>();
        locations(tree, 0, "", out);
        return out;
    }

    private void locations(JsonNode node, int at, String prefix, List<String> out) {
        if (at == steps.size()) {
            out.add(prefix);
            return;
        }
        Step step = steps.get(at);
        if (step.field() != null) {
            String here = prefix.isEmpty() ? step.field() : prefix + "." + step.field();
            JsonNode next = node instanceof ObjectNode o ? o.get(step.field()) : null;
            if (next == null) {
                out.add(here + rest(at + 1));
                return;
            }
            locations(next, at + 1, here, out);
            return;
        }
        if (!(node instanceof ArrayNode array)) {
            out.add(prefix + rest(at));
            return;
        }
        for (int k = 0; k < array.size(); k++) {
            JsonNode name = array.get(k).path("name");
            if (step.all() || step.name() == null && step.index() == k
                    || step.name() != null && name.isTextual() && name.asText().equals(step.name())) {
                locations(array.get(k), at + 1, prefix + "[" + k + "]", out);
                if (step.name() != null) {
                    return;
                }
            }
        }
        if (!step.all() && (step.name() != null || step.index() >= array.size())) {
            out.add(prefix + rest(at));
        }
    }

    /** The steps from at on as text. */
    private String rest(int at) {
        StringBuilder b = new StringBuilder();
        for (int k = at; k < steps.size(); k++) {
            Step s = steps.get(k);
            b.append(s.field() != null ? "." : "").append(s.text());
        }
        return b.toString();
    }

    /** Whether two places from {@link #locations} are one, or one lies inside the other. */
    public static boolean overlap(String a, String b) {
        return a.equals(b) || inside(a, b) || inside(b, a);
    }

    /** Whether place a lies inside place b (b names an object or list that holds a). */
    public static boolean inside(String a, String b) {
        return a.length() > b.length() && a.startsWith(b) && (a.charAt(b.length()) == '.' || a.charAt(b.length()) == '[');
    }

    private int set(JsonNode node, int at, String prefix, JsonNode value, String where) {
        Step step = steps.get(at);
        boolean last = at == steps.size() - 1;
        String here = prefix.isEmpty() ? step.text() : step.field() != null ? prefix + "." + step.text() : prefix + step.text();
        if (step.field() != null) {
            if (node instanceof ArrayNode array) {
                throw fail(where, "'" + prefix + "' is a list of " + array.size() + "; give [i] (0-" + (array.size() - 1)
                        + "), [*] or [name=X], not '" + step.field() + "'");
            }
            if (!(node instanceof ObjectNode object)) {
                throw fail(where, "'" + prefix + "' is " + kind(node) + ", it has no field '" + step.field() + "'");
            }
            if (!object.has(step.field())) {
                String removed = ScenarioLoader.removedAt(prefix, step.field());
                if (removed != null) {
                    throw fail(where, "'" + step.field() + "' in '" + prefix + "' was removed: " + removed);
                }
                List<String> known = new ArrayList<>();
                object.fieldNames().forEachRemaining(known::add);
                throw fail(where, "no field '" + step.field() + "'" + (prefix.isEmpty() ? "" : " in '" + prefix + "'")
                        + " (known: " + String.join(", ", known) + ")");
            }
            if (last) {
                object.set(step.field(), value);
                return 1;
            }
            return set(object.get(step.field()), at + 1, here, value, where);
        }
        if (!(node instanceof ArrayNode array)) {
            throw fail(where, "'" + prefix + "' is " + kind(node) + ", not a list: " + step.text() + " names nothing");
        }
        if (step.all()) {
            int n = 0;
            for (int k = 0; k < array.size(); k++) {
                n += into(array, k, at, here, value, where);
            }
            return n;
        }
        if (step.name() != null) {
            List<String> names = new ArrayList<>();
            for (int k = 0; k < array.size(); k++) {
                JsonNode name = array.get(k).path("name");
                if (name.isTextual() && name.asText().equals(step.name())) {
                    return into(array, k, at, here, value, where);
                }
                names.add(name.isTextual() ? name.asText() : "#" + k);
            }
            throw fail(where, "'" + prefix + "' has no element named " + step.name() + " (names: "
                    + String.join(", ", names) + ")");
        }
        if (step.index() >= array.size()) {
            throw fail(where, "'" + prefix + "' has " + array.size() + " entries; index " + step.index()
                    + " is not one of them" + (array.isEmpty() ? "" : " (0-" + (array.size() - 1) + ")"));
        }
        return into(array, step.index(), at, here, value, where);
    }

    private int into(ArrayNode array, int k, int at, String here, JsonNode value, String where) {
        if (at == steps.size() - 1) {
            array.set(k, value);
            return 1;
        }
        return set(array.get(k), at + 1, here, value, where);
    }

    private static ScenarioException fail(String where, String what) {
        return new ScenarioException(where + ": " + what);
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "a value (" + node + ")";
    }
}
