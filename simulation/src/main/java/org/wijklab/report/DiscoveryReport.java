package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.experiment.Folders;
import org.wijklab.report.chart.Chart;
import org.wijklab.report.chart.ChartFiles;
import org.wijklab.report.chart.DiscoveryCharts;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The page of a scenario discovery ({@code wijklab discover}), from its folder's files only
 * (discover.json, trajectory.csv, box.csv, feature-scores.csv): PRIM's trade-off curve with the
 * chosen box marked, the box's limits against each parameter's range with the quasi-p-values, and
 * the feature scores with the noise reference's line. {@code wijklab compare DISCOVERY_DIR} draws it
 * again into a new folder.
 */
public final class DiscoveryReport {
    /** The discovery folder's own manifest. */
    public static final String MANIFEST = "discover.json";
    private static final int W = 640;
    private static final int H = 400;

    private final StringBuilder html = new StringBuilder();
    private final Path charts;
    private int count;

    private DiscoveryReport(Path charts) {
        this.charts = charts;
    }

    /** Whether a folder is a discovery's (it holds discover.json). */
    public static boolean isDiscovery(Path folder) {
        return Files.isRegularFile(folder.resolve(MANIFEST));
    }

    /** Draws a discovery folder's page into a new folder {@code out} (written whole). */
    public static Report.Written write(Path discovery, Path out) {
        Report.checkOutput(out);
        JsonNode m = manifest(discovery);
        Table trajectory = Table.read(discovery.resolve("trajectory.csv"), "step", "coverage", "density", "mass", "restricted_parameters");
        Table box = Table.read(discovery.resolve("box.csv"), "parameter", "restricted", "low", "high", "range_low", "range_high",
                "categories_kept", "quasi_p");
        Table scores = Table.read(discovery.resolve("feature-scores.csv"), "parameter", "role", "score");
        return Folders.writeWhole(out, tmp -> {
            int charts = draw(m, trajectory, box, scores, tmp);
            return new Report.Written(out.resolve("index.html"), 1, m.path("cases").asInt(), charts);
        });
    }

    /** Draws the page of the discovery folder {@code from} into {@code into} (index.html and charts/); the number of charts. */
    public static int draw(Path from, Path into) throws IOException {
        return draw(manifest(from), Table.read(from.resolve("trajectory.csv")), Table.read(from.resolve("box.csv")),
                Table.read(from.resolve("feature-scores.csv")), into);
    }

