package org.wijklab.observation;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.TickListener;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;

/**
 * The erosion decomposition ({@code decomposition.csv}), per neighbourhood, metric and period
 * (every {@code output.decompositionYears} years, and the whole run). For neighbourhood j between
 * t0 and t1, with stayers S (households there at both times), out-movers O (there at t0 only) and
 * in-movers I (there at t1 only), weight shares w_O = W_O(t0)/W(t0) and w_I = W_I(t1)/W(t1) and
 * weighted group means Y:
 * <pre>
 *   place change   = Y(t1) - Y(t0)
 *                  = [Y_S(t1) - Y_S(t0)] + w_I [Y_I(t1) - Y_S(t1)] - w_O [Y_O(t0) - Y_S(t0)]
 *   people change  = mean at t1 - mean at t0 of the t0 residents still in the city at t1
 *   eroded gain    = people change - place change
 * </pre>
 * The identity is exact algebra: Y(t0) is the w_O-weighted mix of Y_S(t0) and Y_O(t0), Y(t1) of
 * Y_S(t1) and Y_I(t1). A group without weight takes the place mean, so its terms are zero and the
 * identity still holds. Metrics and their weights: employment (employed adults per working-age
 * adult), income (household disposable income per household), good mental health (adults in good
 * mental health per adult). Out-movers are split into moved within the city, left the city and
 * dissolved (the last adult died, or a single moved in with a partner: the household id ends); in-movers into from the city, from outside and newly formed households.
 *
 * <p>With programmes, each programme's target set is decomposed as one unit too (rows named
 * {@code targets:<programme>}, written after the neighbourhoods' rows): a household is in the unit
 * while it lives in any target, so moving from one target to another is staying. Its periods are the
 * regular ones and the programme's own, from its start tick (the state its targets are chosen from)
 * to its end tick and to the last tick. The targets are known only from the programme's first step
 * on, so each period keeps where its households went by neighbourhood at both ends ({@link Flows}),
 * and the target sets are formed from those sums at the last tick.
 */
public final class ErosionDecomposition implements TickListener, Closeable {
    public static final String[] METRICS = {"employment", "income", "good_mental_health"};
    static final String[] HEADER = {"neighbourhood", "metric", "t0", "t1", "y_t0", "y_t1", "place_change",
        "stayers_change", "inflow_effect", "outflow_effect", "people_change", "eroded_gain", "stayers",
        "out_movers", "in_movers", "out_within_city", "out_left_city", "out_dissolved", "in_from_city",
        "in_from_outside", "in_formed", "cohort_traced", "y_stayers_t0", "y_stayers_t1", "y_out_movers_t0",
        "y_in_movers_t1", "w_out", "w_in"};
    /** The unit name of a programme's target set: this prefix and the programme's name. */
    public static final String TARGETS_PREFIX = "targets:";
    private static final int M = METRICS.length;

    private final Csv csv;
    private final int periodTicks;
    private final int lastTick;
    private Snapshot start;
    private Snapshot periodStart;
    /** With programmes: the regular periods' flows, and each programme's baseline and own periods. */
    private final List<Flows> regular = new ArrayList<>();
    private Snapshot[] programmeStart;
    private Flows[] ownEnd;
    private Flows[] ownLast;

    public ErosionDecomposition(Path file, int periodYears, int lastTick) {
        csv = new Csv(file, HEADER);
        this.periodTicks = periodYears * 12;
        this.lastTick = lastTick;
    }

    /** Where each household lived and its outcomes at one tick, indexed by household id. */
    static final class Snapshot {
        final int tick;
        final int idBound;
        final int[] neighbourhood;
        final float[] value;
        final float[] weight;

        Snapshot(WijkLabModel model, int tick) {
            this.tick = tick;
            Households h = model.households();
            idBound = h.idBound();
            neighbourhood = new int[idBound];
            Arrays.fill(neighbourhood, -1);
            value = new float[idBound * M];
            weight = new float[idBound * M];
            for (int slot = 0; slot < h.capacity; slot++) {
                if (h.dwelling[slot] < 0) {
                    continue;
                }
                int id = h.id[slot];
                neighbourhood[id] = model.dwellings().neighbourhood[h.dwelling[slot]];
                for (int m = 0; m < M; m++) {
                    value[id * M + m] = (float) value(h, slot, m);
                    weight[id * M + m] = (float) weight(h, slot, m);
                }
            }
        }
    }

