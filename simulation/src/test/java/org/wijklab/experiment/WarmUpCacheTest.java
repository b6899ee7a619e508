package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The settled city kept and read back: a run from the cache writes the same bytes as one that
 * simulates its warm-up; the key holds everything the warm-up reads and nothing else; a damaged
 * entry is made again, entries filled at once by two writers stay whole, and the folder keeps to
 * its limit.
 */
class WarmUpCacheTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final OwnWarmUpCache cache = new OwnWarmUpCache();

    /** krachtwijk on a small city: a programme, its teams, cohorts and the moves log. */
    private static Scenario krachtwijk() {
        Scenario k = ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(6000).withYears(8)
                .withWarmUpYears(3).withMovesLog(true);
        return set(k, "programmes[0].durationYears", IntNode.valueOf(2)).withYears(4).validate();
    }

    private List<Path> entries() throws IOException {
        Path folder = cache.folder();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(WarmUpCache.SUFFIX)).sorted().toList();
        }
    }

    @Test
    void aRunFromTheKeptCityWritesTheSameBytesAsOneThatSimulatesItsWarmUp() throws IOException {
        Scenario run = krachtwijk();
        WarmUpCache.use(false);
        Runner.run(run, "test", tmp.resolve("simulated"), "test");
        assertEquals(List.of(), entries(), "--no-warmup-cache keeps nothing");

        // the city is settled by another scenario with the same warm-up inputs: no programme, other
        // years, another name, other outputs and other theme and service parameters
        WarmUpCache.use(true);
        Scenario other = set(set(run.withoutProgrammes().withYears(2).withMovesLog(false), "policy.services.turnover",
                DoubleNode.valueOf(0.3)), "name", TextNode.valueOf("another"));
        assertEquals(WarmUpCache.key(run), WarmUpCache.key(other));
        Runner.run(other, "test", tmp.resolve("filler"), "test");
        List<Path> kept = entries();
        assertEquals(1, kept.size(), kept.toString());
        byte[] entry = Files.readAllBytes(kept.get(0));

        Runner.run(run, "test", tmp.resolve("cached"), "test", 2);
        CheckpointTest.assertSameRun(tmp.resolve("simulated"), tmp.resolve("cached"));
        assertArrayEquals(entry, Files.readAllBytes(kept.get(0)), "the entry was read, not made again");
        assertEquals(1, entries().size());
    }

    @Test
    void theSweepsAndTheValidationsRunsGetTheSameMetricsFromTheCache() {
        Scenario run = krachtwijk();
        List<String> metrics = List.of("liveability_change_end_pct", "eroded_income_gain", "social_return");
        WarmUpCache.use(false);
        double[] simulated = SweepRunner.measure(run, metrics, true);
        WarmUpCache.use(true);
        double[] filling = SweepRunner.measure(run, metrics, true);
        double[] cached = SweepRunner.measure(run, metrics, true);
        assertArrayEquals(simulated, filling);
        assertArrayEquals(simulated, cached);
    }

    /**
     * Every parameter the key leaves out is changed in turn, and the settled city must not change:
     * the warm-up does not read it, and nothing made in the warm-up keeps it. The settled cities are
     * compared as the bytes of the whole model serialised after {@link WijkLabModel#continueAs} the
     * same run's scenario.
     */
    @Test
    void theWarmUpReadsNoneOfTheParametersTheKeyLeavesOut() throws IOException {
        Scenario base = ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(2500).withYears(8)
                .withWarmUpYears(2).validate();
        // settled by another instance of the same scenario, as every perturbed one is: objects that keep
        // a part of the scenario they were made with (the region's places) are then laid out alike
        byte[] expected = settledBytes(ScenarioLoader.fromJson(ScenarioLoader.toJson(base), "again").validate(), base);
        String key = WarmUpCache.key(base);
        int changed = 0;
        List<String> paths = new ArrayList<>();
        JsonNode tree = ScenarioLoader.mapper().readTree(ScenarioLoader.toJson(base));
        for (String section : List.of("policy.themes", "policy.services", "policy.bestPersons", "policy.initiatives",
                "programmes", "output")) {
            leaves(at(tree, section), section, paths);
        }
        paths.add("years");
        paths.add("name");
        paths.add("description");
        for (String path : paths) {
            Scenario other = perturbed(base, path);
            if (other == null) {
                continue;
            }
            changed++;
            assertEquals(key, WarmUpCache.key(other), path + " changes the key");
            assertArrayEquals(expected, settledBytes(other, base), path + " changes the settled city");
        }
        Scenario crisis = ScenarioLoader.fromJson(
                "{\"years\": 3, \"warmUpYears\": 2, \"city\": {\"residents\": 2500}, \"economy\": {\"crises\": "
                        + "[{\"startYear\": 0, \"durationYears\": 2, \"jobLossFactor\": 2, \"jobFindingFactor\": 0.5}]}}",
                "crisis");
        Scenario noCrisis = set(crisis, "economy.crises", ScenarioLoader.mapper().createArrayNode());
        assertEquals(WarmUpCache.key(noCrisis), WarmUpCache.key(crisis));
        assertArrayEquals(settledBytes(ScenarioLoader.fromJson(ScenarioLoader.toJson(noCrisis), "again").validate(),
                noCrisis), settledBytes(crisis, noCrisis), "a crisis acts in the warm-up");
        // the test must have changed the programme's and the policy's parameters, not skipped them
        assertTrue(changed >= 60, changed + " parameters changed of " + paths.size());
    }

    @Test
    void everyWarmUpInputIsInTheKey() {
        Scenario base = krachtwijk();
        String key = WarmUpCache.key(base);
        assertNotNull(key);
        assertEquals(64, key.length());
        assertNotEquals(key, WarmUpCache.key(base.withSeed(base.seed() + 1)));
        assertNotEquals(key, WarmUpCache.key(base.withResidents(6001)));
        assertNotEquals(key, WarmUpCache.key(base.withWarmUpYears(4)));
        for (String path : List.of("policy.help.debtJobLoss", "policy.help.youthParentTime", "policy.costs.benefitYear",
                "housing.targetVacancy", "labour.wageGrowth", "community.tiesYears", "economy.cycleAmplitude")) {
            Scenario other = perturbed(base, path);
            assertNotNull(other, path);
            assertNotEquals(key, WarmUpCache.key(other), path);
        }
    }

    @Test
    void aDamagedEntryIsReportedDeletedAndMadeAgain() throws IOException {
        Scenario run = krachtwijk().withYears(3);
        Runner.run(run, "test", tmp.resolve("first"), "test");
        Path entry = entries().get(0);
        byte[] whole = Files.readAllBytes(entry);
        List<byte[]> damaged = new ArrayList<>();
        byte[] flipped = whole.clone();
        flipped[whole.length / 2] ^= 0x10;
        damaged.add(flipped);
        damaged.add(java.util.Arrays.copyOf(whole, whole.length - 100));
        damaged.add(java.util.Arrays.copyOf(whole, 10));
        damaged.add("not a settled city at all".getBytes(StandardCharsets.UTF_8));
        byte[] otherKey = whole.clone();
        otherKey[20] = (byte) (otherKey[20] == 'a' ? 'b' : 'a');
        damaged.add(otherKey);
        int i = 0;
        for (byte[] bad : damaged) {
            Files.write(entry, bad);
            Path again = tmp.resolve("again" + i);
            String err = stderr(() -> Runner.run(run, "test", again, "test"));
            assertTrue(err.contains("is damaged") && err.contains("made again"), err);
            assertEquals(1, err.lines().count(), err);
            CheckpointTest.assertSameRun(tmp.resolve("first"), again);
            assertArrayEquals(whole, Files.readAllBytes(entry), "the entry is made again");
            i++;
        }
        assertNull(WarmUpCache.check(whole, WarmUpCache.key(run)));
    }

    @Test
    void twoWritersFillingTheSameEntryAtOnceLeaveOneWholeEntry() throws Exception {
        // two caches of the same folder stand for two processes: no lock between them
        Scenario s = krachtwijk().withYears(3);
        String key = WarmUpCache.key(s);
        Path folder = cache.folder();
        Path file = folder.resolve(key + WarmUpCache.SUFFIX);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> f = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                f.add(pool.submit(() -> {
                    WijkLabModel m = WarmUpCache.warmUp(s, 1);
                    together.await();
                    new WarmUpCache(folder, WarmUpCache.DEFAULT_MAX_BYTES).write(m, file, key);
                    return null;
                }));
            }
            for (Future<?> x : f) {
                x.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> all = Files.list(folder)) {
            assertEquals(List.of(file), all.toList(), "one entry, no temporary files left");
        }
        assertNull(WarmUpCache.check(Files.readAllBytes(file), key));
        assertNotNull(new WarmUpCache(folder, WarmUpCache.DEFAULT_MAX_BYTES).read(file, key));
    }

    @Test
    void twoProcessesRunningTheSameCityAtOnceAgree() throws Exception {
        Path cache = tmp.resolve("shared");
        List<Process> ps = new ArrayList<>();
        for (String out : List.of("p1", "p2")) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-D" + WarmUpCache.FOLDER_PROPERTY + "=" + cache, "-cp", System.getProperty("java.class.path"),
                    "org.wijklab.cli.WijkLabCli", "run", "scenarios/krachtwijk.json", "--residents", "6000", "--years", "8",
                    "--set", "warmUpYears=3", "--quiet", "--out", tmp.resolve(out).toString()));
            ps.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve(out + ".log").toFile())
                    .start());
        }
        for (Process p : ps) {
            assertTrue(p.waitFor(5, TimeUnit.MINUTES));
            assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("p1.log")) + Files.readString(tmp.resolve("p2.log")));
        }
        CheckpointTest.assertSameRun(tmp.resolve("p1"), tmp.resolve("p2"));
        try (Stream<Path> all = Files.list(cache)) {
            List<Path> files = all.toList();
            assertEquals(1, files.size(), files.toString());
            assertTrue(files.get(0).getFileName().toString().endsWith(WarmUpCache.SUFFIX));
        }
        // and a third, from the entry, agrees with them
        Scenario s = ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(6000).withYears(8)
                .withWarmUpYears(3).validate();
        System.setProperty(WarmUpCache.FOLDER_PROPERTY, cache.toString());
        Runner.run(s, "scenarios/krachtwijk.json", tmp.resolve("p3"), "test");
        CheckpointTest.assertSameRun(tmp.resolve("p1"), tmp.resolve("p3"));
    }

    @Test
    void theFolderKeepsToItsLimitByDroppingTheEntryUsedLongestAgo() throws IOException {
        Scenario a = krachtwijk().withYears(3);
        Runner.run(a, "test", tmp.resolve("a"), "test");
        long one = Files.size(entries().get(0));
        Path first = entries().get(0);
        Files.setLastModifiedTime(first, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        // room for one and a half entries
        System.setProperty(WarmUpCache.MAX_PROPERTY, Long.toString(one * 3 / 2));
        Runner.run(a.withSeed(a.seed() + 1), "test", tmp.resolve("b"), "test");
        List<Path> kept = entries();
        assertEquals(1, kept.size());
        assertNotEquals(first, kept.get(0), "the older entry went");
        // an entry larger than the whole limit is not kept, and the run goes on
        System.setProperty(WarmUpCache.MAX_PROPERTY, Long.toString(one / 2));
        String err = stderr(() -> Runner.run(a.withSeed(a.seed() + 2), "test", tmp.resolve("c"), "test"));
        assertTrue(err.isEmpty() || err.contains("larger than the warm-up cache's limit"), err);
        assertEquals(kept, entries());
        assertTrue(Files.isRegularFile(tmp.resolve("c").resolve(Runner.MANIFEST)));
    }

    @Test
    void aConfiguredLimitOrFolderThatCannotBeHonouredIsOneLine() throws IOException {
        System.setProperty(WarmUpCache.MAX_PROPERTY, "lots");
        ScenarioException e = assertThrows(ScenarioException.class, WarmUpCache::configured);
        assertEquals("wijklab.warmupCacheMax: 'lots' is not a size (bytes, or a whole number with k, m or g, such as 4g)",
                e.getMessage());
        System.setProperty(WarmUpCache.MAX_PROPERTY, "2g");
        assertEquals(2L << 30, WarmUpCache.configured().maxBytes());
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        System.setProperty(WarmUpCache.FOLDER_PROPERTY, file.toString());
        e = assertThrows(ScenarioException.class, WarmUpCache::configured);
        assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
        System.setProperty(WarmUpCache.FOLDER_PROPERTY, "off");
        assertNull(WarmUpCache.configured());
    }

    @Test
    void aFolderThatCannotBeWrittenIsReportedOnceAndTheRunGoesOn() throws IOException {
        Path file = Files.writeString(tmp.resolve("blocked"), "x");
        // a folder under a file cannot be made
        System.setProperty(WarmUpCache.FOLDER_PROPERTY, file.resolve("cache").toString());
        Scenario s = krachtwijk().withYears(3);
        String err = stderr(() -> Runner.run(s, "test", tmp.resolve("a"), "test"));
        assertTrue(err.contains("cannot be written"), err);
        assertTrue(Files.isRegularFile(tmp.resolve("a").resolve(Runner.MANIFEST)));
    }

    private static String stderr(Runnable r) {
        PrintStream saved = System.err;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setErr(new PrintStream(b, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** The settled city of {@code settleWith}, continued as {@code runAs}, serialised. */
    private static byte[] settledBytes(Scenario settleWith, Scenario runAs) throws IOException {
        WijkLabModel m = WarmUpCache.warmUp(settleWith, 1);
        m.continueAs(runAs);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(b)) {
            m.preCheckpoint();
            o.writeObject(m);
        }
        return b.toByteArray();
    }

    private static JsonNode at(JsonNode tree, String dotted) {
        JsonNode n = tree;
        for (String part : dotted.split("\\.")) {
            n = n.get(part);
        }
        return n;
    }

    /** The paths of a section's leaves: numbers, booleans and the first element of arrays of numbers. */
    private static void leaves(JsonNode n, String path, List<String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                leaves(f.getValue(), path + "." + f.getKey(), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                if (n.get(i).isContainerNode() || i == 0) {
                    leaves(n.get(i), path + "[" + i + "]", out);
                }
            }
        } else if (n.isNumber() || n.isBoolean() || n.isTextual()) {
            out.add(path);
        }
    }

    /** The scenario with the value at path changed to another valid one; null if none of the tries is valid. */
    private static Scenario perturbed(Scenario base, String path) {
        JsonNode tree;
        try {
            tree = ScenarioLoader.mapper().readTree(ScenarioLoader.toJson(base));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        JsonNode v = value(tree, path);
        List<JsonNode> tries = new ArrayList<>();
        if (v.isBoolean()) {
            tries.add(BooleanNode.valueOf(!v.asBoolean()));
        } else if (v.isTextual()) {
            tries.add(TextNode.valueOf(v.asText() + "x"));
        } else if (v.isIntegralNumber()) {
            tries.add(IntNode.valueOf(v.asInt() + 1));
            tries.add(IntNode.valueOf(v.asInt() - 1));
            tries.add(IntNode.valueOf(v.asInt() * 2));
        } else {
            double x = v.asDouble();
            for (double t : new double[] {x * 0.8, x * 1.25, x + 0.1, x - 0.1, 0.5, x + 1}) {
                if (t != x) {
                    tries.add(DoubleNode.valueOf(t));
                }
            }
        }
        for (JsonNode t : tries) {
            try {
                return set(base, path, t);
            } catch (ScenarioException e) {
                // not valid: the next try
            }
        }
        return null;
    }

    private static JsonNode value(JsonNode tree, String path) {
        JsonNode n = tree;
        for (String part : path.split("\\.")) {
            n = step(n, part);
        }
        return n;
    }

    private static JsonNode step(JsonNode n, String part) {
        int b = part.indexOf('[');
        if (b < 0) {
            return n.get(part);
        }
        JsonNode a = n.get(part.substring(0, b));
        return a.get(Integer.parseInt(part.substring(b + 1, part.length() - 1)));
    }

    /** The scenario with the value at a dotted path (with [i] for array elements) set; validated. */
    static Scenario set(Scenario base, String path, JsonNode value) {
        try {
            ObjectNode tree = (ObjectNode) ScenarioLoader.mapper().readTree(ScenarioLoader.toJson(base));
            String[] parts = path.split("\\.");
            JsonNode parent = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                parent = step(parent, parts[i]);
            }
            String last = parts[parts.length - 1];
            int b = last.indexOf('[');
            if (b < 0) {
                ((ObjectNode) parent).set(last, value);
            } else {
                ((ArrayNode) parent.get(last.substring(0, b))).set(Integer.parseInt(last.substring(b + 1, last.length() - 1)),
                        value);
            }
            return ScenarioLoader.fromJson(ScenarioLoader.mapper().writeValueAsString(tree), "test").validate();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
