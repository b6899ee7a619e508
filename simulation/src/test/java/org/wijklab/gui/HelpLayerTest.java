package org.wijklab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.wijklab.model.Help;
import org.wijklab.model.Households;
import org.wijklab.model.Persons;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.ScenarioLoader;
import sim.portrayal.DrawInfo2D;

/**
 * The map's marks of helped households on a small city (krachtwijk, 3,000 residents, seed fixed):
 * a household whose adult gets help this month is framed thick in {@link Colours#HELPED_NOW}, one
 * whose child was helped months ago thin in {@link Colours#HELPED_BEFORE}, and one never helped not
 * at all; inside each frame the dwelling's own colour stays. Draws into an image: no display needed.
 */
class HelpLayerTest {
    /** Display pixels a dwelling in the test's picture. */
    private static final int S = 6;

    @Test
    void aHelpedHouseholdIsFramedAndAnUnhelpedOneIsNot() throws Exception {
        WijkLabModel m = new WijkLabModel(ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(3000)
                .withWarmUpYears(0).withYears(2));
        m.start();
        for (int k = 0; k < 4; k++) {
            m.schedule.step(m);
        }
        CityView view = new CityView(m);
        HelpLayer layer = new HelpLayer(m, view);
        Households h = m.households();
        Persons ps = m.persons();
        int tick = m.tick();
        // three unhelped households in the map's upper half (the key sits at its lower left)
        int[] pick = new int[3];
        int found = 0;
        for (int s = 0; s < h.capacity && found < 3; s++) {
            int[] xy = pixel(view, s, h);
            if (xy != null && xy[1] < view.height / 2 && h.adults[s] >= 1 && h.firstChild[s] >= 0
                    && HelpLayer.state(h, ps, s, tick) == HelpLayer.NEVER) {
                pick[found++] = s;
            }
        }
        assertEquals(3, found, "three households with children in the upper half");
        int now = pick[0];
        int before = pick[1];
        int never = pick[2];
        layer.collect();
        int nowBefore = layer.now();
        int beforeBefore = layer.before();
        m.help().give(ps, h.adultPerson[2 * now], Help.ACTIVATION, 0, tick);
        m.help().give(ps, h.firstChild[before], Help.YOUTH, 0, tick - 3);

        assertEquals(HelpLayer.NOW, HelpLayer.state(h, ps, now, tick));
        assertEquals(HelpLayer.BEFORE, HelpLayer.state(h, ps, before, tick));
        assertEquals(HelpLayer.NEVER, HelpLayer.state(h, ps, never, tick));
        assertEquals(HelpLayer.NEVER, HelpLayer.state(h, ps, firstFree(h), tick), "a free slot");

        assertTrue(!layer.takeDrawn(), "not drawn yet: the overlay draws no key");
        BufferedImage img = draw(layer, view);
        assertTrue(layer.takeDrawn(), "drawn (the layer is on): the overlay draws its key");
        assertTrue(!layer.takeDrawn(), "once a pass");
        assertEquals(nowBefore + 1, layer.now(), "the key counts the household helped now");
        assertEquals(beforeBefore + 1, layer.before(), "and the one helped before");
        int white = Color.WHITE.getRGB() & 0xFFFFFF;
        int[] a = pixel(view, now, h);
        // helped now: a frame round(6 / 4) = 2 pixels wide on every side, the middle left as it was
        for (int i = 0; i < S; i++) {
            for (int j = 0; j < S; j++) {
                boolean edge = i < 2 || j < 2 || i >= S - 2 || j >= S - 2;
                assertEquals(edge ? rgb(Colours.HELPED_NOW) : white, img.getRGB(a[0] * S + i, a[1] * S + j) & 0xFFFFFF,
                        "helped now, pixel " + i + "," + j);
            }
        }
        int[] b = pixel(view, before, h);
        for (int i = 0; i < S; i++) {
            for (int j = 0; j < S; j++) {
                boolean edge = i < 1 || j < 1 || i >= S - 1 || j >= S - 1;
                assertEquals(edge ? rgb(Colours.HELPED_BEFORE) : white, img.getRGB(b[0] * S + i, b[1] * S + j) & 0xFFFFFF,
                        "helped before, pixel " + i + "," + j);
            }
        }
        int[] c = pixel(view, never, h);
        for (int i = 0; i < S; i++) {
            for (int j = 0; j < S; j++) {
                assertEquals(white, img.getRGB(c[0] * S + i, c[1] * S + j) & 0xFFFFFF, "never helped, pixel " + i + "," + j);
            }
        }

        // next month, the household helped now is helped before (unless the model's own teams help it again)
        m.schedule.step(m);
        if (h.dwelling[now] >= 0 && HelpLayer.state(h, ps, now, m.tick()) != HelpLayer.NOW) {
            assertEquals(HelpLayer.BEFORE, HelpLayer.state(h, ps, now, m.tick()));
        }
        m.finish();
    }

    private static int rgb(Color c) {
        return c.getRGB() & 0xFFFFFF;
    }

    private static int firstFree(Households h) {
        for (int s = 0; s < h.capacity; s++) {
            if (h.dwelling[s] < 0) {
                return s;
            }
        }
        throw new AssertionError("no free household slot");
    }

    /** The view's pixel of household slot s's dwelling, or null. */
    private static int[] pixel(CityView view, int s, Households h) {
        int d = h.dwelling[s];
        if (d < 0) {
            return null;
        }
        for (int x = 0; x < view.width; x++) {
            for (int y = 0; y < view.height; y++) {
                if (view.dwelling.field[x][y] == d) {
                    return new int[] {x, y};
                }
            }
        }
        return null;
    }

    /** The layer drawn on white at {@link #S} pixels a dwelling. */
    private static BufferedImage draw(HelpLayer layer, CityView view) {
        BufferedImage img = new BufferedImage(view.width * S, view.height * S, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        Rectangle2D.Double r = new Rectangle2D.Double(0, 0, img.getWidth(), img.getHeight());
        layer.draw(null, g, new DrawInfo2D(null, layer, r, r));
        g.dispose();
        assertTrue(img.getWidth() > 0);
        return img;
    }
}
