package org.wijklab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.report.chart.Estimate;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The space sections' numbers on run folders written by hand (a manifest, neighbourhoods.csv,
 * map.csv, distances.csv, services.csv), so that every figure can be worked out on paper: a
 * Spearman of a known permutation, class changes, the adjacent and far groups of a map, an
 * adjacent-minus-far over two seeds with its t interval, the NA of one seed, and the counts of
 * distances.csv.
 */
class SpaceSectionsTest {
    @TempDir
    Path tmp;

    /** Five neighbourhoods in a row: A-B-C-D-E, each bordering the next. */
    static final List<String> HOODS = List.of("A", "B", "C", "D", "E");

    /**
     * A run folder of {@code ticks} months: neighbourhoods.csv with {@code liveability[j]} and class
     * {@code cls[j]} at tick 0, {@code liveabilityEnd}/{@code clsEnd} from tick 1 on; households and
     * adults 100 each unless {@code households} says otherwise; low_income_share etc. from {@code value}.
     */
    static Path run(Path dir, String name, long seed, int ticks, double[] liveability, int[] cls, double[] liveabilityEnd,
            int[] clsEnd, Values value) throws IOException {
        Files.createDirectories(dir);
        ObjectNode scenario = ScenarioLoader.mapper().createObjectNode();
        scenario.put("name", name);
        scenario.put("seed", seed);
        ArrayNode hoods = scenario.putObject("city").putArray("neighbourhoods");
        for (String h : HOODS) {
            hoods.addObject().put("name", h);
        }
        scenario.putArray("programmes");
        ObjectNode m = ScenarioLoader.mapper().createObjectNode();
        m.put("scenarioName", name);
        m.put("seed", seed);
        m.put("ticks", ticks);
        m.set("scenario", scenario);
        m.putArray("files");
        m.put("scenarioSha256", ScenarioLoader.sha256(ScenarioLoader.mapper().writeValueAsString(scenario)));
        Files.writeString(dir.resolve("manifest.json"), m.toString());
        StringBuilder b = new StringBuilder("tick,neighbourhood,liveability,liveability_class,households,adults,"
                + "low_income_share,debt_share,good_mental_health\n");
        for (int t = 0; t <= ticks; t++) {
            for (int j = 0; j < HOODS.size(); j++) {
                boolean start = t == 0;
                b.append(t).append(',').append(HOODS.get(j)).append(',')
                        .append(start ? liveability[j] : liveabilityEnd[j]).append(',').append(start ? cls[j] : clsEnd[j])
                        .append(',').append(value.households(j)).append(',').append(value.adults(j));
                for (int k = 0; k < 3; k++) {
                    b.append(',').append(value.at(j, t == 0 ? 0 : t == ticks ? 1 : 0, k));
                }
                b.append('\n');
            }
        }
        Files.writeString(dir.resolve("neighbourhoods.csv"), b.toString());
        return dir;
    }

    /** The metrics of a neighbourhood j at the start (when 0) or end (1); k = 0 low income, 1 debts, 2 good mental health. */
    interface Values {
        double at(int j, int when, int k);

        default int households(int j) {
            return 100;
        }

        default int adults(int j) {
            return 100;
        }
    }

    static void writeMap(Path dir) throws IOException {
        StringBuilder b = new StringBuilder("neighbourhood,column,row,x_km,y_km,neighbours\n");
        for (int j = 0; j < HOODS.size(); j++) {
            String n = (j > 0 ? HOODS.get(j - 1) : "") + (j > 0 && j < HOODS.size() - 1 ? ";" : "")
                    + (j < HOODS.size() - 1 ? HOODS.get(j + 1) : "");
            b.append(HOODS.get(j)).append(',').append(j).append(",0,").append(1.5 * j).append(",0,").append(n).append('\n');
        }
        Files.writeString(dir.resolve("map.csv"), b.toString());
    }

    private static final double[] FLAT = {50, 40, 30, 20, 10};
    private static final int[] CLS = {5, 4, 3, 2, 1};

