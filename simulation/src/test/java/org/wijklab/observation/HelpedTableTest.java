package org.wijklab.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.experiment.Runner;
import org.wijklab.model.Help;
import org.wijklab.model.Households;
import org.wijklab.model.Persons;
import org.wijklab.model.TickListener;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;
import org.wijklab.scenario.Overrides;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * helped.csv on a constructed case: the krachtwijk programme for one year (ticks 13 to 24) in a
 * city of 3,000 residents over 4 years, seed 1. A listener of the test gives help to known persons
 * at known ticks (every fourth resident of the targets at tick 13: a case for one to three months,
 * debt counselling to every second of them, an activation place to every third from tick 14; an
 * initiative to a few residents of the targets at tick 30, after the programme's end) and notes,
 * at the points 24 and 48, where each of them is and its outcomes. The table's rows must be those
 * counts: persons, months, form_months, fates and outcomes, exactly.
 */
class HelpedTableTest {
    private static final int END = 24;
    private static final int LAST = 48;
    private static final List<String> FORMS = forms();

    @TempDir
    static Path tmp;

    private static Scenario scenario;
    private static TestCsv helped;
    private static Giver giver;

    /** Gives the help of the constructed case, and counts what each point's rows must hold. */
    static final class Giver implements TickListener {
        final List<Integer> chosen = new ArrayList<>();
        final List<Integer> late = new ArrayList<>();
        final long[] given = new long[Help.FORMS];
        /** Per point: expected cells "form|fate" -> {persons, months, emp sum, emp n, inc sum, inc n, good sum, good n, debts, debts n}. */
        final Map<Integer, Map<String, double[]>> expected = new HashMap<>();
        final Map<Integer, long[]> formMonths = new HashMap<>();
        final Map<Integer, Map<Integer, Integer>> months = new HashMap<>();

        @Override
        public void onTick(WijkLabModel model, int tick) {
            Persons ps = model.persons();
            Households h = model.households();
            Programmes.Run run = model.programmes().runs().get(0);
            Help help = model.help();
            if (tick == 13) {
                int seen = 0;
                for (int p = 0; p < ps.bound(); p++) {
                    if (ps.place[p] == Persons.CITY && run.isTarget[h.hood[ps.household[p]]] && seen++ % 4 == 0) {
                        chosen.add(p);
                    }
                }
            }
            for (int i = 0; i < chosen.size(); i++) {
                int p = chosen.get(i);
                if (tick >= 13 && tick <= 13 + i % 3) {
                    give(help, ps, p, Help.CASE, tick);
                }
                if (tick == 13 && i % 2 == 0) {
                    give(help, ps, p, Help.DEBT, tick);
                }
                if (tick >= 14 && tick <= 16 && i % 3 == 0) {
                    give(help, ps, p, Help.ACTIVATION, tick);
                }
            }
            if (tick == 30) {
                for (int p = 0; p < ps.bound() && late.size() < 10; p++) {
                    if (ps.place[p] == Persons.CITY && run.isTarget[h.hood[ps.household[p]]] && ps.helpFirst[p] == Help.NEVER) {
                        late.add(p);
                        give(help, ps, p, Help.INITIATIVE, tick);
                    }
                }
            }
            if (tick == END || tick == LAST) {
                note(model, run, tick);
            }
        }

        private void give(Help help, Persons ps, int p, int form, int tick) {
            help.give(ps, p, form, 0, tick);
            given[form]++;
            months.computeIfAbsent(p, q -> new HashMap<>()).merge(tick, 1, Integer::sum);
        }

        private void note(WijkLabModel model, Programmes.Run run, int tick) {
            formMonths.put(tick, given.clone());
            Map<String, double[]> cells = new HashMap<>();
            Persons ps = model.persons();
            Households h = model.households();
            PersonSnapshot.View v = new PersonSnapshot.View();
            List<Integer> all = new ArrayList<>(chosen);
            if (tick > 30) {
                all.addAll(late);
            }
            for (int p : all) {
                String fate = switch (ps.place[p]) {
                    case Persons.CITY -> run.isTarget[h.hood[ps.household[p]]] ? "in_targets" : "in_city";
                    case Persons.REGION -> "left_city";
                    case Persons.DEAD -> "died";
                    default -> throw new AssertionError("helped person released");
                };
                double[] x = new double[10];
                x[0] = 1;
                x[1] = months.get(p).size();
                if (ps.place[p] != Persons.DEAD) {
                    v.read(model, p);
                    for (int m = 0; m < 3; m++) {
                        double w = PersonSnapshot.weight(v.flags, m);
                        x[2 + 2 * m] = w * PersonSnapshot.value(v.flags, v.income, v.householdIncome, m);
                        x[3 + 2 * m] = w;
                    }
                }
                if (ps.place[p] == Persons.CITY) {
                    x[8] = h.debt[ps.household[p]] > 0 ? 1 : 0;
                    x[9] = 1;
                }
                List<String> forms = new ArrayList<>(List.of("any"));
                for (int f = 0; f < Help.FORMS; f++) {
                    if ((ps.helpForms[p] & (1 << f)) != 0) {
                        forms.add(Help.NAMES[f]);
                    }
                }
                for (String form : forms) {
                    for (String key : List.of(form + "|all", form + "|" + fate)) {
                        double[] c = cells.computeIfAbsent(key, k -> new double[10]);
                        for (int i = 0; i < 10; i++) {
                            c[i] += x[i];
                        }
                    }
                }
            }
            expected.put(tick, cells);
        }
    }

    @BeforeAll
    static void run() {
        // the programme's own help (places, the team's cases, initiatives' members: no room to act and no
        // ownership support, so no best persons and no initiatives) is switched off: only the test's help is recorded
        scenario = Overrides.parse(List.of("programmes[0].durationYears=1", "programmes[0].team.budgetShare=0",
                "programmes[0].themes.work=0", "programmes[0].themes.health=0", "programmes[0].themes.housing=0.7",
                "programmes[0].bestPersons.roomToAct=0", "programmes[0].ownershipSupport=0"))
                .apply(ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")))
                .withResidents(3000).withYears(4).withMovesLog(false).validate();
        WijkLabModel model = new WijkLabModel(scenario);
        giver = new Giver();
        model.addTickListener(giver);
        Path file = tmp.resolve("helped.csv");
        try (HelpedTable table = new HelpedTable(file, scenario.ticks())) {
            model.addTickListener(table);
            model.runToEnd();
        }
        helped = TestCsv.read(file);
    }

    private static List<String> forms() {
        List<String> f = new ArrayList<>(List.of("any"));
        f.addAll(List.of(Help.NAMES));
        return f;
    }

    @Test
    void theCaseIsAsConstructed() {
        assertEquals(END, (int) Math.round(12 * scenario.programmes().get(0).endYear()), "the programme ends at tick 24");
        assertEquals(LAST, scenario.ticks());
        assertTrue(giver.chosen.size() > 100, "helped persons: " + giver.chosen.size());
        assertEquals(10, giver.late.size());
    }

    @Test
    void oneRowPerPointFormAndFateInOrder() {
        List<String> expected = new ArrayList<>();
        for (int tick : new int[] {END, LAST}) {
            for (String form : FORMS) {
                for (String fate : HelpedTable.FATES) {
                    expected.add("krachtwijk|" + tick + "|" + form + "|" + fate);
                }
            }
        }
        List<String> actual = new ArrayList<>();
        for (int r = 0; r < helped.size(); r++) {
            actual.add(helped.get(r, "programme") + "|" + helped.get(r, "tick") + "|" + helped.get(r, "form") + "|"
                    + helped.get(r, "fate"));
            assertEquals(helped.integer(r, "tick") / 12.0, helped.num(r, "year"), 1e-9);
        }
        assertEquals(expected, actual);
        helped.assertNoEmptyOrNonFiniteCells();
    }

    @Test
    void rowsAreTheConstructedCounts() {
        int checked = 0;
        int nonEmpty = 0;
        for (int r = 0; r < helped.size(); r++) {
            int tick = (int) helped.integer(r, "tick");
            String form = helped.get(r, "form");
            String fate = helped.get(r, "fate");
            String at = "helped.csv line " + (r + 2) + " (" + tick + ", " + form + ", " + fate + ")";
            double[] x = giver.expected.get(tick).getOrDefault(form + "|" + fate, new double[10]);
            assertEquals((long) x[0], helped.integer(r, "persons"), at + ": persons");
            assertEquals((long) x[1], helped.integer(r, "months_helped"), at + ": months");
            String[] metrics = {"employment", "income", "good_mental_health", "debts"};
            for (int m = 0; m < 4; m++) {
                long n = helped.integer(r, metrics[m] + "_n");
                assertEquals((long) x[3 + 2 * m], n, at + ": " + metrics[m] + "_n");
                if (n == 0) {
                    assertEquals("NA", helped.get(r, metrics[m]), at + ": a mean over nobody");
                } else {
                    double mean = x[2 + 2 * m] / n;
                    assertEquals(mean, helped.num(r, metrics[m]), 1e-6 * Math.max(1, mean), at + ": " + metrics[m]);
                }
            }
            if (fate.equals("all")) {
                long[] given = giver.formMonths.get(tick);
                long want = 0;
                for (int f = 0; f < Help.FORMS; f++) {
                    if (form.equals("any") || form.equals(Help.NAMES[f])) {
                        want += given[f];
                    }
                }
                assertEquals(want, helped.integer(r, "form_months"), at + ": form_months");
            } else {
                assertEquals("NA", helped.get(r, "form_months"), at);
            }
            if (fate.equals("left_city") || fate.equals("died")) {
                assertEquals("NA", helped.get(r, "debts"), at + ": no debts outside the city");
            }
            nonEmpty += x[0] > 0 ? 1 : 0;
            checked++;
        }
        assertEquals(70, checked);
        assertTrue(nonEmpty > 20, "cells with persons: " + nonEmpty);
    }

    @Test
    void theFatesAddUpAndSomeHelpedPersonsMoved() {
        for (int tick : new int[] {END, LAST}) {
            for (String form : FORMS) {
                long all = 0;
                long sum = 0;
                long months = 0;
                long monthSum = 0;
                for (int r = 0; r < helped.size(); r++) {
                    if (helped.integer(r, "tick") != tick || !helped.get(r, "form").equals(form)) {
                        continue;
                    }
                    if (helped.get(r, "fate").equals("all")) {
                        all = helped.integer(r, "persons");
                        months = helped.integer(r, "months_helped");
                    } else {
                        sum += helped.integer(r, "persons");
                        monthSum += helped.integer(r, "months_helped");
                    }
                }
                assertEquals(all, sum, tick + " " + form);
                assertEquals(months, monthSum, tick + " " + form);
            }
        }
        // at the last tick: persons per form as given, and some of them moved within the city and out of it
        assertEquals(giver.chosen.size() + 10, value(LAST, "any", "all", "persons"));
        assertEquals(giver.chosen.size(), value(END, "any", "all", "persons"), "the late ones come after the end");
        assertEquals(giver.chosen.size(), value(LAST, "case", "all", "persons"));
        assertEquals((giver.chosen.size() + 1) / 2, value(LAST, "debt_counselling", "all", "persons"));
        assertEquals((giver.chosen.size() + 2) / 3, value(LAST, "activation", "all", "persons"));
        assertEquals(0, value(END, "initiative", "all", "persons"));
        assertEquals(0, value(END, "initiative", "all", "form_months"));
        assertEquals(10, value(LAST, "initiative", "all", "form_months"));
        assertTrue(value(LAST, "any", "in_city", "persons") > 0, "some moved within the city");
        assertTrue(value(LAST, "any", "left_city", "persons") > 0, "some left the city");
        assertTrue(value(LAST, "any", "in_targets", "persons") > value(LAST, "any", "in_city", "persons"));
    }

    @Test
    void pointsAreTheEndTenYearsLaterAndTheLastTickWithinTheRun() {
        List<Integer> points = new ArrayList<>();
        for (int t = 0; t <= 200; t++) {
            if (HelpedTable.point(t, 24, 200)) {
                points.add(t);
            }
        }
        assertEquals(List.of(24, 144, 200), points);
        points.clear();
        for (int t = 0; t <= 100; t++) {
            if (HelpedTable.point(t, 100, 100)) {
                points.add(t);
            }
        }
        assertEquals(List.of(100), points, "an end at the last tick is one point");
        assertFalse(HelpedTable.point(144, 24, 120), "ten years after the end is beyond a run of 120 ticks");
    }

    @Test
    void headerIsTheDocumentedColumnsInOrder() throws IOException {
        Path doc = Path.of("docs", "OUTPUTS.md");
        if (!Files.exists(doc)) {
            doc = Path.of("..", "docs", "OUTPUTS.md");
        }
        String text = Files.readString(doc);
        assertEquals(List.of(HelpedTable.HEADER), helped.header());
        assertEquals(ProgrammeOutputsTest.documented(text, Runner.HELPED), helped.header(), "helped.csv vs OUTPUTS.md");
        assertEquals(ProgrammeOutputsTest.documented(text, Runner.LEAK), List.of(LeakTable.HEADER), "leak.csv vs OUTPUTS.md");
    }

    private static long value(int tick, String form, String fate, String column) {
        for (int r = 0; r < helped.size(); r++) {
            if (helped.integer(r, "tick") == tick && helped.get(r, "form").equals(form) && helped.get(r, "fate").equals(fate)) {
                return helped.integer(r, column);
            }
        }
        throw new AssertionError("no row " + tick + " " + form + " " + fate);
    }
}
