package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wijklab.experiment.calibration.Calibration;
import org.wijklab.experiment.calibration.CalibrationRunner;
import org.wijklab.experiment.calibration.TwoGenerationSearch;
import org.wijklab.scenario.ScenarioLoader;

/** {@code wijklab calibrate}: refusals, --prepare with generations run by sweep, shards and merge, the report. */
class CalibrateCommandTest {
    @TempDir
    Path tmp;

    private static CalibrationRunner.MethodMaker before;

    @BeforeAll
    static void tinyMethod() {
        before = CalibrateCommand.methods;
        CalibrateCommand.methods = TwoGenerationSearch.maker();
    }

    @AfterAll
    static void restore() {
        CalibrateCommand.methods = before;
    }

    /**
     * The shipped example with a city of 2,000 residents, one recorded year after one of warm-up,
     * and a population of 8.
     */
    static String tinyExample() throws IOException {
        ObjectNode root = (ObjectNode) ScenarioLoader.mapper().readTree(Path.of("scenarios/calibrate-households.json").toFile());
        ObjectNode c = (ObjectNode) root.get("calibration");
        c.put("base", Path.of("scenarios/baseline.json").toAbsolutePath().toString());
        ObjectNode set = (ObjectNode) c.get("set");
        set.put("city.residents", 2000);
        set.put("years", 1);
        set.put("warmUpYears", 1);
        ObjectNode m = (ObjectNode) c.get("method");
        m.put("population", 8);
        m.put("maxGenerations", 2);
        return root.toString();
    }

    @Test
    void theShippedExampleParses() {
        Calibration c = Calibration.load(Path.of("scenarios/calibrate-households.json"));
        assertTrue(c.parameters().size() >= 4, "at least four assumed parameters");
        assertEquals("abc", c.method().name());
        for (Calibration.Target t : c.targets()) {
            assertFalse(t.source().isBlank());
        }
    }

    /**
     * The shipped example, made tiny, with the real methods: ABC-SMC (population 8, at most 2
     * generations) writes posterior.csv with normalised weights, NSGA-II (population 4, 2
     * generations) front.csv; both their reports.
     */
    @Test
    void theShippedExampleRunsTinyWithAbcAndNsga2() throws IOException {
        CalibrationRunner.MethodMaker test = CalibrateCommand.methods;
        CalibrateCommand.methods = CalibrateCommand::method;
        try {
            Path cal = Files.writeString(tmp.resolve("abc.json"), tinyExample());
            CliTest.Outcome o = CliTest.execute("calibrate", cal.toString(), "--out", tmp.resolve("abc").toString(),
                    "--threads", "2");
            assertEquals(0, o.code(), o.toString());
            assertTrue(o.out().contains("generation 1: 8 points x 1 replications = 8 runs"), o.toString());
            org.wijklab.report.Table p = org.wijklab.report.Table.read(tmp.resolve("abc/posterior.csv"), "weight",
                    "partneringRate", "city_single_share", "yearly_move_share");
            double sum = 0;
            for (int i = 0; i < p.size(); i++) {
                sum += p.number(i, "weight");
            }
            assertEquals(1.0, sum, 1e-9, "normalised weights");
            assertTrue(Files.isRegularFile(tmp.resolve("abc/report/index.html")));
            ObjectNode root = (ObjectNode) ScenarioLoader.mapper().readTree(tinyExample());
            ((ObjectNode) root.get("calibration")).set("method", ScenarioLoader.mapper().readTree(
                    "{\"name\": \"nsga2\", \"population\": 4, \"generations\": 2}"));
            Path nsga = Files.writeString(tmp.resolve("nsga.json"), root.toString());
            o = CliTest.execute("calibrate", nsga.toString(), "--out", tmp.resolve("nsga").toString(), "--threads", "2",
                    "--quiet");
            assertEquals(0, o.code(), o.toString());
            org.wijklab.report.Table f = org.wijklab.report.Table.read(tmp.resolve("nsga/front.csv"), "distance",
                    "city_single_share_abs_deviation");
            assertTrue(f.size() >= 1);
            assertFalse(f.has("weight"));
            assertTrue(Files.isRegularFile(tmp.resolve("nsga/report/index.html")));
        } finally {
            CalibrateCommand.methods = test;
        }
    }

