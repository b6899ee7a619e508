package org.wijklab.model;

import java.util.ArrayList;
import java.util.List;
import org.wijklab.policy.Programmes;
import org.wijklab.process.Community;
import org.wijklab.process.Demography;
import org.wijklab.process.Economy;
import org.wijklab.process.HousingMarket;
import org.wijklab.process.LabourMarket;
import org.wijklab.process.Liveability;
import org.wijklab.process.Observation;
import org.wijklab.process.Region;
import org.wijklab.process.Problems;
import org.wijklab.process.Stock;
import org.wijklab.scenario.Scenario;
import sim.engine.SimState;
import sim.field.grid.IntGrid2D;

/**
 * The WijkLab model: one city, one month per tick. A tick runs one Steppable per process at
 * fixed orderings, each looping over the state arrays:
 * <ol start="0">
 * <li>economy: the business cycle and shocks set the labour market's multipliers;</li>
 * <li>programmes: budgets become effects on target neighbourhoods; teams, best persons,
 * initiatives, restructuring and allocation rules;</li>
 * <li>region: the households followed after they left the city age, work and fall ill or recover
 * at the region's rates (from a stream of its own);</li>
 * <li>demography: deaths, births, children leaving home, separations, singles moving in together,
 * retirement;</li>
 * <li>labour market: job loss and finding, city-wide; incomes follow;</li>
 * <li>problems and services: debts, youth problems and mental health arise and escalate; teams
 * find and treat them; escalations are costed;</li>
 * <li>community: cohesion and safety per neighbourhood;</li>
 * <li>stock: facilities follow purchasing power; dwellings depreciate, are maintained, renovated,
 * demolished and built by who owns them;</li>
 * <li>housing market: moving desire, search among vacancies, vacancy chains, the regional stream;</li>
 * <li>liveability: components, score, class, reputation and rank;</li>
 * <li>observation: statistics per neighbourhood, then the tick listeners (output writers).</li>
 * </ol>
 * Every random draw comes from {@link #random}, seeded from the scenario, or from the streams of
 * the household blocks ({@link Blocks}), seeded from it at set-up; the model never looks at the
 * clock and never touches the GUI, so a run is a function of scenario and seed, whatever the
 * number of threads it is stepped on.
 *
 * <p>The model is serialisable between two steps (MASON's checkpoints, and the run's checkpoints
 * in {@code experiment.Checkpoint}): its state, its processes, its schedule and its random streams,
 * with the tick and move listeners, which must then be serialisable too; thread pools are not
 * serialised.
 */
public final class WijkLabModel extends SimState {
    private static final long serialVersionUID = 1L;

    public static final int ORDER_ECONOMY = 0;
    public static final int ORDER_PROGRAMMES = 1;
    public static final int ORDER_REGION = 2;
    public static final int ORDER_DEMOGRAPHY = 3;
    public static final int ORDER_LABOUR = 4;
    public static final int ORDER_PROBLEMS = 5;
    public static final int ORDER_COMMUNITY = 6;
    public static final int ORDER_STOCK = 7;
    public static final int ORDER_HOUSING = 8;
    public static final int ORDER_LIVEABILITY = 9;
    public static final int ORDER_OBSERVATION = 10;

    /** The run's scenario; after a shared warm-up, the run's own ({@link #continueAs}). */
    private Scenario scenario;
    private final List<TickListener> listeners = new ArrayList<>();
    /** Where moves are reported; null for nowhere (a lambda constant would not serialise). */
    private MoveListener moveListener;

    private Households households;
    private Dwellings dwellings;
    private Neighbourhoods neighbourhoods;
    private final Pending pending = new Pending();
    private final Ledger ledger = new Ledger();
    private Persons persons;
    private RegionHouseholds region;
    private RegionPlaces regionPlaces;
    private IntGrid2D map;

