package org.wijklab.observation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.wijklab.model.Persons;
import org.wijklab.model.TickListener;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;

/**
 * {@code cohorts.csv}: each programme's cohort, the persons living in its targets at its start
 * tick, followed wherever they go as a balanced panel: one row per programme and tick from the start
 * tick on, always the same persons, with how many of them are in a target, elsewhere in the city,
 * in the region outside it, or dead, and the metrics of {@link PersonSnapshot} (employment,
 * equivalised income, good mental health, household income) of those alive and of each place.
 *
 * <p>The cohort is known only at the programme's first step (tick start + 1), when its targets are
 * chosen from the state at the start tick; the start tick's row is computed from a snapshot of that
 * state, kept until then. The model follows the cohort to the last tick ({@code policy.Targets}). Rows
 * are written in tick order, programmes in scenario order within a tick: rows wait while a
 * programme's cohort is not yet known.
 */
public final class CohortTable implements TickListener, OutputFile {
    private static final long serialVersionUID = 1L;

    static final String[] GROUPS = {"alive", "in_target", "elsewhere_in_city", "in_region"};
    static final String[] METRICS = PersonSnapshot.METRICS;
    static final String[] HEADER = header();
    private static final int M = METRICS.length;

    private final Csv csv;
    private PersonSnapshot[] baseline;
    /** Per programme: the cohort's person slots and ids, once known. */
    private int[][] members;
    private int[][] memberIds;
    private final List<Row> waiting = new ArrayList<>();
    private final PersonReader reader = new PersonReader();
    private final PersonSnapshot.View view = reader.view();

    public CohortTable(Path file) {
        csv = new Csv(file, HEADER);
    }

    /** Reads persons through the run's erosion decomposition's households' records of each tick (the same values, fewer reads). */
    public CohortTable readingThrough(ErosionDecomposition decomposition) {
        reader.through(decomposition);
        return this;
    }

    private static String[] header() {
        List<String> h = new ArrayList<>(List.of("programme", "tick", "cohort_size", "in_target",
                "elsewhere_in_city", "in_region", "dead"));
        for (String g : GROUPS) {
            for (String m : METRICS) {
                h.add(m + "_" + g);
            }
        }
        return h.toArray(String[]::new);
    }

    /** One row: counts, and value and weight sums per group and metric. */
    private static final class Row implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        final int programme;
        final String name;
        final int tick;
        long size;
        final long[] count = new long[GROUPS.length + 1];
        final double[] v = new double[GROUPS.length * M];
        final double[] w = new double[GROUPS.length * M];

        Row(int programme, String name, int tick) {
            this.programme = programme;
            this.name = name;
            this.tick = tick;
        }

        /** Counts a member in place group g (1 in a target, 2 elsewhere in the city, 3 in the region, 4 dead). */
        void add(int g, byte flags, float income, float householdIncome) {
            size++;
            count[g]++;
            if (g == GROUPS.length) {
                return;
            }
            for (int m = 0; m < M; m++) {
                double value = PersonSnapshot.value(flags, income, householdIncome, m);
                double weight = PersonSnapshot.weight(flags, m);
                v[g * M + m] += value * weight;
                w[g * M + m] += weight;
                v[m] += value * weight;
                w[m] += weight;
            }
        }
    }

    /** The place group of a member: 1 in a target, 2 elsewhere in the city, 3 in the region, 4 dead. */
    private static int group(short where, boolean[] isTarget) {
        if (where >= 0) {
            return isTarget[where] ? 1 : 2;
        }
        if (where == PersonSnapshot.REGION) {
            return 3;
        }
        if (where == PersonSnapshot.DEAD) {
            return 4;
        }
        throw new IllegalStateException("a cohort member is no longer followed");
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        List<Programmes.Run> runs = model.programmes().runs();
        if (baseline == null) {
            baseline = new PersonSnapshot[runs.size()];
            members = new int[runs.size()][];
            memberIds = new int[runs.size()][];
        }
        PersonSnapshot now = null;
        for (int r = 0; r < runs.size(); r++) {
            Programmes.Run run = runs.get(r);
            if (tick == run.startTick && !run.started()) {
                if (now == null) {
                    now = new PersonSnapshot(model, tick);
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
            if (members[r] == null) {
                if (baseline[r] == null) {
                    // started before this table saw its start tick: no cohort to follow
                    continue;
                }
                chooseCohort(r, run.isTarget, baseline[r]);
                waiting.add(atStart(run, r, baseline[r]));
                baseline[r] = null;
            }
            waiting.add(now(model, run, r, tick));
        }
        if (!wait) {
            flush();
        }
    }

    private void chooseCohort(int r, boolean[] isTarget, PersonSnapshot s) {
        int n = 0;
        for (int p = 0; p < s.bound; p++) {
            if (s.where[p] >= 0 && isTarget[s.where[p]]) {
                n++;
            }
        }
        members[r] = new int[n];
        memberIds[r] = new int[n];
        n = 0;
        for (int p = 0; p < s.bound; p++) {
            if (s.where[p] >= 0 && isTarget[s.where[p]]) {
                members[r][n] = p;
                memberIds[r][n++] = s.id[p];
            }
        }
    }

    /** The cohort at the start tick, from the snapshot of that tick. */
    private Row atStart(Programmes.Run run, int r, PersonSnapshot s) {
        Row row = new Row(r, run.spec.name(), s.tick);
        for (int p : members[r]) {
            row.add(group(s.where[p], run.isTarget), s.flags[p], s.income[p], s.householdIncome[p]);
        }
        return row;
    }

    /** The cohort now. */
    private Row now(WijkLabModel model, Programmes.Run run, int r, int tick) {
        Persons persons = model.persons();
        Row row = new Row(r, run.spec.name(), tick);
        int[] slots = members[r];
        int[] ids = memberIds[r];
        for (int i = 0; i < slots.length; i++) {
            int p = slots[i];
            if (persons.id[p] != ids[i] || persons.place[p] == Persons.FREE) {
                throw new IllegalStateException("cohort member " + ids[i] + " of " + run.spec.name()
                        + " is no longer followed at tick " + tick);
            }
            reader.read(model, tick, p);
            row.add(group(view.where, run.isTarget), view.flags, view.income, view.householdIncome);
        }
        return row;
    }

    private void flush() {
        waiting.sort(Comparator.comparingInt((Row x) -> x.tick).thenComparingInt(x -> x.programme));
        for (Row row : waiting) {
            csv.text(row.name).cell(row.tick).cell(row.size);
            for (int g = 1; g <= GROUPS.length; g++) {
                csv.cell(row.count[g]);
            }
            for (int k = 0; k < row.v.length; k++) {
                csv.round(row.w[k] > 0 ? row.v[k] / row.w[k] : 0.0);
            }
            csv.end();
        }
        waiting.clear();
    }

    @Override
    public Csv csv() {
        return csv;
    }

    @Override
    public void close() {
        flush();
        csv.close();
    }
}
