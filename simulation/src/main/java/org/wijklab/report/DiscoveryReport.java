package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.wijklab.experiment.Folders;
import org.wijklab.report.chart.Chart;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The page of a scenario discovery ({@code wijklab discover}), from its folder's files only
 * (discover.json, trajectory.csv, box.csv, feature-scores.csv): PRIM's trade-off curve with the
 * chosen box marked, the box's limits against each parameter's range with the quasi-p-values, and
 * the feature scores with the noise reference's line. {@code wijklab compare DISCOVERY_DIR} draws it
 * again into a new folder. A {@link Page} of {@link Section}s ({@link #sections}).
 */
public final class DiscoveryReport {
    /** The discovery folder's own manifest. */
    public static final String MANIFEST = "discover.json";
    /** Size of its charts, in pixels. */
    private static final int W = 640;
    private static final int H = 400;

    private DiscoveryReport() {
    }

    /** What the discovery's sections read: discover.json, trajectory.csv, box.csv and feature-scores.csv. */
    record DiscoveryFiles(JsonNode manifest, Table trajectory, Table box, Table scores) {
    }

    /** Whether a folder is a discovery's (it holds discover.json). */
    public static boolean isDiscovery(Path folder) {
        return Files.isRegularFile(folder.resolve(MANIFEST));
    }

    /** Draws a discovery folder's page into a new folder {@code out} (written whole). */
    public static Report.Written write(Path discovery, Path out) {
        Report.checkOutput(out);
        DiscoveryFiles files = new DiscoveryFiles(manifest(discovery),
                Table.read(discovery.resolve("trajectory.csv"), "step", "coverage", "density", "mass", "restricted_parameters"),
                Table.read(discovery.resolve("box.csv"), "parameter", "restricted", "low", "high", "range_low", "range_high",
                        "categories_kept", "quasi_p"),
                Table.read(discovery.resolve("feature-scores.csv"), "parameter", "role", "score"));
        return Folders.writeWhole(out, tmp -> {
            int charts = draw(files, tmp);
            return new Report.Written(out.resolve("index.html"), 1, files.manifest().path("cases").asInt(), charts);
        });
    }

    /** Draws the page of the discovery folder {@code from} into {@code into} (index.html and charts/); the number of charts. */
    public static int draw(Path from, Path into) throws IOException {
        return draw(new DiscoveryFiles(manifest(from), Table.read(from.resolve("trajectory.csv")), Table.read(from.resolve("box.csv")),
                Table.read(from.resolve("feature-scores.csv"))), into);
    }

    private static JsonNode manifest(Path dir) {
        try {
            return ScenarioLoader.mapper().readTree(dir.resolve(MANIFEST).toFile());
        } catch (IOException e) {
            throw new ReportException(dir.resolve(MANIFEST) + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static int draw(DiscoveryFiles files, Path into) throws IOException {
        Page page = new Page(into, "WijkLab scenario discovery: " + files.manifest().path("sweep").asText())
                .intro(intro(files.manifest())).nav(true);
        page.write(sections(files));
        return page.charts().size();
    }

    /** The sections of the page, in order: the trade-off curve, the chosen box, the feature scores. */
    static List<Section> sections(DiscoveryFiles files) {
        return List.of(new DiscoveryTradeOffSection(files), new DiscoveryBoxSection(files), new DiscoveryScoresSection(files));
    }

    /** The page's heading and lead: the condition, the sweep, and how many of its cases meet the condition. */
    private static String intro(JsonNode m) {
        StringBuilder html = new StringBuilder();
        html.append("<h1>Where does <code>").append(Html.esc(m.path("where").asText())).append("</code> hold?</h1>\n<p class=\"lead\">Sweep <b>")
                .append(Html.esc(m.path("sweep").asText())).append("</b> (<code>").append(Html.esc(m.path("sweepFolder").asText()))
                .append("</code>): ").append(m.path("hits").asInt()).append(" of ").append(m.path("cases").asInt()).append(' ')
                .append(m.path("caseUnit").asText().equals("runs") ? "runs (each run a case)"
                        : "design points (each point's mean over its replications a case)")
                .append(" meet the condition");
        if (m.path("dropped").asInt() > 0) {
            html.append("; ").append(m.path("dropped").asInt()).append(" more had no value of the metric (NA) and were left out");
        }
        return html.append(".</p>\n").toString();
    }

    /** {@link Html#fmt}, but NaN is NA (a value the discovery's files have as NA). */
    static String fmt(double v) {
        return Double.isNaN(v) ? "NA" : Html.fmt(v);
    }

    /** Appends a chart of the page: at its size, in a figure of the page's wide ones. */
    static void figure(Page page, Chart chart, String id, String caption) throws IOException {
        page.figure(chart, id, W, H, caption, true);
    }
}
