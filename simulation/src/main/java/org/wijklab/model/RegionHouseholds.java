package org.wijklab.model;

import java.util.Arrays;

/**
 * The households the run follows in the region outside the city: households that left it, persons
 * who left home or a partner for the region, and children whose last parent died. They have no
 * dwelling; the region's process ({@code process.Region}) ages them and moves them through the
 * labour market and mental health at the region's rates. Parallel arrays indexed by a region slot,
 * grown on demand; freed slots are reused.
 *
 * <p>A region household may hold persons the run does not follow: a partner met in the region, a
 * child born there, or a member nobody needs any more. They count for its composition and income
 * (person -1 in an adult position, {@link #otherChildren} for children) but are not persons of
 * {@link Persons}. A household is kept while it holds at least one followed person.
 */
public final class RegionHouseholds implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private int capacity;
    public byte[] adults;
    /** All children: followed ones (in {@link #firstChild}'s list) and {@link #otherChildren}. */
    public byte[] children;
    public byte[] otherChildren;
    public int[] firstChild;
    public int[] adultPerson;
    /**
     * Each followed adult's birth month, in the adults' pairs: its person's, kept beside the
     * household so the monthly passes read it in slot order (set with {@link #adultPerson}; not
     * read for an adult the run does not follow).
     */
    public short[] adultBirth;
    public short[] birthTick;
    public byte[] education;
    public byte[] status;
    public byte[] mental;
    /** Each adult's own wage, in the adults' pairs: used for adults the run does not follow (a followed person's is its own, in {@link Persons}). */
    public float[] wage;
    public float[] income;
    /** Adults of working age who live on a benefit, from the last income update (as {@link Households#onBenefit}). */
    public byte[] onBenefit;
    /** The next tick its income changes by itself (a followed adult's WW steps down or runs out), as {@link Households#incomeChange}. */
    public int[] incomeChange;
    /** The tick it joined the region (its first region month is the next tick). */
    public short[] since;
    public boolean[] live;
    /** The place of the region each household lives in (scenario region.places, in order). */
    public byte[] place;

    private int[] free;
    private int freeTop;
    private int bound;
    private int liveCount;

    public RegionHouseholds(int initialCapacity) {
        capacity = Math.max(16, initialCapacity);
        adults = new byte[capacity];
        children = new byte[capacity];
        otherChildren = new byte[capacity];
        firstChild = new int[capacity];
        adultPerson = new int[2 * capacity];
        adultBirth = new short[2 * capacity];
        birthTick = new short[capacity];
        education = new byte[capacity];
        status = new byte[2 * capacity];
        mental = new byte[2 * capacity];
        wage = new float[2 * capacity];
        income = new float[capacity];
        onBenefit = new byte[capacity];
        incomeChange = new int[capacity];
        since = new short[capacity];
        live = new boolean[capacity];
        place = new byte[capacity];
        free = new int[Math.min(capacity, 1024)];
    }

    /** Takes a free slot for a new region household (empty: the caller fills it). */
    public int allocate(int tick) {
        int k;
        if (freeTop > 0) {
            k = free[--freeTop];
        } else {
            if (bound == capacity) {
                grow();
            }
            k = bound++;
        }
        live[k] = true;
        empty(k);
        status[2 * k] = Households.INACTIVE;
        status[2 * k + 1] = Households.INACTIVE;
        mental[2 * k] = Households.GOOD;
        mental[2 * k + 1] = Households.GOOD;
        wage[2 * k] = 0f;
        wage[2 * k + 1] = 0f;
        income[k] = 0f;
        onBenefit[k] = 0;
        incomeChange[k] = Households.NO_CHANGE;
        since[k] = Persons.month(tick);
        place[k] = 0;
        liveCount++;
        return k;
    }

    /** Room for more households: an eighth more slots (at least 1,024), as {@link Persons#grown}. */
    private void grow() {
        int n = Persons.grown(capacity);
        adults = Arrays.copyOf(adults, n);
        children = Arrays.copyOf(children, n);
        otherChildren = Arrays.copyOf(otherChildren, n);
        firstChild = Arrays.copyOf(firstChild, n);
        adultPerson = Arrays.copyOf(adultPerson, 2 * n);
        adultBirth = Arrays.copyOf(adultBirth, 2 * n);
        birthTick = Arrays.copyOf(birthTick, n);
        education = Arrays.copyOf(education, n);
        status = Arrays.copyOf(status, 2 * n);
        mental = Arrays.copyOf(mental, 2 * n);
        wage = Arrays.copyOf(wage, 2 * n);
        income = Arrays.copyOf(income, n);
        onBenefit = Arrays.copyOf(onBenefit, n);
        incomeChange = Arrays.copyOf(incomeChange, n);
        since = Arrays.copyOf(since, n);
        live = Arrays.copyOf(live, n);
        place = Arrays.copyOf(place, n);
        capacity = n;
    }

    /** Frees a slot (its followed persons must have been moved, released or marked dead first). */
    public void release(int k) {
        live[k] = false;
        empty(k);
        if (freeTop == free.length) {
            free = Arrays.copyOf(free, Persons.grown(free.length));
        }
        free[freeTop++] = k;
        liveCount--;
    }

    /** No members. */
    private void empty(int k) {
        adults[k] = 0;
        children[k] = 0;
        otherChildren[k] = 0;
        firstChild[k] = -1;
        adultPerson[2 * k] = -1;
        adultPerson[2 * k + 1] = -1;
    }

    /** One past the highest slot ever used. */
    public int bound() {
        return bound;
    }

    public int liveCount() {
        return liveCount;
    }

    public int capacity() {
        return capacity;
    }

    /** Age in whole years of the head (or, without adults, of the late parent) at the given tick. */
    public int age(int k, int tick) {
        return (tick - birthTick[k]) / 12;
    }

    /** Whether the household still holds a followed person. */
    public boolean followed(int k) {
        return adultPerson[2 * k] >= 0 || adultPerson[2 * k + 1] >= 0 || firstChild[k] >= 0;
    }

    public int employed(int k) {
        int n = 0;
        for (int a = 0; a < adults[k]; a++) {
            n += status[2 * k + a] == Households.EMPLOYED ? 1 : 0;
        }
        return n;
    }

    /** Income per equivalent adult (the modified OECD scale, as in the city). */
    public double equivalisedIncome(int k) {
        return income[k] / Households.equivalence(adults[k], children[k]);
    }

    /** Bytes held per region slot by these arrays (for the memory figures). */
    public static int bytesPerSlot() {
        return 1 + 1 + 1 + 4 + 8 + 4 + 2 + 1 + 2 + 2 + 8 + 4 + 1 + 4 + 2 + 1 + 1; // the free list grows with the free slots
    }
}
