package org.wijklab.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.wijklab.experiment.RunSummary;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The GUI's erosion chart is the decomposition's: a watch started at the programme's start gives,
 * at its end, the people change and place change of decomposition.csv's row for the programme's
 * targets and period, for every metric (krachtwijk, 8,000 residents, seeds 1 and 2; the same
 * arithmetic in another order, so a tolerance of 1e-9).
 */
class CohortWatchTest {
    @Test
    void theWatchAtTheProgrammesEndIsTheDecompositionsRow() {
        for (long seed : new long[] {1, 2}) {
            Scenario s = ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(8000).withYears(8)
                    .withWarmUpYears(3).withMovesLog(false).withSeed(seed);
            RunSummary summary = new RunSummary(s);
            WijkLabModel model = new WijkLabModel(s);
            summary.attach(model);
            CohortWatch[] watch = new CohortWatch[1];
            double[][][] atEnd = new double[1][][];
            model.addTickListener((m, tick) -> {
                Programmes.Run run = m.programmes().runs().get(0);
                if (tick == run.startTick) {
                    watch[0] = new CohortWatch(m);
                }
                if (watch[0] != null && !watch[0].selected() && run.started()) {
                    watch[0].select(run.isTarget);
                }
                if (tick == run.endTick) {
                    atEnd[0] = watch[0].now(m);
                }
            });
            model.runToEnd();
            summary.finished();
            assertTrue(watch[0].size() > 500, "a cohort: " + watch[0].size());
            RunSummary.ProgrammeRecord p = summary.programmes.get(0);
            for (int k = 0; k < CohortWatch.METRICS.length; k++) {
                String metric = CohortWatch.METRICS[k];
                double people = summary.decomposition("targets:krachtwijk", metric, p.startTick, p.endTick, "people_change");
                double place = summary.decomposition("targets:krachtwijk", metric, p.startTick, p.endTick, "place_change");
                assertEquals(people, atEnd[0][k][0], 1e-9, metric + " people change, seed " + seed);
                assertEquals(place, atEnd[0][k][1], 1e-9, metric + " place change, seed " + seed);
            }
        }
    }
}
