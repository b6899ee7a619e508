package org.wijklab.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.wijklab.report.chart.CalibrationCharts;

/**
 * Pairwise plots of the accepted particles of the (at most four) parameters the data narrowed most,
 * each axis over its prior's range; for a calibration with at least two parameters of numeric prior.
 */
final class CalibrationPairsSection implements Section {
    private static final int TOP = 4;

    private final CalibrationPosteriorSection.Posterior post;

    CalibrationPairsSection(CalibrationPosteriorSection.Posterior post) {
        this.post = post;
    }

    @Override
    public String id() {
        return "pairs";
    }

    @Override
    public String title() {
        return "Pairs";
    }

    @Override
    public void write(Page page) throws IOException {
        List<String> names = post.names();
        List<Double> narrowing = post.narrowing();
        List<Integer> top = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            top.add(i);
        }
        top.sort(Comparator.comparingDouble((Integer i) -> -narrowing.get(i)));
        top = top.subList(0, Math.min(TOP, top.size()));
        StringBuilder html = page.html();
        html.append("<h2 id=\"pairs\">Pairs of the parameters the data narrowed most</h2>\n<p class=\"note\">At most four "
                + "parameters, by 1 - (the posterior's weighted sd / the prior's sd):");
        for (int i : top) {
            html.append(' ').append(Html.esc(names.get(i))).append(String.format(" %.2f", narrowing.get(i)));
        }
        html.append(".</p>\n");
        for (int a = 0; a < top.size(); a++) {
            for (int b = a + 1; b < top.size(); b++) {
                int i = top.get(a);
                int j = top.get(b);
                CalibrationReport.figure(page, CalibrationCharts.pair(names.get(i) + " and " + names.get(j), names.get(i),
                        names.get(j), post.columns().get(i), post.columns().get(j), post.ranges().get(i), post.ranges().get(j)),
                        "pair-" + (i + 1) + "-" + (j + 1) + "-" + names.get(i) + "-" + names.get(j),
                        "Accepted particles of " + Html.esc(names.get(i)) + " and " + Html.esc(names.get(j))
                        + ", each axis over its prior's range.");
            }
        }
    }
}
