package org.wijklab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ec.util.MersenneTwisterFast;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wijklab.model.Households;
import org.wijklab.model.Persons;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.ScenarioLoader;

/**
 * A child's upbringing: the monthly exposure to its neighbourhood's score while it lives at home in
 * the city, and the education it gets from its parents' shifted by that exposure when it leaves.
 */
class UpbringingTest {
    private static final double CITY_RATE = 0.65;
    private static final double WEAK_RATE = 0.45;
    private static final double STRONG_RATE = 0.80;

    /** A small city at tick 0 without warm-up. */
    private static WijkLabModel city(long seed) {
        WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson("{ \"warmUpYears\": 0, \"seed\": " + seed + " }",
                "upbringing test").withResidents(3000).withYears(2));
        m.start();
        return m;
    }

    /** A household of two adults with a child at home (the constructed family's home). */
    private static int family(WijkLabModel m) {
        Households h = m.households();
        Persons persons = m.persons();
        for (int slot = 0; slot < h.capacity; slot++) {
            int c = h.firstChild[slot];
            if (h.hood[slot] >= 0 && h.adults[slot] == 2 && c >= 0 && persons.education[c] == Persons.AT_SCHOOL) {
                return slot;
            }
        }
        throw new AssertionError("no couple with a child at home in the test city");
    }

    private static void reset(Persons persons, int c) {
        persons.exposureSum[c] = 0f;
        persons.exposureMonths[c] = 0;
        persons.learningSum[c] = 0f;
    }

    @Test
    void theExposureSumIsTheSumOfTheMonthlyScoresAndTheLearningSumOfTheMonthlyChances() {
        WijkLabModel m = city(7);
        Households h = m.households();
        Persons persons = m.persons();
        int slot = family(m);
        int c = h.firstChild[slot];
        int j = h.hood[slot];
        reset(persons, c);
        double expectedScore = 0;
        double expectedLearning = 0;
        for (int month = 0; month < 40; month++) {
            m.neighbourhoods().employmentRate[j] = 0.40 + 0.011 * month;
            m.cityEmploymentRate = 0.60 + 0.002 * month;
            // a programme targets the neighbourhood in months 10-19 only
            m.effects().educationUp[j] = month >= 10 && month < 20 ? 0.004 : 0.0;
            m.demography().accrueUpbringing(slot);
            expectedScore += (0.40 + 0.011 * month) - (0.60 + 0.002 * month);
            expectedLearning += m.effects().educationUp[j];
        }
        assertEquals(40, persons.exposureMonths[c]);
        // float sums of 40 terms of size <= 0.25: rounding stays far below 1e-5
        assertEquals(expectedScore, persons.exposureSum[c], 1e-5);
        assertEquals(0.04, persons.learningSum[c], 1e-6, "ten months at 0.004");
        assertEquals(expectedLearning, persons.learningSum[c], 1e-6);

        // the month count stops at the cap and the sums stop with it (a mean over the months counted)
        persons.exposureMonths[c] = Short.MAX_VALUE - 1;
        float before = persons.exposureSum[c];
        m.demography().accrueUpbringing(slot);
        float once = persons.exposureSum[c];
        m.demography().accrueUpbringing(slot);
        assertEquals(Short.MAX_VALUE, persons.exposureMonths[c]);
        assertTrue(once != before, "the last month below the cap counts");
        assertEquals(once, persons.exposureSum[c], 0.0, "no month counts beyond the cap");

        // a child already waiting for a home of its own (its education fixed) accrues nothing
        reset(persons, c);
        persons.education[c] = 1;
        m.demography().accrueUpbringing(slot);
        assertEquals(0, persons.exposureMonths[c]);
        assertEquals(0f, persons.exposureSum[c]);
    }

    @Test
    void everyChildAtHomeCountsEveryMonthOfTheRunQuietOrNot() {
        WijkLabModel m = city(11);
        Persons persons = m.persons();
        List<Integer> children = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < persons.bound(); p++) {
            if (persons.place[p] == Persons.CITY && persons.education[p] == Persons.AT_SCHOOL) {
                assertEquals(0, persons.exposureMonths[p], "nothing accrues before the first month");
                children.add(p);
                ids.add(persons.id[p]);
            }
        }
        assertTrue(children.size() > 100, "the test city has children: " + children.size());
        int months = 12;
        for (int t = 0; t < months; t++) {
            m.schedule.step(m);
        }
        int checked = 0;
        for (int i = 0; i < children.size(); i++) {
            int p = children.get(i);
            // still the same person, at home in the city, its education not yet drawn: it lived here all year
            if (persons.id[p] == ids.get(i) && persons.place[p] == Persons.CITY && persons.education[p] == Persons.AT_SCHOOL) {
                assertEquals(months, persons.exposureMonths[p], "child " + persons.id[p]);
                checked++;
            }
        }
        // quiet months (no event drawn for the household) are most months: if they were skipped the counts would fall short
        assertTrue(checked > children.size() / 2, "children at home all year: " + checked + " of " + children.size());
        m.finish();
    }

    /**
     * The month's pass over the persons ({@link Demography#accrueUpbringing()}) gives every person
     * the very floats the definition, household by household over each live household's children,
     * gives: checked after each of 24 months of a run on two threads, with a chance of a step up in
     * education set in every neighbourhood, from the same state each time.
     */
    @Test
    void theMonthsPassOverPersonsEqualsTheHouseholdByHouseholdDefinition() {
        WijkLabModel m = new WijkLabModel(ScenarioLoader.load(java.nio.file.Path.of("scenarios", "krachtwijk.json"))
                .withResidents(4000).withWarmUpYears(2).withYears(3));
        m.setThreads(2);
        m.start();
        Persons persons = m.persons();
        Households h = m.households();
        // everyone followed to the end, as a recorded period does: children who leave for the region
        // and persons who die stay in the persons' arrays, still at school, and must not count
        for (int p = 0; p < persons.bound(); p++) {
            if (persons.place[p] == Persons.CITY) {
                persons.pin(p, Short.MAX_VALUE);
            }
        }
        int compared = 0;
        int elsewhere = 0;
        for (int month = 0; month < 24; month++) {
            m.schedule.step(m);
            // a chance of a step up in education in every neighbourhood, different in each
            double[] up = m.effects().educationUp;
            double[] runUp = up.clone();
            for (int j = 0; j < up.length; j++) {
                up[j] = 0.001 * (j + 1) + runUp[j];
            }
            float[] sum = persons.exposureSum.clone();
            float[] learning = persons.learningSum.clone();
            short[] months = persons.exposureMonths.clone();
            for (int slot = 0; slot < h.capacity; slot++) {
                if (h.hood[slot] >= 0) {
                    m.demography().accrueUpbringing(slot);
                }
            }
            float[] definedSum = persons.exposureSum.clone();
            float[] definedLearning = persons.learningSum.clone();
            short[] definedMonths = persons.exposureMonths.clone();
            System.arraycopy(sum, 0, persons.exposureSum, 0, sum.length);
            System.arraycopy(learning, 0, persons.learningSum, 0, learning.length);
            System.arraycopy(months, 0, persons.exposureMonths, 0, months.length);
            m.demography().accrueUpbringing();
            for (int p = 0; p < persons.bound(); p++) {
                assertEquals(Float.floatToRawIntBits(definedSum[p]), Float.floatToRawIntBits(persons.exposureSum[p]), "exposure, slot " + p);
                assertEquals(Float.floatToRawIntBits(definedLearning[p]), Float.floatToRawIntBits(persons.learningSum[p]), "learning, slot " + p);
                assertEquals(definedMonths[p], persons.exposureMonths[p], "months, slot " + p);
                compared += definedMonths[p] != months[p] ? 1 : 0;
                elsewhere += persons.place[p] != Persons.CITY && persons.education[p] == Persons.AT_SCHOOL ? 1 : 0;
            }
            // back to the run's own state for its next month
            System.arraycopy(runUp, 0, up, 0, up.length);
            System.arraycopy(sum, 0, persons.exposureSum, 0, sum.length);
            System.arraycopy(learning, 0, persons.learningSum, 0, learning.length);
            System.arraycopy(months, 0, persons.exposureMonths, 0, months.length);
        }
        assertTrue(compared > 24 * 500, "children accrued in the 24 months: " + compared);
        assertTrue(elsewhere > 24 * 10, "children at school in the region or dead, over the 24 months: " + elsewhere);
        m.finish();
    }

    /**
     * Two upbringings of the same constructed family (both parents of middle education): a child
     * who lives in a weak neighbourhood (employment rate 45 %, the city's 65 %: score -20 points)
     * until 6 and in a strong one (80 %: +15 points) until it leaves at 18, against one who stays in
     * the weak one until 16. The neighbourhood's rate changes under the family instead of the
     * family moving: the score is all the exposure reads. Mean scores: +3.33 and -16.11 points, so
     * with the default effect (0.003 a point) the chance of a step up (high education) is 0.36 and
     * 0.3017: a difference of 0.0583.
     *
     * <p>Tolerance: with 20,000 fixed-seed replications per group the difference of the two
     * high-education shares has a standard error of 0.0047; the test allows 4.5 standard errors
     * around the expected difference (false-failure rate about 7e-6 for a correct model), which
     * still requires a difference of at least 0.037 (a model without the effect fails by 12 SE).
     */
    @Test
    void aChildWhoMovedToTheStrongNeighbourhoodAtSixIsMoreOftenHighlyEducatedThanOneWhoMovedAtSixteen() {
        WijkLabModel m = city(3);
        Households h = m.households();
        Persons persons = m.persons();
        int slot = family(m);
        int c = h.firstChild[slot];
        int j = h.hood[slot];
        double effect = m.scenario().demography().upbringingEffect();
        assertEquals(0.003, effect, 0.0, "the default effect the expected figures are worked out for");
        h.adultEducation[2 * slot] = 1;
        h.adultEducation[2 * slot + 1] = 1;
        m.cityEmploymentRate = CITY_RATE;
        m.effects().educationUp[j] = 0.0;
        MersenneTwisterFast random = new MersenneTwisterFast(20260101L);
        int n = 20_000;
        int highEarly = 0;
        int highLate = 0;
        for (int rep = 0; rep < n; rep++) {
            highEarly += grownUp(m, slot, c, j, 6, random, effect) == 2 ? 1 : 0;
            highLate += grownUp(m, slot, c, j, 16, random, effect) == 2 ? 1 : 0;
        }
        double early = highEarly / (double) n;
        double late = highLate / (double) n;
        double meanEarly = (72 * (WEAK_RATE - CITY_RATE) + 144 * (STRONG_RATE - CITY_RATE)) / 216.0;
        double meanLate = (192 * (WEAK_RATE - CITY_RATE) + 24 * (STRONG_RATE - CITY_RATE)) / 216.0;
        double pEarly = Demography.upChance(effect * 100 * meanEarly);
        double pLate = Demography.upChance(effect * 100 * meanLate);
        assertEquals(0.36, pEarly, 1e-9);
        assertEquals(0.30167, pLate, 1e-5);
        double se = Math.sqrt(pEarly * (1 - pEarly) / n + pLate * (1 - pLate) / n);
        assertTrue(early > late, "moved at 6: " + early + ", moved at 16: " + late);
        assertEquals(pEarly - pLate, early - late, 4.5 * se,
                "difference of the high-education shares (moved at 6: " + early + ", at 16: " + late + ")");
    }

    /** One upbringing from birth to 18: weak until {@code moveAge}, strong after; the education it leaves with. */
    private static byte grownUp(WijkLabModel m, int slot, int c, int j, int moveAge, MersenneTwisterFast random,
            double effect) {
        Persons persons = m.persons();
        reset(persons, c);
        for (int month = 0; month < 18 * 12; month++) {
            m.neighbourhoods().employmentRate[j] = month < moveAge * 12 ? WEAK_RATE : STRONG_RATE;
            m.demography().accrueUpbringing(slot);
        }
        assertEquals(216, persons.exposureMonths[c]);
        return Demography.starterEducation(persons, c, Demography.parentsEducation(m.households(), slot), effect, random);
    }
}
