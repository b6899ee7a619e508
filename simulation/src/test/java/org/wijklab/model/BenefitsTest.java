package org.wijklab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;
import sim.engine.Schedule;

/**
 * The persons' incomes by the Dutch rules, on one household of a small city whose persons are given
 * a known state: unemployment insurance (WW) by work history and year, its two levels and its end
 * in social assistance (bijstand), the partner means test, the disability benefit, the state
 * pension (AOW) age and the wage's experience profile. The expected figures are written out from
 * the default parameters (defaults.json), not taken from the code under test.
 *
 * <p>Most checks are deterministic: the model's clock is replaced by a {@link Clock} that only
 * tells the tick, and the income methods are called at the ticks wanted (no process runs, no
 * random draw is made). Two checks step the real model with a fixed seed and the hazards that
 * could disturb the household set to zero (retirement; the WW calendar as the labour market
 * follows it); they assert that the household is still where it was.
 */
class BenefitsTest {
    private static final double EUR = 0.01;

    // the default parameters the expected figures are written from
    private static final double[] WAGE_BY_EDUCATION = {20_000, 26_000, 36_000};
    private static final double BENEFIT_SINGLE = 12_000;
    private static final double BENEFIT_PER_ADULT_IN_COUPLE = 8_000;
    private static final double PENSION = 15_000;

    /** A schedule that does nothing but tell the time: {@link WijkLabModel#tick()} reads it. */
    private static final class Clock extends Schedule {
        private static final long serialVersionUID = 1L;

        void at(int tick) {
            time = tick; // no warm-up: tick = time
        }
    }

    private record City(WijkLabModel model, Clock clock) {
        Households h() {
            return model.households();
        }

        Persons persons() {
            return model.persons();
        }
    }