    /** Multipliers on job loss and job finding set by the economy this tick. */
    public double jobLossMultiplier = 1.0;
    public double jobFindingMultiplier = 1.0;
    /** City-wide employment rate of working-age adults at the last observation. */
    public double cityEmploymentRate = 0.65;
    /** The economy's wage level: 1 at set-up, raised each January by {@code labour.wageGrowth}. */
    public double wageLevel = 1.0;
    /** Cumulative share of households below each income bin (bins of {@link #INCOME_BIN} euro). */
    public static final double INCOME_BIN = 500.0;
    private final double[] incomeCdf = new double[400];

    private PolicyEffects effects;
    private Professionals professionals;
    private Help help;
    private CostLedger costs;
    private Programmes programmes;
    private Economy economy;
    private Region regionProcess;
    private Demography demography;
    private LabourMarket labourMarket;
    private Problems problems;
    private Community community;
    private Stock stock;
    private HousingMarket housingMarket;
    private Liveability liveability;
    private Observation observation;
    private int threads = 1;
    private Blocks blocks;

    public WijkLabModel(Scenario scenario) {
        super(scenario.seed());
        this.scenario = scenario;
    }

    public void addTickListener(TickListener l) {
        listeners.add(l);
    }

    public void setMoveListener(MoveListener l) {
        moveListener = l == MoveListener.NONE ? null : l;
    }

