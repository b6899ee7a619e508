package org.wijklab.policy;

import org.wijklab.model.Households;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;

/**
 * Who a programme's coalition can reach (docs/ODD.md §7.2 (d)). A coalition of breadth N is made of
 * the first N kinds of organisations of {@link #KINDS}; each kind is in contact with a part of the
 * households, read from the households' own state this month:
 * <ol>
 *   <li>the municipality's social services: households on social assistance;</li>
 *   <li>the housing corporation: its tenants (social rent);</li>
 *   <li>welfare and community work: households with an adult outside the labour market (inactive or retired);</li>
 *   <li>GP and health care: households with an adult in poor or severely poor mental health;</li>
 *   <li>schools: households with children at home;</li>
 *   <li>police: households with problem youth or an adult in severely poor mental health;</li>
 *   <li>employment services (UWV): households with an unemployed adult or an adult on a benefit;</li>
 *   <li>debt services: households with debts;</li>
 *   <li>youth care: households with problem youth;</li>
 *   <li>residents' organisations: households that have lived in their home for {@link #SETTLED_MONTHS} or more.</li>
 * </ol>
 * A household is reachable when at least one partner is in contact with it. The work and health
 * themes' places go only to persons of reachable households ({@link Places}); the place themes act
 * in proportion to the reachable share of the households they act on ({@link PlaceThemes}). Draws
 * no random numbers and keeps no state.
 */
final class Coalition {
    /** The kinds of organisations, in the order a coalition of breadth N takes the first N. */
    static final String[] KINDS = {"municipal social services", "housing corporation", "welfare and community work",
        "GP and health care", "schools", "police", "employment services", "debt services", "youth care",
        "residents' organisations"};
    /** Months in the same home after which residents' organisations know a household (assumed). */
    static final int SETTLED_MONTHS = 60;

    private Coalition() {
    }

    /** Whether kind k of {@link #KINDS} is in contact with the household in slot (living in the city) at tick. */
    static boolean contact(int k, Households h, int slot, int tick) {
        switch (k) {
            case 0:
                return h.assisted[slot];
            case 1:
                return h.tenure[slot] == Tenure.SOCIAL;
            case 2:
                return anyAdult(h, slot, Households.INACTIVE, true) || anyAdult(h, slot, Households.RETIRED, true);
            case 3:
                return anyAdult(h, slot, Households.GOOD, false);
            case 4:
                return h.children[slot] > 0;
            case 5:
                return h.youth[slot] > 0 || anyMental(h, slot, Households.SEVERE);
            case 6:
                return h.onBenefit[slot] > 0 || anyAdult(h, slot, Households.UNEMPLOYED, true);
            case 7:
                return h.debt[slot] > 0;
            case 8:
                return h.youth[slot] > 0;
            case 9:
                return tick - h.moveInTick[slot] >= SETTLED_MONTHS;
            default:
                return false;
        }
    }

    /** Whether at least one of the first {@code breadth} kinds is in contact with the household. */
    static boolean reachable(Households h, int slot, int breadth, int tick) {
        for (int k = 0; k < breadth && k < KINDS.length; k++) {
            if (contact(k, h, slot, tick)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Per neighbourhood (only the run's targets are filled), the reachable share of all households
     * ({@code all}) and of the households with children ({@code families}); 0 where there are none.
     * One pass over the city's household slots.
     */
    static void shares(WijkLabModel model, Programmes.Run run, double[] all, double[] families) {
        Households h = model.households();
        int tick = model.tick();
        int breadth = run.spec.coalitionBreadth();
        int n = all.length;
        double[] count = new double[n];
        double[] withChildren = new double[n];
        java.util.Arrays.fill(all, 0.0);
        java.util.Arrays.fill(families, 0.0);
        for (int slot = 0; slot < h.capacity; slot++) {
            int j = h.hood[slot];
            if (j < 0 || !run.isTarget[j]) {
                continue;
            }
            boolean reached = reachable(h, slot, breadth, tick);
            boolean family = h.children[slot] > 0;
            count[j]++;
            withChildren[j] += family ? 1 : 0;
            all[j] += reached ? 1 : 0;
            families[j] += reached && family ? 1 : 0;
        }
        for (int j = 0; j < n; j++) {
            all[j] = count[j] > 0 ? all[j] / count[j] : 0.0;
            families[j] = withChildren[j] > 0 ? families[j] / withChildren[j] : 0.0;
        }
    }

    /** Whether an adult of the household has labour status {@code value} (status) or a mental health other than {@code value} (not status). */
    private static boolean anyAdult(Households h, int slot, byte value, boolean status) {
        for (int a = 0; a < h.adults[slot]; a++) {
            int k = 2 * slot + a;
            if (status ? h.status[k] == value : h.mental[k] != value) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMental(Households h, int slot, byte value) {
        for (int a = 0; a < h.adults[slot]; a++) {
            if (h.mental[2 * slot + a] == value) {
                return true;
            }
        }
        return false;
    }
}
