package org.wijklab.model;

import ec.util.MersenneTwisterFast;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The household slots cut into fixed blocks of {@link #SIZE} consecutive slots, each with its own
 * random stream, so that a process can step the blocks on several threads and still give the same
 * bytes whatever the number of threads: the blocks depend only on the city's size, a block's
 * households always draw from the block's stream in slot order, and whatever a block adds to a
 * shared total it adds to its own partial, which the process then sums in block order. Events that
 * change the city's structure (a household leaves, dissolves, joins the pending pool) are collected
 * per block and applied afterwards, in block order, on the model's thread.
 *
 * <p>The streams are seeded from the model's stream at set-up. With one thread the blocks are
 * stepped in order on the caller's thread. The blocks are serialised with the model (streams and
 * all); the thread pool is not, and is started again on first use.
 */
public final class Blocks implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Slots per block: large enough that a block's work dwarfs handing it to a thread. */
    public static final int SIZE = 4096;

    private final int capacity;
    private final int count;
    private final MersenneTwisterFast[] random;
    private int threads;
    /** The worker threads: never serialised (a checkpoint holds the streams), started again when needed. */
    private transient ExecutorService pool;

    public Blocks(int capacity, MersenneTwisterFast seeds, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.capacity = capacity;
        this.count = Math.max(1, (capacity + SIZE - 1) / SIZE);
        this.threads = Math.min(threads, count);
        random = new MersenneTwisterFast[count];
        for (int b = 0; b < count; b++) {
            random[b] = new MersenneTwisterFast(new int[] {seeds.nextInt(), seeds.nextInt(), seeds.nextInt(), seeds.nextInt()});
        }
    }

    public int count() {
        return count;
    }

    /** First slot of block b. */
    public int from(int b) {
        return b * SIZE;
    }

    /** One past the last slot of block b. */
    public int to(int b) {
        return Math.min(capacity, (b + 1) * SIZE);
    }

    public MersenneTwisterFast random(int b) {
        return random[b];
    }

    /** Threads the blocks are stepped on (at most the number of blocks). */
    public int threads() {
        return threads;
    }

    /**
     * Steps the blocks on up to n threads from now on (e.g. after a restore from a checkpoint);
     * the outputs do not depend on it.
     */
    public void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + n);
        }
        close();
        threads = Math.min(n, count);
    }

    /**
     * Runs body for every block, on up to {@link #threads()} threads, and returns when all are
     * done. The body may touch only its block's slots and its block's partials.
     */
    public void forEach(IntConsumer body) {
        run(count, body);
    }

    /**
     * Runs body for every chunk 0 ... chunks − 1 of some other range (persons, the region's
     * households), on up to {@link #threads()} threads, and returns when all are done; the body may
     * touch only its chunk's items.
     */
    public void forEachChunk(int chunks, IntConsumer body) {
        run(chunks, body);
    }

    /**
     * For tests: with one thread, step the blocks and chunks last first. A body that touches only
     * its own block's or chunk's items and partials gives the same bytes in any order, so a run
     * must not change by a bit (DeterminismTest); one that shares a stream or a list between blocks
     * does.
     */
    public static boolean lastFirst = false;

    private void run(int count, IntConsumer body) {
        if (threads == 1) {
            if (lastFirst) {
                for (int b = count - 1; b >= 0; b--) {
                    body.accept(b);
                }
                return;
            }
            for (int b = 0; b < count; b++) {
                body.accept(b);
            }
            return;
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "wijklab-block-worker");
                t.setDaemon(true);
                return t;
            });
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int b = next.getAndIncrement(); b < count; b = next.getAndIncrement()) {
                body.accept(b);
            }
        };
        Future<?>[] helpers = new Future<?>[threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = pool.submit(worker);
        }
        Throwable failure = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            next.set(count);
        }
        for (Future<?> f : helpers) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("a block worker failed", failure);
        }
    }

    /**
     * Appends value to block b's list of a process (a list per block, so blocks never share one),
     * growing it when full; returns the list's new length.
     */
    public static int append(int[][] lists, int b, int length, int value) {
        lists[b] = grow(lists[b], length);
        lists[b][length] = value;
        return length + 1;
    }

    /** The list, doubled if its {@code length} values fill it: room for one more. */
    public static int[] grow(int[] list, int length) {
        return length < list.length ? list : java.util.Arrays.copyOf(list, Math.max(16, 2 * length));
    }

    /** Stops the worker threads (the model's finish). */
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }
}
