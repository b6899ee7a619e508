package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.scenario.ScenarioLoader;
import org.wijklab.scenario.Sweep;

/**
 * A small sweep (krachtwijk on a city of 4,000 residents for 8 years, three durations, two
 * replications) run on one and on two threads: the same bytes, the seed rule, summaries that are
 * the replications' statistics, paired differences from the reference point, and the run folders.
 */
class SweepRunnerTest {
    @TempDir
    static Path tmp;
    static Sweep sweep;
    static Path one;
    static Path two;

    @BeforeAll
    static void runBoth() throws IOException {
        Files.copy(Path.of("scenarios", "krachtwijk.json"), tmp.resolve("krachtwijk.json"));
        Path f = tmp.resolve("small.json");
        Files.writeString(f, """
                {"sweep": {"name": "small", "description": "a test", "base": "krachtwijk.json", "replications": 2,
                  "reference": 1,
                  "set": {"years": 8, "warmUpYears": 2, "city.residents": 4000, "output.movesLog": false},
                  "parameters": [{"name": "duration", "path": "programmes[0].durationYears", "values": [2, 4, 6]}]}}
                """);
        sweep = Sweep.load(f, SweepMetrics.names());
        one = tmp.resolve("one");
        two = tmp.resolve("two");
        SweepRunner.run(sweep, one, 1, true, Progress.NONE, "test");
        SweepRunner.run(sweep, two, 2, false, Progress.NONE, "test");
    }

