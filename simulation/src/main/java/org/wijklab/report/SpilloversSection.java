package org.wijklab.report;

import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.fmt;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Page.SMALL_H;
import static org.wijklab.report.Page.SMALL_W;
import static org.wijklab.report.Page.WIDE_H;
import static org.wijklab.report.Page.WIDE_W;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Estimate;

/**
 * Spillovers, the waterbed (summary-spillovers.csv): whether what a programme changes in its targets
 * shows up next door. Per pair of runs (a scenario with programme targets and its counterfactual of
 * the same seed), the change from tick 0 to the end in the non-target neighbourhoods that share a
 * border with a target (map.csv) and in the far ones, scenario minus counterfactual; their
 * difference; and where the targets' restructuring tenants moved (distances.csv).
 */
final class SpilloversSection extends ComparisonSection {
    /** The metrics (neighbourhoods.csv columns) and the weight of each neighbourhood's value in a group's mean. */
    static final String[] METRICS = {"low_income_share", "debt_share", "good_mental_health", "liveability"};
    static final String[] WEIGHTS = {"households", "households", "adults", "households"};
    static final String[] LABELS = {"low-income share", "debt share", "good mental health", "liveability"};
    static final String[] MEASURES = {"adjacent", "far", "adjacent_minus_far"};
    /** Why a measure has no value in any pair. */
    private static final String[] EMPTY = {"no adjacent neighbourhood with residents", "no far neighbourhood with residents",
        "no adjacent or no far neighbourhood with residents"};

    SpilloversSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "spillovers";
    }

    @Override
    public String title() {
        return "Spillovers";
    }

    /** The non-target neighbourhoods that share a border with a target, and the rest, in city order. */
    record Groups(Set<String> adjacent, Set<String> far) {
    }

    static Groups groups(Map<String, Set<String>> neighbours, Set<String> targets) {
        Set<String> adjacent = new LinkedHashSet<>();
        Set<String> far = new LinkedHashSet<>();
        for (Map.Entry<String, Set<String>> e : neighbours.entrySet()) {
            if (targets.contains(e.getKey())) {
                continue;
            }
            boolean next = e.getValue().stream().anyMatch(targets::contains);
            (next ? adjacent : far).add(e.getKey());
        }
        return new Groups(adjacent, far);
    }

    /**
     * A run's change from tick 0 to its last tick, [group: 0 adjacent, 1 far][metric]: each group's
     * mean weighted by {@link #WEIGHTS} (households; adults for good mental health) at each of the two
     * ticks, end minus start; NaN for a group without anybody.
     */
    static double[][] changes(RunFolder run, Groups g) {
        List<String> cols = new ArrayList<>(List.of("tick", "neighbourhood"));
        cols.addAll(List.of(METRICS));
        for (String w : WEIGHTS) {
            if (!cols.contains(w)) {
                cols.add(w);
            }
        }
        Table t = RunMetrics.neighbourhoods(run, cols.toArray(new String[0]));
        int end = run.ticks();
        // [tick 0 or end][group][metric][sum, weight]
        double[][][][] s = new double[2][2][METRICS.length][2];
        for (int i = 0; i < t.size(); i++) {
            int tick = t.integer(i, "tick");
            int at = tick == 0 ? 0 : tick == end ? 1 : -1;
            String name = t.text(i, "neighbourhood");
            int group = g.adjacent().contains(name) ? 0 : g.far().contains(name) ? 1 : -1;
            if (at < 0 || group < 0) {
                continue;
            }
            for (int m = 0; m < METRICS.length; m++) {
                double w = t.number(i, WEIGHTS[m]);
                s[at][group][m][0] += w * t.number(i, METRICS[m]);
                s[at][group][m][1] += w;
            }
        }
        run.release();
        double[][] out = new double[2][METRICS.length];
        for (int group = 0; group < 2; group++) {
            for (int m = 0; m < METRICS.length; m++) {
                double[] a = s[0][group][m];
                double[] b = s[1][group][m];
                out[group][m] = a[1] > 0 && b[1] > 0 ? b[0] / b[1] - a[0] / a[1] : Double.NaN;
            }
        }
        return out;
    }

    /**
     * One pair of runs of the same seed: [measure: adjacent, far, adjacent minus far][metric], the
     * scenario's change from the start to the end minus the counterfactual's in the same
     * neighbourhoods; the groups from the scenario run's map.csv around {@code targets}.
     */
    static double[][] pair(RunFolder scenario, RunFolder counterfactual, Set<String> targets) {
        Groups g = groups(Space.neighbours(scenario), targets);
        double[][] a = changes(scenario, g);
        double[][] b = changes(counterfactual, g);
        double[][] out = new double[3][METRICS.length];
        for (int m = 0; m < METRICS.length; m++) {
            out[0][m] = a[0][m] - b[0][m];
            out[1][m] = a[1][m] - b[1][m];
            out[2][m] = out[0][m] - out[1][m];
        }
        return out;
    }

    /** The targets' restructuring tenants by where they moved (same, adjacent, further, region), summed over the run's years. */
    static long[] displaced(RunFolder run, Set<String> targets) {
        long[] d = Space.sum(Space.moves(run), targets, Space.CLASSES.length);
        run.release();
        return d;
    }

    /** The first run (of the scenarios and their counterfactuals) without the file, or null. */
    private static RunFolder without(List<Summary.Scenario> scenarios, String file) {
        for (Summary.Scenario s : scenarios) {
            for (ScenarioGroup g : List.of(s.group, s.against.group)) {
                for (RunFolder r : g.runs()) {
                    if (!r.hasFile(file)) {
                        return r;
                    }
                }
            }
        }
        return null;
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        html.append("<h2 id=\"spillovers\">Spillovers: does the programme's change show next door?</h2>\n");
        List<Summary.Scenario> with = new ArrayList<>();
        for (Summary.Scenario s : summary.scenarios) {
            if (s.against != null && s.against != s) {
                boolean targets = !RunMetrics.programmeTargets(s.group.first()).isEmpty();
                s.group.first().release();
                if (targets) {
                    with.add(s);
                }
            }
        }
        if (with.isEmpty()) {
            html.append("<p class=\"note\">No scenario among the inputs has programme targets and a counterfactual to set "
                    + "them against, so this section is empty.</p>\n");
            return;
        }
        RunFolder noMap = without(with, Space.MAP);
        if (noMap != null) {
            html.append("<p class=\"note\">Spillovers are not shown: <code>").append(esc(noMap.dir().toString()))
                    .append("</code> has no <code>map.csv</code> (a run from before the city had a map), so which "
                            + "neighbourhoods border the targets is not known.</p>\n");
            return;
        }
        RunFolder noDistances = without(with, Space.DISTANCES);
        html.append("<p class=\"note\">For each scenario with programme targets, paired by seed with its counterfactual "
                + "(the same scenario without programmes where the inputs have it, else the first scenario): the "
                + "neighbourhoods that are not targets are <em>adjacent</em> (they share a border with a target, "
                + "<code>map.csv</code>) or <em>far</em> (the rest). Per seed, each group's change from the start to the "
                + "end in the scenario minus the same in the counterfactual (means weighted by households; good mental health "
                + "by adults); then adjacent minus far. Means over the seeds with 95 % intervals (Student t). A waterbed "
                + "effect shows as problems rising (and liveability falling) next door more than far away: a positive "
                + "adjacent-minus-far for the low-income share and the debt share, a negative one for good mental health "
                + "and liveability. The targets are each run's own (<code>services.csv</code>).</p>\n");
        SummaryCsv csv = new SummaryCsv("scenario", "against", "measure", "metric", "mean", "lo", "hi", "n", "neighbourhoods",
                "note");
        List<String> names = new ArrayList<>();
        Estimate[][][] bars = new Estimate[METRICS.length][MEASURES.length][with.size()];
        List<String> displacedNames = new ArrayList<>();
        List<double[]> displacedShares = new ArrayList<>();
        StringBuilder table = new StringBuilder("<table><tr><th>scenario</th><th>against</th><th>pairs</th>"
                + "<th>adjacent / far neighbourhoods</th>");
        for (String l : LABELS) {
            table.append("<th>").append(l).append(": adjacent − far</th>");
        }
        table.append("<th>restructuring tenants moved: same / adjacent / further / region (mean per run)</th></tr>\n");
        for (int si = 0; si < with.size(); si++) {
            Summary.Scenario s = with.get(si);
            Map<Long, RunFolder> ref = new HashMap<>();
            for (RunFolder r : s.against.group.runs()) {
                ref.put(r.seed(), r);
            }
            List<double[][]> pairs = new ArrayList<>();
            List<long[]> moved = new ArrayList<>();
            double adjacentCount = 0;
            double farCount = 0;
            double targetCount = 0;
            for (RunFolder run : s.group.runs()) {
                RunFolder b = ref.get(run.seed());
                if (b == null || b.ticks() != run.ticks()) {
                    continue;
                }
                Set<String> targets = RunMetrics.programmeTargets(run);
                run.release();
                if (targets.isEmpty()) {
                    continue;
                }
                Groups g = groups(Space.neighbours(run), targets);
                adjacentCount += g.adjacent().size();
                farCount += g.far().size();
                targetCount += targets.size();
                pairs.add(pair(run, b, targets));
                if (noDistances == null) {
                    moved.add(displaced(run, targets));
                }
            }
            int n = pairs.size();
            double[] counts = {n == 0 ? Double.NaN : adjacentCount / n, n == 0 ? Double.NaN : farCount / n};
            table.append("<tr><td>").append(esc(s.name())).append("</td><td>").append(esc(s.against.name()))
                    .append("</td><td class=\"n\">").append(n).append("</td><td class=\"n\">").append(fmt(counts[0]))
                    .append(" / ").append(fmt(counts[1])).append("</td>");
            for (int m = 0; m < METRICS.length; m++) {
                for (int k = 0; k < MEASURES.length; k++) {
                    double[] v = new double[n];
                    for (int p = 0; p < n; p++) {
                        v[p] = pairs.get(p)[k][m];
                    }
                    Estimate e = Summary.estimate(v);
                    String note = n == 0 ? "no pair of runs of the same seed and length"
                            : e.n() == 0 ? EMPTY[k] : RanksSection.noInterval(e, n);
                    csv.row(s.name(), s.against.name(), MEASURES[k], METRICS[m], num(e.mean()), num(e.lo()), num(e.hi()),
                            String.valueOf(e.n()), k < 2 ? num(counts[k]) : "NA", note);
                    bars[m][k][si] = Double.isFinite(e.mean()) ? e : new Estimate(0, Double.NaN, Double.NaN, 0);
                    if (k == 2) {
                        table.append("<td class=\"n\">").append(Html.signed(e.mean())).append(" ").append(Html.ci(e))
                                .append("</td>");
                    }
                }
            }
            if (noDistances != null) {
                table.append("<td>–</td>");
            } else {
                double[][] v = new double[2 * Space.CLASSES.length + 1][moved.size()];
                for (int p = 0; p < moved.size(); p++) {
                    long[] d = moved.get(p);
                    long total = java.util.Arrays.stream(d).sum();
                    for (int c = 0; c < Space.CLASSES.length; c++) {
                        v[c][p] = d[c];
                        v[Space.CLASSES.length + c][p] = total == 0 ? Double.NaN : (double) d[c] / total;
                    }
                    v[2 * Space.CLASSES.length][p] = total;
                }
                double[] share = new double[Space.CLASSES.length];
                StringBuilder cell = new StringBuilder();
                for (int k = 0; k < v.length; k++) {
                    boolean count = k < Space.CLASSES.length || k == v.length - 1;
                    String cls = k == v.length - 1 ? "total" : Space.CLASSES[k % Space.CLASSES.length];
                    Estimate e = Summary.estimate(v[k]);
                    String note = moved.isEmpty() ? "no pair of runs of the same seed and length"
                            : e.n() == 0 ? "no restructuring tenant moved out of the targets" : RanksSection.noInterval(e, moved.size());
                    csv.row(s.name(), s.against.name(), count ? "displaced_count" : "displaced_share", cls, num(e.mean()),
                            num(e.lo()), num(e.hi()), String.valueOf(e.n()), num(moved.isEmpty() ? Double.NaN : targetCount / moved.size()),
                            note);
                    if (k < Space.CLASSES.length) {
                        cell.append(k == 0 ? "" : " / ").append(fmt(e.mean()));
                    } else if (!count) {
                        share[k - Space.CLASSES.length] = e.mean();
                    }
                }
                table.append("<td class=\"n\">").append(cell).append("</td>");
                if (java.util.Arrays.stream(share).allMatch(Double::isFinite)) {
                    displacedNames.add(s.name());
                    displacedShares.add(share);
                }
            }
            table.append("</tr>\n");
            names.add(s.name());
        }
        html.append(table).append("</table>\n");
        if (noDistances != null) {
            html.append("<p class=\"note\">Where the restructuring tenants went is not shown: <code>")
                    .append(esc(noDistances.dir().toString())).append("</code> has no <code>distances.csv</code>.</p>\n");
        }
        html.append("<div class=\"grid\">\n");
        List<String> series = List.of("adjacent", "far", "adjacent − far");
        for (int m = 0; m < METRICS.length; m++) {
            page.figure(Charts.groupedBars("Change next door and far away: " + LABELS[m], "scenario − counterfactual", names,
                    series, bars[m]), "spillovers-" + METRICS[m].replace('_', '-'), SMALL_W, SMALL_H,
                    "The " + LABELS[m] + "'s change from the start to the end in the non-target neighbourhoods bordering a "
                    + "target (adjacent) and in the others (far), scenario minus counterfactual of the same seed, and "
                    + "adjacent minus far; mean over the pairs with its 95 % interval. A value without an interval (one pair, "
                    + "or no neighbourhood in a group: drawn as 0) is explained in <code>summary-spillovers.csv</code>.");
        }
        html.append("</div>\n");
        if (!displacedNames.isEmpty()) {
            double[][] v = new double[Space.CLASSES.length][displacedNames.size()];
            for (int i = 0; i < displacedNames.size(); i++) {
                for (int c = 0; c < Space.CLASSES.length; c++) {
                    v[c][i] = displacedShares.get(i)[c];
                }
            }
            page.figure(Charts.stackedBars("Where the targets' restructuring tenants went", "share of their moves",
                    displacedNames, List.of("same neighbourhood", "adjacent", "further in the city", "region"), v),
                    "spillovers-displaced", WIDE_W, WIDE_H, "Households moved out of the targets for restructuring, by "
                    + "where they found a dwelling (<code>distances.csv</code>, the <code>renewal_*</code> columns summed "
                    + "over the years and the targets), mean share over the runs; only scenarios whose restructuring "
                    + "moved anyone.");
        } else if (noDistances == null) {
            html.append("<p class=\"note\">No restructuring tenant moved out of any scenario's targets.</p>\n");
        }
        csv.write(page.dir().resolve("summary-spillovers.csv"));
    }
}
