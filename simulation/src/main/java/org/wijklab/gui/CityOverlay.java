package org.wijklab.gui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;
import sim.portrayal.DrawInfo2D;
import sim.portrayal.FieldPortrayal2D;

/**
 * What the map shows over the dwellings: neighbourhood borders and names, programme targets (an
 * orange border), per neighbourhood the team's professionals and a best person's state and energy,
 * the dwellings moved into in the last months (white squares), the date, a legend in the band
 * below the city, and the keys of the helped households' marks (lower left) and of the
 * professionals' areas (upper left) while those layers are on. It draws in
 * the dwellings' coordinates ({@link CityView}), scaled to the display.
 */
final class CityOverlay extends FieldPortrayal2D {
    /** Rows of dwelling pixels below the city kept for the legend. */
    static final int LEGEND_ROWS = 14;
    /** Display pixels the legend's two rows of keys need at its smallest font (the size below). */
    static final double LEGEND_HEIGHT = 62;
    private static final double SMALLEST_FONT = 45;
    static final Color TARGET = new Color(0xFF7F0E);
    private final WijkLabModel model;
    private final CityView view;
    private final int[][] bounds;
    private final int[] edges;
    private boolean movers = true;
    private HelpLayer help;
    private ProfessionalLayer professionals;

    CityOverlay(WijkLabModel model, CityView view) {
        this.model = model;
        this.view = view;
        this.bounds = view.bounds();
        this.edges = edges(view);
        setField(view.hood);
    }

    void showMovers(boolean show) {
        movers = show;
    }

    /** The professionals' areas, whose key this overlay draws (upper left) while that layer is on. */
    void professionals(ProfessionalLayer layer) {
        professionals = layer;
    }

    /** The marks of helped households, whose key this overlay draws while that layer is on. */
    void help(HelpLayer layer) {
        help = layer;
    }

