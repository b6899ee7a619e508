package org.wijklab.experiment.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ec.util.MersenneTwisterFast;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.wijklab.experiment.calibration.Method.GenerationSummary;
import org.wijklab.experiment.calibration.Method.Particle;

/**
 * The calibration methods on problems whose answers are known, without simulation: ABC-SMC on
 * normal models whose posterior is known in closed form, NSGA-II on test functions whose Pareto
 * front is known (Schaffer's, ZDT1).
 *
 * <p>The statistical checks use fixed seeds for the method and the toy model, so they give the
 * same result on every run; their tolerances were set from 100 seeds (ABC) or 20 seeds (NSGA-II)
 * run once while writing them, as stated at each: the false-failure rate given is the chance that
 * another seed would fail.
 */
class CalibrationMethodsTest {

    /** A toy model: the deviations of a point of the unit cube, with its own random stream. */
    private interface Model extends BiFunction<double[], MersenneTwisterFast, double[]> {
    }

    /** Runs a method to the end on a model, recording each generation's deviations. */
    private static Method run(Method method, Model model, long modelSeed, List<double[][]> record) {
        MersenneTwisterFast random = new MersenneTwisterFast(modelSeed);
        while (!method.finished()) {
            List<double[]> points = method.propose();
            double[][] deviations = new double[points.size()][];
            for (int i = 0; i < points.size(); i++) {
                deviations[i] = model.apply(points.get(i), random);
            }
            if (record != null) {
                record.add(deviations);
            }
            method.observe(deviations);
        }
        return method;
    }

    private static double scale(double u, double lo, double hi) {
        return lo + (hi - lo) * u;
    }

    /** Weighted means and covariance of the result's points mapped by lo + (hi - lo) u. */
    private static double[][] moments(List<Particle> particles, double lo, double hi) {
        int d = particles.get(0).point().length;
        double[] mean = new double[d];
        double total = 0;
        for (Particle p : particles) {
            total += p.weight();
            for (int i = 0; i < d; i++) {
                mean[i] += p.weight() * scale(p.point()[i], lo, hi);
            }
        }
        assertEquals(1, total, 1e-9, "normalised weights");
        double[][] out = new double[d + 1][];
        out[0] = mean;
        for (int i = 0; i < d; i++) {
            out[i + 1] = new double[d];
            for (int k = 0; k < d; k++) {
                for (Particle p : particles) {
                    out[i + 1][k] += p.weight() * (scale(p.point()[i], lo, hi) - mean[i])
                            * (scale(p.point()[k], lo, hi) - mean[k]);
                }
            }
        }
        return out;
    }

    /**
     * theta uniform on [-10, 10]; the data are the mean of 25 draws from N(theta, 5^2), so their
     * standard error is 1; the observed mean is 2.5. The posterior is N(2.5, 1) (truncation at
     * 7.5 sd is negligible), and ABC with the final tolerance eps (about 0.07 here) widens it by
     * eps^2/3 in variance, 0.1%.
     */
    private static final Model MEAN_OF_DRAWS = (u, random) -> {
        double theta = scale(u[0], -10, 10);
        double sum = 0;
        for (int k = 0; k < 25; k++) {
            sum += theta + 5 * random.nextGaussian();
        }
        return new double[] {(sum / 25 - 2.5) / 1.0};
    };

