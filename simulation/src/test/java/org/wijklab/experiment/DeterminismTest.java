package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/** A run is a function of scenario and seed: its output files are the same bytes every time. */
class DeterminismTest {
    private static final List<String> FILES = List.of(Runner.NEIGHBOURHOODS, Runner.CITY, Runner.DECOMPOSITION,
            Runner.MOVES);

    @TempDir
    Path tmp;

    private static Scenario small() {
        return ScenarioLoader.defaults().withResidents(8000).withYears(5).withMovesLog(true);
    }

    private static byte[] bytes(Path dir, String file) {
        try {
            return Files.readAllBytes(dir.resolve(file));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + dir.resolve(file), e);
        }
    }

    private static void assertSameFiles(Path a, Path b) {
        for (String f : FILES) {
            byte[] x = bytes(a, f);
            byte[] y = bytes(b, f);
            assertTrue(x.length > 0, f + " is empty");
            assertArrayEquals(x, y, f + " differs between " + a + " and " + b + firstDifference(x, y));
        }
    }

    private static String firstDifference(byte[] x, byte[] y) {
        int n = Math.min(x.length, y.length);
        int line = 1;
        for (int i = 0; i < n; i++) {
            if (x[i] != y[i]) {
                return " (first at line " + line + ")";
            }
            if (x[i] == '\n') {
                line++;
            }
        }
        return " (lengths " + x.length + " and " + y.length + ")";
    }

    @Test
    void sameScenarioAndSeedGiveTheSameBytes() {
        Scenario s = small();
        Runner.run(s, "test", tmp.resolve("a"), "test");
        Runner.run(s, "test", tmp.resolve("b"), "test");
        assertSameFiles(tmp.resolve("a"), tmp.resolve("b"));
    }

    @Test
    void sameScenarioLoadedTwiceGivesTheSameBytes() {
        // a fresh load (new objects, same values) and the same seed set explicitly
        Scenario a = small();
        Scenario b = ScenarioLoader.defaults().withResidents(8000).withYears(5).withMovesLog(true).withSeed(a.seed());
        Runner.run(a, "first", tmp.resolve("a"), "test a");
        Runner.run(b, "second", tmp.resolve("b"), "test b");
        assertSameFiles(tmp.resolve("a"), tmp.resolve("b"));
    }

    @Test
    void theNumberOfThreadsSteppingOneRunDoesNotChangeABit() throws IOException {
        // a programme scenario (teams, costs, cohorts) on a city of several household blocks
        Scenario s = ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(30_000)
                .withYears(7).withWarmUpYears(3).withMovesLog(true).validate();
        Path one = tmp.resolve("threads1");
        Runner.Result r = Runner.run(s, "test", one, "test", 1);
        assertTrue(r.householdsAtStart() > 3 * org.wijklab.model.Blocks.SIZE, "the city spans several blocks");
        // the region's monthly pass runs in chunks with streams of their own: it must span several
        List<String> city = Files.readAllLines(one.resolve(Runner.CITY));
        int column = List.of(city.get(0).split(",")).indexOf("region_households");
        int regionAtEnd = Integer.parseInt(city.get(city.size() - 1).split(",")[column]);
        assertTrue(regionAtEnd > org.wijklab.process.Region.CHUNK, "the region spans several chunks: " + regionAtEnd);
        for (int threads : new int[] {2, 3}) {
            Path other = tmp.resolve("threads" + threads);
            Runner.run(s, "test", other, "test", threads);
            for (String f : List.of(Runner.NEIGHBOURHOODS, Runner.CITY, Runner.DECOMPOSITION, Runner.MOVES,
                    Runner.SERVICES, Runner.COSTS, Runner.COHORTS, Runner.REGION, Runner.LEAK, Runner.ORIGINS)) {
                byte[] x = bytes(one, f);
                byte[] y = bytes(other, f);
                assertTrue(x.length > 0, f + " is empty");
                assertArrayEquals(x, y, f + " differs with " + threads + " threads" + firstDifference(x, y));
            }
        }
    }

    @Test
    void blocksSteppedLastFirstGiveTheSameBytes() throws IOException {
        // every process that steps blocks or chunks (the city's households, the persons, the
        // region's chunks with their own streams) must not depend on their order
        Scenario s = ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(30_000)
                .withYears(7).withWarmUpYears(3).withMovesLog(true).validate();
        Path inOrder = tmp.resolve("inOrder");
        Path lastFirst = tmp.resolve("lastFirst");
        Runner.run(s, "test", inOrder, "test", 1);
        try {
            org.wijklab.model.Blocks.lastFirst = true;
            Runner.run(s, "test", lastFirst, "test", 1);
        } finally {
            org.wijklab.model.Blocks.lastFirst = false;
        }
        for (String f : List.of(Runner.NEIGHBOURHOODS, Runner.CITY, Runner.DECOMPOSITION, Runner.MOVES,
                Runner.SERVICES, Runner.COSTS, Runner.COHORTS, Runner.REGION, Runner.LEAK, Runner.ORIGINS)) {
            byte[] x = bytes(inOrder, f);
            byte[] y = bytes(lastFirst, f);
            assertTrue(x.length > 0, f + " is empty");
            assertArrayEquals(x, y, f + " differs when the blocks are stepped last first" + firstDifference(x, y));
        }
    }

    @Test
    void anotherSeedGivesAnotherRun() {
        Scenario s = small();
        Runner.run(s, "test", tmp.resolve("a"), "test");
        Runner.run(s.withSeed(s.seed() + 1), "test", tmp.resolve("b"), "test");
        assertFalse(java.util.Arrays.equals(bytes(tmp.resolve("a"), Runner.NEIGHBOURHOODS),
                bytes(tmp.resolve("b"), Runner.NEIGHBOURHOODS)), "another seed gives another neighbourhoods.csv");
    }

    @Test
    void concurrentRunsGiveTheSameBytesAsSequentialOnes() throws Exception {
        Scenario s1 = small();
        Scenario s2 = small().withSeed(s1.seed() + 41);
        Runner.run(s1, "test", tmp.resolve("seq1"), "test");
        Runner.run(s2, "test", tmp.resolve("seq2"), "test");

        // two different runs and a repeat of the first, started together on three threads
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<Runner.Result>> jobs = new ArrayList<>();
            jobs.add(job(go, s1, tmp.resolve("par1")));
            jobs.add(job(go, s2, tmp.resolve("par2")));
            jobs.add(job(go, s1, tmp.resolve("par1b")));
            List<Future<Runner.Result>> results = new ArrayList<>();
            for (Callable<Runner.Result> j : jobs) {
                results.add(pool.submit(j));
            }
            go.countDown();
            for (Future<Runner.Result> f : results) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertSameFiles(tmp.resolve("seq1"), tmp.resolve("par1"));
        assertSameFiles(tmp.resolve("seq2"), tmp.resolve("par2"));
        assertSameFiles(tmp.resolve("seq1"), tmp.resolve("par1b"));
    }

    private static Callable<Runner.Result> job(CountDownLatch go, Scenario s, Path dir) {
        return () -> {
            go.await();
            return Runner.run(s, "test", dir, "test");
        };
    }

    @Test
    void manifestRecordsTheRunAndAllButClockAndMachineFieldsRepeat() throws IOException {
        Scenario s = small();
        Runner.run(s, "test", tmp.resolve("a"), "test");
        Runner.run(s, "test", tmp.resolve("b"), "test");
        var mapper = ScenarioLoader.mapper();
        var a = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(tmp.resolve("a/manifest.json").toFile());
        var b = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(tmp.resolve("b/manifest.json").toFile());
        for (String volatileField : List.of("startTime", "endTime", "wallSeconds")) {
            assertTrue(a.has(volatileField), "manifest has " + volatileField);
            a.remove(volatileField);
            b.remove(volatileField);
        }
        assertEquals(a, b, "manifests of two runs of the same scenario differ beyond their clock fields");
        assertEquals(ScenarioLoader.sha256(s), a.get("scenarioSha256").asText());
        assertEquals(s.seed(), a.get("seed").asLong());
    }
}
