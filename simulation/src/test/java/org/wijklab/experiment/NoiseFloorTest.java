package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ec.util.MersenneTwisterFast;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.scenario.Designs;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;
import org.wijklab.scenario.Sweep;

/**
 * Seed noise in the Sobol indices and the dummy parameter, on the Ishigami function (known
 * indices) with Gaussian noise added to every run, as a model's seed adds it: each point is run R
 * times with independent noise, and the indices come either from the point means (uncorrected) or
 * from the runs (corrected for the noise, {@link Sensitivity#sobol(String, List, double[][], double[][], int)}).
 * A fourth parameter, the dummy, is in the design and never read by the function.
 */
class NoiseFloorTest {
    /** Ishigami's variance and indices (a = 7, b = 0.1). */
    private static final double V = 49.0 / 8 + 0.1 * Math.pow(Math.PI, 4) / 5 + 0.01 * Math.pow(Math.PI, 8) / 18 + 0.5;
    private static final double S1_X1 = (0.1 * Math.pow(Math.PI, 4) / 5 + 0.01 * Math.pow(Math.PI, 8) / 50 + 0.5) / V;
    private static final double S1_X2 = 49.0 / 8 / V;
    private static final double ST_X1 = S1_X1 + 0.01 * Math.pow(Math.PI, 8) * (1.0 / 18 - 1.0 / 50) / V;
    private static final double ST_X3 = 0.01 * Math.pow(Math.PI, 8) * (1.0 / 18 - 1.0 / 50) / V;
    private static final List<String> NAMES = List.of("x1", "x2", "x3", "dummy");

    private static double ishigami(double[] u) {
        double x1 = -Math.PI + 2 * Math.PI * u[0];
        double x2 = -Math.PI + 2 * Math.PI * u[1];
        double x3 = -Math.PI + 2 * Math.PI * u[2];
        return Math.sin(x1) + 7 * Math.sin(x2) * Math.sin(x2) + 0.1 * Math.pow(x3, 4) * Math.sin(x1);
    }

    /** Runs[point][r]: Ishigami at the point plus Gaussian noise of variance noiseShare V, independent per run. */
    private static double[][] runs(double[][] u, int reps, double noiseShare, long seed) {
        MersenneTwisterFast random = new MersenneTwisterFast(seed);
        double sd = Math.sqrt(noiseShare * V);
        double[][] y = new double[u.length][reps];
        for (int p = 0; p < u.length; p++) {
            double g = ishigami(u[p]);
            for (int r = 0; r < reps; r++) {
                y[p][r] = g + sd * random.nextGaussian();
            }
        }
        return y;
    }

    private static double[] means(double[][] y) {
        double[] f = new double[y.length];
        for (int p = 0; p < y.length; p++) {
            double s = 0;
            for (double v : y[p]) {
                s += v;
            }
            f[p] = s / y[p].length;
        }
        return f;
    }

    private static Map<String, Sensitivity.Index> byKey(List<Sensitivity.Index> indices) {
        Map<String, Sensitivity.Index> m = new HashMap<>();
        for (Sensitivity.Index x : indices) {
            m.put(x.parameter() + " " + x.index(), x);
        }
        return m;
    }

