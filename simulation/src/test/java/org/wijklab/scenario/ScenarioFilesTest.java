package org.wijklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.wijklab.model.Invariants;
import org.wijklab.model.WijkLabModel;

/**
 * The scenario files shipped in the repository's {@code scenarios/} folder load, validate and run.
 * A JSON file there whose top-level keys are not all scenario fields is another kind of file (e.g.
 * a sweep) and is skipped, with the reason shown; any other file that does not load fails.
 */
class ScenarioFilesTest {
    private static final int TICKS = 3;
    private static final int RESIDENTS = 3000;

    /** The repository root: the working folder under Maven (see simulation/pom.xml), or its parent. */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("simulation")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new AssertionError("cannot find the repository root (a folder with pom.xml and simulation/) from " + here);
    }

    static Path scenariosFolder() {
        return repositoryRoot().resolve("scenarios");
    }

    private static Set<String> scenarioFields() {
        return Arrays.stream(Scenario.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioFileLoadsAndRuns() throws IOException {
        Path folder = scenariosFolder();
        assertTrue(Files.isDirectory(folder), folder + " is missing");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json")).sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("scenarios/*.json", () -> fail("no scenario files in " + folder)));
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(folder.relativize(f).toString(), () -> loadAndRun(f)));
    }

    private static void loadAndRun(Path file) throws IOException {
        JsonNode tree;
        try {
            tree = ScenarioLoader.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            // let the loader say where the JSON breaks
            tree = null;
        }
        if (tree != null && tree.isObject()) {
            Set<String> foreign = new TreeSet<>();
            for (Iterator<String> it = tree.fieldNames(); it.hasNext();) {
                foreign.add(it.next());
            }
            foreign.removeAll(scenarioFields());
            Assumptions.assumeTrue(foreign.isEmpty(),
                    () -> file + " is not a scenario file (top-level keys " + foreign + "), skipped");
        }
        Scenario s;
        try {
            s = ScenarioLoader.load(file);
        } catch (ScenarioException e) {
            throw new AssertionError("a scenario file does not load: " + e.getMessage());
        }
        s = s.withResidents(RESIDENTS).validate();
        WijkLabModel m = new WijkLabModel(s);
        Invariants.attach(m);
        m.start();
        Invariants.recordBaseline(m);
        Invariants.check(m);
        int start = m.tick();
        for (int k = 0; k < TICKS; k++) {
            assertTrue(m.schedule.step(m), file + ": the schedule ran dry");
            Invariants.check(m);
        }
        assertEquals(start + TICKS, m.tick(), file + ": ticks advance one a step");
        m.finish();
    }

    @Test
    void baselineFileIsTheDefaultScenario() {
        Path baseline = scenariosFolder().resolve("baseline.json");
        assertTrue(Files.isRegularFile(baseline), "scenarios/baseline.json is missing: it should hold the default"
                + " scenario (the same as the embedded defaults, as 'wijklab run --help' says)");
        Scenario fromFile = ScenarioLoader.load(baseline);
        Scenario defaults = ScenarioLoader.defaults();
        assertEquals(ScenarioLoader.toJson(defaults), ScenarioLoader.toJson(fromFile),
                "scenarios/baseline.json resolves to the embedded defaults");
        assertEquals(ScenarioLoader.sha256(defaults), ScenarioLoader.sha256(fromFile));
    }
}