    @Test
    void theNumberOfThreadsAndKeepingTheRunsChangeNoByte() throws IOException {
        for (String file : List.of(SweepRunner.RUNS, SweepRunner.SUMMARY)) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(two.resolve(file)), file);
        }
        assertTrue(Files.isDirectory(one.resolve("runs/point-0002/rep-001")));
        assertFalse(Files.exists(two.resolve("runs")), "--runs none keeps no run folder");
    }

    @Test
    void everyRowCarriesItsIdsAndTheSeedRule() {
        TestCsv runs = TestCsv.read(one.resolve(SweepRunner.RUNS));
        assertEquals(6, runs.size());
        for (int r = 0; r < runs.size(); r++) {
            assertEquals(r, runs.integer(r, "run_id"));
            assertEquals(r / 2, runs.integer(r, "point"));
            assertEquals(r % 2, runs.integer(r, "replication"));
            assertEquals(1 + r % 2, runs.integer(r, "seed"), "base seed 1 + replication, the same at every point");
            assertEquals(2 + 2 * (r / 2), runs.integer(r, "duration"));
        }
    }

    @Test
    void aRowsMetricIsWhatItsRunFolderShows() throws IOException {
        TestCsv runs = TestCsv.read(one.resolve(SweepRunner.RUNS));
        TestCsv d = TestCsv.read(one.resolve("runs/point-0001/rep-000/decomposition.csv"));
        boolean found = false;
        for (int r = 0; r < d.size(); r++) {
            if (d.get(r, "neighbourhood").equals("targets:krachtwijk") && d.get(r, "metric").equals("income")
                    && d.integer(r, "t0") == 12 && d.integer(r, "t1") == 60) {
                assertEquals(d.num(r, "eroded_gain"), runs.num(2, "eroded_income_gain"));
                found = true;
            }
        }
        assertTrue(found, "the programme's own period 12-60 at duration 4");
        JsonNode m = ScenarioLoader.mapper().readTree(one.resolve("runs/point-0001/rep-000/manifest.json").toFile());
        assertEquals(4, m.get("scenario").get("programmes").get(0).get("durationYears").asInt());
        assertEquals(1, m.get("seed").asInt());
    }

    @Test
    void summariesAreTheReplicationsStatisticsAndPairedDifferences() {
        TestCsv runs = TestCsv.read(one.resolve(SweepRunner.RUNS));
        TestCsv summary = TestCsv.read(one.resolve(SweepRunner.SUMMARY));
        assertEquals(3 * SweepMetrics.names().size(), summary.size());
        int checked = 0;
        for (int s = 0; s < summary.size(); s++) {
            int point = (int) summary.integer(s, "point");
            String metric = summary.get(s, "metric");
            List<Double> values = new ArrayList<>();
            List<Double> diffs = new ArrayList<>();
            for (int r = 0; r < runs.size(); r++) {
                if (runs.integer(r, "point") == point && !runs.get(r, metric).equals("NA")) {
                    values.add(runs.num(r, metric));
                    int ref = 2 + (int) runs.integer(r, "replication");
                    diffs.add(runs.num(r, metric) - runs.num(ref, metric));
                }
            }
            assertEquals(values.size(), summary.integer(s, "n"));
            if (values.size() < 2) {
                continue;
            }
            Statistics.Estimate e = Statistics.estimate(values.stream().mapToDouble(Double::doubleValue).toArray());
            double tol = 1e-9 * (1 + Math.abs(e.mean()) + e.halfWidth());
            assertEquals(e.mean(), summary.num(s, "mean"), tol, metric);
            if (e.halfWidth() == 0) {
                // every replication gave the same value: no interval rather than one of zero width
                assertEquals("NA", summary.get(s, "ci_low"), metric);
                assertEquals("NA", summary.get(s, "ci_high"), metric);
            } else {
                assertEquals(e.low(), summary.num(s, "ci_low"), tol, metric);
                assertEquals(e.high(), summary.num(s, "ci_high"), tol, metric);
            }
            Statistics.Estimate d = Statistics.estimate(diffs.stream().mapToDouble(Double::doubleValue).toArray());
            assertEquals(d.mean(), summary.num(s, "difference"), 1e-9 * (1 + Math.abs(d.mean())), metric);
            if (point == 1) {
                assertEquals(0.0, summary.num(s, "difference"), "the reference against itself");
            }
            checked++;
        }
        assertTrue(checked > 20);
    }

    @Test
    void outputsMdListsEveryMetricInOrder() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "OUTPUTS.md").toFile().exists()
                ? Path.of("..", "docs", "OUTPUTS.md") : Path.of("docs", "OUTPUTS.md"));
        String section = doc.substring(doc.indexOf("The metrics a sweep file may name"));
        section = section.substring(0, section.indexOf("\n## "));
        List<String> listed = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\| `([a-z0-9_]+)` \\|").matcher(section);
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertEquals(SweepMetrics.names(), listed, "docs/OUTPUTS.md's list of sweep metrics");
    }

    @Test
    void aMorrisSweepWritesItsElementaryEffects(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("scenarios", "krachtwijk.json"), dir.resolve("krachtwijk.json"));
        Path f = dir.resolve("morris.json");
        Files.writeString(f, """
                {"sweep": {"name": "m", "description": "a test", "base": "krachtwijk.json", "replications": 1,
                  "design": "morris", "trajectories": 3, "metrics": ["eroded_income_gain", "liveability_change_pct"],
                  "set": {"years": 8, "warmUpYears": 2, "city.residents": 3000, "output.movesLog": false},
                  "parameters": [
                    {"name": "budget", "path": "programmes[0].yearlyBudget", "range": [1000000, 9000000]},
                    {"name": "proximity", "path": "programmes[0].team.proximity", "range": [0.1, 0.9]}]}}
                """);
        Sweep m = Sweep.load(f, SweepMetrics.names());
        SweepRunner.run(m, dir.resolve("out"), 2, false, Progress.NONE, "test");
        TestCsv s = TestCsv.read(dir.resolve("out").resolve(SweepRunner.SENSITIVITY));
        assertEquals(2 * 3 * 3, s.size(), "metrics x (parameters and the dummy) x (mu_star, mu, sigma)");
        for (int r = 0; r < s.size(); r++) {
            assertEquals("morris", s.get(r, "design"));
            if (s.get(r, "index").equals("mu_star")) {
                assertTrue(s.num(r, "value") >= 0);
            }
        }
        assertEquals(12, TestCsv.read(dir.resolve("out").resolve(SweepRunner.RUNS)).size(), "3 trajectories x 4 points");
        assertFalse(Files.exists(one.resolve(SweepRunner.SENSITIVITY)), "a grid has no sensitivity indices");
    }

    @Test
    void theManifestNamesTheSweepAndItsFile() throws IOException {
        JsonNode m = ScenarioLoader.mapper().readTree(one.resolve(SweepRunner.MANIFEST).toFile());
        assertEquals("small", m.get("sweep").asText());
        assertEquals(sweep.sha256(), m.get("sweepSha256").asText());
        assertEquals(6, m.get("runs").asInt());
        assertEquals(1, m.get("reference").asInt());
        assertEquals("duration", m.get("parameters").get(0).get("name").asText());
        assertEquals(SweepMetrics.names().size(), m.get("metrics").size());
    }
}