    /**
     * Noise of variance 0.25 V per run, R = 2 replications, 16,384 base rows (98,304 points). The
     * point means then carry noise of variance V / 8, which inflates V by 1/8 and Jansen's ST
     * numerator by 2 V / 8: uncorrected, S1(x1) is biased down by 0.035, ST(x3) up by 0.084 and the
     * dummy's ST up by 0.111. The tolerance 0.018 is at least 2.9 root-mean-square errors of every
     * corrected estimate here (0.0061 for S1(x1), 0.0018 to 0.0055 for the others, measured over 30
     * noise seeds while writing this test, all of which passed and none of whose uncorrected values
     * did; 0.0075 at 8,192 rows, 0.0137 at 4,096 before f_B was centred), so the chance that a noise
     * seed fails is about 1 %; with the fixed noise seed the test is deterministic. With noise seed
     * 2020: S1(x1) 0.277 uncorrected, 0.310 corrected (truth 0.314); ST(x3) 0.330 and 0.247 (0.244);
     * the dummy's ST 0.110 and 0.002 (0).
     */
    @Test
    void correctedIndicesOfANoisyIshigamiAreNearTheTruthWhereTheMeansAreNot() {
        int n = 16384;
        int reps = 2;
        double[][] u = Designs.saltelli(n, NAMES.size());
        double[][] y = runs(u, reps, 0.25, 2020);
        Map<String, Sensitivity.Index> raw = byKey(Sensitivity.sobol("y", NAMES, u, means(y), n));
        Map<String, Sensitivity.Index> corrected = byKey(Sensitivity.sobol("y", NAMES, u, y, n));
        double tolerance = 0.018;
        double[][] truth = {{S1_X1, ST_X1}, {S1_X2, S1_X2}, {0, ST_X3}, {0, 0}};
        String[] index = {"S1", "ST"};
        for (int p = 0; p < NAMES.size(); p++) {
            for (int j = 0; j < 2; j++) {
                String key = NAMES.get(p) + " " + index[j];
                assertEquals(truth[p][j], corrected.get(key).value(), tolerance, "corrected " + key);
            }
        }
        // the uncorrected ones the issue names, and the dummy's, are off by more than the tolerance
        assertTrue(Math.abs(raw.get("x1 S1").value() - S1_X1) > tolerance, "uncorrected S1(x1) " + raw.get("x1 S1").value());
        assertTrue(Math.abs(raw.get("x3 ST").value() - ST_X3) > tolerance, "uncorrected ST(x3) " + raw.get("x3 ST").value());
        assertTrue(Math.abs(raw.get("dummy ST").value()) > tolerance, "uncorrected ST(dummy) " + raw.get("dummy ST").value());
    }

    /**
     * The dummy's indices are near 0 and the upper end of their 95 % bootstrap interval (the noise
     * floor a ranking is read against) lies above its estimate, below every parameter that acts
     * (x1 and x2 alone; x3 by its total index). 256 base rows, R = 4, noise 0.25 V, fixed seed: a
     * deterministic check. Over 200 noise seeds the dummy's |S1| and |ST| stayed below 0.1 and x3's ST
     * lower end above the dummy's floor.
     */
    @Test
    void theDummysIndicesAreNearZeroAndItsFloorLiesAboveThem() {
        int n = 256;
        double[][] u = Designs.saltelli(n, NAMES.size());
        double[][] y = runs(u, 4, 0.25, 20);
        Map<String, Sensitivity.Index> x = byKey(Sensitivity.sobol("y", NAMES, u, y, n));
        for (String index : List.of("S1", "ST")) {
            Sensitivity.Index dummy = x.get("dummy " + index);
            assertEquals(0, dummy.value(), 0.1, "dummy " + index);
            assertTrue(dummy.high() > dummy.value(), "dummy " + index + " floor " + dummy.high());
            assertTrue(x.get("x1 " + index).value() > dummy.high(), "x1 " + index);
            assertTrue(x.get("x2 " + index).value() > dummy.high(), "x2 " + index);
        }
        assertTrue(x.get("x3 ST").value() > x.get("dummy ST").high(), "x3 ST");
    }

    /** The noise share is a single run's noise variance over the variance of all runs: 0.25 V / 1.25 V = 0.2 here. */
    @Test
    void theNoiseShareIsTheNoiseVarianceOverTheVarianceOfSingleRuns() {
        int n = 1024;
        double[][] u = Designs.saltelli(n, NAMES.size());
        double[][] y = runs(u, 4, 0.25, 5);
        Sensitivity.Noise noise = Sensitivity.noise(y);
        // sampling error of the pooled variance over 18,432 degrees of freedom is about 1 %, of the share about 2 %
        assertEquals(0.25 * V, noise.variance(), 0.05 * 0.25 * V);
        assertEquals(0.2, noise.share(), 0.02);
        assertEquals("", noise.reason());
        Sensitivity.Noise one = Sensitivity.noise(runs(u, 1, 0.25, 5));
        assertTrue(Double.isNaN(one.share()) && one.reason().contains("one replication"), one.reason());
    }

