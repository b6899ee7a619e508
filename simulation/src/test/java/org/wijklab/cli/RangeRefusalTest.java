package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wijklab.experiment.HeapEstimate;
import org.wijklab.experiment.Runner;
import org.wijklab.scenario.ScenarioLoader;

/**
 * Values the model cannot honour, and options that read past what the runs record, from the
 * command line: exit 2, one line naming the value or option, nothing written (as in
 * {@link BadInputTest}).
 */
class RangeRefusalTest {
    /** A finished run of two recorded years: the input of the compare cases. */
    static Path run;
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    @BeforeAll
    static void finishedRun() {
        run = shared.resolve("run");
        Runner.run(ScenarioLoader.fromJson(BadInputTest.TINY, "tiny.json"), "tiny.json", run, "test");
        System.setProperty(WijkLabCli.LOG_DIR_PROPERTY, shared.resolve("logs").toString());
    }

    static Path copyRun(Path dir) throws IOException {
        Path copy = dir.resolve("in");
        Files.createDirectories(copy);
        try (Stream<Path> s = Files.list(run)) {
            for (Path p : s.toList()) {
                Files.copy(p, copy.resolve(p.getFileName()));
            }
        }
        return copy;
    }

    /** A cheap run of the default city with more arguments. */
    static BadInputTest.Setup run(String... more) {
        List<String> a = new ArrayList<>(List.of("run", "--years", "1", "--residents", "2000", "--threads", "1",
                "--set", "warmUpYears=1", "--out", "OUT"));
        a.addAll(List.of(more));
        return BadInputTest.args(a.toArray(new String[0]));
    }

    private static final String CRISIS = "{\"name\": \"s\", \"years\": 2, \"warmUpYears\": 1, \"city\": {\"residents\": 500}, "
            + "\"economy\": {\"crises\": [{\"startYear\": %s, \"durationYears\": %s, \"jobLossFactor\": 2, \"jobFindingFactor\": 0.5}]}}";

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        // 5. values that leave no meaningful city
        all.add(BadInputTest.c("run --set housing.targetVacancy=1", "housing.targetVacancy: 1 is not in [0, 0.2]",
                run("--set", "housing.targetVacancy=1")));
        all.add(BadInputTest.c("run --set housing.targetVacancy=0.9999999999",
                "housing.targetVacancy: 0.9999999999 is not in [0, 0.2]", run("--set", "housing.targetVacancy=0.9999999999")));
        all.add(BadInputTest.c("run --set housing.maxBurden=0.05", "housing.maxBurden: 0.05 is not in [0.2, 1]",
                run("--set", "housing.maxBurden=0.05")));
        all.add(BadInputTest.c("study --set housing.targetVacancy=1", "housing.targetVacancy: 1 is not in [0, 0.2]",
                BadInputTest.args("study", "--residents", "500", "--replications", "1", "--threads", "1", "--quiet",
                        "--set", "housing.targetVacancy=1", "--out", "OUT")));
        all.add(BadInputTest.c("sweep over housing.targetVacancy up to 1", "housing.targetVacancy: 1 is not in [0, 0.2]",
                BadInputTest.sweepFile("{\"sweep\": {\"name\": \"v\", \"base\": \"krachtwijk.json\", \"replications\": 1, "
                        + "\"parameters\": [{\"name\": \"v\", \"path\": \"housing.targetVacancy\", \"values\": [0.02, 1]}]}}")));
        all.add(BadInputTest.c("run, a city of small dwellings only (built 18 % short)", "city.residents: asked 2000",
                run("--set", "city.neighbourhoods[*].smallDwellingShare=1")));
        all.add(BadInputTest.c("run --residents 500 leaves a neighbourhood no dwelling",
                "embedded default with --years 1 --residents 500: city.neighbourhoods[0].weight: 0.001 of 0.891 in all",
                BadInputTest.args("run", "--years", "1", "--residents", "500", "--set", "city.neighbourhoods[0].weight=0.001",
                        "--out", "OUT")));
        // wrong words
        all.add(BadInputTest.c("programme durationYears 0", "programmes[0].durationYears: 0 is less than one month",
                BadInputTest.scenario("{\"name\": \"s\", \"years\": 1, \"city\": {\"residents\": 500}, \"programmes\": [{\"name\": "
                        + "\"p\", \"targets\": {\"weakest\": 1}, \"startYear\": 0, \"durationYears\": 0}]}")));
        all.add(BadInputTest.c("crisis durationYears 0", "economy.crises[0].durationYears: 0 is less than one month",
                BadInputTest.scenario(CRISIS.formatted("0", "0"))));
        // options and years that read past what the run records
        all.add(BadInputTest.c("crisis from the run's last year", "economy.crises[0].startYear: 2 leaves no month of the run",
                BadInputTest.scenario(CRISIS.formatted("2", "1"))));
        all.add(BadInputTest.c("run --years 3 on a programme of years 1-7",
                "krachtwijk.json with --years 3 --residents 500: programmes[0].durationYears: 6 from year 1 runs past the run's end",
                BadInputTest.args("run", "scenarios/krachtwijk.json", "--years", "3", "--residents", "500", "--out", "OUT")));
        all.add(BadInputTest.c("compare --map-years 50 of 2-year runs", "--map-years 50: the runs last only 2 whole years",
                dir -> new String[] {"compare", copyRun(dir).toString(), "--map-years", "0,50", "--out", dir.resolve("out").toString()}));
        all.add(BadInputTest.c("compare --map-years 3 of 2-year runs", "--map-years 3: the runs last only 2 whole years",
                dir -> new String[] {"compare", copyRun(dir).toString(), "--map-years", "3", "--out", dir.resolve("out").toString()}));
        all.add(BadInputTest.c("gui --ticks past the scenario's 30 years",
                "--ticks 400: the scenario 'baseline' runs only 360 months (30 years)",
                BadInputTest.args("gui", "--ticks", "400", "--snapshot", "DIR/map.png")));
        return all.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void refusedInOneLine(BadInputTest.Setup setup, String expect) throws IOException {
        BadInputTest.assertRefused(tmp, setup, expect);
    }

    @Test
    void validateChecksTheSuiteYearsAgainstASetValue() throws IOException {
        // the quick suite records 12 years: a cohort at year 20 would never be formed
        System.setProperty(HeapEstimate.LIMIT_PROPERTY, "1");
        try {
            BadInputTest.Setup setup = BadInputTest.args("validate", "--quick", "--threads", "1", "--quiet",
                    "--set", "output.cohortYears=[0,1,20]", "--out", "OUT");
            refusedInOneLine(setup, "baseline with --set output.cohortYears=[0,1,20]");
            refusedInOneLine(setup, "output.cohortYears[2]: 20 is not in [0, 12]");
        } finally {
            System.clearProperty(HeapEstimate.LIMIT_PROPERTY);
        }
    }

    @Test
    void mapsWithinTheRunsAreDrawn() throws IOException {
        Path in = copyRun(tmp);
        CliTest.Outcome o = CliTest.execute("compare", in.toString(), "--map-years", "0,2,end", "--out",
                tmp.resolve("out").toString());
        assertEquals(0, o.code(), o.toString());
    }
}
