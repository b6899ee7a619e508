package org.wijklab.cli;

import java.io.PrintWriter;
import org.wijklab.experiment.BuildInfo;
import org.wijklab.report.ReportException;
import org.wijklab.scenario.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code wijklab} command. Exit codes: 0 success, 2 a user error (bad flag, file or value:
 * one line on standard error, nothing written), 1 an internal error.
 */
@Command(name = "wijklab", mixinStandardHelpOptions = true, versionProvider = WijkLabCli.Version.class,
        description = "WijkLab: why neighbourhood gains erode when the residents who gain move out.",
        subcommands = {StudyCommand.class, RunCommand.class, SweepCommand.class, MergeCommand.class, CompareCommand.class, ValidateCommand.class,
            GuiCommand.class,
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
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof ScenarioException || ex instanceof UserException || ex instanceof ReportException
                    || ex instanceof org.wijklab.experiment.Folders.Refused) {
                err.println("wijklab: " + ex.getMessage());
                err.flush();
                return USER_ERROR;
            }
            err.println("wijklab: internal error: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return INTERNAL_ERROR;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            // one line: the problem, then where the help is
            String message = ex.getMessage().replace('\n', ' ').strip();
            err.println("wijklab: " + message + (message.endsWith(".") ? "" : ";") + " see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return USER_ERROR;
        });
        return cl;
    }

    public static void main(String[] args) {
        if (args.length == 0 || !args[0].equals("gui")) {
            System.setProperty("java.awt.headless", "true");
        }
        System.exit(commandLine().execute(args));
    }

    /** Reports the build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"WijkLab " + BuildInfo.version()};
        }
    }
}
