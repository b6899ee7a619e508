package org.wijklab.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wijklab.TestCsv;
import org.wijklab.experiment.Runner;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The erosion decomposition as written to decomposition.csv: its identities hold in every row, its
 * group counts agree with neighbourhoods.csv, and it covers every neighbourhood, metric and period.
 */
class DecompositionTest {
    private static final double EPS = 1e-9;
    private static final List<String> METRICS = List.of("employment", "income", "good_mental_health", "household_income");
    /** Columns that are empty where their group has no weight (a mean over nobody), and their group's count. */
    static final Map<String, String> MAY_BE_EMPTY = Map.of("people_change_in_city", "cohort_alive",
            "people_change_moved_within", "out_within_city", "people_change_left_city", "out_left_city",
            "y_out_within_t0", "out_within_city", "y_out_left_t0", "out_left_city", "y_out_died_t0", "out_died");

    @TempDir
    static Path tmp;

    /** An 11-year run: two whole 5-year periods, a 1-year tail, and the whole run. */
    private static Scenario scenario;
    private static TestCsv decomposition;
    private static TestCsv neighbourhoods;

    @BeforeAll
    static void run() {
        scenario = ScenarioLoader.defaults().withResidents(8000).withYears(11);
        Path dir = tmp.resolve("run");
        Runner.run(scenario, "test", dir, "test");
        decomposition = TestCsv.read(dir.resolve(Runner.DECOMPOSITION));
        neighbourhoods = TestCsv.read(dir.resolve(Runner.NEIGHBOURHOODS));
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) < EPS;
    }

    private static String where(TestCsv t, int r) {
        return t.file().getFileName() + " line " + (r + 2) + " (" + t.get(r, "neighbourhood") + ", "
                + t.get(r, "metric") + ", " + t.get(r, "t0") + "-" + t.get(r, "t1") + ")";
    }

    /** neighbourhoods.csv: (tick, neighbourhood) -> row. */
    private static Map<String, Integer> rowsByTickAndName(TestCsv hoods) {
        Map<String, Integer> rows = new HashMap<>();
        for (int r = 0; r < hoods.size(); r++) {
            String key = hoods.get(r, "tick") + "|" + hoods.get(r, "neighbourhood");
            assertTrue(rows.put(key, r) == null, "neighbourhoods.csv has two rows for " + key);
        }
        return rows;
    }

    @Test
    void placeChangeIsStayersPlusInflowPlusOutflow() {
        TestCsv t = decomposition;
        assertTrue(t.size() > 0);
        for (int r = 0; r < t.size(); r++) {
            double place = t.num(r, "place_change");
            double sum = t.num(r, "stayers_change") + t.num(r, "inflow_effect") + t.num(r, "outflow_effect");
            assertTrue(close(place, sum), where(t, r) + ": place_change " + place + " != stayers + inflow + outflow " + sum);
        }
    }

    @Test
    void erodedGainIsPeopleChangeMinusPlaceChange() {
        TestCsv t = decomposition;
        for (int r = 0; r < t.size(); r++) {
            double eroded = t.num(r, "eroded_gain");
            double diff = t.num(r, "people_change") - t.num(r, "place_change");
            assertTrue(close(eroded, diff), where(t, r) + ": eroded_gain " + eroded + " != people - place " + diff);
        }
    }

    @Test
    void placeChangeIsTheChangeOfThePlaceMean() {
        TestCsv t = decomposition;
        for (int r = 0; r < t.size(); r++) {
            double place = t.num(r, "place_change");
            double diff = t.num(r, "y_t1") - t.num(r, "y_t0");
            assertTrue(close(place, diff), where(t, r) + ": place_change " + place + " != y_t1 - y_t0 " + diff);
        }
    }

    @Test
    void groupMeansMixIntoThePlaceMeans() {
        // Y(t0) is the w_out-weighted mix of the stayers' and out-movers' means, Y(t1) of the stayers' and in-movers'
        TestCsv t = decomposition;
        for (int r = 0; r < t.size(); r++) {
            double wOut = t.num(r, "w_out");
            double wIn = t.num(r, "w_in");
            assertTrue(wOut >= 0 && wOut <= 1 && wIn >= 0 && wIn <= 1, where(t, r) + ": weights " + wOut + ", " + wIn);
            double y0 = t.num(r, "y_t0");
            double y1 = t.num(r, "y_t1");
            double mix0 = (1 - wOut) * t.num(r, "y_stayers_t0") + wOut * t.num(r, "y_out_movers_t0");
            double mix1 = (1 - wIn) * t.num(r, "y_stayers_t1") + wIn * t.num(r, "y_in_movers_t1");
            double tol = EPS * Math.max(1, Math.abs(y0) + Math.abs(y1));
            assertTrue(Math.abs(y0 - mix0) < tol, where(t, r) + ": y_t0 " + y0 + " is not the mix " + mix0);
            assertTrue(Math.abs(y1 - mix1) < tol, where(t, r) + ": y_t1 " + y1 + " is not the mix " + mix1);
        }
    }

    @Test
    void everyPersonIsInExactlyOneGroup() {
        // the persons of t0 are stayers or out-movers (moved within the city, left it, or died),
        // those of t1 stayers or in-movers (from the city, left a parental home, born, from outside),
        // and each side adds up to the neighbourhood's residents in neighbourhoods.csv
        TestCsv t = decomposition;
        Map<String, Integer> hoodRow = rowsByTickAndName(neighbourhoods);
        for (int r = 0; r < t.size(); r++) {
            String name = t.get(r, "neighbourhood");
            Integer r0 = hoodRow.get(t.get(r, "t0") + "|" + name);
            Integer r1 = hoodRow.get(t.get(r, "t1") + "|" + name);
            assertTrue(r0 != null && r1 != null, where(t, r) + ": no neighbourhoods.csv row at t0 or t1");
            long stayers = t.integer(r, "stayers");
            long out = t.integer(r, "out_movers");
            long in = t.integer(r, "in_movers");
            assertEquals(neighbourhoods.integer(r0, "residents"), stayers + out,
                    where(t, r) + ": stayers + out_movers vs residents at t0");
            assertEquals(neighbourhoods.integer(r1, "residents"), stayers + in,
                    where(t, r) + ": stayers + in_movers vs residents at t1");
            assertEquals(out, t.integer(r, "out_within_city") + t.integer(r, "out_left_city")
                    + t.integer(r, "out_died"), where(t, r) + ": out_movers vs its fates");
            assertEquals(in, t.integer(r, "in_from_city") + t.integer(r, "in_left_parental_home")
                    + t.integer(r, "in_born") + t.integer(r, "in_from_outside"), where(t, r) + ": in_movers vs its origins");
            assertEquals(stayers + t.integer(r, "out_within_city") + t.integer(r, "out_left_city"),
                    t.integer(r, "cohort_alive"), where(t, r) + ": the cohort alive at t1 is everyone of t0 but the dead");
        }
    }

    @Test
    void aPartOfTheCohortIsEmptyExactlyWhenNobodyIsInIt() {
        TestCsv t = decomposition;
        int empty = 0;
        for (int r = 0; r < t.size(); r++) {
            for (Map.Entry<String, String> e : MAY_BE_EMPTY.entrySet()) {
                boolean isEmpty = t.get(r, e.getKey()).isEmpty();
                if (t.integer(r, e.getValue()) == 0) {
                    assertTrue(isEmpty, where(t, r) + ": " + e.getKey() + " of an empty group is not empty");
                    empty++;
                } else if (!isEmpty) {
                    assertTrue(Double.isFinite(t.num(r, e.getKey())), where(t, r) + ": " + e.getKey());
                } else {
                    // persons, but none with weight: children only (no adult), or no working-age adult;
                    // income is measured on every person, so never empty
                    assertTrue(List.of("employment", "good_mental_health").contains(t.get(r, "metric")),
                            where(t, r) + ": " + e.getKey() + " is empty");
                }
            }
        }
        assertTrue(t.size() > 0);
    }

    @Test
    void placeMeansAgreeWithNeighbourhoodsCsv() {
        // employment per working-age adult and good mental health per adult: the same persons as
        // neighbourhoods.csv counts (which writes 6 decimals)
        Map<String, String> column = Map.of("employment", "employment_rate", "good_mental_health", "good_mental_health");
        TestCsv t = decomposition;
        Map<String, Integer> hoodRow = rowsByTickAndName(neighbourhoods);
        int checked = 0;
        for (int r = 0; r < t.size(); r++) {
            String c = column.get(t.get(r, "metric"));
            if (c == null) {
                continue;
            }
            String name = t.get(r, "neighbourhood");
            double at0 = neighbourhoods.num(hoodRow.get(t.get(r, "t0") + "|" + name), c);
            double at1 = neighbourhoods.num(hoodRow.get(t.get(r, "t1") + "|" + name), c);
            assertTrue(Math.abs(t.num(r, "y_t0") - at0) <= 1e-6, where(t, r) + ": y_t0 " + t.num(r, "y_t0") + " vs " + c + " " + at0);
            assertTrue(Math.abs(t.num(r, "y_t1") - at1) <= 1e-6, where(t, r) + ": y_t1 " + t.num(r, "y_t1") + " vs " + c + " " + at1);
            checked++;
        }
        assertTrue(checked > 0);
    }

    @Test
    void withinCityMovesLeaveOneNeighbourhoodAndEnterAnother() {
        // summed over the city, persons who moved within it (with their household or leaving their
        // parents') left as many places as they entered
        TestCsv t = decomposition;
        Map<String, long[]> byPeriod = new HashMap<>();
        for (int r = 0; r < t.size(); r++) {
            long[] sums = byPeriod.computeIfAbsent(t.get(r, "metric") + "|" + t.get(r, "t0") + "|" + t.get(r, "t1"),
                    k -> new long[2]);
            sums[0] += t.integer(r, "out_within_city");
            sums[1] += t.integer(r, "in_from_city") + t.integer(r, "in_left_parental_home");
        }
        for (Map.Entry<String, long[]> e : byPeriod.entrySet()) {
            assertEquals(e.getValue()[0], e.getValue()[1], e.getKey() + ": out_within_city vs in-movers from the city");
        }
    }

    @Test
    void everyNeighbourhoodMetricAndPeriodOnce() {
        TestCsv t = decomposition;
        List<String> names = scenario.city().neighbourhoods().stream().map(Scenario.NeighbourhoodSpec::name).toList();
        Set<String> expected = new TreeSet<>();
        for (long[] p : expectedPeriods(scenario.ticks(), 12 * scenario.output().decompositionYears())) {
            for (String n : names) {
                for (String m : METRICS) {
                    expected.add(n + "|" + m + "|" + p[0] + "|" + p[1]);
                }
            }
        }
        Set<String> actual = new TreeSet<>();
        for (int r = 0; r < t.size(); r++) {
            String key = t.get(r, "neighbourhood") + "|" + t.get(r, "metric") + "|" + t.integer(r, "t0") + "|"
                    + t.integer(r, "t1");
            assertTrue(actual.add(key), "decomposition.csv repeats " + key);
        }
        assertEquals(expected, actual);
        assertEquals(5, scenario.output().decompositionYears(), "the default period is 5 years");
    }

    /** Every cell is a finite number or text, but the given columns may be empty. */
    static void assertNoEmptyCellsBut(TestCsv t, Set<String> mayBeEmpty) {
        for (int r = 0; r < t.size(); r++) {
            for (String c : t.header()) {
                String v = t.get(r, c);
                if (v.isEmpty()) {
                    assertTrue(mayBeEmpty.contains(c), where(t, r) + ": column " + c + " is empty");
                } else if (!c.equals("neighbourhood") && !c.equals("metric")) {
                    assertTrue(Double.isFinite(t.num(r, c)), where(t, r) + ": column " + c + " is " + v);
                }
            }
        }
    }

    /** (0, p), (p, 2p), ..., the last one cut at the last tick, and (0, last) if that is not already there. */
    static List<long[]> expectedPeriods(int lastTick, int periodTicks) {
        List<long[]> periods = new ArrayList<>();
        for (int t0 = 0; t0 < lastTick; t0 += periodTicks) {
            periods.add(new long[] {t0, Math.min(t0 + periodTicks, lastTick)});
        }
        if (periods.size() > 1) {
            periods.add(new long[] {0, lastTick});
        }
        return periods;
    }

    @ParameterizedTest(name = "{0} years, {1}-year periods")
    @CsvSource({"5, 5", "10, 5", "3, 1", "4, 3"})
    void periodsForOtherHorizons(int years, int periodYears, @TempDir Path dir) {
        Scenario s = ScenarioLoader.fromJson("{\"output\": {\"decompositionYears\": " + periodYears + "}}", "test")
                .withResidents(3000).withYears(years);
        Runner.run(s, "test", dir.resolve("run"), "test");
        TestCsv t = TestCsv.read(dir.resolve("run").resolve(Runner.DECOMPOSITION));
        Set<String> actual = new LinkedHashSet<>();
        for (int r = 0; r < t.size(); r++) {
            actual.add(t.integer(r, "t0") + "-" + t.integer(r, "t1"));
        }
        Set<String> expected = new LinkedHashSet<>();
        for (long[] p : expectedPeriods(s.ticks(), 12 * periodYears)) {
            expected.add(p[0] + "-" + p[1]);
        }
        assertEquals(new TreeSet<>(expected), new TreeSet<>(actual));
        assertEquals(expected.size() * METRICS.size() * s.city().neighbourhoods().size(), t.size(),
                "one row per neighbourhood, metric and period");
    }

    @Test
    void noEmptyOrNonFiniteCellInAnyOutput() throws IOException {
        Path dir = tmp.resolve("run");
        List<Path> csvs;
        try (Stream<Path> files = Files.list(dir)) {
            csvs = files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertEquals(List.of(Runner.CITY, Runner.DECOMPOSITION, Runner.DISTANCES, Runner.ESCALATIONS, Runner.LEAK, Runner.MAP,
                Runner.MOVES, Runner.NEIGHBOURHOODS, Runner.ORIGINS, Runner.REGION),
                csvs.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : csvs) {
            TestCsv t = TestCsv.read(p);
            assertFalse(t.size() == 0, p + " has no rows");
            if (p.endsWith(Runner.DECOMPOSITION)) {
                assertNoEmptyCellsBut(t, MAY_BE_EMPTY.keySet());
            } else {
                t.assertNoEmptyOrNonFiniteCells();
            }
        }
        String manifest = Files.readString(dir.resolve(Runner.MANIFEST));
        assertFalse(manifest.contains("NaN") || manifest.contains("Infinity"), "manifest.json has a non-finite number");
    }
}
