package org.wijklab.report;

import org.wijklab.observation.LeakMeasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.Runner;
import org.wijklab.observation.Csv;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The leak and the out-move hazard on constructed leak.csv and helped.csv files with answers worked
 * out by hand: on tables, and through the report from run folders of two seeds of a scenario and its
 * counterfactual (one pair with a known answer, one whose cohorts differ in size and is left out);
 * and the report without those files (older runs): a note, no crash, NA in the summary.
 */
class LeakTest {
    @TempDir
    static Path tmp;
    static Path base1;
    static Path base2;
    static Path prog1;
    static Path prog2;

    static final String SCENARIO = """
            {"name": "%s", "seed": %d, "years": 2, "warmUpYears": 1, "city": {"residents": 2000}%s}""";
    static final String PROGRAMME = """
            , "programmes": [{"name": "p", "targets": {"weakest": 3}, "startYear": 0, "durationYears": 2,
              "yearlyBudget": 1000000, "themes": {"work": 0.4, "health": 0.4},
              "team": {"budgetShare": 0.2, "mode": "integral", "areaResidents": 5000, "proximity": 0.7}}]""";

    static final String HEADER = "cohort_year,tick,origin,location,eligible,helped,persons,left_origin,months_at_risk,"
            + "months_at_risk_unhelped,months_at_risk_helped,left_unhelped,left_helped,employment_n0,employment_n,employment_gain,income_n0,income_n,income_gain,good_mental_health_n0,"
            + "good_mental_health_n,good_mental_health_gain\n";

    @BeforeAll
    static void runs() {
        base1 = run("base", 1, "");
        base2 = run("base", 2, "");
        prog1 = run("prog", 1, PROGRAMME);
        prog2 = run("prog", 2, PROGRAMME);
    }

    private static Path run(String name, int seed, String programmes) {
        Path dir = tmp.resolve("runs").resolve(name + "-" + seed);
        Runner.run(ScenarioLoader.fromJson(SCENARIO.formatted(name, seed, programmes), name + ".json"), name + ".json", dir,
                "test");
        return dir;
    }

    /**
     * A leak.csv row: cohort year 0; persons, left, months at risk, of those the months after first
     * help and the leavers after it (the rest unhelped), then per metric n0 and gain (n = n0).
     */
    private static String row(int tick, String origin, String location, int eligible, int helped, int persons, int left,
            int risk, int riskHelped, int leftHelped, double incomeGain, double employmentGain) {
        return "0," + tick + "," + origin + "," + location + "," + eligible + "," + helped + "," + persons + "," + left + ","
                + risk + "," + (risk - riskHelped) + "," + riskHelped + "," + (left - leftHelped) + "," + leftHelped + ","
                + persons + "," + persons + "," + employmentGain + "," + persons + "," + persons + "," + incomeGain
                + "," + persons + "," + persons + ",0\n";
    }

    /**
     * The scenario's cohort (20 members of target t, cohort year 0) at tick 24: 5 helped and eligible
     * stay and gain 2,000 euro in all: four helped at tick 12 (12 months at risk before, 12 after
     * each) and one helped at tick 10 who left at tick 20 and came back (10 months before its help,
     * 10 after it, a helped leave); 5 neither stay and gain nothing; 10 eligible unhelped left for the
     * region (60 months at risk) and gain 6,000. So 100 euro per member in the targets and 300 in the
     * region. Rows of another origin and another cohort year must not count.
     */
    static String scenarioLeak(String t, String other) {
        return HEADER + row(0, t, t, 1, 0, 15, 0, 0, 0, 0, 0, 0) + row(0, t, t, 0, 0, 5, 0, 0, 0, 0, 0, 0)
                + row(12, t, t, 1, 1, 5, 0, 60, 2, 0, 0, 0) + row(12, t, "region", 1, 0, 10, 10, 60, 0, 0, 0, 0)
                + row(12, t, t, 0, 0, 5, 0, 60, 0, 0, 0, 0)
                + row(24, t, t, 1, 1, 5, 1, 116, 58, 1, 2000, 1) + row(24, t, t, 0, 0, 5, 0, 120, 0, 0, 0, 0)
                + row(24, t, "region", 1, 0, 10, 10, 60, 0, 0, 6000, 2)
                + row(24, other, other, 1, 1, 50, 50, 50, 25, 25, 1e6, 10)
                + "1,24," + t + "," + t + ",1,1,9,9,9,0,9,0,9,9,9,9e6,9,9,9e6,9,9,0\n";
    }

