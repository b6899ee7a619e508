package org.wijklab.observation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Persons;
import org.wijklab.model.TickListener;
import org.wijklab.model.WijkLabModel;

/**
 * {@code origins.csv}: each neighbourhood's residents at each of the scenario's cohort years
 * ({@code output.cohortYears}), followed wherever they go as a balanced panel: one row per cohort
 * year, yearly point and neighbourhood of origin, always the same persons, with how many of them
 * live in their origin neighbourhood, elsewhere in the city, in the region outside it, or are dead,
 * and the metrics of {@link PersonSnapshot} over those alive (each mean with its weight, a count of
 * persons, so that rows can be summed over neighbourhoods).
 *
 * <p>Every run writes it, with or without a programme: a run without one does not know which
 * neighbourhoods another run's programme targets, so it follows every neighbourhood's residents,
 * and the report sums the targets' rows of both runs. With the same seed both runs are the same
 * until the programme starts, so the same persons (slots and ids) make up the cohorts.
 *
 * <p>A cohort of year y is taken from the state at tick 12y; the model follows it to the last tick
 * ({@code WijkLabModel}). Rows at every twelfth tick from 12y and at the last tick (the points the
 * report reads), by tick, then cohort year, then neighbourhood in city order, written as the run
 * goes. A cohort holds its members' person slots and ids, grouped by origin: 8 bytes per member
 * ({@link LeakTable} shares them and adds 7).
 */
public final class OriginsTable implements TickListener, OutputFile {
    private static final long serialVersionUID = 1L;

    static final String[] METRICS = PersonSnapshot.METRICS;
    static final String[] HEADER = header();
    private static final int M = METRICS.length;
    /** A member's place: in its origin, elsewhere in the city, in the region, dead. */
    private static final int IN_ORIGIN = 0;
    private static final int ELSEWHERE = 1;
    private static final int IN_REGION = 2;
    private static final int DEAD = 3;

    private final Csv csv;
    private final int[] years;
    private final int lastTick;
    /** Per cohort year (ascending): members' person slots and ids, origin j's from first[j] to first[j + 1]. */
    private final int[][] slots;
    private final int[][] ids;
    private final int[][] first;
    private final PersonReader reader = new PersonReader();
    /** Per origin neighbourhood of the cohort being written: its members by place, the metrics' sums and weights (scratch). */
    private transient long[][] count;
    private transient double[][] v;
    private transient long[][] w;

    /** Reads persons through the run's erosion decomposition's households' records of each tick (the same values, fewer reads). */
    public OriginsTable readingThrough(ErosionDecomposition decomposition) {
        reader.through(decomposition);
        return this;
    }

    /** A table of the cohorts of the given years (whole years since tick 0) in a run of lastTick ticks. */
    public OriginsTable(Path file, int[] cohortYears, int lastTick) {
        this(new Csv(file, HEADER), cohortYears, lastTick);
    }

    /** The same table written to a writer of the caller's (a paired sweep needs its members, not its rows). */
    public OriginsTable(java.io.Writer writer, int[] cohortYears, int lastTick) {
        this(new Csv("origins.csv", writer, HEADER), cohortYears, lastTick);
    }

    private OriginsTable(Csv csv, int[] cohortYears, int lastTick) {
        this.csv = csv;
        years = cohortYears.clone();
        Arrays.sort(years);
        this.lastTick = lastTick;
        slots = new int[years.length][];
        ids = new int[years.length][];
        first = new int[years.length][];
    }

    private static String[] header() {
        List<String> h = new ArrayList<>(List.of("origin_year", "tick", "year", "neighbourhood", "cohort_size",
                "in_origin", "elsewhere_in_city", "in_region", "dead"));
        for (String m : METRICS) {
            h.add(m);
            h.add(m + "_n");
        }
        return h.toArray(String[]::new);
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        if (tick % 12 != 0 && tick != lastTick) {
            return;
        }
        for (int c = 0; c < years.length; c++) {
            int origin = 12 * years[c];
            if (tick < origin) {
                break;
            }
            if (tick == origin) {
                choose(model, c);
            }
            if (slots[c] != null) {
                write(model, c, tick);
            }
        }
    }

