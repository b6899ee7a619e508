package org.wijklab.observation;

import org.wijklab.model.WijkLabModel;

/**
 * The erosion decomposition as it goes, for the GUI, with the definitions of
 * {@link ErosionDecomposition}: the cohort is the persons living in a set of neighbourhoods when the
 * watch starts, followed wherever they live (the region included, as the model follows a
 * programme's cohort). At a later moment, the people change is the mean now minus the mean at the
 * start of the cohort's members alive now; the place change is the mean now of whoever lives in the
 * neighbourhoods minus the mean of the cohort at the start; people change minus place change is the
 * eroded part. Metrics: employment (per adult of working age), equivalised income (per person) and
 * good mental health (per adult). It reads the model and changes nothing.
 */
public final class CohortWatch implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The metrics, in the order {@link #now} returns them. */
    public static final String[] METRICS = {"employment", "income", "good_mental_health"};
    private static final int[] SNAPSHOT_METRIC = new int[METRICS.length];

    static {
        for (int m = 0; m < METRICS.length; m++) {
            SNAPSHOT_METRIC[m] = java.util.Arrays.asList(PersonSnapshot.METRICS).indexOf(METRICS[m]);
        }
    }

    /** The state at the start, kept until the neighbourhoods are known (a programme chooses its targets from it a month later). */
    private PersonSnapshot start;
    private boolean[] place;
    private int[] slots;
    private int[] ids;
    private byte[] flags0;
    private float[] income0;
    private float[] householdIncome0;
    private final double[] placeStart = new double[METRICS.length];

    /** A watch whose start is now, for neighbourhoods given now. */
    public CohortWatch(WijkLabModel model, boolean[] neighbourhoods) {
        this(model);
        select(neighbourhoods);
    }

    /** A watch whose start is now, for neighbourhoods given later with {@link #select}. */
    public CohortWatch(WijkLabModel model) {
        start = new PersonSnapshot(model, model.tick());
    }

    /** Whether the neighbourhoods are known. */
    public boolean selected() {
        return place != null;
    }

    /** The neighbourhoods: the cohort is who lived in them at the start. */
    public void select(boolean[] neighbourhoods) {
        place = neighbourhoods.clone();
        int n = 0;
        int[] s = new int[start.bound];
        for (int p = 0; p < start.bound; p++) {
            if (start.where[p] >= 0 && place[start.where[p]]) {
                s[n++] = p;
            }
        }
        slots = java.util.Arrays.copyOf(s, n);
        ids = new int[n];
        flags0 = new byte[n];
        income0 = new float[n];
        householdIncome0 = new float[n];
        double[] sum = new double[METRICS.length];
        double[] weight = new double[METRICS.length];
        for (int k = 0; k < n; k++) {
            int p = slots[k];
            ids[k] = start.id[p];
            flags0[k] = start.flags[p];
            income0[k] = start.income[p];
            householdIncome0[k] = start.householdIncome[p];
            add(flags0[k], income0[k], householdIncome0[k], sum, weight);
        }
        for (int m = 0; m < METRICS.length; m++) {
            placeStart[m] = weight[m] > 0 ? sum[m] / weight[m] : Double.NaN;
        }
        start = null;
    }

    /** Persons in the cohort. */
    public int size() {
        return slots.length;
    }

    /** {people change, place change} per metric of {@link #METRICS}, now (NaN where a mean is over nobody). */
    public double[][] now(WijkLabModel model) {
        if (place == null) {
            throw new IllegalStateException("the watch's neighbourhoods are not selected yet");
        }
        PersonSnapshot.View v = new PersonSnapshot.View();
        double[] sum0 = new double[METRICS.length];
        double[] w0 = new double[METRICS.length];
        double[] sum1 = new double[METRICS.length];
        double[] w1 = new double[METRICS.length];
        for (int k = 0; k < slots.length; k++) {
            int p = slots[k];
            if (model.persons().id[p] != ids[k]) {
                continue;
            }
            v.read(model, p);
            if (v.where >= 0 || v.where == PersonSnapshot.REGION) {
                add(flags0[k], income0[k], householdIncome0[k], sum0, w0);
                add(v.flags, v.income, v.householdIncome, sum1, w1);
            }
        }
        double[] placeSum = new double[METRICS.length];
        double[] placeWeight = new double[METRICS.length];
        int bound = model.persons().bound();
        for (int p = 0; p < bound; p++) {
            v.read(model, p);
            if (v.where >= 0 && place[v.where]) {
                add(v.flags, v.income, v.householdIncome, placeSum, placeWeight);
            }
        }
        double[][] out = new double[METRICS.length][2];
        for (int m = 0; m < METRICS.length; m++) {
            out[m][0] = w0[m] > 0 && w1[m] > 0 ? sum1[m] / w1[m] - sum0[m] / w0[m] : Double.NaN;
            out[m][1] = placeWeight[m] > 0 ? placeSum[m] / placeWeight[m] - placeStart[m] : Double.NaN;
        }
        return out;
    }

    private static void add(byte flags, float income, float householdIncome, double[] sum, double[] weight) {
        for (int m = 0; m < METRICS.length; m++) {
            int metric = SNAPSHOT_METRIC[m];
            double w = PersonSnapshot.weight(flags, metric);
            if (w > 0) {
                sum[m] += w * PersonSnapshot.value(flags, income, householdIncome, metric);
                weight[m] += w;
            }
        }
    }
}
