package org.wijklab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.wijklab.observation.ErosionDecomposition;

/**
 * The summary metrics a sweep reports for each run, by name: what {@code sweep.metrics} may list
 * (all of them by default). Each is computed from the run's {@link RunSummary}, as the validation
 * suite computes its statistics. "The targets" are the first programme's target neighbourhoods and
 * "the programme's period" its start tick to its end tick; without a programme those metrics are
 * missing (NA). "The weakest" are the three neighbourhoods of lowest liveability rank at tick 0.
 */
public final class SweepMetrics {
    /** A metric: its description (with unit) and how a run gives it. */
    public record Metric(String description, ToDoubleFunction<RunSummary> value) {
    }

    private static final Map<String, Metric> METRICS = new LinkedHashMap<>();
    /** The metrics of the first programme: NA in a run without one (declared before the table that fills it). */
    private static final java.util.Set<String> PROGRAMME = new java.util.HashSet<>();
    /** The metrics of a run against its twin ({@link PairedMetrics}): NA unless the sweep has counterfactual twins. */
    private static final java.util.Set<String> PAIRED = new java.util.HashSet<>();

    static {
        addProgramme("eroded_income_gain", "the targets' eroded equivalised income gain over the programme's period "
                + "(people change of the whole cohort minus place change), euro", r -> targets(r, "income", "eroded_gain"));
        addProgramme("eroded_employment_gain", "the targets' eroded employment gain over the programme's period",
                r -> targets(r, "employment", "eroded_gain"));
        addProgramme("people_change_income", "the targets' cohort's equivalised income change over the programme's period, "
                + "those who left the city included, euro", r -> targets(r, "income", "people_change"));
        addProgramme("place_change_income", "the targets' mean equivalised income change over the programme's period, euro",
                r -> targets(r, "income", "place_change"));
        addProgramme("liveability_change_pct", "the targets' liveability change over the programme's period, % (V1)",
                r -> r.programmes.isEmpty() ? Double.NaN : 100 * liveabilityChange(r, r.programmes.get(0).targets,
                        r.programmes.get(0).startTick, r.programmes.get(0).endTick));
        addProgramme("liveability_change_end_pct", "the targets' liveability change from the programme's start to the run's "
                + "end, % (V6)", r -> r.programmes.isEmpty() ? Double.NaN
                        : 100 * liveabilityChange(r, r.programmes.get(0).targets, r.programmes.get(0).startTick, r.ticks));
        addProgramme("social_return", "euro of expected avoided costs per euro the programme spent (V5)",
                r -> r.programmes.isEmpty() || r.programmes.get(0).spent <= 0 ? Double.NaN
                        : r.programmes.get(0).avoided / r.programmes.get(0).spent);
        addProgramme("unspent_share", "share of the programme's budget its funders put in but could not spend over its "
                + "active months (unpooled funders outside their domains or before their decisions; 0 when pooled without "
                + "delay), share", r -> r.programmes.isEmpty() || r.programmes.get(0).spent + r.programmes.get(0).unspent <= 0
                        ? Double.NaN : r.programmes.get(0).unspent / (r.programmes.get(0).spent + r.programmes.get(0).unspent));
        addProgramme("escalations_targets", "evictions and new supervision orders in the targets over the programme's period "
                + "(V5)", r -> {
                    if (r.programmes.isEmpty()) {
                        return Double.NaN;
                    }
                    RunSummary.ProgrammeRecord p = r.programmes.get(0);
                    return r.sum(r.evictions, p.startTick, p.endTick, p.targets)
                            + r.sum(r.orders, p.startTick, p.endTick, p.targets);
                });
        // V7: the first programme's best persons (residents, services.csv's counts summed over its targets)
        addProgramme("best_persons_emerged", "best persons the targets had from the programme's start to its end, the "
                + "plan's originators and those who emerged (services.csv's active + exhausted + left at the end tick), "
                + "persons", r -> bestPersons(r, p -> p.bestPersonsEver));
        addProgramme("best_persons_lost_moving", "best persons of the targets lost by moving (their household left the "
                + "neighbourhood or the city) from the programme's start to its end, persons",
                r -> bestPersons(r, p -> p.bestPersonsLostMoving));
        addProgramme("best_persons_lost_burnout", "best persons of the targets lost by burnout (rested and did not return) "
                + "from the programme's start to its end, persons", r -> bestPersons(r, p -> p.bestPersonsLostBurnout));
        addProgramme("best_persons_lost_moving_run_end", "best persons of the targets lost by moving from the programme's "
                + "start to the run's end, persons", r -> bestPersons(r, p -> p.bestPersonsLostMovingEnd));
        addProgramme("best_persons_lost_burnout_run_end", "best persons of the targets lost by burnout from the programme's "
                + "start to the run's end, persons", r -> bestPersons(r, p -> p.bestPersonsLostBurnoutEnd));
        addProgramme("months_to_first_loss", "months from the programme's start to a target's first rest or loss of a best "
                + "person (exhaustion, moving, burnout or death), mean over the targets, a target without one counted at "
                + "the run's end (censored), months (V7)", SweepMetrics::monthsToFirstLoss);
        addProgramme("best_person_years", "years a best person was active, summed over the targets from the programme's "
                + "start to the run's end (a target with k active best persons counts one month, not k), years",
                r -> r.programmes.isEmpty() || r.programmes.get(0).targets == null ? Double.NaN
                        : r.programmes.get(0).bestPersonMonths / 12.0);
        add("rank_correlation_10y", "Spearman rank correlation of all neighbourhoods' liveability between tick 0 "
                + "and year 10 (V3); NA when the run is shorter than 10 years", r -> {
                    int t1 = 120;
                    if (r.ticks < t1) {
                        return Double.NaN;
                    }
                    double[] a = new double[r.neighbourhoods];
                    double[] b = new double[r.neighbourhoods];
                    for (int j = 0; j < r.neighbourhoods; j++) {
                        a[j] = r.liveability[0][j];
                        b[j] = r.liveability[t1][j];
                    }
                    return Statistics.spearman(a, b);
                });
        add("weakest_liveability_change_pct", "the weakest three's liveability change, tick 0 to the end, %",
                r -> 100 * liveabilityChange(r, weakest(r), 0, r.ticks));
        add("weakest_employment_end", "the weakest three's employment rate at the end",
                r -> r.mean(r.employment, r.ticks, weakest(r)));
        add("city_employment_end", "the city's employment rate at the end", r -> r.mean(r.employment, r.ticks, r.all()));
        add("city_good_mental_health_end", "the city's share of adults in good mental health at the end",
                r -> r.mean(r.goodMental, r.ticks, r.all()));
        // calibration targets: household composition, benefit receipt and mobility (PARAMETERS.md §1, §2, §4)
        add("city_single_share", "the city's share of households of one adult without children, over the recorded "
                + "years' ticks, share", r -> ratio(r, r.singles, r.households, r.all()));
        add("weakest_single_share", "the weakest three's share of households of one adult without children, over the "
                + "recorded years' ticks, share", r -> ratio(r, r.singles, r.households, weakest(r)));
        add("city_benefit_share", "the city's share of working-age adults (adults not retired) living on a benefit (WW, disability "
                + "benefit or social assistance), over the recorded years' ticks, share", r -> ratio(r, r.onBenefit, r.workingAge, r.all()));
        add("weakest_benefit_share", "the weakest three's share of working-age adults (adults not retired) living on a benefit (WW, "
                + "disability benefit or social assistance), over the recorded years' ticks, share", r -> ratio(r, r.onBenefit, r.workingAge, weakest(r)));
        add("yearly_move_share", "households that moved (within the city or out of it) per year, over the mean number "
                + "of households, share per year", r -> {
                    if (r.movesOut == null || r.ticks < 1) {
                        return Double.NaN;
                    }
                    double households = 0;
                    for (int t = 1; t <= r.ticks; t++) {
                        households += total(r.households, t, r.all());
                    }
                    return households == 0 ? Double.NaN : 12.0 * r.sum(r.movesOut, 0, r.ticks, r.all()) / households;
                });
        add("moves_within_city_share", "of the households that moved, the share that stayed in the city, share",
                r -> {
                    if (r.movesOut == null) {
                        return Double.NaN;
                    }
                    long moved = r.sum(r.movesOut, 0, r.ticks, r.all());
                    return moved == 0 ? Double.NaN : 1.0 - r.sum(r.leftCity, 0, r.ticks, r.all()) / (double) moved;
                });
        add("moves_same_or_adjacent_share", "of the households that moved within the city, the share that stayed in "
                + "their own or an adjacent neighbourhood, share", r -> {
                    if (r.movedByClass == null) {
                        return Double.NaN;
                    }
                    long within = r.movedByClass[0] + r.movedByClass[1] + r.movedByClass[2];
                    return within == 0 ? Double.NaN : (r.movedByClass[0] + r.movedByClass[1]) / (double) within;
                });
        add("leavers_within_50km_share", "of the moves out of the city to the region, the share to places at most 50 km "
                + "away (the province), share", r -> leavers(r, 0, 50));
        add("leavers_50_to_100km_share", "of the moves out of the city to the region, the share to places more than 50 "
                + "and at most 100 km away (the adjacent provinces), share", r -> leavers(r, 50, 100));
        add("social_let_registration_years", "the mean registration (years) at which social dwellings were let by search",
                r -> r.movedByClass == null || r.socialLets == 0 ? Double.NaN : r.socialLetMonths / 12.0 / r.socialLets);
        for (String name : PairedMetrics.names()) {
            add(name, PairedMetrics.description(name) + " (a paired sweep's: sweep.counterfactual)",
                    r -> PairedMetrics.value(r, name));
            PAIRED.add(name);
        }
    }

