package org.wijklab.report.chart;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's colours: the Okabe–Ito colour-blind-friendly series palette, assigned in order of
 * appearance, and the red–yellow–green ramp of the city map's classes.
 */
final class Palette {
    /**
     * Series colours in the order they are handed out: Okabe–Ito's eight, then Paul Tol's muted
     * scheme (nine more, told apart from the first eight); past those, hues spaced by the golden
     * angle, so that no colour repeats within a chart.
     */
    private static final Color[] SERIES = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000),
        new Color(0x332288), new Color(0x88CCEE), new Color(0x44AA99), new Color(0x117733),
        new Color(0x999933), new Color(0xDDCC77), new Color(0xCC6677), new Color(0x882255),
        new Color(0xAA4499),
    };

    /**
     * Anchors of the class ramp from worst to best. Red is dark, yellow light and green in between,
     * so that neighbouring classes differ in lightness as well as in hue.
     */
    private static final Color[] RAMP = {
        new Color(0xB2182B), new Color(0xF46D43), new Color(0xFEE08B), new Color(0x91CF60), new Color(0x1A9850),
    };

    /** Separator between a label's family and the rest of it, as in "krachtwijk — targets". */
    private static final String FAMILY_SEPARATOR = " — ";

    static final Color TEXT = new Color(0x222222);
    static final Color AXIS = new Color(0x666666);
    static final Color GRID = new Color(0xE0E0E0);
    static final Color ZERO_LINE = new Color(0x555555);
    /** The reference drawn in every panel of small multiples. */
    static final Color REFERENCE = new Color(0x9E9E9E);
    static final Color ERROR_BAR = new Color(0x333333);
    static final Color NO_DATA = new Color(0xD9D9D9);
    /** Series beside a class ramp (e.g. "outside the city"): greys and a blue, none on the ramp. */
    static final Color[] OTHER = {new Color(0x555555), new Color(0x9E9E9E), new Color(0x2166AC)};

    /** Opacity of a confidence band drawn in its line's colour. */
    static final float BAND_ALPHA = 0.22f;

    private Palette() {
    }

    /** The colour of the {@code index}-th series (0-based). */
    static Color series(int index) {
        if (index < SERIES.length) {
            return SERIES[index];
        }
        float hue = (float) ((index - SERIES.length) * 0.6180339887 % 1.0);
        return Color.getHSBColor(hue, 0.75f, index % 2 == 0 ? 0.55f : 0.8f);
    }

    /** The family of a label: its text before " — ", or the whole label if there is none. */
    static String family(String label) {
        int cut = label.indexOf(FAMILY_SEPARATOR);
        return cut < 0 ? label : label.substring(0, cut);
    }

    /** One colour per label, shared by labels of the same family, families coloured in order of appearance. */
    static List<Color> byFamily(List<String> labels) {
        Map<String, Color> families = new LinkedHashMap<>();
        for (String label : labels) {
            families.computeIfAbsent(family(label), f -> series(families.size()));
        }
        return labels.stream().map(label -> families.get(family(label))).toList();
    }

    /** The fill of class {@code cls} of {@code classes} (worst first), or light grey for -1 ("no data"). */
    static Color classColour(int cls, int classes) {
        if (cls < 0) {
            return NO_DATA;
        }
        double t = classes == 1 ? 0.5 : (double) cls / (classes - 1);
        double position = t * (RAMP.length - 1);
        int low = Math.min((int) position, RAMP.length - 2);
        return mix(RAMP[low], RAMP[low + 1], position - low);
    }

    /** Near-black or white, whichever contrasts more with {@code fill}. */
    static Color textOn(Color fill) {
        double luminance = luminance(fill);
        double againstWhite = 1.05 / (luminance + 0.05);
        double againstBlack = (luminance + 0.05) / 0.05;
        return againstBlack >= againstWhite ? TEXT : Color.WHITE;
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    /** WCAG relative luminance of an sRGB colour. */
    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : StrictMath.pow((c + 0.055) / 1.055, 2.4);
    }
}
