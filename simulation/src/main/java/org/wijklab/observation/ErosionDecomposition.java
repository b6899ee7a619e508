package org.wijklab.observation;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.Arrays;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.TickListener;
import org.wijklab.model.WijkLabModel;

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
 */
public final class ErosionDecomposition implements TickListener, Closeable {
    public static final String[] METRICS = {"employment", "income", "good_mental_health"};
    static final String[] HEADER = {"neighbourhood", "metric", "t0", "t1", "y_t0", "y_t1", "place_change",
        "stayers_change", "inflow_effect", "outflow_effect", "people_change", "eroded_gain", "stayers",
        "out_movers", "in_movers", "out_within_city", "out_left_city", "out_dissolved", "in_from_city",
        "in_from_outside", "in_formed", "cohort_traced", "y_stayers_t0", "y_stayers_t1", "y_out_movers_t0",
        "y_in_movers_t1", "w_out", "w_in"};
    private static final int M = METRICS.length;

    private final Csv csv;
    private final int periodTicks;
    private final int lastTick;
    private Snapshot start;
    private Snapshot periodStart;

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
        if (tick == 0) {
            start = new Snapshot(model, 0);
            periodStart = start;
            return;
        }
        boolean boundary = tick % periodTicks == 0;
        if (boundary || tick == lastTick) {
            write(model, periodStart, tick);
            if (tick == lastTick && periodStart != start) {
                write(model, start, tick);
            }
            if (tick < lastTick) {
                periodStart = new Snapshot(model, tick);
            }
        }
    }

    /** Sums of value and weight per neighbourhood and metric for one group at one time. */
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
    }

    private void write(WijkLabModel model, Snapshot s0, int t1) {
        Households h = model.households();
        Neighbourhoods nb = model.neighbourhoods();
        int n = nb.count;
        Sums stay0 = new Sums(n);
        Sums stay1 = new Sums(n);
        Sums out0 = new Sums(n);
        Sums in1 = new Sums(n);
        Sums cohort0 = new Sums(n);
        Sums cohort1 = new Sums(n);
        long[] outWithin = new long[n];
        long[] outLeft = new long[n];
        long[] outDissolved = new long[n];
        long[] inCity = new long[n];
        long[] inOutside = new long[n];
        long[] inFormed = new long[n];

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
                    outWithin[j0]++;
                } else if (h.fateOf(id) != Households.FATE_LEFT) {
                    outDissolved[j0]++;
                } else {
                    outLeft[j0]++;
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
                inCity[j]++;
            } else if (h.origin[slot] == Households.ORIGIN_FORMED) {
                inFormed[j]++;
            } else {
                inOutside[j]++;
            }
        }
        for (int j = 0; j < n; j++) {
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
                csv.text(nb.name[j]).cell(METRICS[m]).cell(s0.tick).cell(t1).exact(y0).exact(y1).exact(place)
                        .exact(stayers).exact(inflow).exact(outflow).exact(people).exact(people - place)
                        .cell(stay0.count[j]).cell(out0.count[j]).cell(in1.count[j]).cell(outWithin[j])
                        .cell(outLeft[j]).cell(outDissolved[j]).cell(inCity[j]).cell(inOutside[j])
                        .cell(inFormed[j]).cell(cohort0.count[j]).exact(ys0).exact(ys1).exact(yo0).exact(yi1)
                        .exact(wOut).exact(wIn);
                csv.end();
            }
        }
    }

    @Override
    public void close() {
        csv.close();
    }
}
