package org.wijklab.gui;

import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import javax.swing.ButtonGroup;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.SwingUtilities;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.WijkLabModel;
import org.wijklab.observation.CohortWatch;
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
 * teams, best persons and recent movers drawn over it, and the last month's moves as a trail,
 * {@link TrailLayer}), with inspectors of dwellings, neighbourhoods and programmes, a Model tab
 * ({@link ModelSettings}) and live charts, all laid out side by side to the screen at start
 * ({@link Workspace}). Starting runs
 * the scenario's warm-up at once, so the display opens on tick 0 (the start of the recorded run);
 * the model stops at the scenario's last tick.
 */
public final class WijkLabGui extends GUIState {
    /** The display's natural size in pixels; the map is scaled to fit it. */
    static final int DISPLAY_WIDTH = 900;
    static final int DISPLAY_HEIGHT = 760;
    /** The same in the teaching mode, where two displays stand side by side. */
    static final int COMPARE_WIDTH = 700;
    static final int COMPARE_HEIGHT = 590;

    private final ModelSettings settings;
    private final String[] titles;
    private City[] cities = new City[0];
    private LiveCharts charts;
    private Layer layer = Layer.EMPLOYMENT;
    private CohortWatch watch;
    private WijkLabModel second;

    public WijkLabGui(Scenario scenario) {
        super(new WijkLabModel(scenario.withMovesLog(false)));
        this.settings = new ModelSettings(this, scenario);
        this.titles = new String[] {scenario.name()};
    }

    /**
     * The teaching mode: two cities on the same seed, stepping together, side by side, with a chart
     * of the second's difference from the first in the targets.
     */
    public WijkLabGui(Scenario first, Scenario second) {
        super(new WijkLabModel(first.withMovesLog(false)));
        this.settings = new ModelSettings(this, first);
        settings.second(second.withSeed(first.seed()));
        this.titles = new String[] {first.name(), second.name()};
    }

    public static String getName() {
        return "WijkLab";
    }

    @Override
    public Object getSimulationInspectedObject() {
        return settings;
    }

    /** The first city's model (MASON's {@code state}). */
    public WijkLabModel model() {
        return (WijkLabModel) state;
    }

    /** The teaching mode's second city's model, or null. */
    public WijkLabModel secondModel() {
        return second;
    }

    public Layer layer() {
        return layer;
    }

    /** The first city's map. */
    public CityView view() {
        return cities.length == 0 ? null : cities[0].view;
    }

    /** The first city's display. */
    public Display2D display() {
        return cities.length == 0 ? null : cities[0].display;
    }

    City city(int k) {
        return cities[k];
    }

    LiveCharts charts() {
        return charts;
    }

    /** Colours the maps by another layer, now. */
    public void setLayer(Layer l) {
        layer = l;
        for (City c : cities) {
            if (c.view != null) {
                c.view.update(l);
            }
            c.display.repaint();
        }
    }

    @Override
    public void start() {
        Scenario[] s;
        try {
            s = settings.scenarios();
        } catch (ScenarioException e) {
            if (model() == null) {
                // the first start has no previous scenario to fall back on: the caller says why, in one line
                throw e;
            }
            s = second == null ? new Scenario[] {model().scenario()} : new Scenario[] {model().scenario(), second.scenario()};
            if (cities.length > 0 && !java.awt.GraphicsEnvironment.isHeadless()) {
                String msg = "The Model tab's values do not make a valid scenario (" + e.getMessage()
                        + "); starting with the previous one.";
                JFrame f = cities[0].frame;
                SwingUtilities.invokeLater(() -> JOptionPane.showMessageDialog(f, msg));
            }
        }
        state = new WijkLabModel(s[0]);
        super.start();
        warmUp(model());
        second = null;
        if (s.length > 1) {
            second = new WijkLabModel(s[1]);
            second.start();
            warmUp(second);
        }
        watch = null;
        for (int k = 0; k < cities.length; k++) {
            cities[k].bind(k == 0 ? model() : second, layer, charts, k == (programmeCity()));
        }
        if (charts != null) {
            charts.reset(model());
        }
        afterStep(false);
        scheduleRepeatingImmediatelyAfter(st -> afterStep(true));
    }

