package org.wijklab.observation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.TickListener;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;

/**
 * The erosion decomposition ({@code decomposition.csv}), on persons, per neighbourhood, metric and
 * period (every {@code output.decompositionYears} years, and the whole run). For a unit j between t0
 * and t1, with stayers S (persons living in j at both times), out-movers O (in j at t0 only: moved
 * elsewhere in the city, left the city for the region, or died) and in-movers I (in j at t1 only:
 * from elsewhere in the city, left a parental home elsewhere, born, or from outside the city),
 * weight shares w_O = W_O(t0)/W(t0) and w_I = W_I(t1)/W(t1) and weighted group means Y:
 * <pre>
 *   place change   = Y(t1) - Y(t0)
 *                  = [Y_S(t1) - Y_S(t0)] + w_I [Y_I(t1) - Y_S(t1)] - w_O [Y_O(t0) - Y_S(t0)]
 *   people change  = mean at t1 - mean at t0 of the persons living in j at t0 who are alive at t1,
 *                    wherever they live then: in j, elsewhere in the city, or in the region
 *   eroded gain    = people change - place change
 * </pre>
 * The identity is exact algebra: Y(t0) is the w_O-weighted mix of Y_S(t0) and Y_O(t0), Y(t1) of
 * Y_S(t1) and Y_I(t1). A group without weight takes the place mean, so its terms are zero and the
 * identity still holds. People change is also given for the cohort's parts: still in the city
 * (stayers and those who moved within it), moved within the city, and left the city; a part with
 * nobody in it is an empty cell. The persons who died are out-movers of the place but not part of
 * the people change (dying is neither a gain nor a loss of the place's people). The metrics are
 * those of {@link PersonSnapshot}: employment, equivalised income, good mental health and household
 * income, each on its persons.
 *
 * <p>The model follows everyone living in the city at a period's start to the period's end (see
 * {@code WijkLabModel.followPanel}), so a person of t0 is always found at t1; the snapshot keeps ids
 * to tell a reused person slot apart.
 *
 * <p>With programmes, each programme's target set is decomposed as one unit too (rows named
 * {@code targets:<programme>}, written after the neighbourhoods' rows): a person is in the unit
 * while it lives in any target, so moving from one target to another is staying. Its periods are
 * the regular ones and the programme's own, from its start tick (the state its targets are chosen
 * from) to its end tick and to the last tick. A regular period that ends before the programme's
 * targets are known keeps its two snapshots until they are.
 */
public final class ErosionDecomposition implements TickListener, OutputFile {
    private static final long serialVersionUID = 1L;

    public static final String[] METRICS = PersonSnapshot.METRICS;
    static final String[] HEADER = {"neighbourhood", "metric", "t0", "t1", "y_t0", "y_t1", "place_change",
        "stayers_change", "inflow_effect", "outflow_effect", "people_change", "eroded_gain", "stayers",
        "out_movers", "in_movers", "out_within_city", "out_left_city", "out_died", "in_from_city",
        "in_left_parental_home", "in_born", "in_from_outside", "cohort_alive", "people_change_in_city",
        "people_change_moved_within", "people_change_left_city", "y_stayers_t0", "y_stayers_t1", "y_out_movers_t0",
        "y_in_movers_t1", "y_out_within_t0", "y_out_left_t0", "y_out_died_t0", "w_out", "w_in",
        "people_change_own", "people_change_household", "same_persons_change", "ageing_in_effect", "ageing_out_effect"};
    /** The unit name of a programme's target set: this prefix and the programme's name. */
    public static final String TARGETS_PREFIX = "targets:";
    private static final int M = METRICS.length;

    private final Csv csv;
    private final int periodTicks;
    private final int lastTick;
    private PersonSnapshot start;
    private PersonSnapshot periodStart;
    /** The regular periods so far, with each programme's target-set groups once its targets are known. */
    private final List<Period> regular = new ArrayList<>();
    private PersonSnapshot[] programmeStart;
    private Groups[] ownEnd;
    private Groups[] ownLast;
    private int[] ownEndT1;
    private final ChannelTracker tracker = new ChannelTracker();

