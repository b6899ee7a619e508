package org.wijklab.gui;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Locale;
import javax.swing.ButtonGroup;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.SwingUtilities;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;
import sim.display.Console;
import sim.display.Controller;
import sim.display.Display2D;
import sim.display.GUIState;
import sim.engine.SimState;

/**
 * The GUI around the unchanged model: a MASON {@link GUIState} whose display is the city map
 * ({@link CityView}: a pixel per dwelling, coloured by a {@link Layer}; borders, names, targets,
 * teams, best persons and recent movers drawn over it), with inspectors of dwellings,
 * neighbourhoods and programmes, a Model tab ({@link ModelSettings}) and live charts. Starting runs
 * the scenario's warm-up at once, so the display opens on tick 0 (the start of the recorded run);
 * the model stops at the scenario's last tick.
 */
public final class WijkLabGui extends GUIState {
    /** The display's natural size in pixels; the map is scaled to fit it. */
    static final int DISPLAY_WIDTH = 900;
    static final int DISPLAY_HEIGHT = 760;

    private final ModelSettings settings;
    private final String title;
    private Display2D display;
    private JFrame displayFrame;
    private DwellingPortrayal dwellings;
    private CityOverlay overlay;
    private CityView view;
    private MoveHistory history;
    private LiveCharts charts;
    private Layer layer = Layer.EMPLOYMENT;
    private boolean[] targetMask;

    public WijkLabGui(Scenario scenario) {
        this(scenario, scenario.name());
    }

    public WijkLabGui(Scenario scenario, String title) {
        super(new WijkLabModel(scenario.withMovesLog(false)));
        this.settings = new ModelSettings(this, scenario);
        this.title = title;
    }

    public static String getName() {
        return "WijkLab";
    }

    @Override
    public Object getSimulationInspectedObject() {
        return settings;
    }

    public WijkLabModel model() {
        return (WijkLabModel) state;
    }

    public Layer layer() {
        return layer;
    }

    public CityView view() {
        return view;
    }

    public Display2D display() {
        return display;
    }

    LiveCharts charts() {
        return charts;
    }

    /** Colours the map by another layer, now. */
    public void setLayer(Layer l) {
        layer = l;
        if (view != null) {
            view.update(l);
        }
        if (display != null) {
            display.repaint();
        }
    }

    @Override
    public void start() {
        Scenario s;
        try {
            s = settings.scenario();
        } catch (ScenarioException e) {
            s = model().scenario();
            if (display != null && !java.awt.GraphicsEnvironment.isHeadless()) {
                String msg = "The Model tab's values do not make a valid scenario (" + e.getMessage()
                        + "); starting with the previous one.";
                SwingUtilities.invokeLater(() -> JOptionPane.showMessageDialog(displayFrame, msg));
            }
        }
        state = new WijkLabModel(s);
        super.start();
        WijkLabModel m = model();
        // the warm-up runs at once: the display opens on the recorded run's first month
        while (m.tick() < 0) {
            m.schedule.step(m);
        }
        history = new MoveHistory(m);
        targetMask = new boolean[m.neighbourhoods().count];
        m.setMoveListener((tick, id, from, to, reason, employed, income) -> {
            history.onMove(tick, id, from, to, reason, employed, income);
            if (charts != null) {
                charts.move(from >= 0 && targetMask[from], to >= 0 && targetMask[to]);
            }
        });
        view = new CityView(m);
        view.update(layer);
        updateTargets();
        if (display != null) {
            attach();
        }
        if (charts != null) {
            charts.reset(m);
            charts.update(m);
        }
        scheduleRepeatingImmediatelyAfter(st -> afterStep());
    }

    private void updateTargets() {
        for (Programmes.Run run : model().programmes().runs()) {
            if (run.isTarget != null) {
                for (int j = 0; j < targetMask.length; j++) {
                    targetMask[j] |= run.isTarget[j];
                }
            }
        }
    }

    private void afterStep() {
        WijkLabModel m = model();
        updateTargets();
        view.update(layer);
        if (charts != null) {
            charts.update(m);
        }
        if (m.tick() >= m.scenario().ticks()) {
            m.kill();
        }
    }

