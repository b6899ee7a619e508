package org.wijklab.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.wijklab.experiment.Folders;
import org.wijklab.report.chart.Band;
import org.wijklab.report.chart.Chart;
import org.wijklab.report.chart.ChartFiles;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Estimate;
import org.wijklab.report.chart.Tile;

/**
 * Writes a comparison report folder from finished runs: {@code index.html} (offline, no external
 * scripts, fonts or styles), every chart as PNG and SVG under {@code charts/}, and the numbers behind
 * them as {@code summary-*.csv}. It reads only the runs' CSV files and manifests, so any finished
 * output can be re-plotted. The folder is written under a hidden name and moved into place at the end.
 */
public final class Report {
    /** Labels of the effect metrics (Summary.EFFECTS); the first four are also the time series'. */
    static final String[] SERIES_LABELS = {"employment rate (share of adults in work, weighted by adults)",
        "equivalised income per person, euro", "good mental health (share of adults)", "liveability score",
        "debt share (share of households with debts)", "escalation costs in the targets, thousand euro a year"};
    static final String[] SERIES_IDS = {"employment", "income", "mental-health", "liveability", "debts", "escalations"};
    /** Short axis labels of the same metrics (the captions carry the long ones). */
    static final String[] SERIES_AXES = {"employment rate", "equivalised income, euro", "good mental health",
        "liveability", "share of households with debts", "thousand euro a year"};
    /** Chart titles of the same metrics. */
    static final String[] SERIES_TITLES = {"employment rate", "equivalised income", "good mental health", "liveability",
        "debt share", "escalation costs"};
    /** How many of the metrics the "over time" section shows (targets against the rest of the city). */
    static final int TIME_SERIES = 4;
    private static final int SMALL_W = 440;
    private static final int SMALL_H = 275;
    private static final int WIDE_W = 960;
    private static final int WIDE_H = 440;
    private static final int MAP_COLUMNS = 4;

    private final Summary summary;
    private final Path dir;
    private final StringBuilder html = new StringBuilder();
    private final List<String> charts = new ArrayList<>();

    /** The year the one-screen summary and the money are read at (1 to the runs' last year). */
    private final int horizon;
    /** Per scenario with realised costs: its money per pair ({@link Money}). */
    private final java.util.Map<Summary.Scenario, Money> money = new java.util.LinkedHashMap<>();

    private Report(Summary summary, Path dir, int horizon) {
        this.summary = summary;
        this.dir = dir;
        this.horizon = horizon;
    }

    /**
     * Options: the ticks of the maps (-1 for each run's end) and the horizon in years of the
     * one-screen summary and of the money (0: the runs' last year).
     */
    public record Options(int[] mapTicks, int horizonYears) {
        public Options(int[] mapTicks) {
            this(mapTicks, 0);
        }

        public static Options defaults() {
            return new Options(new int[] {0, -1}, 0);
        }
    }

    /** What was written. */
    public record Written(Path index, int scenarios, int runs, int charts) {
    }

    /** Builds the report of the runs in the given folders into out (which must not exist or be empty). */
    public static Written write(List<Path> inputs, Path out, Options options) {
        checkOutput(out);
        List<ScenarioGroup> groups = Inputs.collect(inputs);
        Summary summary = Summary.of(groups, options.mapTicks());
        int years = summary.scenarios.stream().mapToInt(s -> s.first().ticks[s.first().ticks.length - 1] / 12).min()
                .orElse(0);
        if (options.horizonYears() > years) {
            throw new ReportException("--horizon " + options.horizonYears() + ": the runs last only " + years + " whole year"
                    + (years == 1 ? "" : "s"));
        }
        for (int mapTick : options.mapTicks()) {
            // a map after the runs' end would silently show their last month
            if (mapTick > 12 * years) {
                throw new ReportException("--map-years " + mapTick / 12 + ": the runs last only " + years + " whole year"
                        + (years == 1 ? "" : "s") + " (give years from 0 to " + years + ", or 'end')");
            }
        }
        int horizon = options.horizonYears() > 0 ? options.horizonYears() : Math.max(1, years);
        return Folders.writeWhole(out, tmp -> {
            Files.createDirectory(tmp.resolve("charts"));
            Report r = new Report(summary, tmp, horizon);
            r.build();
            Files.writeString(tmp.resolve("index.html"), r.html.toString(), StandardCharsets.UTF_8);
            int runs = groups.stream().mapToInt(g -> g.runs().size()).sum();
            return new Written(out.resolve("index.html"), groups.size(), runs, r.charts.size());
        });
    }

