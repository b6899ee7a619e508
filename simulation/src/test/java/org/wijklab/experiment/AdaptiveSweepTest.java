package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.scenario.Sweep;

/**
 * Adaptive replications by Stein's two-stage rule: every point runs a first stage of 5 (the sweep's 2
 * raised), its first metric's spread there sets its total ({@link Statistics#steinTotal}), and
 * summary.csv's intervals are Stein's ({@link Statistics#stein}); the result does not depend on the
 * threads, and the manifest says which seeds the runs had.
 */
class AdaptiveSweepTest {

    @Test
    void pointsGetTheReplicationsSteinsRuleAsksForAndItsInterval(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("scenarios", "baseline.json"), dir.resolve("baseline.json"));
        Path f = dir.resolve("adaptive.json");
        Files.writeString(f, """
                {"sweep": {"name": "adaptive", "description": "a test", "base": "baseline.json", "replications": 2,
                  "metrics": ["city_employment_end", "weakest_employment_end"],
                  "set": {"years": 2, "warmUpYears": 1, "city.residents": 2000},
                  "parameters": [{"name": "leave", "path": "housing.distanceDecay", "values": [0.1, 0.3, 0.6]}]}}
                """);
        Sweep sweep = Sweep.load(f, SweepMetrics.names());
        int max = 9;
        double w = 0.006;
        SweepRunner.Adaptive adaptive = new SweepRunner.Adaptive(w, max);
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        SweepRunner.run(sweep, one, 1, false, Progress.NONE, "test", 0, 1, adaptive);
        SweepRunner.run(sweep, two, 2, false, Progress.NONE, "test", 0, 1, adaptive);
        for (String file : List.of(SweepRunner.RUNS, SweepRunner.SUMMARY)) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(two.resolve(file)), file);
        }
        TestCsv runs = TestCsv.read(one.resolve(SweepRunner.RUNS));
        TestCsv summary = TestCsv.read(one.resolve(SweepRunner.SUMMARY));
        int moreThanFirst = 0;
        for (int p = 0; p < 3; p++) {
            List<Double> values = new ArrayList<>();
            for (int r = 0; r < runs.size(); r++) {
                if (runs.integer(r, "point") == p) {
                    assertEquals((long) values.size(), runs.integer(r, "replication"), "replications 0, 1, ... without gaps");
                    assertEquals((long) p * max + values.size(), runs.integer(r, "run_id"), "run id = point x max + replication");
                    assertEquals(1L + values.size(), runs.integer(r, "seed"), "seed = base seed + replication");
                    values.add(runs.num(r, "city_employment_end"));
                }
            }
            double[] all = values.stream().mapToDouble(Double::doubleValue).toArray();
            double[] first = java.util.Arrays.copyOf(all, 5);
            assertEquals(Statistics.steinTotal(first, w, max), all.length, "point " + p + ": Stein's total");
            moreThanFirst += all.length > 5 ? 1 : 0;
            Statistics.Estimate e = Statistics.stein(first, all);
            if (all.length < max) {
                assertTrue(e.halfWidth() <= w, "point " + p + " stopped at " + all.length + " with " + e.halfWidth());
            }
            for (int r = 0; r < summary.size(); r++) {
                if (summary.integer(r, "point") == p && summary.get(r, "metric").equals("city_employment_end")) {
                    assertEquals((long) all.length, summary.integer(r, "n"));
                    assertEquals(e.low(), summary.num(r, "ci_low"), 1e-12, "Stein's interval, not a t on n - 1");
                    assertEquals(e.high(), summary.num(r, "ci_high"), 1e-12);
                }
            }
        }
        assertTrue(moreThanFirst > 0, "at least one point needed a second stage");
        com.fasterxml.jackson.databind.JsonNode manifest = org.wijklab.scenario.ScenarioLoader.mapper()
                .readTree(one.resolve(SweepRunner.MANIFEST).toFile());
        String seeds = manifest.path("seeds").asText();
        assertTrue(seeds.startsWith("base seed 1 + replication: replications 0-4 (the first stage) at every point, then up "
                + "to n - 1 at a point of n replications (at most 9"), seeds);
        assertEquals(5, manifest.path("firstStage").asInt());
    }
}