    /** A small city at set-up (no warm-up), its clock replaced; {@code json} overrides defaults. */
    private static City city(String json) {
        WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson(json, "benefits test")
                .withResidents(3000).withYears(3).withWarmUpYears(0));
        m.start();
        Clock clock = new Clock();
        m.schedule = clock;
        return new City(m, clock);
    }

    private static City city() {
        return city("{}");
    }

    /** The first live household with this many adults and no children. */
    private static int household(WijkLabModel m, int adults) {
        Households h = m.households();
        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.dwelling[slot] >= 0 && h.adults[slot] == adults && h.children[slot] == 0) {
                return slot;
            }
        }
        throw new AssertionError("no household of " + adults + " adults without children");
    }

    /**
     * Gives adult a of a household a known own state: education, earnings factor, labour status and
     * health, months of experience up to {@code since} (its status since then), birth month, no WW.
     */
    private static int adult(City c, int slot, int a, int education, double ability, byte status, byte mental,
            int experience, int since, int birth) {
        Persons ps = c.persons();
        Households h = c.h();
        int p = h.adultPerson[2 * slot + a];
        ps.education[p] = (byte) education;
        ps.ability[p] = (float) ability;
        ps.experienceMonths[p] = Persons.month(experience);
        ps.statusSince[p] = Persons.month(since);
        ps.birthTick[p] = Persons.month(birth);
        ps.wwFrom[p] = Persons.NO_WW;
        ps.wwUntil[p] = Persons.NO_WW;
        ps.wwBase[p] = 0f;
        h.placeAdult(slot, a, p, ps);
        h.status[2 * slot + a] = status;
        h.mental[2 * slot + a] = mental;
        return p;
    }

    /** The wage factor of experience, relative to 15 years: exp(0.04 (x - 15) - 0.0008 (x^2 - 225)), x in years. */
    private static double mincer(double months) {
        double x = months / 12.0;
        return Math.exp(0.04 * (x - 15) - 0.0008 * (x * x - 225));
    }

    private static final int BORN_1970 = -36 * 12; // 36 at tick 0 (January 2006)

    // ------------------------------------------------------------------ WW

    /** WW months after a job loss at a tick with this many years of work behind the person. */
    private static int wwMonths(City c, int years, int extraMonths, int tick) {
        int slot = household(c.model(), 1);
        c.clock().at(tick);
        int p = adult(c, slot, 0, 1, 1.0, Households.EMPLOYED, Households.GOOD, 12 * years + extraMonths, tick,
                BORN_1970);
        c.model().changeStatus(2 * slot, Households.UNEMPLOYED);
        Persons ps = c.persons();
        if (ps.wwUntil[p] == Persons.NO_WW) {
            return 0;
        }
        assertEquals(tick, ps.wwFrom[p], "WW starts in the month of the job loss");
        return ps.wwUntil[p] - ps.wwFrom[p];
    }

    @Test
    void wwLastsThreeMonthsPlusOneAYearOfWorkUpTo38AndTo24ForJobsLostFrom2016() {
        City c = city();
        assertEquals(2005, c.model().scenario().demography().year(0), "tick 0 is the last month before the start year");
        assertEquals(2006, c.model().scenario().demography().year(1), "tick 1 is its first month");
        assertEquals(2006, c.model().scenario().demography().year(12), "tick 12 its last");
        // a job lost in 2010 (tick 48): 3 + N months, at most 38
        int[][] before2016 = {{1, 4}, {5, 8}, {20, 23}, {35, 38}, {36, 38}, {44, 38}};
        for (int[] e : before2016) {
            assertEquals(e[1], wwMonths(c, e[0], 0, 48), e[0] + " years of work, job lost in 2010");
        }
        // the last month of 2015 still has the old maximum, the first of 2016 the new one
        assertEquals(2015, c.model().scenario().demography().year(120));
        assertEquals(2016, c.model().scenario().demography().year(121));
        assertEquals(38, wwMonths(c, 40, 0, 120), "job lost in December 2015");
        assertEquals(24, wwMonths(c, 40, 0, 121), "job lost in January 2016");
        assertEquals(24, wwMonths(c, 21, 0, 121), "3 + 21 = 24");
        assertEquals(23, wwMonths(c, 20, 0, 121), "below the cap the work history counts as before");
        assertEquals(8, wwMonths(c, 5, 11, 121), "only whole years count");
    }

    @Test
    void lessThanTheQualifyingMonthsOfWorkGivesNoWwButSocialAssistance() {
        City c = city();
        assertEquals(6, c.model().scenario().labour().wwQualifyingMonths());
        assertEquals(3, wwMonths(c, 0, 6, 30), "six months of work qualify: 3 + 0 months");
        assertEquals(0, wwMonths(c, 0, 5, 30), "five months do not");
        // the single without WW lives on the social-assistance norm
        int slot = household(c.model(), 1);
        c.model().updateIncome(slot);
        assertEquals(BENEFIT_SINGLE, c.h().income[slot], EUR);
        assertEquals(1, c.h().onBenefit[slot]);
        assertEquals(Households.NO_CHANGE, c.h().incomeChange[slot], "nothing changes by itself");
    }

    @Test
    void wwPays75PercentForTwoMonthsThen70AndRunsOutIntoSocialAssistance() {
        City c = city();
        WijkLabModel m = c.model();
        Households h = c.h();
        int slot = household(m, 1);
        int lost = 30;
        c.clock().at(lost);
        // high education, earnings factor 1, 15 years of work: the wage is the education's wage
        int p = adult(c, slot, 0, 2, 1.0, Households.EMPLOYED, Households.GOOD, 15 * 12, lost, BORN_1970);
        m.updateIncome(slot);
        double wage = m.wageLevel * WAGE_BY_EDUCATION[2];
        assertEquals(wage, h.income[slot], EUR * wage, "in work: the own wage");
        assertEquals(0, h.onBenefit[slot]);

        m.changeStatus(2 * slot, Households.UNEMPLOYED);
        int until = lost + 3 + 15;
        assertEquals(until, c.persons().wwUntil[p], "15 years of work: 18 months of WW");
        assertEquals(wage, c.persons().wwBase[p], EUR * wage, "WW is a share of the wage at the job loss");
        for (int t = lost; t < until + 3; t++) {
            c.clock().at(t);
            m.updateIncome(slot);
            double expected = t < lost + 2 ? 0.75 * wage : t < until ? 0.70 * wage : BENEFIT_SINGLE;
            assertEquals(expected, h.income[slot], EUR * expected, "month " + (t - lost) + " after the job loss");
            assertEquals(1, h.onBenefit[slot], "on WW, then on social assistance");
            int next = t < lost + 2 ? lost + 2 : t < until ? until : Households.NO_CHANGE;
            assertEquals(next, h.incomeChange[slot], "the next step of the income, month " + (t - lost));
            assertEquals(h.income[slot], m.incomeRule(slot), EUR, "the rule reads the same state");
        }
    }

    @Test
    void theMonthlyStepsFollowTheWwCalendarWithoutAnyOtherEvent() {
        // the real processes, stepped month by month: nobody finds work or stops looking, nobody
        // dies or partners, so the only change to the single's income is the WW calendar, which
        // the labour market must pick up by itself (the household's income-change tick)
        WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson("{\"labour\": {\"jobFindingMonthly\": 0, "
                + "\"discouragementMonthly\": 0}, \"demography\": {\"mortalityAt60\": 0, \"partneringRate\": 0}}",
                "benefits test").withResidents(3000).withYears(3).withWarmUpYears(0).withSeed(11));
        m.start();
        City c = new City(m, null);
        Households h = m.households();
        int slot = household(m, 1);
        int p = adult(c, slot, 0, 2, 1.0, Households.EMPLOYED, Households.GOOD, 15 * 12, 0, BORN_1970);
        m.changeStatus(2 * slot, Households.UNEMPLOYED);
        m.updateIncome(slot);
        double wage = WAGE_BY_EDUCATION[2]; // the wage level is 1 at tick 0
        assertEquals(18, c.persons().wwUntil[p], "15 years of work: 18 months");
        for (int t = 1; t <= 20; t++) {
            assertTrue(m.schedule.step(m));
            assertEquals(t, m.tick());
            assertEquals(p, h.adultPerson[2 * slot], "the single still lives here (fixed seed), month " + t);
            assertEquals(Households.UNEMPLOYED, h.status[2 * slot]);
            double expected = t < 2 ? 0.75 * wage : t < 18 ? 0.70 * wage : BENEFIT_SINGLE;
            assertEquals(expected, h.income[slot], EUR * expected, "month " + t);
        }
    }

    @Test
    void findingWorkOrRetiringEndsTheWw() {
        City c = city();
        WijkLabModel m = c.model();
        int slot = household(m, 1);
        c.clock().at(30);
        int p = adult(c, slot, 0, 2, 1.0, Households.EMPLOYED, Households.GOOD, 15 * 12, 30, BORN_1970);
        m.changeStatus(2 * slot, Households.UNEMPLOYED);
        assertNotEquals(Persons.NO_WW, c.persons().wwUntil[p]);
        c.clock().at(33);
        m.changeStatus(2 * slot, Households.EMPLOYED);
        assertEquals(Persons.NO_WW, c.persons().wwUntil[p], "back in work");
        c.clock().at(40);
        m.changeStatus(2 * slot, Households.UNEMPLOYED);
        assertEquals(40 + 3 + 15, c.persons().wwUntil[p], "a new job loss: WW by the whole history again");
        m.changeStatus(2 * slot, Households.RETIRED);
        assertEquals(Persons.NO_WW, c.persons().wwUntil[p], "retired: the pension instead");
        m.updateIncome(slot);
        assertEquals(PENSION, c.h().income[slot], EUR);
        assertEquals(0, c.h().onBenefit[slot], "a pensioner is not counted on a benefit");
    }

    // ------------------------------------------------------------------ social assistance

    @Test
    void theNonWorkingPartnerOfAnEarnerGetsNoAssistance() {
        City c = city();
        WijkLabModel m = c.model();
        Households h = c.h();
        int slot = household(m, 2);
        c.clock().at(30);
        adult(c, slot, 0, 1, 1.0, Households.EMPLOYED, Households.GOOD, 15 * 12, 30, BORN_1970);
        adult(c, slot, 1, 1, 1.0, Households.INACTIVE, Households.GOOD, 0, 30, BORN_1970);
        m.updateIncome(slot);
        double wage = m.wageLevel * WAGE_BY_EDUCATION[1];
        assertEquals(wage, h.income[slot], EUR * wage, "the earner's wage and nothing for the partner");
        assertEquals(0, h.onBenefit[slot]);
        // the same partner of an unemployed adult without WW: the couple norm
        adult(c, slot, 1, 1, 1.0, Households.UNEMPLOYED, Households.GOOD, 0, 30, BORN_1970);
        m.updateIncome(slot);
        assertEquals(wage, h.income[slot], EUR * wage, "unemployed without WW: still the partner's wage only");
        assertEquals(0, h.onBenefit[slot]);
    }

    @Test
    void aLowEarnersCoupleIsToppedUpToTheCoupleNorm() {
        City c = city();
        WijkLabModel m = c.model();
        Households h = c.h();
        int slot = household(m, 2);
        c.clock().at(30);
        // low education and earnings factor 0.4: 8,000 a year, below the couple's norm of 16,000
        adult(c, slot, 0, 0, 0.4, Households.EMPLOYED, Households.GOOD, 15 * 12, 30, BORN_1970);
        adult(c, slot, 1, 0, 1.0, Households.INACTIVE, Households.GOOD, 0, 30, BORN_1970);
        m.updateIncome(slot);
        double wage = m.wageLevel * WAGE_BY_EDUCATION[0] * c.persons().ability[h.adultPerson[2 * slot]];
        assertTrue(wage < 2 * BENEFIT_PER_ADULT_IN_COUPLE);
        assertEquals(2 * BENEFIT_PER_ADULT_IN_COUPLE, h.income[slot], EUR, "topped up to the couple norm");
        assertEquals(1, h.onBenefit[slot], "the non-working partner lives on the top-up");
    }

    @Test
    void aCoupleWithoutIncomeGetsTheCoupleNormAndASingleTheSingleNorm() {
        City c = city();
        WijkLabModel m = c.model();
        Households h = c.h();
        int slot = household(m, 2);
        c.clock().at(30);
        adult(c, slot, 0, 1, 1.0, Households.UNEMPLOYED, Households.GOOD, 0, 30, BORN_1970);
        adult(c, slot, 1, 1, 1.0, Households.INACTIVE, Households.POOR, 0, 30, BORN_1970);
        m.updateIncome(slot);
        assertEquals(2 * BENEFIT_PER_ADULT_IN_COUPLE, h.income[slot], EUR);
        assertEquals(2, h.onBenefit[slot], "both live on social assistance");
        int single = household(m, 1);
        adult(c, single, 0, 1, 1.0, Households.INACTIVE, Households.GOOD, 0, 30, BORN_1970);
        m.updateIncome(single);
        assertEquals(BENEFIT_SINGLE, h.income[single], EUR);
        assertEquals(1, h.onBenefit[single]);
    }

    // ------------------------------------------------------------------ disability

    @Test
    void anInactiveAdultInSevereHealthWithWorkExperienceGetsTheDisabilityShareOfItsWage() {
        City c = city();
        WijkLabModel m = c.model();
        Households h = c.h();
        int slot = household(m, 1);
        c.clock().at(30);
        adult(c, slot, 0, 2, 1.0, Households.INACTIVE, Households.SEVERE, 15 * 12, 30, BORN_1970);
        m.updateIncome(slot);
        double wage = m.wageLevel * WAGE_BY_EDUCATION[2];
        assertEquals(0.70 * wage, h.income[slot], EUR * wage, "70 % of its own wage");
        assertEquals(1, h.onBenefit[slot]);
        // without work experience: no disability benefit, social assistance instead
        adult(c, slot, 0, 2, 1.0, Households.INACTIVE, Households.SEVERE, 0, 30, BORN_1970);
        m.updateIncome(slot);
        assertEquals(BENEFIT_SINGLE, h.income[slot], EUR);
        assertEquals(1, h.onBenefit[slot]);
        // poor (not severe) health with experience: social assistance too
        adult(c, slot, 0, 2, 1.0, Households.INACTIVE, Households.POOR, 15 * 12, 30, BORN_1970);
        m.updateIncome(slot);
        assertEquals(BENEFIT_SINGLE, h.income[slot], EUR);
        // a disability benefit below the norm is topped up to it: low education, factor 0.5
        adult(c, slot, 0, 0, 0.5, Households.INACTIVE, Households.SEVERE, 15 * 12, 30, BORN_1970);
        m.updateIncome(slot);
        assertEquals(BENEFIT_SINGLE, h.income[slot], EUR, "0.7 x 10,000 = 7,000, topped up to 12,000");
    }

    // ------------------------------------------------------------------ AOW

    @Test
    void thePensionAgeFollowsTheLaw() {
        Scenario.Demography d = city().model().scenario().demography();
        for (int y = 2006; y <= 2012; y++) {
            assertEquals(65 * 12, d.pensionAgeMonths(y), "65 until 2012: " + y);
        }
        // Algemene Ouderdomswet as amended in 2012 and 2015
        int[][] law = {{2013, 65 * 12 + 1}, {2014, 65 * 12 + 2}, {2015, 65 * 12 + 3}, {2016, 65 * 12 + 6},
                {2017, 65 * 12 + 9}, {2018, 66 * 12}, {2019, 66 * 12 + 4}, {2020, 66 * 12 + 4}, {2021, 66 * 12 + 4},
                {2022, 66 * 12 + 7}, {2023, 66 * 12 + 10}, {2024, 67 * 12}, {2025, 67 * 12}, {2026, 67 * 12},
                {2027, 67 * 12}, {2028, 67 * 12 + 3}, {2035, 67 * 12 + 3}, {2060, 67 * 12 + 3}};
        for (int[] e : law) {
            assertEquals(e[1], d.pensionAgeMonths(e[0]), "pension age in " + e[0]);
        }
    }

    @Test
    void aPersonRetiresInTheMonthItReachesThePensionAgeOfTheYearAndGetsThePension() {
        // 2018: the pension age is 66. Mortality zero, so nobody dies in the two months stepped.
        WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson(
                "{\"demography\": {\"startYear\": 2018, \"mortalityAt60\": 0}}", "benefits test")
                .withResidents(3000).withYears(3).withWarmUpYears(0).withSeed(7));
        m.start();
        City c = new City(m, null);
        Households h = m.households();
        int age66 = 66 * 12;
        // two singles: one reaches 66 in tick 1, the other in tick 2; a couple whose first adult is
        // 65 y 11 m in tick 1 (retired under the old age of 65, not in 2018) and whose second reaches 66 in tick 1
        int first = household(m, 1);
        int p1 = adult(c, first, 0, 1, 1.0, Households.INACTIVE, Households.GOOD, 0, 0, 1 - age66);
        m.updateIncome(first);
        int second = -1;
        for (int slot = first + 1; slot < h.capacity && second < 0; slot++) {
            if (h.dwelling[slot] >= 0 && h.adults[slot] == 1 && h.children[slot] == 0) {
                second = slot;
            }
        }
        int p2 = adult(c, second, 0, 1, 1.0, Households.INACTIVE, Households.GOOD, 0, 0, 2 - age66);
        m.updateIncome(second);
        int couple = household(m, 2);
        int q0 = adult(c, couple, 0, 1, 1.0, Households.INACTIVE, Households.GOOD, 0, 0, 2 - age66);
        int q1 = adult(c, couple, 1, 1, 1.0, Households.INACTIVE, Households.GOOD, 0, 0, 1 - age66);
        m.updateIncome(couple);

        assertTrue(m.schedule.step(m));
        assertEquals(1, m.tick());
        assertEquals(p1, h.adultPerson[2 * first], "the single is still in its home (fixed seed)");
        assertEquals(Households.RETIRED, h.status[2 * first], "66 in tick 1: retired in tick 1");
        assertEquals(PENSION, h.income[first], EUR, "the pension, no top-up for a pensioner");
        assertEquals(p2, h.adultPerson[2 * second], "the other single is still in its home (fixed seed)");
        assertNotEquals(Households.RETIRED, h.status[2 * second], "one month short of 66 in tick 1");
        assertEquals(q1, h.adultPerson[2 * couple + 1], "the couple is still in its home (fixed seed)");
        assertEquals(Households.RETIRED, h.status[2 * couple + 1], "the younger partner reaches 66");
        assertNotEquals(Households.RETIRED, h.status[2 * couple], "65 y 11 m: not yet");
        assertEquals(q0, h.adultPerson[2 * couple]);

        assertTrue(m.schedule.step(m));
        assertEquals(p2, h.adultPerson[2 * second], "the other single is still in its home (fixed seed)");
        assertEquals(Households.RETIRED, h.status[2 * second], "66 in tick 2: retired in tick 2");
        assertEquals(PENSION, h.income[second], EUR);
        assertEquals(Households.RETIRED, h.status[2 * couple], "and now the first partner, 66 in tick 2");
        assertEquals(2 * PENSION, h.income[couple], EUR, "two pensions");
    }

    // ------------------------------------------------------------------ experience

    @Test
    void theWageAtFifteenYearsExperienceIsTheEducationsWageTimesTheEarningsFactor() {
        City c = city();
        WijkLabModel m = c.model();
        int slot = household(m, 1);
        c.clock().at(30);
        m.wageLevel = 1.25;
        for (int edu = 0; edu < 3; edu++) {
            int p = adult(c, slot, 0, edu, 1.3, Households.EMPLOYED, Households.GOOD, 15 * 12, 30, BORN_1970);
            double expected = 1.25 * WAGE_BY_EDUCATION[edu] * c.persons().ability[p];
            assertEquals(expected, m.wage(p, true, 30), 1e-6 * expected, "education " + edu);
            // and by the Mincer profile at other experience
            for (int years : new int[] {0, 5, 10, 25, 40}) {
                c.persons().experienceMonths[p] = Persons.month(12 * years);
                assertEquals(expected * mincer(12 * years), m.wage(p, true, 30), 1e-6 * expected,
                        "education " + edu + ", " + years + " years");
            }
        }
        assertEquals(Math.exp(-0.1), mincer(120), 1e-12, "10 years: exp(0.04 (-5) - 0.0008 (100 - 225))");
    }

    @Test
    void monthsOutOfWorkLowerExperienceByHalfAMonthEachAndWorkRaisesIt() {
        City c = city();
        WijkLabModel m = c.model();
        Persons ps = c.persons();
        int slot = household(m, 1);
        // unemployed since tick 6 with 15 years; back in work in tick 30: 24 months out cost 12
        c.clock().at(30);
        int p = adult(c, slot, 0, 1, 1.0, Households.UNEMPLOYED, Households.GOOD, 15 * 12, 6, BORN_1970);
        assertEquals(180 - 12, ps.experience(p, false, 0.5, 30), 1e-9);
        m.changeStatus(2 * slot, Households.EMPLOYED);
        assertEquals(168, ps.experienceMonths[p], "the spell out of work closes at 168 months");
        assertEquals(30, ps.statusSince[p]);
        assertEquals(m.wageLevel * WAGE_BY_EDUCATION[1] * mincer(168), m.wage(p, true, 30), 0.01);
        // 24 months in work add 24
        c.clock().at(54);
        m.changeStatus(2 * slot, Households.UNEMPLOYED);
        assertEquals(168 + 24, ps.experienceMonths[p]);
        // experience never falls below zero
        adult(c, slot, 0, 1, 1.0, Households.INACTIVE, Households.GOOD, 10, 54 - 40, BORN_1970);
        assertEquals(0.0, ps.experience(p, false, 0.5, 54), 1e-9, "10 - 40 x 0.5 < 0: zero");
    }

    @Test
    void payIsRevaluedOnceAYearInTheFirstMonthNotEveryMonth() {
        City c = city();
        WijkLabModel m = c.model();
        int slot = household(m, 1);
        // in work from tick 1 (the first month of the first year) with 15 years
        int p = adult(c, slot, 0, 1, 1.0, Households.EMPLOYED, Households.GOOD, 15 * 12, 1, BORN_1970);
        double atStart = m.wage(p, true, 1);
        assertEquals(m.wageLevel * WAGE_BY_EDUCATION[1], atStart, 0.01);
        assertEquals(atStart, m.wage(p, true, 12), 1e-9, "the same pay all year");
        assertEquals(m.wageLevel * WAGE_BY_EDUCATION[1] * mincer(180 + 12), m.wage(p, true, 13), 0.01,
                "the next year's first month counts the year worked");
    }
}