    static double value(Households h, int slot, int metric) {
        return switch (metric) {
            case 0 -> h.employed(slot);
            case 1 -> h.income[slot];
            default -> h.goodMentalHealth(slot);
        };
    }

    static double weight(Households h, int slot, int metric) {
        return switch (metric) {
            case 0 -> h.workingAge(slot);
            case 1 -> 1.0;
            default -> h.adults[slot];
        };
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        List<Programmes.Run> runs = model.programmes().runs();
        if (tick == 0) {
            start = new Snapshot(model, 0);
            periodStart = start;
            programmeStart = new Snapshot[runs.size()];
            ownEnd = new Flows[runs.size()];
            ownLast = new Flows[runs.size()];
        } else {
            boolean boundary = tick % periodTicks == 0;
            if (boundary || tick == lastTick) {
                write(model, periodStart, tick);
                if (!runs.isEmpty()) {
                    regular.add(new Flows(model, periodStart, tick));
                }
                if (tick == lastTick && periodStart != start) {
                    write(model, start, tick);
                    if (!runs.isEmpty()) {
                        regular.add(new Flows(model, start, tick));
                    }
                }
                if (tick < lastTick) {
                    periodStart = new Snapshot(model, tick);
                }
            }
        }
        for (int r = 0; r < runs.size(); r++) {
            Programmes.Run run = runs.get(r);
            if (tick == run.startTick) {
                // the programme's baseline: its targets are chosen from this state, and known only
                // at its first step, so all households are kept until then
                programmeStart[r] = tick == 0 ? start : periodStart.tick == tick ? periodStart : new Snapshot(model, tick);
            }
            if (programmeStart[r] != null && tick > run.startTick && (tick == run.endTick || tick == lastTick)) {
                Flows f = new Flows(model, programmeStart[r], tick);
                if (tick == run.endTick) {
                    ownEnd[r] = f;
                } else {
                    ownLast[r] = f;
                }
            }
            if (tick == lastTick) {
                programmeStart[r] = null;
            }
        }
        if (tick == lastTick) {
            for (int r = 0; r < runs.size(); r++) {
                writeTargets(runs.get(r), r);
            }
        }
    }

    /** Sums of value and weight per unit and metric for one group at one time, and its households. */
    private static final class Sums {
        final double[] v;
        final double[] w;
        final long[] count;

        Sums(int n) {
            v = new double[n * M];
            w = new double[n * M];
            count = new long[n];
        }

        void add(int j, float[] values, float[] weights, int base) {
            for (int m = 0; m < M; m++) {
                v[j * M + m] += values[base + m];
                w[j * M + m] += weights[base + m];
            }
        }

        void add(int j, Households h, int slot) {
            for (int m = 0; m < M; m++) {
                v[j * M + m] += value(h, slot, m);
                w[j * M + m] += weight(h, slot, m);
            }
        }

        /** Adds the sums of entry k (n entries per metric block) of a flow table. */
        void add(int j, double[] values, double[] weights, int k) {
            for (int m = 0; m < M; m++) {
                v[j * M + m] += values[k * M + m];
                w[j * M + m] += weights[k * M + m];
            }
        }
    }

    /** The groups of one period for n units (neighbourhoods, or one target set). */
    private static final class Groups {
        final Sums stay0;
        final Sums stay1;
        final Sums out0;
        final Sums in1;
        final Sums cohort0;
        final Sums cohort1;
        final long[] outWithin;
        final long[] outLeft;
        final long[] outDissolved;
        final long[] inCity;
        final long[] inOutside;
        final long[] inFormed;

        Groups(int n) {
            stay0 = new Sums(n);
            stay1 = new Sums(n);
            out0 = new Sums(n);
            in1 = new Sums(n);
            cohort0 = new Sums(n);
            cohort1 = new Sums(n);
            outWithin = new long[n];
            outLeft = new long[n];
            outDissolved = new long[n];
            inCity = new long[n];
            inOutside = new long[n];
            inFormed = new long[n];
        }
    }

    /**
     * Where the households of a period went, by neighbourhood at t0 and at t1, with their sums at
     * both times: enough to decompose any union of neighbourhoods once it is known (a programme's
     * targets are chosen after its start). Households live at both times are kept per pair
     * (from, to); those gone at t1 per neighbourhood at t0 and fate; those new since t0 per
     * neighbourhood at t1 and origin.
     */
    static final class Flows {
        final int t0;
        final int t1;
        final int n;
        /** Live at t0 and t1, per (j0 * n + j1): sums at t0 and at t1. */
        final double[] pairV0;
        final double[] pairW0;
        final double[] pairV1;
        final double[] pairW1;
        final long[] pairCount;
        /** Live at t0, gone at t1, per j0: sums at t0; left the city or dissolved. */
        final double[] goneV0;
        final double[] goneW0;
        final long[] goneLeft;
        final long[] goneDissolved;
        /** Live at t1, not at t0, per j1: sums at t1; newly formed or from outside. */
        final double[] newV1;
        final double[] newW1;
        final long[] newFormed;
        final long[] newOutside;

