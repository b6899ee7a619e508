package org.wijklab.gui;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;
import sim.display.Console;

/**
 * A measurement, not a test (run by hand under a display, e.g. xvfb-run): the GUI on krachtwijk at
 * a given number of residents, the moves per month the trail receives and draws, and the median time to
 * paint the map with and without the trail; writes a picture of the whole screen (the workspace).
 * Arguments: residents, months to step, the screenshot's path, and optionally "compare".
 */
public final class TrailFrameTime {
    /** Publishes two months again as they were: the month before, then the last. */
    static void show(MoveTrail t, MoveTrail.Month before, MoveTrail.Month last) {
        t.clear();
        for (MoveTrail.Month m : new MoveTrail.Month[] {before, last}) {
            for (int k = 0; k < m.size(); k++) {
                t.onMove(m.tick(), m.id()[k], m.from()[k], m.to()[k], null, m.employed()[k] ? 1 : 0, 0);
            }
            t.endMonth(m.tick());
        }
    }

    public static void main(String[] args) throws Exception {
        int residents = Integer.parseInt(args[0]);
        int months = Integer.parseInt(args[1]);
        Scenario s = ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(residents).withWarmUpYears(2)
                .withYears(8);
        // a fourth argument, "compare": the teaching mode, baseline beside krachtwijk (for the screenshot)
        WijkLabGui gui = args.length > 3 && args[3].equals("compare")
                ? new WijkLabGui(ScenarioLoader.load(Path.of("scenarios", "baseline.json")).withResidents(residents)
                        .withWarmUpYears(2).withYears(8), s)
                : new WijkLabGui(s);
        Console[] console = new Console[1];
        SwingUtilities.invokeAndWait(() -> {
            console[0] = new Console(gui);
            console[0].setVisible(true);
        });
        long t0 = System.nanoTime();
        gui.start();
        System.out.printf(Locale.ROOT, "start (warm-up) %.1f s%n", (System.nanoTime() - t0) / 1e9);
        long totalMoves = 0;
        int maxMoves = 0;
        for (int k = 0; k < months; k++) {
            gui.step();
            MoveTrail.Month m = gui.city(0).trail.last();
            totalMoves += m.total();
            maxMoves = Math.max(maxMoves, m.total());
        }
        System.out.printf(Locale.ROOT, "moves a month: mean %.0f, max %d (cap %d); last month drawn %d%n",
                totalMoves / (double) months, maxMoves, MoveTrail.CAP, gui.city(0).trail.last().size());
        double[] ms = new double[2];
        SwingUtilities.invokeAndWait(() -> {
            sim.display.Display2D d = gui.display();
            System.out.printf(Locale.ROOT, "display scale %.2f, view %s%n", d.getScale(), d.display.getViewport().getExtentSize());
            MoveTrail t = gui.city(0).trail;
            MoveTrail.Month before = t.before();
            MoveTrail.Month last = t.last();
            // with and without the trail in turns (ABAB: the machine is shared, its load drifts), the median of each
            int rounds = 8;
            int frames = 5;
            double[][] each = new double[2][rounds * frames];
            for (int w = 0; w < 5; w++) {
                d.insideDisplay.paint(null, true, true);
            }
            for (int round = 0; round < rounds; round++) {
                for (int pass = 0; pass < 2; pass++) {
                    if (pass == 0) {
                        show(t, before, last);
                    } else {
                        t.clear();
                    }
                    for (int f = 0; f < frames; f++) {
                        long a = System.nanoTime();
                        d.insideDisplay.paint(null, true, true);
                        each[pass][round * frames + f] = (System.nanoTime() - a) / 1e6;
                    }
                }
            }
            show(t, before, last);
            for (int pass = 0; pass < 2; pass++) {
                java.util.Arrays.sort(each[pass]);
                ms[pass] = each[pass][each[pass].length / 2];
            }
        });
        System.out.printf(Locale.ROOT, "frame (the whole map painted): %.1f ms with the trail, %.1f ms without%n", ms[0], ms[1]);
        SwingUtilities.invokeAndWait(() -> {
            // the trail alone, into an image in memory at the display's size
            City c = gui.city(0);
            double scale = gui.display().getScale();
            int w = (int) (WijkLabGui.DISPLAY_WIDTH * scale);
            int h = (int) (WijkLabGui.DISPLAY_HEIGHT * scale);
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            double px = Math.min(w / (double) c.view.width, h / (double) (c.view.height + CityOverlay.LEGEND_ROWS));
            java.awt.geom.Rectangle2D.Double r = new java.awt.geom.Rectangle2D.Double(0, 0, c.view.width * px, c.view.height * px);
            sim.portrayal.DrawInfo2D info = new sim.portrayal.DrawInfo2D(gui, c.trailLayer, r, r);
            for (int k = 0; k < 5; k++) {
                java.awt.Graphics2D g = img.createGraphics();
                c.trailLayer.draw(null, g, info);
                g.dispose();
            }
            int n = 30;
            double[] each = new double[n];
            for (int k = 0; k < n; k++) {
                long a = System.nanoTime();
                java.awt.Graphics2D g = img.createGraphics();
                c.trailLayer.draw(null, g, info);
                g.dispose();
                each[k] = (System.nanoTime() - a) / 1e6;
            }
            java.util.Arrays.sort(each);
            System.out.printf(Locale.ROOT, "the trail alone into a %dx%d image: %.1f ms (%.2f dwelling pixels a map pixel)%n", w, h,
                    each[n / 2], px);
            // a month at the cap: CAP moves between neighbourhoods chosen at random (a measurement's own
            // generator, not the model's), a tenth to or from the region, over a month as large before it
            java.util.Random rnd = new java.util.Random(1);
            MoveTrail full = new MoveTrail();
            TrailLayer fullLayer = new TrailLayer(gui.model(), full);
            int hoods = gui.model().neighbourhoods().count;
            for (int month = 0; month < 2; month++) {
                for (int k = 0; k < MoveTrail.CAP; k++) {
                    int from = rnd.nextInt(10) == 0 ? -1 : rnd.nextInt(hoods);
                    int to = from >= 0 && rnd.nextInt(9) == 0 ? -1 : rnd.nextInt(hoods);
                    full.onMove(month, rnd.nextInt(1_000_000), from, to, null, rnd.nextInt(2), 0);
                }
                full.endMonth(month);
            }
            sim.portrayal.DrawInfo2D fullInfo = new sim.portrayal.DrawInfo2D(gui, fullLayer, r, r);
            for (int k = 0; k < n; k++) {
                long a = System.nanoTime();
                java.awt.Graphics2D g = img.createGraphics();
                fullLayer.draw(null, g, fullInfo);
                g.dispose();
                each[k] = (System.nanoTime() - a) / 1e6;
            }
            java.util.Arrays.sort(each);
            System.out.printf(Locale.ROOT, "a month at the cap (%d moves, and %d before): %.1f ms%n", MoveTrail.CAP, MoveTrail.CAP,
                    each[n / 2]);
        });
        Thread.sleep(1500);
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        BufferedImage shot = new Robot().createScreenCapture(screen);
        ImageIO.write(shot, "png", Path.of(args[2]).toFile());
        System.out.println("screen " + screen + " -> " + args[2]);
        SwingUtilities.invokeAndWait(() -> {
            gui.quit();
            console[0].dispose();
        });
        System.exit(0);
    }
}
