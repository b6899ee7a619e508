package org.wijklab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wijklab.experiment.Checkpoint;
import org.wijklab.experiment.Runner;
import org.wijklab.scenario.Overrides;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wijklab run [SCENARIO]}: one run of one scenario, written to an output folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Simulate one scenario on its city and write its outputs (neighbourhoods.csv, city.csv, "
            + "decomposition.csv, moves.csv, manifest.json) to a new folder.",
            "Without SCENARIO, runs the embedded default: the default city (about 100,000 residents in "
            + "12 neighbourhoods) for 30 years without a programme, the same as scenarios/baseline.json.", ""})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "A scenario JSON file.")
    Path scenarioFile;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (must not exist or be empty). Default: a new folder under results/.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Override the scenario's seed (0 or more).")
    Long seed;

    @Option(names = "--years", paramLabel = "N", description = "Override the number of years (1-200).")
    Integer years;

    @Option(names = "--residents", paramLabel = "N", description = "Override the city's residents (500-20000000).")
    Integer residents;

    @Option(names = "--moves-log", description = "Write moves.csv, one row per move (the default city does).")
    boolean movesLog;

    @Option(names = "--no-moves-log", description = "Do not write moves.csv (for large cities).")
    boolean noMovesLog;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads stepping the model (default: the cores); the outputs are the same bytes for any N.")
    Integer threads;

    @Option(names = "--quiet", description = "Print only the output folder.")
    boolean quiet;

    @Option(names = "--checkpoint-every", paramLabel = "YEARS",
            description = "Write a checkpoint into the run's folder (checkpoints/year-005.ckpt.gz) after every YEARS "
                    + "recorded years but the last; each holds everything needed to finish the run.")
    Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Finish the run of a checkpoint (it carries its scenario: no SCENARIO, --seed, --years, "
                    + "--residents, --set or moves log options); only --out, --threads and --quiet apply. "
                    + "Default --out: the folder the run was started for. The files are the same bytes as an "
                    + "uninterrupted run's.")
    Path resume;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one parameter of the resolved scenario (repeatable), e.g. "
                    + "policy.help.skillFinding=0.5, programmes[*].team.proximity=0.9 or city.neighbourhoods[name=Kanaalzone].socialRentShare=0.6.")
    List<String> sets;

    @CommandLine.Mixin
    WarmUpOption warmUp = new WarmUpOption();

    @Override
    public Integer call() {
        warmUp.apply();
        if (resume != null) {
            return resume();
        }
        Scenario scenario;
        String source;
        if (scenarioFile == null) {
            scenario = ScenarioLoader.defaults();
            source = "embedded default";
        } else {
            scenario = ScenarioLoader.load(scenarioFile);
            source = scenarioFile.toString();
        }
        scenario = Overrides.parse(sets).apply(scenario);
        if (seed != null) {
            if (seed < 0) {
                throw new UserException("--seed: " + seed + " must be 0 or more");
            }
            scenario = scenario.withSeed(seed);
        }
        if (years != null) {
            if (years < 1 || years > 200) {
                throw new UserException("--years: " + years + " is not in [1, 200]");
            }
            scenario = scenario.withYears(years);
        }
        if (residents != null) {
            if (residents < 500 || residents > 20_000_000) {
                throw new UserException("--residents: " + residents + " is not in [500, 20000000]");
            }
            scenario = scenario.withResidents(residents);
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) {
            throw new UserException("--threads: " + t + " is not in [1, 1024]");
        }
        if (movesLog && noMovesLog) {
            throw new UserException("--moves-log and --no-moves-log: choose one");
        }
        if (movesLog || noMovesLog) {
            scenario = scenario.withMovesLog(movesLog);
        }
        try {
            scenario = scenario.validate();
        } catch (org.wijklab.scenario.ScenarioException e) {
            // the file and --set were valid: the options made it invalid, so the message names them
            List<String> flags = new ArrayList<>();
            addIf(flags, years != null, "--years " + years);
            addIf(flags, residents != null, "--residents " + residents);
            throw new UserException(source + (flags.isEmpty() ? "" : " with " + String.join(" ", flags)) + ": " + e.getMessage());
        }
        int every = 0;
        if (checkpointEvery != null) {
            every = checkpointEvery;
            if (every < 1) {
                throw new UserException("--checkpoint-every: " + every + " must be 1 or more (years)");
            }
            if (every >= scenario.years()) {
                throw new UserException("--checkpoint-every: " + every + " years would write no checkpoint in a run "
                        + "of " + scenario.years() + " years (none is written after the last year)");
            }
        }
        Path dir = out != null ? out : defaultFolder(scenario);
        checkFolder(dir);
        Runner.Result r = Runner.run(scenario, source, dir, commandLine(), t, every);
        report(scenario, r, "Ran");
        return 0;
    }

    /** {@code --resume CHECKPOINT}: finishes a checkpoint's run in a new folder. */
    private Integer resume() {
        List<String> changes = new ArrayList<>();
        if (scenarioFile != null) {
            changes.add("SCENARIO " + scenarioFile);
        }
        addIf(changes, seed != null, "--seed");
        addIf(changes, years != null, "--years");
        addIf(changes, residents != null, "--residents");
        addIf(changes, sets != null && !sets.isEmpty(), "--set");
        addIf(changes, movesLog, "--moves-log");
        addIf(changes, noMovesLog, "--no-moves-log");
        addIf(changes, checkpointEvery != null, "--checkpoint-every");
        if (!changes.isEmpty()) {
            throw new UserException("--resume: the checkpoint carries its scenario and checkpoints; drop "
                    + String.join(", ", changes) + " (only --out, --threads and --quiet apply)");
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) {
            throw new UserException("--threads: " + t + " is not in [1, 1024]");
        }
        Checkpoint.Loaded checkpoint = Checkpoint.read(resume);
        Path dir = out != null ? out : checkpoint.target();
        checkFolder(dir);
        Runner.Result r = Runner.resume(checkpoint, dir, commandLine(), t);
        report(checkpoint.scenario(), r, "Resumed after year " + checkpoint.year() + ",");
        return 0;
    }

    private static void addIf(List<String> list, boolean given, String option) {
        if (given) {
            list.add(option);
        }
    }

    private void report(Scenario scenario, Runner.Result r, String verb) {
        PrintWriter o = spec.commandLine().getOut();
        if (quiet) {
            o.println(r.dir());
        } else {
            o.printf("%s '%s' (seed %d): %d residents in %d households, %d years, in %.1f s.%n", verb,
                    scenario.name(), scenario.seed(), r.residentsAtStart(), r.householdsAtStart(), scenario.years(),
                    r.wallSeconds());
            o.println("Wrote " + r.dir() + "/");
            for (String f : r.files()) {
                o.println("  " + f);
            }
            if (Files.isDirectory(r.dir().resolve(Checkpoint.FOLDER))) {
                o.println("  " + Checkpoint.FOLDER + "/");
            }
        }
        o.flush();
    }

    private String commandLine() {
        String[] args = spec.commandLine().getParseResult().originalArgs().toArray(new String[0]);
        return "wijklab " + String.join(" ", args);
    }

    private static Path defaultFolder(Scenario scenario) {
        return CompareCommand.stamped("run-" + scenario.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-seed" + scenario.seed());
    }

    /** The output folder's check before any work, the same for every command ({@link OutputFolder}). */
    static void checkFolder(Path dir) {
        OutputFolder.check("--out", dir);
    }
}
