package org.wijklab.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;
import org.wijklab.scenario.ScenarioPath;
import org.wijklab.scenario.Sweep;

/**
 * Runs a sweep: every point of its design, each with the sweep's replications (seed = the base's
 * seed + replication, the same at every point), one model per thread, and writes its folder:
 * <ul>
 * <li>{@code runs.csv}: a row per run in run order ({@code run_id} = point × replications +
 * replication), with the point's parameter values and the run's metrics ({@link SweepMetrics});</li>
 * <li>{@code summary.csv}: per point and metric the replications' n, mean, standard deviation and
 * 95 % confidence interval, and, with a reference point, the paired difference (same seeds) from it
 * with its interval and the number of pairs it is over;</li>
 * <li>{@code manifest.json}: the sweep, its file's SHA-256, the parameters, metrics, seeds, the
 * program's version and the command;</li>
 * <li>{@code runs/point-P/rep-R/}: each run's usual folder, unless the runs are not kept.</li>
 * </ul>
 * A run's metrics are computed while it runs and nothing else of it is kept, and at most a few
 * runs per thread are in flight, so memory does not grow with the number of runs; rows are written
 * in run order whatever the number of threads, so the files are the same bytes for any number.
 * The folder is written whole or not at all.
 */
public final class SweepRunner {
    public static final String RUNS = "runs.csv";
    public static final String SUMMARY = "summary.csv";
    public static final String MANIFEST = "manifest.json";
    public static final String SENSITIVITY = "sensitivity.csv";
    public static final String NOISE = "noise.csv";

    /** What a sweep command did: runs made now, their wall time, and whether the folder was already complete. */
    public record Result(Path dir, int runs, double wallSeconds, boolean alreadyComplete) {
    }

    private SweepRunner() {
    }

    /**
     * The seed of a run: the base scenario's seed plus the replication, plus, in a design with the
     * dummy parameter, {@link Sweep#STREAM_STRIDE} times the point's dummy stream. Points that share
     * the dummy's value share seeds (common random numbers between a point and the points that move
     * another parameter from it), and a step in the dummy changes nothing but the random stream, so
     * the dummy's index is what the seed alone gives: the noise floor.
     */
    public static long seed(Sweep sweep, int point, int replication) {
        return Replicator.seed(sweep.base().seed() + Sweep.STREAM_STRIDE * sweep.stream(point), replication);
    }

    public static Result run(Sweep sweep, Path out, int threads, boolean keepRuns, Progress progress, String commandLine) {
        return run(sweep, out, threads, keepRuns, progress, commandLine, 0, 1, null);
    }

    public static Result run(Sweep sweep, Path out, int threads, boolean keepRuns, Progress progress, String commandLine,
            int shard, int shards) {
        return run(sweep, out, threads, keepRuns, progress, commandLine, shard, shards, null);
    }

    /**
     * Adaptive replications, by Stein's two-stage procedure: every point runs a first stage of
     * {@link #firstStage} replications (the sweep's, at least {@link Statistics#STEIN_FIRST_STAGE});
     * its first metric's standard deviation s there sets the point's total
     * N = max(n0, ceil((t_{n0-1, 0.975} s / ciWidth)^2)), at most {@code maxReplications}, and
     * summary.csv's intervals use t on n0 - 1 degrees of freedom and the first stage's s (exact 95 %
     * coverage for normal values; {@link Statistics#stein}).
     */
    public record Adaptive(double ciWidth, int maxReplications) {
        /** The first stage's replications: the sweep's own, raised to {@link Statistics#STEIN_FIRST_STAGE}. */
        public int firstStage(Sweep sweep) {
            return Math.max(sweep.replications(), Statistics.STEIN_FIRST_STAGE);
        }
    }

    /** Replications a point may have: the sweep's, or the adaptive maximum. Run ids are point × this + replication. */
    static int stride(Sweep sweep, Adaptive adaptive) {
        return adaptive == null ? sweep.replications() : Math.max(adaptive.firstStage(sweep), adaptive.maxReplications());
    }

