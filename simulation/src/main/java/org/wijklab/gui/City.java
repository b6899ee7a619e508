package org.wijklab.gui;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.Locale;
import javax.swing.JFrame;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;
import sim.display.Display2D;

/**
 * One city on screen: its model, its map ({@link CityView}) in a display of its own, the
 * portrayals over it, and the moves its inspectors show. The GUI has one, or two in the teaching
 * mode.
 */
final class City {
    final String title;
    final Display2D display;
    final JFrame frame;
    final DwellingPortrayal dwellings;
    WijkLabModel model;
    CityView view;
    MoveHistory history;
    LifeHistory life;
    boolean[] targets;
    LiveabilityLayer liveability;
    MoveTrail trail;
    TrailLayer trailLayer;
    HelpLayer helpLayer;
    ProfessionalLayer professionalLayer;
    BestPersonLayer bestPersonLayer;

    City(WijkLabGui gui, String title, int width, int height) {
        this.title = title;
        display = new Display2D(width, height, gui);
        display.setBackdrop(Color.WHITE);
        frame = display.createFrame();
        frame.setTitle("WijkLab: " + title);
        dwellings = new DwellingPortrayal(this);
    }

    /** Shows a model that has been started (and warmed up): a new map, portrayals and move history. */
    void bind(WijkLabModel m, Layer layer, LiveCharts charts, boolean countMoves) {
        model = m;
        history = new MoveHistory(m);
        targets = new boolean[m.neighbourhoods().count];
        trail = new MoveTrail();
        // the model has one listener: the GUI's (it writes no moves.csv) passes each move to all its parts
        m.setMoveListener((tick, id, from, to, reason, employed, income) -> {
            history.onMove(tick, id, from, to, reason, employed, income);
            trail.onMove(tick, id, from, to, reason, employed, income);
            if (countMoves && charts != null) {
                charts.move(from >= 0 && targets[from], to >= 0 && targets[to]);
            }
        });
        life = new LifeHistory(m);
        view = new CityView(m);
        view.update(layer);
        updateTargets();
        double s = Math.min(display.insideDisplay.width / (double) view.width,
                display.insideDisplay.height / (double) (view.height + CityOverlay.LEGEND_ROWS));
        dwellings.setField(view.values);
        display.detatchAll();
        display.attach(dwellings, "Dwellings", new Rectangle2D.Double(0, 0, view.width * s, view.height * s));
        liveability = new LiveabilityLayer(m, view);
        display.attach(liveability, "Liveability class (tint)", new Rectangle2D.Double(0, 0, view.width * s, view.height * s),
                false);
        professionalLayer = new ProfessionalLayer(m, view);
        display.attach(professionalLayer, "Professionals' families and caseloads",
                new Rectangle2D.Double(0, 0, view.width * s, view.height * s), false);
        helpLayer = new HelpLayer(m, view);
        display.attach(helpLayer, "Households helped by a programme",
                new Rectangle2D.Double(0, 0, view.width * s, view.height * s), true);
        CityOverlay overlay = new CityOverlay(m, view);
        overlay.help(helpLayer);
        overlay.professionals(professionalLayer);
        display.attach(overlay, "Borders, names, targets, movers and legend",
                new Rectangle2D.Double(0, 0, view.width * s, (view.height + CityOverlay.LEGEND_ROWS) * s));
        trailLayer = new TrailLayer(m, trail);
        display.attach(trailLayer, "Moves of the last month (trail)", new Rectangle2D.Double(0, 0, view.width * s, view.height * s),
                true);
        // the best persons over everything: few markers, each clickable
        bestPersonLayer = new BestPersonLayer(m, view);
        display.attach(bestPersonLayer, "Best persons", new Rectangle2D.Double(0, 0, view.width * s, view.height * s), true);
        display.reset();
        display.repaint();
    }

    /** Marks the neighbourhoods that programmes have made targets so far. */
    void updateTargets() {
        for (Programmes.Run run : model.programmes().runs()) {
            if (run.isTarget != null) {
                for (int j = 0; j < targets.length; j++) {
                    targets[j] |= run.isTarget[j];
                }
            }
        }
    }

    /** The inspected object at a pixel of the map: the dwelling and its household, or null. */
    Object inspectAt(int x, int y) {
        if (view == null || x < 0 || y < 0 || x >= view.width || y >= view.height) {
            return null;
        }
        int d = view.dwelling.field[x][y];
        return d < 0 ? null : new Inspections.Dwelling(model, history, life, d);
    }

    /** A short name for the dwelling at a pixel. */
    String describeAt(int x, int y) {
        if (view == null || x < 0 || y < 0 || x >= view.width || y >= view.height || view.dwelling.field[x][y] < 0) {
            return "outside the city";
        }
        return String.format(Locale.ROOT, "dwelling %d in %s", view.dwelling.field[x][y],
                model.neighbourhoods().name[view.hood.field[x][y]]);
    }

    /** Scales the map to fill its display's visible area (the frame has been laid out). */
    void fitMap() {
        frame.validate();
        java.awt.Dimension seen = display.display.getViewport().getExtentSize();
        if (seen.width > 0 && seen.height > 0) {
            double s = Math.min(seen.width / display.insideDisplay.width, seen.height / display.insideDisplay.height);
            // a little under the exact fit, so that rounding never brings the scroll bars
            display.setScale(Math.max(0.1, Math.floor(100 * s) / 100 - 0.01));
        }
    }

    /**
     * The map as a PNG at its natural size, whatever its window's size and scale on screen: MASON's
     * snapshot is of what the window last painted, so the window is packed around the map at scale 1
     * and painted for it, then put back (on the Swing thread).
     */
    void snapshot(java.io.File file) throws java.io.IOException {
        double scale = display.getScale();
        java.awt.Rectangle bounds = frame.getBounds();
        display.setScale(1.0);
        frame.pack();
        frame.validate();
        // the display takes what it draws from the view it last painted: paint it once at this size
        display.insideDisplay.paintImmediately(display.insideDisplay.getVisibleRect());
        try {
            display.takeSnapshot(file, Display2D.TYPE_PNG);
        } finally {
            frame.setBounds(bounds);
            display.setScale(scale);
            frame.validate();
        }
    }

    void dispose() {
        frame.dispose();
    }
}
