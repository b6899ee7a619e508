package org.wijklab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * A household's income is built from its persons' own incomes: two adults hold their own jobs and
 * wages and the household has their sum (plus child benefit); the social-assistance top-up follows
 * the partner means test; two singles who move in together bring their own wages; a separated
 * partner takes its own income along. No randomness after set-up: exact checks.
 */
class PersonIncomeTest {
    /** Incomes are stored as floats: half a euro a year. */
    private static final double EPS = 0.5;

    private static WijkLabModel city() {
        WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson("{ \"warmUpYears\": 0 }", "person income test")
                .withResidents(3000).withYears(1));
        m.start();
        return m;
    }

    /** The first live household with this many adults and no child waiting to leave. */
    private static int household(WijkLabModel m, int adults, int after) {
        Households h = m.households();
        for (int slot = after + 1; slot < h.capacity; slot++) {
            if (h.dwelling[slot] >= 0 && h.adults[slot] == adults && h.leaving[slot] == 0) {
                return slot;
            }
        }
        throw new AssertionError("no household with " + adults + " adults");
    }

    /** Sets adult position k's person: education, earnings factor, labour status, good health. */
    private static void set(WijkLabModel m, int k, int education, double ability, byte status) {
        Households h = m.households();
        Persons persons = m.persons();
        int p = h.adultPerson[k];
        persons.education[p] = (byte) education;
        h.adultEducation[k] = (byte) education;
        persons.ability[p] = (float) ability;
        persons.wwUntil[p] = Persons.NO_WW;
        h.status[k] = status;
        h.mental[k] = Households.GOOD;
    }

    private static double wage(WijkLabModel m, int k) {
        return m.wage(m.households().adultPerson[k], true, m.tick());
    }

    private static double childBenefit(WijkLabModel m, int slot) {
        return m.households().children[slot] * m.scenario().labour().childBenefit();
    }

    @Test
    void twoEarnersHaveTheirOwnWagesAndTheHouseholdTheirSum() {
        WijkLabModel m = city();
        Households h = m.households();
        int slot = household(m, 2, -1);
        set(m, 2 * slot, 2, 1.2, Households.EMPLOYED);
        set(m, 2 * slot + 1, 0, 0.9, Households.EMPLOYED);
        m.updateIncome(slot);
        double w0 = wage(m, 2 * slot);
        double w1 = wage(m, 2 * slot + 1);
        assertTrue(Math.abs(w0 - w1) > 1000, "different jobs, different wages: " + w0 + " and " + w1);
        assertEquals(w0 + w1 + childBenefit(m, slot), h.income[slot], EPS);
        assertEquals(0, h.onBenefit[slot], "two earners live on no benefit");
    }

    @Test
    void aNonWorkingPartnerOfAnEarnerAboveTheCoupleNormGetsNothing() {
        WijkLabModel m = city();
        Households h = m.households();
        int slot = household(m, 2, -1);
        set(m, 2 * slot, 2, 1.0, Households.EMPLOYED);
        set(m, 2 * slot + 1, 1, 1.0, Households.INACTIVE);
        m.updateIncome(slot);
        double w0 = wage(m, 2 * slot);
        assertTrue(w0 > IncomeRules.norm(m.scenario().labour(), 2), "the earner is above the couple norm: " + w0);
        assertEquals(w0 + childBenefit(m, slot), h.income[slot], EPS);
        assertEquals(0, h.onBenefit[slot], "the partner means test: no social assistance");
    }

    @Test
    void aCoupleWithAnEarnerBelowTheCoupleNormIsToppedUpToIt() {
        WijkLabModel m = city();
        Households h = m.households();
        Scenario.Labour lab = m.scenario().labour();
        int slot = household(m, 2, -1);
        // a low earnings factor: a small part-time-like wage under the couple norm
        set(m, 2 * slot, 0, 0.3, Households.EMPLOYED);
        set(m, 2 * slot + 1, 0, 1.0, Households.INACTIVE);
        m.updateIncome(slot);
        double w0 = wage(m, 2 * slot);
        double norm = IncomeRules.norm(lab, 2);
        assertTrue(w0 < norm && w0 > 0, "the earner is below the couple norm: " + w0 + " < " + norm);
        assertEquals(norm + childBenefit(m, slot), h.income[slot], EPS);
        assertEquals(1, h.onBenefit[slot], "the non-working partner lives on the top-up");
    }

    @Test
    void twoSinglesMovingInTogetherBringTheirOwnWages() {
        WijkLabModel m = city();
        Households h = m.households();
        int a = household(m, 1, -1);
        int b = household(m, 1, a);
        set(m, 2 * a, 1, 1.1, Households.EMPLOYED);
        set(m, 2 * b, 2, 0.8, Households.EMPLOYED);
        double wa = wage(m, 2 * a);
        double wb = wage(m, 2 * b);
        int pb = h.adultPerson[2 * b];
        int kids = h.children[a] + h.children[b];
        m.merge(a, b);
        assertEquals(2, h.adults[a]);
        assertEquals(pb, h.adultPerson[2 * a + 1], "the partner moved in with its own person");
        assertEquals(wb, wage(m, 2 * a + 1), 1e-9, "and its own wage");
        assertEquals(wa + wb + kids * m.scenario().labour().childBenefit(), h.income[a], EPS);
    }

    @Test
    void aSeparationSplitsTheIncome() {
        WijkLabModel m = city();
        Households h = m.households();
        int parent = household(m, 2, -1);
        set(m, 2 * parent, 2, 1.1, Households.EMPLOYED);
        set(m, 2 * parent + 1, 1, 1.0, Households.EMPLOYED);
        m.updateIncome(parent);
        double w0 = wage(m, 2 * parent);
        double w1 = wage(m, 2 * parent + 1);
        int partner = h.adultPerson[2 * parent + 1];
        Pending pending = m.pending();
        h.leaving[parent]++;
        int i = pending.add(h.id[parent], partner, Pending.SEPARATED, h.status[2 * parent + 1], h.mental[2 * parent + 1],
                m.tick());
        int d = -1;
        for (int v = 0; v < m.dwellings().count && d < 0; v++) {
            if (m.dwellings().occupant[v] < 0) {
                d = v;
            }
        }
        assertTrue(d >= 0, "a vacant dwelling");
        int own = m.formHousehold(parent, i, d, m.tick());
        assertNotEquals(parent, own);
        assertEquals(partner, h.adultPerson[2 * own]);
        assertEquals(1, h.adults[parent]);
        assertEquals(1, h.adults[own]);
        Scenario.Labour lab = m.scenario().labour();
        // each household now has its own adult's income (both above the single norm: no top-up)
        assertTrue(w0 > IncomeRules.norm(lab, 1) && w1 > IncomeRules.norm(lab, 1));
        assertEquals(w0 + childBenefit(m, parent), h.income[parent], EPS);
        assertEquals(w1, h.income[own], EPS);
        assertEquals(0, h.children[own], "the children stay with the parent household");
    }

    /**
     * The wage's experience factor read from the table by half months (in work whole months, out of
     * work the default loss of half a month a month) is the very double of the call, and past the
     * table and between half months the call.
     */
    @Test
    void theTabulatedExperienceFactorIsTheSameDoubleAsTheCall() {
        WijkLabModel m = city();
        Scenario.Labour lab = m.scenario().labour();
        for (int months = 0; months < 12 * 80; months++) {
            for (double x : new double[] {months, months + 0.25, months + 0.5, months + 0.75}) {
                assertEquals(Double.doubleToRawLongBits(lab.experienceFactor(x)),
                        Double.doubleToRawLongBits(m.experienceFactor(lab, x)), "experience " + x + " months");
            }
        }
    }
}
