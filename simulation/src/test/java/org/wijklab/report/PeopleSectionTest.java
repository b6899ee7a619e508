package org.wijklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.scenario.Scenario;

/**
 * The report's best persons and team caseloads ({@link PeopleSection}) on small real runs of 10,000
 * residents: a scenario without a programme (one seed), a programme with an integral team (two
 * seeds), and a programme without a team whose plan leaves no room for best persons (one seed).
 * Every figure checked is recomputed here from the runs' own services.csv, so the section can only
 * pass by reading it right; the scenarios without best persons or a team must show no rows at all.
 */
class PeopleSectionTest {
    @TempDir
    static Path tmp;
    static Path runs;
    static Path report;

    private static Scenario sized(Scenario s, String... sets) {
        List<String> all = new ArrayList<>(List.of("city.residents=10000"));
        all.addAll(List.of(sets));
        return ReportFixtures.with(s, all.toArray(String[]::new));
    }

    @BeforeAll
    static void build() {
        runs = tmp.resolve("runs");
        ReportFixtures.run(sized(ReportFixtures.baseline("base")), 1, runs);
        ReportFixtures.run(sized(ReportFixtures.programme("prog")), 2, runs);
        ReportFixtures.run(sized(ReportFixtures.programme("bare"), "programmes.0.team.mode=none",
                "programmes.0.team.budgetShare=0", "programmes.0.themes.work=0.5",
                "programmes.0.bestPersons.roomToAct=0"), 1, runs);
        report = tmp.resolve("report");
        Report.write(List.of(runs.resolve("base"), runs.resolve("prog"), runs.resolve("bare")), report,
                Report.Options.defaults());
    }

    private static TestCsv services(String scenario, int seed) {
        return TestCsv.read(runs.resolve(scenario + "/seed-" + seed + "/services.csv"));
    }

    private static double num(TestCsv t, int row, String column) {
        return Double.parseDouble(t.get(row, column));
    }

