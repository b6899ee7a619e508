package org.wijklab.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.experiment.Runner;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Overrides;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * origins.csv: every neighbourhood's residents at each cohort year, followed as a balanced panel.
 * The krachtwijk scenario on a small city (20,000 residents, 8 years, seed 1) with the default
 * cohort years [0, 1]: summed over the programme's targets, the cohort of its start year is
 * cohorts.csv's cohort; at its origin tick each cohort is its neighbourhood's residents in
 * neighbourhoods.csv. The same scenario without its programme writes the same rows until the
 * programme starts, and a default-city run with unsorted cohort years, one of them the last year,
 * checks the rows' order.
 */
class OriginsTableTest {
    private static final List<String> METRICS = List.of(PersonSnapshot.METRICS);

    @TempDir
    static Path tmp;

    private static Scenario krachtwijk;
    private static Path programmeDir;
    private static Path referenceDir;
    private static TestCsv origins;
    private static TestCsv cohorts;
    private static TestCsv hoods;

    @BeforeAll
    static void runs() {
        krachtwijk = ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(20000).withYears(8)
                .withMovesLog(false);
        programmeDir = tmp.resolve("krachtwijk");
        Runner.run(krachtwijk, "test", programmeDir, "test");
        Scenario k = krachtwijk;
        Scenario reference = new Scenario(k.name(), k.description(), k.seed(), k.years(), k.warmUpYears(), k.city(),
                k.economy(), k.demography(), k.labour(), k.problems(), k.community(), k.housing(), k.stock(), k.region(),
                k.liveability(), k.policy(), List.of(), k.output()).validate();
        referenceDir = tmp.resolve("reference");
        Runner.run(reference, "test", referenceDir, "test");
        origins = TestCsv.read(programmeDir.resolve(Runner.ORIGINS));
        cohorts = TestCsv.read(programmeDir.resolve(Runner.COHORTS));
        hoods = TestCsv.read(programmeDir.resolve(Runner.NEIGHBOURHOODS));
    }

    private static int startTick() {
        return (int) Math.round(12 * krachtwijk.programmes().get(0).startYear());
    }

    @Test
    void theDefaultCohortYearsAreTheStartAndTheFirstYear() {
        assertEquals(List.of(0, 1), java.util.Arrays.stream(krachtwijk.output().cohortYears()).boxed().toList());
        assertEquals(12, startTick(), "the standard programme starts after one year, a default cohort year");
    }

    @Test
    void headerIsTheDocumentedColumnsInOrder() throws IOException {
        Path doc = Path.of("docs", "OUTPUTS.md");
        if (!Files.exists(doc)) {
            doc = Path.of("..", "docs", "OUTPUTS.md");
        }
        String text = Files.readString(doc);
        assertEquals(List.of(OriginsTable.HEADER), origins.header());
        assertEquals(ProgrammeOutputsTest.documented(text, Runner.ORIGINS), origins.header(), "origins.csv header vs OUTPUTS.md");
        assertEquals("equivalised_income", hoods.header().get(hoods.header().indexOf("mean_quality") - 1),
                "neighbourhoods.csv gained its column at the end, before the stock's columns");
        assertTrue(ProgrammeOutputsTest.documented(text, Runner.NEIGHBOURHOODS).contains("equivalised_income"), "documented");
    }

    @Test
    void theManifestListsOriginsCsv() throws IOException {
        JsonNode files = ScenarioLoader.mapper().readTree(programmeDir.resolve(Runner.MANIFEST).toFile()).get("files");
        List<String> listed = new ArrayList<>();
        files.forEach(f -> listed.add(f.asText()));
        assertTrue(listed.contains(Runner.ORIGINS), "manifest files " + listed);
        origins.assertNoEmptyOrNonFiniteCells();
    }

    @Test
    void oneRowPerYearlyPointCohortYearAndNeighbourhoodInOrder() {
        List<String> names = krachtwijk.city().neighbourhoods().stream().map(Scenario.NeighbourhoodSpec::name).toList();
        List<String> expected = new ArrayList<>();
        for (int tick = 0; tick <= krachtwijk.ticks(); tick += 12) {
            for (int y : new int[] {0, 1}) {
                if (tick >= 12 * y) {
                    for (String name : names) {
                        expected.add(y + "|" + tick + "|" + name);
                    }
                }
            }
        }
        List<String> actual = new ArrayList<>();
        for (int r = 0; r < origins.size(); r++) {
            actual.add(origins.integer(r, "origin_year") + "|" + origins.integer(r, "tick") + "|"
                    + origins.get(r, "neighbourhood"));
            assertEquals(origins.integer(r, "tick") / 12.0, origins.num(r, "year"), 1e-9, where(r));
        }
        assertEquals(expected, actual, "rows by tick, then cohort year, then neighbourhood in city order");
    }

