package org.wijklab.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wijklab.model.PolicyEffects;
import org.wijklab.model.WijkLabModel;
import sim.app.schelling.Schelling;

/**
 * Runs every benchmark method once, directly and at the smallest size (10,000 residents, a
 * 129 &times; 129 Schelling grid), to show that set-up and measured code work: JMH itself is not
 * involved.
 */
class BenchmarksSmokeTest {

    private static final int RESIDENTS = 10_000;

    @ParameterizedTest
    @ValueSource(strings = {"baseline", "krachtwijk"})
    void aTickAdvancesTheModelByOneMonth(String scenario) {
        TickBenchmark b = new TickBenchmark();
        b.residents = RESIDENTS;
        b.scenario = scenario;
        b.threads = 2;
        b.build();
        assertEquals(Cities.FIRST_TICK, b.model.tick());
        b.stayInProgrammeMonths();
        assertTrue(b.tick());
        assertEquals(Cities.FIRST_TICK + 1, b.model.tick());
        b.stop();
    }

    @Test
    void aRunIsBuiltAgainAfterTheProgrammesLastMonth() {
        TickBenchmark b = new TickBenchmark();
        b.residents = RESIDENTS;
        b.scenario = "krachtwijk";
        b.threads = 1;
        b.build();
        while (b.model.tick() < Cities.LAST_TICK) {
            b.tick();
        }
        b.stayInProgrammeMonths();
        assertEquals(Cities.FIRST_TICK, b.model.tick());
    }

    @Test
    void observationRecountsTheCity() {
        ProcessBenchmark.Baseline city = new ProcessBenchmark.Baseline();
        city.residents = RESIDENTS;
        city.build();
        int[] counted = city.model.neighbourhoods().residents;
        Arrays.fill(counted, 0);
        new ProcessBenchmark().observation(city);
        assertTrue(Arrays.stream(counted).sum() > RESIDENTS / 2, "observation counted the residents again");
        assertEquals(Cities.FIRST_TICK, city.model.tick());
    }

    @Test
    void everyOtherProcessRunsAlone() {
        ProcessBenchmark.Baseline city = new ProcessBenchmark.Baseline();
        city.residents = RESIDENTS;
        city.build();
        ProcessBenchmark.Krachtwijk programme = new ProcessBenchmark.Krachtwijk();
        programme.residents = RESIDENTS;
        programme.build();
        ProcessBenchmark b = new ProcessBenchmark();
        b.demography(city);
        b.labourMarket(city);
        b.community(city);
        b.housingMarket(city);
        b.liveability(city);
        b.problems(programme);
        assertEquals(Cities.FIRST_TICK, city.model.tick(), "the schedule was not stepped");
        assertTrue(Arrays.stream(city.model.neighbourhoods().liveability).allMatch(v -> v > 0), "liveability scored");
    }

    @Test
    void theRegionStepsTheHouseholdsThatLeft() {
        ProcessBenchmark.TenYearsOn city = new ProcessBenchmark.TenYearsOn();
        city.residents = RESIDENTS;
        city.build();
        assertTrue(city.model.region().liveCount() > 0, "residents who left since tick 0 are followed");
        long followed = city.model.persons().inRegion();
        new ProcessBenchmark().region(city);
        assertEquals(ProcessBenchmark.TenYearsOn.TICK, city.model.tick(), "the schedule was not stepped");
        assertTrue(city.model.persons().inRegion() <= followed && city.model.persons().inRegion() > 0);
    }

    @Test
    void programmesSetTheirEffects() {
        ProcessBenchmark.Krachtwijk city = new ProcessBenchmark.Krachtwijk();
        city.residents = RESIDENTS;
        city.build();
        PolicyEffects fx = city.model.effects();
        fx.clear();
        new ProcessBenchmark().programmes(city);
        assertTrue(Arrays.stream(fx.prevention).sum() > 0, "the safety theme prevents in the targets");
        org.wijklab.model.Persons ps = city.model.persons();
        int held = 0;
        for (int p = 0; p < ps.bound(); p++) {
            held += ps.activationLeft[p] > 0 ? 1 : 0;
        }
        assertTrue(held > 0, "the work theme's activation places are taken");
        assertEquals(Cities.FIRST_TICK, city.model.tick());
    }

    @Test
    void setUpGeneratesTheCityBeforeTheWarmUp() {
        SetupBenchmark b = new SetupBenchmark();
        b.residents = RESIDENTS;
        b.readScenario();
        WijkLabModel model = b.setUp();
        assertEquals(-12 * Cities.WARM_UP_YEARS, model.tick());
        assertTrue(model.households().capacity > 0);
    }

    @Test
    void schellingStepsAndHasTheDocumentedAgentCount() {
        SchellingBenchmark b = new SchellingBenchmark();
        b.side = 129;
        b.build();
        long agents = Arrays.stream(b.schelling.neighbors.field).flatMapToInt(Arrays::stream)
                .filter(v -> v == Schelling.RED || v == Schelling.BLUE).count();
        assertEquals(10_099, agents);
        long steps = b.schelling.schedule.getSteps();
        assertTrue(b.step());
        assertEquals(steps + 1, b.schelling.schedule.getSteps());
    }

    @Test
    void memoryWritesItsFigures(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("memory.json");
        Memory.main(new String[] {String.valueOf(RESIDENTS), out.toString()});
        JsonNode f = new ObjectMapper().readTree(out.toFile());
        assertEquals(RESIDENTS, f.get("residents").asInt());
        assertNotNull(f.get("heapAfterYears"));
        assertTrue(f.get("bytesPerResidentAfterSetUp").asDouble() > 0);
        // thirty years on, residents of tick 0 who left are followed in the region
        assertTrue(f.get("personsFollowedInRegion").asLong() > 0, f.toString());
        assertTrue(f.get("regionArraysBytesPerResident").asDouble() > 0, f.toString());
        // the parts add up to the model's bytes, and the persons' part holds at least their arrays
        JsonNode parts = f.get("modelBytesPerResidentByPart");
        double sum = 0;
        for (JsonNode v : parts) {
            sum += v.asDouble();
        }
        assertEquals(f.get("modelBytesPerResidentAfterRunYears").asDouble(), sum, 1e-6 * sum);
        double persons = parts.get("persons").asDouble();
        double arrays = f.get("personArraysBytesPerResident").asDouble();
        assertTrue(persons >= arrays && persons < arrays * 1.2, persons + " against " + arrays);
        assertTrue(parts.get("households").asDouble() > 0 && parts.get("dwellings").asDouble() > 0, parts.toString());
    }
}