    private static Path sobolFile(Path dir, String extra, String parameters) throws IOException {
        if (!Files.exists(dir.resolve("krachtwijk.json"))) {
            Files.copy(Path.of("scenarios", "krachtwijk.json"), dir.resolve("krachtwijk.json"));
        }
        Path file = dir.resolve("sobol.json");
        Files.writeString(file, "{\"sweep\": {\"name\": \"s\", \"base\": \"krachtwijk.json\", \"replications\": 3, "
                + "\"design\": \"sobol\", \"samples\": 16, \"metrics\": [\"city_employment_end\"], " + extra
                + "\"parameters\": [" + parameters + "]}}");
        return file;
    }

    private static final String PROXIMITY = "{\"name\": \"proximity\", \"path\": \"programmes[0].team.proximity\", "
            + "\"range\": [0.1, 0.9]}";

    /**
     * A Sobol sweep gets the dummy by default: a design-only parameter (no path: every point's
     * scenario is the one without it) whose value picks the random stream, so A and AB_dummy differ in
     * their seeds alone while A and AB_proximity share theirs. Written from a runs.csv of known
     * outputs (proximity plus noise drawn from each run's seed, sd 0.05): noise.csv holds the noise
     * share (0.0025 / (0.0533 + 0.0025) = 0.045; over 128 degrees of freedom the pooled variance's
     * standard error is 12.5 %, so [0.025, 0.07] is more than three of them either side), and
     * sensitivity.csv ranks proximity above the dummy's floor. Deterministic: seeds fixed.
     */
    @Test
    void aSobolSweepsDummyIsDesignOnlyAndItsStreamAloneChangesTheSeed(@TempDir Path dir) throws IOException {
        Sweep sweep = Sweep.load(sobolFile(dir, "", PROXIMITY), SweepMetrics.names());
        int n = 16;
        assertTrue(sweep.hasDummy());
        assertEquals(List.of("proximity", Sweep.DUMMY), sweep.parameters().stream().map(Sweep.Parameter::name).toList());
        assertTrue(sweep.parameters().get(1).designOnly());
        assertEquals(n * (2 + 2), sweep.points());
        for (int i = 0; i < n; i++) {
            int a = i;
            int abProximity = 2 * n + i;
            int abDummy = 3 * n + i;
            assertEquals(ScenarioLoader.toJson(sweep.scenario(a)), ScenarioLoader.toJson(sweep.scenario(abDummy)),
                    "the dummy sets nothing");
            // (the Sobol sequence's first row has A = B, so there the dummy's value, and the stream, are A's)
            assertEquals(sweep.value(a, 1).equals(sweep.value(abDummy, 1)),
                    SweepRunner.seed(sweep, a, 0) == SweepRunner.seed(sweep, abDummy, 0), "another value, another stream");
            assertEquals(SweepRunner.seed(sweep, a, 2), SweepRunner.seed(sweep, abProximity, 2), "common random numbers");
        }
        long moved = java.util.stream.IntStream.range(0, n).filter(i -> !sweep.value(i, 1).equals(sweep.value(3 * n + i, 1)))
                .count();
        assertTrue(moved >= n / 2, moved + " of " + n + " base rows move the dummy");
        List<String> metrics = sweep.metrics();
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        StringBuilder runs = new StringBuilder(SweepRunner.header(sweep, metrics));
        for (int p = 0; p < sweep.points(); p++) {
            for (int r = 0; r < 3; r++) {
                double noise = 0.05 * new MersenneTwisterFast(SweepRunner.seed(sweep, p, r)).nextGaussian();
                runs.append(SweepRunner.row(sweep, p * 3 + r, 3, new double[] {sweep.valueNode(p, 0).asDouble() + noise}));
            }
        }
        Files.writeString(out.resolve(SweepRunner.RUNS), runs);
        SweepRunner.finish(sweep, metrics, out, 3);
        TestCsv noise = TestCsv.read(out.resolve(SweepRunner.NOISE));
        assertEquals(1, noise.size());
        assertEquals("city_employment_end", noise.get(0, "metric"));
        double share = noise.num(0, "noise_share");
        assertTrue(share > 0.025 && share < 0.07, "noise share " + share);
        TestCsv s = TestCsv.read(out.resolve(SweepRunner.SENSITIVITY));
        Map<String, double[]> x = new HashMap<>();
        for (int r = 0; r < s.size(); r++) {
            x.put(s.get(r, "parameter") + " " + s.get(r, "index"), new double[] {s.num(r, "value"), s.num(r, "ci_high")});
        }
        assertEquals(4, x.size());
        for (String index : List.of("S1", "ST")) {
            assertTrue(x.get("proximity " + index)[0] > x.get("dummy " + index)[1], index + " above the floor");
            assertEquals(0, x.get("dummy " + index)[0], 0.1, "dummy " + index);
        }
    }

