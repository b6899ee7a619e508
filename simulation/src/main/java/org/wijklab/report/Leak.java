package org.wijklab.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wijklab.observation.LeakMeasure;
import org.wijklab.report.chart.Estimate;

/**
 * The leak and the out-move hazard of a programme's persons (leak.csv, helped.csv), per scenario with
 * programme targets against its counterfactual, paired by seed. The cohort is the persons who lived in
 * the targets at the programme's start (leak.csv's members of that cohort year with a target as
 * origin): both runs share the city until then, so they are the same persons in both. Their gain from
 * the cohort tick to a point, per metric, is split by where they live at the point (in the targets,
 * elsewhere in the city, the region) and divided by the cohort's count measured at the cohort tick;
 * the scenario's split minus the counterfactual's is the programme-attributable gain by where it went.
 * Who was helped is known only in the programme run and is chosen after lives part, so the gain of
 * the helped is estimated as the cohort's gain over the helped share (Bloom's estimator: it holds if
 * the unhelped gained nothing). The out-move hazard treats help as a time-varying exposure: a
 * member's months at risk before its first help count as unhelped, those after it as helped
 * (leak.csv's split), so that the months a helped person had to stay in a target to be helped are
 * not counted as helped months without a move. Computed once per comparison, read by
 * {@link LeakSection} and the summary ({@link HeadlineSection}).
 */
final class Leak {
    static final String LEAK = "leak.csv";
    static final String HELPED = "helped.csv";
    /** The metrics of leak.csv, as its column prefixes, in the order of the section's tables. */
    static final String[] METRICS = LeakMeasure.METRICS;
    static final String[] METRIC_LABELS = {"equivalised income, euro", "employment (share of working-age adults)",
        "good mental health (share of adults)"};
    /** Where a member lives at a point (its location's class): a target, another neighbourhood, the region. */
    static final String[] CLASSES = LeakMeasure.CLASSES;
    static final String[] CLASS_LABELS = {"in the targets", "moved within the city", "left the city"};
    /** The per-pair quantities of each metric, in summary-leak.csv's order; leak_share is over pairs. */
    static final String[] QUANTITIES = LeakMeasure.QUANTITIES;
    static final int GAIN_TOTAL = LeakMeasure.GAIN_TOTAL;
    static final int LEAK_INDEX = LeakMeasure.LEAK_INDEX;
    static final int HELPED_SHARE = LeakMeasure.HELPED_SHARE;
    /** The hazard quantities, in summary-hazard.csv's order. */
    static final String[] HAZARDS = LeakMeasure.HAZARDS;
    static final int RATIO_HELPED = LeakMeasure.RATIO_HELPED;
    /** The points: the programme's end, and ten years after it. */
    static final int[] YEARS_AFTER_END = {0, 10};
    /** The forms of help in helped.csv, "any" first. */
    static final String[] FORMS = {"any", "case", "activation", "debt_counselling", "treatment", "youth_help", "initiative"};

    private static final String[] LEAK_COLUMNS = leakColumns();

    private static String[] leakColumns() {
        List<String> c = new ArrayList<>(List.of("cohort_year", "tick", "origin", "location", "eligible", "helped", "persons",
                "left_origin", "months_at_risk"));
        for (String m : METRICS) {
            c.add(m + "_n0");
            c.add(m + "_gain");
        }
        return c.toArray(new String[0]);
    }

    /** A cohort's sums in one run's leak.csv at one point ({@link LeakMeasure#sums}). */
    static LeakMeasure.Sums sums(Table t, int cohortYear, int tick, Set<String> targets) {
        return LeakMeasure.sums(t, cohortYear, tick, targets);
    }

    /** One point of a scenario: its tick (of the first pair) or NA with the reason, and the pairs' values. */
    static final class Point {
        final int yearsAfterEnd;
        int tick = -1;
        String reason;
        final List<double[][]> leaks = new ArrayList<>();
        final List<double[]> hazards = new ArrayList<>();
        /** Pairs left out because the two runs' cohorts differ in size. */
        int unequal;
        /** Pairs whose scenario leak.csv does not split time at risk at first help (helped rates NA). */
        int unsplit;

