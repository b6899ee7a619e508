package org.wijklab.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Estimate;

/**
 * A Morris or Sobol sweep's sensitivity indices (sensitivity.csv): Morris's ranking by mu* and mu*
 * against sigma, or Sobol's S1 and ST bars, each with the noise floor of the design's dummy beside it;
 * the indices that could not be estimated listed with their reason.
 */
final class SensitivitySection implements Section {
    /** Points named on a Morris mu*-sigma plot: the largest effects; the ranking beside it names them all. */
    static final int MORRIS_LABELS = 8;

    private final SweepReport.SweepFiles f;

    SensitivitySection(SweepReport.SweepFiles f) {
        this.f = f;
    }

    @Override
    public String id() {
        return "sensitivity";
    }

    @Override
    public String title() {
        return "Sensitivity";
    }

    @Override
    public void write(Page page) throws IOException {
        Table s = f.sensitivity();
        List<String> parameters = f.parameters();
        List<String> metrics = f.metrics();
        String design = f.design();
        String dummy = f.dummy();
        StringBuilder html = page.html();
        html.append("<h2 id=\"sensitivity\">Sensitivity</h2>\n<p class=\"note\">").append(design.equals("morris")
                ? "Morris's elementary effects on each point's mean over its replications, in units of the metric per "
                + "whole range of the parameter: far to the right (mu*) a parameter matters; high up (sigma) its effect "
                + "depends on the others or is not linear."
                : "Sobol indices (Saltelli's scheme): S1, the share of the metric's variance a parameter explains alone; "
                + "ST, its share with all its interactions; whiskers are 95 % bootstrap intervals.").append("</p>\n");
        html.append("<div class=\"grid\">\n");
        List<String> notEstimated = new ArrayList<>();
        for (String metric : metrics) {
            Map<String, Map<String, double[]>> byParam = new LinkedHashMap<>();
            for (int r = 0; r < s.size(); r++) {
                if (!s.text(r, "metric").equals(metric)) {
                    continue;
                }
                byParam.computeIfAbsent(s.text(r, "parameter"), k -> new LinkedHashMap<>()).put(s.text(r, "index"),
                        new double[] {number(s, r, "value"), number(s, r, "ci_low"), number(s, r, "ci_high")});
                if (s.text(r, "value").equals("NA")) {
                    String reason = s.has("reason") ? s.text(r, "reason") : "";
                    notEstimated.add("<li><code>" + Html.esc(metric) + "</code>, " + Html.esc(s.text(r, "parameter"))
                            + ", " + Html.esc(s.text(r, "index")) + (reason.isEmpty() ? "" : ": " + Html.esc(reason))
                            + "</li>");
                }
            }
            if (design.equals("morris")) {
                double[] x = new double[parameters.size()];
                double[] y = new double[parameters.size()];
                for (int p = 0; p < x.length; p++) {
                    Map<String, double[]> idx = byParam.getOrDefault(parameters.get(p), Map.of());
                    x[p] = idx.getOrDefault("mu_star", new double[] {Double.NaN})[0];
                    y[p] = idx.getOrDefault("sigma", new double[] {Double.NaN})[0];
                }
                // an index that could not be estimated (NA) is no bar at 0: it is left out and listed below
                List<String> ranked = new ArrayList<>();
                List<Estimate> muStar = new ArrayList<>();
                for (String parameter : parameters) {
                    double[] v = byParam.getOrDefault(parameter, Map.of()).get("mu_star");
                    if (v != null && !Double.isNaN(v[0])) {
                        ranked.add(parameter);
                        muStar.add(estimate(v));
                    }
                }
                if (!ranked.isEmpty()) {
                    page.figure(Charts.sensitivityBars("Morris ranking: " + metric, "mu* (mean absolute effect over the range)",
                            ranked, muStar.toArray(new Estimate[0])), "morris-rank-" + Html.slug(metric),
                            SweepReport.W, SweepReport.H,
                            "The parameters of <code>" + Html.esc(metric) + "</code> ranked by Morris's mu*, with 95 % "
                            + "bootstrap intervals" + (ranked.size() < parameters.size() ? " (NA ones left out)" : "") + "."
                            + Html.esc(floor(byParam, parameters, dummy, "mu_star") + noiseShare(metric)));
                }
                page.figure(Charts.labelledScatter("Morris: " + metric, "mu* (mean absolute effect)", "sigma", parameters, x, y,
                        MORRIS_LABELS), "morris-" + Html.slug(metric), SweepReport.W, SweepReport.H,
                        "Morris's mu* against sigma for <code>"
                        + Html.esc(metric) + "</code>" + (parameters.size() > MORRIS_LABELS ? " (the " + MORRIS_LABELS
                        + " of largest mu* named)" : "") + ".");
            } else {
                List<String> shown = new ArrayList<>();
                List<Estimate> first = new ArrayList<>();
                List<Estimate> total = new ArrayList<>();
                for (String parameter : parameters) {
                    Map<String, double[]> idx = byParam.getOrDefault(parameter, Map.of());
                    double[] a = idx.get("S1");
                    double[] b = idx.get("ST");
                    if (a != null && b != null && !Double.isNaN(a[0]) && !Double.isNaN(b[0])) {
                        shown.add(parameter);
                        first.add(estimate(a));
                        total.add(estimate(b));
                    }
                }
                if (!shown.isEmpty()) {
                    page.figure(Charts.groupedBars("Sobol indices: " + metric, "share of variance", shown,
                            List.of("first order (S1)", "total (ST)"), new Estimate[][] {first.toArray(new Estimate[0]),
                                total.toArray(new Estimate[0])}), "sobol-" + Html.slug(metric), SweepReport.W, SweepReport.H,
                            "Sobol's first-order and total indices of <code>" + Html.esc(metric) + "</code>"
                            + (shown.size() < parameters.size() ? " (NA ones left out)" : "") + "."
                            + Html.esc(floor(byParam, parameters, dummy, "S1") + floor(byParam, parameters, dummy, "ST")
                                    + noiseShare(metric)));
                }
            }
        }
        html.append("</div>\n");
        if (!notEstimated.isEmpty()) {
            html.append("<p class=\"note\">Indices that could not be estimated (NA in <code>sensitivity.csv</code>), "
                    + "with the reason:</p>\n<ul>\n").append(String.join("\n", notEstimated)).append("\n</ul>\n");
        }
    }

