package org.wijklab.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;
import sim.portrayal.DrawInfo2D;

/**
 * The map's trail of moves on a short run of a small city (krachtwijk, 10,000 residents, seed
 * fixed): after a month it holds exactly that month's moves, coloured by the mover's employment,
 * drawn between the neighbourhoods' tile centres (or the map's edge for the region); with a small
 * cap it keeps the moves of the households whose ids hash lowest; the next month replaces it; and
 * listening changes nothing in the run. Draws into an image: no display needed.
 */
class TrailLayerTest {
    /** A move as the model reported it. */
    record Move(int id, int from, int to, boolean employed) { }

    static Scenario small() throws Exception {
        return ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(10_000).withWarmUpYears(1)
                .withYears(2).withMovesLog(false);
    }

    static WijkLabModel warm(Scenario s) {
        WijkLabModel m = new WijkLabModel(s);
        m.start();
        while (m.tick() < 0) {
            m.schedule.step(m);
        }
        return m;
    }

    @Test
    void afterAMonthTheTrailHoldsTheMonthsMovesColouredByEmploymentAndCapped() throws Exception {
        WijkLabModel m = warm(small());
        CityView view = new CityView(m);
        MoveTrail trail = new MoveTrail();
        TrailLayer layer = new TrailLayer(m, trail);
        List<Move> seen = new ArrayList<>();
        m.setMoveListener((tick, id, from, to, reason, employed, income) -> {
            seen.add(new Move(id, from, to, employed > 0));
            trail.onMove(tick, id, from, to, reason, employed, income);
        });
        m.schedule.step(m);
        trail.endMonth(m.tick());
        MoveTrail.Month month = trail.last();
        assertEquals(m.tick(), month.tick());
        assertTrue(seen.size() > 20, "a month of a 10,000-resident city has moves: " + seen.size());
        assertTrue(seen.size() < MoveTrail.CAP, "under the cap: all drawn");
        assertEquals(seen.size(), month.total());
        assertEquals(seen.size(), month.size());
        boolean[] kinds = new boolean[2];
        boolean region = false;
        for (int k = 0; k < month.size(); k++) {
            Move mv = seen.get(k);
            assertEquals(mv, new Move(month.id()[k], month.from()[k], month.to()[k], month.employed()[k]), "move " + k);
            assertEquals(mv.employed() ? Colours.MOVER_EMPLOYED : Colours.MOVER_NOT_EMPLOYED, layer.colour(month, k));
            kinds[mv.employed() ? 0 : 1] = true;
            double[] p = layer.segment(month, k);
            end(layer, view, mv.from(), p[0], p[1], "origin of move " + k);
            end(layer, view, mv.to(), p[2], p[3], "destination of move " + k);
            region |= mv.from() < 0 || mv.to() < 0;
        }
        assertTrue(kinds[0] && kinds[1], "movers with and without work this month");
        assertTrue(region, "moves to or from the region this month");
        // the same move is drawn the same way every time (the jitter comes from the id)
        assertArrayEquals(layer.segment(month, 0), layer.segment(month, 0));

        // drawn: both colours appear on the map where the trail is (the legend's keys counted out)
        int[] with = colours(layer, view, trail);
        MoveTrail empty = new MoveTrail();
        int[] without = colours(new TrailLayer(m, empty), view, empty);
        assertTrue(with[0] > without[0] && with[1] > without[1],
                "pixels of each colour with the trail " + Arrays.toString(with) + ", without " + Arrays.toString(without));

        // a month of more than SMOOTH_LIMIT moves is drawn plain, without the halo: both colours still show
        MoveTrail many = new MoveTrail();
        for (int k = 0; k <= TrailLayer.SMOOTH_LIMIT; k++) {
            Move mv = seen.get(k % seen.size());
            many.onMove(0, 1_000_000 + k, mv.from(), mv.to(), null, mv.employed() ? 1 : 0, 0);
        }
        many.endMonth(1);
        int[] plain = colours(new TrailLayer(m, many), view, many);
        assertTrue(plain[0] > without[0] && plain[1] > without[1], "plain: " + Arrays.toString(plain));

        // capped: a cap of 10 keeps the 10 moves whose household ids hash lowest, in their order
        MoveTrail capped = new MoveTrail(10);
        for (Move mv : seen) {
            capped.onMove(0, mv.id(), mv.from(), mv.to(), null, mv.employed() ? 1 : 0, 0);
        }
        capped.endMonth(1);
        MoveTrail.Month c = capped.last();
        assertEquals(10, c.size());
        assertEquals(seen.size(), c.total(), "the legend still counts every move");
        Integer[] order = new Integer[seen.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(k -> MoveTrail.hash(seen.get(k).id()) >>> 1).thenComparingInt(k -> k));
        int[] expected = Arrays.stream(order, 0, 10).mapToInt(Integer::intValue).sorted().map(k -> seen.get(k).id()).toArray();
        assertArrayEquals(expected, c.id());

        // the next month replaces the trail; the last one stays as the faint one
        seen.clear();
        m.schedule.step(m);
        trail.endMonth(m.tick());
        assertSame(month, trail.before());
        assertEquals(seen.size(), trail.last().total());
        assertEquals(m.tick(), trail.last().tick());
        m.finish();
    }

