package org.wijklab.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wijklab.observation.ErosionDecomposition;
import org.wijklab.model.CostLedger;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;
import org.wijklab.scenario.Scenario;

/**
 * A compact record of one run for experiments that need many runs in memory (the validation
 * suite): per tick and neighbourhood the place outcomes and escalations, and per programme its
 * targets, its best persons and its money; and the erosion decomposition, computed by the same
 * writer as a run's {@code decomposition.csv} (into a temporary file, read back at the end). It
 * reads the model at the end of each tick and changes nothing.
 */
public final class RunSummary implements Replicator.RunObserver {
    public final Scenario scenario;
    public int neighbourhoods;
    public int ticks;
    public float[][] liveability;
    public float[][] employment;
    public float[][] goodMental;
    public int[][] households;
    public int[][] rank;
    public int[][] evictions;
    public int[][] orders;
    public int[][] secondLine;
    public double[] socialShare;
    public final List<ProgrammeRecord> programmes = new ArrayList<>();
    /** Decomposition rows by "unit|metric|t0|t1", each column by its header name. */
    public final Map<String, Map<String, Double>> decomposition = new HashMap<>();
    private Path decompositionFile;
    private ErosionDecomposition decomposer;

    /** What one programme did in this run. */
    public static final class ProgrammeRecord {
        public String name;
        public int[] targets;
        public int startTick;
        public int endTick;
        /** Months a best person was active, summed over the targets. */
        public long bestPersonMonths;
        /** Months from the programme's start to the first exhaustion or departure, per target (-1 never). */
        public int[] firstLoss;
        public double spent;
        public double avoided;
        public double escalationCosts;
    }

    public RunSummary(Scenario scenario) {
        this.scenario = scenario;
    }

    @Override
    public void attach(WijkLabModel model) {
        model.addTickListener(this::record);
        try {
            decompositionFile = Files.createTempFile("wijklab-decomposition", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        decomposer = new ErosionDecomposition(decompositionFile, scenario.output().decompositionYears(), scenario.ticks());
        model.addTickListener(decomposer);
    }

    @Override
    public void finished() {
        decomposer.close();
        try {
            List<String> lines = Files.readAllLines(decompositionFile);
            String[] header = lines.get(0).split(",");
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                Map<String, Double> row = new HashMap<>();
                for (int c = 4; c < header.length; c++) {
                    // an empty cell is a mean over nobody
                    row.put(header[c], cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]));
                }
                decomposition.put(cells[0] + "|" + cells[1] + "|" + cells[2] + "|" + cells[3], row);
            }
            Files.deleteIfExists(decompositionFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A column of a decomposition row; NaN when the row does not exist. */
    public double decomposition(String unit, String metric, int t0, int t1, String column) {
        Map<String, Double> row = decomposition.get(unit + "|" + metric + "|" + t0 + "|" + t1);
        return row == null ? Double.NaN : row.get(column);
    }

    private void record(WijkLabModel m, int tick) {
        Neighbourhoods nb = m.neighbourhoods();
        if (tick == 0) {
            neighbourhoods = nb.count;
            ticks = scenario.ticks();
            liveability = new float[ticks + 1][nb.count];
            employment = new float[ticks + 1][nb.count];
            goodMental = new float[ticks + 1][nb.count];
            households = new int[ticks + 1][nb.count];
            rank = new int[ticks + 1][nb.count];
            evictions = new int[ticks + 1][nb.count];
            orders = new int[ticks + 1][nb.count];
            secondLine = new int[ticks + 1][nb.count];
            socialShare = new double[nb.count];
            for (int j = 0; j < nb.count; j++) {
                socialShare[j] = nb.dwellingsByTenure[j][Tenure.SOCIAL] / (double) Math.max(1, nb.dwellings[j]);
            }
            for (Programmes.Run run : m.programmes().runs()) {
                ProgrammeRecord r = new ProgrammeRecord();
                r.name = run.spec.name();
                r.startTick = run.startTick;
                r.endTick = run.endTick;
                programmes.add(r);
            }
        }
        for (int j = 0; j < nb.count; j++) {
            liveability[tick][j] = (float) nb.liveability[j];
            employment[tick][j] = (float) nb.employmentRate[j];
            goodMental[tick][j] = (float) nb.goodMentalHealth[j];
            households[tick][j] = nb.households[j];
            rank[tick][j] = nb.rank[j];
            evictions[tick][j] = nb.evictions[j];
            orders[tick][j] = nb.supervisionOrders[j];
            secondLine[tick][j] = nb.secondLineCare[j];
        }
        CostLedger ledger = m.costs();
        List<Programmes.Run> runs = m.programmes().runs();
        for (int p = 0; p < runs.size(); p++) {
            Programmes.Run run = runs.get(p);
            ProgrammeRecord r = programmes.get(p);
            if (!run.started()) {
                continue;
            }
            if (r.targets == null) {
                r.targets = run.targets.clone();
                r.firstLoss = new int[run.targets.length];
                java.util.Arrays.fill(r.firstLoss, -1);
            }
            for (int k = 0; k < run.targets.length; k++) {
                int j = run.targets[k];
                if (run.bpStatus[j] == Programmes.BP_ACTIVE) {
                    r.bestPersonMonths++;
                } else if (r.firstLoss[k] < 0 && (run.bpStatus[j] == Programmes.BP_EXHAUSTED
                        || run.bpStatus[j] == Programmes.BP_LEFT)) {
                    r.firstLoss[k] = tick - run.startTick;
                }
                for (int party = 0; party < CostLedger.PARTIES; party++) {
                    r.avoided += ledger.avoided[j][party];
                    r.escalationCosts += ledger.escalation[j][party];
                }
            }
            if (run.activeAt(tick)) {
                r.spent += run.spec.yearlyBudget() / 12.0;
            }
        }
    }

    /** Household-weighted mean of a per-neighbourhood series over a set of neighbourhoods at a tick. */
    public double mean(float[][] series, int tick, int[] set) {
        double s = 0;
        double w = 0;
        for (int j : set) {
            s += series[tick][j] * (double) households[tick][j];
            w += households[tick][j];
        }
        return w == 0 ? 0 : s / w;
    }

    /** Every neighbourhood, for city-wide means. */
    public int[] all() {
        int[] a = new int[neighbourhoods];
        for (int j = 0; j < a.length; j++) {
            a[j] = j;
        }
        return a;
    }

    /** Sum of a per-tick event count over a set of neighbourhoods and ticks (t0, t1]. */
    public long sum(int[][] events, int t0, int t1, int[] set) {
        long s = 0;
        for (int t = t0 + 1; t <= t1; t++) {
            for (int j : set) {
                s += events[t][j];
            }
        }
        return s;
    }

    public ProgrammeRecord programme(String name) {
        for (ProgrammeRecord r : programmes) {
            if (r.name.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no programme " + name + " in " + scenario.name());
    }
}
