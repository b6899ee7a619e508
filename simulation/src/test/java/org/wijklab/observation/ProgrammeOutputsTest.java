package org.wijklab.observation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.experiment.Runner;
import org.wijklab.model.CostLedger;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;
import org.wijklab.scenario.Programme;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The programme outputs: services.csv, costs.csv, cohorts.csv and the target-set rows of
 * decomposition.csv. Two runs: the krachtwijk scenario (one programme, integral team, best persons)
 * on a small city for ten years, and a four-year scenario with two programmes that share a target,
 * start in mid-year and at a quarter year, one with a fragmented team and no best persons, the
 * other without a team, and one-year decomposition periods (so periods end before a programme
 * starts). Each file is checked against itself, against the scenario, and against the other files.
 */
class ProgrammeOutputsTest {
    private static final double EPS = 1e-9;
    private static final List<String> PARTIES = List.of(Programme.PARTIES);
    private static final List<String> METRICS = List.of(ErosionDecomposition.METRICS);
    private static final String TWO = """
            {"name": "two", "seed": 3, "years": 4, "output": {"decompositionYears": 1}, "city": {"residents": 20000},
             "programmes": [
              {"name": "a", "targets": {"names": ["Kanaalzone", "Spoorbuurt"]}, "startYear": 1.5, "durationYears": 2,
               "yearlyBudget": 2000000, "themes": {"work": 0.5},
               "team": {"budgetShare": 0.5, "mode": "fragmented", "areaResidents": 10000, "proximity": 0.6},
               "funders": {"municipality": 0.6, "healthInsurer": 0.4}, "pooledBudget": true, "bestPersons": {"roomToAct": 0}},
              {"name": "b", "targets": {"weakest": 2}, "startYear": 0.25, "durationYears": 2.5,
               "yearlyBudget": 1000000, "themes": {"health": 1}, "funders": {"municipality": 0, "residents": 1}}
             ]}""";

    @TempDir
    static Path tmp;

    private static Run krachtwijk;
    private static Run two;

    /** One run's scenario, folder, tables and each programme's targets, start and end tick. */
    record Run(Scenario scenario, Path dir, TestCsv hoods, TestCsv services, TestCsv costs, TestCsv cohorts,
            TestCsv decomposition, List<String> names, List<Set<String>> targets, int[] start, int[] end) {
        int last() {
            return scenario.ticks();
        }

        List<Programme> programmes() {
            return scenario.programmes();
        }
    }

    @BeforeAll
    static void runs() {
        Scenario k = ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(20000).withYears(10);
        krachtwijk = run(k, "krachtwijk");
        two = run(ScenarioLoader.fromJson(TWO, "two.json"), "two");
    }

