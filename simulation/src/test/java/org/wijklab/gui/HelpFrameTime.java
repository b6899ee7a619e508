package org.wijklab.gui;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.wijklab.model.Help;
import org.wijklab.model.Households;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.ScenarioLoader;
import sim.portrayal.DrawInfo2D;

/**
 * A measurement, not a test (no display needed): the time to draw the marks of helped households
 * ({@link HelpLayer}) into an image of the display's natural width, on krachtwijk at a given
 * number of residents with a given share of the households helped (half of them this month), against
 * the time to draw the map's overlay ({@link CityOverlay}, drawn every frame anyway). Arguments:
 * residents, the share of households helped (e.g. 0.2). The first 60 frames warm the JIT and are not counted.
 */
public final class HelpFrameTime {
    public static void main(String[] args) throws Exception {
        int residents = Integer.parseInt(args[0]);
        double share = Double.parseDouble(args[1]);
        WijkLabModel m = new WijkLabModel(ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(residents)
                .withWarmUpYears(0).withYears(2));
        m.start();
        for (int k = 0; k < 3; k++) {
            m.schedule.step(m);
        }
        CityView view = new CityView(m);
        HelpLayer help = new HelpLayer(m, view);
        CityOverlay overlay = new CityOverlay(m, view);
        Households h = m.households();
        int every = (int) Math.max(1, Math.round(1 / share));
        int n = 0;
        for (int s = 0; s < h.capacity; s++) {
            if (h.dwelling[s] >= 0 && h.adultPerson[2 * s] >= 0 && s % every == 0) {
                m.help().give(m.persons(), h.adultPerson[2 * s], Help.CASE, 0, n % 2 == 0 ? m.tick() : m.tick() - 1);
                n++;
            }
        }
        double s = WijkLabGui.DISPLAY_WIDTH / (double) view.width;
        int w = (int) Math.ceil(view.width * s);
        int hh = (int) Math.ceil((view.height + CityOverlay.LEGEND_ROWS) * s);
        BufferedImage img = new BufferedImage(w, hh, BufferedImage.TYPE_INT_RGB);
        Rectangle2D.Double map = new Rectangle2D.Double(0, 0, view.width * s, view.height * s);
        Rectangle2D.Double all = new Rectangle2D.Double(0, 0, view.width * s, (view.height + CityOverlay.LEGEND_ROWS) * s);
        int frames = 40;
        double[][] ms = new double[2][frames];
        for (int f = -60; f < frames; f++) {
            for (int which = 0; which < 2; which++) {
                Graphics2D g = img.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, w, hh);
                long t0 = System.nanoTime();
                if (which == 0) {
                    help.draw(null, g, new DrawInfo2D(null, help, map, map));
                } else {
                    overlay.draw(null, g, new DrawInfo2D(null, overlay, all, all));
                }
                long t1 = System.nanoTime();
                g.dispose();
                if (f >= 0) {
                    ms[which][f] = (t1 - t0) / 1e6;
                }
            }
        }
        Arrays.sort(ms[0]);
        Arrays.sort(ms[1]);
        System.out.printf(Locale.ROOT, "%,d residents, %,d households helped (%d this month), %.2f pixels a dwelling%n",
                residents, n, help.now(), s);
        // on a shared machine the median carries the others' load; the fastest frame is the draw's own cost
        System.out.printf(Locale.ROOT, "draw, fastest and median: helped households %.2f / %.2f ms, overlay %.2f / %.2f ms%n",
                ms[0][0], ms[0][frames / 2], ms[1][0], ms[1][frames / 2]);
    }
}
