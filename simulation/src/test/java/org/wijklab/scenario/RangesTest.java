package org.wijklab.scenario;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wijklab.model.WijkLabModel;

/**
 * Parameter ranges that keep the model meaningful, messages whose bounds read as a person would
 * write them, and a city built as asked: refused before it is built where the arithmetic tells,
 * after it is built where only the drawn households tell.
 */
class RangesTest {

    /** A small, cheap city: a scenario body (without braces) is added to it. */
    private static String tiny(String more) {
        return city("{\"residents\": 2000}", more);
    }

    /** The same with its own city (a JSON object). */
    private static String city(String city, String more) {
        return "{\"name\": \"tiny\", \"years\": 2, \"warmUpYears\": 1, \"city\": " + city
                + (more.isEmpty() ? "" : ", " + more) + "}";
    }

    private static final String PROGRAMME = "\"programmes\": [{\"name\": \"p\", \"targets\": {\"weakest\": 3}, "
            + "\"startYear\": 0, \"durationYears\": %s, \"yearlyBudget\": 0, \"team\": {\"budgetShare\": 0, \"mode\": \"none\", "
            + "\"areaResidents\": 5000, \"proximity\": 0.7}%s}]";

    private static String refused(String json) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.fromJson(json, "t.json"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), "'" + part + "' in: " + message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0.9999999999", "0.5", "0.21"})
    void targetVacancyLeavesRoomForTheResidents(String vacancy) {
        // 1 built one dwelling per neighbourhood; 0.9999999999 asked for 5e13 dwellings (out of memory)
        String m = refused(tiny("\"housing\": {\"targetVacancy\": " + vacancy + "}"));
        assertContains(m, "housing.targetVacancy: " + vacancy + " is not in [0, 0.2]");
    }

    @Test
    void theHighestTargetVacancyAndMaxBurdenAreValid() {
        assertDoesNotThrow(() -> ScenarioLoader.fromJson(tiny("\"housing\": {\"targetVacancy\": 0.2, \"maxBurden\": 0.2}"),
                "t.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.05", "0.12", "0.19"})
    void maxBurdenLeavesInMigrantsAWindowAboveTheirMinimumBurden(String burden) {
        // in-migrants pay at least 0.12 of their income: at 0.05 no market dwelling fitted anyone
        String m = refused(tiny("\"housing\": {\"maxBurden\": " + burden + "}"));
        assertContains(m, "housing.maxBurden: " + burden + " is not in [0.2, 1]");
    }

    @Test
    void durationsSayOneMonthNotItsDecimals() {
        String programme = refused(tiny(String.format(Locale.ROOT, PROGRAMME, "0", "")));
        assertContains(programme, "programmes[0].durationYears: 0 is less than one month (1/12 of a year)");
        String crisis = refused(tiny("\"economy\": {\"crises\": [{\"startYear\": 0, \"durationYears\": 0, "
                + "\"jobLossFactor\": 2, \"jobFindingFactor\": 0.5}]}"));
        assertContains(crisis, "economy.crises[0].durationYears: 0 is less than one month (1/12 of a year)");
        String restructuring = refused(tiny(String.format(Locale.ROOT, PROGRAMME, "1",
                ", \"restructuring\": {\"shareOfSocial\": 0.3, \"years\": 0}")));
        assertContains(restructuring, "programmes[0].restructuring.years: 0 is less than one month (1/12 of a year)");
        for (String m : new String[] {programme, crisis, restructuring}) {
            assertFalse(m.contains("0.0833"), "no decimals of a month: " + m);
        }
        assertContains(refused(tiny(String.format(Locale.ROOT, PROGRAMME, "300", ""))),
                "programmes[0].durationYears: 300 is more than 200 years");
    }

    @Test
    void aMonthWrittenToFourDecimalsIsAMonth() {
        // the old bound of a crisis (0.0833) and of a programme (1/12) agree now
        assertDoesNotThrow(() -> ScenarioLoader.fromJson(tiny(String.format(Locale.ROOT, PROGRAMME, "0.0833", "")), "t.json"));
        assertDoesNotThrow(() -> ScenarioLoader.fromJson(tiny("\"economy\": {\"crises\": [{\"startYear\": 1, "
                + "\"durationYears\": 0.0833, \"jobLossFactor\": 2, \"jobFindingFactor\": 0.5}]}"), "t.json"));
    }

    @Test
    void aCrisisStartsWhileTheRunLasts() {
        // a crisis is active while startYear <= (t - 1) / 12: from year 2 of a 2-year run, never
        for (String start : new String[] {"2", "1.95"}) {
            String m = refused(tiny("\"economy\": {\"crises\": [{\"startYear\": " + start + ", \"durationYears\": 1, "
                    + "\"jobLossFactor\": 2, \"jobFindingFactor\": 0.5}]}"));
            assertContains(m, "economy.crises[0].startYear: " + start + " leaves no month of the run (years = 2)");
        }
        assertDoesNotThrow(() -> ScenarioLoader.fromJson(tiny("\"economy\": {\"crises\": [{\"startYear\": 1.9, "
                + "\"durationYears\": 1, \"jobLossFactor\": 2, \"jobFindingFactor\": 0.5}]}"), "t.json"));
    }

    @Test
    void numbersReadAsAPersonWritesThem() {
        String sum = refused(city("{\"residents\": 2000, \"neighbourhoods\": [{\"name\": \"a\", \"weight\": 1, "
                + "\"socialRentShare\": 0.6, \"privateRentShare\": 0.7}]}", ""));
        // 0.6 + 0.7 is 1.2999999999999998 in binary floating point
        assertContains(sum, "socialRentShare + privateRentShare = 1.3 exceeds 1");
        assertContains(refused(tiny("\"housing\": {\"maxBurden\": 0.00001}")), "housing.maxBurden: 0.00001 is not in");
        assertContains(refused(tiny("\"liveability\": {\"weights\": [0.6, 0.7, 0, 0, 0, 0]}")),
                "liveability.weights: sum to 1.3, not 1");
    }

    @Test
    void aNeighbourhoodTooSmallForTenDwellingsIsRefused() {
        // its share rounded to none and was raised to one dwelling: a city larger than asked
        String m = refused("{\"city\": {\"residents\": 500, \"neighbourhoods\": [{\"name\": \"big\", \"weight\": 1}, "
                + "{\"name\": \"speck\", \"weight\": 0.001}]}}");
        assertContains(m, "city.neighbourhoods[1].weight: 0.001 of 1.001 in all gives 'speck' 0.26 of the 262 dwellings of a city of 500 residents, fewer than the 10 a neighbourhood needs");
    }

    @Test
    void manyNeighbourhoodsForFewResidentsAreRefused() {
        // 300 neighbourhoods for 500 residents built 300 dwellings (262 asked), each share rounded up
        StringBuilder hoods = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            hoods.append(i == 0 ? "" : ", ").append("{\"name\": \"n").append(i).append("\", \"weight\": 1}");
        }
        String m = refused("{\"city\": {\"residents\": 500, \"neighbourhoods\": [" + hoods + "]}}");
        assertContains(m, "city.neighbourhoods[0].weight: 1 of 300 in all gives 'n0' 0.87 of the 262 dwellings");
    }

