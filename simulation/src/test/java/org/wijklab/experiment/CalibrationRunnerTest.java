package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wijklab.experiment.calibration.Calibration;
import org.wijklab.experiment.calibration.CalibrationRunner;
import org.wijklab.experiment.calibration.TwoGenerationSearch;
import org.wijklab.report.Table;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;
import org.wijklab.scenario.Sweep;

/**
 * Calibration files, the points design a generation runs as, the calibration metrics, and the
 * runner around a method (a tiny deterministic one here; the methods have their own tests).
 */
class CalibrationRunnerTest {
    @TempDir
    Path tmp;

    static final String BASE = """
            {"name": "tiny-cal", "seed": 3, "years": 1, "warmUpYears": 1, "city": {"residents": 2000}}""";

    static final String PARAMETERS = """
            [{"name": "partnering", "path": "demography.partneringRate", "range": [0.02, 0.2]},
             {"name": "separation", "path": "demography.separationRate", "range": [0.004, 0.03]}]""";

    static final String TARGETS = """
            [{"metric": "city_single_share", "observed": 0.36, "sd": 0.02, "source": "CBS 37975 (2010)"},
             {"metric": "yearly_move_share", "observed": 0.065, "tolerance": 0.01, "source": "CBS WoON 2018"}]""";

    static String calibration(String parameters, String targets, String method) {
        return "{\"calibration\": {\"name\": \"tiny\", \"base\": \"base.json\", \"replications\": 1, \"seed\": 5, "
                + "\"parameters\": " + parameters + ", \"targets\": " + targets + ", \"method\": " + method + "}}";
    }

    static final String METHOD = "{\"name\": \"abc\", \"population\": 4}";

    Path write(String calibration) throws IOException {
        Files.writeString(tmp.resolve("base.json"), BASE);
        return Files.writeString(tmp.resolve("cal.json"), calibration);
    }

    // --- the points design ---

    @Test
    void pointsDesignMapsEachCoordinateToItsParametersRange() throws IOException {
        Files.writeString(tmp.resolve("base.json"), BASE);
        Path f = Files.writeString(tmp.resolve("sweep.json"), """
                {"sweep": {"name": "p", "base": "base.json", "replications": 1, "design": "points",
                  "parameters": [{"name": "a", "path": "demography.partneringRate", "range": [0.02, 0.2]},
                                 {"name": "b", "path": "demography.separationRate", "values": [0.01, 0.02]}],
                  "points": [[0, 0], [0.5, 0.7], [1, 1]]}}""");
        Sweep s = Sweep.load(f, SweepMetrics.names());
        assertEquals(3, s.points());
        assertEquals(0.02, s.valueNode(0, 0).asDouble(), 1e-15);
        assertEquals(0.11, s.valueNode(1, 0).asDouble(), 1e-15);
        assertEquals(0.2, s.valueNode(2, 0).asDouble(), 1e-15);
        assertEquals(0.01, s.valueNode(0, 1).asDouble());
        assertEquals(0.02, s.valueNode(1, 1).asDouble());
        assertEquals(0.02, s.valueNode(2, 1).asDouble(), "u = 1 is the last value");
        assertArrayEquals(new double[] {0.5, 0.7}, s.unit(1));
        assertEquals(0.11, s.scenario(1).demography().partneringRate(), 1e-15);
    }

    static Stream<Arguments> badPoints() {
        return Stream.of(
                Arguments.of("\"design\": \"points\", \"points\": [[0.5, 1.5]]", "sweep.points[0][1]: 1.5 is not a number in [0, 1]"),
                Arguments.of("\"design\": \"points\", \"points\": [[0.5]]", "sweep.points[0]: [0.5] is not a list of 2 coordinates"),
                Arguments.of("\"design\": \"points\"", "sweep.points: missing"),
                Arguments.of("\"design\": \"points\", \"points\": []", "sweep.points: not a non-empty list"),
                Arguments.of("\"design\": \"lhs\", \"samples\": 4, \"points\": [[0, 0]]", "sweep.points: only a points design"));
    }

