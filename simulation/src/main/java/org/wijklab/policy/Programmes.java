package org.wijklab.policy;

import ec.util.MersenneTwisterFast;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wijklab.model.CostLedger;
import org.wijklab.model.Dwellings;
import org.wijklab.model.Help;
import org.wijklab.model.Households;
import org.wijklab.model.Persons;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.PolicyEffects;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Policy;
import org.wijklab.scenario.Programme;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The programmes, monthly (ordering 1, after the economy): each programme, while it runs, turns
 * its budget into effects on its target neighbourhoods ({@link PolicyEffects}), pays its team,
 * restructures stock and applies its allocation rule; best persons and resident initiatives live
 * here too, and outlast the programme. Processes read the effects; this step changes no household
 * directly except by marking dwellings for restructuring and moving their tenants out.
 *
 * <p>Themes that act on places (housing, learning, integration, safety): a theme's effect is
 * {@code maxEffect · (1 − exp(−dose / doseScale)) · reach · bestPersons}, with dose the theme's
 * euros per target resident per year, reach {@code 1 − exp(−coalitionBreadth / reachScale)} and a
 * best-person multiplier {@code 1 + effect · presence} (presence 1 while one is active, at least
 * 0.5 while exhausted, then a legacy decaying with {@code legacyYears}). Several funders who do not
 * pool their budgets lose {@code fragmentationLoss} of it. Each acts on a cause, never on the
 * liveability index: housing renovates dwellings (quality a month), learning prevents youth problems
 * and lifts children's education, integration gives the residents extra months of local
 * acquaintance a month (ties they keep while they stay, {@link PolicyEffects#tieMonths}), safety
 * prevents a share of the problem pressure on safety ({@link PolicyEffects#prevention}).
 *
 * <p>Themes that act on persons: the work theme's money buys activation places
 * ({@code policy.help.activationCostYear} a place-year), the health theme's treatment places
 * ({@code treatmentCostYear}). Each month free places go to persons drawn at random among those
 * living in the targets who qualify (unemployed adults of working age: job seekers; adults in poor
 * mental health). A person keeps a place for its months wherever it moves in the city, and loses it
 * on finding work or giving up the search (activation), recovering (treatment), or leaving the city.
 * While in a place a person gains skill (see
 * {@code LabourMarket} for lock-in and what skill does); help is recorded per person
 * ({@link org.wijklab.model.Help}).
 *
 * <p>Teams: the team budget pays {@code budget / fteCost} professionals, split over
 * {@code max(1, round(target residents / areaResidents))} teams. Each team loses a fixed overhead,
 * has skills {@code 1 − exp(−team FTE / criticalMassFte)}, finds problems with a monthly chance
 * {@code detectionMonthly · proximity · exp(−areaResidents / proximityScale)}, and gives the
 * targets the part of its capacity that they are of its area. Too small teams drown in overhead
 * and lack skills; too large ones lose proximity and spread over non-targets.
 */
public final class Programmes implements Steppable {
    private static final long serialVersionUID = 1L;

    /** Best-person status per target. */
    public static final byte BP_NONE = 0;
    public static final byte BP_ACTIVE = 1;
    public static final byte BP_EXHAUSTED = 2;
    public static final byte BP_LEFT = 3;

    /** The themes, in the order of a programme's {@code themes}. */
    static final int HOUSING = 0;
    static final int WORK = 1;
    static final int LEARNING = 2;
    static final int INTEGRATION = 3;
    static final int SAFETY = 4;
    static final int HEALTH = 5;

    private final WijkLabModel model;
    private final List<Run> runs = new ArrayList<>();
    /** Candidates for places this month (person slots), reused. */
    private int[] candidates = new int[256];
    /** Whether any person was ever given skill (then skill fades once a year). */
    private boolean skillGiven;

    /** The state of one programme in this run. */
    public static final class Run implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        public final Programme spec;
        /** Its position in the scenario's programmes (the index help is recorded under). */
        public final int index;
        /** Person slots in its activation and treatment places now. */
        int[] activation = new int[0];
        int activationCount;
        int[] treatment = new int[0];
        int treatmentCount;
        public final int startTick;
        public final int endTick;
        public int[] targets;
        public boolean[] isTarget;
        public byte[] bpStatus;
        public double[] bpEnergy;
        public int[] bpSince;
        public double[] bpLegacy;
        public int[] bpLeftCount;
        public int[] initiatives;
        /** Money spent per party since the costs writer last read it (it resets this at each year's end). */
        public final double[] spent = new double[org.wijklab.model.CostLedger.PARTIES];
        int[] convertList;
        int convertNext;
        double convertDue;

        Run(Programme spec, int index) {
            this.spec = spec;
            this.index = index;
            startTick = (int) Math.round(12 * spec.startYear());
            endTick = (int) Math.round(12 * spec.endYear());
        }

        /** Whether the programme runs at this tick: ticks start + 1 ... end. */
        public boolean activeAt(int tick) {
            return tick > startTick && tick <= endTick;
        }

        public boolean started() {
            return targets != null;
        }
    }

    public Programmes(WijkLabModel model) {
        this.model = model;
        for (Programme p : model.scenario().programmes()) {
            runs.add(new Run(p, runs.size()));
        }
    }

    public List<Run> runs() {
        return runs;
    }

    @Override
    public void step(SimState state) {
        int tick = model.tick();
        PolicyEffects fx = model.effects();
        fx.clear();
        if (tick <= 0) {
            return;
        }
        for (Run run : runs) {
            if (!run.started() && tick > run.startTick) {
                begin(run, tick);
            }
            if (!run.started()) {
                continue;
            }
            boolean active = run.activeAt(tick);
            bestPersons(run, active, tick);
            initiatives(run, active);
            // rebuilding goes on at its own pace once begun, also after the programme's money stops
            restructure(run, tick);
            // a place, once taken, runs its course on the money already committed
            keepPlaces(run, tick);
            if (active) {
                themes(run);
                team(run);
                fillPlaces(run, tick);
                spend(run);
                for (int j : run.targets) {
                    fx.incomeFloor[j] = Math.max(fx.incomeFloor[j], run.spec.allocation().incomeFloor());
                }
            }
        }
        convertVacant();
        renovate();
        fadeSkill(tick);
    }

    private void begin(Run run, int tick) {
        Neighbourhoods nb = model.neighbourhoods();
        Programme.Targets t = run.spec.targets();
        int[] targets;
        if (t.weakest() > 0) {
            Integer[] order = new Integer[nb.count];
            for (int j = 0; j < nb.count; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(nb.rank[b], nb.rank[a]));
            targets = new int[t.weakest()];
            for (int k = 0; k < targets.length; k++) {
                targets[k] = order[k];
            }
            Arrays.sort(targets);
        } else {
            targets = t.names().stream().mapToInt(nb::indexOf).sorted().toArray();
        }
        run.targets = targets;
        run.isTarget = new boolean[nb.count];
        for (int j : targets) {
            run.isTarget[j] = true;
        }
        int n = nb.count;
        run.bpStatus = new byte[n];
        run.bpEnergy = new double[n];
        run.bpSince = new int[n];
        run.bpLegacy = new double[n];
        run.bpLeftCount = new int[n];
        run.initiatives = new int[n];
        Programme.BestPersons bp = run.spec.bestPersons();
        if (bp.present() && !run.spec.copied()) {
            // the plan's own best persons, who built it, are there from the start
            for (int j : targets) {
                run.bpStatus[j] = BP_ACTIVE;
                run.bpEnergy[j] = 1.0;
                run.bpSince[j] = tick;
            }
        }
        // the programme's cohort, the persons living in its targets at its start (nothing has
        // changed since the start tick's observation), is followed wherever it goes to the last tick
        Households h = model.households();
        org.wijklab.model.Persons persons = model.persons();
        int last = model.scenario().ticks();
        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.isLive(slot) && run.isTarget[h.hood[slot]]) {
                for (int a = 0; a < h.adults[slot]; a++) {
                    persons.pin(h.adultPerson[2 * slot + a], last);
                }
                for (int c = h.firstChild[slot]; c >= 0; c = persons.nextChild[c]) {
                    persons.pin(c, last);
                }
            }
        }
        Programme.Restructuring r = run.spec.restructuring();
        if (r.shareOfSocial() > 0) {
            Dwellings dw = model.dwellings();
            int count = 0;
            int[] list = new int[dw.count];
            for (int d = 0; d < dw.count; d++) {
                if (run.isTarget[dw.neighbourhood[d]] && !dw.plot[d] && dw.tenure[d] == Tenure.SOCIAL) {
                    list[count++] = d;
                }
            }
            MersenneTwisterFast random = model.random;
            for (int i = count - 1; i > 0; i--) {
                int k = random.nextInt(i + 1);
                int tmp = list[i];
                list[i] = list[k];
                list[k] = tmp;
            }
            run.convertList = Arrays.copyOf(list, (int) Math.round(count * r.shareOfSocial()));
        }
    }

    private void bestPersons(Run run, boolean active, int tick) {
        Policy.BestPersonParams p = model.scenario().policy().bestPersons();
        Programme.BestPersons bp = run.spec.bestPersons();
        MersenneTwisterFast random = model.random;
        boolean fragmented = run.spec.team().exists() && !run.spec.team().integral();
        double decay = Math.exp(-1.0 / (12.0 * p.legacyYears()));
        for (int j : run.targets) {
            switch (run.bpStatus[j]) {
                case BP_ACTIVE -> {
                    double drain = p.resistance() * (1.0 - bp.protection()) + (fragmented ? p.fragmentedResistance() : 0.0);
                    if (!active) {
                        drain *= 2; // no programme behind them any more
                    }
                    run.bpEnergy[j] += (p.recharge() * bp.roomToAct() - drain) / 12.0;
                    run.bpEnergy[j] = Math.min(1.0, run.bpEnergy[j]);
                    if (run.bpEnergy[j] < p.burnoutEnergy()) {
                        run.bpStatus[j] = BP_EXHAUSTED;
                        run.bpSince[j] = tick;
                    } else if (random.nextDouble() < p.leaveRate() / 12.0) {
                        leave(run, j);
                    }
                }
                case BP_EXHAUSTED -> {
                    run.bpLegacy[j] *= decay;
                    if (tick - run.bpSince[j] >= 12.0 * p.exhaustedYears()) {
                        if (active && random.nextDouble() < bp.protection()) {
                            run.bpStatus[j] = BP_ACTIVE;
                            run.bpEnergy[j] = 0.5;
                            run.bpSince[j] = tick;
                        } else {
                            leave(run, j);
                        }
                    }
                }
                default -> {
                    run.bpLegacy[j] *= decay;
                    double conditions = 0.5 * (run.spec.ownershipSupport() + bp.roomToAct());
                    if (active && bp.present() && random.nextDouble() < p.emergence() / 12.0 * conditions) {
                        run.bpStatus[j] = BP_ACTIVE;
                        run.bpEnergy[j] = 1.0;
                        run.bpSince[j] = tick;
                    }
                }
            }
            if (run.bpStatus[j] == BP_ACTIVE) {
                model.effects().cohesion[j] += p.cohesionBoost();
            } else {
                model.effects().cohesion[j] += p.cohesionBoost() * run.bpLegacy[j];
            }
        }
    }

    private static void leave(Run run, int j) {
        run.bpStatus[j] = BP_LEFT;
        run.bpLegacy[j] = 1.0;
        run.bpLeftCount[j]++;
    }

    /** 1 while a best person is active, their decaying legacy afterwards, half while exhausted. */
    static double presence(Run run, int j) {
        return switch (run.bpStatus[j]) {
            case BP_ACTIVE -> 1.0;
            case BP_EXHAUSTED -> Math.max(0.5, run.bpLegacy[j]);
            default -> run.bpLegacy[j];
        };
    }

    private void initiatives(Run run, boolean active) {
        Policy.Initiatives p = model.scenario().policy().initiatives();
        Neighbourhoods nb = model.neighbourhoods();
        PolicyEffects fx = model.effects();
        MersenneTwisterFast random = model.random;
        for (int j : run.targets) {
            boolean bp = run.bpStatus[j] == BP_ACTIVE;
            double start = p.startRate() / 12.0 * run.spec.ownershipSupport() * nb.facilities[j] * (bp ? 1.0 : 0.2)
                    * (active ? 1.0 : 0.5);
            if (run.initiatives[j] < p.maxPerTarget() && random.nextDouble() < start) {
                run.initiatives[j]++;
            }
            double close = p.closeRate() / 12.0 * (bp ? 0.3 : 1.0) * (active ? 0.5 : 1.0);
            for (int k = run.initiatives[j]; k > 0; k--) {
                if (random.nextDouble() < close) {
                    run.initiatives[j]--;
                }
            }
            int n = run.initiatives[j];
            fx.cohesion[j] += p.cohesionEffect() * n;
            fx.jobFinding[j] += p.activation() * n;
            fx.educationUp[j] += p.learning() * n;
            double unemployed = Math.max(1, model.observation().unemployed(j));
            // local jobs turn over about once in two years
            fx.localJobs[j] += p.jobs() * n * 0.5 / 12.0 / unemployed;
        }
    }

    /** Residents of the programme's targets at the last observation. */
    private double targetResidents(Run run) {
        double residents = 0;
        for (int j : run.targets) {
            residents += model.neighbourhoods().residents[j];
        }
        return residents;
    }

    /** The budget after losses to unpooled, fragmented funding. */
    static double effectiveBudget(Programme spec, Policy.ThemeEffects t) {
        double loss = !spec.pooledBudget() && spec.funders().count() >= 2 ? t.fragmentationLoss() : 0.0;
        return spec.yearlyBudget() * (1.0 - loss);
    }

    private void themes(Run run) {
        Policy.ThemeEffects t = model.scenario().policy().themes();
        Policy.BestPersonParams bpp = model.scenario().policy().bestPersons();
        PolicyEffects fx = model.effects();
        double residents = targetResidents(run);
        if (residents <= 0) {
            return;
        }
        double[] shares = run.spec.themes().values();
        double budget = effectiveBudget(run.spec, t);
        double reach = 1.0 - Math.exp(-run.spec.coalitionBreadth() / t.reachScale());
        // the themes that act on places: housing, learning, integration, safety (maxEffect's order)
        int[] placeThemes = {HOUSING, LEARNING, INTEGRATION, SAFETY};
        double[] effect = new double[shares.length];
        for (int i = 0; i < placeThemes.length; i++) {
            int k = placeThemes[i];
            double dose = budget * shares[k] / residents;
            effect[k] = t.maxEffect()[i] * (1.0 - Math.exp(-dose / t.doseScale())) * reach;
        }
        for (int j : run.targets) {
            double m = 1.0 + bpp.effect() * presence(run, j);
            fx.qualityMonthly[j] += effect[HOUSING] * m / 12.0;
            fx.youthPrevention[j] = Math.min(0.9, fx.youthPrevention[j] + effect[LEARNING] * m);
            fx.educationUp[j] += 0.5 * effect[LEARNING] * m;
            fx.tieMonths[j] += effect[INTEGRATION] * m;
            // several programmes prevent independently: what one leaves, the next prevents a share of
            fx.prevention[j] = 1.0 - (1.0 - fx.prevention[j]) * (1.0 - Math.min(0.95, effect[SAFETY] * m));
        }
    }

    private void team(Run run) {
        Programme.Team team = run.spec.team();
        if (!team.exists() || team.budgetShare() <= 0) {
            return;
        }
        Policy.Services s = model.scenario().policy().services();
        Policy.BestPersonParams bpp = model.scenario().policy().bestPersons();
        Neighbourhoods nb = model.neighbourhoods();
        PolicyEffects fx = model.effects();
        double residents = targetResidents(run);
        if (residents <= 0) {
            return;
        }
        double fte = effectiveBudget(run.spec, model.scenario().policy().themes()) * team.budgetShare() / s.fteCost();
        int teams = (int) Math.max(1, Math.round(residents / team.areaResidents()));
        double coverage = Math.min(1.0, residents / (teams * (double) team.areaResidents()));
        double perTeam = fte / teams;
        double net = Math.max(0.0, perTeam - s.overheadFte()) * (team.integral() ? 1.0 : 1.0 - s.fragmentedOverhead());
        double skills = 1.0 - Math.exp(-perTeam / s.criticalMassFte());
        double cases = net * s.casesPerFte() * teams * coverage;
        // a team serves its nominal area, or more residents when the targets are bigger than the teams' areas
        double served = Math.max(team.areaResidents(), residents / teams);
        double detection = s.detectionMonthly() * team.proximity() * Math.exp(-served / s.proximityScale());
        double base = team.integral() ? s.treatmentEffect() : s.fragmentedEffect();
        for (int j : run.targets) {
            double share = nb.residents[j] / residents;
            boolean bp = run.bpStatus[j] == BP_ACTIVE;
            // best persons cut through bureaucratic delay; with several teams, the quickest counts
            int delay = team.integral() ? 0 : (bp ? s.fragmentedDelayMonths() / 2 : s.fragmentedDelayMonths());
            fx.delay[j] = fx.detection[j] == 0 ? delay : Math.min(fx.delay[j], delay);
            fx.capacity[j] += (int) Math.round(cases * share);
            fx.detection[j] = Math.max(fx.detection[j], detection);
            fx.treatment[j] = Math.max(fx.treatment[j],
                    Math.min(0.95, base * skills * (1.0 + 0.25 * bpp.effect() * presence(run, j))));
            fx.integral[j] |= team.integral();
            fx.professionals[j] += fte * coverage * share;
            if (fx.teamProgramme[j] < 0) {
                fx.teamProgramme[j] = run.index;
            }
        }
    }

    /**
     * The places already taken: a month more of help for each holder, skill for activation; a place
     * ends after its months, when its holder found work (activation) or recovered (treatment), or
     * left the city (or died).
     */
    private void keepPlaces(Run run, int tick) {
        Persons ps = model.persons();
        Households h = model.households();
        int kept = 0;
        for (int i = 0; i < run.activationCount; i++) {
            int p = run.activation[i];
            int pos = adultPosition(p);
            // the month just done is over; the place goes on while its holder still looks for work here
            int left = ps.activationLeft[p] - 1;
            if (left > 0 && pos >= 0 && h.status[pos] == Households.UNEMPLOYED) {
                ps.activationLeft[p] = (byte) left;
                activationMonth(run, p, tick);
                run.activation[kept++] = p;
            } else {
                ps.activationLeft[p] = 0;
            }
        }
        run.activationCount = kept;
        kept = 0;
        for (int i = 0; i < run.treatmentCount; i++) {
            int p = run.treatment[i];
            int pos = adultPosition(p);
            int left = ps.treatmentLeft[p] - 1;
            if (left > 0 && pos >= 0 && h.mental[pos] != Households.GOOD) {
                ps.treatmentLeft[p] = (byte) left;
                model.help().give(ps, p, Help.TREATMENT, run.index, tick);
                run.treatment[kept++] = p;
            } else {
                ps.treatmentLeft[p] = 0;
            }
        }
        run.treatmentCount = kept;
    }

    /** A month in an activation place: help recorded, skill gained (and the household's income follows its wage). */
    private void activationMonth(Run run, int p, int tick) {
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
    private void fillPlaces(Run run, int tick) {
        Policy.Help hp = model.scenario().policy().help();
        Policy.ThemeEffects t = model.scenario().policy().themes();
        double budget = effectiveBudget(run.spec, t);
        double[] shares = run.spec.themes().values();
        int activationPlaces = (int) Math.floor(budget * shares[WORK] / hp.activationCostYear());
        int treatmentPlaces = (int) Math.floor(budget * shares[HEALTH] / hp.treatmentCostYear());
        if (activationPlaces > run.activationCount) {
            int n = collect(run, true);
            int take = Math.min(n, activationPlaces - run.activationCount);
            run.activation = ensure(run.activation, run.activationCount + take);
            Persons ps = model.persons();
            Households h = model.households();
            for (int i = 0; i < take; i++) {
                int p = draw(i, n);
                ps.activationLeft[p] = (byte) Math.min(127, hp.activationMonths());
                activationMonth(run, p, tick);
                run.activation[run.activationCount++] = p;
            }
        }
        if (treatmentPlaces > run.treatmentCount) {
            int n = collect(run, false);
            int take = Math.min(n, treatmentPlaces - run.treatmentCount);
            run.treatment = ensure(run.treatment, run.treatmentCount + take);
            Persons ps = model.persons();
            for (int i = 0; i < take; i++) {
                int p = draw(i, n);
                ps.treatmentLeft[p] = (byte) Math.min(127, hp.treatmentMonths());
                model.help().give(ps, p, Help.TREATMENT, run.index, tick);
                run.treatment[run.treatmentCount++] = p;
            }
        }
    }

    /** The persons in the run's targets who qualify for an activation (or a treatment) place and hold none, in slot order. */
    private int collect(Run run, boolean activation) {
        Households h = model.households();
        Persons ps = model.persons();
        int retirement = 12 * model.scenario().demography().retirementAge();
        int tick = model.tick();
        int n = 0;
        for (int slot = 0; slot < h.capacity; slot++) {
            int j = h.hood[slot];
            if (j < 0 || !run.isTarget[j]) {
                continue;
            }
            for (int a = 0; a < h.adults[slot]; a++) {
                int k = 2 * slot + a;
                int p = h.adultPerson[k];
                if (p < 0 || ps.activationLeft[p] > 0 || ps.treatmentLeft[p] > 0) {
                    continue;
                }
                // an activation place once per person; treatment again only for a new episode (recovered since its last help)
                boolean had = (ps.helpForms[p] & (1 << (activation ? Help.ACTIVATION : Help.TREATMENT))) != 0;
                if (had && (activation || ps.recoveredAt[p] <= ps.helpLast[p])) {
                    continue;
                }
                boolean fits = activation
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
    private void fadeSkill(int tick) {
        if (!skillGiven || Math.floorMod(tick, 12) != 1) {
            return;
        }
        Persons ps = model.persons();
        float fade = (float) Math.exp(-1.0 / model.scenario().policy().help().skillYears());
        for (int p = 0, n = ps.bound(); p < n; p++) {
            if (ps.skill[p] > 0f && ps.activationLeft[p] == 0) {
                ps.skill[p] *= fade;
            }
        }
    }

    private void spend(Run run) {
        double[] shares = run.spec.funders().values();
        for (int p = 0; p < shares.length; p++) {
            run.spent[p] += run.spec.yearlyBudget() * shares[p] / 12.0;
        }
    }

    private void restructure(Run run, int tick) {
        if (run.convertList == null || run.convertNext >= run.convertList.length) {
            return;
        }
        Programme.Restructuring r = run.spec.restructuring();
        run.convertDue += run.convertList.length / (12.0 * r.years());
        Dwellings dw = model.dwellings();
        Households h = model.households();
        while (run.convertDue >= 1.0 && run.convertNext < run.convertList.length) {
            int d = run.convertList[run.convertNext++];
            run.convertDue -= 1.0;
            dw.markConverting(d);
            int slot = dw.occupant[d];
            if (slot >= 0 && h.forced[slot] == Households.FORCED_NO) {
                // tenants of a dwelling to be demolished must move: they keep their right to social rent
                h.forced[slot] = Households.FORCED_RENEWAL;
                h.searchSince[slot] = tick;
            }
        }
    }

    /** Rebuilds dwellings marked for restructuring once their tenants have gone. */
    private void convertVacant() {
        Dwellings dw = model.dwellings();
        MersenneTwisterFast random = model.random;
        for (Run run : runs) {
            if (run.convertList == null) {
                continue;
            }
            Programme.Restructuring r = run.spec.restructuring();
            for (int i = 0; i < run.convertNext; i++) {
                int d = run.convertList[i];
                if (!dw.converting[d] || dw.occupant[d] >= 0) {
                    continue;
                }
                double u = random.nextDouble();
                byte t = u < r.socialShare() ? Tenure.SOCIAL : u < r.socialShare() + r.privateShare() ? Tenure.PRIVATE
                        : Tenure.OWNER;
                dw.quality[d] = (float) Math.max(dw.quality[d], r.quality());
                double spread = model.scenario().housing().qualityCostSpread();
                dw.baseCost[d] = (float) (model.scenario().housing().baseMonthlyCost()[t]
                        * (1.0 + spread * (2.0 * dw.quality[d] - 1.0)) * (dw.small[d] ? 0.8 : 1.1));
                dw.rebuild(d, t);
                // demolition and new build are the housing corporation's, outside the programme budget
                run.spent[CostLedger.HOUSING_CORPORATION] += r.costPerDwelling();
            }
        }
    }

    /** Housing theme: the dwellings of the targets improve a little every month, up to quality 1. */
    private void renovate() {
        PolicyEffects fx = model.effects();
        boolean any = false;
        for (double q : fx.qualityMonthly) {
            any |= q > 0;
        }
        if (!any) {
            return;
        }
        Dwellings dw = model.dwellings();
        for (int d = 0; d < dw.count; d++) {
            double q = fx.qualityMonthly[dw.neighbourhood[d]];
            if (q > 0) {
                dw.quality[d] = (float) Math.min(1.0, dw.quality[d] + q);
            }
        }
    }
}
