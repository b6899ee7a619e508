package org.wijklab.gui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.Locale;
import org.wijklab.model.Households;
import org.wijklab.model.Professionals;
import org.wijklab.model.WijkLabModel;
import sim.display.GUIState;
import sim.portrayal.DrawInfo2D;
import sim.portrayal.FieldPortrayal2D;
import sim.portrayal.Inspector;
import sim.portrayal.LocationWrapper;
import sim.portrayal.SimpleInspector;
import sim.util.Bag;
import sim.util.Int2D;

/**
 * The professionals' areas on the map: each professional's area is the dwellings of the families
 * whose cases it holds ({@link Professionals#holder}), tinted in the professional's colour (a
 * palette of {@link #PALETTE} colours, cycling by post, so the professionals of a team differ); a
 * family of a fragmented service with more than one professional is striped in their colours. Once
 * the map is drawn at {@link #LABEL_SCALE} or more display pixels a dwelling (zoomed in), each
 * professional's caseload is written at its area's middle (below the held dwelling nearest the
 * area's centroid): cases held and load against capacity; a label that would cover another is left
 * out. Clicking a tinted dwelling opens the inspector of each professional
 * holding the family ({@link Inspections.Professional}). Its key, with the totals, in the map's upper
 * left corner while the layer is on (drawn by the map's overlay, over the borders). A layer of the display's Layers menu, off at start (the tint covers
 * the dwellings' colours).
 *
 * <p>The held families are found once a month (a pass over the household slots' holders, kept),
 * and each frame writes their cells straight into an image's pixels, drawn in one call, as
 * {@link HelpLayer} does.
 */
final class ProfessionalLayer extends FieldPortrayal2D {
    static final int[] PALETTE = {0xE6194B, 0x3CB44B, 0x4363D8, 0xF58231, 0x911EB4, 0x42D4F4, 0xF032E6, 0xBFEF45,
        0x9A6324, 0x800000, 0x000075, 0xFFE119};
    /** The tint's opacity (of 255): the dwelling's own colour still shows a little. */
    static final int ALPHA = 200;
    /** Display pixels a dwelling from which the caseloads are written on the map. */
    static final double LABEL_SCALE = 10;
    static final int MAX_SUB = HelpLayer.MAX_SUB;
    static final double MAX_PIXELS = HelpLayer.MAX_PIXELS;

    private final WijkLabModel model;
    private final CityView view;
    private final int[] px;
    private final int[] py;
    private int collectedAt = Integer.MIN_VALUE;
    /** The held families: dwelling pixel, household slot and up to {@link Professionals#TYPES} holders (-1 none). */
    private int families;
    private int[] famX = new int[64];
    private int[] famY = new int[64];
    private int[] famSlot = new int[64];
    private int[] famHolders = new int[64 * Professionals.TYPES];
    /** Per post: families held, and the dwelling pixel its label is written at (-1 none). */
    private int[] cases = new int[0];
    private int[] labelX = new int[0];
    private int[] labelY = new int[0];
    private BufferedImage image;
    private int[] pixels;
    private int sub;
    private boolean drawn;

    ProfessionalLayer(WijkLabModel model, CityView view) {
        this.model = model;
        this.view = view;
        setField(view.hood);
        int[][] xy = view.dwellingPixels();
        px = xy[0];
        py = xy[1];
    }

    /** A professional's colour. */
    static int colour(int post) {
        return PALETTE[Math.floorMod(post, PALETTE.length)];
    }

