package org.wijklab.experiment;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
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
 * writer as a run's {@code decomposition.csv} (kept in memory, read back at the end). It
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
    /**
     * Per tick and neighbourhood, the escalation costs the ledger booked that month (evictions,
     * supervision orders, second-line care, social assistance; all paying parties), euro: what
     * {@code escalations.csv} sums by year. Kept in the record, so that one run's costs in another
     * run's targets can be summed (realised avoided costs against a twin of the same seed).
     */
    public double[][] escalationCost;
    public double[] socialShare;
    /**
     * Per tick and neighbourhood, for calibration targets ({@link SweepMetrics}): households of one
     * adult without children, working-age adults on a benefit (WW, disability, social assistance), working-age
     * adults, households that moved out (within the city or out of it) and households that left the
     * city. Kept in memory only: a record read back by {@link #read} has none (null), and its
     * metrics are NA.
     */
    public int[][] singles;
    public int[][] onBenefit;
    public int[][] workingAge;
    public int[][] movesOut;
    public int[][] leftCity;
    /**
     * Over the recorded ticks, in memory only (null in a record read back): households moving out of
     * a neighbourhood by distance class (same, adjacent, further, out of the city), moves to each
     * place of the region, and social lets by search with the registration months they were let at.
     */
    public long[] movedByClass;
    public long[] movedToPlace;
    public long socialLets;
    public long socialLetMonths;
    public final List<ProgrammeRecord> programmes = new ArrayList<>();
    /** Decomposition rows by "unit|metric|t0|t1", each column by its header name. */
    public final Map<String, Map<String, Double>> decomposition = new HashMap<>();
    private StringWriter decompositionText;
    private ErosionDecomposition decomposer;
    /**
     * With {@link #keepLeak}: the run's leak.csv rows, kept in memory for a paired sweep (never
     * written to a file, not in {@link #write}); null otherwise.
     */
    public org.wijklab.observation.LeakMeasure.Rows leakRows;
    /** A paired sweep's values of this run against its twin ({@link PairedMetrics}); null without a twin. */
    public PairedMetrics paired;
    private boolean keepLeak;
    private StringWriter leakText;
    private org.wijklab.observation.LeakTable leakTable;

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
        /** What the programme spent, euro, over its active months: what its funders paid for, not what they left unspent (docs/ODD.md §7.2 (d)). */
        public double spent;
        /** What the programme's funders put in but could not spend, euro, over its active months (docs/ODD.md §7.2 (d)). */
        public double unspent;
        /**
         * The avoided costs the ledger expects (booked while families are treated or activated) in
         * the targets from the programme's start to the run's end, euro: an expectation, not a
         * saving measured against a counterfactual ({@link #escalationCost} of a twin gives that).
         */
        public double avoided;
        /** Escalation costs booked in the targets from the programme's start to the run's end, euro. */
        public double escalationCosts;
        /**
         * At the programme's end (its end tick, or the run's last when the run stops first), summed
         * over the targets: the best persons it ever had (originators and those who emerged), those
         * lost by moving and those lost by burnout, as services.csv counts them. In memory only (not
         * in {@link #write}): -1 in a record read back, or when the programme never started.
         */
        public int bestPersonsEver = -1;
        public int bestPersonsLostMoving = -1;
        public int bestPersonsLostBurnout = -1;
        /** The same losses at the run's end (from the programme's start); in memory only, -1 as above. */
        public int bestPersonsLostMovingEnd = -1;
        public int bestPersonsLostBurnoutEnd = -1;
    }

    public RunSummary(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Keeps the run's leak.csv rows in memory ({@link #leakRows}); to be called before {@link #attach}. */
    public RunSummary keepLeak() {
        keepLeak = true;
        return this;
    }

    @Override
    public void attach(WijkLabModel model) {
        model.addTickListener(this::record);
        // the rows in memory: no temporary file, so nothing is left behind by a kill and a missing or
        // full temporary folder does not matter
        decompositionText = new StringWriter();
        decomposer = new ErosionDecomposition(decompositionText, scenario.output().decompositionYears(), scenario.ticks());
        model.addTickListener(decomposer);
        int[] years = scenario.output().cohortYears();
        if (keepLeak && years.length > 0) {
            // the leak table's members are the origins table's: it goes first (its own rows are not needed)
            org.wijklab.observation.OriginsTable origins = new org.wijklab.observation.OriginsTable(
                    java.io.Writer.nullWriter(), years, scenario.ticks()).readingThrough(decomposer);
            leakText = new StringWriter();
            leakTable = new org.wijklab.observation.LeakTable(leakText, origins, scenario.ticks())
                    .readingThrough(decomposer);
            model.addTickListener(origins);
            model.addTickListener(leakTable);
        }
    }

    @Override
    public void finished() {
        decomposer.close();
        // the decomposition holds the run's person snapshots (tens of bytes a resident): a summary kept
        // for the validation's tables must not keep them alive
        decomposer = null;
        if (leakTable != null) {
            leakTable.csv().close();
            leakRows = org.wijklab.observation.LeakMeasure.rows(leakText.toString());
            leakText = null;
            leakTable = null;
        }
        List<String> lines = decompositionText.toString().lines().toList();
        decompositionText = null;
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
            escalationCost = new double[ticks + 1][nb.count];
            singles = new int[ticks + 1][nb.count];
            onBenefit = new int[ticks + 1][nb.count];
            workingAge = new int[ticks + 1][nb.count];
            movesOut = new int[ticks + 1][nb.count];
            leftCity = new int[ticks + 1][nb.count];
            movedByClass = new long[Neighbourhoods.DISTANCE_CLASSES];
            movedToPlace = new long[m.regionPlaces().count];
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
            double cost = 0;
            for (int party = 0; party < CostLedger.PARTIES; party++) {
                cost += m.costs().escalation[j][party];
            }
            escalationCost[tick][j] = cost;
            singles[tick][j] = m.observation().singles(j);
            onBenefit[tick][j] = m.observation().onBenefit(j);
            workingAge[tick][j] = m.observation().workingAge(j);
            movesOut[tick][j] = nb.movesOut[j];
            leftCity[tick][j] = nb.outMigrants[j];
            if (tick > 0) {
                for (int c = 0; c < Neighbourhoods.DISTANCE_CLASSES; c++) {
                    movedByClass[c] += nb.movedByClass[j][c];
                }
                socialLets += nb.socialLets[j];
                socialLetMonths += nb.socialLetMonths[j];
            }
        }
        if (tick > 0) {
            for (int r = 0; r < movedToPlace.length; r++) {
                movedToPlace[r] += m.regionPlaces().movedTo[r];
            }
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
            if (run.bpActive != null) {
                int ever = 0;
                int moving = 0;
                int burnout = 0;
                for (int j : run.targets) {
                    ever += run.bpActive[j] + run.bpResting[j] + run.bpLeftCount[j];
                    moving += run.bpLostMoving[j];
                    burnout += run.bpLostBurnout[j];
                }
                // overwritten every month: the counts at the programme's end, and at the run's end
                if (tick <= r.endTick) {
                    r.bestPersonsEver = ever;
                    r.bestPersonsLostMoving = moving;
                    r.bestPersonsLostBurnout = burnout;
                }
                r.bestPersonsLostMovingEnd = moving;
                r.bestPersonsLostBurnoutEnd = burnout;
            }
            for (int k = 0; k < run.targets.length; k++) {
                int j = run.targets[k];
                if (run.bpStatus[j] == Programmes.BP_ACTIVE) {
                    r.bestPersonMonths++;
                }
                // the first of the target's best persons to rest or be lost (by moving, burnout or death)
                if (r.firstLoss[k] < 0 && run.bpFirstLoss[j] >= 0) {
                    r.firstLoss[k] = run.bpFirstLoss[j] - run.startTick;
                }
                for (int party = 0; party < CostLedger.PARTIES; party++) {
                    r.avoided += ledger.avoided[j][party];
                    r.escalationCosts += ledger.escalation[j][party];
                }
            }
            // what the funders paid for this month (not what their shares of the budget left unspent)
            r.spent += run.spentMonth;
            r.unspent += run.unspentMonth;
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

    /** Sum of a per-tick amount over a set of neighbourhoods and ticks (t0, t1]. */
    public double sum(double[][] amounts, int t0, int t1, int[] set) {
        double s = 0;
        for (int t = t0 + 1; t <= t1; t++) {
            for (int j : set) {
                s += amounts[t][j];
            }
        }
        return s;
    }

    /**
     * Format of {@link #write}; a file of another format is not read. 2: the escalation costs per
     * tick and neighbourhood ({@link #escalationCost}) were added after the second-line counts. 3: a
     * programme's unspent money after what it spent.
     */
    static final int FORMAT = 3;

    /** The format a record file says it has, or -1 when it cannot be read as a record at all. */
    public static int format(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(
                Files.newInputStream(file))))) {
            return in.readInt();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Whether a record file is of this build's format ({@link #read} reads it). */
    public static boolean current(Path file) {
        return format(file) == FORMAT;
    }

    /**
     * Writes this finished run's record (everything but its scenario, which the reader supplies)
     * as gzipped binary, to resume an experiment: written beside and moved into place, so a file
     * under its name is always whole.
     */
    public void write(Path file) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".partial");
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(
                    Files.newOutputStream(tmp))))) {
                o.writeInt(FORMAT);
                o.writeInt(neighbourhoods);
                o.writeInt(ticks);
                for (float[][] f : new float[][][] {liveability, employment, goodMental}) {
                    for (float[] row : f) {
                        for (float v : row) {
                            o.writeFloat(v);
                        }
                    }
                }
                for (int[][] f : new int[][][] {households, rank, evictions, orders, secondLine}) {
                    for (int[] row : f) {
                        for (int v : row) {
                            o.writeInt(v);
                        }
                    }
                }
                for (double[] row : escalationCost) {
                    for (double v : row) {
                        o.writeDouble(v);
                    }
                }
                for (double v : socialShare) {
                    o.writeDouble(v);
                }
                o.writeInt(programmes.size());
                for (ProgrammeRecord r : programmes) {
                    o.writeUTF(r.name);
                    o.writeInt(r.startTick);
                    o.writeInt(r.endTick);
                    o.writeLong(r.bestPersonMonths);
                    o.writeDouble(r.spent);
                    o.writeDouble(r.unspent);
                    o.writeDouble(r.avoided);
                    o.writeDouble(r.escalationCosts);
                    o.writeBoolean(r.targets != null);
                    if (r.targets != null) {
                        o.writeInt(r.targets.length);
                        for (int k = 0; k < r.targets.length; k++) {
                            o.writeInt(r.targets[k]);
                            o.writeInt(r.firstLoss[k]);
                        }
                    }
                }
                List<String> keys = new ArrayList<>(decomposition.keySet());
                java.util.Collections.sort(keys);
                o.writeInt(keys.size());
                for (String key : keys) {
                    o.writeUTF(key);
                    Map<String, Double> row = decomposition.get(key);
                    List<String> columns = new ArrayList<>(row.keySet());
                    java.util.Collections.sort(columns);
                    o.writeInt(columns.size());
                    for (String c : columns) {
                        o.writeUTF(c);
                        o.writeDouble(row.get(c));
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a record {@link #write} wrote, for the given scenario (the one the run ran). */
    public static RunSummary read(Path file, Scenario scenario) {
        RunSummary r = new RunSummary(scenario);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(
                Files.newInputStream(file))))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException("format " + format + ", this build reads format " + FORMAT);
            }
            int n = in.readInt();
            int t = in.readInt();
            r.neighbourhoods = n;
            r.ticks = t;
            r.liveability = new float[t + 1][n];
            r.employment = new float[t + 1][n];
            r.goodMental = new float[t + 1][n];
            r.households = new int[t + 1][n];
            r.rank = new int[t + 1][n];
            r.evictions = new int[t + 1][n];
            r.orders = new int[t + 1][n];
            r.secondLine = new int[t + 1][n];
            r.escalationCost = new double[t + 1][n];
            r.socialShare = new double[n];
            for (float[][] f : new float[][][] {r.liveability, r.employment, r.goodMental}) {
                for (float[] row : f) {
                    for (int j = 0; j < n; j++) {
                        row[j] = in.readFloat();
                    }
                }
            }
            for (int[][] f : new int[][][] {r.households, r.rank, r.evictions, r.orders, r.secondLine}) {
                for (int[] row : f) {
                    for (int j = 0; j < n; j++) {
                        row[j] = in.readInt();
                    }
                }
            }
            for (double[] row : r.escalationCost) {
                for (int j = 0; j < n; j++) {
                    row[j] = in.readDouble();
                }
            }
            for (int j = 0; j < n; j++) {
                r.socialShare[j] = in.readDouble();
            }
            int programmes = in.readInt();
            for (int p = 0; p < programmes; p++) {
                ProgrammeRecord x = new ProgrammeRecord();
                x.name = in.readUTF();
                x.startTick = in.readInt();
                x.endTick = in.readInt();
                x.bestPersonMonths = in.readLong();
                x.spent = in.readDouble();
                x.unspent = in.readDouble();
                x.avoided = in.readDouble();
                x.escalationCosts = in.readDouble();
                if (in.readBoolean()) {
                    int k = in.readInt();
                    x.targets = new int[k];
                    x.firstLoss = new int[k];
                    for (int i = 0; i < k; i++) {
                        x.targets[i] = in.readInt();
                        x.firstLoss[i] = in.readInt();
                    }
                }
                r.programmes.add(x);
            }
            int rows = in.readInt();
            for (int i = 0; i < rows; i++) {
                String key = in.readUTF();
                int columns = in.readInt();
                Map<String, Double> row = new HashMap<>();
                for (int c = 0; c < columns; c++) {
                    String name = in.readUTF();
                    row.put(name, in.readDouble());
                }
                r.decomposition.put(key, row);
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not a readable run record (" + e.getMessage() + ")", e);
        }
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
