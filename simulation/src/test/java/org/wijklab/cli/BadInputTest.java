package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wijklab.experiment.Runner;
import org.wijklab.scenario.ScenarioLoader;

/**
 * Every bad input and fault the command line handles, one row each: the command exits 2, prints
 * one line on standard error that names the problem, and writes nothing (the case's folder holds
 * the same files, of the same sizes, before and after, and no results/ folder appears).
 */
class BadInputTest {
    /** A finished run with a programme: a small city, two recorded years; the inputs of the compare cases. */
    static Path run;
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    /** How a case builds its command line in its own folder (given as {@code dir}); {@code out} is dir/out. */
    interface Setup {
        String[] args(Path dir) throws IOException;
    }

    static final String TINY = """
            {"name": "tiny", "seed": 1, "years": 2, "warmUpYears": 1, "city": {"residents": 2000},
             "programmes": [{"name": "p", "targets": {"weakest": 3}, "startYear": 0, "durationYears": 2,
              "yearlyBudget": 1000000, "themes": {"work": 0.4, "health": 0.4},
              "team": {"budgetShare": 0.2, "mode": "integral", "areaResidents": 5000, "proximity": 0.7}}]}""";

    @BeforeAll
    static void finishedRun() {
        run = shared.resolve("run");
        Runner.run(ScenarioLoader.fromJson(TINY, "tiny.json"), "tiny.json", run, "test");
        System.setProperty(WijkLabCli.LOG_DIR_PROPERTY, shared.resolve("logs").toString());
    }

    static Arguments c(String name, String expect, Setup setup) {
        return Arguments.of(Named.of(name, setup), expect);
    }

    static final List<String> COMMANDS = List.of("run", "study", "sweep", "calibrate", "merge", "compare", "validate");

    /** The command line of a command with everything but its --out, cheap if it ever got past the checks. */
    static List<String> base(String command, Path dir) throws IOException {
        return switch (command) {
            case "run" -> List.of("run", "--years", "1", "--residents", "500", "--threads", "1");
            case "study" -> List.of("study", "--residents", "500", "--replications", "1", "--threads", "1", "--quiet");
            case "sweep" -> List.of("sweep", "scenarios/sweep-duration.json", "--threads", "1", "--quiet");
            case "calibrate" -> List.of("calibrate", "scenarios/calibrate-households.json", "--threads", "1", "--quiet");
            case "merge" -> List.of("merge", dir.resolve("no-shard").toString());
            case "compare" -> List.of("compare", copyRun(dir).toString());
            case "validate" -> List.of("validate", "--quick", "--threads", "1", "--quiet");
            default -> throw new IllegalArgumentException(command);
        };
    }

