package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ec.util.MersenneTwisterFast;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.scenario.Designs;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.Sweep;

/**
 * The Morris and Sobol designs against what they are meant to be: Morris's elementary effects on
 * functions whose effects are known in closed form, the exact map of a Morris grid's levels to a
 * discrete parameter's values, and a scrambled Sobol sequence that is balanced, seeded by the sweep
 * and refused on sample counts it cannot balance. The statistical checks use fixed seeds, so they
 * give the same result on every run; their tolerances are stated where they are made.
 */
class DesignCorrectnessTest {

    /*
     * On Morris's grid of p = 4 levels {0, 1/3, 2/3, 1} with independent directions, every
     * coordinate is on each level with chance 1/4 at every point of a trajectory, independently of
     * the others: E[x] = 1/2, E[x^2] = (0 + 1/9 + 4/9 + 1) / 4 = 7/18, Var[x] = 7/18 - 1/4 = 5/36.
     */
    private static final double EX2 = 7.0 / 18;
    private static final double VARX = 5.0 / 36;

    private static Map<String, Sensitivity.Index> morris(int r, int k, long seed, java.util.function.ToDoubleFunction<double[]> f) {
        double[][] u = Designs.morris(r, k, 4, new MersenneTwisterFast(seed));
        double[] y = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            y[i] = f.applyAsDouble(u[i]);
        }
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= k; j++) {
            names.add("x" + j);
        }
        Map<String, Sensitivity.Index> m = new HashMap<>();
        for (Sensitivity.Index i : Sensitivity.morris("y", names, u, y, r)) {
            m.put(i.parameter() + "|" + i.index(), i);
        }
        return m;
    }

    @Test
    void morrisEffectsOfAProductOfThreeMatchTheirAnalyticValues() {
        // f = x1 x2 x3: the effect of x1 is x2 x3 (f is linear in x1), so mu = mu* = E[x]^2 = 1/4 and
        // sigma = sqrt(E[x^2]^2 - 1/16) = sqrt(115/1296) = 0.2979; the same for x2 and x3.
        // With r = 4,000 the standard error of mu is 0.298 / sqrt(4000) = 0.0047 and of sigma about
        // 0.004: the tolerance 0.02 is over 4 standard errors (a correct design misses it with chance
        // below 1e-4 per value; the seed is fixed, so the outcome is the same every run). A design
        // that moves every parameter in the same direction read mu 0.286 (r = 200,000).
        int r = 4000;
        Map<String, Sensitivity.Index> x = morris(r, 3, 11, v -> v[0] * v[1] * v[2]);
        double sigma = Math.sqrt(EX2 * EX2 - 1.0 / 16);
        for (String p : List.of("x1", "x2", "x3")) {
            assertEquals(0.25, x.get(p + "|mu").value(), 0.02, p + " mu");
            assertEquals(0.25, x.get(p + "|mu_star").value(), 0.02, p + " mu*");
            assertEquals(sigma, x.get(p + "|sigma").value(), 0.02, p + " sigma");
        }
    }

    @Test
    void morrisEffectsOfAProductWithASumMatchTheirAnalyticValues() {
        // f = x1 (x2 + ... + x6): the effect of x1 is the sum S of five coordinates, mu = mu* = 5/2,
        // sigma = sqrt(5 Var[x]) = 5/6 = 0.833; the effect of x2..x6 is x1, mu = mu* = 1/2,
        // sigma = sqrt(Var[x]) = 0.373. With r = 4,000 the standard errors are 0.013 (mu of x1),
        // about 0.01 (sigma of x1) and under 0.006 for x2..x6: tolerances 0.06 and 0.03 are over
        // 4.5 standard errors (chance of a false failure below 1e-5 per value; fixed seed). A design
        // that moves every parameter in the same direction read sigma(x1) 1.195 (r = 200,000).
        int r = 4000;
        Map<String, Sensitivity.Index> x = morris(r, 6, 5, v -> v[0] * (v[1] + v[2] + v[3] + v[4] + v[5]));
        assertEquals(2.5, x.get("x1|mu").value(), 0.06, "x1 mu");
        assertEquals(2.5, x.get("x1|mu_star").value(), 0.06, "x1 mu*");
        assertEquals(5.0 / 6, x.get("x1|sigma").value(), 0.06, "x1 sigma");
        for (String p : List.of("x2", "x3", "x4", "x5", "x6")) {
            assertEquals(0.5, x.get(p + "|mu").value(), 0.03, p + " mu");
            assertEquals(0.5, x.get(p + "|mu_star").value(), 0.03, p + " mu*");
            assertEquals(Math.sqrt(VARX), x.get(p + "|sigma").value(), 0.03, p + " sigma");
        }
    }

    @Test
    void morrisDirectionsAreDrawnForEachParameterAlone() {
        // in a trajectory, the k moves go up or down each by its own draw: over 2,000 trajectories of
        // 4 parameters, the share of trajectories whose moves all go one way is 2 / 2^4 = 1/8 (not 1,
        // as when one direction served them all); binomial sd sqrt(0.125 * 0.875 / 2000) = 0.0074,
        // tolerance 0.04 (over 5 sd; fixed seed)
        int r = 2000;
        int k = 4;
        double[][] u = Designs.morris(r, k, 4, new MersenneTwisterFast(3));
        int oneWay = 0;
        for (int t = 0; t < r; t++) {
            int up = 0;
            for (int s = 0; s < k; s++) {
                double[] a = u[t * (k + 1) + s];
                double[] b = u[t * (k + 1) + s + 1];
                for (int j = 0; j < k; j++) {
                    up += b[j] > a[j] ? 1 : 0;
                }
            }
            oneWay += up == 0 || up == k ? 1 : 0;
        }
        assertEquals(0.125, oneWay / (double) r, 0.04);
    }

    /** The sum over pairs of trajectories of their squared distance (Campolongo's spread). */
    private static double spread(double[][] u, int k) {
        int r = u.length / (k + 1);
        double total = 0;
        for (int a = 0; a < r; a++) {
            for (int b = a + 1; b < r; b++) {
                double d = 0;
                for (int i = 0; i <= k; i++) {
                    for (int j = 0; j <= k; j++) {
                        double s = 0;
                        for (int z = 0; z < k; z++) {
                            double x = u[a * (k + 1) + i][z] - u[b * (k + 1) + j][z];
                            s += x * x;
                        }
                        d += Math.sqrt(s);
                    }
                }
                total += d * d;
            }
        }
        return total;
    }

    @Test
    void campolongosSelectionKeepsCandidateTrajectoriesThatLieFarApart() {
        // 8 of 60 candidate trajectories of 4 parameters: each kept trajectory is one of the
        // candidates (the same seed draws them), whole and unchanged, and the kept ones are more
        // spread than any of 200 random choices of 8 candidates (deterministic: fixed seeds)
        int k = 4;
        int r = 8;
        int m = 60;
        double[][] kept = Designs.morrisSelected(r, m, k, 4, new MersenneTwisterFast(9));
        double[][] all = Designs.morris(m, k, 4, new MersenneTwisterFast(9));
        assertEquals(r * (k + 1), kept.length);
        int last = -1;
        for (int t = 0; t < r; t++) {
            int found = -1;
            for (int c = 0; c < m && found < 0; c++) {
                boolean same = true;
                for (int i = 0; i <= k && same; i++) {
                    same = java.util.Arrays.equals(kept[t * (k + 1) + i], all[c * (k + 1) + i]);
                }
                found = same ? c : -1;
            }
            assertTrue(found > last, "trajectory " + t + " is a candidate, in the order drawn");
            last = found;
        }
        double best = spread(kept, k);
        MersenneTwisterFast random = new MersenneTwisterFast(4);
        for (int trial = 0; trial < 200; trial++) {
            int[] order = java.util.stream.IntStream.range(0, m).toArray();
            for (int i = m - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int x = order[i];
                order[i] = order[j];
                order[j] = x;
            }
            double[][] some = new double[r * (k + 1)][];
            for (int t = 0; t < r; t++) {
                for (int i = 0; i <= k; i++) {
                    some[t * (k + 1) + i] = all[order[t] * (k + 1) + i];
                }
            }
            assertTrue(spread(some, k) < best, "a random choice is less spread than the selection");
        }
    }

    @Test
    void aSweepSelectsItsMorrisTrajectoriesFromCandidates(@TempDir Path dir) throws IOException {
        String parameters = "\"parameters\": ["
                + "{\"name\": \"proximity\", \"path\": \"programmes[0].team.proximity\", \"range\": [0.1, 0.9]},"
                + "{\"name\": \"share\", \"path\": \"housing.distanceDecay\", \"range\": [0.2, 0.5]}]";
        Sweep s = sweep(dir, "\"design\": \"morris\", \"trajectories\": 5, \"candidates\": 30, " + parameters);
        assertEquals(5 * (2 + 1 + 1), s.points(), "5 trajectories of the two parameters and the dummy");
        assertEquals(30, s.candidates());
        for (String bad : new String[] {"\"trajectories\": 5, \"candidates\": 5", "\"trajectories\": 5, \"candidates\": 501"}) {
            ScenarioException e = assertThrows(ScenarioException.class,
                    () -> sweep(dir, "\"design\": \"morris\", " + bad + ", " + parameters));
            assertTrue(e.getMessage().contains("sweep.candidates: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
        }
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> sweep(dir, "\"design\": \"lhs\", \"samples\": 8, \"candidates\": 30, " + parameters));
        assertTrue(e.getMessage().contains("only a morris design"), e.getMessage());
    }

    // ---- discrete parameters on a Morris grid --------------------------------------------------

    private static Sweep sweep(Path dir, String body) throws IOException {
        if (!Files.exists(dir.resolve("krachtwijk.json"))) {
            Files.copy(Path.of("scenarios", "krachtwijk.json"), dir.resolve("krachtwijk.json"));
        }
        Path file = dir.resolve("s" + body.hashCode() + ".json");
        Files.writeString(file, "{\"sweep\": {\"name\": \"s\", \"base\": \"krachtwijk.json\", \"replications\": 1, "
                + "\"metrics\": [\"city_employment_end\"], " + body + "}}");
        return Sweep.load(file, SweepMetrics.names());
    }

    /** For each grid level of parameter k, the values it was given over the whole design. */
    private static Map<Integer, TreeSet<String>> levelsToValues(Sweep s, int k, int levels) {
        Map<Integer, TreeSet<String>> map = new TreeMap<>();
        for (int p = 0; p < s.points(); p++) {
            int level = (int) Math.round(s.unit(p)[k] * (levels - 1));
            map.computeIfAbsent(level, l -> new TreeSet<>()).add(s.value(p, k));
        }
        return map;
    }

    /**
     * Every level of the grid gives one value, every value is given, and the map is symmetric:
     * level l gives the i-th value exactly when level p - 1 - l gives the (n - 1 - i)-th, so no end
     * of the list takes more levels than the other.
     */
    private static void assertExactMap(Map<Integer, TreeSet<String>> map, List<String> values, int levels) {
        assertEquals(levels, map.size(), "every level is used: " + map);
        TreeSet<String> reached = new TreeSet<>();
        for (Map.Entry<Integer, TreeSet<String>> e : map.entrySet()) {
            assertEquals(1, e.getValue().size(), "level " + e.getKey() + " gives one value: " + map);
            reached.addAll(e.getValue());
        }
        assertEquals(new TreeSet<>(values), reached, "every value is run: " + map);
        int n = values.size();
        for (int l = 0; l < levels; l++) {
            int i = values.indexOf(map.get(l).first());
            int mirror = values.indexOf(map.get(levels - 1 - l).first());
            assertEquals(n - 1 - i, mirror, "level " + l + " and level " + (levels - 1 - l) + " mirror each other: " + map);
        }
    }

    @Test
    void aMorrisGridMapsItsLevelsExactlyOntoAListsValues(@TempDir Path dir) throws IOException {
        // 3 values on 4 levels: the middle one takes the two middle levels (floor(u n) gave the last
        // value the two top levels); 7 values (a list, and a range of 7 whole numbers) on 8 levels
        Sweep three = sweep(dir, "\"design\": \"morris\", \"trajectories\": 40, \"parameters\": ["
                + "{\"name\": \"d\", \"path\": \"programmes[0].durationYears\", \"values\": [2, 3, 4]},"
                + "{\"name\": \"mode\", \"path\": \"programmes[0].team.mode\", \"values\": [\"integral\", \"fragmented\"]}]");
        assertExactMap(levelsToValues(three, 0, 4), List.of("2", "3", "4"), 4);
        assertExactMap(levelsToValues(three, 1, 4), List.of("\"integral\"", "\"fragmented\""), 4);
        Sweep seven = sweep(dir, "\"design\": \"morris\", \"trajectories\": 60, \"levels\": 8, \"parameters\": ["
                + "{\"name\": \"d\", \"path\": \"programmes[0].durationYears\", \"values\": [1, 2, 3, 4, 5, 6, 7]},"
                + "{\"name\": \"d2\", \"path\": \"programmes[0].startYear\", \"range\": [1, 7], \"integer\": true}]");
        List<String> oneToSeven = List.of("1", "2", "3", "4", "5", "6", "7");
        assertExactMap(levelsToValues(seven, 0, 8), oneToSeven, 8);
        assertExactMap(levelsToValues(seven, 1, 8), oneToSeven, 8);
    }

    @Test
    void aListWithMoreValuesThanMorrisLevelsIsRefusedInOneLine(@TempDir Path dir) {
        // 5 values on 4 levels: the middle value was never run
        ScenarioException e = assertThrows(ScenarioException.class, () -> sweep(dir,
                "\"design\": \"morris\", \"trajectories\": 4, \"parameters\": ["
                + "{\"name\": \"d\", \"path\": \"programmes[0].durationYears\", \"values\": [2, 3, 4, 5, 6]}]"));
        assertTrue(e.getMessage().contains("'d' has 5 values, but a morris grid of 4 levels reaches only 4"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void morrisEffectsAreDividedByTheChangeOfTheValue(@TempDir Path dir) throws IOException {
        // a range of the whole numbers 1..3 on 4 levels takes the values 1, 2, 2, 3; both of a step's
        // starting levels move the value by 1, a half of the range, while the grid's coordinate moves
        // by 2/3. With an output equal to the value, every effect is 1 / (1/2) = 2 (per whole range,
        // as a continuous range's effects are) and sigma is 0; divided by the coordinate's change
        // they read 1.5 or 3. A continuous parameter the output ignores has effects 0.
        Sweep s = sweep(dir, "\"design\": \"morris\", \"trajectories\": 30, \"parameters\": ["
                + "{\"name\": \"d\", \"path\": \"programmes[0].durationYears\", \"range\": [1, 3], \"integer\": true},"
                + "{\"name\": \"proximity\", \"path\": \"programmes[0].team.proximity\", \"range\": [0.1, 0.9]}]");
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        List<String> metrics = s.metrics();
        StringBuilder runs = new StringBuilder(SweepRunner.header(s, metrics));
        for (int p = 0; p < s.points(); p++) {
            runs.append(SweepRunner.row(s, p, 1, new double[] {s.valueNode(p, 0).asDouble()}));
        }
        Files.writeString(out.resolve(SweepRunner.RUNS), runs);
        SweepRunner.finish(s, metrics, out, 1);
        TestCsv csv = TestCsv.read(out.resolve(SweepRunner.SENSITIVITY));
        Map<String, Double> v = new HashMap<>();
        for (int r = 0; r < csv.size(); r++) {
            v.put(csv.get(r, "parameter") + "|" + csv.get(r, "index"), csv.num(r, "value"));
        }
        assertEquals(2.0, v.get("d|mu_star"), 1e-9, "mu* of d");
        assertEquals(2.0, v.get("d|mu"), 1e-9, "mu of d");
        assertEquals(0.0, v.get("d|sigma"), 1e-9, "sigma of d");
        assertEquals(0.0, v.get("proximity|mu_star"), 1e-9, "mu* of proximity");
    }

    // ---- Sobol ----------------------------------------------------------------------------------

    @Test
    void aScrambledSobolDesignIsBalancedInEveryParameter() {
        // n = 2^m points of a Sobol sequence from its first point are a net: in every dimension each
        // interval [j/n, (j+1)/n) holds one point; Owen's scrambling keeps that (skipping the first
        // point and taking points 1..n does not: point n lands in an interval taken already)
        for (int n : new int[] {16, 64, 1024}) {
            for (long seed : new long[] {1, 2, 3}) {
                int k = 5;
                double[][] u = Designs.saltelli(n, k, new MersenneTwisterFast(seed));
                assertEquals(n * (k + 2), u.length);
                for (int half = 0; half < 2; half++) {
                    for (int j = 0; j < k; j++) {
                        boolean[] seen = new boolean[n];
                        for (int i = 0; i < n; i++) {
                            double x = u[half * n + i][j];
                            assertTrue(x >= 0 && x < 1, "in [0, 1): " + x);
                            int cell = (int) Math.floor(x * n);
                            assertFalse(seen[cell], "n " + n + " seed " + seed + " column " + j + ": two points in " + cell);
                            seen[cell] = true;
                        }
                    }
                }
                for (int p = 0; p < k; p++) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < k; j++) {
                            assertEquals(j == p ? u[n + i][j] : u[i][j], u[(2 + p) * n + i][j], "AB_i is A with column i of B");
                        }
                    }
                }
            }
        }
    }

    @Test
    void theScrambledDesignStillEstimatesTheIshigamiIndices() {
        // analytical values (a = 7, b = 0.1): S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
        // With 8,192 base rows the estimators' spread over scramblings is about 0.01 (the bootstrap
        // intervals are under 0.1 wide); tolerance 0.04 (fixed seed; a false failure below 1e-4).
        int n = 8192;
        double[][] u = Designs.saltelli(n, 3, new MersenneTwisterFast(20));
        double[] f = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            double x1 = -Math.PI + 2 * Math.PI * u[i][0];
            double x2 = -Math.PI + 2 * Math.PI * u[i][1];
            double x3 = -Math.PI + 2 * Math.PI * u[i][2];
            f[i] = Math.sin(x1) + 7 * Math.sin(x2) * Math.sin(x2) + 0.1 * Math.pow(x3, 4) * Math.sin(x1);
        }
        Map<String, Double> x = new HashMap<>();
        for (Sensitivity.Index i : Sensitivity.sobol("y", List.of("x1", "x2", "x3"), u, f, n)) {
            x.put(i.parameter() + "|" + i.index(), i.value());
        }
        double[] s1 = {0.3139, 0.4424, 0.0};
        double[] st = {0.5576, 0.4424, 0.2437};
        for (int p = 0; p < 3; p++) {
            assertEquals(s1[p], x.get("x" + (p + 1) + "|S1"), 0.04, "x" + (p + 1) + " S1");
            assertEquals(st[p], x.get("x" + (p + 1) + "|ST"), 0.04, "x" + (p + 1) + " ST");
        }
    }

    private static final String SOBOL_PARAMETERS = "\"parameters\": ["
            + "{\"name\": \"proximity\", \"path\": \"programmes[0].team.proximity\", \"range\": [0.1, 0.9]}]";

    @Test
    void aSobolSampleCountThatIsNotAPowerOfTwoIsRefusedInOneLine(@TempDir Path dir) {
        for (int samples : new int[] {24, 100, 17}) {
            ScenarioException e = assertThrows(ScenarioException.class,
                    () -> sweep(dir, "\"design\": \"sobol\", \"samples\": " + samples + ", " + SOBOL_PARAMETERS));
            assertTrue(e.getMessage().contains("sweep.samples: " + samples + " is not a power of two"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
        }
    }

    @Test
    void theDesignSeedChoosesTheSobolDesign(@TempDir Path dir) throws IOException {
        Sweep one = sweep(dir, "\"design\": \"sobol\", \"samples\": 16, \"designSeed\": 1, " + SOBOL_PARAMETERS);
        Sweep again = sweep(dir, "\"design\": \"sobol\", \"samples\": 16, \"designSeed\": 1, " + SOBOL_PARAMETERS);
        Sweep two = sweep(dir, "\"design\": \"sobol\", \"designSeed\": 2, \"samples\": 16, " + SOBOL_PARAMETERS);
        boolean differs = false;
        for (int p = 0; p < one.points(); p++) {
            assertArrayEquals(one.unit(p), again.unit(p), "the same seed, the same point " + p);
            assertEquals(one.value(p, 0), again.value(p, 0));
            differs |= one.unit(p)[0] != two.unit(p)[0];
        }
        assertTrue(differs, "another design seed, another design");
    }
}
