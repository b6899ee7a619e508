package org.wijklab.model;

import ec.util.MersenneTwisterFast;
import org.wijklab.scenario.Scenario;

/**
 * Draws households from the regional population and settles them in a given dwelling: at set-up
 * for the initial residents, and every month for the in-migrants who fill vacancies the city's own
 * searchers left. A drawn household is accepted only if it fits the dwelling (size, social-rent
 * eligibility, what it can and would pay), so the composition of newcomers follows what the
 * dwelling costs: cheap stock draws low incomes (filtering). Scratch fields hold the candidate, so
 * drawing allocates nothing.
 */
public final class HouseholdFactory implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Regional shares of low, mid and high education (CBS 2007: 29 / 43 / 28 %). */
    private static final double[] EDUCATION = {0.29, 0.43, 0.28};
    /** Regional employment probability of a working-age adult by education (assumed; calibrated). */
    private static final double[] EMPLOYED = {0.45, 0.62, 0.76};
    /** In-migrants pay at least this share of their income for a market dwelling (assumed). */
    static final double MIN_BURDEN = 0.12;
    private static final int TRIES = 60;

    private final WijkLabModel model;
    private final MersenneTwisterFast random;

    /**
     * Chance that a drawn partner has the head's education outright (else drawn from the regional
     * shares, which match it by chance in 0.347 of cases): 0.33 + 0.67 · 0.347 = 0.56 of couples share
     * their level, as in the Netherlands (CBS 2017/45; docs/ODD.md, demography.partnerEducationYears).
     */
    static final double SAME_EDUCATION_COUPLE = 0.33;

    private int cAdults;
    private int cChildren;
    private final int[] cAge = new int[2];
    private final byte[] cEducation = new byte[2];
    private final byte[] cStatus = new byte[2];
    private final byte[] cMental = new byte[2];
    private final float[] cAbility = new float[2];
    private final int[] cExperience = new int[2];
    private double cIncome;

    public HouseholdFactory(WijkLabModel model) {
        this.model = model;
        this.random = model.random;
    }

    /**
     * Draws candidates until one fits dwelling {@code d} and moves it in; returns its slot, or -1
     * if none fitted within a bounded number of draws (the dwelling stays vacant this month).
     */
    public int settle(int d, int tick, boolean initial) {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            draw(initial, tick);
            if (fits(d, initial)) {
                Households h = model.households();
                int slot = h.allocate(initial ? Households.ORIGIN_INITIAL : Households.ORIGIN_MIGRANT);
                h.adults[slot] = (byte) cAdults;
                h.children[slot] = (byte) cChildren;
                for (int a = 0; a < 2; a++) {
                    h.status[2 * slot + a] = a < cAdults ? cStatus[a] : Households.INACTIVE;
                    h.mental[2 * slot + a] = a < cAdults ? cMental[a] : Households.GOOD;
                }
                model.addPersons(slot, initial ? Persons.ORIGIN_INITIAL : Persons.ORIGIN_MIGRANT);
                Persons persons = model.persons();
                for (int a = 0; a < cAdults; a++) {
                    int p = h.adultPerson[2 * slot + a];
                    persons.birthTick[p] = Persons.month(tick - cAge[a] * 12 - random.nextInt(12));
                    persons.education[p] = cEducation[a];
                    persons.ability[p] = cAbility[a];
                    persons.experienceMonths[p] = Persons.month(cExperience[a]);
                    persons.statusSince[p] = Persons.month(tick);
                    h.placeAdult(slot, a, p, persons);
                }
                // children: ages spread over the parents' child-bearing years, youngest last
                int youngestMother = Math.max(0, cAge[0] - 22);
                for (int c = h.firstChild[slot], i = 0; c >= 0; c = persons.nextChild[c], i++) {
                    int childAge = Math.min(youngestMother, Math.max(0, youngestMother - 2 * i - random.nextInt(3)));
                    persons.birthTick[c] = Persons.month(tick - Math.min(childAge, 17) * 12 - random.nextInt(12));
                }
                model.updateIncome(slot);
                model.moveInto(slot, d, tick);
                if (initial) {
                    int maxYears = Math.max(0, cAge[0] - 18);
                    int lived = (int) Math.min(maxYears * 12.0, -StrictMath.log(1.0 - random.nextDouble()) * 10 * 12);
                    h.moveInTick[slot] = Persons.month(tick - lived);
                    seedProblems(slot);
                }
                return slot;
            }
        }
        return -1;
    }

    /** Initial residents carry problems at roughly their long-run prevalence. */
    private void seedProblems(int slot) {
        Households h = model.households();
        boolean unemployed = h.anyUnemployed(slot);
        boolean low = h.equivalisedIncome(slot) < model.scenario().problems().lowIncomeThreshold();
        double pDebt = 0.04 * (1 + (unemployed ? 1.5 : 0) + (low ? 1.0 : 0));
        if (random.nextDouble() < pDebt) {
            h.debt[slot] = (byte) (1 + random.nextInt(2));
        }
        if (h.children[slot] > 0 && random.nextDouble() < 0.04 * (low ? 2 : 1)) {
            h.youth[slot] = 1;
        }
    }

    private void draw(boolean initial, int drawTick) {
        Scenario.Demography demo = model.scenario().demography();
        cAdults = random.nextDouble() < 0.40 ? 1 : 2;
        double u = random.nextDouble();
        int age = initial ? bandAge(demo.migrantAges(), demo.initialAgeShares(), u, random)
                : bandAge(demo.migrantAges(), demo.migrantAgeShares(), u, random);
        cAge[0] = age;
        cEducation[0] = drawEducation(random);
        // the partner: about the head's age (a gap of up to three years either way), often the same education
        cAge[1] = Math.max(18, age + random.nextInt(7) - 3);
        cEducation[1] = random.nextDouble() < SAME_EDUCATION_COUPLE ? cEducation[0] : drawEducation(random);
        cChildren = 0;
        if (age >= 25 && age <= 55) {
            double c = random.nextDouble();
            if (cAdults == 2) {
                cChildren = c < 0.35 ? 0 : c < 0.55 ? 1 : c < 0.85 ? 2 : 3;
            } else if (c < 0.2) {
                cChildren = 1 + random.nextInt(2);
            }
        }
        Scenario.Labour lab = model.scenario().labour();
        double own = 0;
        int workingAge = 0;
        for (int a = 0; a < cAdults; a++) {
            cStatus[a] = regionalStatus(random, cEducation[a], cAge[a], demo.pensionAgeMonths(demo.year(drawTick)) / 12);
            cMental[a] = regionalMental(random, cStatus[a]);
            cAbility[a] = (float) ability(random, lab);
            cExperience[a] = regionalExperience(random, cEducation[a], cAge[a], cStatus[a]);
            byte source = IncomeRules.source(cStatus[a], cMental[a], cExperience[a], Persons.NO_WW, 0);
            double wage = model.wageLevel * lab.wageByEducation()[cEducation[a]] * cAbility[a]
                    * lab.experienceFactor(cExperience[a]);
            own += IncomeRules.own(lab, source, wage, 0, 0.0, 0);
            workingAge += cStatus[a] != Households.RETIRED ? 1 : 0;
        }
        cIncome = IncomeRules.household(lab, own, workingAge, cAdults, cChildren);
    }

    /**
     * A head's age: the band of {@code ages} ({@link Scenario.Demography#migrantAges}) chosen by
     * {@code u} in the bands' shares (of the in-migrants, most in their twenties, or of the
     * residents at set-up), uniform within the band.
     */
    static int bandAge(int[] ages, double[] shares, double u, MersenneTwisterFast random) {
        int band = 0;
        double cumulative = shares[0];
        while (band < shares.length - 1 && u >= cumulative) {
            band++;
            cumulative += shares[band];
        }
        return ages[band] + random.nextInt(ages[band + 1] - ages[band]);
    }

    /** Low, mid or high education in the regional shares. */
    static byte drawEducation(MersenneTwisterFast random) {
        double e = random.nextDouble();
        return (byte) (e < EDUCATION[0] ? 0 : e < EDUCATION[0] + EDUCATION[1] ? 1 : 2);
    }

    /** A person's own earnings factor: log-normal with mean 1 and the wage dispersion as its sigma. */
    public static double ability(MersenneTwisterFast random, Scenario.Labour lab) {
        double sigma = lab.wageDispersion();
        return StrictMath.exp(sigma * random.nextGaussian() - 0.5 * sigma * sigma);
    }

    /** The age a person of this education starts work after school (low 18, mid 20, high 23). */
    public static int entryAge(int education) {
        return education == 0 ? 18 : education == 1 ? 20 : 23;
    }

    /**
     * Months of work experience of an adult of the regional population: its years since it left
     * school, nearly all of them in work for the employed and the retired, half for the others
     * (assumed).
     */
    public static int regionalExperience(MersenneTwisterFast random, int education, int age, byte status) {
        int years = Math.max(0, age - entryAge(education));
        double share = status == Households.EMPLOYED || status == Households.RETIRED ? 0.85 : 0.5;
        return (int) Math.round(12 * years * share * (0.8 + 0.4 * random.nextDouble()));
    }

    /** An adult of the regional population: employment by education, retired from the retirement age. */
    public static byte regionalStatus(MersenneTwisterFast random, int education, int age, int retirementAge) {
        if (age >= retirementAge) {
            return Households.RETIRED;
        }
        if (random.nextDouble() < EMPLOYED[education]) {
            return Households.EMPLOYED;
        }
        return random.nextDouble() < 0.1 ? Households.UNEMPLOYED : Households.INACTIVE;
    }

    /** Mental health of an adult of the regional population: poor more often without work. */
    public static byte regionalMental(MersenneTwisterFast random, byte status) {
        double pPoor = status == Households.EMPLOYED || status == Households.RETIRED ? 0.09 : 0.22;
        return random.nextDouble() < pPoor
                ? (random.nextDouble() < 0.15 ? Households.SEVERE : Households.POOR) : Households.GOOD;
    }

    /** A wage of the regional population: its education's, its own earnings factor and its work experience so far. */
    public static double regionalWage(MersenneTwisterFast random, Scenario.Labour lab, double wageLevel, int education,
            int age, byte status) {
        return wageLevel * lab.wageByEducation()[education] * ability(random, lab)
                * lab.experienceFactor(regionalExperience(random, education, age, status));
    }

    private boolean fits(int d, boolean initial) {
        Dwellings dw = model.dwellings();
        Scenario.Housing hs = model.scenario().housing();
        int persons = cAdults + cChildren;
        if (dw.small[d] && persons > 2) {
            return false;
        }
        if (!dw.small[d] && persons == 1 && random.nextDouble() > 0.35) {
            return false;
        }
        byte t = dw.tenure[d];
        double monthly = cIncome / 12.0;
        double cost = model.askingCost(d);
        if (t == Tenure.SOCIAL) {
            if (model.effects() != null && cIncome < model.effects().incomeFloor[dw.neighbourhood[d]]) {
                return false;
            }
            // some sitting tenants earn above the limit (they were eligible when they moved in)
            return cIncome <= hs.socialIncomeLimit() || (initial && random.nextDouble() < 0.25);
        }
        // retired owners at set-up bought long ago: what they earn now does not matter
        boolean retiredOwner = initial && t == Tenure.OWNER && cStatus[0] == Households.RETIRED;
        if (t == Tenure.OWNER && cIncome < hs.ownerMinIncome() && !retiredOwner) {
            return false;
        }
        if (retiredOwner) {
            return true;
        }
        return cost <= hs.maxBurden() * monthly && cost >= MIN_BURDEN * monthly;
    }
}
