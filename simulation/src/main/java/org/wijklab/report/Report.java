package org.wijklab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.wijklab.experiment.Folders;

/**
 * Writes a comparison report folder from finished runs: {@code index.html} (offline, no external
 * scripts, fonts or styles), every chart as PNG and SVG under {@code charts/}, and the numbers behind
 * them as {@code summary-*.csv}. It reads only the runs' CSV files and manifests, so any finished
 * output can be re-plotted. The folder is written under a hidden name and moved into place at the end.
 * The page is a list of {@link Section}s ({@link #sections}), one class each.
 */
public final class Report {
    private Report() {
    }

    /**
     * Options: the ticks of the maps (-1 for each run's end) and the horizon in years of the
     * one-screen summary and of the money (0: the runs' last year).
     */
    public record Options(int[] mapTicks, int horizonYears) {
        public Options(int[] mapTicks) {
            this(mapTicks, 0);
        }

        public static Options defaults() {
            return new Options(new int[] {0, -1}, 0);
        }
    }

    /** What was written. */
    public record Written(Path index, int scenarios, int runs, int charts) {
    }

    /** Builds the report of the runs in the given folders into out (which must not exist or be empty). */
    public static Written write(List<Path> inputs, Path out, Options options) {
        checkOutput(out);
        List<ScenarioGroup> groups = Inputs.collect(inputs);
        Summary summary = Summary.of(groups, options.mapTicks());
        int years = summary.scenarios.stream().mapToInt(s -> s.first().ticks[s.first().ticks.length - 1] / 12).min()
                .orElse(0);
        if (options.horizonYears() > years) {
            throw new ReportException("--horizon " + options.horizonYears() + ": the runs last only " + years + " whole year"
                    + (years == 1 ? "" : "s"));
        }
        for (int mapTick : options.mapTicks()) {
            // a map after the runs' end would silently show their last month
            if (mapTick > 12 * years) {
                throw new ReportException("--map-years " + mapTick / 12 + ": the runs last only " + years + " whole year"
                        + (years == 1 ? "" : "s") + " (give years from 0 to " + years + ", or 'end')");
            }
        }
        int horizon = options.horizonYears() > 0 ? options.horizonYears() : Math.max(1, years);
        return Folders.writeWhole(out, tmp -> {
            Page page = new Page(tmp, "WijkLab comparison report").intro(intro(summary)).nav(true).overflowProbe(true);
            page.write(sections(new Comparison(summary, horizon)));
            int runs = groups.stream().mapToInt(g -> g.runs().size()).sum();
            return new Written(out.resolve("index.html"), groups.size(), runs, page.charts().size());
        });
    }

    /** The output folder must not exist, or be an empty folder. */
    public static void checkOutput(Path out) {
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new ReportException(out + ": exists and is not a folder");
            }
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new ReportException(out + ": folder is not empty (choose a new --out)");
                }
            } catch (IOException e) {
                throw new ReportException(out + ": cannot be listed (" + e.getMessage() + ")");
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        for (Path p = parent; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new ReportException(out + ": " + p + " is a file, not a folder");
            }
        }
    }

    /** The sections of the page, in order; the navigation lists those with a title. */
    static List<Section> sections(Comparison c) {
        return List.of(new HeadlineSection(c), new ScenariosSection(c), new EffectsSection(c), new CohortSection(c), new LeakSection(c),
                new PeopleSection(c), new DifferencesSection(c), new TimeSeriesSection(c), new DecompositionSection(c), new FlowsSection(c),
                new DistancesSection(c), new SpilloversSection(c), new CostsSection(c), new RealisedCostsSection(c),
                new MapsSection(c), new RanksSection(c), new SweepsSection(c));
    }

    /** The page's heading and lead paragraph. */
    private static String intro(Summary summary) {
        List<Summary.Scenario> sc = summary.scenarios;
        return "<h1>WijkLab comparison report</h1>\n<p class=\"lead\">" + sc.size() + " scenario" + (sc.size() == 1 ? "" : "s")
                + ", " + sc.stream().mapToInt(s -> s.runs.size()).sum() + " runs. Every figure is a mean over a scenario's "
                + "replications; bands and whiskers are 95 % confidence intervals (Student t over replications). Each "
                + "scenario's <em>targets</em> are its focus neighbourhoods (the table says which); the numbers behind every "
                + "chart are in the <code>summary-*.csv</code> files beside this page.</p>\n";
    }
}
