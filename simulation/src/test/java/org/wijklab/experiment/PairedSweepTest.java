package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.observation.Csv;
import org.wijklab.report.Report;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;
import org.wijklab.scenario.Sweep;

/**
 * A paired sweep (sweep.counterfactual): every run's paired metrics are the report's leak and hazard
 * of the same run against its twin (the run's folder, kept, and the twin run on its own with the
 * report pairing them by seed); the same bytes on one thread and two; a folder started with twins is
 * not resumed without them; a base without a programme is refused.
 */
class PairedSweepTest {
    @TempDir
    static Path tmp;
    static Sweep sweep;
    static Path oneThread;

    static final String SWEEP = """
            {"sweep": {"name": "paired", "description": "a test", "base": "krachtwijk.json", "replications": 2,
              "design": "grid", "counterfactual": %s, "metrics": %s,
              "set": {"years": 12, "warmUpYears": 1, "city.residents": 3000, "output.movesLog": false,
                      "programmes[0].durationYears": 1},
              "parameters": [{"name": "skillFinding", "path": "policy.help.skillFinding", "values": [0.1, 0.4]}]}}
            """;

    static Path sweepFile(String name, boolean counterfactual) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, SWEEP.formatted(counterfactual, ScenarioLoader.mapper().writeValueAsString(
                PairedMetrics.names())));
        return f;
    }

    @BeforeAll
    static void run() throws IOException {
        Files.copy(Path.of("scenarios", "krachtwijk.json"), tmp.resolve("krachtwijk.json"));
        sweep = Sweep.load(sweepFile("paired.json", true), SweepMetrics.names());
        oneThread = tmp.resolve("one-thread");
        SweepRunner.run(sweep, oneThread, 1, true, Progress.NONE, "test");
    }

    /** runs.csv's rows by run id: the cells by column name. */
    private static Map<String, String> runRow(Path dir, int id) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(SweepRunner.RUNS));
        String[] header = Csv.parse(lines.get(0));
        String[] row = Csv.parse(lines.get(1 + id));
        Map<String, String> out = new HashMap<>();
        for (int c = 0; c < header.length; c++) {
            out.put(header[c], row[c]);
        }
        assertEquals(String.valueOf(id), out.get("run_id"));
        return out;
    }

    /** A report summary file's mean (column 'mean') by the key columns' values joined by '|'. */
    private static Map<String, Double> means(Path csv, String... key) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(Csv.parse(lines.get(0)));
        Map<String, Double> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] r = Csv.parse(line);
            StringBuilder k = new StringBuilder();
            for (String c : key) {
                k.append(k.length() > 0 ? "|" : "").append(r[header.indexOf(c)]);
            }
            String v = r[header.indexOf("mean")];
            out.put(k.toString(), v.equals("NA") ? Double.NaN : Double.parseDouble(v));
        }
        return out;
    }

    /**
     * The report prints 6 significant digits: the sweep's exact value must round to it (relative
     * tolerance 1e-5, or 1e-9 absolute near 0). The runs are fixed by their seeds: no false failures.
     */
    private static void near(double report, String sweepCell, String what) {
        double v = Double.parseDouble(sweepCell);
        assertEquals(report, v, Math.max(1e-9, 1e-5 * Math.abs(report)), what);
    }

    @Test
    void theSweepsPairedMetricsAreTheReportsLeakOfTheRunAndItsTwin() throws IOException {
        for (int id : new int[] {0, 3}) {
            Map<String, String> row = runRow(oneThread, id);
            Path run = oneThread.resolve("runs").resolve(String.format("point-%04d", id / 2))
                    .resolve(String.format("rep-%03d", id % 2));
            assertTrue(Files.isRegularFile(run.resolve(Runner.LEAK)), "the run's folder is kept");
            assertFalse(Files.exists(oneThread.resolve("runs").resolve("twin")), "the twins' folders are not kept");
            // the twin, run on its own as the report's counterfactual: no programmes, another name, the same seed
            Scenario s = SweepRunner.scenario(sweep, id, 2);
            ObjectNode tree = (ObjectNode) ScenarioLoader.mapper().readTree(ScenarioLoader.toJson(s.withoutProgrammes()));
            tree.put("name", "twin");
            Path twin = tmp.resolve("twin-" + id);
            Runner.run(ScenarioLoader.fromJson(tree.toString(), "twin.json"), "twin.json", twin, "test");
            Path out = tmp.resolve("report-" + id);
            Report.write(List.of(twin, run), out, Report.Options.defaults());
            Map<String, Double> leak = means(out.resolve("summary-leak.csv"), "years_after_end", "metric", "quantity");
            Map<String, Double> hazard = means(out.resolve("summary-hazard.csv"), "years_after_end", "quantity");
            int checked = 0;
            for (String m : List.of("income", "employment")) {
                for (String[] p : new String[][] {{"0", "end"}, {"10", "10y"}}) {
                    near(leak.get(p[0] + "|" + m + "|leak"), row.get("leak_" + m + "_" + p[1]), "leak " + m + " " + p[1]);
                    near(leak.get(p[0] + "|" + m + "|gain_total"), row.get("gain_" + m + "_" + p[1]), "gain " + m + " " + p[1]);
                    checked += 2;
                }
                String share = row.get("leak_share_" + m + "_10y");
                double reportShare = leak.get("10|" + m + "|leak_share");
                assertEquals(Double.isNaN(reportShare), share.equals("NA"), "leak share NA in both or neither");
                if (!share.equals("NA")) {
                    near(reportShare, share, "leak share " + m);
                    checked++;
                }
            }
            near(leak.get("0|income|helped_share"), row.get("helped_share"), "helped share");
            near(hazard.get("0|ratio_helped_vs_unhelped"), row.get("hazard_ratio_helped_end"), "hazard ratio helped");
            near(hazard.get("0|ratio_eligible_itt"), row.get("hazard_ratio_itt_end"), "hazard ratio itt");
            assertTrue(checked >= 8 && Double.parseDouble(row.get("helped_share")) > 0, "somebody was helped");
        }
    }

    @Test
    void oneThreadAndTwoGiveTheSameBytes() throws IOException {
        Path two = tmp.resolve("two-threads");
        SweepRunner.run(sweep, two, 2, false, Progress.NONE, "test");
        for (String f : List.of(SweepRunner.RUNS, SweepRunner.SUMMARY)) {
            assertArrayEquals(Files.readAllBytes(oneThread.resolve(f)), Files.readAllBytes(two.resolve(f)), f);
        }
        assertTrue(Files.readString(two.resolve(SweepRunner.MANIFEST)).contains("\"counterfactual\" : true"),
                "the manifest records the option");
    }

    @Test
    void shardsMergedAreTheWholePairedSweep() throws IOException {
        Path a = tmp.resolve("shard-a");
        Path b = tmp.resolve("shard-b");
        SweepRunner.run(sweep, a, 1, false, Progress.NONE, "test", 0, 2);
        SweepRunner.run(sweep, b, 1, false, Progress.NONE, "test", 1, 2);
        Path merged = tmp.resolve("merged");
        SweepMerge.merge(sweep, List.of(b, a), merged, "test");
        for (String f : List.of(SweepRunner.RUNS, SweepRunner.SUMMARY)) {
            assertArrayEquals(Files.readAllBytes(oneThread.resolve(f)), Files.readAllBytes(merged.resolve(f)), f);
        }
    }

    @Test
    void aTwinThatIsNotTheSameCityGivesNaWithTheReason() {
        Scenario s = SweepRunner.scenario(sweep, 0, 2);
        RunSummary run = record(s);
        // another seed: not the same city until the start
        RunSummary twin = record(s.withoutProgrammes().withSeed(s.seed() + 1));
        PairedMetrics p = PairedMetrics.of(run, twin);
        run.paired = p;
        assertTrue(p.reason("leak_income_end").contains("the twin cannot stand for the counterfactual"),
                p.reason("leak_income_end"));
        for (String name : PairedMetrics.names()) {
            assertTrue(Double.isNaN(PairedMetrics.value(run, name)), name + " is NA");
        }
        // and the right twin has values
        run.paired = PairedMetrics.of(run, record(s.withoutProgrammes()));
        assertEquals(null, run.paired.reason("leak_income_10y"));
        assertFalse(Double.isNaN(PairedMetrics.value(run, "gain_income_10y")));
    }

    private static RunSummary record(Scenario s) {
        RunSummary r = new RunSummary(s).keepLeak();
        org.wijklab.model.WijkLabModel model = new org.wijklab.model.WijkLabModel(s);
        r.attach(model);
        model.runToEnd();
        r.finished();
        return r;
    }

    @Test
    void aFolderStartedWithTwinsIsNotResumedWithout() throws IOException {
        Sweep without = Sweep.load(sweepFile("unpaired.json", false), SweepMetrics.names());
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> SweepRunner.run(without, oneThread, 1, true, Progress.NONE, "test"));
        assertTrue(e.getMessage().contains("was started with counterfactual twins"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        // and the other way round: a folder without twins is not resumed with them
        Path plain = tmp.resolve("plain");
        Files.createDirectories(plain);
        SweepRunner.writeManifest(without, without.metrics(), plain.resolve(SweepRunner.MANIFEST), java.time.Instant.now(),
                0, false, "test", 0, 1, false, null);
        e = assertThrows(ScenarioException.class, () -> SweepRunner.run(sweep, plain, 1, false, Progress.NONE, "test"));
        assertTrue(e.getMessage().contains("was started without counterfactual twins"), e.getMessage());
    }

    @Test
    void aBaseWithoutAProgrammeIsRefused() throws IOException {
        Files.writeString(tmp.resolve("plain.json"), """
                {"name": "plain", "seed": 1, "years": 2, "warmUpYears": 1, "city": {"residents": 2000}}""");
        Path f = tmp.resolve("no-programme.json");
        Files.writeString(f, """
                {"sweep": {"name": "np", "base": "plain.json", "replications": 1, "counterfactual": true,
                  "parameters": [{"name": "skillFinding", "path": "policy.help.skillFinding", "values": [0.1]}]}}""");
        ScenarioException e = assertThrows(ScenarioException.class, () -> Sweep.load(f, SweepMetrics.names()));
        assertTrue(e.getMessage().contains("sweep.counterfactual: the base scenario plain.json has no programme"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void withoutTwinsThePairedMetricsAreNaWithTheReason() {
        Scenario s = sweep.scenario(0);
        assertTrue(SweepMetrics.unavailable("leak_income_end", s).contains("no counterfactual twins"));
        assertEquals(null, SweepMetrics.unavailable("leak_income_10y", s, true), "12 years reach the 10-year point");
        assertTrue(SweepMetrics.unavailable("leak_income_10y", s.withYears(11), true).contains("before tick 144"));
    }
}
