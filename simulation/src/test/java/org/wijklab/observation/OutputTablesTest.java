package org.wijklab.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.experiment.Runner;
import org.wijklab.model.MoveReason;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The per-tick tables of one run agree with each other: city.csv's accounts carry its population
 * from tick to tick, the neighbourhoods add up to the city, and moves.csv lists exactly the moves
 * that the tables count.
 */
class OutputTablesTest {
    private static final String OUTSIDE = "outside";

    @TempDir
    static Path tmp;

    private static Scenario scenario;
    private static List<String> names;
    private static TestCsv city;
    private static TestCsv hoods;
    private static TestCsv moves;

    @BeforeAll
    static void run() {
        scenario = ScenarioLoader.defaults().withResidents(8000).withYears(5).withMovesLog(true);
        names = scenario.city().neighbourhoods().stream().map(Scenario.NeighbourhoodSpec::name).toList();
        Path dir = tmp.resolve("run");
        Runner.run(scenario, "test", dir, "test");
        city = TestCsv.read(dir.resolve(Runner.CITY));
        hoods = TestCsv.read(dir.resolve(Runner.NEIGHBOURHOODS));
        moves = TestCsv.read(dir.resolve(Runner.MOVES));
    }

    @Test
    void tickZeroHasNoEvents() {
        // tick 0 is the starting state: its event and flow counters are zero
        for (String c : List.of("births", "deaths", "persons_in", "persons_out", "households_formed", "households_in",
                "households_out", "households_dissolved", "moves_within", "moving_households", "evictions")) {
            assertEquals(0, city.integer(0, c), "city.csv tick 0: " + c);
        }
        for (int j = 0; j < names.size(); j++) {
            for (String c : List.of("moves_in", "moves_out", "in_migrants", "out_migrants", "births", "deaths")) {
                assertEquals(0, hoods.integer(j, c), "neighbourhoods.csv tick 0, " + names.get(j) + ": " + c);
            }
        }
    }

    @Test
    void cityHasOneRowPerTick() {
        assertEquals(scenario.ticks() + 1, city.size());
        for (int r = 0; r < city.size(); r++) {
            assertEquals(r, city.integer(r, "tick"), "city.csv line " + (r + 2));
            assertEquals(r / 12.0, city.num(r, "year"), 1e-6, "city.csv line " + (r + 2));
        }
    }

    @Test
    void neighbourhoodsHasOneRowPerTickAndNeighbourhood() {
        assertEquals((scenario.ticks() + 1) * names.size(), hoods.size());
        for (int r = 0; r < hoods.size(); r++) {
            assertEquals(r / names.size(), hoods.integer(r, "tick"), "neighbourhoods.csv line " + (r + 2));
            assertEquals(names.get(r % names.size()), hoods.get(r, "neighbourhood"), "neighbourhoods.csv line " + (r + 2));
        }
    }

    @Test
    void cityAccountsCarryThePopulationFromTickToTick() {
        for (int r = 1; r < city.size(); r++) {
            String at = "city.csv tick " + city.get(r, "tick");
            long persons = city.integer(r - 1, "residents") + city.integer(r, "births") + city.integer(r, "persons_in")
                    - city.integer(r, "deaths") - city.integer(r, "persons_out");
            assertEquals(persons, city.integer(r, "residents"), at + ": residents vs last tick's + this tick's accounts");
            long households = city.integer(r - 1, "households") + city.integer(r, "households_formed")
                    + city.integer(r, "households_in") - city.integer(r, "households_out")
                    - city.integer(r, "households_dissolved");
            assertEquals(households, city.integer(r, "households"),
                    at + ": households vs last tick's + this tick's accounts");
        }
    }

    @Test
    void neighbourhoodsAddUpToTheCity() {
        String[][] sums = {{"residents", "residents"}, {"households", "households"}, {"births", "births"},
            {"deaths", "deaths"}, {"evictions", "evictions"}, {"new_supervision_orders", "new_supervision_orders"},
            {"new_second_line_care", "new_second_line_care"}};
        for (int r = 0; r < city.size(); r++) {
            for (String[] s : sums) {
                long total = 0;
                for (int j = 0; j < names.size(); j++) {
                    total += hoods.integer(r * names.size() + j, s[0]);
                }
                assertEquals(city.integer(r, s[1]), total, "tick " + r + ": " + s[0] + " over the neighbourhoods");
            }
        }
    }