    /** Puts the map's portrayals on the display, scaled to fit it. */
    private void attach() {
        double s = Math.min(DISPLAY_WIDTH / (double) view.width,
                DISPLAY_HEIGHT / (double) (view.height + CityOverlay.LEGEND_ROWS));
        dwellings.setField(view.values);
        overlay = new CityOverlay(model(), view);
        display.detatchAll();
        display.attach(dwellings, "Dwellings", new Rectangle2D.Double(0, 0, view.width * s, view.height * s));
        display.attach(overlay, "Borders, names, targets, movers and legend",
                new Rectangle2D.Double(0, 0, view.width * s, (view.height + CityOverlay.LEGEND_ROWS) * s));
        display.reset();
        display.repaint();
    }

    @Override
    public void init(Controller c) {
        super.init(c);
        display = new Display2D(DISPLAY_WIDTH, DISPLAY_HEIGHT, this);
        display.setBackdrop(Color.WHITE);
        displayFrame = display.createFrame();
        displayFrame.setTitle("WijkLab: " + title);
        c.registerFrame(displayFrame);
        displayFrame.setVisible(true);
        dwellings = new DwellingPortrayal(this);
        charts = new LiveCharts();
        int k = 0;
        for (JFrame f : charts.frames()) {
            f.setLocation(DISPLAY_WIDTH + 40 + 30 * k, 40 + 60 * k);
            c.registerFrame(f);
            f.setVisible(true);
            k++;
        }
        if (c instanceof Console console) {
            console.setJMenuBar(menus(console.getJMenuBar()));
        }
    }

    /** The Console's menus plus "Scenario" (open a file) and "Colour by". */
    private JMenuBar menus(JMenuBar bar) {
        JMenuBar b = bar != null ? bar : new JMenuBar();
        JMenu scenario = new JMenu("Scenario");
        JMenuItem open = new JMenuItem("Open scenario file...");
        open.addActionListener(e -> openScenario());
        scenario.add(open);
        b.add(scenario);
        JMenu colour = new JMenu("Colour by");
        ButtonGroup group = new ButtonGroup();
        for (Layer l : Layer.values()) {
            JRadioButtonMenuItem item = new JRadioButtonMenuItem(l.label, l == layer);
            item.addActionListener(e -> setLayer(l));
            group.add(item);
            colour.add(item);
        }
        b.add(colour);
        return b;
    }

    private void openScenario() {
        JFileChooser chooser = new JFileChooser(new File("scenarios"));
        if (chooser.showOpenDialog(displayFrame) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        try {
            Scenario s = ScenarioLoader.load(chooser.getSelectedFile().toPath());
            settings.reset(s);
            JOptionPane.showMessageDialog(displayFrame, "Loaded " + s.name() + ". Press stop, then play, to run it.");
        } catch (ScenarioException e) {
            JOptionPane.showMessageDialog(displayFrame, e.getMessage(), "Not a valid scenario", JOptionPane.ERROR_MESSAGE);
        }
    }

    @Override
    public void quit() {
        super.quit();
        if (displayFrame != null) {
            displayFrame.dispose();
        }
        if (charts != null) {
            charts.dispose();
        }
        displayFrame = null;
        display = null;
    }

    @Override
    public void load(SimState s) {
        throw new UnsupportedOperationException("WijkLab's GUI does not read checkpoints");
    }

    /** The inspected object at a pixel of the map: the dwelling and its household, or null. */
    Object inspectAt(int x, int y) {
        if (view == null || x < 0 || y < 0 || x >= view.width || y >= view.height) {
            return null;
        }
        int d = view.dwelling.field[x][y];
        return d < 0 ? null : new Inspections.Dwelling(model(), history, d);
    }

    /** A short name for the dwelling at a pixel. */
    String describeAt(int x, int y) {
        if (view == null || x < 0 || y < 0 || x >= view.width || y >= view.height || view.dwelling.field[x][y] < 0) {
            return "outside the city";
        }
        int j = view.hood.field[x][y];
        return String.format(Locale.ROOT, "dwelling %d in %s", view.dwelling.field[x][y], model().neighbourhoods().name[j]);
    }

    /** Writes the display as PNG with Display2D's own snapshot, on the Swing thread. */
    public void snapshot(Path file) {
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    display.takeSnapshot(file.toFile(), Display2D.TYPE_PNG);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
