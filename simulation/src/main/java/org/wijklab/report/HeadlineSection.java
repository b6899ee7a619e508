package org.wijklab.report;

import static org.wijklab.report.Comparison.againstRule;
import static org.wijklab.report.Html.ci;
import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.fmt;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Html.signed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.wijklab.report.chart.Estimate;

/**
 * The one-screen summary: per scenario, at the horizon, its effect on the targets as places and
 * on its cohort (employment and equivalised income), the eroded part (cohort minus place, per
 * pair), the effect on the targets' liveability, and the realised and expected return per euro;
 * every figure a mean over the pairs with the reference, with its 95 % interval.
 */
final class HeadlineSection extends ComparisonSection {
    HeadlineSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "summary";
    }

    @Override
    public String title() {
        return "Summary";
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        Path dir = page.dir();
        List<Summary.Scenario> sc = summary.scenarios;
        html.append("<h2 id=\"summary\">Summary at year ").append(horizon).append("</h2>\n");
        SummaryCsv csv = new SummaryCsv("scenario", "horizon_year", "measure", "mean", "lo", "hi", "n", "against");
        if (sc.size() < 2) {
            html.append("<p class=\"note\">One scenario: nothing to compare it with. Give a reference first (a "
                    + "scenario without the programme, the same seeds) and the scenarios after it.</p>\n");
            csv.write(dir.resolve("summary-headline.csv"));
            return;
        }
        html.append("<p class=\"note\">Each scenario minus its counterfactual, run against run with the same seed; "
                + "mean and, below it, 95 % interval (explained under the table).</p>\n");
        String[] measures = {"place_employment", "cohort_employment", "eroded_employment", "place_income",
            "cohort_income", "eroded_income", "place_liveability", "realised_return", "expected_return", "leak_income_end",
            "hazard_ratio_helped_vs_unhelped_end"};
        html.append("<table class=\"summary\"><tr><th rowspan=\"2\">scenario</th><th colspan=\"3\">employment rate, pp</th>"
                + "<th colspan=\"3\">equivalised income, euro</th><th>liveability</th>"
                + "<th colspan=\"2\">return per euro</th><th colspan=\"2\">at the programme's end</th></tr>\n"
                + "<tr><th>place</th><th>cohort</th><th>eroded</th>"
                + "<th>place</th><th>cohort</th><th>eroded</th><th>place</th><th>realised</th><th>expected</th>"
                + "<th>income leak, euro</th><th>out-moves, helped ÷ unhelped</th></tr>\n");
        for (Summary.Scenario s : sc.subList(1, sc.size())) {
            Estimate[] e = new Estimate[measures.length];
            int k = pointAt(s, horizon);
            for (int j = 0; j < 2; j++) {
                int metric = j; // employment, income: the same index in SERIES and COHORT_METRICS
                double scale = metric == 0 ? 100.0 : 1.0;
                Estimate[] pce = placeCohortEroded(s.effects, s.cohortEffects, metric, k);
                for (int q = 0; q < 3; q++) {
                    e[3 * j + q] = scaled(pce[q], scale);
                }
            }
            double[] liveability = new double[s.effects.size()];
            for (int r = 0; r < s.effects.size(); r++) {
                liveability[r] = s.effects.get(r)[3][k];
            }
            e[6] = Summary.estimate(liveability);
            Money m = money.get(s);
            boolean reach = m != null && m.years >= horizon;
            e[7] = reach ? Summary.estimate(m.perEuro(m.realised, horizon)) : Summary.estimate(new double[0]);
            e[8] = reach ? Summary.estimate(m.perEuro(m.expected, horizon)) : Summary.estimate(new double[0]);
            Leak.ScenarioLeak leak = comparison.leak().get(s);
            Leak.Point end = leak == null ? null : leak.points[0];
            e[9] = end == null ? Summary.estimate(new double[0]) : end.leak(0, Leak.LEAK_INDEX);
            e[10] = end == null ? Summary.estimate(new double[0]) : end.hazard(Leak.RATIO_HELPED);
            html.append("<tr><td>").append(esc(s.name()));
            if (s.against != sc.get(0)) {
                html.append("<br><span class=\"note\">against ").append(esc(s.against.name())).append("</span>");
            }
            html.append("</td>");
            for (int j = 0; j < measures.length; j++) {
                Estimate x = e[j];
                html.append("<td class=\"n\">");
                if (x.n() == 0 || Double.isNaN(x.mean())) {
                    html.append("–");
                } else {
                    html.append(j >= 7 && j != 9 ? fmt(x.mean()) : signed(x.mean())).append("<br><span class=\"note\">")
                            .append(ci(x)).append("</span>");
                }
                html.append("</td>");
                // the CSV keeps each metric's own unit: employment as a fraction
                double unit = j < 3 ? 100.0 : 1.0;
                csv.row(s.name(), String.valueOf(horizon), measures[j], num(x.mean() / unit), num(x.lo() / unit),
                        num(x.hi() / unit), String.valueOf(x.n()), s.against.name());
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<p class=\"note\">The counterfactual: ").append(againstRule(sc)).append(". Read at year ")
                .append(horizon).append(" (<code>--horizon</code>). <em>Place</em>: the targets' residents of the "
                + "moment; <em>cohort</em>: the persons who lived there when the programme started, wherever they live "
                + "now; <em>eroded</em>: cohort minus place, the part of the effect the neighbourhoods did not keep. "
                + "Employment in percentage points, income in euro a year per person (equivalised), return in euro "
                + "avoided per euro spent, cumulative: <em>realised</em> from the city's escalation costs against the "
                + "counterfactual, <em>expected</em> as the ledger books it. <em>Income leak</em>: the programme's "
                + "income gain per member of the cohort that lives outside the targets at the programme's end; "
                + "<em>out-moves</em>: moves out of their neighbourhood per person-year of the helped after their help "
                + "against those of the eligible before any help, in the same run (both in <a href=\"#leak\">the "
                + "leak</a>). – where the runs do "
                + "not have it.</p>\n");
        csv.write(dir.resolve("summary-headline.csv"));
    }

    /**
     * The headline's place effect, cohort effect and eroded part (cohort minus place) of a metric
     * (an index of both RunMetrics.SERIES and COHORT_METRICS) at a yearly point, over the same
     * pairs: a pair that lacks any of the three (no cohort in it, a value not a number) is left out
     * of all three, so that eroded = cohort - place holds for the means and the three n are equal.
     * A scenario with no cohort in any pair (no programme) has no cohort to set its place effect
     * against: that effect is over all its pairs, and cohort and eroded are NA.
     */
    static Estimate[] placeCohortEroded(List<double[][]> effects, List<double[][]> cohortEffects, int metric, int k) {
        double[] place = new double[effects.size()];
        double[] cohort = new double[effects.size()];
        double[] eroded = new double[effects.size()];
        boolean anyCohort = cohortEffects.stream().anyMatch(java.util.Objects::nonNull);
        for (int r = 0; r < effects.size(); r++) {
            double[][] c = cohortEffects.get(r);
            place[r] = effects.get(r)[metric][k];
            cohort[r] = c == null ? Double.NaN : c[metric][k];
            eroded[r] = cohort[r] - place[r];
            if (anyCohort && !Double.isFinite(eroded[r])) {
                place[r] = Double.NaN;
                cohort[r] = Double.NaN;
                eroded[r] = Double.NaN;
            }
        }
        return new Estimate[] {Summary.estimate(place), Summary.estimate(cohort), Summary.estimate(eroded)};
    }

    /** The index of a scenario's yearly point at the horizon year (the last point if the run ends before). */
    private static int pointAt(Summary.Scenario s, int year) {
        int[] ticks = s.first().ticks;
        for (int k = 0; k < ticks.length; k++) {
            if (ticks[k] >= 12 * year) {
                return k;
            }
        }
        return ticks.length - 1;
    }

    private static Estimate scaled(Estimate e, double f) {
        return new Estimate(e.mean() * f, e.lo() * f, e.hi() * f, e.n());
    }

}