    /**
     * Threads one run may use to step its household blocks (default 1). The outputs are the same
     * bytes whatever the number: see {@link Blocks}. Set it before {@link #start()}, or after a
     * restore from a checkpoint (the thread pools are not serialised and start again when needed).
     */
    public void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + n);
        }
        threads = n;
        if (blocks != null) {
            blocks.setThreads(n);
        }
    }

    /** The household slots in blocks, each with its own random stream. */
    public Blocks blocks() {
        return blocks;
    }

    @Override
    public void start() {
        super.start();
        economy = new Economy(this);
        programmes = new Programmes(this);
        regionProcess = new Region(this);
        persons = new Persons(scenario.city().residents() + scenario.city().residents() / 4);
        region = new RegionHouseholds(1024);
        pending.clear();
        demography = new Demography(this);
        labourMarket = new LabourMarket(this);
        problems = new Problems(this);
        community = new Community(this);
        stock = new Stock(this);
        housingMarket = new HousingMarket(this);
        liveability = new Liveability(this);
        observation = new Observation(this);

        new CityGenerator(this).generate();
        if (blocks != null) {
            blocks.close();
        }
        blocks = new Blocks(households.capacity, random, threads);
        tiesTable = null;
        ties(0);
        experienceTable = experienceTable(scenario.labour());
        effects = new PolicyEffects(neighbourhoods.count);
        professionals = new Professionals(neighbourhoods.count);
        help = new Help(scenario.programmes().size(), scenario.ticks());
        costs = new CostLedger(neighbourhoods.count);
        int setUp = tick();
        observation.computeStatistics(setUp);
        community.initialise();
        liveability.update(true);
        observation.computeStatistics(setUp);
        if (setUp == 0) {
            notifyListeners(0);
        }

        schedule.scheduleRepeating(1.0, ORDER_ECONOMY, economy, 1.0);
        schedule.scheduleRepeating(1.0, ORDER_PROGRAMMES, new ProgrammesStep(this), 1.0);
        schedule.scheduleRepeating(1.0, ORDER_REGION, regionProcess, 1.0);
        schedule.scheduleRepeating(1.0, ORDER_DEMOGRAPHY, demography, 1.0);
        schedule.scheduleRepeating(1.0, ORDER_LABOUR, labourMarket, 1.0);
        schedule.scheduleRepeating(1.0, ORDER_PROBLEMS, problems, 1.0);
        schedule.scheduleRepeating(1.0, ORDER_COMMUNITY, community, 1.0);
        schedule.scheduleRepeating(1.0, ORDER_STOCK, stock, 1.0);
        schedule.scheduleRepeating(1.0, ORDER_HOUSING, housingMarket, 1.0);
        schedule.scheduleRepeating(1.0, ORDER_LIVEABILITY, liveability, 1.0);
        schedule.scheduleRepeating(1.0, ORDER_OBSERVATION, observation, 1.0);
    }

    @Override
    public void finish() {
        super.finish();
        if (blocks != null) {
            blocks.close();
        }
    }

    /** Runs the scenario's whole horizon headless: start, every tick, finish. */
    public void runToEnd() {
        start();
        stepToEnd();
    }

    /** Steps a started model to the end of its horizon and finishes it. */
    public void stepToEnd() {
        int ticks = scenario.ticks();
        while (tick() < ticks) {
            if (!schedule.step(this)) {
                break;
            }
        }
        finish();
    }

    /** The tick of the warm-up's last month that a settled city is kept at (see {@link #continueAs}). */
    public static final int SETTLED_TICK = -1;

    /** Steps a started model with a warm-up to {@link #SETTLED_TICK}, the point a settled city is kept at. */
    public void stepToSettled() {
        if (scenario.warmUpYears() == 0) {
            throw new IllegalStateException("a scenario without a warm-up has no settled city to keep");
        }
        while (tick() < SETTLED_TICK) {
            if (!schedule.step(this)) {
                throw new IllegalStateException("the schedule ended in the warm-up");
            }
        }
    }

    /**
     * Gives a model stepped to {@link #SETTLED_TICK} (by itself, or restored from a kept settled
     * city) the scenario of the run that goes on from there. The warm-up reads only the parts of a
     * scenario that its key names ({@code experiment.WarmUpCache#key}), so the run's scenario may
     * differ from the one the city was settled with in everything else: its name, its years, its
     * programmes, their policy parameters, its crises (which start at year 0 or later) and its
     * outputs. Nothing of those has acted yet: the programmes (which do nothing before tick 1) and
     * the help records are made anew from the run's scenario. Listeners are attached afterwards
     * (none is told anything before tick 0).
     */
    public void continueAs(Scenario run) {
        if (tick() != SETTLED_TICK) {
            throw new IllegalStateException("a run continues from the settled city at tick " + SETTLED_TICK
                    + ", not at tick " + tick());
        }
        if (!listeners.isEmpty() || moveListener != null) {
            throw new IllegalStateException("listeners are attached after the settled city is given its run");
        }
        if (run.seed() != scenario.seed() || run.warmUpYears() != scenario.warmUpYears()) {
            throw new IllegalStateException("the run's seed and warm-up are not the settled city's");
        }
        scenario = run;
        programmes = new Programmes(this);
        help = new Help(run.programmes().size(), run.ticks());
    }

    /**
     * The programmes' place in the schedule: it steps the model's programmes of the moment, which
     * {@link #continueAs} makes anew for the run's scenario.
     */
    private static final class ProgrammesStep implements sim.engine.Steppable {
        private static final long serialVersionUID = 1L;
        private final WijkLabModel model;

        ProgrammesStep(WijkLabModel model) {
            this.model = model;
        }

        @Override
        public void step(SimState state) {
            model.programmes.step(state);
        }
    }

    /** Ends a warm-up month: this month's counters are dropped, nothing is written. */
    public void discardTick() {
        neighbourhoods.resetEvents();
        regionPlaces.resetEvents();
        ledger.resetTick();
        costs.reset();
    }

    public void notifyListeners(int tick) {
        followPanel(tick);
        for (TickListener l : listeners) {
            l.onTick(this, tick);
        }
        neighbourhoods.resetEvents();
        regionPlaces.resetEvents();
        ledger.resetTick();
        costs.reset();
    }

    /**
     * Whom the run follows after they leave the city, decided by the scenario alone: the residents
     * at tick 0 until the last tick (the whole run is one period of the erosion decomposition), the
     * residents at the start of each regular period ({@code output.decompositionYears}) until its
     * end, the residents at each later year of {@code output.cohortYears} until the last tick (the
     * neighbourhoods' cohorts of {@code origins.csv}, which every run follows, so that a run without
     * a programme follows the persons a programme's run compares with), and (see
     * {@code Programmes}) each programme's cohort until the last tick. Called at every recorded
     * tick, before the listeners read the state. The region draws from a stream of its own, so
     * following more persons there changes nothing in the city.
     */
    private void followPanel(int tick) {
        int last = scenario.ticks();
        int period = 12 * scenario.output().decompositionYears();
        if (tick == 0) {
            persons.pinCity(last);
        } else if (tick % period == 0 && tick < last) {
            persons.pinCity(Math.min(tick + period, last));
        }
        if (tick > 0 && tick % 12 == 0) {
            for (int y : scenario.output().cohortYears()) {
                if (12 * y == tick) {
                    persons.pinCity(last);
                }
            }
        }
    }

    /**
     * The current tick in months: 0 is the start of the recorded run, negative ticks are the
     * warm-up (set-up happens at minus the warm-up's length).
     */
    public int tick() {
        double t = schedule.getTime();
        int warmUp = 12 * scenario.warmUpYears();
        return (t < 1.0 ? 0 : (int) t) - warmUp;
    }

    public Scenario scenario() {
        return scenario;
    }

    public Households households() {
        return households;
    }

    public Dwellings dwellings() {
        return dwellings;
    }

    public Neighbourhoods neighbourhoods() {
        return neighbourhoods;
    }

    public Pending pending() {
        return pending;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Every person the run follows, in the city, in the region or (while needed) dead. */
    public Persons persons() {
        return persons;
    }

    /** The households followed in the region outside the city. */
    public RegionHouseholds region() {
        return region;
    }

    /** The region's process, which also takes in the persons leaving the city. */
    public Region regionProcess() {
        return regionProcess;
    }

    /** Creates the persons of a newly allocated household: its adults and its children. */
    public void addPersons(int slot, byte how) {
        Households h = households;
        for (int a = 0; a < h.adults[slot]; a++) {
            h.adultPerson[2 * slot + a] = persons.create(how, slot);
        }
        // (the caller gives each adult its own state and places it: Households#placeAdult)
        int first = -1;
        for (int c = 0; c < h.children[slot]; c++) {
            first = persons.appendChild(first, persons.create(how, slot));
        }
        h.firstChild[slot] = first;
    }

    /** The city map: each cell holds the index of its neighbourhood. */
    public IntGrid2D map() {
        return map;
    }

    /**
     * Where moves are reported. Moves in the warm-up are not reported; with a warm-up, the step
     * that ends at tick 0 is its last month (tick 0 is the recorded start, without events).
     */
    public MoveListener moveListener() {
        int t = tick();
        return moveListener == null || t < 0 || (t == 0 && scenario.warmUpYears() > 0) ? MoveListener.NONE
                : moveListener;
    }

    void install(Households h, Dwellings d, Neighbourhoods n, IntGrid2D grid) {
        households = h;
        dwellings = d;
        neighbourhoods = n;
        map = grid;
        regionPlaces = new RegionPlaces(scenario.region().places(), d.builtCount(), scenario.housing().targetVacancy());
    }

    /** The region's places as housing submarkets. */
    public RegionPlaces regionPlaces() {
        return regionPlaces;
    }

    public double[] incomeCdf() {
        return incomeCdf;
    }

    /** Share of households with a lower income (from the last observation), in [0, 1]. */
    public double incomeRank(double income) {
        int bin = (int) (income / INCOME_BIN);
        if (bin < 0) {
            return 0.0;
        }
        if (bin >= incomeCdf.length) {
            return 1.0;
        }
        return incomeCdf[bin];
    }

    /** Local ties by months lived in the neighbourhood, 1 - exp(-months / (12 * tiesYears)), tabulated. */
    private double[] tiesTable;

    /** How settled a household is after this many months in its neighbourhood, in [0, 1). */
    public double ties(int monthsLived) {
        if (tiesTable == null) {
            tiesTable = new double[12 * 120 + 1];
            double scale = 12.0 * scenario.community().tiesYears();
            for (int m = 0; m < tiesTable.length; m++) {
                tiesTable[m] = 1.0 - StrictMath.exp(-m / scale);
            }
        }
        return tiesTable[Math.max(0, Math.min(monthsLived, tiesTable.length - 1))];
    }

    /**
     * A household's local ties at a tick: {@link #ties(int)} of its months in its neighbourhood plus
     * the whole months of acquaintance the integration theme gave it there since it moved in
     * (the neighbourhood's {@link Neighbourhoods#tieClock} since the household's
     * {@link Households#tieStart}).
     */
    public double ties(int slot, int tick) {
        Households h = households;
        int months = tick - h.moveInTick[slot];
        double extra = neighbourhoods.tieClock[h.hood[slot]] - h.tieStart[slot];
        return ties(extra >= 1.0 ? months + (int) extra : months);
    }

    /**
     * Person p's own yearly wage at a tick, in work or not (what it would earn): the economy's wage
     * level, its education's wage, its own earnings factor, its work experience and its skill from
     * activation (policy.help.skillWage). Pay is revalued
     * once a year (the first month of each year, when the wage level rises) and when the person's
     * status changes: experience counts up to the later of the two.
     */
    public double wage(int p, boolean working, int tick) {
        Scenario.Labour lab = scenario.labour();
        int lastRaise = tick - Math.floorMod(tick - 1, 12);
        int counted = Math.max(persons.statusSince[p], Math.min(tick, lastRaise));
        return wageLevel * lab.wageByEducation()[persons.education[p]] * persons.ability[p]
                * experienceFactor(lab, persons.experience(p, working, lab.experienceLoss(), counted))
                * (1.0 + scenario.policy().help().skillWage() * persons.skill[p]);
    }

    /**
     * {@link Scenario.Labour#experienceFactor} by half months of experience, 70 years, made once
     * with the very call, so a value from it is the same double. A person in work has whole months;
     * out of work it loses {@code labour.experienceLoss} a month (0.5 by default), which keeps it on
     * half months; other losses fall between the entries and are computed.
     */
    private double[] experienceTable;

    private static double[] experienceTable(Scenario.Labour lab) {
        double[] t = new double[2 * 12 * 70];
        for (int k = 0; k < t.length; k++) {
            t[k] = lab.experienceFactor(k * 0.5);
        }
        return t;
    }

    /** The experience factor of so many months: from the table for half months within it, else computed. */
    double experienceFactor(Scenario.Labour lab, double months) {
        double[] t = experienceTable;
        double halves = months * 2.0;
        int k = (int) halves;
        return t != null && k == halves && k >= 0 && k < t.length ? t[k] : lab.experienceFactor(months);
    }

    /**
     * Recomputes a household's yearly disposable income from its persons' own incomes
     * ({@link IncomeRules}), how many of its working-age adults live on a benefit, and the next
     * tick its income changes by itself (an adult's WW steps down or runs out).
     */
    public void updateIncome(int slot) {
        income(slot, true);
    }

    /** The income the rules give a household now, from its persons' state (what {@link #updateIncome} sets; nothing written). */
    public double incomeRule(int slot) {
        return income(slot, false);
    }

    private double income(int slot, boolean write) {
        Households h = households;
        Scenario.Labour lab = scenario.labour();
        int tick = tick();
        int adults = h.adults[slot];
        double own = 0;
        int workingAge = 0;
        int benefits = 0;
        int notWorking = 0;
        int next = Households.NO_CHANGE;
        for (int a = 0; a < adults; a++) {
            int k = 2 * slot + a;
            int p = h.adultPerson[k];
            byte st = h.status[k];
            boolean working = st == Households.EMPLOYED;
            byte source = IncomeRules.source(st, h.mental[k], persons.experienceMonths[p], persons.wwUntil[p], tick);
            double w = source == IncomeRules.WAGE || source == IncomeRules.DISABILITY ? wage(p, working, tick) : 0.0;
            own += IncomeRules.own(lab, source, w, persons.wwFrom[p], persons.wwBase[p], tick);
            if (st != Households.RETIRED) {
                workingAge++;
                if (source == IncomeRules.WW || source == IncomeRules.DISABILITY) {
                    benefits++;
                } else if (!working) {
                    notWorking++;
                }
            }
            if (source == IncomeRules.WW) {
                next = IncomeRules.nextWwChange(next, persons.wwFrom[p], persons.wwUntil[p], tick);
            }
        }
        boolean assisted = IncomeRules.topUp(lab, own, workingAge, adults) > 0;
        if (assisted) {
            // social assistance: every working-age adult without work or a benefit of its own lives on it
            benefits += notWorking;
        }
        double income = IncomeRules.household(lab, own, workingAge, adults, h.children[slot]);
        if (write) {
            h.income[slot] = (float) income;
            h.onBenefit[slot] = (byte) benefits;
            h.assisted[slot] = assisted;
            h.incomeChange[slot] = next;
        }
        return income;
    }

    /** The yearly income person p would have living alone with this status and health (what a starter or a separated partner searches with). */
    public double incomeAlone(int p, byte status, byte mental) {
        Scenario.Labour lab = scenario.labour();
        int tick = tick();
        byte source = IncomeRules.source(status, mental, persons.experienceMonths[p], persons.wwUntil[p], tick);
        double w = source == IncomeRules.WAGE || source == IncomeRules.DISABILITY
                ? wage(p, status == Households.EMPLOYED, tick) : 0.0;
        double own = IncomeRules.own(lab, source, w, persons.wwFrom[p], persons.wwBase[p], tick);
        return IncomeRules.household(lab, own, status == Households.RETIRED ? 0 : 1, 1, 0);
    }

    /**
     * Adult position k changes labour status at this tick: the person's experience spell closes, a
     * job loss starts WW (for as long as its work history entitles it to), any other change out of
     * unemployment ends it. The caller updates the income.
     */
    public void changeStatus(int k, byte to) {
        Households h = households;
        personStatusChange(h.adultPerson[k], h.status[k], to);
        h.status[k] = to;
    }

    /** Person p (in the city or the region; -1 for an adult the run does not follow) changes labour status from {@code from} to {@code to}: see {@link #changeStatus}. */
    public void personStatusChange(int p, byte from, byte to) {
        if (p < 0) {
            return;
        }
        Scenario.Labour lab = scenario.labour();
        int tick = tick();
        boolean wasWorking = from == Households.EMPLOYED;
        if (wasWorking && to == Households.UNEMPLOYED) {
            double experience = persons.experience(p, true, lab.experienceLoss(), tick);
            int months = lab.wwMonths(experience, scenario.demography().year(tick));
            if (months > 0) {
                persons.wwBase[p] = (float) wage(p, true, tick);
                persons.wwFrom[p] = Persons.month(tick);
                persons.wwUntil[p] = Persons.month(tick + months);
            }
        } else if (from == Households.UNEMPLOYED) {
            persons.wwUntil[p] = Persons.NO_WW;
        }
        persons.statusChanged(p, wasWorking, lab.experienceLoss(), tick);
    }

    /** Puts a household into a vacant dwelling (its old one, if any, becomes vacant: a vacancy chain). */
    public void moveInto(int slot, int d, int tick) {
        Households h = households;
        int old = h.dwelling[slot];
        if (old >= 0) {
            dwellings.vacate(old);
        }
        dwellings.occupy(d, slot);
        h.dwelling[slot] = d;
        h.hood[slot] = dwellings.neighbourhood[d];
        h.tenure[slot] = dwellings.tenure[d];
        h.moveInTick[slot] = Persons.month(tick);
        h.tieStart[slot] = (float) neighbourhoods.tieClock[h.hood[slot]];
        h.incomeAtMoveIn[slot] = h.income[slot];
        h.housingCost[slot] = (float) askingCost(d);
        h.searchSince[slot] = Households.NOT_SEARCHING;
        h.forced[slot] = 0;
    }

    /** The monthly cost a newcomer pays for a dwelling now (market tenures follow price levels). */
    public double askingCost(int d) {
        return askingCost(d, dwellings.neighbourhood[d], dwellings.tenure[d]);
    }

    /** {@link #askingCost(int)} of dwelling d, which lies in neighbourhood j and is of tenure t (the caller knows them). */
    public double askingCost(int d, int j, int t) {
        return dwellings.baseCost[d] * neighbourhoods.priceLevel[j][t];
    }

    /**
     * A household leaves the city for place {@code place} of the region: its dwelling becomes vacant,
     * its members are counted out, and the region follows it there.
     */
    public void leaveCity(int slot, MoveReason reason, int tick, int place) {
        Households h = households;
        int d = h.dwelling[slot];
        int nb = dwellings.neighbourhood[d];
        moveListener().onMove(tick, h.id[slot], nb, -1, reason, h.employed(slot), h.income[slot]);
        neighbourhoods.outMigrants[nb]++;
        neighbourhoods.movesOut[nb]++;
        neighbourhoods.countMove(nb, -1, h.forced[slot] == Households.FORCED_RENEWAL);
        regionPlaces.movedTo[place]++;
        ledger.personsOut(h.persons(slot));
        ledger.left();
        dwellings.vacate(d);
        regionProcess.admitHousehold(h, slot, tick, place);
        h.release(slot, Households.FATE_LEFT);
    }

    /**
     * The last adult died (its person already marked dead): the household ends; children, if any,
     * leave the city for relatives in the region.
     */
    public void dissolve(int slot) {
        Households h = households;
        dwellings.vacate(h.dwelling[slot]);
        if (h.children[slot] > 0) {
            ledger.personsOut(h.children[slot]);
        }
        ledger.dissolved();
        regionProcess.admitOrphans(h, slot, tick());
        h.release(slot, Households.FATE_DISSOLVED);
    }

    /**
     * Two single-adult households move in together: the second one's adult and children join the
     * first household and its dwelling becomes vacant; the second household ends (a move within
     * the city for moves.csv and the move counters; for the household accounts it is dissolved,
     * and nobody leaves the city).
     */
    public void merge(int into, int from) {
        Households h = households;
        int tick = tick();
        int fromHood = dwellings.neighbourhood[h.dwelling[from]];
        int toHood = dwellings.neighbourhood[h.dwelling[into]];
        moveListener().onMove(tick, h.id[from], fromHood, toHood, MoveReason.PARTNERED, h.employed(from), h.income[from]);
        neighbourhoods.movesOut[fromHood]++;
        neighbourhoods.movesIn[toHood]++;
        neighbourhoods.countMove(fromHood, toHood, false);
        ledger.movedWithin();
        // the persons move with them: the adult (with its own state) into the second position, the children into the list
        h.moveAdult(2 * from, 2 * into + 1);
        h.adults[into] = 2;
        int partner = h.adultPerson[2 * into + 1];
        persons.household[partner] = into;
        for (int c = h.firstChild[from]; c >= 0;) {
            int next = persons.nextChild[c];
            persons.household[c] = into;
            // its waiting in the pending pool ends with the household it waited in
            persons.pending[c] = false;
            h.firstChild[into] = persons.appendChild(h.firstChild[into], c);
            c = next;
        }
        h.firstChild[from] = -1;
        h.children[into] = (byte) Math.min(Byte.MAX_VALUE, h.children[into] + h.children[from]);
        h.debt[into] = (byte) Math.max(h.debt[into], h.debt[from]);
        h.youth[into] = (byte) Math.max(h.youth[into], h.youth[from]);
        updateIncome(into);
        dwellings.vacate(h.dwelling[from]);
        ledger.dissolved();
        h.release(from, Households.FATE_MERGED);
    }

    /**
     * The person of pending entry i (a child waiting to leave home, or the partner after a
     * separation) starts a household of its own in vacant dwelling d, with the entry's state; the
     * parent household loses it. Returns the new household's slot.
     */
    public int formHousehold(int parent, int i, int d, int tick) {
        Households h = households;
        boolean starter = pending.kind[i] == Pending.STARTER;
        int who = leaver(parent, i, starter);
        int slot = h.allocate(Households.ORIGIN_FORMED);
        h.adults[slot] = 1;
        h.children[slot] = 0;
        h.placeAdult(slot, 0, who, persons);
        h.status[2 * slot] = pending.status[i];
        h.mental[2 * slot] = pending.mental[i];
        h.status[2 * slot + 1] = Households.INACTIVE;
        h.mental[2 * slot + 1] = Households.GOOD;
        persons.household[who] = slot;
        updateIncome(slot);
        moveInto(slot, d, tick);
        leaveParent(parent, starter);
        return slot;
    }

    /** The person of pending entry i leaves the parent household for place {@code place} of the region. */
    public void leaveForRegion(int parent, int i, int tick, int place) {
        int who = leaver(parent, i, pending.kind[i] == Pending.STARTER);
        leaveParent(parent, pending.kind[i] == Pending.STARTER);
        regionPlaces.movedTo[place]++;
        regionProcess.admitPerson(who, pending.status[i], pending.mental[i], tick, place);
    }

    /**
     * The person of pending entry i leaves the parent household's records: the waiting child (out of
     * the children's list) or the partner in the second adult position. Returns its person slot.
     */
    private int leaver(int parent, int i, boolean starter) {
        Households h = households;
        int who;
        if (starter) {
            who = pending.person[i];
            h.firstChild[parent] = persons.removeChild(h.firstChild[parent], who);
            persons.pending[who] = false;
        } else {
            who = h.adultPerson[2 * parent + 1];
            h.adultPerson[2 * parent + 1] = -1;
        }
        return who;
    }

    /** The parent household after a member left from the pending pool: one child or the second adult fewer. */
    private void leaveParent(int parent, boolean starter) {
        Households h = households;
        if (starter) {
            h.children[parent]--;
        } else {
            h.adults[parent] = 1;
        }
        h.leaving[parent] = (byte) Math.max(0, h.leaving[parent] - 1);
        updateIncome(parent);
    }

    /** What the programmes do to each neighbourhood this month. */
    public PolicyEffects effects() {
        return effects;
    }

    /** The programmes' professionals and the cases they hold. */
    public Professionals professionals() {
        return professionals;
    }

    public CostLedger costs() {
        return costs;
    }

    /** Who the programmes helped, by programme and form (the per-person records are in {@link #persons()}). */
    public Help help() {
        return help;
    }

    public Programmes programmes() {
        return programmes;
    }

    public Economy economy() {
        return economy;
    }

    public Observation observation() {
        return observation;
    }

    /** The process Steppables as scheduled (for benchmarks of one process alone). */
    public Demography demography() {
        return demography;
    }

    public LabourMarket labourMarket() {
        return labourMarket;
    }

    public Problems problems() {
        return problems;
    }

    public Community community() {
        return community;
    }

    public Stock stock() {
        return stock;
    }

    public HousingMarket housingMarket() {
        return housingMarket;
    }

    public Liveability liveability() {
        return liveability;
    }
}