        Flows(WijkLabModel model, Snapshot s0, int t1) {
            Households h = model.households();
            short[] hood = model.dwellings().neighbourhood;
            this.t0 = s0.tick;
            this.t1 = t1;
            n = model.neighbourhoods().count;
            pairV0 = new double[n * n * M];
            pairW0 = new double[n * n * M];
            pairV1 = new double[n * n * M];
            pairW1 = new double[n * n * M];
            pairCount = new long[n * n];
            goneV0 = new double[n * M];
            goneW0 = new double[n * M];
            goneLeft = new long[n];
            goneDissolved = new long[n];
            newV1 = new double[n * M];
            newW1 = new double[n * M];
            newFormed = new long[n];
            newOutside = new long[n];
            for (int id = 0; id < s0.idBound; id++) {
                int j0 = s0.neighbourhood[id];
                if (j0 < 0) {
                    continue;
                }
                int slot = h.slotOf(id);
                if (slot >= 0) {
                    int k = j0 * n + hood[h.dwelling[slot]];
                    pairCount[k]++;
                    for (int m = 0; m < M; m++) {
                        pairV0[k * M + m] += s0.value[id * M + m];
                        pairW0[k * M + m] += s0.weight[id * M + m];
                        pairV1[k * M + m] += value(h, slot, m);
                        pairW1[k * M + m] += weight(h, slot, m);
                    }
                } else {
                    if (h.fateOf(id) != Households.FATE_LEFT) {
                        goneDissolved[j0]++;
                    } else {
                        goneLeft[j0]++;
                    }
                    for (int m = 0; m < M; m++) {
                        goneV0[j0 * M + m] += s0.value[id * M + m];
                        goneW0[j0 * M + m] += s0.weight[id * M + m];
                    }
                }
            }
            for (int slot = 0; slot < h.capacity; slot++) {
                if (h.dwelling[slot] < 0) {
                    continue;
                }
                int id = h.id[slot];
                if (id < s0.idBound && s0.neighbourhood[id] >= 0) {
                    continue;
                }
                int j1 = hood[h.dwelling[slot]];
                if (h.origin[slot] == Households.ORIGIN_FORMED) {
                    newFormed[j1]++;
                } else {
                    newOutside[j1]++;
                }
                for (int m = 0; m < M; m++) {
                    newV1[j1 * M + m] += value(h, slot, m);
                    newW1[j1 * M + m] += weight(h, slot, m);
                }
            }
        }

