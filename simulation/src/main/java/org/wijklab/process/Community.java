package org.wijklab.process;

import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Community, per neighbourhood and month: cohesion moves toward a target raised by residents'
 * local ties (months lived, plus the acquaintance the integration theme gave those who stayed) and
 * home ownership and lowered by turnover; safety moves toward a target lowered by the problem
 * pressure of unemployment, poverty concentration and youth problems, of which the safety theme
 * prevents a share, and raised by social control (cohesion). Best persons and initiatives still add
 * to the cohesion target. Both are in [0, 1] and adjust at the scenario's yearly rate, so they lag
 * the population.
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
        var fx = model.effects();
        for (int j = 0; j < nb.count; j++) {
            if (fx != null) {
                nb.tieClock[j] += fx.tieMonths[j];
            }
            nb.cohesion[j] += rate * (cohesionTarget(j) - nb.cohesion[j]);
            nb.safety[j] += rate * (safetyTarget(j) - nb.safety[j]);
        }
    }

    double cohesionTarget(int j) {
        Scenario.Community c = model.scenario().community();
        Neighbourhoods nb = model.neighbourhoods();
        return clamp(c.cohesionBase() + c.cohesionTies() * nb.meanTies[j] - c.cohesionTurnover() * nb.turnover[j]
                + c.cohesionOwners() * nb.ownerShare[j]);
    }

    double safetyTarget(int j) {
        Scenario.Community c = model.scenario().community();
        Neighbourhoods nb = model.neighbourhoods();
        double pressure = c.safetyUnemployment() * nb.unemploymentShare[j] + c.safetyPoverty() * nb.lowIncomeShare[j]
                + c.safetyYouth() * nb.youthProblemShare[j];
        var fx = model.effects();
        double prevented = fx == null ? 0.0 : fx.prevention[j];
        return clamp(c.safetyBase() - (1.0 - prevented) * pressure + c.safetyCohesion() * (nb.cohesion[j] - 0.5));
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