    /**
     * The counterfactual's: the same 20 members (15 eligible); 5 eligible stay and gain 1,000, 5 stay
     * and gain nothing, 10 eligible left for another neighbourhood of the city (this time) and gain 2,000:
     * 50 per member in the targets, 100 moved within the city.
     */
    static String counterfactualLeak(String t, String other) {
        return HEADER + row(0, t, t, 1, 0, 15, 0, 0, 0, 0, 0, 0) + row(0, t, t, 0, 0, 5, 0, 0, 0, 0, 0, 0)
                + row(12, t, t, 1, 0, 20, 0, 240, 0, 0, 0, 0)
                + row(24, t, t, 1, 0, 5, 0, 120, 0, 0, 1000, 0) + row(24, t, t, 0, 0, 5, 0, 120, 0, 0, 0, 0)
                + row(24, t, other, 1, 0, 10, 10, 180, 0, 0, 2000, 1);
    }

    /** The same leak.csv without the split columns (an earlier version's file). */
    private static String unsplit(String csv) {
        StringBuilder out = new StringBuilder();
        for (String line : csv.split("\n")) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.subList(9, 13).clear();
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    private static Table table(String name, String text) throws IOException {
        Path p = tmp.resolve("tables");
        Files.createDirectories(p);
        Files.writeString(p.resolve(name), text);
        return Table.read(p.resolve(name));
    }

    @Test
    void theLeakAndTheHazardOfAPairAreAsWorkedOutByHand() throws IOException {
        Table a = table("a.csv", scenarioLeak("T", "O"));
        Table b = table("b.csv", counterfactualLeak("T", "O"));
        LeakMeasure.Sums sa = Leak.sums(a, 0, 24, Set.of("T"));
        LeakMeasure.Sums sb = Leak.sums(b, 0, 24, Set.of("T"));
        assertTrue(LeakMeasure.sameCohort(sa, sb), "20 members in both, per metric too");
        double[][] l = LeakMeasure.leak(sa, sb);
        double[] income = l[0];
        // in targets (2000 - 1000) / 20, moved in the city (0 - 2000) / 20, left the city (6000 - 0) / 20
        assertEquals(50, income[0], 1e-9);
        assertEquals(-100, income[1], 1e-9);
        assertEquals(300, income[2], 1e-9);
        assertEquals(250, income[Leak.GAIN_TOTAL], 1e-9);
        assertEquals(200, income[Leak.LEAK_INDEX], 1e-9, "moved in the city plus left the city");
        assertEquals(0.25, income[Leak.HELPED_SHARE], 1e-12, "5 of 20 helped");
        assertEquals(1000, income[Leak.HELPED_SHARE + 1], 1e-9, "Bloom: 250 / 0.25");
        // employment: targets (1 - 0) / 20, moved (0 - 1) / 20, left (2 - 0) / 20
        assertEquals(0.05, l[1][0], 1e-12);
        assertEquals(-0.05, l[1][1], 1e-12);
        assertEquals(0.1, l[1][2], 1e-12);
        double[] h = LeakMeasure.hazard(sa, sb);
        // help as a time-varying exposure: the helped's 58 months after their help (4 x 12 + the leaver's 10), with its
        // leave; the eligible's 118 months before any help (4 x 12 + the leaver's 10 + the region's 60), with 10 leaves
        assertEquals(1 / (58 / 12.0), h[0], 1e-12, "helped: 1 out-move in 58 months after help");
        assertEquals(10 / (118 / 12.0), h[1], 1e-12, "eligible before help: 10 in 118 months");
        assertEquals(11 / (176 / 12.0), h[2], 1e-12, "eligible: 11 in 176 months");
        assertEquals(10 / 25.0, h[3], 1e-12, "eligible without the programme: 10 in 300 months");
        assertEquals((12 / 58.0) / (120 / 118.0), h[Leak.RATIO_HELPED], 1e-12, "0.2034");
        // counting all the helped's months as helped (1 in 116) against the eligible never helped (10 in 60) gave 0.052
        assertTrue(h[Leak.RATIO_HELPED] > 3 * ((12 / 116.0) / 2.0), "the immortal months no longer bias the ratio down");
        assertEquals(0.75 / 0.4, h[5], 1e-12, "the ITT ratio as before the split");
        assertEquals((11 - 10) / 5.0, h[6], 1e-12, "one extra out-mover per five helped");
        // a leak.csv of an earlier version, without the split: no helped rates, the ITT ones as they were
        Table old = table("old.csv", unsplit(scenarioLeak("T", "O")));
        LeakMeasure.Sums so = Leak.sums(old, 0, 24, Set.of("T"));
        assertFalse(so.split);
        double[] ho = LeakMeasure.hazard(so, sb);
        assertTrue(Double.isNaN(ho[0]) && Double.isNaN(ho[1]) && Double.isNaN(ho[Leak.RATIO_HELPED]));
        assertEquals(h[2], ho[2], 1e-12);
        assertEquals(h[5], ho[5], 1e-12);
        assertEquals(h[6], ho[6], 1e-12);
        // nobody helped: no gain per helped, no helped rate, no ratio; a rate of 0 gives no ratio
        LeakMeasure.Sums none = Leak.sums(b, 0, 24, Set.of("T"));
        double[][] self = LeakMeasure.leak(none, sb);
        assertTrue(Double.isNaN(self[0][Leak.HELPED_SHARE + 1]));
        double[] hn = LeakMeasure.hazard(none, sb);
        assertTrue(Double.isNaN(hn[0]) && Double.isNaN(hn[Leak.RATIO_HELPED]) && Double.isNaN(hn[6]));
        // a cohort of another size is not the same persons
        LeakMeasure.Sums other = Leak.sums(table("c.csv", counterfactualLeak("T", "O").replace("0,24,T,T,0,0,5,", "0,24,T,T,0,0,6,")),
                0, 24, Set.of("T"));
        assertFalse(LeakMeasure.sameCohort(sa, other));
    }

    @Test
    void theLeakShareIsTheMeanLeakOverTheMeanGainAndNaWithoutAPositiveGain() {
        Leak.Point p = new Leak.Point(0);
        double[][] x = new double[Leak.METRICS.length][Leak.QUANTITIES.length];
        double[][] y = new double[Leak.METRICS.length][Leak.QUANTITIES.length];
        x[0][Leak.LEAK_INDEX] = 10;
        x[0][Leak.GAIN_TOTAL] = 40;
        y[0][Leak.LEAK_INDEX] = 30;
        y[0][Leak.GAIN_TOTAL] = 40;
        x[1][Leak.GAIN_TOTAL] = -1;
        y[1][Leak.GAIN_TOTAL] = 1;
        p.leaks.add(x);
        p.leaks.add(y);
        assertEquals(0.5, p.leakShare(0).mean(), 1e-12, "(10 + 30) / 2 over 40");
        assertTrue(Double.isNaN(p.leakShare(0).lo()), "no interval for a ratio of means");
        assertTrue(Double.isNaN(p.leakShare(1).mean()), "a mean total gain of 0: NA");
        assertEquals(20, p.leak(0, Leak.LEAK_INDEX).mean(), 1e-12);
        assertTrue(p.leak(0, Leak.LEAK_INDEX).lo() < 20, "two different pairs: an interval");
    }

    /** A copy of a run folder with the given files added. */
    private static Path copy(Path run, String name, Map<String, String> files) throws IOException {
        Path c = tmp.resolve("copies").resolve(name);
        Files.createDirectories(c);
        try (Stream<Path> s = Files.list(run)) {
            for (Path p : s.toList()) {
                Files.copy(p, c.resolve(p.getFileName()));
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(c.resolve(e.getKey()), e.getValue());
        }
        return c;
    }

    private static Map<String, String[]> rows(Path csv, int... key) throws IOException {
        Map<String, String[]> out = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] r = Csv.parse(line);
            List<String> k = new ArrayList<>();
            for (int i : key) {
                k.add(r[i]);
            }
            out.put(String.join("|", k), r);
        }
        return out;
    }

