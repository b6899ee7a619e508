package org.wijklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.Runner;
import org.wijklab.observation.Csv;
import org.wijklab.report.chart.Band;
import org.wijklab.report.chart.ChartFiles;
import org.wijklab.report.chart.Charts;
import org.wijklab.scenario.ScenarioLoader;

/**
 * compare of valid runs whose sets can be empty: targets that are the whole city (no rest of the
 * city), targets or cohorts with nobody in them at some or all points, scenarios without a
 * counterfactual run, a liveability that starts at zero, scenario names that collide; each writes
 * a report (a note, NA in the CSVs) instead of failing. And the charts' numbers in one locale.
 */
class CompareEdgeTest {
    @TempDir
    static Path tmp;
    /** Runs of 2,000 residents, two years after one of warm-up: no programme; one in the whole city; one in the 3 weakest (seeds 1 and 2). */
    static Path base;
    static Path whole;
    static Path weakest;
    static Path weakestSeed2;

    static final String SCENARIO = """
            {"name": "%s", "seed": %d, "years": 2, "warmUpYears": 1, "city": {"residents": 2000}%s}""";
    static final String PROGRAMME = """
            , "programmes": [{"name": "p", "targets": {"weakest": %d}, "startYear": 0, "durationYears": 2,
              "yearlyBudget": 1000000, "themes": {"work": 0.4, "health": 0.4},
              "team": {"budgetShare": 0.2, "mode": "integral", "areaResidents": 5000, "proximity": 0.7}}]""";

    @BeforeAll
    static void runs() {
        base = run("base", 1, "");
        whole = run("whole-city", 1, PROGRAMME.formatted(12));
        weakest = run("weakest", 1, PROGRAMME.formatted(3));
        weakestSeed2 = run("weakest", 2, PROGRAMME.formatted(3));
    }

    private static Path run(String name, int seed, String programmes) {
        Path dir = tmp.resolve("runs").resolve(name + "-" + seed);
        Runner.run(ScenarioLoader.fromJson(SCENARIO.formatted(name, seed, programmes), name + ".json"), name + ".json", dir,
                "test");
        return dir;
    }

    private static int reports;

    /** The report of the given runs, written whole. */
    private static Path compare(Path... runs) {
        Path out = tmp.resolve("report-" + ++reports);
        Report.Written w = Report.write(List.of(runs), out, Report.Options.defaults());
        assertTrue(Files.isRegularFile(w.index()), "index.html written");
        return out;
    }

