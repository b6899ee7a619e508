package org.wijklab.gui;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.ScenarioLoader;

/**
 * A measurement, not a test (no display needed): the time to draw the best persons' markers
 * ({@link BestPersonLayer}) and the professionals' areas ({@link ProfessionalLayer}) into an image
 * of the display's natural width, on krachtwijk at a given number of residents, a given number of
 * months in (no warm-up; the programme begins at month 12), against the map's overlay
 * ({@link CityOverlay}, drawn every frame anyway). Also the month's first frame of each, which finds
 * the markers and the held families once (then kept until the model steps). Arguments: residents,
 * months (e.g. 100000 36). The first 60 frames warm the JIT and are not counted.
 */
public final class PeopleFrameTime {
    public static void main(String[] args) throws Exception {
        int residents = Integer.parseInt(args[0]);
        int months = Integer.parseInt(args[1]);
        WijkLabModel m = new WijkLabModel(ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(residents)
                .withWarmUpYears(0).withYears(Math.max(2, months / 12 + 1)));
        m.start();
        while (m.tick() < months) {
            m.schedule.step(m);
        }
        CityView view = new CityView(m);
        double s = WijkLabGui.DISPLAY_WIDTH / (double) view.width;
        int w = (int) Math.ceil(view.width * s);
        int hh = (int) Math.ceil((view.height + CityOverlay.LEGEND_ROWS) * s);
        BufferedImage img = new BufferedImage(w, hh, BufferedImage.TYPE_INT_RGB);
        Rectangle2D.Double map = new Rectangle2D.Double(0, 0, view.width * s, view.height * s);
        Rectangle2D.Double all = new Rectangle2D.Double(0, 0, view.width * s, (view.height + CityOverlay.LEGEND_ROWS) * s);
        // the month's first frame: a layer made afresh finds its marks, then draws
        double[] first = new double[2];
        for (int rep = 0; rep < 20; rep++) {
            BestPersonLayer people = new BestPersonLayer(m, view);
            ProfessionalLayer pros = new ProfessionalLayer(m, view);
            Graphics2D g = img.createGraphics();
            long t0 = System.nanoTime();
            people.draw(null, g, new sim.portrayal.DrawInfo2D(null, people, map, map));
            long t1 = System.nanoTime();
            pros.draw(null, g, new sim.portrayal.DrawInfo2D(null, pros, map, map));
            long t2 = System.nanoTime();
            g.dispose();
            first[0] = rep == 0 ? (t1 - t0) / 1e6 : Math.min(first[0], (t1 - t0) / 1e6);
            first[1] = rep == 0 ? (t2 - t1) / 1e6 : Math.min(first[1], (t2 - t1) / 1e6);
        }
        BestPersonLayer people = new BestPersonLayer(m, view);
        ProfessionalLayer pros = new ProfessionalLayer(m, view);
        CityOverlay overlay = new CityOverlay(m, view);
        int frames = 40;
        double[][] ms = new double[3][frames];
        for (int f = -60; f < frames; f++) {
            for (int which = 0; which < 3; which++) {
                Graphics2D g = img.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, w, hh);
                long t0 = System.nanoTime();
                if (which == 0) {
                    people.draw(null, g, new sim.portrayal.DrawInfo2D(null, people, map, map));
                } else if (which == 1) {
                    pros.draw(null, g, new sim.portrayal.DrawInfo2D(null, pros, map, map));
                } else {
                    overlay.draw(null, g, new sim.portrayal.DrawInfo2D(null, overlay, all, all));
                }
                long t1 = System.nanoTime();
                g.dispose();
                if (f >= 0) {
                    ms[which][f] = (t1 - t0) / 1e6;
                }
            }
        }
        for (double[] a : ms) {
            Arrays.sort(a);
        }
        System.out.printf(Locale.ROOT, "%,d residents, month %d: %d best persons drawn (%d away), %,d families held by %d "
                + "professionals, %.2f pixels a dwelling%n", residents, m.tick(), people.markers(), people.away(), pros.families(),
                m.professionals().count, s);
        // on a shared machine the median carries the others' load; the fastest frame is the draw's own cost
        System.out.printf(Locale.ROOT, "draw, fastest and median: best persons %.2f / %.2f ms, professionals %.2f / %.2f ms, "
                + "overlay %.2f / %.2f ms%n", ms[0][0], ms[0][frames / 2], ms[1][0], ms[1][frames / 2], ms[2][0], ms[2][frames / 2]);
        System.out.printf(Locale.ROOT, "a month's first frame (finding the marks, fastest of 20): best persons %.2f ms, "
                + "professionals %.2f ms%n", first[0], first[1]);
    }
}
