package org.wijklab.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wijklab.scenario.Overrides;
import org.wijklab.scenario.Scenario;
import sim.util.Interval;

/**
 * The Model tab: the scenario's main parameters with their ranges (MASON's {@code dom} methods).
 * Changes apply when the model is started again (stop, then play); the colouring applies at once.
 * The programme's parameters are those of the scenario's first programme (none without one). In
 * the teaching mode the seed, size and years apply to both cities, and a programme value that was
 * changed to each city's own first programme; values left alone keep each scenario's own.
 */
public final class ModelSettings {
    private final WijkLabGui gui;
    private Scenario base;
    private Scenario second;
    private long seed;
    private int residents;
    private int years;
    private int warmUpYears;
    private double budget;
    private double duration;
    private int teamArea;
    private double proximity;
    private boolean bestPersons;
    /** Which programme values the user changed (bits: budget, duration, team area, proximity, best persons): only those are applied. */
    private int changed;

    ModelSettings(WijkLabGui gui, Scenario scenario) {
        this.gui = gui;
        reset(scenario);
    }

    /** The teaching mode's second city. */
    void second(Scenario s) {
        second = s;
        if (base.programmes().isEmpty() && !s.programmes().isEmpty()) {
            programmeValues(s);
        }
    }

    /** Takes all values from a scenario (a newly loaded file). */
    void reset(Scenario s) {
        base = s;
        seed = s.seed();
        residents = s.city().residents();
        years = s.years();
        warmUpYears = s.warmUpYears();
        if (!s.programmes().isEmpty()) {
            programmeValues(s);
        }
    }

    private void programmeValues(Scenario s) {
        changed = 0;
        var p = s.programmes().get(0);
        budget = p.yearlyBudget();
        duration = p.durationYears();
        teamArea = p.team() == null ? 15000 : p.team().areaResidents();
        proximity = p.team() == null ? 0.7 : p.team().proximity();
        bestPersons = p.bestPersons() != null && p.bestPersons().roomToAct() > 0;
    }

    /** The scenarios with this tab's values (one, or two in the teaching mode). */
    Scenario[] scenarios() {
        return second == null ? new Scenario[] {apply(base)} : new Scenario[] {apply(base), apply(second)};
    }

    /** A scenario with this tab's values; a value the scenario refuses is one ScenarioException. */
    private Scenario apply(Scenario from) {
        Scenario s = from.withSeed(seed).withResidents(residents).withYears(years).withWarmUpYears(warmUpYears)
                .withMovesLog(false);
        if (s.programmes().isEmpty()) {
            // other residents or years may not fit the scenario (a neighbourhood's share, a cohort year)
            return s.validate();
        }
        List<String> set = new ArrayList<>();
        if ((changed & 1) != 0) {
            set.add(String.format(Locale.ROOT, "programmes[0].yearlyBudget=%s", budget));
        }
        if ((changed & 2) != 0) {
            set.add(String.format(Locale.ROOT, "programmes[0].durationYears=%s", duration));
        }
        if (s.programmes().get(0).team() != null) {
            if ((changed & 4) != 0) {
                set.add("programmes[0].team.areaResidents=" + teamArea);
            }
            if ((changed & 8) != 0) {
                set.add(String.format(Locale.ROOT, "programmes[0].team.proximity=%s", proximity));
            }
        }
        if (s.programmes().get(0).bestPersons() != null && (changed & 16) != 0) {
            set.add("programmes[0].bestPersons.roomToAct=" + (bestPersons ? 0.5 : 0));
        }
        return Overrides.parse(set).apply(s).validate();
    }

    public String getScenario() {
        return second == null ? base.name() : base.name() + " and " + second.name();
    }

    public int getColourBy() {
        return gui.layer().ordinal();
    }

    public void setColourBy(int k) {
        if (k >= 0 && k < Layer.values().length) {
            gui.setLayer(Layer.values()[k]);
        }
    }

    public Object domColourBy() {
        Layer[] all = Layer.values();
        String[] names = new String[all.length];
        for (int k = 0; k < all.length; k++) {
            names[k] = all[k].label;
        }
        return names;
    }

    public long getSeed() {
        return seed;
    }

    public void setSeed(long v) {
        seed = v;
    }

    public int getResidents() {
        return residents;
    }

    public void setResidents(int v) {
        residents = v;
    }

    public Object domResidents() {
        return new Interval(2000L, 1_000_000L);
    }

    public int getYears() {
        return years;
    }

    public void setYears(int v) {
        years = v;
    }

    public Object domYears() {
        return new Interval(1L, 60L);
    }

    public int getWarmUpYears() {
        return warmUpYears;
    }

    public void setWarmUpYears(int v) {
        warmUpYears = v;
    }

    public Object domWarmUpYears() {
        return new Interval(0L, 40L);
    }

    public double getProgrammeYearlyBudget() {
        return budget;
    }

    public void setProgrammeYearlyBudget(double v) {
        budget = v;
        changed |= 1;
    }

    public Object domProgrammeYearlyBudget() {
        return new Interval(0.0, 20_000_000.0);
    }

    public double getProgrammeDurationYears() {
        return duration;
    }

    public void setProgrammeDurationYears(double v) {
        duration = v;
        changed |= 2;
    }

    public Object domProgrammeDurationYears() {
        return new Interval(1.0, 20.0);
    }

    public int getTeamAreaResidents() {
        return teamArea;
    }

    public void setTeamAreaResidents(int v) {
        teamArea = v;
        changed |= 4;
    }

    public Object domTeamAreaResidents() {
        return new Interval(2500L, 100_000L);
    }

    public double getTeamProximity() {
        return proximity;
    }

    public void setTeamProximity(double v) {
        proximity = v;
        changed |= 8;
    }

    public Object domTeamProximity() {
        return new Interval(0.0, 1.0);
    }

    public boolean getBestPersons() {
        return bestPersons;
    }

    public void setBestPersons(boolean v) {
        bestPersons = v;
        changed |= 16;
    }
}
