package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.wijklab.report.chart.DiscoveryCharts;

/** PRIM's peeling trajectory: density against coverage at each step (trajectory.csv), the chosen box marked. */
final class DiscoveryTradeOffSection implements Section {
    private final DiscoveryReport.DiscoveryFiles f;

    DiscoveryTradeOffSection(DiscoveryReport.DiscoveryFiles f) {
        this.f = f;
    }

    @Override
    public String id() {
        return "trajectory";
    }

    @Override
    public String title() {
        return "Trade-off";
    }

    @Override
    public void write(Page page) throws IOException {
        JsonNode m = f.manifest();
        Table trajectory = f.trajectory();
        int chosen = m.path("chosenStep").asInt();
        int n = trajectory.size();
        double[] coverage = new double[n];
        double[] density = new double[n];
        for (int i = 0; i < n; i++) {
            coverage[i] = trajectory.number(i, "coverage");
            density[i] = trajectory.number(i, "density");
        }
        page.html().append("<h2 id=\"trajectory\">Trade-off between coverage and density</h2>\n<p class=\"note\">PRIM (Friedman and "
                + "Fisher 1999) peels ").append(Html.esc(m.path("peelAlpha").asText())).append(" of the box's cases at a "
                + "time off one side of one parameter (or one category of a list-valued one), the peel that raises the density "
                + "most per case removed, down to a box of ").append(Html.esc(m.path("minMass").asText())).append(" of the "
                + "cases; each box is then pasted (widened while that raises its density). Coverage: the share of all cases of "
                + "interest inside the box; density: the share of the box's cases that are of interest. The chosen box is step ")
                .append(chosen).append(" (").append(Html.esc(m.path("chosenBy").asText())).append("); <code>--box N</code> "
                + "chooses another.</p>\n");
        DiscoveryReport.figure(page, DiscoveryCharts.tradeOff("Peeling trajectory", coverage, density, chosen), "tradeoff",
                "Density against coverage at each step of the peeling trajectory (<code>trajectory.csv</code>); the chosen "
                + "box marked.");
    }
}
