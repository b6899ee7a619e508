package org.wijklab.experiment;

import java.util.Locale;
import org.wijklab.scenario.ScenarioException;

/**
 * The heap a job needs, estimated before any city is built, so that a city too large for this JVM
 * is one line (a {@link ScenarioException}, exit 2) naming the {@code -Xmx} it needs instead of an {@link OutOfMemoryError} minutes later.
 *
 * <p>A model holds about 244 bytes per resident after 30 years with the launcher's 32 MB heap
 * regions, 362 with the 8 MB regions G1 picks for a 12 GB heap by itself (docs/PERFORMANCE.md:
 * the person arrays for about twice the residents as leavers and the dead are followed, the
 * households, the region's households, the dwellings), plus up to four person snapshots of the
 * observation (about 26 bytes per resident each), the erosion tracker and the month's garbage;
 * {@link #BYTES_PER_RESIDENT} keeps 640, room for other collectors and options a user may give
 * the JVM, and the estimate takes 1.5 times it,
 * plus {@link #BASE_BYTES} for the program itself. Models that run in parallel (study, sweep,
 * validate with several threads) each need their own; a finished run's summary that a validation
 * keeps for its tables holds no per-person state (well under 1 MB at 100,000 residents).
 */
public final class HeapEstimate {
    /** A model's heap per resident at its largest (measured 244-362 after 30 years by the heap's regions, plus snapshots and garbage). */
    public static final long BYTES_PER_RESIDENT = 640;
    /** The margin over the estimate. */
    public static final double SAFETY = 1.5;
    /** The program, its classes and the report's charts. */
    public static final long BASE_BYTES = 256L << 20;

    private HeapEstimate() {
    }

    /** The estimated heap of {@code parallel} models of {@code residents} each. */
    public static long needed(long residents, int parallel) {
        return BASE_BYTES + (long) (SAFETY * BYTES_PER_RESIDENT * residents * Math.max(1, parallel));
    }

    /**
     * Refuses a job whose estimated heap is more than this JVM may use, naming the option that gives
     * more: {@code what} names the setting that made the job large (e.g. "--residents 20000000").
     */
    public static void check(String what, long residents, int parallel) {
        check(what, residents, parallel, limit());
    }

    /**
     * The system property that sets a lower heap limit than the JVM's, in bytes: for a machine shared
     * with other jobs, and for tests that must never start a simulation (a limit of 1 refuses every city).
     */
    public static final String LIMIT_PROPERTY = "wijklab.heapLimit";

    /** The heap a job may use: the JVM's maximum, or the lower {@value #LIMIT_PROPERTY}. */
    public static long limit() {
        long max = Runtime.getRuntime().maxMemory();
        String p = System.getProperty(LIMIT_PROPERTY);
        if (p != null) {
            try {
                return Math.min(max, Long.parseLong(p.strip()));
            } catch (NumberFormatException e) {
                throw new ScenarioException("-D" + LIMIT_PROPERTY + "=" + p + ": not a number of bytes");
            }
        }
        return max;
    }

    public static void check(String what, long residents, int parallel, long maxHeap) {
        long need = needed(residents, parallel);
        if (need <= maxHeap) {
            return;
        }
        int gb = wholeGigabytes(need);
        String models = parallel > 1 ? " (" + parallel + " models of " + residents + " residents in parallel)" : "";
        throw new ScenarioException(what + ": needs about " + gigabytes(need) + " of heap" + models + ", this JVM has "
                + gigabytes(maxHeap) + " (set WIJKLAB_JAVA_OPTS=-Xmx" + gb + "g"
                + (parallel > 1 ? ", or use fewer --threads" : "") + ")");
    }

    /** Bytes as gigabytes for a message: "7 GB", "0.5 GB". */
    public static String gigabytes(long bytes) {
        double gb = bytes / (double) (1L << 30);
        return gb >= 10 || gb == Math.rint(gb) ? String.format(Locale.ROOT, "%.0f GB", Math.ceil(gb))
                : String.format(Locale.ROOT, "%.1f GB", Math.ceil(gb * 10) / 10);
    }

    /** Bytes rounded up to whole gigabytes. */
    public static int wholeGigabytes(long bytes) {
        return (int) Math.ceil(bytes / (double) (1L << 30));
    }
}
