package org.wijklab.experiment.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wijklab.experiment.BuildInfo;
import org.wijklab.experiment.Folders;
import org.wijklab.experiment.Progress;
import org.wijklab.experiment.SweepMetrics;
import org.wijklab.experiment.SweepRunner;
import org.wijklab.observation.Csv;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;
import org.wijklab.scenario.Sweep;

/**
 * Runs a calibration: the method proposes a generation of points in the unit cube; the generation
 * is written as a sweep file of design "points" ({@code gen-NN.json}) and run by
 * {@link SweepRunner} into {@code gen-NN/} (journal, resume, lock, progress, the same bytes for any
 * number of threads; the same seeds at every point: common random numbers); each point's mean
 * over the replications of every target's metric, standardised by the target's sd or tolerance,
 * is what the method observes. At the end the folder gets {@code generations.csv},
 * {@code posterior.csv} (ABC) or {@code front.csv} (NSGA-II), {@code targets.csv}, a report and a
 * complete manifest.
 * <p>
 * Resume: the same command on the same folder rebuilds the method by replaying the finished
 * generations (a method is deterministic, so it proposes the same points again: each
 * {@code gen-NN.json} must be those bytes, else the folder is refused), then continues. A
 * generation's folder may also be made elsewhere (shards, the Spark job, then {@code wijklab
 * merge} into {@code gen-NN/}): {@code prepare} writes the next generation's sweep file and stops.
 */
public final class CalibrationRunner {
    public static final String MANIFEST = "manifest.json";
    public static final String GENERATIONS = "generations.csv";
    public static final String POSTERIOR = "posterior.csv";
    public static final String FRONT = "front.csv";
    public static final String TARGETS = "targets.csv";
    public static final String REPORT = "report";

    /** Makes the method a calibration names, from its settings and seed. */
    @FunctionalInterface
    public interface MethodMaker {
        Method make(Calibration calibration);
    }

    /** Told when a generation starts running (not when it is replayed from its folder). */
    @FunctionalInterface
    public interface Listener {
        void generation(int generation, int points, int runs);

        Listener NONE = (g, p, r) -> {
        };
    }

    /**
     * What a calibrate command did: the generations finished, the runs made now, its wall time,
     * whether the folder was already complete, and, with prepare, the sweep file left to run (null
     * otherwise).
     */
    public record Result(Path dir, int generations, int runs, double wallSeconds, boolean alreadyComplete, Path prepared) {
    }

    private CalibrationRunner() {
    }

    /** The sweep file of generation g (from 1) in a calibration's folder. */
    public static Path generationFile(Path out, int g) {
        return out.resolve(String.format("gen-%02d.json", g));
    }

    /** The sweep folder of generation g (from 1) in a calibration's folder. */
    public static Path generationFolder(Path out, int g) {
        return out.resolve(String.format("gen-%02d", g));
    }

