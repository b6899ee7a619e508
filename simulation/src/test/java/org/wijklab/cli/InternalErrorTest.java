package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.HeapEstimate;
import org.wijklab.scenario.Overrides;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Faults that are not the user's: one line naming a log with the trace, exit 1; and the heap's estimate. */
class InternalErrorTest {
    @TempDir
    Path tmp;

    /** A command that throws what a test gives it (an option --out, as the real commands have). */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        static Throwable toThrow;

        @CommandLine.Option(names = "--out")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (toThrow instanceof Error e) {
                throw e;
            }
            throw (Exception) toThrow;
        }
    }

    private CliTest.Outcome boom(Throwable t) {
        return boom(tmp, t);
    }

    /** Boom throwing t, run with the project's error handling and its error logs in logs. */
    static CliTest.Outcome boom(Path logs, Throwable t, String... args) {
        Boom.toThrow = t;
        CommandLine cl = WijkLabCli.withErrorHandling(new Boom());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String old = System.getProperty(WijkLabCli.LOG_DIR_PROPERTY);
        System.setProperty(WijkLabCli.LOG_DIR_PROPERTY, logs.toString());
        try {
            return new CliTest.Outcome(WijkLabCli.execute(cl, args), out.toString(), err.toString());
        } finally {
            if (old == null) {
                System.clearProperty(WijkLabCli.LOG_DIR_PROPERTY);
            } else {
                System.setProperty(WijkLabCli.LOG_DIR_PROPERTY, old);
            }
        }
    }

    @Test
    void anUnexpectedErrorIsOneLineNamingALogWithTheTrace() throws Exception {
        CliTest.Outcome o = boom(new IllegalStateException("the ledger is\nunbalanced"));
        assertEquals(1, o.code(), o.toString());
        assertEquals(1, o.errLines().size(), o.toString());
        assertTrue(o.err().startsWith("wijklab: internal error: java.lang.IllegalStateException: the ledger is\\nunbalanced, see "),
                o.toString());
        List<Path> logs;
        try (Stream<Path> s = Files.list(tmp)) {
            logs = s.toList();
        }
        assertEquals(1, logs.size());
        String name = logs.get(0).getFileName().toString();
        assertTrue(name.matches("wijklab-error-\\d{8}-\\d{6}-\\d+\\.log"), name);
        assertTrue(o.err().strip().endsWith(logs.get(0).toString()), o.toString());
        String log = Files.readString(logs.get(0));
        assertTrue(log.contains("IllegalStateException") && log.contains("\tat "), log);
        assertTrue(log.contains("command: wijklab"), log);
    }

    @Test
    void anErrorThatPicocliLetsThroughIsAnInternalErrorToo() {
        CliTest.Outcome o = boom(new AssertionError("invariant"));
        assertEquals(1, o.code(), o.toString());
        assertEquals(1, o.errLines().size(), o.toString());
        assertTrue(o.err().contains("internal error: java.lang.AssertionError: invariant, see "), o.toString());
    }

    @Test
    void outOfMemoryIsOneLineNamingTheHeapOption() {
        CliTest.Outcome o = boom(new OutOfMemoryError("Java heap space"));
        assertEquals(1, o.code(), o.toString());
        assertEquals(1, o.errLines().size(), o.toString());
        assertTrue(o.err().startsWith("wijklab: out of memory: ") && o.err().contains("WIJKLAB_JAVA_OPTS=-Xmx"), o.toString());
        assertFalse(o.err().contains("\tat "), o.toString());
    }

    @Test
    void outOfMemoryInAWorkerIsTheSameOneLine() {
        // a run on a worker thread: the replicator rethrows its OutOfMemoryError as the cause of its own
        CliTest.Outcome o = boom(new IllegalStateException(new OutOfMemoryError("Java heap space")));
        assertEquals(1, o.code(), o.toString());
        assertEquals(1, o.errLines().size(), o.toString());
        assertTrue(o.err().startsWith("wijklab: out of memory: ") && o.err().contains("WIJKLAB_JAVA_OPTS=-Xmx"), o.toString());
    }

    @Test
    void theHeapEstimateRefusesACityTooLargeNamingTheOption() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> HeapEstimate.check("--residents 20000000", 20_000_000, 1, 2L << 30));
        assertTrue(e.getMessage().matches("--residents 20000000: needs about [\\d.]+ GB of heap, this JVM has 2 GB "
                + "\\(set WIJKLAB_JAVA_OPTS=-Xmx\\d+g\\)"), e.getMessage());
        ScenarioException p = assertThrows(ScenarioException.class, () -> HeapEstimate.check("study", 1_000_000, 8, 2L << 30));
        assertTrue(p.getMessage().contains("8 models of 1000000 residents in parallel") && p.getMessage().contains("fewer --threads"),
                p.getMessage());
        // the default city fits a small heap; a million residents a 12 GB one (the launcher's default)
        HeapEstimate.check("x", 100_000, 1, 512L << 20);
        HeapEstimate.check("x", 1_000_000, 1, 12L << 30);
        // the estimate is at least the measured 502 bytes a resident after 30 years (docs/PERFORMANCE.md)
        // with four person snapshots of 26 bytes each
        assertTrue(HeapEstimate.needed(1_000_000, 1) > (502L + 4 * 26) * 1_000_000);
    }

    @Test
    void aSetPathThatMatchesNothingInAnyScenarioIsRefusedAcrossMany() {
        Scenario a = ScenarioLoader.fromJson("{\"name\": \"a\"}", "a.json");
        Scenario b = ScenarioLoader.fromJson("{\"name\": \"b\"}", "b.json");
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> Overrides.parse(List.of("programmes[*].team.proximity=0.9")).across(List.of(a, b)));
        assertTrue(e.getMessage().startsWith("--set programmes[*].team.proximity: matches nothing in any of the 2 scenarios"),
                e.getMessage());
        Scenario p = ScenarioLoader.fromJson("{\"name\": \"p\", \"programmes\": [{\"name\": \"x\", \"targets\": {\"weakest\": 1}, "
                + "\"startYear\": 0, \"durationYears\": 1}]}", "p.json");
        Overrides o = Overrides.parse(List.of("programmes[*].team.proximity=0.9")).across(List.of(a, p));
        assertEquals(ScenarioLoader.toJson(a), ScenarioLoader.toJson(o.apply(a)), "left alone where it matches nothing");
        assertEquals(0.9, o.apply(p).programmes().get(0).team().proximity());
    }

    @Test
    void theJsonReaderRefusesDeepAndHugeDocumentsInOneLine() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        ScenarioException d = assertThrows(ScenarioException.class, () -> ScenarioLoader.fromJson(deep, "deep.json"));
        assertEquals("deep.json: refused: the document nests objects or arrays deeper than 64 levels", d.getMessage());
        String huge = "{\"name\": \"" + "x".repeat(50 << 20) + "\"}";
        ScenarioException h = assertThrows(ScenarioException.class, () -> ScenarioLoader.fromJson(huge, "huge.json"));
        assertEquals("huge.json: refused: the document holds a string longer than 100000 characters", h.getMessage());
        String number = "{\"years\": " + "1".repeat(1000) + "}";
        ScenarioException n = assertThrows(ScenarioException.class, () -> ScenarioLoader.fromJson(number, "n.json"));
        assertEquals("n.json: refused: the document holds a number longer than 100 digits", n.getMessage());
    }
}
