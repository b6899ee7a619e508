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
 * <p>A slot reused by a new person (another id) starts again with nothing. Each recorded month,
 * reading state only (no randomness), in chunks on the model's block threads (a chunk writes only
 * its own households' or persons' entries): the same bytes whatever the thread count.
 *
 * <p>How a month is followed without reading every person's household: one pass over the
 * households makes each one's record of the month ({@link #RECORD} ints: the signature, its
 * adults' flags, its income and equivalised income, its adults) and marks, against its record of
 * the month before, whether anything a person's channel depends on changed: the signature, or its
 * adults or their flags. The pass over the persons then reads, per person, its place and household
 * now and at the last month (kept per person) and the one mark of its household: a person still in
 * the same household whose household is unmarked had no household event and no change of weight,
 * and nothing of it is written. Only the others (a marked household, another household or place,
 * a new person) read their household's records of both months, which give the same values a
 * month-by-month copy of every person's outcomes gave: the outcomes at the last month are a pure
 * function of the household record and the person's position in it. The households' signatures
 * come from one pass over the persons in slot order that adds each member's mixed id to its
 * household's sum ({@link #sumMembers}). 42 bytes per person slot and 2 &times; 24 + 2 &times; 4
 * per household.
 */
final class ChannelTracker implements java.io.Serializable {
    private static final long serialVersionUID = 2L;

    /** The id of the person each slot's state is of, or -1. */
    private int[] id = new int[0];
    /** Each followed person's place ({@link Persons#CITY} or {@link Persons#REGION}) and household at the last month. */
    private byte[] lastPlace = new byte[0];
    private int[] lastHousehold = new int[0];
    /** Running sums of the changes in household months, per metric of {@link PersonSnapshot#METRICS}. */
    private double[][] household = new double[PersonSnapshot.M][0];
    private byte[] weightBits = new byte[0];
    private int lastTick = Integer.MIN_VALUE;
    /** The last month's record of each household in the city and in the region ({@link #RECORD} ints each). */
    private int[] lastCity = new int[0];
    private int[] lastRegion = new int[0];
    /** This month's records (scratch, not kept in a checkpoint; after the month they become the last month's). */
    private transient int[] nextCity;
    private transient int[] nextRegion;
    /** Per household this month: whether its record differs from the last month's in anything a channel reads (scratch). */
    private transient byte[] cityMark;
    private transient byte[] regionMark;

    /**
     * Ints per household record: signature, its adults' flags (the first's in the low byte, the
     * second's in the next) with its neighbourhood (or {@link PersonSnapshot#REGION}) in the high
     * 16 bits, income, equivalised income, first and second adult.
     */
    static final int RECORD = 6;
    private static final int SIGNATURE = 0;
    private static final int ADULT_FLAGS = 1;
    private static final int HOUSEHOLD_INCOME = 2;
    private static final int INCOME = 3;
    private static final int FIRST_ADULT = 4;
    private static final int SECOND_ADULT = 5;