    /** The replications every point runs before adaptive rounds (all of them without). */
    static int firstStage(Sweep sweep, Adaptive adaptive) {
        return adaptive == null ? sweep.replications() : adaptive.firstStage(sweep);
    }

    /**
     * Runs shard {@code shard} of {@code shards} (the runs whose id modulo shards is shard; 0 of 1 is
     * the whole sweep) into out. The folder keeps a journal of finished runs ({@code runs.journal},
     * one flushed row each, in the order they finish), so the same command on the same folder after
     * a kill or Ctrl-C runs only what is missing: a row is written only for a run that finished, a
     * half-written last row is dropped, a half-written run folder is removed. When every run of the
     * shard is in the journal, runs.csv is written in run order (and, for a whole sweep, summary.csv,
     * sensitivity.csv) and the manifest marks the folder complete; the journal goes. A folder of
     * another sweep file, or of another shard, is refused. With {@code adaptive}, replications are
     * added in rounds (whole sweeps only); which runs a round adds depends only on the runs before
     * it, so a resumed adaptive sweep makes the same runs.
     */
    public static Result run(Sweep sweep, Path out, int threads, boolean keepRuns, Progress progress, String commandLine,
            int shard, int shards, Adaptive adaptive) {
        return run(sweep, out, new LocalExecutor(threads), keepRuns, progress, commandLine, shard, shards, adaptive);
    }

    /**
     * As {@link #run(Sweep, Path, int, boolean, Progress, String, int, int, Adaptive)}, with the
     * runs made by {@code executor} (this JVM's threads, or a cluster): the folder, its journal,
     * resume, shards, adaptive rounds and the files written are the same whoever makes the runs.
     */
    public static Result run(Sweep sweep, Path out, RunExecutor executor, boolean keepRuns, Progress progress,
            String commandLine, int shard, int shards, Adaptive adaptive) {
        if (adaptive != null && shards > 1) {
            throw new ScenarioException("adaptive replications and --shard: choose one");
        }
        if (adaptive != null && (sweep.design().equals("morris") || sweep.design().equals("sobol"))) {
            throw new ScenarioException("adaptive replications and a " + sweep.design() + " design: choose one (its "
                    + "indices pair points run on the same seeds, and adaptive points get different numbers of them)");
        }
        if (adaptive != null && adaptive.maxReplications() < adaptive.firstStage(sweep)) {
            throw new ScenarioException("adaptive replications: a maximum of " + adaptive.maxReplications()
                    + " is below the first stage's " + adaptive.firstStage(sweep));
        }
        if (keepRuns && !executor.keepsRunFolders()) {
            throw new ScenarioException("this runner keeps no run folders: use --runs none");
        }
        // one sweep per folder: a second one on the same folder is refused while this one runs
        try (Folders.Claim claim = Folders.claim(out)) {
            return runClaimed(sweep, out, executor, keepRuns, progress, commandLine, shard, shards, adaptive);
        }
    }