    /** Rows of moves.csv in the recorded run (ticks 1 to the last); the other rows fail movesAreInTheRecordedRun. */
    private static List<Integer> recordedMoves() {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < moves.size(); r++) {
            long tick = moves.integer(r, "tick");
            if (tick >= 1 && tick <= scenario.ticks()) {
                rows.add(r);
            }
        }
        return rows;
    }

    @Test
    void movesAreInTheRecordedRun() {
        // tick 0 is the state at the start (after set-up or the warm-up): moves happen from tick 1 on
        Map<Long, Integer> outside = new java.util.TreeMap<>();
        for (int r = 0; r < moves.size(); r++) {
            long tick = moves.integer(r, "tick");
            if (tick < 1 || tick > scenario.ticks()) {
                outside.merge(tick, 1, Integer::sum);
            }
        }
        assertTrue(outside.isEmpty(), "moves.csv has " + outside.values().stream().mapToInt(Integer::intValue).sum()
                + " moves outside the recorded run [1, " + scenario.ticks() + "], at ticks "
                + outside.keySet().stream().limit(10).toList() + (outside.size() > 10 ? " ..." : ""));
    }

    @Test
    void movesAreWellFormed() {
        Set<String> reasons = new java.util.HashSet<>();
        for (MoveReason m : MoveReason.values()) {
            reasons.add(m.label());
        }
        List<Integer> rows = recordedMoves();
        assertTrue(rows.size() > 100, "a 5-year run of 8,000 residents has moves");
        for (int r : rows) {
            String at = "moves.csv line " + (r + 2);
            String from = moves.get(r, "from");
            String to = moves.get(r, "to");
            String reason = moves.get(r, "reason");
            assertTrue(reasons.contains(reason), at + ": reason " + reason);
            assertTrue(from.equals(OUTSIDE) || names.contains(from), at + ": from " + from);
            assertTrue(to.equals(OUTSIDE) || names.contains(to), at + ": to " + to);
            assertEquals(reason.equals(MoveReason.IN_MIGRATION.label()), from.equals(OUTSIDE),
                    at + ": only in-migrants come from outside");
            assertEquals(reason.equals(MoveReason.LEFT_CITY.label()) || reason.equals(MoveReason.NO_DWELLING.label()),
                    to.equals(OUTSIDE), at + ": only those leaving the city go outside");
            long employed = moves.integer(r, "employed");
            assertTrue(employed >= 0 && employed <= 2, at + ": employed " + employed);
            assertTrue(moves.num(r, "income") >= 0, at + ": income");
        }
        for (int r = 1; r < moves.size(); r++) {
            assertTrue(moves.integer(r, "tick") >= moves.integer(r - 1, "tick"), "moves.csv is in time order at line " + (r + 2));
        }
    }

    @Test
    void movesMatchTheNeighbourhoodCounters() {
        // per tick and neighbourhood: moves in, moves out, in-migrants, out-migrants
        Map<String, int[]> counted = new HashMap<>();
        for (int r : recordedMoves()) {
            String tick = moves.get(r, "tick");
            String from = moves.get(r, "from");
            String to = moves.get(r, "to");
            if (!from.equals(OUTSIDE)) {
                int[] c = counted.computeIfAbsent(tick + "|" + from, k -> new int[4]);
                c[1]++;
                if (to.equals(OUTSIDE)) {
                    c[3]++;
                }
            }
            if (!to.equals(OUTSIDE)) {
                int[] c = counted.computeIfAbsent(tick + "|" + to, k -> new int[4]);
                c[0]++;
                if (from.equals(OUTSIDE)) {
                    c[2]++;
                }
            }
        }
        String[] columns = {"moves_in", "moves_out", "in_migrants", "out_migrants"};
        List<String> mismatches = new ArrayList<>();
        for (int r = names.size(); r < hoods.size(); r++) {
            String key = hoods.get(r, "tick") + "|" + hoods.get(r, "neighbourhood");
            int[] c = counted.remove(key);
            for (int k = 0; k < columns.length; k++) {
                long inTable = hoods.integer(r, columns[k]);
                long inLog = c == null ? 0 : c[k];
                if (inTable != inLog) {
                    mismatches.add(key + " " + columns[k] + ": neighbourhoods.csv " + inTable + ", moves.csv " + inLog);
                }
            }
        }
        assertTrue(counted.isEmpty(), "moves.csv has moves at " + counted.size()
                + " (tick, place) pairs that neighbourhoods.csv lacks, e.g. "
                + new java.util.TreeSet<>(counted.keySet()).stream().limit(5).toList());
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches, e.g. "
                + mismatches.subList(0, Math.min(5, mismatches.size())));
    }

    @Test
    void movesMatchTheCityAccounts() {
        // moves within the city (ambition, eviction, partnered), households formed (starter, separation),
        // arrived (in-migration) and left (left city, no dwelling), per tick
        Map<String, MoveReason> byLabel = new HashMap<>();
        for (MoveReason m : MoveReason.values()) {
            byLabel.put(m.label(), m);
        }
        Map<Long, long[]> perTick = new HashMap<>();
        for (int r : recordedMoves()) {
            long[] c = perTick.computeIfAbsent(moves.integer(r, "tick"), k -> new long[4]);
            MoveReason reason = byLabel.get(moves.get(r, "reason"));
            assertTrue(reason != null, "moves.csv line " + (r + 2) + ": unknown reason");
            switch (reason) {
                case AMBITION, EVICTION, PARTNERED -> c[0]++;
                case STARTER, SEPARATION -> c[1]++;
                case IN_MIGRATION -> c[2]++;
                case LEFT_CITY, NO_DWELLING -> c[3]++;
                default -> throw new AssertionError("unexpected reason " + reason);
            }
        }
        String[] columns = {"moves_within", "households_formed", "households_in", "households_out"};
        for (int r = 1; r < city.size(); r++) {
            long[] c = perTick.getOrDefault(city.integer(r, "tick"), new long[4]);
            for (int k = 0; k < columns.length; k++) {
                assertEquals(city.integer(r, columns[k]), c[k], "tick " + r + ": city.csv " + columns[k]
                        + " vs moves.csv");
            }
            assertEquals(city.integer(r, "moving_households"), c[0] + c[1] + c[2] + c[3],
                    "tick " + r + ": moving_households vs moves.csv");
        }
    }
}
