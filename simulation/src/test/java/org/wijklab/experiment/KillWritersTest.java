package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output folders across processes: a second wijklab on the same --out is refused at once, and
 * child {@code run}s and {@code study}s killed with SIGKILL or SIGTERM at random moments (seeded, so
 * the same moments each time) never leave a folder under its final name that is incomplete; after
 * SIGTERM they leave no partial folder, claim or temporary folder; after SIGKILL the same command
 * again cleans up and gives the same files as an uninterrupted run.
 */
class KillWritersTest {
    private static final String[] RUN = {"run", "--residents", "5000", "--years", "5", "--quiet"};
    private static final String[] STUDY = {"study", "--replications", "1", "--years", "11", "--residents", "500",
        "--threads", "2", "--quiet"};
    private static final int RUN_KILLS = 10;
    private static final int STUDY_KILLS = 4;
    private static final int REPORT_ONLY_TERMS = 3;

    @TempDir
    Path tmp;

    /** A child wijklab with its own temporary folder; standard output and error to files in log. */
    private Process child(Path log, Path javaTmp, String... args) throws IOException {
        Files.createDirectories(log);
        Files.createDirectories(javaTmp);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + javaTmp, "-cp", System.getProperty("java.class.path"), "org.wijklab.cli.WijkLabCli"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(log.resolve("out.txt").toFile())
                .redirectError(log.resolve("err.txt").toFile()).start();
    }

    private static String[] with(String[] base, String... more) {
        List<String> a = new ArrayList<>(List.of(base));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    private int finish(Process p) throws InterruptedException {
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the child ends");
        return p.exitValue();
    }

    private void runToEnd(Path log, Path javaTmp, String... args) throws Exception {
        Process p = child(log, javaTmp, args);
        int code = finish(p);
        assertEquals(0, code, "exit code of " + List.of(args) + ": " + Files.readString(log.resolve("err.txt")));
    }

    @Test
    void aSecondProcessOnTheSameOutIsRefusedAtOnceInOneLine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("two"));
        Path out = dir.resolve("out");
        Path jt = tmp.resolve("jtmp");
        Process first = child(tmp.resolve("log-first"), jt, with(new String[] {"run", "--residents", "20000", "--years", "10",
            "--quiet"}, "--out", out.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(dir.resolve(".out.lock")) && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(first.isAlive(), "the first run is still running");
        long t0 = System.nanoTime();
        Process second = child(tmp.resolve("log-second"), jt, with(RUN, "--seed", "7", "--out", out.toString()));
        assertEquals(2, finish(second), "the second is refused with exit code 2");
        assertTrue(first.isAlive(), "refused while the first runs");
        List<String> err = Files.readAllLines(tmp.resolve("log-second").resolve("err.txt"));
        assertEquals(List.of("wijklab: --out " + out + ": another wijklab is writing it (pid " + first.pid() + ")"), err);
        assertTrue((System.nanoTime() - t0) / 1e9 < 30, "refused at once");
        assertEquals(0, finish(first), "the first finishes");
        FolderChecks.assertWholeRun(out);
        assertEquals(1, FolderChecks.seed(out), "the first run's folder, not the second's");
        assertEquals(List.of(), FolderChecks.leftovers(dir));
    }

    /** The kill test: runs, studies and report-only studies killed at random moments. */
    @Test
    void killedWritersNeverLeaveAnIncompleteFolderUnderAFinalName() throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(20261130);
        int[] counts = new int[6];
        killRuns(random, counts);
        killStudy(random, counts);
        killReportOnly(random, counts);
        System.out.printf("kill test: %d run kills (%d SIGKILL, %d of them leaving a stale claim or partial folder for "
                + "the rerun; %d SIGTERM; %d kills came after the folder was complete), %d study kills (%d SIGKILL), "
                + "%d report-only kills, in %.0f s%n", RUN_KILLS, counts[0], counts[5], counts[1], counts[2],
                STUDY_KILLS, counts[3], counts[4], (System.nanoTime() - t0) / 1e9);
    }

    private void killRuns(Random random, int[] counts) throws Exception {
        Path base = Files.createDirectories(tmp.resolve("runs"));
        Path jt = base.resolve("jtmp");
        Path ref = base.resolve("reference").resolve("out");
        runToEnd(base.resolve("log-reference"), jt, with(RUN, "--out", ref.toString()));
        for (int k = 0; k < RUN_KILLS; k++) {
            boolean term = k % 2 == 1;
            Path dir = Files.createDirectories(base.resolve("kill-" + k));
            Path out = dir.resolve("out");
            Process p = child(dir.resolve("log"), jt, with(RUN, "--out", out.toString()));
            Thread.sleep(200 + random.nextInt(2000));
            if (term) {
                p.destroy();
            } else {
                p.destroyForcibly();
            }
            int code = finish(p);
            String what = "run kill " + k + (term ? " (SIGTERM" : " (SIGKILL") + ", exit " + code + ")";
            counts[term ? 1 : 0]++;
            if (Files.exists(out)) {
                counts[2]++;
                FolderChecks.assertWholeRun(out);
                FolderChecks.assertSameRun(ref, out);
            }
            if (term) {
                assertEquals(List.of(), FolderChecks.leftovers(dir), what + ": no partial folder or claim left");
            } else if (!Files.exists(out)) {
                if (!FolderChecks.leftovers(dir).isEmpty()) {
                    counts[5]++;
                }
                // the same command again: it takes over the dead writer's claim, removes its partial folder
                runToEnd(dir.resolve("log-again"), jt, with(RUN, "--out", out.toString()));
                FolderChecks.assertSameRun(ref, out);
                assertEquals(List.of(), FolderChecks.leftovers(dir), what + ": the rerun cleaned up");
            }
        }
        assertNoTemporary(jt);
    }

