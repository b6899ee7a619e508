package org.wijklab.model;

import java.util.Arrays;

/**
 * Every person the run follows, as parallel arrays indexed by person slot (structure of arrays: no
 * object per person). A person keeps one stable {@link #id} from the moment it enters the city (at
 * set-up, born, or arriving from the region) through merging, separating, leaving home and moving;
 * the household it lives in changes, the person does not.
 *
 * <p>Where a person is: in the city ({@link #CITY}: {@link #household} is a slot of
 * {@link Households}), in the region outside it ({@link #REGION}: an index of
 * {@link RegionHouseholds}), or dead ({@link #DEAD}). A person who leaves the city is followed in
 * the region only while an open observation period or cohort still needs it ({@link #neededUntil},
 * set by {@link #pinCity}); after that it is released: its slot is freed and reused for a new person
 * (with a new id), and it is counted as {@link #releasedAlive()}. A person who dies is kept as a dead
 * entry while it is needed, so that the observation can tell "died" from "not followed", and then
 * freed. So at every tick
 *
 * <pre>  inCity + inRegion + died + releasedAlive = created</pre>
 *
 * which {@code Invariants} checks.
 *
 * <p>Children live in a linked list per household ({@link Households#firstChild}, {@link #nextChild});
 * a household's adults in its adult positions. Only the model's thread allocates, releases or moves
 * persons between households; the household blocks may re-link their own households' children.
 */