    private static List<String[]> rows(Path csv) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            out.add(Csv.parse(line));
        }
        return out;
    }

    /** A copy of a run folder, to edit its tables. */
    private static Path copy(Path run, String name) throws IOException {
        Path c = tmp.resolve("copies").resolve(name);
        Files.createDirectories(c);
        try (Stream<Path> s = Files.list(run)) {
            for (Path p : s.toList()) {
                Files.copy(p, c.resolve(p.getFileName()));
            }
        }
        return c;
    }

    /** Sets the given columns in the rows of a run's CSV file that match (by their cells, header names as keys). */
    private static void edit(Path csv, Predicate<Map<String, String>> where, Map<String, String> set) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = Csv.parse(lines.get(0));
        for (String column : set.keySet()) {
            assertTrue(List.of(header).contains(column), csv + " has " + column);
        }
        int changed = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = Csv.parse(lines.get(i));
            Map<String, String> row = new java.util.HashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            if (!where.test(row)) {
                continue;
            }
            for (int c = 0; c < header.length; c++) {
                if (set.containsKey(header[c])) {
                    cells[c] = set.get(header[c]);
                }
            }
            lines.set(i, String.join(",", cells));
            changed++;
        }
        assertTrue(changed > 0, "rows edited in " + csv);
        Files.write(csv, lines, StandardCharsets.UTF_8);
    }

    private static final Map<String, String> NOBODY = Map.of("adults", "0", "residents", "0", "households", "0");

    @Test
    void targetsThatAreTheWholeCityCompareAloneAndWithTheirCounterfactual() throws IOException {
        for (Path[] inputs : new Path[][] {{whole}, {base, whole}, {whole, base}}) {
            Path out = compare(inputs);
            List<String[]> series = rows(out.resolve("summary-timeseries.csv"));
            int rest = 0;
            for (String[] r : series) {
                if (r[0].equals("whole-city") && r[1].equals("rest_of_city")) {
                    assertEquals("NA", r[5], "no rest of the city: its mean is NA");
                    assertEquals("0", r[8]);
                    rest++;
                }
            }
            assertTrue(rest > 0, "the rest of the city's rows are there, as NA");
            assertTrue(Files.readString(out.resolve("index.html")).contains("the targets are the whole city"),
                    "the report says why the rest of the city has no line");
        }
    }

    @Test
    void targetsWithNobodyAtSomePointsOrAtAllAreNotesAndNa() throws IOException {
        // nobody anywhere at the first year's end: every line has a gap there
        Path gap = copy(weakest, "gap");
        edit(gap.resolve("neighbourhoods.csv"), r -> r.get("tick").equals("12"), NOBODY);
        Path out = compare(base, gap);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("Part of the line of the targets is missing"), "a gap is named");
        assertTrue(rows(out.resolve("summary-timeseries.csv")).stream()
                .anyMatch(r -> r[0].equals("weakest") && r[3].equals("12") && r[5].equals("NA")), "NA at the gap");
        // nobody in the targets at all, and no persons for the decomposition: notes instead of charts
        Set<String> targets = new HashSet<>(RunMetrics.programmeTargets(RunFolder.open(weakest)));
        assertEquals(3, targets.size());
        Path empty = copy(weakest, "empty");
        edit(empty.resolve("neighbourhoods.csv"), r -> targets.contains(r.get("neighbourhood")), NOBODY);
        edit(empty.resolve("decomposition.csv"), r -> targets.contains(r.get("neighbourhood")),
                Map.of("stayers", "0", "out_movers", "0"));
        for (Path[] inputs : new Path[][] {{base, empty}, {empty, base}, {empty}}) {
            out = compare(inputs);
            html = Files.readString(out.resolve("index.html"));
            assertTrue(html.contains("No data for the targets: nobody lived there"), "the empty targets are named");
            for (String[] r : rows(out.resolve("summary-timeseries.csv"))) {
                if (r[0].equals("weakest") && r[1].equals("targets")) {
                    assertEquals("NA", r[5], String.join(",", r));
                }
            }
            for (String[] r : rows(out.resolve("summary-decomposition.csv"))) {
                if (r[0].equals("weakest")) {
                    assertEquals("NA", r[3], String.join(",", r));
                }
            }
        }
        assertTrue(html.contains("No decomposition of the"), "no decomposition chart without anyone to decompose");
    }

    @Test
    void aCohortOfNobodyIsLeftOutWithANote() throws IOException {
        Path nobody = copy(weakest, "cohort-of-nobody");
        edit(nobody.resolve("origins.csv"), r -> true, Map.of("employment_n", "0", "income_n", "0",
                "good_mental_health_n", "0"));
        Path out = compare(base, nobody);
        assertTrue(Files.readString(out.resolve("index.html")).contains("no data for the place or the cohort"),
                "the missing cohort is named");
        for (String[] r : rows(out.resolve("summary-headline.csv"))) {
            if (r[2].startsWith("cohort_")) {
                assertEquals("NA", r[3], "a cohort of nobody has no mean: " + String.join(",", r));
            }
        }
    }

    @Test
    void aScenarioWithoutACounterfactualRunHasANoteInsteadOfEffects() throws IOException {
        Path out = compare(base, weakestSeed2);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("No effects"), "effects need runs of the same seed");
        for (String[] r : rows(out.resolve("summary-headline.csv")).subList(1, 10)) {
            assertEquals("NA", r[3], String.join(",", r));
            assertEquals("0", r[6]);
        }
    }

    @Test
    void aLiveabilityThatStartsAtZeroHasNoChangeInPercent() throws IOException {
        Path zero = copy(weakest, "zero-start");
        edit(zero.resolve("neighbourhoods.csv"), r -> r.get("tick").equals("0"), Map.of("liveability", "0"));
        Path out = compare(base, zero);
        List<String[]> t = rows(out.resolve("summary-differences.csv"));
        int pairs = List.of(t.get(0)).indexOf("difference_n");
        int checked = 0;
        for (String[] r : t) {
            if (r[0].equals("weakest") && r[1].equals("liveability_change_pct")) {
                assertEquals("NA", r[2], "a change in % of zero: " + String.join(",", r));
                assertEquals("0", r[pairs], "no pair has the difference: " + String.join(",", r));
                checked++;
            }
            if (r[0].equals("weakest") && r[1].equals("employment_end")) {
                assertEquals("1", r[pairs], "the one pair of seed 1: " + String.join(",", r));
                checked++;
            }
        }
        assertEquals(2, checked);
    }

    @Test
    void scenarioNamesShownAreUniqueWhateverTheScenariosAreCalled() throws IOException {
        // "x", a scenario called "x (2)", and another "x": the second "x" must not be shown as "x (2)" too
        Path x = run("x", 1, "");
        Path x2 = run("x (2)", 1, "");
        Path other = tmp.resolve("runs").resolve("x-other");
        Runner.run(ScenarioLoader.fromJson(SCENARIO.formatted("x", 1, PROGRAMME.formatted(2)), "x.json"), "x.json", other,
                "test");
        Path out = compare(x, x2, other);
        List<String> names = rows(out.resolve("summary-scenarios.csv")).stream().skip(1).map(r -> r[0]).toList();
        assertEquals(3, names.size());
        assertEquals(3, new HashSet<>(names).size(), "distinct: " + names);
    }

    @Test
    void chartNumbersAreWrittenWithADecimalPointUnderAGermanLocale() throws IOException {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            Band b = new Band("shares", new double[] {0, 1, 2, 3}, new double[] {0.21, 0.24, 0.27, 0.29},
                    new double[] {0.2, 0.23, 0.26, 0.28}, new double[] {0.22, 0.25, 0.28, 0.3}, false);
            Path dir = Files.createDirectories(tmp.resolve("german"));
            ChartFiles.write(Charts.timeSeries("shares", "year", "share", List.of(b)), dir, "shares", 440, 275);
            String svg = Files.readString(dir.resolve("shares.svg"));
            List<String> labels = new ArrayList<>();
            Matcher m = Pattern.compile(">([^<>]*\\d[^<>]*)</text>").matcher(svg);
            while (m.find()) {
                labels.add(m.group(1));
            }
            assertTrue(labels.stream().anyMatch(l -> l.matches("0\\.2\\d*")), "tick labels such as 0.2 or 0.25: " + labels);
            assertFalse(labels.stream().anyMatch(l -> l.matches(".*\\d,\\d.*")), "no decimal comma: " + labels);
        } finally {
            Locale.setDefault(before);
        }
    }
}
