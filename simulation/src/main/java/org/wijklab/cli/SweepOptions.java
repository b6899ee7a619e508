package org.wijklab.cli;

import java.nio.file.Path;
import org.wijklab.experiment.SweepMetrics;
import org.wijklab.experiment.SweepRunner;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.Sweep;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What every sweep runner takes (this JVM's {@code wijklab sweep}, the Spark job): the sweep file,
 * a shard, adaptive replications and quiet; a picocli mixin, checked in one place.
 */
public final class SweepOptions {
    @Parameters(index = "0", paramLabel = "SWEEP", description = "A sweep JSON file.")
    Path sweepFile;

    @Option(names = "--quiet", description = "No progress; print only the output folder.")
    public boolean quiet;

    @Option(names = "--ci-width", paramLabel = "W",
            description = "Adaptive replications: add replications to a point, one at a time, until the 95 %% "
                    + "interval's half-width of the sweep's first metric is at most W (with --max-replications).")
    Double ciWidth;

    @Option(names = "--max-replications", paramLabel = "M", description = "The most replications a point may get (2-10000).")
    Integer maxReplications;

    @Option(names = "--shard", paramLabel = "i/N",
            description = "Run only the i-th of N disjoint parts (1 <= i <= N), e.g. one task of an array job; "
                    + "'wijklab merge' joins the parts' folders.")
    String shard;

    /** The sweep file, loaded and checked; one line for a mistake. */
    public Sweep sweep() {
        try {
            return Sweep.load(sweepFile, SweepMetrics.names());
        } catch (ScenarioException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** The shard as (i - 1, N); (0, 1) without one. */
    public int[] shard() {
        return shard == null ? new int[] {0, 1} : SweepCommand.parseShard(shard);
    }

    /** The adaptive options checked against the sweep and the shards: null without them. */
    public SweepRunner.Adaptive adaptive(Sweep sweep) {
        return SweepCommand.adaptive(ciWidth, maxReplications, sweep, shard()[1]);
    }
}