    public static Result run(Calibration cal, Path out, int threads, MethodMaker maker, Progress progress, Listener listener,
            String commandLine, boolean prepare) {
        try (Folders.Claim claim = Folders.claim(out)) {
            return runClaimed(cal, out, threads, maker, progress, listener, commandLine, prepare);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result runClaimed(Calibration cal, Path out, int threads, MethodMaker maker, Progress progress,
            Listener listener, String commandLine, boolean prepare) throws IOException {
        long t0 = System.nanoTime();
        Instant start = Instant.now();
        if (open(cal, out, commandLine, start)) {
            return new Result(out, 0, 0, 0.0, true, null);
        }
        Method method = maker.make(cal);
        List<Double> walls = new ArrayList<>();
        int runs = 0;
        for (int g = 1;; g++) {
            List<double[]> points = method.propose();
            if (points.isEmpty()) {
                break;
            }
            Path file = generationFile(out, g);
            Path dir = generationFolder(out, g);
            byte[] text = ScenarioLoader.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(cal.sweepFile(g, points));
            if (Files.exists(file)) {
                if (!Arrays.equals(Files.readAllBytes(file), text)) {
                    throw new ScenarioException("--out " + out + ": " + file.getFileName() + " is not the generation the "
                            + "method proposes when the generations before it are replayed (another build's method?); "
                            + "start a new --out");
                }
            } else {
                writeAtomically(file, text);
            }
            Sweep sweep = Sweep.load(file, SweepMetrics.names());
            JsonNode gm = manifest(dir);
            boolean complete = gm != null && gm.path("complete").asBoolean(false);
            if (complete) {
                if (!sweep.sha256().equals(gm.path("sweepSha256").asText()) || gm.path("shards").asInt(1) != 1) {
                    throw new ScenarioException("--out " + out + ": " + dir.getFileName() + "/ is not the whole sweep of "
                            + file.getFileName() + " (another sweep file, or a shard: merge the shards into it)");
                }
            } else if (prepare) {
                return new Result(out, g - 1, 0, (System.nanoTime() - t0) / 1e9, false, file);
            } else {
                listener.generation(g, sweep.points(), sweep.points() * sweep.replications());
                boolean keepRuns = gm != null && gm.path("keepRuns").asBoolean(false);
                SweepRunner.Result r = SweepRunner.run(sweep, dir, threads, keepRuns, progress, commandLine);
                runs += r.runs();
                gm = manifest(dir);
            }
            walls.add(gm == null ? Double.NaN : gm.path("wallSeconds").asDouble(Double.NaN));
            method.observe(deviations(cal, dir, points.size()));
            if (method.finished()) {
                break;
            }
        }
        finish(cal, out, method, walls, commandLine, start, (System.nanoTime() - t0) / 1e9);
        return new Result(out, walls.size(), runs, (System.nanoTime() - t0) / 1e9, false, null);
    }

    /**
     * Starts a folder (writes its manifest, not complete) or checks the one there: the same
     * calibration file and base; true when it is complete already.
     */
    private static boolean open(Calibration cal, Path out, String commandLine, Instant start) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ScenarioException("--out " + out + ": exists and is not a folder");
        }
        boolean empty = !Files.exists(out);
        if (!empty) {
            try (var s = Files.list(out)) {
                empty = s.findAny().isEmpty();
            }
        }
        if (empty) {
            Files.createDirectories(out);
            writeManifest(cal, out, commandLine, start, 0, 0.0, false);
            return false;
        }
        JsonNode m = manifest(out);
        if (m == null || !m.has("calibrationSha256")) {
            throw new ScenarioException("--out " + out + ": not empty and not a calibration's folder; give another --out");
        }
        if (!cal.sha256().equals(m.path("calibrationSha256").asText())) {
            throw new ScenarioException("--out " + out + ": holds calibration '" + m.path("calibration").asText()
                    + "' of another calibration file (SHA-256 differs; edited since?); start a new --out");
        }
        if (!cal.baseSha256().equals(m.path("baseScenarioSha256").asText())) {
            throw new ScenarioException("--out " + out + ": base scenario " + cal.baseFile().getFileName()
                    + " changed since this calibration started; start a new --out");
        }
        return m.path("complete").asBoolean(false);
    }

    private static JsonNode manifest(Path dir) {
        Path f = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return ScenarioLoader.mapper().readTree(f.toFile());
        } catch (IOException e) {
            throw new ScenarioException(f + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * Each point's standardised deviation per target from a finished generation's summary.csv:
     * (mean over the replications - observed) / sd or tolerance; NaN where no run had a value.
     */
    static double[][] deviations(Calibration cal, Path dir, int points) throws IOException {
        List<Calibration.Target> targets = cal.targets();
        double[][] d = new double[points][targets.size()];
        for (double[] row : d) {
            Arrays.fill(row, Double.NaN);
        }
        try (BufferedReader r = Files.newBufferedReader(dir.resolve(SweepRunner.SUMMARY), StandardCharsets.UTF_8)) {
            List<String> header = List.of(Csv.parse(r.readLine()));
            int pointColumn = header.indexOf("point");
            int metricColumn = header.indexOf("metric");
            int meanColumn = header.indexOf("mean");
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] cells = Csv.parse(line);
                int p = Integer.parseInt(cells[pointColumn]);
                for (int k = 0; k < targets.size(); k++) {
                    if (targets.get(k).metric().equals(cells[metricColumn]) && !cells[meanColumn].equals("NA")) {
                        d[p][k] = targets.get(k).deviation(Double.parseDouble(cells[meanColumn]));
                    }
                }
            }
        }
        return d;
    }

