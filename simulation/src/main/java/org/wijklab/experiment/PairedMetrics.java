package org.wijklab.experiment;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wijklab.observation.LeakMeasure;
import org.wijklab.scenario.Scenario;

/**
 * A paired sweep's values of one run against its twin (the same scenario without its programmes,
 * the same seed): the report's leak and out-move hazard ({@link LeakMeasure}, the same arithmetic
 * on the same rows, here kept in memory) of the persons who lived in the programmes' targets at the
 * first programme's start, at the programme's end (its last active month's point) and ten years
 * after it. Each value is NaN (NA) with a reason when it cannot be had: the twin is not the same city
 * until the start ({@link Validation#matchTwin}), the start's year is not a cohort year of
 * {@code output.cohortYears}, the run ends before the point, the two cohorts differ.
 *
 * <p>Besides the leak, {@value #REALISED}: the escalation costs the programme really avoided in the
 * whole city (the twin's minus the run's, from the programme's start to its end) per euro it spent,
 * as the validation's V5 and V8 measure it ({@link Validation#realisedPerEuro}).
 */
public final class PairedMetrics {
    /** The points: the programme's end and ten years after it. */
    static final int[] YEARS_AFTER_END = {0, 10};
    private static final String[] SUFFIX = {"end", "10y"};
    private static final String[] WHEN = {"at the programme's end", "10 years after the programme's end"};
    private static final int INCOME = 0;
    private static final int EMPLOYMENT = 1;

    /** A paired metric: which point, and how a pair's leak and hazard there give it. */
    private record Definition(String description, int point, Value value) {
    }

    private interface Value {
        double of(double[][] leak, double[] hazard);
    }

    private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();
    /** The realised avoided cost per euro: not a leak's, so outside {@link #DEFINITIONS}. */
    static final String REALISED = "realised_return";
    private static final String REALISED_DESCRIPTION = "euro of escalation costs the programme avoided in the whole city "
            + "(all paying parties; the twin's minus the run's, from the programme's start to its end) per euro it spent: "
            + "V5's and V8's realised avoided cost per euro";

    static {
        String[] metric = {"income", "employment"};
        String[] unit = {"euro of equivalised income", "employment (share of working-age adults)"};
        int[] index = {INCOME, EMPLOYMENT};
        for (int m = 0; m < 2; m++) {
            int k = index[m];
            for (int p = 0; p < 2; p++) {
                DEFINITIONS.put("leak_" + metric[m] + "_" + SUFFIX[p], new Definition("the programme-attributable gain in "
                        + unit[m] + " per member of the targets' cohort at the start that went with those who left the "
                        + "targets (moved within the city or left it), " + WHEN[p] + ", against the twin", p,
                        (l, h) -> l[k][LeakMeasure.LEAK_INDEX]));
            }
            for (int p = 0; p < 2; p++) {
                DEFINITIONS.put("gain_" + metric[m] + "_" + SUFFIX[p], new Definition("the programme-attributable gain in "
                        + unit[m] + " per member of the targets' cohort at the start, wherever they live, " + WHEN[p]
                        + ", against the twin", p, (l, h) -> l[k][LeakMeasure.GAIN_TOTAL]));
            }
            DEFINITIONS.put("leak_share_" + metric[m] + "_10y", new Definition("the leak's share of the programme-attributable "
                    + metric[m] + " gain 10 years after the programme's end (NA when the gain is not positive)", 1,
                    (l, h) -> l[k][LeakMeasure.GAIN_TOTAL] > 0 ? l[k][LeakMeasure.LEAK_INDEX] / l[k][LeakMeasure.GAIN_TOTAL]
                            : Double.NaN));
        }
        DEFINITIONS.put("helped_share", new Definition("the share of the targets' cohort at the start helped by the "
                + "programme's end, share", 0, (l, h) -> l[INCOME][LeakMeasure.HELPED_SHARE]));
        DEFINITIONS.put("hazard_ratio_helped_end", new Definition("out-moves from the origin per person-year of the cohort's "
                + "helped time (after first help) over those of its eligible members' time before help, at the programme's "
                + "end", 0, (l, h) -> h[LeakMeasure.RATIO_HELPED]));
        DEFINITIONS.put("hazard_ratio_itt_end", new Definition("out-moves from the origin per person-year of the cohort's "
                + "members eligible for help at the start, in the run over the same persons in the twin, at the "
                + "programme's end", 0, (l, h) -> h[LeakMeasure.RATIO_ITT]));
    }

    /** Each point's leak and hazard, or null with the reason in {@link #reasons}. */
    private final double[][][] leaks = new double[YEARS_AFTER_END.length][][];
    private final double[][] hazards = new double[YEARS_AFTER_END.length][];
    private final String[] reasons = new String[YEARS_AFTER_END.length];
    private double realised = Double.NaN;
    private String realisedReason;

    private PairedMetrics() {
    }

    /** The paired metrics' names, in the documented order. */
    public static List<String> names() {
        List<String> out = new java.util.ArrayList<>(DEFINITIONS.keySet());
        out.add(REALISED);
        return List.copyOf(out);
    }

    public static String description(String name) {
        return name.equals(REALISED) ? REALISED_DESCRIPTION : DEFINITIONS.get(name).description();
    }

    static boolean has(String name) {
        return DEFINITIONS.containsKey(name) || name.equals(REALISED);
    }

