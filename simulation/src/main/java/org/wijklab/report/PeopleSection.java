package org.wijklab.report;

import static org.wijklab.report.Html.ci;
import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.fmt;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Page.WIDE_H;
import static org.wijklab.report.Page.WIDE_W;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Estimate;

/**
 * Best persons lost by moving against lost by burnout, and the teams' caseloads, per scenario with a
 * programme ({@link People}; summary-best-persons.csv, summary-team-caseloads.csv). A scenario
 * without a programme, without any best person or without a team gets no row, and the page says so.
 */
final class PeopleSection extends ComparisonSection {
    /** Up to this many scenarios the chart shows both points, beyond it the run's end only. */
    static final int CHART_BOTH_POINTS = 4;

    PeopleSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "people";
    }

    @Override
    public String title() {
        return "Best persons and teams";
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        html.append("<h2 id=\"people\">Best persons and teams</h2>\n");
        SummaryCsv bpCsv = new SummaryCsv("scenario", "point", "point_tick", "quantity", "mean", "lo", "hi", "n");
        SummaryCsv teamCsv = new SummaryCsv("scenario", "team_mode", "window", "from_tick", "to_tick", "quantity", "mean",
                "lo", "hi", "n", "norm");
        People people = People.of(summary);
        if (people.scenarios.isEmpty()) {
            html.append("<p class=\"note\">No scenario among the inputs has a programme (no active target in "
                    + "<code>services.csv</code>), so there are no best persons and no teams to show.</p>\n");
        } else {
            if (!people.without.isEmpty()) {
                html.append("<p class=\"note\">Without a programme, and so without best persons or teams: ")
                        .append(list(people.without)).append(" (no rows).</p>\n");
            }
            bestPersons(page, people, bpCsv);
            teams(html, people, teamCsv);
        }
        bpCsv.write(page.dir().resolve("summary-best-persons.csv"));
        teamCsv.write(page.dir().resolve("summary-team-caseloads.csv"));
    }

    private static String cell(Estimate e) {
        return e.n() == 0 || Double.isNaN(e.mean()) ? "–" : fmt(e.mean()) + "<br><span class=\"note\">" + ci(e) + "</span>";
    }

    private static String list(List<String> names) {
        return String.join(", ", names.stream().map(n -> "<b>" + esc(n) + "</b>").toList());
    }

    private static void bestPersons(Page page, People people, SummaryCsv csv) throws IOException {
        StringBuilder html = page.html();
        List<People.ScenarioPeople> with = people.scenarios.stream().filter(People.ScenarioPeople::hasBestPersons).toList();
        List<String> none = people.scenarios.stream().filter(s -> !s.hasBestPersons()).map(s -> s.scenario.name()).toList();
        html.append("<h3>Best persons lost by moving and by burnout</h3>\n");
        html.append("<p class=\"note\">Best persons are residents of a programme's targets who wrote its plan or took up "
                + "the cause while it ran. The neighbourhood loses one when its household moves out (for any reason, a "
                + "rise in income that lets it climb the housing ladder among them) or when one stops after burning out "
                + "and resting; set side by side, the two say whether a programme loses its carriers to success or to "
                + "exhaustion. Counts summed over each run's targets, from the programme's start to its last month and "
                + "to the run's last month; mean over the runs with the 95 % interval (cut at 0, and a share's at 1).</p>\n");
        if (with.isEmpty()) {
            html.append("<p class=\"note\">No best person in any run of the scenarios with a programme (")
                    .append(list(none)).append("), so there is nothing to count.</p>\n");
        } else {
            html.append("<table><tr><th>scenario</th><th>point</th><th>runs</th>");
            for (String l : People.BP_LABELS) {
                html.append("<th>").append(esc(l)).append("</th>");
            }
            html.append("</tr>\n");
            List<String> categories = new ArrayList<>();
            for (People.ScenarioPeople s : with) {
                for (int p = 0; p < People.POINTS.length; p++) {
                    String tick = s.pointTick(p);
                    html.append("<tr><td>").append(esc(s.scenario.name())).append("</td><td>").append(People.POINT_LABELS[p])
                            .append(tick.equals("NA") ? "" : " (tick " + tick + ")").append("</td><td class=\"n\">")
                            .append(s.runs.size()).append("</td>");
                    for (int q = 0; q < People.BP.length; q++) {
                        Estimate e = s.bp(p, q);
                        html.append("<td class=\"n\">").append(cell(e)).append("</td>");
                        csv.row(s.scenario.name(), People.POINTS[p], tick, People.BP[q], num(e.mean()), num(e.lo()),
                                num(e.hi()), String.valueOf(e.n()));
                    }
                    html.append("</tr>\n");
                }
            }
            html.append("</table>\n<p class=\"note\"><em>Became best persons</em>: all a programme had in its targets, "
                    + "the plan's originators included (active, resting and lost at the point). <em>Lost by moving</em>: "
                    + "their household moved out of the neighbourhood or the city; <em>lost by burnout</em>: they stopped "
                    + "after a rest; <em>died</em>: the rest of the losses. <em>Active</em> and <em>resting</em>: at the "
                    + "point. <em>Moving share of losses</em>: lost by moving over lost by moving and by burnout, per run "
                    + "(– without losses). A scenario with several programmes counts them together (a target of two "
                    + "programmes counts the best persons of both). All in <code>summary-best-persons.csv</code>.");
            if (!none.isEmpty()) {
                html.append(" No best person in any run of ").append(list(none)).append(": no row.");
            }
            html.append("</p>\n");
            // both points while the bars stay readable, else the run's end only
            boolean both = with.size() <= CHART_BOTH_POINTS;
            for (People.ScenarioPeople s : with) {
                for (int p = both ? 0 : 1; p < People.POINTS.length; p++) {
                    categories.add(s.scenario.name() + (!both ? "" : p == 0 ? ", programme end" : ", run end"));
                }
            }
            Estimate[][] v = new Estimate[3][categories.size()];
            int c = 0;
            for (People.ScenarioPeople s : with) {
                for (int p = both ? 0 : 1; p < People.POINTS.length; p++) {
                    v[0][c] = s.bp(p, People.MOVING);
                    v[1][c] = s.bp(p, People.BURNOUT);
                    v[2][c] = s.bp(p, 4);
                    c++;
                }
            }
            page.figure(Charts.groupedBars("Best persons lost by moving and by burnout", "best persons",
                    categories, List.of("lost by moving", "lost by burnout", "still active"), v), "people-best-persons",
                    WIDE_W, WIDE_H, "Best persons of each programme scenario's targets lost by moving (their household "
                    + "left the neighbourhood) and by burnout, and those still active, " + (both ? "at the programme's end and at the run's end"
                    : "at the run's end (the table has the programme's end too)") + ", summed over the targets; mean over the runs with its 95 % interval.");
        }
    }

    private static void teams(StringBuilder html, People people, SummaryCsv csv) {
        List<People.ScenarioPeople> with = people.scenarios.stream().filter(People.ScenarioPeople::hasTeam).toList();
        List<String> none = people.scenarios.stream().filter(s -> !s.hasTeam()).map(s -> s.scenario.name()).toList();
        html.append("<h3>Team caseloads</h3>\n");
        html.append("<p class=\"note\">The programmes' professionals in their targets and the cases they hold, by month "
                + "over the programme's period and over its last twelve months (once the caseloads have built up). "
                + "The caseload norms say how many families one professional (FTE) carries: heavy multi-problem families "
                + "about 6, vulnerable families with one serious problem about 35, others about 100. Cases per FTE of a "
                + "kind set against its norm tell which kind fills the caseloads; <em>by the norms</em> adds them up as "
                + "the case management books them (a heavy case is a sixth of a professional, and a fragmented "
                + "service's professionals also spend time coordinating with each other): 1 is a full caseload for every "
                + "FTE. <em>Professionals per family</em>: 1 for an integral team (one family, one plan, one "
                + "professional), more for a fragmented service (one per problem).</p>\n");
        if (with.isEmpty()) {
            html.append("<p class=\"note\">No team worked in any run of the scenarios with a programme (")
                    .append(list(none)).append("), so there are no caseloads.</p>\n");
            return;
        }
        html.append("<table><tr><th>scenario</th><th>team</th><th>window</th><th>runs</th><th>professionals (FTE)</th>"
                + "<th>cases open</th><th>cases per FTE</th>");
        String[] kinds = {"heavy", "vulnerable", "other"};
        People.ScenarioPeople first = with.get(0);
        for (int i = 0; i < kinds.length; i++) {
            int k = i;
            double norm = first.norms[k];
            boolean same = with.stream().allMatch(s -> Double.compare(s.norms[k], norm) == 0);
            html.append("<th>").append(kinds[k]).append(" per FTE").append(same && !Double.isNaN(norm) ? " (norm " + fmt(norm)
                    + ")" : "").append("</th>");
        }
        html.append("<th>caseload by the norms, per FTE</th><th>professionals per family</th>"
                + "<th>households with problems</th><th>share with a case</th><th>room in use</th></tr>\n");
        List<String> notes = new ArrayList<>();
        for (People.ScenarioPeople s : with) {
            String mode = s.modes.isEmpty() ? "none" : String.join(" + ", s.modes);
            if (!s.hasKinds()) {
                notes.add(esc(s.scenario.name()) + ": its <code>services.csv</code> has no cases by kind (runs of an "
                        + "earlier version), so cases per FTE by kind and by the norms are –");
            }
            for (int w = 0; w < People.WINDOWS.length; w++) {
                String from = s.windowTicks(w, 0);
                String to = s.windowTicks(w, 1);
                html.append("<tr><td>").append(esc(s.scenario.name())).append("</td><td>").append(esc(mode))
                        .append("</td><td>").append(People.WINDOW_LABELS[w])
                        .append(from.equals("NA") || to.equals("NA") ? "" : " (ticks " + from + "-" + to + ")")
                        .append("</td><td class=\"n\">").append(s.runs.size()).append("</td>");
                for (int q = 0; q < People.TEAM.length; q++) {
                    Estimate e = s.team(w, q);
                    int kind = q - People.KIND_PER_FTE;
                    double norm = kind >= 0 && kind < 3 ? s.norms[kind] : Double.NaN;
                    html.append("<td class=\"n\">").append(q == 9 || q == People.CAPACITY_SHARE ? share(e) : cell(e));
                    if (kind >= 0 && kind < 3 && !Double.isNaN(norm) && !Double.isNaN(e.mean())) {
                        html.append("<br><span class=\"note\">").append(fmt(100 * e.mean() / norm)).append(" % of the norm</span>");
                    }
                    html.append("</td>");
                    csv.row(s.scenario.name(), mode, People.WINDOWS[w], from, to, People.TEAM[q], num(e.mean()), num(e.lo()),
                            num(e.hi()), String.valueOf(e.n()), num(norm));
                }
                html.append("</tr>\n");
            }
        }
        html.append("</table>\n<p class=\"note\">Per month of the window, summed over the targets where the programme is "
                + "active: professionals (FTE) and cases open are monthly means; cases per FTE and the per-kind and "
                + "by-the-norms figures are the window's case-months over its FTE-months; professionals per family is "
                + "the mean over the case-months. <em>Room in use</em>: the load by the norms over the teams' room for cases "
                + "after travel and management (<code>team_capacity</code>), where a professional takes no case that does not "
                + "fit. A case's kind is the family's at the month's end, by the rule the "
                + "norms weigh a new case; <em>by the norms</em> is the load the case management books (the weight a "
                + "case was opened with, plus coordination). Intervals are cut at 0. A scenario with several programmes counts their teams "
                + "together. All in <code>summary-team-caseloads.csv</code>.");
        if (!none.isEmpty()) {
            html.append(" No team worked in any run of ").append(list(none)).append(": no row.");
        }
        for (String n : notes) {
            html.append(" ").append(n).append(".");
        }
        html.append("</p>\n");
    }

    private static String share(Estimate e) {
        return e.n() == 0 || Double.isNaN(e.mean()) ? "–"
                : fmt(100 * e.mean()) + " %<br><span class=\"note\">" + (e.n() < 2 ? ci(e)
                        : "[" + fmt(100 * e.lo()) + ", " + fmt(100 * e.hi()) + "]") + "</span>";
    }
}
