package org.wijklab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wijklab.experiment.SweepMetrics;
import org.wijklab.experiment.SweepRunner;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.Sweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wijklab sweep SWEEP.json}: every point of a sweep file with its replications. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a sweep file (scenarios/README.md): every point of its design, each with its "
            + "replications (seed = base seed + replication, the same at every point), one model per thread. "
            + "Writes runs.csv (a row per run), summary.csv (per point and metric: n, mean, sd, 95 % CI, and the "
            + "paired difference from the reference point), manifest.json and, unless --runs none, each run's folder.",
            ""})
final class SweepCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "A sweep JSON file.")
    Path sweepFile;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (must not exist or be empty). Default: a new folder under results/.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Runs in parallel (default: the cores).")
    Integer threads;

    @Option(names = "--runs", paramLabel = "all|none",
            description = "Keep each run's folder (all, the default) or only the rows of runs.csv (none).")
    String runs = "all";

    @Option(names = "--quiet", description = "No progress; print only the output folder.")
    boolean quiet;

    @Override
    public Integer call() {
        if (!runs.equals("all") && !runs.equals("none")) {
            throw new UserException("--runs: '" + runs + "' is not all or none");
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) {
            throw new UserException("--threads: " + t + " is not in [1, 1024]");
        }
        Sweep sweep;
        try {
            sweep = Sweep.load(sweepFile, SweepMetrics.names());
        } catch (ScenarioException e) {
            throw new UserException(e.getMessage());
        }
        Path dir = out != null ? out : CompareCommand.stamped("sweep-" + sweep.name());
        RunCommand.checkFolder(dir);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!quiet) {
            o.printf("Sweep '%s': %d points x %d replications = %d runs on %d threads.%n", sweep.name(), sweep.points(),
                    sweep.replications(), sweep.points() * sweep.replications(), t);
            o.flush();
        }
        SweepRunner.Result r = SweepRunner.run(sweep, dir, t, runs.equals("all"), ProgressBar.of(err, quiet, "runs"),
                commandLine());
        if (quiet) {
            o.println(r.dir());
        } else {
            o.printf("Ran %d runs in %.0f s; wrote %s/ (runs.csv, summary.csv, manifest.json%s).%n", r.runs(),
                    r.wallSeconds(), r.dir(), runs.equals("all") ? ", runs/" : "");
        }
        o.flush();
        return 0;
    }

    private String commandLine() {
        return "wijklab " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