    /** generations.csv, posterior.csv or front.csv, targets.csv, the report, then the manifest marked complete. */
    private static void finish(Calibration cal, Path out, Method method, List<Double> walls, String commandLine,
            Instant start, double wall) throws IOException {
        boolean abc = cal.method().name().equals("abc");
        StringBuilder g = new StringBuilder(
                "generation,proposed,kept,tolerance,acceptance_rate,ess,best_distance,median_distance,wall_seconds\n");
        List<Method.GenerationSummary> gens = method.generations();
        // ABC's stop statistic: the share of a generation's new points within the previous tolerance
        // (kept / proposed would read 1 in every generation, as the kept set includes earlier particles)
        List<Double> rates = method instanceof AbcSmc a ? a.acceptanceRates() : List.of();
        for (int i = 0; i < gens.size(); i++) {
            Method.GenerationSummary s = gens.get(i);
            g.append(s.generation() + 1).append(',').append(s.proposed()).append(',').append(s.kept()).append(',')
                    .append(number(s.tolerance())).append(',')
                    .append(number(i < rates.size() ? rates.get(i) : Double.NaN)).append(',')
                    .append(number(s.effectiveSampleSize())).append(',')
                    .append(number(s.bestDistance())).append(',').append(number(s.medianDistance())).append(',')
                    .append(number(i < walls.size() ? walls.get(i) : Double.NaN)).append('\n');
        }
        writeAtomically(out.resolve(GENERATIONS), g.toString().getBytes(StandardCharsets.UTF_8));
        List<Method.Particle> particles = method.result();
        List<Calibration.Target> targets = cal.targets();
        List<Sweep.Parameter> parameters = cal.parameters();
        StringBuilder p = new StringBuilder("particle,generation");
        p.append(abc ? ",weight" : "").append(",distance");
        parameters.forEach(x -> p.append(',').append(x.name()));
        targets.forEach(t -> p.append(',').append(t.metric()));
        if (!abc) {
            targets.forEach(t -> p.append(',').append(t.metric()).append("_abs_deviation"));
        }
        p.append('\n');
        Sweep values = particles.isEmpty() ? null : cal.sweepOf(particles.stream().map(Method.Particle::point).toList());
        for (int i = 0; i < particles.size(); i++) {
            Method.Particle x = particles.get(i);
            p.append(i).append(',').append(x.generation() + 1);
            if (abc) {
                p.append(',').append(number(x.weight()));
            }
            p.append(',').append(number(x.distance()));
            for (int k = 0; k < parameters.size(); k++) {
                p.append(',').append(cell(values.valueNode(i, k)));
            }
            for (int k = 0; k < targets.size(); k++) {
                p.append(',').append(number(targets.get(k).simulated(x.deviations()[k])));
            }
            if (!abc) {
                for (int k = 0; k < targets.size(); k++) {
                    p.append(',').append(number(Math.abs(x.deviations()[k])));
                }
            }
            p.append('\n');
        }
        writeAtomically(out.resolve(abc ? POSTERIOR : FRONT), p.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder t = new StringBuilder("metric,observed,scale,scale_is,source,simulated_mean,low,high,interval\n");
        for (int k = 0; k < targets.size(); k++) {
            Calibration.Target target = targets.get(k);
            int kk = k;
            double[] sim = particles.stream().mapToDouble(x -> target.simulated(x.deviations()[kk])).toArray();
            double[] w = particles.stream().mapToDouble(x -> abc ? x.weight() : 1.0).toArray();
            double[] fit = abc ? weightedInterval(sim, w) : range(sim);
            t.append(target.metric()).append(',').append(number(target.observed())).append(',').append(number(target.scale()))
                    .append(',').append(target.tolerance() ? "tolerance" : "sd").append(',').append(text(target.source()))
                    .append(',').append(number(fit[0])).append(',').append(number(fit[1])).append(',').append(number(fit[2]))
                    .append(',').append(abc ? "the posterior's weighted mean and 95 % weighted interval"
                            : "the front's mean and range").append('\n');
        }
        writeAtomically(out.resolve(TARGETS), t.toString().getBytes(StandardCharsets.UTF_8));
        Path report = out.resolve(REPORT);
        if (Files.exists(report)) {
            Folders.deleteTree(report);
        }
        org.wijklab.report.CalibrationReport.write(out, report);
        writeManifest(cal, out, commandLine, start, gens.size(), wall, true);
    }

    /** Weighted mean and the weighted 2.5 % and 97.5 % quantiles (NaN values left out). */
    static double[] weightedInterval(double[] x, double[] w) {
        List<double[]> v = new ArrayList<>();
        double total = 0;
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && w[i] > 0) {
                v.add(new double[] {x[i], w[i]});
                total += w[i];
                sum += x[i] * w[i];
            }
        }
        if (v.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        v.sort((a, b) -> Double.compare(a[0], b[0]));
        return new double[] {sum / total, quantile(v, total, 0.025), quantile(v, total, 0.975)};
    }