    /**
     * The noise floor beside a ranking by one index: the upper end of the dummy's 95 % bootstrap
     * interval of that index (a parameter that only changes the random stream reaches it with
     * probability about 2.5 %), and the parameters whose estimate lies above it.
     */
    static String floor(Map<String, Map<String, double[]>> byParam, List<String> parameters, String dummy, String index) {
        if (dummy == null) {
            return " No dummy parameter in this design (\"dummy\": false), so no noise floor: a small index may be the seed's.";
        }
        double[] d = byParam.getOrDefault(dummy, Map.of()).get(index);
        if (d == null || Double.isNaN(d[2])) {
            return " Noise floor of " + index + ": NA (the dummy's interval could not be estimated).";
        }
        List<String> above = new ArrayList<>();
        int real = 0;
        for (String p : parameters) {
            if (p.equals(dummy)) {
                continue;
            }
            real++;
            double[] v = byParam.getOrDefault(p, Map.of()).get(index);
            if (v != null && v[0] > d[2]) {
                above.add(p);
            }
        }
        return String.format(java.util.Locale.ROOT, " Noise floor of %s (the upper end of the dummy's 95 %% interval, "
                + "what the seed alone gives): %.4g; above it: %s (%d of %d parameters).", index, d[2],
                above.isEmpty() ? "none" : String.join(", ", above), above.size(), real);
    }

    /** The metric's seed-noise share from noise.csv, as a sentence, or "". */
    private String noiseShare(String metric) {
        Table noise = f.noise();
        if (noise == null) {
            return "";
        }
        for (int r = 0; r < noise.size(); r++) {
            if (noise.text(r, "metric").equals(metric)) {
                String share = noise.text(r, "noise_share");
                return share.equals("NA") ? " Seed noise: NA (" + noise.text(r, "reason") + ")."
                        : String.format(java.util.Locale.ROOT, " Seed noise: %.1f %% of a single run's variance.",
                                100 * Double.parseDouble(share));
            }
        }
        return "";
    }

    private static Estimate estimate(double[] v) {
        if (v == null || Double.isNaN(v[0])) {
            return new Estimate(0.0, Double.NaN, Double.NaN, 0);
        }
        return new Estimate(v[0], v[1], v[2], 1);
    }

    private static double number(Table t, int r, String column) {
        String v = t.text(r, column);
        return v.equals("NA") ? Double.NaN : t.number(r, column);
    }
}