    @Test
    void prepareWritesEachGenerationForSweepShardsAndMergeThenCalibrateFinishes() throws IOException {
        Path cal = Files.writeString(tmp.resolve("cal.json"), tinyExample());
        Path out = tmp.resolve("out");
        CliTest.Outcome o = CliTest.execute("calibrate", cal.toString(), "--out", out.toString(), "--prepare");
        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().startsWith("Wrote " + out.resolve("gen-01.json")), o.toString());
        assertEquals(1, o.out().lines().count(), o.toString());
        assertFalse(Files.exists(out.resolve("gen-01")), "nothing run");
        // generation 1 by a plain sweep
        o = CliTest.execute("sweep", out.resolve("gen-01.json").toString(), "--runs", "none", "--threads", "2", "--quiet",
                "--out", out.resolve("gen-01").toString());
        assertEquals(0, o.code(), o.toString());
        o = CliTest.execute("calibrate", cal.toString(), "--out", out.toString(), "--prepare");
        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().startsWith("Wrote " + out.resolve("gen-02.json")), o.toString());
        // generation 2 by two shards and merge
        for (String shard : new String[] {"1/2", "2/2"}) {
            o = CliTest.execute("sweep", out.resolve("gen-02.json").toString(), "--runs", "none", "--threads", "1", "--quiet",
                    "--shard", shard, "--out", tmp.resolve("shard-" + shard.charAt(0)).toString());
            assertEquals(0, o.code(), o.toString());
        }
        o = CliTest.execute("merge", tmp.resolve("shard-1").toString(), tmp.resolve("shard-2").toString(), "--out",
                out.resolve("gen-02").toString());
        assertEquals(0, o.code(), o.toString());
        o = CliTest.execute("calibrate", cal.toString(), "--out", out.toString(), "--threads", "1");
        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().startsWith("Ran 0 runs in 2 generations"), o.toString());
        assertTrue(Files.isRegularFile(out.resolve("posterior.csv")));
        assertTrue(Files.isRegularFile(out.resolve("report/index.html")));
        JsonNode m = ScenarioLoader.mapper().readTree(out.resolve("manifest.json").toFile());
        assertTrue(m.path("complete").asBoolean());

        // the same calibration in one go gives the same posterior
        Path direct = tmp.resolve("direct");
        o = CliTest.execute("calibrate", cal.toString(), "--out", direct.toString(), "--threads", "2", "--quiet");
        assertEquals(0, o.code(), o.toString());
        assertEquals(direct.toString(), o.out().strip());
        for (String f : new String[] {"posterior.csv", "targets.csv", "gen-02.json", "gen-02/summary.csv"}) {
            assertEquals(Files.readString(out.resolve(f)), Files.readString(direct.resolve(f)), f);
        }
        o = CliTest.execute("calibrate", cal.toString(), "--out", direct.toString());
        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().contains("already complete; nothing to do"), o.toString());

        // compare draws the calibration's report
        o = CliTest.execute("compare", direct.toString(), "--out", tmp.resolve("report").toString());
        assertEquals(0, o.code(), o.toString());
        String html = Files.readString(tmp.resolve("report/index.html"));
        for (String s : new String[] {"The fit of every target", "Marginal posteriors", "marginal-1-partneringrate.png",
            "targets-fit.png", "Generations", "pair-"}) {
            assertTrue(html.contains(s), s);
        }
    }

    static Stream<Arguments> refusals() {
        String good = "{\"calibration\": {\"name\": \"c\", \"base\": \"base.json\", \"replications\": 1, \"seed\": 1, "
                + "\"parameters\": [{\"name\": \"p\", \"path\": \"demography.partneringRate\", \"range\": [0.02, 0.2]}], "
                + "\"targets\": [{\"metric\": \"city_single_share\", \"observed\": 0.36, \"sd\": 0.02, \"source\": \"CBS\"}], "
                + "\"method\": {\"name\": \"abc\", \"population\": 4}}}";
        return Stream.of(
                Arguments.of(good.replace(", \"source\": \"CBS\"", ""), new String[0], "calibration.targets[0].source: missing"),
                Arguments.of(good.replace("city_single_share", "social_return"), new String[0],
                        "is the statistic of validation pattern V5"),
                Arguments.of(good.replace("\"population\": 4", "\"population\": 2"), new String[0],
                        "calibration.method.population: 2 is not a whole number in [4, 100000]"),
                Arguments.of(good.replace("[0.02, 0.2]", "[0.02, 2]"), new String[0], "partneringRate"),
                Arguments.of(good, new String[] {"--threads", "0"}, "--threads: 0 is not in [1, 1024]"),
                Arguments.of("{\"sweep\": {}}", new String[0], "a calibration file is an object with the single field"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void badInputIsOneLineExitTwoAndNothingWritten(String text, String[] flags, String expect) throws IOException {
        BadInputTest.assertRefused(tmp, dir -> {
            Files.writeString(dir.resolve("base.json"), "{\"name\": \"b\", \"seed\": 1, \"years\": 1, \"warmUpYears\": 1, "
                    + "\"city\": {\"residents\": 2000}}");
            Files.writeString(dir.resolve("cal.json"), text);
            String[] args = Stream.concat(Stream.of("calibrate", dir.resolve("cal.json").toString(), "--out",
                    dir.resolve("out").toString()), Stream.of(flags)).toArray(String[]::new);
            return args;
        }, expect);
    }

    @Test
    void aFolderOfSomethingElseIsRefused() throws IOException {
        BadInputTest.assertRefused(tmp, dir -> {
            Files.createDirectories(dir.resolve("other"));
            Files.writeString(dir.resolve("other/x.txt"), "x");
            Files.writeString(dir.resolve("cal.json"), tinyExample());
            return new String[] {"calibrate", dir.resolve("cal.json").toString(), "--out", dir.resolve("other").toString()};
        }, "is not empty");
    }
}