    @ParameterizedTest
    @MethodSource("badPoints")
    void badPointsAreRefusedInOneLine(String design, String expect) throws IOException {
        Files.writeString(tmp.resolve("base.json"), BASE);
        Path f = Files.writeString(tmp.resolve("sweep.json"), "{\"sweep\": {\"name\": \"p\", \"base\": \"base.json\", "
                + "\"replications\": 1, " + design + ", \"parameters\": " + PARAMETERS + "}}");
        ScenarioException e = assertThrows(ScenarioException.class, () -> Sweep.load(f, SweepMetrics.names()));
        assertTrue(e.getMessage().contains(expect), e.getMessage());
    }

    // --- the calibration file ---

    @Test
    void aCalibrationFileIsRead() throws IOException {
        Calibration c = Calibration.load(write(calibration(PARAMETERS, TARGETS,
                "{\"name\": \"abc\", \"population\": 8, \"alpha\": 0.4, \"tolerances\": [3, 2]}")));
        assertEquals("tiny", c.name());
        assertEquals(List.of("partnering", "separation"), c.parameters().stream().map(Sweep.Parameter::name).toList());
        assertEquals(2, c.targets().size());
        assertEquals("sd", c.targets().get(0).tolerance() ? "tolerance" : "sd");
        assertTrue(c.targets().get(1).tolerance());
        assertEquals(2.0, c.targets().get(0).deviation(0.40), 1e-12);
        assertEquals(8, c.method().population());
        assertEquals(0.4, c.method().alpha());
        assertArrayEquals(new double[] {3, 2}, c.method().tolerances());
        JsonNode gen = c.sweepFile(1, List.of(new double[] {0.5, 0.5}));
        assertEquals("points", gen.path("sweep").path("design").asText());
        assertEquals("[\"city_single_share\",\"yearly_move_share\"]", gen.path("sweep").path("metrics").toString());
    }