        /** The groups of one unit, the union of the neighbourhoods marked in {@code in}. */
        Groups unit(boolean[] in) {
            Groups g = new Groups(1);
            for (int j0 = 0; j0 < n; j0++) {
                for (int j1 = 0; j1 < n; j1++) {
                    int k = j0 * n + j1;
                    long c = pairCount[k];
                    if (c == 0) {
                        continue;
                    }
                    if (in[j0]) {
                        g.cohort0.add(0, pairV0, pairW0, k);
                        g.cohort1.add(0, pairV1, pairW1, k);
                        g.cohort0.count[0] += c;
                        if (in[j1]) {
                            g.stay0.add(0, pairV0, pairW0, k);
                            g.stay1.add(0, pairV1, pairW1, k);
                            g.stay0.count[0] += c;
                        } else {
                            g.out0.add(0, pairV0, pairW0, k);
                            g.out0.count[0] += c;
                            g.outWithin[0] += c;
                        }
                    } else if (in[j1]) {
                        g.in1.add(0, pairV1, pairW1, k);
                        g.in1.count[0] += c;
                        g.inCity[0] += c;
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                if (in[j]) {
                    g.out0.add(0, goneV0, goneW0, j);
                    g.out0.count[0] += goneLeft[j] + goneDissolved[j];
                    g.outLeft[0] += goneLeft[j];
                    g.outDissolved[0] += goneDissolved[j];
                    g.in1.add(0, newV1, newW1, j);
                    g.in1.count[0] += newFormed[j] + newOutside[j];
                    g.inFormed[0] += newFormed[j];
                    g.inOutside[0] += newOutside[j];
                }
            }
            return g;
        }
    }

    private void write(WijkLabModel model, Snapshot s0, int t1) {
        Households h = model.households();
        Neighbourhoods nb = model.neighbourhoods();
        int n = nb.count;
        Groups g = new Groups(n);
        Sums stay0 = g.stay0;
        Sums stay1 = g.stay1;
        Sums out0 = g.out0;
        Sums in1 = g.in1;
        Sums cohort0 = g.cohort0;
        Sums cohort1 = g.cohort1;

        for (int id = 0; id < s0.idBound; id++) {
            int j0 = s0.neighbourhood[id];
            if (j0 < 0) {
                continue;
            }
            int slot = h.slotOf(id);
            int j1 = slot >= 0 ? model.dwellings().neighbourhood[h.dwelling[slot]] : -1;
            if (j1 == j0) {
                stay0.add(j0, s0.value, s0.weight, id * M);
                stay1.add(j0, h, slot);
                stay0.count[j0]++;
            } else {
                out0.add(j0, s0.value, s0.weight, id * M);
                out0.count[j0]++;
                if (slot >= 0) {
                    g.outWithin[j0]++;
                } else if (h.fateOf(id) != Households.FATE_LEFT) {
                    g.outDissolved[j0]++;
                } else {
                    g.outLeft[j0]++;
                }
            }
            if (slot >= 0) {
                cohort0.add(j0, s0.value, s0.weight, id * M);
                cohort1.add(j0, h, slot);
                cohort0.count[j0]++;
            }
        }
        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.dwelling[slot] < 0) {
                continue;
            }
            int id = h.id[slot];
            int j = model.dwellings().neighbourhood[h.dwelling[slot]];
            int j0 = id < s0.idBound ? s0.neighbourhood[id] : -1;
            if (j0 == j) {
                continue;
            }
            in1.add(j, h, slot);
            in1.count[j]++;
            if (j0 >= 0) {
                g.inCity[j]++;
            } else if (h.origin[slot] == Households.ORIGIN_FORMED) {
                g.inFormed[j]++;
            } else {
                g.inOutside[j]++;
            }
        }
        for (int j = 0; j < n; j++) {
            rows(nb.name[j], j, s0.tick, t1, g);
        }
    }

    /**
     * The rows of a programme's target set as one unit: the regular periods, then the programme's
     * own (start to end, start to the last tick), each period once.
     */
    private void writeTargets(Programmes.Run run, int r) {
        if (!run.started()) {
            return;
        }
        List<Flows> periods = new ArrayList<>(regular);
        for (Flows own : new Flows[] {ownEnd[r], ownLast[r]}) {
            if (own != null && periods.stream().noneMatch(f -> f.t0 == own.t0 && f.t1 == own.t1)) {
                periods.add(own);
            }
        }
        for (Flows f : periods) {
            rows(TARGETS_PREFIX + run.spec.name(), 0, f.t0, f.t1, f.unit(run.isTarget));
        }
    }

    /** One row per metric for unit j of the groups. */
    private void rows(String name, int j, int t0, int t1, Groups g) {
        Sums stay0 = g.stay0;
        Sums stay1 = g.stay1;
        Sums out0 = g.out0;
        Sums in1 = g.in1;
        Sums cohort0 = g.cohort0;
        Sums cohort1 = g.cohort1;
        for (int m = 0; m < M; m++) {
            int k = j * M + m;
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
            double people = (cohort1.w[k] > 0 ? cohort1.v[k] / cohort1.w[k] : 0.0)
                    - (cohort0.w[k] > 0 ? cohort0.v[k] / cohort0.w[k] : 0.0);
            csv.text(name).cell(METRICS[m]).cell(t0).cell(t1).exact(y0).exact(y1).exact(place)
                    .exact(stayers).exact(inflow).exact(outflow).exact(people).exact(people - place)
                    .cell(stay0.count[j]).cell(out0.count[j]).cell(in1.count[j]).cell(g.outWithin[j])
                    .cell(g.outLeft[j]).cell(g.outDissolved[j]).cell(g.inCity[j]).cell(g.inOutside[j])
                    .cell(g.inFormed[j]).cell(cohort0.count[j]).exact(ys0).exact(ys1).exact(yo0).exact(yi1)
                    .exact(wOut).exact(wIn);
            csv.end();
        }
    }

    @Override
    public void close() {
        csv.close();
    }
}
