package org.wijklab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

/**
 * The workspace's layout at screen sizes from 800x600 to 3840x2160, for one city and for the
 * teaching mode: no window overlaps another, all lie inside the screen (also one whose usable area
 * does not start at 0,0, as under a top panel), the map and the cells reach their targets where
 * the screen has room. Pure arithmetic (GuiTest checks the real windows on the display).
 */
class WorkspaceTest {
    static final int[][] SCREENS = {{800, 600}, {1024, 768}, {1280, 720}, {1280, 1024}, {1366, 768}, {1440, 900},
            {1600, 1000}, {1920, 1080}, {1920, 1200}, {2560, 1440}, {3840, 2160}};

    @Test
    void noWindowHidesAnotherAndAllAreOnTheScreen() {
        for (int[] size : SCREENS) {
            for (Rectangle screen : new Rectangle[] {new Rectangle(0, 0, size[0], size[1]),
                    new Rectangle(64, 27, size[0] - 64, size[1] - 27)}) {
                for (int maps = 1; maps <= 2; maps++) {
                    int charts = maps == 1 ? 5 : 6;
                    Dimension natural = maps == 1 ? new Dimension(WijkLabGui.DISPLAY_WIDTH, WijkLabGui.DISPLAY_HEIGHT)
                            : new Dimension(WijkLabGui.COMPARE_WIDTH, WijkLabGui.COMPARE_HEIGHT);
                    Workspace.Plan p = Workspace.plan(screen, maps, charts, natural);
                    String at = screen + ", " + maps + " map(s)";
                    Rectangle[] all = p.all();
                    assertEquals(maps + 1 + charts, all.length);
                    assertNoOverlapInside(screen, all, at);
                    for (Rectangle r : all) {
                        assertTrue(r.width >= 150 && r.height >= 140, "at least a small window: " + r + " at " + at);
                    }
                    Rectangle map = p.maps()[0];
                    // the map's frame holds the map at the plan's scale
                    assertTrue(map.width >= natural.width * p.mapScale() + Workspace.CHROME_W - 1
                            && map.height >= Math.min(screen.height / maps, natural.height * p.mapScale() + Workspace.CHROME_H) - 1,
                            "the map fits its frame: " + map + " scale " + p.mapScale() + " at " + at);
                    if (screen.width >= 1600 && screen.height >= 1000) {
                        assertTrue(p.mapScale() >= 0.7, "a comfortable map: " + p.mapScale() + " at " + at);
                        assertTrue(p.console().width >= Workspace.CELL_W && p.console().height >= Workspace.CELL_H,
                                "comfortable charts: " + p.console() + " at " + at);
                    }
                    if (screen.width >= 1024 && screen.height >= 768) {
                        assertTrue(p.mapScale() >= 0.5, "a readable map: " + p.mapScale() + " at " + at);
                        assertTrue(p.console().width >= 230 && p.console().height >= 180, "usable charts: " + p.console() + " at " + at);
                    }
                }
            }
        }
    }

    static void assertNoOverlapInside(Rectangle screen, Rectangle[] all, String at) {
        for (int a = 0; a < all.length; a++) {
            assertTrue(screen.contains(all[a]), "window " + a + " " + all[a] + " inside " + at);
            for (int b = a + 1; b < all.length; b++) {
                assertTrue(!all[a].intersects(all[b]), "windows " + a + " " + all[a] + " and " + b + " " + all[b] + " at " + at);
            }
        }
    }
}
