package org.wijklab.gui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.Locale;
import org.wijklab.model.WijkLabModel;
import sim.field.grid.IntGrid2D;
import sim.portrayal.DrawInfo2D;
import sim.portrayal.FieldPortrayal2D;

/**
 * The moves of the last month drawn over the map ({@link MoveTrail}): a line from the old home's
 * neighbourhood to the new one's, ending in a dot, sky blue if someone in the household works,
 * vermillion if no one does ({@link Colours}); a move to or from the region outside the city runs
 * to or from the map's edge, outward from the city's middle through the neighbourhood. Each month's
 * trail replaces the last; the month before stays as thin pale lines. Lines run between the
 * neighbourhoods' tile centres as the model's map lays them out (the centroid of each
 * neighbourhood's cells in {@link WijkLabModel#map()}, whatever its place and shape), each end
 * moved by a small jitter from the household's id, so that moves between the same two
 * neighbourhoods fan out (no random number is drawn). A legend box in the map's lower right corner
 * says what is drawn and the cap. A layer of the display's Layers menu, on at start.
 */
final class TrailLayer extends FieldPortrayal2D {
    /** Moves a month up to which the last month's lines are antialiased, on a dark halo. */
    static final int SMOOTH_LIMIT = 150;
    private final MoveTrail trail;
    /** The map's size in the view's pixels ({@link CityView}: {@link CityView#SUB} a cell). */
    private final int width;
    private final int height;
    /** Per neighbourhood, its tile's centre and the jitter's half-range, in the view's pixels. */
    private final double[] cx;
    private final double[] cy;
    private final double[] spread;
    /** The middle of the city's tiles, from which region moves point outward. */
    private final double midX;
    private final double midY;

    TrailLayer(WijkLabModel model, MoveTrail trail) {
        this(model.map(), model.neighbourhoods().count, trail);
    }

    /** The trail over a map of n neighbourhoods (each cell its neighbourhood, or -1), any layout. */
    TrailLayer(IntGrid2D map, int n, MoveTrail trail) {
        this.trail = trail;
        this.width = map.getWidth() * CityView.SUB;
        this.height = map.getHeight() * CityView.SUB;
        setField(map);
        cx = new double[n];
        cy = new double[n];
        spread = new double[n];
        double[] cells = new double[n];
        int[][] box = new int[n][];
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int x = 0; x < map.getWidth(); x++) {
            for (int y = 0; y < map.getHeight(); y++) {
                int j = map.field[x][y];
                if (j < 0 || j >= n) {
                    continue;
                }
                cx[j] += x + 0.5;
                cy[j] += y + 0.5;
                cells[j]++;
                box[j] = box[j] == null ? new int[] {x, y, x, y}
                        : new int[] {Math.min(box[j][0], x), Math.min(box[j][1], y), Math.max(box[j][2], x), Math.max(box[j][3], y)};
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
        }
        int sub = CityView.SUB;
        for (int j = 0; j < n; j++) {
            if (cells[j] == 0) {
                cx[j] = map.getWidth() * sub / 2.0;
                cy[j] = map.getHeight() * sub / 2.0;
                continue;
            }
            double mx = cx[j] / cells[j];
            double my = cy[j] / cells[j];
            if (map.field[(int) mx][(int) my] != j) {
                // a shape whose centroid lies outside it (an L, a ring): the nearest of its own cells
                double bestD = Double.MAX_VALUE;
                double bx = mx;
                double by = my;
                for (int x = box[j][0]; x <= box[j][2]; x++) {
                    for (int y = box[j][1]; y <= box[j][3]; y++) {
                        double d = (x + 0.5 - mx) * (x + 0.5 - mx) + (y + 0.5 - my) * (y + 0.5 - my);
                        if (map.field[x][y] == j && d < bestD) {
                            bestD = d;
                            bx = x + 0.5;
                            by = y + 0.5;
                        }
                    }
                }
                mx = bx;
                my = by;
            }
            cx[j] = mx * sub;
            cy[j] = my * sub;
            spread[j] = 0.25 * Math.min(box[j][2] - box[j][0] + 1, box[j][3] - box[j][1] + 1) * sub;
        }
        midX = maxX < 0 ? width / 2.0 : (minX + maxX + 1) * sub / 2.0;
        midY = maxY < 0 ? height / 2.0 : (minY + maxY + 1) * sub / 2.0;
    }

