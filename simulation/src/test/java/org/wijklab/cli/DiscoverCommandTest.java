package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.scenario.ScenarioLoader;

/**
 * {@code wijklab discover} end to end on a tiny real sweep (an LHS of 12 points, two replications,
 * krachtwijk on 2,000 residents for one year: two ranges and a list-valued parameter), and its
 * refusals: one line, exit 2, nothing written.
 */
class DiscoverCommandTest {
    @TempDir
    static Path shared;
    static Path sweep;
    /** A threshold of liveability_change_pct between its point means' smallest and largest: the median. */
    static double median;

    @TempDir
    Path tmp;

    @BeforeAll
    static void tinySweep() throws IOException {
        Files.copy(Path.of("scenarios", "krachtwijk.json"), shared.resolve("krachtwijk.json"));
        Path f = shared.resolve("tiny-lhs.json");
        Files.writeString(f, """
                {"sweep": {"name": "tiny-lhs", "description": "a test", "base": "krachtwijk.json", "replications": 2,
                  "design": "lhs", "samples": 12,
                  "set": {"years": 1, "warmUpYears": 0, "city.residents": 2000, "output.movesLog": false,
                          "programmes[0].startYear": 0, "programmes[0].durationYears": 1},
                  "metrics": ["liveability_change_pct", "city_employment_end", "rank_correlation_10y"],
                  "parameters": [
                    {"name": "budget", "path": "programmes[0].yearlyBudget", "range": [1000000, 20000000]},
                    {"name": "proximity", "path": "programmes[0].team.proximity", "range": [0.1, 0.9]},
                    {"name": "mode", "path": "programmes[0].team.mode", "values": ["integral", "fragmented"]}]}}
                """);
        sweep = shared.resolve("sweep");
        CliTest.Outcome o = CliTest.execute("sweep", f.toString(), "--out", sweep.toString(), "--threads", "2", "--runs", "none",
                "--quiet");
        assertEquals(0, o.code(), o.toString());
        TestCsv runs = TestCsv.read(sweep.resolve("runs.csv"));
        Map<Integer, List<Double>> byPoint = new LinkedHashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            byPoint.computeIfAbsent((int) runs.integer(r, "point"), k -> new ArrayList<>()).add(runs.num(r, "liveability_change_pct"));
        }
        double[] means = byPoint.values().stream().mapToDouble(v -> v.stream().mapToDouble(Double::doubleValue).average().orElseThrow())
                .sorted().toArray();
        assertEquals(12, means.length);
        median = (means[5] + means[6]) / 2;
        assertTrue(means[0] < median && median < means[11], "the points' means differ: " + Arrays.toString(means));
    }

    static String where() {
        return "liveability_change_pct > " + median;
    }

    @Test
    void discoverWritesItsFilesAndPageTheSameBytesTwiceAndCompareRedrawsIt() throws IOException {
        Path a = tmp.resolve("a");
        CliTest.Outcome o = CliTest.execute("discover", sweep.toString(), "--where", where(), "--out", a.toString());
        assertEquals(0, o.code(), o.toString());
        assertEquals("", o.err(), o.toString());
        assertTrue(o.out().contains("holds in 6 of 12 points"), o.toString());
        assertTrue(o.out().contains("dummy") && o.out().contains("(noise floor)"), o.toString());
        assertTrue(o.out().strip().endsWith(a.resolve("index.html").toString()), o.toString());
        for (String file : List.of("trajectory.csv", "box.csv", "feature-scores.csv", "discover.json", "index.html",
                "charts/tradeoff.png", "charts/tradeoff.svg", "charts/box.png", "charts/feature-scores.svg")) {
            assertTrue(Files.isRegularFile(a.resolve(file)), file + "\n" + o);
        }
        TestCsv box = TestCsv.read(a.resolve("box.csv"));
        assertEquals(3, box.size(), "budget, proximity and mode: PRIM's dimensions (the probe is not one)");
        assertEquals("integral;fragmented", box.get(2, "categories_all"));
        TestCsv scores = TestCsv.read(a.resolve("feature-scores.csv"));
        assertEquals(4, scores.size());
        double sum = 0;
        boolean probe = false;
        for (int r = 0; r < scores.size(); r++) {
            sum += scores.num(r, "score");
            probe |= scores.get(r, "parameter").equals("dummy") && scores.get(r, "role").equals("probe");
        }
        assertEquals(1.0, sum, 1e-4, "six significant digits each");
        assertTrue(probe, "an LHS has no dummy: a random probe is the noise reference");
        TestCsv trajectory = TestCsv.read(a.resolve("trajectory.csv"));
        assertEquals(1.0, trajectory.num(0, "coverage"));
        assertEquals(0.5, trajectory.num(0, "density"));
        JsonNode m = ScenarioLoader.mapper().readTree(a.resolve("discover.json").toFile());
        assertEquals(12, m.get("cases").asInt());
        assertEquals("points", m.get("caseUnit").asText());
        // the same sweep, condition and seed: the same bytes
        Path b = tmp.resolve("b");
        assertEquals(0, CliTest.execute("discover", sweep.toString(), "--where", where(), "--out", b.toString(), "--quiet").code());
        for (String file : List.of("trajectory.csv", "box.csv", "feature-scores.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)), file);
        }
        // compare draws the page again from the folder's files
        Path c = tmp.resolve("c");
        CliTest.Outcome drawn = CliTest.execute("compare", a.toString(), "--out", c.toString());
        assertEquals(0, drawn.code(), drawn.toString());
        assertTrue(drawn.out().contains("scenario discovery"), drawn.toString());
        assertEquals(Files.readString(a.resolve("index.html")), Files.readString(c.resolve("index.html")));
    }

    @Test
    void eachRunIsACaseWithCasesRunsAndABoxCanBeChosen() throws IOException {
        Path a = tmp.resolve("a");
        CliTest.Outcome o = CliTest.execute("discover", sweep.toString(), "--where", where(), "--cases", "runs", "--box", "1",
                "--out", a.toString());
        assertEquals(0, o.code(), o.toString());
        JsonNode m = ScenarioLoader.mapper().readTree(a.resolve("discover.json").toFile());
        assertEquals(24, m.get("cases").asInt());
        assertEquals(1, m.get("chosenStep").asInt());
        assertEquals("1", TestCsv.read(a.resolve("box.csv")).get(0, "step"));
    }

    @Test
    void aMergedSweepGivesTheSameDiscoveryAndAShardIsRefused() throws IOException {
        Path file = shared.resolve("tiny-lhs.json");
        for (int i = 1; i <= 2; i++) {
            CliTest.Outcome o = CliTest.execute("sweep", file.toString(), "--shard", i + "/2", "--out", tmp.resolve("s" + i).toString(),
                    "--threads", "1", "--runs", "none", "--quiet");
            assertEquals(0, o.code(), o.toString());
        }
        CliTest.Outcome merged = CliTest.execute("merge", tmp.resolve("s1").toString(), tmp.resolve("s2").toString(), "--out",
                tmp.resolve("merged").toString());
        assertEquals(0, merged.code(), merged.toString());
        Path whole = tmp.resolve("whole");
        Path fromMerged = tmp.resolve("from-merged");
        assertEquals(0, CliTest.execute("discover", sweep.toString(), "--where", where(), "--out", whole.toString()).code());
        assertEquals(0, CliTest.execute("discover", tmp.resolve("merged").toString(), "--where", where(), "--out",
                fromMerged.toString()).code());
        for (String f : List.of("trajectory.csv", "box.csv", "feature-scores.csv")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(fromMerged.resolve(f)), f);
        }
        BadInputTest.assertRefused(tmp, dir -> new String[] {"discover", tmp.resolve("s1").toString(), "--where", where(),
            "--out", dir.resolve("out").toString()}, "a shard of a sweep; merge the shards first");
    }

    @Test
    void aMorrisDesignsDummyIsTheFloorAndNoDimension() throws IOException {
        Path f = tmp.resolve("tiny-morris.json");
        Files.copy(Path.of("scenarios", "krachtwijk.json"), tmp.resolve("krachtwijk.json"));
        Files.writeString(f, """
                {"sweep": {"name": "tiny-morris", "description": "a test", "base": "krachtwijk.json", "replications": 1,
                  "design": "morris", "trajectories": 3,
                  "set": {"years": 1, "warmUpYears": 0, "city.residents": 2000, "output.movesLog": false,
                          "programmes[0].startYear": 0, "programmes[0].durationYears": 1},
                  "metrics": ["liveability_change_pct"],
                  "parameters": [
                    {"name": "budget", "path": "programmes[0].yearlyBudget", "range": [1000000, 20000000]},
                    {"name": "proximity", "path": "programmes[0].team.proximity", "range": [0.1, 0.9]}]}}
                """);
        Path morris = tmp.resolve("morris");
        CliTest.Outcome o = CliTest.execute("sweep", f.toString(), "--out", morris.toString(), "--threads", "2", "--runs", "none",
                "--quiet");
        assertEquals(0, o.code(), o.toString());
        TestCsv runs = TestCsv.read(morris.resolve("runs.csv"));
        double[] y = new double[runs.size()];
        for (int r = 0; r < y.length; r++) {
            y[r] = runs.num(r, "liveability_change_pct");
        }
        Arrays.sort(y);
        double threshold = (y[y.length / 2 - 1] + y[y.length / 2]) / 2;
        Path out = tmp.resolve("d");
        o = CliTest.execute("discover", morris.toString(), "--where", "liveability_change_pct > " + threshold, "--out", out.toString());
        assertEquals(0, o.code(), o.toString());
        TestCsv box = TestCsv.read(out.resolve("box.csv"));
        assertEquals(2, box.size(), "budget and proximity; the dummy is no PRIM dimension");
        TestCsv scores = TestCsv.read(out.resolve("feature-scores.csv"));
        assertEquals(3, scores.size());
        int dummies = 0;
        for (int r = 0; r < scores.size(); r++) {
            if (scores.get(r, "parameter").equals("dummy")) {
                assertEquals("dummy", scores.get(r, "role"), "the design's own dummy, not a probe");
                dummies++;
            }
        }
        assertEquals(1, dummies);
        assertTrue(!ScenarioLoader.mapper().readTree(out.resolve("discover.json").toFile()).get("probe").asBoolean());
    }

    @Test
    void casesWithNaAreLeftOutAndCounted() throws IOException {
        Path copy = copySweep(tmp);
        // both replications of points 0 and 1 without a value: two points left out
        List<String> lines = new ArrayList<>(Files.readAllLines(copy.resolve("runs.csv")));
        List<String> header = List.of(lines.get(0).split(",", -1));
        int c = header.indexOf("liveability_change_pct");
        for (int i = 1; i <= 4; i++) {
            String[] cells = lines.get(i).split(",", -1);
            cells[c] = "NA";
            lines.set(i, String.join(",", cells));
        }
        Files.write(copy.resolve("runs.csv"), lines);
        Path a = tmp.resolve("a");
        CliTest.Outcome o = CliTest.execute("discover", copy.toString(), "--where", "liveability_change_pct > -1e9", "--out",
                a.toString());
        // every remaining case meets it: refused, naming the count
        assertEquals(2, o.code(), o.toString());
        assertTrue(o.err().contains("every case meets") && o.err().contains("10 points"), o.toString());
        o = CliTest.execute("discover", copy.toString(), "--where", where(), "--out", a.toString());
        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().contains("(2 more NA, left out)"), o.toString());
        JsonNode m = ScenarioLoader.mapper().readTree(a.resolve("discover.json").toFile());
        assertEquals(10, m.get("cases").asInt());
        assertEquals(2, m.get("dropped").asInt());
    }

    @Test
    void theShippedDesignSweepLoadsWithEveryPointAValidScenario() {
        org.wijklab.scenario.Sweep s = org.wijklab.scenario.Sweep.load(Path.of("scenarios", "sweep-design-lhs.json"),
                org.wijklab.experiment.SweepMetrics.names());
        assertEquals("lhs", s.design());
        assertEquals(200, s.points());
        assertEquals(List.of("eroded_income_gain", "eroded_employment_gain", "social_return", "liveability_change_pct",
                "liveability_change_end_pct", "escalations_targets"), s.metrics());
        assertTrue(s.metrics().contains("eroded_income_gain") && s.metrics().contains("social_return"),
                "the metrics of the issue's two examples");
        for (int p = 0; p < s.points(); p++) {
            org.wijklab.scenario.Scenario sc = s.scenario(p);
            assertEquals(40000, sc.city().residents());
            assertTrue(sc.programmes().get(0).endYear() <= sc.years(), "point " + p + ": the programme ends within the run");
        }
    }

    static Path copySweep(Path dir) throws IOException {
        Path copy = dir.resolve("in");
        Files.createDirectories(copy);
        try (Stream<Path> s = Files.list(sweep)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.copy(p, copy.resolve(p.getFileName()));
            }
        }
        return copy;
    }

    static BadInputTest.Setup discover(String... more) {
        return dir -> {
            List<String> args = new ArrayList<>(List.of("discover", sweep.toString()));
            args.addAll(List.of(more));
            args.addAll(List.of("--out", dir.resolve("out").toString()));
            return args.toArray(new String[0]);
        };
    }

    @Test
    void badInputIsOneLineExitTwoAndNothingWritten() throws IOException {
        Map<String, BadInputTest.Setup> cases = new LinkedHashMap<>();
        cases.put("is not a sweep's folder", dir -> new String[] {"discover", dir.toString(), "--where", "social_return > 1",
            "--out", dir.resolve("out").toString()});
        cases.put("the sweep is not complete", dir -> {
            Path copy = copySweep(dir);
            ObjectNode m = (ObjectNode) ScenarioLoader.mapper().readTree(copy.resolve("manifest.json").toFile());
            m.put("complete", false);
            Files.writeString(copy.resolve("manifest.json"), m.toString());
            return new String[] {"discover", copy.toString(), "--where", where(), "--out", dir.resolve("out").toString()};
        });
        cases.put("its metrics: liveability_change_pct, city_employment_end, rank_correlation_10y",
                discover("--where", "social_return > 1"));
        cases.put("is not METRIC OP VALUE", discover("--where", "liveability_change_pct = 1"));
        cases.put("'liveability_change_pct > high' is not METRIC OP VALUE", discover("--where", "liveability_change_pct > high"));
        cases.put("no case meets", discover("--where", "liveability_change_pct > 1e9"));
        cases.put("every case meets", discover("--where", "liveability_change_pct >= -1e9"));
        cases.put("is NA in every point", discover("--where", "rank_correlation_10y > 0"));
        cases.put("fewer than 10", dir -> {
            Path copy = copySweep(dir);
            List<String> lines = Files.readAllLines(copy.resolve("runs.csv"));
            Files.write(copy.resolve("runs.csv"), lines.subList(0, 1 + 2 * 9));
            return new String[] {"discover", copy.toString(), "--where", where(), "--out", dir.resolve("out").toString()};
        });
        cases.put("the peeling trajectory has steps 0 to", discover("--where", where(), "--box", "999"));
        cases.put("is not 'points' or 'runs'", discover("--where", where(), "--cases", "replications"));
        cases.put("Missing required option: '--where", discover());
        int i = 0;
        for (Map.Entry<String, BadInputTest.Setup> e : cases.entrySet()) {
            Path dir = tmp.resolve("case-" + i++);
            Files.createDirectories(dir);
            BadInputTest.assertRefused(dir, e.getValue(), e.getKey());
        }
        assertEquals(12, cases.size(), "duplicate keys would hide a case");
    }
}
