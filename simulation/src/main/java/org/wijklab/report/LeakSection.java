package org.wijklab.report;

import static org.wijklab.report.Html.ci;
import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.fmt;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Html.signed;
import static org.wijklab.report.Page.SMALL_H;
import static org.wijklab.report.Page.SMALL_W;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Estimate;

/**
 * The leak (summary-leak.csv) and the helped persons' out-move hazard (summary-hazard.csv): who the
 * programme helped (helped.csv), and where the programme-attributable gain of the persons who lived in
 * its targets when it started went, at its end and ten years later ({@link Leak}).
 */
final class LeakSection extends ComparisonSection {
    /** The metrics charted, as indices of {@link Leak#METRICS}: income, employment. */
    private static final int[] CHARTED = {0, 1};

    LeakSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "leak";
    }

    @Override
    public String title() {
        return "The leak";
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        html.append("<h2 id=\"leak\">The leak: who was helped, and where their gains went</h2>\n");
        SummaryCsv leakCsv = new SummaryCsv("scenario", "against", "point_tick", "years_after_end", "metric", "quantity",
                "mean", "ci_low", "ci_high", "n");
        SummaryCsv hazardCsv = new SummaryCsv("scenario", "against", "point_tick", "years_after_end", "quantity", "mean",
                "ci_low", "ci_high", "n");
        List<Leak.ScenarioLeak> all = comparison.leak().scenarios;
        if (all.isEmpty()) {
            html.append("<p class=\"note\">No scenario among the inputs has programme targets and a counterfactual to set "
                    + "them against, so there is no leak to show.</p>\n");
            write(page, leakCsv, hazardCsv);
            return;
        }
        List<Leak.ScenarioLeak> with = all.stream().filter(Leak.ScenarioLeak::hasPairs).toList();
        boolean anyHelped = all.stream().anyMatch(l -> !l.helped.isEmpty());
        if (with.isEmpty() && !anyHelped) {
            html.append("<p class=\"note\">No leak: the runs have no <code>leak.csv</code> and <code>helped.csv</code> with "
                    + "the programme's cohort (runs from before these files were written, or without the programme's start "
                    + "year in <code>output.cohortYears</code>).</p>\n");
            write(page, leakCsv, hazardCsv);
            return;
        }
        html.append("<p class=\"note\">Lives part once the programme starts: a helped person in the programme run may move, "
                + "find work or fall ill at other times than the same person without the programme, and who is helped is "
                + "chosen after that. So the comparison is not between helped persons but between <em>cohorts</em>: the "
                + "persons who lived in the targets when the programme started (the year in <code>output.cohortYears</code>), "
                + "fixed before anything differs, so they are the same persons in the scenario's run and in its "
                + "counterfactual's run of the same seed (").append(Comparison.againstRule(summary.scenarios)).append("). "
                + "Per pair, each metric's gain from the programme's start to a point is summed by where the cohort's member "
                + "lives at that point (in the targets, moved elsewhere in the city, left the city; the dead are left out), "
                + "divided by the members measured at the start, and the counterfactual's subtracted. The <em>leak</em> is "
                + "the part of the programme's gain that lives outside the targets. The gain of the helped themselves is "
                + "estimated as the cohort's gain divided by the share helped (Bloom's estimator): it holds if the unhelped "
                + "gained nothing from the programme, and overstates the helped's gain if they did (e.g. through a neighbour's "
                + "job or a safer street). A pair whose two cohorts differ in size is left out (the runs did not share the "
                + "city until the programme started). Means over the pairs with 95 % intervals (Student t).</p>\n");
        helpedTable(html, all);
        leakTable(html, all, leakCsv);
        charts(page, with);
        hazardTable(html, all, hazardCsv);
        write(page, leakCsv, hazardCsv);
    }

    private static void write(Page page, SummaryCsv leak, SummaryCsv hazard) throws IOException {
        leak.write(page.dir().resolve("summary-leak.csv"));
        hazard.write(page.dir().resolve("summary-hazard.csv"));
    }

    private static void helpedTable(StringBuilder html, List<Leak.ScenarioLeak> all) {
        html.append("<h3>Who was helped, by the programme's end</h3>\n<table><tr><th>scenario</th><th>programme</th>"
                + "<th>runs</th>");
        for (String f : Leak.FORMS) {
            html.append("<th>").append(esc(f.replace('_', ' '))).append("</th>");
        }
        html.append("</tr>\n");
        List<String> notes = new ArrayList<>();
        for (Leak.ScenarioLeak l : all) {
            if (l.helpedNote != null) {
                notes.add(esc(l.scenario.name()) + ": " + esc(l.helpedNote));
            }
            for (Leak.Helped h : l.helped) {
                html.append("<tr><td>").append(esc(l.scenario.name())).append("</td><td>").append(esc(h.programme()))
                        .append("</td><td class=\"n\">").append(h.runs()).append("</td>");
                for (int f = 0; f < Leak.FORMS.length; f++) {
                    html.append("<td class=\"n\">").append(fmt(h.persons()[f])).append("<br><span class=\"note\">")
                            .append(fmt(h.formMonths()[f])).append(" months</span></td>");
                }
                html.append("</tr>\n");
            }
        }
        html.append("</table>\n<p class=\"note\">Persons helped by the programme's end (<code>helped.csv</code>, all fates, "
                + "mean over the runs), each counted for the programme that first helped them and for every form they "
                + "received (<em>any</em>: at least one); below, the programme's person-months of that form.");
        for (String n : notes) {
            html.append(" ").append(n).append(".");
        }
        html.append("</p>\n");
    }

    private static String point(Leak.Point p) {
        return p.yearsAfterEnd == 0 ? "end" : "end + " + p.yearsAfterEnd + " y";
    }

    private static String cell(Estimate e) {
        return e.n() == 0 || Double.isNaN(e.mean()) ? "–"
                : signed(e.mean()) + "<br><span class=\"note\">" + ci(e) + "</span>";
    }

    private static void csvRow(SummaryCsv csv, Leak.ScenarioLeak l, Leak.Point p, String metric, String quantity, Estimate e) {
        if (metric == null) {
            csv.row(l.scenario.name(), l.scenario.against.name(), p.tick < 0 ? "NA" : String.valueOf(p.tick),
                    String.valueOf(p.yearsAfterEnd), quantity, num(e.mean()), num(e.lo()), num(e.hi()), String.valueOf(e.n()));
        } else {
            csv.row(l.scenario.name(), l.scenario.against.name(), p.tick < 0 ? "NA" : String.valueOf(p.tick),
                    String.valueOf(p.yearsAfterEnd), metric, quantity, num(e.mean()), num(e.lo()), num(e.hi()),
                    String.valueOf(e.n()));
        }
    }

    /** Why a scenario's point has no value, or null. */
    private static String why(Leak.ScenarioLeak l, Leak.Point p) {
        if (l.note != null) {
            return l.note;
        }
        if (p.tick < 0) {
            return p.reason;
        }
        if (p.leaks.isEmpty()) {
            return "every pair's two cohorts differ in size";
        }
        return null;
    }

    private void leakTable(StringBuilder html, List<Leak.ScenarioLeak> all, SummaryCsv csv) {
        html.append("<h3>The programme's gain by where its cohort lives</h3>\n<table><tr><th>scenario</th><th>point</th>"
                + "<th>metric</th><th>pairs</th>");
        for (String c : Leak.CLASS_LABELS) {
            html.append("<th>").append(c).append("</th>");
        }
        html.append("<th>total</th><th>leak</th><th>leak share</th><th>helped share</th><th>gain per helped</th></tr>\n");
        List<String> notes = new ArrayList<>();
        for (Leak.ScenarioLeak l : all) {
            for (Leak.Point p : l.points) {
                String why = why(l, p);
                if (p.unequal > 0) {
                    notes.add(esc(l.scenario.name()) + ", " + point(p) + ": " + p.unequal + " pair" + (p.unequal == 1 ? "" : "s")
                            + " left out, their two cohorts differ in size");
                }
                if (why != null) {
                    notes.add(esc(l.scenario.name()) + ", " + point(p) + ": NA, " + esc(why));
                }
                for (int m = 0; m < Leak.METRICS.length; m++) {
                    Estimate[] e = new Estimate[Leak.QUANTITIES.length];
                    for (int q = 0; q < e.length; q++) {
                        e[q] = p.leak(m, q);
                        csvRow(csv, l, p, Leak.METRICS[m], Leak.QUANTITIES[q], e[q]);
                    }
                    Estimate share = p.leakShare(m);
                    csvRow(csv, l, p, Leak.METRICS[m], "leak_share", share);
                    html.append("<tr><td>").append(esc(l.scenario.name())).append("</td><td>").append(point(p))
                            .append(p.tick < 0 ? "" : " (tick " + p.tick + ")").append("</td><td>")
                            .append(esc(Leak.METRIC_LABELS[m])).append("</td><td class=\"n\">").append(p.leaks.size())
                            .append("</td>");
                    for (int q = 0; q <= Leak.LEAK_INDEX; q++) {
                        html.append("<td class=\"n\">").append(cell(e[q])).append("</td>");
                    }
                    html.append("<td class=\"n\">").append(fmt(share.mean())).append("</td><td class=\"n\">")
                            .append(fmt(e[Leak.HELPED_SHARE].mean())).append("</td><td class=\"n\">")
                            .append(cell(e[Leak.HELPED_SHARE + 1])).append("</td></tr>\n");
                }
            }
        }
        html.append("</table>\n<p class=\"note\">Per member of the cohort measured at the programme's start, scenario minus "
                + "counterfactual of the same seed: the change in equivalised income (euro a year), in employment and in "
                + "good mental health (as shares: 0.01 is one point) from the start to the point, split by where the member "
                + "lives then. <em>Leak</em>: moved within the city plus left the city. <em>Leak share</em>: mean leak over "
                + "mean total (– when the total is not positive; no interval). <em>Helped share</em>: the cohort's members "
                + "helped by the point in the scenario's run; <em>gain per helped</em>: total over helped share. All in "
                + "<code>summary-leak.csv</code>.");
        for (String n : notes) {
            html.append(" ").append(n).append(".");
        }
        html.append("</p>\n");
    }

    private static void charts(Page page, List<Leak.ScenarioLeak> with) throws IOException {
        if (with.isEmpty()) {
            return;
        }
        List<String> categories = new ArrayList<>();
        for (Leak.ScenarioLeak l : with) {
            for (Leak.Point p : l.points) {
                categories.add(l.scenario.name() + ", " + point(p));
            }
        }
        page.html().append("<div class=\"grid\">\n");
        for (int m : CHARTED) {
            Estimate[][] v = new Estimate[Leak.CLASSES.length][categories.size()];
            int c = 0;
            for (Leak.ScenarioLeak l : with) {
                for (Leak.Point p : l.points) {
                    for (int k = 0; k < Leak.CLASSES.length; k++) {
                        Estimate e = p.leak(m, k);
                        v[k][c] = Double.isFinite(e.mean()) ? e : new Estimate(0, Double.NaN, Double.NaN, 0);
                    }
                    c++;
                }
            }
            page.figure(Charts.groupedBars("Where the gain went: " + Leak.METRIC_LABELS[m], "scenario − counterfactual per member",
                    categories, List.of(Leak.CLASS_LABELS), v), "leak-" + Leak.METRICS[m].replace('_', '-'), SMALL_W, SMALL_H + 40,
                    "The programme-attributable change in " + esc(Leak.METRIC_LABELS[m]) + " per member of the cohort that "
                    + "lived in the targets at the programme's start, by where the member lives at the programme's end and "
                    + "ten years later: still in the targets, moved within the city, left the city; mean over the pairs with "
                    + "its 95 % interval. A point without a value (drawn as 0) is explained in the table above and in "
                    + "<code>summary-leak.csv</code>.");
        }
        page.html().append("</div>\n");
    }

    private static void hazardTable(StringBuilder html, List<Leak.ScenarioLeak> all, SummaryCsv csv) {
        html.append("<h3>Do the helped move out more?</h3>\n<table><tr><th>scenario</th><th>point</th><th>pairs</th>"
                + "<th>helped (after first help)</th><th>eligible, not (yet) helped</th><th>eligible</th>"
                + "<th>eligible, without the programme</th><th>helped ÷ eligible not (yet) helped</th><th>eligible ÷ without the programme</th>"
                + "<th>extra out-moves per helped person</th></tr>\n");
        List<String> notes = new ArrayList<>();
        for (Leak.ScenarioLeak l : all) {
            for (Leak.Point p : l.points) {
                String why = why(l, p);
                if (why != null) {
                    notes.add(esc(l.scenario.name()) + ", " + point(p) + ": NA, " + esc(why));
                }
                if (p.unsplit > 0) {
                    notes.add(esc(l.scenario.name()) + ", " + point(p) + ": " + p.unsplit + " pair" + (p.unsplit == 1 ? "" : "s")
                            + " without the helped and unhelped rates, their <code>leak.csv</code> does not split the time "
                            + "at risk at the first help (runs of an earlier version)");
                }
                html.append("<tr><td>").append(esc(l.scenario.name())).append("</td><td>").append(point(p))
                        .append(p.tick < 0 ? "" : " (tick " + p.tick + ")").append("</td><td class=\"n\">")
                        .append(p.hazards.size()).append("</td>");
                for (int q = 0; q < Leak.HAZARDS.length; q++) {
                    Estimate e = p.hazard(q);
                    csvRow(csv, l, p, null, Leak.HAZARDS[q], e);
                    html.append("<td class=\"n\">").append(e.n() == 0 || Double.isNaN(e.mean()) ? "–"
                            : (q == 6 ? signed(e.mean()) : fmt(e.mean())) + "<br><span class=\"note\">" + ci(e) + "</span>")
                            .append("</td>");
                }
                html.append("</tr>\n");
            }
        }
        html.append("</table>\n<p class=\"note\">Moves out of the origin neighbourhood per person-year at risk, from the "
                + "programme's start to the point (the first move out counts; a member is at risk until it first leaves, "
                + "dies or the point comes). Help is a <em>time-varying exposure</em>: a member's months at risk before "
                + "its first help count as unhelped, those after it as helped, and a move out counts as helped if the help "
                + "came in an earlier month. Help reaches only persons living in the targets, so a helped person has stayed "
                + "until its help; counting those months as helped would add months without a move by construction (a "
                + "move then would have kept the person from being helped) and bias the helped's rate down. The "
                + "rates: the cohort's person-time after first help; the person-time before any help of the "
                + "<em>eligible</em> (debts, youth problems, poor mental health or out of work at the start, the same "
                + "persons in both runs); all the eligible's time; and the eligible's in the counterfactual's run, the same "
                + "persons without the programme. The first ratio sets the helped against comparable not (yet) helped "
                + "persons of the same run, but they are still persons a team or a place selected for help, not a "
                + "randomised group, so it is not causal. The second, the eligible's rate over the same persons' without "
                + "the programme (intention to treat, paired by seed), is the clean comparison: the programme's effect on "
                + "the eligible's out-moves. Ratios are means over the pairs of each pair's ratio (– where a rate is 0). "
                + "Extra out-moves: the cohort's out-movers in the scenario minus the counterfactual, per person helped. "
                + "All in <code>summary-hazard.csv</code>.");
        for (String n : notes) {
            html.append(" ").append(n).append(".");
        }
        html.append("</p>\n");
    }
}