    @Test
    void spearmanOfAKnownPermutationAndTheClassChanges() throws IOException {
        // ranks 1..5 become 2 1 3 5 4: sum of squared rank differences 4, rho = 1 - 6 * 4 / (5 * 24) = 0.8
        double[] end = {40, 50, 30, 10, 20};
        int[] clsEnd = {4, 5, 3, 2, 1};
        Path d = run(tmp.resolve("r"), "s", 1, 130, FLAT, CLS, end, clsEnd, (j, w, k) -> 0.1);
        RanksSection.RunRanks r = RanksSection.of(RunFolder.open(d), RanksSection.YEAR_10, 130);
        assertEquals(0.8, r.rhoMid(), 1e-12);
        assertEquals(0.8, r.rhoEnd(), 1e-12);
        assertEquals(2, r.changesMid());
        assertEquals(2, r.changesEnd());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, r.startRank());
        assertArrayEquals(new double[] {2, 1, 3, 5, 4}, r.endRank());
        // the reversed order is -1; ties get their average rank
        assertEquals(-1, RanksSection.spearman(FLAT, new double[] {1, 2, 3, 4, 5}), 1e-12);
        assertArrayEquals(new double[] {1.5, 1.5, 3}, RanksSection.rank(new double[] {7, 7, 2}));
        assertTrue(Double.isNaN(RanksSection.spearman(FLAT, new double[] {3, 3, 3, 3, 3})), "no ranking at the end: NA");
    }

    @Test
    void aRunShorterThanTenYearsHasNoYear10AndOneSeedHasNoInterval() throws IOException {
        double[] end = {40, 50, 30, 10, 20};
        Path d = run(tmp.resolve("r"), "s", 1, 48, FLAT, CLS, end, CLS, (j, w, k) -> 0.1);
        RanksSection.RunRanks r = RanksSection.of(RunFolder.open(d), RanksSection.YEAR_10, RanksSection.endTick(48));
        assertTrue(Double.isNaN(r.rhoMid()));
        assertEquals(-1, r.changesMid());
        assertEquals(0.8, r.rhoEnd(), 1e-12);
        assertEquals(0, r.changesEnd());
        double[][] v = {{r.rhoMid()}, {r.rhoEnd()}, {Double.NaN}, {r.changesEnd()}};
        RanksSection.Measures m = RanksSection.measures(v, 48, 48);
        assertEquals(48, m.to()[1]);
        assertTrue(m.notes()[0].contains("before year 10"), m.notes()[0]);
        Estimate rho = m.estimates()[1];
        assertEquals(0.8, rho.mean(), 1e-12);
        assertEquals(1, rho.n());
        assertTrue(Double.isNaN(rho.lo()) && Double.isNaN(rho.hi()), "one seed: NA bounds");
        assertEquals("one seed: no interval", m.notes()[1]);
        assertEquals("the runs' last tick (48, year 4)", RanksSection.endName(48));
        assertEquals("year 30 (tick 360)", RanksSection.endName(372));
        assertEquals(360, RanksSection.endTick(372));
    }

    @Test
    void twoSeedsGiveTheStudentTIntervalOfTheCorrelation() {
        double[][] v = {{0.8, 0.6}, {0.8, 0.6}, {1, 3}, {1, 3}};
        RanksSection.Measures m = RanksSection.measures(v, 360, 360);
        Estimate e = m.estimates()[1];
        // t(0.975, 1) = 12.7062; sd of {0.8, 0.6} = 0.141421; half-width = 12.7062 * 0.141421 / sqrt(2) = 1.27062
        assertEquals(0.7, e.mean(), 1e-12);
        assertEquals(0.7 - 1.270620, e.lo(), 1e-6);
        assertEquals(0.7 + 1.270620, e.hi(), 1e-6);
        assertEquals("", m.notes()[1]);
        assertEquals(1, m.min()[3]);
        assertEquals(3, m.max()[3]);
    }

    @Test
    void theMapSplitsTheOtherNeighbourhoodsIntoAdjacentAndFar() throws IOException {
        Path d = run(tmp.resolve("r"), "s", 1, 12, FLAT, CLS, FLAT, CLS, (j, w, k) -> 0.1);
        writeMap(d);
        Map<String, Set<String>> n = Space.neighbours(RunFolder.open(d));
        assertEquals(Set.of("A", "C"), n.get("B"));
        SpilloversSection.Groups g = SpilloversSection.groups(n, Set.of("A"));
        assertEquals(Set.of("B"), g.adjacent());
        assertEquals(Set.of("C", "D", "E"), g.far());
        g = SpilloversSection.groups(n, Set.of("C"));
        assertEquals(Set.of("B", "D"), g.adjacent());
        assertEquals(Set.of("A", "E"), g.far());
    }

    @Test
    void adjacentMinusFarOverTwoSeedsByHand() throws IOException {
        // target A; adjacent B; far C, D, E. Low-income share at the start 0.1 everywhere.
        // Scenario, seed 1: B ends at 0.3 (+0.2); far ends at 0.1, 0.1, 0.4 with households 100, 100, 200
        //   -> far mean at the end (10 + 10 + 80) / 400 = 0.25, change +0.15.
        // Baseline, seed 1: everything stays at 0.1 -> changes 0.
        // adjacent = 0.2, far = 0.15, adjacent - far = 0.05.
        // Scenario, seed 2: B ends at 0.2 (+0.1), far unchanged; baseline the same: adjacent - far = 0.1.
        Values base = (j, w, k) -> 0.1;
        Values s1 = new Values() {
            public double at(int j, int w, int k) {
                return w == 0 ? 0.1 : new double[] {0.1, 0.3, 0.1, 0.1, 0.4}[j];
            }

            public int households(int j) {
                return j == 4 ? 200 : 100;
            }
        };
        Values s2 = (j, w, k) -> w == 1 && j == 1 ? 0.2 : 0.1;
        double[] adjMinusFar = new double[2];
        Values[] sc = {s1, s2};
        for (int seed = 1; seed <= 2; seed++) {
            Path a = run(tmp.resolve("prog/seed-" + seed), "prog", seed, 24, FLAT, CLS, FLAT, CLS, sc[seed - 1]);
            Path b = run(tmp.resolve("base/seed-" + seed), "base", seed, 24, FLAT, CLS, FLAT, CLS,
                    seed == 1 ? new Values() {
                        public double at(int j, int w, int k) {
                            return base.at(j, w, k);
                        }

                        public int households(int j) {
                            return j == 4 ? 200 : 100;
                        }
                    } : base);
            writeMap(a);
            double[][] p = SpilloversSection.pair(RunFolder.open(a), RunFolder.open(b), Set.of("A"));
            adjMinusFar[seed - 1] = p[2][0];
            if (seed == 1) {
                assertEquals(0.2, p[0][0], 1e-12, "adjacent");
                assertEquals(0.15, p[1][0], 1e-12, "far, weighted by households");
                // good mental health is weighted by adults (100 each): far mean at the end 0.2, change 0.1
                assertEquals(0.2, p[0][2], 1e-12);
                assertEquals(0.1, p[1][2], 1e-12);
            }
        }
        assertEquals(0.05, adjMinusFar[0], 1e-12);
        assertEquals(0.1, adjMinusFar[1], 1e-12);
        Estimate e = Summary.estimate(adjMinusFar);
        // mean 0.075; sd 0.0353553; half-width 12.7062 * 0.0353553 / sqrt(2) = 0.317655
        assertEquals(0.075, e.mean(), 1e-12);
        assertEquals(0.075 - 0.317655, e.lo(), 1e-6);
        assertEquals(0.075 + 0.317655, e.hi(), 1e-6);
    }

    @Test
    void distancesAreSummedOverYearsAndCheckedAgainstTheScenario() throws IOException {
        Path d = run(tmp.resolve("r"), "s", 1, 24, FLAT, CLS, FLAT, CLS, (j, w, k) -> 0.1);
        String header = "year,neighbourhood,same,adjacent,further,region,renewal_same,renewal_adjacent,renewal_further,"
                + "renewal_region\n";
        Files.writeString(d.resolve("distances.csv"), header + "1,A,1,2,3,4,1,0,0,1\n2,A,1,2,3,4,0,2,1,0\n1,B,10,0,0,10,0,0,0,0\n");
        RunFolder run = RunFolder.open(d);
        Map<String, long[]> m = Space.moves(run);
        assertArrayEquals(new long[] {2, 4, 6, 8, 1, 2, 1, 1}, m.get("A"));
        assertArrayEquals(new long[] {12, 4, 6, 18}, Space.sum(m, null, 0));
        assertArrayEquals(new long[] {1, 2, 1, 1}, SpilloversSection.displaced(run, Set.of("A")));
        double[] s = DistancesSection.shares(Space.sum(m, null, 0));
        assertEquals(0.3, s[0], 1e-12);
        assertEquals(0.55, s[4], 1e-12, "in the city: (12 + 4 + 6) / 40");
        assertTrue(Double.isNaN(DistancesSection.shares(new long[4])[4]), "no moves: NA, not 0");

        Files.writeString(d.resolve("distances.csv"), header + "1,Z,1,2,3,4,0,0,0,0\n");
        ReportException x = assertThrows(ReportException.class, () -> Space.moves(RunFolder.open(d)));
        assertTrue(x.getMessage().contains("'Z' is not a neighbourhood"), x.getMessage());
        Files.writeString(d.resolve("distances.csv"), header + "3,A,1,2,3,4,0,0,0,0\n");
        x = assertThrows(ReportException.class, () -> Space.moves(RunFolder.open(d)));
        assertTrue(x.getMessage().contains("outside the run's 1-2"), x.getMessage());
        Files.writeString(d.resolve("distances.csv"), header + "1,A,1,-2,3,4,0,0,0,0\n");
        x = assertThrows(ReportException.class, () -> Space.moves(RunFolder.open(d)));
        assertTrue(x.getMessage().contains("negative"), x.getMessage());
    }

    @Test
    void aMapWithAnUnknownOrMissingNeighbourhoodIsNamed() throws IOException {
        Path d = run(tmp.resolve("r"), "s", 1, 12, FLAT, CLS, FLAT, CLS, (j, w, k) -> 0.1);
        Files.writeString(d.resolve("map.csv"), "neighbourhood,column,row,x_km,y_km,neighbours\nA,0,0,0,0,B;Q\n");
        ReportException x = assertThrows(ReportException.class, () -> Space.neighbours(RunFolder.open(d)));
        assertTrue(x.getMessage().contains("'Q' is not another neighbourhood"), x.getMessage());
        Files.writeString(d.resolve("map.csv"), "neighbourhood,column,row,x_km,y_km,neighbours\nA,0,0,0,0,B\n");
        x = assertThrows(ReportException.class, () -> Space.neighbours(RunFolder.open(d)));
        assertTrue(x.getMessage().contains("no row for B, C, D, ..."), x.getMessage());
        assertFalse(RunFolder.open(d).hasFile("distances.csv"));
    }
}
