package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.report.SweepReport;
import org.wijklab.scenario.Designs;
import org.wijklab.scenario.Overrides;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;
import org.wijklab.scenario.Sweep;

/**
 * Estimates that cannot be made are NA with their reason, never a number: Sobol indices of a
 * parameter that A and B never change or of a metric that does not vary, Morris effects without
 * values, a 10-year statistic of a shorter run (in a sweep and in the validation suite), and
 * adaptive replications on a metric no run has.
 */
class HonestEstimatesTest {

    /** A linear function of two parameters in the unit cube: S1 = 0.8 and 0.2. */
    private static double[] linear(double[][] u) {
        double[] f = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            f[i] = 4 * u[i][0] + 2 * u[i][1];
        }
        return f;
    }

    private static Map<String, Sensitivity.Index> byKey(List<Sensitivity.Index> list) {
        Map<String, Sensitivity.Index> m = new HashMap<>();
        for (Sensitivity.Index i : list) {
            m.put(i.parameter() + "|" + i.index(), i);
        }
        return m;
    }

    @Test
    void aParameterThatAAndBHoldTheSameInEveryRowHasNoSobolIndexNotZero() {
        // two base rows of a 4-dimensional Sobol sequence: x2 is the same in A and B in both rows,
        // so AB_2 is A and both of its indices used to read 0 with the interval [0, 0]
        int n = 2;
        double[][] u = Designs.saltelli(n, 2);
        for (int i = 0; i < n; i++) {
            assertEquals(u[i][1], u[n + i][1], "the design this test is about");
        }
        Map<String, Sensitivity.Index> x = byKey(Sensitivity.sobol("y", List.of("x1", "x2"), u, linear(u), n));
        for (String index : List.of("S1", "ST")) {
            Sensitivity.Index i = x.get("x2|" + index);
            assertTrue(Double.isNaN(i.value()) && Double.isNaN(i.low()) && Double.isNaN(i.high()), "x2 " + index + ": " + i);
            assertTrue(i.reason().contains("same value of this parameter in every base row"), i.reason());
            assertTrue(Double.isFinite(x.get("x1|" + index).value()), "x1 varies: " + x.get("x1|" + index));
        }
    }

    @Test
    void aMetricThatDoesNotVaryHasNoSobolIndices() {
        int n = 16;
        double[][] u = Designs.saltelli(n, 2);
        for (double c : new double[] {0.1, 1.0 / 3, 7.3, 1e6 + 0.7}) {
            double[] f = new double[u.length];
            java.util.Arrays.fill(f, c);
            for (Sensitivity.Index i : Sensitivity.sobol("y", List.of("x1", "x2"), u, f, n)) {
                assertTrue(Double.isNaN(i.value()), c + ": " + i);
                assertTrue(i.reason().contains("does not vary"), i.reason());
            }
        }
    }

    @Test
    void sobolWithoutTwoUsableRowsAndMorrisWithoutEffectsSayWhy() {
        int n = 16;
        double[][] u = Designs.saltelli(n, 2);
        double[] f = linear(u);
        for (int i = 1; i < n; i++) {
            f[n + i] = Double.NaN;
        }
        for (Sensitivity.Index i : Sensitivity.sobol("y", List.of("x1", "x2"), u, f, n)) {
            assertTrue(Double.isNaN(i.value()), i.toString());
            assertTrue(i.reason().contains("only one base row of 16"), i.reason());
        }
        double[][] m = Designs.morris(4, 2, 4, new ec.util.MersenneTwisterFast(1));
        double[] none = new double[m.length];
        java.util.Arrays.fill(none, Double.NaN);
        for (Sensitivity.Index i : Sensitivity.morris("y", List.of("x1", "x2"), m, none, 4)) {
            assertTrue(Double.isNaN(i.value()), i.toString());
            assertTrue(i.reason().contains("no elementary effect"), i.reason());
        }
        // an estimable index has no reason
        for (Sensitivity.Index i : Sensitivity.morris("y", List.of("x1", "x2"), m, linear(m), 4)) {
            assertEquals("", i.reason(), i.toString());
        }
    }

    /**
     * A Sobol sweep's sensitivity.csv, from a runs.csv of known outputs: a parameter whose coordinates
     * differ but whose value cannot (a list of one value) is NA with its reason in the reason column.
     */
    @Test
    void sensitivityCsvWritesNaAndTheReasonForAParameterWithOneValue(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("scenarios", "krachtwijk.json"), dir.resolve("krachtwijk.json"));
        Path file = dir.resolve("sobol.json");
        Files.writeString(file, """
                {"sweep": {"name": "s", "base": "krachtwijk.json", "replications": 1, "design": "sobol", "samples": 16,
                  "metrics": ["city_employment_end"],
                  "parameters": [{"name": "proximity", "path": "programmes[0].team.proximity", "range": [0.1, 0.9]},
                                 {"name": "mode", "path": "programmes[0].team.mode", "values": ["integral"]}]}}
                """);
        Sweep sweep = Sweep.load(file, SweepMetrics.names());
        List<String> metrics = sweep.metrics();
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        StringBuilder runs = new StringBuilder(SweepRunner.header(sweep, metrics));
        for (int p = 0; p < sweep.points(); p++) {
            runs.append(SweepRunner.row(sweep, p, 1, new double[] {sweep.valueNode(p, 0).asDouble()}));
        }
        Files.writeString(out.resolve(SweepRunner.RUNS), runs);
        SweepRunner.finish(sweep, metrics, out, 1);
        TestCsv s = TestCsv.read(out.resolve(SweepRunner.SENSITIVITY));
        assertEquals(6, s.size(), "proximity, mode and the dummy, S1 and ST each");
        for (int r = 0; r < s.size(); r++) {
            if (s.get(r, "parameter").equals("mode")) {
                assertEquals("NA", s.get(r, "value"), "mode " + s.get(r, "index"));
                assertEquals("NA", s.get(r, "ci_low"));
                assertTrue(s.get(r, "reason").contains("same value"), s.get(r, "reason"));
            } else {
                assertTrue(Double.isFinite(s.num(r, "value")), "proximity " + s.get(r, "index"));
                assertEquals("", s.get(r, "reason"));
            }
        }
    }

    /** The sweep report draws no bar at 0 for an NA index: it leaves it out and lists it with its reason. */
    @Test
    void theSweepReportListsNaIndicesWithTheirReason(@TempDir Path dir) throws IOException {
        Path sweep = dir.resolve("sweep");
        Files.createDirectories(sweep);
        Files.writeString(sweep.resolve("manifest.json"), """
                {"sweep": "s", "description": "d", "sweepSha256": "x", "complete": true, "shards": 1, "design": "sobol",
                 "points": 4, "seeds": "base seed 1", "base": "b.json",
                 "parameters": [{"name": "a", "paths": ["p.a"], "range": [0, 1]}, {"name": "b", "paths": ["p.b"], "values": [1]}],
                 "metrics": {"m": "a metric"}}
                """);
        Files.writeString(sweep.resolve("runs.csv"), "run_id,point,replication,seed,a,b,m\n0,0,0,1,0.1,1,2\n1,1,0,1,0.5,1,3\n"
                + "2,2,0,1,0.9,1,5\n3,3,0,1,0.3,1,1\n");
        Files.writeString(sweep.resolve("sensitivity.csv"), "design,metric,parameter,index,value,ci_low,ci_high,reason\n"
                + "sobol,m,a,S1,0.7,0.5,0.9,\nsobol,m,a,ST,0.8,0.6,1,\n"
                + "sobol,m,b,S1,NA,NA,NA,A and B hold the same value of this parameter in every base row\n"
                + "sobol,m,b,ST,NA,NA,NA,A and B hold the same value of this parameter in every base row\n");
        Path out = dir.resolve("report");
        SweepReport.write(sweep, out);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("A and B hold the same value of this parameter in every base row"), "the reason is shown");
        assertTrue(html.contains("NA ones left out"), "the chart says it leaves NA indices out");
    }

    private static final String SHORT_RUN = """
            {"name": "short", "seed": 1, "years": 2, "warmUpYears": 1, "city": {"residents": 1000},
             "output": {"movesLog": false}}""";

    @Test
    void theTenYearRankCorrelationOfAShorterRunIsNa() {
        // a 2-year run used to report its correlation at its end (0.98) under the name of 10 years
        double[] v = SweepRunner.measure(ScenarioLoader.fromJson(SHORT_RUN, "short.json"),
                List.of("rank_correlation_10y", "city_employment_end"));
        assertTrue(Double.isNaN(v[0]), "rank_correlation_10y of a 2-year run: " + v[0]);
        assertTrue(Double.isFinite(v[1]), "the other metric is there");
        assertTrue(SweepMetrics.description("rank_correlation_10y").contains("NA when the run is shorter than 10 years"));
    }

    /**
     * V3 needs 10 years after the programme's start: with the programmes from year 2 in 11-year runs
     * it is not evaluable, with the reason, in the results, the table, validation.csv and
     * validation.md, and the others are still held against their targets.
     */
    @Test
    void aValidationStatisticBeyondTheRunIsNotEvaluableWithItsReason(@TempDir Path dir) throws IOException {
        Validation.Settings s = new Validation.Settings(2, 1000, 11, 1, 1, null);
        Overrides o = Overrides.parse(List.of("programmes[*].startYear=2", "programmes[*].durationYears=5"))
                .across(new Validation(s).standardScenarios());
        List<Validation.Result> results = new Validation(s, o).run();
        int notEvaluable = 0;
        for (Validation.Result r : results) {
            if (r.pattern().equals("V3")) {
                assertFalse(r.evaluable(), r.toString());
                assertFalse(r.pass(), "not evaluable is not a pass");
                assertTrue(r.notEvaluable().contains("shorter than 10 years after the programme's start"), r.notEvaluable());
                assertTrue(r.notEvaluable().contains("needs 12 recorded years and has 11"), r.notEvaluable());
                notEvaluable++;
            } else {
                assertTrue(r.evaluable(), r.toString());
            }
        }
        assertEquals(1, notEvaluable);
        String table = ValidationReport.table(results);
        assertTrue(table.contains("not evaluable: the run is shorter than 10 years"), table);
        assertTrue(table.contains("; 1 not evaluable (NA)."), table);
        ValidationReport.write(results, s, dir, "test");
        TestCsv csv = TestCsv.read(dir.resolve("validation.csv"));
        for (int r = 0; r < csv.size(); r++) {
            if (csv.get(r, "pattern").equals("V3")) {
                assertEquals("not evaluable", csv.get(r, "result"));
                assertEquals("NA", csv.get(r, "mean"));
                assertTrue(csv.get(r, "note").contains("shorter than 10 years"), csv.get(r, "note"));
            } else {
                assertTrue(csv.get(r, "result").equals("pass") || csv.get(r, "result").equals("fail"), csv.get(r, "result"));
            }
        }
        assertTrue(Files.readString(dir.resolve("validation.md")).contains("| NA | not evaluable: the run is shorter"));
    }

    /**
     * Adaptive replications on a first metric that no run has: the command line refuses it before
     * anything runs when the scenarios show it; the runner itself refuses after the base round
     * instead of stopping there silently.
     */
    @Test
    void adaptiveReplicationsOnAMetricThatEveryRunLacksAreRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("short.json"), SHORT_RUN);
        Path file = dir.resolve("adaptive.json");
        Files.writeString(file, """
                {"sweep": {"name": "a", "base": "short.json", "replications": 2,
                  "metrics": ["eroded_income_gain", "city_employment_end"],
                  "parameters": [{"name": "leave", "path": "housing.distanceDecay", "values": [0.1]}]}}
                """);
        Sweep sweep = Sweep.load(file, SweepMetrics.names());
        ScenarioException e = assertThrows(ScenarioException.class, () -> SweepRunner.run(sweep, dir.resolve("out"), 1,
                false, Progress.NONE, "test", 0, 1, new SweepRunner.Adaptive(0.01, 6)));
        assertTrue(e.getMessage().contains("'eroded_income_gain', which adaptive replications watch, is NA in every run"),
                e.getMessage());
        assertEquals(Statistics.STEIN_FIRST_STAGE, Files.readAllLines(dir.resolve("out").resolve(SweepFolder.JOURNAL)).size(),
                "the first stage (the sweep's 2 replications raised to 5) ran and is kept; no more were made");
    }
}