    static String[] with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    static Path copyRun(Path dir) throws IOException {
        Path copy = dir.resolve("in");
        if (Files.exists(copy)) {
            return copy;
        }
        Files.createDirectories(copy);
        try (Stream<Path> s = Files.list(run)) {
            for (Path p : s.toList()) {
                Files.copy(p, copy.resolve(p.getFileName()));
            }
        }
        return copy;
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    /** Sets a column's cells in every data row of a CSV file (the runs' files hold no quoted cells with commas). */
    static void setColumn(Path csv, String column, String value) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int c = header.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException(csv + " has no column " + column);
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            cells[c] = value;
            lines.set(i, String.join(",", cells));
        }
        Files.write(csv, lines);
    }

    /** A compare of a copy of the finished run after {@code change}. */
    static Setup compareAfter(IoChange change) {
        return dir -> {
            Path in = copyRun(dir);
            change.apply(in);
            return new String[] {"compare", in.toString(), "--out", dir.resolve("out").toString()};
        };
    }

    interface IoChange {
        void apply(Path runCopy) throws IOException;
    }

    static Setup scenario(String json, String... more) {
        return dir -> {
            Path f = write(dir, "s.json", json);
            return with(List.of("run", f.toString(), "--out", dir.resolve("out").toString()), more);
        };
    }

    static Setup sweepFile(String json) {
        return dir -> {
            Files.copy(Path.of("scenarios/krachtwijk.json"), dir.resolve("krachtwijk.json"));
            Path f = write(dir, "sweep.json", json);
            return new String[] {"sweep", f.toString(), "--out", dir.resolve("out").toString(), "--quiet"};
        };
    }

    static Setup args(String... args) {
        return dir -> {
            List<String> out = new ArrayList<>();
            for (String a : args) {
                out.add(a.replace("OUT", dir.resolve("out").toString()).replace("DIR", dir.toString()));
            }
            return out.toArray(new String[0]);
        };
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        // 1. every command's --out
        for (String cmd : COMMANDS) {
            all.add(c(cmd + " --out \"\"", "--out: an empty path", dir -> with(base(cmd, dir), "--out", "")));
            all.add(c(cmd + " --out a file", "exists and is not a folder", dir -> {
                Path f = write(dir, "file.txt", "x");
                return with(base(cmd, dir), "--out", f.toString());
            }));
            all.add(c(cmd + " --out under a file", "is a file, not a folder", dir -> {
                Path f = write(dir, "file.txt", "x");
                return with(base(cmd, dir), "--out", f.resolve("sub/out").toString());
            }));
            all.add(c(cmd + " --out under /proc", "/proc", dir -> with(base(cmd, dir), "--out", "/proc/wijklab-out/x")));
            all.add(c(cmd + " --out in /proc/self", "/proc/self", dir -> with(base(cmd, dir), "--out", "/proc/self/wijklab")));
            all.add(c(cmd + " --out a non-empty folder", "not empty", dir -> {
                Path o = dir.resolve("full");
                Files.createDirectories(o);
                write(o, "keep.txt", "mine");
                return with(base(cmd, dir), "--out", o.toString());
            }));
        }
        all.add(c("study --report-only a file", "--report-only", dir -> with(base("study", dir), "--report-only",
                write(dir, "f", "x").toString())));
        all.add(c("study --report-only \"\"", "--report-only: an empty path", dir -> with(base("study", dir), "--report-only", "")));
        all.add(c("study --out a folder of another study", "holds a study of other scenarios", dir -> {
            Path o = dir.resolve("old");
            Files.createDirectories(o);
            write(o, "study.json", "{\"other\": true}");
            return with(base("study", dir), "--out", o.toString());
        }));
        all.add(c("validate --out a folder of another validation", "holds another validation", dir -> {
            Path o = dir.resolve("old");
            Files.createDirectories(o);
            write(o, "validation.json", "{\"other\": true}");
            return with(base("validate", dir), "--out", o.toString());
        }));
        all.add(c("calibrate --out a folder of another calibration", "of another calibration file", dir -> {
            Path o = dir.resolve("old");
            Files.createDirectories(o);
            write(o, "manifest.json", "{\"calibrationSha256\": \"0\"}");
            return with(base("calibrate", dir), "--out", o.toString());
        }));
        all.add(c("calibrate --out a sweep's folder", "not a calibration's folder", dir -> {
            Path o = dir.resolve("old");
            Files.createDirectories(o);
            write(o, "manifest.json", "{\"sweepSha256\": \"0\"}");
            return with(base("calibrate", dir), "--out", o.toString());
        }));
        all.add(c("sweep --out a folder of another sweep", "another sweep file", dir -> {
            Path o = dir.resolve("old");
            Files.createDirectories(o);
            write(o, "manifest.json", "{\"sweepSha256\": \"0\"}");
            return with(base("sweep", dir), "--out", o.toString());
        }));
        // gui --snapshot FILE
        all.add(c("gui --snapshot \"\"", "--snapshot: an empty path", args("gui", "--ticks", "1", "--snapshot", "")));
        all.add(c("gui --snapshot a folder", "is a folder", dir -> {
            Files.createDirectories(dir.resolve("x.png"));
            return new String[] {"gui", "--ticks", "1", "--snapshot", dir.resolve("x.png").toString()};
        }));
        all.add(c("gui --snapshot not .png", "must end in .png", args("gui", "--ticks", "1", "--snapshot", "DIR/x.jpg")));
        all.add(c("gui --snapshot in a missing folder", "does not exist", args("gui", "--ticks", "1", "--snapshot", "DIR/no/x.png")));
        all.add(c("gui --snapshot under /proc", "cannot write in /proc", args("gui", "--ticks", "1", "--snapshot", "/proc/x.png")));

        // 2. compare: every number the report reads, made NaN, infinite, too large or text
        String[] bad = {"NaN", "Infinity", "-Infinity", "1e308", "abc"};
        String[] hoodColumns = {"tick", "liveability", "liveability_class", "employment_rate", "equivalised_income",
            "good_mental_health", "debt_share", "adults", "residents", "households"};
        for (String col : hoodColumns) {
            for (String v : bad) {
                all.add(c("compare: neighbourhoods.csv " + col + " = " + v, "neighbourhoods.csv: line 2, column '" + col + "'",
                        compareAfter(in -> setColumn(in.resolve("neighbourhoods.csv"), col, v))));
            }
        }
        for (String[] fc : new String[][] {{"decomposition.csv", "place_change"}, {"decomposition.csv", "people_change"},
            {"decomposition.csv", "stayers"}, {"decomposition.csv", "t0"}, {"costs.csv", "cumulative_spent"}, {"costs.csv", "cumulative_avoided"}, {"costs.csv", "year"},
            {"services.csv", "programme_active"}, {"escalations.csv", "escalation_costs"}, {"escalations.csv", "year"}, {"moves.csv", "tick"}, {"origins.csv", "tick"},
            {"cohorts.csv", "tick"}}) {
            for (String v : new String[] {"NaN", "1e308"}) {
                all.add(c("compare: " + fc[0] + " " + fc[1] + " = " + v, fc[0] + ": line ", compareAfter(in -> {
                    setColumn(in.resolve(fc[0]), fc[1], v);
                })));
            }
        }
        // neighbourhoods.csv with rows deleted, duplicated or renamed
        all.add(c("compare: neighbourhoods.csv a row deleted", "neighbourhoods.csv: tick 0 has 11 of 12 neighbourhoods",
                compareAfter(in -> deleteLines(in.resolve("neighbourhoods.csv"), 2, 3))));
        all.add(c("compare: neighbourhoods.csv the last row deleted", "of 12 neighbourhoods", compareAfter(in -> {
            List<String> l = Files.readAllLines(in.resolve("neighbourhoods.csv"));
            deleteLines(in.resolve("neighbourhoods.csv"), l.size(), l.size() + 1);
        })));
        all.add(c("compare: neighbourhoods.csv a whole tick deleted", "neighbourhoods.csv: tick 1 has 0 of 12",
                compareAfter(in -> deleteLines(in.resolve("neighbourhoods.csv"), 14, 26))));
        all.add(c("compare: neighbourhoods.csv only its header", "neighbourhoods.csv: tick 0 has 0 of 12",
                compareAfter(in -> deleteLines(in.resolve("neighbourhoods.csv"), 2, Integer.MAX_VALUE))));
        all.add(c("compare: neighbourhoods.csv a row twice", "twice", compareAfter(in -> {
            Path f = in.resolve("neighbourhoods.csv");
            List<String> l = new ArrayList<>(Files.readAllLines(f));
            l.set(3, l.get(2));
            Files.write(f, l);
        })));
        all.add(c("compare: neighbourhoods.csv an unknown neighbourhood", "is not a neighbourhood of the run's scenario",
                compareAfter(in -> setColumn(in.resolve("neighbourhoods.csv"), "neighbourhood", "Atlantis"))));
        all.add(c("compare: neighbourhoods.csv a tick beyond the run", "outside the run", compareAfter(in -> {
            Path f = in.resolve("neighbourhoods.csv");
            Files.writeString(f, Files.readString(f) + Files.readAllLines(f).get(1).replaceFirst("^0,", "999,") + "\n");
        })));
        all.add(c("compare: neighbourhoods.csv empty", "neighbourhoods.csv: empty file",
                compareAfter(in -> Files.writeString(in.resolve("neighbourhoods.csv"), ""))));
        all.add(c("compare: neighbourhoods.csv a short line", "cells, the header", compareAfter(in -> {
            Path f = in.resolve("neighbourhoods.csv");
            Files.writeString(f, Files.readString(f) + "0,1\n");
        })));
        all.add(c("compare: neighbourhoods.csv an unclosed quote", "unclosed quote", compareAfter(in -> {
            Path f = in.resolve("neighbourhoods.csv");
            Files.writeString(f, Files.readString(f) + "\"0,1\n");
        })));
        all.add(c("compare: neighbourhoods.csv a column missing", "no column", compareAfter(in -> {
            Path f = in.resolve("neighbourhoods.csv");
            Files.writeString(f, Files.readString(f).replaceFirst("employment_rate", "employment_rat"));
        })));
        // moves.csv is read row by row (Table.Cursor), with the same checks as a table read whole
        all.add(c("compare: moves.csv a short line", "moves.csv: line", compareAfter(in -> {
            Path f = in.resolve("moves.csv");
            Files.writeString(f, Files.readString(f) + "1,2\n");
        })));
        all.add(c("compare: moves.csv an extra cell", "cells, the header", compareAfter(in -> {
            Path f = in.resolve("moves.csv");
            Files.writeString(f, Files.readString(f) + Files.readAllLines(f).get(1) + ",x\n");
        })));
        all.add(c("compare: moves.csv an unclosed quote", "unclosed quote", compareAfter(in -> {
            Path f = in.resolve("moves.csv");
            Files.writeString(f, Files.readString(f) + "\"1,2\n");
        })));
        all.add(c("compare: moves.csv a column missing", "moves.csv: no column 'from'", compareAfter(in -> {
            Path f = in.resolve("moves.csv");
            Files.writeString(f, Files.readString(f).replaceFirst(",from,", ",frm,"));
        })));
        all.add(c("compare: moves.csv an unknown neighbourhood", "a move names 'Atlantis'",
                compareAfter(in -> setColumn(in.resolve("moves.csv"), "from", "Atlantis"))));
        all.add(c("compare: moves.csv a tick not whole", "column 'tick': '1.5' is not a whole number",
                compareAfter(in -> setColumn(in.resolve("moves.csv"), "tick", "1.5"))));
        all.add(c("compare: neighbourhoods.csv deleted", "neighbourhoods.csv is listed in the manifest but missing",
                compareAfter(in -> Files.delete(in.resolve("neighbourhoods.csv")))));
        all.add(c("compare: neighbourhoods.csv a folder", "neighbourhoods.csv", compareAfter(in -> {
            Files.delete(in.resolve("neighbourhoods.csv"));
            Files.createDirectories(in.resolve("neighbourhoods.csv"));
        })));
        // the manifest
        all.add(c("compare: manifest scenario edited, hash not", "manifest.json: the scenario does not match its scenarioSha256",
                compareAfter(in -> replaceIn(in.resolve("manifest.json"), "\"residents\" : 2000", "\"residents\" : 2100"))));
        all.add(c("compare: manifest name edited, hash not", "does not match its scenarioSha256",
                compareAfter(in -> replaceIn(in.resolve("manifest.json"), "\"name\" : \"tiny\"", "\"name\" : \"other\""))));
        all.add(c("compare: manifest not JSON", "manifest.json: not valid JSON",
                compareAfter(in -> Files.writeString(in.resolve("manifest.json"), "{\"scenario\": "))));
        all.add(c("compare: manifest a list", "not a run manifest", compareAfter(in -> Files.writeString(in.resolve("manifest.json"), "[]"))));
        all.add(c("compare: manifest 10,000 deep", "deeper than", compareAfter(in -> Files.writeString(in.resolve("manifest.json"),
                "[".repeat(10_000) + "]".repeat(10_000)))));
        all.add(c("compare: manifest ticks huge", "is not a run's length",
                compareAfter(in -> replaceRegex(in.resolve("manifest.json"), "\"ticks\" : \\d+", "\"ticks\" : 2000000000"))));
        all.add(c("compare: manifest ticks negative", "is not a run's length",
                compareAfter(in -> replaceRegex(in.resolve("manifest.json"), "\"ticks\" : \\d+", "\"ticks\" : -5"))));
        all.add(c("compare: manifest lists ../x", "is not a file name of the run folder",
                compareAfter(in -> replaceIn(in.resolve("manifest.json"), "\"neighbourhoods.csv\"", "\"../neighbourhoods.csv\""))));
        all.add(c("compare: manifest without seed", "no 'seed'",
                compareAfter(in -> replaceRegex(in.resolve("manifest.json"), "\"seed\" : \\d+,", ""))));
        all.add(c("compare: manifest not UTF-8", "manifest.json", compareAfter(in -> Files.write(in.resolve("manifest.json"),
                new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'}))));
        all.add(c("compare: a folder without runs", "", args("compare", "DIR", "--out", "OUT")));
        all.add(c("compare: no such folder", "", args("compare", "DIR/none", "--out", "OUT")));
        all.add(c("compare: --horizon 0", "--horizon", args("compare", "DIR", "--out", "OUT", "--horizon", "0")));
        all.add(c("compare: --map-years x", "--map-years", args("compare", "DIR", "--out", "OUT", "--map-years", "x")));

        // scenario files
        String ok = "{\"name\": \"%s\", \"years\": 1, \"city\": {\"residents\": 500}%s}";
        all.add(c("scenario name with a newline", "name: 'a\\nb' holds a control character",
                scenario(ok.formatted("a\\nb", ""))));
        all.add(c("scenario name with a tab", "holds a control character", scenario(ok.formatted("a\\tb", ""))));
        all.add(c("scenario name with a bell", "holds a control character", scenario(ok.formatted("a\\u0007b", ""))));
        all.add(c("scenario name with a line separator", "holds a control character", scenario(ok.formatted("a\\u2028b", ""))));
        all.add(c("scenario name with an escape", "holds a control character", scenario(ok.formatted("a\\u001b[31mred", ""))));
        all.add(c("scenario name with a right-to-left override", "holds a control character", scenario(ok.formatted("a\\u202eb", ""))));
        all.add(c("scenario name empty", "name: must not be empty", scenario(ok.formatted("", ""))));
        all.add(c("scenario name 1000 long", "at most 200", scenario(ok.formatted("n".repeat(1000), ""))));
        all.add(c("programme name with a newline", "programmes[0].name", scenario(ok.formatted("s",
                ", \"programmes\": [{\"name\": \"p\\nq\", \"targets\": {\"weakest\": 1}, \"startYear\": 0, \"durationYears\": 1}]"))));
        all.add(c("neighbourhood name with a carriage return", "city.neighbourhoods[0].name", scenario(
                "{\"name\": \"s\", \"years\": 1, \"city\": {\"residents\": 500, \"neighbourhoods\": [{\"name\": \"a\\rb\"}]}}")));
        all.add(c("neighbourhood name with a comma", "no comma or quote", scenario(
                "{\"name\": \"s\", \"years\": 1, \"city\": {\"residents\": 500, \"neighbourhoods\": [{\"name\": \"a,b\"}]}}")));
        all.add(c("scenario 10,000 deep", "deeper than 64 levels", scenario("[".repeat(10_000) + "]".repeat(10_000))));
        all.add(c("scenario a 50 MB string", "more than the 16 MB", scenario("{\"name\": \"" + "x".repeat(50 << 20) + "\"}")));
        all.add(c("scenario a 1 MB string", "a string longer than", scenario("{\"name\": \"" + "x".repeat(1 << 20) + "\"}")));
        all.add(c("scenario a 500-digit number", "a number longer than", scenario("{\"years\": " + "9".repeat(500) + "}")));
        all.add(c("scenario years NaN", "not valid JSON", scenario("{\"years\": NaN}")));
        all.add(c("scenario residents 1e400", "city.residents", scenario("{\"city\": {\"residents\": 1e400}}")));
        all.add(c("scenario seed -1", "seed", scenario("{\"seed\": -1}")));
        all.add(c("scenario years a string", "years: expected a whole number", scenario("{\"years\": \"ten\"}")));
        all.add(c("scenario unknown field", "unknown field", scenario("{\"yeers\": 3}")));
        all.add(c("scenario duplicate field", "Duplicate field", scenario("{\"years\": 3, \"years\": 4}")));
        all.add(c("scenario trailing tokens", "not valid JSON", scenario("{\"years\": 3} {}")));
        all.add(c("scenario empty file", "must be a JSON object", scenario("")));
        all.add(c("scenario a list", "must be a JSON object", scenario("[1, 2]")));
        all.add(c("scenario not UTF-8", "not UTF-8", dir -> {
            Path f = dir.resolve("s.json");
            Files.write(f, new byte[] {'{', '"', (byte) 0xc3, '"', ':', '1', '}'});
            return new String[] {"run", f.toString(), "--out", dir.resolve("out").toString()};
        }));
        all.add(c("scenario a folder", "is a folder", args("run", "DIR", "--out", "OUT")));
        all.add(c("scenario missing", "no such file", args("run", "DIR/none.json", "--out", "OUT")));
        all.add(c("scenario programme beyond the run", "programmes[0]", scenario(ok.formatted("s",
                ", \"programmes\": [{\"name\": \"p\", \"targets\": {\"weakest\": 1}, \"startYear\": 0, \"durationYears\": 5}]"))));
        // --set
        all.add(c("--set programmes[*] on a scenario without programmes", "--set programmes[*].team.proximity: matches nothing",
                args("run", "--out", "OUT", "--set", "programmes[*].team.proximity=0.9")));
        all.add(c("--set programmes.*. on a scenario without programmes", "matches nothing",
                args("run", "--out", "OUT", "--set", "programmes.*.team.proximity=0.9")));
        all.add(c("--set an unknown field", "no field 'synergie'", args("run", "--out", "OUT", "--set", "policy.themes.synergie=0.5")));
        all.add(c("--set a value out of range", "teamCareShare", args("run", "--out", "OUT", "--set", "policy.themes.teamCareShare=7")));
        all.add(c("--set a removed key", "decisionMonths", args("run", "--out", "OUT", "--set", "policy.themes.fragmentationLoss=0.2")));
        all.add(c("--set another removed key", "coalitionBreadth", args("run", "--out", "OUT", "--set", "policy.themes.reachScale=3")));
        all.add(c("--set without =", "expected KEY=VALUE", args("run", "--out", "OUT", "--set", "years")));
        all.add(c("--set without a value", "no value after '='", args("run", "--out", "OUT", "--set", "years=")));
        all.add(c("--set an unclosed [", "is not closed", args("run", "--out", "OUT", "--set", "programmes[0.x=1")));
        all.add(c("--set an index too large", "index", args("run", "--out", "OUT", "--set", "city.neighbourhoods[99].weight=1")));
        all.add(c("--set a name not there", "no element named", args("run", "--out", "OUT", "--set",
                "city.neighbourhoods[name=Atlantis].weight=1")));
        all.add(c("--set years NaN", "years", args("run", "--out", "OUT", "--set", "years=NaN")));
        all.add(c("--set name with a newline", "holds a control character", args("run", "--out", "OUT", "--set", "name=\"a\\nb\"")));
        all.add(c("--set economy.crises[*] on a scenario without crises", "--set economy.crises[*].startYear: matches nothing",
                scenario(ok.formatted("s", ""), "--set", "economy.crises[*].startYear=1")));
        all.add(c("study --set an unknown field", "no field", args("study", "--out", "OUT", "--set", "policy.nope=1")));
        all.add(c("validate --set matching nothing", "--set", args("validate", "--quick", "--out", "OUT", "--set", "policy.nope=1")));
        // an embedded or standard scenario's mistake names its file
        all.add(c("study --years 1 names the scenario file", "embedded scenarios/", args("study", "--out", "OUT", "--years", "1")));
        all.add(c("study --scenarios names the scenario file", "scenarios/", args("study", "--scenarios", "scenarios", "--out", "OUT",
                "--years", "1")));
        // memory
        all.add(c("run --residents 20000000 on a 4 GB heap", "needs about", args("run", "--residents", "20000000", "--out", "OUT")));
        all.add(c("study --residents 20000000", "WIJKLAB_JAVA_OPTS=-Xmx", args("study", "--residents", "20000000", "--out", "OUT")));
        all.add(c("study --residents 2000000 on 8 threads", "fewer --threads", args("study", "--residents", "2000000", "--threads", "8",
                "--out", "OUT")));
        all.add(c("run a scenario of 20000000 residents", "needs about", scenario("{\"city\": {\"residents\": 20000000}}")));
        // sweep files
        all.add(c("sweep file not JSON", "not valid JSON", sweepFile("{\"sweep\": ")));
        all.add(c("sweep file 10,000 deep", "deeper than", sweepFile("{\"sweep\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}")));
        all.add(c("sweep file without sweep", "single field", sweepFile("{\"name\": 1}")));
        all.add(c("sweep file name with a newline", "sweep.name", sweepFile(
                "{\"sweep\": {\"name\": \"a\\nb\", \"base\": \"krachtwijk.json\", \"replications\": 1, \"parameters\": []}}")));
        all.add(c("sweep file base missing", "no such file", sweepFile(
                "{\"sweep\": {\"name\": \"a\", \"base\": \"none.json\", \"replications\": 1, \"parameters\": []}}")));
        all.add(c("sweep file replications huge", "replications", sweepFile(
                "{\"sweep\": {\"name\": \"a\", \"base\": \"krachtwijk.json\", \"replications\": 1e9, \"parameters\": []}}")));
        all.add(c("sweep file a path to nothing", "sweep", sweepFile(
                "{\"sweep\": {\"name\": \"a\", \"base\": \"krachtwijk.json\", \"replications\": 1, \"parameters\": "
                + "[{\"name\": \"x\", \"path\": \"nope.x\", \"values\": [1, 2]}]}}")));
        all.add(c("sweep counterfactual on a base without a programme", "sweep.counterfactual: the base scenario plain.json "
                + "has no programme", dir -> {
                    write(dir, "plain.json", "{\"name\": \"plain\", \"seed\": 1, \"years\": 2, \"warmUpYears\": 1, "
                            + "\"city\": {\"residents\": 2000}}");
                    Path f = write(dir, "sweep.json", "{\"sweep\": {\"name\": \"a\", \"base\": \"plain.json\", "
                            + "\"replications\": 1, \"counterfactual\": true, \"parameters\": [{\"name\": \"x\", "
                            + "\"path\": \"policy.help.skillFinding\", \"values\": [0.1]}]}}");
                    return new String[] {"sweep", f.toString(), "--out", dir.resolve("out").toString(), "--quiet"};
                }));
        all.add(c("sweep counterfactual not a boolean", "sweep.counterfactual", sweepFile(
                "{\"sweep\": {\"name\": \"a\", \"base\": \"krachtwijk.json\", \"replications\": 1, "
                + "\"counterfactual\": \"yes\", \"parameters\": [{\"name\": \"x\", \"path\": "
                + "\"policy.help.skillFinding\", \"values\": [0.1]}]}}")));
        all.add(c("sweep missing", "no such file", args("sweep", "DIR/none.json", "--out", "OUT")));
        all.add(c("sweep --shard 3/2", "--shard", args("sweep", "scenarios/sweep-duration.json", "--shard", "3/2", "--out", "OUT")));
        all.add(c("sweep --runs some", "--runs", args("sweep", "scenarios/sweep-duration.json", "--runs", "some", "--out", "OUT")));
        all.add(c("sweep --ci-width NaN", "--ci-width", args("sweep", "scenarios/sweep-duration.json", "--ci-width", "NaN",
                "--max-replications", "20", "--out", "OUT")));
        all.add(c("merge of a folder that is no shard", "", args("merge", "DIR", "--out", "OUT")));
        // flags
        all.add(c("run --years 0", "--years: 0", args("run", "--years", "0", "--out", "OUT")));
        all.add(c("run --years abc", "--years", args("run", "--years", "abc", "--out", "OUT")));
        all.add(c("run --seed -1", "--seed", args("run", "--seed", "-1", "--out", "OUT")));
        all.add(c("run --residents 10", "--residents", args("run", "--residents", "10", "--out", "OUT")));
        all.add(c("run --threads 0", "--threads", args("run", "--threads", "0", "--out", "OUT")));
        all.add(c("run --moves-log --no-moves-log", "choose one", args("run", "--moves-log", "--no-moves-log", "--out", "OUT")));
        all.add(c("run an unknown flag", "Unknown option", args("run", "--nope", "--out", "OUT")));
        all.add(c("run a flag with a newline", "Unknown option", args("run", "--no\npe", "--out", "OUT")));
        all.add(c("study --replications 0", "--replications", args("study", "--replications", "0", "--out", "OUT")));
        all.add(c("study --horizon 500", "--horizon", args("study", "--horizon", "500", "--out", "OUT")));
        all.add(c("study --scenarios missing", "--scenarios", args("study", "--scenarios", "DIR/none", "--out", "OUT")));
        all.add(c("study --out and --report-only", "choose one", args("study", "--out", "OUT", "--report-only", "DIR/r")));
        all.add(c("validate --replications 1", "--replications", args("validate", "--replications", "1", "--out", "OUT")));
        all.add(c("validate --scenarios missing", "--scenarios", args("validate", "--scenarios", "DIR/none", "--out", "OUT")));
        all.add(c("gui --residents 10", "--residents", args("gui", "--residents", "10")));
        all.add(c("gui --ticks without --snapshot", "give both", args("gui", "--ticks", "3")));
        all.add(c("no command", "choose a command", args()));
        all.add(c("an unknown command", "Unmatched argument", args("runn")));
        return all.stream();
    }

    static void deleteLines(Path f, int fromLine, int toLineExclusive) throws IOException {
        List<String> l = new ArrayList<>(Files.readAllLines(f));
        List<String> keep = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            int line = i + 1;
            if (line < fromLine || line >= toLineExclusive) {
                keep.add(l.get(i));
            }
        }
        Files.write(f, keep);
    }

    static void replaceIn(Path f, String from, String to) throws IOException {
        String s = Files.readString(f);
        if (!s.contains(from)) {
            throw new IllegalStateException(f + " has no " + from);
        }
        Files.writeString(f, s.replace(from, to));
    }

    static void replaceRegex(Path f, String regex, String to) throws IOException {
        String s = Files.readString(f);
        String t = s.replaceFirst(regex, to);
        if (s.equals(t)) {
            throw new IllegalStateException(f + " has no " + regex);
        }
        Files.writeString(f, t);
    }

    /** Every file under a folder with its size: what a case may not change. */
    static TreeMap<String, Long> tree(Path dir) {
        TreeMap<String, Long> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                out.put(dir.relativize(p).toString(), a.isDirectory() ? -1 : a.size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static final java.util.concurrent.atomic.AtomicInteger TRIED = new java.util.concurrent.atomic.AtomicInteger();

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void refusedInOneLine(Setup setup, String expect) throws IOException {
        assertRefused(tmp, setup, expect);
        TRIED.incrementAndGet();
    }

    /**
     * Runs a case in {@code dir} and checks that it was refused as every bad input must be: exit 2,
     * one line on standard error that holds {@code expect}, nothing on standard output, and nothing
     * written (in dir, in its out folder, under results/).
     */
    static void assertRefused(Path dir, Setup setup, String expect) throws IOException {
        String[] args = setup.args(dir);
        TreeMap<String, Long> before = tree(dir);
        boolean results = Files.exists(Path.of("results"));
        TreeMap<String, Long> resultsBefore = results ? tree(Path.of("results")) : null;
        CliTest.Outcome o = CliTest.execute(args);
        assertEquals(2, o.code(), o.toString());
        CliTest.assertOneErrorLine(o);
        assertTrue(o.err().contains(expect), "the message names the problem (" + expect + "): " + o);
        assertEquals("", o.out(), "nothing on standard output: " + o);
        assertEquals(before, tree(dir), "nothing written: " + o);
        CliTest.assertNothingWritten(dir.resolve("out"));
        if (results) {
            assertEquals(resultsBefore, tree(Path.of("results")), "nothing written under results/: " + o);
        } else {
            assertFalse(Files.exists(Path.of("results")), "no results/ folder made: " + o);
        }
    }

    @Test
    void theCasesAreManyAndTheUnmodifiedRunCompares() throws IOException {
        assertTrue(cases().count() > 150, "cases: " + cases().count());
        Path in = copyRun(tmp);
        CliTest.Outcome o = CliTest.execute("compare", in.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, o.code(), o.toString());
    }
}
