package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.scenario.Sweep;

/**
 * summary.csv gives the number of pairs its paired difference is over: replications where both the
 * point and the reference point have the metric. A hand-written runs.csv, no simulation; exact.
 */
class SweepSummaryPairsTest {
    @TempDir
    Path tmp;

    @Test
    void theDifferenceSaysHowManyPairsItIsOver() throws IOException {
        // the reference lacks replication 1, point 1 lacks replication 2: one pair (replication 0) is left
        double[][] y = {{0.5, Double.NaN, 0.7}, {0.6, 0.62, Double.NaN}};
        TestCsv s = summary(y);
        assertEquals(2, (int) s.num(0, "n"));
        assertEquals(2, (int) s.num(0, "difference_n"), "the reference against itself: its two runs");
        assertEquals(2, (int) s.num(1, "n"), "point 1 has two runs");
        assertEquals(1, (int) s.num(1, "difference_n"), "but one pair with the reference");
        assertEquals(0.1, s.num(1, "difference"), 1e-12);
    }

    /** Runs that all give one value have no interval (NA), not one of zero width; nor has a single run. */
    @Test
    void equalRunsOrOneRunGiveNoIntervalRatherThanOneOfZeroWidth() throws IOException {
        // point 0: three equal runs; point 1: one run
        double[][] y = {{0.5, 0.5, 0.5}, {0.6, Double.NaN, Double.NaN}};
        TestCsv s = summary(y);
        for (int row = 0; row < 2; row++) {
            for (String c : new String[] {"ci_low", "ci_high", "difference_ci_low", "difference_ci_high"}) {
                assertEquals("NA", s.get(row, c), "row " + row + ", " + c);
            }
        }
        assertEquals(0.5, s.num(0, "mean"), 1e-12);
        assertEquals(0.0, s.num(0, "difference"), 1e-12);
    }

    /**
     * summary.csv of a hand-written runs.csv: two points (prox 0.2, the reference, and 0.8) of three
     * replications each, y[point][replication] the metric (NaN: the run has none).
     */
    private TestCsv summary(double[][] y) throws IOException {
        Files.copy(Path.of("scenarios", "krachtwijk.json"), tmp.resolve("krachtwijk.json"));
        Path f = tmp.resolve("s.json");
        Files.writeString(f, "{\"sweep\": {\"name\": \"s\", \"description\": \"t\", \"base\": \"krachtwijk.json\", "
                + "\"replications\": 3, \"reference\": 0, \"metrics\": [\"city_employment_end\"], \"parameters\": ["
                + "{\"name\": \"prox\", \"path\": \"programmes[0].team.proximity\", \"values\": [0.2, 0.8]}]}}");
        Sweep sweep = Sweep.load(f, SweepMetrics.names());
        List<String> metrics = List.of("city_employment_end");
        StringBuilder runs = new StringBuilder(SweepRunner.header(sweep, metrics));
        for (int p = 0; p < 2; p++) {
            for (int r = 0; r < 3; r++) {
                runs.append(SweepRunner.row(sweep, 3 * p + r, 3, new double[] {y[p][r]}));
            }
        }
        Path runsFile = tmp.resolve("runs.csv");
        Files.writeString(runsFile, runs);
        SweepRunner.writeSummary(sweep, metrics, runsFile, tmp.resolve("summary.csv"), 3);
        return TestCsv.read(tmp.resolve("summary.csv"));
    }
}