    @Test
    void eachCohortIsABalancedPanel() {
        Map<String, long[]> previous = new HashMap<>();
        for (int r = 0; r < origins.size(); r++) {
            String key = origins.get(r, "origin_year") + "|" + origins.get(r, "neighbourhood");
            long size = origins.integer(r, "cohort_size");
            long dead = origins.integer(r, "dead");
            long alive = size - dead;
            assertEquals(size, origins.integer(r, "in_origin") + origins.integer(r, "elsewhere_in_city")
                    + origins.integer(r, "in_region") + dead, where(r) + ": every member is in exactly one place");
            assertEquals(alive, origins.integer(r, "income_n"), where(r) + ": income is measured on everyone alive");
            assertEquals(alive, origins.integer(r, "household_income_n"), where(r));
            assertTrue(origins.integer(r, "employment_n") <= alive && origins.integer(r, "good_mental_health_n") <= alive,
                    where(r));
            for (String m : List.of("employment", "good_mental_health")) {
                assertTrue(origins.num(r, m) >= 0 && origins.num(r, m) <= 1, where(r) + ": " + m);
            }
            long[] before = previous.put(key, new long[] {size, dead});
            if (before != null) {
                assertEquals(before[0], size, where(r) + ": the same persons at every point");
                assertTrue(dead >= before[1], where(r) + ": nobody comes back from the dead");
            }
        }
        assertTrue(origins.integer(origins.size() - 1, "in_region") > 0, "some members left the city");
    }

    @Test
    void atItsOriginTickACohortIsTheNeighbourhoodsResidents() {
        Map<String, Integer> hoodRows = new HashMap<>();
        for (int r = 0; r < hoods.size(); r++) {
            hoodRows.put(hoods.get(r, "tick") + "|" + hoods.get(r, "neighbourhood"), r);
        }
        int checked = 0;
        for (int r = 0; r < origins.size(); r++) {
            long tick = origins.integer(r, "tick");
            if (tick != 12 * origins.integer(r, "origin_year")) {
                continue;
            }
            checked++;
            long size = origins.integer(r, "cohort_size");
            assertEquals(size, origins.integer(r, "in_origin"), where(r) + ": everyone is in its origin");
            int h = hoodRows.get(tick + "|" + origins.get(r, "neighbourhood"));
            assertEquals(hoods.integer(h, "residents"), size, where(r) + ": the cohort is the residents");
            assertEquals(hoods.integer(h, "adults"), origins.integer(r, "good_mental_health_n"), where(r) + ": adults");
            double income = hoods.num(h, "equivalised_income");
            assertEquals(income, origins.num(r, "income"), 1e-6 * income, where(r) + ": equivalised income");
            assertEquals(hoods.num(h, "employment_rate"), origins.num(r, "employment"), 2e-6, where(r));
            assertEquals(hoods.num(h, "good_mental_health"), origins.num(r, "good_mental_health"), 2e-6, where(r));
            assertTrue(income > 5000 && income < hoods.num(h, "mean_income"), where(r) + ": " + income);
        }
        assertEquals(2 * krachtwijk.city().neighbourhoods().size(), checked, "two cohort years");
    }

    @Test
    void theTargetsRowsOfTheStartYearAreTheProgrammesCohort() {
        Set<String> targets = targets();
        int start = startTick();
        Map<Long, Integer> cohortRows = new HashMap<>();
        for (int r = 0; r < cohorts.size(); r++) {
            cohortRows.put(cohorts.integer(r, "tick"), r);
        }
        Map<Long, double[]> sums = new HashMap<>();
        for (int r = 0; r < origins.size(); r++) {
            if (origins.integer(r, "origin_year") * 12 != start || !targets.contains(origins.get(r, "neighbourhood"))) {
                continue;
            }
            double[] s = sums.computeIfAbsent(origins.integer(r, "tick"), t -> new double[5 + 2 * METRICS.size()]);
            s[0] += origins.integer(r, "cohort_size");
            s[1] += origins.integer(r, "in_origin");
            s[2] += origins.integer(r, "elsewhere_in_city");
            s[3] += origins.integer(r, "in_region");
            s[4] += origins.integer(r, "dead");
            for (int m = 0; m < METRICS.size(); m++) {
                double n = origins.integer(r, METRICS.get(m) + "_n");
                s[5 + 2 * m] += origins.num(r, METRICS.get(m)) * n;
                s[6 + 2 * m] += n;
            }
        }
        assertEquals((krachtwijk.ticks() - start) / 12 + 1, sums.size(), "one sum per yearly point from the start");
        for (Map.Entry<Long, double[]> e : sums.entrySet()) {
            long tick = e.getKey();
            double[] s = e.getValue();
            int c = cohortRows.get(tick);
            String at = "tick " + tick;
            assertEquals(cohorts.integer(c, "cohort_size"), (long) s[0], at + ": cohort size");
            assertEquals(cohorts.integer(c, "in_target") + cohorts.integer(c, "elsewhere_in_city"), (long) (s[1] + s[2]),
                    at + ": in the city");
            assertTrue(s[1] <= cohorts.integer(c, "in_target"), at + ": in its origin is in a target");
            assertEquals(cohorts.integer(c, "in_region"), (long) s[3], at + ": in the region");
            assertEquals(cohorts.integer(c, "dead"), (long) s[4], at + ": dead");
            for (int m = 0; m < METRICS.size(); m++) {
                double expected = cohorts.num(c, METRICS.get(m) + "_alive");
                double got = s[5 + 2 * m] / s[6 + 2 * m];
                assertEquals(expected, got, 1e-6 * Math.max(1, Math.abs(expected)), at + ": " + METRICS.get(m));
            }
        }
        assertTrue(sums.get((long) krachtwijk.ticks())[3] > 0, "some of the cohort left the city");
    }