    /**
     * Brings every followed person's channel sums up to this tick (once per tick): the households'
     * records first, then the persons.
     */
    void update(WijkLabModel model, int tick) {
        if (tick == lastTick) {
            return;
        }
        lastTick = tick;
        Persons persons = model.persons();
        int bound = persons.bound();
        if (id.length < bound) {
            grow(Math.max(bound, id.length + id.length / 8));
        }
        Households h = model.households();
        RegionHouseholds r = model.region();
        if (nextCity == null || nextCity.length < RECORD * h.capacity) {
            nextCity = new int[RECORD * h.capacity];
        }
        if (lastCity.length < RECORD * h.capacity) {
            lastCity = Arrays.copyOf(lastCity, RECORD * h.capacity);
        }
        if (cityMark == null || cityMark.length < h.capacity) {
            cityMark = new byte[h.capacity];
        }
        int regionCapacity = r.capacity();
        if (nextRegion == null || nextRegion.length < RECORD * regionCapacity) {
            nextRegion = new int[RECORD * regionCapacity];
        }
        if (lastRegion.length < RECORD * regionCapacity) {
            lastRegion = Arrays.copyOf(lastRegion, RECORD * regionCapacity);
        }
        if (regionMark == null || regionMark.length < regionCapacity) {
            regionMark = new byte[regionCapacity];
        }
        org.wijklab.model.Blocks blocks = model.blocks();
        sumMembers(blocks, persons, bound, h.capacity, regionCapacity);
        int[] members = memberSums;
        int[] moreMembers = moreMemberSums;
        int cityCapacity = h.capacity;
        int[] cities = nextCity;
        int[] regions = nextRegion;
        int[] lastCities = lastCity;
        int[] lastRegions = lastRegion;
        byte[] cityMarks = cityMark;
        byte[] regionMarks = regionMark;
        blocks.forEach(b -> {
            for (int k = blocks.from(b), end = blocks.to(b); k < end; k++) {
                if (h.isLive(k)) {
                    record(cities, k, signature(h.adults, h.children, h.adultPerson, k, members[k] + moreMembers[k]), h.hood[k],
                            h.adults, h.children, h.adultPerson, h.status, h.mental, h.income);
                    cityMarks[k] = mark(cities, lastCities, k);
                }
            }
        });
        int regionBound = r.bound();
        blocks.forEachChunk(chunks(regionBound), c -> {
            for (int k = c * CHUNK, end = Math.min(regionBound, k + CHUNK); k < end; k++) {
                if (r.live[k]) {
                    int sum = members[cityCapacity + k] + moreMembers[cityCapacity + k];
                    record(regions, k, signature(r.adults, r.children, r.adultPerson, k, sum), PersonSnapshot.REGION,
                            r.adults, r.children, r.adultPerson, r.status, r.mental, r.income);
                    regionMarks[k] = mark(regions, lastRegions, k);
                }
            }
        });
        blocks.forEachChunk(chunks(bound), c -> {
            PersonSnapshot.View before = new PersonSnapshot.View();
            PersonSnapshot.View after = new PersonSnapshot.View();
            for (int p = c * CHUNK, end = Math.min(bound, p + CHUNK); p < end; p++) {
                update(persons, p, before, after);
            }
        });
        // this month's records become the last month's; the old ones are the next month's scratch
        nextCity = lastCity;
        lastCity = cities;
        nextRegion = lastRegion;
        lastRegion = regions;
    }

    /**
     * Per household (the city's by slot, then the region's after the city's capacity): the sum of
     * {@link #mix} of its members' ids (scratch). Two halves of the persons add into one array each.
     */
    private transient int[] memberSums;
    private transient int[] moreMemberSums;

    /**
     * The sums of the members' mixed ids of every household, in one pass over the persons in slot
     * order (two halves, on the block threads, each into an array of its own) instead of a walk
     * through each household's members, whose persons lie scattered. Every person in the city or
     * the region is a member of its household ({@link Persons#household}) in its place, and a
     * household's members are exactly those persons (the model's invariants), so the sum is the
     * one {@link #signature(WijkLabModel, Persons, int, boolean)} adds; ints add in any order to
     * the same value.
     */
    private void sumMembers(org.wijklab.model.Blocks blocks, Persons persons, int bound, int cityCapacity, int regionCapacity) {
        int n = cityCapacity + regionCapacity;
        if (memberSums == null || memberSums.length < n) {
            memberSums = new int[n];
            moreMemberSums = new int[n];
        }
        int[] first = memberSums;
        int[] second = moreMemberSums;
        int half = bound / 2;
        blocks.forEachChunk(2, c -> {
            int[] sums = c == 0 ? first : second;
            Arrays.fill(sums, 0, n, 0);
            for (int p = c == 0 ? 0 : half, end = c == 0 ? half : bound; p < end; p++) {
                byte place = persons.place[p];
                if (place == Persons.CITY) {
                    sums[persons.household[p]] += mix(persons.id[p]);
                } else if (place == Persons.REGION) {
                    sums[cityCapacity + persons.household[p]] += mix(persons.id[p]);
                }
            }
        });
    }

    /** Items per chunk of the passes over persons and the region's households: as many as a household block. */
    private static final int CHUNK = org.wijklab.model.Blocks.SIZE;