    private void killStudy(Random random, int[] counts) throws Exception {
        Path base = Files.createDirectories(tmp.resolve("study"));
        Path jt = base.resolve("jtmp");
        Path ref = base.resolve("reference");
        runToEnd(base.resolve("log-reference"), jt, with(STUDY, "--out", ref.toString()));
        Path out = base.resolve("out");
        for (int k = 0; k < STUDY_KILLS; k++) {
            boolean term = k % 2 == 1;
            Process p = child(base.resolve("log-" + k), jt, with(STUDY, "--out", out.toString()));
            Thread.sleep(1000 + random.nextInt(7000));
            if (term) {
                p.destroy();
            } else {
                p.destroyForcibly();
                counts[3]++;
            }
            finish(p);
            String what = "study kill " + k + (term ? " (SIGTERM)" : " (SIGKILL)");
            assertWholeStudy(ref, out, what);
            if (term) {
                assertEquals(List.of(), FolderChecks.leftovers(base), what + ": no partial folder or claim left");
            }
        }
        runToEnd(base.resolve("log-final"), jt, with(STUDY, "--out", out.toString()));
        assertWholeStudy(ref, out, "resumed study");
        assertTrue(Files.isRegularFile(out.resolve("report").resolve("index.html")));
        for (String f : FolderChecks.names(ref.resolve("report"))) {
            if (f.startsWith("summary-") && f.endsWith(".csv")) {
                assertArrayEquals(FolderChecks.bytes(ref.resolve("report").resolve(f)),
                        FolderChecks.bytes(out.resolve("report").resolve(f)), "resumed study: " + f);
            }
        }
        assertEquals(List.of(), FolderChecks.leftovers(base), "the resumed study cleaned up");
        assertNoTemporary(jt);
    }

    /** Every run folder of a study under its final name is whole and the uninterrupted one's; so is a report. */
    private static void assertWholeStudy(Path ref, Path out, String what) throws IOException {
        Path runs = out.resolve("runs");
        if (Files.isDirectory(runs)) {
            try (Stream<Path> s = Files.list(runs)) {
                for (Path scenario : s.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                    try (Stream<Path> seeds = Files.list(scenario)) {
                        for (Path run : seeds.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                            FolderChecks.assertWholeRun(run);
                            FolderChecks.assertSameRun(ref.resolve(out.relativize(run)), run);
                        }
                    }
                }
            }
        }
        Path report = out.resolve("report");
        if (Files.exists(report)) {
            assertEquals(FolderChecks.names(ref.resolve("report")), FolderChecks.names(report), what + ": the report is whole");
            for (String f : FolderChecks.names(report)) {
                if (f.endsWith(".csv")) {
                    FolderChecks.assertCsvWhole(report.resolve(f));
                }
            }
        }
    }

    private void killReportOnly(Random random, int[] counts) throws Exception {
        Path base = Files.createDirectories(tmp.resolve("report-only"));
        Path jt = base.resolve("jtmp");
        for (int k = 0; k < REPORT_ONLY_TERMS; k++) {
            Path dir = Files.createDirectories(base.resolve("term-" + k));
            Path report = dir.resolve("report");
            Process p = child(dir.resolve("log"), jt, with(STUDY, "--report-only", report.toString()));
            Thread.sleep(500 + random.nextInt(8000));
            p.destroy();
            finish(p);
            counts[4]++;
            assertNoTemporary(jt);
            assertEquals(List.of(), FolderChecks.leftovers(dir), "report-only SIGTERM " + k + ": nothing partial left");
            if (Files.exists(report)) {
                assertTrue(Files.isRegularFile(report.resolve("index.html")));
            }
        }
        // SIGKILL leaves the temporary folder; the next study --report-only removes it
        Process killed = child(base.resolve("log-killed"), jt, with(STUDY, "--report-only", base.resolve("k").toString()));
        Path stale = awaitTemporary(jt, killed);
        Thread.sleep(random.nextInt(1500));
        killed.destroyForcibly();
        finish(killed);
        counts[4]++;
        assertTrue(Files.exists(stale), "a SIGKILL leaves the temporary folder");
        Process next = child(base.resolve("log-next"), jt, with(STUDY, "--report-only", base.resolve("n").toString()));
        awaitTemporary(jt, next);
        assertFalse(Files.exists(stale), "the next study removed the dead one's temporary folder");
        next.destroy();
        finish(next);
        counts[4]++;
        assertNoTemporary(jt);
    }

    /** Waits until the child has made its temporary folder; returns it. */
    private static Path awaitTemporary(Path javaTmp, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (Stream<Path> s = Files.list(javaTmp)) {
                List<Path> mine = s.filter(x -> x.getFileName().toString().startsWith("wijklab-study-" + p.pid() + "-")).toList();
                if (!mine.isEmpty()) {
                    return mine.get(0);
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no temporary folder of " + p.pid());
    }

    private static void assertNoTemporary(Path javaTmp) throws IOException {
        if (!Files.exists(javaTmp)) {
            return;
        }
        try (Stream<Path> s = Files.list(javaTmp)) {
            assertEquals(List.of(), s.filter(x -> x.getFileName().toString().startsWith("wijklab-study-")).toList(),
                    "no temporary study folder is left");
        }
    }

    @SuppressWarnings("unused")
    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
