package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wijklab.experiment.Folders;
import org.wijklab.report.chart.Chart;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The report of a calibration's folder ({@code wijklab calibrate}): its parameters and targets,
 * the generations' tolerance and acceptance, each parameter's marginal posterior (a weighted
 * histogram over the prior's range, the range's ends marked), pairwise plots of the parameters
 * the posterior narrowed most (at most four), and the fit of every target: the observed value
 * with its sd or tolerance against the posterior's simulated mean and 95 % weighted interval (for
 * NSGA-II the front's equal weights and range). A {@link Page} of {@link Section}s ({@link #sections}),
 * written whole.
 */
public final class CalibrationReport {
    /** Size of its charts, in pixels. */
    static final int W = 640;
    static final int H = 400;

    private CalibrationReport() {
    }

    /**
     * What the calibration's sections read: its manifest, whether the method is ABC-SMC (else
     * NSGA-II), the accepted particles (posterior.csv) or the front (front.csv), targets.csv and
     * generations.csv.
     */
    record CalibrationFiles(JsonNode manifest, boolean abc, Table particles, Table targets, Table generations) {
        /** The manifest's parameters, in order. */
        List<JsonNode> parameters() {
            List<JsonNode> params = new ArrayList<>();
            manifest.path("parameters").forEach(params::add);
            return params;
        }

        /** Each particle's weight: ABC's, or 1 for every point of a front. */
        double[] weights() {
            double[] weights = new double[particles.size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = abc ? particles.number(i, "weight") : 1.0;
            }
            return weights;
        }
    }

    /** Whether a folder is a calibration's (its manifest names a calibration file). */
    public static boolean isCalibration(Path folder) {
        Path m = folder.resolve("manifest.json");
        if (!Files.isRegularFile(m)) {
            return false;
        }
        try {
            return ScenarioLoader.mapper().readTree(m.toFile()).has("calibrationSha256");
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the report of calibration folder {@code cal} into {@code out} (which must not exist or be empty). */
    public static Report.Written write(Path cal, Path out) {
        Report.checkOutput(out);
        JsonNode manifest;
        try {
            manifest = ScenarioLoader.mapper().readTree(cal.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new ReportException(cal.resolve("manifest.json") + ": cannot be read (" + e.getMessage() + ")");
        }
        boolean abc = manifest.path("method").path("name").asText().equals("abc");
        Path resultFile = cal.resolve(abc ? "posterior.csv" : "front.csv");
        if (!Files.isRegularFile(resultFile) || !Files.isRegularFile(cal.resolve("targets.csv"))) {
            throw new ReportException(cal + ": the calibration is not finished (no " + resultFile.getFileName()
                    + "); run it again with the same --out to finish it");
        }
        Table particles = Table.read(resultFile, "particle", "distance");
        Table targets = Table.read(cal.resolve("targets.csv"), "metric", "observed", "scale", "scale_is", "source",
                "simulated_mean", "low", "high");
        Table generations = Table.read(cal.resolve("generations.csv"), "generation", "proposed", "kept", "tolerance");
        CalibrationFiles files = new CalibrationFiles(manifest, abc, particles, targets, generations);
        return Folders.writeWhole(out, tmp -> {
            Page page = new Page(tmp, "WijkLab calibration report: " + manifest.path("calibration").asText())
                    .intro(intro(files)).nav(true);
            page.write(sections(files));
            return new Report.Written(out.resolve("index.html"), 1, particles.size(), page.charts().size());
        });
    }

    /**
     * The sections of the page, in order: the parameters, the targets' fit, the generations, the
     * marginal posteriors and, when at least two parameters have a numeric prior, their pairs.
     */
    static List<Section> sections(CalibrationFiles files) {
        CalibrationPosteriorSection.Posterior posterior = CalibrationPosteriorSection.Posterior.of(files);
        List<Section> sections = new ArrayList<>();
        sections.add(new CalibrationParametersSection(files));
        sections.add(new CalibrationFitSection(files));
        sections.add(new CalibrationGenerationsSection(files));
        sections.add(new CalibrationPosteriorSection(posterior));
        if (posterior.names().size() >= 2) {
            sections.add(new CalibrationPairsSection(posterior));
        }
        return sections;
    }

    /** The page's heading and lead: the calibration's name and description, method, replications, seeds and base. */
    private static String intro(CalibrationFiles f) {
        JsonNode m = f.manifest();
        return "<h1>Calibration " + Html.esc(m.path("calibration").asText()) + "</h1>\n<p class=\"lead\">"
                + Html.esc(m.path("description").asText()) + "</p>\n<p class=\"note\">Method <b>"
                + (f.abc() ? "ABC-SMC" : "NSGA-II") + "</b> (" + Html.esc(m.path("method").toString()) + "), "
                + m.path("replications").asInt() + " replications a point; seeds: " + Html.esc(m.path("seeds").asText())
                + ". Base scenario <code>" + Html.esc(m.path("base").asText()) + "</code>. " + f.particles().size()
                + (f.abc() ? " accepted particles (posterior.csv)" : " points on the front (front.csv)")
                + "; each generation is a sweep folder gen-NN/. Calibration targets are never the validation "
                + "suite's patterns: the suite checks what was not fitted.</p>\n";
    }

    /** Appends a chart of the report at its size; its file named by {@code id} made lower case letters, digits and '-'. */
    static void figure(Page page, Chart chart, String id, String caption) throws IOException {
        // the number before a name keeps two names apart
        page.figure(chart, id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"), W, H, caption, false);
    }
}
