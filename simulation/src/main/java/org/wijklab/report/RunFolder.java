package org.wijklab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * One finished run as its folder holds it: {@code manifest.json} and the CSV files it lists. Tables
 * are read on first use and kept. The scenario key is the SHA-256 of the resolved scenario without
 * its seed, so replications of one scenario share it.
 */
public final class RunFolder {
    public static final String MANIFEST = "manifest.json";
    private static final ObjectMapper MAPPER = new ObjectMapper(org.wijklab.scenario.ScenarioLoader.jsonFactory());

    private final Path dir;
    private final String name;
    private final long seed;
    private final int ticks;
    private final ObjectNode scenario;
    private final String key;
    private final Map<String, Table> tables = new HashMap<>();

    private RunFolder(Path dir, String name, long seed, int ticks, ObjectNode scenario, String key) {
        this.dir = dir;
        this.name = name;
        this.seed = seed;
        this.ticks = ticks;
        this.scenario = scenario;
        this.key = key;
    }

    /** Reads a run folder's manifest and checks that the files it lists are there. */
    public static RunFolder open(Path dir) {
        Path file = dir.resolve(MANIFEST);
        JsonNode m;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > org.wijklab.scenario.ScenarioLoader.MAX_DOCUMENT_BYTES) {
                throw new ReportException(file + ": larger than a run manifest may be");
            }
            m = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new ReportException(org.wijklab.scenario.ScenarioLoader.jsonError(file.toString(), e).getMessage());
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ReportException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ReportException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (m == null || !m.isObject()) {
            throw new ReportException(file + ": not a run manifest (expected a JSON object)");
        }
        for (String field : new String[] {"scenarioName", "seed", "ticks", "scenario", "files"}) {
            if (!m.has(field)) {
                throw new ReportException(file + ": not a run manifest (no '" + field + "')");
            }
        }
        if (!m.get("scenario").isObject() || !m.get("files").isArray() || !m.get("seed").canConvertToLong()
                || !m.get("ticks").canConvertToInt()) {
            throw new ReportException(file + ": not a run manifest (wrong type of scenario, files, seed or ticks)");
        }
        int ticks = m.get("ticks").asInt();
        if (ticks < 1 || ticks > 12 * 200) {
            throw new ReportException(file + ": ticks " + m.get("ticks") + " is not a run's length (1-2400 months)");
        }
        checkScenarioHash(file, m);
        for (JsonNode f : m.get("files")) {
            if (!f.isTextual() || f.asText().isBlank() || f.asText().contains("..") || f.asText().contains("/")
                    || f.asText().contains("\\")) {
                throw new ReportException(file + ": files: " + f + " is not a file name of the run folder");
            }
            if (!Files.isRegularFile(dir.resolve(f.asText()))) {
                throw new ReportException(dir + ": " + f.asText() + " is listed in the manifest but missing");
            }
        }
        ObjectNode scenario = (ObjectNode) m.get("scenario");
        ObjectNode withoutSeed = scenario.deepCopy();
        withoutSeed.remove("seed");
        return new RunFolder(dir, m.get("scenarioName").asText(), m.get("seed").asLong(), m.get("ticks").asInt(),
                scenario, sha256(withoutSeed.toString()));
    }

    /**
     * The manifest's scenario must be the one its {@code scenarioSha256} was computed over (the
     * canonical JSON of the resolved scenario): a scenario edited by hand is refused, for the report
     * would describe another scenario than the one that ran. A manifest without the hash (or with one
     * that is not 64 hexadecimal digits) is refused too: deleting it must not skip the check.
     */
    private static void checkScenarioHash(Path file, JsonNode m) {
        JsonNode sha = m.get("scenarioSha256");
        if (sha == null || sha.isNull()) {
            throw new ReportException(file + ": no 'scenarioSha256', so the scenario cannot be checked against the run; "
                    + "rerun the scenario instead of editing a manifest");
        }
        if (!sha.isTextual() || !sha.asText().matches("[0-9a-f]{64}")) {
            throw new ReportException(file + ": scenarioSha256 " + shortened(sha.toString())
                    + " is not a SHA-256 (64 hexadecimal digits); rerun the scenario instead of editing a manifest");
        }
        String recorded = sha.asText();
        String actual;
        try {
            actual = org.wijklab.scenario.ScenarioLoader.sha256(
                    org.wijklab.scenario.ScenarioLoader.mapper().writeValueAsString(m.get("scenario")));
        } catch (JsonProcessingException e) {
            throw new ReportException(file + ": its scenario cannot be written as JSON (" + e.getOriginalMessage() + ")");
        }
        if (!actual.equals(recorded)) {
            throw new ReportException(file + ": the scenario does not match its scenarioSha256 (edited after the run?); "
                    + "rerun the scenario instead of editing a manifest");
        }
    }

    private static String shortened(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the run wrote this file. */
    public boolean hasFile(String file) {
        return Files.isRegularFile(dir.resolve(file));
    }

    /** A table of this run, read once; the required columns must be there. */
    public Table table(String file, String... required) {
        Table t = tables.get(file);
        if (t == null) {
            Path p = dir.resolve(file);
            if (!Files.isRegularFile(p)) {
                throw new ReportException(dir + ": no " + file);
            }
            t = Table.read(p, required);
            tables.put(file, t);
        }
        return t;
    }

    /** A file of the run read row by row, not kept (see {@link Table#cursor}). */
    public Table.Cursor cursor(String file, String... required) {
        Path p = dir.resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new ReportException(dir + ": no " + file);
        }
        return Table.cursor(p, required);
    }

    /** Forgets the tables read so far (to bound memory when many runs are compared). */
    public void release() {
        tables.clear();
    }

    public Path dir() {
        return dir;
    }

    public String name() {
        return name;
    }

    public long seed() {
        return seed;
    }

    public int ticks() {
        return ticks;
    }

    /** The resolved scenario as the manifest records it. */
    public ObjectNode scenario() {
        return scenario;
    }

    public String key() {
        return key;
    }
}
