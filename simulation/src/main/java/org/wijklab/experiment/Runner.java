package org.wijklab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wijklab.model.WijkLabModel;
import org.wijklab.observation.OutputFile;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * Runs one scenario with its seed and writes its output folder. The files are written into a
 * hidden sibling folder and moved into place when complete, so a folder either holds a whole run
 * or does not exist. Everything but the manifest's clock and machine fields is a function of the
 * scenario and seed. A run can write checkpoints as it goes and be resumed from one ({@link
 * #resume}).
 */
public final class Runner {
    public static final String NEIGHBOURHOODS = "neighbourhoods.csv";
    public static final String CITY = "city.csv";
    public static final String DECOMPOSITION = "decomposition.csv";
    public static final String SERVICES = "services.csv";
    public static final String COSTS = "costs.csv";
    public static final String COHORTS = "cohorts.csv";
    public static final String ESCALATIONS = "escalations.csv";
    public static final String ORIGINS = "origins.csv";
    public static final String LEAK = "leak.csv";
    public static final String HELPED = "helped.csv";
    public static final String MAP = "map.csv";
    public static final String DISTANCES = "distances.csv";
    public static final String REGION = "region.csv";
    public static final String MOVES = "moves.csv";
    public static final String MANIFEST = "manifest.json";

    /** What a finished run reports. */
    public record Result(Path dir, List<String> files, long residentsAtStart, long householdsAtStart,
            double wallSeconds) {
    }

    private Runner() {
    }

    public static Result run(Scenario scenario, String source, Path outDir, String commandLine) {
        return run(scenario, source, outDir, commandLine, 1);
    }

    /**
     * Runs with the model's household blocks stepped on up to {@code threads} threads; the
     * outputs are the same bytes for any number.
     */
    public static Result run(Scenario scenario, String source, Path outDir, String commandLine, int threads) {
        return run(scenario, source, outDir, commandLine, threads, null);
    }

    /** The same, with another observer of the run (e.g. a sweep's metrics), told when the run ends. */
    public static Result run(Scenario scenario, String source, Path outDir, String commandLine, int threads,
            Replicator.RunObserver also) {
        return run(scenario, source, outDir, commandLine, threads, also, 0);
    }

    /**
     * The same, writing a checkpoint ({@link Checkpoint}) into the run's {@code checkpoints/}
     * after every {@code checkpointEvery}-th recorded year but the last (0: none).
     */
    public static Result run(Scenario scenario, String source, Path outDir, String commandLine, int threads,
            int checkpointEvery) {
        return run(scenario, source, outDir, commandLine, threads, null, checkpointEvery);
    }

    private static Result run(Scenario scenario, String source, Path outDir, String commandLine, int threads,
            Replicator.RunObserver also, int checkpointEvery) {
        if (checkpointEvery < 0 || checkpointEvery > 0 && also != null) {
            throw new IllegalArgumentException("checkpoints every " + checkpointEvery + " years, observer " + also);
        }
        // a city too large for this JVM is refused before anything is allocated or written
        HeapEstimate.check(source + ": a city of " + scenario.city().residents() + " residents", scenario.city().residents(), 1);
        Instant startTime = Instant.now();
        long t0 = System.nanoTime();
        return Folders.writeWhole(outDir, tmp -> {
            RunState[] opened = new RunState[1];
            try {
                WarmUpCache.start(scenario, threads, model -> {
                    if (also != null) {
                        also.attach(model);
                    }
                    opened[0] = RunState.open(model, source, tmp, checkpointEvery, outDir);
                });
            } catch (RuntimeException | Error e) {
                // a scenario without a warm-up starts after its outputs are opened
                if (opened[0] != null) {
                    opened[0].closeQuietly(e);
                }
                throw e;
            }
            RunState st = opened[0];
            try {
                st.stepToEnd(tmp);
            } catch (IOException | RuntimeException | Error e) {
                st.closeQuietly(e);
                throw e;
            }
            st.close();
            if (also != null) {
                also.finished();
            }
            return finish(st, tmp, outDir, startTime, t0, commandLine);
        });
    }

    /**
     * Continues a run from its checkpoint into a new folder: the output files' bytes so far are
     * copied there, with the checkpoint itself (into {@code checkpoints/}), and the run goes on,
     * writing its later checkpoints; its files are the same bytes as an uninterrupted run's, for any
     * number of threads (the manifest's clock, machine and command line fields aside).
     */
    public static Result resume(Checkpoint.Loaded checkpoint, Path outDir, String commandLine, int threads) {
        Instant startTime = Instant.now();
        long t0 = System.nanoTime();
        RunState st = checkpoint.state;
        return Folders.writeWhole(outDir, tmp -> {
            Path dir = Files.createDirectory(tmp.resolve(Checkpoint.FOLDER));
            Path copy = dir.resolve("." + Checkpoint.fileName(checkpoint.year) + ".tmp");
            Files.write(copy, checkpoint.bytes);
            Files.move(copy, dir.resolve(Checkpoint.fileName(checkpoint.year)), StandardCopyOption.ATOMIC_MOVE);
            for (Map.Entry<String, byte[]> f : checkpoint.files.entrySet()) {
                Files.write(tmp.resolve(f.getKey()), f.getValue());
            }
            for (OutputFile o : st.outputs) {
                o.csv().reopen(tmp);
            }
            st.model.setThreads(threads);
            try {
                st.stepToEnd(tmp);
            } catch (IOException | RuntimeException | Error e) {
                st.closeQuietly(e);
                throw e;
            }
            st.close();
            return finish(st, tmp, outDir, startTime, t0, commandLine);
        });
    }

    /** Writes the manifest of a finished run. */
    private static Result finish(RunState st, Path tmp, Path outDir, Instant startTime, long t0, String commandLine)
            throws IOException {
        WijkLabModel model = st.model;
        Scenario scenario = model.scenario();
        List<String> files = new ArrayList<>(st.files());
        files.add(MANIFEST);
        double wall = (System.nanoTime() - t0) / 1e9;
        JsonNode resolved = ScenarioLoader.mapper().readTree(ScenarioLoader.toJson(scenario));
        RunManifest manifest = new RunManifest("WijkLab", BuildInfo.version(), BuildInfo.gitCommit(),
                scenario.name(), st.source, ScenarioLoader.sha256(scenario), scenario.seed(), scenario.years(),
                scenario.ticks(), scenario.city().residents(), st.start.residents, st.start.households,
                model.dwellings().builtCount(), model.neighbourhoods().count, files, System.getProperty("java.vendor") + " "
                + System.getProperty("java.version"), System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), startTime.truncatedTo(ChronoUnit.MILLIS).toString(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), Math.round(wall * 1000) / 1000.0,
                commandLine, resolved);
        ScenarioLoader.mapper().writeValue(tmp.resolve(MANIFEST).toFile(), manifest);
        return new Result(outDir, files, st.start.residents, st.start.households, wall);
    }
}
