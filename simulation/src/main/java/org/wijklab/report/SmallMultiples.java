package org.wijklab.report;

import static org.wijklab.report.Html.esc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wijklab.report.chart.Band;
import org.wijklab.report.chart.Charts;

/**
 * Small multiples: a chart that would draw more than {@link #MAX_ON_ONE} scenarios (13 lines with
 * their bands on one plot cannot be read) becomes a grid of small panels, one per scenario, titled
 * with its name, on one y range shared by every panel (so that they can be read across), each with
 * the scenario's reference drawn in grey. Six or fewer stay on one chart.
 */
final class SmallMultiples {
    /** The most scenarios drawn on one chart. */
    static final int MAX_ON_ONE = 6;
    /** How the label of a panel's reference begins. */
    static final String REFERENCE = "reference: ";
    /**
     * What the grey line of a return per euro is: break-even (a scenario's counterfactual spends
     * nothing, so it has no return of its own to draw).
     */
    static final String BREAK_EVEN = "break-even, 1 euro avoided per euro spent (the counterfactual spends nothing, "
            + "so it has no return of its own)";

    /**
     * One panel: the scenario's name (its title), the reference drawn in grey and what it is (HTML,
     * for the caption), the scenario's bands, the colour it has on one chart, its shaded periods, and
     * the id of its chart.
     */
    record Panel(String scenario, Band reference, String greyHtml, List<Band> bands, int colour, List<double[]> periods,
            String id) {
    }

    private SmallMultiples() {
    }

    /** Whether a chart of this many scenarios is drawn as small multiples. */
    static boolean needed(int scenarios) {
        return scenarios > MAX_ON_ONE;
    }

    /**
     * The reference of an effect: the difference of the counterfactual with itself, zero at every
     * point of x, labelled with the counterfactual's name.
     */
    static Band zeroReference(String counterfactual, double[] x) {
        return flat(REFERENCE + counterfactual, x, 0.0);
    }

    /** A line at one value over x, without a band. */
    static Band flat(String label, double[] x, double value) {
        double[] nan = new double[x.length];
        Arrays.fill(nan, Double.NaN);
        double[] y = new double[x.length];
        Arrays.fill(y, value);
        return new Band(label, x.clone(), y, nan, nan.clone(), false);
    }

    /** The y range every panel shares: all their bands' means and bounds and their references, with zero. */
    static double[] range(List<Panel> panels) {
        List<Band> all = new ArrayList<>();
        for (Panel p : panels) {
            all.add(p.reference());
            all.addAll(p.bands());
        }
        return Charts.commonRange(all, true);
    }

    /**
     * Writes the panels into the page as a grid, one figure per panel, on their shared range; the
     * caption of each is its scenario's name, {@code captionHtml}, and what its grey line is.
     */
    static void write(Page page, List<Panel> panels, String yLabel, String captionHtml) throws IOException {
        double[] range = range(panels);
        page.html().append("<div class=\"grid\">\n");
        for (Panel p : panels) {
            page.figure(Charts.effectPanel(p.scenario(), "year", yLabel, p.reference(), p.bands(), p.colour(), p.periods(),
                    range), p.id(), Page.SMALL_W, Page.SMALL_H + 60, esc(p.scenario()) + ": " + captionHtml + " Grey: "
                    + p.greyHtml() + ". One y axis for all " + panels.size() + " panels.");
        }
        page.html().append("</div>\n");
    }
}
