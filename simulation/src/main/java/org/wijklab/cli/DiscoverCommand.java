package org.wijklab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.wijklab.experiment.BuildInfo;
import org.wijklab.experiment.Discovery;
import org.wijklab.experiment.ExtraTrees;
import org.wijklab.experiment.Folders;
import org.wijklab.experiment.Prim;
import org.wijklab.report.DiscoveryReport;
import org.wijklab.report.SweepCases;
import org.wijklab.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wijklab discover SWEEP_DIR --where "METRIC > VALUE"}: scenario discovery on a finished sweep. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Scenario discovery on a finished sweep: which region of the parameter space gives an outcome. "
            + "PRIM's peeling trajectory (the coverage-density trade-off), a chosen box with each restricted parameter's "
            + "limits and quasi-p-value, and extra-trees feature scores with the dummy (or a random probe) as the noise "
            + "floor; writes trajectory.csv, box.csv, feature-scores.csv, discover.json and a report page (index.html), "
            + "and prints the path of index.html.",
            "Each design point is a case (its metric the mean over its replications), or each run with --cases runs; "
            + "a case without a value of the metric (NA) is left out and counted."})
final class DiscoverCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP_DIR", description = "A finished sweep's folder (wijklab sweep, or merge).")
    Path sweep;

    @Option(names = "--where", required = true, paramLabel = "CONDITION",
            description = "The outcome: \"METRIC OP VALUE\", OP one of >, <, >=, <= (e.g. \"social_return > 1\").")
    String where;

    @Option(names = "--cases", paramLabel = "points|runs", defaultValue = "points",
            description = "What a case is: a design point, its metric the mean over its replications (default), or a run.")
    String cases;

    @Option(names = "--box", paramLabel = "STEP",
            description = "The step of the peeling trajectory to report as the box (default: the step of largest "
                + "coverage x density, from step 1 on: the whole space, step 0, is no box).")
    Integer box;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the feature scores' trees (and of the random probe of a design without a dummy); default 1.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (must not exist or be empty). Default: a new folder results/discover-SWEEP-TIME.")
    Path out;

    @Option(names = "--quiet", description = "Print only the path of index.html.")
    boolean quiet;

    @Override
    public Integer call() {
        if (out != null) {
            RunCommand.checkFolder(out);
        }
        if (!cases.equals("points") && !cases.equals("runs")) {
            throw new UserException("discover: --cases: '" + cases + "' is not 'points' or 'runs'");
        }
        if (seed < 0) {
            throw new UserException("discover: --seed: " + seed + " is not a whole number of 0 or more");
        }
        Discovery.Condition condition = Discovery.Condition.parse(where);
        if (condition == null) {
            throw new UserException("discover: --where: '" + where + "' is not METRIC OP VALUE with OP one of >, <, >=, <= and "
                    + "VALUE a number, e.g. \"social_return > 1\"");
        }
        JsonNode manifest = SweepCases.manifest(sweep);
        List<String> metrics = SweepCases.metrics(manifest);
        if (!metrics.contains(condition.metric())) {
            throw new UserException("discover: --where: '" + condition.metric() + "' is not a metric of this sweep; its metrics: "
                    + String.join(", ", metrics));
        }
        SweepCases.Cases c = SweepCases.read(sweep, manifest, condition.metric(), cases.equals("runs"), seed);
        String unit = cases.equals("runs") ? "runs" : "points";
        int n = c.metric().length;
        if (n == 0) {
            throw new UserException("discover: " + condition.metric() + " is NA in every " + unit.substring(0, unit.length() - 1)
                    + " of the sweep: nothing to discover");
        }
        if (n < Discovery.MIN_CASES) {
            throw new UserException("discover: " + n + " " + unit + " with a value of " + condition.metric()
                    + (c.dropped() > 0 ? " (" + c.dropped() + " NA left out)" : "") + ", fewer than " + Discovery.MIN_CASES
                    + ": too few cases for PRIM");
        }
        boolean[] y = new boolean[n];
        int hits = 0;
        for (int i = 0; i < n; i++) {
            y[i] = condition.holds(c.metric()[i]);
            hits += y[i] ? 1 : 0;
        }
        if (hits == 0 || hits == n) {
            double lo = Arrays.stream(c.metric()).min().orElse(Double.NaN);
            double hi = Arrays.stream(c.metric()).max().orElse(Double.NaN);
            throw new UserException("discover: " + (hits == 0 ? "no" : "every") + " case meets '" + condition + "' (" + n + " "
                    + unit + ", " + condition.metric() + " from " + Discovery.number(lo) + " to " + Discovery.number(hi)
                    + "): choose another VALUE");
        }
        Discovery.Result r;
        try {
            r = Discovery.run(c.parameters(), y, box, seed);
        } catch (Discovery.NoSuchStep e) {
            throw new UserException("discover: " + e.getMessage());
        }
        Path dir = out != null ? out : CompareCommand.stamped("discover-" + slug(c.sweep()));
        RunCommand.checkFolder(dir);
        ObjectNode m = manifest(c, condition, unit, r);
        Path index = Folders.writeWhole(dir, tmp -> {
            Files.writeString(tmp.resolve("trajectory.csv"), Discovery.trajectoryCsv(r), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve("box.csv"), Discovery.boxCsv(r), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve("feature-scores.csv"), Discovery.scoresCsv(r), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve(DiscoveryReport.MANIFEST),
                    ScenarioLoader.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n", StandardCharsets.UTF_8);
            DiscoveryReport.draw(tmp, tmp);
            return dir.resolve("index.html");
        });
        PrintWriter o = spec.commandLine().getOut();
        if (!quiet) {
            summary(o, c, condition, unit, r);
        }
        o.println(index);
        o.flush();
        return 0;
    }

    private ObjectNode manifest(SweepCases.Cases c, Discovery.Condition condition, String unit, Discovery.Result r) {
        ObjectNode m = ScenarioLoader.mapper().createObjectNode();
        m.put("tool", "WijkLab");
        m.put("version", BuildInfo.version());
        m.put("gitCommit", BuildInfo.gitCommit());
        m.put("sweep", c.sweep());
        m.put("sweepFolder", sweep.toAbsolutePath().normalize().toString());
        m.put("where", condition.toString());
        m.put("caseUnit", unit);
        m.put("cases", r.cases());
        m.put("hits", r.hits());
        m.put("dropped", c.dropped());
        m.put("peelAlpha", Prim.PEEL_ALPHA);
        m.put("pasteAlpha", Prim.PASTE_ALPHA);
        m.put("minMass", Prim.MIN_MASS);
        m.put("steps", r.trajectory().size());
        m.put("chosenStep", r.chosen());
        m.put("chosenBy", r.chosenByDefault() ? "the default: the step of largest coverage x density from step 1 on" : "--box " + r.chosen());
        Prim.Step s = r.chosenStep();
        ObjectNode chosen = m.putObject("chosen");
        chosen.put("coverage", s.coverage());
        chosen.put("density", s.density());
        chosen.put("mass", s.mass());
        chosen.put("cases", s.cases());
        chosen.put("hits", s.hits());
        m.put("trees", ExtraTrees.TREES);
        m.put("minSplit", ExtraTrees.MIN_SPLIT);
        m.put("seed", seed);
        m.put("probe", c.probe());
        return m;
    }

    private static void summary(PrintWriter o, SweepCases.Cases c, Discovery.Condition condition, String unit, Discovery.Result r) {
        Prim.Step s = r.chosenStep();
        o.printf(Locale.ROOT, "'%s' holds in %d of %d %s of sweep '%s'%s.%n", condition, r.hits(), r.cases(), unit, c.sweep(),
                c.dropped() > 0 ? " (" + c.dropped() + " more NA, left out)" : "");
        o.printf(Locale.ROOT, "Box at step %d of %d (%s): coverage %.3f, density %.3f, mass %.3f.%n", r.chosen(),
                r.trajectory().size() - 1, r.chosenByDefault() ? "largest coverage x density; --box N for another" : "--box",
                s.coverage(), s.density(), s.mass());
        for (Discovery.Limit l : r.box()) {
            if (!l.restricted()) {
                continue;
            }
            String limits = l.kept() != null ? "in {" + String.join(", ", l.kept()) + "}"
                    : "in [" + Discovery.number(l.low()) + ", " + Discovery.number(l.high()) + "] of [" + Discovery.number(l.rangeLow())
                    + ", " + Discovery.number(l.rangeHigh()) + "]";
            o.printf(Locale.ROOT, "  %s %s, quasi-p %s%n", l.parameter(), limits, Discovery.probability(l.quasiP()));
        }
        StringBuilder b = new StringBuilder("Feature scores:");
        for (Discovery.Score sc : r.scores()) {
            b.append(' ').append(sc.parameter()).append(' ').append(String.format(Locale.ROOT, "%.3f", sc.score()))
                    .append(sc.role().equals("parameter") ? "" : " (noise floor)").append(',');
        }
        b.setLength(b.length() - 1);
        o.println(b);
    }

    private static String slug(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return t.isEmpty() ? "sweep" : t;
    }
}