    @Test
    void abcRecoversTheNormalPosteriorOfAMean() {
        Method abc = run(Methods.abc(1, 4, 1000, 0.5, 0.02, 200, null), MEAN_OF_DRAWS, 131, null);
        double[][] m = moments(abc.result(), -10, 10);
        // Over seeds 1 to 100 (N = 1000, about 400 effective particles, 40 generations) the
        // largest errors were 0.16 in the mean and 0.10 in the sd: tolerances 0.25 and 0.15,
        // false-failure rate well under 1%.
        assertEquals(2.5, m[0][0], 0.25, "posterior mean");
        assertEquals(1.0, Math.sqrt(m[1][0]), 0.15, "posterior sd");
        assertEquals(500, abc.result().size(), "alpha N particles kept");
        List<GenerationSummary> generations = abc.generations();
        assertEquals(1000, generations.get(0).proposed());
        for (int t = 1; t < generations.size(); t++) {
            GenerationSummary g = generations.get(t);
            assertEquals(500, g.proposed(), "N - alpha N new points per generation");
            assertEquals(500, g.kept());
            assertTrue(g.tolerance() <= generations.get(t - 1).tolerance(), "tolerances never grow");
            assertTrue(g.effectiveSampleSize() > 1 && g.effectiveSampleSize() <= 500 + 1e-9);
            assertTrue(g.bestDistance() <= g.medianDistance() && g.medianDistance() <= g.tolerance());
        }
        assertTrue(generations.get(generations.size() - 1).tolerance() < 0.2, "the tolerance shrank");
        assertTrue(abc.propose().isEmpty(), "a finished method proposes nothing");
    }

    /**
     * Two parameters on [-10, 10]^2 seen through y1 = theta1 + theta2 + e1 and y2 = theta1 + e2,
     * e ~ N(0, 1), observed y = (-1, 1): the posterior is normal with mean (1, -2), sds 1 and
     * sqrt 2 and correlation -1/sqrt 2. The final tolerance (about 0.47 in two dimensions) widens
     * the sds by about 3%.
     */
    private static final Model SUM_AND_FIRST = (u, random) -> {
        double a = scale(u[0], -10, 10);
        double b = scale(u[1], -10, 10);
        return new double[] {a + b + random.nextGaussian() - (-1), a + random.nextGaussian() - 1};
    };

    @Test
    void abcRecoversACorrelatedTwoParameterPosterior() {
        Method abc = run(Methods.abc(2, 4, 1000, 0.5, 0.02, 200, null), SUM_AND_FIRST, 131, null);
        double[][] m = moments(abc.result(), -10, 10);
        double sd1 = Math.sqrt(m[1][0]);
        double sd2 = Math.sqrt(m[2][1]);
        // Over seeds 1 to 100 the largest errors were 0.19 and 0.27 in the means, 16% and 21% in
        // the sds, 0.09 in the correlation: tolerances 0.35, 0.45, 30%, 30%, 0.15; false-failure
        // rate under 1%.
        assertEquals(1, m[0][0], 0.35, "posterior mean of theta1");
        assertEquals(-2, m[0][1], 0.45, "posterior mean of theta2");
        assertEquals(1, sd1, 0.3, "posterior sd of theta1");
        assertEquals(Math.sqrt(2), sd2, 0.3 * Math.sqrt(2), "posterior sd of theta2");
        assertEquals(-1 / Math.sqrt(2), m[1][1] / (sd1 * sd2), 0.15, "posterior correlation");
    }

    /**
     * A posterior cut by the prior's bound: theta uniform on [0, 10], one observation N(theta, 1)
     * of 0.5. The posterior is N(0.5, 1) truncated at 0, whose mean and sd follow in closed form;
     * the kernel's draws outside the cube are redrawn, and the weights must allow for it.
     */
    @Test
    void abcRecoversAPosteriorCutByThePriorsBound() {
        Model model = (u, random) -> new double[] {scale(u[0], 0, 10) + random.nextGaussian() - 0.5};
        Method abc = run(Methods.abc(1, 4, 1000, 0.5, 0.02, 200, null), model, 131, null);
        double[][] m = moments(abc.result(), 0, 10);
        NormalDistribution standard = new NormalDistribution(0, 1);
        double a = -0.5;
        double lambda = standard.density(a) / (1 - standard.cumulativeProbability(a));
        double mean = 0.5 + lambda;
        double sd = Math.sqrt(1 - lambda * (lambda - a));
        // Over seeds 1 to 100 the largest errors were 0.09 in the mean (1.009) and 14% in the sd
        // (0.697): tolerances 0.15 and 20%, false-failure rate under 1%.
        assertEquals(mean, m[0][0], 0.15, "posterior mean");
        assertEquals(sd, Math.sqrt(m[1][0]), 0.2 * sd, "posterior sd");
    }

