package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wijklab.experiment.Folders;

/**
 * Sweeps, merges and studies that would have given a wrong answer with exit 0 (a folder written by
 * two writers through a link, a resume or merge across an edited base, a journal or shard row that
 * is not its run's, a parameter whose value is set over) or the wrong words: each is refused in one
 * line on standard error, exit 2, nothing written; and what is right is taken (a journal row
 * repeated word for word is taken once).
 */
class SweepIntegrityTest {
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    /** A tiny sweep: 2 points x 2 replications of a 2,000-resident city over 2 years. */
    static final String SWEEP = """
            {"sweep": {"name": "t", "base": "base.json", "replications": 2, "metrics": ["city_employment_end"],
             "parameters": [{"name": "prox", "path": "programmes[0].team.proximity", "values": [0.3, 0.9]}]}}
            """;

    /** A finished sweep of {@link #SWEEP} (--runs none), copied by the resume cases. */
    static Path complete;
    /** A finished run of the tiny base. */
    static Path run;

    @BeforeAll
    static void finishedSweep() throws IOException {
        System.setProperty(WijkLabCli.LOG_DIR_PROPERTY, shared.resolve("logs").toString());
        Path files = files(shared.resolve("files"));
        complete = shared.resolve("complete");
        CliTest.Outcome o = CliTest.execute(sweepArgs(files, complete));
        assertEquals(0, o.code(), o.toString());
        run = shared.resolve("run");
        org.wijklab.experiment.Runner.run(org.wijklab.scenario.ScenarioLoader.fromJson(BadInputTest.TINY, "tiny.json"),
                "tiny.json", run, "test");
    }

    /** base.json and s.json (the sweep) in dir. */
    static Path files(Path dir) throws IOException {
        Files.createDirectories(dir);
        BadInputTest.write(dir, "base.json", BadInputTest.TINY);
        BadInputTest.write(dir, "s.json", SWEEP);
        return dir;
    }

