package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.Runner;
import org.wijklab.experiment.SweepRunner;
import org.wijklab.scenario.ScenarioLoader;
import picocli.CommandLine;

/**
 * Faults that are not the program's: a stop asked for (SIGTERM, Ctrl-C), a full disk, a missing
 * temporary folder, an --out whose names are too long, a manifest without its scenario's hash; each
 * one line, never an internal error, and nothing left behind.
 */
class FaultsTest {
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;
    /** A finished tiny run: 500 residents, one year after one of warm-up. */
    static Path run;

    static final String TINY = """
            {"name": "tiny", "seed": 1, "years": 1, "warmUpYears": 1, "city": {"residents": 500}}""";

    @BeforeAll
    static void finishedRun() {
        run = shared.resolve("run");
        Runner.run(ScenarioLoader.fromJson(TINY, "tiny.json"), "tiny.json", run, "test");
    }

    /** Runs the command line with error logs going to tmp/logs. */
    private CliTest.Outcome execute(String... args) {
        String old = System.getProperty(WijkLabCli.LOG_DIR_PROPERTY);
        System.setProperty(WijkLabCli.LOG_DIR_PROPERTY, tmp.resolve("logs").toString());
        try {
            return CliTest.execute(args);
        } finally {
            restore(WijkLabCli.LOG_DIR_PROPERTY, old);
        }
    }