    /** Share of the moves to the region that went to places more than lo and at most hi km away. */
    private static double leavers(RunSummary r, double lo, double hi) {
        if (r.movedToPlace == null) {
            return Double.NaN;
        }
        java.util.List<org.wijklab.scenario.Scenario.Place> places = r.scenario.region().places();
        long all = 0;
        long in = 0;
        for (int k = 0; k < r.movedToPlace.length; k++) {
            all += r.movedToPlace[k];
            double km = places.get(k).distanceKm();
            if ((lo == 0 ? km >= 0 : km > lo) && km <= hi) {
                in += r.movedToPlace[k];
            }
        }
        return all == 0 ? Double.NaN : in / (double) all;
    }

    /**
     * Sum over the ticks 1 to the end of a count over a set of neighbourhoods, divided by the same
     * sum of another: a share over the recorded months (NaN without the counts or a denominator).
     */
    private static double ratio(RunSummary r, int[][] count, int[][] of, int[] set) {
        if (count == null || of == null || r.ticks < 1) {
            return Double.NaN;
        }
        double a = 0;
        double b = 0;
        for (int t = 1; t <= r.ticks; t++) {
            a += total(count, t, set);
            b += total(of, t, set);
        }
        return b == 0 ? Double.NaN : a / b;
    }