    /** A paired metric's value in a run; NaN without a twin or when the pair has none at its point. */
    static double value(RunSummary r, String name) {
        PairedMetrics p = r.paired;
        if (name.equals(REALISED)) {
            return p == null ? Double.NaN : p.realised;
        }
        Definition d = DEFINITIONS.get(name);
        if (p == null || p.leaks[d.point()] == null) {
            return Double.NaN;
        }
        return d.value().of(p.leaks[d.point()], p.hazards[d.point()]);
    }

    /** Why the point of a paired metric has no value in this pair, or null when it has one. */
    public String reason(String name) {
        if (name.equals(REALISED)) {
            return realisedReason;
        }
        return reasons[DEFINITIONS.get(name).point()];
    }

    /**
     * Why a paired metric is NA in every run of a scenario, known before it runs (no programme, a start
     * that is no cohort year, a run too short for the point); null when it may have a value.
     */
    static String unavailable(String name, Scenario s) {
        if (s.programmes().isEmpty()) {
            return "a paired metric, and the scenario has no programme";
        }
        if (name.equals(REALISED)) {
            return s.programmes().get(0).yearlyBudget() <= 0 ? "euro avoided per euro spent, and the programme has no budget"
                    : null;
        }
        int start = s.programmes().stream().mapToInt(q -> (int) Math.round(12 * q.startYear())).min().getAsInt();
        if (start % 12 != 0) {
            return "a paired metric, and the programme starts at tick " + start + ", not at a cohort year's tick";
        }
        if (java.util.Arrays.stream(s.output().cohortYears()).noneMatch(y -> y == start / 12)) {
            return "a paired metric needs the cohort of the programme's start year " + start / 12
                    + " in output.cohortYears";
        }
        int end = s.programmes().stream().mapToInt(q -> (int) Math.round(12 * q.endYear())).max().getAsInt();
        int tick = end + 12 * YEARS_AFTER_END[DEFINITIONS.get(name).point()];
        if (tick > s.ticks()) {
            return "the run ends at tick " + s.ticks() + ", before tick " + tick + " (" + YEARS_AFTER_END[
                    DEFINITIONS.get(name).point()] + " years after the programme's end)";
        }
        return null;
    }

    /** The pair's values: the run's leak rows against its twin's, as the report pairs two runs' leak.csv. */
    static PairedMetrics of(RunSummary run, RunSummary twin) {
        PairedMetrics out = new PairedMetrics();
        try {
            // matches the twin itself (the same city until the start) and needs the programme's end in the run
            out.realised = Validation.realisedPerEuro(run, twin, run.programmes.isEmpty() ? 0
                    : run.programmes.get(0).endTick, true);
        } catch (Validation.NotEvaluable e) {
            out.realisedReason = e.getMessage();
        }
        String reason = null;
        try {
            Validation.matchTwin(run, twin);
        } catch (Validation.NotEvaluable e) {
            reason = "the twin cannot stand for the counterfactual: " + e.getMessage();
        }
        List<String> names = run.scenario.city().neighbourhoods().stream().map(Scenario.NeighbourhoodSpec::name).toList();
        Set<String> targets = new LinkedHashSet<>();
        int start = Integer.MAX_VALUE;
        int lastActive = Integer.MIN_VALUE;
        for (RunSummary.ProgrammeRecord p : run.programmes) {
            if (p.targets == null) {
                continue;
            }
            for (int j : p.targets) {
                targets.add(names.get(j));
            }
            start = Math.min(start, p.startTick);
            lastActive = Math.max(lastActive, Math.min(p.endTick, run.ticks));
        }
        if (reason == null && run.leakRows == null) {
            reason = "no leak rows: output.cohortYears is empty";
        }
        if (reason == null && start % 12 != 0) {
            reason = "the programme starts at tick " + start + ", not at a cohort year's tick";
        }
        List<Integer> ticksA = reason == null ? LeakMeasure.ticks(run.leakRows, start / 12) : List.of();
        List<Integer> ticksB = reason == null ? LeakMeasure.ticks(twin.leakRows, start / 12) : List.of();
        if (reason == null && (ticksA.isEmpty() || ticksB.isEmpty())) {
            reason = "no cohort of the programme's start year " + start / 12 + " in leak.csv (add it to output.cohortYears)";
        }
        int end = reason == null ? LeakMeasure.endPoint(ticksA, lastActive) : -1;
        if (reason == null && end < 0) {
            reason = "the run ends before the programme does";
        }
        for (int k = 0; k < YEARS_AFTER_END.length; k++) {
            if (reason != null) {
                out.reasons[k] = reason;
                continue;
            }
            int tick = end + 12 * YEARS_AFTER_END[k];
            if (!ticksA.contains(tick) || !ticksB.contains(tick)) {
                out.reasons[k] = "the run ends at tick " + Math.min(run.ticks, twin.ticks) + ", before tick " + tick + " ("
                        + YEARS_AFTER_END[k] + " years after the programme's end)";
                continue;
            }
            LeakMeasure.Sums a = LeakMeasure.sums(run.leakRows, start / 12, tick, targets);
            LeakMeasure.Sums b = LeakMeasure.sums(twin.leakRows, start / 12, tick, targets);
            if (!LeakMeasure.sameCohort(a, b)) {
                out.reasons[k] = "the cohort at the start differs between the run and its twin (not the same persons)";
                continue;
            }
            out.leaks[k] = LeakMeasure.leak(a, b);
            out.hazards[k] = LeakMeasure.hazard(a, b);
        }
        return out;
    }
}
