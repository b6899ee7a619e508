package org.wijklab.gui;

import org.wijklab.model.Dwellings;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.WijkLabModel;
import sim.field.grid.DoubleGrid2D;
import sim.field.grid.IntGrid2D;

/**
 * The city map as the GUI draws it: the model's map (neighbourhoods as blocks of cells, 25
 * dwellings a cell) opened up to one pixel per dwelling, {@value #SUB} by {@value #SUB} in each
 * cell. {@link #update} fills {@link #values} from the model for a {@link Layer}: a value in [0, 1]
 * for an occupied dwelling, or one of the special values below. It only reads the model; the model
 * does not know it.
 */
public final class CityView {
    /** Dwellings per side of a map cell (the model's cells hold 25). */
    public static final int SUB = 5;
    /** No dwelling here (outside the neighbourhoods' blocks). */
    public static final double OUTSIDE = -1;
    /** A vacant dwelling. */
    public static final double VACANT = -2;
    /** An occupied dwelling whose household has nobody the layer counts (e.g. no adult of working age). */
    public static final double NONE = -3;
    /** Months a move-in stays highlighted. */
    public static final int RECENT = 3;

    public final int width;
    public final int height;
    /** Per pixel: the dwelling's value for the current layer, or a special value. */
    public final DoubleGrid2D values;
    /** Per pixel: the dwelling's index, or -1. */
    public final IntGrid2D dwelling;
    /** Per pixel: the neighbourhood, or -1. */
    public final IntGrid2D hood;
    private final WijkLabModel model;
    private Layer layer = Layer.EMPLOYMENT;

    public CityView(WijkLabModel model) {
        this.model = model;
        IntGrid2D map = model.map();
        width = map.getWidth() * SUB;
        height = map.getHeight() * SUB;
        values = new DoubleGrid2D(width, height, OUTSIDE);
        dwelling = new IntGrid2D(width, height, -1);
        hood = new IntGrid2D(width, height, -1);
        Dwellings dw = model.dwellings();
        int[] filled = new int[map.getWidth() * map.getHeight()];
        for (int d = 0; d < dw.count; d++) {
            int c = dw.cell[d];
            int k = filled[c]++;
            if (k >= SUB * SUB) {
                throw new IllegalStateException("cell " + c + " holds more than " + SUB * SUB + " dwellings");
            }
            int x = (c / map.getHeight()) * SUB + k % SUB;
            int y = (c % map.getHeight()) * SUB + k / SUB;
            dwelling.field[x][y] = d;
            hood.field[x][y] = dw.neighbourhood[d];
        }
        update(layer);
    }

    public Layer layer() {
        return layer;
    }

    /** Fills the values for a layer from the model's state now. */
    public void update(Layer l) {
        layer = l;
        Dwellings dw = model.dwellings();
        Households h = model.households();
        Neighbourhoods nb = model.neighbourhoods();
        double classes = Neighbourhoods.CLASS_NAMES.length - 1;
        for (int x = 0; x < width; x++) {
            int[] ds = dwelling.field[x];
            double[] vs = values.field[x];
            for (int y = 0; y < height; y++) {
                int d = ds[y];
                if (d < 0) {
                    vs[y] = OUTSIDE;
                    continue;
                }
                int slot = dw.occupant[d];
                if (slot < 0) {
                    vs[y] = VACANT;
                    continue;
                }
                vs[y] = switch (l) {
                    case EMPLOYMENT -> {
                        int n = h.workingAge(slot);
                        yield n == 0 ? NONE : h.employed(slot) / (double) n;
                    }
                    case INCOME -> (Math.min(4, (int) (5 * model.incomeRank(h.income[slot]))) + 0.5) / 5.0;
                    case MENTAL_HEALTH -> h.adults[slot] == 0 ? NONE : h.goodMentalHealth(slot) / (double) h.adults[slot];
                    case LIVEABILITY -> nb.liveabilityClass[dw.neighbourhood[d]] / classes;
                };
            }
        }
    }

    /** Whether the dwelling at a pixel was moved into within the last {@value #RECENT} months. */
    public boolean recentMoveIn(int x, int y) {
        int d = dwelling.field[x][y];
        if (d < 0) {
            return false;
        }
        int slot = model.dwellings().occupant[d];
        return slot >= 0 && model.tick() - model.households().moveInTick[slot] < RECENT;
    }

    /** The occupied dwelling's household slot at a pixel, or -1. */
    public int household(int x, int y) {
        int d = dwelling.field[x][y];
        return d < 0 ? -1 : model.dwellings().occupant[d];
    }

    /** Each dwelling's pixel: {x[], y[]} by dwelling index, -1 for a dwelling not on the map (found anew on each call). */
    public int[][] dwellingPixels() {
        int n = model.dwellings().count;
        int[] px = new int[n];
        int[] py = new int[n];
        java.util.Arrays.fill(px, -1);
        java.util.Arrays.fill(py, -1);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                int d = dwelling.field[x][y];
                if (d >= 0 && d < n) {
                    px[d] = x;
                    py[d] = y;
                }
            }
        }
        return new int[][] {px, py};
    }

    /** The pixels' bounding box of each neighbourhood: {minX, minY, maxX, maxY}. */
    public int[][] bounds() {
        int n = model.neighbourhoods().count;
        int[][] b = new int[n][];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                int j = hood.field[x][y];
                if (j < 0) {
                    continue;
                }
                if (b[j] == null) {
                    b[j] = new int[] {x, y, x, y};
                } else {
                    b[j][0] = Math.min(b[j][0], x);
                    b[j][1] = Math.min(b[j][1], y);
                    b[j][2] = Math.max(b[j][2], x);
                    b[j][3] = Math.max(b[j][3], y);
                }
            }
        }
        return b;
    }
}
