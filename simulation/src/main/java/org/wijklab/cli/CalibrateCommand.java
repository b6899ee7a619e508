package org.wijklab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wijklab.experiment.calibration.Calibration;
import org.wijklab.experiment.calibration.CalibrationRunner;
import org.wijklab.experiment.calibration.Method;
import org.wijklab.scenario.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wijklab calibrate CALIBRATION.json}: fit assumed parameters to documented targets. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Calibrate a scenario's assumed parameters against documented targets (scenarios/README.md): "
            + "approximate Bayesian computation (ABC-SMC) or a multi-objective search (NSGA-II). Each generation is a "
            + "sweep of the method's proposals (gen-NN.json, run into gen-NN/). Writes generations.csv, posterior.csv "
            + "(ABC) or front.csv (NSGA-II), targets.csv, manifest.json and report/. The same command on the same --out "
            + "resumes.", ""})
public final class CalibrateCommand implements Callable<Integer> {
    /** Makes the method a calibration file names (ABC-SMC or NSGA-II). */
    static CalibrationRunner.MethodMaker methods = CalibrateCommand::method;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CALIBRATION", description = "A calibration JSON file.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (new, empty, or this calibration's to resume). Default: a new folder under results/.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Runs in parallel (default: the cores).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress; print only the output folder.")
    boolean quiet;

    @Option(names = "--prepare", description = "Write the next generation's sweep file (gen-NN.json) and stop, to run it "
            + "elsewhere (wijklab sweep --shard i/N, the Spark job) and merge it into gen-NN/; then run calibrate again.")
    boolean prepare;

    @CommandLine.Mixin
    WarmUpOption warmUp = new WarmUpOption();

    @Override
    public Integer call() {
        warmUp.apply();
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) {
            throw new UserException("--threads: " + t + " is not in [1, 1024]");
        }
        Calibration cal;
        try {
            cal = Calibration.load(file);
            // the method's own checks of its settings, before anything is written
            methods.make(cal);
        } catch (ScenarioException e) {
            throw new UserException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserException(file + ": calibration.method: " + e.getMessage());
        }
        Path dir = out != null ? out : CompareCommand.stamped("calibrate-" + cal.name());
        OutputFolder.check("--out", dir, CalibrationRunner.MANIFEST, "a calibration's folder");
        org.wijklab.experiment.HeapEstimate.check("calibration " + cal.name(), cal.sweepOf(java.util.List.of(new double[cal.parameters().size()]))
                .scenario(0).city().residents(), t);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        org.wijklab.experiment.Progress bar = ProgressBar.of(err, quiet, "runs");
        CalibrationRunner.Listener listener = (g, points, runs) -> {
            if (!quiet) {
                o.printf("Calibration '%s' generation %d: %d points x %d replications = %d runs on %d threads.%n",
                        cal.name(), g, points, cal.replications(), runs, t);
                o.flush();
            }
        };
        CalibrationRunner.Result r = CalibrationRunner.run(cal, dir, t, methods, bar, listener, commandLine(), prepare);
        if (r.prepared() != null) {
            Path gen = r.prepared();
            String folder = gen.getFileName().toString().replace(".json", "");
            o.printf("Wrote %s: run it with 'wijklab sweep %s --runs none --out %s' (or its shards with --shard i/N, "
                    + "then 'wijklab merge' into %s), then run this command again.%n", gen, gen,
                    gen.resolveSibling(folder), gen.resolveSibling(folder));
        } else if (quiet) {
            o.println(r.dir());
        } else if (r.alreadyComplete()) {
            o.println("The calibration in " + r.dir() + "/ is already complete; nothing to do.");
        } else {
            o.printf("Ran %d runs in %d generations in %.0f s; wrote %s/ (%s, %s, %s, report/).%n", r.runs(), r.generations(),
                    r.wallSeconds(), r.dir(), CalibrationRunner.GENERATIONS, cal.method().name().equals("abc")
                    ? CalibrationRunner.POSTERIOR : CalibrationRunner.FRONT, CalibrationRunner.TARGETS);
        }
        o.flush();
        return 0;
    }

    /** The method a calibration names, from its settings. */
    static Method method(Calibration cal) {
        Calibration.MethodSettings m = cal.method();
        int dims = cal.parameters().size();
        return m.name().equals("abc")
                ? org.wijklab.experiment.calibration.Methods.abc(dims, cal.seed(), m.population(), m.alpha(), m.minAcceptance(),
                        m.maxGenerations(), m.tolerances())
                : org.wijklab.experiment.calibration.Methods.nsga2(dims, cal.seed(), m.population(), m.generations());
    }

    private String commandLine() {
        return "wijklab " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