    @Test
    void abcIsDeterministicBitForBit() {
        List<double[][]> first = new ArrayList<>();
        List<double[][]> second = new ArrayList<>();
        Method a = run(Methods.abc(2, 77, 60, 0.5, 0.05, 12, null), SUM_AND_FIRST, 5, first);
        Method b = run(Methods.abc(2, 77, 60, 0.5, 0.05, 12, null), SUM_AND_FIRST, 5, second);
        assertEquals(first.size(), second.size());
        for (int t = 0; t < first.size(); t++) {
            assertTrue(java.util.Arrays.deepEquals(first.get(t), second.get(t)), "generation " + t);
        }
        assertSameParticles(a.result(), b.result());
        assertEquals(a.generations(), b.generations());
        // Another seed proposes other points.
        Method c = Methods.abc(2, 78, 60, 0.5, 0.05, 12, null);
        assertFalse(java.util.Arrays.equals(c.propose().get(0), Methods.abc(2, 77, 60, 0.5, 0.05, 12, null)
                .propose().get(0)));
    }

    /** The resume guarantee: a fresh method fed the recorded deviations proposes the same points. */
    @Test
    void abcReplayedDeviationsReproduceItsProposals() {
        List<double[][]> record = new ArrayList<>();
        List<List<double[]>> proposals = new ArrayList<>();
        Method original = Methods.abc(2, 9, 80, 0.5, 0.02, 15, null);
        MersenneTwisterFast random = new MersenneTwisterFast(3);
        while (!original.finished()) {
            List<double[]> points = original.propose();
            proposals.add(points);
            double[][] deviations = new double[points.size()][];
            for (int i = 0; i < points.size(); i++) {
                deviations[i] = SUM_AND_FIRST.apply(points.get(i), random);
            }
            record.add(deviations);
            original.observe(deviations);
        }
        assertTrue(record.size() > 3, "several generations");
        Method replayed = Methods.abc(2, 9, 80, 0.5, 0.02, 15, null);
        for (int t = 0; t < record.size(); t++) {
            List<double[]> points = replayed.propose();
            assertEquals(proposals.get(t).size(), points.size());
            for (int i = 0; i < points.size(); i++) {
                assertArrayEquals(proposals.get(t).get(i), points.get(i), 0, "generation " + t + " point " + i);
            }
            replayed.observe(record.get(t));
        }
        assertTrue(replayed.finished());
        assertSameParticles(original.result(), replayed.result());
        assertEquals(original.generations(), replayed.generations());
    }

