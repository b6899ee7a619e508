package org.wijklab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.Progress;
import org.wijklab.experiment.calibration.Calibration;
import org.wijklab.experiment.calibration.CalibrationRunner;
import org.wijklab.experiment.calibration.Methods;

/**
 * A calibration's generations run on Spark: {@code calibrate --prepare} writes each generation's
 * sweep file, the Spark job runs it into the generation's folder, and the calibration then finishes
 * from those folders with the same posterior, bytes for bytes, as one run on the local runner.
 */
class SparkCalibrationTest {
    @TempDir
    Path tmp;

    static final CalibrationRunner.MethodMaker ABC = c -> Methods.abc(c.parameters().size(), c.seed(),
            c.method().population(), c.method().alpha(), c.method().minAcceptance(), c.method().maxGenerations(),
            c.method().tolerances());

    @Test
    void eachGenerationRunsOnSparkAndTheCalibrationFinishesAsALocalOne() throws IOException {
        Files.writeString(tmp.resolve("base.json"), """
                {"name": "tiny-cal", "seed": 3, "years": 1, "warmUpYears": 1, "city": {"residents": 2000}}""");
        Path file = Files.writeString(tmp.resolve("cal.json"), """
                {"calibration": {"name": "tiny", "base": "base.json", "replications": 1, "seed": 5,
                  "parameters": [{"name": "partnering", "path": "demography.partneringRate", "range": [0.02, 0.2]}],
                  "targets": [{"metric": "city_single_share", "observed": 0.36, "sd": 0.02, "source": "CBS 37975 (2010)"}],
                  "method": {"name": "abc", "population": 4, "maxGenerations": 2}}}""");
        Calibration cal = Calibration.load(file);
        Path out = tmp.resolve("on-spark");
        for (int g = 1; g <= 2; g++) {
            CalibrationRunner.Result prepared = CalibrationRunner.run(cal, out, 1, ABC, Progress.NONE,
                    CalibrationRunner.Listener.NONE, "test", true);
            assertEquals(CalibrationRunner.generationFile(out, g), prepared.prepared(), "generation " + g + " prepared");
            int[] exit = new int[1];
            String gen = CalibrationRunner.generationFile(out, g).toString();
            String folder = CalibrationRunner.generationFolder(out, g).toString();
            String said = SparkSweepTest.capture(() -> exit[0] = SparkSweep.run(SparkSweepTest.conf(), gen,
                    "--out", folder, "--quiet"));
            assertEquals(0, exit[0], said);
        }
        CalibrationRunner.Result finished = CalibrationRunner.run(cal, out, 1, ABC, Progress.NONE,
                CalibrationRunner.Listener.NONE, "test", false);
        assertNull(finished.prepared());
        assertEquals(0, finished.runs(), "every run was made on Spark");
        assertEquals(2, finished.generations());

        Path local = tmp.resolve("local");
        CalibrationRunner.Result direct = CalibrationRunner.run(cal, local, 2, ABC, Progress.NONE,
                CalibrationRunner.Listener.NONE, "test", false);
        assertEquals(6, direct.runs(), "4 from the prior, then the 2 that replace the half not kept");
        for (String f : new String[] {CalibrationRunner.POSTERIOR, CalibrationRunner.TARGETS, "gen-02.json"}) {
            assertArrayEquals(Files.readAllBytes(local.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
        }
    }
}
