package org.wijklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.experiment.Statistics;
import org.wijklab.report.chart.Estimate;

/**
 * The sweep report's response curves over design points (not runs), with no interval where one
 * point or equal point means give none; and the compare headline's place, cohort and eroded
 * figures over one set of pairs. Small synthetic sweep folders and pairs, no simulation: every
 * expected figure is computed here by hand, so the tests are deterministic (tolerance 1e-9, or a
 * relative 1e-5 for intervals the CSV writes to six significant digits; no false failures).
 */
class CurvesAndPairsTest {
    @TempDir
    Path tmp;

    /** A complete sweep folder of the given design: manifest.json and runs.csv (and sensitivity.csv for Sobol). */
    private Path sweep(String name, String design, String parameters, String extra, int points, String runsCsv)
            throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"), "{\"sweep\": \"" + name + "\", \"description\": \"test\", "
                + "\"sweepSha256\": \"x\", \"complete\": true, \"shards\": 1, \"base\": \"b.json\", \"design\": \"" + design
                + "\", " + extra + "\"points\": " + points + ", \"seeds\": \"base seed 1 + replication\", \"parameters\": ["
                + parameters + "], \"metrics\": {\"y\": \"a test metric\"}}");
        Files.writeString(dir.resolve("runs.csv"), runsCsv);
        if (design.equals("sobol")) {
            Files.writeString(dir.resolve("sensitivity.csv"), "design,metric,parameter,index,value,ci_low,ci_high,reason\n"
                    + "sobol,y,a,S1,NA,NA,NA,test\nsobol,y,a,ST,NA,NA,NA,test\n"
                    + "sobol,y,b,S1,NA,NA,NA,test\nsobol,y,b,ST,NA,NA,NA,test\n");
        }
        return dir;
    }

    private static int row(TestCsv t, String parameter, String value) {
        for (int r = 0; r < t.size(); r++) {
            if (t.get(r, "parameter").equals(parameter) && t.get(r, "value").equals(value)) {
                return r;
            }
        }
        throw new AssertionError("no row for " + parameter + " = " + value);
    }

    private TestCsv curves(Path sweep) throws IOException {
        Path out = tmp.resolve(sweep.getFileName() + "-report");
        SweepReport.write(sweep, out);
        return TestCsv.read(out.resolve("summary-response.csv"));
    }

    /**
     * A 2 x 2 grid, three replications, one point with two runs lacking the metric: at a value the
     * curve is the mean of the two points' means and n = 2 (pooling runs gave the point with three
     * runs thrice the weight and n = 4).
     */
    @Test
    void aResponseCurveIsTheMeanOfPointMeansWithNTheirNumber() throws IOException {
        double[][] y = {{10, Double.NaN, Double.NaN}, {20, 22, 24}, {30, 31, 32}, {40, 41, 42}};
        String[][] values = {{"1", "\"\"\"u\"\"\""}, {"1", "\"\"\"v\"\"\""}, {"2", "\"\"\"u\"\"\""}, {"2", "\"\"\"v\"\"\""}};
        StringBuilder csv = new StringBuilder("run_id,point,replication,seed,a,b,y\n");
        for (int p = 0; p < 4; p++) {
            for (int r = 0; r < 3; r++) {
                csv.append(3 * p + r).append(',').append(p).append(',').append(r).append(',').append(1 + r).append(',')
                        .append(values[p][0]).append(',').append(values[p][1]).append(',')
                        .append(Double.isNaN(y[p][r]) ? "NA" : String.valueOf(y[p][r])).append('\n');
            }
        }
        Path dir = sweep("grid", "grid", "{\"name\": \"a\", \"paths\": [\"x\"], \"values\": [1, 2]}, "
                + "{\"name\": \"b\", \"paths\": [\"z\"], \"values\": [\"u\", \"v\"]}", "", 4, csv.toString());
        TestCsv t = curves(dir);
        double[] pointMean = {10, 22, 31, 41};
        Object[][] expected = {{"a", "1", new double[] {pointMean[0], pointMean[1]}},
            {"a", "2", new double[] {pointMean[2], pointMean[3]}}, {"b", "u", new double[] {pointMean[0], pointMean[2]}},
            {"b", "v", new double[] {pointMean[1], pointMean[3]}}};
        for (Object[] x : expected) {
            int r = row(t, (String) x[0], (String) x[1]);
            Statistics.Estimate e = Statistics.estimate((double[]) x[2]);
            assertEquals(2, (int) t.num(r, "n"), x[0] + " = " + x[1] + ": two design points");
            assertEquals(e.mean(), t.num(r, "mean"), 1e-9, x[0] + " = " + x[1]);
            assertEquals(e.low(), t.num(r, "ci_low"), 1e-5 * (1 + Math.abs(e.low())), x[0] + " = " + x[1]);
            assertEquals(e.high(), t.num(r, "ci_high"), 1e-5 * (1 + Math.abs(e.high())), x[0] + " = " + x[1]);
            assertEquals("", t.get(r, "reason"));
        }
    }

    /**
     * One parameter, so one point per value: replications give no interval for the curve (NA with
     * its reason); and a value whose two points have the same mean has none either (it had a
     * zero-width interval).
     */
    @Test
    void onePointOrEqualPointMeansGiveNoInterval() throws IOException {
        String one = "run_id,point,replication,seed,a,y\n0,0,0,1,1,5\n1,0,1,2,1,7\n2,1,0,1,2,6\n3,1,1,2,2,8\n";
        TestCsv t = curves(sweep("one", "grid", "{\"name\": \"a\", \"paths\": [\"x\"], \"values\": [1, 2]}", "", 2, one));
        for (String v : List.of("1", "2")) {
            int r = row(t, "a", v);
            assertEquals(1, (int) t.num(r, "n"));
            assertEquals("NA", t.get(r, "ci_low"));
            assertEquals("NA", t.get(r, "ci_high"));
            assertFalse(t.get(r, "reason").isEmpty(), "the reason is given");
        }
        assertEquals(6.0, t.num(row(t, "a", "1"), "mean"), 1e-9);
        // a = 1: points (1, 1) and (1, 2) both of mean 3; a = 2: means 4 and 6
        String flat = "run_id,point,replication,seed,a,b,y\n0,0,0,1,1,1,3\n1,0,1,2,1,1,3\n2,1,0,1,1,2,3\n3,1,1,2,1,2,3\n"
                + "4,2,0,1,2,1,4\n5,2,1,2,2,1,4\n6,3,0,1,2,2,5\n7,3,1,2,2,2,7\n";
        TestCsv f = curves(sweep("flat", "grid", "{\"name\": \"a\", \"paths\": [\"x\"], \"values\": [1, 2]}, "
                + "{\"name\": \"b\", \"paths\": [\"z\"], \"values\": [1, 2]}", "", 4, flat));
        int r = row(f, "a", "1");
        assertEquals(2, (int) f.num(r, "n"));
        assertEquals(3.0, f.num(r, "mean"), 1e-9);
        assertEquals("NA", f.get(r, "ci_low"), "equal point means: no zero-width interval");
        assertEquals("NA", f.get(r, "ci_high"));
        assertFalse(f.get(r, "reason").isEmpty());
        int s = row(f, "a", "2");
        Statistics.Estimate e = Statistics.estimate(new double[] {4, 6});
        assertEquals(e.low(), f.num(s, "ci_low"), 1e-5 * (1 + Math.abs(e.low())));
        assertTrue(f.num(s, "ci_high") > f.num(s, "ci_low"));
    }

    /**
     * Saltelli's design with 2 base rows and 2 parameters: points A0 A1 B0 B1, then AB_a and AB_b
     * (A with one column from B). An AB_b row repeats its A row's value of a, so pooling it counted
     * A's value of a twice (n = 2, mean between A0 and AB_b0); only A and B make the curve.
     */
    @Test
    void aSobolCurveUsesTheAAndBRowsOnly() throws IOException {
        double[][] x = {{0.1, 0.5}, {0.3, 0.7}, {0.2, 0.6}, {0.4, 0.8}, {0.2, 0.5}, {0.4, 0.7}, {0.1, 0.6}, {0.3, 0.8}};
        StringBuilder csv = new StringBuilder("run_id,point,replication,seed,a,b,y\n");
        for (int p = 0; p < x.length; p++) {
            csv.append(p).append(',').append(p).append(",0,1,").append(x[p][0]).append(',').append(x[p][1]).append(',')
                    .append(x[p][0] + 10 * x[p][1]).append('\n');
        }
        TestCsv t = curves(sweep("sobol", "sobol", "{\"name\": \"a\", \"paths\": [\"x\"], \"range\": [0, 1]}, "
                + "{\"name\": \"b\", \"paths\": [\"z\"], \"range\": [0, 1]}", "\"samples\": 2, ", 8, csv.toString()));
        for (String parameter : List.of("a", "b")) {
            int sum = 0;
            for (int r = 0; r < t.size(); r++) {
                if (t.get(r, "parameter").equals(parameter)) {
                    sum += (int) t.num(r, "n");
                    assertEquals(1, (int) t.num(r, "n"), parameter + " = " + t.get(r, "value"));
                }
            }
            assertEquals(4, sum, parameter + ": the four A and B rows");
        }
        assertEquals(0.1 + 10 * 0.5, t.num(row(t, "a", "0.1"), "mean"), 1e-9, "A0 alone, not with AB_b0");
    }

    /**
     * Three pairs, the second without a cohort: place, cohort and eroded are all over the first and
     * third (place was over all three, so eroded's mean was not cohort's minus place's).
     */
    @Test
    void placeCohortAndErodedUseTheSamePairs() {
        List<double[][]> effects = new ArrayList<>();
        List<double[][]> cohorts = new ArrayList<>();
        double[] place = {1, 5, 3};
        double[] cohort = {4, Double.NaN, 7};
        for (int r = 0; r < 3; r++) {
            effects.add(new double[][] {{place[r]}});
            cohorts.add(Double.isNaN(cohort[r]) ? null : new double[][] {{cohort[r]}});
        }
        // a fourth pair whose place effect is not a number is left out of the cohort too
        effects.add(new double[][] {{Double.NaN}});
        cohorts.add(new double[][] {{100}});
        Estimate[] e = HeadlineSection.placeCohortEroded(effects, cohorts, 0, 0);
        for (Estimate x : e) {
            assertEquals(2, x.n(), "the two pairs that have all three");
        }
        assertEquals(2.0, e[0].mean(), 1e-9);
        assertEquals(5.5, e[1].mean(), 1e-9);
        assertEquals(e[1].mean() - e[0].mean(), e[2].mean(), 1e-9, "eroded = cohort - place");
        // a scenario without a cohort in any pair (no programme) keeps its place effect over all pairs
        List<double[][]> none = new ArrayList<>();
        none.add(null);
        none.add(null);
        none.add(null);
        Estimate[] p = HeadlineSection.placeCohortEroded(effects.subList(0, 3), none, 0, 0);
        assertEquals(3, p[0].n());
        assertEquals(3.0, p[0].mean(), 1e-9);
        assertEquals(0, p[1].n());
        assertEquals(0, p[2].n());
    }
}
