package org.wijklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import org.wijklab.scenario.Scenario;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;

/**
 * The comparison report on small fixture runs: two scenarios (no programme; a programme in the three
 * weakest) with two replications each. Every number checked here is recomputed from the runs' own
 * CSV files, so the report can only pass by reading them right.
 */
class ReportTest {
    @TempDir
    static Path tmp;
    static Path runs;
    static Path report;
    static Report.Written written;

    @BeforeAll
    static void build() {
        runs = tmp.resolve("runs");
        ReportFixtures.run(ReportFixtures.baseline("base"), 2, runs);
        ReportFixtures.run(ReportFixtures.programme("prog"), 2, runs);
        report = tmp.resolve("report");
        written = Report.write(List.of(runs), report, Report.Options.defaults());
    }

    private static TestCsv summary(String name) {
        return TestCsv.read(report.resolve("summary-" + name + ".csv"));
    }

    private static double num(TestCsv t, int row, String column) {
        return Double.parseDouble(t.get(row, column));
    }

    /** Rows of a summary whose columns have the given values (pairs of column, value). */
    private static List<Integer> rows(TestCsv t, String... match) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            boolean ok = true;
            for (int k = 0; k < match.length; k += 2) {
                ok &= t.get(i, match[k]).equals(match[k + 1]);
            }
            if (ok) {
                out.add(i);
            }
        }
        return out;
    }

    private static Set<String> programmeTargets() {
        TestCsv s = TestCsv.read(runs.resolve("prog/seed-1/services.csv"));
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < s.size(); i++) {
            if (!s.get(i, "programme_active").equals("0")) {
                out.add(s.get(i, "neighbourhood"));
            }
        }
        return out;
    }

    @Test
    void theScenarioTableGroupsReplicationsAndNamesTheTargets() {
        assertEquals(2, written.scenarios());
        assertEquals(4, written.runs());
        TestCsv t = summary("scenarios");
        assertEquals(2, t.size());
        assertEquals("base", t.get(0, "scenario"));
        assertEquals("prog", t.get(1, "scenario"));
        assertEquals("1 2", t.get(0, "seeds"));
        assertEquals("2", t.get(1, "replications"));
        Set<String> targets = programmeTargets();
        assertEquals(3, targets.size());
        // the scenario without a programme is looked at in the same neighbourhoods
        assertEquals(String.join(" ", targets), t.get(0, "targets"));
        assertEquals(String.join(" ", targets), t.get(1, "targets"));
        assertEquals("programmes.0 added: name = p", t.get(1, "differs_from_first"));
        assertEquals("", t.get(0, "differs_from_first"));
    }

    @Test
    void everyChartIsAPngAndAnSvgAndTheIndexShowsEachOnce() throws IOException {
        String html = Files.readString(report.resolve("index.html"));
        Matcher m = Pattern.compile("<img src=\"charts/([a-z0-9-]+)\\.png\"").matcher(html);
        Set<String> shown = new LinkedHashSet<>();
        while (m.find()) {
            assertTrue(shown.add(m.group(1)), "shown twice: " + m.group(1));
        }
        assertEquals(written.charts(), shown.size());
        // 6 effect curves, 3 place-and-cohort charts (one scenario), 4 metrics x 2 scenarios, 8 decomposition
        // (people/place, who gained, by channel, bucket; income and employment), 2 flows, 1 party chart + 4 cost charts (the
        // fourth: the money left unspent, as the fixture's municipality cannot pay the health theme) + the realised return and its per-party bars, 3 maps (start once, 2 ends), the rank correlations and a rank
        // chart per scenario, the moving distances of the city and the targets, 4 spillover charts (the runs write
        // map.csv and distances.csv; the programme's targets have no restructuring, so no chart of displaced tenants),
        // the leak's two (income and employment: the runs write leak.csv), and the best persons lost by moving
        // and by burnout (the programme's targets have best persons)
        assertEquals(6 + 3 + 8 + 8 + 2 + 7 + 3 + 3 + 2 + 4 + 2 + 1, shown.size(), shown.toString());
        try (Stream<Path> files = Files.list(report.resolve("charts"))) {
            assertEquals(2 * shown.size(), files.count(), "a PNG and an SVG per chart, nothing else");
        }
        for (String id : shown) {
            BufferedImage img = ImageIO.read(report.resolve("charts/" + id + ".png").toFile());
            assertTrue(img != null && img.getWidth() >= 400, id);
            String svg = Files.readString(report.resolve("charts/" + id + ".svg"));
            assertTrue(svg.contains("<svg"), id);
            assertTrue(html.contains("href=\"charts/" + id + ".svg\""), id);
        }
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<link"),
                "no external resources");
        assertTrue(html.contains("No sweep among the inputs"), "the sweep section says why it is empty");
    }

    @Test
    void timeSeriesAreTheHouseholdWeightedMeansOfTheRuns() {
        TestCsv t = summary("timeseries");
        Set<String> targets = programmeTargets();
        for (String scenario : List.of("base", "prog")) {
            for (int tick : new int[] {0, 24, 48}) {
                double[] perRun = new double[2];
                for (int seed = 1; seed <= 2; seed++) {
                    TestCsv h = TestCsv.read(runs.resolve(scenario + "/seed-" + seed + "/neighbourhoods.csv"));
                    double sum = 0;
                    double w = 0;
                    for (int i = 0; i < h.size(); i++) {
                        if (Integer.parseInt(h.get(i, "tick")) == tick && targets.contains(h.get(i, "neighbourhood"))) {
                            double hh = Double.parseDouble(h.get(i, "households"));
                            sum += hh * Double.parseDouble(h.get(i, "liveability"));
                            w += hh;
                        }
                    }
                    perRun[seed - 1] = sum / w;
                }
                List<Integer> r = rows(t, "scenario", scenario, "set", "targets", "metric", "liveability", "tick",
                        String.valueOf(tick));
                assertEquals(1, r.size());
                double mean = (perRun[0] + perRun[1]) / 2;
                assertEquals(mean, num(t, r.get(0), "mean"), 1e-5 * Math.abs(mean), scenario + " tick " + tick);
                assertTrue(num(t, r.get(0), "lo") <= mean + 1e-9 && num(t, r.get(0), "hi") >= mean - 1e-9);
                assertEquals("2", t.get(r.get(0), "n"));
            }
        }
    }

    @Test
    void effectCurvesArePairedDifferencesFromTheReferenceRunOfTheSameSeed() {
        TestCsv t = summary("effects");
        Set<String> targets = programmeTargets();
        for (String metric : new String[] {"liveability", "employment_rate", "equivalised_income"}) {
            String column = metric;
            String weight = metric.equals("liveability") ? "households" : metric.equals("employment_rate") ? "adults"
                    : "residents";
            for (int tick : new int[] {0, 24, 48}) {
                double[] d = new double[2];
                for (int seed = 1; seed <= 2; seed++) {
                    double[] y = new double[2];
                    String[] scenario = {"prog", "base"};
                    for (int k = 0; k < 2; k++) {
                        TestCsv h = TestCsv.read(runs.resolve(scenario[k] + "/seed-" + seed + "/neighbourhoods.csv"));
                        double sum = 0;
                        double w = 0;
                        for (int i = 0; i < h.size(); i++) {
                            if (Integer.parseInt(h.get(i, "tick")) == tick && targets.contains(h.get(i, "neighbourhood"))) {
                                double ww = Double.parseDouble(h.get(i, weight));
                                sum += ww * Double.parseDouble(h.get(i, column));
                                w += ww;
                            }
                        }
                        y[k] = sum / w;
                    }
                    d[seed - 1] = y[0] - y[1];
                }
                List<Integer> r = rows(t, "scenario", "prog", "metric", metric, "tick", String.valueOf(tick), "measure",
                        "place");
                assertEquals(1, r.size(), metric + " " + tick);
                double mean = (d[0] + d[1]) / 2;
                assertEquals(mean, num(t, r.get(0), "mean"), 1e-5 * Math.abs(mean) + 1e-12, metric + " tick " + tick);
                // two pairs: the interval is the mean plus or minus t(0.975, 1) times sd / sqrt(2)
                double half = 12.706204736174707 * Math.abs(d[0] - d[1]) / Math.sqrt(2) / Math.sqrt(2);
                if (half > 1e-12) {
                    assertEquals(mean - half, num(t, r.get(0), "lo"), 1e-5 * (half + Math.abs(mean)), "lo");
                    assertEquals(mean + half, num(t, r.get(0), "hi"), 1e-5 * (half + Math.abs(mean)), "hi");
                }
                assertEquals("2", t.get(r.get(0), "n"));
            }
        }
        assertTrue(rows(t, "scenario", "base").isEmpty(), "the reference has no effect on itself");
        assertEquals(0.0, num(t, rows(t, "scenario", "prog", "metric", "liveability", "tick", "0").get(0), "mean"), 1e-12,
                "at tick 0, before the programme, the same seed gives the same city");
    }

    /** The targets' residents at the programme's start (year 1), followed: origins.csv summed over the targets. */
    private static double cohortMean(String scenario, int seed, String metric, int tick) {
        TestCsv o = TestCsv.read(runs.resolve(scenario + "/seed-" + seed + "/origins.csv"));
        Set<String> targets = programmeTargets();
        double sum = 0;
        double n = 0;
        int found = 0;
        for (int i = 0; i < o.size(); i++) {
            if (o.get(i, "origin_year").equals("1") && Integer.parseInt(o.get(i, "tick")) == tick
                    && targets.contains(o.get(i, "neighbourhood"))) {
                double w = Double.parseDouble(o.get(i, metric + "_n"));
                sum += w * Double.parseDouble(o.get(i, metric));
                n += w;
                found++;
            }
        }
        assertEquals(targets.size(), found, scenario + " seed " + seed + " tick " + tick);
        return sum / n;
    }

    @Test
    void cohortEffectsFollowTheSamePersonsInTheReferenceRun() {
        TestCsv t = summary("effects");
        String[][] metrics = {{"employment", "employment_rate"}, {"income", "equivalised_income"},
            {"good_mental_health", "good_mental_health"}};
        for (String[] m : metrics) {
            assertTrue(rows(t, "scenario", "prog", "metric", m[1], "measure", "cohort", "tick", "0").isEmpty(),
                    "no cohort before the programme starts");
            for (int tick : new int[] {12, 24, 48}) {
                double[] d = new double[2];
                for (int seed = 1; seed <= 2; seed++) {
                    d[seed - 1] = cohortMean("prog", seed, m[0], tick) - cohortMean("base", seed, m[0], tick);
                }
                List<Integer> r = rows(t, "scenario", "prog", "metric", m[1], "tick", String.valueOf(tick), "measure",
                        "cohort");
                assertEquals(1, r.size(), m[0] + " " + tick);
                double mean = (d[0] + d[1]) / 2;
                assertEquals(mean, num(t, r.get(0), "mean"), 1e-5 * Math.abs(mean) + 1e-9, m[0] + " tick " + tick);
                if (tick == 12) {
                    // the programme chose its cohort at tick 12: until then both runs are the same city
                    assertEquals(0.0, d[0], 1e-12);
                    assertEquals(0.0, d[1], 1e-12);
                }
            }
        }
        // the one-screen summary's eroded part is cohort minus place, at the runs' last year
        TestCsv h = summary("headline");
        double cohort = num(h, rows(h, "scenario", "prog", "measure", "cohort_employment").get(0), "mean");
        double place = num(h, rows(h, "scenario", "prog", "measure", "place_employment").get(0), "mean");
        double eroded = num(h, rows(h, "scenario", "prog", "measure", "eroded_employment").get(0), "mean");
        assertEquals(cohort - place, eroded, 1e-5 * (Math.abs(cohort) + Math.abs(place)) + 1e-9);
        assertEquals("4", h.get(0, "horizon_year"));
        double c48 = (cohortMean("prog", 1, "employment", 48) - cohortMean("base", 1, "employment", 48)
                + cohortMean("prog", 2, "employment", 48) - cohortMean("base", 2, "employment", 48)) / 2;
        assertEquals(c48, cohort, 1e-5 * Math.abs(c48) + 1e-9);
    }

    @Test
    void realisedAvoidedCostsAreTheReferencesEscalationsMinusTheProgrammesPairedBySeed() {
        TestCsv t = summary("costs-realised");
        int checked = 0;
        for (int year : new int[] {1, 2, 3, 4}) {
            double[] realised = new double[2];
            double[] ret = new double[2];
            for (int seed = 1; seed <= 2; seed++) {
                double[] esc = new double[2];
                String[] scenario = {"base", "prog"};
                for (int k = 0; k < 2; k++) {
                    TestCsv e = TestCsv.read(runs.resolve(scenario[k] + "/seed-" + seed + "/escalations.csv"));
                    for (int i = 0; i < e.size(); i++) {
                        if (Integer.parseInt(e.get(i, "year")) <= year) {
                            esc[k] += Double.parseDouble(e.get(i, "escalation_costs"));
                        }
                    }
                }
                realised[seed - 1] = esc[0] - esc[1];
                TestCsv c = TestCsv.read(runs.resolve("prog/seed-" + seed + "/costs.csv"));
                double spent = 0;
                for (int i = 0; i < c.size(); i++) {
                    if (Integer.parseInt(c.get(i, "year")) == year) {
                        spent += Double.parseDouble(c.get(i, "cumulative_spent"));
                    }
                }
                ret[seed - 1] = spent > 0 ? realised[seed - 1] / spent : Double.NaN;
            }
            List<Integer> r = rows(t, "scenario", "prog", "year", String.valueOf(year));
            assertEquals(1, r.size(), "year " + year);
            double mean = (realised[0] + realised[1]) / 2;
            assertEquals(mean, num(t, r.get(0), "realised_avoided_cumulative"), 1e-5 * Math.abs(mean) + 1e-6, "year " + year);
            if (!Double.isNaN(ret[0])) {
                double m = (ret[0] + ret[1]) / 2;
                assertEquals(m, num(t, r.get(0), "realised_return"), 1e-5 * Math.abs(m) + 1e-9, "return, year " + year);
                checked++;
            }
        }
        assertTrue(checked >= 2, "years with spending compared: " + checked);
        assertTrue(rows(t, "scenario", "base").isEmpty(), "the reference saves nothing against itself");
    }

    /** Copies a fixture run and replaces its escalation costs: per year, party p costs perParty * (p + 1) in the first neighbourhood, nothing elsewhere. */
    private static Path constructed(String scenario, int seed, double perParty) throws IOException {
        Path src = runs.resolve(scenario + "/seed-" + seed);
        Path dst = Files.createDirectories(tmp.resolve("constructed").resolve(scenario).resolve("seed-" + seed));
        try (Stream<Path> s = Files.list(src)) {
            for (Path f : s.toList()) {
                Files.copy(f, dst.resolve(f.getFileName()));
            }
        }
        List<String> lines = Files.readAllLines(dst.resolve("escalations.csv"));
        String first = lines.get(1).split(",")[1];
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            int party = List.of(RunMetrics.PARTIES).indexOf(c[2]);
            assertTrue(party >= 0, line);
            out.add(c[0] + "," + c[1] + "," + c[2] + "," + (c[1].equals(first) ? perParty * (party + 1) : 0.0));
        }
        Files.write(dst.resolve("escalations.csv"), out);
        return dst;
    }

    private static double spent(String scenario, int seed, int year) {
        TestCsv c = TestCsv.read(runs.resolve(scenario + "/seed-" + seed + "/costs.csv"));
        double spent = 0;
        for (int i = 0; i < c.size(); i++) {
            if (Integer.parseInt(c.get(i, "year")) == year) {
                spent += Double.parseDouble(c.get(i, "cumulative_spent"));
            }
        }
        return spent;
    }

    @Test
    void realisedCostsOfAConstructedPairAreKnownPerPartyAndAtTheHorizon() throws IOException {
        // the reference's escalations cost 1,000 euro a year per party index, the programme's 600: every year
        // party p saves 400 (p + 1) euro, all five together 6,000
        List<Path> in = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            in.add(constructed("base", seed, 1000.0));
        }
        for (int seed = 1; seed <= 2; seed++) {
            in.add(constructed("prog", seed, 600.0));
        }
        Path out = tmp.resolve("constructed-report");
        Report.write(in, out, new Report.Options(new int[] {0}, 2));
        TestCsv parties = TestCsv.read(out.resolve("summary-costs-parties.csv"));
        assertEquals(4 * RunMetrics.PARTIES.length, parties.size(), "4 years x 5 parties of one scenario");
        for (int year = 1; year <= 4; year++) {
            for (int p = 0; p < RunMetrics.PARTIES.length; p++) {
                int r = rows(parties, "scenario", "prog", "year", String.valueOf(year), "party", RunMetrics.PARTIES[p]).get(0);
                double known = 400.0 * (p + 1) * year;
                assertEquals(known, num(parties, r, "realised_avoided_cumulative"), 1e-6, "year " + year + " party " + p);
                // two pairs with the same saving: no interval (NA), not one of width zero
                assertEquals("NA", parties.get(r, "realised_lo"));
                assertEquals("NA", parties.get(r, "realised_hi"));
            }
        }
        TestCsv realised = TestCsv.read(out.resolve("summary-costs-realised.csv"));
        for (int year = 1; year <= 4; year++) {
            int r = rows(realised, "scenario", "prog", "year", String.valueOf(year)).get(0);
            assertEquals(6000.0 * year, num(realised, r, "realised_avoided_cumulative"), 1e-6);
            double s1 = spent("prog", 1, year);
            double s2 = spent("prog", 2, year);
            if (s1 > 0 && s2 > 0) {
                assertEquals((6000.0 * year / s1 + 6000.0 * year / s2) / 2, num(realised, r, "realised_return"), 1e-9);
            }
        }
        // the summary at the top reads the money at the horizon, year 2
        TestCsv h = TestCsv.read(out.resolve("summary-headline.csv"));
        int r = rows(h, "scenario", "prog", "measure", "realised_return").get(0);
        assertEquals("2", h.get(r, "horizon_year"));
        assertEquals((12000.0 / spent("prog", 1, 2) + 12000.0 / spent("prog", 2, 2)) / 2, num(h, r, "mean"), 1e-9);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("Summary at year 2"), "the summary names its horizon");
        assertTrue(html.contains("charts/costs-realised-parties.png"), "the per-party chart");
        // a horizon beyond the runs is one line, and nothing is written
        Path beyond = tmp.resolve("beyond");
        ReportException e = assertThrows(ReportException.class,
                () -> Report.write(in, beyond, new Report.Options(new int[] {0}, 5)));
        assertEquals("--horizon 5: the runs last only 4 whole years", e.getMessage());
        assertFalse(Files.exists(beyond));
    }

    @Test
    void theDecompositionAddsUp() {
        TestCsv t = summary("decomposition");
        for (String scenario : List.of("base", "prog")) {
            for (String metric : RunMetrics.DECOMPOSITION_METRICS) {
                Map<String, Double> c = new HashMap<>();
                for (int i : rows(t, "scenario", scenario, "metric", metric)) {
                    c.put(t.get(i, "component"), num(t, i, "mean"));
                }
                assertEquals(RunMetrics.COMPONENTS.length, c.size());
                double place = c.get("place_change");
                double parts = c.get("stayers_change") + c.get("inflow_effect") + c.get("outflow_effect");
                double scale = Math.abs(c.get("stayers_change")) + Math.abs(c.get("inflow_effect")) + 1e-9;
                assertEquals(place, parts, 1e-4 * scale, scenario + " " + metric);
                assertEquals(c.get("people_change") - place, c.get("eroded_gain"), 1e-4 * (Math.abs(place) + scale));
            }
        }
    }

    @Test
    void keyDifferencesArePairedBySeed() {
        List<ScenarioGroup> groups = Inputs.collect(List.of(runs));
        Summary s = Summary.of(groups, new int[] {0});
        Summary.Scenario base = s.scenarios.get(0);
        Summary.Scenario prog = s.scenarios.get(1);
        for (int m = 0; m < 6; m++) {
            double expected = ((prog.key[m][0] - base.key[m][0]) + (prog.key[m][1] - base.key[m][1])) / 2;
            assertEquals(expected, Summary.difference(base, prog, m).mean(), 1e-9 * (1 + Math.abs(expected)));
        }
        TestCsv t = summary("differences");
        for (int i : rows(t, "scenario", "prog")) {
            assertEquals("true", t.get(i, "paired"));
        }
        assertEquals("NA", t.get(rows(t, "scenario", "base", "metric", "social_return_end").get(0), "mean"),
                "no programme, no social return");
    }

    @Test
    void moverSharesSumToOneAndCountTheMovesLog() {
        TestCsv t = summary("flows");
        Set<String> targets = programmeTargets();
        for (String scenario : List.of("base", "prog")) {
            for (String direction : List.of("out", "in")) {
                double sum = 0;
                for (int i : rows(t, "scenario", scenario, "direction", direction)) {
                    sum += num(t, i, "share");
                }
                assertEquals(1.0, sum, 1e-4, scenario + " " + direction);
            }
        }
        // moves out of the targets to outside the city, counted by hand in one run
        double outside = 0;
        double out = 0;
        for (int seed = 1; seed <= 2; seed++) {
            TestCsv m = TestCsv.read(runs.resolve("prog/seed-" + seed + "/moves.csv"));
            double o = 0;
            double total = 0;
            for (int i = 0; i < m.size(); i++) {
                if (targets.contains(m.get(i, "from")) && !targets.contains(m.get(i, "to"))) {
                    total++;
                    o += m.get(i, "to").equals("outside") ? 1 : 0;
                }
            }
            outside += o / total / 2;
            out += total / 2;
        }
        int row = rows(t, "scenario", "prog", "direction", "out", "category", "outside").get(0);
        assertEquals(outside, num(t, row, "share"), 1e-5);
        assertEquals(out, num(t, row, "moves_per_run"), 1e-6);
    }

    @Test
    void costsAreThoseOfTheProgrammeScenarioOnly() {
        TestCsv t = summary("costs");
        assertTrue(rows(t, "scenario", "base").isEmpty());
        double spent = 0;
        for (int i : rows(t, "scenario", "prog", "year", "4")) {
            spent += num(t, i, "cumulative_spent");
        }
        // two years of the yearly budget, less the health theme's fifth: the fixture's only funder is
        // the municipality, whose unpooled money does not pay for health care (the insurer's domain)
        assertEquals(1_500_000.0 * 2 * (1 - 0.2), spent, 1.0, "two years of the budget the municipality may spend");
        // the rest of its share, the health theme's fifth, is reported as left unspent, and by the municipality alone
        double unspent = 0;
        for (int i : rows(t, "scenario", "prog", "year", "4")) {
            double u = num(t, i, "cumulative_unspent");
            assertEquals(t.get(i, "party").equals("municipality") ? 1_500_000.0 * 2 * 0.2 : 0.0, u, 1.0, t.get(i, "party"));
            unspent += u;
        }
        assertEquals(1_500_000.0 * 2 * 0.2, unspent, 1.0, "the health theme's fifth of two years' budget");
        TestCsv r = summary("social-return");
        int last = rows(r, "scenario", "prog", "year", "4").get(0);
        assertTrue(num(r, last, "social_return") > 0);
    }

    @Test
    void mapsShowEveryNeighbourhoodAtTheStartOnceAndAtEachEnd() {
        TestCsv t = summary("maps");
        assertEquals(12, rows(t, "scenario", "base", "tick", "0").size());
        assertEquals(12, rows(t, "scenario", "base", "tick", "48").size());
        assertEquals(12, rows(t, "scenario", "prog", "tick", "48").size());
        assertTrue(rows(t, "scenario", "prog", "tick", "0").isEmpty(), "the same start is drawn once");
        TestCsv h = TestCsv.read(runs.resolve("base/seed-1/neighbourhoods.csv"));
        TestCsv h2 = TestCsv.read(runs.resolve("base/seed-2/neighbourhoods.csv"));
        for (int i : rows(t, "scenario", "base", "tick", "48")) {
            String name = t.get(i, "neighbourhood");
            double live = 0;
            for (TestCsv x : List.of(h, h2)) {
                for (int k = 0; k < x.size(); k++) {
                    if (x.get(k, "tick").equals("48") && x.get(k, "neighbourhood").equals(name)) {
                        live += Double.parseDouble(x.get(k, "liveability")) / 2;
                    }
                }
            }
            assertEquals(live, num(t, i, "liveability"), 1e-4 * live, name);
            int cls = Integer.parseInt(t.get(i, "liveability_class"));
            assertTrue(cls >= 1 && cls <= 7);
        }
    }

    /** Spearman's rho by hand: ranks (ties averaged), then Pearson's correlation of the ranks. */
    private static double spearman(double[] x, double[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = java.util.Arrays.stream(rx).average().orElseThrow();
        double my = java.util.Arrays.stream(ry).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int below = 0;
            int equal = 0;
            for (double w : v) {
                below += w < v[i] ? 1 : 0;
                equal += w == v[i] ? 1 : 0;
            }
            r[i] = below + (equal + 1) / 2.0;
        }
        return r;
    }

    /** Liveability and class of each neighbourhood at a tick, in file order. */
    private static double[][] at(TestCsv h, int tick) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            if (Integer.parseInt(h.get(i, "tick")) == tick) {
                rows.add(new double[] {Double.parseDouble(h.get(i, "liveability")), Double.parseDouble(h.get(i, "liveability_class"))});
            }
        }
        double[][] out = new double[2][rows.size()];
        for (int j = 0; j < rows.size(); j++) {
            out[0][j] = rows.get(j)[0];
            out[1][j] = rows.get(j)[1];
        }
        return out;
    }

    @Test
    void rankPersistenceIsRecomputedFromTheRunsAndYear10IsNaForFourYearRuns() throws IOException {
        TestCsv t = summary("ranks");
        for (String scenario : List.of("base", "prog")) {
            double[] rho = new double[2];
            double[] changes = new double[2];
            for (int seed = 1; seed <= 2; seed++) {
                TestCsv h = TestCsv.read(runs.resolve(scenario + "/seed-" + seed + "/neighbourhoods.csv"));
                double[][] start = at(h, 0);
                double[][] end = at(h, 48);
                rho[seed - 1] = spearman(start[0], end[0]);
                for (int j = 0; j < start[1].length; j++) {
                    changes[seed - 1] += start[1][j] != end[1][j] ? 1 : 0;
                }
            }
            List<Integer> r = rows(t, "scenario", scenario, "measure", "spearman_start_end");
            assertEquals(1, r.size());
            assertEquals(scenario.equals("base") ? "baseline" : "programme", t.get(r.get(0), "kind"));
            assertEquals("48", t.get(r.get(0), "to_tick"));
            assertEquals((rho[0] + rho[1]) / 2, num(t, r.get(0), "mean"), 1e-5);
            assertEquals(Math.min(rho[0], rho[1]), num(t, r.get(0), "min"), 1e-5);
            r = rows(t, "scenario", scenario, "measure", "class_changes_start_end");
            assertEquals((changes[0] + changes[1]) / 2, num(t, r.get(0), "mean"), 1e-9);
            r = rows(t, "scenario", scenario, "measure", "spearman_start_year10");
            assertEquals("NA", t.get(r.get(0), "mean"));
            assertTrue(t.get(r.get(0), "note").contains("before year 10"), t.get(r.get(0), "note"));
        }
        // the runs write map.csv and distances.csv: both sections have their tables (a folder without them is
        // SpaceSectionsTest's)
        assertTrue(Files.exists(report.resolve("summary-spillovers.csv")), "the spillover table");
        assertTrue(Files.exists(report.resolve("summary-distances.csv")), "the distance table");
    }

    @Test
    void withMapAndDistancesTheSpilloverAndDistanceSectionsAreWritten() throws IOException {
        Path copy = tmp.resolve("runs-space");
        Set<String> targets = programmeTargets();
        List<String> names = new ArrayList<>();
        TestCsv h0 = TestCsv.read(runs.resolve("base/seed-1/neighbourhoods.csv"));
        for (int i = 0; i < h0.size() && h0.get(i, "tick").equals("0"); i++) {
            names.add(h0.get(i, "neighbourhood"));
        }
        for (String scenario : List.of("base", "prog")) {
            for (int seed = 1; seed <= 2; seed++) {
                Path from = runs.resolve(scenario + "/seed-" + seed);
                Path to = copy.resolve(scenario + "/seed-" + seed);
                Files.createDirectories(to);
                try (Stream<Path> files = Files.list(from)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Files.copy(f, to.resolve(f.getFileName()));
                    }
                }
                // the neighbourhoods in a row, each bordering the next
                StringBuilder map = new StringBuilder("neighbourhood,column,row,x_km,y_km,neighbours\n");
                for (int j = 0; j < names.size(); j++) {
                    map.append(names.get(j)).append(',').append(j).append(",0,").append(j).append(",0,")
                            .append(j > 0 ? names.get(j - 1) : "").append(j > 0 && j + 1 < names.size() ? ";" : "")
                            .append(j + 1 < names.size() ? names.get(j + 1) : "").append('\n');
                }
                Files.writeString(to.resolve("map.csv"), map.toString());
                // every neighbourhood: 6 same, 2 adjacent, 4 further, 8 region a year; targets' renewal tenants 1, 1, 0, 2
                StringBuilder d = new StringBuilder("year,neighbourhood,same,adjacent,further,region,renewal_same,"
                        + "renewal_adjacent,renewal_further,renewal_region\n");
                for (int y = 1; y <= 4; y++) {
                    for (String n : names) {
                        d.append(y).append(',').append(n).append(",6,2,4,8,")
                                .append(targets.contains(n) ? "1,1,0,2" : "0,0,0,0").append('\n');
                    }
                }
                Files.writeString(to.resolve("distances.csv"), d.toString());
            }
        }
        Path out = tmp.resolve("report-space");
        Report.write(List.of(copy), out, Report.Options.defaults());
        TestCsv dist = TestCsv.read(out.resolve("summary-distances.csv"));
        for (String scenario : List.of("base", "prog")) {
            for (String set : List.of("city", "targets")) {
                List<Integer> r = rows(dist, "scenario", scenario, "set", set, "class", "in_city");
                assertEquals(1, r.size());
                assertEquals(0.6, num(dist, r.get(0), "share"), 1e-12, "(6 + 2 + 4) / 20");
                assertEquals("NA", dist.get(r.get(0), "lo"), "the same in every seed: no interval");
                assertEquals(4 * 20 * (set.equals("city") ? names.size() : targets.size()), num(dist, r.get(0), "moves_per_run"),
                        1e-9);
            }
        }
        TestCsv sp = TestCsv.read(out.resolve("summary-spillovers.csv"));
        assertTrue(rows(sp, "scenario", "base").isEmpty(), "the counterfactual has no row of its own");
        List<Integer> r = rows(sp, "scenario", "prog", "measure", "displaced_count", "metric", "region");
        assertEquals(4 * 2 * targets.size(), num(sp, r.get(0), "mean"), 1e-9);
        r = rows(sp, "scenario", "prog", "measure", "displaced_share", "metric", "same");
        assertEquals(0.25, num(sp, r.get(0), "mean"), 1e-12);
        for (String metric : SpilloversSection.METRICS) {
            List<Integer> adj = rows(sp, "scenario", "prog", "measure", "adjacent", "metric", metric);
            List<Integer> far = rows(sp, "scenario", "prog", "measure", "far", "metric", metric);
            List<Integer> diff = rows(sp, "scenario", "prog", "measure", "adjacent_minus_far", "metric", metric);
            assertEquals(1, diff.size(), metric);
            assertEquals("base", sp.get(diff.get(0), "against"));
            assertEquals("2", sp.get(diff.get(0), "n"));
            // the mean of the pairs' differences is the difference of the means
            assertEquals(num(sp, adj.get(0), "mean") - num(sp, far.get(0), "mean"), num(sp, diff.get(0), "mean"),
                    1e-5 * (Math.abs(num(sp, adj.get(0), "mean")) + Math.abs(num(sp, far.get(0), "mean"))) + 1e-12, metric);
        }
        String html = Files.readString(out.resolve("index.html"));
        for (String id : List.of("distances-city", "distances-targets", "spillovers-liveability", "spillovers-displaced")) {
            assertTrue(html.contains("charts/" + id + ".png"), id);
        }
        assertTrue(html.contains("calibration target"), "the band is called a calibration target");
        // the sections already there are the same bytes with or without the new files
        for (String f : List.of("summary-effects.csv", "summary-flows.csv", "summary-maps.csv", "summary-ranks.csv")) {
            assertEquals(Files.readString(report.resolve(f)), Files.readString(out.resolve(f)), f);
        }
    }

    @Test
    void theSameRunsGiveTheSameReport() throws IOException {
        Path again = tmp.resolve("again");
        Report.write(List.of(runs), again, Report.Options.defaults());
        try (Stream<Path> files = Files.list(report)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".html")).toList()) {
                assertEquals(Files.readString(f), Files.readString(again.resolve(f.getFileName())), f.toString());
            }
        }
    }

    @Test
    void scenariosDifferingInOneParameterGiveResponseCurvesAndSensitivityBars() throws IOException {
        Path sweep = tmp.resolve("sweep");
        ReportFixtures.run(ReportFixtures.with(ReportFixtures.baseline("s-ref")), 2, sweep);
        ReportFixtures.run(ReportFixtures.with(ReportFixtures.baseline("s-ref"), "name=s-low", "problems.insecurityRisk=0"), 2, sweep);
        ReportFixtures.run(ReportFixtures.with(ReportFixtures.baseline("s-ref"), "name=s-high", "problems.insecurityRisk=3"), 2, sweep);
        ReportFixtures.run(ReportFixtures.with(ReportFixtures.baseline("s-ref"), "name=s-quiet", "economy.cycleAmplitude=0"), 2, sweep);
        Path out = tmp.resolve("sweep-report");
        // the folder order puts s-high first: name the reference first explicitly
        Report.write(List.of(sweep.resolve("s-ref"), sweep), out, Report.Options.defaults());
        TestCsv t = TestCsv.read(out.resolve("summary-sweeps.csv"));
        assertEquals(Set.of("problems.insecurityRisk", "economy.cycleAmplitude"),
                new LinkedHashSet<>(column(t, "parameter")));
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("charts/sweep-problems-insecurityrisk-liveability-change-pct.png"), "a response curve");
        assertFalse(html.contains("charts/sweep-economy-cycleamplitude"), "one value is no curve");
        assertTrue(html.contains("charts/sensitivity-liveability-change-pct.png"), "sensitivity bars");
        // the sensitivity is the paired difference from the reference
        List<ScenarioGroup> groups = Inputs.collect(List.of(sweep.resolve("s-ref"), sweep));
        Summary s = Summary.of(groups, new int[] {0});
        for (int i : rows(t, "scenario", "s-low", "metric", "liveability_change_pct")) {
            Summary.Scenario low = s.scenarios.stream().filter(x -> x.name().equals("s-low")).findFirst().orElseThrow();
            double d = Summary.difference(s.scenarios.get(0), low, 0).mean();
            assertEquals(d, num(t, i, "difference"), 1e-5 * Math.abs(d) + 1e-12);
        }
    }

    @Test
    void aProgrammeIsSetAgainstTheSameScenarioWithoutItWhereTheInputsHaveIt() throws IOException {
        Path dirs = tmp.resolve("twins");
        Scenario hard = ReportFixtures.with(ReportFixtures.baseline("hard"), "problems.insecurityRisk=3");
        Scenario hardProg = ReportFixtures.with(ReportFixtures.programme("hard-prog"), "problems.insecurityRisk=3");
        ReportFixtures.run(hard, 2, dirs);
        ReportFixtures.run(hardProg, 2, dirs);
        Summary s = Summary.of(Inputs.collect(List.of(runs.resolve("base"), runs.resolve("prog"), dirs.resolve("hard"),
                dirs.resolve("hard-prog"))), new int[] {0});
        Map<String, String> against = new java.util.HashMap<>();
        for (Summary.Scenario x : s.scenarios.subList(1, s.scenarios.size())) {
            against.put(x.name(), x.against.name());
        }
        assertEquals(Map.of("prog", "base", "hard", "base", "hard-prog", "hard"), against);
        // paired with its twin, the effect on the targets is the programme's alone: nothing before it starts
        Summary.Scenario twin = s.scenarios.get(3);
        for (double[][] pair : twin.effects) {
            for (int m = 0; m < RunMetrics.SERIES.length; m++) {
                assertEquals(0.0, pair[m][0], 1e-12, RunMetrics.SERIES[m]);
            }
        }
        // whereas against the first scenario the harder city differs from the start
        Summary.Scenario harder = s.scenarios.get(2);
        assertTrue(harder.effects.stream().anyMatch(p -> p[3][twin.first().ticks.length - 1] != 0.0));
    }

    private static List<String> column(TestCsv t, String c) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(t.get(i, c));
        }
        return out;
    }

    // ---- bad input: one line naming the problem, nothing written --------------------------------

    private static void assertRejected(List<Path> inputs, String expected) {
        Path out = tmp.resolve("rejected");
        ReportException e = assertThrows(ReportException.class, () -> Report.write(inputs, out, Report.Options.defaults()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertFalse(Files.exists(out));
        // neither a partial folder nor a claim of the rejected report is left
        assertEquals(List.of(), java.util.Arrays.stream(tmp.toFile().list()).filter(n -> n.startsWith(".rejected.")).toList());
    }

    @Test
    void missingFoldersFilesAndFoldersWithoutRunsAreRejected() throws IOException {
        assertRejected(List.of(tmp.resolve("nope")), "nope: no such folder");
        Path file = Files.writeString(tmp.resolve("a-file.txt"), "x");
        assertRejected(List.of(file), "not a folder");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertRejected(List.of(empty), "no run in it");
    }

    @Test
    void malformedRunFoldersAreRejected() throws IOException {
        Path bad = copyRun("bad-manifest");
        Files.writeString(bad.resolve("manifest.json"), "{ not json", StandardCharsets.UTF_8);
        assertRejected(List.of(bad), "manifest.json: not valid JSON");

        Path noFile = copyRun("missing-file");
        Files.delete(noFile.resolve("decomposition.csv"));
        assertRejected(List.of(noFile), "decomposition.csv is listed in the manifest but missing");

        Path badNumber = copyRun("bad-number");
        Path hoods = badNumber.resolve("neighbourhoods.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(hoods));
        lines.set(3, "twelve" + lines.get(3).substring(lines.get(3).indexOf(',')));
        Files.write(hoods, lines);
        assertRejected(List.of(badNumber), "is not a number");

        Path shortRow = copyRun("short-row");
        Path city = shortRow.resolve("decomposition.csv");
        List<String> d = new ArrayList<>(Files.readAllLines(city));
        d.set(2, "Kanaalzone,employment");
        Files.write(city, d);
        assertRejected(List.of(shortRow), "line 3 has 2 cells");
    }

    @Test
    void aNonEmptyOutputFolderIsRejected() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        ReportException e = assertThrows(ReportException.class, () -> Report.write(List.of(runs), out, Report.Options.defaults()));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals(List.of("keep.txt"), Files.list(out).map(p -> p.getFileName().toString()).toList());
    }

    private static Path copyRun(String name) throws IOException {
        Path src = runs.resolve("base/seed-1");
        Path dst = Files.createDirectories(tmp.resolve("copies").resolve(name));
        try (Stream<Path> s = Files.list(src)) {
            for (Path f : s.toList()) {
                Files.copy(f, dst.resolve(f.getFileName()));
            }
        }
        return dst;
    }
}
