package org.wijklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wijklab.cli.WijkLabCli;
import picocli.CommandLine;

/**
 * Programme input: a bad programme is refused with one line that names the field, by the loader
 * and through the command line (exit code 2, nothing written); and the shipped scenario files in
 * {@code scenarios/} are comparable programme scenarios (same city, seed and horizon, a
 * pre-programme year, targets that resolve, budget shares that add up), with sweep files whose
 * paths resolve on their base scenario.
 */
class ProgrammeValidationTest {
    private static final String SOURCE = "x.json";

    @TempDir
    Path tmp;

    /** A valid scenario with one krachtwijk-like programme; each bad case edits one thing. */
    private static final String VALID = """
            {
              "name": "programme-validation",
              "description": "a valid programme, edited by each case",
              "seed": 1,
              "programmes": [
                {
                  "name": "plan",
                  "targets": { "weakest": 3 },
                  "startYear": 1,
                  "durationYears": 6,
                  "yearlyBudget": 6500000,
                  "themes": { "housing": 0.25, "work": 0.15, "learning": 0.1, "integration": 0.1, "safety": 0.1, "health": 0.1 },
                  "team": { "budgetShare": 0.2, "mode": "integral", "areaResidents": 15000, "proximity": 0.7 },
                  "funders": { "municipality": 0.3, "housingCorporation": 0.5, "nationalGovernment": 0.2 },
                  "pooledBudget": true,
                  "restructuring": { "shareOfSocial": 0.3, "years": 6, "socialShare": 0.4, "privateShare": 0.25, "ownerShare": 0.35, "quality": 0.8 },
                  "allocation": { "incomeFloor": 20000 }
                }
              ]
            }
            """;

