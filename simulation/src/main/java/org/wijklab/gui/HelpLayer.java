package org.wijklab.gui;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Locale;
import org.wijklab.model.Help;
import org.wijklab.model.Households;
import org.wijklab.model.Persons;
import org.wijklab.model.WijkLabModel;
import sim.portrayal.DrawInfo2D;
import sim.portrayal.FieldPortrayal2D;

/**
 * The households a programme has helped, marked on the map: a frame around the dwelling of a
 * household with a member (adult or child) who ever got help ({@link Persons#helpFirst} set), thick
 * and reddish purple while a member gets help this month ({@link Persons#helpLast} is the current
 * tick), thin and pale if the help lies in the past ({@link Colours#HELPED_NOW},
 * {@link Colours#HELPED_BEFORE}: told apart by width as well as colour, so also in grey print). The
 * frame leaves the dwelling's own colour visible inside it. Its key, with the counts, in the map's
 * lower left corner once the scenario has a programme or someone has been helped, is drawn by the
 * map's overlay over the borders while the layer is on ({@link #takeDrawn}). A layer of the
 * display's Layers menu, on at start.
 *
 * <p>The frame time stays low: each frame walks the households once into arrays kept from frame to
 * frame, writes the marks straight into the pixels of an image of about the display's scale, kept
 * too, and draws that image in one call; nothing is allocated
 * per household. Drawing each mark as four small rectangles instead costs a graphics call each,
 * tens of thousands of calls a frame in a large city; this way, about 2 ms a frame at 100,000
 * residents with 10,000 households marked ({@code HelpFrameTime}: fastest of 40 frames 1.7 ms, median 2.4 ms).
 */
final class HelpLayer extends FieldPortrayal2D {
    /** What {@link #state} says of a household. */
    static final byte NEVER = 0;
    static final byte BEFORE = 1;
    static final byte NOW = 2;
    /** At most this many image pixels a dwelling (a map zoomed in further is scaled up from it). */
    static final int MAX_SUB = 12;
    /** At most this many pixels in the image (16 MB): a large city zoomed in is scaled up from fewer a dwelling. */
    static final double MAX_PIXELS = 4_000_000;

    private final WijkLabModel model;
    private final CityView view;
    /** Each dwelling's pixel in the view (x, y), or -1: found once, the map never changes. */
    private final int[] px;
    private final int[] py;
    /** The marks of the last frame: dwelling pixel and kind, reused from frame to frame. */
    private int[] markX = new int[256];
    private int[] markY = new int[256];
    private byte[] markKind = new byte[256];
    private int marks;
    /** The frames as an image of {@link #sub} pixels a dwelling, kept from frame to frame, and its pixels. */
    private BufferedImage image;
    private int[] pixels;
    private int sub;
    private boolean drawn;
    private int now;
    private int before;

    HelpLayer(WijkLabModel model, CityView view) {
        this.model = model;
        this.view = view;
        setField(view.hood);
        int n = model.dwellings().count;
        px = new int[n];
        py = new int[n];
        java.util.Arrays.fill(px, -1);
        java.util.Arrays.fill(py, -1);
        for (int x = 0; x < view.width; x++) {
            for (int y = 0; y < view.height; y++) {
                int d = view.dwelling.field[x][y];
                if (d >= 0 && d < n) {
                    px[d] = x;
                    py[d] = y;
                }
            }
        }
    }

    /**
     * Whether household slot s has a member helped by a programme: {@link #NOW} if one gets help in
     * this month ({@code tick}), {@link #BEFORE} if only earlier, {@link #NEVER} if none (or a free slot).
     */
    static byte state(Households h, Persons ps, int s, int tick) {
        if (h.dwelling[s] < 0) {
            return NEVER;
        }
        byte out = NEVER;
        for (int a = 0; a < h.adults[s]; a++) {
            int p = h.adultPerson[2 * s + a];
            if (p >= 0 && ps.helpFirst[p] != Help.NEVER) {
                if (ps.helpLast[p] == tick) {
                    return NOW;
                }
                out = BEFORE;
            }
        }
        for (int p = h.firstChild[s]; p >= 0; p = ps.nextChild[p]) {
            if (ps.helpFirst[p] != Help.NEVER) {
                if (ps.helpLast[p] == tick) {
                    return NOW;
                }
                out = BEFORE;
            }
        }
        return out;
    }

    /** Finds this month's marks: every helped household's dwelling pixel and whether it is helped now. */
    void collect() {
        Households h = model.households();
        Persons ps = model.persons();
        int tick = model.tick();
        marks = 0;
        now = 0;
        before = 0;
        for (int s = 0; s < h.capacity; s++) {
            int d = h.dwelling[s];
            if (d < 0 || d >= px.length || px[d] < 0) {
                continue;
            }
            byte k = state(h, ps, s, tick);
            if (k == NEVER) {
                continue;
            }
            if (marks == markX.length) {
                int n = 2 * marks;
                markX = java.util.Arrays.copyOf(markX, n);
                markY = java.util.Arrays.copyOf(markY, n);
                markKind = java.util.Arrays.copyOf(markKind, n);
            }
            markX[marks] = px[d];
            markY[marks] = py[d];
            markKind[marks] = k;
            marks++;
            if (k == NOW) {
                now++;
            } else {
                before++;
            }
        }
    }