    /** Runs a model's warm-up at once: the display opens on the recorded run's first month. */
    private static void warmUp(WijkLabModel m) {
        while (m.tick() < 0) {
            m.schedule.step(m);
        }
    }

    /** Which city's programme the charts follow: the first city's, or the second's if only it has one. */
    private int programmeCity() {
        return second != null && model().scenario().programmes().isEmpty() && !second.scenario().programmes().isEmpty() ? 1 : 0;
    }

    /** After a step of the first model: the second steps too (lockstep), the maps and charts follow. */
    private void afterStep(boolean stepped) {
        WijkLabModel a = model();
        if (stepped && second != null && second.tick() < a.tick()) {
            second.schedule.step(second);
        }
        for (City c : cities) {
            c.updateTargets();
            c.view.update(layer);
            if (stepped) {
                c.life.update(c.model);
                c.trail.endMonth(c.model.tick());
            }
        }
        WijkLabModel followed = programmeCity() == 0 ? a : second;
        if (charts != null) {
            charts.update(followed);
            erosion(followed);
            if (second != null) {
                difference(a, second);
            }
        }
        if (a.tick() >= a.scenario().ticks()) {
            a.kill();
        }
    }

    /** The erosion so far, in employment, for the followed city's first programme once it has begun. */
    private void erosion(WijkLabModel m) {
        if (m.programmes().runs().isEmpty()) {
            return;
        }
        Programmes.Run run = m.programmes().runs().get(0);
        if (m.tick() == run.startTick) {
            // the programme chooses its targets from this month's state at its first step
            watch = new CohortWatch(m);
        }
        if (watch == null || !run.started()) {
            return;
        }
        if (!watch.selected()) {
            watch.select(run.isTarget);
        }
        double[][] now = watch.now(m);
        charts.erosion(m.tick() / 12.0, now[0][0], now[0][1]);
    }

    /** The second city minus the first in the targets (those of the city whose programme is followed). */
    private void difference(WijkLabModel a, WijkLabModel b) {
        boolean[] mask = cities.length > 1 ? cities[programmeCity()].targets : null;
        if (mask == null) {
            return;
        }
        double[] x = targetMeans(a, mask);
        double[] y = targetMeans(b, mask);
        if (Double.isNaN(x[0]) || Double.isNaN(y[0])) {
            return;
        }
        charts.difference(a.tick() / 12.0, y[0] - x[0], y[1] - x[1], y[2] - x[2]);
    }

    /** Household-weighted employment, good mental health and liveability over a set of neighbourhoods. */
    static double[] targetMeans(WijkLabModel m, boolean[] mask) {
        Neighbourhoods nb = m.neighbourhoods();
        double[] sum = new double[3];
        double w = 0;
        for (int j = 0; j < nb.count; j++) {
            if (mask[j]) {
                double h = nb.households[j];
                sum[0] += nb.employmentRate[j] * h;
                sum[1] += nb.goodMentalHealth[j] * h;
                sum[2] += nb.liveability[j] * h;
                w += h;
            }
        }
        return w == 0 ? new double[] {Double.NaN, Double.NaN, Double.NaN}
                : new double[] {sum[0] / w, sum[1] / w, sum[2] / w};
    }

    @Override
    public void init(Controller c) {
        super.init(c);
        boolean compare = titles.length > 1;
        int w = compare ? COMPARE_WIDTH : DISPLAY_WIDTH;
        int h = compare ? COMPARE_HEIGHT : DISPLAY_HEIGHT;
        cities = new City[titles.length];
        for (int k = 0; k < cities.length; k++) {
            cities[k] = new City(this, titles[k], w, h);
            c.registerFrame(cities[k].frame);
        }
        charts = new LiveCharts(compare, titles[0], compare ? titles[1] : "");
        for (JFrame f : charts.frames()) {
            c.registerFrame(f);
        }
        // set before the Console places itself: it keeps a place it has been given
        arrange(c instanceof JFrame console ? console : null);
        for (City city : cities) {
            city.frame.setVisible(true);
            city.fitMap();
        }
        for (JFrame f : charts.frames()) {
            f.setVisible(true);
        }
        if (c instanceof Console console) {
            console.setJMenuBar(menus(console.getJMenuBar()));
        }
    }

