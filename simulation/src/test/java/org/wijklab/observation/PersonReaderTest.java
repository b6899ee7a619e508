package org.wijklab.observation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The tables that follow persons (origins.csv, leak.csv, cohorts.csv, helped.csv) read them through
 * the erosion decomposition's households' records of each tick in a run; made on their own they
 * read the model's arrays. Both ways, in one run of krachtwijk (its programme, its cohorts, help,
 * moves to the region, deaths), every file is the same bytes; the tables that read through the
 * decomposition are told of each tick before it, so a table makes the tick's records.
 */
class PersonReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readingThroughTheDecompositionGivesTheSameFilesAsReadingTheModel() throws IOException {
        Scenario scenario = ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json"))
                .withResidents(4000).withYears(9).withMovesLog(false).validate();
        WijkLabModel model = new WijkLabModel(scenario);
        int ticks = scenario.ticks();
        int[] years = scenario.output().cohortYears();
        assertTrue(years.length > 0, "the scenario has cohorts");
        Path own = Files.createDirectories(tmp.resolve("own"));
        Path through = Files.createDirectories(tmp.resolve("through"));
        ErosionDecomposition decomposition = new ErosionDecomposition(tmp.resolve("decomposition.csv"),
                scenario.output().decompositionYears(), ticks);
        OriginsTable origins = new OriginsTable(own.resolve("origins.csv"), years, ticks);
        LeakTable leak = new LeakTable(own.resolve("leak.csv"), origins, ticks);
        CohortTable cohorts = new CohortTable(own.resolve("cohorts.csv"));
        HelpedTable helped = new HelpedTable(own.resolve("helped.csv"), ticks);
        OriginsTable origins2 = new OriginsTable(through.resolve("origins.csv"), years, ticks)
                .readingThrough(decomposition);
        LeakTable leak2 = new LeakTable(through.resolve("leak.csv"), origins2, ticks).readingThrough(decomposition);
        CohortTable cohorts2 = new CohortTable(through.resolve("cohorts.csv")).readingThrough(decomposition);
        HelpedTable helped2 = new HelpedTable(through.resolve("helped.csv"), ticks).readingThrough(decomposition);
        for (org.wijklab.model.TickListener l : new org.wijklab.model.TickListener[] {
                origins2, leak2, cohorts2, helped2, origins, leak, cohorts, helped, decomposition}) {
            model.addTickListener(l);
        }
        model.runToEnd();
        for (OutputFile f : new OutputFile[] {origins, leak, cohorts, helped, origins2, leak2, cohorts2, helped2,
                decomposition}) {
            f.close();
        }
        for (String name : new String[] {"origins.csv", "leak.csv", "cohorts.csv", "helped.csv"}) {
            byte[] expected = Files.readAllBytes(own.resolve(name));
            assertTrue(Files.readAllLines(own.resolve(name)).size() > 10, name + " has rows");
            assertArrayEquals(expected, Files.readAllBytes(through.resolve(name)), name);
        }
    }
}