    static final String HELPED = "programme,tick,year,form,fate,persons,months_helped,form_months,employment,employment_n,"
            + "income,income_n,good_mental_health,good_mental_health_n,debts,debts_n\n"
            + "p,24,2,any,all,5,40,60,0.5,4,20000,5,0.6,5,0.2,5\n"
            + "p,24,2,case,all,5,40,30,0.5,4,20000,5,0.6,5,0.2,5\n"
            + "p,24,2,case,left_city,1,4,NA,NA,0,NA,0,NA,0,NA,0\n";

    @Test
    void theReportPairsBySeedLeavesOutUnequalCohortsAndNamesWhatIsMissing() throws IOException {
        RunFolder run = RunFolder.open(prog1);
        List<String> targets = new ArrayList<>(RunMetrics.programmeTargets(run));
        assertEquals(3, targets.size());
        String t = targets.get(0);
        String other = run.scenario().path("city").path("neighbourhoods").findValuesAsText("name").stream()
                .filter(n -> !targets.contains(n)).findFirst().orElseThrow();
        assertEquals(24, RunMetrics.activePeriod(run)[1], "the programme's last month, its end tick: the point at tick 24");
        String unequal = counterfactualLeak(t, other).replace("0,24," + t + "," + t + ",0,0,5,", "0,24," + t + "," + t + ",0,0,6,");
        List<Path> inputs = List.of(copy(base1, "base-1", Map.of(Leak.LEAK, counterfactualLeak(t, other))),
                copy(base2, "base-2", Map.of(Leak.LEAK, unequal)),
                copy(prog1, "prog-1", Map.of(Leak.LEAK, scenarioLeak(t, other), Leak.HELPED, HELPED)),
                copy(prog2, "prog-2", Map.of(Leak.LEAK, scenarioLeak(t, other), Leak.HELPED, HELPED)));
        Path out = tmp.resolve("report-with");
        Report.write(inputs, out, Report.Options.defaults());
        // scenario, against, point_tick, years_after_end, metric, quantity, mean, ci_low, ci_high, n
        Map<String, String[]> leak = rows(out.resolve("summary-leak.csv"), 3, 4, 5);
        String[] r = leak.get("0|income|leak");
        assertEquals(List.of("prog", "base", "24", "0", "income", "leak", "200", "NA", "NA", "1"), List.of(r),
                "seed 2's cohorts differ in size: one pair, no interval");
        assertEquals("250", leak.get("0|income|gain_total")[6]);
        assertEquals("-100", leak.get("0|income|moved_in_city")[6]);
        assertEquals("1000", leak.get("0|income|gain_per_helped")[6]);
        assertEquals("0.8", leak.get("0|income|leak_share")[6]);
        assertEquals(List.of("NA", "NA", "NA", "0"), List.of(leak.get("10|income|leak")).subList(6, 10),
                "the runs end before ten years after the programme");
        Map<String, String[]> hazard = rows(out.resolve("summary-hazard.csv"), 3, 4);
        assertEquals("0.206897", hazard.get("0|rate_helped")[5], "12 / 58");
        assertEquals("1.01695", hazard.get("0|rate_unhelped_eligible")[5], "120 / 118");
        assertEquals("0.203448", hazard.get("0|ratio_helped_vs_unhelped")[5]);
        assertEquals("0.2", hazard.get("0|extra_out_moves_per_helped")[5]);
        assertEquals("1.875", hazard.get("0|ratio_eligible_itt")[5]);
        Map<String, String[]> headline = rows(out.resolve("summary-headline.csv"), 0, 2);
        assertEquals("200", headline.get("prog|leak_income_end")[3]);
        assertEquals("0.203448", headline.get("prog|hazard_ratio_helped_vs_unhelped_end")[3]);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<h2 id=\"leak\">"), "the section is there");
        assertTrue(html.contains("1 pair left out, their two cohorts differ in size"), "the unequal pair is named");
        assertTrue(html.contains("60 months"), "the helped table shows the programme's person-months");
        assertTrue(html.contains("Bloom"), "the estimator is explained");
        assertTrue(html.contains("time-varying exposure") && html.contains("not a randomised group"),
                "the hazard's person-time and its selection are explained");
        assertTrue(Files.isRegularFile(out.resolve("charts/leak-income.png")) && Files.isRegularFile(out.resolve(
                "charts/leak-employment.svg")), "a chart per metric");
    }

    @Test
    void runsWithoutTheFilesGetANoteAndNa() throws IOException {
        Path out = tmp.resolve("report-without");
        // older run folders: written before the runs had leak.csv and helped.csv
        Path oldBase = copy(base1, "old-base-1", Map.of());
        Path oldProg = copy(prog1, "old-prog-1", Map.of());
        for (Path p : List.of(oldBase, oldProg)) {
            Files.deleteIfExists(p.resolve(Leak.LEAK));
            Files.deleteIfExists(p.resolve(Leak.HELPED));
            Path manifest = p.resolve(Runner.MANIFEST);
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                    manifest.toFile());
            com.fasterxml.jackson.databind.node.ArrayNode files = json.createArrayNode();
            m.withArray("files").forEach(f -> {
                if (!f.asText().equals(Leak.LEAK) && !f.asText().equals(Leak.HELPED)) {
                    files.add(f);
                }
            });
            m.set("files", files);
            json.writeValue(manifest.toFile(), m);
        }
        Report.write(List.of(oldBase, oldProg), out, Report.Options.defaults());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("No leak: the runs have no <code>leak.csv</code>"), "a one-line note");
        assertEquals(1, Files.readAllLines(out.resolve("summary-leak.csv")).size(), "a header only");
        Map<String, String[]> headline = rows(out.resolve("summary-headline.csv"), 0, 2);
        assertEquals("NA", headline.get("prog|leak_income_end")[3]);
        assertEquals("0", headline.get("prog|hazard_ratio_helped_vs_unhelped_end")[6]);
        // one scenario alone: no counterfactual, no leak, no crash
        Path alone = tmp.resolve("report-alone");
        Report.write(List.of(prog1), alone, Report.Options.defaults());
        assertTrue(Files.readString(alone.resolve("index.html")).contains("there is no leak to show"));
    }
}
