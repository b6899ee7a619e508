package org.wijklab.policy;

import java.util.Arrays;
import org.wijklab.model.Help;
import org.wijklab.model.Households;
import org.wijklab.model.Persons;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Policy;

/**
 * The themes that act on persons: the work theme's money buys activation places
 * ({@code policy.help.activationCostYear} a place-year), the health theme's treatment places
 * ({@code treatmentCostYear}), as far as the theme's funders pay for it ({@link Funding}). Each
 * month the places already taken are kept, then free places go to persons drawn at random among
 * those living in the targets who qualify (unemployed adults of working age: job seekers; adults in
 * poor mental health) in households the programme's coalition reaches ({@link Coalition}). A person keeps a place for its months
 * wherever it moves in the city, and loses it on finding work or giving up the search (activation),
 * recovering (treatment), or leaving the city; a place runs its course after the programme's money
 * stops. While in a place a person gains skill (see {@code LabourMarket} for lock-in and what skill
 * does), which fades once a year; help is recorded per person ({@link Help}). docs/ODD.md §7.13
 * ("Places") and §7.2 (d). Its state: per programme, the persons in its places; the month's
 * candidates; whether any skill was ever given.
 */
final class Places implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final WijkLabModel model;
    /** Per programme (by its index): person slots in its activation places now, the first activationCount. */
    private final int[][] activation;
    private final int[] activationCount;
    /** Per programme: person slots in its treatment places now, the first treatmentCount. */
    private final int[][] treatment;
    private final int[] treatmentCount;
    /** Candidates for places this month (person slots), reused. */
    private int[] candidates = new int[256];
    /** Whether any person was ever given skill (then skill fades once a year). */
    private boolean skillGiven;

    Places(WijkLabModel model, int programmes) {
        this.model = model;
        activation = new int[programmes][0];
        activationCount = new int[programmes];
        treatment = new int[programmes][0];
        treatmentCount = new int[programmes];
    }

    /**
     * The places already taken: a month more of help for each holder, skill for activation; a place
     * ends after its months, when its holder found work (activation) or recovered (treatment), or
     * left the city (or died).
     */
    void keep(Programmes.Run run, int tick) {
        Persons ps = model.persons();
        Households h = model.households();
        int r = run.index;
        int[] held = activation[r];
        int kept = 0;
        for (int i = 0; i < activationCount[r]; i++) {
            int p = held[i];
            int pos = adultPosition(p);
            // the month just done is over; the place goes on while its holder still looks for work here
            int left = ps.activationLeft[p] - 1;
            if (left > 0 && pos >= 0 && h.status[pos] == Households.UNEMPLOYED) {
                ps.activationLeft[p] = (byte) left;
                activationMonth(run, p, tick);
                held[kept++] = p;
            } else {
                ps.activationLeft[p] = 0;
            }
        }
        activationCount[r] = kept;
        held = treatment[r];
        kept = 0;
        for (int i = 0; i < treatmentCount[r]; i++) {
            int p = held[i];
            int pos = adultPosition(p);
            int left = ps.treatmentLeft[p] - 1;
            if (left > 0 && pos >= 0 && h.mental[pos] != Households.GOOD) {
                ps.treatmentLeft[p] = (byte) left;
                model.help().give(ps, p, Help.TREATMENT, run.index, tick);
                held[kept++] = p;
            } else {
                ps.treatmentLeft[p] = 0;
            }
        }
        treatmentCount[r] = kept;
    }

    /** A month in an activation place: help recorded, skill gained (and the household's income follows its wage). */
    private void activationMonth(Programmes.Run run, int p, int tick) {
        Persons ps = model.persons();
        ps.skill[p] = (float) Math.min(1.0, ps.skill[p] + model.scenario().policy().help().skillMonthly());
        skillGiven = true;
        model.help().give(ps, p, Help.ACTIVATION, run.index, tick);
        model.updateIncome(ps.household[p]);
    }

    /**
     * The adult position (2 · slot + a) of city person p, or -1 when p is not an adult living in the
     * city (a child, in the region, dead).
     */
    private int adultPosition(int p) {
        Persons ps = model.persons();
        if (ps.place[p] != Persons.CITY) {
            return -1;
        }
        int slot = ps.household[p];
        Households h = model.households();
        if (slot < 0 || h.dwelling[slot] < 0) {
            return -1;
        }
        for (int a = 0; a < h.adults[slot]; a++) {
            if (h.adultPerson[2 * slot + a] == p) {
                return 2 * slot + a;
            }
        }
        return -1;
    }

    /**
     * Fills free activation and treatment places, at random among the persons in the targets who
     * qualify and hold no place: unemployed adults of working age (activation), adults in poor mental
     * health (treatment; severe poor health is in
     * second-line care already). The places a budget buys: the theme's yearly money over a place's
     * yearly cost.
     */
    void fill(Programmes.Run run, int tick) {
        Policy.Help hp = model.scenario().policy().help();
        int r = run.index;
        // what the theme's funders pay for and has arrived this month (docs/ODD.md §7.2 (d))
        int activationPlaces = (int) Math.floor(Programmes.themeBudget(run, Programmes.WORK, tick) / hp.activationCostYear());
        int treatmentPlaces = (int) Math.floor(Programmes.themeBudget(run, Programmes.HEALTH, tick) / hp.treatmentCostYear());
        if (activationPlaces > activationCount[r]) {
            int n = collect(run, true);
            int take = Math.min(n, activationPlaces - activationCount[r]);
            activation[r] = ensure(activation[r], activationCount[r] + take);
            Persons ps = model.persons();
            for (int i = 0; i < take; i++) {
                int p = draw(i, n);
                ps.activationLeft[p] = (byte) Math.min(127, hp.activationMonths());
                activationMonth(run, p, tick);
                activation[r][activationCount[r]++] = p;
            }
        }
        if (treatmentPlaces > treatmentCount[r]) {
            int n = collect(run, false);
            int take = Math.min(n, treatmentPlaces - treatmentCount[r]);
            treatment[r] = ensure(treatment[r], treatmentCount[r] + take);
            Persons ps = model.persons();
            for (int i = 0; i < take; i++) {
                int p = draw(i, n);
                ps.treatmentLeft[p] = (byte) Math.min(127, hp.treatmentMonths());
                model.help().give(ps, p, Help.TREATMENT, run.index, tick);
                treatment[r][treatmentCount[r]++] = p;
            }
        }
    }

    /**
     * The persons in the run's targets who qualify for an activation (or a treatment) place and hold
     * none, in slot order, of the households the coalition reaches ({@link Coalition}).
     */
    private int collect(Programmes.Run run, boolean forActivation) {
        Households h = model.households();
        Persons ps = model.persons();
        int retirement = 12 * model.scenario().demography().retirementAge();
        int tick = model.tick();
        int breadth = run.spec.coalitionBreadth();
        int n = 0;
        for (int slot = 0; slot < h.capacity; slot++) {
            int j = h.hood[slot];
            // only households a partner of the coalition is in contact with are reached
            if (j < 0 || !run.isTarget[j] || !Coalition.reachable(h, slot, breadth, tick)) {
                continue;
            }
            for (int a = 0; a < h.adults[slot]; a++) {
                int k = 2 * slot + a;
                int p = h.adultPerson[k];
                if (p < 0 || ps.activationLeft[p] > 0 || ps.treatmentLeft[p] > 0) {
                    continue;
                }
                // an activation place once per person; treatment again only for a new episode (recovered since its last help)
                boolean had = (ps.helpForms[p] & (1 << (forActivation ? Help.ACTIVATION : Help.TREATMENT))) != 0;
                if (had && (forActivation || ps.recoveredAt[p] <= ps.helpLast[p])) {
                    continue;
                }
                boolean fits = forActivation
                        ? h.status[k] == Households.UNEMPLOYED && tick - h.adultBirth[k] < retirement
                        : h.mental[k] == Households.POOR;
                if (fits) {
                    candidates = ensure(candidates, n + 1);
                    candidates[n++] = p;
                }
            }
        }
        return n;
    }

    /** The i-th of a random draw without replacement from the first n candidates (a partial shuffle). */
    private int draw(int i, int n) {
        int k = i + model.random.nextInt(n - i);
        int p = candidates[k];
        candidates[k] = candidates[i];
        candidates[i] = p;
        return p;
    }

    private static int[] ensure(int[] a, int n) {
        return n <= a.length ? a : Arrays.copyOf(a, Math.max(n, 2 * a.length));
    }

    /** Skill fades once a year, in the month pay is revalued: × exp(−1 / skillYears). */
    void fadeSkill(int tick) {
        if (!skillGiven || Math.floorMod(tick, 12) != 1) {
            return;
        }
        Persons ps = model.persons();
        float fade = (float) StrictMath.exp(-1.0 / model.scenario().policy().help().skillYears());
        for (int p = 0, n = ps.bound(); p < n; p++) {
            if (ps.skill[p] > 0f && ps.activationLeft[p] == 0) {
                ps.skill[p] *= fade;
            }
        }
    }
}
