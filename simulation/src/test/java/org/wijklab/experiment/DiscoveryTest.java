package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ec.util.MersenneTwisterFast;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Scenario discovery on synthetic cases with a known box: 1,000 uniform points in four dimensions,
 * the outcome true iff x1 > 0.7 and x2 < 0.4, each label flipped with probability 0.1, and a
 * design-only dummy. Tolerances: the box's limits within 0.05 of 0.7 and 0.4, its unlimited sides
 * within 0.1 of the range's ends, the two restrictions' quasi-p below 1e-6, an irrelevant
 * restriction (if any) with quasi-p above 0.01 and at least 0.75 of its range kept, density above
 * 0.8 and coverage above 0.4; x1's and x2's feature scores more than twice each of x3's, x4's and
 * the dummy's. Fixed seeds make every assertion deterministic (false-failure rate 0 for this code);
 * the tolerances hold for each of the 20 data seeds 1 to 20 ({@link #manySeeds} runs ten,
 * {@code -Ddiscovery.seeds=20} all), so a change of the random streams is unlikely to break them
 * by chance (no failure in 20 tries).
 */
class DiscoveryTest {
    static final int N = 1000;

    /** The synthetic cases: x1..x4 and the dummy uniform on [0, 1]. */
    static List<Discovery.Parameter> cases(long seed, boolean[] y) {
        MersenneTwisterFast r = new MersenneTwisterFast(seed);
        double[][] x = new double[5][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 5; j++) {
                x[j][i] = r.nextDouble();
            }
            boolean inBox = x[0][i] > 0.7 && x[1][i] < 0.4;
            y[i] = r.nextDouble() < 0.1 ? !inBox : inBox;
        }
        List<Discovery.Parameter> p = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
            p.add(new Discovery.Parameter("x" + (j + 1), x[j], null, 0, 1, "parameter"));
        }
        p.add(new Discovery.Parameter("dummy", x[4], null, 0, 1, "dummy"));
        return p;
    }

    static Map<String, Discovery.Limit> limits(Discovery.Result r) {
        return r.box().stream().collect(Collectors.toMap(Discovery.Limit::parameter, l -> l));
    }

    /** The box found at the default step: x1's low limit within 0.05 of 0.7, x2's high within 0.05 of 0.4. */
    static void assertFindsTheBox(Discovery.Result r, String where) {
        Map<String, Discovery.Limit> l = limits(r);
        assertEquals(4, l.size(), "the dummy is no PRIM dimension");
        assertTrue(l.get("x1").restricted() && l.get("x2").restricted(), where + ": " + r.box());
        assertEquals(0.7, l.get("x1").low(), 0.05, where + ": x1's lower limit");
        assertEquals(1.0, l.get("x1").high(), 0.1, where + ": x1 not limited above, or little");
        assertEquals(0.4, l.get("x2").high(), 0.05, where + ": x2's upper limit");
        assertEquals(0.0, l.get("x2").low(), 0.1, where + ": x2 not limited below, or little");
        // the binomial tail of the box's hits under the density without the restriction: far below 1e-6
        assertTrue(l.get("x1").quasiP() < 1e-6, where + ": x1's quasi-p " + l.get("x1").quasiP());
        assertTrue(l.get("x2").quasiP() < 1e-6, where + ": x2's quasi-p " + l.get("x2").quasiP());
        for (String irrelevant : List.of("x3", "x4")) {
            Discovery.Limit x = l.get(irrelevant);
            // an irrelevant dimension is left alone or restricted to little effect (a quasi-p above 0.01)
            assertTrue(!x.restricted() || x.quasiP() > 0.01, where + ": " + x);
            assertTrue(!x.restricted() || x.high() - x.low() > 0.75, where + ": " + x);
        }
        Prim.Step chosen = r.chosenStep();
        // the true box holds 12 % of the cases, 90 % of them hits: the found one's density is near 0.9
        assertTrue(chosen.density() > 0.8, where + ": density " + chosen.density());
        assertTrue(chosen.coverage() > 0.4, where + ": coverage " + chosen.coverage());
    }

    static void assertRanksTheTwo(Discovery.Result r, String where) {
        Map<String, Discovery.Score> s = r.scores().stream().collect(Collectors.toMap(Discovery.Score::parameter, x -> x));
        double sum = r.scores().stream().mapToDouble(Discovery.Score::score).sum();
        assertEquals(1.0, sum, 1e-9, "scores sum to 1");
        for (String relevant : List.of("x1", "x2")) {
            assertTrue(s.get(relevant).rank() <= 2, where + ": " + r.scores());
            assertTrue(s.get(relevant).aboveFloor(), where + ": above the dummy's score");
            // a clear margin over the noise: more than twice the largest irrelevant score
            for (String other : List.of("x3", "x4", "dummy")) {
                assertTrue(s.get(relevant).score() > 2 * s.get(other).score(), where + ": " + r.scores());
            }
        }
        assertFalse(s.get("dummy").aboveFloor(), "the dummy is the floor itself");
    }

    @Test
    void primFindsTheKnownBoxAndTheScoresRankItsTwoParameters() {
        boolean[] y = new boolean[N];
        Discovery.Result r = Discovery.run(cases(7, y), y, null, 1);
        assertFindsTheBox(r, "seed 7");
        assertRanksTheTwo(r, "seed 7");
        // the trajectory starts at the whole space and only shrinks in mass while peeling
        Prim.Step first = r.trajectory().get(0);
        assertEquals(1.0, first.mass());
        assertEquals(1.0, first.coverage());
        assertEquals(List.of(), first.restricted());
        for (Prim.Step s : r.trajectory()) {
            assertTrue(s.mass() >= Prim.MIN_MASS - 1e-12, "min mass: " + s);
        }
    }

    @Test
    void manySeeds() {
        for (long seed = 1; seed <= Long.getLong("discovery.seeds", 10); seed++) {
            boolean[] y = new boolean[N];
            Discovery.Result r = Discovery.run(cases(seed, y), y, null, seed);
            assertFindsTheBox(r, "seed " + seed);
            assertRanksTheTwo(r, "seed " + seed);
            if (Boolean.getBoolean("discovery.print")) {
                System.out.println("seed " + seed + " step " + r.chosen() + " of " + r.trajectory().size() + ": " + r.chosenStep()
                        + "\n" + Discovery.boxCsv(r) + Discovery.scoresCsv(r));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameBytes() {
        boolean[] y = new boolean[N];
        List<Discovery.Parameter> p = cases(3, y);
        Discovery.Result a = Discovery.run(p, y, null, 5);
        Discovery.Result b = Discovery.run(p, y, null, 5);
        assertEquals(Discovery.trajectoryCsv(a), Discovery.trajectoryCsv(b));
        assertEquals(Discovery.boxCsv(a), Discovery.boxCsv(b));
        assertEquals(Discovery.scoresCsv(a), Discovery.scoresCsv(b));
        Discovery.Result c = Discovery.run(p, y, null, 6);
        assertFalse(Discovery.scoresCsv(a).equals(Discovery.scoresCsv(c)), "another seed, other trees");
    }

    @Test
    void aCategoricalParameterIsPeeledOneCategoryAtATime() {
        // the outcome holds iff the category is "b" (of a, b, c, d) and x > 0.5, no noise
        MersenneTwisterFast r = new MersenneTwisterFast(11);
        int n = 400;
        double[] cat = new double[n];
        double[] x = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            cat[i] = r.nextInt(4);
            x[i] = r.nextDouble();
            y[i] = cat[i] == 1 && x[i] > 0.5;
        }
        List<Discovery.Parameter> p = List.of(new Discovery.Parameter("kind", cat, List.of("a", "b", "c", "d"), Double.NaN,
                Double.NaN, "parameter"), new Discovery.Parameter("x", x, null, 0, 1, "parameter"),
                new Discovery.Parameter("dummy", new double[n], null, 0, 1, "probe"));
        Discovery.Result d = Discovery.run(p, y, null, 1);
        Map<String, Discovery.Limit> l = limits(d);
        assertEquals(List.of("b"), l.get("kind").kept());
        assertEquals(0.5, l.get("x").low(), 0.05);
        assertEquals(1.0, d.chosenStep().density(), 1e-12);
        assertEquals(1.0, d.chosenStep().coverage(), 1e-12);
    }

    @Test
    void aChosenStepIsReportedAndAnUnrestrictedParameterHasNoQuasiP() {
        boolean[] y = new boolean[N];
        List<Discovery.Parameter> p = cases(4, y);
        Discovery.Result r = Discovery.run(p, y, 0, 1);
        assertEquals(0, r.chosen());
        for (Discovery.Limit l : r.box()) {
            assertFalse(l.restricted());
            assertTrue(Double.isNaN(l.quasiP()));
            assertEquals("not restricted", l.reason());
            assertEquals(0.0, l.low());
            assertEquals(1.0, l.high());
        }
    }

    static Prim.Step step(int s, double coverage, double density) {
        return new Prim.Step(s, null, 10, 5, coverage, density, 0.5, List.of());
    }

    @Test
    void theDefaultBoxHasTheLargestCoverageTimesDensityFromStepOne() {
        // a common outcome: the whole space's 1 x 0.85 is the largest product, but it is no box
        assertEquals(1, Discovery.defaultStep(List.of(step(0, 1, 0.85), step(1, 0.9, 0.86), step(2, 0.6, 0.95),
                step(3, 0.3, 1))));
        assertEquals(2, Discovery.defaultStep(List.of(step(0, 1, 0.2), step(1, 0.95, 0.3), step(2, 0.8, 0.9),
                step(3, 0.5, 0.95), step(4, 0.8, 0.9))), "the earlier of a tie");
        assertEquals(0, Discovery.defaultStep(List.of(step(0, 1, 0.5))), "nothing peeled");
    }

    @Test
    void theUpperTailIsTheBinomialsTail() {
        // P(X >= 3) for X ~ binomial(4, 0.5) = 5/16; P(X >= 0) = 1; a far tail keeps its digits
        assertEquals(5.0 / 16, Prim.upperTail(4, 0.5, 3), 1e-12);
        assertEquals(1.0, Prim.upperTail(4, 0.5, 0), 1e-12);
        assertEquals(Math.pow(0.1, 20), Prim.upperTail(20, 0.1, 20), 1e-30);
    }

    @Test
    void conditionsParseAndRefuse() {
        assertEquals(new Discovery.Condition("social_return", ">", 1.0), Discovery.Condition.parse("social_return > 1"));
        assertEquals(new Discovery.Condition("m", "<=", -0.5), Discovery.Condition.parse(" m<=-0.5 "));
        assertEquals(new Discovery.Condition("m", ">=", 1e3), Discovery.Condition.parse("m >= 1e3"));
        for (String bad : List.of("m", "m > ", "> 1", "m = 1", "m > NaN", "m > Infinity", "m > 1 2", "m >> 1", "m > 0x10",
                "m > 1f")) {
            assertNull(Discovery.Condition.parse(bad), bad);
        }
        assertArrayEquals(new boolean[] {false, true, true}, new boolean[] {
            Discovery.Condition.parse("m >= 1").holds(0.5), Discovery.Condition.parse("m >= 1").holds(1),
            Discovery.Condition.parse("m < 1").holds(0.5)});
    }
}
