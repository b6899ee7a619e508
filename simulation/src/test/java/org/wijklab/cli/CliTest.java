package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.Runner;
import org.wijklab.scenario.ScenarioLoader;
import picocli.CommandLine;

/** The command line: exit codes, messages, and what a run leaves on disk. Every run passes --out. */
class CliTest {
    @TempDir
    Path tmp;

    /** Exit code and captured output of one invocation. */
    record Outcome(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Outcome execute(String... args) {
        CommandLine cl = WijkLabCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    static void assertNothingWritten(Path out) throws IOException {
        assertFalse(Files.exists(out), out + " must not be created");
        Path parent = out.toAbsolutePath().getParent();
        if (Files.exists(parent)) {
            try (Stream<Path> s = Files.list(parent)) {
                List<String> partial = s.map(p -> p.getFileName().toString())
                        .filter(org.wijklab.experiment.Folders::isWritersLeftover).toList();
                assertEquals(List.of(), partial, "no partial output folder is left behind");
            }
        }
    }

    static void assertOneErrorLine(Outcome o) {
        assertEquals(1, o.errLines().size(), "one line on stderr: " + o);
        assertTrue(o.err.startsWith("wijklab: "), "stderr starts with 'wijklab: ': " + o);
        assertFalse(o.err.contains("Exception") || o.err.contains("\tat "), "no stack trace: " + o);
    }

    @Test
    void runHelpPrintsUsage() {
        Outcome o = execute("run", "--help");
        assertEquals(0, o.code, o.toString());
        assertTrue(o.out.contains("Usage:"), o.toString());
        for (String option : List.of("--out", "--seed", "--years", "--residents", "moves-log")) {
            assertTrue(o.out.contains(option), "usage mentions " + option + ": " + o);
        }
        assertEquals("", o.err);
    }

    @Test
    void versionPrintsTheVersion() {
        Outcome o = execute("--version");
        assertEquals(0, o.code, o.toString());
        assertTrue(o.out.startsWith("WijkLab "), o.toString());
    }

    @Test
    void noCommandIsAUserError() {
        Outcome o = execute();
        assertEquals(WijkLabCli.USER_ERROR, o.code, o.toString());
        assertTrue(o.err.startsWith("wijklab: "), o.toString());
    }

    @Test
    void unknownOptionIsAUserError() throws IOException {
        Path out = tmp.resolve("out");
        Outcome o = execute("run", "--bogus", "--out", out.toString());
        assertEquals(2, o.code, o.toString());
        assertTrue(o.err.startsWith("wijklab: "), o.toString());
        assertTrue(o.err.contains("--bogus"), o.toString());
        assertNothingWritten(out);
    }

    @Test
    void unknownCommandIsAUserError() {
        Outcome o = execute("walk");
        assertEquals(2, o.code, o.toString());
        assertTrue(o.err.contains("walk"), o.toString());
    }

    @Test
    void zeroYearsIsAUserErrorNamingTheOption() throws IOException {
        Path out = tmp.resolve("out");
        Outcome o = execute("run", "--years", "0", "--out", out.toString());
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertTrue(o.err.contains("--years"), o.toString());
        assertNothingWritten(out);
    }

    @Test
    void outOfRangeOverridesAreUserErrors() throws IOException {
        Path out = tmp.resolve("out");
        for (String[] args : List.of(new String[] {"--years", "201"}, new String[] {"--seed", "-1"},
                new String[] {"--residents", "10"})) {
            Outcome o = execute("run", args[0], args[1], "--out", out.toString());
            assertEquals(2, o.code, String.join(" ", args) + ": " + o);
            assertOneErrorLine(o);
            assertTrue(o.err.contains(args[0]), o.toString());
        }
        assertNothingWritten(out);
    }

    @Test
    void aNonNumberForANumericOptionIsAUserError() {
        Outcome o = execute("run", "--years", "ten", "--out", tmp.resolve("out").toString());
        assertEquals(2, o.code, o.toString());
        assertTrue(o.err.contains("--years"), o.toString());
    }

    @Test
    void badScenarioFileIsOneLineNamingFileAndFieldAndWritesNothing() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, """
                { "city": { "neighbourhoods": [
                  { "name": "A" }, { "name": "B" }, { "name": "C" }, { "name": "D", "socialRentShare": 1.4 }
                ] } }
                """, StandardCharsets.UTF_8);
        Path out = tmp.resolve("results").resolve("bad-run");
        Outcome o = execute("run", bad.toString(), "--out", out.toString());
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertTrue(o.err.contains(bad.toString()), "names the file: " + o);
        assertTrue(o.err.contains("city.neighbourhoods[3].socialRentShare"), "names the field: " + o);
        assertEquals("", o.out);
        assertNothingWritten(out);
    }

