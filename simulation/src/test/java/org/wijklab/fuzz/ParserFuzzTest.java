package org.wijklab.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wijklab.experiment.SweepMetrics;
import org.wijklab.scenario.Overrides;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;
import org.wijklab.scenario.Sweep;

/**
 * Fuzzing of the parsers: the real scenarios and sweep files mutated (tokens deleted, duplicated,
 * swapped, replaced by huge, negative, NaN or text values, long strings, control characters, deep
 * nesting), random documents, random {@code --set} overrides. Whatever comes in, the parser
 * returns a valid scenario or sweep or throws a {@link ScenarioException} with a one-line message,
 * within seconds; nothing else escapes. The tries are fixed ({@link Tries}): the same inputs on
 * every run, each failure named by its seed.
 */
class ParserFuzzTest {
    static List<String> scenarios;
    static List<String> sweeps;
    static Path folder;
    static final AtomicInteger TRIES = new AtomicInteger();
    static final AtomicInteger ACCEPTED = new AtomicInteger();
    static final AtomicLong NANOS = new AtomicLong();

    @BeforeAll
    static void read() throws IOException {
        scenarios = Mutations.read(Path.of("scenarios"), "[!s]*.json");
        scenarios.addAll(Mutations.read(Path.of("scenarios"), "single*.json"));
        scenarios.addAll(Mutations.read(Path.of("scenarios"), "short*.json"));
        // calibration files (calibrate-*.json) are not scenarios: CalibrationFuzzTest mutates them
        scenarios.removeIf(t -> t.stripLeading().startsWith("{") && t.contains("\"calibration\""));
        sweeps = Mutations.read(Path.of("scenarios"), "sweep-*.json");
        folder = Files.createTempDirectory("wijklab-fuzz-");
        try (var s = Files.newDirectoryStream(Path.of("scenarios"), "*.json")) {
            for (Path p : s) {
                Files.copy(p, folder.resolve(p.getFileName()));
            }
        }
    }

    @AfterAll
    static void report() throws IOException {
        System.out.printf("ParserFuzzTest: %d tries (%d accepted) in %.1f s%n", TRIES.get(), ACCEPTED.get(), NANOS.get() / 1e9);
        try (var s = Files.walk(folder)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Runs one try: success or a one-line ScenarioException, within the timeout. */
    static void oneTry(String what, Runnable parse) {
        long t0 = System.nanoTime();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    parse.run();
                    ACCEPTED.incrementAndGet();
                } catch (ScenarioException e) {
                    assertTrue(Mutations.oneLine(e.getMessage()), "one line: " + e.getMessage() + "\n" + what);
                    assertTrue(e.getMessage().length() < 2000, "a short message: " + e.getMessage().length() + " characters");
                }
            }, what);
        } finally {
            TRIES.incrementAndGet();
            NANOS.addAndGet(System.nanoTime() - t0);
        }
    }

    static String shown(String doc) {
        return doc.length() > 2000 ? doc.substring(0, 2000) + "...(" + doc.length() + " characters)" : doc;
    }

    @Test
    void mutatedScenariosParseOrFailInOneLine() {
        Tries.check("mutated scenarios", 1, 1500, seed -> {
            String doc = Mutations.mutate(scenarios.get(Math.floorMod(seed, scenarios.size())), seed);
            oneTry("seed " + seed + ": " + shown(doc), () -> ScenarioLoader.fromJson(doc, "fuzz.json"));
        });
    }

    @Test
    void randomDocumentsParseOrFailInOneLine() {
        Tries.check("random documents", 2, 500, seed -> {
            String doc = Mutations.random(seed);
            oneTry("seed " + seed + ": " + shown(doc), () -> ScenarioLoader.fromJson(doc, "fuzz.json"));
        });
    }

    @Test
    void mutatedSweepsLoadOrFailInOneLine() {
        Tries.check("mutated sweeps", 3, 400, seed -> {
            String doc = Mutations.mutate(sweeps.get(Math.floorMod(seed, sweeps.size())), seed);
            Path f = folder.resolve("fuzz-sweep.json");
            Files.write(f, doc.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            oneTry("seed " + seed + ": " + shown(doc), () -> Sweep.load(f, SweepMetrics.names()));
        });
    }

    static final String[] KEYS = {"policy.themes.teamCareShare", "policy.themes.fragmentationLoss", "programmes[*].team.proximity", "programmes.*.team.proximity",
        "city.neighbourhoods[name=Kanaalzone].socialRentShare", "city.residents", "years", "name", "seed", "warmUpYears",
        "programmes[0].themes.work", "economy.crises[*].startYear", "city.neighbourhoods[0].name", "city.neighbourhoods",
        "programmes", "output.cohortYears", "programmes[0].name", "city.neighbourhoods[*].weight"};

    @Test
    void randomOverridesApplyOrFailInOneLine() {
        Tries.check("random overrides", 4, 600, this::randomOverrides);
    }

    private void randomOverrides(long seed) {
        Random r = new Random(seed);
        List<String> sets = new ArrayList<>();
        for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
            String key = Mutations.pick(r, KEYS);
            if (r.nextInt(3) == 0) {
                key = Mutations.mutate(key, r.nextLong()).replace("\"", "");
            }
            String value = r.nextBoolean() ? Mutations.pick(r, Mutations.NUMBERS) : Mutations.pick(r, Mutations.STRINGS);
            if (r.nextInt(5) == 0) {
                value = Mutations.pick(r, Mutations.JUNK);
            }
            sets.add(r.nextInt(10) == 0 ? key : key + "=" + value);
        }
        Scenario base = r.nextBoolean() ? ScenarioLoader.defaults()
                : ScenarioLoader.fromJson(scenarios.get(r.nextInt(scenarios.size())), "base.json");
        oneTry("seed " + seed + ": " + sets, () -> Overrides.parse(sets).apply(base));
    }
}
