package org.wijklab.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.experiment.Runner;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * map.csv, distances.csv and region.csv of a run of the default city (5,000 residents, 3 years):
 * their headers are the documented ones, the map's borders are mutual, the distance classes add up
 * to the neighbourhoods' moves out, and the region's flows to the city's accounts.
 */
class SpaceOutputsTest {
    @TempDir
    static Path tmp;
    static Path dir;

    @BeforeAll
    static void run() throws IOException {
        Scenario s = ScenarioLoader.fromJson("{ \"seed\": 3, \"warmUpYears\": 2 }", "space outputs test")
                .withResidents(5000).withYears(3);
        dir = tmp.resolve("run");
        Runner.run(s, "test", dir, "test");
    }

    private static String outputsDoc() throws IOException {
        Path doc = Path.of("docs", "OUTPUTS.md");
        if (!Files.exists(doc)) {
            doc = Path.of("..", "docs", "OUTPUTS.md");
        }
        return Files.readString(doc);
    }

    @Test
    void headersAreTheDocumentedOnes() throws IOException {
        String doc = outputsDoc();
        for (String f : List.of(Runner.MAP, Runner.DISTANCES, Runner.REGION)) {
            assertEquals(ProgrammeOutputsTest.documented(doc, f), TestCsv.read(dir.resolve(f)).header(), f + " vs OUTPUTS.md");
        }
    }

    @Test
    void bordersAreMutual() {
        TestCsv map = TestCsv.read(dir.resolve(Runner.MAP));
        Map<String, List<String>> neighbours = new HashMap<>();
        for (int r = 0; r < map.size(); r++) {
            String n = map.get(r, "neighbours");
            neighbours.put(map.get(r, "neighbourhood"), n.isEmpty() ? List.of() : List.of(n.split(";")));
        }
        assertEquals(12, neighbours.size());
        for (Map.Entry<String, List<String>> e : neighbours.entrySet()) {
            for (String other : e.getValue()) {
                assertTrue(neighbours.get(other).contains(e.getKey()), e.getKey() + " borders " + other + " but not back");
            }
        }
    }

    @Test
    void distanceClassesAddUpToTheMovesOut() {
        TestCsv distances = TestCsv.read(dir.resolve(Runner.DISTANCES));
        TestCsv hoods = TestCsv.read(dir.resolve(Runner.NEIGHBOURHOODS));
        Map<String, Long> movesOut = new HashMap<>();
        Map<String, Long> outMigrants = new HashMap<>();
        for (int r = 0; r < hoods.size(); r++) {
            long tick = hoods.integer(r, "tick");
            if (tick == 0) {
                continue;
            }
            String key = (tick + 11) / 12 + "|" + hoods.get(r, "neighbourhood");
            movesOut.merge(key, hoods.integer(r, "moves_out"), Long::sum);
            outMigrants.merge(key, hoods.integer(r, "out_migrants"), Long::sum);
        }
        long all = 0;
        for (int r = 0; r < distances.size(); r++) {
            String key = distances.integer(r, "year") + "|" + distances.get(r, "neighbourhood");
            long sum = distances.integer(r, "same") + distances.integer(r, "adjacent") + distances.integer(r, "further")
                    + distances.integer(r, "region");
            assertEquals(movesOut.get(key), sum, key + ": distance classes vs moves_out");
            assertEquals(outMigrants.get(key), distances.integer(r, "region"), key + ": region vs out_migrants");
            all += sum;
            assertTrue(distances.integer(r, "renewal_same") <= distances.integer(r, "same"));
        }
        assertTrue(all > 100, "moves enough to count: " + all);
    }

    @Test
    void regionalFlowsMatchTheCityAccounts() {
        TestCsv region = TestCsv.read(dir.resolve(Runner.REGION));
        TestCsv city = TestCsv.read(dir.resolve(Runner.CITY));
        long householdsIn = 0;
        long householdsOut = 0;
        for (int r = 0; r < city.size(); r++) {
            if (city.integer(r, "tick") > 0) {
                householdsIn += city.integer(r, "households_in");
                householdsOut += city.integer(r, "households_out");
            }
        }
        long cameFrom = 0;
        long movedTo = 0;
        for (int r = 0; r < region.size(); r++) {
            cameFrom += region.integer(r, "came_from");
            movedTo += region.integer(r, "moved_to");
            if (region.get(r, "place").equals("abroad")) {
                assertEquals(0, region.integer(r, "moved_to"));
                assertEquals("NA", region.get(r, "price_level"));
            } else {
                assertTrue(region.num(r, "price_level") > 0 && region.num(r, "vacancy_rate") >= 0);
            }
        }
        assertEquals(householdsIn, cameFrom, "in-migrants by origin vs households_in");
        // moved_to also counts persons who left a household for the region (a starter, a partner)
        assertTrue(movedTo >= householdsOut, "moves to the region " + movedTo + " vs households_out " + householdsOut);
    }
}
