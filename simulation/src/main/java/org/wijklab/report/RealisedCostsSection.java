package org.wijklab.report;

import static org.wijklab.report.Comparison.againstRule;
import static org.wijklab.report.Html.ci;
import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.fmt;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Page.WIDE_H;
import static org.wijklab.report.Page.WIDE_W;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.wijklab.report.chart.Band;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Estimate;

/**
 * Realised against expected avoided costs: the reference's escalation costs in a scenario's
 * targets minus the scenario's (escalations.csv, paired by seed), cumulated over the years and set
 * against what the programmes spent, beside the expected avoided costs the ledger books.
 */
final class RealisedCostsSection extends ComparisonSection {
    RealisedCostsSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "realised";
    }

    @Override
    public String title() {
        return null;
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        Path dir = page.dir();
        List<Summary.Scenario> sc = summary.scenarios;
        html.append("<h3 id=\"realised\">Realised against expected: what the programmes really saved</h3>\n");
        SummaryCsv csv = new SummaryCsv("scenario", "year", "spent_cumulative", "realised_avoided_cumulative", "realised_lo",
                "realised_hi", "realised_return", "realised_return_lo", "realised_return_hi", "expected_return",
                "expected_return_lo", "expected_return_hi", "n");
        SummaryCsv parties = new SummaryCsv("scenario", "year", "party", "spent_cumulative", "expected_avoided_cumulative",
                "expected_lo", "expected_hi", "realised_avoided_cumulative", "realised_lo", "realised_hi", "n");
        List<Band> bands = new ArrayList<>();
        List<Summary.Scenario> drawn = new ArrayList<>();
        for (Map.Entry<Summary.Scenario, Money> entry : money.entrySet()) {
            Summary.Scenario s = entry.getKey();
            Money m = entry.getValue();
            int shown = Math.min(m.years, horizon);
            double[][] rr = new double[3][shown];
            double[][] er = new double[3][shown];
            double[] x = new double[shown];
            for (int y = 1; y <= m.years; y++) {
                Estimate realisedAvoided = Summary.estimate(m.at(m.realised, y, -1));
                Estimate spent = Summary.estimate(m.at(m.spent, y, -1));
                Estimate realised = Summary.estimate(m.perEuro(m.realised, y));
                Estimate expected = Summary.estimate(m.perEuro(m.expected, y));
                csv.row(s.name(), String.valueOf(y), num(spent.mean()), num(realisedAvoided.mean()),
                        num(realisedAvoided.lo()), num(realisedAvoided.hi()), num(realised.mean()), num(realised.lo()),
                        num(realised.hi()), num(expected.mean()), num(expected.lo()), num(expected.hi()),
                        String.valueOf(m.n));
                for (int p = 0; p < RunMetrics.PARTIES.length; p++) {
                    Estimate ps = Summary.estimate(m.at(m.spent, y, p));
                    Estimate pe = Summary.estimate(m.at(m.expected, y, p));
                    Estimate pr = Summary.estimate(m.at(m.realised, y, p));
                    parties.row(s.name(), String.valueOf(y), RunMetrics.PARTIES[p], num(ps.mean()), num(pe.mean()),
                            num(pe.lo()), num(pe.hi()), num(pr.mean()), num(pr.lo()), num(pr.hi()), String.valueOf(m.n));
                }
                if (y <= shown) {
                    x[y - 1] = y;
                    rr[0][y - 1] = realised.mean();
                    rr[1][y - 1] = realised.lo();
                    rr[2][y - 1] = realised.hi();
                    er[0][y - 1] = expected.mean();
                    er[1][y - 1] = expected.lo();
                    er[2][y - 1] = expected.hi();
                }
            }
            // the lines begin in the first year with money spent (before it a return per euro is undefined)
            int from = 0;
            while (from < shown && (Double.isNaN(rr[0][from]) || Double.isNaN(er[0][from]))) {
                from++;
            }
            if (from < shown) {
                bands.add(new Band(s.name() + " — realised", Arrays.copyOfRange(x, from, shown),
                        Arrays.copyOfRange(rr[0], from, shown), Arrays.copyOfRange(rr[1], from, shown),
                        Arrays.copyOfRange(rr[2], from, shown), false));
                bands.add(new Band(s.name() + " — expected", Arrays.copyOfRange(x, from, shown),
                        Arrays.copyOfRange(er[0], from, shown), Arrays.copyOfRange(er[1], from, shown),
                        Arrays.copyOfRange(er[2], from, shown), true));
                drawn.add(s);
            }
        }
        csv.write(dir.resolve("summary-costs-realised.csv"));
        parties.write(dir.resolve("summary-costs-parties.csv"));
        if (bands.isEmpty()) {
            html.append("<p class=\"note\">No realised costs: they need a reference run without the programme on the "
                    + "same seed, and runs that wrote <code>escalations.csv</code>.</p>\n");
            return;
        }
        html.append("<p class=\"note\">Realised (solid): the escalation costs of the scenario's counterfactual (")
                .append(againstRule(sc)).append(") in the whole city minus the scenario's own, run against run with the same seed (the whole "
                + "city, so that a problem moved to another neighbourhood is not counted as saved), "
                + "cumulated from year 1, per euro the programmes spent so far. Expected (dashed): the avoided costs "
                + "the ledger books while families are treated (<code>costs.csv</code>). The gap is what the booked "
                + "figure claims and the city does not show; the realised line goes on after a programme stops. "
                + "Shown to the horizon, year ").append(horizon).append(" (<code>--horizon</code>).</p>\n");
        if (SmallMultiples.needed(drawn.size())) {
            List<SmallMultiples.Panel> panels = new ArrayList<>();
            for (int i = 0; i < drawn.size(); i++) {
                Summary.Scenario s = drawn.get(i);
                Band realised = bands.get(2 * i);
                Band expected = bands.get(2 * i + 1);
                panels.add(new SmallMultiples.Panel(s.name(), SmallMultiples.flat("break-even", realised.x(), 1.0),
                        SmallMultiples.BREAK_EVEN, List.of(new Band("realised", realised.x(), realised.mean(), realised.lo(),
                                realised.hi(), false), new Band("expected", expected.x(), expected.mean(), expected.lo(),
                                expected.hi(), true)), i, List.of(), "costs-realised-return-" + (sc.indexOf(s) + 1)));
            }
            SmallMultiples.write(page, panels, "euro avoided per euro spent", "cumulative avoided costs per euro spent: "
                    + "realised against " + "its counterfactual (solid) and expected by the ledger (dashed), with 95 % "
                    + "bands, years 1 to " + horizon + ".");
            partiesAtHorizon(page);
            return;
        }
        page.figure(Charts.timeSeries("Social return per euro: realised and expected, to year " + horizon, "year",
                "euro avoided per euro spent", bands), "costs-realised-return", WIDE_W, WIDE_H + 80,
                "Cumulative avoided costs per euro spent: realised against the reference (solid) and expected by the "
                + "ledger (dashed), with 95 % bands, years 1 to " + horizon + ".");
        partiesAtHorizon(page);
    }

    /** Who really saved: per scenario and party, realised beside expected avoided costs at the horizon. */
    private void partiesAtHorizon(Page page) throws IOException {
        StringBuilder html = page.html();
        List<Summary.Scenario> with = money.keySet().stream().filter(s -> money.get(s).years >= horizon).toList();
        if (with.isEmpty()) {
            return;
        }
        int parties = RunMetrics.PARTIES.length;
        html.append("<p class=\"note\">Per paying party, cumulative to year ").append(horizon).append(", million euro: "
                + "what it spent, the avoided costs the ledger expected for it, and what it really saved against "
                + "the reference [95 % CI]. A party whose realised saving falls short of its spending pays for "
                + "others' gain.</p>\n<table><tr><th>scenario</th>");
        for (String p : RunMetrics.PARTIES) {
            html.append("<th>").append(esc(p.replace('_', ' '))).append("<br><span class=\"note\">spent · expected · "
                    + "realised</span></th>");
        }
        html.append("</tr>\n");
        Estimate[][] realised = new Estimate[parties][with.size()];
        for (int i = 0; i < with.size(); i++) {
            Summary.Scenario s = with.get(i);
            Money m = money.get(s);
            html.append("<tr><td>").append(esc(s.name())).append("</td>");
            for (int p = 0; p < parties; p++) {
                Estimate sp = million(Summary.estimate(m.at(m.spent, horizon, p)));
                Estimate ex = million(Summary.estimate(m.at(m.expected, horizon, p)));
                Estimate re = million(Summary.estimate(m.at(m.realised, horizon, p)));
                realised[p][i] = re;
                html.append("<td class=\"n\">").append(fmt(sp.mean())).append(" · ").append(fmt(ex.mean()))
                        .append(" · <b>").append(fmt(re.mean())).append("</b><br><span class=\"note\">")
                        .append(ci(re)).append("</span></td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        page.figure(Charts.groupedBars("Realised avoided costs per party, years 1 to " + horizon,
                "million euro, cumulative", with.stream().map(Summary.Scenario::name).toList(),
                List.of(RunMetrics.PARTIES).stream().map(p -> p.replace('_', ' ')).toList(), realised),
                "costs-realised-parties", WIDE_W, WIDE_H + 40, "Who really saved: each party's escalation costs in the "
                + "reference minus the scenario's, paired by seed, cumulated to year " + horizon
                + ", million euro, with 95 % intervals (summary-costs-parties.csv has every year, spent and expected).");
    }

    private static Estimate million(Estimate e) {
        return new Estimate(e.mean() / 1e6, e.lo() / 1e6, e.hi() / 1e6, e.n());
    }

}