        Point(int yearsAfterEnd) {
            this.yearsAfterEnd = yearsAfterEnd;
        }

        Estimate leak(int metric, int quantity) {
            double[] v = new double[leaks.size()];
            for (int p = 0; p < v.length; p++) {
                v[p] = leaks.get(p)[metric][quantity];
            }
            return Summary.estimate(v);
        }

        /** Mean leak over mean total gain, over the pairs; NA (no interval) when the mean total gain is not positive. */
        Estimate leakShare(int metric) {
            Estimate l = leak(metric, LEAK_INDEX);
            Estimate g = leak(metric, GAIN_TOTAL);
            double share = g.n() > 0 && g.mean() > 0 ? l.mean() / g.mean() : Double.NaN;
            return new Estimate(share, Double.NaN, Double.NaN, Double.isNaN(share) ? 0 : Math.min(l.n(), g.n()));
        }

        Estimate hazard(int quantity) {
            double[] v = new double[hazards.size()];
            for (int p = 0; p < v.length; p++) {
                v[p] = hazards.get(p)[quantity];
            }
            return Summary.estimate(v);
        }
    }

    /** A programme's helped persons at its end (helped.csv, fate "all"), mean over the scenario's runs. */
    record Helped(String programme, double[] persons, double[] formMonths, int runs) {
    }

    /** One scenario's leak: its cohort year, its points, the helped table, or a note on why there is none. */
    static final class ScenarioLeak {
        final Summary.Scenario scenario;
        int cohortYear = -1;
        final Point[] points = new Point[YEARS_AFTER_END.length];
        int pairs;
        String note;
        final List<Helped> helped = new ArrayList<>();
        String helpedNote;

        ScenarioLeak(Summary.Scenario scenario) {
            this.scenario = scenario;
            for (int k = 0; k < points.length; k++) {
                points[k] = new Point(YEARS_AFTER_END[k]);
            }
        }

        boolean hasPairs() {
            return note == null && pairs > 0;
        }
    }

    final List<ScenarioLeak> scenarios = new ArrayList<>();

    private Leak() {
    }

    /** The leak of every scenario with programme targets and a counterfactual among the inputs. */
    static Leak of(Summary summary) {
        Leak l = new Leak();
        for (Summary.Scenario s : summary.scenarios) {
            if (s.against == null || s.against == s) {
                continue;
            }
            boolean targets = !RunMetrics.programmeTargets(s.group.first()).isEmpty();
            s.group.first().release();
            if (targets) {
                l.scenarios.add(scenario(s));
            }
        }
        return l;
    }

    /** The scenario's leak, or null if it is not among them. */
    ScenarioLeak get(Summary.Scenario s) {
        return scenarios.stream().filter(x -> x.scenario == s).findFirst().orElse(null);
    }

