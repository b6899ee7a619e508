package org.wijklab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.Overrides;
import org.wijklab.scenario.ScenarioLoader;
import org.wijklab.scenario.ScenarioPath;

/**
 * The validation suite: the patterns V1-V10 of the specification, each a statistic computed on
 * replications of the standard scenarios (paired by seed where two scenarios are compared), with
 * its mean, 95 % confidence interval and target. A pattern passes when the mean lies inside its
 * target; the interval shows how sure that is. Nothing here feeds back into the model: the
 * statistics only read what the runs did.
 */
public final class Validation {

    /**
     * How much to run: replications, city size, recorded and warm-up years, threads, and where the
     * scenario files are. The quick mode shortens the warm-up: the comparisons are paired by seed,
     * so both arms start from the same city either way.
     */
    /** The suite's settings; {@code scenarios} is a folder of the standard scenarios, or null for the embedded ones. */
    public record Settings(int replications, int residents, int years, int warmUpYears, int threads, Path scenarios) {
        public static Settings quick(Path scenarios, int threads) {
            return new Settings(2, 100_000, 12, 10, threads, scenarios);
        }

        public static Settings full(Path scenarios, int threads) {
            return new Settings(10, 100_000, 30, 25, threads, scenarios);
        }
    }

    /**
     * One row of the validation table. {@code notEvaluable} is empty for a statistic that was
     * computed; otherwise it says why the statistic has no value (NA), e.g. a run shorter than the
     * statistic's horizon, and the row neither passes nor fails.
     */
    public record Result(String pattern, String statistic, String target, Statistics.Estimate observed,
            boolean pass, String note, String notEvaluable) {
        /** Whether the statistic has a value to hold against its target. */
        public boolean evaluable() {
            return notEvaluable.isEmpty();
        }
    }

    /** A statistic that a run cannot give (too short for its horizon, ...): its row is NA with this reason. */
    static final class NotEvaluable extends RuntimeException {
        NotEvaluable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A target interval for a statistic. */
    record Target(double low, double high, String text) {
        boolean contains(double v) {
            return v >= low && v <= high;
        }

        static Target above(double x, String text) {
            return new Target(x, Double.POSITIVE_INFINITY, text);
        }

        static Target between(double lo, double hi, String text) {
            return new Target(lo, hi, text);
        }
    }

    private final Settings settings;
    private final Map<String, List<RunSummary>> runs = new LinkedHashMap<>();

    private final Overrides overrides;

    public Validation(Settings settings) {
        this(settings, Overrides.parse(List.of()));
    }

    /** A suite whose every scenario (and every variant the suite makes of one) has the overrides applied. */
    public Validation(Settings settings, Overrides overrides) {
        this.settings = settings;
        this.overrides = overrides;
    }

    /** The standard scenarios the suite needs, by file name (without .json). */
    static final String[] SCENARIOS = {"baseline", "krachtwijk", "single-theme", "wijkteam-integral",
        "wijkteam-fragmented", "no-best-persons", "short-programme", "long-programme", "crisis",
        "crisis-no-programme", "restructuring-mixed-tenure"};

    /** The standard scenarios the suite reads (embedded, or from the settings' folder), before overrides and settings. */
    public List<Scenario> standardScenarios() {
        List<Scenario> out = new ArrayList<>();
        for (String name : SCENARIOS) {
            out.add(Study.standard(settings.scenarios(), name).scenario());
        }
        return out;
    }

    /**
     * The settings the suite's runs actually have: {@code --set city.residents=N}, {@code years} or
     * {@code warmUpYears} replace the suite's own sizes, so the largest city, and the recorded and
     * warm-up years, are read back from the runs (the heap check and the report speak of these).
     */
    public Settings effective() {
        List<Job> jobs = jobs();
        int residents = jobs.stream().mapToInt(j -> j.scenario().city().residents()).max().orElse(settings.residents());
        int years = jobs.stream().mapToInt(j -> j.scenario().years()).min().orElse(settings.years());
        int warmUp = jobs.stream().mapToInt(j -> j.scenario().warmUpYears()).min().orElse(settings.warmUpYears());
        return new Settings(settings.replications(), residents, years, warmUp, settings.threads(), settings.scenarios());
    }