    static Stream<Arguments> badCalibrations() {
        String t = "[{\"metric\": \"city_single_share\", \"observed\": 0.36, \"sd\": 0.02";
        return Stream.of(
                Arguments.of(calibration(PARAMETERS, t + "}]", METHOD), "calibration.targets[0].source: missing"),
                Arguments.of(calibration(PARAMETERS, t + ", \"source\": \"  \"}]", METHOD), "calibration.targets[0].source"),
                Arguments.of(calibration(PARAMETERS, "[{\"metric\": \"liveability_change_pct\", \"observed\": 1, \"sd\": 1, "
                        + "\"source\": \"x\"}]", METHOD), "is the statistic of validation pattern V1; calibration targets must be "
                        + "facts the validation suite does not check"),
                Arguments.of(calibration(PARAMETERS, "[{\"metric\": \"rank_correlation_10y\", \"observed\": 1, \"sd\": 1, "
                        + "\"source\": \"x\"}]", METHOD), "validation pattern V3"),
                Arguments.of(calibration(PARAMETERS, "[{\"metric\": \"eroded_income_gain\", \"observed\": 1, \"sd\": 1, "
                        + "\"source\": \"x\"}]", METHOD), "is the statistic of validation pattern V2"),
                Arguments.of(calibration(PARAMETERS, "[{\"metric\": \"nope\", \"observed\": 1, \"sd\": 1, \"source\": \"x\"}]",
                        METHOD), "calibration.targets[0].metric: \"nope\" is not a metric"),
                Arguments.of(calibration(PARAMETERS, t + ", \"tolerance\": 1, \"source\": \"x\"}]", METHOD),
                        "give either sd (a standard error) or tolerance"),
                Arguments.of(calibration(PARAMETERS, "[{\"metric\": \"city_single_share\", \"observed\": 0.3, \"sd\": 0, "
                        + "\"source\": \"x\"}]", METHOD), "calibration.targets[0].sd: 0 is not a positive number"),
                Arguments.of(calibration(PARAMETERS, "[]", METHOD), "calibration.targets: give a non-empty list"),
                Arguments.of(calibration(PARAMETERS, TARGETS, "{\"name\": \"mcmc\", \"population\": 4}"),
                        "calibration.method.name: \"mcmc\" is not a method"),
                Arguments.of(calibration(PARAMETERS, TARGETS, "{\"name\": \"abc\", \"population\": 1}"),
                        "calibration.method.population: 1 is not a whole number in [4, 100000]"),
                Arguments.of(calibration(PARAMETERS, TARGETS, "{\"name\": \"abc\", \"population\": 8, \"alpha\": 0.2}"),
                        "calibration.method.alpha: 0.2 of a population of 8 keeps fewer than 2 particles"),
                Arguments.of(calibration(PARAMETERS, TARGETS, "{\"name\": \"abc\", \"population\": 8, \"alpha\": 1}"),
                        "calibration.method.alpha: 1 is not a number in (0, 1)"),
                Arguments.of(calibration(PARAMETERS, TARGETS, "{\"name\": \"abc\", \"population\": 8, \"tolerances\": [1, 2]}"),
                        "calibration.method.tolerances[1]: 2 is not a positive distance below the one before"),
                Arguments.of(calibration(PARAMETERS, TARGETS, "{\"name\": \"nsga2\", \"population\": 8}"),
                        "calibration.method.generations: missing"),
                Arguments.of(calibration(PARAMETERS, TARGETS, "{\"name\": \"nsga2\", \"population\": 8, \"generations\": 2, "
                        + "\"alpha\": 0.5}"), "calibration.method.alpha: not a setting of nsga2"),
                Arguments.of(calibration("[{\"name\": \"a\", \"path\": \"demography.partneringRate\", \"range\": [0.2, 0.1]}]",
                        TARGETS, METHOD), "calibration.parameters[0].range: [0.2,0.1] is not [low, high]"),
                Arguments.of(calibration("[{\"name\": \"a\", \"path\": \"demography.nothing\", \"range\": [0.1, 0.2]}]",
                        TARGETS, METHOD), "calibration.parameters[0]"),
                Arguments.of(calibration("[{\"name\": \"a\", \"path\": \"demography.partneringRate\", \"range\": [-1, 0.2]}]",
                        TARGETS, METHOD), "partneringRate"),
                Arguments.of(calibration(PARAMETERS, TARGETS, METHOD).replace("\"seed\": 5", "\"seed\": -5"),
                        "calibration.seed: -5 is not a whole number of 0 or more"),
                Arguments.of(calibration(PARAMETERS, TARGETS, METHOD).replace("\"replications\": 1", "\"replications\": 0"),
                        "calibration.replications: 0 is not a whole number"),
                Arguments.of(calibration(PARAMETERS, TARGETS, METHOD).replace("\"seed\"", "\"designSeed\""),
                        "calibration.designSeed: unknown field"));
    }