    /** The rows of a summary whose columns have the given values (pairs of column, value). */
    private static List<Integer> rows(TestCsv t, String... match) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            boolean ok = true;
            for (int k = 0; k < match.length; k += 2) {
                ok &= t.get(i, match[k]).equals(match[k + 1]);
            }
            if (ok) {
                out.add(i);
            }
        }
        return out;
    }

    /** The neighbourhoods of a run where its programme was ever active. */
    private static Set<String> targets(TestCsv s) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < s.size(); i++) {
            if (!s.get(i, "programme_active").equals("0")) {
                out.add(s.get(i, "neighbourhood"));
            }
        }
        return out;
    }

    /** The ticks at which the programme is active in the run. */
    private static TreeSet<Integer> activeTicks(TestCsv s) {
        TreeSet<Integer> out = new TreeSet<>();
        for (int i = 0; i < s.size(); i++) {
            if (!s.get(i, "programme_active").equals("0")) {
                out.add(Integer.parseInt(s.get(i, "tick")));
            }
        }
        return out;
    }

    /** A column summed over the run's targets at a tick. */
    private static double atTick(TestCsv s, int tick, String column) {
        Set<String> targets = targets(s);
        double sum = 0;
        for (int i = 0; i < s.size(); i++) {
            if (Integer.parseInt(s.get(i, "tick")) == tick && targets.contains(s.get(i, "neighbourhood"))) {
                sum += num(s, i, column);
            }
        }
        return sum;
    }

    /** A column (or, with a second, the product of two) summed over the active rows from a tick on. */
    private static double active(TestCsv s, int from, String column, String times) {
        double sum = 0;
        for (int i = 0; i < s.size(); i++) {
            if (!s.get(i, "programme_active").equals("0") && Integer.parseInt(s.get(i, "tick")) >= from) {
                sum += num(s, i, column) * (times == null ? 1.0 : num(s, i, times));
            }
        }
        return sum;
    }

    /**
     * The mean of two values and, when they differ, its 95 % interval: t(0.975, 1) · |a − b| / 2 around
     * it, cut at 0 (and at max).
     */
    private static void assertEstimate(double a, double b, TestCsv t, int row, String what, double max) {
        double mean = (a + b) / 2;
        double tol = 1e-5 * Math.abs(mean) + 1e-9;
        assertEquals(mean, num(t, row, "mean"), tol, what);
        assertEquals("2", t.get(row, "n"), what);
        if (a != b) {
            double half = 12.706204736174707 * Math.abs(a - b) / 2;
            double lo = Math.min(max, Math.max(0, mean - half));
            double hi = Math.min(max, Math.max(0, mean + half));
            assertEquals(lo, num(t, row, "lo"), 1e-5 * (half + Math.abs(mean)), what + " lo");
            assertEquals(hi, num(t, row, "hi"), 1e-5 * (half + Math.abs(mean)), what + " hi");
        } else {
            assertEquals("NA", t.get(row, "lo"), what + ": no spread, no interval");
        }
    }

    @Test
    void bestPersonsAreTheTargetsSumsOfServicesAtTheProgrammesEndAndTheRunsEnd() {
        TestCsv t = TestCsv.read(report.resolve("summary-best-persons.csv"));
        double emergedAtEnd = 0;
        for (String point : new String[] {"programme_end", "run_end"}) {
            double[][] v = new double[7][2];
            int[] ticks = new int[2];
            for (int seed = 1; seed <= 2; seed++) {
                TestCsv s = services("prog", seed);
                int tick = point.equals("run_end") ? 48 : activeTicks(s).last();
                ticks[seed - 1] = tick;
                double act = atTick(s, tick, "best_persons_active");
                double rest = atTick(s, tick, "best_persons_exhausted");
                double left = atTick(s, tick, "best_persons_left");
                double moving = atTick(s, tick, "best_persons_lost_moving");
                double burnout = atTick(s, tick, "best_persons_lost_burnout");
                double[] q = {act + rest + left, moving, burnout, left - moving - burnout, act, rest,
                    moving + burnout > 0 ? moving / (moving + burnout) : Double.NaN};
                for (int k = 0; k < q.length; k++) {
                    v[k][seed - 1] = q[k];
                }
            }
            // the programme runs from year 1 for two years: its last active month is tick 36
            assertEquals(point.equals("run_end") ? 48 : 36, ticks[0], point);
            for (int k = 0; k < People.BP.length; k++) {
                List<Integer> r = rows(t, "scenario", "prog", "point", point, "quantity", People.BP[k]);
                assertEquals(1, r.size(), point + " " + People.BP[k]);
                assertEquals(String.valueOf(ticks[0]), t.get(r.get(0), "point_tick"));
                if (Double.isNaN(v[k][0]) || Double.isNaN(v[k][1])) {
                    // a run without losses has no moving share; the mean is over the others
                    continue;
                }
                assertEstimate(v[k][0], v[k][1], t, r.get(0), point + " " + People.BP[k],
                        k == People.MOVING_SHARE ? 1.0 : Double.POSITIVE_INFINITY);
            }
            if (point.equals("run_end")) {
                emergedAtEnd = v[0][0] + v[0][1];
            }
        }
        assertTrue(emergedAtEnd > 0, "the programme's targets had best persons (else the comparison proves nothing)");
    }

    @Test
    void teamCaseloadsAreTheActiveRowsOfServicesOverTheirFteMonths() {
        TestCsv t = TestCsv.read(report.resolve("summary-team-caseloads.csv"));
        for (String window : new String[] {"programme_period", "last_12_months"}) {
            double[][] v = new double[People.TEAM.length][2];
            for (int seed = 1; seed <= 2; seed++) {
                TestCsv s = services("prog", seed);
                TreeSet<Integer> ticks = activeTicks(s);
                List<Integer> list = new ArrayList<>(ticks);
                int from = window.equals("programme_period") ? list.get(0) : list.get(list.size() - 12);
                int months = ticks.tailSet(from).size();
                double fte = active(s, from, "professionals", null);
                double cases = active(s, from, "cases_open", null);
                double problems = active(s, from, "households_with_problems", null);
                double[] q = {fte / months, cases / months, cases / fte, active(s, from, "cases_heavy", null) / fte,
                    active(s, from, "cases_vulnerable", null) / fte, active(s, from, "cases_other", null) / fte,
                    active(s, from, "caseload_fte", null) / fte,
                    active(s, from, "cases_open", "professionals_per_family") / cases, problems / months, cases / problems,
                    // team_capacity counts the room in cases of the vulnerable norm, 35 (asserted below)
                    active(s, from, "caseload_fte", null) / (active(s, from, "team_capacity", null) / 35.0)};
                for (int k = 0; k < q.length; k++) {
                    v[k][seed - 1] = q[k];
                }
                assertTrue(fte > 0 && cases > 0, "the team works and holds cases, seed " + seed);
            }
            for (int k = 0; k < People.TEAM.length; k++) {
                List<Integer> r = rows(t, "scenario", "prog", "window", window, "quantity", People.TEAM[k]);
                assertEquals(1, r.size(), window + " " + People.TEAM[k]);
                assertEquals("integral", t.get(r.get(0), "team_mode"));
                assertEstimate(v[k][0], v[k][1], t, r.get(0), window + " " + People.TEAM[k], Double.POSITIVE_INFINITY);
            }
            // an integral team: one professional per family
            assertEquals(1.0, num(t, rows(t, "scenario", "prog", "window", window, "quantity", "professionals_per_family")
                    .get(0), "mean"), 1e-9);
            assertEquals(6.0, num(t, rows(t, "scenario", "prog", "window", window, "quantity", "heavy_per_fte").get(0), "norm"));
            assertEquals(35.0, num(t, rows(t, "scenario", "prog", "window", window, "quantity", "vulnerable_per_fte").get(0), "norm"));
            double room = num(t, rows(t, "scenario", "prog", "window", window, "quantity", "caseload_share_of_capacity").get(0),
                    "mean");
            assertTrue(room > 0 && room <= 1.0 + 1e-3, "a professional takes no case beyond its room: " + room);
            assertEquals("NA", t.get(rows(t, "scenario", "prog", "window", window, "quantity", "cases_open").get(0), "norm"));
        }
        assertEquals("36", t.get(rows(t, "scenario", "prog", "window", "programme_period").get(0), "to_tick"));
        assertEquals("13", t.get(rows(t, "scenario", "prog", "window", "programme_period").get(0), "from_tick"));
        assertEquals("25", t.get(rows(t, "scenario", "prog", "window", "last_12_months").get(0), "from_tick"));
    }

    @Test
    void casesByKindAddUpToTheOpenCasesAndTheirLoadIsThereWithThem() {
        for (int seed = 1; seed <= 2; seed++) {
            TestCsv s = services("prog", seed);
            int loaded = 0;
            for (int i = 0; i < s.size(); i++) {
                int cases = Integer.parseInt(s.get(i, "cases_open"));
                assertEquals(cases, Integer.parseInt(s.get(i, "cases_heavy")) + Integer.parseInt(s.get(i, "cases_vulnerable"))
                        + Integer.parseInt(s.get(i, "cases_other")), "row " + i);
                double load = num(s, i, "caseload_fte");
                // every case weighs at least 1/otherCaseload (100) and at most 1/heavyCaseload (6) of a professional
                assertTrue(load >= cases / 100.0 - 1e-6 && load <= cases / 6.0 + 1e-6, "row " + i + ": " + load + " for " + cases);
                loaded += cases > 0 ? 1 : 0;
            }
            assertTrue(loaded > 0, "rows with cases, seed " + seed);
        }
    }

    @Test
    void scenariosWithoutBestPersonsOrATeamShowNoRows() throws IOException {
        TestCsv bp = TestCsv.read(report.resolve("summary-best-persons.csv"));
        TestCsv team = TestCsv.read(report.resolve("summary-team-caseloads.csv"));
        for (String name : new String[] {"base", "bare"}) {
            assertTrue(rows(bp, "scenario", name).isEmpty(), name + ": no best-person rows");
            assertTrue(rows(team, "scenario", name).isEmpty(), name + ": no caseload rows");
        }
        // the bare programme really had neither (else its missing rows would be a bug, not the rule)
        TestCsv s = services("bare", 1);
        assertFalse(targets(s).isEmpty(), "the bare programme is active");
        for (int i = 0; i < s.size(); i++) {
            assertEquals(0.0, num(s, i, "professionals") + num(s, i, "best_persons_active") + num(s, i, "best_persons_left")
                    + num(s, i, "best_persons_exhausted"), "row " + i);
        }
        String html = section();
        assertTrue(html.contains("Without a programme, and so without best persons or teams: <b>base</b>"), html);
        assertTrue(html.contains("No best person in any run of <b>bare</b>: no row."), html);
        assertTrue(html.contains("No team worked in any run of <b>bare</b>: no row."), html);
        assertFalse(html.contains("<td>base</td>") || html.contains("<td>bare</td>"), html);
    }

    /** The section's HTML: from its heading to the next section's. */
    private static String section() throws IOException {
        String html = Files.readString(report.resolve("index.html"));
        int from = html.indexOf("<h2 id=\"people\">");
        assertTrue(from >= 0, "the section is on the page");
        int to = html.indexOf("<h2 ", from + 1);
        return html.substring(from, to < 0 ? html.length() : to);
    }

    @Test
    void theSectionIsInTheNavAndItsTablesAreClosed() throws IOException {
        String page = Files.readString(report.resolve("index.html"));
        assertTrue(page.contains("<a href=\"#people\">Best persons and teams</a>"), "a nav link");
        String html = section();
        for (String tag : new String[] {"table", "tr", "td", "th", "p", "figure"}) {
            int open = html.split("<" + tag + "[ >]", -1).length - 1;
            int close = html.split("</" + tag + ">", -1).length - 1;
            assertEquals(open, close, "<" + tag + "> opened and closed as often");
        }
        assertEquals(2, html.split("<table>", -1).length - 1, "two tables");
        assertTrue(html.contains("charts/people-best-persons.png"), "the chart");
        try (Stream<Path> f = Files.list(report.resolve("charts"))) {
            assertTrue(f.anyMatch(p -> p.getFileName().toString().equals("people-best-persons.svg")));
        }
    }

    @Test
    void runsOfAnEarlierVersionWithoutCasesByKindGiveNaNotZeros() throws IOException {
        Path old = tmp.resolve("old");
        for (int seed = 1; seed <= 2; seed++) {
            Path src = runs.resolve("prog/seed-" + seed);
            Path dst = Files.createDirectories(old.resolve("prog/seed-" + seed));
            try (Stream<Path> s = Files.list(src)) {
                for (Path f : s.toList()) {
                    Files.copy(f, dst.resolve(f.getFileName()));
                }
            }
            // services.csv as runs before the cases by kind wrote it: without its last four columns
            List<String> lines = Files.readAllLines(dst.resolve("services.csv"));
            List<String> cut = new ArrayList<>();
            for (String line : lines) {
                String[] cells = line.split(",", -1);
                cut.add(String.join(",", java.util.Arrays.copyOf(cells, cells.length - 4)));
            }
            assertTrue(lines.get(0).endsWith("caseload_fte"), lines.get(0));
            Files.write(dst.resolve("services.csv"), cut);
        }
        Path out = tmp.resolve("old-report");
        Report.write(List.of(old), out, Report.Options.defaults());
        TestCsv t = TestCsv.read(out.resolve("summary-team-caseloads.csv"));
        TestCsv now = TestCsv.read(report.resolve("summary-team-caseloads.csv"));
        for (String q : new String[] {"heavy_per_fte", "vulnerable_per_fte", "other_per_fte", "caseload_fte_per_fte",
            "caseload_share_of_capacity"}) {
            int r = rows(t, "scenario", "prog", "window", "programme_period", "quantity", q).get(0);
            assertEquals("NA", t.get(r, "mean"), q);
            assertEquals("0", t.get(r, "n"), q);
        }
        for (String q : new String[] {"professionals_fte", "cases_per_fte", "professionals_per_family"}) {
            int r = rows(t, "scenario", "prog", "window", "programme_period", "quantity", q).get(0);
            int s = rows(now, "scenario", "prog", "window", "programme_period", "quantity", q).get(0);
            assertEquals(now.get(s, "mean"), t.get(r, "mean"), q + ": the same as with the new columns");
        }
        assertTrue(Files.readString(out.resolve("index.html")).contains("has no cases by kind (runs of an earlier version)"));
    }
}
