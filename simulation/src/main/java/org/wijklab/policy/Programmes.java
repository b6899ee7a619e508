package org.wijklab.policy;

import java.util.ArrayList;
import java.util.List;
import org.wijklab.model.PolicyEffects;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Policy;
import org.wijklab.scenario.Programme;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The programmes, monthly (ordering 1, after the economy): each programme, while it runs, turns
 * its budget into effects on its target neighbourhoods ({@link PolicyEffects}), pays its team,
 * restructures stock and applies its allocation rule; best persons and resident initiatives outlast
 * the programme. Processes read the effects; this step changes no household directly except by
 * marking dwellings for restructuring and moving their tenants out, and by giving persons places.
 *
 * <p>This class is the one step of the policy layer: it keeps each programme's state ({@link Run})
 * and calls the mechanisms, each in its own class, in a fixed order (docs/ODD.md §7.2):
 * <ul>
 *   <li>{@link Targets}: the start, the targets chosen and the cohort followed;</li>
 *   <li>{@link BestPersons}: residents who wrote the plan or emerge, their energy, rest, stopping and moving;</li>
 *   <li>{@link Initiatives}: resident initiatives, their founding, members and end;</li>
 *   <li>{@link Restructuring}: marking social dwellings and rebuilding them once vacated;</li>
 *   <li>{@link Places}: the work and health themes' activation and treatment places (§7.13);</li>
 *   <li>{@link PlaceThemes}: housing, learning, integration and safety, and the renovation;</li>
 *   <li>{@link Team}: the neighbourhood teams, their professionals and staff turnover.</li>
 * </ul>
 * Spending (what the funders pay for, {@link Funding}) and allocation (the income floor of the targets' social
 * vacancies) are a line each and stay here. Best persons, initiatives, restructuring (the order of
 * its list, the tenure of a rebuilt dwelling) and places draw random numbers, all from the model's
 * stream, in the order of {@link #step}: changing that order changes every run.
 */
public final class Programmes implements Steppable {
    private static final long serialVersionUID = 1L;

    /** Best-person status per target (the values of {@link Run#bpStatus}). */
    public static final byte BP_NONE = BestPersons.NONE;
    public static final byte BP_ACTIVE = BestPersons.ACTIVE;
    public static final byte BP_EXHAUSTED = BestPersons.EXHAUSTED;
    public static final byte BP_LEFT = BestPersons.LEFT;

    /** The themes, in the order of a programme's {@code themes}. */
    static final int HOUSING = 0;
    static final int WORK = 1;
    static final int LEARNING = 2;
    static final int INTEGRATION = 3;
    static final int SAFETY = 4;
    static final int HEALTH = 5;

    private final WijkLabModel model;
    private final List<Run> runs = new ArrayList<>();
    private final Targets targets;
    private final BestPersons bestPersons;
    private final Initiatives initiatives;
    private final Restructuring restructuring;
    private final Places places;
    private final PlaceThemes placeThemes;
    private final Team team;

    /**
     * The state of one programme in this run that the observation and the GUI read: its targets,
     * its best persons and initiatives per neighbourhood, its spending. The state only one mechanism
     * needs (its places, its restructuring list) is kept by that mechanism.
     */
    public static final class Run implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        public final Programme spec;
        /** Its position in the scenario's programmes (the index help is recorded under). */
        public final int index;
        public final int startTick;
        public final int endTick;
        /** Set at the start ({@link Targets}). */
        public int[] targets;
        public boolean[] isTarget;
        /**
         * Per neighbourhood, set at the start ({@link BestPersons}): the summary status (active if any
         * is active, else exhausted if any rests, else left if any was lost), the mean energy of the
         * active ones, and the best persons lost in all.
         */
        public byte[] bpStatus;
        public double[] bpEnergy;
        public int[] bpLeftCount;
        /** Best persons active and resting now, per neighbourhood. */
        public int[] bpActive;
        public int[] bpResting;
        /** Best persons lost, per neighbourhood: their household moved out, they stopped after a rest, they died. */
        public int[] bpLostMoving;
        public int[] bpLostBurnout;
        public int[] bpDied;
        /** The tick of the first rest or loss of a best person per neighbourhood, -1 before. */
        public int[] bpFirstLoss;
        /** Share of the neighbourhood's households within active best persons' networks. */
        public double[] bpReach;
        /** Initiatives running, and their members, per neighbourhood ({@link Initiatives}). */
        public int[] initiatives;
        public int[] initiativeMembers;
        /** Money spent per party since the costs writer last read it (it resets this at each year's end). */
        public final double[] spent = new double[org.wijklab.model.CostLedger.PARTIES];
        /**
         * Money of each party's share left unspent since the costs writer last read it: outside the
         * party's domain when budgets are not pooled, and in the months before its money arrived
         * ({@link Funding}).
         */
        public final double[] unspent = new double[org.wijklab.model.CostLedger.PARTIES];
        /** The programme's own money spent this month over all parties (restructuring not included). */
        public double spentMonth;
        /** The programme's money left unspent this month over all parties ({@link #unspent}'s increase). */
        public double unspentMonth;
        /** Which uses each funder pays for and when its money arrives. */
        final Funding funding;

        Run(Programme spec, int index, Policy.ThemeEffects themes) {
            this.spec = spec;
            this.index = index;
            funding = Funding.plan(spec, themes);
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
            runs.add(new Run(p, runs.size(), model.scenario().policy().themes()));
        }
        targets = new Targets(model);
        bestPersons = new BestPersons(model);
        initiatives = new Initiatives(model);
        restructuring = new Restructuring(model, runs.size());
        places = new Places(model, runs.size());
        placeThemes = new PlaceThemes(model);
        team = new Team(model);
    }

    public List<Run> runs() {
        return runs;
    }

    /** The best persons' roster (for tests). */
    BestPersons bestPersons() {
        return bestPersons;
    }

    /** The initiatives' pool and members (for tests). */
    Initiatives initiatives() {
        return initiatives;
    }

    /**
     * The best persons counted now, read-only (for the display): per roster entry not yet lost,
     * five ints: the person's slot and id, the programme's index, the target it acts in, and the
     * initiative it carries (-1 none). A copy, made on each call.
     */
    public int[] bestPersonRoster() {
        BestPersons b = bestPersons;
        int n = 0;
        for (int e = 0; e < b.count; e++) {
            n += b.gone[e] ? 0 : 1;
        }
        int[] out = new int[5 * n];
        int k = 0;
        for (int e = 0; e < b.count; e++) {
            if (!b.gone[e]) {
                out[k++] = b.slot[e];
                out[k++] = b.id[e];
                out[k++] = b.run[e];
                out[k++] = b.hood[e];
                out[k++] = b.carrying[e];
            }
        }
        return out;
    }

    /** Initiative slots in use so far (open or closed; {@link #initiative} says which are open), for the display. */
    public int initiativeSlots() {
        return initiatives.count;
    }

    /**
     * Open initiative i, read-only (for the display): its neighbourhood, programme, founder (person
     * slot), first month and members this month; null if no initiative is open in slot i.
     */
    public int[] initiative(int i) {
        Initiatives in = initiatives;
        if (i < 0 || i >= in.count || !in.open[i]) {
            return null;
        }
        return new int[] {in.hood[i], in.run[i], in.founder[i], in.start[i], in.members[i]};
    }

    /** The restructuring of the programmes (its lists of marked dwellings). */
    public Restructuring restructuring() {
        return restructuring;
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
            run.spentMonth = 0.0;
            run.unspentMonth = 0.0;
            if (!run.started() && tick > run.startTick) {
                begin(run, tick);
            }
            if (!run.started()) {
                continue;
            }
            boolean active = run.activeAt(tick);
            bestPersons.step(run, active, tick);
            initiatives.step(run, active, tick, bestPersons);
            // rebuilding goes on at its own pace once begun, also after the programme's money stops
            restructuring.mark(run, tick);
            // a place, once taken, runs its course on the money already committed
            places.keep(run, tick);
            if (active) {
                placeThemes.step(run);
                if (run.funding.teamPaid(tick - run.startTick)) {
                    team.step(run);
                }
                places.fill(run, tick);
                spend(run, tick);
                allocate(run);
            } else {
                team.close(run);
            }
        }
        restructuring.rebuild(runs);
        placeThemes.renovate();
        places.fadeSkill(tick);
    }

    /** The start, at the first active tick: targets, best persons, initiatives, cohort, restructuring list. */
    private void begin(Run run, int tick) {
        targets.choose(run);
        bestPersons.begin(run, tick);
        initiatives.begin(run);
        targets.followCohort(run);
        restructuring.begin(run);
    }

    /**
     * Spending: each funder is booked a twelfth of what it pays for a year once its money has
     * arrived, the rest of its share a month as unspent ({@link Funding}).
     */
    private static void spend(Run run, int tick) {
        double before = 0.0;
        for (double u : run.unspent) {
            before += u;
        }
        run.spentMonth = run.funding.book(tick - run.startTick, run.spent, run.unspent);
        double after = 0.0;
        for (double u : run.unspent) {
            after += u;
        }
        run.unspentMonth = after - before;
    }

    /** Allocation: the income floor for newcomers to the targets' social vacancies (the highest holds). */
    private void allocate(Run run) {
        PolicyEffects fx = model.effects();
        for (int j : run.targets) {
            fx.incomeFloor[j] = Math.max(fx.incomeFloor[j], run.spec.allocation().incomeFloor());
        }
    }

    /** Euro a year the run's theme k has in this month of the run (what its funders pay for and has arrived). */
    static double themeBudget(Run run, int k, int tick) {
        return run.funding.theme(k, tick - run.startTick);
    }
}