    @ParameterizedTest
    @MethodSource("badCalibrations")
    void badValuesAreRefusedInOneLineNamingTheField(String text, String expect) throws IOException {
        Path f = write(text);
        ScenarioException e = assertThrows(ScenarioException.class, () -> Calibration.load(f));
        assertTrue(e.getMessage().contains(expect), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    // --- the calibration metrics ---

    /**
     * The mobility and composition metrics against the run's own neighbourhoods.csv: moves out and
     * out-migrants are whole numbers written per tick, so the move shares agree exactly; the
     * single-person and benefit shares are written rounded, so they agree to the rounding.
     */
    @Test
    void calibrationMetricsAgreeWithTheRunsNeighbourhoodTable() throws IOException {
        Scenario s = ScenarioLoader.fromJson(BASE, "base.json");
        RunSummary summary = new RunSummary(s);
        Path run = tmp.resolve("run");
        Runner.run(s, "base.json", run, "test", 1, summary);
        List<String> names = List.of("city_single_share", "weakest_single_share", "city_benefit_share",
                "weakest_benefit_share", "yearly_move_share", "moves_within_city_share");
        double[] v = SweepMetrics.compute(summary, names);
        Table nb = Table.read(run.resolve("neighbourhoods.csv"));
        double households = 0;
        double movesOut = 0;
        double leftCity = 0;
        double singles = 0;
        int ticks = 0;
        for (int i = 0; i < nb.size(); i++) {
            int tick = nb.integer(i, "tick");
            if (tick < 1) {
                continue;
            }
            ticks = Math.max(ticks, tick);
            double hh = nb.number(i, "households");
            households += hh;
            movesOut += nb.number(i, "moves_out");
            leftCity += nb.number(i, "out_migrants");
            singles += nb.number(i, "single_person_share") * hh;
        }
        assertEquals(12, ticks, "one recorded year of monthly rows");
        assertEquals(12 * movesOut / households, v[4], 1e-12);
        assertEquals(1 - leftCity / movesOut, v[5], 1e-12);
        assertEquals(singles / households, v[0], 1e-3);
        for (double x : v) {
            assertTrue(x > 0 && x < 1, "a share in (0, 1): " + java.util.Arrays.toString(v));
        }
        assertTrue(v[1] > v[0] - 0.05, "the weakest have at least about the city's singles: " + v[1] + " vs " + v[0]);
    }

    // --- the runner ---

    private CalibrationRunner.Result calibrate(Path cal, Path out, int threads, Progress progress,
            CalibrationRunner.Listener listener, boolean prepare) {
        return CalibrationRunner.run(Calibration.load(cal), out, threads, TwoGenerationSearch.maker(), progress, listener,
                "test", prepare);
    }

    private static final List<String> SAME = List.of("posterior.csv", "targets.csv", "gen-01.json", "gen-02.json",
            "gen-01/runs.csv", "gen-01/summary.csv", "gen-02/runs.csv", "gen-02/summary.csv");

    /** generations.csv without its last column, the wall seconds. */
    private static String generationsWithoutWall(Path dir) throws IOException {
        return String.join("\n", Files.readAllLines(dir.resolve("generations.csv")).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList());
    }

    @Test
    void aTinyCalibrationGivesTheSameBytesOnOneAndTwoThreadsAndAfterAKill() throws IOException {
        Path cal = write(calibration(PARAMETERS, TARGETS, METHOD));
        Path one = tmp.resolve("one");
        CalibrationRunner.Result r1 = calibrate(cal, one, 1, Progress.NONE, CalibrationRunner.Listener.NONE, false);
        assertEquals(2, r1.generations());
        assertEquals(8, r1.runs());
        for (String f : List.of("manifest.json", "generations.csv", "posterior.csv", "targets.csv", "report/index.html")) {
            assertTrue(Files.isRegularFile(one.resolve(f)), f);
        }
        Table posterior = Table.read(one.resolve("posterior.csv"), "particle", "generation", "weight", "distance",
                "partnering", "separation", "city_single_share", "yearly_move_share");
        assertEquals(4, posterior.size());
        for (int i = 0; i < posterior.size(); i++) {
            double p = posterior.number(i, "partnering");
            assertTrue(p >= 0.02 && p <= 0.2, "in the prior's range: " + p);
        }
        Table targets = Table.read(one.resolve("targets.csv"));
        assertEquals("CBS 37975 (2010)", targets.text(0, "source"));
        assertTrue(targets.number(0, "low") <= targets.number(0, "simulated_mean")
                && targets.number(0, "simulated_mean") <= targets.number(0, "high"), "the mean lies in its interval");

        Path two = tmp.resolve("two");
        calibrate(cal, two, 2, Progress.NONE, CalibrationRunner.Listener.NONE, false);
        for (String f : SAME) {
            assertEquals(Files.readString(one.resolve(f)), Files.readString(two.resolve(f)), f + " on 1 and 2 threads");
        }
        assertEquals(generationsWithoutWall(one), generationsWithoutWall(two));

        // killed during generation 2, after two of its runs; the same command resumes
        Path killed = tmp.resolve("killed");
        int[] generation = {0};
        Progress dies = (done, total) -> {
            if (generation[0] == 2 && done == 2) {
                throw new IllegalStateException("killed");
            }
        };
        assertThrows(IllegalStateException.class,
                () -> calibrate(cal, killed, 2, dies, (g, p, r) -> generation[0] = g, false));
        assertTrue(Files.isRegularFile(killed.resolve("gen-02/runs.journal")), "generation 2 was under way");
        assertFalse(Files.exists(killed.resolve("posterior.csv")));
        CalibrationRunner.Result resumed = calibrate(cal, killed, 1, Progress.NONE, CalibrationRunner.Listener.NONE, false);
        assertEquals(2, resumed.runs(), "only generation 2's missing runs are made");
        for (String f : SAME) {
            assertEquals(Files.readString(one.resolve(f)), Files.readString(killed.resolve(f)), f + " after the resume");
        }
        assertTrue(calibrate(cal, killed, 1, Progress.NONE, CalibrationRunner.Listener.NONE, false).alreadyComplete());

        // a generation file that is not the replayed proposal is refused
        Path tampered = tmp.resolve("tampered");
        calibrate(cal, tampered, 1, Progress.NONE, CalibrationRunner.Listener.NONE, true);
        Files.writeString(tampered.resolve("gen-01.json"), Files.readString(tampered.resolve("gen-01.json")).replace("0.", "0.0"));
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> calibrate(cal, tampered, 1, Progress.NONE, CalibrationRunner.Listener.NONE, false));
        assertTrue(e.getMessage().contains("gen-01.json is not the generation the method proposes"), e.getMessage());

        // an edited base scenario is refused on its folder
        Files.writeString(tmp.resolve("base.json"), BASE.replace("\"seed\": 3", "\"seed\": 4"));
        e = assertThrows(ScenarioException.class, () -> calibrate(cal, killed, 1, Progress.NONE, CalibrationRunner.Listener.NONE, false));
        assertTrue(e.getMessage().contains("base scenario base.json changed since this calibration started"), e.getMessage());
        Files.writeString(tmp.resolve("base.json"), BASE);

        // an edited calibration file is refused on its folder
        Files.writeString(cal, calibration(PARAMETERS, TARGETS, METHOD).replace("\"seed\": 5", "\"seed\": 6"));
        e = assertThrows(ScenarioException.class, () -> calibrate(cal, killed, 1, Progress.NONE, CalibrationRunner.Listener.NONE, false));
        assertTrue(e.getMessage().contains("of another calibration file"), e.getMessage());
    }

    /** Every metric whose description names a validation pattern is that pattern's statistic, refused as a target. */
    @Test
    void everyMetricThatNamesAPatternIsOne() {
        java.util.regex.Pattern named = java.util.regex.Pattern.compile("\\((V\\d+)\\)");
        for (String name : SweepMetrics.names()) {
            java.util.regex.Matcher m = named.matcher(SweepMetrics.description(name));
            if (m.find()) {
                assertEquals(m.group(1), SweepMetrics.pattern(name), name);
            }
        }
        assertEquals("V2", SweepMetrics.pattern("eroded_income_gain"));
        assertNull(SweepMetrics.pattern("city_single_share"));
    }

    /**
     * A plausibility check with a known answer: the observed value of {@code leavers_within_50km_share}
     * is the model's own mean over the calibration's seeds at distanceDecay = 0.8, so ABC-SMC
     * (population 16, 4 generations) must put the posterior near 0.8 and narrow the prior. The
     * seeds are fixed, so the result is too (no false failures: the same bytes every time); the
     * margins, a sixth of the range (0.2) on the mean and a posterior sd below 0.7 times the
     * prior's (1.2 / sqrt 12 = 0.346), are cleared (measured: mean 0.890, sd 0.227; the metric of
     * this small city is noisy, so the posterior stays wide). With {@code moves_within_city_share},
     * which the decay moves little in a city this small, the posterior missed (mean 1.06 for 0.8).
     */
    @Test
    void abcFindsTheParameterThatMadeTheObservedValue() throws IOException {
        String parameters = "[{\"name\": \"decay\", \"path\": \"housing.distanceDecay\", \"range\": [0.2, 1.4]}]";
        String probe = calibration(parameters, "[{\"metric\": \"leavers_within_50km_share\", \"observed\": 0.5, "
                + "\"tolerance\": 0.02, \"source\": \"the model at 0.8\"}]", METHOD).replace("\"replications\": 1", "\"replications\": 2");
        Calibration c = Calibration.load(write(probe));
        Sweep truth = c.sweepOf(List.of(new double[] {(0.8 - 0.2) / 1.2}));
        assertEquals(0.8, truth.valueNode(0, 0).asDouble(), 1e-12);
        double observed = 0;
        for (int r = 0; r < 2; r++) {
            observed += SweepRunner.measure(SweepRunner.scenario(truth, r, 2), List.of("leavers_within_50km_share"))[0] / 2;
        }
        Path cal = write(probe.replace("\"observed\": 0.5", "\"observed\": " + observed)
                .replace(METHOD, "{\"name\": \"abc\", \"population\": 16, \"maxGenerations\": 4, \"minAcceptance\": 0}"));
        Calibration fit = Calibration.load(cal);
        Path out = tmp.resolve("fit");
        CalibrationRunner.run(fit, out, 2, k -> org.wijklab.experiment.calibration.Methods.abc(1, k.seed(),
                k.method().population(), k.method().alpha(), k.method().minAcceptance(), k.method().maxGenerations(),
                k.method().tolerances()), Progress.NONE, CalibrationRunner.Listener.NONE, "test", false);
        Table p = Table.read(out.resolve("posterior.csv"), "weight", "decay");
        double w = 0;
        double m = 0;
        double m2 = 0;
        for (int i = 0; i < p.size(); i++) {
            w += p.number(i, "weight");
            m += p.number(i, "weight") * p.number(i, "decay");
            m2 += p.number(i, "weight") * p.number(i, "decay") * p.number(i, "decay");
        }
        double mean = m / w;
        double sd = Math.sqrt(Math.max(0, m2 / w - mean * mean));
        System.out.printf("CalibrationRunnerTest: observed %.4f at distanceDecay 0.8; posterior mean %.4f, sd %.4f (prior sd %.4f)%n",
                observed, mean, sd, 1.2 / Math.sqrt(12));
        assertEquals(0.8, mean, 1.2 / 6, "the posterior's mean");
        assertTrue(sd < 0.7 * 1.2 / Math.sqrt(12), "the posterior narrowed the prior: sd " + sd);
        // generations.csv carries ABC's stop statistic, not kept / proposed (which is 1 in every
        // generation, the kept set including earlier particles): NA for the generation from the prior,
        // then the share of the new points within the previous tolerance, recounted here from gen-NN/runs.csv
        Table g = Table.read(out.resolve("generations.csv"), "generation", "proposed", "kept", "tolerance", "acceptance_rate");
        assertEquals(4, g.size());
        assertEquals("NA", g.text(0, "acceptance_rate"));
        for (int i = 1; i < g.size(); i++) {
            Table runs = Table.read(out.resolve(String.format("gen-%02d/runs.csv", i + 1)), "point", "leavers_within_50km_share");
            double previous = g.number(i - 1, "tolerance");
            java.util.Map<Integer, double[]> byPoint = new java.util.TreeMap<>();
            for (int r = 0; r < runs.size(); r++) {
                double[] a = byPoint.computeIfAbsent((int) runs.number(r, "point"), k -> new double[2]);
                a[0] += runs.number(r, "leavers_within_50km_share");
                a[1]++;
            }
            int within = 0;
            for (double[] a : byPoint.values()) {
                if (Math.abs(a[0] / a[1] - observed) / 0.02 <= previous) {
                    within++;
                }
            }
            assertEquals(within / (double) byPoint.size(), g.number(i, "acceptance_rate"), 1e-9, "generation " + (i + 1));
        }
    }
}