    private static ObjectNode validTree() {
        try {
            return (ObjectNode) ScenarioLoader.mapper().readTree(VALID);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode programme(ObjectNode scenario, int i) {
        return (ObjectNode) scenario.get("programmes").get(i);
    }

    private static ObjectNode obj(ObjectNode parent, String field) {
        return (ObjectNode) parent.get(field);
    }

    private static ArrayNode array(String... texts) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (String t : texts) {
            a.add(t);
        }
        return a;
    }

    /** One bad input: what is edited, and the fragments its error message must contain. */
    record Bad(String label, Consumer<ObjectNode> edit, String... fragments) {
        String json() {
            ObjectNode tree = validTree();
            edit.accept(tree);
            return tree.toString();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Bad> badProgrammes() {
        return Stream.of(
                new Bad("unknown neighbourhood", s -> {
                    ObjectNode t = obj(programme(s, 0), "targets");
                    t.removeAll();
                    t.set("names", array("Nergenshuizen"));
                }, "programmes[0].targets.names[0]", "Nergenshuizen"),
                new Bad("unknown neighbourhood after a known one", s -> {
                    ObjectNode t = obj(programme(s, 0), "targets");
                    t.removeAll();
                    t.set("names", array("Kanaalzone", "Kanaalzone-Noord"));
                }, "programmes[0].targets.names[1]", "Kanaalzone-Noord"),
                new Bad("neighbourhood named twice", s -> {
                    ObjectNode t = obj(programme(s, 0), "targets");
                    t.removeAll();
                    t.set("names", array("Molenwijk", "Molenwijk"));
                }, "programmes[0].targets.names[1]"),
                new Bad("both names and weakest", s -> obj(programme(s, 0), "targets").set("names", array("Kanaalzone")),
                        "programmes[0].targets", "not both"),
                new Bad("neither names nor weakest", s -> obj(programme(s, 0), "targets").put("weakest", 0),
                        "programmes[0].targets"),
                new Bad("more weakest than neighbourhoods", s -> obj(programme(s, 0), "targets").put("weakest", 13),
                        "programmes[0].targets.weakest"),
                new Bad("negative budget", s -> programme(s, 0).put("yearlyBudget", -6500000),
                        "programmes[0].yearlyBudget"),
                new Bad("budget as text", s -> programme(s, 0).put("yearlyBudget", "6.5M"),
                        "programmes[0].yearlyBudget"),
                new Bad("theme shares and team share above 1", s -> obj(programme(s, 0), "team").put("budgetShare", 0.3),
                        "programmes[0]", "team.budgetShare", "not 1"),
                new Bad("theme shares and team share below 1", s -> obj(programme(s, 0), "themes").put("housing", 0.1),
                        "programmes[0]", "team.budgetShare", "not 1"),
                new Bad("negative theme share", s -> obj(programme(s, 0), "themes").put("work", -0.15),
                        "programmes[0].themes.work"),
                new Bad("duration past the run's end", s -> programme(s, 0).put("durationYears", 30),
                        "programmes[0].durationYears", "past the run's end"),
                new Bad("start after the run's end", s -> programme(s, 0).put("startYear", 31),
                        "programmes[0].startYear"),
                new Bad("unknown team mode", s -> obj(programme(s, 0), "team").put("mode", "generalist"),
                        "programmes[0].team.mode", "generalist"),
                new Bad("team budget without a team", s -> obj(programme(s, 0), "team").put("mode", "none"),
                        "programmes[0].team.budgetShare"),
                new Bad("team area too small", s -> obj(programme(s, 0), "team").put("areaResidents", 500),
                        "programmes[0].team.areaResidents"),
                new Bad("team proximity above 1", s -> obj(programme(s, 0), "team").put("proximity", 1.5),
                        "programmes[0].team.proximity"),
                new Bad("funders not summing to 1", s -> obj(programme(s, 0), "funders").put("municipality", 0.5),
                        "programmes[0].funders", "not 1"),
                new Bad("unknown funder", s -> obj(programme(s, 0), "funders").put("bank", 0.1),
                        "programmes[0].funders.bank", "unknown field"),
                new Bad("restructuring mix not summing to 1", s -> obj(programme(s, 0), "restructuring").put("ownerShare", 0.5),
                        "programmes[0].restructuring", "not 1"),
                new Bad("restructuring share above 1", s -> obj(programme(s, 0), "restructuring").put("shareOfSocial", 1.3),
                        "programmes[0].restructuring.shareOfSocial"),
                new Bad("negative income floor", s -> obj(programme(s, 0), "allocation").put("incomeFloor", -1),
                        "programmes[0].allocation.incomeFloor"),
                new Bad("coalition breadth 0", s -> programme(s, 0).put("coalitionBreadth", 0),
                        "programmes[0].coalitionBreadth"),
                new Bad("best persons' protection above 1", s -> programme(s, 0).putObject("bestPersons").put("protection", 2),
                        "programmes[0].bestPersons.protection"),
                new Bad("the removed bestPersons.present", s -> programme(s, 0).putObject("bestPersons").put("present", false),
                        "programmes[0].bestPersons.present", "removed", "roomToAct"),
                new Bad("the removed policy.bestPersons.effect", s -> s.putObject("policy").putObject("bestPersons").put("effect", 0.5),
                        "policy.bestPersons.effect", "removed", "referral"),
                new Bad("the removed policy.initiatives.closeRate", s -> s.putObject("policy").putObject("initiatives").put("closeRate", 0.3),
                        "policy.initiatives.closeRate", "removed", "memberYears"),
                new Bad("the removed policy.themes.reachScale", s -> s.putObject("policy").putObject("themes").put("reachScale", 3),
                        "policy.themes.reachScale", "removed", "coalitionBreadth"),
                new Bad("the removed policy.themes.fragmentationLoss", s -> s.putObject("policy").putObject("themes").put("fragmentationLoss", 0.2),
                        "policy.themes.fragmentationLoss", "removed", "decisionMonths"),
                new Bad("a funder's decision of more than five years", s -> s.putObject("policy").putObject("themes")
                        .putArray("decisionMonths").add(3).add(6).add(6).add(61).add(1),
                        "policy.themes.decisionMonths[3]"),
                new Bad("two programmes with the same name", s -> {
                    ObjectNode second = programme(s, 0).deepCopy();
                    ((ArrayNode) s.get("programmes")).add(second);
                }, "programmes[1].name", "plan"),
                new Bad("a bad second programme is named by its index", s -> {
                    ObjectNode second = programme(s, 0).deepCopy();
                    second.put("name", "second");
                    ObjectNode t = obj(second, "targets");
                    t.removeAll();
                    t.set("names", array("Atlantis"));
                    ((ArrayNode) s.get("programmes")).add(second);
                }, "programmes[1].targets.names[0]", "Atlantis"),
                new Bad("programme without a name", s -> programme(s, 0).remove("name"), "programmes[0].name"),
                new Bad("programme name with a comma", s -> programme(s, 0).put("name", "plan, phase 2"),
                        "programmes[0].name"),
                new Bad("unknown key in a programme", s -> programme(s, 0).put("budget", 6500000),
                        "programmes[0].budget", "unknown field"),
                new Bad("unknown key inside the team", s -> obj(programme(s, 0), "team").put("size", 12),
                        "programmes[0].team.size", "unknown field"));
    }

    @Test
    void theValidProgrammeLoads() {
        Scenario s = ScenarioLoader.fromJson(VALID, SOURCE);
        assertEquals(1, s.programmes().size());
        assertEquals("plan", s.programmes().get(0).name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProgrammes")
    void theLoaderNamesTheField(Bad bad) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.fromJson(bad.json(), SOURCE));
        String m = e.getMessage();
        assertOneLine(m);
        assertTrue(m.startsWith(SOURCE + ": "), "the message starts with the file: " + m);
        for (String f : bad.fragments()) {
            assertTrue(m.contains(f), "message '" + m + "' should contain '" + f + "'");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProgrammes")
    void theCommandLineRefusesWithExitTwoAndWritesNothing(Bad bad) throws IOException {
        Path file = tmp.resolve(SOURCE);
        Files.writeString(file, bad.json(), StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        CommandLine cl = WijkLabCli.commandLine();
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(new PrintWriter(stderr, true));
        int code = cl.execute("run", file.toString(), "--out", out.toString());
        String err = stderr.toString();
        String report = "exit " + code + "\n--- stdout\n" + stdout + "--- stderr\n" + err;
        assertEquals(WijkLabCli.USER_ERROR, code, report);
        assertEquals(1, err.lines().count(), "one line on stderr: " + report);
        assertTrue(err.startsWith("wijklab: "), report);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + report);
        for (String f : bad.fragments()) {
            assertTrue(err.contains(f), "stderr should contain '" + f + "': " + report);
        }
        assertFalse(Files.exists(out), "no output folder: " + report);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(org.wijklab.experiment.Folders::isWritersLeftover).toList(),
                    "no partial output folder");
        }
    }

    private static void assertOneLine(String m) {
        assertTrue(m != null && !m.isBlank(), "an error has a message");
        assertFalse(m.contains("\n") || m.contains("\r"), "one-line message: " + m);
    }

    // --- the shipped scenario and sweep files

    /** The standard scenarios of MODEL.md section 7 and the controls that go with them. */
    static final List<String> STANDARD = List.of("baseline", "krachtwijk", "single-theme", "wijkteam-integral",
            "wijkteam-fragmented", "no-best-persons", "copied-programme", "copied-programme-original",
            "short-programme", "long-programme", "crisis", "crisis-no-programme", "restructuring-mixed-tenure",
            "allocation-income-floor");
    static final List<String> SWEEPS = List.of("sweep-cheap-stock", "sweep-cheap-stock-baseline", "sweep-team-area",
            "sweep-duration", "sweep-morris-core");

    private static List<Path> jsonFiles() throws IOException {
        try (Stream<Path> s = Files.list(ScenarioFilesTest.scenariosFolder())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static JsonNode read(Path file) {
        try {
            return ScenarioLoader.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(file + ": not readable JSON: " + e.getMessage(), e);
        }
    }

    private static boolean isSweep(JsonNode tree) {
        return tree.isObject() && tree.size() == 1 && tree.has("sweep");
    }

    @Test
    void theStandardScenariosAndSweepsAreThere() {
        Path folder = ScenarioFilesTest.scenariosFolder();
        for (String n : STANDARD) {
            Path f = folder.resolve(n + ".json");
            assertTrue(Files.isRegularFile(f), f + " is missing");
            assertEquals(n, ScenarioLoader.load(f).name(), f + ": its name is its file name");
        }
        for (String n : SWEEPS) {
            Path f = folder.resolve(n + ".json");
            assertTrue(Files.isRegularFile(f), f + " is missing");
            assertTrue(isSweep(read(f)), f + ": a sweep file has the single top-level key \"sweep\"");
        }
    }

    @Test
    void theReadmeListsEveryFile() throws IOException {
        Path readme = ScenarioFilesTest.scenariosFolder().resolve("README.md");
        assertTrue(Files.isRegularFile(readme), readme + " is missing");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        for (Path f : jsonFiles()) {
            String n = f.getFileName().toString();
            assertTrue(text.contains("`" + n + "`") || text.contains("`" + n.replace(".json", "") + "`"),
                    "scenarios/README.md should list " + n);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioFileIsAComparableProgrammeScenario() throws IOException {
        return jsonFiles().stream().filter(f -> !isSweep(read(f))
                        && !org.wijklab.experiment.calibration.Calibration.isCalibration(read(f)))
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> checkScenarioFile(f)));
    }

    /** A calibration file (wijklab calibrate) loads: its parameters' corners resolve and validate, its targets are sourced. */
    @TestFactory
    Stream<DynamicTest> everyCalibrationFileLoads() throws IOException {
        return jsonFiles().stream().filter(f -> org.wijklab.experiment.calibration.Calibration.isCalibration(read(f)))
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                        () -> org.wijklab.experiment.calibration.Calibration.load(f)));
    }

    private static void checkScenarioFile(Path file) {
        Scenario s = ScenarioLoader.load(file);
        Scenario d = ScenarioLoader.defaults();
        String f = file.getFileName().toString();
        assertEquals(f.replace(".json", ""), s.name(), f + ": name");
        assertFalse(s.description() == null || s.description().isBlank(), f + ": has a description");
        assertEquals(1, s.seed(), f + ": seed 1, like every standard scenario");
        assertEquals(d.years(), s.years(), f + ": the default horizon");
        assertEquals(d.warmUpYears(), s.warmUpYears(), f + ": the default warm-up");
        assertEquals(json(d.city()), json(s.city()), f + ": the default city, so that runs compare");
        Set<String> hoods = new HashSet<>();
        s.city().neighbourhoods().forEach(h -> hoods.add(h.name()));
        for (Programme p : s.programmes()) {
            String q = f + ": programme " + p.name();
            assertTrue(p.startYear() >= 1, q + ": starts at year 1 or later, so the run has a pre-programme year");
            assertTrue(p.endYear() <= s.years(), q + ": ends within the run");
            if (p.targets().weakest() > 0) {
                assertTrue(p.targets().names().isEmpty(), q + ": names or weakest, not both");
                assertTrue(p.targets().weakest() <= hoods.size(), q + ": weakest within the city");
            } else {
                assertFalse(p.targets().names().isEmpty(), q + ": has targets");
                for (String n : p.targets().names()) {
                    assertTrue(hoods.contains(n), q + ": target " + n + " is a neighbourhood of the city");
                }
            }
            if (p.yearlyBudget() > 0) {
                assertEquals(1.0, p.themes().sum() + p.team().budgetShare(), 1e-9,
                        q + ": theme shares and the team's share sum to 1");
            }
            double funders = 0;
            for (double x : p.funders().values()) {
                funders += x;
            }
            assertEquals(1.0, funders, 1e-9, q + ": funders sum to 1");
            Programme.Restructuring r = p.restructuring();
            assertEquals(1.0, r.socialShare() + r.privateShare() + r.ownerShare(), 1e-9, q + ": restructuring mix");
        }
    }

    private static String json(Object value) {
        try {
            return ScenarioLoader.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- sweep files: every one loads with the sweep runner's own loader, every point validating

    @TestFactory
    Stream<DynamicTest> everySweepFileResolvesOnItsBase() throws IOException {
        return jsonFiles().stream().filter(f -> isSweep(read(f)))
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> checkSweepFile(f)));
    }

    private static void checkSweepFile(Path file) {
        Sweep sweep = Sweep.load(file, org.wijklab.experiment.SweepMetrics.names());
        assertFalse(sweep.description().isBlank(), file + ": has a description");
        assertTrue(sweep.points() >= 2, file + ": at least two points");
        for (int p = 0; p < sweep.points(); p++) {
            assertEquals(sweep.base().seed(), sweep.scenario(p).seed(), file + " point " + p);
        }
    }

    @Test
    void sweepPathsNameExistingFieldsOnly() throws IOException {
        ObjectNode tree = (ObjectNode) ScenarioLoader.mapper()
                .readTree("{\"programmes\": [{\"name\": \"a\", \"team\": {\"areaResidents\": 1}}]}");
        ScenarioPath.parse("programmes[name=a].team.areaResidents").set(tree, IntNode.valueOf(5000), "t");
        assertEquals(5000, tree.get("programmes").get(0).get("team").get("areaResidents").asInt());
        ScenarioPath.parse("programmes[0].name").set(tree, new TextNode("b"), "t");
        assertEquals("b", tree.get("programmes").get(0).get("name").asText());
        assertThrows(ScenarioException.class, () -> ScenarioPath.parse("programmes[0].team.size").set(tree, IntNode.valueOf(1), "t"));
        assertThrows(ScenarioException.class, () -> ScenarioPath.parse("programmes[name=zz].name").set(tree, IntNode.valueOf(1), "t"));
        assertThrows(ScenarioException.class, () -> ScenarioPath.parse("programmes[3].name").set(tree, IntNode.valueOf(1), "t"));
    }
}
