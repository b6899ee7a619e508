package org.wijklab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wijklab.report.DiscoveryReport;
import org.wijklab.report.Report;
import org.wijklab.report.SweepReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wijklab compare DIR... [--out DIR]}: a comparison report of finished runs. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare finished runs: writes a report folder (index.html, every chart as PNG and SVG, "
            + "summary CSVs) and prints the path of index.html.",
            "Each DIR is a run folder (it holds manifest.json) or a folder with run folders in it (a study's output); "
            + "replications of a scenario (the same scenario, other seeds) are grouped, and the first scenario is the "
            + "reference the others are compared with.",
            "Given a sweep's folder (wijklab sweep), it writes the sweep's report instead: response curves per "
            + "parameter, and Morris's mu*-sigma plot or Sobol's S1 and ST bars; given a scenario discovery's folder "
            + "(wijklab discover), its page.",
            "Given a calibration's folder (wijklab calibrate), it writes the calibration's report: marginal posteriors, "
            + "pairwise plots and the fit of every target."})
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run folders or folders of runs.")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (must not exist or be empty). Default: a new folder under results/.")
    Path out;

    @Option(names = "--map-years", paramLabel = "Y[,Y...]", split = ",",
            description = "Years of the maps (0 = start; 'end' = the last tick; default: 0,end).")
    List<String> mapYears;

    @Option(names = "--horizon", paramLabel = "YEARS",
            description = "Year at which the summary at the top and the money (realised and expected return per euro, "
                + "per party) are read, counted from the runs' start, after the programmes too (default: the runs' "
                + "last whole year).")
    Integer horizon;

    @Override
    public Integer call() {
        if (horizon != null && (horizon < 1 || horizon > 200)) {
            throw new UserException("--horizon: " + horizon + " is not a whole number of years in [1, 200]");
        }
        int[] ticks = mapTicks(mapYears);
        Path dir = out != null ? out : stamped("report");
        RunCommand.checkFolder(dir);
        if (inputs.size() == 1 && DiscoveryReport.isDiscovery(inputs.get(0))) {
            // a scenario discovery's folder (wijklab discover): its page, drawn again from its files
            if (horizon != null) {
                throw new UserException("compare: --horizon applies to runs compared with a reference, not to a discovery");
            }
            Report.Written w = DiscoveryReport.write(inputs.get(0), dir);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("Reported the scenario discovery (%d cases): %d charts.%n", w.runs(), w.charts());
            o.println(w.index());
            o.flush();
            return 0;
        }
        if (inputs.size() == 1 && org.wijklab.report.CalibrationReport.isCalibration(inputs.get(0))) {
            if (horizon != null) {
                throw new UserException("compare: --horizon applies to runs compared with a reference, not to a calibration");
            }
            Report.Written w = org.wijklab.report.CalibrationReport.write(inputs.get(0), dir);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("Reported the calibration (%d particles): %d charts.%n", w.runs(), w.charts());
            o.println(w.index());
            o.flush();
            return 0;
        }
        long sweeps = inputs.stream().filter(SweepReport::isSweep).count();
        if (sweeps > 0) {
            if (horizon != null) {
                throw new UserException("compare: --horizon applies to runs compared with a reference, not to a sweep");
            }
            if (sweeps != 1 || inputs.size() != 1) {
                throw new UserException("compare: give one sweep folder alone, or folders of runs (a sweep's run "
                        + "folders are under its runs/)");
            }
            Report.Written w = SweepReport.write(inputs.get(0), dir);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("Reported the sweep (%d runs): %d charts.%n", w.runs(), w.charts());
            o.println(w.index());
            o.flush();
            return 0;
        }
        Report.Written w = Report.write(inputs, dir, new Report.Options(ticks, horizon == null ? 0 : horizon));
        PrintWriter o = spec.commandLine().getOut();
        o.printf("Compared %d scenario%s (%d runs): %d charts.%n", w.scenarios(), w.scenarios() == 1 ? "" : "s", w.runs(),
                w.charts());
        o.println(w.index());
        o.flush();
        return 0;
    }

    /** Map years as ticks (-1 for the end); one-line errors for anything else. */
    static int[] mapTicks(List<String> years) {
        if (years == null || years.isEmpty()) {
            return Report.Options.defaults().mapTicks();
        }
        List<Integer> out = new ArrayList<>();
        for (String y : years) {
            String t = y.trim();
            if (t.equals("end")) {
                out.add(-1);
                continue;
            }
            try {
                int v = Integer.parseInt(t);
                if (v < 0 || v > 200) {
                    throw new UserException("--map-years: " + t + " is not in [0, 200] or 'end'");
                }
                out.add(12 * v);
            } catch (NumberFormatException e) {
                throw new UserException("--map-years: '" + t + "' is not a whole number of years or 'end'");
            }
        }
        return out.stream().distinct().mapToInt(Integer::intValue).toArray();
    }

    /** A new folder results/PREFIX-yyyyMMdd-HHmmss (with -2, -3... if taken). */
    static Path stamped(String prefix) {
        String base = prefix + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = Path.of("results", base);
        for (int k = 2; java.nio.file.Files.exists(dir); k++) {
            dir = Path.of("results", base + "-" + k);
        }
        return dir;
    }
}