    /** The distinct holders of household slot s's case, in the order of the problem types. */
    static int[] holders(Professionals pr, int s) {
        int[] out = new int[Professionals.TYPES];
        int n = 0;
        for (int k = 0; k < Professionals.TYPES; k++) {
            int q = pr.holder[Professionals.TYPES * s + k];
            boolean seen = false;
            for (int i = 0; i < n; i++) {
                seen |= out[i] == q;
            }
            if (q >= 0 && !seen) {
                out[n++] = q;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Finds this month's held families and each professional's caseload and label place (once the model has stepped). */
    void collect() {
        if (collectedAt == model.tick()) {
            return;
        }
        collectedAt = model.tick();
        Professionals pr = model.professionals();
        Households h = model.households();
        families = 0;
        int posts = pr.count;
        cases = new int[posts];
        labelX = new int[posts];
        labelY = new int[posts];
        Arrays.fill(labelX, -1);
        Arrays.fill(labelY, -1);
        if (!pr.any()) {
            return;
        }
        double[] sumX = new double[posts];
        double[] sumY = new double[posts];
        int slots = Math.min(h.capacity, pr.holder.length / Professionals.TYPES);
        for (int s = 0; s < slots; s++) {
            int b = Professionals.TYPES * s;
            if (pr.holder[b] < 0 && pr.holder[b + 1] < 0 && pr.holder[b + 2] < 0) {
                continue;
            }
            int d = h.dwelling[s];
            if (d < 0 || d >= px.length || px[d] < 0) {
                continue;
            }
            if (families == famX.length) {
                int n = 2 * families;
                famX = Arrays.copyOf(famX, n);
                famY = Arrays.copyOf(famY, n);
                famSlot = Arrays.copyOf(famSlot, n);
                famHolders = Arrays.copyOf(famHolders, n * Professionals.TYPES);
            }
            int[] q = holders(pr, s);
            for (int k = 0; k < Professionals.TYPES; k++) {
                int p = k < q.length ? q[k] : -1;
                famHolders[families * Professionals.TYPES + k] = p;
                if (p >= 0) {
                    cases[p]++;
                    sumX[p] += px[d];
                    sumY[p] += py[d];
                }
            }
            famX[families] = px[d];
            famY[families] = py[d];
            famSlot[families] = s;
            families++;
        }
        // each area's label at its held dwelling nearest the area's centroid
        double[] best = new double[posts];
        Arrays.fill(best, Double.MAX_VALUE);
        for (int f = 0; f < families; f++) {
            for (int k = 0; k < Professionals.TYPES; k++) {
                int p = famHolders[f * Professionals.TYPES + k];
                if (p < 0) {
                    continue;
                }
                double dx = famX[f] - sumX[p] / cases[p];
                double dy = famY[f] - sumY[p] / cases[p];
                double d2 = dx * dx + dy * dy;
                if (d2 < best[p]) {
                    best[p] = d2;
                    labelX[p] = famX[f];
                    labelY[p] = famY[f];
                }
            }
        }
    }

    /** Families held this month (with a dwelling on the map). */
    int families() {
        collect();
        return families;
    }

    /** Family f: dwelling pixel (x, y), household slot, then its holders (-1 for none). */
    int[] family(int f) {
        collect();
        int[] out = new int[3 + Professionals.TYPES];
        out[0] = famX[f];
        out[1] = famY[f];
        out[2] = famSlot[f];
        System.arraycopy(famHolders, f * Professionals.TYPES, out, 3, Professionals.TYPES);
        return out;
    }

    /** Families professional (post) p holds this month. */
    int cases(int p) {
        collect();
        return p < cases.length ? cases[p] : 0;
    }

    /** The dwelling pixel professional p's caseload is written at, or null if it holds no family. */
    int[] labelAt(int p) {
        collect();
        return p < labelX.length && labelX[p] >= 0 ? new int[] {labelX[p], labelY[p]} : null;
    }

    /** A professional's label: families held and load against capacity. */
    static String label(Professionals pr, int p, int cases) {
        return String.format(Locale.ROOT, "%d: %d cases, %.0f %%", p, cases,
                pr.capacity[p] > 0 ? 100 * pr.load[p] / pr.capacity[p] : 0.0);
    }

    @Override
    public void draw(Object object, Graphics2D g, DrawInfo2D info) {
        collect();
        drawn = true;
        if (families == 0) {
            return;
        }
        double s = info.draw.width / view.width;
        int k = (int) Math.max(1, Math.min(Math.min(MAX_SUB, Math.round(s)),
                Math.sqrt(MAX_PIXELS / ((double) view.width * view.height))));
        if (image == null || sub != k) {
            image = new BufferedImage(view.width * k, view.height * k, BufferedImage.TYPE_INT_ARGB);
            pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            sub = k;
        }
        int stride = view.width * k;
        Arrays.fill(pixels, 0);
        int a = ALPHA << 24;
        for (int f = 0; f < families; f++) {
            int n = 0;
            while (n < Professionals.TYPES && famHolders[f * Professionals.TYPES + n] >= 0) {
                n++;
            }
            int x0 = famX[f] * k;
            int y0 = famY[f] * k;
            for (int j = 0; j < k; j++) {
                int row = (y0 + j) * stride + x0;
                for (int i = 0; i < k; i++) {
                    // one vertical stripe per professional on the family
                    int h = Math.min(n - 1, i * n / k);
                    pixels[row + i] = a | colour(famHolders[f * Professionals.TYPES + h]);
                }
            }
        }
        Object interpolation = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(image, (int) Math.round(info.draw.x), (int) Math.round(info.draw.y), (int) Math.round(view.width * s),
                (int) Math.round(view.height * s), null);
        if (interpolation != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
        }
        if (s >= LABEL_SCALE) {
            labels(g, info, s);
        }
    }

    /** Each professional's caseload at its area's middle, on a white box edged in its colour. */
    private void labels(Graphics2D g, DrawInfo2D info, double s) {
        Professionals pr = model.professionals();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.max(9, Math.min(12, s * 1.4))));
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(2f));
        // a label that would cover one already written is left out (the inspector has every caseload)
        java.util.List<java.awt.geom.Rectangle2D> written = new java.util.ArrayList<>();
        for (int p = 0; p < labelX.length; p++) {
            if (labelX[p] < 0) {
                continue;
            }
            String t = label(pr, p, cases[p]);
            double w = fm.stringWidth(t) + 6;
            double h = fm.getHeight();
            double x = info.draw.x + (labelX[p] + 0.5) * s - w / 2;
            double y = info.draw.y + (labelY[p] + 1) * s + 1;
            java.awt.geom.Rectangle2D.Double box = new java.awt.geom.Rectangle2D.Double(x, y, w, h);
            boolean free = true;
            for (java.awt.geom.Rectangle2D o : written) {
                free &= !o.intersects(box);
            }
            if (!free) {
                continue;
            }
            written.add(box);
            g.setColor(new Color(255, 255, 255, 225));
            g.fill(box);
            g.setColor(new Color(colour(p)));
            g.draw(box);
            g.setColor(Color.BLACK);
            g.drawString(t, (float) (x + 3), (float) (y + fm.getAscent()));
        }
    }

