package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sweeps whose estimates could not be honest are refused in one line before anything runs (exit 2,
 * nothing written): a Sobol design with fewer base rows than it needs, and adaptive replications
 * that watch a metric no run of the sweep can have.
 */
class HonestEstimatesCliTest {
    @TempDir
    Path tmp;

    /** A base without a programme, a budget-less programme, and short runs. */
    private static final String NO_PROGRAMME = """
            {"name": "none", "seed": 1, "years": 2, "warmUpYears": 1, "city": {"residents": 1000}}""";

    private static final String NO_BUDGET = """
            {"name": "unfunded", "seed": 1, "years": 2, "warmUpYears": 1, "city": {"residents": 1000},
             "programmes": [{"name": "p", "targets": {"weakest": 3}, "startYear": 0, "durationYears": 2,
              "yearlyBudget": 0, "themes": {}}]}""";

    private static BadInputTest.Setup adaptive(String base, String firstMetric) {
        return dir -> {
            BadInputTest.write(dir, "base.json", base);
            Path f = BadInputTest.write(dir, "sweep.json", "{\"sweep\": {\"name\": \"a\", \"base\": \"base.json\", "
                    + "\"replications\": 2, \"metrics\": [\"" + firstMetric + "\", \"city_good_mental_health_end\"], "
                    + "\"parameters\": [{\"name\": \"leave\", \"path\": \"housing.distanceDecay\", \"values\": [0.1, 0.3]}]}}");
            return new String[] {"sweep", f.toString(), "--out", dir.resolve("out").toString(), "--quiet", "--threads", "1",
                "--ci-width", "0.01", "--max-replications", "6"};
        };
    }

    /** Adaptive replications on a design whose indices pair points by seed. */
    private static BadInputTest.Setup adaptiveDesign(String design, String size) {
        return dir -> {
            BadInputTest.write(dir, "base.json", NO_PROGRAMME);
            Path f = BadInputTest.write(dir, "sweep.json", "{\"sweep\": {\"name\": \"a\", \"base\": \"base.json\", "
                    + "\"replications\": 5, \"design\": \"" + design + "\", " + size + "\"metrics\": [\"city_employment_end\"], "
                    + "\"parameters\": [{\"name\": \"leave\", \"path\": \"housing.distanceDecay\", \"range\": [0.1, 0.6]}, "
                    + "{\"name\": \"burden\", \"path\": \"housing.maxBurden\", \"range\": [0.3, 0.5]}]}}");
            return new String[] {"sweep", f.toString(), "--out", dir.resolve("out").toString(), "--quiet", "--threads", "1",
                "--ci-width", "0.01", "--max-replications", "6"};
        };
    }

    static Stream<Arguments> cases() {
        String params = "\"parameters\": [{\"name\": \"proximity\", \"path\": \"programmes[0].team.proximity\", "
                + "\"range\": [0.1, 0.9]}, {\"name\": \"budget\", \"path\": \"programmes[0].yearlyBudget\", "
                + "\"range\": [1000000, 9000000]}]";
        return Stream.of(
                BadInputTest.c("sobol with samples 2", "sweep.samples: 2 is below the minimum 16 of a sobol design",
                        BadInputTest.sweepFile("{\"sweep\": {\"name\": \"s\", \"base\": \"krachtwijk.json\", "
                                + "\"replications\": 1, \"design\": \"sobol\", \"samples\": 2, " + params + "}}")),
                BadInputTest.c("sobol with samples 15", "sweep.samples: 15 is below the minimum 16",
                        BadInputTest.sweepFile("{\"sweep\": {\"name\": \"s\", \"base\": \"krachtwijk.json\", "
                                + "\"replications\": 1, \"design\": \"sobol\", \"samples\": 15, " + params + "}}")),
                BadInputTest.c("adaptive with a morris design", "--ci-width and a morris design: choose one",
                        adaptiveDesign("morris", "\"trajectories\": 4, ")),
                BadInputTest.c("adaptive with a sobol design", "--ci-width and a sobol design: choose one",
                        adaptiveDesign("sobol", "\"samples\": 16, ")),
                BadInputTest.c("adaptive with a maximum below the first stage of 5",
                        "--max-replications: 4 is below the first stage's 5 replications (the sweep's 2, at least 5)",
                        dir -> {
                            String[] a = adaptive(NO_PROGRAMME, "city_employment_end").args(dir);
                            a[a.length - 1] = "4";
                            return a;
                        }),
                BadInputTest.c("dummy not a boolean", "sweep.dummy: \"no\" is not true or false",
                        BadInputTest.sweepFile("{\"sweep\": {\"name\": \"s\", \"base\": \"krachtwijk.json\", "
                                + "\"replications\": 1, \"design\": \"sobol\", \"samples\": 16, \"dummy\": \"no\", " + params + "}}")),
                BadInputTest.c("a parameter named dummy beside the dummy", "'dummy' is the name of the design's dummy parameter",
                        BadInputTest.sweepFile("{\"sweep\": {\"name\": \"s\", \"base\": \"krachtwijk.json\", "
                                + "\"replications\": 1, \"design\": \"morris\", \"trajectories\": 2, "
                                + params.replace("\"budget\"", "\"dummy\"") + "}}")),
                BadInputTest.c("adaptive on a programme's metric without a programme",
                        "first metric 'eroded_income_gain', which adaptive replications watch, is NA in every run of every "
                                + "point (a programme's metric, and the scenario has no programme)",
                        adaptive(NO_PROGRAMME, "eroded_income_gain")),
                BadInputTest.c("adaptive on social_return without a budget",
                        "'social_return', which adaptive replications watch, is NA in every run of every point "
                                + "(euro avoided per euro spent, and the programme has no budget)",
                        adaptive(NO_BUDGET, "social_return")),
                BadInputTest.c("adaptive on rank_correlation_10y of 2-year runs",
                        "'rank_correlation_10y', which adaptive replications watch, is NA in every run of every point "
                                + "(a 10-year statistic, and the run has 2 recorded years)",
                        adaptive(NO_PROGRAMME, "rank_correlation_10y")));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void refusedInOneLineBeforeAnythingRuns(BadInputTest.Setup setup, String expect) throws IOException {
        BadInputTest.assertRefused(tmp, setup, expect);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("baseCases")
    void theSameSweepsWithoutTheProblemAreAccepted(String base, String metric) throws IOException {
        // the refusals are about the metric, not the sweep: a metric the runs have is adapted on
        Path f = BadInputTest.write(tmp, "base.json", base);
        assertTrue(Files.isRegularFile(f));
        CliTest.Outcome o = CliTest.execute(adaptive(base, metric).args(tmp));
        assertEquals(0, o.code(), o.toString());
    }

    static Stream<Arguments> baseCases() {
        return Stream.of(Arguments.of(NO_PROGRAMME, "city_employment_end"), Arguments.of(NO_BUDGET, "eroded_income_gain"));
    }
}
