package org.wijklab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.model.WijkLabModel;
import org.wijklab.observation.CityTable;
import org.wijklab.observation.CohortTable;
import org.wijklab.observation.CostsTable;
import org.wijklab.observation.EscalationsTable;
import org.wijklab.observation.ErosionDecomposition;
import org.wijklab.observation.MovesLog;
import org.wijklab.observation.NeighbourhoodTable;
import org.wijklab.observation.OriginsTable;
import org.wijklab.observation.ServicesTable;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * Runs one scenario with its seed and writes its output folder. The files are written into a
 * hidden sibling folder and moved into place when complete, so a folder either holds a whole run
 * or does not exist. Everything but the manifest's clock and machine fields is a function of the
 * scenario and seed.
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
        // a city too large for this JVM is refused before anything is allocated or written
        HeapEstimate.check(source + ": a city of " + scenario.city().residents() + " residents", scenario.city().residents(), 1);
        Instant startTime = Instant.now();
        long t0 = System.nanoTime();
        return Folders.writeWhole(outDir, tmp -> {
            List<String> files = new ArrayList<>(List.of(NEIGHBOURHOODS, CITY, DECOMPOSITION, ESCALATIONS));
            boolean origins = scenario.output().cohortYears().length > 0;
            if (origins) {
                files.add(ORIGINS);
            }
            boolean programmes = !scenario.programmes().isEmpty();
            if (programmes) {
                files.addAll(List.of(SERVICES, COSTS, COHORTS));
            }
            WijkLabModel model = new WijkLabModel(scenario);
            model.setThreads(threads);
            if (also != null) {
                also.attach(model);
            }
            long[] start = new long[2];
            try (NeighbourhoodTable hoods = new NeighbourhoodTable(tmp.resolve(NEIGHBOURHOODS));
                    CityTable city = new CityTable(tmp.resolve(CITY));
                    ErosionDecomposition decomposition = new ErosionDecomposition(tmp.resolve(DECOMPOSITION),
                            scenario.output().decompositionYears(), scenario.ticks());
                    ServicesTable services = programmes ? new ServicesTable(tmp.resolve(SERVICES)) : null;
                    CostsTable costs = programmes ? new CostsTable(tmp.resolve(COSTS), scenario.ticks()) : null;
                    CohortTable cohorts = programmes ? new CohortTable(tmp.resolve(COHORTS)) : null;
                    EscalationsTable escalations = new EscalationsTable(tmp.resolve(ESCALATIONS), scenario.ticks());
                    OriginsTable cohortsByOrigin = origins ? new OriginsTable(tmp.resolve(ORIGINS),
                            scenario.output().cohortYears(), scenario.ticks()) : null) {
                model.addTickListener(hoods);
                model.addTickListener(escalations);
                if (origins) {
                    model.addTickListener(cohortsByOrigin);
                }
                model.addTickListener(city);
                model.addTickListener(decomposition);
                if (programmes) {
                    model.addTickListener(services);
                    model.addTickListener(costs);
                    model.addTickListener(cohorts);
                }
                model.addTickListener((m, tick) -> {
                    if (tick == 0) {
                        for (int j = 0; j < m.neighbourhoods().count; j++) {
                            start[0] += m.neighbourhoods().residents[j];
                            start[1] += m.neighbourhoods().households[j];
                        }
                    }
                });
                if (scenario.output().movesLog()) {
                    files.add(MOVES);
                    try (MovesLog moves = new MovesLog(tmp.resolve(MOVES), scenario)) {
                        model.setMoveListener(moves);
                        model.runToEnd();
                    }
                } else {
                    model.runToEnd();
                }
            }
            if (also != null) {
                also.finished();
            }
            files.add(MANIFEST);
            double wall = (System.nanoTime() - t0) / 1e9;
            JsonNode resolved = ScenarioLoader.mapper().readTree(ScenarioLoader.toJson(scenario));
            RunManifest manifest = new RunManifest("WijkLab", BuildInfo.version(), BuildInfo.gitCommit(),
                    scenario.name(), source, ScenarioLoader.sha256(scenario), scenario.seed(), scenario.years(),
                    scenario.ticks(), scenario.city().residents(), start[0], start[1], model.dwellings().count,
                    model.neighbourhoods().count, files, System.getProperty("java.vendor") + " "
                    + System.getProperty("java.version"), System.getProperty("os.name") + " "
                    + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                    Runtime.getRuntime().availableProcessors(), startTime.truncatedTo(ChronoUnit.MILLIS).toString(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), Math.round(wall * 1000) / 1000.0,
                    commandLine, resolved);
            ScenarioLoader.mapper().writeValue(tmp.resolve(MANIFEST).toFile(), manifest);
            return new Result(outDir, files, start[0], start[1], wall);
        });
    }
}
