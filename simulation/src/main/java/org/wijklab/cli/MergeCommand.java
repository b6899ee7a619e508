package org.wijklab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.wijklab.experiment.SweepMerge;
import org.wijklab.experiment.SweepMetrics;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.Sweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wijklab merge DIR...}: the folders of a sweep's shards joined into one sweep's files. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Join the folders of a sweep's shards (wijklab sweep --shard i/N) into the files one whole "
            + "sweep writes: runs.csv, summary.csv, sensitivity.csv, noise.csv and manifest.json. Every shard must be complete "
            + "and given once; the sweep file named in their manifests is read again.", ""})
final class MergeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "The shards' folders.")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (must not exist or be empty). Default: a new folder under results/.")
    Path out;

    @Override
    public Integer call() {
        if (out != null) {
            RunCommand.checkFolder(out);
        }
        Path file = SweepMerge.sweepFile(dirs);
        Sweep sweep;
        try {
            sweep = Sweep.load(file, SweepMetrics.names());
        } catch (ScenarioException e) {
            throw new UserException("merge: the shards' sweep file: " + e.getMessage());
        }
        Path dir = out != null ? out : CompareCommand.stamped("sweep-" + sweep.name());
        RunCommand.checkFolder(dir);
        SweepMerge.merge(sweep, dirs, dir, "wijklab " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        spec.commandLine().getOut().println("Merged " + dirs.size() + " shards of sweep '" + sweep.name() + "' into " + dir + "/");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
