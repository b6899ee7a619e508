package org.wijklab.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads scenarios: a JSON file is laid over the embedded defaults ({@code defaults.json}); objects
 * merge field by field, arrays and scalars replace. Each entry of {@code city.neighbourhoods} is
 * laid over {@code neighbourhood-defaults.json}, each entry of {@code programmes} over
 * {@code programme-defaults.json}. Unknown keys, wrong types and out-of-range values
 * raise a {@link ScenarioException} whose one-line message names the file and the field.
 */
public final class ScenarioLoader {

    /** The most a scenario, sweep or manifest file may hold: 16 MB (a city of 5,000 neighbourhoods is about 3 MB). */
    public static final long MAX_DOCUMENT_BYTES = 16L << 20;
    /** How deep JSON objects and arrays may nest (a scenario needs 6). */
    public static final int MAX_NESTING = 64;
    /** The longest string and number a document may hold. */
    public static final int MAX_STRING = 100_000;
    public static final int MAX_NUMBER = 100;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING)
            .maxStringLength(MAX_STRING)
            .maxNumberLength(MAX_NUMBER)
            .maxDocumentLength(MAX_DOCUMENT_BYTES)
            .maxNameLength(1_000)
            .build();

    /** A JSON factory with the read limits set explicitly, for every mapper that reads the user's files. */
    public static JsonFactory jsonFactory() {
        return JsonFactory.builder().streamReadConstraints(LIMITS).build();
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder(jsonFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private ScenarioLoader() {
    }

    /** The shared JSON mapper (strict, indented output). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The embedded default scenario: the default city without a programme. */
    public static Scenario defaults() {
        return bind(defaultTree(), "defaults");
    }

    /** Loads a scenario file; the message of any error starts with the file's path. */
    public static Scenario load(Path file) {
        return fromJson(read(file), file.toString());
    }

    /** A JSON file's text; a missing or unreadable file is a one-line {@link ScenarioException}. */
    public static String read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new ScenarioException(file + ": is a folder, not a JSON file");
            }
            if (Files.isRegularFile(file) && Files.size(file) > MAX_DOCUMENT_BYTES) {
                throw new ScenarioException(file + ": " + Files.size(file) + " bytes, more than the "
                        + (MAX_DOCUMENT_BYTES >> 20) + " MB a JSON input may have");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                throw new ScenarioException(file + ": more than the " + (MAX_DOCUMENT_BYTES >> 20) + " MB a JSON input may have");
            }
            java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
            try {
                return utf8.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new ScenarioException(file + ": not UTF-8 text");
            }
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Parses and validates scenario JSON text; {@code source} names it in error messages. */
    public static Scenario fromJson(String json, String source) {
        JsonNode user;
        try {
            user = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw jsonError(source, e);
        }
        if (user == null || !user.isObject()) {
            throw new ScenarioException(source + ": the scenario must be a JSON object");
        }
        if (Sweep.isSweep(user)) {
            throw new ScenarioException(source + ": is a sweep file, not a scenario; run it with 'wijklab sweep'");
        }
        ObjectNode merged = defaultTree();
        JsonNode hoods = user.get("city") == null ? null : user.get("city").get("neighbourhoods");
        if (hoods != null && hoods.isArray() && user.get("city").isObject()) {
            ((ObjectNode) user.get("city")).set("neighbourhoods", overEach(hoods, "neighbourhood-defaults.json"));
        }
        JsonNode programmes = user.get("programmes");
        if (programmes != null && programmes.isArray()) {
            ((ObjectNode) user).set("programmes", overEach(programmes, "programme-defaults.json"));
        }
        merge(merged, user);
        return bind(merged, source);
    }

    /**
     * A JSON syntax error or a refused document (too deep, too long a string or number, too large)
     * as a one-line {@link ScenarioException} naming the source and where.
     */
    public static ScenarioException jsonError(String source, JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            String m = e.getOriginalMessage();
            String what = m.contains("nesting depth") ? "nests objects or arrays deeper than " + MAX_NESTING + " levels"
                    : m.contains("String value length") ? "holds a string longer than " + MAX_STRING + " characters"
                    : m.contains("Number value length") ? "holds a number longer than " + MAX_NUMBER + " digits"
                    : m.contains("Document length") ? "is longer than " + (MAX_DOCUMENT_BYTES >> 20) + " MB"
                    : m.contains("Name length") ? "holds a field name longer than 1000 characters"
                    : "exceeds a limit of the JSON reader";
            return new ScenarioException(source + ": refused: the document " + what);
        }
        var loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        m = m.lines().findFirst().orElse("");
        if (m.length() > 200) {
            m = m.substring(0, 200) + "...";
        }
        return new ScenarioException(source + ": not valid JSON" + where + ": " + Check.printable(m));
    }

    /** The resolved scenario as canonical JSON (what a manifest records and its hash covers). */
    public static String toJson(Scenario scenario) {
        try {
            return MAPPER.writeValueAsString(scenario);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise scenario", e);
        }
    }

    /** SHA-256 of {@link #toJson(Scenario)} in lower-case hex. */
    public static String sha256(Scenario scenario) {
        return sha256(toJson(scenario));
    }

    /** SHA-256 of a text's UTF-8 bytes in lower-case hex. */
    public static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Binds and validates a whole scenario tree (all fields present); {@code source} names it in errors. */
    static Scenario bindTree(JsonNode tree, String source) {
        return bind(tree, source);
    }

    private static Scenario bind(JsonNode tree, String source) {
        try {
            return MAPPER.treeToValue(tree, Scenario.class).validate();
        } catch (UnrecognizedPropertyException e) {
            String removed = removed(e.getReferringClass(), e.getPropertyName());
            if (removed != null) {
                throw new ScenarioException(source + ": " + path(e) + ": removed: " + removed);
            }
            throw new ScenarioException(source + ": " + path(e) + ": unknown field (known: "
                    + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")");
        } catch (InvalidFormatException e) {
            throw new ScenarioException(source + ": " + path(e) + ": " + describe(e.getValue()) + " is not "
                    + typeName(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw new ScenarioException(source + ": " + path(e) + ": expected " + typeName(e.getTargetType())
                    + mismatchDetail(e));
        } catch (JsonMappingException e) {
            throw new ScenarioException(source + ": " + path(e) + ": " + e.getOriginalMessage());
        } catch (ScenarioException e) {
            throw new ScenarioException(source + ": " + e.getMessage());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ScenarioException(source + ": " + e.getMessage().lines().findFirst().orElse("invalid"));
        }
    }

    /** What replaced a removed key at a path of a scenario tree ({@code policy.bestPersons}, {@code programmes[0].bestPersons}), or null. */
    static String removedAt(String prefix, String key) {
        Class<?> record = prefix.equals("policy.bestPersons") ? Policy.BestPersonParams.class
                : prefix.equals("policy.themes") ? Policy.ThemeEffects.class
                : prefix.equals("policy.initiatives") ? Policy.Initiatives.class
                : prefix.equals("policy.services") ? Policy.Services.class
                : prefix.startsWith("programmes") && prefix.endsWith(".bestPersons") ? Programme.BestPersons.class : Object.class;
        return removed(record, key);
    }

    /** What replaced a removed key of a scenario record, or null if the key never existed. */
    private static String removed(Class<?> record, String key) {
        java.util.Map<String, String> m = record == Programme.BestPersons.class ? Programme.BestPersons.REMOVED
                : record == Policy.BestPersonParams.class ? Policy.BestPersonParams.REMOVED
                : record == Policy.Initiatives.class ? Policy.Initiatives.REMOVED
                : record == Policy.Services.class ? Policy.Services.REMOVED
                : record == Policy.ThemeEffects.class ? Policy.ThemeEffects.REMOVED : java.util.Map.of();
        return m.get(key);
    }

    private static final java.util.regex.Pattern GOT = java.util.regex.Pattern.compile("\\((\"[^\"]*\"|true|false)\\)");

    private static String mismatchDetail(MismatchedInputException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "";
        }
        if (m.contains("null")) {
            return ", got null";
        }
        java.util.regex.Matcher g = GOT.matcher(m);
        if (g.find()) {
            return ", got " + g.group(1);
        }
        if (m.contains("START_OBJECT")) {
            return ", got an object";
        }
        if (m.contains("START_ARRAY")) {
            return ", got an array";
        }
        return "";
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String typeName(Class<?> t) {
        if (t == null) {
            return "a value of another type";
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return "a whole number";
        }
        if (t == double.class || t == Double.class || t == float.class) {
            return "a number";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t.isArray() || java.util.Collection.class.isAssignableFrom(t)) {
            return "an array";
        }
        return "an object";
    }

    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }

    /** Lays each object of an array over a fresh copy of a defaults resource. */
    private static ArrayNode overEach(JsonNode array, String defaults) {
        ArrayNode expanded = MAPPER.createArrayNode();
        for (JsonNode element : array) {
            if (element.isObject()) {
                ObjectNode base = readResource(defaults);
                merge(base, element);
                expanded.add(base);
            } else {
                expanded.add(element);
            }
        }
        return expanded;
    }

    private static void merge(ObjectNode base, JsonNode over) {
        for (Map.Entry<String, JsonNode> e : over.properties()) {
            JsonNode current = base.get(e.getKey());
            if (current != null && current.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) current, e.getValue());
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    private static ObjectNode defaultTree() {
        return readResource("defaults.json");
    }

    private static ObjectNode readResource(String name) {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
