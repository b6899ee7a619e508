package org.wijklab.process;

import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Community, per neighbourhood and month: cohesion moves toward a target raised by residents'
 * local ties (years lived) and home ownership and lowered by turnover; safety moves toward a
 * target lowered by unemployment, poverty concentration and youth problems and raised by cohesion.
 * Programmes add to both targets (integration and safety themes, best persons, initiatives).
 * Both are in [0, 1] and adjust at the scenario's yearly rate, so they lag the population.
 */
public final class Community implements Steppable {
    private static final long serialVersionUID = 1L;
    private final WijkLabModel model;

    public Community(WijkLabModel model) {
        this.model = model;
    }

    /** Sets cohesion and safety to their targets for the initial population (no warm-up drift). */
    public void initialise() {
        Neighbourhoods nb = model.neighbourhoods();
        double[] rates = model.scenario().housing().baseMoveRate();
        for (int j = 0; j < nb.count; j++) {
            double turnover = 0;
            int total = Math.max(1, nb.dwellings[j]);
            for (int t = 0; t < Tenure.COUNT; t++) {
                turnover += rates[t] * nb.dwellingsByTenure[j][t] / total;
            }
            nb.turnover[j] = turnover;
            nb.cohesion[j] = cohesionTarget(j);
            nb.safety[j] = safetyTarget(j);
        }
    }

    @Override
    public void step(SimState state) {
        Neighbourhoods nb = model.neighbourhoods();
        double rate = model.scenario().community().adjustRate() / 12.0;
        for (int j = 0; j < nb.count; j++) {
            nb.cohesion[j] += rate * (cohesionTarget(j) - nb.cohesion[j]);
            nb.safety[j] += rate * (safetyTarget(j) - nb.safety[j]);
        }
    }

    double cohesionTarget(int j) {
        Scenario.Community c = model.scenario().community();
        Neighbourhoods nb = model.neighbourhoods();
        return clamp(c.cohesionBase() + c.cohesionTies() * nb.meanTies[j] - c.cohesionTurnover() * nb.turnover[j]
                + c.cohesionOwners() * nb.ownerShare[j] + policy(j, true));
    }

    double safetyTarget(int j) {
        Scenario.Community c = model.scenario().community();
        Neighbourhoods nb = model.neighbourhoods();
        return clamp(c.safetyBase() - c.safetyUnemployment() * nb.unemploymentShare[j]
                - c.safetyPoverty() * nb.lowIncomeShare[j] - c.safetyYouth() * nb.youthProblemShare[j]
                + c.safetyCohesion() * (nb.cohesion[j] - 0.5) + policy(j, false));
    }

    /** What programmes add to the cohesion or safety target (zero before set-up of the effects). */
    private double policy(int j, boolean cohesion) {
        var fx = model.effects();
        if (fx == null) {
            return 0.0;
        }
        return cohesion ? fx.cohesion[j] : fx.safety[j];
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
