package org.wijklab.model;

import java.util.Arrays;

/**
 * The dwelling stock as parallel arrays, and the vacancy lists by tenure that the housing market
 * samples from (constant-time add and remove, so matching never scans the stock).
 */
public final class Dwellings implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public final int count;
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
    private final int[] vacancyPos;
    private final int[][] vacant = new int[Tenure.COUNT][];
    private final int[] vacantCount = new int[Tenure.COUNT];

    public Dwellings(int count) {
        this.count = count;
        neighbourhood = new short[count];
        cell = new int[count];
        tenure = new byte[count];
        small = new boolean[count];
        quality = new float[count];
        baseCost = new float[count];
        occupant = new int[count];
        converting = new boolean[count];
        vacancyPos = new int[count];
        Arrays.fill(occupant, -1);
        Arrays.fill(vacancyPos, -1);
        for (int t = 0; t < Tenure.COUNT; t++) {
            vacant[t] = new int[count];
        }
    }

    public boolean isVacant(int d) {
        return occupant[d] < 0;
    }

    /** Marks a dwelling vacant and lists it. */
    public void vacate(int d) {
        occupant[d] = -1;
        int t = tenure[d];
        vacancyPos[d] = vacantCount[t];
        vacant[t][vacantCount[t]++] = d;
    }

    /** Takes a vacant dwelling off its list and gives it an occupant. */
    public void occupy(int d, int slot) {
        if (occupant[d] >= 0) {
            throw new IllegalStateException("dwelling " + d + " is already occupied");
        }
        int t = tenure[d];
        int pos = vacancyPos[d];
        int last = vacant[t][--vacantCount[t]];
        vacant[t][pos] = last;
        vacancyPos[last] = pos;
        vacancyPos[d] = -1;
        occupant[d] = slot;
    }

    /** Gives a vacant dwelling another tenure (rebuilding), moving it to that tenure's vacancy list. */
    public void retenure(int d, byte newTenure) {
        if (occupant[d] >= 0) {
            throw new IllegalStateException("dwelling " + d + " is occupied");
        }
        int t = tenure[d];
        int pos = vacancyPos[d];
        int last = vacant[t][--vacantCount[t]];
        vacant[t][pos] = last;
        vacancyPos[last] = pos;
        tenure[d] = newTenure;
        vacancyPos[d] = vacantCount[newTenure];
        vacant[newTenure][vacantCount[newTenure]++] = d;
    }

    public int vacantCount(int tenureCode) {
        return vacantCount[tenureCode];
    }

    /** The i-th vacant dwelling of a tenure (order changes as dwellings are let). */
    public int vacantAt(int tenureCode, int i) {
        return vacant[tenureCode][i];
    }
}
