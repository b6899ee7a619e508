package org.wijklab.observation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.wijklab.scenario.Overrides;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * leak.csv: the krachtwijk programme for two years in a city of 3,000 residents over 4 years, seed
 * 1, cohort years [0, 1]. Run through the runner with one and with two threads (the same bytes),
 * and on the model directly with a listener of the test that gives help to every tenth member of
 * the year-1 cohort at tick 20 and follows every member month by month on its own: where it is,
 * the first month it is found outside its origin, whether it was eligible at the cohort tick, and
 * each month at risk as helped or not (helped if its first help, by the programme or the test, came
 * at an earlier tick than the month's end). Every row must be the sum of those members; and the
 * identities with origins.csv hold, and the split of time at risk and leavers at first help adds up
 * to the totals.
 */
class LeakTableTest {
    private static final int HELP_TICK = 20;

    @TempDir
    static Path tmp;

    private static Scenario scenario;
    private static Path one;
    private static Path two;
    private static TestCsv leak;
    private static TestCsv origins;
    private static TestCsv direct;
    private static Mirror mirror;

    /** The test's own account of every member, month by month, and the help of the constructed case. */
    static final class Mirror implements TickListener {
        final OriginsTable origins;
        /** Per cohort: each member's eligibility, first month outside its origin (-1 none) and month at risk ended. */
        final boolean[][] eligible = new boolean[2][];
        final int[][] leftAt = new int[2][];
        final int[][] stopAt = new int[2][];
        /** Per cohort: each member's months at risk after its first help, and whether its move out came after it. */
        final int[][] helpedMonths = new int[2][];
        final boolean[][] leftHelped = new boolean[2][];
        /** Per cohort: each member's snapshot flags and equivalised income at the cohort tick. */
        final byte[][] flags0 = new byte[2][];
        final float[][] income0 = new float[2][];
        final PersonSnapshot.View view = new PersonSnapshot.View();
        /**
         * Expected cells "year|tick|origin|location|eligible|helped" -> {persons, left, months at risk,
         * months at risk unhelped, helped, left unhelped, helped}.
         */
        final Map<String, long[]> cells = new HashMap<>();
        /** The same cells' {n0, n, gain} per metric. */
        final Map<String, double[]> gains = new HashMap<>();
        int helped;

        Mirror(OriginsTable origins) {
            this.origins = origins;
        }

        @Override
        public void onTick(WijkLabModel model, int tick) {
            Persons ps = model.persons();
            Households h = model.households();
            for (int c = 0; c < 2; c++) {
                int c0 = 12 * origins.years()[c];
                if (tick < c0) {
                    continue;
                }
                int[] s = origins.slots(c);
                int[] first = origins.first(c);
                if (tick == c0) {
                    eligible[c] = new boolean[s.length];
                    leftAt[c] = new int[s.length];
                    stopAt[c] = new int[s.length];
                    helpedMonths[c] = new int[s.length];
                    leftHelped[c] = new boolean[s.length];
                    flags0[c] = new byte[s.length];
                    income0[c] = new float[s.length];
                    for (int i = 0; i < s.length; i++) {
                        view.read(model, s[i]);
                        flags0[c][i] = view.flags;
                        income0[c][i] = view.income;
                        int k = ps.household[s[i]];
                        boolean out = false;
                        for (int a = 0; a < h.adults[k]; a++) {
                            byte st = h.status[2 * k + a];
                            out |= st == Households.UNEMPLOYED || st == Households.INACTIVE;
                            out |= h.mental[2 * k + a] != Households.GOOD;
                        }
                        eligible[c][i] = out || h.debt[k] > 0 || h.youth[k] > 0;
                        leftAt[c][i] = -1;
                        stopAt[c][i] = -1;
                    }
                }
                for (int j = 0; j + 1 < first.length; j++) {
                    for (int i = first[j]; i < first[j + 1]; i++) {
                        int p = s[i];
                        if (c == 1 && tick == HELP_TICK && (i % 10) == 0) {
                            model.help().give(ps, p, Help.CASE, 0, tick);
                            helped++;
                        }
                        boolean away = ps.place[p] == Persons.REGION
                                || ps.place[p] == Persons.CITY && h.hood[ps.household[p]] != j;
                        // this month (ending at this tick) is at risk if the member was at risk when it began
                        boolean atRisk = tick > c0 && stopAt[c][i] < 0;
                        boolean helpedBefore = ps.helpFirst[p] != Help.NEVER && ps.helpFirst[p] < tick;
                        if (atRisk && helpedBefore) {
                            helpedMonths[c][i]++;
                        }
                        if (atRisk && away) {
                            leftAt[c][i] = tick - c0;
                            stopAt[c][i] = tick - c0;
                            leftHelped[c][i] = helpedBefore;
                        } else if (atRisk && ps.place[p] == Persons.DEAD) {
                            stopAt[c][i] = tick - c0;
                        }
                        if (tick % 12 == 0) {
                            String location = switch (ps.place[p]) {
                                case Persons.CITY -> model.neighbourhoods().name[h.hood[ps.household[p]]];
                                case Persons.REGION -> "region";
                                default -> "dead";
                            };
                            boolean help = ps.helpFirst[p] != Help.NEVER && ps.helpFirst[p] <= tick;
                            String key = origins.years()[c] + "|" + tick + "|" + model.neighbourhoods().name[j] + "|"
                                    + location + "|" + (eligible[c][i] ? 1 : 0) + "|" + (help ? 1 : 0);
                            long[] x = cells.computeIfAbsent(key, q -> new long[7]);
                            x[0]++;
                            x[1] += leftAt[c][i] >= 0 ? 1 : 0;
                            long months = stopAt[c][i] >= 0 ? stopAt[c][i] : tick - c0;
                            x[2] += months;
                            x[3] += months - helpedMonths[c][i];
                            x[4] += helpedMonths[c][i];
                            x[5] += leftAt[c][i] >= 0 && !leftHelped[c][i] ? 1 : 0;
                            x[6] += leftAt[c][i] >= 0 && leftHelped[c][i] ? 1 : 0;
                            double[] g = gains.computeIfAbsent(key, q -> new double[9]);
                            view.read(model, p);
                            for (int m = 0; m < 3; m++) {
                                if (PersonSnapshot.weight(flags0[c][i], m) > 0) {
                                    g[3 * m]++;
                                    if (ps.place[p] != Persons.DEAD && PersonSnapshot.weight(view.flags, m) > 0) {
                                        g[3 * m + 1]++;
                                        g[3 * m + 2] += PersonSnapshot.value(view.flags, view.income, 0f, m)
                                                - PersonSnapshot.value(flags0[c][i], income0[c][i], 0f, m);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @BeforeAll
    static void runs() {
        scenario = Overrides.parse(List.of("programmes[0].durationYears=2"))
                .apply(ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")))
                .withResidents(3000).withYears(4).withMovesLog(false).validate();
        one = tmp.resolve("one");
        two = tmp.resolve("two");
        Runner.run(scenario, "test", one, "test", 1);
        Runner.run(scenario, "test", two, "test", 2);
        leak = TestCsv.read(one.resolve(Runner.LEAK));
        origins = TestCsv.read(one.resolve(Runner.ORIGINS));

        WijkLabModel model = new WijkLabModel(scenario);
        Path file = tmp.resolve("direct-leak.csv");
        try (OriginsTable o = new OriginsTable(tmp.resolve("direct-origins.csv"), new int[] {0, 1}, scenario.ticks());
                LeakTable l = new LeakTable(file, o, scenario.ticks())) {
            mirror = new Mirror(o);
            model.addTickListener(o);
            model.addTickListener(mirror);
            model.addTickListener(l);
            model.runToEnd();
        }
        direct = TestCsv.read(file);
    }

    @Test
    void oneAndTwoThreadsWriteTheSameBytes() throws IOException {
        for (String f : List.of(Runner.LEAK, Runner.HELPED, Runner.ORIGINS)) {
            byte[] a = Files.readAllBytes(one.resolve(f));
            assertTrue(a.length > 100, f);
            assertArrayEquals(a, Files.readAllBytes(two.resolve(f)), f + " with 1 and 2 threads");
        }
        leak.assertNoEmptyOrNonFiniteCells();
    }

    @Test
    void everyRowIsTheSumOfItsMembers() {
        assertTrue(mirror.helped > 50, "helped members: " + mirror.helped);
        Map<String, long[]> rows = new HashMap<>();
        for (int r = 0; r < direct.size(); r++) {
            String key = direct.get(r, "cohort_year") + "|" + direct.get(r, "tick") + "|" + direct.get(r, "origin") + "|"
                    + direct.get(r, "location") + "|" + direct.get(r, "eligible") + "|" + direct.get(r, "helped");
            rows.put(key, new long[] {direct.integer(r, "persons"), direct.integer(r, "left_origin"),
                direct.integer(r, "months_at_risk"), direct.integer(r, "months_at_risk_unhelped"),
                direct.integer(r, "months_at_risk_helped"), direct.integer(r, "left_unhelped"),
                direct.integer(r, "left_helped")});
        }
        assertEquals(mirror.cells.keySet(), rows.keySet(), "the cells with members");
        for (Map.Entry<String, long[]> e : mirror.cells.entrySet()) {
            assertArrayEquals(e.getValue(), rows.get(e.getKey()), e.getKey() + ": persons, left_origin, months_at_risk, "
                    + "months_at_risk_unhelped, months_at_risk_helped, left_unhelped, left_helped");
        }
        // the split matters: helped members with months at risk before their help, and leavers on both sides of it
        long[] split = new long[4];
        for (int r = 0; r < direct.size(); r++) {
            if (direct.get(r, "helped").equals("1")) {
                split[0] += direct.integer(r, "months_at_risk_unhelped");
                split[1] += direct.integer(r, "months_at_risk_helped");
                split[2] += direct.integer(r, "left_unhelped");
                split[3] += direct.integer(r, "left_helped");
            }
        }
        assertTrue(split[0] > 0 && split[1] > 0 && split[3] > 0, "helped rows' months unhelped, helped, leavers after help: "
                + java.util.Arrays.toString(split));
        int changed = 0;
        for (int r = 0; r < direct.size(); r++) {
            String key = direct.get(r, "cohort_year") + "|" + direct.get(r, "tick") + "|" + direct.get(r, "origin") + "|"
                    + direct.get(r, "location") + "|" + direct.get(r, "eligible") + "|" + direct.get(r, "helped");
            double[] g = mirror.gains.get(key);
            for (int m = 0; m < 3; m++) {
                String name = LeakTable.METRICS[m];
                assertEquals((long) g[3 * m], direct.integer(r, name + "_n0"), key + ": " + name + "_n0");
                assertEquals((long) g[3 * m + 1], direct.integer(r, name + "_n"), key + ": " + name + "_n");
                // rounded to six decimals in the file
                assertEquals(g[3 * m + 2], direct.num(r, name + "_gain"), 1e-6 + 1e-12 * Math.abs(g[3 * m + 2]),
                        key + ": " + name + "_gain");
                changed += g[3 * m + 2] != 0 ? 1 : 0;
            }
        }
        assertTrue(changed > 100, "cells with a gain: " + changed);
        long helpedRows = direct.rows().stream().filter(r -> r.get(direct.column("helped")).equals("1")).count();
        assertTrue(helpedRows > 0, "the helped members have rows");
    }

    @Test
    void membersAddUpToOriginsCohortsAtEveryPoint() {
        Map<String, long[]> sums = new HashMap<>();
        for (int r = 0; r < leak.size(); r++) {
            String key = leak.get(r, "cohort_year") + "|" + leak.get(r, "tick") + "|" + leak.get(r, "origin");
            long[] s = sums.computeIfAbsent(key, k -> new long[9]);
            String location = leak.get(r, "location");
            long n = leak.integer(r, "persons");
            s[0] += n;
            s[location.equals(leak.get(r, "origin")) ? 1 : location.equals("region") ? 3 : location.equals("dead") ? 4 : 2] += n;
            s[5] += leak.integer(r, "employment_n0");
            s[6] += leak.integer(r, "income_n0");
            s[7] += leak.integer(r, "good_mental_health_n0");
            s[8] += leak.integer(r, "income_n");
        }
        Map<String, Integer> baseline = new HashMap<>();
        for (int r = 0; r < origins.size(); r++) {
            if (origins.integer(r, "tick") == 12 * origins.integer(r, "origin_year")) {
                baseline.put(origins.get(r, "origin_year") + "|" + origins.get(r, "neighbourhood"), r);
            }
        }
        assertEquals(origins.size(), sums.size(), "a set of rows per origins.csv row");
        for (int r = 0; r < origins.size(); r++) {
            String key = origins.get(r, "origin_year") + "|" + origins.get(r, "tick") + "|" + origins.get(r, "neighbourhood");
            long[] s = sums.get(key);
            assertEquals(origins.integer(r, "cohort_size"), s[0], key + ": persons");
            assertEquals(origins.integer(r, "in_origin"), s[1], key + ": in the origin");
            assertEquals(origins.integer(r, "elsewhere_in_city"), s[2], key + ": elsewhere in the city");
            assertEquals(origins.integer(r, "in_region"), s[3], key + ": in the region");
            assertEquals(origins.integer(r, "dead"), s[4], key + ": dead");
            int b = baseline.get(origins.get(r, "origin_year") + "|" + origins.get(r, "neighbourhood"));
            assertEquals(origins.integer(b, "employment_n"), s[5], key + ": employment_n0");
            assertEquals(origins.integer(b, "income_n"), s[6], key + ": income_n0");
            assertEquals(origins.integer(b, "good_mental_health_n"), s[7], key + ": good_mental_health_n0");
            assertEquals(origins.integer(r, "income_n"), s[8], key + ": income measured on everyone alive");
        }
    }

    @Test
    void leaversAndTheirTimeAtRiskAgreeWithWhereTheyAre() {
        int away = 0;
        for (int r = 0; r < leak.size(); r++) {
            String at = "leak.csv line " + (r + 2);
            long n = leak.integer(r, "persons");
            long left = leak.integer(r, "left_origin");
            long risk = leak.integer(r, "months_at_risk");
            long riskHelped = leak.integer(r, "months_at_risk_helped");
            long leftHelped = leak.integer(r, "left_helped");
            assertEquals(risk, leak.integer(r, "months_at_risk_unhelped") + riskHelped, at + ": the split of months at risk");
            assertEquals(left, leak.integer(r, "left_unhelped") + leftHelped, at + ": the split of leavers");
            assertTrue(riskHelped >= 0 && leftHelped >= 0 && leak.integer(r, "months_at_risk_unhelped") >= 0
                    && leak.integer(r, "left_unhelped") >= 0, at);
            if (leak.get(r, "helped").equals("0")) {
                assertEquals(0, riskHelped + leftHelped, at + ": nobody unhelped by the point has helped time or leaves");
            }
            assertTrue(leftHelped == 0 || riskHelped >= leftHelped, at + ": a helped leave ends a helped month");
            long elapsed = leak.integer(r, "tick") - 12 * leak.integer(r, "cohort_year");
            String location = leak.get(r, "location");
            assertTrue(n > 0, at + ": only cells with members");
            assertTrue(left <= n && risk <= n * elapsed, at);
            if (!location.equals(leak.get(r, "origin")) && !location.equals("dead")) {
                assertEquals(n, left, at + ": everyone away from its origin has left it");
                assertTrue(risk >= n, at + ": a leaver was at risk at least the month it left in");
                away++;
            }
            if (location.equals(leak.get(r, "origin")) && left == 0) {
                assertEquals(n * elapsed, risk, at + ": those who never left were at risk all along");
            }
            if (elapsed == 0) {
                assertEquals(leak.get(r, "origin"), location, at + ": at the cohort tick everyone is in its origin");
                for (String m : LeakTable.METRICS) {
                    assertEquals(leak.integer(r, m + "_n0"), leak.integer(r, m + "_n"), at + ": " + m);
                    assertEquals(0.0, leak.num(r, m + "_gain"), 0.0, at + ": " + m);
                }
            }
            for (String m : LeakTable.METRICS) {
                assertTrue(leak.integer(r, m + "_n") <= leak.integer(r, m + "_n0"), at + ": " + m);
            }
            if (location.equals("dead")) {
                for (String m : LeakTable.METRICS) {
                    assertEquals(0, leak.integer(r, m + "_n"), at + ": the dead are not measured");
                }
            }
        }
        assertTrue(away > 10, "rows of members away from their origin: " + away);
    }

    @Test
    void theEmploymentGainIsTheChangeInTheEmployedAmongThoseMeasuredTwice() {
        // each member's employment gain is -1, 0 or 1: a cell's gain is bounded by its count
        List<Long> gains = new ArrayList<>();
        for (int r = 0; r < leak.size(); r++) {
            double g = leak.num(r, "employment_gain");
            long n = leak.integer(r, "employment_n");
            assertEquals(Math.rint(g), g, 0.0, "leak.csv line " + (r + 2));
            assertTrue(Math.abs(g) <= n, "leak.csv line " + (r + 2));
            gains.add((long) g);
        }
        assertTrue(gains.stream().anyMatch(g -> g != 0), "some employment changed");
    }

    @Test
    void withoutProgrammesOrCohortYearsTheFilesAreNotWritten() {
        Scenario s = Overrides.parse(List.of("output.cohortYears=[]")).apply(ScenarioLoader.defaults())
                .withResidents(2000).withYears(1).withMovesLog(false).validate();
        Path dir = tmp.resolve("neither");
        Runner.Result result = Runner.run(s, "test", dir, "test");
        for (String f : List.of(Runner.LEAK, Runner.HELPED)) {
            assertTrue(!result.files().contains(f) && !Files.exists(dir.resolve(f)), f + ": " + result.files());
        }
        assertTrue(Runner.run(scenario, "test", tmp.resolve("listed"), "test").files()
                .containsAll(List.of(Runner.LEAK, Runner.HELPED)), "a programme's run with cohort years lists both");
    }
}
