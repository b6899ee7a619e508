package org.wijklab.model;

/**
 * Neighbourhood state, one array entry per neighbourhood: fixed surroundings, market price levels,
 * community and liveability state, the statistics the observer computed at the end of the last
 * tick (read by the processes of the next), and this tick's event counters.
 */
public final class Neighbourhoods implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final int COMPONENTS = 6;
    public static final String[] COMPONENT_NAMES =
            {"dwellings", "environment", "facilities", "cohesion", "safety", "population"};
    public static final String[] CLASS_NAMES = {"very_negative", "negative", "mediocre", "moderately_positive",
        "positive", "very_positive", "excellent"};

    public final int count;
    public final String[] name;
    public final double[] environment;
    public final double[] facilities;
    /** Market price multiplier per neighbourhood and tenure (social rent stays at 1: regulated). */
    public final double[][] priceLevel;
    public final double[] cohesion;
    public final double[] safety;
    public final double[] liveability;
    public final double[] reputation;
    public final int[] rank;
    public final int[] liveabilityClass;
    public final double[][] components;

    // statistics of the last observation
    public final int[] dwellings;
    public final int[][] dwellingsByTenure;
    public final int[][] vacantByTenure;
    public final int[] residents;
    public final int[] households;
    public final double[] employmentRate;
    public final double[] unemploymentShare;
    public final double[] lowIncomeShare;
    /** Share of households with a youth problem of any severity. */
    public final double[] youthProblemShare;
    public final double[] meanTies;
    public final double[] ownerShare;
    public final double[] meanQuality;
    public final double[] meanIncome;
    public final double[] goodMentalHealth;
    /** Share of households that moved out, per year, smoothed over about a year. */
    public final double[] turnover;

    // events of the current tick
    public final int[] movesIn;
    public final int[] movesOut;
    public final int[] inMigrants;
    public final int[] outMigrants;
    public final int[] evictions;
    public final int[] supervisionOrders;
    public final int[] secondLineCare;
    public final int[] births;
    public final int[] deaths;

    public Neighbourhoods(int count) {
        this.count = count;
        name = new String[count];
        environment = new double[count];
        facilities = new double[count];
        priceLevel = new double[count][Tenure.COUNT];
        cohesion = new double[count];
        safety = new double[count];
        liveability = new double[count];
        reputation = new double[count];
        rank = new int[count];
        liveabilityClass = new int[count];
        components = new double[count][COMPONENTS];
        dwellings = new int[count];
        dwellingsByTenure = new int[count][Tenure.COUNT];
        vacantByTenure = new int[count][Tenure.COUNT];
        residents = new int[count];
        households = new int[count];
        employmentRate = new double[count];
        unemploymentShare = new double[count];
        lowIncomeShare = new double[count];
        youthProblemShare = new double[count];
        meanTies = new double[count];
        ownerShare = new double[count];
        meanQuality = new double[count];
        meanIncome = new double[count];
        goodMentalHealth = new double[count];
        turnover = new double[count];
        movesIn = new int[count];
        movesOut = new int[count];
        inMigrants = new int[count];
        outMigrants = new int[count];
        evictions = new int[count];
        supervisionOrders = new int[count];
        secondLineCare = new int[count];
        births = new int[count];
        deaths = new int[count];
    }

    public void resetEvents() {
        java.util.Arrays.fill(movesIn, 0);
        java.util.Arrays.fill(movesOut, 0);
        java.util.Arrays.fill(inMigrants, 0);
        java.util.Arrays.fill(outMigrants, 0);
        java.util.Arrays.fill(evictions, 0);
        java.util.Arrays.fill(supervisionOrders, 0);
        java.util.Arrays.fill(secondLineCare, 0);
        java.util.Arrays.fill(births, 0);
        java.util.Arrays.fill(deaths, 0);
    }

    public int indexOf(String neighbourhoodName) {
        for (int i = 0; i < count; i++) {
            if (name[i].equals(neighbourhoodName)) {
                return i;
            }
        }
        return -1;
    }
}