    @Test
    void theRunWithoutTheProgrammeHasTheSameRowsUntilItStarts() throws IOException {
        List<String> withProgramme = Files.readAllLines(programmeDir.resolve(Runner.ORIGINS));
        List<String> without = Files.readAllLines(referenceDir.resolve(Runner.ORIGINS));
        assertEquals(withProgramme.size(), without.size(), "the same rows");
        int atStart = 0;
        for (int i = 1; i < without.size(); i++) {
            long tick = Long.parseLong(Csv.parse(without.get(i))[1]);
            if (tick <= startTick()) {
                assertEquals(without.get(i), withProgramme.get(i), "line " + (i + 1));
                atStart++;
            }
        }
        assertEquals(3 * krachtwijk.city().neighbourhoods().size(), atStart, "tick 0 and the start tick's two cohorts");
        assertFalse(withProgramme.equals(without), "the programme changes its cohorts' paths");
    }

    @Test
    void unsortedCohortYearsAndTheLastYearAreWrittenInOrder() {
        Scenario s = Overrides.parse(List.of("output.cohortYears=[3,0,2]")).apply(ScenarioLoader.defaults())
                .withResidents(3000).withYears(3).withMovesLog(false).validate();
        Path dir = tmp.resolve("unsorted");
        Runner.run(s, "test", dir, "test");
        TestCsv t = TestCsv.read(dir.resolve(Runner.ORIGINS));
        int n = s.city().neighbourhoods().size();
        List<String> expected = new ArrayList<>();
        for (int tick = 0; tick <= 36; tick += 12) {
            for (int y : new int[] {0, 2, 3}) {
                if (tick >= 12 * y) {
                    expected.add(y + "|" + tick);
                }
            }
        }
        List<String> actual = new ArrayList<>();
        for (int r = 0; r < t.size(); r += n) {
            actual.add(t.integer(r, "origin_year") + "|" + t.integer(r, "tick"));
        }
        assertEquals(expected, actual, "by tick, then cohort year (ascending)");
        assertEquals(expected.size() * n, t.size(), "every neighbourhood each time");
    }

    @Test
    void withoutCohortYearsNoOriginsCsvIsWritten() {
        Scenario s = Overrides.parse(List.of("output.cohortYears=[]")).apply(ScenarioLoader.defaults())
                .withResidents(2000).withYears(1).withMovesLog(false).validate();
        Path dir = tmp.resolve("none");
        Runner.Result result = Runner.run(s, "test", dir, "test");
        assertFalse(result.files().contains(Runner.ORIGINS), result.files().toString());
        assertFalse(Files.exists(dir.resolve(Runner.ORIGINS)));
    }

    @Test
    void aCohortTheModelDoesNotFollowIsAnError() throws IOException {
        // the scenario follows only tick 0's residents; a table asking for year 1's meets those who
        // arrived since and left again, released by the model
        Scenario s = Overrides.parse(List.of("output.cohortYears=[0]")).apply(ScenarioLoader.defaults())
                .withResidents(3000).withYears(4).withMovesLog(false).validate();
        WijkLabModel model = new WijkLabModel(s);
        try (OriginsTable table = new OriginsTable(tmp.resolve("unfollowed.csv"), new int[] {1}, s.ticks())) {
            model.addTickListener(table);
            IllegalStateException e = assertThrows(IllegalStateException.class, model::runToEnd);
            assertTrue(e.getMessage().contains("no longer followed"), e.getMessage());
        }
    }

    /** The programme's targets: its weakest neighbourhoods by rank (1 = best) at its start tick. */
    private static Set<String> targets() {
        int weakest = krachtwijk.programmes().get(0).targets().weakest();
        assertTrue(weakest > 0, "krachtwijk targets its weakest neighbourhoods");
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < hoods.size(); r++) {
            if (hoods.integer(r, "tick") == startTick()) {
                rows.add(r);
            }
        }
        rows.sort((a, b) -> Long.compare(hoods.integer(b, "rank"), hoods.integer(a, "rank")));
        Set<String> t = new TreeSet<>();
        for (int k = 0; k < weakest; k++) {
            t.add(hoods.get(rows.get(k), "neighbourhood"));
        }
        return t;
    }

    private static String where(int r) {
        return "origins.csv line " + (r + 2);
    }
}
