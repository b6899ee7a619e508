package org.wijklab.report;

import java.util.Map;

/** A section of the comparison report: it reads the runs' {@link Comparison}. */
abstract class ComparisonSection implements Section {
    final Summary summary;
    final int horizon;
    final Map<Summary.Scenario, Money> money;
    final SummaryCsv effectRows;
    /** The comparison itself, for what is computed on first use ({@link Comparison#leak()}). */
    final Comparison comparison;

    ComparisonSection(Comparison c) {
        this.summary = c.summary;
        this.horizon = c.horizon;
        this.money = c.money;
        this.effectRows = c.effectRows;
        this.comparison = c;
    }
}