    /** Households marked in the last {@link #collect}: helped now, and helped before only. */
    int now() {
        return now;
    }

    int before() {
        return before;
    }

    @Override
    public void draw(Object object, Graphics2D g, DrawInfo2D info) {
        double s = info.draw.width / view.width;
        // the frames go into an image of k pixels a dwelling (about the display's scale), drawn
        // scaled in one call: tens of thousands of small rectangles cost tens of milliseconds
        int k = (int) Math.max(1, Math.min(Math.min(MAX_SUB, Math.round(s)),
                Math.sqrt(MAX_PIXELS / ((double) view.width * view.height))));
        if (image == null || sub != k) {
            image = new BufferedImage(view.width * k, view.height * k, BufferedImage.TYPE_INT_ARGB);
            pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            sub = k;
        }
        int stride = view.width * k;
        // cleared whole (a fraction of a millisecond), then this month's marks
        java.util.Arrays.fill(pixels, 0);
        collect();
        int thick = Math.max(1, Math.round(k / 4f));
        int nowRgb = Colours.HELPED_NOW.getRGB();
        int beforeRgb = Colours.HELPED_BEFORE.getRGB();
        for (int m = 0; m < marks; m++) {
            boolean current = markKind[m] == NOW;
            cell(markX[m], markY[m], k, stride, current ? nowRgb : beforeRgb, current ? thick : 1);
        }
        Object interpolation = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(image, (int) Math.round(info.draw.x), (int) Math.round(info.draw.y), (int) Math.round(view.width * s),
                (int) Math.round(view.height * s), null);
        if (interpolation != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
        }
        drawn = true;
    }

    /**
     * Whether the layer has drawn since the last call (so it is switched on): the map's overlay,
     * drawn after it in the same pass, then draws its key over the borders ({@link #key}).
     */
    boolean takeDrawn() {
        boolean d = drawn;
        drawn = false;
        return d;
    }

    /** The key in the map's lower left corner (left, bottom), once the scenario has a programme or someone was helped. */
    void key(Graphics2D g, double left, double bottom, int points) {
        if (marks > 0 || !model.scenario().programmes().isEmpty()) {
            legend(g, left, bottom, points);
        }
    }

    /** Dwelling pixel (x, y)'s k by k cell of the image: a frame t wide in colour argb (the whole cell if t fills it). */
    private void cell(int x, int y, int k, int stride, int argb, int t) {
        int x0 = x * k;
        int y0 = y * k;
        boolean full = 2 * t >= k;
        for (int j = 0; j < k; j++) {
            int row = (y0 + j) * stride + x0;
            if (full || j < t || j >= k - t) {
                java.util.Arrays.fill(pixels, row, row + k, argb);
            } else {
                for (int i = 0; i < t; i++) {
                    pixels[row + i] = argb;
                    pixels[row + k - 1 - i] = argb;
                }
            }
        }
    }

    /** A frame t pixels wide just inside the square of side w at (x0, y0). */
    private static void frame(Graphics2D g, int x0, int y0, int w, int t) {
        g.fillRect(x0, y0, w, t);
        g.fillRect(x0, y0 + w - t, w, t);
        g.fillRect(x0, y0 + t, t, w - 2 * t);
        g.fillRect(x0 + w - t, y0 + t, t, w - 2 * t);
    }

    /** The key, in a box at the map's lower left corner (left, bottom). */
    private void legend(Graphics2D g, double left, double bottom, int points) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, points);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        String[] rows = {"Households helped by a programme",
            String.format(Locale.ROOT, "helped this month: %,d", now),
            String.format(Locale.ROOT, "helped before: %,d", before)};
        double lineH = fm.getHeight();
        int key = (int) Math.round(lineH * 0.8);
        double w = 0;
        for (int k = 0; k < rows.length; k++) {
            w = Math.max(w, fm.stringWidth(rows[k]) + (k > 0 ? key + 6 : 0));
        }
        w += 12;
        double h = rows.length * lineH + 8;
        double x = left + 4;
        double y = bottom - h - 4;
        KeyBox.draw(g, x, y, w, h);
        for (int k = 0; k < rows.length; k++) {
            double base = y + 4 + k * lineH + fm.getAscent();
            double tx = x + 6;
            if (k > 0) {
                int kx = (int) tx;
                int ky = (int) Math.round(base - fm.getAscent() + (lineH - key) / 2.0);
                g.setColor(Colours.interpolate(0.5));
                g.fillRect(kx, ky, key, key);
                g.setColor(k == 1 ? Colours.HELPED_NOW : Colours.HELPED_BEFORE);
                frame(g, kx, ky, key, k == 1 ? Math.max(2, key / 4) : 1);
                tx += key + 6;
            }
            g.setColor(Color.BLACK);
            g.drawString(rows[k], (float) tx, (float) base);
        }
    }
}
