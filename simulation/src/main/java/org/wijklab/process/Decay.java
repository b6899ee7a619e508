package org.wijklab.process;

/**
 * exp(−m / scale) for whole months m, the fading of an extra risk m months after it began: read
 * from a table made once with {@link StrictMath#exp}, so a table value is the same double the
 * function gives (months outside the table are computed). Passes over every household read it
 * instead of computing StrictMath's exponential, several times dearer than java.lang.Math's.
 * Read-only once made, so the threads stepping the household blocks share it.
 */
final class Decay {
    /** Months tabulated: a hundred years. */
    static final int MONTHS = 12 * 100;

    private final double scale;
    private final double[] table = new double[MONTHS];

    private Decay(double scale) {
        this.scale = scale;
        for (int m = 0; m < MONTHS; m++) {
            table[m] = StrictMath.exp(-m / scale);
        }
    }

    /** The table for scale: the one given if it is for the same scale, else a new one. */
    static Decay of(Decay d, double scale) {
        return d != null && Double.compare(d.scale, scale) == 0 ? d : new Decay(scale);
    }

    /** exp(−months / scale), exactly as {@code StrictMath.exp(-months / scale)}. */
    double at(int months) {
        return months >= 0 && months < MONTHS ? table[months] : StrictMath.exp(-months / scale);
    }
}
