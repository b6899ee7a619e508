package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The statistics the validation, the reports and the sweeps share: Student-t intervals for any
 * degrees of freedom (against published table values, and beyond the old table's 30), no interval
 * for one replication, and Spearman's rho with ties at their average rank.
 */
class StatisticsTest {

    @ParameterizedTest(name = "t(0.975, {0}) = {1}")
    @CsvSource({"1, 12.7062", "2, 4.3027", "9, 2.2622", "30, 2.0423", "60, 2.0003", "120, 1.9799", "1000, 1.9623"})
    void tQuantilesMatchTheTable(double df, double expected) {
        // published two-sided 95 % values, four decimals; beyond 30 degrees of freedom the old
        // hand-written table answered 1.96, too narrow
        assertEquals(expected, Statistics.t975(df), 5e-5);
    }

    @Test
    void fractionalDegreesOfFreedomLieBetweenTheWholeOnes() {
        double t = Statistics.t975(4.5);
        assertTrue(t < Statistics.t975(4) && t > Statistics.t975(5), "Welch's 4.5 degrees of freedom: " + t);
        assertThrows(IllegalArgumentException.class, () -> Statistics.t975(0));
        assertThrows(IllegalArgumentException.class, () -> Statistics.t975(Double.NaN));
    }

    @Test
    void anIntervalIsTheMeanPlusMinusTTimesTheStandardError() {
        double[] v = {1.0, 2.0, 4.0, 7.0};
        Statistics.Estimate e = Statistics.estimate(v);
        double mean = 3.5;
        double sd = Math.sqrt(((2.5 * 2.5) + (1.5 * 1.5) + (0.5 * 0.5) + (3.5 * 3.5)) / 3);
        assertEquals(mean, e.mean(), 1e-12);
        assertEquals(3.1824 * sd / 2, e.halfWidth(), 1e-3 * sd);
        assertEquals(4, e.n());
        assertTrue(e.hasInterval());
    }

    @Test
    void oneReplicationHasNoInterval() {
        Statistics.Estimate e = Statistics.estimate(new double[] {5.0});
        assertEquals(5.0, e.mean());
        assertFalse(e.hasInterval(), "one value: the interval is undefined, not of zero width");
        assertTrue(Double.isNaN(e.low()) && Double.isNaN(e.high()));
        assertTrue(Double.isNaN(Statistics.estimate(new double[0]).mean()));
    }

    @Test
    void spearmanGivesTiesTheirAverageRank() {
        // a = 1, 2, 2, 3 ranks 1, 2.5, 2.5, 4; b ranks 1, 2, 3, 4: Pearson's r of the ranks is
        // 0.9487 (by hand); ranking ties by order of appearance would give 1
        assertEquals(0.948683, Statistics.spearman(new double[] {1, 2, 2, 3}, new double[] {10, 20, 30, 40}), 1e-6);
        assertEquals(1.0, Statistics.spearman(new double[] {1, 2, 3}, new double[] {5, 6, 9}), 1e-12);
        assertEquals(-1.0, Statistics.spearman(new double[] {1, 2, 3}, new double[] {9, 6, 5}), 1e-12);
        assertTrue(Double.isNaN(Statistics.spearman(new double[] {1}, new double[] {2})), "one pair: undefined");
        assertThrows(IllegalArgumentException.class, () -> Statistics.spearman(new double[] {1, 2}, new double[] {1}));
    }
}