    /** Team area sizes compared for V8 (residents per team). */
    static final int[] AREAS = {2500, 5000, 10000, 15000, 25000, 50000, 100000};

    /**
     * V8's second target set, the six weakest neighbourhoods, gets the three weakest's budget times
     * this: the same budget per target resident. Measured on the default city at 100,000 residents
     * (seed 1) at the programme's start: the three weakest hold 22,855 residents, the six 49,702.
     */
    static final double SIX_WEAKEST_BUDGET_SHARE = 49_702.0 / 22_855.0;

    public List<Result> run() {
        return run(Progress.NONE);
    }

    /** The same, telling progress after every finished run. */
    public List<Result> run(Progress progress) {
        return run(progress, null);
    }

    /** One run of the suite: the scenario or variant it belongs to, its replication, and its scenario with the seed. */
    public record Job(String key, int replication, Scenario scenario) {
        /** Where its record is kept in a resumable suite's folder of runs. */
        Path file(Path runs) {
            return runs.resolve(key).resolve(String.format("rep-%03d.bin.gz", replication));
        }
    }

    /** Every run of the suite, in order: the standard scenarios and the variants made of them, each replicated. */
    public List<Job> jobs() {
        Map<String, Scenario> base = new LinkedHashMap<>();
        for (String name : SCENARIOS) {
            Scenario standard = Study.standard(settings.scenarios(), name).scenario();
            // the suite's sizes first, then --set: an override of city.residents, years or warmUpYears is honoured
            Scenario adjusted = overrides.apply(standard.withResidents(settings.residents()).withYears(settings.years())
                    .withWarmUpYears(settings.warmUpYears())).withMovesLog(false);
            try {
                // the suite's years and residents may not fit a --set value (a programme past year 12, say)
                adjusted.validate();
            } catch (org.wijklab.scenario.ScenarioException e) {
                throw new org.wijklab.scenario.ScenarioException(name
                        + (overrides.isEmpty() ? "" : " with --set " + String.join(" ", overrides.asStrings()))
                        + " in the suite's " + adjusted.years() + " years of " + adjusted.city().residents() + " residents: "
                        + e.getMessage());
            }
            base.put(name, adjusted);
        }
        Scenario krachtwijk = base.get("krachtwijk");
        base.put("copied", variant(krachtwijk, "copied", true));
        base.put("unfunded", unfunded(krachtwijk));
        base.put("unprotected", variant(variant(krachtwijk, "bestPersons.protection", 0.1), "name", "unprotected"));
        base.put("protected", variant(variant(krachtwijk, "bestPersons.protection", 0.9), "name", "protected"));
        Scenario six = variant(variant(base.get("wijkteam-integral"), "targets.weakest", 6), "yearlyBudget",
                SIX_WEAKEST_BUDGET_SHARE * base.get("wijkteam-integral").programmes().get(0).yearlyBudget());
        for (int area : AREAS) {
            base.put("area-" + area, variant(base.get("wijkteam-integral"), "team.areaResidents", area));
            base.put("area6-" + area, variant(six, "team.areaResidents", area));
        }
        List<Job> jobs = new ArrayList<>();
        for (Map.Entry<String, Scenario> e : base.entrySet()) {
            for (int r = 0; r < settings.replications(); r++) {
                jobs.add(new Job(e.getKey(), r, e.getValue().withSeed(Replicator.seed(e.getValue().seed(), r))));
            }
        }
        return jobs;
    }

    /**
     * What a resumable suite's folder was started with ({@code validation.json}): the program's
     * build and every run's scenario SHA-256 (settings, overrides and seeds included), so that the
     * same command resumes it and anything else is refused.
     */
    public static String identity(List<Job> jobs) {
        StringBuilder b = new StringBuilder("{\"version\": \"").append(BuildInfo.version()).append("\", \"gitCommit\": \"")
                .append(BuildInfo.gitCommit()).append("\", \"runs\": [");
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            b.append(i == 0 ? "\n  " : ",\n  ").append("{\"key\": \"").append(j.key()).append("\", \"replication\": ")
                    .append(j.replication()).append(", \"sha256\": \"").append(ScenarioLoader.sha256(j.scenario())).append("\"}");
        }
        return b.append("\n]}\n").toString();
    }