public final class Persons implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final byte FREE = 0;
    public static final byte CITY = 1;
    public static final byte REGION = 2;
    public static final byte DEAD = 3;

    /** How a person entered the city: at set-up, born in it, or arriving from the region. */
    public static final byte ORIGIN_INITIAL = 0;
    public static final byte ORIGIN_BORN = 1;
    public static final byte ORIGIN_MIGRANT = 2;

    /** {@link #education} of a child still at home: its own is fixed when it leaves. */
    public static final byte AT_SCHOOL = -1;

    /** {@link #wwUntil} of a person without unemployment insurance. */
    public static final int NO_WW = Short.MIN_VALUE;

    /** {@link #neededUntil} of a person no period or cohort needs. */
    public static final int NOT_NEEDED = Short.MIN_VALUE;

    /** {@link #bpState}: not a best person, active, resting after exhaustion, stopped for good. */
    public static final byte BP_NONE = 0;
    public static final byte BP_ACTIVE = 1;
    public static final byte BP_RESTING = 2;
    public static final byte BP_STOPPED = 3;

    private int capacity;
    /** {@link #registeredSince} of a person whose registration has not been looked at yet. */
    public static final int REGISTRATION_UNKNOWN = Short.MIN_VALUE;
    public int[] id;
    public int[] household;
    public byte[] place;
    public byte[] origin;
    /** The next child of the same household, or -1. */
    public int[] nextChild;
    /** The last tick an open period or cohort needs this person (followed until then wherever it lives). */
    public short[] neededUntil;
    /** A child already waiting in the pending pool for a home of its own (it does not leave twice). */
    public boolean[] pending;

    // ---- each person's own state (city and region alike; it travels with the person) ----

    /** Month of birth (a tick; negative before the recorded start). */
    public short[] birthTick;
    /** Education, 0 low, 1 mid, 2 high; {@link #AT_SCHOOL} for a child until it leaves home. */
    public byte[] education;
    /** The person's own earnings factor (log-normal, mean 1): what the wage of its education and experience is multiplied by. */
    public float[] ability;
    /** Months of work experience up to {@link #statusSince} (the current spell is added by {@link #experience}). */
    public short[] experienceMonths;
    /** The tick the person's labour status last changed (experience accrues or decays from here). */
    public short[] statusSince;
    /** Unemployment insurance (WW): first month, the month it runs out (exclusive), and the wage it is a share of. */
    public short[] wwFrom;
    public short[] wwUntil;
    public float[] wwBase;
    /**
     * A child's upbringing, accrued each month it lives at home in the city (nothing accrues in the
     * region): the sum of its neighbourhood's score (employment rate minus the city's), the months
     * counted (capped at {@link Short#MAX_VALUE}), and the sum of the programmes' monthly chance of
     * a step up in education where it lived ({@code PolicyEffects.educationUp}).
     */
    public float[] exposureSum;
    public short[] exposureMonths;
    public float[] learningSum;
    /**
     * The tick from which the person is registered for social rent ({@link #REGISTRATION_UNKNOWN}
     * until the housing market first needs it); a social let starts it anew.
     */
    public short[] registeredSince;

    // ---- help received and what it left (see Help); it travels with the person ----

    /** The forms of help the person ever received, one bit per form ({@code 1 << Help.CASE}, ...). */
    public byte[] helpForms;
    /** Months in which the person received any help (capped at {@link Short#MAX_VALUE}). */
    public short[] helpMonths;
    /** The first and the last tick the person received help; {@link Help#NEVER} if never. */
    public short[] helpFirst;
    public short[] helpLast;
    /** The programme that first helped the person, as its index + 1; 0 if none. */
    public byte[] helpProgramme;
    /** Skill from activation and training, in [0, 1]: raises the person's own job finding and wage wherever it lives; fades. */
    public float[] skill;
    /** Months left in an activation place (0: none). */
    public byte[] activationLeft;
    /** Months left in a treatment place of the health theme (0: none). */
    public byte[] treatmentLeft;
    /** The tick the person last recovered from poor mental health ({@link Help#NEVER} if never): relapse risk fades from here. */
    public short[] recoveredAt;
    /** The tick the person's household last got rid of its debts while the person lived in it ({@link Help#NEVER} if never). */
    public short[] debtFreeAt;
    /** {@link Help#TREATED_RECOVERY} and {@link Help#COUNSELLED}: whether the last recovery and debt resolution came with help. */
    public byte[] legacy;

    // ---- best persons and initiatives (policy.BestPersons, policy.Initiatives); they travel with the person ----

    /** Best-person state: {@link #BP_NONE}, {@link #BP_ACTIVE}, {@link #BP_RESTING} or {@link #BP_STOPPED}. */
    public byte[] bpState;
    /** A best person's energy in [0, 1]. */
    public float[] bpEnergy;
    /** The month the person became a best person. */
    public short[] bpSince;
    /** The programme a best person acts for (its index), -1 for none. */
    public byte[] bpProgramme;
    /** Months of rest left for a resting best person. */
    public byte[] bpRestLeft;
    /** The initiative the person is a member of (its slot in policy.Initiatives), -1 for none. */
    public short[] initiative;

    private int[] free;
    private int freeTop;
    private int bound;
    private int nextId;
    private long inCity;
    private long inRegion;
    private long died;
    private long releasedAlive;
    /** Dead persons kept while needed: their slots, released once {@link #neededUntil} has passed. */
    private int[] dead = new int[64];
    private int deadCount;
    /** Every tick some person was pinned until, ascending (a few: the periods' ends and the last tick). */
    private int[] expiries = new int[0];

    public Persons(int initialCapacity) {
        capacity = Math.max(16, initialCapacity);
        id = new int[capacity];
        household = new int[capacity];
        place = new byte[capacity];
        origin = new byte[capacity];
        nextChild = new int[capacity];
        neededUntil = new short[capacity];
        pending = new boolean[capacity];
        birthTick = new short[capacity];
        education = new byte[capacity];
        ability = new float[capacity];
        experienceMonths = new short[capacity];
        statusSince = new short[capacity];
        wwFrom = new short[capacity];
        wwUntil = new short[capacity];
        wwBase = new float[capacity];
        exposureSum = new float[capacity];
        exposureMonths = new short[capacity];
        learningSum = new float[capacity];
        registeredSince = new short[capacity];
        helpForms = new byte[capacity];
        helpMonths = new short[capacity];
        helpFirst = new short[capacity];
        helpLast = new short[capacity];
        helpProgramme = new byte[capacity];
        skill = new float[capacity];
        activationLeft = new byte[capacity];
        treatmentLeft = new byte[capacity];
        recoveredAt = new short[capacity];
        debtFreeAt = new short[capacity];
        legacy = new byte[capacity];
        bpState = new byte[capacity];
        bpEnergy = new float[capacity];
        bpSince = new short[capacity];
        bpProgramme = new byte[capacity];
        bpRestLeft = new byte[capacity];
        initiative = new short[capacity];
        free = new int[Math.min(capacity, 1024)];
    }

    /** A new person in the city, in household slot {@code hh}; returns its slot. */
    public int create(byte how, int hh) {
        int p;
        if (freeTop > 0) {
            p = free[--freeTop];
        } else {
            if (bound == capacity) {
                grow();
            }
            p = bound++;
        }
        id[p] = nextId++;
        household[p] = hh;
        place[p] = CITY;
        origin[p] = how;
        nextChild[p] = -1;
        neededUntil[p] = NOT_NEEDED;
        pending[p] = false;
        birthTick[p] = 0;
        education[p] = AT_SCHOOL;
        ability[p] = 1f;
        experienceMonths[p] = 0;
        statusSince[p] = 0;
        wwFrom[p] = NO_WW;
        wwUntil[p] = NO_WW;
        wwBase[p] = 0f;
        exposureSum[p] = 0f;
        exposureMonths[p] = 0;
        learningSum[p] = 0f;
        registeredSince[p] = REGISTRATION_UNKNOWN;
        helpForms[p] = 0;
        helpMonths[p] = 0;
        helpFirst[p] = Help.NEVER;
        helpLast[p] = Help.NEVER;
        helpProgramme[p] = 0;
        skill[p] = 0f;
        activationLeft[p] = 0;
        treatmentLeft[p] = 0;
        recoveredAt[p] = Help.NEVER;
        debtFreeAt[p] = Help.NEVER;
        legacy[p] = 0;
        bpState[p] = BP_NONE;
        bpEnergy[p] = 0f;
        bpSince[p] = 0;
        bpProgramme[p] = -1;
        bpRestLeft[p] = 0;
        initiative[p] = -1;
        inCity++;
        return p;
    }

    /**
     * Room for more persons: an eighth more slots (at least 1,024). A city's persons grow slowly
     * (births, arrivals, the followed and the dead kept), so a small step keeps the unused slots
     * few: after 30 years at a million residents about 2.1 M slots are used, which doubling left in
     * 2.5 M. The slots persons get do not depend on the capacity.
     */
    static int grown(int capacity) {
        return capacity + Math.max(1024, capacity / 8);
    }

    private void grow() {
        int n = grown(capacity);
        id = Arrays.copyOf(id, n);
        household = Arrays.copyOf(household, n);
        place = Arrays.copyOf(place, n);
        origin = Arrays.copyOf(origin, n);
        nextChild = Arrays.copyOf(nextChild, n);
        neededUntil = Arrays.copyOf(neededUntil, n);
        pending = Arrays.copyOf(pending, n);
        birthTick = Arrays.copyOf(birthTick, n);
        education = Arrays.copyOf(education, n);
        ability = Arrays.copyOf(ability, n);
        experienceMonths = Arrays.copyOf(experienceMonths, n);
        statusSince = Arrays.copyOf(statusSince, n);
        wwFrom = Arrays.copyOf(wwFrom, n);
        wwUntil = Arrays.copyOf(wwUntil, n);
        wwBase = Arrays.copyOf(wwBase, n);
        exposureSum = Arrays.copyOf(exposureSum, n);
        exposureMonths = Arrays.copyOf(exposureMonths, n);
        learningSum = Arrays.copyOf(learningSum, n);
        registeredSince = Arrays.copyOf(registeredSince, n);
        helpForms = Arrays.copyOf(helpForms, n);
        helpMonths = Arrays.copyOf(helpMonths, n);
        helpFirst = Arrays.copyOf(helpFirst, n);
        helpLast = Arrays.copyOf(helpLast, n);
        helpProgramme = Arrays.copyOf(helpProgramme, n);
        skill = Arrays.copyOf(skill, n);
        activationLeft = Arrays.copyOf(activationLeft, n);
        treatmentLeft = Arrays.copyOf(treatmentLeft, n);
        recoveredAt = Arrays.copyOf(recoveredAt, n);
        debtFreeAt = Arrays.copyOf(debtFreeAt, n);
        legacy = Arrays.copyOf(legacy, n);
        bpState = Arrays.copyOf(bpState, n);
        bpEnergy = Arrays.copyOf(bpEnergy, n);
        bpSince = Arrays.copyOf(bpSince, n);
        bpProgramme = Arrays.copyOf(bpProgramme, n);
        bpRestLeft = Arrays.copyOf(bpRestLeft, n);
        initiative = Arrays.copyOf(initiative, n);
        capacity = n;
    }

    /** Whether a person who is out of the city at this tick is still needed by a period or cohort. */
    public boolean needed(int p, int tick) {
        return neededUntil[p] >= tick;
    }

    /** Follows city person p until at least tick {@code until}. */
    public void pin(int p, int until) {
        if (neededUntil[p] < until) {
            neededUntil[p] = month(until);
            noteExpiry(until);
        }
    }

    /** Follows every person now in the city until at least tick {@code until}. */
    public void pinCity(int until) {
        noteExpiry(until);
        short u = month(until);
        for (int p = 0; p < bound; p++) {
            if (place[p] == CITY && neededUntil[p] < until) {
                neededUntil[p] = u;
            }
        }
    }

    private void noteExpiry(int until) {
        int i = Arrays.binarySearch(expiries, until);
        if (i < 0) {
            int at = -i - 1;
            int[] e = new int[expiries.length + 1];
            System.arraycopy(expiries, 0, e, 0, at);
            e[at] = until;
            System.arraycopy(expiries, at, e, at + 1, expiries.length - at);
            expiries = e;
        }
    }

    /**
     * Whether a person's needed-until tick can have passed between two ticks: some tick a person
     * was pinned until lies in [from, to). Only then can anyone out of the city be released, so the
     * region looks at its members' ticks only in those months.
     */
    public boolean expiryIn(int from, int to) {
        int i = Arrays.binarySearch(expiries, from);
        int at = i >= 0 ? i : -i - 1;
        return at < expiries.length && expiries[at] < to;
    }

    /** City person p moves to region household k. */
    public void toRegion(int p, int k) {
        place[p] = REGION;
        household[p] = k;
        pending[p] = false;
        inCity--;
        inRegion++;
    }

    /** A person in the city or the region dies: kept as a dead entry while needed, else freed. */
    public void die(int p, int tick) {
        if (place[p] == CITY) {
            inCity--;
        } else {
            inRegion--;
        }
        died++;
        place[p] = DEAD;
        household[p] = -1;
        nextChild[p] = -1;
        pending[p] = false;
        if (needed(p, tick)) {
            if (deadCount == dead.length) {
                dead = Arrays.copyOf(dead, grown(deadCount));
            }
            dead[deadCount++] = p;
        } else {
            freeSlot(p);
        }
    }

    /** A living person no period or cohort needs any more leaves the records (from the city or the region). */
    public void release(int p) {
        if (place[p] == CITY) {
            inCity--;
        } else {
            inRegion--;
        }
        releasedAlive++;
        freeSlot(p);
    }

    private void freeSlot(int p) {
        place[p] = FREE;
        household[p] = -1;
        nextChild[p] = -1;
        pending[p] = false;
        neededUntil[p] = NOT_NEEDED;
        if (freeTop == free.length) {
            free = Arrays.copyOf(free, grown(free.length));
        }
        free[freeTop++] = p;
    }

    /** Frees the dead entries no period or cohort needs any more. */
    public void releaseDead(int tick) {
        int kept = 0;
        for (int i = 0; i < deadCount; i++) {
            int p = dead[i];
            if (needed(p, tick)) {
                dead[kept++] = p;
            } else {
                freeSlot(p);
            }
        }
        deadCount = kept;
    }

    /** One past the highest person slot ever used: every slot is below this. */
    public int bound() {
        return bound;
    }

    /** Persons created so far (every id is below this). */
    public long created() {
        return nextId;
    }

    public long inCity() {
        return inCity;
    }

    public long inRegion() {
        return inRegion;
    }

    /** Persons who died, in the city or while followed in the region. */
    public long died() {
        return died;
    }

    /** Persons who left the city (or were no longer needed in the region) and are not followed. */
    public long releasedAlive() {
        return releasedAlive;
    }

    /** Dead persons still kept for an open period or cohort. */
    public int deadKept() {
        return deadCount;
    }

    /** Slots allocated (the arrays' length). */
    public int capacity() {
        return capacity;
    }

    /** Bytes held per person slot by these arrays (for the memory figures). */
    public static int bytesPerSlot() {
        return 4 + 4 + 1 + 1 + 4 + 2 + 1 // identity, place, lists, pins (the free list grows with the free slots only)
                + 2 + 1 + 4 + 2 + 2 + 2 + 2 + 4 + 4 + 2 + 4 // own state: birth, education, ability, experience, WW, upbringing
                + 2 // registration for social rent
                + 1 + 2 + 2 + 2 + 1 + 4 + 1 + 1 + 2 + 2 + 1 // help received and its legacy
                + 1 + 4 + 2 + 1 + 1 + 2; // best person and initiative membership
    }

    /**
     * A tick, or a count of months, as the persons' month arrays keep it (16 bits: ticks from
     * -32,767 to 32,767, about 2,700 years either side of the recorded start, which the scenario's
     * limits on its years, its warm-up and its ages keep far inside). A value outside that range is
     * refused, never wrapped; {@link Short#MIN_VALUE} is the arrays' "none" ({@link #NO_WW},
     * {@link #NOT_NEEDED}, {@link #REGISTRATION_UNKNOWN}, {@link Help#NEVER}), written as a
     * constant, never through here.
     */
    public static short month(int t) {
        short s = (short) t;
        if (s != t || s == Short.MIN_VALUE) {
            throw new IllegalStateException("month " + t + " is outside the range a person's months are kept in");
        }
        return s;
    }

    /** Age in whole years at a tick. */
    public int age(int p, int tick) {
        return Math.floorDiv(tick - birthTick[p], 12);
    }

    /**
     * Months of work experience at a tick: what was accrued up to the last status change, plus the
     * current spell when the person works in it ({@code working}); out of work, experience is lost at
     * {@code lossPerMonth} months a month (never below zero).
     */
    public double experience(int p, boolean working, double lossPerMonth, int tick) {
        int spell = Math.max(0, tick - statusSince[p]);
        return working ? experienceMonths[p] + spell : Math.max(0.0, experienceMonths[p] - lossPerMonth * spell);
    }

    /**
     * The person's labour status changes at a tick: the spell that ends is added to (in work) or
     * taken from (out of work) its experience, and a new spell starts.
     */
    public void statusChanged(int p, boolean wasWorking, double lossPerMonth, int tick) {
        experienceMonths[p] = month((int) Math.round(experience(p, wasWorking, lossPerMonth, tick)));
        statusSince[p] = month(tick);
    }

    // ---- children lists, shared by city and region households ----

    /** Appends child p to the list starting at {@code first}; returns the list's (possibly new) head. */
    public int appendChild(int first, int p) {
        nextChild[p] = -1;
        if (first < 0) {
            return p;
        }
        int q = first;
        while (nextChild[q] >= 0) {
            q = nextChild[q];
        }
        nextChild[q] = p;
        return first;
    }

    /** Removes child p from the list starting at {@code first}; returns the list's head. */
    public int removeChild(int first, int p) {
        if (first == p) {
            int next = nextChild[p];
            nextChild[p] = -1;
            return next;
        }
        int q = first;
        while (q >= 0 && nextChild[q] != p) {
            q = nextChild[q];
        }
        if (q < 0) {
            throw new IllegalStateException("person " + id[p] + " is not in this household's children");
        }
        nextChild[q] = nextChild[p];
        nextChild[p] = -1;
        return first;
    }

    /** The first child in the list who is not already waiting in the pending pool, or -1. */
    public int firstNotPending(int first) {
        for (int q = first; q >= 0; q = nextChild[q]) {
            if (!pending[q]) {
                return q;
            }
        }
        return -1;
    }

    /** The length of a children list. */
    public int count(int first) {
        int n = 0;
        for (int q = first; q >= 0; q = nextChild[q]) {
            n++;
        }
        return n;
    }
}
