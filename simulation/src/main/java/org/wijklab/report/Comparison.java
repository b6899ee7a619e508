package org.wijklab.report;

import static org.wijklab.report.Html.esc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sections of a comparison report share: the {@link Summary} of the runs, the horizon
 * year, the money per scenario, and the rows of {@code summary-effects.csv} (the place's effects,
 * then the cohort's, written by two sections).
 */
final class Comparison {
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

    final Summary summary;
    /** The year the one-screen summary and the money are read at (1 to the runs' last year). */
    final int horizon;
    /** Per scenario with realised costs: its money per pair ({@link Money}). */
    final Map<Summary.Scenario, Money> money = new LinkedHashMap<>();
    /** The rows of summary-effects.csv: the place's effects, then the cohort's. */
    final SummaryCsv effectRows = new SummaryCsv("scenario", "metric", "tick", "year", "mean", "lo", "hi", "n", "measure");

    /** The leak and hazard of the programme scenarios, read on first use (by the summary and its own section). */
    private Leak leak;

    Comparison(Summary summary, int horizon) {
        this.summary = summary;
        this.horizon = horizon;
        List<Summary.Scenario> sc = summary.scenarios;
        for (Summary.Scenario s : sc.subList(Math.min(1, sc.size()), sc.size())) {
            if (!s.realised.isEmpty()) {
                money.put(s, Money.of(s));
            }
        }
    }

    /** The leak and out-move hazard of every programme scenario against its counterfactual ({@link Leak}). */
    Leak leak() {
        if (leak == null) {
            leak = Leak.of(summary);
        }
        return leak;
    }

    /**
     * Which scenario each is compared with, for the notes: the first, and the pairs that differ from
     * it (a scenario with programmes against the same scenario without them).
     */
    static String againstRule(List<Summary.Scenario> sc) {
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
}
