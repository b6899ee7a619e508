package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ec.util.MersenneTwisterFast;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.scenario.Sweep;

/**
 * Resume and shards: a sweep run in a child process that is killed (SIGKILL, and SIGTERM as from
 * Ctrl-C) at moments drawn from a fixed seed, then run again on the same folder, ends with the
 * same runs.csv and summary.csv as an uninterrupted sweep, every run folder once and nothing half
 * written; shards merged give the same files as one sweep.
 */
class SweepResumeTest {
    @TempDir
    static Path tmp;
    static Path file;
    static Sweep sweep;
    static Path reference;

    @BeforeAll
    static void uninterrupted() throws IOException {
        Files.copy(Path.of("scenarios", "krachtwijk.json"), tmp.resolve("krachtwijk.json"));
        file = tmp.resolve("resume.json");
        Files.writeString(file, """
                {"sweep": {"name": "resume", "description": "a test", "base": "krachtwijk.json", "replications": 3,
                  "design": "lhs", "samples": 6, "metrics": ["eroded_income_gain", "city_employment_end"],
                  "set": {"years": 4, "warmUpYears": 1, "city.residents": 3000, "output.movesLog": false,
                          "programmes[0].durationYears": 2},
                  "parameters": [{"name": "proximity", "path": "programmes[0].team.proximity", "range": [0.1, 0.9]}]}}
                """);
        sweep = Sweep.load(file, SweepMetrics.names());
        reference = tmp.resolve("reference");
        SweepRunner.run(sweep, reference, 2, true, Progress.NONE, "test");
    }

    private static Process child(Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.wijklab.cli.WijkLabCli",
                "sweep", file.toString(), "--out", out.toString(), "--threads", "2", "--quiet")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    }

    @Test
    void aKilledSweepResumesWithNoRunLostOrDoubled() throws Exception {
        MersenneTwisterFast random = new MersenneTwisterFast(20261130);
        int interrupted = 0;
        for (int trial = 0; trial < 3; trial++) {
            Path out = tmp.resolve("killed-" + trial);
            // one or two kills at random moments, the last of them by SIGTERM in the third trial
            int kills = 1 + trial % 2;
            for (int k = 0; k < kills; k++) {
                long before = journalRows(out);
                Process p = child(out);
                // wait until the child has finished a run of its own, then kill it a random moment later
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (journalRows(out) <= before && p.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(random.nextInt(400));
                if (trial == 2 && k == kills - 1) {
                    p.destroy();
                } else {
                    p.destroyForcibly();
                }
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child ends");
            }
            Path journal = out.resolve(SweepFolder.JOURNAL);
            long rows = Files.exists(journal) ? Files.readAllLines(journal).size() : 0;
            if (rows > 0 && rows < 18 && !Files.exists(out.resolve(SweepRunner.SUMMARY))) {
                interrupted++;
            }
            SweepRunner.run(sweep, out, 2, true, Progress.NONE, "test");
            for (String f : List.of(SweepRunner.RUNS, SweepRunner.SUMMARY)) {
                assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)),
                        "trial " + trial + ": " + f + " equals the uninterrupted sweep's");
            }
            assertFalse(Files.exists(out.resolve(SweepFolder.JOURNAL)), "the journal is gone once complete");
            try (Stream<Path> all = Files.walk(out)) {
                List<Path> files = all.toList();
                assertEquals(List.of(), files.stream().filter(x -> Folders.isWritersLeftover(x.getFileName().toString())).toList(),
                        "nothing half-written");
                assertEquals(18, files.stream().filter(x -> x.getFileName().toString().startsWith("rep-")).count(),
                        "every run's folder, once");
            }
            // a finished sweep does nothing again
            assertTrue(SweepRunner.run(sweep, out, 2, true, Progress.NONE, "test").alreadyComplete());
        }
        // the kills fell inside the sweep (some runs done, not all), or the test proved nothing
        assertTrue(interrupted >= 2, interrupted + " of 3 trials were killed in the middle of the sweep");
    }

    private static long journalRows(Path out) throws IOException {
        Path journal = out.resolve(SweepFolder.JOURNAL);
        return Files.exists(journal) ? Files.readAllLines(journal).size() : 0;
    }

    @Test
    void shardsMergedAreOneSweep() throws IOException {
        Path[] parts = new Path[3];
        for (int i = 0; i < 3; i++) {
            parts[i] = tmp.resolve("shard-" + i);
            SweepRunner.run(sweep, parts[i], 1, false, Progress.NONE, "test", i, 3);
            assertFalse(Files.exists(parts[i].resolve(SweepRunner.SUMMARY)), "a shard has no summary of its own");
        }
        Path merged = tmp.resolve("merged");
        SweepMerge.merge(sweep, List.of(parts[2], parts[0], parts[1]), merged, "test");
        for (String f : List.of(SweepRunner.RUNS, SweepRunner.SUMMARY)) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(merged.resolve(f)), f);
        }
        org.wijklab.scenario.ScenarioException missing = org.junit.jupiter.api.Assertions.assertThrows(
                org.wijklab.scenario.ScenarioException.class,
                () -> SweepMerge.merge(sweep, List.of(parts[0], parts[1]), tmp.resolve("merged-2"), "test"));
        assertTrue(missing.getMessage().contains("shard 3/3 is missing"), missing.getMessage());
        assertFalse(Files.exists(tmp.resolve("merged-2")));
    }

    @Test
    void aFolderOfAnotherSweepIsRefused() throws IOException {
        Path other = tmp.resolve("other.json");
        Files.writeString(other, Files.readString(file).replace("\"samples\": 6", "\"samples\": 5"));
        Sweep s = Sweep.load(other, SweepMetrics.names());
        org.wijklab.scenario.ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.wijklab.scenario.ScenarioException.class,
                () -> SweepRunner.run(s, reference, 1, true, Progress.NONE, "test"));
        assertTrue(e.getMessage().contains("another sweep file"), e.getMessage());
        assertTrue(File.separatorChar == '/' || e.getMessage().contains("--out"));
    }
}
