package org.wijklab.model;

import java.util.Arrays;

/**
 * The dwelling stock as parallel arrays, the vacancy lists per neighbourhood and tenure that the
 * housing market samples from, and the unbuilt plots per neighbourhood (land on which dwellings can
 * be built; a demolished dwelling returns to a plot). Adding to and removing from a list takes
 * constant time, so matching never scans the stock. A dwelling is in exactly one state: occupied,
 * vacant (listed under its neighbourhood and tenure) or a plot (listed under its neighbourhood).
 */
public final class Dwellings implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Dwelling records, built or not (plots included). */
    public final int count;
    /** The number of neighbourhoods the lists are kept for. */
    public final int neighbourhoods;
    /** The neighbourhood of each dwelling (at most 5,000 neighbourhoods: a short keeps the array small for the per-household look-ups). */
    public final short[] neighbourhood;
    public final int[] cell;
    public final byte[] tenure;
    public final boolean[] small;
    public final float[] quality;
    public final float[] baseCost;
    public final int[] occupant;
    /** Marked for demolition and rebuilding: not let until converted. */
    public final boolean[] converting;
    /** Not built: a plot of land listed under its neighbourhood, neither let nor counted as stock. */
    public final boolean[] plot;
    /** The position of a vacant dwelling in its vacancy list, or of a plot in its plot list; -1 when occupied. */
    private final int[] listPos;
    private final int[][] vacant;
    private final int[] vacantCount;
    private final int[] vacantByTenure = new int[Tenure.COUNT];
    private final int[][] plots;
    private final int[] plotCount;
    private int plotTotal;

    public Dwellings(int count, int neighbourhoods) {
        this.count = count;
        this.neighbourhoods = neighbourhoods;
        neighbourhood = new short[count];
        cell = new int[count];
        tenure = new byte[count];
        small = new boolean[count];
        quality = new float[count];
        baseCost = new float[count];
        occupant = new int[count];
        converting = new boolean[count];
        plot = new boolean[count];
        listPos = new int[count];
        Arrays.fill(occupant, -1);
        Arrays.fill(listPos, -1);
        vacant = new int[neighbourhoods * Tenure.COUNT][];
        vacantCount = new int[neighbourhoods * Tenure.COUNT];
        for (int k = 0; k < vacant.length; k++) {
            vacant[k] = new int[4];
        }
        plots = new int[neighbourhoods][];
        plotCount = new int[neighbourhoods];
        for (int j = 0; j < neighbourhoods; j++) {
            plots[j] = new int[4];
        }
    }

    public boolean isVacant(int d) {
        return occupant[d] < 0 && !plot[d];
    }

    public boolean isPlot(int d) {
        return plot[d];
    }

    /**
     * Marks a built dwelling vacant and lists it under its neighbourhood and tenure, unless it awaits
     * rebuilding ({@link #converting}): then it stays off the lists until {@link #rebuild}.
     */
    public void vacate(int d) {
        occupant[d] = -1;
        if (converting[d]) {
            return;
        }
        add(d, neighbourhood[d] * Tenure.COUNT + tenure[d]);
        vacantByTenure[tenure[d]]++;
    }

    /** Marks a dwelling for demolition and rebuilding: if vacant, it leaves the vacancy lists. */
    public void markConverting(int d) {
        if (converting[d] || plot[d]) {
            return;
        }
        if (occupant[d] < 0) {
            unlist(d, neighbourhood[d] * Tenure.COUNT + tenure[d]);
            vacantByTenure[tenure[d]]--;
        }
        converting[d] = true;
    }

    /** A vacant dwelling awaiting rebuilding is rebuilt with a tenure and listed again (set its quality and cost first). */
    public void rebuild(int d, byte newTenure) {
        if (!converting[d] || occupant[d] >= 0) {
            throw new IllegalStateException("dwelling " + d + " is not a vacant dwelling awaiting rebuilding");
        }
        converting[d] = false;
        tenure[d] = newTenure;
        add(d, neighbourhood[d] * Tenure.COUNT + newTenure);
        vacantByTenure[newTenure]++;
    }

    /** Takes a vacant dwelling off its list and gives it an occupant. */
    public void occupy(int d, int slot) {
        if (occupant[d] >= 0 || plot[d]) {
            throw new IllegalStateException("dwelling " + d + (plot[d] ? " is not built" : " is already occupied"));
        }
        unlist(d, neighbourhood[d] * Tenure.COUNT + tenure[d]);
        vacantByTenure[tenure[d]]--;
        occupant[d] = slot;
    }

    /** At set-up: dwelling record d (its neighbourhood set) starts as an unbuilt plot. */
    public void makePlot(int d) {
        if (occupant[d] >= 0 || listPos[d] >= 0) {
            throw new IllegalStateException("dwelling " + d + " is in use");
        }
        plot[d] = true;
        addPlot(d);
    }

    /**
     * Builds on a plot: it becomes a vacant dwelling of the tenure, listed for search. The caller sets
     * its quality, size and base cost first.
     */
    public void build(int d, byte newTenure) {
        if (!plot[d]) {
            throw new IllegalStateException("dwelling " + d + " is already built");
        }
        unlistPlot(d);
        plot[d] = false;
        converting[d] = false;
        tenure[d] = newTenure;
        vacate(d);
    }

    /** Demolishes a vacant dwelling: it becomes a plot of its neighbourhood. */
    public void demolish(int d) {
        if (occupant[d] >= 0 || plot[d]) {
            throw new IllegalStateException("dwelling " + d + (plot[d] ? " is not built" : " is occupied"));
        }
        if (!converting[d]) {
            unlist(d, neighbourhood[d] * Tenure.COUNT + tenure[d]);
            vacantByTenure[tenure[d]]--;
        }
        converting[d] = false;
        plot[d] = true;
        addPlot(d);
    }

    /** Vacant dwellings of a tenure in the whole city. */
    public int vacantCount(int tenureCode) {
        return vacantByTenure[tenureCode];
    }

    /** Vacant dwellings of a tenure in neighbourhood j. */
    public int vacantCount(int j, int tenureCode) {
        return vacantCount[j * Tenure.COUNT + tenureCode];
    }

    /** The i-th vacant dwelling of a tenure in neighbourhood j (order changes as dwellings are let). */
    public int vacantAt(int j, int tenureCode, int i) {
        return vacant[j * Tenure.COUNT + tenureCode][i];
    }

    /** Built dwellings (occupied or vacant), plots not counted. */
    public int builtCount() {
        return count - plotTotal;
    }

    /** Unbuilt plots in neighbourhood j. */
    public int plotCount(int j) {
        return plotCount[j];
    }

    /** The i-th plot of neighbourhood j (order changes as plots are built on). */
    public int plotAt(int j, int i) {
        return plots[j][i];
    }

    private void add(int d, int key) {
        int n = vacantCount[key];
        if (n == vacant[key].length) {
            vacant[key] = Arrays.copyOf(vacant[key], n * 2);
        }
        vacant[key][n] = d;
        listPos[d] = n;
        vacantCount[key] = n + 1;
    }

    private void unlist(int d, int key) {
        int pos = listPos[d];
        int last = vacant[key][--vacantCount[key]];
        vacant[key][pos] = last;
        listPos[last] = pos;
        listPos[d] = -1;
    }

    private void addPlot(int d) {
        int j = neighbourhood[d];
        int n = plotCount[j];
        if (n == plots[j].length) {
            plots[j] = Arrays.copyOf(plots[j], n * 2);
        }
        plots[j][n] = d;
        listPos[d] = n;
        plotCount[j] = n + 1;
        plotTotal++;
    }

    private void unlistPlot(int d) {
        int j = neighbourhood[d];
        int pos = listPos[d];
        plotTotal--;
        int last = plots[j][--plotCount[j]];
        plots[j][pos] = last;
        listPos[last] = pos;
        listPos[d] = -1;
    }
}