    private static Run run(Scenario s, String name) {
        Path dir = tmp.resolve(name);
        Runner.run(s, "test", dir, "test");
        TestCsv hoods = TestCsv.read(dir.resolve(Runner.NEIGHBOURHOODS));
        List<String> names = s.city().neighbourhoods().stream().map(Scenario.NeighbourhoodSpec::name).toList();
        int p = s.programmes().size();
        int[] start = new int[p];
        int[] end = new int[p];
        List<Set<String>> targets = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            Programme spec = s.programmes().get(i);
            start[i] = (int) Math.round(12 * spec.startYear());
            end[i] = (int) Math.round(12 * spec.endYear());
            targets.add(targets(spec, hoods, start[i]));
        }
        return new Run(s, dir, hoods, TestCsv.read(dir.resolve(Runner.SERVICES)), TestCsv.read(dir.resolve(Runner.COSTS)),
                TestCsv.read(dir.resolve(Runner.COHORTS)), TestCsv.read(dir.resolve(Runner.DECOMPOSITION)), names,
                targets, start, end);
    }

    @org.junit.jupiter.api.Test
    void escalationsPerNeighbourhoodAddUpToTheProgrammesEscalationCostsInItsTargets() {
        TestCsv e = TestCsv.read(krachtwijk.dir().resolve(Runner.ESCALATIONS));
        int years = (krachtwijk.last() + 11) / 12;
        assertEquals(years * krachtwijk.names().size() * PARTIES.size(), e.size(), "every year, neighbourhood and party");
        java.util.Map<String, Double> inTargets = new java.util.HashMap<>();
        for (int r = 0; r < e.size(); r++) {
            if (krachtwijk.targets().get(0).contains(e.get(r, "neighbourhood"))) {
                inTargets.merge(e.get(r, "year") + "|" + e.get(r, "party"), e.num(r, "escalation_costs"), Double::sum);
            }
        }
        TestCsv c = krachtwijk.costs();
        int checked = 0;
        for (int r = 0; r < c.size(); r++) {
            // costs.csv counts a programme's targets from its first month (start + 1), escalations.csv every month
            int year = (int) c.integer(r, "year");
            if (year * 12 - 11 > krachtwijk.start()[0]) {
                double expected = c.num(r, "escalation_costs");
                double got = inTargets.get(year + "|" + c.get(r, "party"));
                assertEquals(expected, got, 1e-5 * (1 + Math.abs(expected)), "year " + year + " " + c.get(r, "party"));
                checked++;
            }
        }
        assertTrue(checked >= 5 * 8, "years compared: " + checked / 5);
    }

    /** The named targets, or the weakest N by rank (1 = best) at the start tick in neighbourhoods.csv. */
    private static Set<String> targets(Programme spec, TestCsv hoods, int startTick) {
        if (spec.targets().weakest() == 0) {
            return new TreeSet<>(spec.targets().names());
        }
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < hoods.size(); r++) {
            if (hoods.integer(r, "tick") == startTick) {
                rows.add(r);
            }
        }
        rows.sort((a, b) -> Long.compare(hoods.integer(b, "rank"), hoods.integer(a, "rank")));
        Set<String> t = new TreeSet<>();
        for (int k = 0; k < spec.targets().weakest(); k++) {
            t.add(hoods.get(rows.get(k), "neighbourhood"));
        }
        return t;
    }

    private static List<Run> both() {
        return List.of(krachtwijk, two);
    }

    /** neighbourhoods.csv (or services.csv): (tick, neighbourhood) -> row. */
    private static Map<String, Integer> byTickAndName(TestCsv t) {
        Map<String, Integer> rows = new HashMap<>();
        for (int r = 0; r < t.size(); r++) {
            assertTrue(rows.put(t.get(r, "tick") + "|" + t.get(r, "neighbourhood"), r) == null, t.file() + " line " + (r + 2));
        }
        return rows;
    }

    /** A neighbourhoods.csv count summed over a set of neighbourhoods at a tick. */
    private static long sum(Run run, Set<String> names, long tick, String column) {
        Map<String, Integer> rows = byTickAndName(run.hoods());
        long n = 0;
        for (String name : names) {
            n += run.hoods().integer(rows.get(tick + "|" + name), column);
        }
        return n;
    }

    /** Mean of a neighbourhoods.csv column over a set of neighbourhoods, weighted by another column. */
    private static double mean(Run run, Set<String> names, long tick, String column, String weight) {
        Map<String, Integer> rows = byTickAndName(run.hoods());
        double v = 0;
        double w = 0;
        for (String name : names) {
            int r = rows.get(tick + "|" + name);
            v += run.hoods().num(r, column) * run.hoods().num(r, weight);
            w += run.hoods().num(r, weight);
        }
        return v / w;
    }

    private static String where(TestCsv t, int r) {
        return t.file().getParent().getFileName() + "/" + t.file().getFileName() + " line " + (r + 2);
    }

    // ---------------------------------------------------------------- all three files

    @Test
    void theManifestListsTheProgrammeFiles() throws IOException {
        for (Run run : both()) {
            JsonNode files = ScenarioLoader.mapper().readTree(run.dir().resolve(Runner.MANIFEST).toFile()).get("files");
            List<String> listed = new ArrayList<>();
            files.forEach(f -> listed.add(f.asText()));
            for (String f : List.of(Runner.SERVICES, Runner.COSTS, Runner.COHORTS)) {
                assertTrue(listed.contains(f), run.dir() + ": manifest files " + listed + " lack " + f);
                assertTrue(Files.exists(run.dir().resolve(f)), run.dir() + ": no " + f);
            }
        }
    }

    @Test
    void headersAreTheDocumentedColumnsInOrder() throws IOException {
        Path doc = Path.of("docs", "OUTPUTS.md");
        if (!Files.exists(doc)) {
            doc = Path.of("..", "docs", "OUTPUTS.md");
        }
        String text = Files.readString(doc);
        for (Run run : both()) {
            assertEquals(documented(text, Runner.SERVICES), run.services().header(), "services.csv header vs OUTPUTS.md");
            assertEquals(documented(text, Runner.COSTS), run.costs().header(), "costs.csv header vs OUTPUTS.md");
            assertEquals(documented(text, Runner.COHORTS), run.cohorts().header(), "cohorts.csv header vs OUTPUTS.md");
        }
    }

    /** The column names of a file's table in OUTPUTS.md: the backquoted names of each row's first cell. */
    static List<String> documented(String doc, String file) {
        int at = doc.indexOf("\n## " + file + " ");
        assertTrue(at >= 0, "OUTPUTS.md has no section for " + file);
        int next = doc.indexOf("\n## ", at + 1);
        String section = doc.substring(at, next < 0 ? doc.length() : next);
        List<String> columns = new ArrayList<>();
        Pattern name = Pattern.compile("`([a-z_0-9]+)`");
        for (String line : section.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            Matcher m = name.matcher(line.substring(1, line.indexOf('|', 1)));
            while (m.find()) {
                columns.add(m.group(1));
            }
        }
        return columns;
    }

    @Test
    void noEmptyOrNonFiniteCellInAnyOutput() throws IOException {
        for (Run run : both()) {
            List<Path> csvs;
            try (Stream<Path> files = Files.list(run.dir())) {
                csvs = files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
            }
            assertTrue(csvs.stream().map(p -> p.getFileName().toString()).toList().containsAll(List.of(Runner.CITY,
                    Runner.COHORTS, Runner.COSTS, Runner.DECOMPOSITION, Runner.NEIGHBOURHOODS, Runner.SERVICES)),
                    run.dir() + ": " + csvs);
            for (Path p : csvs) {
                TestCsv t = TestCsv.read(p);
                assertFalse(t.size() == 0, p + " has no rows");
                if (p.endsWith(Runner.DECOMPOSITION)) {
                    DecompositionTest.assertNoEmptyCellsBut(t, DecompositionTest.MAY_BE_EMPTY.keySet());
                } else {
                    t.assertNoEmptyOrNonFiniteCells();
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws IOException {
        Path again = tmp.resolve("two-again");
        Runner.run(two.scenario(), "test", again, "test");
        for (String f : List.of(Runner.SERVICES, Runner.COSTS, Runner.COHORTS, Runner.DECOMPOSITION)) {
            byte[] a = Files.readAllBytes(two.dir().resolve(f));
            byte[] b = Files.readAllBytes(again.resolve(f));
            assertTrue(a.length > 0, f + " is empty");
            assertArrayEquals(a, b, f + " differs between two runs with the same seed");
        }
    }

    // ---------------------------------------------------------------- costs.csv

    @Test
    void costsHaveOneRowPerYearProgrammeAndPartyInOrder() {
        for (Run run : both()) {
            TestCsv c = run.costs();
            int years = run.scenario().years();
            assertEquals(years * run.programmes().size() * PARTIES.size(), c.size(), c.file().toString());
            int r = 0;
            for (int y = 1; y <= years; y++) {
                for (Programme p : run.programmes()) {
                    for (String party : PARTIES) {
                        assertEquals(p.name(), c.get(r, "programme"), where(c, r));
                        assertEquals(y, c.integer(r, "year"), where(c, r));
                        assertEquals(party, c.get(r, "party"), where(c, r));
                        r++;
                    }
                }
            }
        }
    }

    /**
     * A party's share of the budget in the months the programme runs is either spent or booked
     * unspent (docs/ODD.md §7.2 (d)): programme b of TWO is paid by residents alone, unpooled, for the
     * health theme, which is outside their domain, so all of it stays unspent; the pooled ones spend it all.
     */
    @Test
    void spentIsTheBudgetOfTheMonthsTheProgrammeRuns() {
        for (Run run : both()) {
            TestCsv c = run.costs();
            for (int i = 0; i < run.programmes().size(); i++) {
                Programme p = run.programmes().get(i);
                double[] shares = p.funders().values();
                double total = 0;
                for (int r = 0; r < c.size(); r++) {
                    if (!c.get(r, "programme").equals(p.name())) {
                        continue;
                    }
                    long y = c.integer(r, "year");
                    // months of year y (ticks 12y-11 ... 12y) in which the programme runs (start+1 ... end)
                    long months = Math.max(0, Math.min(12 * y, run.end()[i]) - Math.max(12 * y - 11, run.start()[i] + 1) + 1);
                    double expected = p.yearlyBudget() * shares[PARTIES.indexOf(c.get(r, "party"))] * months / 12.0;
                    double unspent = c.num(r, "unspent");
                    assertEquals(expected, c.num(r, "spent") + unspent, 1e-5, where(c, r) + ": spent and unspent in " + months + " months");
                    assertEquals(p.pooledBudget() ? 0.0 : expected, unspent, 1e-5, where(c, r) + ": unspent");
                    total += c.num(r, "spent") + unspent;
                    if (12 * y <= run.start()[i]) {
                        assertEquals(0.0, c.num(r, "escalation_costs"), where(c, r) + ": year before the start");
                        assertEquals(0.0, c.num(r, "avoided"), where(c, r) + ": year before the start");
                    }
                }
                double active = (run.end()[i] - run.start()[i]) / 12.0;
                assertEquals(p.yearlyBudget() * active, total, 1e-4,
                        run.dir().getFileName() + " " + p.name() + ": spent and unspent over the run = yearly budget x years active");
            }
        }
    }

    @Test
    void cumulativeColumnsAndSocialReturn() {
        for (Run run : both()) {
            TestCsv c = run.costs();
            Map<String, double[]> cumulative = new HashMap<>();
            Map<String, double[]> byYear = new HashMap<>();
            for (int r = 0; r < c.size(); r++) {
                String key = c.get(r, "programme") + "|" + c.get(r, "party");
                double[] sums = cumulative.computeIfAbsent(key, k -> new double[2]);
                sums[0] += c.num(r, "spent");
                sums[1] += c.num(r, "avoided");
                assertEquals(sums[0], c.num(r, "cumulative_spent"), 1e-4, where(c, r) + ": cumulative_spent");
                assertEquals(sums[1], c.num(r, "cumulative_avoided"), 1e-4, where(c, r) + ": cumulative_avoided");
                double[] year = byYear.computeIfAbsent(c.get(r, "programme") + "|" + c.get(r, "year"), k -> new double[2]);
                year[0] += c.num(r, "cumulative_spent");
                year[1] += c.num(r, "cumulative_avoided");
                assertTrue(c.num(r, "spent") >= 0 && c.num(r, "escalation_costs") >= 0 && c.num(r, "avoided") >= 0,
                        where(c, r) + ": negative money");
            }
            for (int r = 0; r < c.size(); r++) {
                double[] year = byYear.get(c.get(r, "programme") + "|" + c.get(r, "year"));
                double expected = year[0] > 0 ? year[1] / year[0] : 0.0;
                assertEquals(expected, c.num(r, "social_return"), 1e-6, where(c, r) + ": social_return");
            }
        }
    }

    /**
     * In-process, against the ledger itself: a probe sees each month's bookings per neighbourhood
     * (the ledger holds one month); each programme's row must hold its targets' bookings of that
     * year from its first month (start tick + 1) on. The run stops at tick 45, so the last year is a
     * part year.
     */
    @Test
    void escalationAndAvoidedCostsAreTheTargetsBookingsFromTheFirstMonth() {
        Scenario s = two.scenario();
        int last = 45;
        Path file = tmp.resolve("costs-part-year.csv");
        WijkLabModel model = new WijkLabModel(s);
        int n = s.city().neighbourhoods().size();
        int parties = CostLedger.PARTIES;
        double[][][] escalation = new double[last + 1][n][parties];
        double[][][] avoided = new double[last + 1][n][parties];
        model.addTickListener((m, tick) -> {
            CostLedger c = m.costs();
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < parties; p++) {
                    escalation[tick][j][p] = c.escalation[j][p];
                    avoided[tick][j][p] = c.avoided[j][p];
                }
            }
        });
        try (CostsTable costs = new CostsTable(file, last)) {
            model.addTickListener(costs);
            model.start();
            while (model.tick() < last) {
                model.schedule.step(model);
            }
            model.finish();
        }
        TestCsv c = TestCsv.read(file);
        List<Programmes.Run> runs = model.programmes().runs();
        assertEquals(4 * runs.size() * parties, c.size(), "years 1-3 and the part year 4 (ticks 37-45)");
        double firstYearOfB = 0;
        for (int r = 0; r < c.size(); r++) {
            int i = c.get(r, "programme").equals("a") ? 0 : 1;
            Programmes.Run run = runs.get(i);
            int year = (int) c.integer(r, "year");
            int p = PARTIES.indexOf(c.get(r, "party"));
            double esc = 0;
            double av = 0;
            for (int tick = 12 * year - 11; tick <= Math.min(12 * year, last); tick++) {
                if (tick <= run.startTick) {
                    continue;
                }
                for (int j : run.targets) {
                    esc += escalation[tick][j][p];
                    av += avoided[tick][j][p];
                }
            }
            double tol = 1e-6 + 1e-12 * Math.abs(esc);
            assertEquals(esc, c.num(r, "escalation_costs"), tol, where(c, r) + ": escalation_costs");
            assertEquals(av, c.num(r, "avoided"), tol, where(c, r) + ": avoided");
            if (year == 4) {
                double months = Math.max(0, Math.min(last, run.endTick) - 36);
                assertEquals(s.programmes().get(i).yearlyBudget() * s.programmes().get(i).funders().values()[p]
                        * months / 12, c.num(r, "spent") + c.num(r, "unspent"), 1e-5, where(c, r) + ": spent and unspent in the part year");
            }
            if (i == 1 && year == 1) {
                firstYearOfB += esc;
            }
        }
        assertTrue(firstYearOfB > 0, "programme b books escalations in its first (part) year");
        boolean sharedTarget = false;
        for (int j : runs.get(0).targets) {
            sharedTarget |= runs.get(1).isTarget[j];
        }
        assertTrue(sharedTarget, "the two programmes share a target (each counts it in full)");
    }

    // ---------------------------------------------------------------- services.csv

    @Test
    void servicesHaveOneRowPerTickAndNeighbourhoodInOrder() {
        for (Run run : both()) {
            TestCsv t = run.services();
            assertEquals((run.last() + 1) * run.names().size(), t.size(), t.file().toString());
            for (int r = 0; r < t.size(); r++) {
                assertEquals(r / run.names().size(), t.integer(r, "tick"), where(t, r));
                assertEquals(run.names().get(r % run.names().size()), t.get(r, "neighbourhood"), where(t, r));
            }
        }
    }

    /** Programmes whose targets hold this neighbourhood and which run at this tick. */
    private static List<Integer> activeHere(Run run, String name, long tick) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < run.programmes().size(); i++) {
            if (run.targets().get(i).contains(name) && tick > run.start()[i] && tick <= run.end()[i]) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void professionalsWorkOnlyInActiveTargets() {
        for (Run run : both()) {
            TestCsv t = run.services();
            for (int r = 0; r < t.size(); r++) {
                String name = t.get(r, "neighbourhood");
                long tick = t.integer(r, "tick");
                List<Integer> active = activeHere(run, name, tick);
                assertEquals(active.isEmpty() ? 0 : 1, t.integer(r, "programme_active"), where(t, r));
                boolean team = active.stream().anyMatch(i -> run.programmes().get(i).team().budgetShare() > 0);
                if (team) {
                    assertTrue(t.num(r, "professionals") > 0 && t.integer(r, "team_capacity") > 0,
                            where(t, r) + ": a team works in an active target");
                } else {
                    assertEquals(0.0, t.num(r, "professionals"), where(t, r) + ": professionals without a team here");
                    assertEquals(0, t.integer(r, "team_capacity"), where(t, r) + ": capacity without a team here");
                }
                boolean target = false;
                for (int i = 0; i < run.programmes().size(); i++) {
                    target |= run.targets().get(i).contains(name) && tick > run.start()[i];
                }
                if (!target) {
                    for (String c : List.of("best_persons_active", "best_persons_exhausted", "best_persons_left",
                            "initiatives")) {
                        assertEquals(0, t.integer(r, c), where(t, r) + ": " + c + " outside the targets");
                    }
                }
            }
        }
    }

    @Test
    void openCasesStayWithinTheTeamsCapacity() {
        // Per neighbourhood a case that follows its household from one target to another can put a
        // target a case above its capacity for a month (see OUTPUTS.md); over all of a programme's
        // targets together the cases stay within the capacity.
        for (Run run : both()) {
            TestCsv t = run.services();
            Map<Long, long[]> perTick = new HashMap<>();
            int lastEnd = 0;
            for (int i = 0; i < run.programmes().size(); i++) {
                lastEnd = Math.max(lastEnd, run.end()[i]);
            }
            for (int r = 0; r < t.size(); r++) {
                long tick = t.integer(r, "tick");
                long cases = t.integer(r, "cases_open");
                if (t.integer(r, "programme_active") == 1) {
                    long[] sum = perTick.computeIfAbsent(tick, k -> new long[2]);
                    sum[0] += cases;
                    sum[1] += t.integer(r, "team_capacity");
                }
                if (tick > lastEnd) {
                    assertEquals(0, cases, where(t, r) + ": cases open after every programme ended");
                }
                assertTrue(cases <= t.integer(r, "households_with_problems") + 5, where(t, r) + ": cases vs problems");
            }
            for (Map.Entry<Long, long[]> e : perTick.entrySet()) {
                assertTrue(e.getValue()[0] <= e.getValue()[1], run.dir().getFileName() + " tick " + e.getKey()
                        + ": " + e.getValue()[0] + " cases open in the active targets, capacity " + e.getValue()[1]);
            }
        }
        long open = 0;
        for (int r = 0; r < krachtwijk.services().size(); r++) {
            open += krachtwijk.services().integer(r, "cases_open");
        }
        assertTrue(open > 0, "the krachtwijk team opens cases");
    }

    @Test
    void professionalsPerFamilyFollowTheTeamsMode() {
        for (Run run : both()) {
            TestCsv t = run.services();
            boolean integral = run.programmes().stream().allMatch(p -> !p.team().exists() || p.team().integral());
            for (int r = 0; r < t.size(); r++) {
                double perFamily = t.num(r, "professionals_per_family");
                if (t.integer(r, "cases_open") == 0) {
                    assertEquals(0.0, perFamily, where(t, r) + ": no cases");
                } else if (integral) {
                    assertEquals(1.0, perFamily, where(t, r) + ": integral team: one professional per family");
                } else {
                    assertTrue(perFamily >= 1 && perFamily <= 3, where(t, r) + ": one per problem type: " + perFamily);
                }
            }
        }
        // the fragmented team of programme a sends more than one professional to some families
        double max = 0;
        for (int r = 0; r < two.services().size(); r++) {
            max = Math.max(max, two.services().num(r, "professionals_per_family"));
        }
        assertTrue(max > 1, "a fragmented service has families with several professionals");
    }

    @Test
    void servicesAgreeWithNeighbourhoodsCsv() {
        for (Run run : both()) {
            TestCsv t = run.services();
            TestCsv h = run.hoods();
            Map<String, Integer> hoodRow = byTickAndName(h);
            for (int r = 0; r < t.size(); r++) {
                int k = hoodRow.get(t.get(r, "tick") + "|" + t.get(r, "neighbourhood"));
                for (String c : List.of("evictions", "new_supervision_orders", "new_second_line_care")) {
                    assertEquals(h.integer(k, c), t.integer(r, c), where(t, r) + ": " + c);
                }
                long households = h.integer(k, "households");
                long problems = t.integer(r, "households_with_problems");
                long debts = Math.round(h.num(k, "debt_share") * households);
                assertTrue(problems <= households && problems >= debts && problems >= h.integer(k, "supervision_orders_active"),
                        where(t, r) + ": households with problems " + problems + " vs households " + households
                        + ", with debts " + debts);
            }
        }
    }

    @Test
    void bestPersonsAsTheScenarioSays() {
        // krachtwijk: the plan's originators (policy.bestPersons.originators, two) are there from its
        // first month in every target
        Run k = krachtwijk;
        Map<String, Integer> rows = byTickAndName(k.services());
        for (String name : k.targets().get(0)) {
            int r = rows.get((k.start()[0] + 1) + "|" + name);
            assertTrue(k.services().integer(r, "best_persons_active") + k.services().integer(r, "best_persons_left") >= 2,
                    where(k.services(), r) + ": the plan's originators at the start");
        }
        for (Run run : both()) {
            TestCsv t = run.services();
            Map<String, Long> left = new HashMap<>();
            for (int r = 0; r < t.size(); r++) {
                String name = t.get(r, "neighbourhood");
                long l = t.integer(r, "best_persons_left");
                assertTrue(l >= left.getOrDefault(name, 0L), where(t, r) + ": best_persons_left is cumulative");
                assertTrue(t.integer(r, "best_persons_lost_moving") + t.integer(r, "best_persons_lost_burnout") <= l,
                        where(t, r) + ": lost by moving and by burnout are part of all lost");
                assertTrue(t.integer(r, "initiative_members") >= t.integer(r, "initiatives"),
                        where(t, r) + ": an initiative has at least one member");
                left.put(name, l);
            }
        }
        // two: programme a gives no room to act: no best persons where only a works
        Set<String> onlyA = new TreeSet<>(two.targets().get(0));
        onlyA.removeAll(two.targets().get(1));
        assertFalse(onlyA.isEmpty(), "a target of programme a only");
        TestCsv t = two.services();
        for (int r = 0; r < t.size(); r++) {
            if (onlyA.contains(t.get(r, "neighbourhood"))) {
                for (String c : List.of("best_persons_active", "best_persons_exhausted", "best_persons_left")) {
                    assertEquals(0, t.integer(r, c), where(t, r) + ": " + c + " of a programme without best persons");
                }
            }
        }
    }

    // ---------------------------------------------------------------- cohorts.csv

    @Test
    void cohortsHaveOneRowPerProgrammeAndTickFromTheStart() {
        for (Run run : both()) {
            TestCsv c = run.cohorts();
            List<String> expected = new ArrayList<>();
            for (int tick = 0; tick <= run.last(); tick++) {
                for (int i = 0; i < run.programmes().size(); i++) {
                    if (tick >= run.start()[i]) {
                        expected.add(run.programmes().get(i).name() + "|" + tick);
                    }
                }
            }
            List<String> actual = new ArrayList<>();
            for (int r = 0; r < c.size(); r++) {
                actual.add(c.get(r, "programme") + "|" + c.integer(r, "tick"));
            }
            assertEquals(expected, actual, c.file() + ": rows by tick, programmes in scenario order");
        }
    }

    @Test
    void cohortAccountsAddUp() {
        // a balanced panel: the same persons at every tick, each in a target, elsewhere in the city,
        // in the region or dead, and nobody comes back from the dead
        for (Run run : both()) {
            TestCsv c = run.cohorts();
            Map<String, long[]> previous = new HashMap<>();
            for (int r = 0; r < c.size(); r++) {
                String p = c.get(r, "programme");
                int i = run.programmes().stream().map(Programme::name).toList().indexOf(p);
                long size = c.integer(r, "cohort_size");
                long dead = c.integer(r, "dead");
                if (c.integer(r, "tick") == run.start()[i]) {
                    // the baseline: every cohort member lives in a target
                    assertEquals(size, c.integer(r, "in_target"), where(c, r));
                    assertEquals(0, c.integer(r, "elsewhere_in_city") + c.integer(r, "in_region") + dead, where(c, r));
                    assertEquals(sum(run, run.targets().get(i), run.start()[i], "residents"), size,
                            where(c, r) + ": the cohort is the targets' residents at the start tick");
                    assertEquals(mean(run, run.targets().get(i), run.start()[i], "good_mental_health", "adults"),
                            c.num(r, "good_mental_health_alive"), 1e-5, where(c, r) + ": mental health at the start");
                    assertEquals(c.num(r, "employment_alive"), c.num(r, "employment_in_target"), where(c, r));
                    assertEquals(0.0, c.num(r, "employment_in_region"), where(c, r) + ": nobody in the region yet");
                }
                long[] before = previous.get(p);
                assertTrue(before != null || c.integer(r, "tick") == run.start()[i], where(c, r) + ": the start row comes first");
                if (before != null) {
                    assertEquals(before[0], size, where(c, r) + ": the same persons at every tick");
                    assertTrue(dead >= before[1], where(c, r) + ": fewer dead than the tick before");
                }
                previous.put(p, new long[] {size, dead});
                assertEquals(size, c.integer(r, "in_target") + c.integer(r, "elsewhere_in_city") + c.integer(r, "in_region")
                        + dead, where(c, r) + ": every member is in exactly one place");
                for (String g : List.of("alive", "in_target", "elsewhere_in_city", "in_region")) {
                    assertTrue(c.num(r, "employment_" + g) >= 0 && c.num(r, "employment_" + g) <= 1
                            && c.num(r, "good_mental_health_" + g) >= 0 && c.num(r, "good_mental_health_" + g) <= 1
                            && c.num(r, "income_" + g) >= 0 && c.num(r, "household_income_" + g) >= c.num(r, "income_" + g),
                            where(c, r) + ": " + g);
                }
            }
        }
    }

    @Test
    void cohortAtTheEndIsTheTargetSetsStartToEndDecomposition() {
        // cohorts.csv and decomposition.csv follow the same persons: at the last tick the cohort's
        // places are the decomposition's groups, and its means are the cohort's parts
        for (Run run : both()) {
            TestCsv c = run.cohorts();
            TestCsv d = run.decomposition();
            for (int i = 0; i < run.programmes().size(); i++) {
                String p = run.programmes().get(i).name();
                int startRow = -1;
                int endRow = -1;
                for (int r = 0; r < c.size(); r++) {
                    if (c.get(r, "programme").equals(p) && c.integer(r, "tick") == run.start()[i]) {
                        startRow = r;
                    }
                    if (c.get(r, "programme").equals(p) && c.integer(r, "tick") == run.last()) {
                        endRow = r;
                    }
                }
                int matched = 0;
                for (int r = 0; r < d.size(); r++) {
                    if (!d.get(r, "neighbourhood").equals("targets:" + p) || d.integer(r, "t0") != run.start()[i]
                            || d.integer(r, "t1") != run.last()) {
                        continue;
                    }
                    matched++;
                    assertEquals(d.integer(r, "stayers"), c.integer(endRow, "in_target"), where(d, r));
                    assertEquals(d.integer(r, "out_within_city"), c.integer(endRow, "elsewhere_in_city"), where(d, r));
                    assertEquals(d.integer(r, "out_left_city"), c.integer(endRow, "in_region"), where(d, r));
                    assertEquals(d.integer(r, "out_died"), c.integer(endRow, "dead"), where(d, r));
                    assertEquals(c.integer(startRow, "cohort_size"), d.integer(r, "stayers") + d.integer(r, "out_movers"),
                            where(d, r) + ": the cohort is the target set's persons at the start");
                    String m = d.get(r, "metric");
                    if (d.integer(r, "stayers") > 0 && !d.get(r, "y_stayers_t1").isEmpty()) {
                        assertEquals(c.num(endRow, m + "_in_target"), d.num(r, "y_stayers_t1"),
                                1e-6 * Math.max(1, Math.abs(d.num(r, "y_stayers_t1"))), where(d, r) + ": stayers' mean at the end");
                    }
                }
                assertEquals(METRICS.size(), matched, "decomposition rows of targets:" + p + " from start to end");
            }
        }
    }

    // ---------------------------------------------------------------- decomposition.csv, target sets

    @Test
    void targetSetRowsCoverTheRegularAndTheProgrammesOwnPeriods() {
        for (Run run : both()) {
            TestCsv d = run.decomposition();
            int periodTicks = 12 * run.scenario().output().decompositionYears();
            List<String> regular = new ArrayList<>();
            for (int t0 = 0; t0 < run.last(); t0 += periodTicks) {
                regular.add(t0 + "-" + Math.min(t0 + periodTicks, run.last()));
            }
            if (regular.size() > 1) {
                regular.add("0-" + run.last());
            }
            Set<String> expected = new LinkedHashSet<>();
            long hoodRows = 0;
            for (String period : regular) {
                for (String name : run.names()) {
                    for (String m : METRICS) {
                        expected.add(name + "|" + m + "|" + period);
                    }
                }
            }
            hoodRows = expected.size();
            for (int i = 0; i < run.programmes().size(); i++) {
                Set<String> periods = new LinkedHashSet<>(regular);
                periods.add(run.start()[i] + "-" + run.end()[i]);
                periods.add(run.start()[i] + "-" + run.last());
                for (String period : periods) {
                    for (String m : METRICS) {
                        expected.add("targets:" + run.programmes().get(i).name() + "|" + m + "|" + period);
                    }
                }
            }
            List<String> actual = new ArrayList<>();
            for (int r = 0; r < d.size(); r++) {
                actual.add(d.get(r, "neighbourhood") + "|" + d.get(r, "metric") + "|" + d.integer(r, "t0") + "-"
                        + d.integer(r, "t1"));
                if (r < hoodRows) {
                    assertFalse(d.get(r, "neighbourhood").startsWith("targets:"), where(d, r) + ": neighbourhoods first");
                }
            }
            assertEquals(actual.size(), new HashSet<>(actual).size(), d.file() + " repeats a row");
            assertEquals(new TreeSet<>(expected), new TreeSet<>(actual));
        }
    }

    @Test
    void targetSetRowsKeepTheIdentityAndTheHouseholdAccounts() {
        for (Run run : both()) {
            TestCsv d = run.decomposition();
            int rows = 0;
            for (int r = 0; r < d.size(); r++) {
                String unit = d.get(r, "neighbourhood");
                if (!unit.startsWith("targets:")) {
                    continue;
                }
                rows++;
                int i = run.programmes().stream().map(Programme::name).toList().indexOf(unit.substring(8));
                Set<String> targets = run.targets().get(i);
                double place = d.num(r, "place_change");
                double sum = d.num(r, "stayers_change") + d.num(r, "inflow_effect") + d.num(r, "outflow_effect");
                assertTrue(Math.abs(place - sum) < EPS, where(d, r) + ": place_change " + place + " != " + sum);
                assertTrue(Math.abs(d.num(r, "eroded_gain") - (d.num(r, "people_change") - place)) < EPS, where(d, r));
                assertTrue(Math.abs(place - (d.num(r, "y_t1") - d.num(r, "y_t0"))) < EPS, where(d, r));
                long t0 = d.integer(r, "t0");
                long t1 = d.integer(r, "t1");
                long stayers = d.integer(r, "stayers");
                long out = d.integer(r, "out_movers");
                long in = d.integer(r, "in_movers");
                assertEquals(sum(run, targets, t0, "residents"), stayers + out, where(d, r) + ": stayers + out_movers vs the targets' residents at t0");
                assertEquals(sum(run, targets, t1, "residents"), stayers + in, where(d, r) + ": stayers + in_movers vs the targets' residents at t1");
                assertEquals(out, d.integer(r, "out_within_city") + d.integer(r, "out_left_city") + d.integer(r, "out_died"), where(d, r));
                assertEquals(in, d.integer(r, "in_from_city") + d.integer(r, "in_left_parental_home") + d.integer(r, "in_born")
                        + d.integer(r, "in_from_outside"), where(d, r));
                assertEquals(stayers + d.integer(r, "out_within_city") + d.integer(r, "out_left_city"), d.integer(r, "cohort_alive"), where(d, r));
                if (d.get(r, "metric").equals("good_mental_health")) {
                    assertEquals(mean(run, targets, t0, "good_mental_health", "adults"), d.num(r, "y_t0"), 1e-5, where(d, r));
                    assertEquals(mean(run, targets, t1, "good_mental_health", "adults"), d.num(r, "y_t1"), 1e-5, where(d, r));
                }
            }
            assertTrue(rows > 0, d.file() + ": no target-set rows");
        }
    }
}
