package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/**
 * The stopping rule of adaptive replications (Stein's two-stage procedure, {@link Statistics#steinTotal}
 * and {@link Statistics#stein}) driven by draws from known distributions: each simulated point
 * draws a first stage of 5, the rule sizes the second stage, and its interval either holds the
 * distribution's mean or not.
 *
 * <p>Tolerance: with 4,000 points and true coverage 0.95 the binomial SD of the simulated coverage
 * is sqrt(0.95 * 0.05 / 4000) = 0.0034; the normal case must be within 4 SD (0.0138) of 0.95, a
 * false failure rate of about 6e-5 over seeds (the seed is fixed, so the test is deterministic).
 *
 * <p>Measured (seed 20, 4,000 points, first stage 5, w = sigma / 2, so about 31 replications a point):
 * Stein covers 0.946 of normal means, 0.870 of exponential and 0.947 of Poisson(3) ones; the former
 * rule (start at 2, add one until the t interval's half-width is at most w) covers 0.884, 0.783 and
 * 0.823 on the same draws. Stein's guarantee is for normal values; for a skewed metric a larger first
 * stage helps (exponential, outside this test: 0.90 with a first stage of 10, 0.91 with 20).
 */
class AdaptiveCoverageTest {
    private static final int POINTS = 4000;
    private static final int FIRST = Statistics.STEIN_FIRST_STAGE;
    private static final int MAX = 100_000;
    /** 4 binomial SDs of a coverage of 0.95 over 4,000 points. */
    private static final double TOLERANCE = 4 * Math.sqrt(0.95 * 0.05 / POINTS);

    /** Draws from a distribution; Poisson is integer-valued, so it is wrapped. */
    private interface Draws {
        double next();
    }

    private static Draws normal(long seed) {
        RealDistribution d = new NormalDistribution(new MersenneTwister(seed), 10, 2, 1e-9);
        return d::sample;
    }

    private static Draws exponential(long seed) {
        RealDistribution d = new ExponentialDistribution(new MersenneTwister(seed), 2, 1e-9);
        return d::sample;
    }

    private static Draws poisson(long seed) {
        PoissonDistribution d = new PoissonDistribution(new MersenneTwister(seed), 3, 1e-12, 10_000_000);
        return () -> d.sample();
    }

    /** The share of points whose Stein interval holds mu; an NA interval counts as a miss. */
    static double steinCoverage(Draws draws, double mu, double w) {
        int covered = 0;
        for (int i = 0; i < POINTS; i++) {
            double[] first = new double[FIRST];
            for (int k = 0; k < FIRST; k++) {
                first[k] = draws.next();
            }
            int n = Statistics.steinTotal(first, w, MAX);
            double[] all = Arrays.copyOf(first, n);
            for (int k = FIRST; k < n; k++) {
                all[k] = draws.next();
            }
            Statistics.Estimate e = Statistics.stein(first, all);
            if (e.hasInterval() && e.low() <= mu && mu <= e.high()) {
                covered++;
            }
        }
        return covered / (double) POINTS;
    }

    /** The former rule: from 2 values on, one more until the t interval's half-width is at most w. */
    static double sequentialCoverage(Draws draws, double mu, double w) {
        int covered = 0;
        for (int i = 0; i < POINTS; i++) {
            double[] all = {draws.next(), draws.next()};
            Statistics.Estimate e = Statistics.estimate(all);
            while (e.halfWidth() > w && all.length < MAX) {
                all = Arrays.copyOf(all, all.length + 1);
                all[all.length - 1] = draws.next();
                e = Statistics.estimate(all);
            }
            if (e.hasInterval() && e.low() <= mu && mu <= e.high()) {
                covered++;
            }
        }
        return covered / (double) POINTS;
    }

    @Test
    void steinCoversNormalMeansNinetyFivePercentOfTheTime() {
        double c = steinCoverage(normal(20), 10, 1.0);
        assertTrue(Math.abs(c - 0.95) <= TOLERANCE, "normal coverage " + c + " is not within " + TOLERANCE + " of 0.95");
        // a short second stage too (w = sigma: about 8 values a point)
        double shortRuns = steinCoverage(normal(21), 10, 2.0);
        assertTrue(Math.abs(shortRuns - 0.95) <= TOLERANCE, "normal coverage " + shortRuns + " with w = sigma");
    }

