package org.wijklab.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.wijklab.cli.ProgressBar;
import org.wijklab.cli.SweepCommand;
import org.wijklab.cli.SweepOptions;
import org.wijklab.cli.UserException;
import org.wijklab.cli.WijkLabCli;
import org.wijklab.experiment.SweepRunner;
import org.wijklab.scenario.Sweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit wijklab-spark.jar SWEEP.json --out DIR}: a sweep file run on a Spark
 * cluster, one run per task. The driver reads the sweep, keeps the output folder (its journal,
 * resume, shards and adaptive rounds, exactly as {@code wijklab sweep}) and writes the same
 * runs.csv, summary.csv, sensitivity.csv and manifest.json; the executors only run models. Runs
 * are sent in waves (one Spark job each) so that a killed driver loses at most one wave and the
 * same command continues. Without a master (plain {@code java -jar}) it runs on {@code local[*]}.
 */
@Command(name = "wijklab-spark", mixinStandardHelpOptions = true, versionProvider = SparkSweep.Version.class,
        description = {"Run a sweep file (scenarios/README.md) on a Spark cluster: one run per task; writes the "
            + "folder 'wijklab sweep --runs none' writes (runs.csv, summary.csv, sensitivity.csv, manifest.json).", ""},
        footer = {"", "Exit codes: 0 success, 2 a user error (one line on standard error, nothing written), "
            + "1 an internal error."})
public final class SparkSweep implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SweepOptions options;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Output folder on the driver's file system (new, empty, or this sweep's folder to resume).")
    Path out;

    @Option(names = "--wave", paramLabel = "N",
            description = "Runs per Spark job (default: 4 x the cluster's default parallelism).")
    Integer wave;

    private final SparkConf conf;

    SparkSweep(SparkConf conf) {
        this.conf = conf;
    }

    /** Runs the command with this Spark configuration; returns the exit code. */
    public static int run(SparkConf conf, String... args) {
        return WijkLabCli.withErrorHandling(new SparkSweep(conf)).execute(args);
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        SparkConf conf = new SparkConf().setAppName("WijkLab sweep");
        conf.setIfMissing("spark.master", "local[*]");
        System.exit(run(conf, args));
    }

    @Override
    public Integer call() {
        if (wave != null && (wave < 1 || wave > 1_000_000)) {
            throw new UserException("--wave: " + wave + " is not in [1, 1000000]");
        }
        Sweep sweep = options.sweep();
        int[] part = options.shard();
        SweepRunner.Adaptive adaptive = options.adaptive(sweep);
        boolean quiet = options.quiet;
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (JavaSparkContext sc = new JavaSparkContext(conf.clone().setAppName("WijkLab sweep " + sweep.name()))) {
            int perWave = wave != null ? wave : 4 * Math.max(1, sc.defaultParallelism());
            if (!quiet) {
                o.printf("Sweep '%s': %d points x %d replications = %d runs%s on Spark %s (%s), %d runs per wave.%n",
                        sweep.name(), sweep.points(), sweep.replications(), sweep.points() * sweep.replications(),
                        part[1] > 1 ? " (shard " + (part[0] + 1) + " of " + part[1] + ")" : "", sc.version(), sc.master(),
                        perWave);
                o.flush();
            }
            SweepRunner.Result r = SweepRunner.run(sweep, out, new SparkExecutor(sc, perWave), false,
                    ProgressBar.of(err, quiet, "runs"), commandLine(), part[0], part[1], adaptive);
            if (quiet) {
                o.println(r.dir());
            } else if (r.alreadyComplete()) {
                o.println("The sweep in " + r.dir() + "/ is already complete; nothing to do.");
            } else {
                o.printf("Ran %d runs in %.0f s; wrote %s/ (%s).%n", r.runs(), r.wallSeconds(), r.dir(),
                        SweepCommand.written(r.dir()));
            }
            o.flush();
        }
        return 0;
    }

    private String commandLine() {
        return "wijklab-spark " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    /** Reports the build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"WijkLab on Spark " + org.wijklab.experiment.BuildInfo.version()};
        }
    }
}