    private static void restore(String property, String old) {
        if (old == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, old);
        }
    }

    private void assertNoErrorLog() throws IOException {
        Path logs = tmp.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (Stream<Path> s = Files.list(logs)) {
                assertEquals(List.of(), s.toList(), "no internal-error log");
            }
        }
    }

    // ---- a manifest without its scenario's hash --------------------------------------------------

    @Test
    void aManifestWithoutItsScenarioHashIsRefused() throws IOException {
        String[][] edits = {{"\\s*\"scenarioSha256\" : \"[0-9a-f]+\",", "", "no 'scenarioSha256'"},
            {"\"scenarioSha256\" : \"[0-9a-f]+\"", "\"scenarioSha256\" : null", "no 'scenarioSha256'"},
            {"\"scenarioSha256\" : \"[0-9a-f]+\"", "\"scenarioSha256\" : \"abc\"", "is not a SHA-256"}};
        for (int k = 0; k < edits.length; k++) {
            String[] edit = edits[k];
            Path dir = Files.createDirectories(tmp.resolve("case-" + k));
            Path in = Files.createDirectories(dir.resolve("in"));
            try (Stream<Path> s = Files.list(run)) {
                for (Path p : s.toList()) {
                    Files.copy(p, in.resolve(p.getFileName()));
                }
            }
            BadInputTest.replaceRegex(in.resolve("manifest.json"), edit[0], edit[1]);
            CliTest.Outcome o = execute("compare", in.toString(), "--out", dir.resolve("out").toString());
            assertEquals(2, o.code(), o.toString());
            CliTest.assertOneErrorLine(o);
            assertTrue(o.err().contains(edit[2]), o.toString());
            CliTest.assertNothingWritten(dir.resolve("out"));
        }
    }

    // ---- a stop asked for ------------------------------------------------------------------------

    private static String fault(Throwable t, boolean stopping, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = WijkLabCli.commandLine();
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        int code = WijkLabCli.fault(t, new PrintWriter(err, true), parsed, stopping);
        return code + " " + err;
    }

    @Test
    void aFailureWhileTheJvmStopsIsAStopNotAnInternalError() throws IOException {
        String old = System.getProperty(WijkLabCli.LOG_DIR_PROPERTY);
        System.setProperty(WijkLabCli.LOG_DIR_PROPERTY, tmp.resolve("logs").toString());
        try {
            // what the report's writer meets when the shutdown hook has removed its partial folder
            Throwable gone = new UncheckedIOException(new NoSuchFileException(tmp.resolve(".out.partial-1-ab12cd34")
                    .resolve("summary-headline.csv").toString()));
            assertEquals("143 wijklab: stopped; nothing written to --out OUT\n",
                    fault(gone, true, "compare", "a", "--out", "OUT"));
            assertEquals("143 wijklab: stopped; nothing written\n", fault(gone, true, "run"));
            assertEquals("143 wijklab: stopped; what was finished is kept in --out OUT, and the same command resumes\n",
                    fault(new IllegalStateException("stopping: OUT not written"), true, "sweep", "s.json", "--out", "OUT"));
            assertEquals("143 wijklab: stopped; nothing written to --report-only R\n",
                    fault(gone, true, "study", "--report-only", "R"));
            assertNoErrorLog();
            // the same failure while the JVM is not stopping is an internal error
            assertTrue(fault(gone, false, "run").startsWith("1 wijklab: internal error: "));
        } finally {
            restore(WijkLabCli.LOG_DIR_PROPERTY, old);
        }
        assertFalse(WijkLabCli.stopping(), "this JVM is not stopping");
    }

    /** A child wijklab (its own temporary folder and error-log folder); standard output and error to files in dir. */
    private Process child(Path dir, String javaTmp, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + javaTmp, "-D" + WijkLabCli.LOG_DIR_PROPERTY + "=" + dir.resolve("logs"),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "org.wijklab.cli.WijkLabCli"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
    }

    @Test
    void aCompareStoppedBySigtermSaysStoppedOrNothingAndLeavesNothing() throws Exception {
        // the moments are spread over the report's writing (about 1-3 s after the JVM starts here)
        long[] delays = {900, 1300, 1700, 2100, 2600};
        for (int k = 0; k < delays.length; k++) {
            Path dir = Files.createDirectories(tmp.resolve("term-" + k));
            Process p = child(dir, tmp.toString(), "compare", run.toString(), "--out", dir.resolve("out").toString());
            Thread.sleep(delays[k]);
            p.destroy();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child ends");
            List<String> err = Files.readAllLines(dir.resolve("err.txt"));
            String what = "after " + delays[k] + " ms, exit " + p.exitValue() + ": " + err;
            assertTrue(p.exitValue() == 0 || p.exitValue() == WijkLabCli.STOPPED, what);
            assertTrue(err.size() <= 1, what);
            assertTrue(err.isEmpty() || err.get(0).startsWith("wijklab: stopped; nothing written to --out "), what);
            assertFalse(Files.exists(dir.resolve("logs")), "no error log: " + what);
            if (p.exitValue() != 0) {
                CliTest.assertNothingWritten(dir.resolve("out"));
            }
        }
    }

    @Test
    void aCompareDoesNotNeedTheTemporaryFolder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("no-tmp"));
        Process p = child(dir, tmp.resolve("missing").toString(), "compare", run.toString(), "--out",
                dir.resolve("out").toString());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child ends");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("err.txt")));
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve("index.html")));
        assertFalse(Files.exists(tmp.resolve("missing")), "the missing temporary folder is not made");
    }

    // ---- a full disk ------------------------------------------------------------------------------

    private CliTest.Outcome boom(Throwable t, String... args) {
        return InternalErrorTest.boom(tmp.resolve("logs"), t, args);
    }

    @Test
    void aFullDiskIsOneLineNamingTheFolderNotAnInternalError() throws IOException {
        Path partialFile = tmp.resolve(".out.partial-1-ab12cd34").resolve("charts").resolve("map-1.png");
        CliTest.Outcome o = boom(new UncheckedIOException(new FileSystemException(partialFile.toString(), null,
                "No space left on device")), "--out", tmp.resolve("out").toString());
        assertEquals(2, o.code(), o.toString());
        CliTest.assertOneErrorLine(o);
        assertEquals("wijklab: the disk is full: no space left in " + tmp + " (No space left on device); make room or "
                + "choose another folder; nothing written to --out " + tmp.resolve("out") + "\n", o.err());
        // a stream's write error has no file: the output folder is named
        o = boom(new UncheckedIOException(new IOException("No space left on device")), "--out", "OUT");
        assertEquals(2, o.code(), o.toString());
        CliTest.assertOneErrorLine(o);
        assertTrue(o.err().contains("no space left in the folder of --out OUT"), o.toString());
        // and a quota, wrapped deeper
        o = boom(new IllegalStateException(new UncheckedIOException(new IOException("Disk quota exceeded"))));
        assertEquals(2, o.code(), o.toString());
        assertTrue(o.err().startsWith("wijklab: the disk is full: no space left in the output folder (Disk quota exceeded)"),
                o.toString());
        assertNoErrorLog();
        // another I/O error stays an internal error
        assertNull(DiskFull.describe(new IOException("Input/output error"), null));
        assertNotNull(DiskFull.describe(new FileSystemException("/x", null, "No space left on device"), null));
    }

    // ---- the temporary folder -----------------------------------------------------------------

    @Test
    void aMissingTemporaryFolderIsOneLineOrNotNeeded() throws IOException {
        String old = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.resolve("missing").toString());
        try {
            // a sweep's runs keep their decomposition in memory
            double[] v = SweepRunner.measure(ScenarioLoader.fromJson(TINY, "tiny.json"), List.of("eroded_income_gain"));
            assertEquals(1, v.length);
            // study --report-only needs a temporary folder: refused before anything is made
            CliTest.Outcome o = execute("study", "--report-only", tmp.resolve("report").toString(), "--residents", "500",
                    "--replications", "1", "--threads", "1", "--quiet");
            assertEquals(2, o.code(), o.toString());
            CliTest.assertOneErrorLine(o);
            assertTrue(o.err().contains("the temporary folder " + tmp.resolve("missing") + " (java.io.tmpdir) does not exist"),
                    o.toString());
            assertFalse(Files.exists(tmp.resolve("missing")));
            CliTest.assertNothingWritten(tmp.resolve("report"));
            assertNoErrorLog();
        } finally {
            System.setProperty("java.io.tmpdir", old);
        }
    }

    // ---- an --out near the path-length limit ------------------------------------------------

    @Test
    void anOutWhoseNamesAreTooLongIsRefusedBeforeAnyFolderIsMade() throws IOException {
        String[][] cases = {
            // the folder's own name fits, the hidden partial folder's beside it does not
            {"deep/a/b/" + "x".repeat(240), "wijklab fills it under a hidden name"},
            // a name on the way is longer than any file system allows
            {"deep/" + "y".repeat(300) + "/out", "is 300 bytes long"},
            // every name fits, the whole path with what is written in it does not
            {"deep/" + (("z".repeat(200) + "/").repeat(18)) + "out", "a path may have"}};
        for (String[] c : cases) {
            for (String command : List.of("run", "compare", "sweep")) {
                Path out = tmp.resolve(c[0]);
                List<String> args = new ArrayList<>(switch (command) {
                    case "run" -> List.of("run", "--years", "1", "--residents", "500", "--threads", "1");
                    case "compare" -> List.of("compare", run.toString());
                    default -> List.of("sweep", "scenarios/sweep-duration.json", "--threads", "1", "--quiet");
                });
                args.addAll(List.of("--out", out.toString()));
                CliTest.Outcome o = execute(args.toArray(new String[0]));
                assertEquals(2, o.code(), o.toString());
                CliTest.assertOneErrorLine(o);
                assertTrue(o.err().contains(c[1]), o.toString());
                assertFalse(Files.exists(tmp.resolve("deep")), "no parent folder made: " + o);
            }
        }
        // the longest name that fits is accepted
        Path out = tmp.resolve("deep").resolve("x".repeat(OutputFolder.NAME_MAX - OutputFolder.PARTIAL_EXTRA));
        CliTest.Outcome o = execute("compare", run.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.toString());
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
    }
}
