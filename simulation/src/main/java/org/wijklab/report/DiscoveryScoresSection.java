package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wijklab.report.chart.DiscoveryCharts;

/**
 * The feature scores of the condition (feature-scores.csv), against the noise reference's score: the
 * design's dummy or a random probe, the floor.
 */
final class DiscoveryScoresSection implements Section {
    private final DiscoveryReport.DiscoveryFiles f;

    DiscoveryScoresSection(DiscoveryReport.DiscoveryFiles f) {
        this.f = f;
    }

    @Override
    public String id() {
        return "scores";
    }

    @Override
    public String title() {
        return "Feature scores";
    }

    @Override
    public void write(Page page) throws IOException {
        JsonNode m = f.manifest();
        Table scores = f.scores();
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
        page.html().append("<h2 id=\"scores\">Feature scores</h2>\n<p class=\"note\">Each parameter's share of the impurity "
                + "decrease of an extremely randomised trees classifier (Geurts, Ernst and Wehenkel 2006; ")
                .append(m.path("trees").asInt()).append(" trees, seed ").append(m.path("seed").asLong())
                .append(") of the condition, the scores summing to 1. The noise reference is ").append(Html.esc(what))
                .append(String.format(Locale.ROOT, ": its score, %s, is the floor; above it: %s (%d of %d parameters). "
                        + "A parameter little above the floor may be noise too; the impurity decrease favours parameters with many "
                        + "distinct values, so a list-valued parameter of few values below the floor may still matter (see the box).</p>\n",
                        DiscoveryReport.fmt(floor), above.isEmpty() ? "none" : Html.esc(String.join(", ", above)), above.size(),
                        names.size() - 1));
        DiscoveryReport.figure(page, DiscoveryCharts.scores("Feature scores", names, s, reference, floor), "feature-scores",
                "Feature scores for <code>" + Html.esc(m.path("where").asText()) + "</code> (<code>feature-scores.csv</code>); "
                + "the dashed line is " + Html.esc(reference == null ? "the reference" : reference) + "'s score, the noise floor.");
    }
}