    /**
     * Lays the windows out to the screen ({@link Workspace}): the maps, the Console and the charts
     * side by side, none over another.
     */
    private void arrange(JFrame console) {
        java.awt.Rectangle screen = java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        boolean compare = titles.length > 1;
        java.awt.Dimension natural = compare ? new java.awt.Dimension(COMPARE_WIDTH, COMPARE_HEIGHT)
                : new java.awt.Dimension(DISPLAY_WIDTH, DISPLAY_HEIGHT);
        Workspace.Plan plan;
        try {
            plan = Workspace.plan(screen, cities.length, charts.frames().size(), natural);
        } catch (IllegalArgumentException e) {
            System.err.println("gui: " + e.getMessage() + "; the windows open at their own sizes, over each other");
            return;
        }
        for (int k = 0; k < cities.length; k++) {
            cities[k].frame.setBounds(plan.maps()[k]);
        }
        if (console != null) {
            console.setBounds(plan.console());
        }
        for (int k = 0; k < charts.frames().size(); k++) {
            charts.frames().get(k).setBounds(plan.charts()[k]);
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
        JFrame parent = cities.length > 0 ? cities[0].frame : null;
        JFileChooser chooser = new JFileChooser(new File("scenarios"));
        if (chooser.showOpenDialog(parent) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        try {
            Scenario s = ScenarioLoader.load(chooser.getSelectedFile().toPath());
            settings.reset(s);
            JOptionPane.showMessageDialog(parent, "Loaded " + s.name() + (titles.length > 1 ? " as the first city" : "")
                    + ". Press stop, then play, to run it.");
        } catch (ScenarioException e) {
            JOptionPane.showMessageDialog(parent, e.getMessage(), "Not a valid scenario", JOptionPane.ERROR_MESSAGE);
        }
    }

    @Override
    public void quit() {
        super.quit();
        for (City c : cities) {
            c.dispose();
        }
        if (charts != null) {
            charts.dispose();
        }
    }

    @Override
    public void load(SimState s) {
        throw new UnsupportedOperationException("WijkLab's GUI does not read checkpoints");
    }

    /** The first city's dwelling at a pixel of its map, as its inspector shows it, or null. */
    Object inspectAt(int x, int y) {
        return cities.length == 0 ? null : cities[0].inspectAt(x, y);
    }

    /**
     * Writes the map as PNG with Display2D's own snapshot, on the Swing thread; in the teaching mode
     * the two cities' maps side by side in one picture.
     */
    public void snapshot(Path file) {
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    if (cities.length == 1) {
                        cities[0].snapshot(file.toFile());
                        return;
                    }
                    java.util.List<java.awt.image.BufferedImage> parts = new java.util.ArrayList<>();
                    for (City c : cities) {
                        Path part = java.nio.file.Files.createTempFile("wijklab-snapshot", ".png");
                        try {
                            c.snapshot(part.toFile());
                            parts.add(javax.imageio.ImageIO.read(part.toFile()));
                        } finally {
                            java.nio.file.Files.deleteIfExists(part);
                        }
                    }
                    int gap = 12;
                    int width = gap * (parts.size() - 1);
                    int height = 0;
                    for (java.awt.image.BufferedImage p : parts) {
                        width += p.getWidth();
                        height = Math.max(height, p.getHeight() + 24);
                    }
                    java.awt.image.BufferedImage all = new java.awt.image.BufferedImage(width, height,
                            java.awt.image.BufferedImage.TYPE_INT_RGB);
                    java.awt.Graphics2D g = all.createGraphics();
                    g.setColor(Color.WHITE);
                    g.fillRect(0, 0, width, height);
                    g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
                            java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 15));
                    int x = 0;
                    for (int k = 0; k < parts.size(); k++) {
                        g.setColor(Color.BLACK);
                        g.drawString(titles[k], x + 6, 17);
                        g.drawImage(parts.get(k), x, 24, null);
                        x += parts.get(k).getWidth() + gap;
                    }
                    g.dispose();
                    javax.imageio.ImageIO.write(all, "png", file.toFile());
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