    private static int chunks(int items) {
        return (items + CHUNK - 1) / CHUNK;
    }

    /** Household k's record this month (the same values {@link PersonSnapshot.View#read} derives per person). */
    private static void record(int[] rec, int k, int signature, short where, byte[] adults, byte[] children,
            int[] adultPerson, byte[] status, byte[] mental, float[] income) {
        int o = RECORD * k;
        rec[o + SIGNATURE] = signature;
        int second = adults[k] > 1 ? adultPerson[2 * k + 1] : -1;
        int flags = PersonSnapshot.View.adultFlags(status[2 * k], mental[2 * k]) & 0xff;
        if (second >= 0) {
            flags |= (PersonSnapshot.View.adultFlags(status[2 * k + 1], mental[2 * k + 1]) & 0xff) << 8;
        }
        rec[o + ADULT_FLAGS] = flags | where << 16;
        rec[o + HOUSEHOLD_INCOME] = Float.floatToRawIntBits(income[k]);
        rec[o + INCOME] = Float.floatToRawIntBits((float) (income[k] / Households.equivalence(adults[k], children[k])));
        rec[o + FIRST_ADULT] = adultPerson[2 * k];
        rec[o + SECOND_ADULT] = second;
    }

    /**
     * 1 when slot k's record this month differs from its record of the last month in the signature,
     * the adults or their flags (or the slot held no household then: its old record is then
     * whatever it last was, and any difference marks it), else 0.
     */
    private static byte mark(int[] now, int[] last, int k) {
        int o = RECORD * k;
        return now[o + SIGNATURE] != last[o + SIGNATURE] || ((now[o + ADULT_FLAGS] ^ last[o + ADULT_FLAGS]) & 0xffff) != 0
                || now[o + FIRST_ADULT] != last[o + FIRST_ADULT] || now[o + SECOND_ADULT] != last[o + SECOND_ADULT]
                ? (byte) 1 : (byte) 0;
    }

    /**
     * Person p's outcomes into the view (its flags and incomes; not its place) from the record of
     * household k in rec: the same values as {@link PersonSnapshot.View#read} for a person in the
     * city or the region. Returns the household's signature.
     */
    static int read(Persons persons, int p, int[] rec, int k, PersonSnapshot.View view) {
        int o = RECORD * k;
        int flags = persons.origin[p] == Persons.ORIGIN_BORN ? PersonSnapshot.BORN : 0;
        if (rec[o + FIRST_ADULT] == p) {
            flags |= rec[o + ADULT_FLAGS] & 0xff;
        } else if (rec[o + SECOND_ADULT] == p) {
            flags |= (rec[o + ADULT_FLAGS] >>> 8) & 0xff;
        }
        view.flags = (byte) flags;
        view.householdIncome = Float.intBitsToFloat(rec[o + HOUSEHOLD_INCOME]);
        view.income = Float.intBitsToFloat(rec[o + INCOME]);
        return rec[o + SIGNATURE];
    }

    /**
     * Person p's place and outcomes at the tick of the last update, the same as {@link
     * PersonSnapshot.View#read} then: for a person in the city or the region from its household's
     * record (one place to read instead of the household's many arrays), else from the model.
     */
    void view(WijkLabModel model, int p, PersonSnapshot.View v) {
        Persons persons = model.persons();
        byte place = persons.place[p];
        if (place == Persons.CITY || place == Persons.REGION) {
            int[] rec = place == Persons.CITY ? lastCity : lastRegion;
            int k = persons.household[p];
            read(persons, p, rec, k, v);
            v.where = (short) (rec[RECORD * k + ADULT_FLAGS] >> 16);
        } else {
            v.read(model, p);
        }
    }

    /** Every slot's place and outcomes at {@link #slotsTick} (scratch): 3 ints per slot, see {@link #slots}. */
    private transient int[] slots;
    private transient int slotsTick = Integer.MIN_VALUE;

