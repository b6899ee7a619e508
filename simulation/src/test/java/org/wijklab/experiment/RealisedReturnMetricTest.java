package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The paired metric {@code realised_return} against a hand computation from the two runs' files:
 * krachtwijk on a city of 10,000 residents (seed 1) for 8 recorded years (the programme spends
 * 6.5 M euro a year from tick 12 to 84) and its twin without the programme; escalations.csv's
 * costs of years 2 to 7 (ticks 13 to 84) in every neighbourhood, the twin's minus the run's, over
 * six years' budget. Deterministic: the tolerance is the files' rounding to whole euro.
 */
class RealisedReturnMetricTest {
    @TempDir
    static Path tmp;
    static Scenario scenario;
    static RunSummary run;
    static RunSummary twin;

    @BeforeAll
    static void runBoth() throws Exception {
        scenario = ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(10_000).withYears(8)
                .withMovesLog(false).validate();
        run = new RunSummary(scenario).keepLeak();
        Runner.run(scenario, "krachtwijk.json", tmp.resolve("run"), "test", 1, run);
        // the twin as the sweep makes it: the scenario without programmes, the same seed (renamed for its folder)
        ObjectNode tree = (ObjectNode) ScenarioLoader.mapper().readTree(ScenarioLoader.toJson(scenario.withoutProgrammes()));
        tree.put("name", "twin");
        Scenario t = ScenarioLoader.fromJson(tree.toString(), "twin.json");
        twin = new RunSummary(t).keepLeak();
        Runner.run(t, "twin.json", tmp.resolve("twin"), "test", 1, twin);
        run.paired = PairedMetrics.of(run, twin);
    }

    /** escalations.csv's costs of years y0 to y1 in every neighbourhood and for every party, euro. */
    private static double costs(String folder, int y0, int y1) {
        TestCsv c = TestCsv.read(tmp.resolve(folder).resolve("escalations.csv"));
        double s = 0;
        for (int r = 0; r < c.size(); r++) {
            long y = c.integer(r, "year");
            if (y >= y0 && y <= y1) {
                s += c.num(r, "escalation_costs");
            }
        }
        return s;
    }

    @Test
    void realisedReturnIsTheTwinsEscalationCostsMinusTheRunsOverTheSpending() {
        RunSummary.ProgrammeRecord p = run.programmes.get(0);
        assertEquals(12, p.startTick);
        assertEquals(84, p.endTick);
        double spent = 6 * 6_500_000.0;
        assertEquals(spent, p.spent, 1e-3);
        double hand = (costs("twin", 2, 7) - costs("run", 2, 7)) / spent;
        double metric = SweepMetrics.compute(run, List.of(PairedMetrics.REALISED))[0];
        assertNull(run.paired.reason(PairedMetrics.REALISED));
        // were the file's cells rounded to the euro: at most 0.5 euro in each of 12 neighbourhoods × 5 parties × 6
        // years = 360 rows, 180 euro of 39 M euro spent, under 5e-6 per euro
        assertEquals(hand, metric, 5e-6, "hand " + hand + ", metric " + metric);
        assertTrue(costs("twin", 2, 7) != costs("run", 2, 7), "the programme changes the escalations");
        assertTrue(SweepMetrics.paired(PairedMetrics.REALISED));
        assertNull(SweepMetrics.unavailable(PairedMetrics.REALISED, scenario, true));
        assertNotNull(SweepMetrics.unavailable(PairedMetrics.REALISED, scenario, false));
    }

    @Test
    void aTwinOfAnotherSeedGivesNaWithTheReason() {
        RunSummary other = new RunSummary(twin.scenario.withSeed(scenario.seed() + 1));
        org.wijklab.model.WijkLabModel model = new org.wijklab.model.WijkLabModel(other.scenario);
        other.attach(model);
        model.runToEnd();
        other.finished();
        PairedMetrics p = PairedMetrics.of(run, other);
        RunSummary copy = run;
        PairedMetrics kept = copy.paired;
        copy.paired = p;
        try {
            assertTrue(Double.isNaN(PairedMetrics.value(copy, PairedMetrics.REALISED)));
            assertTrue(p.reason(PairedMetrics.REALISED).contains("seed"), p.reason(PairedMetrics.REALISED));
        } finally {
            copy.paired = kept;
        }
    }
}
