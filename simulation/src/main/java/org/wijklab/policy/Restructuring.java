package org.wijklab.policy;

import ec.util.MersenneTwisterFast;
import java.util.Arrays;
import java.util.List;
import org.wijklab.model.CostLedger;
import org.wijklab.model.Dwellings;
import org.wijklab.model.Households;
import org.wijklab.model.Persons;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Programme;

/**
 * Restructuring: at a programme's start a share of the targets' social-rent dwellings is put on a
 * list in random order; from then on the list is marked at an even pace over the restructuring's
 * years (also after the programme's money stops), the tenants of a marked dwelling must move (they
 * keep their right to social rent), and a marked dwelling is rebuilt as soon as it is vacant, with a
 * new tenure drawn from the restructuring's shares, its quality raised and its base cost recomputed,
 * paid by the housing corporation. docs/ODD.md §7.2 (a), (g) and (i). Its state, per programme: the
 * list, how far it has been marked, and what is due.
 */
public final class Restructuring implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final WijkLabModel model;
    /** Per programme (by its index): the dwellings to restructure in their order, or null. */
    private final int[][] list;
    /** Per programme: how many of its list are marked. */
    private final int[] next;
    /** Per programme: dwellings due to be marked (a fraction carries over). */
    private final double[] due;

    Restructuring(WijkLabModel model, int programmes) {
        this.model = model;
        list = new int[programmes][];
        next = new int[programmes];
        due = new double[programmes];
    }

    /** The run's list of dwellings to restructure, in order (empty without restructuring). */
    public int[] list(Programmes.Run run) {
        int[] l = list[run.index];
        return l == null ? new int[0] : l.clone();
    }

    /** How many dwellings of the run's list are marked (the first ones). */
    public int marked(Programmes.Run run) {
        return next[run.index];
    }

    /** At the start: the targets' social dwellings in random order, the first share of them kept. */
    void begin(Programmes.Run run) {
        Programme.Restructuring r = run.spec.restructuring();
        if (r.shareOfSocial() > 0) {
            Dwellings dw = model.dwellings();
            int count = 0;
            int[] all = new int[dw.count];
            for (int d = 0; d < dw.count; d++) {
                if (run.isTarget[dw.neighbourhood[d]] && !dw.plot[d] && dw.tenure[d] == Tenure.SOCIAL) {
                    all[count++] = d;
                }
            }
            MersenneTwisterFast random = model.random;
            for (int i = count - 1; i > 0; i--) {
                int k = random.nextInt(i + 1);
                int tmp = all[i];
                all[i] = all[k];
                all[k] = tmp;
            }
            list[run.index] = Arrays.copyOf(all, (int) Math.round(count * r.shareOfSocial()));
        }
    }

    /** Marks the dwellings due this month; their tenants must move. */
    void mark(Programmes.Run run, int tick) {
        int[] l = list[run.index];
        int k = run.index;
        if (l == null || next[k] >= l.length) {
            return;
        }
        Programme.Restructuring r = run.spec.restructuring();
        due[k] += l.length / (12.0 * r.years());
        Dwellings dw = model.dwellings();
        Households h = model.households();
        while (due[k] >= 1.0 && next[k] < l.length) {
            int d = l[next[k]++];
            due[k] -= 1.0;
            dw.markConverting(d);
            int slot = dw.occupant[d];
            if (slot >= 0 && h.forced[slot] == Households.FORCED_NO) {
                // tenants of a dwelling to be demolished must move: they keep their right to social rent
                h.forced[slot] = Households.FORCED_RENEWAL;
                h.searchSince[slot] = Persons.month(tick);
            }
        }
    }

    /** Rebuilds dwellings marked for restructuring once their tenants have gone, programme by programme. */
    void rebuild(List<Programmes.Run> runs) {
        Dwellings dw = model.dwellings();
        MersenneTwisterFast random = model.random;
        for (Programmes.Run run : runs) {
            int[] l = list[run.index];
            if (l == null) {
                continue;
            }
            Programme.Restructuring r = run.spec.restructuring();
            for (int i = 0; i < next[run.index]; i++) {
                int d = l[i];
                if (!dw.converting[d] || dw.occupant[d] >= 0) {
                    continue;
                }
                double u = random.nextDouble();
                byte t = u < r.socialShare() ? Tenure.SOCIAL : u < r.socialShare() + r.privateShare() ? Tenure.PRIVATE
                        : Tenure.OWNER;
                dw.quality[d] = (float) Math.max(dw.quality[d], r.quality());
                double spread = model.scenario().housing().qualityCostSpread();
                dw.baseCost[d] = (float) (model.scenario().housing().baseMonthlyCost()[t]
                        * (1.0 + spread * (2.0 * dw.quality[d] - 1.0)) * (dw.small[d] ? 0.8 : 1.1));
                dw.rebuild(d, t);
                // demolition and new build are the housing corporation's, outside the programme budget
                run.spent[CostLedger.HOUSING_CORPORATION] += r.costPerDwelling();
            }
        }
    }
}
