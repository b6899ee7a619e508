package org.wijklab.gui;

import java.awt.Color;
import sim.util.gui.ColorMap;

/**
 * The map's colours: a value in [0, 1] on a sequential scale from dark purple (low) through teal to
 * yellow (high), readable with the common colour-vision deficiencies and in grey print; vacant
 * dwellings light grey, households the layer does not count mid grey, outside the city white; the
 * two colours of the moves' trail; and the marks of helped households.
 */
final class Colours implements ColorMap {
    /** Stops of the scale at 0, 0.25, 0.5, 0.75 and 1. */
    private static final int[] STOPS = {0x440154, 0x3B528B, 0x21908C, 0x5DC863, 0xFDE725};
    static final Color VACANT = new Color(0xD9D9D9);
    static final Color NONE = new Color(0x9E9E9E);
    static final Color OUTSIDE = Color.WHITE;
    /**
     * The moves' trail: a mover whose household has someone in work sky blue, one without anyone in
     * work vermillion (Okabe and Ito's palette: told apart with the common colour-vision
     * deficiencies, and light against dark in grey print); while a month has few moves, each line
     * on a dark grey halo so that it stands out on any colour of the map's scale (opaque: a
     * translucent halo costs more to draw).
     */
    static final Color MOVER_EMPLOYED = new Color(0x56B4E9);
    static final Color MOVER_NOT_EMPLOYED = new Color(0xD55E00);
    static final Color MOVE_HALO = new Color(0x303030);
    /** The month before's moves: the same two colours paled halfway to white. */
    static final Color MOVER_EMPLOYED_BEFORE = pale(MOVER_EMPLOYED);
    static final Color MOVER_NOT_EMPLOYED_BEFORE = pale(MOVER_NOT_EMPLOYED);
    /**
     * Households helped by a programme ({@link HelpLayer}): a member helped this month reddish purple
     * (Okabe and Ito's palette, apart from the trail's two colours, the targets' orange and the map's
     * scale), helped before the same colour paled halfway to white (and drawn thinner).
     */
    static final Color HELPED_NOW = new Color(0xCC79A7);
    static final Color HELPED_BEFORE = pale(HELPED_NOW);
    private static final int LEVELS = 101;
    private final Color[] table = new Color[LEVELS];

    Colours() {
        for (int i = 0; i < LEVELS; i++) {
            table[i] = interpolate(i / (double) (LEVELS - 1));
        }
    }

    private static Color pale(Color c) {
        return new Color((c.getRed() + 255) / 2, (c.getGreen() + 255) / 2, (c.getBlue() + 255) / 2);
    }

    static Color interpolate(double v) {
        double t = Math.max(0, Math.min(1, v)) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) t);
        double f = t - i;
        int a = STOPS[i];
        int b = STOPS[i + 1];
        int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
        int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
        return new Color(r, g, bl);
    }

    @Override
    public Color getColor(double level) {
        if (level == CityView.VACANT) {
            return VACANT;
        }
        if (level == CityView.NONE) {
            return NONE;
        }
        if (level < 0 || Double.isNaN(level)) {
            return OUTSIDE;
        }
        return table[(int) Math.round(Math.min(1, level) * (LEVELS - 1))];
    }

    @Override
    public int getRGB(double level) {
        return getColor(level).getRGB();
    }

    @Override
    public int getAlpha(double level) {
        return 255;
    }

    @Override
    public boolean validLevel(double level) {
        return true;
    }

    @Override
    public double defaultValue() {
        return CityView.OUTSIDE;
    }
}
