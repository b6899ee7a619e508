package org.wijklab.observation;

import java.util.Arrays;
import org.wijklab.model.Households;
import org.wijklab.model.Persons;
import org.wijklab.model.RegionHouseholds;
import org.wijklab.model.WijkLabModel;

/**
 * The channel of every followed person's monthly change, for the people change's split into own
 * transitions and household events ({@link ErosionDecomposition}). Once a recorded month, for each
 * person in the city or followed in the region, it reads the person's metrics ({@link
 * PersonSnapshot.View}) and its household's composition: the number of adults and children and the
 * ids of its followed members, as a 32-bit signature. A month in which the signature changed is a
 * household event for the person (partnering or a merge, separation, leaving the parental home, a
 * birth or death in the household, a member leaving); the whole of that month's change of each
 * metric is added to the person's running household-channel sum ({@link #household}). Every other
 * month's change is the own channel (own or household labour, benefit and health transitions, the
 * economy's wage growth), kept as the rest: own = change - household. Moving house, or a whole
 * household leaving the city for the region, keeps the members and so the signature. It detects
 * events from composition rather than from how income is computed, so it keeps its meaning when
 * persons have incomes of their own.
 *
 * <p>The weight of a weighted metric (of working age for employment, adult for good mental health)
 * changes for a person who ages in or out; {@link #weightBits} keeps whether its last change fell in
 * a household month ({@link PersonSnapshot#EMPLOYMENT_WEIGHT_HOUSEHOLD}, {@link
 * PersonSnapshot#ADULT_WEIGHT_HOUSEHOLD}).
 *
 * <p>A slot reused by a new person (another id) starts again with nothing. 50 bytes per person slot;
 * one pass over the slots per recorded month, on the model's thread, reading state only (no
 * randomness): the same bytes whatever the thread count.
 */
