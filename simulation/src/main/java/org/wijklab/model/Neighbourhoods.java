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
    /** The place on the map: the tile's column and row, and its centre in km from the map's corner. */
    public final int[] column;
    public final int[] row;
    public final double[] x;
    public final double[] y;
    /** The neighbourhoods sharing a border with each (tiles side by side on the map), in index order. */
    public int[][] neighbours;
    /** Whether i and j share a border, at i * count + j: {@link #neighbours} as a table, filled with it. */
    private final boolean[] adjacency;
    public final double[] environment;
    public final double[] facilities;
    /** Market price multiplier per neighbourhood and tenure (social rent stays at 1: regulated). */
    public final double[][] priceLevel;
    public final double[] cohesion;
    /**
     * Extra months of local acquaintance the integration theme has given the neighbourhood's
     * residents since the start, cumulative (a household's share is what it gained since it moved
     * in, {@link Households#tieStart}); 0 without a programme.
     */
    public final double[] tieClock;
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
    /** Distance classes of a move out of a neighbourhood: the same one, an adjacent one, further in the city, out of the city. */
    public static final int SAME = 0;
    public static final int ADJACENT = 1;
    public static final int FURTHER = 2;
    public static final int REGION = 3;
    public static final int DISTANCE_CLASSES = 4;
    /** This tick's households moving out, by distance class; and of them those moved out for restructuring. */
    public final int[][] movedByClass;
    public final int[][] renewalByClass;
    /** This tick's social lets by search, the registration months they were let at (sum), and urgent lets among them. */
    public final int[] socialLets;
    public final long[] socialLetMonths;
    public final int[] urgentLets;
    /** This tick's social dwellings let to in-migrants (without registration in the city). */
    public final int[] newcomerSocialLets;

    public Neighbourhoods(int count) {
        this.count = count;
        name = new String[count];
        column = new int[count];
        row = new int[count];
        x = new double[count];
        y = new double[count];
        neighbours = new int[count][0];
        adjacency = new boolean[count * count];
        environment = new double[count];
        facilities = new double[count];
        priceLevel = new double[count][Tenure.COUNT];
        cohesion = new double[count];
        tieClock = new double[count];
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
        movedByClass = new int[count][DISTANCE_CLASSES];
        renewalByClass = new int[count][DISTANCE_CLASSES];
        socialLets = new int[count];
        socialLetMonths = new long[count];
        urgentLets = new int[count];
        newcomerSocialLets = new int[count];
    }

    /** Counts a household's move out of {@code from} into {@code to} (-1: out of the city) by distance class. */
    public void countMove(int from, int to, boolean renewal) {
        int c = to < 0 ? REGION : distanceClass(from, to);
        movedByClass[from][c]++;
        if (renewal) {
            renewalByClass[from][c]++;
        }
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
        for (int j = 0; j < count; j++) {
            java.util.Arrays.fill(movedByClass[j], 0);
            java.util.Arrays.fill(renewalByClass[j], 0);
        }
        java.util.Arrays.fill(socialLets, 0);
        java.util.Arrays.fill(socialLetMonths, 0);
        java.util.Arrays.fill(urgentLets, 0);
        java.util.Arrays.fill(newcomerSocialLets, 0);
    }

    /**
     * Places neighbourhood j on the map at a tile (column, row) whose centre lies tileKm apart from the
     * next; call {@link #linkNeighbours()} once all are placed.
     */
    public void place(int j, int col, int r, double tileKm) {
        column[j] = col;
        row[j] = r;
        x[j] = (col + 0.5) * tileKm;
        y[j] = (r + 0.5) * tileKm;
    }

    /** Neighbours are the tiles that share a side (not a corner). */
    public void linkNeighbours() {
        java.util.Map<Long, Integer> at = new java.util.HashMap<>();
        for (int j = 0; j < count; j++) {
            at.put(((long) column[j] << 32) | (row[j] & 0xFFFFFFFFL), j);
        }
        int[][] dirs = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
        for (int j = 0; j < count; j++) {
            int[] found = new int[4];
            int n = 0;
            for (int[] dir : dirs) {
                Integer k = at.get(((long) (column[j] + dir[0]) << 32) | ((row[j] + dir[1]) & 0xFFFFFFFFL));
                if (k != null) {
                    found[n++] = k;
                }
            }
            int[] list = java.util.Arrays.copyOf(found, n);
            java.util.Arrays.sort(list);
            neighbours[j] = list;
        }
        java.util.Arrays.fill(adjacency, false);
        for (int j = 0; j < count; j++) {
            for (int k : neighbours[j]) {
                adjacency[j * count + k] = true;
            }
        }
    }

    /** Whether i and j share a border (a neighbourhood is not its own neighbour). */
    public boolean adjacent(int i, int j) {
        return adjacency[i * count + j];
    }

    /** Distance between the centres of i and j, km. */
    public double distance(int i, int j) {
        double dx = x[i] - x[j];
        double dy = y[i] - y[j];
        return Math.sqrt(dx * dx + dy * dy);
    }

    /** Distance class of a move from i to j: 0 the same neighbourhood, 1 adjacent, 2 further. */
    public int distanceClass(int i, int j) {
        return i == j ? 0 : adjacent(i, j) ? 1 : 2;
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
