package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Messages that must not mislead: the usage help, the words of a refusal, the cause it names. */
class MessagesTest {
    @TempDir
    Path tmp;

    /** Every command's help, asked for both ways: {@code X --help} and {@code help X} (and the top level's). */
    static Stream<List<String>> helpCalls() {
        List<List<String>> calls = new ArrayList<>();
        calls.add(List.of("--help"));
        calls.add(List.of("help"));
        addHelpCalls(WijkLabCli.commandLine(), List.of(), calls);
        return calls.stream();
    }

    private static void addHelpCalls(CommandLine cl, List<String> path, List<List<String>> calls) {
        for (var e : cl.getSubcommands().entrySet()) {
            List<String> sub = new ArrayList<>(path);
            sub.add(e.getKey());
            List<String> dashHelp = new ArrayList<>(sub);
            dashHelp.add("--help");
            calls.add(dashHelp);
            List<String> helpX = new ArrayList<>(path);
            helpX.add("help");
            helpX.add(e.getKey());
            calls.add(helpX);
            addHelpCalls(e.getValue(), sub, calls);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helpCalls")
    void helpPrintsNoPicocliWarning(List<String> args) {
        // picocli's warnings go to System.err (looked up at each warning), not to the command line's writers
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream system = new ByteArrayOutputStream();
        CliTest.Outcome o;
        try (PrintStream capture = new PrintStream(system, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            System.setOut(capture);
            o = CliTest.execute(args.toArray(new String[0]));
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String seen = system.toString(StandardCharsets.UTF_8);
        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().contains("Usage:"), o.toString());
        for (String s : List.of(o.out(), o.err(), seen)) {
            assertFalse(s.contains("[picocli WARN]") || s.contains("Could not format"), "no picocli warning: " + o + seen);
        }
    }

    @Test
    void everyCommandIsAskedForItsHelp() {
        List<String> asked = helpCalls().map(a -> String.join(" ", a)).toList();
        for (String c : List.of("run", "study", "sweep", "merge", "compare", "validate", "gui", "help")) {
            assertTrue(asked.contains(c + " --help") && asked.contains("help " + c), c + ": " + asked);
        }
    }

    @Test
    void snapshotBelowAFileSaysItIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        for (Path snapshot : List.of(file.resolve("x.png"), file.resolve("sub").resolve("x.png"))) {
            CliTest.Outcome o = CliTest.execute("gui", "--ticks", "1", "--snapshot", snapshot.toString());
            assertEquals(2, o.code(), o.toString());
            CliTest.assertOneErrorLine(o);
            assertTrue(o.err().contains(file + " is a file, not a folder"), o.toString());
            assertFalse(o.err().contains("does not exist"), o.toString());
        }
        assertEquals("x", Files.readString(file));
    }

    @Test
    void snapshotInAMissingFolderNamesTheFolder() {
        Path missing = tmp.resolve("missing").resolve("deeper");
        CliTest.Outcome o = CliTest.execute("gui", "--ticks", "1", "--snapshot", missing.resolve("x.png").toString());
        assertEquals(2, o.code(), o.toString());
        CliTest.assertOneErrorLine(o);
        assertTrue(o.err().contains(missing + " does not exist"), o.toString());
    }

    /**
     * A non-ASCII path under LC_ALL=C: the JVM cannot encode it, and the message says the locale is
     * the cause. The path's bytes are made by bash's printf, so the test does not depend on this
     * JVM's own encoding; the child JVM runs with the test's class path.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unencodable")
    void aPathTheLocaleCannotEncodeNamesTheLocale(String option, String args) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(tmp.resolve("c-locale"));
        CliTest.Outcome o = inCLocale(dir, args.replace("PATH", "\"$(printf '" + dir + "/wijk-\\303\\251')\""));
        assertEquals(2, o.code(), o.toString());
        CliTest.assertOneErrorLine(o);
        assertTrue(o.err().startsWith("wijklab: " + option + " "), "names the option: " + o);
        assertTrue(o.err().contains("cannot be encoded in the current locale") && o.err().contains("UTF-8"),
                "names the locale as the cause: " + o);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "nothing written");
        }
    }

    /** A path in a file, not on the command line: a sweep's base scenario with a non-ASCII name. */
    @Test
    void aPathInAFileTheLocaleCannotEncodeIsAUserErrorNamingTheLocale() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(tmp.resolve("c-locale-sweep"));
        Files.writeString(dir.resolve("sweep.json"), "{\"sweep\": {\"name\": \"s\", \"base\": \"wijk-\\u00e9.json\", "
                + "\"replications\": 1, \"metrics\": [\"social_return\"], \"set\": {\"years\": 1, \"warmUpYears\": 1, "
                + "\"city.residents\": 500}, \"parameters\": [{\"name\": \"leave\", \"path\": \"housing.distanceDecay\", "
                + "\"values\": [0.2]}]}}", StandardCharsets.UTF_8);
        CliTest.Outcome o = inCLocale(dir, "sweep sweep.json --threads 1 --quiet --out out");
        assertEquals(2, o.code(), o.toString());
        CliTest.assertOneErrorLine(o);
        assertTrue(o.err().contains("wijk-") && o.err().contains("cannot be encoded in the current locale"), o.toString());
        assertFalse(Files.exists(dir.resolve("out")), o.toString());
    }

    /** A path in a file that no file system can name (a lone surrogate): a user error, not an internal one. */
    @Test
    void aPathInAFileNoFileSystemCanNameIsAUserError() throws IOException {
        Path file = Files.writeString(tmp.resolve("sweep.json"), "{\"sweep\": {\"name\": \"s\", \"base\": \"wijk-\\ud800.json\", "
                + "\"replications\": 1, \"metrics\": [\"social_return\"], \"set\": {\"years\": 1, \"warmUpYears\": 1, "
                + "\"city.residents\": 500}, \"parameters\": [{\"name\": \"leave\", \"path\": \"housing.distanceDecay\", "
                + "\"values\": [0.2]}]}}", StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        CliTest.Outcome o = CliTest.execute("sweep", file.toString(), "--threads", "1", "--quiet", "--out", out.toString());
        assertEquals(2, o.code(), o.toString());
        CliTest.assertOneErrorLine(o);
        assertTrue(o.err().contains("wijk-") && o.err().contains("not a usable path"), o.toString());
        assertFalse(o.err().contains("locale"), "the locale is not the cause: " + o);
        CliTest.assertNothingWritten(out);
    }

    /**
     * wijklab with {@code args} (a bash word list) under LC_ALL=C, in a child JVM with the test's
     * class path, in {@code dir}. A non-ASCII path's bytes are made by bash's printf, so the test
     * does not depend on this JVM's own encoding.
     */
    static CliTest.Outcome inCLocale(Path dir, String args) throws IOException, InterruptedException {
        return inCLocale(dir, "", args);
    }

    /** The same with JVM options before the main class. */
    static CliTest.Outcome inCLocale(Path dir, String jvmOptions, String args) throws IOException, InterruptedException {
        try {
            Process probe = new ProcessBuilder("bash", "-c", "true").start();
            Assumptions.assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0, "bash does not run here");
        } catch (IOException e) {
            Assumptions.abort("no bash here: " + e.getMessage());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "exec \"$JAVA\" -cp \"$CP\" -D" + WijkLabCli.LOG_DIR_PROPERTY
                + "=\"$LOGS\" " + jvmOptions + " org.wijklab.cli.WijkLabCli " + args);
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.equals("JAVA_TOOL_OPTIONS")
                || k.equals("_JAVA_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("JAVA", java);
        pb.environment().put("CP", System.getProperty("java.class.path"));
        pb.environment().put("LOGS", dir.resolveSibling(dir.getFileName() + "-logs").toString());
        pb.directory(dir.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new CliTest.Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /**
     * Under a German JVM (decimal comma) the terminal's figures are written with a point, as the
     * files are: the program sets one locale for all output.
     */
    @Test
    void aGermanJvmWritesTheTerminalsFiguresWithAPoint(@TempDir Path dir) throws IOException, InterruptedException {
        CliTest.Outcome o = inCLocale(dir, "-Duser.language=de -Duser.country=DE", "run --years 1 --residents 500 --threads 1 --out x");
        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().matches("(?s).* in \\d+\\.\\d s\\..*"), "a point in the run's time: " + o);
        assertFalse(o.out().matches("(?s).* in \\d+,\\d s\\..*"), "no decimal comma: " + o);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> unencodable() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("--out", "run --years 1 --residents 500 --out PATH"),
                org.junit.jupiter.params.provider.Arguments.of("SCENARIO", "run PATH --years 1 --residents 500 --out x"),
                org.junit.jupiter.params.provider.Arguments.of("SWEEP", "sweep PATH --out x"),
                org.junit.jupiter.params.provider.Arguments.of("--scenarios", "study --scenarios PATH --out x"),
                org.junit.jupiter.params.provider.Arguments.of("--snapshot", "gui --ticks 1 --snapshot PATH"));
    }
}