    /**
     * Every person slot's place and outcomes at this tick, as {@link #view} gives them, made once
     * for the tick in chunks on the block threads (reading only): 3 ints per slot, its place (the
     * high 16 bits) with its flags (the low 8), its income's and its household income's float bits.
     * For the tables that read many persons at a tick (the cohorts' yearly rows): their members
     * lie in slot order, so they read these nearly in sequence. Read with {@link #fromSlots}.
     */
    int[] slots(WijkLabModel model, int tick) {
        update(model, tick);
        if (slots == null || slotsTick != tick) {
            int bound = model.persons().bound();
            if (slots == null || slots.length < 3 * bound) {
                slots = new int[3 * bound];
            }
            int[] out = slots;
            model.blocks().forEachChunk(chunks(bound), c -> {
                PersonSnapshot.View v = new PersonSnapshot.View();
                for (int p = c * CHUNK, end = Math.min(bound, p + CHUNK); p < end; p++) {
                    view(model, p, v);
                    out[3 * p] = v.where << 16 | (v.flags & 0xff);
                    out[3 * p + 1] = Float.floatToRawIntBits(v.income);
                    out[3 * p + 2] = Float.floatToRawIntBits(v.householdIncome);
                }
            });
            slotsTick = tick;
        }
        return slots;
    }

    /** Person p's place and outcomes from {@link #slots} into the view. */
    static void fromSlots(int[] slots, int p, PersonSnapshot.View v) {
        int a = slots[3 * p];
        v.where = (short) (a >> 16);
        v.flags = (byte) a;
        v.income = Float.intBitsToFloat(slots[3 * p + 1]);
        v.householdIncome = Float.intBitsToFloat(slots[3 * p + 2]);
    }

    /** The households' records of the last update, city then region (for tests). */
    int[][] records() {
        return new int[][] {lastCity, lastRegion};
    }

    private void update(Persons persons, int p, PersonSnapshot.View before, PersonSnapshot.View after) {
        byte place = persons.place[p];
        if (place != Persons.CITY && place != Persons.REGION) {
            id[p] = -1;
            return;
        }
        int k = persons.household[p];
        if (id[p] != persons.id[p]) {
            id[p] = persons.id[p];
            for (double[] m : household) {
                m[p] = 0.0;
            }
            weightBits[p] = 0;
        } else if (k != lastHousehold[p] || place != lastPlace[p]
                || (place == Persons.CITY ? cityMark : regionMark)[k] != 0) {
            int sig = read(persons, p, place == Persons.CITY ? nextCity : nextRegion, k, after);
            int lastSig = read(persons, p, lastPlace[p] == Persons.CITY ? lastCity : lastRegion, lastHousehold[p], before);
            if (sig != lastSig) {
                for (int m = 0; m < PersonSnapshot.M; m++) {
                    household[m][p] += PersonSnapshot.value(after.flags, after.income, after.householdIncome, m)
                            - PersonSnapshot.value(before.flags, before.income, before.householdIncome, m);
                }
                weightBits[p] = weightBits(weightBits[p], before.flags, after.flags, true);
            } else {
                weightBits[p] = weightBits(weightBits[p], before.flags, after.flags, false);
            }
        }
        // else: the same household, which changed in nothing a channel reads: no event, the same weights
        lastPlace[p] = place;
        lastHousehold[p] = k;
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

    /**
     * The signature of household k from its counts, its adult positions and the sum of its
     * members' mixed ids ({@link #sumMembers}): the same int as the walk through its members.
     */
    private static int signature(byte[] adults, byte[] children, int[] adultPerson, int k, int memberSum) {
        int s = 31 * adults[k] + children[k] + memberSum;
        for (int a = 0; a < 2; a++) {
            if (adultPerson[2 * k + a] < 0) {
                s += mix(-1 - a);
            }
        }
        return s;
    }

    /**
     * The composition of household k (in the city or the region): counts of adults and children and
     * its followed members' ids (the definition, walking through its members; the monthly pass
     * adds the same terms in another order).
     */
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
        lastPlace = Arrays.copyOf(lastPlace, n);
        lastHousehold = Arrays.copyOf(lastHousehold, n);
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
        return 4 + 1 + 4 + 8 * PersonSnapshot.M + 1;
    }
}
