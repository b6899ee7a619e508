package org.wijklab.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.wijklab.model.Help;
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
        ps.birthTick[p] = Persons.month(tick - 12 * ageYears - 5);
        ps.education[p] = (byte) education;
        ps.ability[p] = 1.1f;
        ps.experienceMonths[p] = Persons.month(experienceMonths);
        ps.statusSince[p] = Persons.month(tick - spellMonths);
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
        ps.wwFrom[p1] = Persons.month(tick - 3);
        ps.wwUntil[p1] = Persons.month(tick + 5);
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

    /** A live household of this many adults with a child, none of whose members a programme has helped yet. */
    static int unhelped(WijkLabModel m, int adults, int from) {
        Households h = m.households();
        Persons ps = m.persons();
        for (int s = from; s < h.capacity; s++) {
            if (h.dwelling[s] < 0 || h.adults[s] != adults || h.firstChild[s] < 0) {
                continue;
            }
            if (HelpLayer.state(h, ps, s, Integer.MAX_VALUE) == HelpLayer.NEVER) {
                return s;
            }
        }
        throw new AssertionError("no unhelped household of " + adults + " adults with children");
    }

    @Test
    void theHelpHistoryNamesEachMembersFormsMonthsProgrammeAndLegacy() throws Exception {
        WijkLabModel m = new WijkLabModel(ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(3000)
                .withWarmUpYears(0).withYears(3));
        m.start();
        for (int k = 0; k < 25; k++) {
            m.schedule.step(m);
        }
        Households h = m.households();
        Persons ps = m.persons();
        int tick = m.tick();
        assertEquals(25, tick);
        int s = unhelped(m, 2, 0);
        int quiet = unhelped(m, 2, s + 1);
        int p0 = h.adultPerson[2 * s];
        int child = h.firstChild[s];
        // the model's own teams may have helped others by now: the counts grow by this test's help
        long caseMonths = m.help().months(0, Help.CASE);
        long debtPersons = m.help().persons(0, Help.DEBT);
        // adult 1: a case for three months up to this one, debt counselling in the middle one, by the
        // first (only) programme; an activation place with 4 months left, skill, and debts resolved
        m.help().give(ps, p0, Help.CASE, 0, tick - 2);
        m.help().give(ps, p0, Help.DEBT, 0, tick - 1);
        m.help().give(ps, p0, Help.CASE, 0, tick - 1);
        m.help().give(ps, p0, Help.CASE, 0, tick);
        ps.skill[p0] = 0.25f;
        ps.activationLeft[p0] = 4;
        ps.legacy[p0] |= Help.COUNSELLED;
        ps.debtFreeAt[p0] = Persons.month(tick - 1);
        // the first child: youth help in one month of year 1, a treated recovery a month later
        m.help().give(ps, child, Help.YOUTH, 0, 14);
        ps.legacy[child] |= Help.TREATED_RECOVERY;
        ps.recoveredAt[child] = 15;
        assertEquals(caseMonths + 3, m.help().months(0, Help.CASE));
        assertEquals(debtPersons + 1, m.help().persons(0, Help.DEBT));

        String[] lines = new Inspections.Dwelling(m, null, null, h.dwelling[s]).getHelpHistory();
        String all = String.join("\n", lines);
        assertEquals(2 + ps.count(child), lines.length, all);
        String programme = m.scenario().programmes().get(0).name();
        assertEquals("adult 1: case, debt counselling; 3 months with help, y1 m12 to y2 m2 (helped this month); by " + programme
                + "; skill 0.25; 4 months left in an activation place; debts resolved with counselling y2 m1", lines[0], all);
        assertEquals("adult 2: never helped", lines[1], all);
        assertEquals("child 1: youth help; 1 month with help, y1 m3 to y1 m3; by " + programme
                + "; recovered with treatment y1 m4", lines[2], all);

        // a household nobody of which was helped: one line
        assertArrayEquals(new String[] {"never helped"},
                new Inspections.Dwelling(m, null, null, h.dwelling[quiet]).getHelpHistory());
        // a vacant dwelling: nothing
        int vacant = -1;
        for (int d = 0; d < m.dwellings().count && vacant < 0; d++) {
            vacant = m.dwellings().occupant[d] < 0 ? d : -1;
        }
        assertTrue(vacant >= 0, "a vacant dwelling");
        assertEquals(0, new Inspections.Dwelling(m, null, null, vacant).getHelpHistory().length);
        m.finish();
    }
}
