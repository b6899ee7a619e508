package org.wijklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.experiment.Progress;
import org.wijklab.experiment.Statistics;
import org.wijklab.experiment.SweepMetrics;
import org.wijklab.experiment.SweepRunner;
import org.wijklab.scenario.Sweep;

/**
 * The report of a sweep's folder: a grid's response curves, whose numbers are the runs' own
 * statistics, and a Morris design's mu*-sigma plots; every chart as PNG and SVG, shown once.
 */
class SweepReportTest {
    @TempDir
    static Path tmp;
    static Path grid;
    static Path morris;

    @BeforeAll
    static void sweeps() throws IOException {
        Files.copy(Path.of("scenarios", "krachtwijk.json"), tmp.resolve("krachtwijk.json"));
        String common = "\"replications\": 2, \"metrics\": [\"eroded_income_gain\", \"city_employment_end\"], "
                + "\"set\": {\"years\": 4, \"warmUpYears\": 1, \"city.residents\": 2500, \"output.movesLog\": false, "
                + "\"programmes[0].durationYears\": 2}, ";
        Files.writeString(tmp.resolve("grid.json"), "{\"sweep\": {\"name\": \"g\", \"description\": \"grid\", "
                + "\"base\": \"krachtwijk.json\", " + common + "\"parameters\": ["
                + "{\"name\": \"prox\", \"path\": \"programmes[0].team.proximity\", \"values\": [0.2, 0.8]},"
                + "{\"name\": \"mode\", \"path\": \"programmes[0].team.mode\", \"values\": [\"integral\", \"fragmented\"]}]}}");
        Files.writeString(tmp.resolve("morris.json"), "{\"sweep\": {\"name\": \"m\", \"description\": \"morris\", "
                + "\"base\": \"krachtwijk.json\", " + common.replace("\"replications\": 2", "\"replications\": 1")
                + "\"design\": \"morris\", \"trajectories\": 2, \"parameters\": ["
                + "{\"name\": \"prox\", \"path\": \"programmes[0].team.proximity\", \"range\": [0.2, 0.8]},"
                + "{\"name\": \"budget\", \"path\": \"programmes[0].yearlyBudget\", \"range\": [1000000, 5000000]}]}}");
        grid = tmp.resolve("grid-out");
        morris = tmp.resolve("morris-out");
        SweepRunner.run(Sweep.load(tmp.resolve("grid.json"), SweepMetrics.names()), grid, 2, false, Progress.NONE, "test");
        SweepRunner.run(Sweep.load(tmp.resolve("morris.json"), SweepMetrics.names()), morris, 2, false, Progress.NONE, "test");
    }

    private static Set<String> shown(Path report) throws IOException {
        String html = Files.readString(report.resolve("index.html"));
        Matcher m = Pattern.compile("<img src=\"charts/([a-z0-9-]+)\\.png\"").matcher(html);
        Set<String> ids = new LinkedHashSet<>();
        while (m.find()) {
            assertTrue(ids.add(m.group(1)), "shown twice: " + m.group(1));
        }
        try (Stream<Path> files = Files.list(report.resolve("charts"))) {
            assertEquals(2 * ids.size(), files.count(), "a PNG and an SVG per chart");
        }
        return ids;
    }

    @Test
    void aGridsResponseCurvesAreThePointMeansStatistics() throws IOException {
        Path report = tmp.resolve("grid-report");
        Report.Written w = SweepReport.write(grid, report);
        assertEquals(8, w.runs());
        Set<String> ids = shown(report);
        assertEquals(Set.of("response-eroded-income-gain-prox", "response-eroded-income-gain-mode",
                "response-city-employment-end-prox", "response-city-employment-end-mode"), ids);
        TestCsv runs = TestCsv.read(grid.resolve("runs.csv"));
        TestCsv curve = TestCsv.read(report.resolve("summary-response.csv"));
        int checked = 0;
        for (int r = 0; r < curve.size(); r++) {
            String metric = curve.get(r, "metric");
            String param = curve.get(r, "parameter");
            // the curve is over design points: each point's mean over its replications
            java.util.Map<String, List<Double>> byPoint = new java.util.LinkedHashMap<>();
            for (int k = 0; k < runs.size(); k++) {
                if (runs.get(k, param).replace("\"", "").equals(curve.get(r, "value"))) {
                    byPoint.computeIfAbsent(runs.get(k, "point"), x -> new ArrayList<>()).add(runs.num(k, metric));
                }
            }
            double[] pointMeans = byPoint.values().stream()
                    .mapToDouble(v -> v.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toArray();
            Statistics.Estimate e = Statistics.estimate(pointMeans);
            assertEquals(pointMeans.length, curve.integer(r, "n"), "the design points at the value");
            assertEquals(e.mean(), curve.num(r, "mean"), 1e-5 * (1 + Math.abs(e.mean())), metric + " " + param);
            checked++;
        }
        assertEquals(2 * 2 * 2, checked, "two metrics x two parameters x two values");
    }

    @Test
    void aMorrisSweepShowsMuStarAgainstSigma() throws IOException {
        Path report = tmp.resolve("morris-report");
        SweepReport.write(morris, report);
        Set<String> ids = shown(report);
        assertTrue(ids.contains("morris-eroded-income-gain") && ids.contains("morris-city-employment-end"), ids.toString());
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("<h2 id=\"sensitivity\">") && !html.contains("http://") && !html.contains("https://"),
                "offline, with its sensitivity section");
    }

    @Test
    void anIncompleteSweepOrAShardIsRefused() throws IOException {
        Path incomplete = tmp.resolve("incomplete");
        Files.createDirectories(incomplete);
        Files.writeString(incomplete.resolve("manifest.json"), "{\"sweepSha256\": \"x\", \"complete\": false}");
        assertTrue(SweepReport.isSweep(incomplete));
        ReportException e = assertThrows(ReportException.class, () -> SweepReport.write(incomplete, tmp.resolve("r")));
        assertTrue(e.getMessage().contains("not complete"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("r")));
    }
}