    static String[] sweepArgs(Path files, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("sweep", files.resolve("s.json").toString(), "--out", out.toString(),
                "--runs", "none", "--threads", "1", "--quiet"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /** A copy of the finished sweep as a killed one leaves it: not complete, its rows in the journal, no runs.csv yet. */
    static Path killed(Path dir) throws IOException {
        Path out = dir.resolve("so");
        Files.createDirectories(out);
        Files.copy(complete.resolve("manifest.json"), out.resolve("manifest.json"));
        BadInputTest.replaceIn(out.resolve("manifest.json"), "\"complete\" : true", "\"complete\" : false");
        List<String> rows = Files.readAllLines(complete.resolve("runs.csv"));
        Files.write(out.resolve("runs.journal"), rows.subList(1, rows.size()));
        return out;
    }

    /** Shards 1/2 and 2/2 of the sweep in dir, the base (yearlyBudget) or the sweep file (description) edited between them. */
    static String[] shardsEditedBetween(Path dir, String what) throws IOException {
        Path files = files(dir);
        assertEquals(0, CliTest.execute(sweepArgs(files, dir.resolve("sh1"), "--shard", "1/2")).code());
        if (what.equals("base")) {
            BadInputTest.replaceIn(files.resolve("base.json"), "\"yearlyBudget\": 1000000", "\"yearlyBudget\": 2000000");
        } else {
            BadInputTest.replaceIn(files.resolve("s.json"), "\"name\": \"t\"", "\"name\": \"t\", \"description\": \"edited\"");
        }
        assertEquals(0, CliTest.execute(sweepArgs(files, dir.resolve("sh2"), "--shard", "2/2")).code());
        return new String[] {"merge", dir.resolve("sh1").toString(), dir.resolve("sh2").toString(), "--out",
            dir.resolve("out").toString()};
    }

    /** Two shards of the sweep in dir, shard 2's runs.csv changed by change. */
    static String[] shardsWithDamage(Path dir, BadInputTest.IoChange change) throws IOException {
        Path files = files(dir);
        assertEquals(0, CliTest.execute(sweepArgs(files, dir.resolve("sh1"), "--shard", "1/2")).code());
        assertEquals(0, CliTest.execute(sweepArgs(files, dir.resolve("sh2"), "--shard", "2/2")).code());
        change.apply(dir.resolve("sh2").resolve("runs.csv"));
        return new String[] {"merge", dir.resolve("sh1").toString(), dir.resolve("sh2").toString(), "--out",
            dir.resolve("out").toString()};
    }

    /** A sweep file whose parameters (a JSON list) vary the tiny base. */
    static BadInputTest.Setup parameters(String parameters) {
        return parameters("", parameters);
    }

    static BadInputTest.Setup parameters(String set, String parameters) {
        return dir -> {
            Path files = files(dir);
            BadInputTest.write(files, "p.json", "{\"sweep\": {\"name\": \"t\", \"base\": \"base.json\", \"replications\": 1, "
                    + set + "\"parameters\": " + parameters + "}}");
            return new String[] {"sweep", files.resolve("p.json").toString(), "--out", dir.resolve("out").toString(), "--quiet"};
        };
    }

    /** Sets one cell of a CSV file's data line (1 = the first line of the file). */
    static void setCell(Path csv, int line, int column, String value) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        String[] cells = lines.get(line - 1).split(",", -1);
        cells[column] = value;
        lines.set(line - 1, String.join(",", cells));
        Files.write(csv, lines);
    }

    static Stream<Arguments> refusals() {
        List<Arguments> all = new ArrayList<>();
        // 2. a resume after the base scenario was edited
        all.add(BadInputTest.c("resume after the base was edited", "--out " + "DIR/so: base scenario base.json changed since this "
                + "sweep started (sha256 ", dir -> {
                    Path out = killed(dir);
                    Files.write(out.resolve("runs.journal"), Files.readAllLines(out.resolve("runs.journal")).subList(0, 2));
                    Path files = files(dir);
                    BadInputTest.replaceIn(files.resolve("base.json"), "\"yearlyBudget\": 1000000", "\"yearlyBudget\": 2000000");
                    return sweepArgs(files, out);
                }));
        all.add(BadInputTest.c("a complete sweep after the base was edited", "base scenario base.json changed since this sweep started",
                dir -> {
                    Path out = dir.resolve("so");
                    copyTree(complete, out);
                    Path files = files(dir);
                    BadInputTest.replaceIn(files.resolve("base.json"), "\"yearlyBudget\": 1000000", "\"yearlyBudget\": 2000000");
                    return sweepArgs(files, out);
                }));
        // a folder or shard started by a build that drew designs and adaptive replications another way
        all.add(BadInputTest.c("resume of a sweep started under methods version 1", "--out DIR/so: was started by a WijkLab "
                + "that draws sweep designs and adaptive replications another way (methods version 1, this build 2)", dir -> {
                    Path out = killed(dir);
                    BadInputTest.replaceRegex(out.resolve("manifest.json"), "\\s*\"methodsVersion\" : \\d+,", "");
                    return sweepArgs(files(dir), out);
                }));
        all.add(BadInputTest.c("merge of a shard of methods version 1", "merge: " + "DIR/sh2 (shard 2/2): was started by a WijkLab "
                + "that draws sweep designs", dir -> {
                    String[] merge = shardsWithDamage(dir, f -> { });
                    BadInputTest.replaceRegex(dir.resolve("sh2").resolve("manifest.json"), "\"methodsVersion\" : \\d+",
                            "\"methodsVersion\" : 1");
                    return merge;
                }));
        // 3. merge of shards that ran different bases or sweep files, or of files edited since
        all.add(BadInputTest.c("merge of shards with different bases", "sh2 (shard 2/2) ran the base scenario base.json with sha256",
                dir -> shardsEditedBetween(dir, "base")));
        all.add(BadInputTest.c("merge of shards of different sweep files", "sh2 (shard 2/2) ran the sweep file with sha256",
                dir -> shardsEditedBetween(dir, "sweep")));
        all.add(BadInputTest.c("merge after the base was edited", "the base scenario " + "DIR/base.json changed since the shards ran",
                dir -> {
                    String[] merge = shardsWithDamage(dir, f -> { });
                    BadInputTest.replaceIn(dir.resolve("base.json"), "\"yearlyBudget\": 1000000", "\"yearlyBudget\": 2000000");
                    return merge;
                }));
        // 10. a shard's runs.csv that is not its runs'
        all.add(BadInputTest.c("merge: a NaN parameter cell", "sh2/runs.csv: line 2, column 'prox': 'NaN' is not run 1's",
                dir -> shardsWithDamage(dir, f -> setCell(f, 2, 4, "NaN"))));
        all.add(BadInputTest.c("merge: a metric 'abc'", "sh2/runs.csv: line 3, column 'city_employment_end': 'abc' is not a finite number",
                dir -> shardsWithDamage(dir, f -> setCell(f, 3, 5, "abc"))));
        all.add(BadInputTest.c("merge: an extra column", "sh2/runs.csv: line 1: the columns are not the sweep's",
                dir -> shardsWithDamage(dir, f -> {
                    List<String> l = new ArrayList<>(Files.readAllLines(f));
                    for (int i = 0; i < l.size(); i++) {
                        l.set(i, l.get(i) + (i == 0 ? ",extra" : ",1"));
                    }
                    Files.write(f, l);
                })));
        all.add(BadInputTest.c("merge: an extra cell in a row", "sh2/runs.csv: line 2: 7 cells, the header has 6",
                dir -> shardsWithDamage(dir, f -> setCell(f, 2, 5, "0.5,1"))));
        all.add(BadInputTest.c("merge: a row of the other shard", "sh2/runs.csv: line 2, column 'run_id': run 0 is not of shard 2/2",
                dir -> shardsWithDamage(dir, f -> Files.writeString(f, Files.readString(f).replaceFirst("\n1,0,1,2,", "\n0,0,0,1,")))));
        // 10. a journal that is not its runs'
        all.add(BadInputTest.c("journal: two different rows of one run", "runs.journal: lines 1 and 5 are two different rows of run 0",
                dir -> {
                    Path out = killed(dir);
                    List<String> l = new ArrayList<>(Files.readAllLines(out.resolve("runs.journal")));
                    l.add(l.get(0).replaceFirst(",[0-9.]+$", ",0.5"));
                    Files.write(out.resolve("runs.journal"), l);
                    return sweepArgs(files(dir), out);
                }));
        all.add(BadInputTest.c("journal: a metric 'abc'", "so/runs.journal: line 2, column 'city_employment_end': 'abc' is not a finite number",
                dir -> {
                    Path out = killed(dir);
                    setCell(out.resolve("runs.journal"), 2, 5, "abc");
                    return sweepArgs(files(dir), out);
                }));
        all.add(BadInputTest.c("journal: a NaN parameter cell", "so/runs.journal: line 1, column 'prox': 'NaN' is not run 0's", dir -> {
            Path out = killed(dir);
            setCell(out.resolve("runs.journal"), 1, 4, "NaN");
            return sweepArgs(files(dir), out);
        }));
        all.add(BadInputTest.c("journal: a run id 'x'", "so/runs.journal: line 3, column 'run_id': 'x' is not a run of this sweep", dir -> {
            Path out = killed(dir);
            setCell(out.resolve("runs.journal"), 3, 0, "x");
            return sweepArgs(files(dir), out);
        }));
        all.add(BadInputTest.c("journal: a run id beyond the sweep", "column 'run_id': '99' is not a run of this sweep (0-3)", dir -> {
            Path out = killed(dir);
            setCell(out.resolve("runs.journal"), 3, 0, "99");
            return sweepArgs(files(dir), out);
        }));
        all.add(BadInputTest.c("journal: an extra cell", "so/runs.journal: line 4: 7 cells, the header has 6", dir -> {
            Path out = killed(dir);
            setCell(out.resolve("runs.journal"), 4, 5, "1,2");
            return sweepArgs(files(dir), out);
        }));
        // 4. parameters whose values would be set over
        String prox = "\"path\": \"programmes[0].team.proximity\", \"values\": [0.3, 0.9]";
        all.add(BadInputTest.c("two parameters on one path", "sweep.parameters[1] 'b' (programmes[0].team.proximity) sets "
                + "programmes[0].team.proximity, which sweep.parameters[0] 'a'",
                parameters("[{\"name\": \"a\", " + prox + "}, {\"name\": \"b\", " + prox + "}]")));
        all.add(BadInputTest.c("two parameters on one place by other paths", "sets programmes[0].team.proximity, which sweep.parameters[0]",
                parameters("[{\"name\": \"a\", \"path\": \"programmes[name=p].team.proximity\", \"values\": [0.3]}, "
                        + "{\"name\": \"b\", \"path\": \"programmes.0.team.proximity\", \"values\": [0.4]}]")));
        all.add(BadInputTest.c("a parameter inside another's path", "lies inside programmes[0].team",
                parameters("[{\"name\": \"a\", \"path\": \"programmes[*].team\", \"values\": [{\"budgetShare\": 0.2, "
                        + "\"mode\": \"integral\", \"areaResidents\": 5000, \"proximity\": 0.7}]}, {\"name\": \"b\", " + prox + "}]")));
        all.add(BadInputTest.c("a parameter holding another's path", "holds programmes[0].team.proximity",
                parameters("[{\"name\": \"b\", " + prox + "}, {\"name\": \"a\", \"path\": \"programmes[0].team\", \"values\": "
                        + "[{\"budgetShare\": 0.2, \"mode\": \"integral\", \"areaResidents\": 5000, \"proximity\": 0.7}]}]")));
        all.add(BadInputTest.c("a parameter's second path on another's", "sweep.parameters[1] 'b' (programmes[0].yearlyBudget)",
                parameters("[{\"name\": \"a\", \"path\": \"programmes[0].yearlyBudget\", \"values\": [1000]}, "
                        + "{\"name\": \"b\", \"paths\": [\"programmes[0].durationYears\", \"programmes[0].yearlyBudget\"], \"values\": [2]}]")));
        all.add(BadInputTest.c("a set value a parameter sets over", "sweep.parameters[0] 'a' (programmes[0].team.proximity) sets "
                + "programmes[0].team.proximity, which sweep.set.programmes[0].team.proximity sets too",
                parameters("\"set\": {\"programmes[0].team.proximity\": 0.5}, ", "[{\"name\": \"a\", " + prox + "}]")));
        all.add(BadInputTest.c("two parameters of one name", "'a' is used twice",
                parameters("[{\"name\": \"a\", " + prox + "}, {\"name\": \"a\", \"path\": \"years\", \"values\": [2]}]")));
        // names in sweep files: one line of printable text, at most 200 characters
        all.add(BadInputTest.c("sweep name 201 long", "sweep.name: 'tttt", dir -> {
            Path files = files(dir);
            BadInputTest.write(files, "p.json", SWEEP.replace("\"name\": \"t\"", "\"name\": \"" + "t".repeat(201) + "\""));
            return new String[] {"sweep", files.resolve("p.json").toString(), "--out", dir.resolve("out").toString()};
        }));
        all.add(BadInputTest.c("parameter name 1000 long", "sweep.parameters[0].name: 'aaaa",
                parameters("[{\"name\": \"" + "a".repeat(1000) + "\", " + prox + "}]")));
        all.add(BadInputTest.c("parameter name with a newline", "holds a control character",
                parameters("[{\"name\": \"a\\nb\", " + prox + "}]")));
        all.add(BadInputTest.c("metric name 1000 long", "sweep.metrics[0]: 'mmmm", parameters("\"metrics\": [\"" + "m".repeat(1000)
                + "\"], ", "[{\"name\": \"a\", " + prox + "}]")));
        all.add(BadInputTest.c("metric name with an escape", "sweep.metrics[0]: 'a\\u001b[31m' holds a control character",
                parameters("\"metrics\": [\"a\\u001b[31m\"], ", "[{\"name\": \"a\", " + prox + "}]")));
        all.add(BadInputTest.c("a path 1000 long", "sweep.parameters[0].path: 'pppp",
                parameters("[{\"name\": \"a\", \"path\": \"" + "p".repeat(1000) + "\", \"values\": [1]}]")));
        all.add(BadInputTest.c("a set path with a tab", "sweep.set: 'years\\tx' holds a control character",
                parameters("\"set\": {\"years\\tx\": 1}, ", "[{\"name\": \"a\", " + prox + "}]")));
        // wrong words
        all.add(BadInputTest.c("sweep --out a run's folder", "DIR/run: holds a run (its manifest.json is a single run's), not a sweep",
                dir -> {
                    copyTree(run, dir.resolve("run"));
                    return sweepArgs(files(dir), dir.resolve("run"));
                }));
        all.add(BadInputTest.c("a sweep file as the base", "sweep.base: s.json is a sweep file, not a scenario", dir -> {
            Path files = files(dir);
            BadInputTest.write(files, "p.json", SWEEP.replace("base.json", "s.json"));
            return new String[] {"sweep", files.resolve("p.json").toString(), "--out", dir.resolve("out").toString()};
        }));
        all.add(BadInputTest.c("a scenario given to sweep", "base.json: is a scenario, not a sweep file",
                dir -> new String[] {"sweep", files(dir).resolve("base.json").toString(), "--out", dir.resolve("out").toString()}));
        all.add(BadInputTest.c("a sweep file given to run", "s.json: is a sweep file, not a scenario",
                dir -> new String[] {"run", files(dir).resolve("s.json").toString(), "--out", dir.resolve("out").toString()}));
        all.add(BadInputTest.c("merge of a run's folder", "DIR/run: holds a run, not a sweep's shard", dir -> {
            copyTree(run, dir.resolve("run"));
            return new String[] {"merge", dir.resolve("run").toString(), "--out", dir.resolve("out").toString()};
        }));
        return all.stream();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("refusals")
    void refusedInOneLine(BadInputTest.Setup setup, String expect) throws IOException {
        BadInputTest.assertRefused(tmp, setup, expect.replace("DIR", tmp.toString()));
    }

    /** 1. One writer per folder through a symbolic link: the lock is the real folder's. */
    @Test
    void aLinkToAFolderBeingWrittenIsRefused() throws IOException {
        Path files = files(tmp);
        Path so = tmp.resolve("so");
        Files.createDirectories(so);
        Path link = Files.createSymbolicLink(tmp.resolve("solink"), so);
        Path parentLink = Files.createSymbolicLink(tmp.resolve("tmplink"), tmp);
        try (Folders.Claim held = Folders.claim(so)) {
            for (Path out : List.of(link, parentLink.resolve("so"), parentLink.resolve("solink"))) {
                CliTest.Outcome o = CliTest.execute(sweepArgs(files, out));
                assertEquals(2, o.code(), out + ": " + o);
                CliTest.assertOneErrorLine(o);
                assertTrue(o.err().contains("--out " + out + ": another wijklab is writing it (pid "), o.toString());
            }
            assertEquals(List.of(), list(so), "nothing written into the folder held");
        }
        // and the other way round: a writer through the link holds the folder against its real name
        try (Folders.Claim held = Folders.claim(link)) {
            CliTest.Outcome o = CliTest.execute(sweepArgs(files, so));
            assertEquals(2, o.code(), o.toString());
            assertTrue(o.err().contains("another wijklab is writing it"), o.toString());
        }
        // a link to a folder not made yet: the sweep writes the folder it points to
        Path dangling = Files.createSymbolicLink(tmp.resolve("newlink"), tmp.resolve("new"));
        try (Folders.Claim held = Folders.claim(tmp.resolve("new"))) {
            assertEquals(2, CliTest.execute(sweepArgs(files, dangling)).code());
        }
        CliTest.Outcome ok = CliTest.execute(sweepArgs(files, link));
        assertEquals(0, ok.code(), ok.toString());
        assertArrayEquals(Files.readAllBytes(complete.resolve("runs.csv")), Files.readAllBytes(so.resolve("runs.csv")));
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** 10. A journal row repeated word for word is one run: runs.csv as the uninterrupted sweep's, every run once. */
    @Test
    void aRepeatedJournalRowIsTakenOnce() throws IOException {
        Path out = killed(tmp);
        Path journal = out.resolve("runs.journal");
        List<String> rows = new ArrayList<>(Files.readAllLines(journal));
        // runs 0 and 1 finished, run 0's row written twice; runs 2 and 3 still to run
        Files.write(journal, List.of(rows.get(0), rows.get(1), rows.get(0)));
        CliTest.Outcome o = CliTest.execute(sweepArgs(files(tmp), out));
        assertEquals(0, o.code(), o.toString());
        assertArrayEquals(Files.readAllBytes(complete.resolve("runs.csv")), Files.readAllBytes(out.resolve("runs.csv")),
                "runs.csv holds each run once");
        assertArrayEquals(Files.readAllBytes(complete.resolve("summary.csv")), Files.readAllBytes(out.resolve("summary.csv")),
                "n = 2 per point");
    }

    /** A study resumed after a scenario file it reads was edited names the file; a resumed study says what it reused. */
    @Test
    void aResumedStudyNamesAnEditedScenarioAndWhatItReused() throws IOException {
        Path scenarios = tmp.resolve("scenarios");
        copyTree(Path.of("scenarios"), scenarios);
        Path out = tmp.resolve("study");
        String[] args = {"study", "--scenarios", scenarios.toString(), "--residents", "500", "--years", "11",
            "--replications", "1", "--threads", "2", "--quiet", "--out", out.toString()};
        assertEquals(0, CliTest.execute(args).code());
        // as if stopped: two runs and the report not yet written
        List<Path> runs;
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            runs = s.sorted().toList();
        }
        Folders.deleteTree(runs.get(1));
        Folders.deleteTree(runs.get(5));
        Folders.deleteTree(out.resolve("report"));
        Path krachtwijk = scenarios.resolve("krachtwijk.json");
        String text = Files.readString(krachtwijk);
        Files.writeString(krachtwijk, text.replaceFirst("\"yearlyBudget\": (\\d+)", "\"yearlyBudget\": 1$1"));
        TreeMap<String, Long> before = BadInputTest.tree(out);
        CliTest.Outcome edited = CliTest.execute(args);
        assertEquals(2, edited.code(), edited.toString());
        CliTest.assertOneErrorLine(edited);
        assertTrue(edited.err().contains("--out " + out + ": scenario " + krachtwijk + " changed since this study started (sha256 "),
                edited.toString());
        assertEquals(before, BadInputTest.tree(out), "nothing written");
        Files.writeString(krachtwijk, text);
        CliTest.Outcome resumed = CliTest.execute(args);
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(resumed.out().contains("Ran 2 runs, reused 12 in "), resumed.toString());
    }
}
