package org.wijklab.gui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.Arrays;
import java.util.Locale;
import org.wijklab.model.Households;
import org.wijklab.model.Persons;
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
 * The best persons on the map: a marker per best person the model counts now (its programmes'
 * rosters, {@link org.wijklab.policy.Programmes#bestPersonRoster}), at its household's dwelling. An
 * active best person is a white disc, one whose energy has fallen below {@link #TIRING_ENERGY} an
 * orange diamond, one resting after exhaustion a hollow black ring (the dwelling's colour inside),
 * each edged in black: told apart by shape as well as colour, and unlike the map's own colours. A best person who died or
 * left the city this month is still counted by the model until its programme's next month notes the
 * loss; it has no dwelling, so no marker, and the key counts it apart. Clicking a marker opens the
 * best person's inspector ({@link Inspections.BestPerson}). Its key, with the counts, in the map's
 * upper right corner once a programme has begun, drawn with the markers (over the borders). A layer of the display's Layers menu, on at start.
 *
 * <p>The markers are found once a month (the roster holds tens to hundreds of entries: no scan of
 * the persons), kept, and drawn as a few hundred shapes at most a frame.
 */
final class BestPersonLayer extends FieldPortrayal2D {
    /** What a marker shows. */
    static final byte ACTIVE = 0;
    static final byte TIRING = 1;
    static final byte RESTING = 2;
    /** An active best person below this energy is drawn as tiring (a best person returning from rest starts at 0.5). */
    static final double TIRING_ENERGY = 0.5;
    /** Fills unlike the map's colours (viridis, the helped frames, the movers' lines), each edged in black. */
    static final Color ACTIVE_COLOUR = Color.WHITE;
    static final Color TIRING_COLOUR = new Color(0xFF8C00);
    static final Color RESTING_COLOUR = Color.BLACK;
    static final String[] NAMES = {"active", "active, tiring (energy below half)", "exhausted, resting"};

    private final WijkLabModel model;
    private final CityView view;
    private final int[] px;
    private final int[] py;
    /** The tick the markers were found for (they change only when the model steps). */
    private int collectedAt = Integer.MIN_VALUE;
    private int markers;
    private int[] markX = new int[16];
    private int[] markY = new int[16];
    private byte[] markKind = new byte[16];
    /** Per marker: person slot, person id, programme, target (as the roster gives them). */
    private int[] markPerson = new int[16];
    private int[] markId = new int[16];
    private int[] markRun = new int[16];
    private int[] markHood = new int[16];
    private final int[] byKind = new int[3];
    private int away;

    BestPersonLayer(WijkLabModel model, CityView view) {
        this.model = model;
        this.view = view;
        setField(view.hood);
        int[][] xy = view.dwellingPixels();
        px = xy[0];
        py = xy[1];
    }

    /** Finds this month's markers (again only once the model has stepped). */
    void collect() {
        if (collectedAt == model.tick()) {
            return;
        }
        collectedAt = model.tick();
        Persons ps = model.persons();
        Households h = model.households();
        int[] roster = model.programmes().bestPersonRoster();
        markers = 0;
        away = 0;
        Arrays.fill(byKind, 0);
        for (int e = 0; e < roster.length; e += 5) {
            int p = roster[e];
            int id = roster[e + 1];
            int d = ps.id[p] == id && ps.place[p] == Persons.CITY ? h.dwelling[ps.household[p]] : -1;
            if (d < 0 || d >= px.length || px[d] < 0) {
                away++;
                continue;
            }
            if (markers == markX.length) {
                int n = 2 * markers;
                markX = Arrays.copyOf(markX, n);
                markY = Arrays.copyOf(markY, n);
                markKind = Arrays.copyOf(markKind, n);
                markPerson = Arrays.copyOf(markPerson, n);
                markId = Arrays.copyOf(markId, n);
                markRun = Arrays.copyOf(markRun, n);
                markHood = Arrays.copyOf(markHood, n);
            }
            byte k = kind(ps, p);
            markX[markers] = px[d];
            markY[markers] = py[d];
            markKind[markers] = k;
            markPerson[markers] = p;
            markId[markers] = id;
            markRun[markers] = roster[e + 2];
            markHood[markers] = roster[e + 3];
            markers++;
            byKind[k]++;
        }
    }

    /** A counted best person's marker: active (tiring below {@link #TIRING_ENERGY}) or resting, as the model counts it. */
    static byte kind(Persons ps, int p) {
        if (ps.bpState[p] != Persons.BP_ACTIVE) {
            return RESTING;
        }
        return ps.bpEnergy[p] < TIRING_ENERGY ? TIRING : ACTIVE;
    }

    int markers() {
        collect();
        return markers;
    }

    /** Markers of a kind ({@link #ACTIVE}, {@link #TIRING}, {@link #RESTING}). */
    int count(byte kind) {
        collect();
        return byKind[kind];
    }

    /** Best persons the model counts who have no dwelling in the city now (died or left it this month). */
    int away() {
        collect();
        return away;
    }

    /** Marker m's dwelling pixel (x, y), kind and person slot. */
    int[] marker(int m) {
        collect();
        return new int[] {markX[m], markY[m], markKind[m], markPerson[m]};
    }

    /** The inspected object of marker m. */
    Inspections.BestPerson inspect(int m) {
        collect();
        return new Inspections.BestPerson(model, markPerson[m], markId[m], markRun[m], markHood[m]);
    }

    /** A marker's radius in display pixels at s display pixels a dwelling: visible when zoomed out, within the dwelling when in. */
    static double radius(double s) {
        return Math.max(5.5, Math.min(0.6 * s, 10));
    }

    @Override
    public void draw(Object object, Graphics2D g, DrawInfo2D info) {
        collect();
        double s = info.draw.width / view.width;
        double r = radius(s);
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        BasicStroke edge = new BasicStroke((float) Math.max(1, r / 3.5));
        BasicStroke ring = new BasicStroke((float) Math.max(1.5, r / 2.2));
        for (int m = 0; m < markers; m++) {
            double cx = info.draw.x + (markX[m] + 0.5) * s;
            double cy = info.draw.y + (markY[m] + 0.5) * s;
            shape(g, markKind[m], cx, cy, r, edge, ring);
        }
        key(g, info.draw.x + info.draw.width, info.draw.y, info.draw.width >= 700 ? 11 : 9);
        if (aa != null) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
        }
    }

    /** A marker of a kind centred at (cx, cy), radius r: filled and edged in black, or a black ring on a white one. */
    private static void shape(Graphics2D g, byte kind, double cx, double cy, double r, BasicStroke edge, BasicStroke ring) {
        if (kind == RESTING) {
            Ellipse2D.Double c = new Ellipse2D.Double(cx - r * 0.8, cy - r * 0.8, 1.6 * r, 1.6 * r);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(ring.getLineWidth() + 2));
            g.draw(c);
            g.setColor(RESTING_COLOUR);
            g.setStroke(ring);
            g.draw(c);
            return;
        }
        java.awt.Shape sh;
        if (kind == ACTIVE) {
            sh = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
        } else {
            Path2D.Double d = new Path2D.Double();
            d.moveTo(cx, cy - 1.2 * r);
            d.lineTo(cx + 1.2 * r, cy);
            d.lineTo(cx, cy + 1.2 * r);
            d.lineTo(cx - 1.2 * r, cy);
            d.closePath();
            sh = d;
        }
        g.setColor(kind == ACTIVE ? ACTIVE_COLOUR : TIRING_COLOUR);
        g.fill(sh);
        g.setColor(Color.BLACK);
        g.setStroke(edge);
        g.draw(sh);
    }

    /** The markers under a click (range.clip, in the display's pixels): a best person's inspector each. */
    @Override
    public void hitObjects(DrawInfo2D range, Bag putInHere) {
        collect();
        double s = range.draw.width / view.width;
        double r = radius(s) + 1;
        double hx = range.clip.getCenterX();
        double hy = range.clip.getCenterY();
        for (int m = 0; m < markers; m++) {
            double cx = range.draw.x + (markX[m] + 0.5) * s;
            double cy = range.draw.y + (markY[m] + 0.5) * s;
            if (Math.abs(cx - hx) <= r + range.clip.getWidth() / 2 && Math.abs(cy - hy) <= r + range.clip.getHeight() / 2) {
                putInHere.add(new LocationWrapper(inspect(m), new Int2D(markX[m], markY[m]), this));
            }
        }
    }

    @Override
    public Inspector getInspector(LocationWrapper wrapper, GUIState state) {
        return wrapper == null ? null : new SimpleInspector(wrapper.getObject(), state, "Best person");
    }

    @Override
    public String getName(LocationWrapper wrapper) {
        return wrapper != null && wrapper.getObject() instanceof Inspections.BestPerson b ? b.toString() : "best person";
    }

    /** The key in the map's upper right corner (right, top), once a programme has begun; returns its height. */
    double key(Graphics2D g, double right, double top, int points) {
        collect();
        boolean begun = false;
        for (org.wijklab.policy.Programmes.Run run : model.programmes().runs()) {
            begun |= run.started();
        }
        if (!begun) {
            return 0;
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, points));
        FontMetrics fm = g.getFontMetrics();
        String[] rows = new String[away > 0 ? 5 : 4];
        rows[0] = "Best persons (click one)";
        for (int k = 0; k < 3; k++) {
            rows[k + 1] = String.format(Locale.ROOT, "%s: %,d", NAMES[k], byKind[k]);
        }
        if (away > 0) {
            rows[4] = String.format(Locale.ROOT, "died or left the city this month: %,d", away);
        }
        double lineH = fm.getHeight();
        double mark = lineH * 0.8;
        double w = 0;
        for (int k = 0; k < rows.length; k++) {
            w = Math.max(w, fm.stringWidth(rows[k]) + (k > 0 && k < 4 ? mark + 6 : 0));
        }
        w += 12;
        double h = rows.length * lineH + 8;
        double x = right - w - 4;
        double y = top + 4;
        KeyBox.draw(g, x, y, w, h);
        BasicStroke edge = new BasicStroke(1f);
        BasicStroke ring = new BasicStroke(2f);
        for (int k = 0; k < rows.length; k++) {
            double base = y + 4 + k * lineH + fm.getAscent();
            double tx = x + 6;
            if (k > 0 && k < 4) {
                double cy = base - fm.getAscent() + lineH / 2.0;
                shape(g, (byte) (k - 1), tx + mark / 2, cy, mark / 2.4, edge, ring);
                tx += mark + 6;
            }
            g.setColor(Color.BLACK);
            g.drawString(rows[k], (float) tx, (float) base);
        }
        return h + 4;
    }
}