    private static JsonNode manifest(Path dir) {
        try {
            return ScenarioLoader.mapper().readTree(dir.resolve(MANIFEST).toFile());
        } catch (IOException e) {
            throw new ReportException(dir.resolve(MANIFEST) + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static int draw(JsonNode m, Table trajectory, Table box, Table scores, Path into) throws IOException {
        DiscoveryReport r = new DiscoveryReport(into.resolve("charts"));
        r.build(m, trajectory, box, scores);
        Files.writeString(into.resolve("index.html"), r.html.toString(), StandardCharsets.UTF_8);
        return r.count;
    }

    private void build(JsonNode m, Table trajectory, Table box, Table scores) throws IOException {
        String where = m.path("where").asText();
        html.append(Report.pageHead("WijkLab scenario discovery: " + m.path("sweep").asText()));
        html.append("<h1>Where does <code>").append(Report.esc(where)).append("</code> hold?</h1>\n<p class=\"lead\">Sweep <b>")
                .append(Report.esc(m.path("sweep").asText())).append("</b> (<code>").append(Report.esc(m.path("sweepFolder").asText()))
                .append("</code>): ").append(m.path("hits").asInt()).append(" of ").append(m.path("cases").asInt()).append(' ')
                .append(m.path("caseUnit").asText().equals("runs") ? "runs (each run a case)"
                        : "design points (each point's mean over its replications a case)")
                .append(" meet the condition");
        if (m.path("dropped").asInt() > 0) {
            html.append("; ").append(m.path("dropped").asInt()).append(" more had no value of the metric (NA) and were left out");
        }
        html.append(".</p>\n");
        int chosen = m.path("chosenStep").asInt();
        // the trade-off curve
        int n = trajectory.size();
        double[] coverage = new double[n];
        double[] density = new double[n];
        for (int i = 0; i < n; i++) {
            coverage[i] = trajectory.number(i, "coverage");
            density[i] = trajectory.number(i, "density");
        }
        html.append("<h2 id=\"trajectory\">Trade-off between coverage and density</h2>\n<p class=\"note\">PRIM (Friedman and "
                + "Fisher 1999) peels ").append(Report.esc(m.path("peelAlpha").asText())).append(" of the box's cases at a "
                + "time off one side of one parameter (or one category of a list-valued one), the peel that raises the density "
                + "most per case removed, down to a box of ").append(Report.esc(m.path("minMass").asText())).append(" of the "
                + "cases; each box is then pasted (widened while that raises its density). Coverage: the share of all cases of "
                + "interest inside the box; density: the share of the box's cases that are of interest. The chosen box is step ")
                .append(chosen).append(" (").append(Report.esc(m.path("chosenBy").asText())).append("); <code>--box N</code> "
                + "chooses another.</p>\n");
        figure(DiscoveryCharts.tradeOff("Peeling trajectory", coverage, density, chosen), "tradeoff",
                "Density against coverage at each step of the peeling trajectory (<code>trajectory.csv</code>); the chosen "
                + "box marked.");
        // the box
        Ranged ranged = new Ranged();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < box.size(); i++) {
            String p = box.text(i, "parameter");
            boolean restricted = box.text(i, "restricted").equals("true");
            String limits;
            String range;
            if (!box.text(i, "categories_kept").isEmpty() || box.text(i, "range_low").equals("NA")) {
                limits = "{" + box.text(i, "categories_kept").replace(";", ", ") + "}";
                range = box.has("categories_all") ? "{" + box.text(i, "categories_all").replace(";", ", ") + "}" : "";
            } else {
                double lo = box.number(i, "low");
                double hi = box.number(i, "high");
                double rl = box.number(i, "range_low");
                double rh = box.number(i, "range_high");
                limits = "[" + fmt(lo) + ", " + fmt(hi) + "]";
                range = "[" + fmt(rl) + ", " + fmt(rh) + "]";
                if (rh > rl) {
                    ranged.add(p, (lo - rl) / (rh - rl), (hi - rl) / (rh - rl));
                }
            }
            String qp = box.text(i, "quasi_p");
            rows.append("<tr><td>").append(Report.esc(p)).append("</td><td>").append(restricted ? "yes" : "no").append("</td><td>")
                    .append(Report.esc(limits)).append("</td><td>").append(Report.esc(range)).append("</td><td class=\"n\">")
                    .append(Report.esc(qp.equals("NA") ? "NA (" + (box.has("reason") ? box.text(i, "reason") : "") + ")" : qp))
                    .append("</td></tr>\n");
        }
        JsonNode step = m.path("chosen");
        html.append("<h2 id=\"box\">The chosen box</h2>\n<p class=\"note\">Step ").append(chosen).append(": coverage ")
                .append(fmt(step.path("coverage").asDouble())).append(", density ")
                .append(fmt(step.path("density").asDouble())).append(", mass ").append(fmt(step.path("mass").asDouble()))
                .append(" (").append(step.path("cases").asInt()).append(" cases, ").append(step.path("hits").asInt())
                .append(" of interest). Quasi-p: the one-sided binomial probability of at least the box's cases of interest "
                + "if its cases had the density of the box without that restriction; a large one (say above 0.05) marks a "
                + "restriction that adds little (<code>box.csv</code>).</p>\n");
        html.append("<table><tr><th>parameter</th><th>restricted</th><th>box</th><th>range</th><th>quasi-p</th></tr>\n")
                .append(rows).append("</table>\n");
        if (!ranged.names.isEmpty()) {
            figure(DiscoveryCharts.boxLimits("The box against the ranges", ranged.names, ranged.low(), ranged.high()), "box",
                    "Each numeric parameter's box interval (blue) against its whole range (grey), as shares of the range.");
        }
        // feature scores
        List<String> names = new ArrayList<>();
        double[] s = new double[scores.size()];
        String reference = null;
        double floor = Double.NaN;
        List<String> above = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) {
            names.add(scores.text(i, "parameter"));
            s[i] = scores.text(i, "score").equals("NA") ? Double.NaN : scores.number(i, "score");
            if (!scores.text(i, "role").equals("parameter")) {
                reference = scores.text(i, "parameter");
                floor = s[i];
            }
        }
        for (int i = 0; i < scores.size(); i++) {
            if (scores.text(i, "role").equals("parameter") && s[i] > floor) {
                above.add(names.get(i));
            }
        }
        String what = m.path("probe").asBoolean()
                ? "a random probe (the sweep's design has no dummy): a column of uniform random numbers, one per case, drawn "
                + "from the seed"
                : "the design's dummy, which the model never reads";
        html.append("<h2 id=\"scores\">Feature scores</h2>\n<p class=\"note\">Each parameter's share of the impurity decrease "
                + "of an extremely randomised trees classifier (Geurts, Ernst and Wehenkel 2006; ")
                .append(m.path("trees").asInt()).append(" trees, seed ").append(m.path("seed").asLong())
                .append(") of the condition, the scores summing to 1. The noise reference is ").append(Report.esc(what))
                .append(String.format(java.util.Locale.ROOT, ": its score, %s, is the floor; above it: %s (%d of %d parameters). "
                        + "A parameter little above the floor may be noise too; the impurity decrease favours parameters with many "
                        + "distinct values, so a list-valued parameter of few values below the floor may still matter (see the box).</p>\n", fmt(floor),
                        above.isEmpty() ? "none" : Report.esc(String.join(", ", above)), above.size(), names.size() - 1));
        figure(DiscoveryCharts.scores("Feature scores", names, s, reference, floor), "feature-scores",
                "Feature scores for <code>" + Report.esc(where) + "</code> (<code>feature-scores.csv</code>); the dashed line is "
                + Report.esc(reference == null ? "the reference" : reference) + "'s score, the noise floor.");
        html.append("<script>\nwindow.addEventListener('load', function () {\n  var imgs = document.images, ok = 0;\n"
                + "  for (var i = 0; i < imgs.length; i++) { if (imgs[i].complete && imgs[i].naturalWidth > 0) { ok++; } }\n"
                + "  document.body.setAttribute('data-images-loaded', ok + '/' + imgs.length);\n});\n</script>\n"
                + "</body>\n</html>\n");
    }

    /** A number for reading: 3 significant digits, plain, thousands unseparated; NaN is NA. */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        if (v == 0) {
            return "0";
        }
        java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }

    /** The numeric parameters of the box, their limits as shares of their ranges. */
    private static final class Ranged {
        final List<String> names = new ArrayList<>();
        final List<double[]> limits = new ArrayList<>();

        void add(String name, double low, double high) {
            names.add(name);
            limits.add(new double[] {low, high});
        }

        double[] low() {
            return limits.stream().mapToDouble(l -> l[0]).toArray();
        }

        double[] high() {
            return limits.stream().mapToDouble(l -> l[1]).toArray();
        }
    }

    private void figure(Chart chart, String id, String caption) throws IOException {
        ChartFiles.write(chart, charts, id, W, H);
        count++;
        html.append("<figure class=\"wide\"><img src=\"charts/").append(id).append(".png\" width=\"").append(W).append("\" height=\"")
                .append(H).append("\" alt=\"").append(Report.esc(caption.replaceAll("<[^>]*>", ""))).append("\"><figcaption>")
                .append(caption).append(" <a href=\"charts/").append(id).append(".svg\">SVG</a></figcaption></figure>\n");
    }
}