    /** The cohort of year c: the persons living in the city now, grouped by neighbourhood (a counting sort). */
    private void choose(WijkLabModel model, int c) {
        Persons persons = model.persons();
        Households h = model.households();
        int n = model.neighbourhoods().count;
        int[] start = new int[n + 1];
        int bound = persons.bound();
        for (int p = 0; p < bound; p++) {
            if (persons.place[p] == Persons.CITY) {
                start[h.hood[persons.household[p]] + 1]++;
            }
        }
        for (int j = 0; j < n; j++) {
            start[j + 1] += start[j];
        }
        int[] at = Arrays.copyOf(start, n);
        int[] s = new int[start[n]];
        int[] id = new int[start[n]];
        for (int p = 0; p < bound; p++) {
            if (persons.place[p] == Persons.CITY) {
                int i = at[h.hood[persons.household[p]]]++;
                s[i] = p;
                id[i] = persons.id[p];
            }
        }
        slots[c] = s;
        ids[c] = id;
        first[c] = start;
    }

    /**
     * One row per origin neighbourhood of cohort year c: one pass over its members. The origins are
     * summed on the block threads, each by one thread in member order (the same sums whatever the
     * thread count), and written in city order after.
     */
    private void write(WijkLabModel model, int c, int tick) {
        reader.atPoint(model, tick);
        Persons persons = model.persons();
        Neighbourhoods nb = model.neighbourhoods();
        int[] s = slots[c];
        int[] id = ids[c];
        int[] from = first[c];
        if (count == null || count.length != nb.count) {
            count = new long[nb.count][DEAD + 1];
            v = new double[nb.count][M];
            w = new long[nb.count][M];
        }
        model.blocks().forEachChunk(nb.count, j -> {
            PersonSnapshot.View view = new PersonSnapshot.View();
            long[] countJ = count[j];
            double[] vJ = v[j];
            long[] wJ = w[j];
            Arrays.fill(countJ, 0);
            Arrays.fill(vJ, 0.0);
            Arrays.fill(wJ, 0);
            for (int i = from[j]; i < from[j + 1]; i++) {
                int p = s[i];
                if (persons.id[p] != id[i] || persons.place[p] == Persons.FREE) {
                    throw new IllegalStateException("member " + id[i] + " of the year-" + years[c] + " cohort of "
                            + nb.name[j] + " is no longer followed at tick " + tick);
                }
                reader.readAtPoint(model, tick, p, view);
                int g = place(view.where, j);
                countJ[g]++;
                if (g == DEAD) {
                    continue;
                }
                for (int m = 0; m < M; m++) {
                    double weight = PersonSnapshot.weight(view.flags, m);
                    vJ[m] += PersonSnapshot.value(view.flags, view.income, view.householdIncome, m) * weight;
                    wJ[m] += (long) weight;
                }
            }
        });
        for (int j = 0; j < nb.count; j++) {
            csv.cell(years[c]).cell(tick).round(tick / 12.0).text(nb.name[j]).cell(from[j + 1] - from[j]);
            for (long k : count[j]) {
                csv.cell(k);
            }
            for (int m = 0; m < M; m++) {
                csv.round(w[j][m] > 0 ? v[j][m] / w[j][m] : 0.0).cell(w[j][m]);
            }
            csv.end();
        }
    }

    /** Where a member of origin j lives now. */
    private static int place(short where, int j) {
        if (where >= 0) {
            return where == j ? IN_ORIGIN : ELSEWHERE;
        }
        if (where == PersonSnapshot.REGION) {
            return IN_REGION;
        }
        if (where == PersonSnapshot.DEAD) {
            return DEAD;
        }
        throw new IllegalStateException("an origin cohort member is no longer followed");
    }

    /** The cohort years (ascending), shared with {@link LeakTable}. */
    int[] years() {
        return years;
    }

    /** Cohort c's members' person slots, grouped by origin (null before its tick). */
    int[] slots(int c) {
        return slots[c];
    }

    /** Cohort c's members' person ids, parallel to {@link #slots}. */
    int[] ids(int c) {
        return ids[c];
    }

    /** Where origin j's members of cohort c start in {@link #slots}: first(c)[j] to first(c)[j + 1]. */
    int[] first(int c) {
        return first[c];
    }

    @Override
    public Csv csv() {
        return csv;
    }
}
