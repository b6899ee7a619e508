package org.wijklab.process;

/**
 * The safe upper bounds by which a process skips a household's quiet month. A household whose
 * uniform draw is at or above the sum of its competing chances makes no transition; the processes
 * compare the draw with an upper bound of that sum times this margin, far beyond any rounding of
 * the sum (about 1e-16 of it), so every decision is the one the full chain of comparisons gives.
 */
final class Bounds {
    /** Relative margin above a bound of the summed chances. */
    static final double MARGIN = 1.0 + 1e-9;

    /**
     * Whether the processes skip quiet months (always, but for the test that shows the skipping
     * changes no decision: the same run with and without it gives the same bytes).
     */
    static boolean skipQuietMonths = true;

    private Bounds() {
    }
}
