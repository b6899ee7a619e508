package org.wijklab.process;

import ec.util.MersenneTwisterFast;
import org.wijklab.model.Blocks;
import org.wijklab.model.Households;
import org.wijklab.model.Ledger;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Pending;
import org.wijklab.model.Persons;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Demography, monthly: deaths (Gompertz hazard on each adult's own age), retirement, births to
 * couples by the woman's (the younger adult's) own age at the age-specific fertility rates, children leaving home (a share look for a dwelling in the city and join the
 * pending pool; the rest leave the city), and separations (one partner joins the pending pool).
 * The events of a month compete: one uniform draw per household decides which one, if any,
 * happens (at most one per household per month; the hazards are small, so this changes rates by
 * their square). A household whose last adult dies dissolves and its dwelling becomes vacant. Single adults of
 * 20-50 look for a partner with a yearly hazard; those looking in the same month are paired by age
 * and education (see {@link #pairUp}) and move in together (the second into the first one's dwelling).
 *
 * <p>Every month, before the household's events, each child at home accrues its upbringing: its
 * neighbourhood's employment rate minus the city's, and the programmes' chance of a step up in
 * education there ({@link #accrueUpbringing}). When it leaves home its own education is drawn from
 * its parents' (the higher of the two), shifted by its mean score ({@code demography.upbringingEffect}
 * per percentage point) and by the programmes' chance weighted by the months it spent where they ran.
 *
 * <p>The blocks of households are stepped in parallel, each drawing from its own stream; what
 * changes the city beyond a block's own households (dissolutions, the pending pool, the singles
 * looking for a partner, the counters) is collected per block and applied in block order.
 */
public final class Demography implements Steppable {
    private static final long serialVersionUID = 1L;

    /** Chance that a child's education equals, exceeds or falls below the parents' (assumed), before its upbringing. */
    private static final double SAME_EDUCATION = 0.5;
    private static final double UP_EDUCATION = 0.35;
    private static final double DOWN_EDUCATION = 1.0 - SAME_EDUCATION - UP_EDUCATION;
    private static final double[] STARTER_EMPLOYED = {0.45, 0.6, 0.7};

    private final WijkLabModel model;
    private int[] looking = new int[64];
    /** The unpaired singles of the month as a linked list over positions in {@link #looking} (pairUp's scratch). */
    private int[] nextFree = new int[0];
    private int[] prevFree = new int[0];
    /** Couples formed in the city since the start, those with the same education, and their summed age gaps in months. */
    public long couplesFormed;
    public long sameEducationCouples;
    public long ageGapMonths;
    /** The singles who looked for a partner since the start, by education (low, mid, high). */
    public final long[] lookersByEducation = new long[3];
    private BlockEvents[] partials = new BlockEvents[0];
    private final double[] deathByAge = new double[131];
    /**
     * A couple's monthly chance of a birth by the age group of the younger adult (taken to be the
     * woman), set each month so that the city's women of each group bear children at the
     * age-specific fertility rate (births happen in couples).
     */
    private double[] coupleBirth = new double[0];
    /** The fertility pass's counts by age group (scratch, kept between months): women and couples that may have a child. */
    private double[] women = new double[0];
    private int[] couples = new int[0];
    /** {@link Scenario.Demography#fertilityGroup} by age in years below the last fertility age (scratch, made each month). */
    private transient int[] groupByAge;
    /** Per household slot this month: its fertility group and kind (scratch; see {@link #coupleBirthRates}). */
    private transient byte[] kinds;
    private static final int SINGLE = 1;
    private static final int COUPLE = 2;
    private static final int COUPLE_MAY_HAVE_CHILD = 3;
    /** The upbringing pass's score and chance of a step up per neighbourhood (scratch, made each month). */
    private transient float[] upbringingScore;
    private transient float[] upbringingLearning;
    /** A couple's yearly chance of a birth is at most this (assumed: about one birth in 20 months). */
    static final double MAX_COUPLE_BIRTHS = 0.6;
    /** A child's monthly chance of leaving home by its age in years (from the shares still at home by age). */
    private double[] leaveByAge = new double[0];

    public Demography(WijkLabModel model) {
        this.model = model;
    }

    @Override
    public void step(SimState state) {
        Scenario.Demography demo = model.scenario().demography();
        Scenario.Labour lab = model.scenario().labour();
        Neighbourhoods nb = model.neighbourhoods();
        Ledger ledger = model.ledger();
        Pending pending = model.pending();
        Households h = model.households();
        Persons persons = model.persons();
        int tick = model.tick();
        double birth = coupleBirthRates(demo, tick);
        leaveByAge = demo.leaveHomeHazards(leaveByAge);
        double maxLeave = 0.0;
        for (double v : leaveByAge) {
            maxLeave = Math.max(maxLeave, v);
        }
        double leave = maxLeave;
        int pensionAge = demo.pensionAgeMonths(demo.year(tick));
        double separation = demo.separationRate() / 12.0;
        double partnering = demo.partneringRate() / 12.0;

        for (int a = 0; a < deathByAge.length; a++) {
            deathByAge[a] = demo.mortalityAt60() * StrictMath.exp(demo.mortalityGrowth() * (a - 60)) / 12.0;
        }
        Blocks blocks = model.blocks();
        if (partials.length != blocks.count()) {
            partials = new BlockEvents[blocks.count()];
            for (int b = 0; b < partials.length; b++) {
                partials[b] = new BlockEvents(nb.count);
            }
        }
        // every child at home counts every month, quiet or not
        accrueUpbringing();
        blocks.forEach(b -> stepBlock(partials[b], blocks.from(b), blocks.to(b), blocks.random(b), tick, demo, lab,
                birth, leave, separation, pensionAge, partnering));
        // the blocks' events, in block order, on the model's thread: as if stepped in slot order
        int lookingCount = 0;
        for (BlockEvents e : partials) {
            for (int j = 0; j < nb.count; j++) {
                nb.deaths[j] += e.deaths[j];
                nb.births[j] += e.births[j];
            }
            ledger.death(e.personsDied);
            ledger.birth(e.personsBorn);
            ledger.personsOut(e.personsLeft);
            // the persons' side of the block's events, in its slot order
            for (int k = 0; k < e.diedCount; k++) {
                persons.die(e.died[k], tick);
            }
            for (int k = 0; k < e.bornCount; k++) {
                int slot = e.born[k];
                int child = persons.create(Persons.ORIGIN_BORN, slot);
                persons.birthTick[child] = Persons.month(tick);
                h.firstChild[slot] = persons.appendChild(h.firstChild[slot], child);
            }
            for (int k = 0; k < e.leftCount; k++) {
                model.regionProcess().admitStarter(e.left[k], e.leftEducation[k], tick);
            }
            for (int k = 0; k < e.dissolvedCount; k++) {
                model.dissolve(e.dissolved[k]);
            }
            Pending buffer = e.pending;
            for (int i = 0; i < buffer.size(); i++) {
                pending.add(buffer.parentId[i], buffer.person[i], buffer.kind[i], buffer.status[i], buffer.mental[i],
                        buffer.since[i]);
            }
            for (int k = 0; k < e.lookingCount; k++) {
                if (lookingCount == looking.length) {
                    looking = java.util.Arrays.copyOf(looking, lookingCount * 2);
                }
                looking[lookingCount++] = e.looking[k];
            }
        }
        pairUp(lookingCount);
    }

    /**
     * Sets {@link #coupleBirth}: per age group of {@link Scenario.Demography#fertilityAges}, the
     * group's fertility rate times the city's women of that age (the younger adult of each couple,
     * and {@link Scenario.Demography#singleWomenShare} of the single adults) over the couples that
     * may have a child (the younger adult in the group, fewer than three children), a month's
     * share, at most {@link #MAX_COUPLE_BIRTHS} a year. Returns the largest (a bound for the
     * quiet-month test).
     */
    double coupleBirthRates(Scenario.Demography demo, int tick) {
        int groups = demo.fertilityRates().length;
        if (coupleBirth.length != groups) {
            coupleBirth = new double[groups];
            women = new double[groups];
            couples = new int[groups];
        }
        java.util.Arrays.fill(women, 0.0);
        java.util.Arrays.fill(couples, 0);
        // the fertility group by age in years, from the scenario's own lookup (ages 12-60)
        int[] ages = demo.fertilityAges();
        int top = ages[ages.length - 1];
        if (groupByAge == null || groupByAge.length != top) {
            groupByAge = new int[top];
        }
        for (int a = 0; a < top; a++) {
            groupByAge[a] = demo.fertilityGroup(a);
        }
        int[] group = groupByAge;
        Households h = model.households();
        // each household's group and kind first, on the block threads (one byte a slot: (group + 1) << 2
        // | kind, 0 for none); then added up in slot order on this thread, so the women's sums take
        // their terms in the same order as one pass would (a double sum depends on its order)
        if (kinds == null || kinds.length != h.capacity) {
            kinds = new byte[h.capacity];
        }
        byte[] kind = kinds;
        Blocks blocks = model.blocks();
        blocks.forEach(b -> {
            for (int slot = blocks.from(b), end = blocks.to(b); slot < end; slot++) {
                kind[slot] = 0;
                if (h.hood[slot] < 0) {
                    continue;
                }
                int age = Math.max(0, (tick - h.adultBirth[2 * slot]) / 12);
                if (h.adults[slot] == 2) {
                    age = Math.min(age, Math.max(0, (tick - h.adultBirth[2 * slot + 1]) / 12));
                }
                int g = age < top ? group[age] : -1;
                if (g < 0) {
                    continue;
                }
                int k = h.adults[slot] != 2 ? SINGLE : h.children[slot] < 3 ? COUPLE_MAY_HAVE_CHILD : COUPLE;
                kind[slot] = (byte) ((g + 1) << 2 | k);
            }
        });
        double single = demo.singleWomenShare();
        for (int slot = 0; slot < h.capacity; slot++) {
            int c = kind[slot] & 0xff;
            if (c == 0) {
                continue;
            }
            int g = (c >>> 2) - 1;
            if ((c & 3) == SINGLE) {
                women[g] += single;
            } else {
                women[g] += 1.0;
                if ((c & 3) == COUPLE_MAY_HAVE_CHILD) {
                    couples[g]++;
                }
            }
        }
        double max = 0.0;
        for (int g = 0; g < groups; g++) {
            double yearly = couples[g] == 0 ? 0.0
                    : Math.min(MAX_COUPLE_BIRTHS, demo.fertilityRates()[g] * women[g] / couples[g]);
            coupleBirth[g] = yearly / 12.0;
            max = Math.max(max, coupleBirth[g]);
        }
        return max;
    }

    /** A couple's monthly birth chance by fertility group, as {@link #coupleBirthRates} last set it (a copy; for tests). */
    double[] coupleBirthChances() {
        return coupleBirth.clone();
    }

    /** One block's month: its households' events, the structural ones collected in its partial. */
    private void stepBlock(BlockEvents e, int from, int to, MersenneTwisterFast random, int tick,
            Scenario.Demography demo, Scenario.Labour lab, double birth, double leave, double separation,
            int pensionAge, double partnering) {
        Households h = model.households();
        e.clear();
        boolean bounded = Bounds.skipQuietMonths && deathByAge[0] >= 0 && birth >= 0 && leave >= 0 && partnering >= 0 && separation >= 0;
        for (int slot = from; slot < to; slot++) {
            if (h.hood[slot] < 0) {
                continue;
            }
            int age = h.age(slot, tick);
            // an adult reaches the pension age (read in slot order; most households have nobody to retire)
            int k = 2 * slot;
            if (tick - h.adultBirth[k] >= pensionAge && h.status[k] != Households.RETIRED
                    || h.adults[slot] > 1 && tick - h.adultBirth[k + 1] >= pensionAge && h.status[k + 1] != Households.RETIRED) {
                retire(slot, tick, pensionAge);
            }
            // competing monthly events: one uniform draw decides which (if any) happens
            int adults = h.adults[slot];
            int kids = h.children[slot];
            double u = random.nextDouble();
            // each adult dies by its own age
            double death0 = deathByAge[Math.min(age, deathByAge.length - 1)];
            double death1 = 0.0;
            int younger = age;
            if (adults == 2) {
                younger = Math.max(0, (tick - h.adultBirth[2 * slot + 1]) / 12);
                death1 = deathByAge[Math.min(younger, deathByAge.length - 1)];
                younger = Math.min(age, younger);
            }
            double death = death0 + death1;
            // the events' summed chances are at most this (children waiting to leave and the
            // conditions on age and adults only lower them): a draw above it is a quiet month
            if (bounded && u >= (death + birth + leave * kids + partnering + separation) * Bounds.MARGIN) {
                continue;
            }
            if (u < death) {
                int j = model.dwellings().neighbourhood[h.dwelling[slot]];
                e.deaths[j]++;
                e.personsDied++;
                int dying = u < death0 ? 0 : 1;
                e.died(h.adultPerson[2 * slot + dying]);
                if (adults == 1) {
                    h.adultPerson[2 * slot] = -1;
                    e.dissolve(slot);
                    continue;
                }
                if (dying == 0) {
                    // the head died: the partner (with its own state) becomes the head
                    h.moveAdult(2 * slot + 1, 2 * slot);
                }
                h.adultPerson[2 * slot + 1] = -1;
                h.adults[slot] = 1;
                model.updateIncome(slot);
                continue;
            }
            u -= death;
            // a birth by the woman's (the younger adult's) own age
            int group = adults == 2 && kids < 3 ? demo.fertilityGroup(younger) : -1;
            double pBirth = group >= 0 ? coupleBirth[group] : 0.0;
            if (u < pBirth) {
                h.children[slot]++;
                e.born(slot);
                e.births[model.dwellings().neighbourhood[h.dwelling[slot]]]++;
                e.personsBorn++;
                model.updateIncome(slot);
                continue;
            }
            u -= pBirth;
            // children already waiting for a home of their own do not leave twice; each leaves by its own age
            double pLeave = 0.0;
            int leaver = -1;
            if (kids - h.leaving[slot] > 0) {
                Persons persons = model.persons();
                for (int c = h.firstChild[slot]; c >= 0; c = persons.nextChild[c]) {
                    if (persons.pending[c]) {
                        continue;
                    }
                    double pc = leaveByAge[Math.max(0, Math.min(persons.age(c, tick), leaveByAge.length - 1))];
                    if (leaver < 0 && u < pLeave + pc) {
                        leaver = c;
                    }
                    pLeave += pc;
                }
            }
            if (leaver >= 0) {
                childLeaves(slot, leaver, tick, demo, lab, e, random);
                continue;
            }
            u -= pLeave;
            double pPartner = adults == 1 && age >= 20 && age <= 50 ? partnering : 0.0;
            if (u < pPartner) {
                e.look(slot);
                continue;
            }
            u -= pPartner;
            if (adults == 2 && h.leaving[slot] == 0 && u < separation) {
                h.leaving[slot]++;
                e.pending.add(h.id[slot], h.adultPerson[2 * slot + 1], Pending.SEPARATED, h.status[2 * slot + 1],
                        h.mental[2 * slot + 1], tick);
            }
        }
    }

    /** What one block's month changes beyond its own households, applied afterwards in block order. */
    private static final class BlockEvents implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        final int[] deaths;
        final int[] births;
        int personsDied;
        int personsBorn;
        int personsLeft;
        int[] dissolved = new int[16];
        int dissolvedCount;
        int[] looking = new int[16];
        int lookingCount;
        /** Persons who died (the household's adult), children born (their household), children gone to the region. */
        int[] died = new int[16];
        int diedCount;
        int[] born = new int[16];
        int bornCount;
        int[] left = new int[16];
        /** The parents' (higher) education of a child gone to the region. */
        byte[] leftEducation = new byte[16];
        int leftCount;
        final Pending pending = new Pending();

        BlockEvents(int neighbourhoods) {
            deaths = new int[neighbourhoods];
            births = new int[neighbourhoods];
        }

        void clear() {
            java.util.Arrays.fill(deaths, 0);
            java.util.Arrays.fill(births, 0);
            personsDied = 0;
            personsBorn = 0;
            personsLeft = 0;
            dissolvedCount = 0;
            lookingCount = 0;
            diedCount = 0;
            bornCount = 0;
            leftCount = 0;
            pending.clear();
        }

        void dissolve(int slot) {
            dissolved = Blocks.grow(dissolved, dissolvedCount);
            dissolved[dissolvedCount++] = slot;
        }

        void look(int slot) {
            looking = Blocks.grow(looking, lookingCount);
            looking[lookingCount++] = slot;
        }

        void died(int person) {
            died = Blocks.grow(died, diedCount);
            died[diedCount++] = person;
        }

        void born(int slot) {
            born = Blocks.grow(born, bornCount);
            born[bornCount++] = slot;
        }

        void left(int person, byte parentEducation) {
            if (leftCount == left.length) {
                leftEducation = java.util.Arrays.copyOf(leftEducation, 2 * leftCount);
            }
            left = Blocks.grow(left, leftCount);
            left[leftCount] = person;
            leftEducation[leftCount] = parentEducation;
            leftCount++;
        }
    }

    /** Each adult retires at the state-pension age of the year, by its own age. */
    private void retire(int slot, int tick, int pensionAge) {
        Households h = model.households();
        boolean changed = false;
        for (int a = 0; a < h.adults[slot]; a++) {
            int k = 2 * slot + a;
            if (tick - h.adultBirth[k] >= pensionAge && h.status[k] != Households.RETIRED) {
                model.changeStatus(k, Households.RETIRED);
                changed = true;
            }
        }
        if (changed) {
            model.updateIncome(slot);
        }
    }

    /**
     * A month of upbringing for the children at home of household {@code slot} (the definition;
     * the month's pass is {@link #accrueUpbringing()}). Each child not yet waiting for a
     * home of its own adds its neighbourhood's score, the employment rate minus the city's (both
     * from the last observation), to {@link Persons#exposureSum}, the programmes' monthly chance of
     * a step up in education there ({@code PolicyEffects.educationUp}) to {@link Persons#learningSum},
     * and counts the month. A child whose months reached {@link Short#MAX_VALUE} adds nothing more,
     * so that its sums stay means over the months counted. Children in the region accrue nothing:
     * the region has no neighbourhoods; what a child brings there is its months in the city.
     */
    void accrueUpbringing(int slot) {
        Households h = model.households();
        Persons persons = model.persons();
        int j = h.hood[slot];
        float score = (float) (model.neighbourhoods().employmentRate[j] - model.cityEmploymentRate);
        float learning = (float) model.effects().educationUp[j];
        for (int c = h.firstChild[slot]; c >= 0; c = persons.nextChild[c]) {
            if (persons.education[c] != Persons.AT_SCHOOL || persons.exposureMonths[c] == Short.MAX_VALUE) {
                continue;
            }
            persons.exposureSum[c] += score;
            persons.learningSum[c] += learning;
            persons.exposureMonths[c]++;
        }
    }

    /**
     * A month of upbringing for every child at home in the city: {@link #accrueUpbringing(int)} for
     * every live household, done as one pass over the persons in slot order (in chunks on the block
     * threads, each writing only its own persons) instead of following each household's list of
     * children, whose persons lie scattered. A child at home not yet waiting for a home of its own
     * is exactly a person in the city still at school: the model keeps every person in the city a
     * member of its household ({@link Persons#household}) and fixes a child's education when it
     * leaves or starts to wait. Each child adds the same terms once, so the sums are the same
     * floats; called at the start of the month's demography, before any household's events.
     */
    void accrueUpbringing() {
        Households h = model.households();
        Persons persons = model.persons();
        Neighbourhoods nb = model.neighbourhoods();
        if (upbringingScore == null || upbringingScore.length != nb.count) {
            upbringingScore = new float[nb.count];
            upbringingLearning = new float[nb.count];
        }
        float[] score = upbringingScore;
        float[] learning = upbringingLearning;
        for (int j = 0; j < nb.count; j++) {
            score[j] = (float) (nb.employmentRate[j] - model.cityEmploymentRate);
            learning[j] = (float) model.effects().educationUp[j];
        }
        int bound = persons.bound();
        model.blocks().forEachChunk((bound + Blocks.SIZE - 1) / Blocks.SIZE, c -> {
            for (int p = c * Blocks.SIZE, end = Math.min(bound, p + Blocks.SIZE); p < end; p++) {
                if (persons.place[p] != Persons.CITY || persons.education[p] != Persons.AT_SCHOOL
                        || persons.exposureMonths[p] == Short.MAX_VALUE) {
                    continue;
                }
                int j = h.hood[persons.household[p]];
                if (j < 0) {
                    continue;
                }
                persons.exposureSum[p] += score[j];
                persons.learningSum[p] += learning[j];
                persons.exposureMonths[p]++;
            }
        });
    }

    /** The parents' education for a child of city household {@code slot}: the higher of its adults' own. */
    static byte parentsEducation(Households h, int slot) {
        byte e = h.adultEducation[2 * slot];
        if (h.adults[slot] == 2 && h.adultEducation[2 * slot + 1] > e) {
            e = h.adultEducation[2 * slot + 1];
        }
        return e;
    }

    /**
     * Child p of a household leaves home. A share look for a dwelling in the city (the pending pool),
     * with its own education, earnings factor, first work and health drawn here; the others leave
     * for the region, where the region draws their state from its own stream.
     */
    private void childLeaves(int slot, int child, int tick, Scenario.Demography demo, Scenario.Labour lab, BlockEvents e,
            MersenneTwisterFast random) {
        Households h = model.households();
        Persons persons = model.persons();
        byte parents = parentsEducation(h, slot);
        if (random.nextDouble() < demo.starterStayShare()) {
            byte edu = starterEducation(persons, child, parents, demo.upbringingEffect(), random);
            becomeAdult(persons, child, edu, org.wijklab.model.HouseholdFactory.ability(random, lab), tick);
            byte st = starterStatus(edu, random);
            byte mh = starterMental(random);
            h.leaving[slot]++;
            persons.pending[child] = true;
            e.pending.add(h.id[slot], child, Pending.STARTER, st, mh, tick);
        } else {
            h.children[slot]--;
            h.firstChild[slot] = persons.removeChild(h.firstChild[slot], child);
            e.left(child, parents);
            e.personsLeft++;
            model.updateIncome(slot);
        }
    }

    /** Child p becomes an adult: its own education and earnings factor, no work experience yet. */
    public static void becomeAdult(Persons persons, int p, byte education, double ability, int tick) {
        persons.education[p] = education;
        persons.ability[p] = (float) ability;
        persons.experienceMonths[p] = 0;
        persons.statusSince[p] = Persons.month(tick);
    }

    /**
     * A starter's education, drawn when it leaves home (in the city or the region): its parents'
     * (the higher of the two), one step up or one down, shifted by its upbringing. With
     * {@code meanScore} its mean neighbourhood score over its months at home (a share; times 100 in
     * percentage points), the chance of a step up is {@code UP + effect * 100 * meanScore} and that
     * of a step down {@code DOWN - effect * 100 * meanScore}, clamped to [0, 1]. Before that, the
     * programmes' chance of a step up weighted by the months spent where they ran: its
     * {@link Persons#learningSum} over its months at home. A child with no months counted (arrived
     * at the last moment) has mean score 0 and no programme chance.
     */
    static byte starterEducation(Persons persons, int child, byte parents, double effect, MersenneTwisterFast random) {
        double months = Math.max(1, persons.exposureMonths[child]);
        double meanScore = persons.exposureSum[child] / months;
        double extraUp = persons.learningSum[child] / months;
        return childEducation(parents, effect * 100.0 * meanScore, extraUp, random);
    }

    /** A starter's first state on the labour market, by education. */
    static byte starterStatus(byte education, MersenneTwisterFast random) {
        return random.nextDouble() < STARTER_EMPLOYED[education] ? Households.EMPLOYED
                : random.nextDouble() < 0.3 ? Households.UNEMPLOYED : Households.INACTIVE;
    }

    /** A starter's mental health: poor for one in ten. */
    static byte starterMental(MersenneTwisterFast random) {
        return random.nextDouble() < 0.1 ? Households.POOR : Households.GOOD;
    }

    /**
     * The singles looking for a partner this month pair up by age and education. The city is one
     * partner market: their order is shuffled (model.random), then each unpaired single in turn
     * meets the next {@code demography.partnerCandidates} unpaired ones and takes the best match:
     * the smallest age gap, counting {@code demography.partnerEducationYears} years more when
     * their education differs (the earlier in the shuffled order wins a tie). A fixed number of
     * candidates keeps the strength of the matching the same in a small and a large city once a
     * month has more lookers than that; O(n * candidates). The second of a pair moves in with the
     * first; a single left without a match stays single this month.
     */
    private void pairUp(int count) {
        Households h = model.households();
        Scenario.Demography demo = model.scenario().demography();
        double penalty = 12.0 * demo.partnerEducationYears();
        int candidates = demo.partnerCandidates();
        if (nextFree.length < count + 1) {
            nextFree = new int[Math.max(count + 1, 2 * nextFree.length)];
            prevFree = new int[nextFree.length];
        }
        for (int k = count - 1; k > 0; k--) {
            int j = model.random.nextInt(k + 1);
            int t = looking[k];
            looking[k] = looking[j];
            looking[j] = t;
        }
        // the unpaired singles as a linked list over positions 0..count-1 (count ends it)
        for (int k = 0; k < count; k++) {
            nextFree[k] = k + 1;
            prevFree[k] = k - 1;
            lookersByEducation[h.adultEducation[2 * looking[k]]]++;
        }
        for (int k = 0; k < count; k = nextFree[k]) {
            int a = looking[k];
            int best = -1;
            double bestCost = Double.POSITIVE_INFINITY;
            int seen = 0;
            for (int j = nextFree[k]; j < count && seen < candidates; j = nextFree[j], seen++) {
                double cost = partnerCost(h, a, looking[j], penalty);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = j;
                }
            }
            if (best < 0) {
                break;
            }
            // best leaves the list of unpaired singles (k is passed over by the loop)
            int before = prevFree[best];
            int after = nextFree[best];
            nextFree[before] = after;
            if (after < count) {
                prevFree[after] = before;
            }
            int b = looking[best];
            if (h.adults[a] == 1 && h.adults[b] == 1) {
                int gap = Math.abs(h.adultBirth[2 * a] - h.adultBirth[2 * b]);
                couplesFormed++;
                if (h.adultEducation[2 * a] == h.adultEducation[2 * b]) {
                    sameEducationCouples++;
                }
                ageGapMonths += gap;
                model.merge(a, b);
            }
        }
    }

    /** How badly singles a and b match: their age gap in months plus the penalty (months) if their education differs. */
    private static double partnerCost(Households h, int a, int b, double penalty) {
        double cost = Math.abs(h.adultBirth[2 * a] - h.adultBirth[2 * b]);
        return h.adultEducation[2 * a] == h.adultEducation[2 * b] ? cost : cost + penalty;
    }

    /**
     * A child's education: the parents', one up or one down, the chance of "up" raised and that of
     * "down" lowered by {@code shift} (clamped to [0, 1]); programmes (learning) add to "up". With no
     * shift the draws are those of the fixed chances.
     */
    static byte childEducation(byte parent, double shift, double extraUp, MersenneTwisterFast random) {
        if (extraUp > 0 && random.nextDouble() < extraUp) {
            return (byte) Math.min(2, parent + 1);
        }
        double up = Math.max(0.0, Math.min(1.0, UP_EDUCATION + shift));
        double down = Math.max(0.0, Math.min(1.0 - up, DOWN_EDUCATION - shift));
        double same = 1.0 - up - down;
        double r = random.nextDouble();
        if (r < same) {
            return parent;
        }
        if (r < same + up) {
            return (byte) Math.min(2, parent + 1);
        }
        return (byte) Math.max(0, parent - 1);
    }

    /** The chance of one education step above the parents' for a given upbringing shift (for tests and docs). */
    static double upChance(double shift) {
        return Math.max(0.0, Math.min(1.0, UP_EDUCATION + shift));
    }
}