    @Test
    void invalidJsonFileIsOneLineWithItsLine() throws IOException {
        Path bad = tmp.resolve("broken.json");
        Files.writeString(bad, "{\n  \"years\": 3,\n  \"seed\": 2\n  \"name\": \"x\"\n}\n", StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        Outcome o = execute("run", bad.toString(), "--out", out.toString());
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertTrue(o.err.contains(bad.toString()) && o.err.contains("line 4"), o.toString());
        assertNothingWritten(out);
    }

    @Test
    void missingScenarioFileIsAUserError() throws IOException {
        Path missing = tmp.resolve("missing.json");
        Path out = tmp.resolve("out");
        Outcome o = execute("run", missing.toString(), "--out", out.toString());
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertTrue(o.err.contains("no such file") && o.err.contains(missing.toString()), o.toString());
        assertNothingWritten(out);
    }

    @Test
    void nonEmptyOutputFolderIsAUserErrorAndIsLeftAlone() throws IOException {
        Path out = tmp.resolve("full");
        Files.createDirectories(out);
        Path keep = out.resolve("keep.txt");
        Files.writeString(keep, "mine");
        Outcome o = execute("run", "--residents", "3000", "--years", "1", "--out", out.toString());
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertTrue(o.err.contains("--out"), o.toString());
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(keep), s.toList(), "the folder keeps exactly what it had");
        }
        assertEquals("mine", Files.readString(keep));
    }

    @Test
    void outputPathThatIsAFileIsAUserError() throws IOException {
        Path out = tmp.resolve("a-file");
        Files.writeString(out, "x");
        Outcome o = execute("run", "--residents", "3000", "--years", "1", "--out", out.toString());
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertEquals("x", Files.readString(out));
    }

    @Test
    void outputPathBelowAFileIsAUserError() throws IOException {
        Path file = tmp.resolve("plain-file");
        Files.writeString(file, "x");
        Path out = file.resolve("run");
        Outcome o = execute("run", "--residents", "2000", "--years", "1", "--out", out.toString());
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertTrue(o.err.contains(out.toString()) || o.err.contains(file.toString()), o.toString());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void movesLogAndNoMovesLogTogetherIsAUserError() throws IOException {
        Path out = tmp.resolve("both");
        Outcome o = execute("run", "--moves-log", "--no-moves-log", "--residents", "2000", "--years", "1", "--out",
                out.toString());
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertNothingWritten(out);
    }

    @Test
    void tinyRunWritesItsTablesAMovesLogAndAManifest() throws IOException {
        Path out = tmp.resolve("runs").resolve("tiny");
        Outcome o = execute("run", "--residents", "3000", "--years", "2", "--out", out.toString());
        assertEquals(0, o.code, o.toString());
        assertEquals("", o.err);
        assertTrue(o.out.contains(out.toString()), "stdout names the output folder: " + o);
        List<String> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of(Runner.CITY, Runner.DECOMPOSITION, Runner.DISTANCES, Runner.ESCALATIONS, Runner.LEAK,
                Runner.MANIFEST, Runner.MAP, Runner.MOVES, Runner.NEIGHBOURHOODS, Runner.ORIGINS, Runner.REGION),
                files);
        assertNothingWritten(out.resolveSibling("not-there"));

        JsonNode m = new ObjectMapper().readTree(out.resolve(Runner.MANIFEST).toFile());
        assertTrue(m.path("scenarioSha256").asText().matches("[0-9a-f]{64}"), "scenarioSha256: " + m.get("scenarioSha256"));
        assertEquals(ScenarioLoader.defaults().seed(), m.path("seed").asLong());
        assertTrue(m.path("seed").isIntegralNumber());
        assertEquals(2, m.path("years").asInt());
        assertEquals(3000, m.path("residentsRequested").asInt());
        assertTrue(m.path("commandLine").asText().contains("--residents 3000"), "commandLine: " + m.get("commandLine"));
        for (String field : List.of("startTime", "endTime", "java", "os")) {
            assertTrue(m.hasNonNull(field) && !m.get(field).asText().isBlank(), "manifest has " + field);
        }
        java.time.Instant start = java.time.Instant.parse(m.get("startTime").asText());
        java.time.Instant end = java.time.Instant.parse(m.get("endTime").asText());
        assertFalse(end.isBefore(start), "endTime is not before startTime");
        assertEquals(ScenarioLoader.sha256(ScenarioLoader.defaults().withResidents(3000).withYears(2)),
                m.get("scenarioSha256").asText(), "the hash is of the scenario as run, overrides included");
        assertTrue(m.path("scenario").isObject(), "the resolved scenario is recorded");
        assertEquals(2, m.path("scenario").path("years").asInt());
    }

    @Test
    void noMovesLogLeavesOutMovesCsv() throws IOException {
        Path out = tmp.resolve("quiet-run");
        Outcome o = execute("run", "--residents", "3000", "--years", "1", "--no-moves-log", "--out", out.toString());
        assertEquals(0, o.code, o.toString());
        assertFalse(Files.exists(out.resolve(Runner.MOVES)), "no moves.csv with --no-moves-log");
        for (String f : List.of(Runner.NEIGHBOURHOODS, Runner.CITY, Runner.DECOMPOSITION, Runner.MANIFEST)) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        JsonNode m = new ObjectMapper().readTree(out.resolve(Runner.MANIFEST).toFile());
        assertFalse(m.path("files").toString().contains(Runner.MOVES), "manifest files: " + m.get("files"));
    }

    @Test
    void movesLogOptionTurnsTheLogOnForAScenarioWithoutIt() throws IOException {
        Path file = tmp.resolve("no-log.json");
        Files.writeString(file, "{ \"output\": { \"movesLog\": false } }", StandardCharsets.UTF_8);
        Path plain = tmp.resolve("plain");
        Outcome o = execute("run", file.toString(), "--residents", "2000", "--years", "1", "--out", plain.toString());
        assertEquals(0, o.code, o.toString());
        assertFalse(Files.exists(plain.resolve(Runner.MOVES)), "the scenario says no moves log");
        Path on = tmp.resolve("on");
        o = execute("run", file.toString(), "--moves-log", "--residents", "2000", "--years", "1", "--out", on.toString());
        assertEquals(0, o.code, o.toString());
        assertTrue(Files.exists(on.resolve(Runner.MOVES)), "--moves-log writes moves.csv");
    }

    @Test
    void scenarioFileSeedAndOverridesAreUsed() throws IOException {
        Path file = tmp.resolve("small.json");
        Files.writeString(file, "{ \"name\": \"small-test\", \"seed\": 5, \"years\": 9 }", StandardCharsets.UTF_8);
        Path out = tmp.resolve("from-file");
        Outcome o = execute("run", file.toString(), "--years", "1", "--seed", "6", "--residents", "2000", "--quiet",
                "--out", out.toString());
        assertEquals(0, o.code, o.toString());
        assertEquals(out.toString(), o.out.strip(), "--quiet prints only the folder");
        JsonNode m = new ObjectMapper().readTree(out.resolve(Runner.MANIFEST).toFile());
        assertEquals("small-test", m.path("scenarioName").asText());
        assertEquals(6, m.path("seed").asLong());
        assertEquals(1, m.path("years").asInt());
        assertEquals(file.toString(), m.path("scenarioSource").asText());
    }

    @Test
    void sweepRunsASweepFileAndWritesItsFolder() throws IOException {
        Path dir = tmp.resolve("sweep-input");
        Files.createDirectories(dir);
        Files.copy(Path.of("scenarios", "baseline.json"), dir.resolve("baseline.json"));
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"sweep\": {\"name\": \"s\", \"description\": \"a test\", \"base\": \"baseline.json\", "
                + "\"replications\": 2, \"metrics\": [\"city_employment_end\", \"social_return\"], "
                + "\"set\": {\"years\": 2, \"warmUpYears\": 1, \"city.residents\": 2000}, "
                + "\"parameters\": [{\"name\": \"leave\", \"path\": \"housing.distanceDecay\", \"values\": [0.2, 0.5]}]}}");
        Path out = tmp.resolve("sweep-out");
        Outcome o = execute("sweep", file.toString(), "--out", out.toString(), "--runs", "none", "--threads", "2");
        assertEquals(0, o.code, o.toString());
        assertTrue(o.out.contains("2 points x 2 replications = 4 runs"), o.toString());
        assertTrue(o.err.contains("4 of 4 runs"), "progress on standard error: " + o);
        List<String> rows = Files.readAllLines(out.resolve("runs.csv"));
        assertEquals("run_id,point,replication,seed,leave,city_employment_end,social_return", rows.get(0));
        assertEquals(5, rows.size());
        assertTrue(rows.get(1).startsWith("0,0,0,1,0.2,") && rows.get(1).endsWith(",NA"), rows.get(1) + ": no programme, no return");
        assertTrue(Files.isRegularFile(out.resolve("summary.csv")) && Files.isRegularFile(out.resolve("manifest.json")));
        Path report = tmp.resolve("sweep-report");
        Outcome compare = execute("compare", out.toString(), "--out", report.toString());
        assertEquals(0, compare.code, compare.toString());
        assertTrue(Files.isRegularFile(report.resolve("index.html")) && compare.out.contains("Reported the sweep (4 runs)"),
                compare.toString());
        Outcome mixed = execute("compare", out.toString(), out.toString(), "--out", tmp.resolve("mixed").toString());
        assertEquals(2, mixed.code, mixed.toString());
        assertOneErrorLine(mixed);
        Outcome quiet = execute("sweep", file.toString(), "--out", tmp.resolve("sweep-quiet").toString(), "--runs", "none",
                "--quiet");
        assertEquals(0, quiet.code, quiet.toString());
        assertEquals("", quiet.err, "--quiet: no progress");
    }

    @Test
    void aBadSweepIsOneLineAndWritesNothing() throws IOException {
        Path dir = tmp.resolve("bad-sweeps");
        Files.createDirectories(dir);
        Files.copy(Path.of("scenarios", "baseline.json"), dir.resolve("baseline.json"));
        Path out = tmp.resolve("bad-sweep-out");
        String start = "{\"sweep\": {\"name\": \"s\", \"base\": \"baseline.json\", ";
        String param = "\"parameters\": [{\"name\": \"x\", \"path\": \"housing.distanceDecay\", \"values\": [0.2]}]";
        String[] bodies = {
            start + "\"replications\": 0, " + param + "}}",
            start + "\"replications\": 1, \"design\": \"nope\", " + param + "}}",
            start + "\"replications\": 1, \"parameters\": [{\"name\": \"x\", \"path\": \"housing.nope\", \"values\": [1]}]}}",
            start + "\"replications\": 1, \"parameters\": [{\"name\": \"x\", \"path\": \"housing.registeredShare\", \"values\": [2]}]}}",
            start + "\"replications\": 1, \"parameters\": [{\"name\": \"x\", \"path\": \"housing.distanceDecay\", \"values\": []}]}}",
            "not json",
        };
        for (String body : bodies) {
            Path file = dir.resolve("s.json");
            Files.writeString(file, body);
            Outcome o = execute("sweep", file.toString(), "--out", out.toString());
            assertEquals(2, o.code, body + ": " + o);
            assertOneErrorLine(o);
            assertTrue(o.err.contains("s.json"), o.toString());
        }
        Outcome runs = execute("sweep", Path.of("scenarios", "sweep-duration.json").toString(), "--runs", "some",
                "--out", out.toString());
        assertEquals(2, runs.code, runs.toString());
        assertOneErrorLine(runs);
        Outcome missing = execute("sweep", dir.resolve("nope.json").toString(), "--out", out.toString());
        assertEquals(2, missing.code, missing.toString());
        for (String shard : List.of("0/2", "3/2", "x", "1/0")) {
            Outcome bad = execute("sweep", Path.of("scenarios", "sweep-duration.json").toString(), "--shard", shard,
                    "--out", out.toString());
            assertEquals(2, bad.code, shard + ": " + bad);
            assertOneErrorLine(bad);
            assertTrue(bad.err.contains("--shard"), bad.toString());
        }
        for (String[] adaptive : new String[][] {{"--ci-width", "0.1"}, {"--max-replications", "5"},
            {"--ci-width", "-1", "--max-replications", "20"}, {"--ci-width", "0.1", "--max-replications", "1"},
            {"--ci-width", "0.1", "--max-replications", "5"}, {"--ci-width", "0.1", "--max-replications", "20", "--shard", "1/2"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("sweep", Path.of("scenarios", "sweep-duration.json").toString(),
                    "--out", out.toString()));
            args.addAll(List.of(adaptive));
            Outcome bad = execute(args.toArray(String[]::new));
            assertEquals(2, bad.code, String.join(" ", adaptive) + ": " + bad);
            assertOneErrorLine(bad);
        }
        Path file = tmp.resolve("not-a-sweep-folder");
        Files.createDirectories(file);
        Files.writeString(file.resolve("x.txt"), "x");
        Outcome notSweep = execute("sweep", Path.of("scenarios", "sweep-duration.json").toString(), "--out", file.toString());
        assertEquals(2, notSweep.code, notSweep.toString());
        assertTrue(notSweep.err.contains("not a sweep's folder"), notSweep.toString());
        Outcome merge = execute("merge", tmp.resolve("nowhere").toString(), "--out", out.toString());
        assertEquals(2, merge.code, merge.toString());
        assertOneErrorLine(merge);
        assertNothingWritten(out);
    }

    @Test
    void setOverridesAParameterAndTheManifestRecordsIt() throws IOException {
        Path out = tmp.resolve("set");
        Outcome o = execute("run", "--years", "1", "--residents", "2000", "--quiet", "--set", "policy.themes.teamCareShare=0.5",
                "--set", "problems.insecurityRisk=2", "--out", out.toString());
        assertEquals(0, o.code, o.toString());
        JsonNode m = new ObjectMapper().readTree(out.resolve(Runner.MANIFEST).toFile());
        assertEquals(0.5, m.path("scenario").path("policy").path("themes").path("teamCareShare").asDouble());
        assertEquals(2.0, m.path("scenario").path("problems").path("insecurityRisk").asDouble());
    }

    @Test
    void badSetIsOneLineNamingTheOverrideAndWritesNothing() throws IOException {
        Path out = tmp.resolve("out");
        for (String set : List.of("policy.themes.synergyy=0.5", "policy.themes.synergy", "policy.themes.teamCareShare=abc",
                "policy.themes.teamCareShare=-1", "policy.themes.fragmentationLoss=0.2", "policy.themes.maxEffect.7=0.1", "programmes.x.name=a")) {
            Outcome o = execute("run", "--years", "1", "--residents", "2000", "--set", set, "--out", out.toString());
            assertEquals(2, o.code, set + ": " + o);
            assertOneErrorLine(o);
            assertTrue(o.err.contains("--set") && o.err.contains(set.split("=")[0]), set + ": " + o);
        }
        assertNothingWritten(out);
    }

    @Test
    void badSetOnValidateIsAUserErrorBeforeAnyRun() throws IOException {
        Path out = tmp.resolve("validation");
        Outcome o = execute("validate", "--quick", "--set", "policy.themes.nope=1", "--out", out.toString());
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertTrue(o.err.contains("--set policy.themes.nope"), o.toString());
        assertNothingWritten(out);
    }

    @Test
    void validateClaimsItsFolderResumesTheSameSuiteAndRefusesAnyOther() throws IOException {
        Path used = tmp.resolve("used-by-other");
        Files.createDirectories(used);
        Files.writeString(used.resolve("notes.txt"), "mine");
        Outcome o = execute("validate", "--quick", "--out", used.toString());
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertTrue(o.err.contains("not a validation folder"), o.toString());

        Path other = tmp.resolve("other-validation");
        Files.createDirectories(other);
        Files.writeString(other.resolve(ValidateCommand.IDENTITY), "{\"runs\": []}\n");
        o = execute("validate", "--quick", "--out", other.toString());
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertTrue(o.err.contains("holds another validation"), o.toString());

        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        o = execute("validate", "--quick", "--out", file.toString());
        assertEquals(2, o.code, o.toString());
        assertTrue(o.err.contains("not a folder"), o.toString());

        Path fresh = tmp.resolve("fresh-validation");
        assertFalse(ValidateCommand.claim(fresh, "{\"id\": 1}\n"), "a new folder is claimed, not complete");
        assertFalse(ValidateCommand.claim(fresh, "{\"id\": 1}\n"), "the same suite resumes it");
        Files.writeString(fresh.resolve("validation.csv"), "pattern\n");
        assertTrue(ValidateCommand.claim(fresh, "{\"id\": 1}\n"), "with its table written it is complete");
        assertThrows(UserException.class, () -> ValidateCommand.claim(fresh, "{\"id\": 2}\n"));
    }

    @Test
    void guiChecksItsScenarioAndFlagsBeforeAnyWindowOpens() throws IOException {
        Outcome o = execute("gui", tmp.resolve("no-such.json").toString());
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertTrue(o.err.contains("no-such.json"), o.toString());
        o = execute("gui", "--ticks", "5");
        assertEquals(2, o.code, o.toString());
        assertTrue(o.err.contains("--ticks and --snapshot"), o.toString());
        o = execute("gui", "--ticks", "5", "--snapshot", tmp.resolve("map.jpg").toString());
        assertEquals(2, o.code, o.toString());
        assertTrue(o.err.contains(".png"), o.toString());
        o = execute("gui", "--residents", "10");
        assertEquals(2, o.code, o.toString());
        assertTrue(o.err.contains("--residents"), o.toString());
        // these tests run headless: a valid call is refused in one line, not with a stack trace
        o = execute("gui", "scenarios/krachtwijk.json");
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertTrue(o.err.contains("no display"), o.toString());
    }

    @Test
    void compareRejectsMissingAndEmptyInputsInOneLine() throws IOException {
        Path out = tmp.resolve("report");
        Outcome o = execute("compare", tmp.resolve("nope").toString(), "--out", out.toString());
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertTrue(o.err.contains("nope: no such folder"), o.toString());
        Files.createDirectories(tmp.resolve("empty"));
        o = execute("compare", tmp.resolve("empty").toString(), "--out", out.toString());
        assertEquals(2, o.code, o.toString());
        assertOneErrorLine(o);
        assertTrue(o.err.contains("no run in it"), o.toString());
        o = execute("compare", "--out", out.toString());
        assertEquals(2, o.code, o.toString());
        assertNothingWritten(out);
    }

    @Test
    void compareRejectsBadMapYears() throws IOException {
        Path out = tmp.resolve("report");
        for (String y : List.of("x", "-1", "0,300")) {
            Outcome o = execute("compare", tmp.toString(), "--map-years", y, "--out", out.toString());
            assertEquals(2, o.code, y + ": " + o);
            assertOneErrorLine(o);
            assertTrue(o.err.contains("--map-years"), o.toString());
        }
        assertNothingWritten(out);
    }

    @Test
    void compareRejectsBadHorizons() throws IOException {
        Path out = tmp.resolve("report");
        for (String h : List.of("0", "-3", "x", "500")) {
            Outcome o = execute("compare", tmp.toString(), "--horizon", h, "--out", out.toString());
            assertEquals(2, o.code, h + ": " + o);
            assertOneErrorLine(o);
            assertTrue(o.err.contains("--horizon"), o.toString());
        }
        assertNothingWritten(out);
    }

    @Test
    void studyRejectsBadValuesBeforeRunningAnything() throws IOException {
        Path out = tmp.resolve("study");
        for (String[] args : List.of(new String[] {"--replications", "0"}, new String[] {"--years", "3"},
                new String[] {"--set", "policy.nope=1"}, new String[] {"--threads", "0"},
                new String[] {"--scenarios", tmp.resolve("none").toString()})) {
            Outcome o = execute("study", args[0], args[1], "--out", out.toString());
            assertEquals(2, o.code, String.join(" ", args) + ": " + o);
            assertOneErrorLine(o);
            assertNothingWritten(out);
        }
        Outcome o = execute("study", "--out", out.toString(), "--report-only", tmp.resolve("r").toString());
        assertEquals(2, o.code, o.toString());
        assertTrue(o.err.contains("choose one"), o.toString());
    }

    @Test
    void aStoppedStudyResumesAndAnotherStudyIsRefused() throws IOException {
        Path out = tmp.resolve("study-resume");
        String[] args = {"study", "--residents", "2000", "--replications", "1", "--quiet", "--out", out.toString()};
        Outcome first = execute(args);
        assertEquals(0, first.code, first.toString());
        byte[] before = Files.readAllBytes(out.resolve("report/summary-differences.csv"));
        // as if stopped: one run and the report not yet written, a half-written run left behind
        Path run;
        try (Stream<Path> dirs = Files.list(out.resolve("runs"))) {
            run = dirs.sorted().toList().get(3).resolve("seed-1");
        }
        org.wijklab.experiment.Folders.deleteTree(run);
        org.wijklab.experiment.Folders.deleteTree(out.resolve("report"));
        Files.createDirectories(run.resolveSibling(".seed-2.partial"));
        Outcome again = execute(args);
        assertEquals(0, again.code, again.toString());
        assertTrue(Files.isRegularFile(run.resolve(Runner.MANIFEST)), "the missing run ran");
        assertFalse(Files.exists(run.resolveSibling(".seed-2.partial")), "the half-written run is gone");
        assertArrayEquals(before, Files.readAllBytes(out.resolve("report/summary-differences.csv")),
                "the resumed study's report is the uninterrupted one's");
        Outcome done = execute(args);
        assertEquals(0, done.code, done.toString());
        assertTrue(done.out.contains("already complete"), done.toString());
        Outcome other = execute("study", "--residents", "2000", "--replications", "2", "--out", out.toString());
        assertEquals(2, other.code, other.toString());
        assertOneErrorLine(other);
        assertTrue(other.err.contains("holds a study of other scenarios"), other.toString());
    }

    @Test
    void aSmallStudyRunsTheStandardScenariosAndPrintsTheReport() throws IOException {
        Path out = tmp.resolve("study");
        Outcome o = execute("study", "--residents", "2000", "--replications", "1", "--out", out.toString());
        assertEquals(0, o.code, o.toString());
        int runs14 = org.wijklab.experiment.Study.STANDARD.size();
        assertTrue(o.err.contains(runs14 + " of " + runs14 + " runs (100 %)"), "progress on standard error: " + o);
        Path index = out.resolve("report/index.html");
        assertEquals(index.toString(), o.out.strip().lines().reduce((a, b) -> b).orElse(""), "the last line is the report");
        assertTrue(Files.isRegularFile(index));
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            assertEquals(org.wijklab.experiment.Study.STANDARD.size(), runs.count());
        }
        String html = Files.readString(index);
        for (String name : org.wijklab.experiment.Study.STANDARD) {
            assertTrue(html.contains(">" + name + "<"), name + " in the report");
        }
    }

    @Test
    void emptyExistingOutputFolderIsAccepted() throws IOException {
        Path out = tmp.resolve("empty");
        Files.createDirectories(out);
        Outcome o = execute("run", "--residents", "2000", "--years", "1", "--no-moves-log", "--out", out.toString());
        assertEquals(0, o.code, o.toString());
        assertTrue(Files.isRegularFile(out.resolve(Runner.MANIFEST)));
    }
}
