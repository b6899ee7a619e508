package org.wijklab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;

/** The Model tab's years and residents are checked against the scenario, as the command line's are. */
class ModelSettingsRangesTest {
    @Test
    void fewerYearsThanACohortYearAreRefused() {
        Scenario s = ScenarioLoader.fromJson("{\"output\": {\"cohortYears\": [0, 1, 20]}}", "t.json");
        ModelSettings settings = new ModelSettings(null, s);
        settings.setYears(10);
        ScenarioException e = assertThrows(ScenarioException.class, settings::scenarios);
        assertTrue(e.getMessage().contains("output.cohortYears[2]: 20 is not in [0, 10]"), e.getMessage());
        settings.setYears(20);
        assertEquals(20, settings.scenarios()[0].years());
    }

    @Test
    void fewerResidentsThanTheNeighbourhoodsNeedAreRefused() {
        Scenario s = ScenarioLoader.fromJson("{\"city\": {\"residents\": 20000, \"neighbourhoods\": [{\"name\": \"a\", "
                + "\"weight\": 1}, {\"name\": \"b\", \"weight\": 0.005}]}}", "t.json");
        ModelSettings settings = new ModelSettings(null, s);
        settings.setResidents(2000);
        ScenarioException e = assertThrows(ScenarioException.class, settings::scenarios);
        assertTrue(e.getMessage().contains("city.neighbourhoods[1].weight: 0.005 of 1.005 in all gives 'b' 5.21"),
                e.getMessage());
    }
}
