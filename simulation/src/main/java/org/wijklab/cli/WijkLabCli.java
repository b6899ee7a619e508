package org.wijklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.wijklab.experiment.BuildInfo;
import org.wijklab.report.ReportException;
import org.wijklab.scenario.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code wijklab} command. Exit codes: 0 success, 2 a user error (bad flag, file or value:
 * one line on standard error, nothing written) or a full disk (one line naming the folder), 1 an
 * internal error (one line; the stack trace in a log file it names) or too little memory, 143 (130
 * after Ctrl-C) stopped by a signal (one line, nothing half-written left).
 */
@Command(name = "wijklab", mixinStandardHelpOptions = true, versionProvider = WijkLabCli.Version.class,
        description = "WijkLab: why neighbourhood gains erode when the residents who gain move out.",
        subcommands = {StudyCommand.class, RunCommand.class, SweepCommand.class, CalibrateCommand.class, MergeCommand.class, CompareCommand.class, ValidateCommand.class,
            DiscoverCommand.class, GuiCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 2 a user error (one line on standard error, nothing written), "
            + "1 an internal error, 3 validation ran but a statistic failed."})
public final class WijkLabCli implements Runnable {
    public static final int USER_ERROR = 2;
    public static final int INTERNAL_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command, e.g. 'wijklab run'");
    }

    /** Builds the command line with the project's error handling; tests call this too. */
    public static CommandLine commandLine() {
        return withErrorHandling(new WijkLabCli());
    }

    /** A picocli command line for {@code command} with the project's exit codes and one-line errors. */
    public static CommandLine withErrorHandling(Object command) {
        CommandLine cl = new CommandLine(command);
        // a path the file system cannot name (a NUL character, say) or the locale cannot encode is one plain line
        cl.registerConverter(Path.class, PathArgument::of);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> fault(ex, cmd.getErr(), parseResult, stopping()));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            if (ex.getCause() instanceof PathArgument.Unusable unusable && ex.getArgSpec() != null) {
                // --out VALUE: why (the help would not help)
                CommandLine.Model.ArgSpec arg = ex.getArgSpec();
                String name = arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
                err.println("wijklab: " + PathArgument.message(name, String.valueOf(ex.getValue()), unusable.getMessage()));
                err.flush();
                return USER_ERROR;
            }
            // one line: the problem, then where the help is
            String message = ScenarioException.oneLine(String.valueOf(ex.getMessage()).replace('\n', ' ').strip());
            err.println("wijklab: " + message + (message.endsWith(".") ? "" : ";") + " see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return USER_ERROR;
        });
        return cl;
    }

    /**
     * Runs a command line with the project's exit codes, also for what picocli lets through: an
     * {@link OutOfMemoryError} is one line naming the heap and how to give more, exit 1; any other
     * error an internal error (one line, the trace in a log file).
     */
    public static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            return outOfMemory(cl.getErr());
        } catch (RuntimeException | Error e) {
            Throwable cause = e instanceof CommandLine.ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof OutOfMemoryError) {
                return outOfMemory(cl.getErr());
            }
            if (stopping()) {
                return stopped(cl.getErr(), cl.getParseResult());
            }
            return internalError(cause, cl.getErr(), List.of(args));
        }
    }

    /** The exit code of a command stopped by SIGTERM (the JVM's own, set by the signal: 130 after Ctrl-C). */
    public static final int STOPPED = 143;

    /**
     * What a failed command prints and returns: while the JVM is stopping (SIGTERM or Ctrl-C), any
     * failure is a consequence of the stop (the shutdown hook removes the folders being written): one
     * line saying so, no error log; a user's mistake: its one line, exit 2; a full disk: one line
     * naming the folder, exit 2; anything else: an internal error.
     */
    static int fault(Throwable ex, PrintWriter err, CommandLine.ParseResult parseResult, boolean stopping) {
        if (stopping) {
            return stopped(err, parseResult);
        }
        if (ex instanceof ScenarioException || ex instanceof UserException || ex instanceof ReportException
                || ex instanceof org.wijklab.experiment.Folders.Refused) {
            err.println("wijklab: " + ScenarioException.oneLine(ex.getMessage()));
            err.flush();
            return USER_ERROR;
        }
        if (ex instanceof java.nio.file.InvalidPathException p) {
            // a path read from a file (a sweep's base scenario, say) that the locale cannot encode or no file system can name
            err.println("wijklab: " + ScenarioException.oneLine(p.getInput()) + ": " + PathArgument.reason(p.getInput(), p));
            err.flush();
            return USER_ERROR;
        }
        String full = DiskFull.describe(ex, outOption(parseResult));
        if (full != null) {
            err.println("wijklab: " + ScenarioException.oneLine(full) + afterwards(parseResult));
            err.flush();
            return USER_ERROR;
        }
        return internalError(ex, err, parseResult == null ? List.of() : parseResult.originalArgs());
    }

    /** Whether the JVM is shutting down (its shutdown hooks run or have run): no new hook can be added. */
    static boolean stopping() {
        Thread probe = new Thread(() -> { }, "wijklab-stopping-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(probe);
        } catch (IllegalStateException shuttingDown) {
            // the stop began between the two calls
            return true;
        }
        return false;
    }

    private static int stopped(PrintWriter err, CommandLine.ParseResult parseResult) {
        err.println("wijklab: stopped" + afterwards(parseResult));
        err.flush();
        return STOPPED;
    }

    /** The commands whose --out keeps what was finished, for the same command to resume. */
    private static final java.util.Set<String> RESUMING = java.util.Set.of("study", "sweep", "calibrate", "validate");

    /** What a command that ended early leaves: nothing, or (a study, sweep or validation) what it finished. */
    private static String afterwards(CommandLine.ParseResult parseResult) {
        String out = outOption(parseResult);
        String command = commandName(parseResult);
        if (command != null && RESUMING.contains(command) && !isReportOnly(parseResult)) {
            return "; what was finished is kept" + (out == null ? "" : " in " + out) + ", and the same command resumes";
        }
        return "; nothing written" + (out == null ? "" : " to " + out);
    }

    /** The value of the command's --out (or --report-only, or --snapshot) as given, with its option; null if none. */
    static String outOption(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            for (String option : new String[] {"--out", "--report-only", "--snapshot"}) {
                if (p.hasMatchedOption(option)) {
                    Object v = p.matchedOption(option).getValue();
                    if (v != null) {
                        return option + " " + ScenarioException.oneLine(String.valueOf(v));
                    }
                }
            }
        }
        return null;
    }

    private static boolean isReportOnly(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--report-only")) {
                return true;
            }
        }
        return false;
    }

    private static String commandName(CommandLine.ParseResult parseResult) {
        String name = null;
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            name = p.commandSpec().name();
        }
        return name;
    }

    private static int outOfMemory(PrintWriter err) {
        err.println("wijklab: out of memory: this JVM's heap of " + org.wijklab.experiment.HeapEstimate.gigabytes(Runtime.getRuntime().maxMemory())
                + " is too small for the job; give more (e.g. WIJKLAB_JAVA_OPTS=-Xmx"
                + Math.max(2, 2 * org.wijklab.experiment.HeapEstimate.wholeGigabytes(Runtime.getRuntime().maxMemory())) + "g) or use fewer residents or --threads");
        err.flush();
        return INTERNAL_ERROR;
    }

    /** The system property naming the folder of internal-error logs (default: the system's temporary folder). */
    public static final String LOG_DIR_PROPERTY = "wijklab.errorLogDir";

    /**
     * An unexpected error: its stack trace goes to a log file (wijklab-error-TIMESTAMP-PID.log in the
     * temporary folder, or {@value #LOG_DIR_PROPERTY}), and one line names it.
     */
    static int internalError(Throwable ex, PrintWriter err, List<String> args) {
        // a worker's OutOfMemoryError arrives wrapped (the replicator rethrows it as the cause of its own)
        for (Throwable c = ex; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return outOfMemory(err);
            }
        }
        String what = ScenarioException.oneLine(ex.getClass().getName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
        if (what.length() > 300) {
            what = what.substring(0, 300) + "...";
        }
        String log;
        try {
            String chosen = System.getProperty(LOG_DIR_PROPERTY);
            Path dir = Path.of(chosen != null ? chosen : System.getProperty("java.io.tmpdir"));
            if (chosen != null) {
                Files.createDirectories(dir);
            }
            String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Path file = dir.resolve("wijklab-error-" + stamp + "-" + ProcessHandle.current().pid() + ".log");
            for (int k = 2; Files.exists(file); k++) {
                file = dir.resolve("wijklab-error-" + stamp + "-" + ProcessHandle.current().pid() + "-" + k + ".log");
            }
            StringWriter trace = new StringWriter();
            try (PrintWriter w = new PrintWriter(trace)) {
                w.println("WijkLab " + BuildInfo.version() + ", Java " + System.getProperty("java.version") + ", "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
                w.println("command: wijklab " + String.join(" ", args));
                w.println("time: " + java.time.Instant.now());
                w.println();
                ex.printStackTrace(w);
            }
            Files.writeString(file, trace.toString(), StandardCharsets.UTF_8);
            log = file.toString();
        } catch (IOException | RuntimeException e) {
            log = null;
        }
        err.println("wijklab: internal error: " + what + (log == null ? " (the stack trace could not be written to a log file)"
                : ", see " + log));
        err.flush();
        return INTERNAL_ERROR;
    }

    public static void main(String[] args) {
        // one locale for every output: numbers on the terminal, in charts and in files are written with
        // '.', whatever the machine's language (CSVs and charts already ask for the root locale)
        java.util.Locale.setDefault(java.util.Locale.ROOT);
        if (args.length == 0 || !args[0].equals("gui")) {
            System.setProperty("java.awt.headless", "true");
        }
        System.exit(execute(commandLine(), args));
    }

    /** Reports the build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"WijkLab " + BuildInfo.version()};
        }
    }
}