    private static double total(int[][] series, int t, int[] set) {
        double s = 0;
        for (int j : set) {
            s += series[t][j];
        }
        return s;
    }

    private SweepMetrics() {
    }

    private static void add(String name, String description, ToDoubleFunction<RunSummary> f) {
        METRICS.put(name, new Metric(description, f));
    }

    private static void addProgramme(String name, String description, ToDoubleFunction<RunSummary> f) {
        add(name, description, f);
        PROGRAMME.add(name);
    }

    /**
     * Why a metric is NA in every run of a scenario, known before it runs: a programme's metric in a
     * scenario without a programme, a 10-year statistic in a shorter run; null when it may have a value.
     */
    public static String unavailable(String name, org.wijklab.scenario.Scenario s) {
        return unavailable(name, s, false);
    }

    /**
     * As {@link #unavailable(String, org.wijklab.scenario.Scenario)}, in a sweep with or without
     * counterfactual twins: a paired metric is NA in every run of a sweep without them.
     */
    public static String unavailable(String name, org.wijklab.scenario.Scenario s, boolean counterfactual) {
        if (PAIRED.contains(name)) {
            return counterfactual ? PairedMetrics.unavailable(name, s)
                    : "a paired metric, and the sweep has no counterfactual twins (sweep.counterfactual)";
        }
        if (PROGRAMME.contains(name) && s.programmes().isEmpty()) {
            return "a programme's metric, and the scenario has no programme";
        }
        if (name.equals("social_return") && s.programmes().get(0).yearlyBudget() <= 0) {
            return "euro avoided per euro spent, and the programme has no budget";
        }
        if (name.equals("rank_correlation_10y") && s.years() < 10) {
            return "a 10-year statistic, and the run has " + s.years() + " recorded years";
        }
        return null;
    }

