package org.wijklab.process;

import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Liveability per neighbourhood, monthly: six components in [0, 1] (dwellings: quality and
 * ownership; physical environment; facilities; cohesion; safety; population: employment against
 * poverty), their weighted sum scaled so that the scenario's reference score is 100, the class on
 * the seven-step scale (very negative ... excellent), the rank (1 = best) and the reputation, which
 * follows the score with an exponential lag.
 */
public final class Liveability implements Steppable {
    private static final long serialVersionUID = 1L;
    private final WijkLabModel model;
    private long[] keys = new long[0];

    public Liveability(WijkLabModel model) {
        this.model = model;
    }

    @Override
    public void step(SimState state) {
        update(false);
    }

    /** Recomputes every neighbourhood; at set-up the reputation starts equal to the score. */
    public void update(boolean initial) {
        Scenario.Liveability lv = model.scenario().liveability();
        Neighbourhoods nb = model.neighbourhoods();
        double[] w = lv.weights();
        double[] thresholds = lv.classThresholds();
        for (int j = 0; j < nb.count; j++) {
            double[] c = nb.components[j];
            c[0] = clamp(0.7 * nb.meanQuality[j] + 0.3 * nb.ownerShare[j]);
            c[1] = nb.environment[j];
            c[2] = nb.facilities[j];
            c[3] = nb.cohesion[j];
            c[4] = nb.safety[j];
            c[5] = clamp(0.3 + 0.8 * (nb.employmentRate[j] - 0.5) - 0.8 * (nb.lowIncomeShare[j] - 0.1));
            double score = 0;
            for (int k = 0; k < Neighbourhoods.COMPONENTS; k++) {
                score += w[k] * c[k];
            }
            double l = 100.0 * score / lv.referenceScore();
            nb.liveability[j] = l;
            int cls = 0;
            while (cls < thresholds.length && l >= thresholds[cls]) {
                cls++;
            }
            nb.liveabilityClass[j] = cls;
            nb.reputation[j] = initial ? l : nb.reputation[j] + (l - nb.reputation[j]) / lv.reputationLagMonths();
        }
        rank(nb);
    }

    /** Rank 1 = highest liveability; equal scores are ranked by index (the lower index first). */
    private void rank(Neighbourhoods nb) {
        if (keys.length != nb.count) {
            keys = new long[nb.count];
        }
        for (int j = 0; j < nb.count; j++) {
            // higher liveability first: sort ascending on the negated, order-preserving bits
            long bits = Double.doubleToLongBits(-nb.liveability[j]);
            bits ^= (bits >> 63) & 0x7FFFFFFFFFFFFFFFL;
            keys[j] = bits;
        }
        long[] sorted = keys.clone();
        java.util.Arrays.sort(sorted);
        for (int j = 0; j < nb.count; j++) {
            // first position of this score, then the lower-indexed neighbourhoods with the same score
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < keys[j]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int r = lo + 1;
            if (lo + 1 < sorted.length && sorted[lo + 1] == keys[j]) {
                for (int k = 0; k < j; k++) {
                    if (keys[k] == keys[j]) {
                        r++;
                    }
                }
            }
            nb.rank[j] = r;
        }
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
