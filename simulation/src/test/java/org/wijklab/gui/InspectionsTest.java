package org.wijklab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.wijklab.model.Households;
import org.wijklab.model.Persons;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The household inspector's persons, on a constructed household in a small city (no display
 * needed: the inspector's text is read directly; GuiTest opens it in MASON's inspector).
 */
class InspectionsTest {
    private static WijkLabModel model() {
        WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson("{ \"warmUpYears\": 0 }", "inspector test")
                .withResidents(3000).withYears(2));
        m.start();
        for (int k = 0; k < 14; k++) {
            m.schedule.step(m);
        }
        return m;
    }

    /** A live household with this many adults and at least one child. */
    private static int household(WijkLabModel m, int adults) {
        Households h = m.households();
        for (int s = 0; s < h.capacity; s++) {
            if (h.dwelling[s] >= 0 && h.adults[s] == adults && h.firstChild[s] >= 0) {
                return s;
            }
        }
        throw new AssertionError("no household of " + adults + " adults with children");
    }

    /** Gives adult position k of a household the state the test wants (the person's own and the household's copies). */
    private static int adult(WijkLabModel m, int k, int ageYears, int education, byte status, byte mental, int experienceMonths,
            int spellMonths) {
        Households h = m.households();
        Persons ps = m.persons();
        int tick = m.tick();
        int p = h.adultPerson[k];
        ps.birthTick[p] = tick - 12 * ageYears - 5;
        ps.education[p] = (byte) education;
        ps.ability[p] = 1.1f;
        ps.experienceMonths[p] = experienceMonths;
        ps.statusSince[p] = tick - spellMonths;
        ps.wwFrom[p] = Persons.NO_WW;
        ps.wwUntil[p] = Persons.NO_WW;
        h.adultBirth[k] = ps.birthTick[p];
        h.adultEducation[k] = ps.education[p];
        h.status[k] = status;
        h.mental[k] = mental;
        return p;
    }

    private static String euro(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    @Test
    void theInspectorNamesEachAdultsOwnWageSourceAndExperienceAndEachChild() {
        WijkLabModel m = model();
        int s = household(m, 2);
        Households h = m.households();
        int tick = m.tick();
        int p0 = adult(m, 2 * s, 44, 2, Households.EMPLOYED, Households.GOOD, 150, 30);
        int p1 = adult(m, 2 * s + 1, 39, 0, Households.UNEMPLOYED, Households.GOOD, 84, 3);
        Persons ps = m.persons();
        ps.wwFrom[p1] = tick - 3;
        ps.wwUntil[p1] = tick + 5;
        ps.wwBase[p1] = 24_000f;

        Inspections.Dwelling d = new Inspections.Dwelling(m, null, null, h.dwelling[s]);
        String[] lines = d.getPersons();
        String all = String.join("\n", lines);
        assertEquals(2 + ps.count(h.firstChild[s]), lines.length, all);

        double w0 = m.wage(p0, true, tick);
        double w1 = m.wage(p1, false, tick);
        assertTrue(w0 > 0 && w1 > 0 && Math.abs(w0 - w1) > 1, "two different own wages: " + w0 + ", " + w1);
        assertTrue(lines[0].startsWith("adult 1: 44 years, high education, employed, earns " + euro(w0) + " euro a year"), all);
        assertTrue(lines[0].contains("lives on its wage"), all);
        assertTrue(lines[0].contains(String.format(Locale.ROOT, "%.1f years of work experience", (150 + 30) / 12.0)), all);
        assertTrue(lines[1].startsWith("adult 2: 39 years, low education, unemployed, would earn " + euro(w1)
                + " euro a year in work"), all);
        // WW: 3 months in, so past the first two months at the higher share; 5 months left
        assertTrue(lines[1].contains("unemployment insurance (WW), " + euro(m.scenario().labour().wwShare() * 24_000)
                + " euro a year, 5 months left"), all);
        double lost = m.scenario().labour().experienceLoss() * 3;
        assertTrue(lines[1].contains(String.format(Locale.ROOT, "%.1f years of work experience", (84 - lost) / 12.0)), all);
        int c = 0;
        for (int p = h.firstChild[s]; p >= 0; p = ps.nextChild[p]) {
            c++;
            assertTrue(lines[1 + c].startsWith("child " + c + ": " + ps.age(p, tick) + " years, " + ps.exposureMonths[p]
                    + " months of upbringing counted"), all);
        }

        // the partner of an earner without work or benefit lives on nothing of its own (the means test)
        adult(m, 2 * s + 1, 39, 0, Households.INACTIVE, Households.GOOD, 84, 3);
        lines = d.getPersons();
        assertTrue(lines[1].contains("lives on no income of its own (its partner's income counts)"), Arrays.toString(lines));
    }

    @Test
    void anAdultWithoutIncomeInAHouseholdBelowTheNormLivesOnSocialAssistance() {
        WijkLabModel m = model();
        int s = household(m, 1);
        int p = adult(m, 2 * s, 30, 1, Households.UNEMPLOYED, Households.POOR, 0, 12);
        m.updateIncome(s);
        String[] lines = new Inspections.Dwelling(m, null, null, m.households().dwelling[s]).getPersons();
        assertTrue(lines[0].startsWith("adult 1: 30 years, mid education, unemployed, would earn "
                + euro(m.wage(p, false, m.tick())) + " euro a year in work"), Arrays.toString(lines));
        double norm = m.scenario().labour().benefitSingle();
        assertTrue(lines[0].contains("lives on social assistance (the household is topped up by " + euro(norm) + " euro a year)"),
                Arrays.toString(lines));
        assertTrue(lines[0].endsWith("0.0 years of work experience"), Arrays.toString(lines));
    }
}
