package org.wijklab.model;

import java.util.Arrays;

/**
 * The programmes' professionals and the cases they hold, as arrays (docs/ODD.md §7.2 (e), §7.5).
 *
 * <p>A <em>post</em> (professional slot) belongs to one team of one programme; the person in post
 * changes with staff turnover (a newcomer takes the same slot and its cases, and starts again at
 * zero months in post). A <em>team</em> covers an area: a set of whole target neighbourhoods, or a
 * part of one target neighbourhood when the neighbourhood holds more residents than a team area
 * (its households are then divided over its teams by address, {@link #teamOf}).
 *
 * <p>Per household slot: up to three holders of its case (one per problem type: debts, youth,
 * mental health; an integral case has one holder in the first place), the month each took the
 * family on, and the case's weight per holder by the caseload norms. Each holder's load carries
 * {@code weight + coordinationFte · (n − 1)} for a family with n professionals. The household
 * arrays are made with the first team, so a run without a team carries none of them.
 */
public final class Professionals implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEBT = 0;
    public static final int YOUTH = 1;
    public static final int MENTAL = 2;
    /** Problem types, and the most professionals a family can have. */
    public static final int TYPES = 3;
    public static final int NONE = -1;

    // per post
    public int count;
    public int[] team = new int[0];
    /** The tick the present professional took up the post. */
    public int[] startTick = new int[0];
    public boolean[] inPost = new boolean[0];
    /** FTE of the post, and what is left for cases after travel and the team's management. */
    public double[] fte = new double[0];
    public double[] capacity = new double[0];
    /** The weighted caseload now (norm-weighted share of a professional). */
    public double[] load = new double[0];
    /** Professionals who left the post so far (staff turnover). */
    public int[] departures = new int[0];

    // per team
    public int teams;
    public int[] teamProgramme = new int[0];
    public int[] teamFirst = new int[0];
    public int[] teamSize = new int[0];
    public double[] teamResidents = new double[0];
    public double[] teamFte = new double[0];
    public boolean[] teamIntegral = new boolean[0];
    /** Monthly chance a fully settled professional finds a visible problem in the team's area. */
    public double[] teamDetection = new double[0];
    /** Cover and specialisation of the team: 1 − exp(−team FTE / criticalMassFte). */
    public double[] teamSkills = new double[0];

    // per neighbourhood: its first team, and how many teams divide it (0: no team)
    public int[] hoodTeam;
    public int[] hoodParts;

    // per household slot (allocated with the first team)
    public int[] holder = new int[0];
    public int[] holderSince = new int[0];
    public int[] family = new int[0];
    public double[] weight = new double[0];
    /** This month's treatment per household and problem type (written by the case management, read by the household step). */
    public float[] treat = new float[0];

    /** A case's kinds by the caseload norms (docs/ODD.md §7.2 (e)). */
    public static final int HEAVY = 0;
    public static final int VULNERABLE = 1;
    public static final int OTHER = 2;

    /** How many of the problem types (debts, youth, poor mental health) a household has. */
    public static int problemTypes(Households h, int slot) {
        return (h.debt[slot] > 0 ? 1 : 0) + (h.youth[slot] > 0 ? 1 : 0) + (h.anyPoorMentalHealth(slot) ? 1 : 0);
    }

    /**
     * A family's kind by the caseload norms: two or more problem types heavy; one serious problem
     * (debts or youth problems at severity 2 or more, or an adult's severe mental health) vulnerable;
     * any other other. The case management weighs a new case by it; the outputs and the GUI count by it.
     */
    public static int kind(Households h, int slot) {
        if (problemTypes(h, slot) >= 2) {
            return HEAVY;
        }
        boolean serious = h.debt[slot] >= 2 || h.youth[slot] >= 2;
        for (int a = 0; a < h.adults[slot]; a++) {
            serious |= h.mental[2 * slot + a] == Households.SEVERE;
        }
        return serious ? VULNERABLE : OTHER;
    }

    public Professionals(int neighbourhoods) {
        hoodTeam = new int[neighbourhoods];
        hoodParts = new int[neighbourhoods];
        Arrays.fill(hoodTeam, NONE);
    }

    /** Whether any team was formed (and the household arrays exist). */
    public boolean any() {
        return teams > 0;
    }

    /** The team that serves a household in neighbourhood j (by its slot when j is divided), or NONE. */
    public int teamOf(int j, int slot) {
        int t = hoodTeam[j];
        return t < 0 || hoodParts[j] <= 1 ? t : t + slot % hoodParts[j];
    }

    /** How many professionals hold a household's case (0 to 3). */
    public int holders(int slot) {
        int n = 0;
        for (int k = 0; k < TYPES; k++) {
            if (holder[TYPES * slot + k] >= 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * What each of a family's n professionals carries: the case's weight per holder (the family's
     * norm weight, divided over the problem types it had when a fragmented service took it on) plus
     * coordination with each other professional on the family.
     */
    public static double share(double weight, int n, double coordinationFte) {
        return n == 0 ? 0.0 : weight + coordinationFte * (n - 1);
    }

    /** A new team; returns its index. */
    public int addTeam(int programme, boolean integral, double residents, double teamFteTotal, double detection, double skills) {
        int t = teams++;
        if (t >= teamProgramme.length) {
            int n = Math.max(8, 2 * t);
            teamProgramme = Arrays.copyOf(teamProgramme, n);
            teamFirst = Arrays.copyOf(teamFirst, n);
            teamSize = Arrays.copyOf(teamSize, n);
            teamResidents = Arrays.copyOf(teamResidents, n);
            teamFte = Arrays.copyOf(teamFte, n);
            teamIntegral = Arrays.copyOf(teamIntegral, n);
            teamDetection = Arrays.copyOf(teamDetection, n);
            teamSkills = Arrays.copyOf(teamSkills, n);
        }
        teamProgramme[t] = programme;
        teamFirst[t] = count;
        teamSize[t] = 0;
        teamResidents[t] = residents;
        teamFte[t] = teamFteTotal;
        teamIntegral[t] = integral;
        teamDetection[t] = detection;
        teamSkills[t] = skills;
        return t;
    }

    /** A new post in the last team formed; returns its slot. */
    public int addPost(int t, double postFte, double postCapacity, int tick) {
        int p = count++;
        if (p >= team.length) {
            int n = Math.max(16, 2 * p);
            team = Arrays.copyOf(team, n);
            startTick = Arrays.copyOf(startTick, n);
            inPost = Arrays.copyOf(inPost, n);
            fte = Arrays.copyOf(fte, n);
            capacity = Arrays.copyOf(capacity, n);
            load = Arrays.copyOf(load, n);
            departures = Arrays.copyOf(departures, n);
        }
        team[p] = t;
        startTick[p] = tick;
        inPost[p] = true;
        fte[p] = postFte;
        capacity[p] = postCapacity;
        load[p] = 0.0;
        departures[p] = 0;
        teamSize[t]++;
        return p;
    }

    /** Makes the household arrays, once. */
    public void allocateHouseholds(int households) {
        if (holder.length == TYPES * households) {
            return;
        }
        holder = new int[TYPES * households];
        Arrays.fill(holder, NONE);
        holderSince = new int[TYPES * households];
        family = new int[households];
        weight = new double[households];
        treat = new float[TYPES * households];
    }

    /**
     * A saturating curve of months of acquaintance: a newcomer has {@code newcomer} of the full
     * effect, rising to 1 with time scale {@code months}.
     */
    public static double knowing(int months, double newcomer, double scale) {
        return newcomer + (1.0 - newcomer) * (1.0 - StrictMath.exp(-Math.max(0, months) / scale));
    }

    /** Months the holder of a household's case of type k has known the family (since it took it, or since it came into post). */
    public int familyMonths(int slot, int k, int tick) {
        int p = holder[TYPES * slot + k];
        return p < 0 ? 0 : tick - Math.max(holderSince[TYPES * slot + k], startTick[p]);
    }
}
