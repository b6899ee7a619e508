package org.wijklab.observation;

import java.nio.file.Path;
import java.util.Arrays;
import org.wijklab.model.Help;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Persons;
import org.wijklab.model.TickListener;
import org.wijklab.model.WijkLabModel;

/**
 * {@code leak.csv}: the members of {@code origins.csv}'s cohorts (a neighbourhood's residents at tick
 * 12·y) split at each point by where they live then, whether they were eligible for help at the
 * cohort tick and whether they have been helped, with their moves out of their origin and their
 * outcomes' change since the cohort tick. A report pairs a programme's run with the run without it
 * on the same seed (the same persons until the programme starts) and splits what the programme
 * changed by where its persons went.
 *
 * <p>It shares {@link OriginsTable}'s members (slots and ids, grouped by origin) and must be told of
 * every tick after it. Per member it adds its state at the cohort tick (the {@link PersonSnapshot}
 * flags, eligibility and whether it has left its origin: 1 byte; its equivalised income: 4 bytes)
 * and the month its time at risk of leaving ended (2 bytes): 7 bytes, 15 with the origins' 8.
 *
 * <p>Every month each member still at risk is looked at: found outside its origin (elsewhere in the
 * city or in the region) it has left, and its time at risk ends at that month; found dead, its time
 * at risk ends without leaving. Help is a time-varying exposure: a member's months at risk are split
 * at its first help ({@link Persons#helpFirst}, a tick h): the months up to and including h are
 * unhelped, those after it helped, and a first move out found at the end of month t counts as helped
 * if h &lt; t (help and a move in the same month: unhelped). Help reaches only persons who live in a
 * target, so a helped member has stayed until its help; counting the months before it as helped
 * would make them immortal for moving out. Rows at origins.csv's points (tick 12·y, every twelfth tick after
 * it, and the last tick), by tick, then cohort year, origin (city order), location (city order,
 * then the region, then the dead), eligible, helped; only cells with members. Written on the
 * model's thread as the run goes; draws nothing.
 */
public final class LeakTable implements TickListener, OutputFile {
    private static final long serialVersionUID = 1L;

    static final String[] METRICS = {"employment", "income", "good_mental_health"};
    static final String[] HEADER = header();
    private static final int M = METRICS.length;
    /** Bits of a member's {@link #state} beside the snapshot's ADULT, WORKING_AGE, EMPLOYED and GOOD. */
    private static final byte MEASURED = PersonSnapshot.ADULT | PersonSnapshot.WORKING_AGE | PersonSnapshot.EMPLOYED
            | PersonSnapshot.GOOD;
    private static final byte ELIGIBLE = 32;
    private static final byte LEFT = 64;
    /** {@link #stop} of a member still at risk. */
    private static final short AT_RISK = -1;

    private final Csv csv;
    private final OriginsTable origins;
    private final int lastTick;
    /** Per cohort (as the origins table's): each member's flags at the cohort tick, with ELIGIBLE and LEFT. */
    private final byte[][] state;
    /** Per cohort: each member's equivalised household income at the cohort tick. */
    private final float[][] income0;
    /** Per cohort: months from the cohort tick to the end of the member's time at risk; AT_RISK while it lasts. */
    private final short[][] stop;
    private final PersonReader reader = new PersonReader();
    private final PersonSnapshot.View view = reader.view();
    /** Per origin neighbourhood of the cohort being written: its rows' sums (scratch). */
    private transient Sums[] sums;

    /** Per cell (location, eligible, helped) of one origin: the sums of a row. */
    private static final class Sums {
        final long[] persons;
        final long[] left;
        final long[] risk;
        /** Per cell: months at risk after the first help, and first move-outs after it. */
        final long[] riskHelped;
        final long[] leftHelped;
        final long[] n0;
        final long[] n;
        final double[] gain;

        Sums(int cells) {
            persons = new long[cells];
            left = new long[cells];
            risk = new long[cells];
            riskHelped = new long[cells];
            leftHelped = new long[cells];
            n0 = new long[cells * M];
            n = new long[cells * M];
            gain = new double[cells * M];
        }

        void clear() {
            Arrays.fill(persons, 0);
            Arrays.fill(left, 0);
            Arrays.fill(risk, 0);
            Arrays.fill(riskHelped, 0);
            Arrays.fill(leftHelped, 0);
            Arrays.fill(n0, 0);
            Arrays.fill(n, 0);
            Arrays.fill(gain, 0.0);
        }
    }

