package org.wijklab.report;

import static org.wijklab.report.Bands.band;
import static org.wijklab.report.Bands.finite;
import static org.wijklab.report.Bands.periods;
import static org.wijklab.report.Comparison.SERIES_AXES;
import static org.wijklab.report.Comparison.SERIES_IDS;
import static org.wijklab.report.Comparison.SERIES_LABELS;
import static org.wijklab.report.Comparison.SERIES_TITLES;
import static org.wijklab.report.Comparison.againstRule;
import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Page.WIDE_H;
import static org.wijklab.report.Page.WIDE_W;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.report.chart.Band;
import org.wijklab.report.chart.Charts;

/**
 * Effect curves: for every scenario but the reference, its targets minus the same neighbourhoods
 * in the reference's run of the same seed, over time, with the 95 % band of the mean paired
 * difference; one chart per metric with every scenario on it, the programmes' periods shaded, or
 * with more than six scenarios {@link SmallMultiples}. The rows go to summary-effects.csv with the
 * cohort's ({@link CohortSection}, which writes the file).
 */
final class EffectsSection extends ComparisonSection {
    EffectsSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "effects";
    }

    @Override
    public String title() {
        return "Effects";
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        Path dir = page.dir();
        List<Summary.Scenario> sc = summary.scenarios;
        html.append("<h2 id=\"effects\">Effects against the reference: the targets over time</h2>\n");
        if (sc.size() < 2 || sc.stream().skip(1).allMatch(s -> s.effects.isEmpty())) {
            html.append("<p class=\"note\">No effects: they need a second scenario with runs of the reference's seeds "
                    + "and length.</p>\n");
            return;
        }
        html.append("<p class=\"note\">Each line is a scenario's targets minus the same neighbourhoods in its "
                + "counterfactual (").append(againstRule(sc)).append("), run against run with the same "
                + "seed: the same city, warm-up and random draws, so the difference is the scenario's own. Bands: 95 % "
                + "intervals of the mean difference over the pairs. Shaded: the years a programme runs. A line that "
                + "climbs while a programme runs and sinks after it is a gain the place does not keep. Escalation "
                + "costs are the year's (evictions, supervision orders, second-line care, social assistance), all "
                + "paying parties, in the targets: below zero the targets cost less than without the programme.</p>\n");
        List<String> unpaired = sc.subList(1, sc.size()).stream().filter(s -> s.effects.isEmpty()).map(Summary.Scenario::name)
                .toList();
        if (!unpaired.isEmpty()) {
            html.append("<p class=\"note\">No effects for ").append(esc(String.join(", ", unpaired))).append(": no run of "
                    + "its counterfactual with the same seed and length among the inputs.</p>\n");
        }
        List<double[]> periods = periods(sc);
        for (int m = 0; m < Summary.EFFECTS.length; m++) {
            List<Band> bands = new ArrayList<>();
            List<Summary.Scenario> drawn = new ArrayList<>();
            List<String> none = new ArrayList<>();
            for (Summary.Scenario s : sc.subList(1, sc.size())) {
                if (s.effects.isEmpty()) {
                    continue;
                }
                int metric = m;
                Band b = finite(band(s.name(), s.first().ticks, s.effects.size(), (r, k) -> s.effects.get(r)[metric][k],
                        false, (tick, e) -> effectRows.row(s.name(), Summary.EFFECTS[metric], String.valueOf(tick),
                                num(tick / 12.0), num(e.mean()), num(e.lo()), num(e.hi()), String.valueOf(e.n()),
                                "place")));
                if (b != null) {
                    bands.add(b);
                    drawn.add(s);
                } else {
                    none.add(s.name());
                }
            }
            // a metric nobody in the targets had at any point (or, for escalation costs, runs without escalations.csv)
            String missing = none.isEmpty() ? "" : " No data for " + String.join(", ", none) + " (NA in summary-effects.csv).";
            if (bands.isEmpty()) {
                html.append("<p class=\"note\">Effect on the targets' ").append(esc(SERIES_LABELS[m])).append(": no data.")
                        .append(esc(missing)).append("</p>\n");
                continue;
            }
            if (SmallMultiples.needed(bands.size())) {
                List<SmallMultiples.Panel> panels = new ArrayList<>();
                for (int i = 0; i < bands.size(); i++) {
                    Summary.Scenario s = drawn.get(i);
                    panels.add(new SmallMultiples.Panel(s.name(), SmallMultiples.zeroReference(s.against.name(),
                            bands.get(i).x()), "the reference, " + esc(s.against.name()) + " (zero difference)",
                            List.of(bands.get(i)), i, s.period == null ? List.of()
                            : List.of(new double[] {s.period[0] / 12.0, s.period[1] / 12.0}),
                            "effects-" + SERIES_IDS[m] + "-" + (sc.indexOf(s) + 1)));
                }
                html.append("<h3>Effect on the targets: ").append(esc(SERIES_TITLES[m])).append("</h3>\n");
                SmallMultiples.write(page, panels, "difference in " + SERIES_AXES[m], "the targets' "
                        + esc(SERIES_LABELS[m]) + " minus its counterfactual's (paired by seed), with its 95 % band.");
                if (!missing.isEmpty()) {
                    html.append("<p class=\"note\">").append(esc(missing.strip())).append("</p>\n");
                }
                continue;
            }
            page.figure(Charts.effectCurves("Effect on the targets: " + SERIES_TITLES[m], "year",
                    "difference in " + SERIES_AXES[m], bands, periods), "effects-" + SERIES_IDS[m], WIDE_W, WIDE_H + 60,
                    "The targets' " + esc(SERIES_LABELS[m]) + ", each scenario minus its counterfactual (paired by seed), "
                    + "with 95 % bands." + esc(missing));
        }
    }
}