    /** Neighbourhood j's tile centre in the view's pixels (x, y). */
    double[] centre(int j) {
        return new double[] {cx[j], cy[j]};
    }

    /** The jitter's half-range around neighbourhood j's centre, in the view's pixels. */
    double spread(int j) {
        return spread[j];
    }

    /** Move k of a month as drawn, in the view's pixels: {x1, y1, x2, y2}. */
    double[] segment(MoveTrail.Month m, int k) {
        int h = MoveTrail.hash(m.id()[k]);
        int h2 = MoveTrail.hash(h ^ 0x5BD1E995);
        int from = m.from()[k];
        int to = m.to()[k];
        double[] a = from >= 0 ? jittered(from, h) : null;
        double[] b = to >= 0 ? jittered(to, h2) : null;
        if (a == null && b == null) {
            // the region to the region: not a move in the city; drawn as nothing (a point at the middle)
            return new double[] {midX, midY, midX, midY};
        }
        if (a == null) {
            a = edge(b, h);
        }
        if (b == null) {
            b = edge(a, h2);
        }
        return new double[] {a[0], a[1], b[0], b[1]};
    }

    Color colour(MoveTrail.Month m, int k) {
        return m.employed()[k] ? Colours.MOVER_EMPLOYED : Colours.MOVER_NOT_EMPLOYED;
    }

    /** A point near neighbourhood j's centre, moved by up to its spread in x and y from a hash. */
    private double[] jittered(int j, int h) {
        double u = ((h & 0xFFFF) / 65535.0) * 2 - 1;
        double v = (((h >>> 16) & 0xFFFF) / 65535.0) * 2 - 1;
        return new double[] {cx[j] + u * spread[j], cy[j] + v * spread[j]};
    }

    /** Where a ray from the city's middle through p (turned a little by the hash) leaves the map. */
    private double[] edge(double[] p, int h) {
        double dx = p[0] - midX;
        double dy = p[1] - midY;
        double len = Math.hypot(dx, dy);
        double angle = len < 1e-6 ? (h >>> 1) / (double) Integer.MAX_VALUE * 2 * Math.PI : Math.atan2(dy, dx);
        angle += (((h >>> 8) & 0xFF) / 255.0 - 0.5) * 0.4;
        double ux = Math.cos(angle);
        double uy = Math.sin(angle);
        double t = Double.MAX_VALUE;
        if (ux > 1e-9) {
            t = Math.min(t, (width - p[0]) / ux);
        } else if (ux < -1e-9) {
            t = Math.min(t, -p[0] / ux);
        }
        if (uy > 1e-9) {
            t = Math.min(t, (height - p[1]) / uy);
        } else if (uy < -1e-9) {
            t = Math.min(t, -p[1] / uy);
        }
        t = Math.max(0, t);
        return new double[] {Math.max(0, Math.min(width, p[0] + t * ux)), Math.max(0, Math.min(height, p[1] + t * uy))};
    }

