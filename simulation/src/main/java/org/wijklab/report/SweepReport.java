package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.experiment.Folders;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The report of a sweep's folder ({@code wijklab compare SWEEP_DIR}), from its files only
 * (manifest.json, runs.csv, sensitivity.csv): for each metric, a response curve per parameter
 * (at each of the parameter's values the mean over the design points of each point's mean over its
 * replications, with its 95 % interval from the point means; categories as bars), and for Morris designs mu* against sigma, for Sobol designs S1 and ST with their
 * bootstrap intervals. Every chart as PNG and SVG, the numbers behind the curves in
 * {@code summary-response.csv}, an offline page: a list of {@link Section}s ({@link #sections}).
 */
public final class SweepReport {
    /** Size of its charts, in pixels. */
    static final int W = 640;
    static final int H = 400;

    private SweepReport() {
    }

    /**
     * What the sweep's sections read: its manifest, runs.csv, sensitivity.csv (null unless Morris or
     * Sobol), noise.csv (null when absent), its parameters' and metrics' names, its design, and the name
     * of its design-only dummy parameter (null when none).
     */
    record SweepFiles(JsonNode manifest, Table runs, Table sensitivity, Table noise, List<String> parameters,
            List<String> metrics, String design, String dummy) {
    }

    /** Whether a folder is a sweep's (its manifest names a sweep file). */
    public static boolean isSweep(Path folder) {
        Path m = folder.resolve("manifest.json");
        if (!Files.isRegularFile(m)) {
            return false;
        }
        try {
            return ScenarioLoader.mapper().readTree(m.toFile()).has("sweepSha256");
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the report of a finished sweep's folder into out (which must not exist or be empty). */
    public static Report.Written write(Path sweep, Path out) {
        Report.checkOutput(out);
        JsonNode manifest;
        try {
            manifest = ScenarioLoader.mapper().readTree(sweep.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new ReportException(sweep.resolve("manifest.json") + ": cannot be read (" + e.getMessage() + ")");
        }
        if (!manifest.path("complete").asBoolean(false)) {
            throw new ReportException(sweep + ": the sweep is not complete (run it again with the same --out to finish it)");
        }
        if (manifest.path("shards").asInt(1) > 1) {
            throw new ReportException(sweep + ": a shard of a sweep; merge the shards first (wijklab merge)");
        }
        Table runs = Table.read(sweep.resolve("runs.csv"));
        List<String> parameters = new ArrayList<>();
        manifest.path("parameters").forEach(p -> parameters.add(p.path("name").asText()));
        List<String> metrics = new ArrayList<>();
        manifest.path("metrics").fieldNames().forEachRemaining(metrics::add);
        for (String c : parameters) {
            if (!runs.has(c)) {
                throw new ReportException(sweep.resolve("runs.csv") + ": no column '" + c + "'");
            }
        }
        String design = manifest.path("design").asText();
        Table sensitivity = design.equals("morris") || design.equals("sobol") ? Table.read(sweep.resolve("sensitivity.csv")) : null;
        // noise.csv is absent in folders written before it was
        Table noise = sensitivity != null && Files.isRegularFile(sweep.resolve("noise.csv"))
                ? Table.read(sweep.resolve("noise.csv")) : null;
        String dummy = null;
        for (JsonNode p : manifest.path("parameters")) {
            if (p.has("designOnly")) {
                dummy = p.path("name").asText();
            }
        }
        SweepFiles files = new SweepFiles(manifest, runs, sensitivity, noise, parameters, metrics, design, dummy);
        return Folders.writeWhole(out, tmp -> {
            Page page = new Page(tmp, "WijkLab sweep report: " + manifest.path("sweep").asText());
            page.write(sections(files));
            return new Report.Written(out.resolve("index.html"), 1, runs.size(), page.charts().size());
        });
    }

    /** The sections of the page, in order: the overview, the sensitivity indices (Morris, Sobol), the response curves. */
    static List<Section> sections(SweepFiles files) {
        List<Section> sections = new ArrayList<>();
        sections.add(new SweepOverviewSection(files));
        if (files.sensitivity() != null) {
            sections.add(new SensitivitySection(files));
        }
        sections.add(new ResponseSection(files));
        return sections;
    }
}
