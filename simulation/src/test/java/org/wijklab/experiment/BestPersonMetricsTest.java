package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.scenario.Overrides;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The sweep's best-person metrics (V7) against a hand computation from the same run's
 * services.csv: krachtwijk on a city of 10,000 residents (seed 1) for 10 recorded years (the
 * programme from tick 12 to 84, then 3 years), with protection 0.2 so that best persons rest and
 * burn out while the programme runs. Deterministic: no tolerance beyond the arithmetic's.
 */
class BestPersonMetricsTest {
    @TempDir
    static Path tmp;
    static RunSummary summary;
    static TestCsv services;
    static Scenario scenario;

    static final List<String> NAMES = List.of("best_persons_emerged", "best_persons_lost_moving",
            "best_persons_lost_burnout", "best_persons_lost_moving_run_end", "best_persons_lost_burnout_run_end",
            "months_to_first_loss", "best_person_years");

    @BeforeAll
    static void run() {
        scenario = Overrides.parse(List.of("programmes[*].bestPersons.protection=0.2"))
                .apply(ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json"))).withResidents(10_000).withYears(10)
                .withMovesLog(false).validate();
        summary = new RunSummary(scenario);
        Path dir = tmp.resolve("run");
        Runner.run(scenario, "krachtwijk.json", dir, "test", 1, summary);
        services = TestCsv.read(dir.resolve("services.csv"));
    }

    /** A column summed over the programme's targets at a tick of services.csv. */
    private static double sum(int tick, String... columns) {
        List<String> names = names();
        double s = 0;
        for (int r = 0; r < services.size(); r++) {
            if (services.integer(r, "tick") == tick && isTarget(names, services.get(r, "neighbourhood"))) {
                for (String c : columns) {
                    s += services.num(r, c);
                }
            }
        }
        return s;
    }

    private static List<String> names() {
        return scenario.city().neighbourhoods().stream().map(Scenario.NeighbourhoodSpec::name).toList();
    }

    private static boolean isTarget(List<String> names, String name) {
        for (int j : summary.programmes.get(0).targets) {
            if (names.get(j).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static double metric(String name) {
        return SweepMetrics.compute(summary, List.of(name))[0];
    }

    @Test
    void theCountsAreServicesCountsOverTheTargetsAtTheProgrammesEndAndTheRunsEnd() {
        RunSummary.ProgrammeRecord p = summary.programmes.get(0);
        assertEquals(12, p.startTick);
        assertEquals(84, p.endTick);
        assertEquals(120, summary.ticks);
        double emerged = sum(84, "best_persons_active", "best_persons_exhausted", "best_persons_left");
        assertEquals(emerged, metric("best_persons_emerged"));
        assertEquals(sum(84, "best_persons_lost_moving"), metric("best_persons_lost_moving"));
        assertEquals(sum(84, "best_persons_lost_burnout"), metric("best_persons_lost_burnout"));
        assertEquals(sum(120, "best_persons_lost_moving"), metric("best_persons_lost_moving_run_end"));
        assertEquals(sum(120, "best_persons_lost_burnout"), metric("best_persons_lost_burnout_run_end"));
        // the run has something to count: the hand computation is not a comparison of zeros
        assertTrue(emerged > 3 * 2, "more than the 2 originators of each of the 3 targets: " + emerged);
        assertTrue(metric("best_persons_lost_burnout") > 0, "protection 0.2 burns best persons out within the programme");
        assertTrue(metric("best_persons_lost_moving_run_end") > 0, "some best persons' households move");
        assertTrue(metric("best_persons_lost_burnout_run_end") >= metric("best_persons_lost_burnout"));
    }

    @Test
    void monthsToFirstLossAndBestPersonYearsAreServicesRowsCounted() {
        RunSummary.ProgrammeRecord p = summary.programmes.get(0);
        List<String> names = names();
        double months = 0;
        double activeMonths = 0;
        for (int j : p.targets) {
            int first = -1;
            for (int r = 0; r < services.size(); r++) {
                if (!services.get(r, "neighbourhood").equals(names.get(j))) {
                    continue;
                }
                int t = (int) services.integer(r, "tick");
                if (services.num(r, "best_persons_active") > 0) {
                    activeMonths++;
                }
                // a rest shows as exhausted, a loss (moving, burnout, death) as left
                if (first < 0 && t >= p.startTick
                        && services.num(r, "best_persons_exhausted") + services.num(r, "best_persons_left") > 0) {
                    first = t;
                }
            }
            months += first < 0 ? summary.ticks - p.startTick : first - p.startTick;
        }
        months /= p.targets.length;
        assertEquals(months, metric("months_to_first_loss"), 1e-12);
        assertTrue(months > 0 && months < summary.ticks - p.startTick, "a first loss within the run: " + months);
        assertEquals(activeMonths / 12.0, metric("best_person_years"), 1e-12);
    }

    @Test
    void withoutAProgrammeOrInARecordReadBackTheyAreNa() {
        Scenario none = scenario.withoutProgrammes();
        for (String name : NAMES) {
            assertNotNull(SweepMetrics.unavailable(name, none), name);
            assertNull(SweepMetrics.unavailable(name, scenario), name);
        }
        Path file = tmp.resolve("record.bin.gz");
        summary.write(file);
        RunSummary back = RunSummary.read(file, scenario);
        // the counts are kept in memory only; months to first loss and best-person years are in the record
        for (String name : NAMES.subList(0, 5)) {
            assertTrue(Double.isNaN(SweepMetrics.compute(back, List.of(name))[0]), name);
        }
        assertEquals(metric("months_to_first_loss"), SweepMetrics.compute(back, List.of("months_to_first_loss"))[0]);
        assertEquals("V7", SweepMetrics.pattern("months_to_first_loss"));
    }
}
