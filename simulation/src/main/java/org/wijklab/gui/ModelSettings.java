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
 * The programme's parameters are those of the scenario's first programme (none without one).
 */
public final class ModelSettings {
    private final WijkLabGui gui;
    private Scenario base;
    private long seed;
    private int residents;
    private int years;
    private int warmUpYears;
    private double budget;
    private double duration;
    private int teamArea;
    private double proximity;
    private boolean bestPersons;

    ModelSettings(WijkLabGui gui, Scenario scenario) {
        this.gui = gui;
        reset(scenario);
    }

    /** Takes all values from a scenario (a newly loaded file). */
    void reset(Scenario s) {
        base = s;
        seed = s.seed();
        residents = s.city().residents();
        years = s.years();
        warmUpYears = s.warmUpYears();
        if (!s.programmes().isEmpty()) {
            var p = s.programmes().get(0);
            budget = p.yearlyBudget();
            duration = p.durationYears();
            teamArea = p.team() == null ? 15000 : p.team().areaResidents();
            proximity = p.team() == null ? 0.7 : p.team().proximity();
            bestPersons = p.bestPersons() != null && p.bestPersons().present();
        }
    }

    /** The scenario with this tab's values; a value the scenario refuses is one ScenarioException. */
    Scenario scenario() {
        Scenario s = base.withSeed(seed).withResidents(residents).withYears(years).withWarmUpYears(warmUpYears)
                .withMovesLog(false);
        if (s.programmes().isEmpty()) {
            return s;
        }
        List<String> set = new ArrayList<>();
        set.add(String.format(Locale.ROOT, "programmes[0].yearlyBudget=%s", budget));
        set.add(String.format(Locale.ROOT, "programmes[0].durationYears=%s", duration));
        if (s.programmes().get(0).team() != null) {
            set.add("programmes[0].team.areaResidents=" + teamArea);
            set.add(String.format(Locale.ROOT, "programmes[0].team.proximity=%s", proximity));
        }
        if (s.programmes().get(0).bestPersons() != null) {
            set.add("programmes[0].bestPersons.present=" + bestPersons);
        }
        return Overrides.parse(set).apply(s);
    }

    public String getScenario() {
        return base.name();
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
    }

    public Object domProgrammeYearlyBudget() {
        return new Interval(0.0, 20_000_000.0);
    }

    public double getProgrammeDurationYears() {
        return duration;
    }

    public void setProgrammeDurationYears(double v) {
        duration = v;
    }

    public Object domProgrammeDurationYears() {
        return new Interval(1.0, 20.0);
    }

    public int getTeamAreaResidents() {
        return teamArea;
    }

    public void setTeamAreaResidents(int v) {
        teamArea = v;
    }

    public Object domTeamAreaResidents() {
        return new Interval(2500L, 100_000L);
    }

    public double getTeamProximity() {
        return proximity;
    }

    public void setTeamProximity(double v) {
        proximity = v;
    }

    public Object domTeamProximity() {
        return new Interval(0.0, 1.0);
    }

    public boolean getBestPersons() {
        return bestPersons;
    }

    public void setBestPersons(boolean v) {
        bestPersons = v;
    }
}