    /** Reads persons through the run's erosion decomposition's households' records of each tick (the same values, fewer reads). */
    public LeakTable readingThrough(ErosionDecomposition decomposition) {
        reader.through(decomposition);
        return this;
    }

    /** A table of the members of the origins table's cohorts in a run of lastTick ticks. */
    public LeakTable(Path file, OriginsTable origins, int lastTick) {
        this(new Csv(file, HEADER), origins, lastTick);
    }

    /** The same table written to a writer of the caller's (a paired sweep keeps a run's rows in memory). */
    public LeakTable(java.io.Writer writer, OriginsTable origins, int lastTick) {
        this(new Csv("leak.csv", writer, HEADER), origins, lastTick);
    }

    private LeakTable(Csv csv, OriginsTable origins, int lastTick) {
        this.csv = csv;
        this.origins = origins;
        this.lastTick = lastTick;
        int c = origins.years().length;
        state = new byte[c][];
        income0 = new float[c][];
        stop = new short[c][];
    }

    private static String[] header() {
        java.util.List<String> h = new java.util.ArrayList<>(java.util.List.of("cohort_year", "tick", "origin",
                "location", "eligible", "helped", "persons", "left_origin", "months_at_risk", "months_at_risk_unhelped",
                "months_at_risk_helped", "left_unhelped", "left_helped"));
        for (String m : METRICS) {
            h.add(m + "_n0");
            h.add(m + "_n");
            h.add(m + "_gain");
        }
        return h.toArray(String[]::new);
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        int[] years = origins.years();
        boolean point = tick % 12 == 0 || tick == lastTick;
        for (int c = 0; c < years.length; c++) {
            int origin = 12 * years[c];
            if (tick < origin) {
                break;
            }
            if (tick == origin) {
                begin(model, c, tick);
            } else if (state[c] != null) {
                follow(model, c, tick);
            }
            if (point && state[c] != null) {
                write(model, c, tick);
            }
        }
    }

    /** The cohort's members at its tick: their outcomes and whether they were eligible for help. */
    private void begin(WijkLabModel model, int c, int tick) {
        int[] s = origins.slots(c);
        if (s == null) {
            throw new IllegalStateException("leak.csv is told of tick " + tick + " before origins.csv");
        }
        Persons persons = model.persons();
        Households h = model.households();
        byte[] st = new byte[s.length];
        float[] inc = new float[s.length];
        short[] end = new short[s.length];
        for (int i = 0; i < s.length; i++) {
            int p = s[i];
            reader.read(model, tick, p);
            st[i] = (byte) ((view.flags & MEASURED) | (eligible(h, persons.household[p]) ? ELIGIBLE : 0));
            inc[i] = view.income;
            end[i] = AT_RISK;
        }
        state[c] = st;
        income0[c] = inc;
        stop[c] = end;
    }

    /**
     * Whether household k has debts, youth problems, an adult in poor or severe mental health, or an
     * adult of working age out of work (unemployed or inactive).
     */
    static boolean eligible(Households h, int k) {
        if (h.debt[k] > 0 || h.youth[k] > 0 || h.anyPoorMentalHealth(k)) {
            return true;
        }
        for (int a = 0; a < h.adults[k]; a++) {
            byte status = h.status[2 * k + a];
            if (status == Households.UNEMPLOYED || status == Households.INACTIVE) {
                return true;
            }
        }
        return false;
    }

    /**
     * This month's look at the members still at risk: who has left its origin, who has died. In
     * chunks of members on the block threads (reading state only; each chunk writes only its own
     * members' entries): the same entries whatever the thread count.
     */
    private void follow(WijkLabModel model, int c, int tick) {
        Persons persons = model.persons();
        Households h = model.households();
        int[] s = origins.slots(c);
        int[] first = origins.first(c);
        byte[] st = state[c];
        short[] end = stop[c];
        short months = (short) (tick - 12 * origins.years()[c]);
        int size = org.wijklab.model.Blocks.SIZE;
        model.blocks().forEachChunk((s.length + size - 1) / size, chunk -> {
            int from = chunk * size;
            int to = Math.min(s.length, from + size);
            // the origin of the chunk's first member: the last group starting at or before it
            int j = 0;
            while (first[j + 1] <= from) {
                j++;
            }
            for (int i = from; i < to; i++) {
                while (first[j + 1] <= i) {
                    j++;
                }
                if (end[i] != AT_RISK) {
                    continue;
                }
                int p = s[i];
                switch (persons.place[p]) {
                    case Persons.CITY -> {
                        if (h.hood[persons.household[p]] != j) {
                            end[i] = months;
                            st[i] |= LEFT;
                        }
                    }
                    case Persons.REGION -> {
                        end[i] = months;
                        st[i] |= LEFT;
                    }
                    case Persons.DEAD -> end[i] = months;
                    default -> throw new IllegalStateException("a member of the year-" + origins.years()[c]
                            + " cohort is no longer followed at tick " + tick);
                }
            }
        });
    }