    /**
     * The validation pattern (docs/VALIDATION.md) whose statistic each metric is: the eroded gain and
     * its two parts are V2's, the others name theirs in their description. Calibration refuses these
     * as targets.
     */
    private static final Map<String, String> PATTERNS = Map.ofEntries(Map.entry("eroded_income_gain", "V2"),
            Map.entry("eroded_employment_gain", "V2"), Map.entry("people_change_income", "V2"),
            Map.entry("place_change_income", "V2"), Map.entry("liveability_change_pct", "V1"),
            Map.entry("liveability_change_end_pct", "V6"), Map.entry("social_return", "V5"),
            Map.entry("escalations_targets", "V5"), Map.entry("rank_correlation_10y", "V3"),
            Map.entry("months_to_first_loss", "V7"));

    /** The validation pattern (V1 to V10) whose statistic a metric is, or null. */
    public static String pattern(String name) {
        return PATTERNS.get(name);
    }

    /** Whether a metric is a run's against its twin: only a sweep with counterfactual twins has it. */
    public static boolean paired(String name) {
        return PAIRED.contains(name);
    }

    /** Every metric's name, in the documented order. */
    public static List<String> names() {
        return new ArrayList<>(METRICS.keySet());
    }

    public static String description(String name) {
        return METRICS.get(name).description();
    }

    /** The named metrics of a finished run, in the given order (NaN where a run has none). */
    public static double[] compute(RunSummary r, List<String> names) {
        double[] v = new double[names.size()];
        for (int i = 0; i < v.length; i++) {
            Metric m = METRICS.get(names.get(i));
            if (m == null) {
                throw new IllegalArgumentException("no metric " + names.get(i));
            }
            v[i] = m.value().applyAsDouble(r);
        }
        return v;
    }

    /** A count of the first programme's best persons; NaN without a programme, one that never started, or a record read back. */
    private static double bestPersons(RunSummary r, java.util.function.ToIntFunction<RunSummary.ProgrammeRecord> count) {
        if (r.programmes.isEmpty() || r.programmes.get(0).targets == null) {
            return Double.NaN;
        }
        int n = count.applyAsInt(r.programmes.get(0));
        return n < 0 ? Double.NaN : n;
    }

    /**
     * The validation's months to a first loss (V7): per target, the months from the programme's start
     * to its first rest or loss of a best person, or to the run's end when none came; their mean.
     */
    static double monthsToFirstLoss(RunSummary r) {
        if (r.programmes.isEmpty() || r.programmes.get(0).targets == null) {
            return Double.NaN;
        }
        RunSummary.ProgrammeRecord p = r.programmes.get(0);
        double sum = 0;
        for (int m : p.firstLoss) {
            sum += m < 0 ? r.ticks - p.startTick : m;
        }
        return sum / p.firstLoss.length;
    }

    private static double targets(RunSummary r, String metric, String column) {
        if (r.programmes.isEmpty()) {
            return Double.NaN;
        }
        RunSummary.ProgrammeRecord p = r.programmes.get(0);
        return r.decomposition(ErosionDecomposition.TARGETS_PREFIX + p.name, metric, p.startTick, p.endTick, column);
    }

    private static double liveabilityChange(RunSummary r, int[] set, int t0, int t1) {
        double l0 = r.mean(r.liveability, t0, set);
        return l0 == 0 ? Double.NaN : r.mean(r.liveability, Math.min(t1, r.ticks), set) / l0 - 1.0;
    }

    /** The three neighbourhoods (or fewer) of lowest liveability rank at tick 0. */
    private static int[] weakest(RunSummary r) {
        int n = Math.min(3, r.neighbourhoods);
        Integer[] order = new Integer[r.neighbourhoods];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(r.rank[0][b], r.rank[0][a]));
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = order[k];
        }
        java.util.Arrays.sort(out);
        return out;
    }
}