    @Test
    void theDummyIsSwitchedOffOrRefusedInOneLine(@TempDir Path dir) throws IOException {
        Sweep off = Sweep.load(sobolFile(dir, "\"dummy\": false, ", PROXIMITY), SweepMetrics.names());
        assertFalse(off.hasDummy());
        assertEquals(16 * (1 + 2), off.points());
        assertEquals(SweepRunner.seed(off, 0, 1), SweepRunner.seed(off, 17, 1), "one stream: the same seeds at every point");
        String[][] bad = {
            {"\"dummy\": \"yes\", ", PROXIMITY, "sweep.dummy: \"yes\" is not true or false"},
            {"\"dummy\": true, ", PROXIMITY, "only a morris or sobol design"},
            {"", PROXIMITY.replace("\"proximity\"", "\"dummy\""), "is the name of the design's dummy parameter"},
        };
        for (String[] b : bad) {
            Path f = sobolFile(dir, b[0], b[1]);
            if (b[2].startsWith("only")) {
                Files.writeString(f, Files.readString(f).replace("\"design\": \"sobol\", \"samples\": 16", "\"design\": \"lhs\", \"samples\": 16"));
            }
            ScenarioException e = assertThrows(ScenarioException.class, () -> Sweep.load(f, SweepMetrics.names()));
            assertTrue(e.getMessage().contains(b[2]) && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    /**
     * The sweep report prints the noise floor beside every ranking: the upper end of the dummy's
     * 95 % interval, and which parameters stand above it (a with 0.7 does, b with 0.04 does not,
     * against the dummy's 0.05), and the noise share from noise.csv.
     */
    @Test
    void theSweepReportPrintsTheNoiseFloorBesideTheRanking(@TempDir Path dir) throws IOException {
        Path sweep = dir.resolve("sweep");
        Files.createDirectories(sweep);
        Files.writeString(sweep.resolve("manifest.json"), """
                {"sweep": "s", "description": "d", "sweepSha256": "x", "complete": true, "shards": 1, "design": "sobol",
                 "points": 4, "seeds": "base seed 1", "base": "b.json",
                 "parameters": [{"name": "a", "paths": ["p.a"], "range": [0, 1]}, {"name": "b", "paths": ["p.b"], "range": [0, 1]},
                                {"name": "dummy", "designOnly": "the dummy", "paths": [], "range": [0, 1]}],
                 "metrics": {"m": "a metric"}}
                """);
        Files.writeString(sweep.resolve("runs.csv"), "run_id,point,replication,seed,a,b,dummy,m\n0,0,0,1,0.1,0.2,0.5,2\n"
                + "1,1,0,1,0.5,0.1,0.5,3\n2,2,0,1,0.9,0.7,0.25,5\n3,3,0,1,0.3,0.9,0.75,1\n");
        Files.writeString(sweep.resolve("sensitivity.csv"), "design,metric,parameter,index,value,ci_low,ci_high,reason\n"
                + "sobol,m,a,S1,0.7,0.5,0.9,\nsobol,m,a,ST,0.8,0.6,1,\nsobol,m,b,S1,0.04,0,0.08,\nsobol,m,b,ST,0.2,0.1,0.3,\n"
                + "sobol,m,dummy,S1,0.001,-0.03,0.05,\nsobol,m,dummy,ST,0.002,-0.01,0.04,\n");
        Files.writeString(sweep.resolve("noise.csv"), "design,metric,replications,noise_variance,total_variance,noise_share,reason\n"
                + "sobol,m,4,0.5,2,0.25,\n");
        Path out = dir.resolve("report");
        org.wijklab.report.SweepReport.write(sweep, out);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("Noise floor of S1 (the upper end of the dummy&#39;s 95 % interval") || html.contains(
                "Noise floor of S1 (the upper end of the dummy's 95 % interval"), "the floor is printed");
        assertTrue(html.contains("0.05000; above it: a (1 of 2 parameters)"), "S1: a stands, b does not");
        assertTrue(html.contains("0.04000; above it: a, b (2 of 2 parameters)"), "ST: both stand");
        assertTrue(html.contains("Seed noise: 25.0 % of a single run"), "the noise share");
        assertTrue(html.contains("none: design-only"), "the parameters' table marks the dummy");
    }

    /**
     * A Morris sweep's dummy: on the level grid its steps change the random stream alone, so its
     * mu* is the mean absolute change that seed noise makes (not 0, as a do-nothing parameter under
     * common random numbers would read), while proximity's steps keep the stream and show its effect
     * alone. From a runs.csv of known outputs (proximity over its range plus noise of sd 0.05 drawn
     * from each run's seed), 20 trajectories, R = 2: proximity's mu* is exactly 1 (a whole range of
     * the unit cube; the noise cancels within each of its steps), the dummy's is the noise's, above 0
     * (its size depends on how many distinct dummy steps the Morris design makes, so it is not pinned
     * here). Deterministic: fixed seeds.
     */
    @Test
    void aMorrisSweepsDummyReadsTheSeedNoise(@TempDir Path dir) throws IOException {
        Path file = sobolFile(dir, "", PROXIMITY);
        Files.writeString(file, Files.readString(file).replace("\"design\": \"sobol\", \"samples\": 16",
                "\"design\": \"morris\", \"trajectories\": 20").replace("\"replications\": 3", "\"replications\": 2"));
        Sweep sweep = Sweep.load(file, SweepMetrics.names());
        assertTrue(sweep.hasDummy());
        assertEquals(20 * 3, sweep.points());
        List<String> metrics = sweep.metrics();
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        StringBuilder runs = new StringBuilder(SweepRunner.header(sweep, metrics));
        for (int p = 0; p < sweep.points(); p++) {
            for (int r = 0; r < 2; r++) {
                double noise = 0.05 * new MersenneTwisterFast(SweepRunner.seed(sweep, p, r)).nextGaussian();
                double proximity = (sweep.valueNode(p, 0).asDouble() - 0.1) / 0.8;
                runs.append(SweepRunner.row(sweep, p * 2 + r, 2, new double[] {proximity + noise}));
            }
        }
        Files.writeString(out.resolve(SweepRunner.RUNS), runs);
        SweepRunner.finish(sweep, metrics, out, 2);
        TestCsv s = TestCsv.read(out.resolve(SweepRunner.SENSITIVITY));
        Map<String, double[]> x = new HashMap<>();
        for (int r = 0; r < s.size(); r++) {
            if (s.get(r, "index").equals("mu_star")) {
                x.put(s.get(r, "parameter") + " mu_star", new double[] {s.num(r, "value"), s.num(r, "ci_high")});
            }
        }
        double[] dummy = x.get("dummy mu_star");
        // without the streams every dummy step would compare two runs of one scenario and seed: exactly 0
        assertTrue(dummy[0] > 0.005, "the dummy's mu* is the seed noise: " + dummy[0]);
        assertTrue(dummy[1] > dummy[0], "its floor lies above it");
        assertEquals(1, x.get("proximity mu_star")[0], 1e-9, "proximity's steps keep their seeds: its effect alone, exactly");
        assertTrue(x.get("proximity mu_star")[0] > dummy[1]);
        assertTrue(TestCsv.read(out.resolve(SweepRunner.NOISE)).num(0, "noise_share") > 0);
    }
}
