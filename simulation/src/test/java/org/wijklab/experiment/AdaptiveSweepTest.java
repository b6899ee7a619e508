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
 * Adaptive replications: a point gets replications until its first metric's 95 % half-width is
 * at most the target or it has the maximum; the result does not depend on the threads.
 */
class AdaptiveSweepTest {

    @Test
    void pointsGetReplicationsUntilTheirIntervalIsNarrowEnough(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("scenarios", "baseline.json"), dir.resolve("baseline.json"));
        Path f = dir.resolve("adaptive.json");
        Files.writeString(f, """
                {"sweep": {"name": "adaptive", "description": "a test", "base": "baseline.json", "replications": 2,
                  "metrics": ["city_employment_end", "weakest_employment_end"],
                  "set": {"years": 2, "warmUpYears": 1, "city.residents": 2000},
                  "parameters": [{"name": "leave", "path": "housing.leaveCityShare", "values": [0.1, 0.3, 0.6]}]}}
                """);
        Sweep sweep = Sweep.load(f, SweepMetrics.names());
        SweepRunner.Adaptive adaptive = new SweepRunner.Adaptive(0.006, 6);
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        SweepRunner.run(sweep, one, 1, false, Progress.NONE, "test", 0, 1, adaptive);
        SweepRunner.run(sweep, two, 2, false, Progress.NONE, "test", 0, 1, adaptive);
        for (String file : List.of(SweepRunner.RUNS, SweepRunner.SUMMARY)) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(two.resolve(file)), file);
        }
        TestCsv runs = TestCsv.read(one.resolve(SweepRunner.RUNS));
        int moreThanTwo = 0;
        for (int p = 0; p < 3; p++) {
            List<Double> values = new ArrayList<>();
            for (int r = 0; r < runs.size(); r++) {
                if (runs.integer(r, "point") == p) {
                    assertEquals(values.size(), runs.integer(r, "replication"), "replications 0, 1, ... without gaps");
                    assertEquals(p * 6 + values.size(), runs.integer(r, "run_id"), "run id = point x max + replication");
                    assertEquals(1 + values.size(), runs.integer(r, "seed"), "seed = base seed + replication");
                    values.add(runs.num(r, "city_employment_end"));
                }
            }
            assertTrue(values.size() >= 2 && values.size() <= 6, p + ": " + values.size());
            Statistics.Estimate e = Statistics.estimate(values.stream().mapToDouble(Double::doubleValue).toArray());
            if (values.size() < 6) {
                assertTrue(e.halfWidth() <= 0.006, "point " + p + " stopped at " + values.size() + " with " + e.halfWidth());
            }
            // it stopped at the first replication that met the target
            double[] before = values.subList(0, values.size() - 1).stream().mapToDouble(Double::doubleValue).toArray();
            if (values.size() > 2) {
                moreThanTwo++;
                Statistics.Estimate b = Statistics.estimate(before);
                assertTrue(b.halfWidth() > 0.006, "point " + p + " went on although " + b.halfWidth() + " met the target");
            }
        }
        assertTrue(moreThanTwo > 0, "at least one point needed more replications");
    }
}