    /** The professionals holding the family at the clicked dwelling: an inspector each. */
    @Override
    public void hitObjects(DrawInfo2D range, Bag putInHere) {
        collect();
        double s = range.draw.width / view.width;
        int x = (int) Math.floor((range.clip.getCenterX() - range.draw.x) / s);
        int y = (int) Math.floor((range.clip.getCenterY() - range.draw.y) / s);
        for (int f = 0; f < families; f++) {
            if (famX[f] != x || famY[f] != y) {
                continue;
            }
            for (int k = 0; k < Professionals.TYPES; k++) {
                int p = famHolders[f * Professionals.TYPES + k];
                if (p >= 0) {
                    putInHere.add(new LocationWrapper(new Inspections.Professional(model, p), new Int2D(x, y), this));
                }
            }
        }
    }

    @Override
    public Inspector getInspector(LocationWrapper wrapper, GUIState state) {
        return wrapper == null ? null : new SimpleInspector(wrapper.getObject(), state, "Professional");
    }

    @Override
    public String getName(LocationWrapper wrapper) {
        return wrapper != null && wrapper.getObject() instanceof Inspections.Professional p ? p.toString() : "professional";
    }

    /** Whether the layer has drawn since the last call (it is on): the overlay then draws its key. */
    boolean takeDrawn() {
        boolean d = drawn;
        drawn = false;
        return d;
    }

    /** The key in the map's upper left corner (left, top) once a team was formed; returns its height. */
    double key(Graphics2D g, double left, double top, int points) {
        collect();
        Professionals pr = model.professionals();
        if (!pr.any()) {
            return 0;
        }
        int inPost = 0;
        double load = 0;
        double capacity = 0;
        for (int p = 0; p < pr.count; p++) {
            if (pr.inPost[p]) {
                inPost++;
                load += pr.load[p];
                capacity += pr.capacity[p];
            }
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, points));
        FontMetrics fm = g.getFontMetrics();
        String[] rows = {"Professionals' families (a colour each; click one)",
            String.format(Locale.ROOT, "%,d professional%s in post in %,d team%s", inPost, inPost == 1 ? "" : "s", pr.teams,
                    pr.teams == 1 ? "" : "s"),
            String.format(Locale.ROOT, "%,d families held, load %.0f %% of capacity", families,
                    capacity > 0 ? 100 * load / capacity : 0.0),
            "several professionals on a family: stripes",
            String.format(Locale.ROOT, "zoomed in (%.0f pixels a dwelling): caseloads", LABEL_SCALE)};
        double lineH = fm.getHeight();
        double sw = lineH * 0.8;
        double w = 0;
        for (String r : rows) {
            w = Math.max(w, fm.stringWidth(r));
        }
        w += 12 + 3 * sw + 6;
        double h = rows.length * lineH + 8;
        double x = left + 4;
        double y = top + 4;
        KeyBox.draw(g, x, y, w, h);
        for (int k = 0; k < rows.length; k++) {
            double base = y + 4 + k * lineH + fm.getAscent();
            g.setColor(Color.BLACK);
            g.drawString(rows[k], (float) (x + 6), (float) base);
        }
        // three swatches of the palette, at the title's right
        for (int i = 0; i < 3; i++) {
            g.setColor(new Color(ALPHA << 24 | colour(i), true));
            g.fillRect((int) Math.round(x + w - 6 - (3 - i) * sw), (int) Math.round(y + 4 + (lineH - sw) / 2), (int) sw,
                    (int) sw);
        }
        return h + 4;
    }
}
