package org.wijklab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.wijklab.experiment.Validation;
import org.wijklab.experiment.ValidationReport;
import org.wijklab.scenario.Overrides;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wijklab validate}: the patterns V1-V10 on replications of the standard scenarios. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Run the validation suite: the patterns V1-V10 on replications of the standard scenarios "
            + "(paired by seed), and print a table of pattern, statistic, target, observed mean with its 95 %% "
            + "confidence interval, and pass, fail or not evaluable (NA, with the reason). Writes validation.csv and "
            + "validation.md. Exit code 0 only when every statistic passes.", ""})
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "2 replications of 12 years after a 10-year warm-up (minutes), "
            + "instead of 10 replications of 30 years after the 25-year warm-up.")
    boolean quick;

    @Option(names = "--replications", paramLabel = "N", description = "Replications per scenario (2-100).")
    Integer replications;

    @Option(names = "--threads", paramLabel = "N", description = "Models run in parallel (default: the cores).")
    Integer threads;

    @Option(names = "--scenarios", paramLabel = "DIR",
            description = "Read the standard scenarios from this folder instead of the copies embedded in the build "
                + "(so the suite runs from any directory).")
    Path scenarios;

    @Option(names = "--quiet", description = "No progress on standard error.")
    boolean quiet;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: a new folder under results/).")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one parameter in every scenario of the suite (repeatable), e.g. "
                    + "policy.help.skillFinding=0.5; for a sensitivity check of the patterns. city.residents, years and "
                    + "warmUpYears replace the suite's own sizes (a statistic whose horizon a shorter run does not reach "
                    + "is then NA).")
    List<String> sets;

    @CommandLine.Mixin
    WarmUpOption warmUp = new WarmUpOption();

    @Override
    public Integer call() {
        warmUp.apply();
        int cores = Runtime.getRuntime().availableProcessors();
        int t = threads == null ? cores : threads;
        if (t < 1 || t > 1024) {
            throw new UserException("--threads: " + t + " is not in [1, 1024]");
        }
        if (scenarios != null && !Files.isDirectory(scenarios)) {
            throw new UserException("--scenarios " + scenarios + ": no such folder");
        }
        Validation.Settings s = quick ? Validation.Settings.quick(scenarios, t) : Validation.Settings.full(scenarios, t);
        if (replications != null) {
            if (replications < 2 || replications > 100) {
                throw new UserException("--replications: " + replications + " is not in [2, 100]");
            }
            s = new Validation.Settings(replications, s.residents(), s.years(), s.warmUpYears(), t, scenarios);
        }
        Path dir = out != null ? out : CompareCommand.stamped("validation");
        OutputFolder.check("--out", dir, IDENTITY, "a validation folder");
        Overrides overrides = Overrides.parse(sets).across(new Validation(s).standardScenarios());
        Validation validation = new Validation(s, overrides);
        int runs = validation.jobs().size();
        // --set city.residents, years and warmUpYears are honoured: the check and the report speak of what runs
        Validation.Settings ran = validation.effective();
        org.wijklab.experiment.HeapEstimate.check((quick ? "validate --quick" : "validate") + " (cities of "
                + ran.residents() + " residents)", ran.residents(), Math.min(t, runs));
        String identity = Validation.identity(validation.jobs());
        // one suite per folder for the whole command: its identity, its runs and its tables
        try (org.wijklab.experiment.Folders.Claim held = org.wijklab.experiment.Folders.claim(dir)) {
            boolean complete = claim(dir, identity);
            PrintWriter o = spec.commandLine().getOut();
            List<Validation.Result> results = validation.run(ProgressBar.of(spec.commandLine().getErr(), quiet || complete, "runs"),
                    dir.resolve("runs"));
            if (complete) {
                o.print(ValidationReport.table(results));
                o.println("The validation in " + dir + "/ is already complete; nothing to do.");
            } else {
                String command = "wijklab " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
                ValidationReport.write(results, ran, dir, command);
                o.print(ValidationReport.table(results));
                o.println("Wrote " + dir.resolve("validation.csv") + " and " + dir.resolve("validation.md"));
            }
            o.flush();
            return results.stream().allMatch(Validation.Result::pass) ? 0 : 3;
        }
    }

    static final String IDENTITY = "validation.json";

    /**
     * Claims the output folder for this suite before anything runs: a new or empty folder gets
     * validation.json; a folder of the same suite (same build, settings, overrides and scenarios) is
     * resumed; anything else is refused in one line. Returns whether the suite there is complete.
     */
    static boolean claim(Path dir, String identity) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new UserException("--out " + dir + ": exists and is not a folder");
            }
            boolean empty = !Files.exists(dir);
            if (!empty) {
                try (java.util.stream.Stream<Path> list = Files.list(dir)) {
                    empty = list.findAny().isEmpty();
                }
            }
            if (empty) {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(IDENTITY), identity);
                return false;
            }
            Path file = dir.resolve(IDENTITY);
            if (!Files.isRegularFile(file)) {
                throw new UserException("--out " + dir + ": not empty and not a validation folder (no " + IDENTITY + ")");
            }
            if (!Files.readString(file).equals(identity)) {
                throw new UserException("--out " + dir + ": holds another validation (other settings, --set, scenarios "
                        + "or program build); give another --out");
            }
            return Files.isRegularFile(dir.resolve("validation.csv"));
        } catch (java.io.IOException e) {
            throw new UserException("--out " + dir + ": cannot be written (" + e.getMessage() + ")");
        }
    }
}
