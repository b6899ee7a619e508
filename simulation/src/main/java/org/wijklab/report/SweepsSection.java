package org.wijklab.report;

import static org.wijklab.report.Html.esc;
import static org.wijklab.report.Html.num;
import static org.wijklab.report.Html.slug;
import static org.wijklab.report.Page.SMALL_H;
import static org.wijklab.report.Page.SMALL_W;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wijklab.report.chart.Band;
import org.wijklab.report.chart.Charts;
import org.wijklab.report.chart.Estimate;

/** Scenarios that differ from the first in one numeric parameter: response curves and one-at-a-time sensitivity (summary-sweeps.csv). */
final class SweepsSection extends ComparisonSection {
    SweepsSection(Comparison c) {
        super(c);
    }

    @Override
    public String id() {
        return "sweeps";
    }

    @Override
    public String title() {
        return "Sweeps";
    }

    @Override
    public void write(Page page) throws IOException {
        StringBuilder html = page.html();
        Path dir = page.dir();
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
        SummaryCsv csv = new SummaryCsv("parameter", "value", "scenario", "metric", "mean", "lo", "hi", "n", "difference", "difference_lo",
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
                page.figure(Charts.responseCurve(Summary.KEY_LABELS[m], parameter, Summary.KEY_LABELS[m],
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
                page.figure(Charts.sensitivityBars("Sensitivity: " + Summary.KEY_LABELS[m], "difference from '" + ref.name() + "'",
                        labels, effects.toArray(new Estimate[0])), "sensitivity-" + slug(Summary.KEY_METRICS[m]), SMALL_W,
                        Math.max(SMALL_H, 60 + 28 * labels.size()),
                        "One-at-a-time sensitivity: the change in " + esc(Summary.KEY_LABELS[m]) + " when one parameter "
                        + "differs from '" + esc(ref.name()) + "', with 95 % intervals (paired by seed where possible).");
            }
        }
        html.append("</div>\n");
        csv.write(dir.resolve("summary-sweeps.csv"));
    }
}
