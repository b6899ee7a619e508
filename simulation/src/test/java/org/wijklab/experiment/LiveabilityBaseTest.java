package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A liveability base of 0 does not divide: validate's relative liveability changes, and V1's ratio of
 * the targets' change to the city's, are NA (NaN) then, never infinite nor divided by a stand-in.
 * Hand-made run summaries of two neighbourhoods (the first the target) over two ticks; exact.
 */
class LiveabilityBaseTest {
    /** liveability and households of neighbourhoods 0 and 1 at ticks 0, 1 and 2. */
    private static RunSummary run(float[][] liveability, int[][] households) {
        RunSummary r = new RunSummary(null);
        r.neighbourhoods = 2;
        r.ticks = 2;
        r.liveability = liveability;
        r.households = households;
        RunSummary.ProgrammeRecord p = new RunSummary.ProgrammeRecord();
        p.targets = new int[] {0};
        p.startTick = 0;
        p.endTick = 2;
        r.programmes.add(p);
        return r;
    }

    @Test
    void targetsWithoutLiveabilityAtTheStartHaveNoRelativeChange() {
        // the target has no households at the start: its mean liveability there is 0
        RunSummary r = run(new float[][] {{0, 1}, {1, 1}, {1, 1}}, new int[][] {{0, 10}, {10, 10}, {10, 10}});
        assertTrue(Double.isNaN(Validation.liveabilityGain(r, 2)), "was infinite: " + Validation.liveabilityGain(r, 2));
    }

    @Test
    void aCityWhoseLiveabilityDidNotRiseGivesNoRatio() {
        // the target rises by half, the other falls by half: the city's mean is unchanged
        RunSummary flat = run(new float[][] {{1, 1}, {1, 1}, {1.5f, 0.5f}}, new int[][] {{10, 10}, {10, 10}, {10, 10}});
        assertEquals(0.5, Validation.liveabilityGain(flat, 2), 1e-12);
        assertTrue(Double.isNaN(Validation.liveabilityRatio(flat)), "was 0.5 / 1e-9: " + Validation.liveabilityRatio(flat));
        // the other stays: the city rises by a quarter, the ratio is 0.5 / 0.25
        RunSummary up = run(new float[][] {{1, 1}, {1, 1}, {1.5f, 1}}, new int[][] {{10, 10}, {10, 10}, {10, 10}});
        assertEquals(2.0, Validation.liveabilityRatio(up), 1e-12);
    }
}
