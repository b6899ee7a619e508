package org.wijklab.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wijklab.experiment.Runner;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * Skipping a household's quiet month (its draw above a bound of its summed chances) is only a
 * shortcut: a run with the skipping and the same run taking every household through the whole
 * chain of comparisons give the same bytes. Scenarios with teams, treatment, a crisis (job
 * insecurity) and restructuring exercise every term of the bounds. The region's bounds (its
 * households' mental health, labour market and demographic events after a birth) are compared
 * through its own table and the persons' outcomes (decomposition, origins).
 */
class QuietMonthsTest {
    @TempDir
    Path tmp;

    @AfterEach
    void restore() {
        Bounds.skipQuietMonths = true;
    }

    @ParameterizedTest
    @ValueSource(strings = {"crisis", "wijkteam-fragmented", "restructuring-mixed-tenure"})
    void skippingQuietMonthsChangesNoDecision(String name) throws IOException {
        Scenario s = ScenarioLoader.load(Path.of("scenarios", name + ".json")).withResidents(15_000)
                .withWarmUpYears(3).withMovesLog(true).validate();
        Bounds.skipQuietMonths = true;
        Runner.Result skipping = Runner.run(s, "test", tmp.resolve("skipping"), "test", 2);
        Bounds.skipQuietMonths = false;
        Runner.Result full = Runner.run(s, "test", tmp.resolve("full"), "test", 2);
        for (String f : List.of(Runner.NEIGHBOURHOODS, Runner.CITY, Runner.DECOMPOSITION, Runner.MOVES,
                Runner.SERVICES, Runner.COSTS, Runner.COHORTS, Runner.REGION, Runner.ORIGINS)) {
            byte[] a = Files.readAllBytes(skipping.dir().resolve(f));
            byte[] b = Files.readAllBytes(full.dir().resolve(f));
            assertTrue(a.length > 100, f + " is written");
            assertArrayEquals(a, b, f + " differs when quiet months are not skipped (" + name + ")");
        }
    }
}
