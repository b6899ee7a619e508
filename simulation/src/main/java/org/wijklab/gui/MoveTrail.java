package org.wijklab.gui;

import java.util.Arrays;
import org.wijklab.model.MoveListener;
import org.wijklab.model.MoveReason;

/**
 * The moves of the last month, for the map's trail ({@link TrailLayer}): collected from the model's
 * move events during a month, published at its end ({@link #endMonth}) as an immutable
 * {@link Month} that the Swing thread draws while the next month is collected. At most
 * {@link #cap} moves are kept a month: if there were more, those of the households whose ids hash
 * lowest (a sample by id, the same households each month, that changes nothing in the model: no
 * random number is drawn). Arrays, no object per move.
 */
final class MoveTrail implements MoveListener {
    /**
     * Moves drawn a month at most. krachtwijk at 100,000 residents has about 380 a month (measured
     * with TrailFrameTime), so the cap is for larger cities and for months of mass moves.
     */
    static final int CAP = 2_000;

    /** One month's moves as drawn; from/to -1 is the region outside the city. */
    record Month(int tick, int[] id, int[] from, int[] to, boolean[] employed, int total) {
        static final Month EMPTY = new Month(Integer.MIN_VALUE, new int[0], new int[0], new int[0], new boolean[0], 0);

        int size() {
            return id.length;
        }
    }

    private final int cap;
    private int[] id = new int[256];
    private int[] from = new int[256];
    private int[] to = new int[256];
    private boolean[] employed = new boolean[256];
    private int n;
    private volatile Month last = Month.EMPTY;
    private volatile Month before = Month.EMPTY;

    MoveTrail() {
        this(CAP);
    }

    MoveTrail(int cap) {
        this.cap = cap;
    }

    int cap() {
        return cap;
    }

    @Override
    public synchronized void onMove(int tick, int householdId, int fromHood, int toHood, MoveReason reason,
            int employedAdults, double income) {
        if (n == id.length) {
            id = Arrays.copyOf(id, 2 * n);
            from = Arrays.copyOf(from, 2 * n);
            to = Arrays.copyOf(to, 2 * n);
            employed = Arrays.copyOf(employed, 2 * n);
        }
        id[n] = householdId;
        from[n] = fromHood;
        to[n] = toHood;
        employed[n] = employedAdults > 0;
        n++;
    }

    /** The month that ended at {@code tick}: its moves become the trail, the previous month's fade. */
    synchronized void endMonth(int tick) {
        int[] keep = sample(id, n, cap);
        int k = keep.length;
        int[] i2 = new int[k];
        int[] f2 = new int[k];
        int[] t2 = new int[k];
        boolean[] e2 = new boolean[k];
        for (int m = 0; m < k; m++) {
            int q = keep[m];
            i2[m] = id[q];
            f2[m] = from[q];
            t2[m] = to[q];
            e2[m] = employed[q];
        }
        before = last;
        last = new Month(tick, i2, f2, t2, e2, n);
        n = 0;
    }

    /** Forgets everything (a new run). */
    synchronized void clear() {
        n = 0;
        last = Month.EMPTY;
        before = Month.EMPTY;
    }

    /** The last month's moves (as drawn), or an empty month. */
    Month last() {
        return last;
    }

    /** The month before it (drawn pale). */
    Month before() {
        return before;
    }

    /**
     * The indexes (in order) of the moves kept: all if at most {@code cap}, else the {@code cap}
     * whose household ids hash lowest (ties, a household moving twice, in order of the moves).
     */
    static int[] sample(int[] ids, int n, int cap) {
        if (n <= cap) {
            int[] all = new int[n];
            for (int q = 0; q < n; q++) {
                all[q] = q;
            }
            return all;
        }
        long[] key = new long[n];
        for (int q = 0; q < n; q++) {
            key[q] = ((long) (hash(ids[q]) >>> 1) << 32) | q;
        }
        Arrays.sort(key);
        int[] keep = new int[cap];
        for (int m = 0; m < cap; m++) {
            keep[m] = (int) key[m];
        }
        Arrays.sort(keep);
        return keep;
    }

    /** A household id mixed to 32 well-spread bits (a fixed integer hash; no random stream). */
    static int hash(int x) {
        int h = x * 0x9E3779B1;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