    /** The smallest value whose cumulative weight reaches q of the total. */
    private static double quantile(List<double[]> sorted, double total, double q) {
        double c = 0;
        for (double[] x : sorted) {
            c += x[1];
            if (c >= q * total - 1e-12 * total) {
                return x[0];
            }
        }
        return sorted.get(sorted.size() - 1)[0];
    }

    private static double[] range(double[] x) {
        double[] y = Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
        if (y.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        return new double[] {Arrays.stream(y).average().orElse(Double.NaN), Arrays.stream(y).min().getAsDouble(),
            Arrays.stream(y).max().getAsDouble()};
    }

    private static void writeManifest(Calibration cal, Path out, String commandLine, Instant start, int generations,
            double wall, boolean complete) throws IOException {
        ObjectNode m = ScenarioLoader.mapper().createObjectNode();
        m.put("tool", "WijkLab");
        m.put("version", BuildInfo.version());
        m.put("gitCommit", BuildInfo.gitCommit());
        m.put("calibration", cal.name());
        m.put("description", cal.description());
        m.put("calibrationFile", cal.file().toAbsolutePath().normalize().toString());
        m.put("calibrationSha256", cal.sha256());
        m.put("base", cal.baseFile().getFileName().toString());
        m.put("baseScenarioSha256", cal.baseSha256());
        m.put("complete", complete);
        m.put("seed", cal.seed());
        m.put("replications", cal.replications());
        m.put("seeds", "each generation's sweep: base seed + replication (0-" + (cal.replications() - 1)
                + "), the same at every point of every generation (common random numbers)");
        ObjectNode method = m.putObject("method");
        Calibration.MethodSettings s = cal.method();
        method.put("name", s.name());
        method.put("population", s.population());
        if (s.name().equals("abc")) {
            method.put("alpha", s.alpha());
            method.put("minAcceptance", s.minAcceptance());
            method.put("maxGenerations", s.maxGenerations());
            ArrayNode tol = method.putArray("tolerances");
            Arrays.stream(s.tolerances()).forEach(tol::add);
        } else {
            method.put("generations", s.generations());
        }
        ArrayNode params = m.putArray("parameters");
        for (Sweep.Parameter p : cal.parameters()) {
            ObjectNode q = params.addObject();
            q.put("name", p.name());
            ArrayNode paths = q.putArray("paths");
            p.paths().forEach(x -> paths.add(x.toString()));
            if (p.isRange()) {
                q.putArray("range").add(p.low()).add(p.high());
                q.put("integer", p.integer());
            } else {
                ArrayNode values = q.putArray("values");
                p.values().forEach(values::add);
            }
        }
        ArrayNode ts = m.putArray("targets");
        for (Calibration.Target t : cal.targets()) {
            ObjectNode q = ts.addObject();
            q.put("metric", t.metric());
            q.put("description", SweepMetrics.description(t.metric()));
            q.put("observed", t.observed());
            q.put(t.tolerance() ? "tolerance" : "sd", t.scale());
            q.put("source", t.source());
        }
        m.put("generations", generations);
        m.put("startTime", start.truncatedTo(ChronoUnit.MILLIS).toString());
        m.put("endTime", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        m.put("wallSeconds", Math.round(wall * 1000) / 1000.0);
        m.put("commandLine", commandLine);
        writeAtomically(out.resolve(MANIFEST), ScenarioLoader.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
    }

    /** Written beside and moved into place: a file under its name is always whole. */
    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".partial");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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

    private static String cell(JsonNode value) {
        return value.isTextual() ? text(value.asText()) : text(value.toString());
    }

    private static String text(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