    private static void assertSameParticles(List<Particle> a, List<Particle> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).point(), b.get(i).point(), 0);
            assertEquals(Double.doubleToLongBits(a.get(i).weight()), Double.doubleToLongBits(b.get(i).weight()));
            assertEquals(a.get(i).generation(), b.get(i).generation());
            assertArrayEquals(a.get(i).deviations(), b.get(i).deviations(), 0);
        }
    }

    @Test
    void abcWithAScheduleKeepsAtMostNWithinEachGenerationsTolerance() {
        double[] schedule = {4, 2, 1, 0.5, 0.25};
        Method abc = run(Methods.abc(1, 11, 200, 0.5, 0.02, 100, schedule), MEAN_OF_DRAWS, 17, null);
        List<GenerationSummary> generations = abc.generations();
        assertEquals(schedule.length, generations.size(), "one generation per tolerance");
        for (int t = 0; t < schedule.length; t++) {
            GenerationSummary g = generations.get(t);
            assertEquals(schedule[t], g.tolerance(), 0);
            assertEquals(200, g.proposed(), "N points every generation");
            assertTrue(g.kept() > 0 && g.kept() <= 200, "at most N kept");
            assertTrue(g.medianDistance() <= schedule[t]);
        }
        for (Particle p : abc.result()) {
            assertTrue(p.distance() <= 0.25, "every kept particle within the last tolerance");
        }
        // About 60 particles are within 0.25 at the end (effective sample size about 45), so the
        // posterior mean's error has an sd of about 0.15; over seeds 1 to 100 it was at most 0.38:
        // tolerance 0.6 (4 sd), false-failure rate about 1 in 10,000.
        assertEquals(2.5, moments(abc.result(), -10, 10)[0][0], 0.6);
        assertThrows(IllegalArgumentException.class,
                () -> Methods.abc(1, 1, 200, 0.5, 0.02, 10, new double[] {1, 2}));
    }

    @Test
    void abcNeverKeepsAPointWithANaNDeviation() {
        // Points in the lower half of the cube give no value; the rest are all near.
        Model model = (u, random) -> new double[] {u[0] < 0.5 ? Double.NaN : 0.1 * random.nextGaussian(), 0};
        Method abc = run(Methods.abc(1, 3, 100, 0.5, 0.02, 8, null), model, 1, null);
        assertEquals(50, abc.result().size());
        for (Particle p : abc.result()) {
            assertTrue(p.point()[0] >= 0.5 && Double.isFinite(p.distance()));
        }
    }

    @Test
    void abcStopsAtTheMaximumNumberOfGenerations() {
        Method abc = run(Methods.abc(1, 3, 40, 0.5, 0, 3, null), MEAN_OF_DRAWS, 1, null);
        assertEquals(3, abc.generations().size());
        assertTrue(abc.finished());
    }

    /** Schaffer's problem: f1 = x^2, f2 = (x - 2)^2, x in [-10, 10]; the Pareto set is [0, 2]. */
    private static final Model SCHAFFER = (u, random) -> {
        double x = scale(u[0], -10, 10);
        return new double[] {x * x, (x - 2) * (x - 2)};
    };

    @Test
    void nsga2FindsSchaffersFrontAndSpreadsAlongIt() {
        Method nsga = run(Methods.nsga2(1, 5, 40, 50), SCHAFFER, 1, null);
        List<Particle> front = nsga.result();
        assertEquals(40, front.size(), "the whole population on the front");
        double[] xs = new double[front.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = scale(front.get(i).point()[0], -10, 10);
            assertEquals(1.0 / 40, front.get(i).weight(), 0);
        }
        java.util.Arrays.sort(xs);
        double gap = 0;
        for (int i = 1; i < xs.length; i++) {
            gap = Math.max(gap, xs[i] - xs[i - 1]);
        }
        // Over seeds 1 to 20: every point within 0.0023 of [0, 2], the ends within 0.003 of 0
        // and 2, the largest gap 0.20 (evenly spread would be 0.05): tolerances 0.02, 0.05 and
        // 0.3; false-failure rate under 5%.
        assertTrue(xs[0] >= -0.02 && xs[xs.length - 1] <= 2.02, "on the Pareto set");
        assertTrue(xs[0] < 0.05 && xs[xs.length - 1] > 1.95, "reaches both ends");
        assertTrue(gap < 0.3, "no large gap: " + gap);
        List<GenerationSummary> generations = nsga.generations();
        assertEquals(50, generations.size());
        assertTrue(Double.isNaN(generations.get(0).tolerance()));
        assertEquals(40, generations.get(49).kept());
    }

    /** ZDT1 in d dimensions: f1 = x1, f2 = g (1 - sqrt(f1 / g)), g = 1 + 9 mean(x2..xd); front at g = 1. */
    private static Model zdt1(int d) {
        return (x, random) -> {
            double g = 0;
            for (int k = 1; k < d; k++) {
                g += x[k];
            }
            g = 1 + 9 * g / (d - 1);
            return new double[] {x[0], g * (1 - Math.sqrt(x[0] / g))};
        };
    }

    @Test
    void nsga2ConvergesToZdt1sFrontAndCoversIt() {
        Method nsga = run(Methods.nsga2(30, 5, 100, 250), zdt1(30), 1, null);
        List<Particle> front = nsga.result();
        double[] f1 = new double[front.size()];
        for (int i = 0; i < front.size(); i++) {
            double[] f = front.get(i).deviations();
            f1[i] = f[0];
            // Over seeds 1 to 20 the largest distance (in f2) to the true front was 0.026:
            // tolerance 0.05; false-failure rate under 5%.
            assertEquals(1 - Math.sqrt(f[0]), f[1], 0.05, "point " + i + " on the front g = 1");
        }
        java.util.Arrays.sort(f1);
        double gap = 0;
        for (int i = 1; i < f1.length; i++) {
            gap = Math.max(gap, f1[i] - f1[i - 1]);
        }
        // Over seeds 1 to 20: f1 always from 0.0000 to above 0.999, largest gap 0.039.
        assertTrue(f1[0] < 0.05 && f1[f1.length - 1] > 0.95, "covers f1 from 0 to 1");
        assertTrue(gap < 0.08, "spread along the front: largest gap " + gap);
        assertTrue(front.size() >= 50, "most of the population on the front");
    }

    @Test
    void nsga2IsDeterministicAndReplays() {
        List<double[][]> record = new ArrayList<>();
        List<List<double[]>> proposals = new ArrayList<>();
        Method original = Methods.nsga2(5, 21, 20, 10);
        Model model = (x, random) -> {
            double[] f = zdt1(5).apply(x, random);
            // Some points give no value: they must be dominated, and the replay must not care.
            return x[1] > 0.9 ? new double[] {Double.NaN, f[1]} : f;
        };
        while (!original.finished()) {
            List<double[]> points = original.propose();
            proposals.add(points);
            double[][] deviations = new double[points.size()][];
            for (int i = 0; i < points.size(); i++) {
                deviations[i] = model.apply(points.get(i), null);
            }
            record.add(deviations);
            original.observe(deviations);
        }
        assertEquals(10, record.size());
        Method replayed = Methods.nsga2(5, 21, 20, 10);
        for (int t = 0; t < record.size(); t++) {
            List<double[]> points = replayed.propose();
            for (int i = 0; i < points.size(); i++) {
                assertArrayEquals(proposals.get(t).get(i), points.get(i), 0, "generation " + t + " point " + i);
            }
            replayed.observe(record.get(t));
        }
        assertSameParticles(original.result(), replayed.result());
        assertEquals(original.generations(), replayed.generations());
        for (Particle p : original.result()) {
            assertTrue(Double.isFinite(p.distance()), "no point without a value on the front");
        }
    }

    @Test
    void nsga2PutsPointsWithoutAValueBehindAllOthers() {
        // Only two points have values, and one dominates the other; the rest are NaN.
        Method nsga = Methods.nsga2(1, 1, 6, 1);
        nsga.propose();
        double nan = Double.NaN;
        nsga.observe(new double[][] {{nan, 0}, {5, 5}, {nan, nan}, {1, 1}, {0, nan}, {nan, 1}});
        List<Particle> front = nsga.result();
        assertEquals(1, front.size());
        assertArrayEquals(new double[] {1, 1}, front.get(0).deviations(), 0);
    }

    @Test
    void impossibleSettingsAreRefusedInOneLine() {
        List<Runnable> bad = List.of(
                () -> Methods.abc(1, 1, 3, 0.5, 0.02, 10, null),
                () -> Methods.abc(1, 1, 100, 0, 0.02, 10, null),
                () -> Methods.abc(1, 1, 100, 1, 0.02, 10, null),
                () -> Methods.abc(1, 1, 10, 0.1, 0.02, 10, null),
                () -> Methods.abc(1, 1, 100, 0.5, 1, 10, null),
                () -> Methods.abc(1, 1, 100, 0.5, -0.1, 10, null),
                () -> Methods.abc(1, 1, 100, 0.5, 0.02, 0, null),
                () -> Methods.abc(0, 1, 100, 0.5, 0.02, 10, null),
                () -> Methods.abc(1, 1, 100, 0.5, 0.02, 10, new double[] {1, Double.NaN}),
                () -> Methods.abc(1, 1, 100, 0.5, 0.02, 10, new double[] {-1}),
                () -> Methods.nsga2(1, 1, 3, 10),
                () -> Methods.nsga2(1, 1, 10, 0),
                () -> Methods.nsga2(0, 1, 10, 10));
        for (Runnable r : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
            assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
