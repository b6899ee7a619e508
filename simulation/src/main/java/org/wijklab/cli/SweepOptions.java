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
            description = "Adaptive replications by Stein's two-stage rule (with --max-replications; not for morris "
                    + "or sobol designs): every point runs a first stage of the sweep's replications (at least 5), "
                    + "whose spread of the sweep's first metric sets how many more bring its 95 %% interval's "
                    + "half-width to W; intervals use t on the first stage's degrees of freedom.")
    Double ciWidth;

    @Option(names = "--max-replications", paramLabel = "M", description = "The most replications a point may get (at least the first stage, at most 10000).")
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