    /** The output folder must not exist, or be an empty folder. */
    public static void checkOutput(Path out) {
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new ReportException(out + ": exists and is not a folder");
            }
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new ReportException(out + ": folder is not empty (choose a new --out)");
                }
            } catch (IOException e) {
                throw new ReportException(out + ": cannot be listed (" + e.getMessage() + ")");
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        for (Path p = parent; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new ReportException(out + ": " + p + " is a file, not a folder");
            }
        }
    }

    private void build() throws IOException {
        List<Summary.Scenario> sc = summary.scenarios;
        head();
        html.append("<h1>WijkLab comparison report</h1>\n<p class=\"lead\">").append(sc.size()).append(" scenario")
                .append(sc.size() == 1 ? "" : "s").append(", ").append(sc.stream().mapToInt(s -> s.runs.size()).sum())
                .append(" runs. Every figure is a mean over a scenario's replications; bands and whiskers are 95 % "
                        + "confidence intervals (Student t over replications). Each scenario's <em>targets</em> are its "
                        + "focus neighbourhoods (the table says which); the numbers behind every chart are in the "
                        + "<code>summary-*.csv</code> files beside this page.</p>\n");
        nav();
        for (Summary.Scenario s : sc.subList(Math.min(1, sc.size()), sc.size())) {
            if (!s.realised.isEmpty()) {
                money.put(s, Money.of(s));
            }
        }
        headline();
        scenarioTable();
        effects();
        cohortEffects();
        differencesTable();
        timeSeries();
        decomposition();
        flows();
        costs();
        realisedCosts();
        maps();
        sweeps();
        html.append("<script>\nwindow.addEventListener('load', function () {\n  var imgs = document.images, ok = 0;\n"
                + "  for (var i = 0; i < imgs.length; i++) { if (imgs[i].complete && imgs[i].naturalWidth > 0) { ok++; } }\n"
                + "  document.body.setAttribute('data-images-loaded', ok + '/' + imgs.length);\n"
                + "  document.body.setAttribute('data-overflows', String(document.documentElement.scrollWidth > window.innerWidth));\n"
                + "});\n</script>\n");
        html.append("</body>\n</html>\n");
    }

    private void head() {
        html.append(pageHead("WijkLab comparison report"));
    }

    /** The start of a report page up to its body: the title and the offline style sheet. */
    static String pageHead(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + esc(title) + "</title>\n<style>\n"
                + "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0 auto;"
                + "max-width:1280px;padding:0 24px 48px;color:#1a1a1a;line-height:1.45}\n"
                + "h1{font-size:1.7em;margin:24px 0 4px}h2{font-size:1.3em;margin-top:40px;border-bottom:1px solid #ddd;"
                + "padding-bottom:4px}h3{font-size:1.05em;margin:20px 0 6px}\n"
                + ".lead{color:#444;max-width:70em}nav{font-size:.95em;margin:12px 0}nav a{margin-right:14px}\n"
                + "table{border-collapse:collapse;font-size:.9em;margin:8px 0 4px;display:block;overflow-x:auto}"
                + "th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}"
                + "th{background:#f4f4f4}td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
                + ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:18px}\n"
                + "figure{margin:8px 0}figure img{width:100%;height:auto;border:1px solid #eee}"
                + "figcaption{font-size:.88em;color:#333;margin-top:4px}figcaption a{font-size:.9em;color:#666}\n"
                + ".wide{max-width:980px}.note{color:#555;font-size:.92em}code{font-size:.92em}\n"
                + "table.summary td,table.summary th{padding:2px 6px;line-height:1.2}"
                + "table.summary .note{font-size:.82em}\n"
                + "</style>\n</head>\n<body>\n";
    }

    private void nav() {
        html.append("<nav><a href=\"#summary\">Summary</a><a href=\"#scenarios\">Scenarios</a>"
                + "<a href=\"#effects\">Effects</a><a href=\"#cohort\">Place and cohort</a>"
                + "<a href=\"#differences\">Key differences</a>"
                + "<a href=\"#series\">Over time</a><a href=\"#decomposition\">Erosion</a><a href=\"#flows\">Movers</a>"
                + "<a href=\"#costs\">Costs</a><a href=\"#maps\">Maps</a><a href=\"#sweeps\">Sweeps</a></nav>\n");
    }

    // ---- tables -------------------------------------------------------------------------------

    /**
     * The one-screen summary: per scenario, at the horizon, its effect on the targets as places and
     * on its cohort (employment and equivalised income), the eroded part (cohort minus place, per
     * pair), the effect on the targets' liveability, and the realised and expected return per euro;
     * every figure a mean over the pairs with the reference, with its 95 % interval.
     */
    private void headline() throws IOException {
        List<Summary.Scenario> sc = summary.scenarios;
        html.append("<h2 id=\"summary\">Summary at year ").append(horizon).append("</h2>\n");
        Csv csv = new Csv("scenario", "horizon_year", "measure", "mean", "lo", "hi", "n", "against");
        if (sc.size() < 2) {
            html.append("<p class=\"note\">One scenario: nothing to compare it with. Give a reference first (a "
                    + "scenario without the programme, the same seeds) and the scenarios after it.</p>\n");
            csv.write(dir.resolve("summary-headline.csv"));
            return;
        }
        html.append("<p class=\"note\">Each scenario minus its counterfactual, run against run with the same seed; "
                + "mean and, below it, 95 % interval (explained under the table).</p>\n");
        String[] measures = {"place_employment", "cohort_employment", "eroded_employment", "place_income",
            "cohort_income", "eroded_income", "place_liveability", "realised_return", "expected_return"};
        html.append("<table class=\"summary\"><tr><th rowspan=\"2\">scenario</th><th colspan=\"3\">employment rate, pp</th>"
                + "<th colspan=\"3\">equivalised income, euro</th><th>liveability</th>"
                + "<th colspan=\"2\">return per euro</th></tr>\n<tr><th>place</th><th>cohort</th><th>eroded</th>"
                + "<th>place</th><th>cohort</th><th>eroded</th><th>place</th><th>realised</th><th>expected</th></tr>\n");
        for (Summary.Scenario s : sc.subList(1, sc.size())) {
            Estimate[] e = new Estimate[measures.length];
            int k = pointAt(s, horizon);
            for (int j = 0; j < 2; j++) {
                int metric = j; // employment, income: the same index in SERIES and COHORT_METRICS
                double scale = metric == 0 ? 100.0 : 1.0;
                Estimate[] pce = placeCohortEroded(s.effects, s.cohortEffects, metric, k);
                for (int q = 0; q < 3; q++) {
                    e[3 * j + q] = scaled(pce[q], scale);
                }
            }
            double[] liveability = new double[s.effects.size()];
            for (int r = 0; r < s.effects.size(); r++) {
                liveability[r] = s.effects.get(r)[3][k];
            }
            e[6] = Summary.estimate(liveability);
            Money m = money.get(s);
            boolean reach = m != null && m.years >= horizon;
            e[7] = reach ? Summary.estimate(m.perEuro(m.realised, horizon)) : Summary.estimate(new double[0]);
            e[8] = reach ? Summary.estimate(m.perEuro(m.expected, horizon)) : Summary.estimate(new double[0]);
            html.append("<tr><td>").append(esc(s.name()));
            if (s.against != sc.get(0)) {
                html.append("<br><span class=\"note\">against ").append(esc(s.against.name())).append("</span>");
            }
            html.append("</td>");
            for (int j = 0; j < measures.length; j++) {
                Estimate x = e[j];
                html.append("<td class=\"n\">");
                if (x.n() == 0 || Double.isNaN(x.mean())) {
                    html.append("–");
                } else {
                    html.append(j >= 7 ? fmt(x.mean()) : signed(x.mean())).append("<br><span class=\"note\">")
                            .append(ci(x)).append("</span>");
                }
                html.append("</td>");
                // the CSV keeps each metric's own unit: employment as a fraction
                double unit = j < 3 ? 100.0 : 1.0;
                csv.row(s.name(), String.valueOf(horizon), measures[j], num(x.mean() / unit), num(x.lo() / unit),
                        num(x.hi() / unit), String.valueOf(x.n()), s.against.name());
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<p class=\"note\">The counterfactual: ").append(againstRule(sc)).append(". Read at year ")
                .append(horizon).append(" (<code>--horizon</code>). <em>Place</em>: the targets' residents of the "
                + "moment; <em>cohort</em>: the persons who lived there when the programme started, wherever they live "
                + "now; <em>eroded</em>: cohort minus place, the part of the effect the neighbourhoods did not keep. "
                + "Employment in percentage points, income in euro a year per person (equivalised), return in euro "
                + "avoided per euro spent, cumulative: <em>realised</em> from the city's escalation costs against the "
                + "counterfactual, <em>expected</em> as the ledger books it; – where the runs do not have it.</p>\n");
        csv.write(dir.resolve("summary-headline.csv"));
    }

    /**
     * The headline's place effect, cohort effect and eroded part (cohort minus place) of a metric
     * (an index of both RunMetrics.SERIES and COHORT_METRICS) at a yearly point, over the same
     * pairs: a pair that lacks any of the three (no cohort in it, a value not a number) is left out
     * of all three, so that eroded = cohort - place holds for the means and the three n are equal.
     * A scenario with no cohort in any pair (no programme) has no cohort to set its place effect
     * against: that effect is over all its pairs, and cohort and eroded are NA.
     */
    static Estimate[] placeCohortEroded(List<double[][]> effects, List<double[][]> cohortEffects, int metric, int k) {
        double[] place = new double[effects.size()];
        double[] cohort = new double[effects.size()];
        double[] eroded = new double[effects.size()];
        boolean anyCohort = cohortEffects.stream().anyMatch(java.util.Objects::nonNull);
        for (int r = 0; r < effects.size(); r++) {
            double[][] c = cohortEffects.get(r);
            place[r] = effects.get(r)[metric][k];
            cohort[r] = c == null ? Double.NaN : c[metric][k];
            eroded[r] = cohort[r] - place[r];
            if (anyCohort && !Double.isFinite(eroded[r])) {
                place[r] = Double.NaN;
                cohort[r] = Double.NaN;
                eroded[r] = Double.NaN;
            }
        }
        return new Estimate[] {Summary.estimate(place), Summary.estimate(cohort), Summary.estimate(eroded)};
    }

    /**
     * Which scenario each is compared with, for the notes: the first, and the pairs that differ from
     * it (a scenario with programmes against the same scenario without them).
     */
    private static String againstRule(List<Summary.Scenario> sc) {
        StringBuilder b = new StringBuilder("the same scenario without its programmes where the inputs have it");
        List<String> pairs = new ArrayList<>();
        for (Summary.Scenario s : sc) {
            if (s.against != null && s.against != sc.get(0)) {
                pairs.add("<b>" + esc(s.name()) + "</b> against <b>" + esc(s.against.name()) + "</b>");
            }
        }
        if (!pairs.isEmpty()) {
            b.append(": ").append(String.join(", ", pairs));
        }
        return b.append("; otherwise <b>").append(esc(sc.get(0).name())).append("</b>, the first scenario given").toString();
    }

    /** The index of a scenario's yearly point at the horizon year (the last point if the run ends before). */
    private static int pointAt(Summary.Scenario s, int year) {
        int[] ticks = s.first().ticks;
        for (int k = 0; k < ticks.length; k++) {
            if (ticks[k] >= 12 * year) {
                return k;
            }
        }
        return ticks.length - 1;
    }

    private static Estimate scaled(Estimate e, double f) {
        return new Estimate(e.mean() * f, e.lo() * f, e.hi() * f, e.n());
    }

    private void scenarioTable() throws IOException {
        List<Summary.Scenario> sc = summary.scenarios;
        html.append("<h2 id=\"scenarios\">Scenarios</h2>\n<table><tr><th>scenario and its description</th><th>key</th><th>replications</th>"
                + "<th>seeds</th><th>targets (focus neighbourhoods)</th><th>parameters that differ from the first</th></tr>\n");
        Csv csv = new Csv("scenario", "key", "replications", "seeds", "targets", "targets_rule", "differs_from_first",
                "description");
        for (Summary.Scenario s : sc) {
            List<String> parts = Summary.describeDifferences(sc.get(0).group, s.group);
            String seeds = s.group.seeds().stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse("");
            String shown = parts.size() <= 8 ? String.join("; ", parts)
                    : String.join("; ", parts.subList(0, 8)) + "; and " + (parts.size() - 8) + " more (see summary-scenarios.csv)";
            String description = s.group.first().scenario().path("description").asText("");
            html.append("<tr><td><strong>").append(esc(s.name())).append("</strong>")
                    .append(description.isEmpty() ? "" : "<br><span class=\"note\">" + esc(description) + "</span>")
                    .append("</td><td><code>").append(s.group.key(), 0, 12)
                    .append("</code></td><td class=\"n\">").append(s.runs.size()).append("</td><td>").append(esc(seeds))
                    .append("</td><td>").append(esc(String.join(", ", s.focus))).append("<br><span class=\"note\">")
                    .append(esc(s.focusRule)).append("</span></td><td>")
                    .append(s == sc.get(0) ? "<span class=\"note\">(the reference)</span>" : esc(shown.isEmpty() ? "none" : shown))
                    .append("</td></tr>\n");
            csv.row(s.name(), s.group.key(), String.valueOf(s.runs.size()), seeds, String.join(" ", s.focus), s.focusRule,
                    String.join("; ", parts), description);
        }
        html.append("</table>\n");
        csv.write(dir.resolve("summary-scenarios.csv"));
    }

    private void differencesTable() throws IOException {
        List<Summary.Scenario> sc = summary.scenarios;
        Summary.Scenario ref = sc.get(0);
        html.append("<h2 id=\"differences\">Key differences against '").append(esc(ref.name())).append("'</h2>\n")
                .append("<p class=\"note\">Each cell: the scenario's mean [95 % CI] and, below it, its difference from the "
                        + "first scenario [95 % CI] — paired by seed where both ran the same seeds (the same city and "
                        + "warm-up, so the difference is the scenario's own), otherwise unpaired (Welch). Look for "
                        + "differences whose interval excludes 0.</p>\n<table><tr><th>scenario</th>");
        for (String l : Summary.KEY_LABELS) {
            html.append("<th>").append(esc(l)).append("</th>");
        }
        html.append("</tr>\n");
        Csv csv = new Csv("scenario", "metric", "mean", "lo", "hi", "n", "difference", "difference_lo", "difference_hi",
                "paired", "difference_n");
        for (Summary.Scenario s : sc) {
            html.append("<tr><td>").append(esc(s.name())).append("</td>");
            boolean paired = s.group.seeds().equals(ref.group.seeds());
            for (int m = 0; m < Summary.KEY_METRICS.length; m++) {
                Estimate e = s.key(m);
                Estimate d = Summary.difference(ref, s, m);
                html.append("<td class=\"n\">").append(e.n() == 0 ? "–" : fmt(e.mean()) + " " + ci(e));
                if (s != ref && e.n() > 0 && d.n() > 0) {
                    html.append("<br><span class=\"note\">").append(signed(d.mean())).append(" ").append(ci(d)).append("</span>");
                }
                html.append("</td>");
                csv.row(s.name(), Summary.KEY_METRICS[m], num(e.mean()), num(e.lo()), num(e.hi()), String.valueOf(e.n()),
                        s == ref ? "0" : num(d.mean()), s == ref ? "0" : num(d.lo()), s == ref ? "0" : num(d.hi()),
                        String.valueOf(paired), s == ref ? String.valueOf(e.n()) : String.valueOf(d.n()));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        csv.write(dir.resolve("summary-differences.csv"));
    }

    // ---- charts -------------------------------------------------------------------------------

    /**
     * Realised against expected avoided costs: the reference's escalation costs in a scenario's
     * targets minus the scenario's (escalations.csv, paired by seed), cumulated over the years and set
     * against what the programmes spent, beside the expected avoided costs the ledger books.
     */
    private void realisedCosts() throws IOException {
        List<Summary.Scenario> sc = summary.scenarios;
        html.append("<h3 id=\"realised\">Realised against expected: what the programmes really saved</h3>\n");
        Csv csv = new Csv("scenario", "year", "spent_cumulative", "realised_avoided_cumulative", "realised_lo",
                "realised_hi", "realised_return", "realised_return_lo", "realised_return_hi", "expected_return",
                "expected_return_lo", "expected_return_hi", "n");
        Csv parties = new Csv("scenario", "year", "party", "spent_cumulative", "expected_avoided_cumulative",
                "expected_lo", "expected_hi", "realised_avoided_cumulative", "realised_lo", "realised_hi", "n");
        List<Band> bands = new ArrayList<>();
        for (Map.Entry<Summary.Scenario, Money> entry : money.entrySet()) {
            Summary.Scenario s = entry.getKey();
            Money m = entry.getValue();
            int shown = Math.min(m.years, horizon);
            double[][] rr = new double[3][shown];
            double[][] er = new double[3][shown];
            double[] x = new double[shown];
            for (int y = 1; y <= m.years; y++) {
                Estimate realisedAvoided = Summary.estimate(m.at(m.realised, y, -1));
                Estimate spent = Summary.estimate(m.at(m.spent, y, -1));
                Estimate realised = Summary.estimate(m.perEuro(m.realised, y));
                Estimate expected = Summary.estimate(m.perEuro(m.expected, y));
                csv.row(s.name(), String.valueOf(y), num(spent.mean()), num(realisedAvoided.mean()),
                        num(realisedAvoided.lo()), num(realisedAvoided.hi()), num(realised.mean()), num(realised.lo()),
                        num(realised.hi()), num(expected.mean()), num(expected.lo()), num(expected.hi()),
                        String.valueOf(m.n));
                for (int p = 0; p < RunMetrics.PARTIES.length; p++) {
                    Estimate ps = Summary.estimate(m.at(m.spent, y, p));
                    Estimate pe = Summary.estimate(m.at(m.expected, y, p));
                    Estimate pr = Summary.estimate(m.at(m.realised, y, p));
                    parties.row(s.name(), String.valueOf(y), RunMetrics.PARTIES[p], num(ps.mean()), num(pe.mean()),
                            num(pe.lo()), num(pe.hi()), num(pr.mean()), num(pr.lo()), num(pr.hi()), String.valueOf(m.n));
                }
                if (y <= shown) {
                    x[y - 1] = y;
                    rr[0][y - 1] = realised.mean();
                    rr[1][y - 1] = realised.lo();
                    rr[2][y - 1] = realised.hi();
                    er[0][y - 1] = expected.mean();
                    er[1][y - 1] = expected.lo();
                    er[2][y - 1] = expected.hi();
                }
            }
            // the lines begin in the first year with money spent (before it a return per euro is undefined)
            int from = 0;
            while (from < shown && (Double.isNaN(rr[0][from]) || Double.isNaN(er[0][from]))) {
                from++;
            }
            if (from < shown) {
                bands.add(new Band(s.name() + " — realised", Arrays.copyOfRange(x, from, shown),
                        Arrays.copyOfRange(rr[0], from, shown), Arrays.copyOfRange(rr[1], from, shown),
                        Arrays.copyOfRange(rr[2], from, shown), false));
                bands.add(new Band(s.name() + " — expected", Arrays.copyOfRange(x, from, shown),
                        Arrays.copyOfRange(er[0], from, shown), Arrays.copyOfRange(er[1], from, shown),
                        Arrays.copyOfRange(er[2], from, shown), true));
            }
        }
        csv.write(dir.resolve("summary-costs-realised.csv"));
        parties.write(dir.resolve("summary-costs-parties.csv"));
        if (bands.isEmpty()) {
            html.append("<p class=\"note\">No realised costs: they need a reference run without the programme on the "
                    + "same seed, and runs that wrote <code>escalations.csv</code>.</p>\n");
            return;
        }
        html.append("<p class=\"note\">Realised (solid): the escalation costs of the scenario's counterfactual (")
                .append(againstRule(sc)).append(") in the whole city minus the scenario's own, run against run with the same seed (the whole "
                + "city, so that a problem moved to another neighbourhood is not counted as saved), "
                + "cumulated from year 1, per euro the programmes spent so far. Expected (dashed): the avoided costs "
                + "the ledger books while families are treated (<code>costs.csv</code>). The gap is what the booked "
                + "figure claims and the city does not show; the realised line goes on after a programme stops. "
                + "Shown to the horizon, year ").append(horizon).append(" (<code>--horizon</code>).</p>\n");
        figure(Charts.timeSeries("Social return per euro: realised and expected, to year " + horizon, "year",
                "euro avoided per euro spent", bands), "costs-realised-return", WIDE_W, WIDE_H + 80,
                "Cumulative avoided costs per euro spent: realised against the reference (solid) and expected by the "
                + "ledger (dashed), with 95 % bands, years 1 to " + horizon + ".");
        partiesAtHorizon();
    }

    /** Who really saved: per scenario and party, realised beside expected avoided costs at the horizon. */
    private void partiesAtHorizon() throws IOException {
        List<Summary.Scenario> with = money.keySet().stream().filter(s -> money.get(s).years >= horizon).toList();
        if (with.isEmpty()) {
            return;
        }
        int parties = RunMetrics.PARTIES.length;
        html.append("<p class=\"note\">Per paying party, cumulative to year ").append(horizon).append(", million euro: "
                + "what it spent, the avoided costs the ledger expected for it, and what it really saved against "
                + "the reference [95 % CI]. A party whose realised saving falls short of its spending pays for "
                + "others' gain.</p>\n<table><tr><th>scenario</th>");
        for (String p : RunMetrics.PARTIES) {
            html.append("<th>").append(esc(p.replace('_', ' '))).append("<br><span class=\"note\">spent · expected · "
                    + "realised</span></th>");
        }
        html.append("</tr>\n");
        Estimate[][] realised = new Estimate[parties][with.size()];
        for (int i = 0; i < with.size(); i++) {
            Summary.Scenario s = with.get(i);
            Money m = money.get(s);
            html.append("<tr><td>").append(esc(s.name())).append("</td>");
            for (int p = 0; p < parties; p++) {
                Estimate sp = million(Summary.estimate(m.at(m.spent, horizon, p)));
                Estimate ex = million(Summary.estimate(m.at(m.expected, horizon, p)));
                Estimate re = million(Summary.estimate(m.at(m.realised, horizon, p)));
                realised[p][i] = re;
                html.append("<td class=\"n\">").append(fmt(sp.mean())).append(" · ").append(fmt(ex.mean()))
                        .append(" · <b>").append(fmt(re.mean())).append("</b><br><span class=\"note\">")
                        .append(ci(re)).append("</span></td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        figure(Charts.groupedBars("Realised avoided costs per party, years 1 to " + horizon,
                "million euro, cumulative", with.stream().map(Summary.Scenario::name).toList(),
                List.of(RunMetrics.PARTIES).stream().map(p -> p.replace('_', ' ')).toList(), realised),
                "costs-realised-parties", WIDE_W, WIDE_H + 40, "Who really saved: each party's escalation costs in the "
                + "reference minus the scenario's, paired by seed, cumulated to year " + horizon
                + ", million euro, with 95 % intervals (summary-costs-parties.csv has every year, spent and expected).");
    }

    private static Estimate million(Estimate e) {
        return new Estimate(e.mean() / 1e6, e.lo() / 1e6, e.hi() / 1e6, e.n());
    }

    private static double[] column(double[][] m, int k) {
        double[] v = new double[m.length];
        for (int r = 0; r < m.length; r++) {
            v[r] = m[r][k];
        }
        return v;
    }

    /**
     * Effect curves: for every scenario but the reference, its targets minus the same neighbourhoods
     * in the reference's run of the same seed, over time, with the 95 % band of the mean paired
     * difference; one chart per metric with every scenario on it, the programmes' periods shaded.
     * The rows go to summary-effects.csv with the cohort's ({@link #cohortEffects}).
     */
    private void effects() throws IOException {
        List<Summary.Scenario> sc = summary.scenarios;
        html.append("<h2 id=\"effects\">Effects against the reference: the targets over time</h2>\n");
        if (sc.size() < 2 || sc.stream().skip(1).allMatch(s -> s.effects.isEmpty())) {
            html.append("<p class=\"note\">No effects: they need a second scenario with runs of the reference's seeds "
                    + "and length.</p>\n");
            return;
        }
        html.append("<p class=\"note\">Each line is a scenario's targets minus the same neighbourhoods in its "
                + "counterfactual (").append(againstRule(sc)).append("), run against run with the same "
                + "seed: the same city, warm-up and random draws, so the difference is the scenario's own. Bands: 95 % "
                + "intervals of the mean difference over the pairs. Shaded: the years a programme runs. A line that "
                + "climbs while a programme runs and sinks after it is a gain the place does not keep. Escalation "
                + "costs are the year's (evictions, supervision orders, second-line care, social assistance), all "
                + "paying parties, in the targets: below zero the targets cost less than without the programme.</p>\n");
        List<String> unpaired = sc.subList(1, sc.size()).stream().filter(s -> s.effects.isEmpty()).map(Summary.Scenario::name)
                .toList();
        if (!unpaired.isEmpty()) {
            html.append("<p class=\"note\">No effects for ").append(esc(String.join(", ", unpaired))).append(": no run of "
                    + "its counterfactual with the same seed and length among the inputs.</p>\n");
        }
        List<double[]> periods = periods(sc);
        for (int m = 0; m < Summary.EFFECTS.length; m++) {
            List<Band> bands = new ArrayList<>();
            List<String> none = new ArrayList<>();
            for (Summary.Scenario s : sc.subList(1, sc.size())) {
                if (s.effects.isEmpty()) {
                    continue;
                }
                int metric = m;
                Band b = finite(band(s.name(), s.first().ticks, s.effects.size(), (r, k) -> s.effects.get(r)[metric][k],
                        false, (tick, e) -> effectRows.row(s.name(), Summary.EFFECTS[metric], String.valueOf(tick),
                                num(tick / 12.0), num(e.mean()), num(e.lo()), num(e.hi()), String.valueOf(e.n()),
                                "place")));
                if (b != null) {
                    bands.add(b);
                } else {
                    none.add(s.name());
                }
            }
            // a metric nobody in the targets had at any point (or, for escalation costs, runs without escalations.csv)
            String missing = none.isEmpty() ? "" : " No data for " + String.join(", ", none) + " (NA in summary-effects.csv).";
            if (bands.isEmpty()) {
                html.append("<p class=\"note\">Effect on the targets' ").append(esc(SERIES_LABELS[m])).append(": no data.")
                        .append(esc(missing)).append("</p>\n");
                continue;
            }
            figure(Charts.effectCurves("Effect on the targets: " + SERIES_TITLES[m], "year",
                    "difference in " + SERIES_AXES[m], bands, periods), "effects-" + SERIES_IDS[m], WIDE_W, WIDE_H + 60,
                    "The targets' " + esc(SERIES_LABELS[m]) + ", each scenario minus its counterfactual (paired by seed), "
                    + "with 95 % bands." + esc(missing));
        }
    }

    /** The rows of summary-effects.csv: the place's effects, then the cohort's. */
    private final Csv effectRows = new Csv("scenario", "metric", "tick", "year", "mean", "lo", "hi", "n", "measure");

    /** The programmes' running periods in years, each once. */
    private static List<double[]> periods(List<Summary.Scenario> sc) {
        List<double[]> periods = new ArrayList<>();
        for (Summary.Scenario s : sc) {
            if (s.period != null) {
                double[] p = {s.period[0] / 12.0, s.period[1] / 12.0};
                if (periods.stream().noneMatch(q -> q[0] == p[0] && q[1] == p[1])) {
                    periods.add(p);
                }
            }
        }
        return periods;
    }

    /** The band's points with a finite mean (a band starts where its values are known), or null if none. */
    private static Band finite(Band b) {
        int n = 0;
        for (double v : b.mean()) {
            n += Double.isFinite(v) ? 1 : 0;
        }
        if (n == b.mean().length) {
            return b;
        }
        if (n == 0) {
            return null;
        }
        double[][] a = new double[4][n];
        int j = 0;
        for (int i = 0; i < b.mean().length; i++) {
            if (Double.isFinite(b.mean()[i])) {
                a[0][j] = b.x()[i];
                a[1][j] = b.mean()[i];
                a[2][j] = b.lo()[i];
                a[3][j++] = b.hi()[i];
            }
        }
        return new Band(b.label(), a[0], a[1], a[2], a[3], b.dashed());
    }

    /**
     * Place and cohort: per scenario and person-level metric, the effect on the targets as places
     * (their residents of the moment) beside the effect on the persons who lived there when the
     * programme started, followed wherever they live (origins.csv, the same persons in the reference
     * run). Small charts on one shared axis per metric; the gap between the two lines is the part of
     * the effect that left with the movers or was diluted by newcomers.
     */
    private void cohortEffects() throws IOException {
        List<Summary.Scenario> sc = summary.scenarios;
        html.append("<h2 id=\"cohort\">Place and cohort: does the effect stay in the neighbourhood?</h2>\n");
        List<Summary.Scenario> with = sc.stream().skip(1).filter(s -> !s.cohortPairs().isEmpty()).toList();
        if (with.isEmpty()) {
            html.append("<p class=\"note\">No cohort effects: they need runs that wrote <code>origins.csv</code> "
                    + "with the year the programme starts among <code>output.cohortYears</code>, in the scenario's runs "
                    + "and the reference's.</p>\n");
            effectRows.write(dir.resolve("summary-effects.csv"));
            return;
        }
        html.append("<p class=\"note\">Solid: the effect on the targets as places (whoever lives there), as above. "
                + "Dashed: the effect on the <em>cohort</em>, the persons who lived in the targets when the programme "
                + "started, followed wherever they live (another neighbourhood, or the region outside the city; the "
                + "dead are left out), against the same persons in its counterfactual's run (").append(againstRule(sc))
                .append(") "
                + "(the same seed, so the same persons until the programme starts). Both from the programme's start, "
                + "95 % bands, one axis for all charts of a metric. When the dashed line stays above the solid one, the "
                + "programme's people kept their gain but the place did not: the gain left with the movers or was "
                + "diluted by who came in.</p>\n");
        for (int m = 0; m < RunMetrics.COHORT_METRICS.length; m++) {
            List<List<Band>> perScenario = new ArrayList<>();
            List<Band> all = new ArrayList<>();
            for (Summary.Scenario s : with) {
                int metric = m;
                int from = 12 * s.cohortYear;
                List<double[][]> pairs = new ArrayList<>();
                List<double[][]> places = new ArrayList<>();
                for (int r = 0; r < s.effects.size(); r++) {
                    if (s.cohortEffects.get(r) != null) {
                        pairs.add(s.cohortEffects.get(r));
                        places.add(s.effects.get(r));
                    }
                }
                Band place = finite(band("place", s.first().ticks, places.size(),
                        (r, k) -> s.first().ticks[k] < from ? Double.NaN : places.get(r)[metric][k], false, (t, e) -> { }));
                Band cohort = finite(band("cohort", s.first().ticks, pairs.size(), (r, k) -> pairs.get(r)[metric][k],
                        true, (tick, e) -> {
                            if (!Double.isNaN(e.mean())) {
                                effectRows.row(s.name(), Summary.EFFECTS[metric], String.valueOf(tick), num(tick / 12.0),
                                        num(e.mean()), num(e.lo()), num(e.hi()), String.valueOf(e.n()), "cohort");
                            }
                        }));
                List<Band> bands = new ArrayList<>();
                if (place != null && cohort != null) {
                    bands.add(place);
                    bands.add(cohort);
                }
                perScenario.add(bands);
                all.addAll(bands);
            }
            double[] range = Charts.commonRange(all, true);
            html.append("<h3>").append(esc(capital(SERIES_LABELS[m]))).append(": place (solid) and cohort (dashed)</h3>\n"
                    + "<div class=\"grid\">\n");
            for (int i = 0; i < with.size(); i++) {
                Summary.Scenario s = with.get(i);
                if (perScenario.get(i).isEmpty()) {
                    // a cohort of nobody with this metric (or targets without it): no line to draw
                    html.append("<p class=\"note\">").append(esc(s.name())).append(": no data for the place or the cohort "
                            + "(nobody to average over; NA or no rows in summary-effects.csv).</p>\n");
                    continue;
                }
                figure(Charts.effectCurves(s.name(), "year", "difference in " + SERIES_AXES[m], perScenario.get(i),
                        s.period == null ? List.of() : List.of(new double[] {s.period[0] / 12.0, s.period[1] / 12.0}),
                        range), "cohort-" + SERIES_IDS[m] + "-" + (sc.indexOf(s) + 1), SMALL_W, SMALL_H + 40,
                        esc(s.name()) + ": the effect on the targets' " + esc(SERIES_LABELS[m]) + " as a place (solid) "
                        + "and on the cohort of year " + s.cohortYear + " wherever it lives (dashed), against "
                        + esc(s.against.name()) + ".");
            }
            html.append("</div>\n");
        }
        effectRows.write(dir.resolve("summary-effects.csv"));
    }

    private void timeSeries() throws IOException {
        html.append("<h2 id=\"series\">Over time: the targets against the rest of the city</h2>\n<p class=\"note\">"
                + "One small chart per scenario: its targets (solid) and the rest of the city (dashed), yearly, with 95 % "
                + "bands, on one axis for all charts of a metric. Look at whether the gap between the two narrows while "
                + "a programme runs, and whether it opens again after the programme stops (gains that erode).</p>\n");
        Csv csv = new Csv("scenario", "set", "metric", "tick", "year", "mean", "lo", "hi", "n");
        for (int m = 0; m < TIME_SERIES; m++) {
            html.append("<h3>").append(esc(capital(SERIES_LABELS[m]))).append("</h3>\n<div class=\"grid\">\n");
            List<List<Band>> perScenario = new ArrayList<>();
            List<Band> all = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (Summary.Scenario s : summary.scenarios) {
                List<Band> bands = new ArrayList<>();
                StringBuilder gaps = new StringBuilder();
                for (int set = 0; set < 2; set++) {
                    String label = s.name() + " — " + (set == 0 ? "targets" : "rest of city");
                    int st = set;
                    int metric = m;
                    Band full = band(label, s.first().ticks, s.runs.size(), (r, k) -> s.runs.get(r).series[st][metric][k],
                            set == 1, (tick, e) -> csv.row(s.name(), st == 0 ? "targets" : "rest_of_city",
                                    RunMetrics.SERIES[metric], String.valueOf(tick), num(tick / 12.0), num(e.mean()),
                                    num(e.lo()), num(e.hi()), String.valueOf(e.n())));
                    // a set with nobody in it at a point (no weight) has no mean there: left out, and said so
                    Band b = finite(full);
                    if (b != null) {
                        bands.add(b);
                    }
                    if (b == null || b.x().length < full.x().length) {
                        gaps.append(gaps.length() == 0 ? " " : "; ").append(noData(s, set, b == null));
                    }
                }
                perScenario.add(bands);
                missing.add(gaps.toString());
                all.addAll(bands);
            }
            double[] range = Charts.commonRange(all, false);
            for (int si = 0; si < summary.scenarios.size(); si++) {
                Summary.Scenario s = summary.scenarios.get(si);
                String id = "series-" + SERIES_IDS[m] + "-" + (si + 1);
                if (perScenario.get(si).isEmpty()) {
                    html.append("<p class=\"note\">").append(esc(s.name())).append(": no data for ")
                            .append(esc(SERIES_LABELS[m])).append(".").append(esc(missing.get(si))).append("</p>\n");
                    continue;
                }
                figure(Charts.timeSeries(s.name(), "year", SERIES_AXES[m], perScenario.get(si), range), id, SMALL_W,
                        SMALL_H, esc(s.name()) + ": " + esc(SERIES_LABELS[m]) + ", targets (solid) and rest of city (dashed)."
                        + esc(missing.get(si)));
            }
            html.append("</div>\n");
        }
        csv.write(dir.resolve("summary-timeseries.csv"));
    }

    /**
     * Why a set of a scenario's time series has no line, or only part of one: nobody to average over
     * (NA in summary-timeseries.csv).
     */
    private static String noData(Summary.Scenario s, int set, boolean none) {
        if (set == 1 && s.focus.containsAll(s.first().neighbourhoods)) {
            return "No rest of city: the targets are the whole city.";
        }
        String which = set == 0 ? "the targets" : "the rest of the city";
        return none ? "No data for " + which + ": nobody lived there at any yearly point."
                : "Part of the line of " + which + " is missing: nobody lived there at some yearly points (NA in "
                + "summary-timeseries.csv).";
    }

    private void decomposition() throws IOException {
        List<Summary.Scenario> sc = summary.scenarios;
        RunMetrics any = sc.get(0).first();
        html.append("<h2 id=\"decomposition\">The erosion decomposition (a leaky bucket)</h2>\n<p class=\"note\">Per "
                + fmt(any.periodMonths / 12.0) + "-year period, averaged over the run's " + any.periods + " period"
                + (any.periods == 1 ? "" : "s") + ", for each scenario's "
                + "targets (each target neighbourhood decomposed on its own, weighted by its residents at the period's "
                + "start). <em>People change</em> follows the persons living there at the period's start wherever they "
                + "live at its end: still there, elsewhere in the city, or in the region outside it (those who died are "
                + "left out); <em>place change</em> is the neighbourhoods' own change, which splits exactly into the "
                + "stayers' own change, the effect of who came in and the effect of who left. When people change exceeds "
                + "place change, the gain has leaked out with the movers (the eroded gain). Income is the household's "
                + "equivalised disposable income per person.</p>\n");
        Csv csv = new Csv("scenario", "metric", "component", "mean", "lo", "hi", "n");
        for (Summary.Scenario s : sc) {
            for (int m = 0; m < RunMetrics.DECOMPOSITION_METRICS.length; m++) {
                for (int c = 0; c < RunMetrics.COMPONENTS.length; c++) {
                    Estimate e = decompositionEstimate(s, m, c);
                    csv.row(s.name(), RunMetrics.DECOMPOSITION_METRICS[m], RunMetrics.COMPONENTS[c], num(e.mean()),
                            num(e.lo()), num(e.hi()), String.valueOf(e.n()));
                }
            }
        }
        csv.write(dir.resolve("summary-decomposition.csv"));
        html.append("<div class=\"grid\">\n");
        for (int m : new int[] {1, 0}) {
            String metric = m == 1 ? "equivalised income, euro" : "employment rate";
            String unit = m == 1 ? "euro" : "employment rate";
            // a scenario whose targets had nobody in them at every period's start has no decomposition: left out, named
            List<Summary.Scenario> known = new ArrayList<>();
            for (Summary.Scenario s : sc) {
                boolean all = true;
                for (int c = 0; c < 5; c++) {
                    all &= !Double.isNaN(decompositionEstimate(s, m, c).mean());
                }
                if (all) {
                    known.add(s);
                }
            }
            String key = m == 1 ? "income" : "employment";
            if (known.isEmpty()) {
                html.append("<p class=\"note\">No decomposition of the ").append(esc(metric)).append(": no scenario's "
                        + "targets had residents at a period's start (NA in summary-decomposition.csv).</p>\n");
                continue;
            }
            String left = known.size() == sc.size() ? "" : " No data for " + sc.stream().filter(s -> !known.contains(s))
                    .map(Summary.Scenario::name).collect(java.util.stream.Collectors.joining(", "))
                    + ": no residents in the targets at any period's start.";
            List<String> names = known.stream().map(Summary.Scenario::name).toList();
            Estimate[][] pp = new Estimate[2][known.size()];
            double[][] bucket = new double[3][known.size()];
            Estimate[][] parts = new Estimate[4][known.size()];
            for (int i = 0; i < known.size(); i++) {
                pp[0][i] = decompositionEstimate(known.get(i), m, 1);
                pp[1][i] = decompositionEstimate(known.get(i), m, 0);
                for (int c = 0; c < 3; c++) {
                    bucket[c][i] = decompositionEstimate(known.get(i), m, 2 + c).mean();
                }
                // the whole cohort, and its parts: stayed, moved within the city, left the city
                int[] components = {1, 2, 7, 8};
                for (int p = 0; p < parts.length; p++) {
                    parts[p][i] = drawable(decompositionEstimate(known.get(i), m, components[p]));
                }
            }
            figure(Charts.groupedBars("People change against place change: " + metric, "change per period, " + unit,
                    names, List.of("people change (the start's residents, wherever they live)",
                            "place change (the neighbourhoods)"), pp), "decomposition-people-place-" + key, WIDE_W, WIDE_H,
                    "Per scenario, how much the targets' residents of the start gained (people, those who left the city "
                    + "included) against how much the targets themselves gained (place), " + esc(metric)
                    + ". The gap is the eroded gain: what left with the movers." + esc(left));
            figure(Charts.groupedBars("Who gained: " + metric, "change per period, " + unit, names,
                    List.of("the whole cohort", "stayed", "moved within the city", "left the city"), parts),
                    "decomposition-people-parts-" + key, WIDE_W, WIDE_H,
                    "The people change of the targets' residents of the start, whole and split by where they live at the "
                    + "period's end: still in a target, elsewhere in the city, or in the region outside it (" + esc(metric)
                    + "). A measure that follows only those still in the city misses the last bar." + esc(left));
            figure(Charts.stackedBars("Place change split: " + metric, "per period, " + unit, names,
                    List.of("stayers' own change", "who came in (inflow effect)", "who left (outflow effect)"), bucket),
                    "decomposition-bucket-" + key, WIDE_W, WIDE_H,
                    "The leaky bucket: the targets' place change as the stayers' own change plus the effect of in-movers "
                    + "and of out-movers (" + esc(metric) + "). Look at how much of what stayers gain is cancelled by "
                    + "climbers leaving and poorer newcomers arriving." + esc(left));
        }
        html.append("</div>\n");
    }

    /** A part nobody was in (no estimate) is drawn as zero, without an interval. */
    private static Estimate drawable(Estimate e) {
        return Double.isNaN(e.mean()) ? new Estimate(0.0, Double.NaN, Double.NaN, 0) : e;
    }

    private static Estimate decompositionEstimate(Summary.Scenario s, int metric, int component) {
        double[] v = new double[s.runs.size()];
        for (int r = 0; r < v.length; r++) {
            v[r] = s.runs.get(r).decomposition[metric][component];
        }
        return Summary.estimate(v);
    }

    private void flows() throws IOException {
        List<Summary.Scenario> with = summary.scenarios.stream().filter(Summary.Scenario::hasMoves).toList();
        html.append("<h2 id=\"flows\">Where out-movers go and where in-movers come from</h2>\n");
        if (with.isEmpty()) {
            html.append("<p class=\"note\">No run among the inputs wrote <code>moves.csv</code> (runs with "
                    + "<code>--no-moves-log</code>), so this section is empty.</p>\n");
            return;
        }
        if (with.size() < summary.scenarios.size()) {
            html.append("<p class=\"note\">Scenarios without <code>moves.csv</code> in every run are left out.</p>\n");
        }
        List<String> categories = new ArrayList<>();
        for (String c : RunMetrics.CLASSES) {
            categories.add(c.replace('_', ' '));
        }
        categories.add("outside the city");
        Csv csv = new Csv("scenario", "direction", "category", "share", "lo", "hi", "n", "moves_per_run");
        html.append("<div class=\"grid\">\n");
        for (int dirn = 0; dirn < 2; dirn++) {
            double[][] v = new double[categories.size()][with.size()];
            for (int i = 0; i < with.size(); i++) {
                Summary.Scenario s = with.get(i);
                double moves = 0;
                for (RunMetrics r : s.runs) {
                    moves += r.moves[dirn];
                }
                moves /= s.runs.size();
                for (int c = 0; c < categories.size(); c++) {
                    double[] x = new double[s.runs.size()];
                    for (int r = 0; r < x.length; r++) {
                        x[r] = (dirn == 0 ? s.runs.get(r).outShares : s.runs.get(r).inShares)[c];
                    }
                    Estimate e = Summary.estimate(x);
                    v[c][i] = e.mean();
                    csv.row(s.name(), dirn == 0 ? "out" : "in", c < RunMetrics.CLASSES.length ? RunMetrics.CLASSES[c]
                            : RunMetrics.OUTSIDE, num(e.mean()), num(e.lo()), num(e.hi()), String.valueOf(e.n()), num(moves));
                }
            }
            List<String> names = with.stream().map(Summary.Scenario::name).toList();
            if (dirn == 0) {
                figure(Charts.classStackedBars("Where households moving out of the targets go", "share of moves out", names,
                        categories, v, RunMetrics.CLASSES.length), "flows-out", WIDE_W, WIDE_H,
                        "Destinations of households leaving the targets, by the liveability class of the neighbourhood "
                        + "they move to (or out of the city). Climbers moving to better classes carry the programme's gains away.");
            } else {
                figure(Charts.classStackedBars("Where households moving into the targets come from", "share of moves in",
                        names, categories, v, RunMetrics.CLASSES.length), "flows-in", WIDE_W, WIDE_H,
                        "Origins of households moving into the targets, by the liveability class of the neighbourhood they "
                        + "leave (or from outside the city). Newcomers from the weakest classes and from outside refill the cheap stock.");
            }
        }
        html.append("</div>\n");
        csv.write(dir.resolve("summary-flows.csv"));
    }

    private void costs() throws IOException {
        List<Summary.Scenario> with = summary.scenarios.stream().filter(Summary.Scenario::hasCosts).toList();
        html.append("<h2 id=\"costs\">Costs and benefits per paying party</h2>\n");
        if (with.isEmpty()) {
            html.append("<p class=\"note\">No scenario among the inputs has a programme, so there are no costs.</p>\n");
            return;
        }
        html.append("<p class=\"note\">Money each party spent on the programmes (budget, and restructuring for the housing "
                + "corporation) against the costs the teams are expected to have avoided for it (escalations prevented: "
                + "evictions, supervision orders, second-line care, benefits). The social return is avoided per euro spent, "
                + "all parties together. Look at who pays and who gains: a party that pays without gaining has no reason to stay.</p>\n");
        Csv csv = new Csv("scenario", "year", "party", "cumulative_spent", "cumulative_spent_lo", "cumulative_spent_hi",
                "cumulative_avoided", "cumulative_avoided_lo", "cumulative_avoided_hi", "n");
        Csv ret = new Csv("scenario", "year", "social_return", "lo", "hi", "n");
        List<Band> returns = new ArrayList<>();
        List<String> parties = List.of(RunMetrics.PARTIES);
        double[][] spentEnd = new double[parties.size()][with.size()];
        double[][] avoidedEnd = new double[parties.size()][with.size()];
        html.append("<div class=\"grid\">\n");
        for (int i = 0; i < with.size(); i++) {
            Summary.Scenario s = with.get(i);
            int years = s.runs.stream().mapToInt(r -> r.spent.length).min().orElse(0);
            double[] x = new double[years];
            double[] mean = new double[years];
            double[] lo = new double[years];
            double[] hi = new double[years];
            List<Band> partyBands = new ArrayList<>();
            for (int y = 1; y <= years; y++) {
                double[] v = new double[s.runs.size()];
                for (int r = 0; r < v.length; r++) {
                    v[r] = s.runs.get(r).socialReturn(y);
                }
                Estimate e = Summary.estimate(v);
                x[y - 1] = y;
                mean[y - 1] = e.mean();
                lo[y - 1] = e.lo();
                hi[y - 1] = e.hi();
                ret.row(s.name(), String.valueOf(y), num(e.mean()), num(e.lo()), num(e.hi()), String.valueOf(e.n()));
            }
            Band social = trimNaN(s.name(), x, mean, lo, hi);
            if (social.x().length > 0) {
                returns.add(social);
            }
            for (int p = 0; p < parties.size(); p++) {
                double[][] bands = new double[6][years];
                for (int y = 1; y <= years; y++) {
                    double[] sp = new double[s.runs.size()];
                    double[] av = new double[s.runs.size()];
                    for (int r = 0; r < sp.length; r++) {
                        sp[r] = s.runs.get(r).spent[y - 1][p] / 1e6;
                        av[r] = s.runs.get(r).avoided[y - 1][p] / 1e6;
                    }
                    Estimate es = Summary.estimate(sp);
                    Estimate ea = Summary.estimate(av);
                    bands[0][y - 1] = es.mean();
                    bands[1][y - 1] = es.lo();
                    bands[2][y - 1] = es.hi();
                    bands[3][y - 1] = ea.mean();
                    bands[4][y - 1] = ea.lo();
                    bands[5][y - 1] = ea.hi();
                    csv.row(s.name(), String.valueOf(y), parties.get(p), num(es.mean() * 1e6), num(es.lo() * 1e6),
                            num(es.hi() * 1e6), num(ea.mean() * 1e6), num(ea.lo() * 1e6), num(ea.hi() * 1e6),
                            String.valueOf(es.n()));
                    if (y == years) {
                        spentEnd[p][i] = es.mean();
                        avoidedEnd[p][i] = ea.mean();
                    }
                }
                if (years > 0 && (bands[0][years - 1] > 0 || bands[3][years - 1] > 0)) {
                    String party = parties.get(p).replace('_', ' ');
                    partyBands.add(new Band(party + " — avoided", x.clone(), bands[3], bands[4], bands[5], false));
                    partyBands.add(new Band(party + " — spent", x.clone(), bands[0], bands[1], bands[2], true));
                }
            }
            if (!partyBands.isEmpty()) {
                figure(Charts.timeSeries(s.name() + ": cumulative money per party", "year", "million euro", partyBands),
                        "costs-parties-" + (summary.scenarios.indexOf(s) + 1), SMALL_W, SMALL_H + 110,
                        esc(s.name()) + ": each party's cumulative spending (dashed) and avoided costs (solid), million euro.");
            }
        }
        html.append("</div>\n<div class=\"grid\">\n");
        List<String> names = with.stream().map(Summary.Scenario::name).toList();
        if (!returns.isEmpty()) {
            figure(Charts.timeSeries("Social return per euro over time", "year", "euro avoided per euro spent", returns),
                    "costs-social-return", WIDE_W, WIDE_H,
                    "Cumulative avoided costs per euro spent, all parties, per scenario. Above 1 the programme pays for "
                    + "itself in avoided escalations alone; look at how long that takes.");
        }
        List<String> partyNames = parties.stream().map(p -> p.replace('_', ' ')).toList();
        figure(Charts.stackedBars("Spent by the end, per party", "million euro", names, partyNames, spentEnd),
                "costs-spent", WIDE_W, WIDE_H, "Who paid: cumulative spending per party at the end of the run.");
        figure(Charts.stackedBars("Avoided by the end, per party", "million euro", names, partyNames, avoidedEnd),
                "costs-avoided", WIDE_W, WIDE_H, "Who gained: cumulative avoided costs per party at the end of the run.");
        html.append("</div>\n");
        csv.write(dir.resolve("summary-costs.csv"));
        ret.write(dir.resolve("summary-social-return.csv"));
    }

    private static Band trimNaN(String label, double[] x, double[] mean, double[] lo, double[] hi) {
        int from = 0;
        while (from < mean.length && Double.isNaN(mean[from])) {
            from++;
        }
        int n = mean.length - from;
        double[][] a = new double[4][n];
        System.arraycopy(x, from, a[0], 0, n);
        System.arraycopy(mean, from, a[1], 0, n);
        System.arraycopy(lo, from, a[2], 0, n);
        System.arraycopy(hi, from, a[3], 0, n);
        return new Band(label, a[0], a[1], a[2], a[3], false);
    }

    private void maps() throws IOException {
        html.append("<h2 id=\"maps\">The city by liveability class</h2>\n<p class=\"note\">The neighbourhoods as tiles "
                + "in the order of the city's definition, coloured by liveability class (the class most replications "
                + "had; the number is the mean liveability score). The first map is the start; then each scenario at the "
                + "chosen years. Look for target neighbourhoods that change colour, and for whether the ranking holds.</p>\n"
                + "<div class=\"grid\">\n");
        Csv csv = new Csv("scenario", "tick", "neighbourhood", "liveability_class", "liveability_class_name", "liveability");
        List<String> classes = new ArrayList<>();
        for (String c : RunMetrics.CLASSES) {
            classes.add(c.replace('_', ' '));
        }
        for (int si = 0; si < summary.scenarios.size(); si++) {
            Summary.Scenario s = summary.scenarios.get(si);
            for (Map.Entry<Integer, int[]> e : s.first().mapClass.entrySet()) {
                int tick = e.getKey();
                if (tick == 0 && si > 0 && sameStart(s, summary.scenarios.get(0))) {
                    continue;
                }
                List<Tile> tiles = new ArrayList<>();
                List<String> hoods = s.first().neighbourhoods;
                for (int j = 0; j < hoods.size(); j++) {
                    int[] count = new int[RunMetrics.CLASSES.length + 1];
                    double live = 0;
                    for (RunMetrics r : s.runs) {
                        int c = r.mapClass.get(tick)[j];
                        count[Math.max(0, Math.min(RunMetrics.CLASSES.length, c))]++;
                        live += r.mapLiveability.get(tick)[j] / s.runs.size();
                    }
                    int mode = 1;
                    for (int c = 1; c <= RunMetrics.CLASSES.length; c++) {
                        if (count[c] > count[mode]) {
                            mode = c;
                        }
                    }
                    String name = hoods.get(j);
                    tiles.add(new Tile(name + (s.focus.contains(name) ? " *" : ""), j % MAP_COLUMNS, j / MAP_COLUMNS,
                            mode - 1, String.format(Locale.ROOT, "%.1f", live)));
                    csv.row(s.name(), String.valueOf(tick), name, String.valueOf(mode), RunMetrics.CLASSES[mode - 1], num(live));
                }
                String when = tick == 0 ? "start" : "year " + fmt(tick / 12.0);
                String title = (tick == 0 && si == 0 && summary.scenarios.size() > 1 ? "All scenarios" : s.name()) + ", " + when;
                figure(Charts.cityMap(title, tiles, classes), "map-" + (si + 1) + "-tick-" + tick, SMALL_W, 340,
                        esc(title) + ": liveability class per neighbourhood (* marks the targets).");
            }
        }
        html.append("</div>\n");
        csv.write(dir.resolve("summary-maps.csv"));
    }

    /** Whether two scenarios start from the same city (same maps at tick 0 in every replication). */
    private static boolean sameStart(Summary.Scenario a, Summary.Scenario b) {
        if (!a.group.seeds().equals(b.group.seeds())) {
            return false;
        }
        for (int r = 0; r < a.runs.size(); r++) {
            int[] x = a.runs.get(r).mapClass.get(0);
            int[] y = b.runs.get(r).mapClass.get(0);
            if (x == null || y == null || !java.util.Arrays.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

    private void sweeps() throws IOException {
        html.append("<h2 id=\"sweeps\">Sweeps: response curves and sensitivity</h2>\n");
        List<Summary.Scenario> sc = summary.scenarios;
        Summary.Scenario ref = sc.get(0);
        // scenarios that differ from the first in exactly one numeric parameter
        Map<String, List<Summary.Scenario>> byParameter = new LinkedHashMap<>();
        Map<Summary.Scenario, String> value = new LinkedHashMap<>();
        for (Summary.Scenario s : sc.subList(1, sc.size())) {
            Map<String, String> d = Summary.differences(ref.group, s.group);
            if (d.size() == 1) {
                Map.Entry<String, String> e = d.entrySet().iterator().next();
                if (!Double.isNaN(Summary.numeric(e.getValue()))) {
                    byParameter.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(s);
                    value.put(s, e.getValue());
                }
            }
        }
        if (value.size() < 2) {
            html.append("<p class=\"note\">No sweep among the inputs: response curves need at least two scenarios that "
                    + "differ from the first in one and the same numeric parameter, sensitivity bars at least two that each "
                    + "differ from it in one numeric parameter (e.g. runs made with <code>--set</code>).</p>\n");
            return;
        }
        Csv csv = new Csv("parameter", "value", "scenario", "metric", "mean", "lo", "hi", "n", "difference", "difference_lo",
                "difference_hi");
        int[] metrics = {0, 4, 1, 3};
        html.append("<div class=\"grid\">\n");
        for (Map.Entry<String, List<Summary.Scenario>> p : byParameter.entrySet()) {
            if (p.getValue().size() < 2) {
                continue;
            }
            String parameter = p.getKey();
            List<Summary.Scenario> points = new ArrayList<>(p.getValue());
            String refValue = Summary.leaves(ref.group).get(parameter);
            if (refValue != null && !Double.isNaN(Summary.numeric(refValue))) {
                points.add(ref);
            }
            points.sort(Comparator.comparingDouble(s -> Summary.numeric(s == ref ? refValue : value.get(s))));
            for (int m : metrics) {
                double[] x = new double[points.size()];
                double[] mean = new double[points.size()];
                double[] lo = new double[points.size()];
                double[] hi = new double[points.size()];
                for (int i = 0; i < points.size(); i++) {
                    Summary.Scenario s = points.get(i);
                    x[i] = Summary.numeric(s == ref ? refValue : value.get(s));
                    Estimate e = s.key(m);
                    mean[i] = e.mean();
                    lo[i] = e.lo();
                    hi[i] = e.hi();
                }
                if (java.util.Arrays.stream(mean).anyMatch(Double::isNaN)) {
                    continue;
                }
                String id = "sweep-" + slug(parameter) + "-" + slug(Summary.KEY_METRICS[m]);
                figure(Charts.responseCurve(Summary.KEY_LABELS[m], parameter, Summary.KEY_LABELS[m],
                        List.of(new Band(parameter, x, mean, lo, hi, false))), id, SMALL_W, SMALL_H,
                        "Response of " + esc(Summary.KEY_LABELS[m]) + " to <code>" + esc(parameter) + "</code>, with 95 % "
                        + "intervals over replications.");
            }
        }
        html.append("</div>\n");
        List<Summary.Scenario> oat = new ArrayList<>(value.keySet());
        html.append("<div class=\"grid\">\n");
        for (int m : metrics) {
            List<String> labels = new ArrayList<>();
            List<Estimate> effects = new ArrayList<>();
            for (Summary.Scenario s : oat) {
                Estimate d = Summary.difference(ref, s, m);
                String parameter = Summary.differences(ref.group, s.group).keySet().iterator().next();
                Estimate e = s.key(m);
                csv.row(parameter, value.get(s), s.name(), Summary.KEY_METRICS[m], num(e.mean()), num(e.lo()), num(e.hi()),
                        String.valueOf(e.n()), num(d.mean()), num(d.lo()), num(d.hi()));
                if (!Double.isNaN(d.mean())) {
                    labels.add(parameter + " = " + value.get(s));
                    effects.add(d);
                }
            }
            if (labels.size() >= 2) {
                figure(Charts.sensitivityBars("Sensitivity: " + Summary.KEY_LABELS[m], "difference from '" + ref.name() + "'",
                        labels, effects.toArray(new Estimate[0])), "sensitivity-" + slug(Summary.KEY_METRICS[m]), SMALL_W,
                        Math.max(SMALL_H, 60 + 28 * labels.size()),
                        "One-at-a-time sensitivity: the change in " + esc(Summary.KEY_LABELS[m]) + " when one parameter "
                        + "differs from '" + esc(ref.name()) + "', with 95 % intervals (paired by seed where possible).");
            }
        }
        html.append("</div>\n");
        csv.write(dir.resolve("summary-sweeps.csv"));
    }

    /** A value of run r at tick index k. */
    private interface RunValue {
        double at(int r, int k);
    }

    /** Told the estimate at each tick (for a CSV row). */
    private interface TickEstimate {
        void at(int tick, Estimate e);
    }

    /** A band over the ticks (in years): the mean over the runs at each tick with its 95 % interval. */
    private static Band band(String label, int[] ticks, int runs, RunValue value, boolean dashed, TickEstimate row) {
        double[] x = new double[ticks.length];
        double[] mean = new double[ticks.length];
        double[] lo = new double[ticks.length];
        double[] hi = new double[ticks.length];
        for (int k = 0; k < ticks.length; k++) {
            double[] v = new double[runs];
            for (int r = 0; r < runs; r++) {
                v[r] = value.at(r, k);
            }
            Estimate e = Summary.estimate(v);
            x[k] = ticks[k] / 12.0;
            mean[k] = e.mean();
            lo[k] = e.lo();
            hi[k] = e.hi();
            row.at(ticks[k], e);
        }
        return new Band(label, x, mean, lo, hi, dashed);
    }

    private void figure(Chart chart, String id, int w, int h, String captionHtml) throws IOException {
        ChartFiles.write(chart, dir.resolve("charts"), id, w, h);
        charts.add(id);
        html.append("<figure").append(w >= WIDE_W ? " class=\"wide\"" : "").append("><img src=\"charts/").append(id)
                .append(".png\" width=\"").append(w).append("\" height=\"").append(h).append("\" alt=\"")
                .append(esc(stripTags(captionHtml))).append("\"><figcaption>").append(captionHtml)
                .append(" <a href=\"charts/").append(id).append(".svg\">SVG</a></figcaption></figure>\n");
    }

    // ---- formatting ---------------------------------------------------------------------------

    /** A number for the summary CSVs: 6 significant digits, plain notation; NaN is NA. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** A number for reading: 3 significant digits, thousands unseparated. */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }

    private static String signed(double v) {
        return (v > 0 ? "+" : "") + fmt(v);
    }

    private static String ci(Estimate e) {
        return e.n() < 2 ? "(n=" + e.n() + ")" : "[" + fmt(e.lo()) + ", " + fmt(e.hi()) + "]";
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String slug(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return t.isEmpty() ? "x" : t;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String stripTags(String s) {
        return s.replaceAll("<[^>]*>", "").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"");
    }

    /** A small CSV writer for the summary files (quotes cells with commas or quotes). */
    private static final class Csv {
        private final StringBuilder sb = new StringBuilder();
        private final int columns;

        Csv(String... header) {
            columns = header.length;
            row(header);
        }

        void row(String... cells) {
            if (cells.length != columns) {
                throw new IllegalStateException("row of " + cells.length + " cells, header " + columns);
            }
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                String c = cells[i];
                if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0) {
                    sb.append('"').append(c.replace("\"", "\"\"")).append('"');
                } else {
                    sb.append(c);
                }
            }
            sb.append('\n');
        }

        void write(Path file) throws IOException {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        }
    }
}
