package org.wijklab.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the parameter table of {@code docs/ODD.md} in step with the embedded default scenario
 * ({@code defaults.json}). Every leaf of the defaults must have a table row whose first cell names
 * it in backticks; for a value outside {@code city.neighbourhoods} the row's value cell (the second
 * cell) must hold exactly that value, so that a changed default fails here until the ODD is
 * updated. For the per-neighbourhood fields the value cell holds the range over the default
 * neighbourhoods (numbers: lowest and highest; names: every name). In the other direction, every
 * backticked dotted path in a table row that starts with a section of the defaults must exist
 * there, so that rows for removed or renamed parameters fail too.
 */
class OddParameterTableTest {

    private static final String DEFAULTS = "/org/wijklab/scenario/defaults.json";
    private static final String NEIGHBOURHOODS = "city.neighbourhoods";
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?(?![\\w.])");

    /** Leaf path to its node; per-neighbourhood fields map to the array of their values. */
    private static final Map<String, JsonNode> LEAVES = new LinkedHashMap<>();
    private static final Set<String> PER_NEIGHBOURHOOD = new LinkedHashSet<>();
    /** Leaves and the objects above them: what a backticked path in the table may name. */
    private static final Set<String> KNOWN_PATHS = new LinkedHashSet<>();
    private static final Set<String> SECTIONS = new LinkedHashSet<>();
    private static List<List<String>> rows;

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode root;
        try (InputStream in = OddParameterTableTest.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + DEFAULTS + " not found");
            }
            root = mapper.readTree(in);
        }
        LEAVES.clear();
        PER_NEIGHBOURHOOD.clear();
        KNOWN_PATHS.clear();
        SECTIONS.clear();
        walk(root, "");
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getValue().isObject()) {
                SECTIONS.add(e.getKey());
            }
        }
        rows = tableRows(Files.readString(oddFile(), StandardCharsets.UTF_8));
    }

    private static Path oddFile() {
        Path p = Path.of("docs", "ODD.md");
        if (!Files.exists(p) && Files.exists(Path.of("..", "docs", "ODD.md"))) {
            p = Path.of("..", "docs", "ODD.md");
        }
        assertTrue(Files.exists(p), "docs/ODD.md not found from " + Path.of("").toAbsolutePath());
        return p;
    }

    private static void walk(JsonNode node, String path) {
        if (node.isObject()) {
            if (!path.isEmpty()) {
                KNOWN_PATHS.add(path);
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
            }
        } else if (node.isArray() && (path.equals(NEIGHBOURHOODS) || node.size() > 0 && node.get(0).isObject())) {
            // a list of objects (the neighbourhoods, the region's places): one leaf per field, over the entries
            KNOWN_PATHS.add(path);
            KNOWN_PATHS.add(path + "[]");
            Map<String, List<JsonNode>> byField = new LinkedHashMap<>();
            for (JsonNode entry : node) {
                for (Map.Entry<String, JsonNode> e : entry.properties()) {
                    byField.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                }
            }
            for (Map.Entry<String, List<JsonNode>> e : byField.entrySet()) {
                String leaf = path + "[]." + e.getKey();
                ArrayNode values = JsonNodeFactory.instance.arrayNode();
                values.addAll(e.getValue());
                LEAVES.put(leaf, values);
                PER_NEIGHBOURHOOD.add(leaf);
                KNOWN_PATHS.add(leaf);
            }
        } else {
            // scalars, and arrays of numbers (one leaf each, the whole list is the value)
            LEAVES.put(path, node);
            KNOWN_PATHS.add(path);
        }
    }

    /** The cells of every markdown table row (a line starting with '|'), trimmed. */
    private static List<List<String>> tableRows(String markdown) {
        List<List<String>> out = new ArrayList<>();
        for (String line : markdown.split("\n", -1)) {
            String t = line.strip();
            if (!t.startsWith("|") || t.matches("\\|[\\s:|-]*")) {
                continue;
            }
            String body = t.substring(1, t.endsWith("|") ? t.length() - 1 : t.length());
            List<String> cells = new ArrayList<>();
            for (String c : body.split("\\|", -1)) {
                cells.add(c.strip());
            }
            out.add(cells);
        }
        return out;
    }

    private static Set<String> backticked(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = BACKTICKED.matcher(text);
        while (m.find()) {
            names.add(m.group(1).strip());
        }
        return names;
    }

    /** The row whose first cell names the path in backticks, or null. */
    private static List<String> rowFor(String path) {
        for (List<String> cells : rows) {
            if (!cells.isEmpty() && backticked(cells.get(0)).contains(path)) {
                return cells;
            }
        }
        return null;
    }

    private static List<BigDecimal> numbers(String text) {
        List<BigDecimal> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(text.replace("`", " "));
        while (m.find()) {
            out.add(new BigDecimal(m.group()));
        }
        return out;
    }

    private static boolean sameNumbers(List<BigDecimal> a, List<BigDecimal> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).compareTo(b.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String cell) {
        String s = cell.replace("`", "").strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** Null when the value cell agrees with the JSON value, otherwise what is wrong. */
    private static String checkValue(String path, JsonNode node, String valueCell) {
        if (PER_NEIGHBOURHOOD.contains(path)) {
            List<BigDecimal> values = new ArrayList<>();
            for (JsonNode v : node) {
                if (v.isNumber()) {
                    values.add(v.decimalValue());
                } else if (v.isTextual() && !valueCell.contains(v.asText())) {
                    return "value cell lacks the name '" + v.asText() + "'";
                }
            }
            if (values.isEmpty()) {
                return null;
            }
            BigDecimal lo = values.stream().min(BigDecimal::compareTo).orElseThrow();
            BigDecimal hi = values.stream().max(BigDecimal::compareTo).orElseThrow();
            List<BigDecimal> expected = lo.compareTo(hi) == 0 ? List.of(lo) : List.of(lo, hi);
            return sameNumbers(numbers(valueCell), expected) ? null
                    : "value cell '" + valueCell + "' is not the range " + lo.toPlainString() + " to " + hi.toPlainString();
        }
        if (node.isArray()) {
            List<BigDecimal> expected = new ArrayList<>();
            for (JsonNode v : node) {
                if (!v.isNumber()) {
                    return "array of non-numbers is not supported by this check: " + node;
                }
                expected.add(v.decimalValue());
            }
            return sameNumbers(numbers(valueCell), expected) ? null
                    : "value cell '" + valueCell + "' is not " + node;
        }
        if (node.isNumber()) {
            return sameNumbers(numbers(valueCell), List.of(node.decimalValue())) ? null
                    : "value cell '" + valueCell + "' is not " + node.decimalValue().toPlainString();
        }
        String expected = node.isTextual() ? node.asText() : node.toString();
        return unquote(valueCell).equals(expected) ? null : "value cell '" + valueCell + "' is not " + expected;
    }

    @Test
    void everyDefaultHasARowWithItsValue() {
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : LEAVES.entrySet()) {
            List<String> row = rowFor(e.getKey());
            if (row == null) {
                missing.add(e.getKey());
                continue;
            }
            if (row.size() < 2) {
                wrong.add(e.getKey() + ": row has no value cell");
                continue;
            }
            String problem = checkValue(e.getKey(), e.getValue(), row.get(1));
            if (problem != null) {
                wrong.add(e.getKey() + ": " + problem + " (defaults.json: " + e.getValue() + ")");
            }
        }
        if (!missing.isEmpty() || !wrong.isEmpty()) {
            fail("docs/ODD.md parameter table is out of step with defaults.json."
                    + (missing.isEmpty() ? "" : "\nMissing rows (" + missing.size() + "):\n  " + String.join("\n  ", missing))
                    + (wrong.isEmpty() ? "" : "\nWrong values (" + wrong.size() + "):\n  " + String.join("\n  ", wrong)));
        }
    }

    @Test
    void everyParameterPathInTheTableExists() {
        Pattern sectionPath = Pattern.compile("(" + String.join("|", SECTIONS) + ")\\.[A-Za-z0-9_.\\[\\]]*");
        List<String> stale = new ArrayList<>();
        for (List<String> cells : rows) {
            for (String cell : cells) {
                for (String name : backticked(cell)) {
                    if (!sectionPath.matcher(name).matches()) {
                        continue;
                    }
                    String normal = name.replaceAll("^(city\\.neighbourhoods|region\\.places)\\[\\d+]", "$1[]")
                            .replaceAll("\\[\\d+]", "");
                    if (normal.endsWith(".")) {
                        normal = normal.substring(0, normal.length() - 1);
                    }
                    if (!KNOWN_PATHS.contains(normal)) {
                        stale.add(name);
                    }
                }
            }
        }
        if (!stale.isEmpty()) {
            fail("docs/ODD.md names parameters that defaults.json does not have:\n  "
                    + String.join("\n  ", new LinkedHashSet<>(stale)));
        }
    }

    @Test
    void theTableIsNotEmpty() {
        assertTrue(LEAVES.size() > 50, "defaults.json should have many leaves, found " + LEAVES.size());
        assertTrue(rows.size() > LEAVES.size(), "docs/ODD.md has fewer table rows than defaults.json has leaves");
    }
}
