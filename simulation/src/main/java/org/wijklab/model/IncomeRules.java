package org.wijklab.model;

import org.wijklab.scenario.Scenario;

/**
 * Disposable income from the persons a household holds, by the Dutch rules (sources in
 * docs/ODD.md). Each adult has an income of its own: the wage in work; unemployment insurance (WW)
 * while it runs, at {@code wwShareFirst} of the wage it was based on for the first two months and
 * {@code wwShare} after; a disability benefit at {@code disabilityShare} of its wage for an
 * inactive adult in severe (long-term) poor health who has worked; the state pension (AOW, with
 * the average supplementary pension: {@code pensionPerAdult}) in retirement; nothing otherwise.
 * The household's income is the sum, topped up to the social-assistance (bijstand) norm for its
 * size when it falls below it and an adult is of working age: the partner means test, so a
 * non-working partner of an earner receives nothing, and a couple's norm is compared with both
 * incomes together. Child benefit comes on top.
 */
public final class IncomeRules {
    private IncomeRules() {
    }

    /** What an adult lives on: its own {@link #source}. */
    public static final byte NONE = 0;
    public static final byte WAGE = 1;
    public static final byte WW = 2;
    public static final byte DISABILITY = 3;
    public static final byte PENSION = 4;

    /** Months at the higher WW share before it steps down (the first two months, Werkloosheidswet art. 47). */
    public static final int WW_FIRST_MONTHS = 2;

    /** Where an adult's own income comes from at a tick (before the household's social-assistance top-up). */
    public static byte source(byte status, byte mental, int experienceMonths, int wwUntil, int tick) {
        switch (status) {
            case Households.EMPLOYED:
                return WAGE;
            case Households.RETIRED:
                return PENSION;
            case Households.UNEMPLOYED:
                return tick < wwUntil ? WW : NONE;
            default:
                return mental == Households.SEVERE && experienceMonths > 0 ? DISABILITY : NONE;
        }
    }

    /**
     * An adult's own yearly income from its {@link #source}: {@code wage} is what it earns in work
     * (its own wage now), {@code wwBase} the wage its WW is a share of.
     */
    public static double own(Scenario.Labour lab, byte source, double wage, int wwFrom, double wwBase, int tick) {
        return switch (source) {
            case WAGE -> wage;
            case PENSION -> lab.pensionPerAdult();
            case WW -> (tick < wwFrom + WW_FIRST_MONTHS ? lab.wwShareFirst() : lab.wwShare()) * wwBase;
            case DISABILITY -> lab.disabilityShare() * wage;
            default -> 0.0;
        };
    }

    /**
     * The next tick at which an adult on WW changes the household's income by itself (its WW steps
     * down after the first months or runs out), folded into {@code next}, the earliest so far.
     */
    public static int nextWwChange(int next, int wwFrom, int wwUntil, int tick) {
        int step = wwFrom + WW_FIRST_MONTHS;
        return Math.min(next, tick < step ? step : wwUntil);
    }

    /** The social-assistance norm for a household of this many adults (yearly). */
    public static double norm(Scenario.Labour lab, int adults) {
        return adults >= 2 ? 2 * lab.benefitPerAdultInCouple() : lab.benefitSingle();
    }

    /**
     * The social-assistance top-up: what the adults' own incomes together fall short of the norm,
     * when some adult is of working age (pensioners are not topped up here); 0 otherwise.
     */
    public static double topUp(Scenario.Labour lab, double own, int workingAge, int adults) {
        if (workingAge == 0) {
            return 0.0;
        }
        return Math.max(0.0, norm(lab, adults) - own);
    }

    /** Household income: the adults' own incomes, the social-assistance top-up, child benefit. */
    public static double household(Scenario.Labour lab, double own, int workingAge, int adults, int children) {
        return own + topUp(lab, own, workingAge, adults) + children * lab.childBenefit();
    }
}
