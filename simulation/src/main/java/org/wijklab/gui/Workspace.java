package org.wijklab.gui;

import java.awt.Dimension;
import java.awt.Rectangle;

/**
 * Where the GUI's windows go at start, so that none hides another: the map display(s) on the left
 * (in the teaching mode side by side, or one above the other if that draws the maps larger), and
 * to their right a grid of equal cells, the Console in the first and a chart window in each of the
 * others. The split between the maps and the grid is chosen so that both the map's scale and the
 * cells' size reach their targets ({@link #MAP_SCALE}, {@link #CELL_W} x {@link #CELL_H}) where the
 * screen allows; on a large screen the map grows (up to {@link #MAX_SCALE}) and the grid takes the
 * rest; on a small one both shrink in proportion. One city: at 1920x1080 the map at scale 1.32 and
 * six cells of 355x360; at 1600x1000 (CI's Xvfb) 1.08 and 304x333; at 1280x1024 0.74 and 294x341;
 * at 1024x768 the map at 0.59 and the cells shrink to 236x256 (a chart still shows its lines and
 * legend, its title cut; the Console's tabs scroll); at 800x600, 0.45 and 184x200, cramped but
 * nothing hidden. The teaching mode at 1920x1080: two maps at 0.90 side by side, seven cells of
 * 308x270 (on a screen where two maps one above the other come out larger, they are stacked).
 * Pure arithmetic: the GUI applies it in {@link WijkLabGui#init}, a test checks it at several
 * screen sizes.
 */
final class Workspace {
    /** A chart or the Console is comfortable from this size on. */
    static final int CELL_W = 300;
    static final int CELL_H = 220;
    /** The map's scale (display pixels per natural pixel) that is comfortable to read. */
    static final double MAP_SCALE = 0.75;
    /** The map grows no larger than this. */
    static final double MAX_SCALE = 1.5;
    /** A display frame's own width and height beyond the map: its borders, header row and title bar. */
    static final int CHROME_W = 24;
    static final int CHROME_H = 80;

    /** The windows' bounds: one per map, the Console's, one per chart. */
    record Plan(Rectangle[] maps, Rectangle console, Rectangle[] charts, double mapScale) {
        Rectangle[] all() {
            Rectangle[] a = new Rectangle[maps.length + 1 + charts.length];
            System.arraycopy(maps, 0, a, 0, maps.length);
            a[maps.length] = console;
            System.arraycopy(charts, 0, a, maps.length + 1, charts.length);
            return a;
        }
    }

    private Workspace() {
    }

    /**
     * Lays out {@code maps} displays of natural size {@code natural}, the Console and {@code charts}
     * chart windows inside {@code screen} (GraphicsEnvironment's maximum window bounds).
     */
    static Plan plan(Rectangle screen, int maps, int charts, Dimension natural) {
        int cells = 1 + charts;
        Plan best = null;
        double bestFit = -1;
        double bestScale = -1;
        double bestCell = -1;
        for (boolean stacked : maps > 1 ? new boolean[] {false, true} : new boolean[] {false}) {
            for (int cols = 1; cols <= 3; cols++) {
                for (int pct = 25; pct <= 80; pct++) {
                    int mapsW = screen.width * pct / 100;
                    int across = stacked ? 1 : maps;
                    int down = stacked ? maps : 1;
                    double scale = Math.min(MAX_SCALE, Math.min((mapsW / across - CHROME_W) / (double) natural.width,
                            (screen.height / down - CHROME_H) / (double) natural.height));
                    if (scale <= 0) {
                        continue;
                    }
                    // the maps' frames need no more than the map at this scale: the grid takes the rest
                    int frameW = (int) Math.ceil(natural.width * scale) + CHROME_W;
                    int frameH = Math.min(screen.height / down, (int) Math.ceil(natural.height * scale) + CHROME_H);
                    int gridW = screen.width - across * frameW;
                    int rows = (cells + cols - 1) / cols;
                    int cellW = gridW / cols;
                    int cellH = screen.height / rows;
                    if (cellW <= 0 || cellH <= 0) {
                        continue;
                    }
                    double cell = Math.min(cellW / (double) CELL_W, cellH / (double) CELL_H);
                    double fit = Math.min(1.0, Math.min(scale / MAP_SCALE, cell));
                    // first both at their targets as far as the screen allows, then the larger map, then the larger cells
                    boolean sameFit = Math.abs(fit - bestFit) <= 1e-9;
                    if (fit > bestFit + 1e-9 || sameFit && scale > bestScale + 1e-9
                            || sameFit && Math.abs(scale - bestScale) <= 1e-9 && cell > bestCell + 1e-9) {
                        bestFit = fit;
                        bestScale = scale;
                        bestCell = cell;
                        best = build(screen, maps, charts, stacked, frameW, frameH, cols, cellW, cellH, scale);
                    }
                }
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("a screen of " + screen.width + "x" + screen.height + " is too small for the GUI");
        }
        return best;
    }

    private static Plan build(Rectangle screen, int maps, int charts, boolean stacked, int frameW, int frameH, int cols,
            int cellW, int cellH, double scale) {
        Rectangle[] m = new Rectangle[maps];
        for (int k = 0; k < maps; k++) {
            m[k] = stacked ? new Rectangle(screen.x, screen.y + k * frameH, frameW, frameH)
                    : new Rectangle(screen.x + k * frameW, screen.y, frameW, frameH);
        }
        int gridX = screen.x + (stacked ? 1 : maps) * frameW;
        Rectangle[] cell = new Rectangle[1 + charts];
        for (int k = 0; k < cell.length; k++) {
            cell[k] = new Rectangle(gridX + (k % cols) * cellW, screen.y + (k / cols) * cellH, cellW, cellH);
        }
        Rectangle[] c = new Rectangle[charts];
        System.arraycopy(cell, 1, c, 0, charts);
        return new Plan(m, cell[0], c, scale);
    }
}