    private static Result runClaimed(Sweep sweep, Path out, RunExecutor executor, boolean keepRuns, Progress progress,
            String commandLine, int shard, int shards, Adaptive adaptive) {
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        List<String> metrics = sweep.metrics();
        int stride = stride(sweep, adaptive);
        SweepFolder folder = SweepFolder.open(out, sweep, shard, shards, keepRuns, stride, adaptive);
        if (folder.complete()) {
            return new Result(out, 0, 0.0, true);
        }
        List<Integer> round = new ArrayList<>();
        int first = firstStage(sweep, adaptive);
        for (int p = 0; p < sweep.points(); p++) {
            for (int r = 0; r < first; r++) {
                int id = p * stride + r;
                if (id % shards == shard) {
                    round.add(id);
                }
            }
        }
        int made = 0;
        try {
            while (!round.isEmpty()) {
                List<Integer> todo = round.stream().filter(id -> !folder.recorded(id)).toList();
                int total = folder.recordedCount() + todo.size();
                int[] done = {folder.recordedCount()};
                progress.update(done[0], total);
                executor.runAll(sweep, todo, stride, keepRuns ? out : null, commandLine, (id, values) -> {
                    folder.record(row(sweep, id, stride, values), values[0]);
                    progress.update(++done[0], total);
                });
                made += todo.size();
                round = adaptive == null ? List.of() : nextRound(sweep, folder, stride, adaptive);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            folder.closeJournal();
        }
        try {
            Path runs = out.resolve(RUNS);
            folder.writeSorted(header(sweep, metrics), runs);
            if (shards == 1) {
                finish(sweep, metrics, out, stride, adaptive == null ? 0 : first);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            writeManifest(sweep, metrics, out.resolve(MANIFEST), start, wall, keepRuns, commandLine, shard, shards, true,
                    adaptive);
            folder.deleteJournal();
            return new Result(out, made, wall, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes runs on this JVM's threads, at most a few in flight per thread, handing them over in the order given. */
    static final class LocalExecutor implements RunExecutor {
        private final int threads;

        LocalExecutor(int threads) {
            this.threads = Math.max(1, threads);
        }

        @Override
        public void runAll(Sweep sweep, List<Integer> ids, int stride, Path runFolders, String commandLine, Done done)
                throws InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "wijklab-sweep");
                t.setDaemon(true);
                return t;
            });
            try {
                Deque<Future<double[]>> inFlight = new ArrayDeque<>();
                Deque<Integer> order = new ArrayDeque<>();
                int next = 0;
                int window = 4 * threads;
                List<String> metrics = sweep.metrics();
                while (next < ids.size() || !inFlight.isEmpty()) {
                    while (next < ids.size() && inFlight.size() < window) {
                        int id = ids.get(next++);
                        order.add(id);
                        inFlight.add(pool.submit(() -> one(sweep, id, stride, runFolders, metrics, commandLine)));
                    }
                    double[] values = inFlight.removeFirst().get();
                    done.finished(order.removeFirst(), values);
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * The second stage of every point whose first stage is recorded and asks for more: the runs of
     * replications n0 to {@link Statistics#steinTotal} - 1 not yet recorded. It depends only on the
     * first stage's values (in replication order), so it is the same on a resumed sweep and is empty
     * once the second stage is recorded. A first metric that is NA in every first-stage run of every
     * point is refused.
     */
    private static List<Integer> nextRound(Sweep sweep, SweepFolder folder, int stride, Adaptive adaptive) {
        List<Integer> out = new ArrayList<>();
        int n0 = adaptive.firstStage(sweep);
        boolean anyValue = false;
        for (int p = 0; p < sweep.points(); p++) {
            double[] first = folder.firstMetric(p, n0);
            anyValue |= first.length > 0;
            int total = Statistics.steinTotal(first, adaptive.ciWidth(), adaptive.maxReplications());
            for (int r = n0; r < total; r++) {
                if (!folder.recorded(p * stride + r)) {
                    out.add(p * stride + r);
                }
            }
        }
        if (!anyValue) {
            // no interval anywhere to narrow: refused rather than a sweep that silently stops at its own replications
            throw new ScenarioException("--ci-width: the sweep's first metric '" + sweep.metrics().get(0)
                    + "', which adaptive replications watch, is NA in every run of every point; put a metric the runs "
                    + "have first in sweep.metrics (the runs made are kept in this --out)");
        }
        return out;
    }

    /** summary.csv and, for designs that have them, sensitivity.csv from a folder's complete runs.csv. */
    static void finish(Sweep sweep, List<String> metrics, Path out, int stride) throws IOException {
        finish(sweep, metrics, out, stride, 0);
    }

    /**
     * As {@link #finish(Sweep, List, Path, int)}; with {@code steinFirstStage} > 0 (adaptive
     * replications) summary.csv's intervals are Stein's on that first stage.
     */
    static void finish(Sweep sweep, List<String> metrics, Path out, int stride, int steinFirstStage) throws IOException {
        double[][] means = writeSummary(sweep, metrics, out.resolve(RUNS), out.resolve(SUMMARY), stride, steinFirstStage);
        if (sweep.design().equals("morris") || sweep.design().equals("sobol")) {
            double[][][] runs = runs(sweep, metrics, out.resolve(RUNS));
            writeSensitivity(sweep, metrics, means, runs, out.resolve(SENSITIVITY));
            writeNoise(sweep, metrics, runs, out.resolve(NOISE));
        }
    }

    /** One run: its metrics (and its folder, when runs are kept). */
    private static double[] one(Sweep sweep, int id, int stride, Path folder, List<String> metrics, String commandLine) {
        int point = id / stride;
        int replication = id % stride;
        Scenario s = scenario(sweep, id, stride);
        if (folder == null) {
            return measure(s, metrics, sweep.counterfactual());
        }
        RunSummary summary = new RunSummary(s);
        if (sweep.counterfactual()) {
            summary.keepLeak();
        }
        Path dir = folder.resolve("runs").resolve(String.format("point-%04d", point))
                .resolve(String.format("rep-%03d", replication));
        Runner.run(s, sweep.file() + " point " + point, dir, commandLine, 1, summary);
        if (sweep.counterfactual()) {
            // the twin's folder is not kept: its part of the run is in the run's paired metrics
            pair(summary, metrics);
        }
        return SweepMetrics.compute(summary, metrics);
    }

    /**
     * Runs a run's counterfactual twin (its scenario without programmes, its seed) on this thread and
     * pairs the two ({@link PairedMetrics}); a pair that has no value for a reason the scenario does
     * not already give ({@link SweepMetrics#unavailable}), such as a twin that is not the same city
     * until the start, says so on standard error (the metrics are NA).
     */
    static void pair(RunSummary run, List<String> metrics) {
        RunSummary twin = new RunSummary(run.scenario.withoutProgrammes()).keepLeak();
        WarmUpCache.start(twin.scenario, 1, twin::attach).stepToEnd();
        twin.finished();
        run.paired = PairedMetrics.of(run, twin);
        for (String name : metrics) {
            String why = SweepMetrics.paired(name) ? run.paired.reason(name) : null;
            if (why != null && SweepMetrics.unavailable(name, run.scenario, true) == null) {
                System.err.println("warning: " + run.scenario.name() + " seed " + run.scenario.seed()
                        + ": the paired metrics are NA: " + why);
                break;
            }
        }
    }

    /** The scenario of a run: its point's scenario with its replication's seed. */
    public static Scenario scenario(Sweep sweep, int id, int stride) {
        return sweep.scenario(id / stride).withSeed(seed(sweep, id / stride, id % stride));
    }

    /** Runs a scenario to its end, keeping nothing but the named metrics ({@link SweepMetrics}). */
    public static double[] measure(Scenario scenario, List<String> metrics) {
        return measure(scenario, metrics, false);
    }

    /** The same, with {@code counterfactual}: then its twin too, on the same thread, for the paired metrics. */
    public static double[] measure(Scenario scenario, List<String> metrics, boolean counterfactual) {
        RunSummary summary = new RunSummary(scenario);
        if (counterfactual) {
            summary.keepLeak();
        }
        WarmUpCache.start(scenario, 1, summary::attach).stepToEnd();
        summary.finished();
        if (counterfactual) {
            pair(summary, metrics);
        }
        return SweepMetrics.compute(summary, metrics);
    }

    static String header(Sweep sweep, List<String> metrics) {
        List<String> h = new ArrayList<>(List.of("run_id", "point", "replication", "seed"));
        sweep.parameters().forEach(p -> h.add(p.name()));
        h.addAll(metrics);
        return String.join(",", h) + "\n";
    }

    static String row(Sweep sweep, int id, int stride, double[] values) {
        int point = id / stride;
        int replication = id % stride;
        StringBuilder b = new StringBuilder();
        b.append(id).append(',').append(point).append(',').append(replication).append(',').append(seed(sweep, point, replication));
        for (int k = 0; k < sweep.parameters().size(); k++) {
            b.append(',').append(cell(sweep.value(point, k)));
        }
        for (double v : values) {
            b.append(',').append(number(v));
        }
        return b.append('\n').toString();
    }

    /** A parameter's value as a CSV cell: JSON text, quoted when it holds a comma or quote. */
    private static String cell(String json) {
        return json.indexOf(',') >= 0 || json.indexOf('"') >= 0 ? '"' + json.replace("\"", "\"\"") + '"' : json;
    }

    /** A number in its shortest exact form, or NA. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "NA";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).toPlainString();
    }

    /** Running mean and squared deviations (Welford), NaN values left out. */
    private static final class Moments {
        long n;
        double mean;
        double m2;

        void add(double x) {
            if (Double.isNaN(x)) {
                return;
            }
            n++;
            double d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
        }

        double sd() {
            return n > 1 ? Math.sqrt(m2 / (n - 1)) : Double.NaN;
        }

        /** The 95 % t interval's half-width; NaN (NA) for one value, or for values all equal: no zero-width interval. */
        double halfWidth() {
            return n > 1 && m2 > 0 ? Statistics.t975(n - 1) * sd() / Math.sqrt(n) : Double.NaN;
        }
    }

    /** Stein's half-width for n values from a first stage's moments: NaN when its sd is 0 or undefined. */
    private static double stein(Moments first, long n) {
        double sd = first.sd();
        return first.n > 1 && sd > 0 && n > 0 ? Statistics.t975(first.n - 1) * sd / Math.sqrt(n) : Double.NaN;
    }

    /**
     * summary.csv from runs.csv, read twice as a stream: the points' moments, then (with a
     * reference point) the paired differences from the reference's run of the same replication.
     */
    static double[][] writeSummary(Sweep sweep, List<String> metrics, Path runsFile, Path summaryFile, int stride)
            throws IOException {
        return writeSummary(sweep, metrics, runsFile, summaryFile, stride, 0);
    }

    /**
     * With {@code steinFirstStage} n0 > 0 (adaptive replications) every interval, of a mean and of a
     * paired difference, is Stein's: the mean of all the point's runs with half-width
     * t_{n0-1, 0.975} s0 / sqrt(n), s0 the standard deviation of replications 0 to n0 - 1 (the first
     * stage, common to every point); NA when s0 is 0 or rests on fewer than two values.
     */
    static double[][] writeSummary(Sweep sweep, List<String> metrics, Path runsFile, Path summaryFile, int stride,
            int steinFirstStage) throws IOException {
        int m = metrics.size();
        int first = 4 + sweep.parameters().size();
        Moments[][] moments = new Moments[sweep.points()][m];
        Moments[][] differences = new Moments[sweep.points()][m];
        Moments[][] firstMoments = new Moments[sweep.points()][m];
        Moments[][] firstDifferences = new Moments[sweep.points()][m];
        double[][] reference = new double[stride][m];
        for (double[] r : reference) {
            java.util.Arrays.fill(r, Double.NaN);
        }
        for (int p = 0; p < sweep.points(); p++) {
            for (int k = 0; k < m; k++) {
                moments[p][k] = new Moments();
                differences[p][k] = new Moments();
                firstMoments[p][k] = new Moments();
                firstDifferences[p][k] = new Moments();
            }
        }
        forEachRow(runsFile, first, m, (point, replication, values) -> {
            for (int k = 0; k < m; k++) {
                moments[point][k].add(values[k]);
                if (replication < steinFirstStage) {
                    firstMoments[point][k].add(values[k]);
                }
            }
            if (point == sweep.reference()) {
                reference[replication] = values.clone();
            }
        });
        if (sweep.reference() >= 0) {
            forEachRow(runsFile, first, m, (point, replication, values) -> {
                for (int k = 0; k < m; k++) {
                    differences[point][k].add(values[k] - reference[replication][k]);
                    if (replication < steinFirstStage) {
                        firstDifferences[point][k].add(values[k] - reference[replication][k]);
                    }
                }
            });
        }
        try (BufferedWriter w = Files.newBufferedWriter(summaryFile, StandardCharsets.UTF_8)) {
            List<String> h = new ArrayList<>(List.of("point"));
            sweep.parameters().forEach(p -> h.add(p.name()));
            h.addAll(List.of("metric", "n", "mean", "sd", "ci_low", "ci_high", "difference", "difference_ci_low",
                    "difference_ci_high", "difference_n"));
            w.write(String.join(",", h) + "\n");
            for (int p = 0; p < sweep.points(); p++) {
                for (int k = 0; k < m; k++) {
                    Moments x = moments[p][k];
                    Moments d = differences[p][k];
                    StringBuilder b = new StringBuilder().append(p);
                    for (int q = 0; q < sweep.parameters().size(); q++) {
                        b.append(',').append(cell(sweep.value(p, q)));
                    }
                    double mean = x.n > 0 ? x.mean : Double.NaN;
                    double half = steinFirstStage > 0 ? stein(firstMoments[p][k], x.n) : x.halfWidth();
                    b.append(',').append(metrics.get(k)).append(',').append(x.n).append(',').append(number(mean))
                            .append(',').append(number(x.sd())).append(',').append(number(mean - half))
                            .append(',').append(number(mean + half));
                    boolean paired = sweep.reference() >= 0 && d.n > 0;
                    double dHalf = steinFirstStage > 0 ? stein(firstDifferences[p][k], d.n) : d.halfWidth();
                    b.append(',').append(paired ? number(d.mean) : "NA").append(',')
                            .append(paired ? number(d.mean - dHalf) : "NA").append(',')
                            .append(paired ? number(d.mean + dHalf) : "NA").append(',')
                            // the pairs the difference is over: replications where both this point and the reference have a value
                            .append(sweep.reference() >= 0 ? d.n : 0);
                    w.write(b.append('\n').toString());
                }
            }
        }
        double[][] means = new double[sweep.points()][m];
        for (int p = 0; p < sweep.points(); p++) {
            for (int k = 0; k < m; k++) {
                means[p][k] = moments[p][k].n > 0 ? moments[p][k].mean : Double.NaN;
            }
        }
        return means;
    }

    /**
     * Every run's metrics as runs[metric][point][replication], for the sweep's own replications
     * 0..R-1 (the same at every point, so the seeds line up; adaptive extras are left out), NaN where
     * a run has none.
     */
    private static double[][][] runs(Sweep sweep, List<String> metrics, Path runsFile) throws IOException {
        int reps = sweep.replications();
        double[][][] runs = new double[metrics.size()][sweep.points()][reps];
        for (double[][] m : runs) {
            for (double[] p : m) {
                java.util.Arrays.fill(p, Double.NaN);
            }
        }
        forEachRow(runsFile, 4 + sweep.parameters().size(), metrics.size(), (point, replication, values) -> {
            if (replication < reps) {
                for (int k = 0; k < values.length; k++) {
                    runs[k][point][replication] = values[k];
                }
            }
        });
        return runs;
    }

    /**
     * noise.csv: per metric, a single run's seed-noise variance (pooled over the points' replications),
     * the variance of all single runs, and the noise share, their ratio ({@link Sensitivity#noise}).
     */
    private static void writeNoise(Sweep sweep, List<String> metrics, double[][][] runs, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("design,metric,replications,noise_variance,total_variance,noise_share,reason\n");
            for (int k = 0; k < metrics.size(); k++) {
                Sensitivity.Noise x = Sensitivity.noise(runs[k]);
                w.write(sweep.design() + "," + metrics.get(k) + "," + sweep.replications() + "," + number(x.variance()) + ","
                        + number(x.total()) + "," + number(x.share()) + "," + cell(x.reason()) + "\n");
            }
        }
    }

    /**
     * sensitivity.csv: Morris's indices per metric and parameter from the points' means, Sobol's from
     * the runs, corrected for seed noise.
     */
    private static void writeSensitivity(Sweep sweep, List<String> metrics, double[][] means, double[][][] runs, Path file)
            throws IOException {
        List<String> names = sweep.parameters().stream().map(Sweep.Parameter::name).toList();
        double[][] unit = new double[sweep.points()][];
        double[][] scaled = new double[sweep.points()][];
        for (int p = 0; p < sweep.points(); p++) {
            unit[p] = sweep.unit(p);
            scaled[p] = sweep.scaled(p);
        }
        // Sobol's check that A and B differ in a parameter compares the values the runs had, not the
        // coordinates: two coordinates can give one value (a list of categories, a range of whole numbers)
        double[][] values = new double[sweep.points()][names.size()];
        for (int q = 0; q < names.size(); q++) {
            java.util.Map<String, Integer> seen = new java.util.HashMap<>();
            for (int p = 0; p < sweep.points(); p++) {
                values[p][q] = seen.computeIfAbsent(sweep.value(p, q), v -> seen.size());
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("design,metric,parameter,index,value,ci_low,ci_high,reason\n");
            for (int k = 0; k < metrics.size(); k++) {
                double[] f = new double[sweep.points()];
                for (int p = 0; p < f.length; p++) {
                    f[p] = means[p][k];
                }
                List<Sensitivity.Index> indices = sweep.design().equals("morris")
                        ? Sensitivity.morris(metrics.get(k), names, unit, scaled, f, sweep.trajectories())
                        : Sensitivity.sobol(metrics.get(k), names, values, runs[k], sweep.samples());
                for (Sensitivity.Index x : indices) {
                    w.write(sweep.design() + "," + x.metric() + "," + cell(x.parameter()) + "," + x.index() + ","
                            + number(x.value()) + "," + number(x.low()) + "," + number(x.high()) + "," + cell(x.reason())
                            + "\n");
                }
            }
        }
    }

    private interface RowVisitor {
        void visit(int point, int replication, double[] values);
    }

    private static void forEachRow(Path runsFile, int first, int m, RowVisitor visitor) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(runsFile, StandardCharsets.UTF_8)) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                List<String> cells = splitCsv(line);
                double[] values = new double[m];
                for (int k = 0; k < m; k++) {
                    String c = cells.get(first + k);
                    values[k] = c.equals("NA") ? Double.NaN : Double.parseDouble(c);
                }
                visitor.visit(Integer.parseInt(cells.get(1)), Integer.parseInt(cells.get(2)), values);
            }
        }
    }

    /** Splits a CSV line written by {@link #row} (quoted cells may hold commas). */
    static List<String> splitCsv(String line) {
        String[] cells = org.wijklab.observation.Csv.parse(line);
        if (cells == null) {
            throw new IllegalStateException("a half-written row: " + line);
        }
        return List.of(cells);
    }

    /**
     * The version of how a sweep's design points and adaptive replications are drawn: a folder started
     * under another version is never resumed or merged (its points and runs would mix two designs).
     * 2: Morris directions drawn per parameter and levels mapped exactly to values, Sobol scrambled
     * with designSeed, a dummy parameter in Morris and Sobol designs, adaptive replications by Stein's two
     * stages; a manifest without it is version 1.
     */
    public static final int METHODS_VERSION = 2;

    /** Refuses a sweep folder or shard whose manifest was written under other design and replication rules. */
    static void checkMethodsVersion(com.fasterxml.jackson.databind.JsonNode manifest, String what) {
        int v = manifest.path("methodsVersion").asInt(1);
        if (v != METHODS_VERSION) {
            throw new org.wijklab.scenario.ScenarioException(what + ": was started by a WijkLab that draws sweep designs and "
                    + "adaptive replications another way (methods version " + v + ", this build " + METHODS_VERSION
                    + "); its runs cannot be joined with this build's: start a new --out");
        }
    }

    static void writeManifest(Sweep sweep, List<String> metrics, Path file, Instant start, double wall,
            boolean keepRuns, String commandLine, int shard, int shards, boolean complete, Adaptive adaptive)
            throws IOException {
        ObjectNode m = ScenarioLoader.mapper().createObjectNode();
        m.put("tool", "WijkLab");
        m.put("version", BuildInfo.version());
        m.put("gitCommit", BuildInfo.gitCommit());
        m.put("sweep", sweep.name());
        m.put("description", sweep.description());
        m.put("sweepFile", sweep.file().toAbsolutePath().normalize().toString());
        m.put("sweepSha256", sweep.sha256());
        m.put("shard", shard);
        m.put("shards", shards);
        m.put("complete", complete);
        m.put("base", sweep.baseFile().getFileName().toString());
        m.put("baseScenarioSha256", ScenarioLoader.sha256(sweep.base()));
        m.put("design", sweep.design());
        m.put("counterfactual", sweep.counterfactual());
        if (sweep.counterfactual()) {
            m.put("twins", "every run has a twin: its scenario without programmes on its seed, run in the same work unit "
                    + "for the paired metrics; the twins' folders are not kept");
        }
        m.put("methodsVersion", METHODS_VERSION);
        if (sweep.samples() > 0) {
            m.put("samples", sweep.samples());
        }
        if (sweep.trajectories() > 0) {
            m.put("trajectories", sweep.trajectories());
            m.put("levels", sweep.levels());
            if (sweep.candidates() > 0) {
                m.put("candidates", sweep.candidates());
            }
        }
        m.put("points", sweep.points());
        m.put("replications", sweep.replications());
        if (adaptive != null) {
            m.put("ciWidth", adaptive.ciWidth());
            m.put("maxReplications", adaptive.maxReplications());
            m.put("runIds", "point x " + stride(sweep, adaptive) + " + replication");
        } else {
            m.put("runs", sweep.points() * sweep.replications());
        }
        if (adaptive != null) {
            int n0 = adaptive.firstStage(sweep);
            m.put("firstStage", n0);
            m.put("seeds", "base seed " + sweep.base().seed() + " + replication: replications 0-" + (n0 - 1)
                    + " (the first stage) at every point, then up to n - 1 at a point of n replications (at most "
                    + stride(sweep, adaptive) + "; n is the point's rows in runs.csv)");
            m.put("intervals", "Stein's two-stage: a point's n = max(" + n0 + ", ceil((t(" + (n0 - 1)
                    + ") s / ciWidth)^2)), at most maxReplications, s the first metric's sd over the first stage; "
                    + "each interval is the mean of the n runs +/- t(" + (n0 - 1) + ", 0.975) s0 / sqrt(n), s0 that "
                    + "metric's (or difference's) sd over the first stage; NA when s0 is 0");
        } else {
            m.put("seeds", sweep.hasDummy()
                    ? "base seed " + sweep.base().seed() + " + " + Sweep.STREAM_STRIDE + " x the point's dummy stream + replication (0-"
                    + (sweep.replications() - 1) + "), the same at every point with the same dummy value"
                    : "base seed " + sweep.base().seed() + " + replication (0-" + (sweep.replications() - 1)
                    + "), the same at every point");
        }
        if (sweep.reference() >= 0) {
            m.put("reference", sweep.reference());
        }
        ArrayNode params = m.putArray("parameters");
        for (Sweep.Parameter p : sweep.parameters()) {
            ObjectNode q = params.addObject();
            q.put("name", p.name());
            if (p.designOnly()) {
                q.put("designOnly", "the dummy: set nowhere in the scenario, never read by the model; its value picks "
                        + "the random stream, so its index is the noise floor");
            }
            ArrayNode paths = q.putArray("paths");
            for (ScenarioPath path : p.paths()) {
                paths.add(path.toString());
            }
            if (p.isRange()) {
                ArrayNode range = q.putArray("range");
                range.add(p.low());
                range.add(p.high());
                q.put("integer", p.integer());
            } else {
                ArrayNode values = q.putArray("values");
                p.values().forEach(values::add);
            }
        }
        ObjectNode ms = m.putObject("metrics");
        for (String name : metrics) {
            ms.put(name, SweepMetrics.description(name));
        }
        m.put("runFolders", keepRuns ? "runs/point-P/rep-R" : "not kept");
        m.put("keepRuns", keepRuns);
        m.put("startTime", start.truncatedTo(ChronoUnit.MILLIS).toString());
        m.put("endTime", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        m.put("wallSeconds", Math.round(wall * 1000) / 1000.0);
        m.put("commandLine", commandLine);
        try {
            ScenarioLoader.mapper().writeValue(file.toFile(), m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