    /**
     * Runs the suite and evaluates it. With {@code runs} (a folder), every finished run's record is
     * kept there as it finishes, and runs whose record is already there are read instead of run:
     * the same suite after a kill or Ctrl-C makes only the missing runs, with the same results.
     */
    public List<Result> run(Progress progress, Path runs) {
        if (runs == null) {
            return runClaimed(progress, null);
        }
        // one suite per folder of records: a second one on the same folder is refused while this one runs
        try (Folders.Claim claim = Folders.claim(runs, "--out " + (runs.getParent() != null ? runs.getParent() : runs))) {
            return runClaimed(progress, runs);
        }
    }

    private List<Result> runClaimed(Progress progress, Path runs) {
        List<Job> jobs = jobs();
        if (runs != null) {
            removeHalfWritten(runs);
        }
        RunSummary[] done = new RunSummary[jobs.size()];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            // a record of another format (an older build's) is made again, never misread
            if (runs != null && Files.isRegularFile(j.file(runs)) && RunSummary.current(j.file(runs))) {
                done[i] = RunSummary.read(j.file(runs), j.scenario());
            } else {
                missing.add(i);
            }
        }
        int kept = jobs.size() - missing.size();
        Progress shifted = (d, total) -> progress.update(kept + d, kept + total);
        List<RunSummary> made = Replicator.map(missing, i -> {
            Job j = jobs.get(i);
            RunSummary r = new RunSummary(j.scenario());
            WarmUpCache.start(j.scenario(), 1, r::attach).stepToEnd();
            r.finished();
            if (runs != null) {
                r.write(j.file(runs));
            }
            return r;
        }, settings.threads(), shifted);
        for (int k = 0; k < missing.size(); k++) {
            done[missing.get(k)] = made.get(k);
        }
        for (int i = 0; i < jobs.size(); i++) {
            runs(jobs.get(i).key()).add(done[i]);
        }
        return evaluate();
    }

    /** Removes the half-written records a kill leaves ({@code .NAME.partial}): their runs are made again. */
    private static void removeHalfWritten(Path runs) {
        if (!Files.isDirectory(runs)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(runs)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<RunSummary> runs(String key) {
        return this.runs.computeIfAbsent(key, k -> new ArrayList<>());
    }

    /** A copy of a scenario with one field of its first programme (or the name) changed. */
    static Scenario variant(Scenario s, String field, Object value) {
        ObjectNode tree = (ObjectNode) ScenarioLoader.mapper().valueToTree(s);
        if (field.equals("name")) {
            tree.put("name", value.toString());
        } else {
            JsonNode v = ScenarioLoader.mapper().valueToTree(value);
            ScenarioPath.parse("programmes[0]." + field).set(tree, v, s.name() + " (variant " + field + ")");
        }
        return ScenarioLoader.fromJson(tree.toString(), s.name() + " (variant " + field + ")");
    }

    /**
     * The same programme's targets without the programme: no money, no team, no best persons, no
     * ownership support. Its target rows decompose the baseline city over the same persons and
     * periods, so that krachtwijk minus it, paired by seed, is the programme's own erosion.
     */
    static Scenario unfunded(Scenario krachtwijk) {
        Scenario s = variant(krachtwijk, "yearlyBudget", 0.0);
        s = variant(s, "bestPersons.roomToAct", 0.0);
        s = variant(s, "ownershipSupport", 0.0);
        return variant(s, "name", "unfunded");
    }

    private List<RunSummary> of(String key) {
        return runs.get(key);
    }

    /** One value per replication of one scenario. */
    private double[] each(String key, ToDoubleFunction<RunSummary> f) {
        List<RunSummary> list = of(key);
        double[] v = new double[list.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(list.get(i));
        }
        return v;
    }

    /** Paired differences a − b over replications with equal seeds. */
    private double[] paired(String a, String b, ToDoubleFunction<RunSummary> f) {
        double[] x = each(a, f);
        double[] y = each(b, f);
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        return d;
    }

    /**
     * A row of the table: the statistic's values over the replications held against the target. A
     * statistic a run cannot give ({@link NotEvaluable}) or that is not a number in some replication
     * is NA with the reason, never a pass or a fail.
     */
    static Result result(String pattern, String statistic, Target target, Supplier<double[]> statisticValues,
            String note) {
        double[] values;
        try {
            values = statisticValues.get();
        } catch (NotEvaluable e) {
            return new Result(pattern, statistic, target.text(), new Statistics.Estimate(Double.NaN, Double.NaN, 0), false,
                    note, e.getMessage());
        }
        long missing = java.util.Arrays.stream(values).filter(v -> !Double.isFinite(v)).count();
        Statistics.Estimate e = Statistics.estimate(values);
        if (missing > 0) {
            return new Result(pattern, statistic, target.text(), new Statistics.Estimate(Double.NaN, Double.NaN, values.length),
                    false, note, "not a number in " + missing + " of " + values.length + " replications");
        }
        if (values.length >= 2 && java.util.Arrays.stream(values).allMatch(v -> v == values[0])) {
            // every replication gave the same value: no spread to estimate, so no interval (not one of zero width)
            e = new Statistics.Estimate(e.mean(), Double.NaN, e.n());
        }
        return new Result(pattern, statistic, target.text(), e, target.contains(e.mean()), note, "");
    }

    private static int[] targets(RunSummary r) {
        return r.programmes.get(0).targets;
    }

    /**
     * Relative change of the targets' liveability from the programme's start to a tick; NaN (NA)
     * when the start's liveability is 0 (also what targets without households give): a change
     * relative to nothing is not a number.
     */
    static double liveabilityGain(RunSummary r, int t1) {
        RunSummary.ProgrammeRecord p = r.programmes.get(0);
        double l0 = r.mean(r.liveability, p.startTick, p.targets);
        return l0 == 0 ? Double.NaN : r.mean(r.liveability, Math.min(t1, r.ticks), p.targets) / l0 - 1.0;
    }

    /**
     * V1's ratio of the targets' relative liveability change over the programme to the city's; NaN
     * (NA) when the city's start liveability is 0 or its change is not above 0: a ratio to no change,
     * or to a fall, does not say how many times the city's gain the targets made (it was divided by
     * 1e-9 instead, which made any gain a pass).
     */
    static double liveabilityRatio(RunSummary r) {
        RunSummary.ProgrammeRecord p = r.programmes.get(0);
        double c0 = r.mean(r.liveability, p.startTick, r.all());
        double city = c0 == 0 ? Double.NaN : r.mean(r.liveability, p.endTick, r.all()) / c0 - 1;
        return city > 0 ? liveabilityGain(r, p.endTick) / city : Double.NaN;
    }

    private List<Result> evaluate() {
        List<Result> out = new ArrayList<>();
        // V1: multi-theme programmes raise the weakest neighbourhoods' liveability more than the city's
        out.add(result("V1", "liveability change of the targets over the programme, %",
                Target.between(5, 25, "5 to 25 (seed: +11 over six years)"),
                () -> each("krachtwijk", r -> 100 * liveabilityGain(r, r.programmes.get(0).endTick)), ""));
        out.add(result("V1", "targets' liveability change / city's (start to end)",
                Target.above(1.5, "at least 1.5 (seed: 11 % / 5 % = 2.2)"),
                () -> each("krachtwijk", Validation::liveabilityRatio),
                "the city here is the whole modelled city, targets included; NA where the city's liveability did not rise"));
        // V2: people gain more than places; out-movers are better off, in-movers worse off: all on
        // the decomposition's own person groups, the targets over the programme's own period
        out.add(result("V2", "targets over the programme: eroded gain in employment (people minus place change)",
                Target.above(0.0, "above 0"), () -> each("krachtwijk", r -> programmeDecomposition(r, "employment", "eroded_gain")),
                "people change of the whole cohort, leavers included"));
        out.add(result("V2", "targets over the programme: eroded gain in equivalised income, euro",
                Target.above(0.0, "above 0"), () -> each("krachtwijk", r -> programmeDecomposition(r, "income", "eroded_gain")),
                "people change of the whole cohort, leavers included"));
        out.add(result("V2", "out-movers' equivalised income at the start minus stayers', euro",
                Target.above(0.0, "above 0"),
                () -> each("krachtwijk", r -> programmeDecomposition(r, "income", "y_out_movers_t0")
                        - programmeDecomposition(r, "income", "y_stayers_t0")),
                "persons; out-movers include those who died"));
        out.add(result("V2", "out-movers' equivalised income at the start minus in-movers' at the end, euro",
                Target.above(0.0, "above 0"),
                () -> each("krachtwijk", r -> programmeDecomposition(r, "income", "y_out_movers_t0")
                        - programmeDecomposition(r, "income", "y_in_movers_t1")),
                "persons; in-movers include those born"));
        out.add(result("V2", "the programme's own erosion: eroded income gain, with minus without the programme, euro",
                Target.above(0.0, "above 0"),
                () -> paired("krachtwijk", "unfunded", r -> programmeDecomposition(r, "income", "eroded_gain")),
                "same targets and persons without money, team or best persons, paired by seed"));
        out.add(result("V2", "the programme's own erosion: eroded employment gain, with minus without the programme",
                Target.above(0.0, "above 0"),
                () -> paired("krachtwijk", "unfunded", r -> programmeDecomposition(r, "employment", "eroded_gain")),
                "same targets and persons without money, team or best persons, paired by seed"));
        out.add(result("V2", "baseline: rank correlation of neighbourhoods' social-rent share and eroded income gain",
                Target.above(0.5, "at least 0.5"), () -> each("baseline", Validation::cheapStockGradient),
                "eroded gain averaged over the 5-year periods"));
        // V3: the weakest stay at the bottom of the ranking over a decade despite programmes
        out.add(result("V3", "Spearman rank correlation of liveability, start to start + 10 years",
                Target.above(0.8, "at least 0.8"),
                () -> each("krachtwijk", r -> {
                    RunSummary.ProgrammeRecord p = r.programmes.get(0);
                    int t1 = p.startTick + 120;
                    if (t1 > r.ticks) {
                        throw new NotEvaluable("the run is shorter than 10 years after the programme's start (it needs "
                                + years(t1) + " recorded years and has " + years(r.ticks) + ")");
                    }
                    double[] a = new double[r.neighbourhoods];
                    double[] b = new double[r.neighbourhoods];
                    for (int j = 0; j < a.length; j++) {
                        a[j] = r.liveability[p.startTick][j];
                        b[j] = r.liveability[t1][j];
                    }
                    return Statistics.spearman(a, b);
                }), ""));
        // V4: several themes at once beat one theme with the same budget
        out.add(result("V4", "liveability gain of the targets, multi-theme minus single-theme, % points",
                Target.above(0.0, "above 0"),
                () -> paired("krachtwijk", "single-theme", r -> 100 * liveabilityGain(r, r.programmes.get(0).endTick)), ""));
        // V5: an integral proximate team cuts supervision orders and evictions by about 40 %
        out.add(result("V5", "supervision orders + evictions in the targets, integral vs fragmented: reduction, %",
                Target.between(25, 55, "25 to 55 (seed: 40)"),
                () -> each("wijkteam-integral", r -> {
                    RunSummary.ProgrammeRecord p = r.programmes.get(0);
                    RunSummary f = twin("wijkteam-fragmented", r);
                    double a = r.sum(r.orders, p.startTick, p.endTick, p.targets) + r.sum(r.evictions, p.startTick, p.endTick, p.targets);
                    double b = f.sum(f.orders, p.startTick, p.endTick, p.targets) + f.sum(f.evictions, p.startTick, p.endTick, p.targets);
                    return b == 0 ? 0 : 100 * (1 - a / b);
                }), ""));
        // over the whole city, as the report's realised costs: help goes with the persons who move out
        // of the targets, and a problem moved next door is not a saving
        out.add(result("V5", "integral team: realised avoided costs per euro spent (escalation costs in the city, "
                + "without minus with the team, start to end)",
                Target.between(1.5, 3.0, "1.5 to 3 (seed: over 2)"),
                () -> each("wijkteam-integral", r -> realisedPerEuro(r, twinOf(NO_PROGRAMME, r), r.programmes.get(0).endTick,
                        true)), v5Note()));
        // V6: persistence wins, and place gains erode after a programme stops
        out.add(result("V6", "targets' liveability at the end of the run, long minus short programme",
                Target.above(0.0, "above 0"),
                () -> paired("long-programme", "short-programme", r -> r.mean(r.liveability, r.ticks, targets(r))), ""));
        out.add(result("V6", "short programme: liveability lost in the 3 years after it stops, points",
                Target.above(0.0, "above 0 (gains erode)"),
                () -> each("short-programme", r -> {
                    RunSummary.ProgrammeRecord p = r.programmes.get(0);
                    if (p.endTick + 36 > r.ticks) {
                        throw new NotEvaluable("the run ends less than 3 years after the short programme stops (it needs "
                                + years(p.endTick + 36) + " recorded years and has " + years(r.ticks) + ")");
                    }
                    return r.mean(r.liveability, p.endTick, p.targets) - r.mean(r.liveability, p.endTick + 36, p.targets);
                }), ""));
        // V7: best persons matter
        out.add(result("V7", "liveability gain, with minus without best persons, % points",
                Target.above(0.0, "above 0"),
                () -> paired("krachtwijk", "no-best-persons", r -> 100 * liveabilityGain(r, r.programmes.get(0).endTick)), ""));
        out.add(result("V7", "liveability gain, original minus copied plan, % points",
                Target.above(0.0, "above 0"),
                () -> paired("krachtwijk", "copied", r -> 100 * liveabilityGain(r, r.programmes.get(0).endTick)), ""));
        out.add(result("V7", "months to a best person's first exhaustion or departure, protected minus unprotected",
                Target.above(0.0, "above 0"),
                () -> paired("protected", "unprotected", Validation::monthsToFirstLoss), ""));
        // V8: team area size has an optimum at 10,000-25,000 residents
        out.add(result("V8", "team area (residents) with the most realised avoided cost per euro", Target.between(10000, 25000,
                "10,000 to 25,000"), () -> bestArea(r -> realisedPerEuro(r, twinOf(NO_PROGRAMME, r),
                        r.programmes.get(0).endTick, true), "area-"), v8Note("area-")));
        out.add(result("V8", "six weakest targets at the same budget per target resident: team area with the most realised "
                + "avoided cost per euro", Target.between(10000, 25000, "10,000 to 25,000"),
                () -> bestArea(r -> realisedPerEuro(r, twinOf(NO_PROGRAMME, r), r.programmes.get(0).endTick, true), "area6-"),
                v8Note("area6-")));
        // V9: in a crisis, mental health holds up better in programme neighbourhoods
        out.add(result("V9", "good mental health in the targets during the crisis, with minus without programme, % points",
                Target.above(0.0, "above 0 (seed: +6 against -3)"),
                () -> each("crisis", r -> {
                    RunSummary.ProgrammeRecord p = r.programmes.get(0);
                    RunSummary without = twin("crisis-no-programme", r);
                    double with = r.mean(r.goodMental, p.endTick, p.targets) - r.mean(r.goodMental, p.startTick, p.targets);
                    double none = without.mean(without.goodMental, p.endTick, p.targets)
                            - without.mean(without.goodMental, p.startTick, p.targets);
                    return 100 * (with - none);
                }), "the same neighbourhoods in the same crisis, paired by seed"));
        // V10: restructuring toward mixed tenure reduces the eroded gain
        out.add(result("V10", "eroded equivalised income gain in the targets, without minus with restructuring, euro",
                Target.above(0.0, "above 0"),
                () -> paired("krachtwijk", "restructuring-mixed-tenure", r -> programmeDecomposition(r, "income", "eroded_gain")),
                "over the programme's own period"));
        return out;
    }

    /** The scenario whose run of the same seed is a programme's twin without it: the same city until the start. */
    static final String NO_PROGRAMME = "baseline";

    /**
     * Realised avoided costs per euro spent of a run's first programme: the escalation costs (all
     * parties) of its twin without the programme (same seed, see {@link #matchTwin}) minus the run's
     * own, summed over ticks (start, t1] and over the programme's targets (or, with
     * {@code wholeCity}, every neighbourhood), divided by what the programme spent. The definition
     * of the report's realised costs (baseline minus scenario, run against run with the same seed),
     * here over the targets and the programme's own months.
     */
    static double realisedPerEuro(RunSummary run, RunSummary twin, int t1, boolean wholeCity) {
        matchTwin(run, twin);
        RunSummary.ProgrammeRecord p = run.programmes.get(0);
        if (!(p.spent > 0)) {
            throw new NotEvaluable(run.scenario.name() + "'s programme spent nothing: no return per euro");
        }
        if (t1 > run.ticks) {
            throw new NotEvaluable("the run is shorter than the horizon (it needs " + years(t1) + " recorded years and has "
                    + years(run.ticks) + ")");
        }
        int[] set = wholeCity ? run.all() : p.targets;
        double without = twin.sum(twin.escalationCost, p.startTick, t1, set);
        double with = run.sum(run.escalationCost, p.startTick, t1, set);
        return (without - with) / p.spent;
    }

    /**
     * Whether a twin without the programme can stand for a run's counterfactual: the same seed, city
     * and length, no programme of its own, the same targets (the twin's weakest neighbourhoods by rank
     * at the programme's start, as the programme chose them, or the same named ones) and the same
     * escalation costs everywhere up to the start (the two runs share the city until then). Throws
     * {@link NotEvaluable} with the reason otherwise.
     */
    static void matchTwin(RunSummary run, RunSummary twin) {
        String name = run.scenario.name();
        String twinName = twin.scenario.name();
        if (run.programmes.isEmpty() || run.programmes.get(0).targets == null) {
            throw new NotEvaluable(name + "'s programme never started");
        }
        RunSummary.ProgrammeRecord p = run.programmes.get(0);
        if (twin.scenario.seed() != run.scenario.seed()) {
            throw new NotEvaluable("the twin " + twinName + " has seed " + twin.scenario.seed() + ", " + name + " seed "
                    + run.scenario.seed());
        }
        if (twin.neighbourhoods != run.neighbourhoods || twin.ticks != run.ticks) {
            throw new NotEvaluable("the twin " + twinName + " has " + twin.neighbourhoods + " neighbourhoods and "
                    + twin.ticks + " ticks, " + name + " " + run.neighbourhoods + " and " + run.ticks);
        }
        for (RunSummary.ProgrammeRecord q : twin.programmes) {
            if (q.targets != null) {
                throw new NotEvaluable("the twin " + twinName + " runs a programme of its own (" + q.name + ")");
            }
        }
        int[] expected = targetsIn(twin, run.scenario.programmes().get(0).targets(), p.startTick);
        if (!java.util.Arrays.equals(expected, p.targets)) {
            throw new NotEvaluable("the targets cannot be matched in the twin: " + name + "'s are "
                    + java.util.Arrays.toString(p.targets) + ", the same choice in " + twinName + " gives "
                    + java.util.Arrays.toString(expected));
        }
        for (int t = 0; t <= p.startTick; t++) {
            for (int j = 0; j < run.neighbourhoods; j++) {
                if (twin.escalationCost[t][j] != run.escalationCost[t][j]) {
                    throw new NotEvaluable("the twin " + twinName + " is not the same city as " + name
                            + " before the programme's start (escalation costs differ at tick " + t + ")");
                }
            }
        }
    }

    /** The neighbourhoods a programme's target rule picks in a run at a tick: the weakest by rank, or the named ones. */
    static int[] targetsIn(RunSummary r, org.wijklab.scenario.Programme.Targets rule, int tick) {
        if (rule.weakest() > 0) {
            // as policy.Targets chooses them: a stable sort on descending rank, the first ones, in index order
            Integer[] order = new Integer[r.neighbourhoods];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            java.util.Arrays.sort(order, (a, b) -> Integer.compare(r.rank[tick][b], r.rank[tick][a]));
            int[] t = new int[Math.min(rule.weakest(), order.length)];
            for (int k = 0; k < t.length; k++) {
                t[k] = order[k];
            }
            java.util.Arrays.sort(t);
            return t;
        }
        List<String> names = r.scenario.city().neighbourhoods().stream().map(Scenario.NeighbourhoodSpec::name).toList();
        return rule.names().stream().mapToInt(names::indexOf).sorted().toArray();
    }

    /** Per replication, the team area whose variant has the highest value of a per-run statistic. */
    private double[] bestArea(ToDoubleFunction<RunSummary> perEuro, String set) {
        double[] best = new double[settings.replications()];
        for (int rep = 0; rep < best.length; rep++) {
            double top = Double.NEGATIVE_INFINITY;
            best[rep] = Double.NaN;
            for (int area : AREAS) {
                double v = perEuro.applyAsDouble(of(set + area).get(rep));
                if (v > top) {
                    top = v;
                    best[rep] = area;
                }
            }
        }
        return best;
    }

    /** The expected (ledger) avoided costs per euro spent of a run's first programme, for the notes. */
    private static double expectedPerEuro(RunSummary r) {
        RunSummary.ProgrammeRecord p = r.programmes.get(0);
        return p.spent > 0 ? p.avoided / p.spent : Double.NaN;
    }

    /** Mean of a statistic over the replications for a note, or "NA" when a run cannot give it. */
    private static String mean(Supplier<double[]> values) {
        try {
            double m = java.util.Arrays.stream(values.get()).average().orElse(Double.NaN);
            return !Double.isFinite(m) ? "NA" : String.format(java.util.Locale.ROOT, Math.abs(m) >= 1000 ? "%,.0f" : "%.3g", m);
        } catch (NotEvaluable e) {
            return "NA";
        }
    }

    private String v5Note() {
        return "twin: the baseline of the same seed (same city and targets until the start); mean to the run's end "
                + mean(() -> each("wijkteam-integral", r -> realisedPerEuro(r, twinOf(NO_PROGRAMME, r), r.ticks, true)))
                + ", in the targets only start to end " + mean(() -> each("wijkteam-integral",
                        r -> realisedPerEuro(r, twinOf(NO_PROGRAMME, r), r.programmes.get(0).endTick, false)))
                + ", expected by the ledger " + mean(() -> each("wijkteam-integral", Validation::expectedPerEuro));
    }

    private String v8Note(String set) {
        return "areas tried: 2,500 to 100,000; realised in the city from start to end, each area against the baseline of "
                + "its seed; mean best area by the ledger's expected avoided costs "
                + mean(() -> bestArea(Validation::expectedPerEuro, set));
    }

    /** A column of the decomposition of the first programme's target set from its start to its end. */
    private static double programmeDecomposition(RunSummary r, String metric, String column) {
        RunSummary.ProgrammeRecord p = r.programmes.get(0);
        return r.decomposition(org.wijklab.observation.ErosionDecomposition.TARGETS_PREFIX + p.name, metric,
                p.startTick, p.endTick, column);
    }

    /** Spearman correlation over neighbourhoods of social-rent share and mean 5-year eroded income gain. */
    private static double cheapStockGradient(RunSummary r) {
        int period = 12 * r.scenario.output().decompositionYears();
        if (period > r.ticks) {
            throw new NotEvaluable("the run is shorter than one " + r.scenario.output().decompositionYears()
                    + "-year decomposition period");
        }
        double[] share = r.socialShare.clone();
        double[] eroded = new double[r.neighbourhoods];
        List<String> names = r.scenario.city().neighbourhoods().stream().map(Scenario.NeighbourhoodSpec::name).toList();
        for (int j = 0; j < r.neighbourhoods; j++) {
            double sum = 0;
            int n = 0;
            for (int t0 = 0; t0 + period <= r.ticks; t0 += period) {
                double v = r.decomposition(names.get(j), "income", t0, t0 + period, "eroded_gain");
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            eroded[j] = n == 0 ? 0 : sum / n;
        }
        return Statistics.spearman(share, eroded);
    }

    /** Ticks as years, for a message: whole years, or with one decimal. */
    private static String years(int ticks) {
        return ticks % 12 == 0 ? Integer.toString(ticks / 12) : String.format(java.util.Locale.ROOT, "%.1f", ticks / 12.0);
    }

    private static double monthsToFirstLoss(RunSummary r) {
        RunSummary.ProgrammeRecord p = r.programmes.get(0);
        double sum = 0;
        for (int m : p.firstLoss) {
            sum += m < 0 ? r.ticks - p.startTick : m;
        }
        return sum / p.firstLoss.length;
    }

    /** The replication of another scenario with the same seed; NA (not an error) when the suite has none. */
    private RunSummary twinOf(String key, RunSummary r) {
        List<RunSummary> list = of(key);
        if (list != null) {
            for (RunSummary s : list) {
                if (s.scenario.seed() == r.scenario.seed()) {
                    return s;
                }
            }
        }
        throw new NotEvaluable("no run of " + key + " with seed " + r.scenario.seed() + " to pair with");
    }

    /** The replication of another scenario with the same seed. */
    private RunSummary twin(String key, RunSummary r) {
        for (RunSummary s : of(key)) {
            if (s.scenario.seed() == r.scenario.seed()) {
                return s;
            }
        }
        throw new IllegalStateException("no run of " + key + " with seed " + r.scenario.seed());
    }
}
