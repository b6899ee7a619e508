package org.wijklab.process;

import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The economy: a sine business cycle (amplitude and period from the scenario) and any crises set
 * this month's multipliers on job loss and job finding for the whole city.
 */
public final class Economy implements Steppable {
    private static final long serialVersionUID = 1L;
    private final WijkLabModel model;

    public Economy(WijkLabModel model) {
        this.model = model;
    }

    @Override
    public void step(SimState state) {
        int tick = model.tick();
        Scenario.Economy e = model.scenario().economy();
        double cycle = e.cycleAmplitude() * StrictMath.sin(2.0 * Math.PI * tick / (12.0 * e.cyclePeriodYears()));
        double loss = 1.0 + cycle;
        double find = 1.0 - cycle;
        double year = (tick - 1) / 12.0;
        for (Scenario.Crisis c : e.crises()) {
            if (inCrisis(c, year)) {
                loss *= c.jobLossFactor();
                find *= c.jobFindingFactor();
            }
        }
        model.jobLossMultiplier = loss;
        model.jobFindingMultiplier = find;
        // wages grow with the economy once a year, in the first month of each year (the labour
        // market and the region revalue every income that month)
        if (Math.floorMod(tick, 12) == 1) {
            model.wageLevel *= 1.0 + model.scenario().labour().wageGrowth();
        }
    }

    /** Whether a crisis is on in the given (fractional) year of the run. */
    public static boolean inCrisis(Scenario.Crisis c, double year) {
        return year >= c.startYear() && year < c.startYear() + c.durationYears();
    }
}
