package org.wijklab.report;

import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Page.SMALL_H;
import static org.wijklab.report.Page.SMALL_W;
import static org.wijklab.report.Page.WIDE_H;
import static org.wijklab.report.Page.WIDE_W;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.report.chart.Band;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Estimate;

/**
 * Costs and benefits per paying party (summary-costs.csv, summary-social-return.csv), and the money the parties' budget
 * shares left unspent (unpooled funders outside their domain, or before their decision; docs/ODD.md §7.2 (d)).
 */
final class CostsSection extends ComparisonSection {
    CostsSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "costs";
    }

    @Override
    public String title() {
        return "Costs";
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        Path dir = page.dir();
        List<Summary.Scenario> with = summary.scenarios.stream().filter(Summary.Scenario::hasCosts).toList();
        html.append("<h2 id=\"costs\">Costs and benefits per paying party</h2>\n");
        if (with.isEmpty()) {
            html.append("<p class=\"note\">No scenario among the inputs has a programme, so there are no costs.</p>\n");
            return;
        }
        html.append("<p class=\"note\">Money each party spent on the programmes (budget, and restructuring for the housing "
                + "corporation) against the costs the teams are expected to have avoided for it (escalations prevented: "
                + "evictions, supervision orders, second-line care, benefits). The social return is avoided per euro spent, "
                + "all parties together. Look at who pays and who gains: a party that pays without gaining has no reason to stay.</p>\n");
        SummaryCsv csv = new SummaryCsv("scenario", "year", "party", "cumulative_spent", "cumulative_spent_lo", "cumulative_spent_hi",
                "cumulative_avoided", "cumulative_avoided_lo", "cumulative_avoided_hi",
                "cumulative_unspent", "cumulative_unspent_lo", "cumulative_unspent_hi", "n");
        SummaryCsv ret = new SummaryCsv("scenario", "year", "social_return", "lo", "hi", "n");
        List<Band> returns = new ArrayList<>();
        List<Summary.Scenario> returned = new ArrayList<>();
        List<String> parties = List.of(RunMetrics.PARTIES);
        double[][] spentEnd = new double[parties.size()][with.size()];
        double[][] avoidedEnd = new double[parties.size()][with.size()];
        double[][] unspentEnd = new double[parties.size()][with.size()];
        boolean anyUnspent = false;
        // run folders written before costs.csv recorded unspent money: nothing can be said of it
        boolean unrecorded = with.stream().anyMatch(sc -> sc.runs.stream().anyMatch(r -> r.unspent == null));
        html.append("<div class=\"grid\">\n");
        for (int i = 0; i < with.size(); i++) {
            Summary.Scenario s = with.get(i);
            int years = s.runs.stream().mapToInt(r -> r.spent.length).min().orElse(0);
            double[] x = new double[years];
            double[] mean = new double[years];
            double[] lo = new double[years];
            double[] hi = new double[years];
            List<Band> partyBands = new ArrayList<>();
            for (int y = 1; y <= years; y++) {
                double[] v = new double[s.runs.size()];
                for (int r = 0; r < v.length; r++) {
                    v[r] = s.runs.get(r).socialReturn(y);
                }
                Estimate e = Summary.estimate(v);
                x[y - 1] = y;
                mean[y - 1] = e.mean();
                lo[y - 1] = e.lo();
                hi[y - 1] = e.hi();
                ret.row(s.name(), String.valueOf(y), num(e.mean()), num(e.lo()), num(e.hi()), String.valueOf(e.n()));
            }
            Band social = trimNaN(s.name(), x, mean, lo, hi);
            if (social.x().length > 0) {
                returns.add(social);
                returned.add(s);
            }
            for (int p = 0; p < parties.size(); p++) {
                double[][] bands = new double[6][years];
                for (int y = 1; y <= years; y++) {
                    double[] sp = new double[s.runs.size()];
                    double[] av = new double[s.runs.size()];
                    double[] un = new double[s.runs.size()];
                    for (int r = 0; r < sp.length; r++) {
                        RunMetrics run = s.runs.get(r);
                        sp[r] = run.spent[y - 1][p] / 1e6;
                        av[r] = run.avoided[y - 1][p] / 1e6;
                        // a run folder written before costs.csv recorded it has no unspent money to show: NA, not 0
                        un[r] = run.unspent == null ? Double.NaN : run.unspent[y - 1][p] / 1e6;
                    }
                    Estimate es = Summary.estimate(sp);
                    Estimate ea = Summary.estimate(av);
                    Estimate eu = Summary.estimate(un);
                    bands[0][y - 1] = es.mean();
                    bands[1][y - 1] = es.lo();
                    bands[2][y - 1] = es.hi();
                    bands[3][y - 1] = ea.mean();
                    bands[4][y - 1] = ea.lo();
                    bands[5][y - 1] = ea.hi();
                    csv.row(s.name(), String.valueOf(y), parties.get(p), num(es.mean() * 1e6), num(es.lo() * 1e6),
                            num(es.hi() * 1e6), num(ea.mean() * 1e6), num(ea.lo() * 1e6), num(ea.hi() * 1e6),
                            num(eu.mean() * 1e6), num(eu.lo() * 1e6), num(eu.hi() * 1e6), String.valueOf(es.n()));
                    if (y == years) {
                        spentEnd[p][i] = es.mean();
                        avoidedEnd[p][i] = ea.mean();
                        unspentEnd[p][i] = Double.isNaN(eu.mean()) ? 0 : eu.mean();
                        anyUnspent |= eu.mean() > 0;
                    }
                }
                if (years > 0 && (bands[0][years - 1] > 0 || bands[3][years - 1] > 0)) {
                    String party = parties.get(p).replace('_', ' ');
                    partyBands.add(new Band(party + " — avoided", x.clone(), bands[3], bands[4], bands[5], false));
                    partyBands.add(new Band(party + " — spent", x.clone(), bands[0], bands[1], bands[2], true));
                }
            }
            if (!partyBands.isEmpty()) {
                page.figure(Charts.timeSeries(s.name() + ": cumulative money per party", "year", "million euro", partyBands),
                        "costs-parties-" + (summary.scenarios.indexOf(s) + 1), SMALL_W, SMALL_H + 110,
                        esc(s.name()) + ": each party's cumulative spending (dashed) and avoided costs (solid), million euro.");
            }
        }
        html.append("</div>\n<div class=\"grid\">\n");
        List<String> names = with.stream().map(Summary.Scenario::name).toList();
        if (SmallMultiples.needed(returns.size())) {
            List<SmallMultiples.Panel> panels = new ArrayList<>();
            for (int i = 0; i < returns.size(); i++) {
                Summary.Scenario s = returned.get(i);
                panels.add(new SmallMultiples.Panel(s.name(), SmallMultiples.flat("break-even", returns.get(i).x(), 1.0),
                        SmallMultiples.BREAK_EVEN, List.of(returns.get(i)), i, List.of(),
                        "costs-social-return-" + (summary.scenarios.indexOf(s) + 1)));
            }
            html.append("</div>\n<h3>Social return per euro over time</h3>\n");
            SmallMultiples.write(page, panels, "euro avoided per euro spent", "cumulative avoided costs per euro spent, "
                    + "all parties, with its 95 % band. Above 1 the programme pays for itself in avoided escalations "
                    + "alone; look at how long that takes.");
            html.append("<div class=\"grid\">\n");
        } else if (!returns.isEmpty()) {
            page.figure(Charts.timeSeries("Social return per euro over time", "year", "euro avoided per euro spent", returns),
                    "costs-social-return", WIDE_W, WIDE_H,
                    "Cumulative avoided costs per euro spent, all parties, per scenario. Above 1 the programme pays for "
                    + "itself in avoided escalations alone; look at how long that takes.");
        }
        List<String> partyNames = parties.stream().map(p -> p.replace('_', ' ')).toList();
        page.figure(Charts.stackedBars("Spent by the end, per party", "million euro", names, partyNames, spentEnd),
                "costs-spent", WIDE_W, WIDE_H, "Who paid: cumulative spending per party at the end of the run.");
        page.figure(Charts.stackedBars("Avoided by the end, per party", "million euro", names, partyNames, avoidedEnd),
                "costs-avoided", WIDE_W, WIDE_H, "Who gained: cumulative avoided costs per party at the end of the run.");
        if (anyUnspent) {
            page.figure(Charts.stackedBars("Left unspent by the end, per party", "million euro", names, partyNames, unspentEnd),
                    "costs-unspent", WIDE_W, WIDE_H, "Money the parties put in but could not spend: an unpooled funder pays "
                    + "only its own domain's themes and nothing before its decision; the rest of its share stays unspent "
                    + "(summary-costs.csv, cumulative_unspent).");
        } else if (unrecorded) {
            html.append("</div>\n<p class=\"note\">Money left unspent is not shown: some runs' costs.csv were written "
                    + "before it recorded unspent money.</p>\n<div class=\"grid\">\n");
        } else {
            html.append("</div>\n<p class=\"note\">Every party spent its whole share: no money was left unspent "
                    + "(pooled funding, or funders whose domains cover the plan).</p>\n<div class=\"grid\">\n");
        }
        html.append("</div>\n");
        csv.write(dir.resolve("summary-costs.csv"));
        ret.write(dir.resolve("summary-social-return.csv"));
    }

    private static Band trimNaN(String label, double[] x, double[] mean, double[] lo, double[] hi) {
        int from = 0;
        while (from < mean.length && Double.isNaN(mean[from])) {
            from++;
        }
        int n = mean.length - from;
        double[][] a = new double[4][n];
        System.arraycopy(x, from, a[0], 0, n);
        System.arraycopy(mean, from, a[1], 0, n);
        System.arraycopy(lo, from, a[2], 0, n);
        System.arraycopy(hi, from, a[3], 0, n);
        return new Band(label, a[0], a[1], a[2], a[3], false);
    }
}
