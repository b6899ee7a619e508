package org.wijklab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The tabulated fading is the very double StrictMath gives, inside the table and beyond it. */
class DecayTest {
    @Test
    void everyMonthIsTheSameDoubleAsStrictMathsExponential() {
        for (double scale : new double[] {12.0 * 3, 12.0 * 0.7, 1.0, 1e6}) {
            Decay d = Decay.of(null, scale);
            for (int m = -24; m < Decay.MONTHS + 24; m++) {
                assertEquals(Double.doubleToRawLongBits(StrictMath.exp(-m / scale)), Double.doubleToRawLongBits(d.at(m)),
                        "month " + m + ", scale " + scale);
            }
        }
    }

    @Test
    void aTableIsKeptForItsScaleAndMadeAnewForAnother() {
        Decay d = Decay.of(null, 36.0);
        assertSame(d, Decay.of(d, 36.0));
        assertNotSame(d, Decay.of(d, 24.0));
    }
}
