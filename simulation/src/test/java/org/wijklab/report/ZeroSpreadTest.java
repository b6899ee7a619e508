package org.wijklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wijklab.report.chart.Estimate;

/**
 * The comparison report gives no interval of zero width: values (or pairs' differences) that are all
 * equal, and an unpaired difference of two sides without spread, have NA bounds, as one value has.
 */
class ZeroSpreadTest {
    @Test
    void equalValuesHaveNoInterval() {
        Estimate e = Summary.estimate(new double[] {2.5, 2.5, 2.5, 2.5});
        assertEquals(2.5, e.mean());
        assertEquals(4, e.n());
        assertTrue(Double.isNaN(e.lo()) && Double.isNaN(e.hi()), "zero spread: NA, not [2.5, 2.5]");
        Estimate spread = Summary.estimate(new double[] {2, 3, 4});
        assertEquals(3.0, spread.mean(), 1e-12);
        // t(2, 0.975) = 4.3027 times sd 1 over sqrt(3)
        assertEquals(3 - 4.302653 / Math.sqrt(3), spread.lo(), 1e-5);
    }

    @Test
    void anUnpairedDifferenceWithoutSpreadHasNoInterval() {
        Estimate d = Summary.welch(new double[] {1, 1, 1}, new double[] {4, 4});
        assertEquals(3.0, d.mean(), 1e-12);
        assertTrue(Double.isNaN(d.lo()) && Double.isNaN(d.hi()), "both sides constant: NA bounds");
        Estimate one = Summary.welch(new double[] {1, 1, 1}, new double[] {3, 4, 5});
        assertEquals(3.0, one.mean(), 1e-12);
        // only y varies: se = 1/sqrt(3), Welch df = 2, t(2, 0.975) = 4.3027
        assertEquals(3 - 4.302653 / Math.sqrt(3), one.lo(), 1e-5);
        assertEquals(3 + 4.302653 / Math.sqrt(3), one.hi(), 1e-5);
    }
}
