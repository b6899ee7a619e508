package org.wijklab.model;

import java.util.Arrays;

/**
 * All households, as parallel arrays indexed by slot (structure of arrays: no object per
 * household, nothing allocated per tick). A slot is live while {@code dwelling[slot] >= 0}: every
 * live household occupies exactly one dwelling. Freed slots are reused; the stable identity of a
 * household is its {@code id}, which is never reused, and {@link #slotOf(int)} finds it.
 *
 * <p>Adults are kept per slot in pairs ({@code 2*slot} and {@code 2*slot+1}); adult 0 is the
 * head, whose age and education the household carries.
 */
public final class Households implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final byte EMPLOYED = 0;
    public static final byte UNEMPLOYED = 1;
    public static final byte INACTIVE = 2;
    public static final byte RETIRED = 3;

    public static final byte GOOD = 0;
    public static final byte POOR = 1;
    public static final byte SEVERE = 2;

    /** Where a household came from: present at the start, formed in the city, or from outside. */
    public static final byte ORIGIN_INITIAL = 0;
    public static final byte ORIGIN_FORMED = 1;
    public static final byte ORIGIN_MIGRANT = 2;

    /** Fate of an id: still in the city, left the city, dissolved (last adult died), merged into another. */
    public static final byte FATE_IN_CITY = 0;
    public static final byte FATE_LEFT = 1;
    public static final byte FATE_DISSOLVED = 2;
    public static final byte FATE_MERGED = 3;

    public static final byte CASE_NONE = 0;
    public static final byte CASE_ALL = 1;
    public static final byte CASE_DEBT = 2;
    public static final byte CASE_YOUTH = 3;
    public static final byte CASE_MENTAL = 4;

    /** {@code forced}: not forced to move; evicted (no social rent again); moved out for restructuring. */
    public static final byte FORCED_NO = 0;
    public static final byte FORCED_EVICTED = 1;
    public static final byte FORCED_RENEWAL = 2;

    /** {@link #incomeChange} of a household whose income changes only with an event. */
    public static final int NO_CHANGE = Integer.MAX_VALUE;

    /** {@code searchSince} of a household that is not looking for a dwelling (ticks can be negative). */
    public static final int NOT_SEARCHING = Short.MIN_VALUE;

    public final int capacity;
    public final int[] id;
    public final int[] dwelling;
    /**
     * The neighbourhood of the household's dwelling, kept beside it when it moves in (read in slot
     * order by the monthly passes, instead of looking up each dwelling's neighbourhood at random);
     * -1 for a free slot, like {@code dwelling}.
     */
    public final short[] hood;
    /** The tenure of the household's dwelling, kept beside it in the same way (a dwelling changes
     * tenure only while empty, when it is rebuilt). */
    public final byte[] tenure;
    public final byte[] adults;
    public final byte[] children;
    /**
     * Each adult's birth month and education, in the adults' pairs: copies of the person's own
     * ({@link Persons#birthTick}, {@link Persons#education}), which never change for an adult, kept
     * here so the monthly passes read them in slot order. The head's (position 0) are the
     * household's age and education.
     */
    public final short[] adultBirth;
    public final byte[] adultEducation;
    public final byte[] origin;
    /** Each adult's labour status and mental health, in the adults' pairs. */
    public final byte[] status;
    public final byte[] mental;
    public final float[] income;
    /** Adults of working age who live on a benefit (WW, disability benefit or social assistance), from the last income update. */
    public final byte[] onBenefit;
    /** Whether the household lives (partly) on social assistance: its income is topped up to the norm (from the last income update). */
    public final boolean[] assisted;
    /** The next tick at which the household's income changes by itself (an adult's WW steps down or runs out), or {@link #NO_CHANGE}. */
    public final int[] incomeChange;
    public final float[] incomeAtMoveIn;
    public final float[] housingCost;
    public final short[] moveInTick;
    /**
     * The neighbourhood's integration clock ({@link Neighbourhoods#tieClock}) when the household moved
     * in: what the clock gained since is the extra months of local acquaintance the integration theme
     * gave it. Local, so lost with a move.
     */
    public final float[] tieStart;
    public final short[] searchSince;
    public final byte[] forced;
    public final byte[] debt;
    public final byte[] youth;
    /** The team's case for this household: {@link #CASE_NONE}, all problems (integral) or one type. */
    public final byte[] caseType;
    /** Tick the case was opened. */
    public final short[] caseSince;
    /** Members of this household waiting in the pending pool for a home of their own. */
    public final byte[] leaving;
    /** The person slot ({@link Persons}) of each adult, in the adults' pairs; -1 where there is none. */
    public final int[] adultPerson;
    /** The first of the household's children in {@link Persons}' lists ({@link Persons#nextChild}), or -1. */
    public final int[] firstChild;

    private final int[] freeSlots;
    private int freeTop;
    private int live;
    private int nextId;
    private int[] slotOfId = new int[1024];
    private byte[] fateOfId = new byte[1024];

    public Households(int capacity) {
        this.capacity = capacity;
        id = new int[capacity];
        dwelling = new int[capacity];
        hood = new short[capacity];
        tenure = new byte[capacity];
        adults = new byte[capacity];
        children = new byte[capacity];
        adultBirth = new short[2 * capacity];
        adultEducation = new byte[2 * capacity];
        origin = new byte[capacity];
        status = new byte[2 * capacity];
        mental = new byte[2 * capacity];
        income = new float[capacity];
        onBenefit = new byte[capacity];
        assisted = new boolean[capacity];
        incomeChange = new int[capacity];
        incomeAtMoveIn = new float[capacity];
        housingCost = new float[capacity];
        moveInTick = new short[capacity];
        tieStart = new float[capacity];
        searchSince = new short[capacity];
        forced = new byte[capacity];
        debt = new byte[capacity];
        youth = new byte[capacity];
        leaving = new byte[capacity];
        caseType = new byte[capacity];
        caseSince = new short[capacity];
        adultPerson = new int[2 * capacity];
        firstChild = new int[capacity];
        Arrays.fill(adultPerson, -1);
        Arrays.fill(firstChild, -1);
        Arrays.fill(dwelling, -1);
        Arrays.fill(hood, (short) -1);
        freeSlots = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            freeSlots[i] = capacity - 1 - i;
        }
        freeTop = capacity;
    }

    /** Takes a free slot for a new household with a fresh id; the caller fills its state. */
    public int allocate(byte householdOrigin) {
        if (freeTop == 0) {
            throw new IllegalStateException("no free household slot: more households than dwellings");
        }
        int slot = freeSlots[--freeTop];
        int newId = nextId++;
        if (newId >= slotOfId.length) {
            slotOfId = Arrays.copyOf(slotOfId, Persons.grown(slotOfId.length));
            fateOfId = Arrays.copyOf(fateOfId, Persons.grown(fateOfId.length));
        }
        slotOfId[newId] = slot;
        fateOfId[newId] = FATE_IN_CITY;
        id[slot] = newId;
        origin[slot] = householdOrigin;
        searchSince[slot] = NOT_SEARCHING;
        forced[slot] = 0;
        debt[slot] = 0;
        youth[slot] = 0;
        leaving[slot] = 0;
        caseType[slot] = CASE_NONE;
        onBenefit[slot] = 0;
        assisted[slot] = false;
        incomeChange[slot] = NO_CHANGE;
        adultPerson[2 * slot] = -1;
        adultPerson[2 * slot + 1] = -1;
        firstChild[slot] = -1;
        live++;
        return slot;
    }

    /** Frees a slot whose household has left the city or dissolved; its dwelling must be cleared first. */
    public void release(int slot, byte fate) {
        fateOfId[id[slot]] = fate;
        slotOfId[id[slot]] = -1;
        dwelling[slot] = -1;
        hood[slot] = -1;
        adults[slot] = 0;
        children[slot] = 0;
        adultPerson[2 * slot] = -1;
        adultPerson[2 * slot + 1] = -1;
        firstChild[slot] = -1;
        freeSlots[freeTop++] = slot;
        live--;
    }

    public boolean isSearching(int slot) {
        return searchSince[slot] != NOT_SEARCHING;
    }

    public boolean isLive(int slot) {
        return dwelling[slot] >= 0;
    }

    public int liveCount() {
        return live;
    }

    /** Ids issued so far: every id is below this. */
    public int idBound() {
        return nextId;
    }

    /** The slot of a household id, or -1 once it has left the city or dissolved. */
    public int slotOf(int householdId) {
        return slotOfId[householdId];
    }

    public byte fateOf(int householdId) {
        return fateOfId[householdId];
    }

    public int persons(int slot) {
        return adults[slot] + children[slot];
    }

    /** Age in whole years of the head at the given tick (months since birth / 12). */
    public int age(int slot, int tick) {
        return (tick - adultBirth[2 * slot]) / 12;
    }

    /** The head's education (0 low, 1 mid, 2 high). */
    public byte education(int slot) {
        return adultEducation[2 * slot];
    }

    /** Puts person p into adult position a of a household, with its own birth month and education. */
    public void placeAdult(int slot, int a, int p, Persons persons) {
        adultPerson[2 * slot + a] = p;
        adultBirth[2 * slot + a] = persons.birthTick[p];
        adultEducation[2 * slot + a] = persons.education[p];
    }

    /** Moves adult position {@code from} to {@code to} (within or between households): person, birth, education, status, health. */
    public void moveAdult(int from, int to) {
        adultPerson[to] = adultPerson[from];
        adultBirth[to] = adultBirth[from];
        adultEducation[to] = adultEducation[from];
        status[to] = status[from];
        mental[to] = mental[from];
    }

    // The per-adult counts below are written without branches on the adults' states (the second
    // adult counts only when there are two): they run for every household several times a month,
    // and the states are too mixed for a branch predictor.

    public int employed(int slot) {
        int k = 2 * slot;
        int n = adults[slot];
        return (n > 0 & status[k] == EMPLOYED ? 1 : 0) + (n > 1 & status[k + 1] == EMPLOYED ? 1 : 0);
    }

    public boolean anyUnemployed(int slot) {
        int k = 2 * slot;
        int n = adults[slot];
        return n > 0 & status[k] == UNEMPLOYED | n > 1 & status[k + 1] == UNEMPLOYED;
    }

    /** Adults of working age (not retired), the denominator of the employment rate. */
    public int workingAge(int slot) {
        int k = 2 * slot;
        int n = adults[slot];
        return (n > 0 & status[k] != RETIRED ? 1 : 0) + (n > 1 & status[k + 1] != RETIRED ? 1 : 0);
    }

    public int goodMentalHealth(int slot) {
        int k = 2 * slot;
        int n = adults[slot];
        return (n > 0 & mental[k] == GOOD ? 1 : 0) + (n > 1 & mental[k + 1] == GOOD ? 1 : 0);
    }

    public boolean anyPoorMentalHealth(int slot) {
        int k = 2 * slot;
        int n = adults[slot];
        return n > 0 & mental[k] != GOOD | n > 1 & mental[k + 1] != GOOD;
    }

    /**
     * Income per equivalent adult on the modified OECD scale (first adult 1, second 0.5, each child
     * 0.3): the household's disposable income divided by {@link #equivalence(int, int)}.
     */
    public double equivalisedIncome(int slot) {
        return income[slot] / equivalence(adults[slot], children[slot]);
    }

    /**
     * The modified OECD equivalence scale (Hagenaars, de Vos and Zaidi 1994; Eurostat's standard for
     * EU-SILC): 1 for the first adult, 0.5 for a second, 0.3 for each child. A household without an
     * adult (children in the care of relatives) counts its carer as the first adult.
     */
    public static double equivalence(int adults, int children) {
        return adults == 0 ? 1.0 + 0.3 * children : 0.5 + 0.5 * adults + 0.3 * children;
    }
}
