package org.wijklab.report.chart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.TickUnitSource;

/**
 * JFreeChart's standard tick units (1, 2 and 5 times a power of ten) with its label patterns, but
 * with the root locale's symbols: '0.2' and '1,000' whatever the JVM's locale, as the CSVs write
 * numbers. (JFreeChart makes its patterns with the default locale, so a German JVM drew '0,2'.) One
 * per axis: the source it wraps keeps state between calls.
 */
final class RootTickUnits implements TickUnitSource {
    private static final DecimalFormatSymbols ROOT = DecimalFormatSymbols.getInstance(Locale.ROOT);

    private final NumberTickUnitSource sizes = new NumberTickUnitSource();

    @Override
    public TickUnit getLargerTickUnit(TickUnit unit) {
        return inRoot(sizes.getLargerTickUnit(unit));
    }

    @Override
    public TickUnit getCeilingTickUnit(TickUnit unit) {
        return inRoot(sizes.getCeilingTickUnit(unit));
    }

    @Override
    public TickUnit getCeilingTickUnit(double size) {
        return inRoot(sizes.getCeilingTickUnit(size));
    }

    /** The same unit with JFreeChart's pattern for its power of ten, in the root locale. */
    private static TickUnit inRoot(TickUnit unit) {
        double size = unit.getSize();
        int power = (int) Math.floor(StrictMath.log10(size) + 1e-9);
        String pattern = switch (power) {
            case -4 -> "0.0000";
            case -3 -> "0.000";
            case -2 -> "0.00";
            case -1 -> "0.0";
            default -> power >= 0 && power <= 6 ? "#,##0" : "#.######E0";
        };
        return new NumberTickUnit(size, new DecimalFormat(pattern, ROOT), unit.getMinorTickCount());
    }
}