final class ChannelTracker implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The id of the person each slot's state is of, or -1. */
    private int[] id = new int[0];
    private int[] signature = new int[0];
    private byte[] flags = new byte[0];
    private float[] income = new float[0];
    private float[] householdIncome = new float[0];
    /** Running sums of the changes in household months, per metric of {@link PersonSnapshot#METRICS}. */
    private double[][] household = new double[PersonSnapshot.M][0];
    private byte[] weightBits = new byte[0];
    private int lastTick = Integer.MIN_VALUE;
    /** This month's signature of each household in the city and in the region (scratch, not kept in a checkpoint). */
    private transient int[] citySignature;
    private transient int[] regionSignature;

    /**
     * Brings every followed person's channel sums up to this tick (once per tick): the households'
     * signatures first, then the persons, each pass in chunks on the model's block threads (a
     * chunk writes only its own households' or persons' entries, so the result is the same for
     * any number of threads).
     */
    void update(WijkLabModel model, int tick) {
        if (tick == lastTick) {
            return;
        }
        lastTick = tick;
        Persons persons = model.persons();
        int bound = persons.bound();
        if (id.length < bound) {
            grow(Math.max(bound, 2 * id.length));
        }
        Households h = model.households();
        RegionHouseholds r = model.region();
        if (citySignature == null || citySignature.length < h.capacity) {
            citySignature = new int[h.capacity];
        }
        if (regionSignature == null || regionSignature.length < r.capacity()) {
            regionSignature = new int[r.capacity()];
        }
        org.wijklab.model.Blocks blocks = model.blocks();
        int[] cities = citySignature;
        int[] regions = regionSignature;
        blocks.forEach(b -> {
            for (int k = blocks.from(b), end = blocks.to(b); k < end; k++) {
                if (h.isLive(k)) {
                    cities[k] = signature(model, persons, k, true);
                }
            }
        });
        int regionBound = r.bound();
        blocks.forEachChunk(chunks(regionBound), c -> {
            for (int k = c * CHUNK, end = Math.min(regionBound, k + CHUNK); k < end; k++) {
                if (r.live[k]) {
                    regions[k] = signature(model, persons, k, false);
                }
            }
        });
        blocks.forEachChunk(chunks(bound), c -> {
            PersonSnapshot.View view = new PersonSnapshot.View();
            for (int p = c * CHUNK, end = Math.min(bound, p + CHUNK); p < end; p++) {
                update(model, persons, p, view, cities, regions);
            }
        });
    }

    /** Items per chunk of the passes over persons and the region's households: as many as a household block. */
    private static final int CHUNK = org.wijklab.model.Blocks.SIZE;

    private static int chunks(int items) {
        return (items + CHUNK - 1) / CHUNK;
    }

    private void update(WijkLabModel model, Persons persons, int p, PersonSnapshot.View view, int[] cities, int[] regions) {
        byte place = persons.place[p];
        if (place != Persons.CITY && place != Persons.REGION) {
            id[p] = -1;
            return;
        }
        view.read(model, p);
        int sig = (place == Persons.CITY ? cities : regions)[persons.household[p]];
        if (id[p] != persons.id[p]) {
            id[p] = persons.id[p];
            for (double[] m : household) {
                m[p] = 0.0;
            }
            weightBits[p] = 0;
        } else if (sig != signature[p]) {
            for (int m = 0; m < PersonSnapshot.M; m++) {
                household[m][p] += PersonSnapshot.value(view.flags, view.income, view.householdIncome, m)
                        - PersonSnapshot.value(flags[p], income[p], householdIncome[p], m);
            }
            weightBits[p] = weightBits(weightBits[p], flags[p], view.flags, true);
        } else {
            weightBits[p] = weightBits(weightBits[p], flags[p], view.flags, false);
        }
        signature[p] = sig;
        flags[p] = view.flags;
        income[p] = view.income;
        householdIncome[p] = view.householdIncome;
    }

    /** The weight bits after a month: a weight that changed takes the month's channel. */
    static byte weightBits(byte bits, byte before, byte after, boolean householdMonth) {
        int b = bits;
        if (((before ^ after) & PersonSnapshot.WORKING_AGE) != 0) {
            b = householdMonth ? b | PersonSnapshot.EMPLOYMENT_WEIGHT_HOUSEHOLD : b & ~PersonSnapshot.EMPLOYMENT_WEIGHT_HOUSEHOLD;
        }
        if (((before ^ after) & PersonSnapshot.ADULT) != 0) {
            b = householdMonth ? b | PersonSnapshot.ADULT_WEIGHT_HOUSEHOLD : b & ~PersonSnapshot.ADULT_WEIGHT_HOUSEHOLD;
        }
        return (byte) b;
    }

    /** The signature of person p's household (in the city or the region). */
    static int signature(WijkLabModel model, Persons persons, int p) {
        return signature(model, persons, persons.household[p], persons.place[p] == Persons.CITY);
    }

    /** The composition of household k (in the city or the region): counts of adults and children and its followed members' ids. */
    static int signature(WijkLabModel model, Persons persons, int k, boolean city) {
        Households h = model.households();
        RegionHouseholds r = model.region();
        // a household in the city and one in the region keep the same composition in parallel arrays
        byte[] adults = city ? h.adults : r.adults;
        byte[] children = city ? h.children : r.children;
        int[] adultPerson = city ? h.adultPerson : r.adultPerson;
        int[] firstChild = city ? h.firstChild : r.firstChild;
        int s = 31 * adults[k] + children[k];
        for (int a = 0; a < 2; a++) {
            int q = adultPerson[2 * k + a];
            s += mix(q < 0 ? -1 - a : persons.id[q]);
        }
        for (int q = firstChild[k]; q >= 0; q = persons.nextChild[q]) {
            s += mix(persons.id[q]);
        }
        return s;
    }

    /** A well-spread 32-bit image of an id (a bijection), so that sums of members rarely collide. */
    private static int mix(int x) {
        x = (x ^ (x >>> 16)) * 0x45d9f3b;
        x = (x ^ (x >>> 16)) * 0x45d9f3b;
        return x ^ (x >>> 16);
    }

    private void grow(int n) {
        int old = id.length;
        id = Arrays.copyOf(id, n);
        Arrays.fill(id, old, n, -1);
        signature = Arrays.copyOf(signature, n);
        flags = Arrays.copyOf(flags, n);
        income = Arrays.copyOf(income, n);
        householdIncome = Arrays.copyOf(householdIncome, n);
        for (int m = 0; m < household.length; m++) {
            household[m] = Arrays.copyOf(household[m], n);
        }
        weightBits = Arrays.copyOf(weightBits, n);
    }

    /** Person p's household-channel sum of metric m so far (0 for a slot not followed now). */
    double household(int p, int m) {
        return p < id.length && id[p] >= 0 ? household[m][p] : 0.0;
    }

    byte weightBits(int p) {
        return p < id.length && id[p] >= 0 ? weightBits[p] : 0;
    }

    /** Bytes per person slot (for the memory figures). */
    static int bytesPerSlot() {
        return 4 + 4 + 1 + 4 + 4 + 8 * PersonSnapshot.M + 1;
    }
}