    private static int residents(WijkLabModel m) {
        int r = 0;
        for (int x : m.neighbourhoods().residents) {
            r += x;
        }
        return r;
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 3000})
    void aValidCityHoldsTheDwellingsAndResidentsAsked(int asked) {
        Scenario s = ScenarioLoader.fromJson(tiny("\"seed\": 3"), "t.json").withResidents(asked).validate();
        WijkLabModel m = new WijkLabModel(s);
        m.setThreads(1);
        m.start();
        try {
            int total = s.dwellingsAsked();
            assertEquals(Math.round(asked / 1.95 / 0.98), total, "the stock size of the ODD (§5.1)");
            int perHood = 0;
            for (int c : s.dwellingsPerNeighbourhood()) {
                assertTrue(c >= 1);
                perHood += c;
            }
            assertEquals(perHood, m.dwellings().builtCount(), "the city holds the dwellings of its neighbourhoods");
            assertTrue(Math.abs(perHood - total) <= s.city().neighbourhoods().size() / 2,
                    "only each neighbourhood's rounding: " + perHood + " of " + total);
            int built = residents(m);
            assertTrue(Math.abs(built - asked) <= 0.1 * asked, "asked " + asked + ", built " + built);
        } finally {
            m.finish();
        }
    }

    private static ScenarioException buildRefused(String json) {
        Scenario s = ScenarioLoader.fromJson(json, "t.json");
        WijkLabModel m = new WijkLabModel(s);
        m.setThreads(1);
        try {
            return assertThrows(ScenarioException.class, m::start);
        } finally {
            m.finish();
        }
    }

    @Test
    void aCityOfSmallDwellingsCannotHoldTheResidentsAsked() {
        // every household of three or more is refused by a small dwelling: 1.6 persons each, 18 % short
        String hoods = "{\"residents\": 2000, \"neighbourhoods\": [{\"name\": \"a\", \"weight\": 1, "
                + "\"smallDwellingShare\": 1}, {\"name\": \"b\", \"weight\": 1, \"smallDwellingShare\": 1}]}";
        String m = buildRefused(city(hoods, "")).getMessage();
        assertContains(m, "city.residents: asked 2000 in scenario 'tiny', the city built holds ");
        assertContains(m, "% fewer, more than the 10 % a city may be off): its ");
        assertContains(m, "where the stock is sized for 1.95");
    }

    @Test
    void aCityWhoseDwellingsNobodyFitsIsRefused() {
        // private rent at 20,000 a month: no household pays that from at most 35 % of its income
        String hoods = "{\"residents\": 2000, \"neighbourhoods\": [{\"name\": \"a\", \"weight\": 1, "
                + "\"socialRentShare\": 0, \"privateRentShare\": 1}]}";
        String m = buildRefused(city(hoods, "\"housing\": {\"baseMonthlyCost\": [450, 20000, 1000]}")).getMessage();
        assertContains(m, "city.residents: asked 2000 in scenario 'tiny', the city built holds ");
        assertContains(m, "dwellings offered found no household that fits them");
    }
}