    public ErosionDecomposition(Path file, int periodYears, int lastTick) {
        this(new Csv(file, HEADER), periodYears, lastTick);
    }

    /** The same rows, to a writer (in memory, say) instead of a file: decomposition.csv's text. */
    public ErosionDecomposition(java.io.Writer writer, int periodYears, int lastTick) {
        this(new Csv("decomposition.csv", writer, HEADER), periodYears, lastTick);
    }

    private ErosionDecomposition(Csv csv, int periodYears, int lastTick) {
        this.csv = csv;
        this.periodTicks = periodYears * 12;
        this.lastTick = lastTick;
    }

    /** One regular period: its ticks, the target groups per programme, and its snapshots while a programme's targets are unknown. */
    private static final class Period implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        final int t0;
        final int t1;
        PersonSnapshot s0;
        PersonSnapshot s1;
        final Groups[] targets;

        Period(PersonSnapshot s0, PersonSnapshot s1, int programmes) {
            t0 = s0.tick;
            t1 = s1.tick;
            this.s0 = s0;
            this.s1 = s1;
            targets = new Groups[programmes];
        }
    }

    /**
     * Person p's place and outcomes at this tick, for the other tables that follow persons each
     * month (origins.csv, leak.csv, cohorts.csv, helped.csv): read through the tracker's households'
     * records of the tick, which the first table to ask makes (every table is told of the tick after
     * the model's month, before anything changes): the same values as {@link PersonSnapshot.View#read}.
     */
    void read(WijkLabModel model, int tick, int p, PersonSnapshot.View v) {
        tracker.update(model, tick);
        tracker.view(model, p, v);
    }

    /** Every person slot's place and outcomes at this tick, made once for the tick ({@link ChannelTracker#slots}). */
    int[] slots(WijkLabModel model, int tick) {
        return tracker.slots(model, tick);
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        List<Programmes.Run> runs = model.programmes().runs();
        Neighbourhoods nb = model.neighbourhoods();
        PersonSnapshot now = null;
        tracker.update(model, tick);
        if (tick == 0) {
            start = new PersonSnapshot(model, 0, tracker);
            periodStart = start;
            programmeStart = new PersonSnapshot[runs.size()];
            ownEnd = new Groups[runs.size()];
            ownLast = new Groups[runs.size()];
            ownEndT1 = new int[runs.size()];
        } else if (tick % periodTicks == 0 || tick == lastTick) {
            now = new PersonSnapshot(model, tick, tracker);
            period(nb, periodStart, now, runs.size());
            if (tick == lastTick && periodStart != start) {
                period(nb, start, now, runs.size());
            }
            if (tick < lastTick) {
                periodStart = now;
            }
        }
        for (int r = 0; r < runs.size(); r++) {
            Programmes.Run run = runs.get(r);
            if (tick == run.startTick) {
                // the programme's baseline: its targets are chosen from this state at its first step
                programmeStart[r] = tick == 0 ? start : periodStart.tick == tick ? periodStart : new PersonSnapshot(model, tick, tracker);
            }
            if (programmeStart[r] != null && run.started() && tick > run.startTick
                    && (tick == run.endTick || tick == lastTick)) {
                if (now == null) {
                    now = new PersonSnapshot(model, tick, tracker);
                }
                Groups g = groups(programmeStart[r], now, unitOf(run.isTarget), 1);
                if (tick == run.endTick) {
                    ownEnd[r] = g;
                    ownEndT1[r] = tick;
                } else {
                    ownLast[r] = g;
                }
            }
            if (tick == lastTick) {
                programmeStart[r] = null;
            }
        }
        // regular periods waiting for a programme's targets
        for (Period p : regular) {
            if (p.s0 == null) {
                continue;
            }
            boolean waiting = false;
            for (int r = 0; r < runs.size(); r++) {
                if (p.targets[r] == null) {
                    if (runs.get(r).started()) {
                        p.targets[r] = groups(p.s0, p.s1, unitOf(runs.get(r).isTarget), 1);
                    } else {
                        waiting = true;
                    }
                }
            }
            if (!waiting) {
                p.s0 = null;
                p.s1 = null;
            }
        }
        if (tick == lastTick) {
            for (int r = 0; r < runs.size(); r++) {
                writeTargets(runs.get(r), r);
            }
        }
    }

    /** A finished regular period: the neighbourhoods' rows now, the target sets' groups kept for the end. */
    private void period(Neighbourhoods nb, PersonSnapshot s0, PersonSnapshot s1, int programmes) {
        int[] each = new int[nb.count];
        for (int j = 0; j < nb.count; j++) {
            each[j] = j;
        }
        Groups g = groups(s0, s1, each, nb.count);
        for (int j = 0; j < nb.count; j++) {
            rows(nb.name[j], j, s0.tick, s1.tick, g);
        }
        if (programmes > 0) {
            regular.add(new Period(s0, s1, programmes));
        }
    }

    private static int[] unitOf(boolean[] isTarget) {
        int[] u = new int[isTarget.length];
        for (int j = 0; j < u.length; j++) {
            u[j] = isTarget[j] ? 0 : -1;
        }
        return u;
    }

    /** Sums of value and weight per unit and metric for one group at one time, and its persons. */
    static final class Sums implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        final double[] v;
        final double[] w;
        final long[] count;

        Sums(int n) {
            v = new double[n * M];
            w = new double[n * M];
            count = new long[n];
        }

        void add(int u, PersonSnapshot s, int p) {
            for (int m = 0; m < M; m++) {
                v[u * M + m] += s.value(p, m);
                w[u * M + m] += s.weight(p, m);
            }
        }

        /** The weighted mean of unit u and metric m, or NaN without weight. */
        double mean(int u, int m) {
            int k = u * M + m;
            return w[k] > 0 ? v[k] / w[k] : Double.NaN;
        }
    }

    /** The groups of one period for n units (each neighbourhood, or one target set). */
    static final class Groups implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        final Sums stay0;
        final Sums stay1;
        final Sums out0;
        final Sums in1;
        final Sums within0;
        final Sums within1;
        final Sums left0;
        final Sums left1;
        final Sums died0;
        final long[] inCity;
        final long[] inParental;
        final long[] inBorn;
        final long[] inOutside;
        final Channels channels;

        Groups(int n) {
            stay0 = new Sums(n);
            stay1 = new Sums(n);
            out0 = new Sums(n);
            in1 = new Sums(n);
            within0 = new Sums(n);
            within1 = new Sums(n);
            left0 = new Sums(n);
            left1 = new Sums(n);
            died0 = new Sums(n);
            inCity = new long[n];
            inParental = new long[n];
            inBorn = new long[n];
            inOutside = new long[n];
            channels = new Channels(n);
        }
    }

    /**
     * The channel sums of the cohort alive at t1, per unit and metric: the same persons (weight at t0
     * and t1: their values at both times and their household-channel change), those who aged in (weight
     * at t1 only: their values at t1, all and those whose weight came in a household month) and those who
     * aged out (weight at t0 only: their values at t0, all and in a household month).
     */
    static final class Channels implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        final double[] sameW;
        final double[] sameV0;
        final double[] sameV1;
        final double[] sameHousehold;
        final double[] inW;
        final double[] inV;
        final double[] inHouseholdW;
        final double[] inHouseholdV;
        final double[] outW;
        final double[] outV;
        final double[] outHouseholdW;
        final double[] outHouseholdV;

        Channels(int n) {
            sameW = new double[n * M];
            sameV0 = new double[n * M];
            sameV1 = new double[n * M];
            sameHousehold = new double[n * M];
            inW = new double[n * M];
            inV = new double[n * M];
            inHouseholdW = new double[n * M];
            inHouseholdV = new double[n * M];
            outW = new double[n * M];
            outV = new double[n * M];
            outHouseholdW = new double[n * M];
            outHouseholdV = new double[n * M];
        }

        /** Person p of the cohort of unit u, alive at t1 (weights are 0 or 1). */
        void add(int u, PersonSnapshot s0, PersonSnapshot s1, int p) {
            for (int m = 0; m < M; m++) {
                int k = u * M + m;
                boolean w0 = s0.weight(p, m) > 0;
                boolean w1 = s1.weight(p, m) > 0;
                if (w0 && w1) {
                    sameW[k]++;
                    sameV0[k] += s0.value(p, m);
                    sameV1[k] += s1.value(p, m);
                    sameHousehold[k] += s1.household(p, m) - s0.household(p, m);
                } else if (w0 != w1) {
                    // the weight's last change (into or out of it) came in a household month
                    byte bit = m == 0 ? PersonSnapshot.EMPLOYMENT_WEIGHT_HOUSEHOLD : PersonSnapshot.ADULT_WEIGHT_HOUSEHOLD;
                    boolean household = (s1.flags[p] & bit) != 0;
                    if (w1) {
                        double v = s1.value(p, m);
                        inW[k]++;
                        inV[k] += v;
                        if (household) {
                            inHouseholdW[k]++;
                            inHouseholdV[k] += v;
                        }
                    } else {
                        double v = s0.value(p, m);
                        outW[k]++;
                        outV[k] += v;
                        if (household) {
                            outHouseholdW[k]++;
                            outHouseholdV[k] += v;
                        }
                    }
                }
            }
        }
    }

    /**
     * Every person's group between two snapshots, for units given by {@code unitOf} (a
     * neighbourhood's unit, or -1 for none): one pass over the person slots.
     */
    static Groups groups(PersonSnapshot s0, PersonSnapshot s1, int[] unitOf, int units) {
        Groups g = new Groups(units);
        int slots = Math.max(s0.bound, s1.bound);
        for (int p = 0; p < slots; p++) {
            int a0 = p < s0.bound ? s0.where[p] : PersonSnapshot.NONE;
            // the same person at both times (a freed slot may hold a newer person at t1)
            boolean same = a0 != PersonSnapshot.NONE && p < s1.bound && s1.id[p] == s0.id[p];
            int u0 = a0 >= 0 ? unitOf[a0] : -1;
            int a1 = p < s1.bound ? s1.where[p] : PersonSnapshot.NONE;
            int u1 = a1 >= 0 ? unitOf[a1] : -1;
            if (u0 >= 0) {
                if (!same || a1 == PersonSnapshot.NONE) {
                    throw new IllegalStateException("person " + s0.id[p] + " of tick " + s0.tick
                            + " was not followed to tick " + s1.tick);
                }
                if (u1 == u0) {
                    g.stay0.add(u0, s0, p);
                    g.stay1.add(u0, s1, p);
                    g.channels.add(u0, s0, s1, p);
                    g.stay0.count[u0]++;
                    continue;
                }
                g.out0.add(u0, s0, p);
                g.out0.count[u0]++;
                if (a1 >= 0) {
                    g.within0.add(u0, s0, p);
                    g.within1.add(u0, s1, p);
                    g.channels.add(u0, s0, s1, p);
                    g.within0.count[u0]++;
                } else if (a1 == PersonSnapshot.REGION) {
                    g.left0.add(u0, s0, p);
                    g.left1.add(u0, s1, p);
                    g.channels.add(u0, s0, s1, p);
                    g.left0.count[u0]++;
                } else {
                    g.died0.add(u0, s0, p);
                    g.died0.count[u0]++;
                }
            }
            if (u1 >= 0) {
                g.in1.add(u1, s1, p);
                g.in1.count[u1]++;
                if (same && a0 >= 0) {
                    boolean grewUp = (s0.flags[p] & PersonSnapshot.ADULT) == 0 && (s1.flags[p] & PersonSnapshot.ADULT) != 0;
                    if (grewUp) {
                        g.inParental[u1]++;
                    } else {
                        g.inCity[u1]++;
                    }
                } else if ((s1.flags[p] & PersonSnapshot.BORN) != 0) {
                    g.inBorn[u1]++;
                } else {
                    g.inOutside[u1]++;
                }
            }
        }
        return g;
    }

    /**
     * The rows of a programme's target set as one unit: the regular periods, then the programme's
     * own (start to end, start to the last tick), each period once.
     */
    private void writeTargets(Programmes.Run run, int r) {
        if (!run.started()) {
            return;
        }
        String name = TARGETS_PREFIX + run.spec.name();
        for (Period p : regular) {
            if (p.targets[r] != null) {
                rows(name, 0, p.t0, p.t1, p.targets[r]);
            }
        }
        if (ownEnd[r] != null && regular.stream().noneMatch(p -> p.t0 == run.startTick && p.t1 == ownEndT1[r])) {
            rows(name, 0, run.startTick, ownEndT1[r], ownEnd[r]);
        }
        if (ownLast[r] != null && regular.stream().noneMatch(p -> p.t0 == run.startTick && p.t1 == lastTick)) {
            rows(name, 0, run.startTick, lastTick, ownLast[r]);
        }
    }

    /** One row per metric for unit j of the groups. */
    private void rows(String name, int j, int t0, int t1, Groups g) {
        for (int m = 0; m < M; m++) {
            double[] row = row(g, j, m);
            csv.text(name).cell(METRICS[m]).cell(t0).cell(t1);
            for (int c = 0; c < row.length; c++) {
                if (c >= FIRST_COUNT && c <= LAST_COUNT) {
                    csv.cell((long) row[c]);
                } else {
                    csv.exactOrEmpty(row[c]);
                }
            }
            csv.end();
        }
    }

    /** Columns of {@link #row} (from HEADER's fifth on) that are person counts. */
    private static final int FIRST_COUNT = 8;
    private static final int LAST_COUNT = 18;

    /**
     * The numbers of one row: HEADER's columns from y_t0 on, for unit j and metric m; a mean over
     * nobody is NaN (written as an empty cell).
     */
    static double[] row(Groups g, int j, int m) {
        int k = j * M + m;
        Sums stay0 = g.stay0;
        Sums stay1 = g.stay1;
        Sums out0 = g.out0;
        Sums in1 = g.in1;
        double w0 = stay0.w[k] + out0.w[k];
        double w1 = stay1.w[k] + in1.w[k];
        double y0 = w0 > 0 ? (stay0.v[k] + out0.v[k]) / w0 : 0.0;
        double y1 = w1 > 0 ? (stay1.v[k] + in1.v[k]) / w1 : 0.0;
        double ys0 = stay0.w[k] > 0 ? stay0.v[k] / stay0.w[k] : y0;
        double ys1 = stay1.w[k] > 0 ? stay1.v[k] / stay1.w[k] : y1;
        double yo0 = out0.w[k] > 0 ? out0.v[k] / out0.w[k] : y0;
        double yi1 = in1.w[k] > 0 ? in1.v[k] / in1.w[k] : y1;
        double wOut = w0 > 0 ? out0.w[k] / w0 : 0.0;
        double wIn = w1 > 0 ? in1.w[k] / w1 : 0.0;
        if (stay0.w[k] == 0 || stay1.w[k] == 0) {
            // no stayers with weight: every group takes the place mean, so the whole
            // change is booked as the stayers' term and the flow terms are zero
            ys0 = y0;
            ys1 = y1;
            yo0 = y0;
            yi1 = y1;
        }
        double stayers = ys1 - ys0;
        double inflow = wIn * (yi1 - ys1);
        double outflow = -wOut * (yo0 - ys0);
        double place = y1 - y0;
        // the cohort alive at t1 and its parts: stayers, moved within the city, left the city
        double alive = change(g, k, true, true, true);
        double people = Double.isNaN(alive) ? 0.0 : alive;
        double[] c = channels(g, j, m, people);
        return new double[] {y0, y1, place, stayers, inflow, outflow, people, people - place,
            stay0.count[j], out0.count[j], in1.count[j], g.within0.count[j], g.left0.count[j], g.died0.count[j],
            g.inCity[j], g.inParental[j], g.inBorn[j], g.inOutside[j],
            stay0.count[j] + g.within0.count[j] + g.left0.count[j],
            change(g, k, true, true, false), change(g, k, false, true, false), change(g, k, false, false, true),
            ys0, ys1, yo0, yi1, g.within0.mean(j, m), g.left0.mean(j, m), g.died0.mean(j, m), wOut, wIn,
            c[0], c[1], c[2], c[3], c[4]};
    }

    /**
     * The people change's channels for unit j and metric m ({@code people} is the row's people change):
     * own, household, and the same persons' change with the effects of ageing in and out. With the
     * cohort's weights W0 (at t0) and W1 (at t1), the same persons B (weight at both), those who aged in
     * A (at t1 only) and out R (at t0 only), and B's means yB0, yB1 (0 when B is empty):
     * <pre>
     *   people change = (yB1 - yB0) + sum_A (y1 - yB1) / W1 - sum_R (y0 - yB0) / W0
     *                 = same persons + ageing in + ageing out
     *   household     = sum_B (H1 - H0) / |B| + the ageing terms of the persons whose weight changed last in a household month
     *   own           = people change - household
     * </pre>
     * where H is a person's running sum of its changes in household-event months. Without cohort weight
     * at t0 or t1 the people change is 0 and so is every channel.
     */
    static double[] channels(Groups g, int j, int m, double people) {
        int k = j * M + m;
        double w0 = g.stay0.w[k] + g.within0.w[k] + g.left0.w[k];
        double w1 = g.stay1.w[k] + g.within1.w[k] + g.left1.w[k];
        if (w0 <= 0 || w1 <= 0) {
            return new double[5];
        }
        Channels c = g.channels;
        double nB = c.sameW[k];
        double yB0 = nB > 0 ? c.sameV0[k] / nB : 0.0;
        double yB1 = nB > 0 ? c.sameV1[k] / nB : 0.0;
        double same = nB > 0 ? yB1 - yB0 : 0.0;
        double sameHousehold = nB > 0 ? c.sameHousehold[k] / nB : 0.0;
        double in = (c.inV[k] - c.inW[k] * yB1) / w1;
        double inHousehold = (c.inHouseholdV[k] - c.inHouseholdW[k] * yB1) / w1;
        double out = -(c.outV[k] - c.outW[k] * yB0) / w0;
        double outHousehold = -(c.outHouseholdV[k] - c.outHouseholdW[k] * yB0) / w0;
        double household = sameHousehold + inHousehold + outHousehold;
        return new double[] {people - household, household, same, in, out};
    }

    /** The change of the mean over the chosen parts of the cohort (k = unit * M + metric); NaN without weight. */
    private static double change(Groups g, int k, boolean stayed, boolean within, boolean left) {
        double v0 = 0;
        double w0 = 0;
        double v1 = 0;
        double w1 = 0;
        if (stayed) {
            v0 += g.stay0.v[k];
            w0 += g.stay0.w[k];
            v1 += g.stay1.v[k];
            w1 += g.stay1.w[k];
        }
        if (within) {
            v0 += g.within0.v[k];
            w0 += g.within0.w[k];
            v1 += g.within1.v[k];
            w1 += g.within1.w[k];
        }
        if (left) {
            v0 += g.left0.v[k];
            w0 += g.left0.w[k];
            v1 += g.left1.v[k];
            w1 += g.left1.w[k];
        }
        return w0 > 0 && w1 > 0 ? v1 / w1 - v0 / w0 : Double.NaN;
    }

    @Override
    public Csv csv() {
        return csv;
    }
}
