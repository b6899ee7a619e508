package org.wijklab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wijklab.experiment.SweepRunner;
import org.wijklab.scenario.Sweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wijklab sweep SWEEP.json}: every point of a sweep file with its replications. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a sweep file (scenarios/README.md): every point of its design, each with its "
            + "replications (seed = base seed + replication, the same at every point), one model per thread. "
            + "Writes runs.csv (a row per run), summary.csv (per point and metric: n, mean, sd, 95 %% CI, and the "
            + "paired difference from the reference point), manifest.json and, unless --runs none, each run's folder.",
            ""})
public final class SweepCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SweepOptions options;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (must not exist or be empty). Default: a new folder under results/.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Runs in parallel (default: the cores).")
    Integer threads;

    @Option(names = "--runs", paramLabel = "all|none",
            description = "Keep each run's folder (all, the default) or only the rows of runs.csv (none).")
    String runs = "all";

    @CommandLine.Mixin
    WarmUpOption warmUp = new WarmUpOption();

    @Override
    public Integer call() {
        warmUp.apply();
        if (!runs.equals("all") && !runs.equals("none")) {
            throw new UserException("--runs: '" + runs + "' is not all or none");
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) {
            throw new UserException("--threads: " + t + " is not in [1, 1024]");
        }
        Sweep sweep = options.sweep();
        int[] part = options.shard();
        SweepRunner.Adaptive adaptive = options.adaptive(sweep);
        boolean quiet = options.quiet;
        Path dir = out != null ? out : CompareCommand.stamped("sweep-" + sweep.name()
                + (part[1] > 1 ? "-shard" + (part[0] + 1) + "of" + part[1] : ""));
        OutputFolder.check("--out", dir, SweepRunner.MANIFEST, "a sweep's folder");
        int reps = adaptive == null ? sweep.replications() : adaptive.firstStage(sweep);
        int all = sweep.points() * reps;
        long largest = 0;
        for (int p = 0; p < sweep.points(); p++) {
            largest = Math.max(largest, sweep.scenario(p).city().residents());
        }
        org.wijklab.experiment.HeapEstimate.check("sweep " + sweep.name() + " (cities of up to " + largest + " residents)", largest,
                Math.min(t, Math.max(1, all)));
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // the first line once the folder is taken and checked (a refused resume prints only its one line)
        org.wijklab.experiment.Progress bar = ProgressBar.of(err, quiet, "runs");
        boolean[] started = {false};
        org.wijklab.experiment.Progress progress = (done, total) -> {
            if (!started[0] && !quiet) {
                o.printf("Sweep '%s': %d points x %d replications = %d runs%s%s on %d threads.%n", sweep.name(),
                        sweep.points(), reps, all, adaptive == null ? "" : " (the first stage; then up to "
                        + adaptive.maxReplications() + " a point, to a 95 % half-width of " + adaptive.ciWidth() + ")",
                        part[1] > 1 ? " (shard " + (part[0] + 1) + " of " + part[1] + ")" : "", t);
                o.flush();
            }
            started[0] = true;
            bar.update(done, total);
        };
        SweepRunner.Result r = SweepRunner.run(sweep, dir, t, runs.equals("all"), progress, commandLine(), part[0], part[1],
                adaptive);
        if (quiet) {
            o.println(r.dir());
        } else if (r.alreadyComplete()) {
            o.println("The sweep in " + r.dir() + "/ is already complete; nothing to do.");
        } else {
            o.printf("Ran %d runs in %.0f s; wrote %s/ (%s).%n", r.runs(), r.wallSeconds(), r.dir(), written(r.dir()));
        }
        o.flush();
        return 0;
    }

    /** The files of a finished sweep folder, as a list for a message ("runs.csv, summary.csv, ..."). */
    public static String written(Path dir) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String f : java.util.List.of(SweepRunner.RUNS, SweepRunner.SUMMARY, SweepRunner.SENSITIVITY, SweepRunner.NOISE, SweepRunner.MANIFEST)) {
            if (java.nio.file.Files.exists(dir.resolve(f))) {
                names.add(f);
            }
        }
        if (java.nio.file.Files.isDirectory(dir.resolve("runs"))) {
            names.add("runs/");
        }
        return String.join(", ", names);
    }

    /** The adaptive options checked against the sweep and the shards: null without them, one line for a mistake. */
    public static SweepRunner.Adaptive adaptive(Double ciWidth, Integer maxReplications, Sweep sweep, int shards) {
        if ((ciWidth == null) != (maxReplications == null)) {
            throw new UserException("--ci-width and --max-replications: give both or neither");
        }
        if (ciWidth == null) {
            return null;
        }
        if (!(ciWidth > 0) || ciWidth.isInfinite()) {
            throw new UserException("--ci-width: " + ciWidth + " is not a positive number");
        }
        if (maxReplications < 2 || maxReplications > 10_000) {
            throw new UserException("--max-replications: " + maxReplications + " is not in [2, 10000]");
        }
        if (shards > 1) {
            throw new UserException("--ci-width and --shard: choose one (adaptive rounds need every point's runs)");
        }
        if (sweep.design().equals("morris") || sweep.design().equals("sobol")) {
            throw new UserException("--ci-width and a " + sweep.design() + " design: choose one (its indices pair "
                    + "points run on the same seeds, and adaptive points get different numbers of them)");
        }
        SweepRunner.Adaptive adaptive = new SweepRunner.Adaptive(ciWidth, maxReplications);
        int firstStage = adaptive.firstStage(sweep);
        if (maxReplications < firstStage) {
            throw new UserException("--max-replications: " + maxReplications + " is below the first stage's " + firstStage
                    + " replications (the sweep's " + sweep.replications() + ", at least "
                    + org.wijklab.experiment.Statistics.STEIN_FIRST_STAGE + ")");
        }
        // the rounds watch the first metric: one that no run can have would stop them silently after the base runs
        String first = sweep.metrics().get(0);
        String why = null;
        for (int p = 0; p < sweep.points(); p++) {
            why = org.wijklab.experiment.SweepMetrics.unavailable(first, sweep.scenario(p));
            if (why == null) {
                break;
            }
        }
        if (why != null) {
            throw new UserException("--ci-width: the sweep's first metric '" + first + "', which adaptive replications "
                    + "watch, is NA in every run of every point (" + why + "); put a metric the runs have first in sweep.metrics");
        }
        return adaptive;
    }

    /** i/N as (i - 1, N). */
    public static int[] parseShard(String text) {
        String[] p = text.split("/", -1);
        try {
            if (p.length == 2) {
                int i = Integer.parseInt(p[0].trim());
                int n = Integer.parseInt(p[1].trim());
                if (n >= 1 && n <= 100_000 && i >= 1 && i <= n) {
                    return new int[] {i - 1, n};
                }
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new UserException("--shard: '" + text + "' is not i/N with 1 <= i <= N, e.g. 2/8");
    }

    private String commandLine() {
        return "wijklab " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
