package org.wijklab.process;

import ec.util.MersenneTwisterFast;
import org.wijklab.model.HouseholdFactory;
import org.wijklab.model.Households;
import org.wijklab.model.IncomeRules;
import org.wijklab.model.Persons;
import org.wijklab.model.RegionHouseholds;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The region outside the city, monthly: the households the run follows after they left the city
 * (see {@link Persons}) live on there. Each month, for each household, three draws from a stream
 * of the region's own decide, as in the city:
 * <ul>
 * <li><b>demography</b>: deaths (the city's Gompertz hazard), retirement, births to couples of
 * childbearing age (children the run does not follow), children leaving home (a followed child
 * forms a household of its own in the region, with a starter's education, work and wage drawn as
 * in the city), separations (a followed partner forms its own household) and partnering (with a
 * partner from the regional population, drawn as the city's in-migrants are);</li>
 * <li><b>labour market</b>: job loss and job finding at the city's base hazards times the region's
 * factors, with the economy's cycle and crises, by education and mental health, without
 * neighbourhood contacts, address stigma or programmes; yearly wage rises;</li>
 * <li><b>mental health</b>: onset with low income, unemployment and job insecurity and the place
 * risk of the region's safety, recovery and second-line care at the city's rates, without a team.</li>
 * </ul>
 * Debts and youth problems are not modelled in the region: they belong to the city's services.
 * Incomes follow the city's income rules; children whose last parent died are cared for by
 * relatives on the single social-assistance norm (assumed).
 *
 * <p>A household is followed only while it holds a person an open period or cohort needs: persons
 * no longer needed are released at the start of the month, and a household without a followed
 * person leaves the records.
 *
 * <p>The monthly pass runs in chunks of {@link #CHUNK} household slots on the model's block
 * threads: each chunk has a stream of its own (seeded from the scenario's seed and the chunk's
 * number alone), its households draw from it in slot order, and a household's turn writes only its
 * own slot and its own persons. What changes the records (a person dies or is released, a
 * household leaves the records, a person forms a household of its own) is listed by the chunk and
 * applied after the pass on the model's thread, chunk by chunk in order; a household formed this
 * month starts next month either way. Households join from the city on the model's thread in the
 * city's deterministic order, drawing from one more stream of the region's (their place, a
 * starter's state). All the streams are apart from the city's, so following the leavers changes no
 * draw of the city, and the region is the same whatever the number of threads.
 */
public final class Region implements Steppable {
    private static final long serialVersionUID = 1L;
    /** Mixed into the scenario's seed for the region's streams ("REGI"). */
    private static final int STREAM = 0x52454749;

    private final WijkLabModel model;
    /** The fading of the relapse risk after a recovery, by months (scratch, made anew after a restore). */
    private transient Decay relapse;
    private final MersenneTwisterFast random;
    private double[] leaveByAge = new double[0];
    /**
     * The streams of the monthly pass's chunks ({@link #CHUNK} households each), one a chunk, made
     * as the region grows; the admissions from the city draw from {@link #random}.
     */
    private MersenneTwisterFast[] chunkRandom = new MersenneTwisterFast[0];
    /** Per chunk this month: what its turns change in the records, applied after the pass in chunk order (scratch). */
    private transient int[][] ops;
    private transient int[] opCount;
    /** The highest leaving-home hazard this month (-1 when one is negative or not a number: no bound). */
    private transient double leaveMax;
    /** The highest factor a followed person's activation skill gives its job finding (-1: no bound). */
    private transient double ownMax;
    private final double[] deathByAge = new double[131];
    /** Job finding and job loss per place and education. */
    private double[][] find = new double[0][0];
    private double[][] loss = new double[0][0];
    /** The first tick whose releases have not been looked at yet. */
    private int released = Integer.MIN_VALUE;

    public Region(WijkLabModel model) {
        this.model = model;
        long seed = model.scenario().seed();
        random = new MersenneTwisterFast(new int[] {(int) seed, (int) (seed >>> 32), STREAM});
    }

    @Override
    public void step(SimState state) {
        int tick = model.tick();
        Persons persons = model.persons();
        // a needed-until tick passed since the last look: release whom nobody needs any more
        boolean release = persons.expiryIn(released, tick);
        released = tick;
        if (release) {
            persons.releaseDead(tick);
        }
        RegionHouseholds r = model.region();
        if (r.liveCount() == 0) {
            return;
        }
        Scenario s = model.scenario();
        Scenario.Demography demo = s.demography();
        Scenario.Labour lab = s.labour();
        Scenario.Region reg = s.region();
        for (int a = 0; a < deathByAge.length; a++) {
            deathByAge[a] = demo.mortalityAt60() * StrictMath.exp(demo.mortalityGrowth() * (a - 60)) / 12.0;
        }
        leaveByAge = demo.leaveHomeHazards(leaveByAge);
        leaveMax = 0.0;
        for (double v : leaveByAge) {
            // NaN or a negative hazard leaves the bound unusable (-1): every household then takes the chain
            leaveMax = v >= 0 && leaveMax >= 0 ? Math.max(leaveMax, v) : -1.0;
        }
        // a skill lies in [0, 1]: with a non-negative skillFinding, 1 + skillFinding is the highest factor
        double skillFinding = model.scenario().policy().help().skillFinding();
        ownMax = skillFinding >= 0 ? 1.0 + skillFinding : -1.0;
        int levels = lab.jobFindingByEducation().length;
        int places = reg.places().size();
        if (find.length != places || find[0].length != levels) {
            find = new double[places][levels];
            loss = new double[places][levels];
        }
        for (int q = 0; q < places; q++) {
            Scenario.Place place = reg.places().get(q);
            for (int e = 0; e < levels; e++) {
                find[q][e] = lab.jobFindingMonthly() * model.jobFindingMultiplier * place.jobFindingFactor()
                        * lab.jobFindingByEducation()[e];
                loss[q][e] = lab.jobLossMonthly() * model.jobLossMultiplier * place.jobLossFactor()
                        * lab.jobLossByEducation()[e];
            }
        }
        boolean raise = Math.floorMod(tick, 12) == 1;
        int pensionAge = demo.pensionAgeMonths(demo.year(tick));
        // the relapse's fading, made before the chunks read it
        relapse = Decay.of(relapse, 12.0 * s.policy().help().relapseYears());
        int bound = r.bound();
        int chunks = (bound + CHUNK - 1) / CHUNK;
        streams(chunks);
        if (ops == null || ops.length < chunks) {
            ops = new int[chunks][];
            opCount = new int[chunks];
        }
        int[][] lists = ops;
        int[] counts = opCount;
        model.blocks().forEachChunk(chunks, c -> {
            counts[c] = 0;
            if (lists[c] == null) {
                lists[c] = new int[0];
            }
            Turn turn = new Turn(chunkRandom[c], c);
            for (int k = c * CHUNK, end = Math.min(bound, k + CHUNK); k < end; k++) {
                step(turn, r, k, tick, release, raise, pensionAge, s, demo, lab, reg);
            }
        });
        // what changes the records (persons dying or released, households released or formed) in
        // chunk order, each chunk's in the order of its turns
        for (int c = 0; c < chunks; c++) {
            apply(lists[c], counts[c], r, tick);
        }
    }

    /** Region household slots per chunk of the monthly pass: a chunk's households draw from the chunk's own stream in slot order. */
    public static final int CHUNK = org.wijklab.model.Blocks.SIZE;

    /** Makes the streams of chunks not seen yet (each seeded from the scenario's seed and the chunk alone). */
    private void streams(int chunks) {
        if (chunkRandom.length >= chunks) {
            return;
        }
        int old = chunkRandom.length;
        chunkRandom = java.util.Arrays.copyOf(chunkRandom, chunks);
        long seed = model.scenario().seed();
        for (int c = old; c < chunks; c++) {
            chunkRandom[c] = new MersenneTwisterFast(new int[] {(int) seed, (int) (seed >>> 32), STREAM, c});
        }
    }

    /** A chunk's month: its stream, and the list of what its turns change in the records, applied after the pass. */
    private final class Turn {
        final MersenneTwisterFast random;
        final int chunk;

        Turn(MersenneTwisterFast random, int chunk) {
            this.random = random;
            this.chunk = chunk;
        }

        private void put(int value) {
            opCount[chunk] = org.wijklab.model.Blocks.append(ops, chunk, opCount[chunk], value);
        }

        void add(int op, int a) {
            put(op);
            put(a);
        }

        /** Person p becomes the only adult of a new region household (after the pass). */
        void single(int p, byte status, byte mental, int place) {
            put(SINGLE);
            put(p);
            put(status << 8 | mental & 0xff);
            put(place);
        }
    }

    private static final int RELEASE_PERSON = 0;
    private static final int DIE = 1;
    private static final int RELEASE_HOUSEHOLD = 2;
    private static final int SINGLE = 3;

    /** A chunk's changes of the records, in the order its turns made them. */
    private void apply(int[] list, int n, RegionHouseholds r, int tick) {
        Persons persons = model.persons();
        for (int i = 0; i < n;) {
            switch (list[i]) {
                case RELEASE_PERSON -> {
                    persons.release(list[i + 1]);
                    i += 2;
                }
                case DIE -> {
                    persons.die(list[i + 1], tick);
                    i += 2;
                }
                case RELEASE_HOUSEHOLD -> {
                    r.release(list[i + 1]);
                    i += 2;
                }
                default -> {
                    single(list[i + 1], (byte) (list[i + 2] >> 8), (byte) list[i + 2], tick, list[i + 3]);
                    i += 4;
                }
            }
        }
    }

    /**
     * Household k's month in its chunk: releases, retirement, the demographic event, work and
     * health, each from the chunk's stream, then its income. It writes only its own slot and its
     * own persons; what changes the records is left in the chunk's list.
     */
    private void step(Turn turn, RegionHouseholds r, int k, int tick, boolean release, boolean raise, int pensionAge,
            Scenario s, Scenario.Demography demo, Scenario.Labour lab, Scenario.Region reg) {
        // households that joined this month start next month
        if (!r.live[k] || r.since[k] == tick || release && !keepFollowed(turn, r, k, tick)) {
            return;
        }
        boolean changed = false;
        // each adult retires at the state-pension age of the year, by its own age (a followed
        // adult's birth month is kept beside the household: its person's lies scattered)
        for (int a = 0; a < r.adults[k]; a++) {
            int i = 2 * k + a;
            if (r.status[i] == Households.RETIRED) {
                continue;
            }
            int p = r.adultPerson[i];
            int months = tick - (p >= 0 ? r.adultBirth[i] : r.birthTick[k]);
            if (months >= pensionAge) {
                model.personStatusChange(p, r.status[i], Households.RETIRED);
                r.status[i] = Households.RETIRED;
                changed = true;
            }
        }
        int event = demography(turn, r, k, tick, demo, lab);
        if (event < 0) {
            return;
        }
        changed |= event > 0;
        changed |= work(turn.random, r, k, lab, raise);
        // mental health reads the month's starting income, as the city's problems do
        changed |= health(turn.random, r, k, s.problems(), reg, tick);
        // the income follows every change, the yearly revaluation of pay, and a WW that steps
        // down or runs out this month
        if (changed || raise || r.incomeChange[k] <= tick) {
            updateIncome(r, k, lab, tick);
        }
    }

    /** Releases the persons of household k nobody needs any more; false if none is left (the household goes). */
    private boolean keepFollowed(Turn turn, RegionHouseholds r, int k, int tick) {
        Persons persons = model.persons();
        for (int a = 0; a < 2; a++) {
            int p = r.adultPerson[2 * k + a];
            if (p >= 0 && !persons.needed(p, tick)) {
                turn.add(RELEASE_PERSON, p);
                r.adultPerson[2 * k + a] = -1;
            }
        }
        for (int c = r.firstChild[k]; c >= 0;) {
            int next = persons.nextChild[c];
            if (!persons.needed(c, tick)) {
                r.firstChild[k] = persons.removeChild(r.firstChild[k], c);
                turn.add(RELEASE_PERSON, c);
                r.otherChildren[k]++;
            }
            c = next;
        }
        if (!r.followed(k)) {
            turn.add(RELEASE_HOUSEHOLD, k);
            return false;
        }
        return true;
    }

    /**
     * The month's demographic event, if any (one draw): 1 if the household changed, 0 if not, -1 if
     * it left the records.
     */
    private int demography(Turn turn, RegionHouseholds r, int k, int tick, Scenario.Demography demo, Scenario.Labour lab) {
        Persons persons = model.persons();
        MersenneTwisterFast random = turn.random;
        int adults = r.adults[k];
        int kids = r.children[k];
        int age = r.age(k, tick);
        double u = random.nextDouble();
        double death = deathByAge[Math.max(0, Math.min(age, deathByAge.length - 1))];
        if (u < death * adults) {
            int dying = u < death ? 0 : 1;
            int p = r.adultPerson[2 * k + dying];
            if (p >= 0) {
                turn.add(DIE, p);
            }
            if (dying == 0 && adults == 2) {
                r.adultPerson[2 * k] = r.adultPerson[2 * k + 1];
                r.adultBirth[2 * k] = r.adultBirth[2 * k + 1];
                r.status[2 * k] = r.status[2 * k + 1];
                r.mental[2 * k] = r.mental[2 * k + 1];
                r.wage[2 * k] = r.wage[2 * k + 1];
                int head = r.adultPerson[2 * k];
                if (head >= 0) {
                    r.birthTick[k] = persons.birthTick[head];
                    r.education[k] = persons.education[head];
                }
            } else if (adults == 1) {
                r.adultPerson[2 * k] = -1;
            }
            r.adultPerson[2 * k + 1] = -1;
            r.status[2 * k + 1] = Households.INACTIVE;
            r.mental[2 * k + 1] = Households.GOOD;
            r.adults[k] = (byte) (adults - 1);
            return stillFollowed(turn, r, k);
        }
        u -= death * adults;
        // couples have children at the age-specific fertility of the head's age (the region does not
        // weigh single women as the city does: it follows few households with a woman of child-bearing age)
        int group = demo.fertilityGroup(age);
        double birth = adults == 2 && group >= 0 && kids < 3 ? demo.fertilityRates()[group] / 12.0 : 0.0;
        if (u < birth) {
            r.children[k]++;
            r.otherChildren[k]++;
            return 1;
        }
        u -= birth;
        double partnering = adults == 1 && age >= 20 && age <= 50 ? demo.partneringRate() / 12.0 : 0.0;
        double separation = adults == 2 ? demo.separationRate() / 12.0 : 0.0;
        // a draw at or above an upper bound of the remaining chances (leaving home at its highest
        // age's hazard) makes no event: the followed child's age, whose person lies scattered, is
        // then not read (every chance non-negative; the same outcome as the chain below)
        if (Bounds.skipQuietMonths && leaveMax >= 0 && partnering >= 0 && separation >= 0
                && u >= (leaveMax * kids + partnering + separation) * Bounds.MARGIN) {
            return 0;
        }
        // children leave by age: a followed child by its own, the others as if thirty years younger than the head
        int first = r.firstChild[k];
        int childAge = first >= 0 ? persons.age(first, tick) : adults == 0 ? 30 : age - 30;
        double leave = kids > 0 ? leaveByAge[Math.max(0, Math.min(childAge, leaveByAge.length - 1))] * kids : 0.0;
        if (u < leave) {
            int c = r.firstChild[k];
            r.children[k]--;
            if (c >= 0) {
                r.firstChild[k] = persons.removeChild(r.firstChild[k], c);
                int state = starter(turn.random, c, parentsEducation(r, k), lab, tick);
                turn.single(c, (byte) (state >> 8), (byte) state, r.place[k]);
            } else {
                r.otherChildren[k]--;
            }
            return stillFollowed(turn, r, k);
        }
        u -= leave;
        if (u < partnering) {
            // a partner from the regional population, whom the run does not follow
            byte st = HouseholdFactory.regionalStatus(random, r.education[k], age, demo.pensionAgeMonths(demo.year(tick)) / 12);
            r.status[2 * k + 1] = st;
            r.mental[2 * k + 1] = HouseholdFactory.regionalMental(random, st);
            r.wage[2 * k + 1] = (float) HouseholdFactory.regionalWage(random, lab, model.wageLevel, r.education[k], age, st);
            r.adultPerson[2 * k + 1] = -1;
            r.adults[k] = 2;
            return 1;
        }
        u -= partnering;
        if (adults == 2 && u < separation) {
            int p = r.adultPerson[2 * k + 1];
            if (p >= 0) {
                turn.single(p, r.status[2 * k + 1], r.mental[2 * k + 1], r.place[k]);
            }
            r.adultPerson[2 * k + 1] = -1;
            r.status[2 * k + 1] = Households.INACTIVE;
            r.mental[2 * k + 1] = Households.GOOD;
            r.adults[k] = 1;
            return stillFollowed(turn, r, k);
        }
        return 0;
    }

    /** 1 if household k still holds a followed person; else it leaves the records (with whom it holds, not followed): -1. */
    private int stillFollowed(Turn turn, RegionHouseholds r, int k) {
        if (r.followed(k) && (r.adults[k] > 0 || r.children[k] > 0)) {
            return 1;
        }
        turn.add(RELEASE_HOUSEHOLD, k);
        return -1;
    }

    /** The labour market's month for the adults of household k (one draw; at most one change); whether its income changes. */
    private boolean work(MersenneTwisterFast random, RegionHouseholds r, int k, Scenario.Labour lab, boolean raise) {
        int edu = r.education[k];
        double u = random.nextDouble();
        boolean changed = false;
        if (Bounds.skipQuietMonths && ownMax >= 0 && quietWork(r, k, edu, lab, u)) {
            if (raise) {
                raiseWages(r, k, lab);
            }
            return false;
        }
        for (int a = 0; a < r.adults[k]; a++) {
            int i = 2 * k + a;
            boolean poor = r.mental[i] != Households.GOOD;
            switch (r.status[i]) {
                case Households.EMPLOYED -> {
                    double pl = jobLoss(r, k, edu, poor, lab);
                    if (!changed && u < pl) {
                        model.personStatusChange(r.adultPerson[i], r.status[i], Households.UNEMPLOYED);
                        r.status[i] = Households.UNEMPLOYED;
                        changed = true;
                    } else {
                        u -= pl;
                    }
                }
                case Households.UNEMPLOYED -> {
                    // a followed person's skill from activation in the city goes with it
                    int q = r.adultPerson[i];
                    double own = q < 0 ? 1.0 : 1.0 + model.scenario().policy().help().skillFinding() * model.persons().skill[q];
                    double pf = jobFinding(r, k, edu, poor, lab, own);
                    if (!changed && u < pf) {
                        model.personStatusChange(r.adultPerson[i], r.status[i], Households.EMPLOYED);
                        r.status[i] = Households.EMPLOYED;
                        changed = true;
                    } else if (!changed && u < pf + lab.discouragementMonthly()) {
                        model.personStatusChange(r.adultPerson[i], r.status[i], Households.INACTIVE);
                        r.status[i] = Households.INACTIVE;
                        changed = true;
                    } else {
                        u -= pf + lab.discouragementMonthly();
                    }
                }
                case Households.INACTIVE -> {
                    double pa = activation(poor, lab);
                    if (!changed && u < pa) {
                        model.personStatusChange(r.adultPerson[i], r.status[i], Households.UNEMPLOYED);
                        r.status[i] = Households.UNEMPLOYED;
                        changed = true;
                    } else {
                        u -= pa;
                    }
                }
                default -> {
                }
            }
        }
        if (raise) {
            raiseWages(r, k, lab);
        }
        return changed;
    }

    /** An employed adult's chance of losing the job this month in household k's place. */
    private double jobLoss(RegionHouseholds r, int k, int edu, boolean poor, Scenario.Labour lab) {
        return loss[r.place[k]][edu] * (poor ? lab.poorHealthLoss() : 1.0);
    }

    /** An unemployed adult's chance of finding a job this month, with its own factor (its activation skill). */
    private double jobFinding(RegionHouseholds r, int k, int edu, boolean poor, Scenario.Labour lab, double own) {
        return Math.min(1.0, find[r.place[k]][edu] * (poor ? lab.poorHealthFinding() : 1.0) * own);
    }

    /** An inactive adult's chance of looking for work again this month. */
    private static double activation(boolean poor, Scenario.Labour lab) {
        return lab.activationMonthly() * (poor ? lab.poorHealthFinding() : 1.0);
    }

    /** The wages of adults the run does not follow rise with the economy (a followed person's follow the wage level). */
    private static void raiseWages(RegionHouseholds r, int k, Scenario.Labour lab) {
        for (int a = 0; a < r.adults[k]; a++) {
            r.wage[2 * k + a] *= (float) (1.0 + lab.wageGrowth());
        }
    }

    /**
     * Whether draw u makes no labour-market change for household k this month: u at or above an
     * upper bound of the adults' summed chances, a followed unemployed adult's skill taken at its
     * highest (1), so the skill, whose person lies scattered, need not be read. Every chance is
     * non-negative (the parameters' ranges; the bound is not used when one is not: see the caller
     * and below), so no draw at or above the bound changes anything in {@link #work}.
     */
    private boolean quietWork(RegionHouseholds r, int k, int edu, Scenario.Labour lab, double u) {
        double bound = 0.0;
        for (int a = 0; a < r.adults[k]; a++) {
            int i = 2 * k + a;
            boolean poor = r.mental[i] != Households.GOOD;
            double c;
            switch (r.status[i]) {
                case Households.EMPLOYED -> c = jobLoss(r, k, edu, poor, lab);
                case Households.UNEMPLOYED -> {
                    // the finding chance grows with the factor (at least 1) unless the base is negative
                    double most = jobFinding(r, k, edu, poor, lab, r.adultPerson[i] < 0 ? 1.0 : ownMax);
                    c = most < 0 ? -1.0 : most + lab.discouragementMonthly();
                }
                case Households.INACTIVE -> c = activation(poor, lab);
                default -> c = 0.0;
            }
            if (!(c >= 0)) {
                return false;
            }
            bound += c;
        }
        return u >= bound * Bounds.MARGIN;
    }

    /**
     * A followed person's extra risk of poor mental health after a recovery (in the city or here),
     * as in the city: 1 + mentalRelapse · fading, the excess smaller when the recovery was treated.
     */
    private double relapse(int q, int tick) {
        org.wijklab.model.Persons ps = model.persons();
        if (q < 0 || ps.recoveredAt[q] == org.wijklab.model.Help.NEVER) {
            return 1.0;
        }
        org.wijklab.scenario.Policy.Help hp = model.scenario().policy().help();
        // made for the month before the pass (step)
        double f = relapse.at(tick - ps.recoveredAt[q])
                * ((ps.legacy[q] & org.wijklab.model.Help.TREATED_RECOVERY) != 0 ? hp.helpedRelapse() : 1.0);
        return 1.0 + hp.mentalRelapse() * f;
    }

    /** Mental health's month for the adults of household k (one draw; at most one change); whether one changed. */
    private boolean health(MersenneTwisterFast random, RegionHouseholds r, int k, Scenario.Problems p, Scenario.Region reg,
            int tick) {
        double u = random.nextDouble();
        double placeRisk = 1.0 + p.neighbourhoodRisk() * (1.0 - reg.places().get(r.place[k]).safety());
        double strain = Math.max(0.0, 1.0 + p.insecurityRisk() * (model.jobLossMultiplier - 1.0));
        boolean low = r.equivalisedIncome(k) < p.lowIncomeThreshold();
        double shared = (1.0 + (low ? p.lowIncomeRisk() : 0.0)) * placeRisk;
        double onset = p.mentalIncidence() / 12.0;
        double recover = p.mentalRecovery() / 12.0;
        double severe = p.mentalSevere() / 12.0;
        double severeOut = p.severeRecovery() / 12.0;
        if (Bounds.skipQuietMonths && placeRisk >= 0 && quiet(r, k, u, p, shared, placeRisk, strain, onset,
                1.0 + model.scenario().policy().help().mentalRelapse(), recover + severe, severeOut)) {
            return false;
        }
        for (int a = 0; a < r.adults[k]; a++) {
            int i = 2 * k + a;
            switch (r.mental[i]) {
                case Households.GOOD -> {
                    byte status = r.status[i];
                    double risk = Problems.onsetRisk(status, shared, p.unemploymentRisk() * placeRisk, strain);
                    double p0 = onset * risk * relapse(r.adultPerson[i], tick);
                    if (u < p0) {
                        r.mental[i] = Households.POOR;
                        return true;
                    }
                    u -= p0;
                }
                case Households.POOR -> {
                    if (u < recover) {
                        r.mental[i] = Households.GOOD;
                        int q = r.adultPerson[i];
                        if (q >= 0) {
                            // recovered without a team (the region has none): the relapse risk in full
                            model.persons().recoveredAt[q] = Persons.month(tick);
                            model.persons().legacy[q] &= (byte) ~org.wijklab.model.Help.TREATED_RECOVERY;
                        }
                        return true;
                    } else if (u < recover + severe) {
                        r.mental[i] = Households.SEVERE;
                        return true;
                    }
                    u -= recover + severe;
                }
                default -> {
                    if (u < severeOut) {
                        r.mental[i] = Households.POOR;
                        return true;
                    }
                    u -= severeOut;
                }
            }
        }
        return false;
    }

    /**
     * Whether draw u makes no change of household k's mental health this month: u at or above an
     * upper bound of the adults' summed chances ({@link Bounds}), each adult's onset taken at the
     * largest relapse factor (1 + mentalRelapse, as fading and the helped share are at most 1), so
     * the followed persons' recoveries need not be read. Every chance is non-negative (the
     * parameters' ranges; placeRisk is checked by the caller).
     */
    private static boolean quiet(RegionHouseholds r, int k, double u, Scenario.Problems p, double shared, double placeRisk,
            double strain, double onset, double relapseMax, double poorOut, double severeOut) {
        double bound = 0.0;
        for (int a = 0; a < r.adults[k]; a++) {
            int i = 2 * k + a;
            switch (r.mental[i]) {
                case Households.GOOD -> {
                    byte status = r.status[i];
                    double risk = Problems.onsetRisk(status, shared, p.unemploymentRisk() * placeRisk, strain);
                    bound += onset * risk * relapseMax;
                }
                case Households.POOR -> bound += poorOut;
                default -> bound += severeOut;
            }
        }
        return u >= bound * Bounds.MARGIN;
    }

    /**
     * Household income by the city's rules ({@link IncomeRules}): a followed adult's own state (its
     * wage, WW) from {@link Persons}, another adult's from its wage here; without adults, a carer's
     * single social-assistance norm (assumed).
     */
    void updateIncome(RegionHouseholds r, int k, Scenario.Labour lab, int tick) {
        income(r, k, lab, tick, true);
    }

    /** The income the rules give region household k now (what {@link #updateIncome} sets; nothing written). */
    public double incomeRule(RegionHouseholds r, int k, Scenario.Labour lab, int tick) {
        return income(r, k, lab, tick, false);
    }

    private double income(RegionHouseholds r, int k, Scenario.Labour lab, int tick, boolean write) {
        int adults = r.adults[k];
        if (adults == 0) {
            double income = lab.benefitSingle() + r.children[k] * lab.childBenefit();
            if (write) {
                r.income[k] = (float) income;
                r.onBenefit[k] = 0;
                r.incomeChange[k] = Households.NO_CHANGE;
            }
            return income;
        }
        Persons persons = model.persons();
        double own = 0;
        int workingAge = 0;
        int benefits = 0;
        int notWorking = 0;
        int next = Households.NO_CHANGE;
        for (int a = 0; a < adults; a++) {
            int i = 2 * k + a;
            int p = r.adultPerson[i];
            byte st = r.status[i];
            boolean followed = p >= 0;
            int experience = followed ? persons.experienceMonths[p] : r.wage[i] > 0 ? 1 : 0;
            byte source = IncomeRules.source(st, r.mental[i], experience, followed ? persons.wwUntil[p] : Persons.NO_WW, tick);
            double w = !followed ? r.wage[i]
                    : source == IncomeRules.WAGE || source == IncomeRules.DISABILITY
                            ? model.wage(p, st == Households.EMPLOYED, tick) : 0.0;
            own += IncomeRules.own(lab, source, w, followed ? persons.wwFrom[p] : 0, followed ? persons.wwBase[p] : 0.0, tick);
            if (source == IncomeRules.WW) {
                next = IncomeRules.nextWwChange(next, persons.wwFrom[p], persons.wwUntil[p], tick);
            }
            if (st != Households.RETIRED) {
                workingAge++;
                if (source == IncomeRules.WW || source == IncomeRules.DISABILITY) {
                    benefits++;
                } else if (st != Households.EMPLOYED) {
                    notWorking++;
                }
            }
        }
        if (IncomeRules.topUp(lab, own, workingAge, adults) > 0) {
            benefits += notWorking;
        }
        double income = IncomeRules.household(lab, own, workingAge, adults, r.children[k]);
        if (write) {
            r.income[k] = (float) income;
            r.onBenefit[k] = (byte) benefits;
            r.incomeChange[k] = next;
        }
        return income;
    }

    // ---- persons joining the region from the city (on the model's thread, in the city's order) ----

    /**
     * A household leaves the city: its followed members go on in a region household with its state;
     * members nobody needs are released. Call before the city slot is released.
     */
    public void admitHousehold(Households h, int slot, int tick, int place) {
        Persons persons = model.persons();
        if (!anyNeeded(h, slot, tick)) {
            releaseAll(h, slot);
            return;
        }
        RegionHouseholds r = model.region();
        int k = r.allocate(tick);
        r.place[k] = (byte) place;
        int adults = h.adults[slot];
        r.adults[k] = (byte) adults;
        r.children[k] = h.children[slot];
        r.education[k] = h.education(slot);
        r.birthTick[k] = h.adultBirth[2 * slot];
        for (int a = 0; a < adults; a++) {
            r.status[2 * k + a] = h.status[2 * slot + a];
            r.mental[2 * k + a] = h.mental[2 * slot + a];
            int p = h.adultPerson[2 * slot + a];
            // what the adult earns goes with it (used here only if the run stops following it)
            r.wage[2 * k + a] = (float) model.wage(p, h.status[2 * slot + a] == Households.EMPLOYED, tick);
            if (persons.needed(p, tick)) {
                persons.toRegion(p, k);
                r.adultPerson[2 * k + a] = p;
                r.adultBirth[2 * k + a] = persons.birthTick[p];
            } else {
                persons.release(p);
            }
        }
        moveChildren(h, slot, r, k, tick);
        updateIncome(r, k, model.scenario().labour(), tick);
    }

    /**
     * The last adult of a city household died: its children go to relatives in the region (a
     * household without adults), if any of them is followed. Call before the city slot is released.
     */
    public void admitOrphans(Households h, int slot, int tick) {
        if (!anyNeeded(h, slot, tick)) {
            releaseAll(h, slot);
            return;
        }
        RegionHouseholds r = model.region();
        int k = r.allocate(tick);
        r.place[k] = (byte) destination();
        r.children[k] = h.children[slot];
        r.education[k] = h.education(slot);
        r.birthTick[k] = h.adultBirth[2 * slot];
        moveChildren(h, slot, r, k, tick);
        updateIncome(r, k, model.scenario().labour(), tick);
    }

    /**
     * A child leaves its city home for the region: a household of its own there, with the state of
     * a starter drawn from the region's stream (its parents' education shifted by its upbringing in
     * the city, see {@link Demography#starterEducation}); released if nobody needs it.
     */
    public void admitStarter(int p, byte parentEducation, int tick) {
        if (!model.persons().needed(p, tick)) {
            model.persons().release(p);
            return;
        }
        int place = destination();
        int state = starter(random, p, parentEducation, model.scenario().labour(), tick);
        single(p, (byte) (state >> 8), (byte) state, tick, place);
    }

    /** A person from the pending pool who leaves the city for place {@code place}: a single household there. */
    public void admitPerson(int p, byte status, byte mental, int tick, int place) {
        if (!model.persons().needed(p, tick)) {
            model.persons().release(p);
            return;
        }
        single(p, status, mental, tick, place);
    }

    /**
     * A place of the region for someone who leaves the city without a search of the housing market
     * (a child leaving home for the region, orphans to relatives): drawn from the region's stream
     * by the places' stock, each weighted by the search's distance decay.
     */
    public int destination() {
        Scenario s = model.scenario();
        java.util.List<Scenario.Place> places = s.region().places();
        double decay = s.housing().distanceDecay();
        double total = 0;
        for (Scenario.Place q : places) {
            total += q.stockShare() * StrictMath.pow(1.0 + q.distanceKm(), -decay);
        }
        double u = random.nextDouble() * total;
        for (int q = 0; q < places.size(); q++) {
            u -= places.get(q).stockShare() * StrictMath.pow(1.0 + places.get(q).distanceKm(), -decay);
            if (u < 0) {
                return q;
            }
        }
        return places.size() - 1;
    }

    /**
     * Child p leaves home in the region: its own education, earnings factor and first state drawn
     * from the given stream of the region's (returned: its labour status in the high byte, its
     * mental health in the low; the caller seats it in a household of its own). Its education is
     * drawn from its parents' as in the city, shifted by the upbringing it accrued in the city
     * ({@link Persons#exposureSum}, {@link Persons#learningSum});
     * its months in the region add nothing (the region has no neighbourhoods), so a child that
     * left the city with its family keeps the mean of its city months, and one born to a followed
     * adult in the region is not followed.
     */
    private int starter(MersenneTwisterFast random, int p, byte parentEducation, Scenario.Labour lab, int tick) {
        Persons persons = model.persons();
        byte edu = Demography.starterEducation(persons, p, parentEducation, model.scenario().demography().upbringingEffect(),
                random);
        Demography.becomeAdult(persons, p, edu, HouseholdFactory.ability(random, lab), tick);
        byte st = Demography.starterStatus(edu, random);
        byte mh = Demography.starterMental(random);
        return st << 8 | mh & 0xff;
    }

    /**
     * The parents' education for a followed child of region household k: the higher of the head's
     * and a followed partner's own (a partner from the regional population has no education of its own here).
     */
    private byte parentsEducation(RegionHouseholds r, int k) {
        Persons persons = model.persons();
        byte e = r.education[k];
        for (int a = 0; a < r.adults[k]; a++) {
            int p = r.adultPerson[2 * k + a];
            if (p >= 0 && persons.education[p] > e) {
                e = persons.education[p];
            }
        }
        return e;
    }

    /** Person p (city or region) becomes the only adult of a new region household. */
    private void single(int p, byte status, byte mental, int tick, int place) {
        Persons persons = model.persons();
        RegionHouseholds r = model.region();
        int k = r.allocate(tick);
        r.place[k] = (byte) place;
        r.adults[k] = 1;
        r.education[k] = persons.education[p];
        r.birthTick[k] = persons.birthTick[p];
        r.status[2 * k] = status;
        r.mental[2 * k] = mental;
        r.adultPerson[2 * k] = p;
        r.adultBirth[2 * k] = persons.birthTick[p];
        if (persons.place[p] == Persons.CITY) {
            persons.toRegion(p, k);
        } else {
            persons.household[p] = k;
            persons.nextChild[p] = -1;
        }
        updateIncome(r, k, model.scenario().labour(), tick);
    }

    private boolean anyNeeded(Households h, int slot, int tick) {
        Persons persons = model.persons();
        for (int a = 0; a < h.adults[slot]; a++) {
            int p = h.adultPerson[2 * slot + a];
            if (p >= 0 && persons.needed(p, tick)) {
                return true;
            }
        }
        for (int c = h.firstChild[slot]; c >= 0; c = persons.nextChild[c]) {
            if (persons.needed(c, tick)) {
                return true;
            }
        }
        return false;
    }

    private void releaseAll(Households h, int slot) {
        Persons persons = model.persons();
        for (int a = 0; a < h.adults[slot]; a++) {
            int p = h.adultPerson[2 * slot + a];
            if (p >= 0) {
                persons.release(p);
            }
        }
        for (int c = h.firstChild[slot]; c >= 0;) {
            int next = persons.nextChild[c];
            persons.release(c);
            c = next;
        }
        h.firstChild[slot] = -1;
    }

    private void moveChildren(Households h, int slot, RegionHouseholds r, int k, int tick) {
        Persons persons = model.persons();
        int last = -1;
        for (int c = h.firstChild[slot]; c >= 0;) {
            int next = persons.nextChild[c];
            if (persons.needed(c, tick)) {
                persons.toRegion(c, k);
                persons.nextChild[c] = -1;
                if (last < 0) {
                    r.firstChild[k] = c;
                } else {
                    persons.nextChild[last] = c;
                }
                last = c;
            } else {
                persons.release(c);
                r.otherChildren[k]++;
            }
            c = next;
        }
        h.firstChild[slot] = -1;
    }
}