    private static ScenarioLeak scenario(Summary.Scenario s) {
        ScenarioLeak out = new ScenarioLeak(s);
        readHelped(s, out);
        Map<Long, RunFolder> ref = new HashMap<>();
        for (RunFolder r : s.against.group.runs()) {
            ref.put(r.seed(), r);
        }
        int pairsWithFiles = 0;
        int noCohort = 0;
        for (int r = 0; r < s.group.runs().size(); r++) {
            RunFolder a = s.group.runs().get(r);
            RunFolder b = ref.get(a.seed());
            if (b == null || !a.hasFile(LEAK) || !b.hasFile(LEAK)) {
                continue;
            }
            pairsWithFiles++;
            Set<String> targets = RunMetrics.programmeTargets(a);
            int[] period = RunMetrics.activePeriod(a);
            int year = s.runs.get(r).cohortYear;
            if (year < 0 && period != null && period[0] % 12 == 0) {
                year = period[0] / 12;
            }
            if (targets.isEmpty() || period == null || year < 0) {
                noCohort++;
                continue;
            }
            Table ta = a.table(LEAK, LEAK_COLUMNS);
            Table tb = b.table(LEAK, LEAK_COLUMNS);
            List<Integer> ticksA = LeakMeasure.ticks(ta, year);
            List<Integer> ticksB = LeakMeasure.ticks(tb, year);
            if (ticksA.isEmpty() || ticksB.isEmpty()) {
                noCohort++;
                a.release();
                b.release();
                continue;
            }
            out.cohortYear = year;
            out.pairs++;
            // the programme's end: its last active month (Programmes: active while start < tick <= end), or the first point after it
            int end = LeakMeasure.endPoint(ticksA, period[1]);
            for (int k = 0; k < out.points.length; k++) {
                Point p = out.points[k];
                if (end < 0) {
                    p.reason = p.reason != null ? p.reason : "the runs end before the programme does";
                    continue;
                }
                int tick = end + 12 * p.yearsAfterEnd;
                if (!ticksA.contains(tick) || !ticksB.contains(tick)) {
                    if (p.reason == null) {
                        p.reason = "the runs end at tick " + Math.min(a.ticks(), b.ticks()) + ", before tick " + tick + " ("
                                + p.yearsAfterEnd + " years after the programme's end)";
                    }
                    continue;
                }
                if (p.tick < 0) {
                    p.tick = tick;
                }
                LeakMeasure.Sums sa = LeakMeasure.sums(ta, year, tick, targets);
                LeakMeasure.Sums sb = LeakMeasure.sums(tb, year, tick, targets);
                if (!LeakMeasure.sameCohort(sa, sb)) {
                    p.unequal++;
                    continue;
                }
                p.leaks.add(LeakMeasure.leak(sa, sb));
                p.hazards.add(LeakMeasure.hazard(sa, sb));
                if (!sa.split) {
                    p.unsplit++;
                }
            }
            a.release();
            b.release();
        }
        for (Point p : out.points) {
            if (p.tick >= 0) {
                p.reason = null;
            }
        }
        if (pairsWithFiles == 0) {
            out.note = "no pair of runs of the same seed has leak.csv (runs from before it was written)";
        } else if (out.pairs == 0) {
            out.note = noCohort + " pair" + (noCohort == 1 ? "" : "s") + " without the cohort of the programme's start year "
                    + "in leak.csv (add the year the programme starts to output.cohortYears)";
        }
        return out;
    }

    /** helped.csv of the scenario's runs: per programme and form, persons and person-months at its end, mean over runs. */
    private static void readHelped(Summary.Scenario s, ScenarioLeak out) {
        Map<String, double[][]> sums = new LinkedHashMap<>();
        Map<String, Integer> runs = new HashMap<>();
        int with = 0;
        for (RunFolder run : s.group.runs()) {
            if (!run.hasFile(HELPED)) {
                continue;
            }
            with++;
            Table t = run.table(HELPED, "programme", "tick", "form", "fate", "persons", "form_months");
            Map<String, Integer> endOf = new HashMap<>();
            for (int i = 0; i < t.size(); i++) {
                endOf.merge(t.text(i, "programme"), t.integer(i, "tick"), Math::min);
            }
            for (int i = 0; i < t.size(); i++) {
                String programme = t.text(i, "programme");
                int form = List.of(FORMS).indexOf(t.text(i, "form"));
                if (form < 0 || !"all".equals(t.text(i, "fate")) || t.integer(i, "tick") != endOf.get(programme)) {
                    continue;
                }
                double[][] v = sums.computeIfAbsent(programme, x -> new double[2][FORMS.length]);
                v[0][form] += LeakMeasure.count(t, i, "persons");
                v[1][form] += LeakMeasure.count(t, i, "form_months");
            }
            for (String p : endOf.keySet()) {
                runs.merge(p, 1, Integer::sum);
            }
            run.release();
        }
        if (with == 0) {
            out.helpedNote = "no run of the scenario has helped.csv (runs from before it was written)";
            return;
        }
        for (Map.Entry<String, double[][]> e : sums.entrySet()) {
            int n = runs.get(e.getKey());
            double[] persons = new double[FORMS.length];
            double[] months = new double[FORMS.length];
            for (int f = 0; f < FORMS.length; f++) {
                persons[f] = e.getValue()[0][f] / n;
                months[f] = e.getValue()[1][f] / n;
            }
            out.helped.add(new Helped(e.getKey(), persons, months, n));
        }
        if (out.helped.isEmpty()) {
            out.helpedNote = "helped.csv has no rows (nobody was helped, or the runs end before the programme does)";
        }
    }
}
