package org.wijklab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.wijklab.experiment.Folders;
import org.wijklab.experiment.Study;
import org.wijklab.report.Report;
import org.wijklab.scenario.Overrides;
import org.wijklab.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wijklab study}: the main job. Runs the standard scenarios on the default city with
 * replications, in parallel, then writes the comparison report and prints the path of its index.html.
 */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"The main job: run the standard scenarios (embedded copies of scenarios/) on the default city "
            + "with replications, one model per thread, then write the comparison report.",
            "Writes DIR/runs/NN-scenario/seed-S/ (one run folder each) and DIR/report/ (index.html, charts, "
            + "summary CSVs), and prints the path of DIR/report/index.html."})
final class StudyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--replications", paramLabel = "N", defaultValue = "3",
            description = "Replications per scenario, seeds 1..N (1-100; default ${DEFAULT-VALUE}).")
    int replications;

    @Option(names = "--years", paramLabel = "N", description = "Override every scenario's years (1-200).")
    Integer years;

    @Option(names = "--residents", paramLabel = "N", description = "Override the city's residents (500-20000000).")
    Integer residents;

    @Option(names = "--threads", paramLabel = "N", description = "Models run in parallel (default: the cores).")
    Integer threads;

    @Option(names = "--scenarios", paramLabel = "DIR",
            description = "Read the standard scenarios from this folder instead of the embedded copies.")
    Path scenarios;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one parameter in every scenario (repeatable).")
    List<String> sets;

    @Option(names = "--quiet", description = "No progress on standard error.")
    boolean quiet;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (must not exist or be empty). Default: a new folder under results/.")
    Path out;

    @Option(names = "--report-only", paramLabel = "DIR",
            description = "Write only the report, to DIR (must not exist or be empty); the runs go to a temporary "
                    + "folder that is deleted afterwards. Regenerates results/reference/.")
    Path reportOnly;

    @Option(names = "--horizon", paramLabel = "YEARS",
            description = "Year at which the report's summary and money are read (default: the runs' last year).")
    Integer horizon;

    @CommandLine.Mixin
    WarmUpOption warmUp = new WarmUpOption();

    @Override
    public Integer call() {
        warmUp.apply();
        if (horizon != null && (horizon < 1 || horizon > 200)) {
            throw new UserException("--horizon: " + horizon + " is not a whole number of years in [1, 200]");
        }
        if (replications < 1 || replications > 100) {
            throw new UserException("--replications: " + replications + " is not in [1, 100]");
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) {
            throw new UserException("--threads: " + t + " is not in [1, 1024]");
        }
        if (years != null && (years < 1 || years > 200)) {
            throw new UserException("--years: " + years + " is not in [1, 200]");
        }
        if (residents != null && (residents < 500 || residents > 20_000_000)) {
            throw new UserException("--residents: " + residents + " is not in [500, 20000000]");
        }
        if (scenarios != null && !Files.isDirectory(scenarios)) {
            throw new UserException("--scenarios " + scenarios + ": no such folder");
        }
        if (out != null && reportOnly != null) {
            throw new UserException("--out and --report-only: choose one");
        }
        Path dir;
        Path reportDir;
        if (reportOnly != null) {
            OutputFolder.check("--report-only", reportOnly);
            reportDir = reportOnly;
            // deleted at the end, on SIGTERM or Ctrl-C by a shutdown hook, and after a SIGKILL by the next study
            dir = Folders.temporary(TEMPORARY);
        } else {
            dir = out != null ? out : CompareCommand.stamped("study");
            OutputFolder.check("--out", dir, STUDY, "a study folder");
            reportDir = dir.resolve("report");
        }
        List<Study.Entry> entries = Study.standard(scenarios);
        for (Study.Entry e : entries) {
            sources.put(e.scenario(), e.source());
        }
        Overrides overrides = Overrides.parse(sets).across(entries.stream().map(Study.Entry::scenario).toList());
        // check every adjusted scenario before the first run starts, so a bad value writes nothing
        long largest = 0;
        for (Study.Entry e : entries) {
            Scenario a = adjust(overrides, e.scenario());
            int y = a.years();
            largest = Math.max(largest, a.city().residents());
            if (horizon != null && horizon > y) {
                throw new UserException("--horizon " + horizon + ": the scenario " + e.scenario().name() + " lasts only "
                        + y + " years");
            }
        }
        org.wijklab.experiment.HeapEstimate.check(residents != null ? "--residents " + residents : "study (cities of " + largest + " residents)", largest,
                Math.min(t, entries.size() * replications));
        String identity = Study.identity(entries, s -> adjust(overrides, s), replications);
        Folders.Claim claim = null;
        if (reportOnly == null) {
            // refuse a bad folder before anything is written, then claim it: one study per folder at a time
            if (!resumable(dir, identity)) {
                RunCommand.checkFolder(dir);
            }
            claim = Folders.claim(dir);
        }
        try {
            if (reportOnly == null) {
                if (resumable(dir, identity)) {
                    removeHalfWritten(dir);
                    if (Files.isRegularFile(reportDir.resolve("index.html"))) {
                        PrintWriter o = spec.commandLine().getOut();
                        o.println("The study in " + dir + "/ is already complete; nothing to do.");
                        o.println(reportDir.resolve("index.html"));
                        o.flush();
                        return 0;
                    }
                } else {
                    RunCommand.checkFolder(dir);
                }
                try {
                    Files.createDirectories(dir);
                    Files.writeString(dir.resolve(STUDY), identity);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            PrintWriter o = spec.commandLine().getOut();
            int reused = Study.finished(entries, s -> adjust(overrides, s), replications, dir);
            o.printf("Running %d scenarios x %d replications on %d thread%s...%n", entries.size(), replications, t,
                    t == 1 ? "" : "s");
            o.flush();
            long t0 = System.nanoTime();
            String command = "wijklab " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            Study.run(entries, s -> adjust(overrides, s), replications, t, dir, command,
                    ProgressBar.of(spec.commandLine().getErr(), quiet, "runs"));
            double runSeconds = (System.nanoTime() - t0) / 1e9;
            Report.Written w = Report.write(List.of(dir.resolve("runs")), reportDir,
                    new Report.Options(Report.Options.defaults().mapTicks(), horizon == null ? 0 : horizon));
            o.printf("Ran %d run%s%s in %.0f s; wrote %s (%d charts).%n", w.runs() - reused, w.runs() - reused == 1 ? "" : "s",
                    reused > 0 ? ", reused " + reused : "", runSeconds,
                    reportOnly != null ? "the report" : dir + "/runs/ and the report", w.charts());
            o.println(w.index());
            o.flush();
        } finally {
            if (reportOnly != null) {
                Folders.deleteTemporary(dir);
            }
            if (claim != null) {
                claim.close();
            }
        }
        return 0;
    }

    /** The prefix of --report-only's temporary folders (followed by the pid of the study that made it). */
    static final String TEMPORARY = "wijklab-study-";

    private static final String STUDY = "study.json";

    /**
     * Whether dir is a study folder started by the same command (its study.json matches): it is then
     * resumed, its finished runs kept. Any other non-empty folder is refused by the usual check; a
     * study folder of another command in one line.
     */
    private static boolean resumable(Path dir, String identity) {
        Path f = dir.resolve(STUDY);
        if (!Files.isRegularFile(f)) {
            return false;
        }
        try {
            String why = Study.differs(Files.readString(f), identity);
            if (why != null) {
                throw new UserException("--out " + dir + ": " + why);
            }
        } catch (java.io.IOException e) {
            throw new UserException("--out " + dir + ": its study.json cannot be read (" + e.getMessage() + ")");
        }
        return true;
    }

    /**
     * Removes what a stopped study left half-written: partial run folders, a partial report and the
     * claims of killed writers. Only while this study holds the folder's claim, so none is live.
     */
    private static void removeHalfWritten(Path dir) {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(x -> Folders.isWritersLeftover(x.getFileName().toString())).toList()) {
                Folders.deleteQuietly(p);
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new UserException("--out " + dir + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Where each standard scenario was read from, to name it in a message. */
    private final java.util.Map<Scenario, String> sources = new java.util.IdentityHashMap<>();

    /** A standard scenario with the overrides, --years and --residents; a mistake names its file. */
    private Scenario adjust(Overrides overrides, Scenario s) {
        try {
            Scenario a = overrides.apply(s);
            if (years != null) {
                a = a.withYears(years);
            }
            if (residents != null) {
                a = a.withResidents(residents);
            }
            return a.validate();
        } catch (org.wijklab.scenario.ScenarioException e) {
            String source = sources.get(s);
            if (source == null || e.getMessage().startsWith(source)) {
                throw e;
            }
            String flags = (years != null ? " with --years " + years : "") + (residents != null ? " with --residents " + residents : "");
            throw new org.wijklab.scenario.ScenarioException(source + flags + ": " + e.getMessage());
        }
    }
}