    @Test
    void theFormerSequentialRuleUndercoversWhereSteinDoesNot() {
        // the finding, reproduced: stopping at the first narrow enough t interval from n = 2 on
        double before = sequentialCoverage(normal(20), 10, 1.0);
        assertTrue(before < 0.95 - TOLERANCE, "the sequential rule's normal coverage " + before);
        double after = steinCoverage(normal(20), 10, 1.0);
        assertTrue(after > before + TOLERANCE, "Stein " + after + " against sequential " + before);
    }

    @Test
    void coverageOfEachDistributionIsPrinted() {
        // skewed and discrete values are not normal, so Stein's guarantee is approximate there: the
        // figures are printed (and stated in the class comment). Each must beat the former rule on
        // the same draws by more than the tolerance (both are estimated with SD <= 0.0068 there)
        double norm = steinCoverage(normal(20), 10, 1.0);
        double exp = steinCoverage(exponential(20), 2, 1.0);
        double poi = steinCoverage(poisson(20), 3, Math.sqrt(3) / 2);
        double normBefore = sequentialCoverage(normal(20), 10, 1.0);
        double expBefore = sequentialCoverage(exponential(20), 2, 1.0);
        double poiBefore = sequentialCoverage(poisson(20), 3, Math.sqrt(3) / 2);
        System.out.printf("coverage over %d points, first stage %d, w = sigma/2: normal %.4f (sequential %.4f), "
                + "exponential %.4f (sequential %.4f), Poisson(3) %.4f (sequential %.4f)%n", POINTS, FIRST, norm,
                normBefore, exp, expBefore, poi, poiBefore);
        assertTrue(exp > expBefore + TOLERANCE, "exponential: Stein " + exp + ", sequential " + expBefore);
        assertTrue(poi > poiBefore + TOLERANCE, "Poisson(3): Stein " + poi + ", sequential " + poiBefore);
    }

    @Test
    void aFirstStageOfEqualValuesGivesNoIntervalRatherThanOneOfZeroWidth() {
        double[] equal = {3, 3, 3, 3, 3};
        assertEquals(5, Statistics.steinTotal(equal, 0.1, 100), "no variance to size a second stage by");
        Statistics.Estimate e = Statistics.stein(equal, equal);
        assertEquals(3.0, e.mean());
        assertTrue(!e.hasInterval(), "a zero-variance first stage gives NA, not " + e.halfWidth());
        assertTrue(!Statistics.stein(new double[] {4}, new double[] {4}).hasInterval());
    }

    @Test
    void theTotalIsSteinsFormulaCappedAtTheMaximum() {
        double[] first = {1, 2, 3, 4, 5};
        double sd = Math.sqrt(2.5);
        double t = new org.apache.commons.math3.distribution.TDistribution(4).inverseCumulativeProbability(0.975);
        int expected = (int) Math.ceil(Math.pow(t * sd / 1.0, 2));
        assertEquals(expected, Statistics.steinTotal(first, 1.0, 1000));
        assertEquals(12, Statistics.steinTotal(first, 1.0, 12), "capped at the maximum");
        assertEquals(5, Statistics.steinTotal(first, 100.0, 1000), "never below the first stage");
        // a NaN (a run without the metric) is left out, and the interval is then on the four values
        double[] withNa = {1, 2, Double.NaN, 4, 5};
        Statistics.Estimate e = Statistics.stein(withNa, withNa);
        assertEquals(4, e.n());
        assertEquals(3.0, e.mean(), 1e-12);
        double sd4 = Math.sqrt((4 + 1 + 1 + 4) / 3.0);
        double t3 = new org.apache.commons.math3.distribution.TDistribution(3).inverseCumulativeProbability(0.975);
        assertEquals(t3 * sd4 / 2, e.halfWidth(), 1e-12);
        // the interval's half-width is at most w when the maximum does not bind
        double[] all = new double[expected];
        for (int k = 0; k < all.length; k++) {
            all[k] = k < 5 ? first[k] : 3;
        }
        assertTrue(Statistics.stein(first, all).halfWidth() <= 1.0);
    }
}
