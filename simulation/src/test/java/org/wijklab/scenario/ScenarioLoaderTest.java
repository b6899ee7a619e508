package org.wijklab.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, layering and validating scenarios, and the messages of their errors. */
class ScenarioLoaderTest {

    @TempDir
    Path tmp;

    /** The defaults as a JSON tree (the canonical form), to edit and load again. */
    private static ObjectNode defaultsTree() {
        try {
            return (ObjectNode) ScenarioLoader.mapper().readTree(ScenarioLoader.toJson(ScenarioLoader.defaults()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The defaults with one edit, as JSON text. */
    private static String defaultsWith(Consumer<ObjectNode> edit) {
        ObjectNode tree = defaultsTree();
        edit.accept(tree);
        return tree.toString();
    }

    private static ObjectNode hood(ObjectNode tree, int i) {
        return (ObjectNode) tree.get("city").get("neighbourhoods").get(i);
    }

    private static ScenarioException rejects(String json) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.fromJson(json, "test.json"));
        assertSingleLine(e.getMessage());
        return e;
    }

    private static void assertSingleLine(String message) {
        assertTrue(message != null && !message.isBlank(), "an error has a message");
        assertFalse(message.contains("\n") || message.contains("\r"), "one-line message: " + message);
    }

    private static void assertContains(String message, String fragment) {
        assertTrue(message.contains(fragment), "message '" + message + "' should contain '" + fragment + "'");
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    // --- defaults

    @Test
    void defaultsLoadAndValidate() {
        Scenario s = ScenarioLoader.defaults();
        assertSame(s, s.validate());
        assertEquals("baseline", s.name());
        assertEquals(12, s.city().neighbourhoods().size(), "the default city has 12 neighbourhoods");
        assertTrue(s.years() >= 1 && s.ticks() == 12 * s.years());
        assertTrue(s.city().residents() >= 500);
    }

    @Test
    void defaultsAreTheSameEveryTime() {
        assertEquals(ScenarioLoader.toJson(ScenarioLoader.defaults()), ScenarioLoader.toJson(ScenarioLoader.defaults()));
    }

    @Test
    void anEmptyObjectIsTheDefaults() {
        assertEquals(ScenarioLoader.sha256(ScenarioLoader.defaults()),
                ScenarioLoader.sha256(ScenarioLoader.fromJson("{}", "empty.json")));
    }

    @Test
    void canonicalJsonLoadsBackToTheSameScenario() {
        Scenario s = ScenarioLoader.defaults();
        Scenario back = ScenarioLoader.fromJson(ScenarioLoader.toJson(s), "round trip");
        assertEquals(ScenarioLoader.toJson(s), ScenarioLoader.toJson(back));
    }

    // --- layering

    @Test
    void aFileOverridingOneNestedFieldKeepsEveryOtherDefault() throws IOException {
        ObjectNode expected = defaultsTree();
        double separation = expected.get("demography").get("separationRate").asDouble();
        double other = separation == 0.02 ? 0.025 : 0.02;
        ((ObjectNode) expected.get("demography")).put("separationRate", other);
        Path file = write("override.json", "{ \"demography\": { \"separationRate\": " + other + " } }");

        Scenario s = ScenarioLoader.load(file);
        assertEquals(other, s.demography().separationRate());
        JsonNode actual = ScenarioLoader.mapper().readTree(ScenarioLoader.toJson(s));
        assertEquals(expected, actual, "only demography.separationRate differs from the defaults");
    }

    @Test
    void aFileOverridingAnArrayReplacesTheWholeArray() throws IOException {
        Scenario s = ScenarioLoader.fromJson("{ \"housing\": { \"baseMonthlyCost\": [400, 700, 999] } }", "t");
        assertEquals(999.0, s.housing().baseMonthlyCost()[2]);
        ObjectNode expected = defaultsTree();
        ArrayNode costs = ((ObjectNode) expected.get("housing")).putArray("baseMonthlyCost");
        costs.add(400.0).add(700.0).add(999.0);
        assertEquals(expected, ScenarioLoader.mapper().readTree(ScenarioLoader.toJson(s)));
    }

    @Test
    void eachNeighbourhoodIsLaidOverTheNeighbourhoodDefaults() throws IOException {
        Scenario s = ScenarioLoader.fromJson("""
                { "city": { "neighbourhoods": [ { "name": "Noord" }, { "name": "Zuid", "priceLevel": 1.3 } ] } }
                """, "two.json");
        assertEquals(2, s.city().neighbourhoods().size());
        assertEquals(ScenarioLoader.defaults().city().residents(), s.city().residents(), "residents stay the default");
        JsonNode base;
        try (InputStream in = ScenarioLoader.class.getResourceAsStream("neighbourhood-defaults.json")) {
            assertTrue(in != null, "neighbourhood-defaults.json beside ScenarioLoader");
            base = ScenarioLoader.mapper().readTree(in);
        }
        Scenario.NeighbourhoodSpec noord = s.city().neighbourhoods().get(0);
        Scenario.NeighbourhoodSpec zuid = s.city().neighbourhoods().get(1);
        assertEquals("Noord", noord.name());
        assertEquals(base.get("socialRentShare").asDouble(), noord.socialRentShare());
        assertEquals(base.get("priceLevel").asDouble(), noord.priceLevel());
        assertEquals(base.get("weight").asDouble(), noord.weight());
        assertEquals(1.3, zuid.priceLevel());
        assertEquals(base.get("dwellingQuality").asDouble(), zuid.dwellingQuality());
    }

    // --- errors

    @Test
    void unknownKeyNamesItsPath() {
        ScenarioException e = rejects("{ \"city\": { \"bogus\": 1 } }");
        assertContains(e.getMessage(), "city.bogus");
        assertContains(e.getMessage(), "test.json");
    }

    @Test
    void unknownTopLevelKeyNamesIt() {
        assertContains(rejects("{ \"yaers\": 10 }").getMessage(), "yaers");
    }

    @Test
    void unknownKeyInANeighbourhoodNamesItsIndex() {
        String json = defaultsWith(t -> hood(t, 2).put("colour", "blue"));
        assertContains(rejects(json).getMessage(), "city.neighbourhoods[2].colour");
    }

    @Test
    void stringForANumberNamesTheField() {
        assertContains(rejects("{ \"demography\": { \"separationRate\": \"high\" } }").getMessage(), "demography.separationRate");
    }

    @Test
    void stringForAWholeNumberNamesTheField() {
        assertContains(rejects("{ \"years\": \"ten\" }").getMessage(), "years");
    }

    @Test
    void fractionForAWholeNumberNamesTheField() {
        assertContains(rejects("{ \"housing\": { \"candidatesPerMonth\": 2.5 } }").getMessage(),
                "housing.candidatesPerMonth");
    }

    @Test
    void nullForANumberNamesTheField() {
        assertContains(rejects("{ \"labour\": { \"jobLossMonthly\": null } }").getMessage(), "labour.jobLossMonthly");
    }

    @Test
    void objectForAnArrayNamesTheField() {
        assertContains(rejects("{ \"labour\": { \"wageByEducation\": { \"low\": 1 } } }").getMessage(),
                "labour.wageByEducation");
    }

    @Test
    void outOfRangeShareNamesTheNeighbourhoodFieldAndValue() {
        String json = defaultsWith(t -> hood(t, 3).put("socialRentShare", 1.4));
        String m = rejects(json).getMessage();
        assertContains(m, "city.neighbourhoods[3].socialRentShare: 1.4 is not in [0, 1]");
        assertEquals("test.json: city.neighbourhoods[3].socialRentShare: 1.4 is not in [0, 1]", m);
    }

    @Test
    void outOfRangeYearsIsRejected() {
        assertContains(rejects("{ \"years\": 0 }").getMessage(), "years: 0 is not in [1, 200]");
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.defaults().withYears(201).validate());
        assertContains(e.getMessage(), "years");
    }

    @Test
    void tooFewResidentsIsRejected() {
        assertContains(rejects("{ \"city\": { \"residents\": 10 } }").getMessage(), "city.residents");
    }

    @Test
    void rentSharesAboveOneTogetherAreRejected() {
        String json = defaultsWith(t -> hood(t, 0).put("socialRentShare", 0.7).put("privateRentShare", 0.4));
        String m = rejects(json).getMessage();
        assertContains(m, "city.neighbourhoods[0]");
        assertContains(m, "socialRentShare + privateRentShare");
    }

    @Test
    void rentSharesOfExactlyOneAreAccepted() {
        String json = defaultsWith(t -> hood(t, 0).put("socialRentShare", 0.7).put("privateRentShare", 0.3));
        assertEquals(0.0, ScenarioLoader.fromJson(json, "t").city().neighbourhoods().get(0).ownerShare(), 1e-12);
    }

    @Test
    void duplicateNeighbourhoodNamesAreRejected() {
        String json = defaultsWith(t -> hood(t, 5).put("name", hood(t, 1).get("name").asText()));
        String m = rejects(json).getMessage();
        assertContains(m, "city.neighbourhoods[5].name");
        assertContains(m, "twice");
    }

    @Test
    void aNeighbourhoodWithoutANameIsRejected() {
        assertContains(rejects("{ \"city\": { \"neighbourhoods\": [ { \"weight\": 2 } ] } }").getMessage(),
                "city.neighbourhoods[0].name");
    }

    @Test
    void aNameWithACommaIsRejected() {
        String json = defaultsWith(t -> hood(t, 0).put("name", "Noord, Oost"));
        assertContains(rejects(json).getMessage(), "city.neighbourhoods[0].name");
    }

    @Test
    void liveabilityWeightsMustSumToOne() {
        assertContains(rejects("{ \"liveability\": { \"weights\": [0.2, 0.2, 0.2, 0.2, 0.2, 0.2] } }").getMessage(),
                "liveability.weights");
    }

    @Test
    void arraysOfTheWrongLengthAreRejected() {
        assertContains(rejects("{ \"housing\": { \"baseMoveRate\": [0.1, 0.2] } }").getMessage(),
                "housing.baseMoveRate");
    }

    @Test
    void crisisOutsideTheRunIsRejected() {
        String m = rejects("""
                { "years": 5, "economy": { "crises": [
                  { "startYear": 9, "durationYears": 1, "jobLossFactor": 2, "jobFindingFactor": 0.5 } ] } }
                """).getMessage();
        assertContains(m, "economy.crises[0].startYear");
    }

    @Test
    void cohortYearsDefaultToTheStartAndTheFirstYear() {
        assertArrayEquals(new int[] {0, 1}, ScenarioLoader.defaults().output().cohortYears());
        assertEquals(0, ScenarioLoader.fromJson("{ \"output\": { \"cohortYears\": [] } }", "test.json").output()
                .cohortYears().length, "none: no origins.csv");
    }

    @Test
    void aCohortYearMayBeTheRunsLastButNotLater() {
        // a one-year run keeps the defaults valid: the year-1 cohort has only its baseline rows
        assertArrayEquals(new int[] {0, 1}, ScenarioLoader.fromJson("{ \"years\": 1 }", "test.json").output().cohortYears());
        assertArrayEquals(new int[] {5, 0}, ScenarioLoader.fromJson(
                "{ \"years\": 5, \"output\": { \"cohortYears\": [5, 0] } }", "test.json").output().cohortYears());
        String m = rejects("{ \"years\": 5, \"output\": { \"cohortYears\": [0, 6] } }").getMessage();
        assertContains(m, "output.cohortYears[1]: 6 is not in [0, 5]");
    }

    @Test
    void badCohortYearsNameTheirIndex() {
        assertContains(rejects("{ \"output\": { \"cohortYears\": [-1] } }").getMessage(), "output.cohortYears[0]");
        assertContains(rejects("{ \"output\": { \"cohortYears\": [0, 2, 2] } }").getMessage(),
                "output.cohortYears[2]: year 2 is given twice");
        assertContains(rejects("{ \"output\": { \"cohortYears\": [0, 1.5] } }").getMessage(), "output.cohortYears[1]");
        assertContains(rejects("{ \"output\": { \"cohortYears\": 1 } }").getMessage(), "output.cohortYears");
        StringBuilder many = new StringBuilder("0");
        for (int y = 1; y <= Scenario.Output.MAX_COHORT_YEARS; y++) {
            many.append(", ").append(y);
        }
        assertContains(rejects("{ \"years\": 60, \"output\": { \"cohortYears\": [" + many + "] } }").getMessage(),
                "output.cohortYears (count)");
    }

    @Test
    void invalidJsonGivesTheLine() {
        String m = rejects("{\n  \"years\": 5,\n  \"seed\": ,\n  \"name\": \"x\"\n}").getMessage();
        assertContains(m, "line 3");
        assertContains(m, "test.json");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertContains(rejects("{ \"years\": 5, \"years\": 6 }").getMessage(), "years");
    }

    @Test
    void trailingContentIsRejected() {
        rejects("{ \"years\": 5 } { \"years\": 6 }");
    }

    @Test
    void aScenarioMustBeAnObject() {
        rejects("[1, 2, 3]");
        rejects("42");
    }

    @Test
    void missingFileSaysSoAndNamesIt() {
        Path missing = tmp.resolve("nothing-here.json");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(missing));
        assertSingleLine(e.getMessage());
        assertContains(e.getMessage(), "no such file");
        assertContains(e.getMessage(), missing.toString());
    }

    @Test
    void errorsInAFileNameTheFile() throws IOException {
        Path file = write("bad.json", "{ \"years\": 1000 }");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        assertSingleLine(e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertContains(e.getMessage(), "years");
    }

    // --- canonical JSON and hash

    @Test
    void hashIsStableForEqualScenarios() throws IOException {
        Scenario a = ScenarioLoader.defaults();
        Scenario b = ScenarioLoader.load(write("same.json", "{ \"seed\": " + a.seed() + " }"));
        assertEquals(ScenarioLoader.toJson(a), ScenarioLoader.toJson(b));
        assertEquals(ScenarioLoader.sha256(a), ScenarioLoader.sha256(b));
        assertEquals(ScenarioLoader.sha256(a), ScenarioLoader.sha256(a.withSeed(a.seed())));
        assertTrue(ScenarioLoader.sha256(a).matches("[0-9a-f]{64}"), ScenarioLoader.sha256(a));
    }

    @Test
    void hashDiffersWhenAnythingDiffers() {
        Scenario a = ScenarioLoader.defaults();
        String h = ScenarioLoader.sha256(a);
        assertNotEquals(h, ScenarioLoader.sha256(a.withSeed(a.seed() + 1)));
        assertNotEquals(h, ScenarioLoader.sha256(a.withYears(a.years() + 1)));
        assertNotEquals(h, ScenarioLoader.sha256(a.withResidents(a.city().residents() + 1)));
        assertNotEquals(h, ScenarioLoader.sha256(a.withMovesLog(!a.output().movesLog())));
        String json = defaultsWith(t -> hood(t, 11).put("facilities", hood(t, 11).get("facilities").asDouble() / 2));
        assertNotEquals(h, ScenarioLoader.sha256(ScenarioLoader.fromJson(json, "t")));
    }

    @Test
    void hashDoesNotDependOnKeyOrderOrLayout() {
        Scenario a = ScenarioLoader.fromJson("{\"years\": 7, \"seed\": 3}", "a");
        Scenario b = ScenarioLoader.fromJson("{\n  \"seed\" : 3,\n\n  \"years\" : 7\n}\n", "b");
        assertEquals(ScenarioLoader.sha256(a), ScenarioLoader.sha256(b));
    }

    @Test
    void withersChangeOnlyTheirField() throws IOException {
        Scenario a = ScenarioLoader.defaults();
        Scenario b = a.withSeed(99).withYears(3).withResidents(4321).withMovesLog(false);
        ObjectNode expected = defaultsTree();
        expected.put("seed", 99);
        expected.put("years", 3);
        ((ObjectNode) expected.get("city")).put("residents", 4321);
        ((ObjectNode) expected.get("output")).put("movesLog", false);
        assertEquals(expected, ScenarioLoader.mapper().readTree(ScenarioLoader.toJson(b)));
    }
}
