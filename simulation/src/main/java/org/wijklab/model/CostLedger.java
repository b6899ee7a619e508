package org.wijklab.model;

/**
 * Money, booked as it happens, per neighbourhood and paying party: the programmes' spending, the
 * costs of escalations (evictions, supervision orders, second-line care, social assistance) and
 * the expected costs avoided by treatment and activation (the drop in the hazard of an escalation
 * times its cost, counted when the treated month happens). Like the other event counters they hold
 * one month: listeners read them at the end of the tick, then the model clears them.
 */
public final class CostLedger implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final int MUNICIPALITY = 0;
    public static final int HOUSING_CORPORATION = 1;
    public static final int HEALTH_INSURER = 2;
    public static final int NATIONAL_GOVERNMENT = 3;
    public static final int RESIDENTS = 4;
    public static final int PARTIES = 5;

    public final double[][] escalation;
    public final double[][] avoided;

    public CostLedger(int neighbourhoods) {
        escalation = new double[neighbourhoods][PARTIES];
        avoided = new double[neighbourhoods][PARTIES];
    }

    public void escalation(int neighbourhood, int party, double euro) {
        escalation[neighbourhood][party] += euro;
    }

    public void avoided(int neighbourhood, int party, double euro) {
        avoided[neighbourhood][party] += euro;
    }

    public void reset() {
        for (double[] row : escalation) {
            java.util.Arrays.fill(row, 0);
        }
        for (double[] row : avoided) {
            java.util.Arrays.fill(row, 0);
        }
    }
}