    /** A move's end: within the jitter of its neighbourhood's centre (itself in that neighbourhood), or on the map's edge. */
    private static void end(TrailLayer layer, CityView view, int hood, double x, double y, String what) {
        if (hood < 0) {
            assertTrue(Math.abs(x) < 1e-6 || Math.abs(y) < 1e-6 || Math.abs(x - view.width) < 1e-6
                    || Math.abs(y - view.height) < 1e-6, what + " from or to the region lies on the map's edge: " + x + "," + y);
            return;
        }
        double[] c = layer.centre(hood);
        assertEquals(hood, view.hood.field[(int) c[0]][(int) c[1]], "the centre of " + hood + " lies in it");
        double r = layer.spread(hood);
        assertTrue(r > 0 && Math.abs(x - c[0]) <= r + 1e-9 && Math.abs(y - c[1]) <= r + 1e-9,
                what + " near the centre of " + hood + ": " + x + "," + y + " vs " + Arrays.toString(c) + " +- " + r);
    }

    /** Pixels exactly of the employed and the not-employed colour, the trail drawn at 3 pixels a dwelling. */
    private static int[] colours(TrailLayer layer, CityView view, MoveTrail trail) {
        int s = 3;
        BufferedImage img = new BufferedImage(view.width * s, view.height * s, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        Rectangle2D.Double r = new Rectangle2D.Double(0, 0, img.getWidth(), img.getHeight());
        layer.draw(null, g, new DrawInfo2D(null, layer, r, r));
        g.dispose();
        int[] n = new int[2];
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                n[0] += rgb == (Colours.MOVER_EMPLOYED.getRGB() & 0xFFFFFF) ? 1 : 0;
                n[1] += rgb == (Colours.MOVER_NOT_EMPLOYED.getRGB() & 0xFFFFFF) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void theTrailFollowsTheMapsLayoutWhateverTheOrderAndShapeOfTheTiles() {
        // a 5x4 map: neighbourhood 2 top left, 0 along the bottom right, 1 an L whose centroid (3.9, 1.1)
        // lies in a cell of no neighbourhood, 3 in the middle
        String[] rows = {
            "22111",
            "22--1",
            "-33-1",
            "--000"};
        sim.field.grid.IntGrid2D map = new sim.field.grid.IntGrid2D(5, 4, -1);
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < 5; x++) {
                char c = rows[y].charAt(x);
                map.field[x][y] = c == '-' ? -1 : c - '0';
            }
        }
        MoveTrail trail = new MoveTrail();
        TrailLayer layer = new TrailLayer(map, 4, trail);
        int sub = CityView.SUB;
        assertArrayEquals(new double[] {1.0 * sub, 1.0 * sub}, layer.centre(2), "2's block of four: its middle");
        assertArrayEquals(new double[] {3.5 * sub, 3.5 * sub}, layer.centre(0), "0's row at the bottom right");
        assertEquals(-1, map.field[3][1], "the L's centroid is outside it: the centre moves to its nearest own cell");
        for (int j = 0; j < 4; j++) {
            double[] c = layer.centre(j);
            assertEquals(j, map.field[(int) (c[0] / sub)][(int) (c[1] / sub)], "the centre of " + j + " lies in its own cells");
        }
        // a move from 2 (top left) to 0 (bottom right) runs down and right; one from 0 to the region ends on the edge
        trail.onMove(1, 17, 2, 0, null, 1, 0);
        trail.onMove(1, 18, 0, -1, null, 0, 0);
        trail.onMove(1, 19, -1, 2, null, 0, 0);
        trail.endMonth(1);
        double[] p = layer.segment(trail.last(), 0);
        assertTrue(p[2] > p[0] && p[3] > p[1], Arrays.toString(p));
        double[] out = layer.segment(trail.last(), 1);
        assertTrue(Math.abs(out[2] - 5 * sub) < 1e-6 || Math.abs(out[3] - 4 * sub) < 1e-6,
                "from 0 at the bottom right, outward to the right or bottom edge: " + Arrays.toString(out));
        double[] in = layer.segment(trail.last(), 2);
        assertTrue(Math.abs(in[0]) < 1e-6 || Math.abs(in[1]) < 1e-6,
                "into 2 at the top left, inward from the left or top edge: " + Arrays.toString(in));
    }

    @Test
    void listeningToMovesChangesNothingInTheRun() throws Exception {
        WijkLabModel plain = warm(small());
        WijkLabModel watched = warm(small());
        MoveTrail trail = new MoveTrail();
        watched.setMoveListener(trail);
        for (int k = 0; k < 3; k++) {
            plain.schedule.step(plain);
            watched.schedule.step(watched);
            trail.endMonth(watched.tick());
        }
        assertTrue(trail.last().total() > 0);
        assertArrayEquals(plain.neighbourhoods().employmentRate, watched.neighbourhoods().employmentRate);
        assertArrayEquals(plain.neighbourhoods().households, watched.neighbourhoods().households);
        assertEquals(plain.random.nextLong(), watched.random.nextLong(), "the same draws");
        plain.finish();
        watched.finish();
    }
}