    /**
     * The rows of cohort c at a point: per origin, one pass over its members into cells. The
     * origins are summed on the block threads, each by one thread in member order (the same sums
     * whatever the thread count), and written in city order after.
     */
    private void write(WijkLabModel model, int c, int tick) {
        reader.atPoint(model, tick);
        Persons ps = model.persons();
        Neighbourhoods nb = model.neighbourhoods();
        int[] s = origins.slots(c);
        int[] id = origins.ids(c);
        int[] first = origins.first(c);
        int year = origins.years()[c];
        int cohortTick = 12 * year;
        int elapsed = tick - cohortTick;
        int locations = nb.count + 2;
        int cells = 4 * locations;
        if (sums == null || sums.length != nb.count || sums[0].persons.length != cells) {
            sums = new Sums[nb.count];
            for (int j = 0; j < nb.count; j++) {
                sums[j] = new Sums(cells);
            }
        }
        byte[] states = state[c];
        float[] incomes = income0[c];
        short[] stops = stop[c];
        model.blocks().forEachChunk(nb.count, j -> {
            PersonSnapshot.View at = new PersonSnapshot.View();
            Sums sum = sums[j];
            sum.clear();
            for (int i = first[j]; i < first[j + 1]; i++) {
                int p = s[i];
                if (ps.id[p] != id[i] || ps.place[p] == Persons.FREE) {
                    throw new IllegalStateException("member " + id[i] + " of the year-" + year + " cohort of "
                            + nb.name[j] + " is no longer followed at tick " + tick);
                }
                reader.readAtPoint(model, tick, p, at);
                int location = at.where >= 0 ? at.where : at.where == PersonSnapshot.REGION ? nb.count : nb.count + 1;
                byte st = states[i];
                int helpTick = ps.helpFirst[p];
                boolean helped = helpTick != Help.NEVER && helpTick <= tick;
                int cell = (4 * location) + ((st & ELIGIBLE) != 0 ? 2 : 0) + (helped ? 1 : 0);
                sum.persons[cell]++;
                boolean leaver = (st & LEFT) != 0;
                sum.left[cell] += leaver ? 1 : 0;
                short end = stops[i];
                int atRisk = end == AT_RISK ? elapsed : end;
                sum.risk[cell] += atRisk;
                // the months at risk after tick max(helpTick, cohort tick): helped
                int after = helped ? atRisk - Math.max(0, Math.min(atRisk, helpTick - cohortTick)) : 0;
                sum.riskHelped[cell] += after;
                sum.leftHelped[cell] += leaver && after > 0 ? 1 : 0;
                boolean alive = location <= nb.count;
                for (int m = 0; m < M; m++) {
                    if (PersonSnapshot.weight(st, m) == 0) {
                        continue;
                    }
                    sum.n0[cell * M + m]++;
                    if (alive && PersonSnapshot.weight(at.flags, m) > 0) {
                        sum.n[cell * M + m]++;
                        sum.gain[cell * M + m] += PersonSnapshot.value(at.flags, at.income, 0f, m)
                                - PersonSnapshot.value(st, incomes[i], 0f, m);
                    }
                }
            }
        });
        for (int j = 0; j < nb.count; j++) {
            Sums sum = sums[j];
            for (int cell = 0; cell < cells; cell++) {
                if (sum.persons[cell] == 0) {
                    continue;
                }
                int location = cell / 4;
                csv.cell(year).cell(tick).text(nb.name[j])
                        .text(location < nb.count ? nb.name[location] : location == nb.count ? "region" : "dead")
                        .cell((cell & 2) != 0 ? 1 : 0).cell(cell & 1).cell(sum.persons[cell]).cell(sum.left[cell])
                        .cell(sum.risk[cell]).cell(sum.risk[cell] - sum.riskHelped[cell]).cell(sum.riskHelped[cell])
                        .cell(sum.left[cell] - sum.leftHelped[cell]).cell(sum.leftHelped[cell]);
                for (int m = 0; m < M; m++) {
                    csv.cell(sum.n0[cell * M + m]).cell(sum.n[cell * M + m]).round(sum.gain[cell * M + m]);
                }
                csv.end();
            }
        }
        csv.flush();
    }

    @Override
    public Csv csv() {
        return csv;
    }
}
