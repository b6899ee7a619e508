package org.wijklab.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.wijklab.report.chart.Estimate;

/** The reports' formatting: numbers for the CSV files and for reading, intervals, HTML escapes, ids. */
final class Html {
    private Html() {
    }

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

    static String signed(double v) {
        return (v > 0 ? "+" : "") + fmt(v);
    }

    static String ci(Estimate e) {
        return e.n() < 2 ? "(n=" + e.n() + ")" : "[" + fmt(e.lo()) + ", " + fmt(e.hi()) + "]";
    }

    static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String slug(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return t.isEmpty() ? "x" : t;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String stripTags(String s) {
        return s.replaceAll("<[^>]*>", "").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"");
    }
}
