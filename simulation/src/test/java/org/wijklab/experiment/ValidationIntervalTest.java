package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A validation statistic whose replications all agree has no interval (NA bounds), never one of zero width. */
class ValidationIntervalTest {

    @Test
    void equalReplicationsGiveNoIntervalAndSpreadGivesOne() {
        Validation.Result same = Validation.result("V8", "best area", Validation.Target.between(10000, 25000, "10,000 to 25,000"),
                () -> new double[] {15000, 15000}, "");
        assertFalse(same.observed().hasInterval(), "equal values: " + same.observed());
        assertEquals(15000, same.observed().mean());
        assertTrue(same.pass(), "the mean is still held against the target");
        assertTrue(ValidationReport.observed(same).contains("[no interval]"), ValidationReport.observed(same));

        Validation.Result spread = Validation.result("V8", "best area", Validation.Target.between(10000, 25000, "10,000 to 25,000"),
                () -> new double[] {15000, 25000}, "");
        assertTrue(spread.observed().hasInterval() && spread.observed().halfWidth() > 0, "spread: " + spread.observed());
    }
}
