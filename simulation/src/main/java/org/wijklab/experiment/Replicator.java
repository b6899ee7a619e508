package org.wijklab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;

/**
 * Runs independent models in parallel, one model per thread. Each job is a scenario with its seed
 * and the observer that summarises it; results come back in job order whatever the thread count,
 * and since every model owns its random stream, a job's result does not depend on what runs beside
 * it.
 */
public final class Replicator {
    private Replicator() {
    }

    /** Seed of replication r (0-based) of a scenario whose own seed is base: base + r. */
    public static long seed(long base, int replication) {
        return base + replication;
    }

    /** Runs every scenario to its end with a fresh observer; returns the observers in job order. */
    public static <T extends RunObserver> List<T> run(List<Scenario> jobs, Function<Scenario, T> observer, int threads) {
        return run(jobs, observer, threads, Progress.NONE);
    }

    /** The same, telling progress after every finished run. */
    public static <T extends RunObserver> List<T> run(List<Scenario> jobs, Function<Scenario, T> observer, int threads,
            Progress progress) {
        return map(jobs, s -> {
            T o = observer.apply(s);
            WarmUpCache.start(s, 1, o::attach).stepToEnd();
            o.finished();
            return o;
        }, threads, progress);
    }

    /**
     * Applies work to every job on a pool of threads, one job per thread at a time; returns the
     * results in job order. A job's runtime exception is rethrown as it was.
     */
    public static <J, R> List<R> map(List<J> jobs, Function<J, R> work, int threads) {
        return map(jobs, work, threads, Progress.NONE);
    }

    /** The same, telling progress after every finished job (in the order they finish). */
    public static <J, R> List<R> map(List<J> jobs, Function<J, R> work, int threads, Progress progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "wijklab-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            for (J job : jobs) {
                futures.add(pool.submit(() -> {
                    R r = work.apply(job);
                    progress.update(done.incrementAndGet(), jobs.size());
                    return r;
                }));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Something that watches one model run. */
    public interface RunObserver {
        void attach(WijkLabModel model);

        /** Called once the run has ended, to close what the observer opened. */
        default void finished() {
        }
    }
}
