package org.wijklab.observation;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.wijklab.model.Households;
import org.wijklab.model.TickListener;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;

/**
 * {@code cohorts.csv}: each programme's cohort (the households living in its targets at its start
 * tick) followed wherever it moves, one row per programme and tick from the start tick on: how many
 * are still in the city, in a target (stayers) or elsewhere in the city (out-movers), how many left
 * the city or dissolved, and employment, income and good mental health of all of them, the stayers
 * and the out-movers.
 *
 * <p>The cohort is known only at the programme's first step (tick start + 1), when its targets are
 * chosen from the state at the start tick; the start tick's row is computed from a snapshot of that
 * state, kept until then. Rows are written in tick order, programmes in scenario order within a
 * tick: rows wait while a programme's cohort is not yet known.
 */
public final class CohortTable implements TickListener, Closeable {
    static final String[] GROUPS = {"all", "stayers", "out_movers"};
    static final String[] METRICS = {"employment", "income", "good_mental_health"};
    static final String[] HEADER = header();
    private static final int M = ErosionDecomposition.METRICS.length;

    private final Csv csv;
    private ErosionDecomposition.Snapshot[] baseline;
    private boolean[] startWritten;
    private final List<Row> waiting = new ArrayList<>();

    public CohortTable(Path file) {
        csv = new Csv(file, HEADER);
    }

    private static String[] header() {
        List<String> h = new ArrayList<>(List.of("programme", "tick", "cohort_size", "still_in_target",
                "moved_within_city", "left_city_or_dissolved"));
        for (String g : GROUPS) {
            for (String m : METRICS) {
                h.add(m + "_" + g);
            }
        }
        return h.toArray(String[]::new);
    }

    /** One row: counts, and value and weight sums per group and metric. */
    private static final class Row {
        final int programme;
        final String name;
        final int tick;
        long size;
        long inTarget;
        long moved;
        long gone;
        final double[] v = new double[GROUPS.length * M];
        final double[] w = new double[GROUPS.length * M];

        Row(int programme, String name, int tick) {
            this.programme = programme;
            this.name = name;
            this.tick = tick;
        }

        /** Counts a traced member as still in a target (group 1) or moved within the city (group 2). */
        int place(boolean stillThere) {
            size++;
            if (stillThere) {
                inTarget++;
                return 1;
            }
            moved++;
            return 2;
        }

        void add(int group, int m, double value, double weight) {
            v[group * M + m] += value;
            w[group * M + m] += weight;
            v[m] += value;
            w[m] += weight;
        }
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        List<Programmes.Run> runs = model.programmes().runs();
        if (baseline == null) {
            baseline = new ErosionDecomposition.Snapshot[runs.size()];
            startWritten = new boolean[runs.size()];
        }
        ErosionDecomposition.Snapshot now = null;
        for (int r = 0; r < runs.size(); r++) {
            Programmes.Run run = runs.get(r);
            if (tick == run.startTick && !run.started()) {
                if (now == null) {
                    now = new ErosionDecomposition.Snapshot(model, tick);
                }
                baseline[r] = now;
            }
        }
        boolean wait = false;
        for (int r = 0; r < runs.size(); r++) {
            Programmes.Run run = runs.get(r);
            if (!run.started()) {
                wait |= baseline[r] != null;
                continue;
            }
            if (!startWritten[r]) {
                startWritten[r] = true;
                if (baseline[r] != null) {
                    waiting.add(atStart(run, r, baseline[r]));
                    baseline[r] = null;
                }
            }
            waiting.add(now(model, run, r, tick));
        }
        if (!wait) {
            flush();
        }
    }

    /** The cohort at the start tick, from the snapshot of that tick. */
    private static Row atStart(Programmes.Run run, int r, ErosionDecomposition.Snapshot s) {
        Row row = new Row(r, run.spec.name(), s.tick);
        for (int id = 0; id < run.cohortIdBound; id++) {
            if (!run.cohort[id]) {
                continue;
            }
            int j = id < s.idBound ? s.neighbourhood[id] : -1;
            if (j < 0) {
                row.gone++;
                continue;
            }
            int group = row.place(run.isTarget[j]);
            for (int m = 0; m < M; m++) {
                row.add(group, m, s.value[id * M + m], s.weight[id * M + m]);
            }
        }
        return row;
    }

    /** The cohort now. */
    private static Row now(WijkLabModel model, Programmes.Run run, int r, int tick) {
        Households h = model.households();
        short[] hood = model.dwellings().neighbourhood;
        Row row = new Row(r, run.spec.name(), tick);
        for (int id = 0; id < run.cohortIdBound; id++) {
            if (!run.cohort[id]) {
                continue;
            }
            int slot = h.slotOf(id);
            if (slot < 0) {
                row.gone++;
                continue;
            }
            int group = row.place(run.isTarget[hood[h.dwelling[slot]]]);
            for (int m = 0; m < M; m++) {
                row.add(group, m, ErosionDecomposition.value(h, slot, m), ErosionDecomposition.weight(h, slot, m));
            }
        }
        return row;
    }

    private void flush() {
        waiting.sort(Comparator.comparingInt((Row x) -> x.tick).thenComparingInt(x -> x.programme));
        for (Row row : waiting) {
            csv.text(row.name).cell(row.tick).cell(row.size).cell(row.inTarget).cell(row.moved).cell(row.gone);
            for (int k = 0; k < row.v.length; k++) {
                csv.round(row.w[k] > 0 ? row.v[k] / row.w[k] : 0.0);
            }
            csv.end();
        }
        waiting.clear();
    }

    @Override
    public void close() {
        flush();
        csv.close();
    }
}
