package org.wijklab.experiment;

import java.nio.file.Path;
import java.util.List;
import org.wijklab.scenario.Sweep;

/**
 * Who makes a sweep's runs: this JVM's threads ({@link SweepRunner}) or a cluster (the Spark
 * module). The sweep runner decides which runs are made and records them; an executor only makes
 * them and hands each one's metrics back.
 */
public interface RunExecutor {
    /** Receives a finished run's metrics; called on the thread that called {@link #runAll}, one call at a time. */
    interface Done {
        void finished(int id, double[] metrics);
    }

    /**
     * Makes the runs {@code ids} of the sweep (a run's point is id / stride, its replication id %
     * stride, its scenario {@link SweepRunner#scenario}) and hands each finished run to done, once.
     * With {@code runFolders}, each run's folder is written under it.
     */
    void runAll(Sweep sweep, List<Integer> ids, int stride, Path runFolders, String commandLine, Done done)
            throws InterruptedException;

    /** Whether this executor can write each run's folder. */
    default boolean keepsRunFolders() {
        return true;
    }
}
