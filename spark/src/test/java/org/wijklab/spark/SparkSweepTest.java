package org.wijklab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.Progress;
import org.wijklab.experiment.SweepMetrics;
import org.wijklab.experiment.SweepRunner;
import org.wijklab.scenario.ScenarioLoader;
import org.wijklab.scenario.Sweep;

/**
 * The same sweep run by the local runner (two threads) and on Spark ({@code local[2]}, waves of
 * three runs so that a sweep takes several jobs): runs.csv, summary.csv and sensitivity.csv are the
 * same bytes. The sweep is a Morris design (two parameters, two trajectories: six points) with two
 * replications on a city of 3,000 residents for six years, so that every file the runner writes
 * appears.
 */
class SparkSweepTest {
    @TempDir
    static Path tmp;
    static Path sweepFile;
    static Path local;
    static Path spark;
    static int sparkExit;
    static String sparkOut;

    static SparkConf conf() {
        return new SparkConf().setMaster("local[2]").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
    }

    @BeforeAll
    static void runBoth() throws IOException {
        Files.copy(Path.of("scenarios", "krachtwijk.json"), tmp.resolve("krachtwijk.json"));
        sweepFile = tmp.resolve("screen.json");
        Files.writeString(sweepFile, """
                {"sweep": {"name": "screen", "description": "a test", "base": "krachtwijk.json", "replications": 2,
                  "design": "morris", "trajectories": 2, "levels": 4, "designSeed": 7, "dummy": false,
                  "set": {"years": 6, "warmUpYears": 1, "city.residents": 3000, "output.movesLog": false},
                  "metrics": ["liveability_change_end_pct", "social_return"],
                  "parameters": [
                    {"name": "duration", "path": "programmes[0].durationYears", "range": [2, 5], "integer": true},
                    {"name": "proximity", "path": "programmes[0].team.proximity", "range": [0.3, 0.9]}]}}
                """);
        Sweep sweep = Sweep.load(sweepFile, SweepMetrics.names());
        local = tmp.resolve("local");
        SweepRunner.run(sweep, local, 2, false, Progress.NONE, "test");
        spark = tmp.resolve("spark");
        sparkOut = capture(() -> sparkExit = SparkSweep.run(conf(), sweepFile.toString(), "--out", spark.toString(),
                "--wave", "3"));
    }

    /** Runs r with standard output and error captured. */
    static String capture(Runnable r) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(b, true, StandardCharsets.UTF_8);
        System.setOut(p);
        System.setErr(p);
        try {
            r.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sparkWritesTheLocalRunnersFiles() throws IOException {
        assertEquals(0, sparkExit, sparkOut);
        for (String f : List.of(SweepRunner.RUNS, SweepRunner.SUMMARY, SweepRunner.SENSITIVITY, SweepRunner.NOISE)) {
            assertArrayEquals(Files.readAllBytes(local.resolve(f)), Files.readAllBytes(spark.resolve(f)), f);
        }
        assertEquals(13, Files.readAllLines(spark.resolve(SweepRunner.RUNS)).size(), "a header and 6 x 2 runs");
        assertFalse(Files.exists(spark.resolve("runs.journal")), "the journal goes when the sweep is complete");
        JsonNode manifest = ScenarioLoader.mapper().readTree(spark.resolve(SweepRunner.MANIFEST).toFile());
        assertTrue(manifest.path("complete").asBoolean(), "complete");
        assertTrue(manifest.path("commandLine").asText().startsWith("wijklab-spark "), "the manifest names the command");
    }

    @Test
    void aFinishedSweepSaysSoAndASecondShardRunsOnSpark() throws IOException {
        int[] exit = new int[1];
        String again = capture(() -> exit[0] = SparkSweep.run(conf(), sweepFile.toString(), "--out", spark.toString()));
        assertEquals(0, exit[0], again);
        assertTrue(again.contains("already complete"), again);

        Path half = tmp.resolve("half");
        String shard = capture(() -> exit[0] = SparkSweep.run(conf(), sweepFile.toString(), "--out", half.toString(),
                "--shard", "2/2", "--quiet"));
        assertEquals(0, exit[0], shard);
        List<String> rows = Files.readAllLines(half.resolve(SweepRunner.RUNS));
        List<String> all = Files.readAllLines(local.resolve(SweepRunner.RUNS));
        assertEquals(7, rows.size(), "a header and the six odd run ids");
        for (int k = 1; k < rows.size(); k++) {
            assertEquals(all.get(2 * k), rows.get(k), "shard 2 of 2 holds the odd run ids, as the local runner makes them");
        }
    }

    @Test
    void aStoppedSparkSweepResumesWithTheRunsItHasNotMade() throws IOException {
        // the folder as a driver killed after its first five runs leaves it: the manifest not yet
        // complete and a journal of the finished rows (in the order they finished)
        Path stopped = tmp.resolve("stopped");
        Files.createDirectories(stopped);
        com.fasterxml.jackson.databind.node.ObjectNode m =
                (com.fasterxml.jackson.databind.node.ObjectNode) ScenarioLoader.mapper().readTree(
                        spark.resolve(SweepRunner.MANIFEST).toFile());
        m.put("complete", false);
        ScenarioLoader.mapper().writeValue(stopped.resolve(SweepRunner.MANIFEST).toFile(), m);
        List<String> rows = Files.readAllLines(spark.resolve(SweepRunner.RUNS));
        List<String> journal = new java.util.ArrayList<>(rows.subList(1, 6));
        java.util.Collections.reverse(journal);
        Files.write(stopped.resolve("runs.journal"), journal);
        Files.writeString(stopped.resolve("runs.journal"), "11,5,1,2,", java.nio.file.StandardOpenOption.APPEND);
        int[] exit = new int[1];
        String text = capture(() -> exit[0] = SparkSweep.run(conf(), sweepFile.toString(), "--out", stopped.toString()));
        assertEquals(0, exit[0], text);
        assertTrue(text.contains("Ran 7 runs"), "twelve runs less the five in the journal; the half row is run again: " + text);
        for (String f : List.of(SweepRunner.RUNS, SweepRunner.SUMMARY, SweepRunner.SENSITIVITY, SweepRunner.NOISE)) {
            assertArrayEquals(Files.readAllBytes(spark.resolve(f)), Files.readAllBytes(stopped.resolve(f)), f);
        }
    }

    @Test
    void aBadSweepFileIsOneLineExitTwoAndNothingWritten() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, Files.readString(sweepFile).replace("\"morris\"", "\"factorial\""));
        Path out = tmp.resolve("never");
        int[] exit = new int[1];
        String text = capture(() -> exit[0] = SparkSweep.run(conf(), bad.toString(), "--out", out.toString()));
        assertEquals(2, exit[0], text);
        assertEquals(1, text.strip().lines().count(), text);
        assertTrue(text.contains("factorial"), text);
        assertFalse(Files.exists(out));
        String wave = capture(() -> exit[0] = SparkSweep.run(conf(), sweepFile.toString(), "--out", out.toString(),
                "--wave", "0"));
        assertEquals(2, exit[0], wave);
        assertTrue(wave.contains("--wave"), wave);
        assertFalse(Files.exists(out));
    }

    @Test
    void theSimulationModuleDoesNotDependOnSpark() throws IOException {
        String pom = Files.readString(Path.of("simulation", "pom.xml"));
        assertFalse(pom.contains("spark"), "simulation/pom.xml names no Spark artifact");
        try (Stream<Path> files = Files.walk(Path.of("simulation", "src", "main"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                assertFalse(Files.readString(f).contains("org.apache.spark"), f + " imports Spark");
            }
        }
    }
}