    @Override
    public void draw(Object object, Graphics2D g, DrawInfo2D info) {
        double s = info.draw.width / view.width;
        double ox = info.draw.x;
        double oy = info.draw.y;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        if (movers) {
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke((float) Math.max(1, s / 4)));
            for (int x = 0; x < view.width; x++) {
                for (int y = 0; y < view.height; y++) {
                    if (view.recentMoveIn(x, y)) {
                        g.draw(new Rectangle2D.Double(ox + x * s + s / 4, oy + y * s + s / 4, s / 2, s / 2));
                    }
                }
            }
        }
        Neighbourhoods nb = model.neighbourhoods();
        List<Programmes.Run> runs = model.programmes().runs();
        boolean[] target = new boolean[nb.count];
        for (Programmes.Run run : runs) {
            for (int j = 0; run.isTarget != null && j < nb.count; j++) {
                target[j] |= run.isTarget[j];
            }
        }
        // borders between neighbourhoods and at the city's edge, then the targets' own over them
        java.awt.geom.Path2D.Double all = new java.awt.geom.Path2D.Double();
        java.awt.geom.Path2D.Double targets = new java.awt.geom.Path2D.Double();
        int[] d = edges;
        for (int e = 0; e < d.length; e += 6) {
            boolean ofTarget = d[e + 4] >= 0 && target[d[e + 4]] || d[e + 5] >= 0 && target[d[e + 5]];
            for (java.awt.geom.Path2D.Double path : ofTarget ? List.of(all, targets) : List.of(all)) {
                path.moveTo(ox + d[e] * s, oy + d[e + 1] * s);
                path.lineTo(ox + d[e + 2] * s, oy + d[e + 3] * s);
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke((float) Math.max(1, s / 3)));
        g.draw(all);
        g.setColor(TARGET);
        g.setStroke(new BasicStroke((float) Math.max(2, s * 0.9)));
        g.draw(targets);
        int tick = model.tick();
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.max(9, Math.min(16, s * 2.2)));
        Font small = font.deriveFont(Font.PLAIN, font.getSize2D() * 0.85f);
        for (int j = 0; j < bounds.length; j++) {
            if (bounds[j] == null) {
                continue;
            }
            double x0 = ox + bounds[j][0] * s;
            double y0 = oy + bounds[j][1] * s;
            double w = (bounds[j][2] - bounds[j][0] + 1) * s;
            double hh = (bounds[j][3] - bounds[j][1] + 1) * s;
            String extra = null;
            for (Programmes.Run run : runs) {
                if (run.isTarget != null && run.isTarget[j]) {
                    extra = bestPerson(run, j, tick);
                }
            }
            double fte = model.effects().professionals[j];
            String team = fte > 0.05 ? String.format(Locale.ROOT, "team %.1f fte", fte) : null;
            label(g, font, nb.name[j], x0 + s, y0 + s, w - 2 * s, 0);
            int line = 1;
            if (team != null) {
                label(g, small, team, x0 + s, y0 + s, w - 2 * s, line++);
            }
            if (extra != null) {
                label(g, small, extra, x0 + s, y0 + s, w - 2 * s, line);
            }
        }
        double band = LEGEND_ROWS * s;
        double legendTop = oy + view.height * s;
        // the legend needs about LEGEND_HEIGHT pixels: it runs on below its band where the display has
        // room; where it has none (a map scaled down to its window), it is drawn smaller to fit
        double room = Math.max(band, info.clip == null ? band : info.clip.getMaxY() - legendTop);
        if (room < LEGEND_HEIGHT) {
            java.awt.geom.AffineTransform before = g.getTransform();
            double k = room / LEGEND_HEIGHT;
            g.translate(ox, legendTop);
            g.scale(k, k);
            legend(g, 0, 0, info.draw.width / k, LEGEND_HEIGHT, SMALLEST_FONT, s / k);
            g.setTransform(before);
        } else {
            legend(g, ox, legendTop, info.draw.width, band, band, s);
        }
        if (help != null && help.takeDrawn()) {
            help.key(g, ox, legendTop, info.draw.width >= 700 ? 11 : 9);
        }
        if (professionals != null && professionals.takeDrawn()) {
            professionals.key(g, ox, oy, info.draw.width >= 700 ? 11 : 9);
        }
    }

    /**
     * The map's borders in the view's units, six ints an edge: its two ends (x1, y1, x2, y2) and the
     * neighbourhoods on either side (-1 outside the city). The map never changes, so they are found once.
     */
    private static int[] edges(CityView view) {
        int[][] h = view.hood.field;
        java.util.ArrayList<int[]> out = new java.util.ArrayList<>();
        for (int x = 0; x < view.width; x++) {
            for (int y = 0; y < view.height; y++) {
                int j = h[x][y];
                int right = x + 1 < view.width ? h[x + 1][y] : -1;
                int below = y + 1 < view.height ? h[x][y + 1] : -1;
                if (j != right && (j >= 0 || right >= 0)) {
                    out.add(new int[] {x + 1, y, x + 1, y + 1, j, right});
                }
                if (j != below && (j >= 0 || below >= 0)) {
                    out.add(new int[] {x, y + 1, x + 1, y + 1, j, below});
                }
                if (j >= 0 && x == 0) {
                    out.add(new int[] {0, y, 0, y + 1, j, -1});
                }
                if (j >= 0 && y == 0) {
                    out.add(new int[] {x, 0, x + 1, 0, j, -1});
                }
            }
        }
        int[] flat = new int[6 * out.size()];
        for (int k = 0; k < out.size(); k++) {
            System.arraycopy(out.get(k), 0, flat, 6 * k, 6);
        }
        return flat;
    }

    /** A best person's state in a target: active with energy, exhausted, left, or none. */
    static String bestPerson(Programmes.Run run, int j, int tick) {
        if (run.bpStatus == null) {
            return "target";
        }
        return switch (run.bpStatus[j]) {
            case Programmes.BP_ACTIVE -> String.format(Locale.ROOT, "best person %.0f %%", 100 * run.bpEnergy[j]);
            case Programmes.BP_EXHAUSTED -> "best person exhausted";
            case Programmes.BP_LEFT -> "best person left";
            default -> run.activeAt(tick) ? "target" : "target (ended)";
        };
    }

    /** Text on a white box, line k below (x, y), cut to width w. */
    private static void label(Graphics2D g, Font font, String text, double x, double y, double w, int k) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        String t = text;
        while (t.length() > 3 && fm.stringWidth(t) > w) {
            t = t.substring(0, t.length() - 2) + "…";
        }
        double top = y + k * (fm.getHeight() + 2);
        g.setColor(new Color(255, 255, 255, 215));
        g.fill(new Rectangle2D.Double(x, top, fm.stringWidth(t) + 6, fm.getHeight()));
        g.setColor(Color.BLACK);
        g.drawString(t, (float) (x + 3), (float) (top + fm.getAscent()));
    }

    /** The legend in a box at (x, y) of w by h; its font and key sizes follow {@code size}. */
    private void legend(Graphics2D g, double x, double y, double w, double h, double size, double s) {
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(x, y, w, h));
        Layer layer = view.layer();
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.max(10, Math.min(14, size / 4.5)));
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        double pad = Math.max(6, s);
        double top = y + pad;
        g.setColor(Color.BLACK);
        String date = String.format(Locale.ROOT, "year %d, month %d", Math.floorDiv(model.tick(), 12),
                Math.floorMod(model.tick(), 12) + 1);
        g.drawString(layer.label + ": " + layer.meaning + "   |   " + date, (float) (x + pad), (float) (top + fm.getAscent()));
        double barY = top + fm.getHeight() + 4;
        double barH = Math.max(8, size / 5);
        double barW = Math.min(w * 0.4, 360);
        for (int i = 0; i < (int) barW; i++) {
            g.setColor(Colours.interpolate(i / barW));
            g.fill(new Rectangle2D.Double(x + pad + i, barY, 1.5, barH));
        }
        g.setColor(Color.BLACK);
        String[] ends = layer == Layer.INCOME ? new String[] {"1st quintile", "5th"}
                : layer == Layer.LIVEABILITY ? new String[] {"very negative", "excellent"} : new String[] {"0 %", "100 %"};
        double textY = barY + barH + fm.getAscent() + 2;
        g.drawString(ends[0], (float) (x + pad), (float) textY);
        g.drawString(ends[1], (float) (x + pad + barW - fm.stringWidth(ends[1])), (float) textY);
        double kx = x + pad + barW + 3 * pad;
        double ky = barY;
        kx = key(g, fm, kx, ky, barH, Colours.VACANT, null, "vacant");
        if (layer == Layer.EMPLOYMENT || layer == Layer.MENTAL_HEALTH) {
            kx = key(g, fm, kx, ky, barH, Colours.NONE, null, layer == Layer.EMPLOYMENT ? "no one of working age" : "no adult");
        }
        // the second row of keys under the first
        kx = x + pad + barW + 3 * pad;
        ky = barY + barH + fm.getHeight() / 2.0 + 4;
        kx = key(g, fm, kx, ky, barH, null, Color.WHITE, "moved in < " + CityView.RECENT + " months");
        key(g, fm, kx, ky, barH, null, TARGET, "programme target");
    }

    private static double key(Graphics2D g, FontMetrics fm, double x, double y, double h, Color fill, Color outline,
            String text) {
        Rectangle2D.Double box = new Rectangle2D.Double(x, y, h, h);
        if (fill != null) {
            g.setColor(fill);
            g.fill(box);
        } else if (outline == TARGET) {
            g.setColor(outline);
            g.setStroke(new BasicStroke(3f));
            g.draw(box);
        } else {
            g.setColor(new Color(0x3B528B));
            g.fill(box);
            g.setColor(outline);
            g.setStroke(new BasicStroke(2f));
            g.draw(new Rectangle2D.Double(x + h / 4, y + h / 4, h / 2, h / 2));
        }
        g.setColor(Color.BLACK);
        g.drawString(text, (float) (x + h + 4), (float) (y + fm.getAscent() - 1));
        return x + h + 4 + fm.stringWidth(text) + 14;
    }
}