    @Override
    public void draw(Object object, Graphics2D g, DrawInfo2D info) {
        double s = info.draw.width / width;
        double ox = info.draw.x;
        double oy = info.draw.y;
        MoveTrail.Month before = trail.before();
        MoveTrail.Month last = trail.last();
        // antialiased lines cost about four times as much as plain ones (at 100,000 residents, about
        // 400 moves a month: 10-18 ms against 2-5 ms, TrailFrameTime): the month before is drawn
        // plain, the last month smooth on a dark halo only while it is small (a small city); above,
        // plain and without the halo, which would hide the map under hundreds of lines
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        month(g, before, s, ox, oy, false, false);
        boolean few = last.size() <= SMOOTH_LIMIT;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, few ? RenderingHints.VALUE_ANTIALIAS_ON
                : RenderingHints.VALUE_ANTIALIAS_OFF);
        month(g, last, s, ox, oy, true, few);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        legend(g, last, ox + info.draw.width, oy + height * s, info.draw.width >= 700 ? 11 : 9);
    }

    /**
     * A month's moves, line by line (one path of many long lines costs more to fill): the last month
     * in full colour with a dot at each new home (on a dark halo if {@code halo}), the month before
     * in thin pale lines (opaque: translucent lines cost ten times more).
     */
    private void month(Graphics2D g, MoveTrail.Month m, double s, double ox, double oy, boolean last, boolean halo) {
        int n = m.size();
        if (n == 0) {
            return;
        }
        double[] xy = new double[4 * n];
        for (int k = 0; k < n; k++) {
            double[] p = segment(m, k);
            xy[4 * k] = ox + p[0] * s;
            xy[4 * k + 1] = oy + p[1] * s;
            xy[4 * k + 2] = ox + p[2] * s;
            xy[4 * k + 3] = oy + p[3] * s;
        }
        Line2D.Double line = new Line2D.Double();
        Ellipse2D.Double dot = new Ellipse2D.Double();
        float w = last ? (float) Math.max(1.0, 0.2 * s) : 1f;
        double r = Math.max(1.6, 0.5 * s);
        if (halo) {
            g.setColor(Colours.MOVE_HALO);
            g.setStroke(new BasicStroke(w + 1.2f));
            for (int k = 0; k < n; k++) {
                line.setLine(xy[4 * k], xy[4 * k + 1], xy[4 * k + 2], xy[4 * k + 3]);
                g.draw(line);
                if (m.to()[k] >= 0) {
                    dot.setFrame(xy[4 * k + 2] - r - 0.6, xy[4 * k + 3] - r - 0.6, 2 * r + 1.2, 2 * r + 1.2);
                    g.fill(dot);
                }
            }
        }
        g.setStroke(new BasicStroke(w));
        for (int k = 0; k < n; k++) {
            boolean employed = m.employed()[k];
            g.setColor(last ? (employed ? Colours.MOVER_EMPLOYED : Colours.MOVER_NOT_EMPLOYED)
                    : employed ? Colours.MOVER_EMPLOYED_BEFORE : Colours.MOVER_NOT_EMPLOYED_BEFORE);
            line.setLine(xy[4 * k], xy[4 * k + 1], xy[4 * k + 2], xy[4 * k + 3]);
            g.draw(line);
        }
        if (last) {
            for (int k = 0; k < n; k++) {
                if (m.to()[k] >= 0) {
                    g.setColor(m.employed()[k] ? Colours.MOVER_EMPLOYED : Colours.MOVER_NOT_EMPLOYED);
                    dot.setFrame(xy[4 * k + 2] - r, xy[4 * k + 3] - r, 2 * r, 2 * r);
                    g.fill(dot);
                }
            }
        }
    }

    /** The trail's key, in a box at the map's lower right corner (right, bottom); smaller on a small map. */
    private void legend(Graphics2D g, MoveTrail.Month m, double right, double bottom, int points) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, points);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        String head = m.size() == 0 ? "Moves of the last month: none yet"
                : String.format(Locale.ROOT, "Moves of the last month: %,d households", m.total());
        String cap = m.total() > m.size()
                ? String.format(Locale.ROOT, "%,d drawn (at most %,d a month, sampled by household)", m.size(), trail.cap())
                : String.format(Locale.ROOT, "all drawn (at most %,d a month, sampled by household)", trail.cap());
        String[] rows = {head, cap, "someone in the household works", "no one in the household works",
                "line: old home to new (dot); the map's edge: the region", "thin pale lines: the month before"};
        double lineH = fm.getHeight();
        double key = 22;
        double w = 0;
        for (int k = 0; k < rows.length; k++) {
            w = Math.max(w, fm.stringWidth(rows[k]) + (k == 2 || k == 3 ? key + 4 : 0));
        }
        w += 12;
        double h = rows.length * lineH + 8;
        double x = right - w - 4;
        double y = bottom - h - 4;
        KeyBox.draw(g, x, y, w, h);
        for (int k = 0; k < rows.length; k++) {
            double base = y + 4 + k * lineH + fm.getAscent();
            double tx = x + 6;
            if (k == 2 || k == 3) {
                Line2D.Double l = new Line2D.Double(tx, base - fm.getAscent() / 2.5, tx + key, base - fm.getAscent() / 2.5);
                g.setColor(Colours.MOVE_HALO);
                g.setStroke(new BasicStroke(4.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(l);
                g.setColor(k == 2 ? Colours.MOVER_EMPLOYED : Colours.MOVER_NOT_EMPLOYED);
                g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(l);
                tx += key + 4;
            }
            g.setColor(Color.BLACK);
            g.drawString(rows[k], (float) tx, (float) base);
        }
    }
}
