package org.wijklab.model;

import java.util.Arrays;

/**
 * What the programmes do to each neighbourhood this month, as plain numbers the processes read:
 * the policy step writes them, the labour market, problems and services, community, demography
 * and the housing market apply them. All zero without a programme, so the processes then behave
 * exactly as in the baseline.
 */
public final class PolicyEffects implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public final int count;
    /**
     * Job finding and the return of inactive adults to job search multiplied by (1 + this):
     * volunteer roles (initiatives). The work theme acts on persons instead (activation places).
     */
    public final double[] jobFinding;
    /** Extra monthly job-finding chance of each unemployed adult: local jobs of initiatives. */
    public final double[] localJobs;
    /** Onset of youth problems multiplied by (1 − this): learning theme. */
    public final double[] youthPrevention;
    /** Added chance that a child leaving home is educated one level above the parent: learning, initiatives. */
    public final double[] educationUp;
    /**
     * Share of the neighbourhood's problem pressure on safety that is prevented (wardens, camera
     * surveillance, policing of hot spots): safety theme; in [0, 1).
     */
    public final double[] prevention;
    /**
     * Extra months of local acquaintance each resident gains this month (activities where neighbours
     * meet): integration theme. Kept by the households, lost when they move.
     */
    public final double[] tieMonths;
    /**
     * The team's chance of finding a family relative to its own: 1 + referral · the share of the
     * target's households best persons know (they point the team to families); 1 without them.
     */
    public final double[] referral;
    /** Dwelling quality gained per month in the neighbourhood: housing theme (renovation). */
    public final double[] qualityMonthly;
    /** Monthly chance that the team finds a household with a problem; 0 without a team. */
    public final double[] detection;
    /** How far an open case cuts escalation and speeds resolution. */
    public final double[] treatment;
    /** Cases the team can hold in the neighbourhood. */
    public final int[] capacity;
    /** Months before a found case is treated. */
    public final int[] delay;
    /** Whether the team works integrally (one plan for all of a family's problems). */
    public final boolean[] integral;
    /** Professionals (FTE) of teams working in the neighbourhood. */
    public final double[] professionals;
    /** Cases open now (kept by the problems and services process). */
    public final int[] openCases;
    /** Newcomers to a vacant social dwelling need at least this income (allocation rule). */
    public final double[] incomeFloor;
    /** The programme (its index) whose team works in the neighbourhood this month, or -1: the help its cases give is that programme's. */
    public final int[] teamProgramme;

    public PolicyEffects(int count) {
        this.count = count;
        jobFinding = new double[count];
        localJobs = new double[count];
        youthPrevention = new double[count];
        educationUp = new double[count];
        prevention = new double[count];
        tieMonths = new double[count];
        referral = new double[count];
        qualityMonthly = new double[count];
        detection = new double[count];
        treatment = new double[count];
        capacity = new int[count];
        delay = new int[count];
        integral = new boolean[count];
        professionals = new double[count];
        openCases = new int[count];
        incomeFloor = new double[count];
        teamProgramme = new int[count];
        Arrays.fill(teamProgramme, -1);
        Arrays.fill(referral, 1.0);
    }

    /** Clears everything the policy step sets afresh each month (not the open cases). */
    public void clear() {
        Arrays.fill(jobFinding, 0);
        Arrays.fill(localJobs, 0);
        Arrays.fill(youthPrevention, 0);
        Arrays.fill(educationUp, 0);
        Arrays.fill(prevention, 0);
        Arrays.fill(tieMonths, 0);
        Arrays.fill(referral, 1.0);
        Arrays.fill(qualityMonthly, 0);
        Arrays.fill(detection, 0);
        Arrays.fill(treatment, 0);
        Arrays.fill(capacity, 0);
        Arrays.fill(delay, 0);
        Arrays.fill(integral, false);
        Arrays.fill(professionals, 0);
        Arrays.fill(incomeFloor, 0);
        Arrays.fill(teamProgramme, -1);
    }
}
