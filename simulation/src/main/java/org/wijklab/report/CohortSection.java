package org.wijklab.report;

import static org.wijklab.report.Bands.band;
import static org.wijklab.report.Bands.finite;
import static org.wijklab.report.Comparison.SERIES_AXES;
import static org.wijklab.report.Comparison.SERIES_IDS;
import static org.wijklab.report.Comparison.SERIES_LABELS;
import static org.wijklab.report.Comparison.againstRule;
import static org.wijklab.report.Html.capital;
import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Page.SMALL_H;
import static org.wijklab.report.Page.SMALL_W;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.report.chart.Band;
import org.wijklab.report.chart.Charts;

/**
 * Place and cohort: per scenario and person-level metric, the effect on the targets as places
 * (their residents of the moment) beside the effect on the persons who lived there when the
 * programme started, followed wherever they live (origins.csv, the same persons in the reference
 * run). Small charts on one shared axis per metric; the gap between the two lines is the part of
 * the effect that left with the movers or was diluted by newcomers.
 */
final class CohortSection extends ComparisonSection {
    CohortSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "cohort";
    }

    @Override
    public String title() {
        return "Place and cohort";
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        Path dir = page.dir();
        List<Summary.Scenario> sc = summary.scenarios;
        html.append("<h2 id=\"cohort\">Place and cohort: does the effect stay in the neighbourhood?</h2>\n");
        List<Summary.Scenario> with = sc.stream().skip(1).filter(s -> !s.cohortPairs().isEmpty()).toList();
        if (with.isEmpty()) {
            html.append("<p class=\"note\">No cohort effects: they need runs that wrote <code>origins.csv</code> "
                    + "with the year the programme starts among <code>output.cohortYears</code>, in the scenario's runs "
                    + "and the reference's.</p>\n");
            effectRows.write(dir.resolve("summary-effects.csv"));
            return;
        }
        html.append("<p class=\"note\">Solid: the effect on the targets as places (whoever lives there), as above. "
                + "Dashed: the effect on the <em>cohort</em>, the persons who lived in the targets when the programme "
                + "started, followed wherever they live (another neighbourhood, or the region outside the city; the "
                + "dead are left out), against the same persons in its counterfactual's run (").append(againstRule(sc))
                .append(") "
                + "(the same seed, so the same persons until the programme starts). Both from the programme's start, "
                + "95 % bands, one axis for all charts of a metric. When the dashed line stays above the solid one, the "
                + "programme's people kept their gain but the place did not: the gain left with the movers or was "
                + "diluted by who came in.</p>\n");
        for (int m = 0; m < RunMetrics.COHORT_METRICS.length; m++) {
            List<List<Band>> perScenario = new ArrayList<>();
            List<Band> all = new ArrayList<>();
            for (Summary.Scenario s : with) {
                int metric = m;
                int from = 12 * s.cohortYear;
                List<double[][]> pairs = new ArrayList<>();
                List<double[][]> places = new ArrayList<>();
                for (int r = 0; r < s.effects.size(); r++) {
                    if (s.cohortEffects.get(r) != null) {
                        pairs.add(s.cohortEffects.get(r));
                        places.add(s.effects.get(r));
                    }
                }
                Band place = finite(band("place", s.first().ticks, places.size(),
                        (r, k) -> s.first().ticks[k] < from ? Double.NaN : places.get(r)[metric][k], false, (t, e) -> { }));
                Band cohort = finite(band("cohort", s.first().ticks, pairs.size(), (r, k) -> pairs.get(r)[metric][k],
                        true, (tick, e) -> {
                            if (!Double.isNaN(e.mean())) {
                                effectRows.row(s.name(), Summary.EFFECTS[metric], String.valueOf(tick), num(tick / 12.0),
                                        num(e.mean()), num(e.lo()), num(e.hi()), String.valueOf(e.n()), "cohort");
                            }
                        }));
                List<Band> bands = new ArrayList<>();
                if (place != null && cohort != null) {
                    bands.add(place);
                    bands.add(cohort);
                }
                perScenario.add(bands);
                all.addAll(bands);
            }
            double[] range = Charts.commonRange(all, true);
            html.append("<h3>").append(esc(capital(SERIES_LABELS[m]))).append(": place (solid) and cohort (dashed)</h3>\n"
                    + "<div class=\"grid\">\n");
            for (int i = 0; i < with.size(); i++) {
                Summary.Scenario s = with.get(i);
                if (perScenario.get(i).isEmpty()) {
                    // a cohort of nobody with this metric (or targets without it): no line to draw
                    html.append("<p class=\"note\">").append(esc(s.name())).append(": no data for the place or the cohort "
                            + "(nobody to average over; NA or no rows in summary-effects.csv).</p>\n");
                    continue;
                }
                page.figure(Charts.effectCurves(s.name(), "year", "difference in " + SERIES_AXES[m], perScenario.get(i),
                        s.period == null ? List.of() : List.of(new double[] {s.period[0] / 12.0, s.period[1] / 12.0}),
                        range), "cohort-" + SERIES_IDS[m] + "-" + (sc.indexOf(s) + 1), SMALL_W, SMALL_H + 40,
                        esc(s.name()) + ": the effect on the targets' " + esc(SERIES_LABELS[m]) + " as a place (solid) "
                        + "and on the cohort of year " + s.cohortYear + " wherever it lives (dashed), against "
                        + esc(s.against.name()) + ".");
            }
            html.append("</div>\n");
        }
        effectRows.write(dir.resolve("summary-effects.csv"));
    }
}
