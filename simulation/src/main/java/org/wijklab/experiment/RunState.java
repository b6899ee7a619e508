package org.wijklab.experiment;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.model.TickListener;
import org.wijklab.model.WijkLabModel;
import org.wijklab.observation.CityTable;
import org.wijklab.observation.CohortTable;
import org.wijklab.observation.CostsTable;
import org.wijklab.observation.ErosionDecomposition;
import org.wijklab.observation.HelpedTable;
import org.wijklab.observation.LeakTable;
import org.wijklab.observation.DistancesTable;
import org.wijklab.observation.EscalationsTable;
import org.wijklab.observation.MapTable;
import org.wijklab.observation.RegionTable;
import org.wijklab.observation.MovesLog;
import org.wijklab.observation.NeighbourhoodTable;
import org.wijklab.observation.OriginsTable;
import org.wijklab.observation.OutputFile;
import org.wijklab.observation.ServicesTable;
import org.wijklab.scenario.Scenario;

/**
 * Where one run stands between two steps: the model (with its schedule and random streams) and the
 * writers of its output files (without their open files), what the manifest needs, and how often
 * the run writes a checkpoint. A checkpoint is this object serialised, with the bytes of the output
 * files written so far.
 */
final class RunState implements Serializable {
    private static final long serialVersionUID = 1L;

    final WijkLabModel model;
    /** The output files' writers, in the manifest's order of the files. */
    final List<OutputFile> outputs = new ArrayList<>();
    final String source;
    final StartCount start = new StartCount();
    /** Years between checkpoints; 0 for none. */
    final int checkpointEvery;
    /** The folder the run was started for (where a resumed run goes unless told otherwise). */
    final String target;

    /** Residents and households at tick 0, for the manifest. */
    static final class StartCount implements TickListener, Serializable {
        private static final long serialVersionUID = 1L;

        long residents;
        long households;

        @Override
        public void onTick(WijkLabModel m, int tick) {
            if (tick == 0) {
                for (int j = 0; j < m.neighbourhoods().count; j++) {
                    residents += m.neighbourhoods().residents[j];
                    households += m.neighbourhoods().households[j];
                }
            }
        }
    }

    private RunState(WijkLabModel model, String source, int checkpointEvery, Path target) {
        this.model = model;
        this.source = source;
        this.checkpointEvery = checkpointEvery;
        this.target = target.toAbsolutePath().toString();
    }

    /** Opens the output files of a new run of the model in folder and makes them its listeners. */
    static RunState open(WijkLabModel model, String source, Path folder, int checkpointEvery, Path target) {
        Scenario scenario = model.scenario();
        RunState st = new RunState(model, source, checkpointEvery, target);
        boolean origins = scenario.output().cohortYears().length > 0;
        boolean programmes = !scenario.programmes().isEmpty();
        try {
            NeighbourhoodTable hoods = st.add(new NeighbourhoodTable(folder.resolve(Runner.NEIGHBOURHOODS)));
            CityTable city = st.add(new CityTable(folder.resolve(Runner.CITY)));
            ErosionDecomposition decomposition = st.add(new ErosionDecomposition(
                    folder.resolve(Runner.DECOMPOSITION), scenario.output().decompositionYears(), scenario.ticks()));
            EscalationsTable escalations = st.add(new EscalationsTable(folder.resolve(Runner.ESCALATIONS),
                    scenario.ticks()));
            MapTable map = st.add(new MapTable(folder.resolve(Runner.MAP)));
            DistancesTable distances = st.add(new DistancesTable(folder.resolve(Runner.DISTANCES), scenario.ticks()));
            RegionTable region = st.add(new RegionTable(folder.resolve(Runner.REGION), scenario.ticks()));
            OriginsTable cohortsByOrigin = origins ? st.add(new OriginsTable(folder.resolve(Runner.ORIGINS),
                    scenario.output().cohortYears(), scenario.ticks()).readingThrough(decomposition)) : null;
            ServicesTable services = programmes ? st.add(new ServicesTable(folder.resolve(Runner.SERVICES))) : null;
            CostsTable costs = programmes ? st.add(new CostsTable(folder.resolve(Runner.COSTS), scenario.ticks()))
                    : null;
            CohortTable cohorts = programmes
                    ? st.add(new CohortTable(folder.resolve(Runner.COHORTS)).readingThrough(decomposition)) : null;
            LeakTable leak = origins ? st.add(new LeakTable(folder.resolve(Runner.LEAK), cohortsByOrigin,
                    scenario.ticks()).readingThrough(decomposition)) : null;
            HelpedTable helped = programmes ? st.add(new HelpedTable(folder.resolve(Runner.HELPED), scenario.ticks())
                    .readingThrough(decomposition)) : null;
            if (scenario.output().movesLog()) {
                model.setMoveListener(st.add(new MovesLog(folder.resolve(Runner.MOVES), scenario)));
            }
            model.addTickListener(hoods);
            model.addTickListener(escalations);
            model.addTickListener(map);
            model.addTickListener(distances);
            model.addTickListener(region);
            if (origins) {
                model.addTickListener(cohortsByOrigin);
                // after origins.csv's table, whose members it shares
                model.addTickListener(leak);
            }
            model.addTickListener(city);
            model.addTickListener(decomposition);
            if (programmes) {
                model.addTickListener(services);
                model.addTickListener(costs);
                model.addTickListener(cohorts);
                model.addTickListener(helped);
            }
            model.addTickListener(st.start);
        } catch (RuntimeException | Error e) {
            st.closeQuietly(e);
            throw e;
        }
        return st;
    }

    private <T extends OutputFile> T add(T output) {
        outputs.add(output);
        return output;
    }

    /** The output files' names, in the manifest's order. */
    List<String> files() {
        return outputs.stream().map(o -> o.csv().name()).toList();
    }

    /**
     * Steps the model to the end of its horizon and finishes it, writing a checkpoint into folder's
     * {@code checkpoints/} after every {@link #checkpointEvery}-th recorded year but the last.
     */
    void stepToEnd(Path folder) throws IOException {
        int ticks = model.scenario().ticks();
        while (model.tick() < ticks) {
            if (!model.schedule.step(model)) {
                break;
            }
            int t = model.tick();
            if (checkpointEvery > 0 && t > 0 && t < ticks && t % (12 * checkpointEvery) == 0) {
                Checkpoint.write(this, folder, t / 12);
            }
        }
        model.finish();
    }

    /** Closes the output files (the moves log first, then the tables, last opened first). */
    void close() {
        RuntimeException failure = null;
        for (int i = outputs.size() - 1; i >= 0; i--) {
            try {
                outputs.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes after a failure, which the close's own failures are added to. */
    void closeQuietly(Throwable cause) {
        try {
            close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
