package org.wijklab.policy;

import org.wijklab.model.Dwellings;
import org.wijklab.model.PolicyEffects;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Policy;
import org.wijklab.scenario.Programme;

/**
 * The themes that act on places (housing, learning, integration, safety), while a programme runs:
 * a theme's effect in a target is {@code maxEffect · (1 − exp(−dose / doseScale)) · reached}, with
 * dose the theme's euros per target resident per year (what its funders pay for and has arrived,
 * {@link Funding}) and reached the share of the target's households the theme acts on that the
 * programme's coalition is in contact with ({@link Coalition}): households with children for
 * learning, every household for the others. Each acts on a cause, never on the liveability
 * index: housing renovates dwellings (quality a month, {@link #renovate}), learning prevents youth
 * problems and lifts children's education, integration gives the residents extra months of local
 * acquaintance a month (ties they keep while they stay, {@link PolicyEffects#tieMonths}), safety
 * prevents a share of the problem pressure on safety ({@link PolicyEffects#prevention}).
 * docs/ODD.md §7.2 (d) and (j). The themes that act on persons (work, health) are {@link Places}.
 * Its state: the month's reachable shares per neighbourhood, reused.
 */
final class PlaceThemes implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final WijkLabModel model;
    /** The month's reachable shares of all households and of families, per neighbourhood ({@link Coalition#shares}). */
    private double[] reachedAll;
    private double[] reachedFamilies;

    PlaceThemes(WijkLabModel model) {
        this.model = model;
    }

    /** The month's effects of the run's place themes on its targets. */
    void step(Programmes.Run run) {
        Policy.ThemeEffects t = model.scenario().policy().themes();
        PolicyEffects fx = model.effects();
        double residents = Targets.residents(model, run);
        if (residents <= 0) {
            return;
        }
        int tick = model.tick();
        // the themes that act on places: housing, learning, integration, safety (maxEffect's order)
        int[] placeThemes = {Programmes.HOUSING, Programmes.LEARNING, Programmes.INTEGRATION, Programmes.SAFETY};
        double[] effect = new double[Programme.THEMES.length];
        boolean any = false;
        for (int i = 0; i < placeThemes.length; i++) {
            int k = placeThemes[i];
            double dose = Programmes.themeBudget(run, k, tick) / residents;
            effect[k] = t.maxEffect()[i] * (1.0 - StrictMath.exp(-dose / t.doseScale()));
            any |= effect[k] > 0;
        }
        if (!any) {
            return;
        }
        int n = model.neighbourhoods().count;
        if (reachedAll == null || reachedAll.length != n) {
            reachedAll = new double[n];
            reachedFamilies = new double[n];
        }
        Coalition.shares(model, run, reachedAll, reachedFamilies);
        for (int j : run.targets) {
            double all = reachedAll[j];
            double learning = effect[Programmes.LEARNING] * reachedFamilies[j];
            fx.qualityMonthly[j] += effect[Programmes.HOUSING] * all / 12.0;
            fx.youthPrevention[j] = Math.min(0.9, fx.youthPrevention[j] + learning);
            fx.educationUp[j] += 0.5 * learning;
            fx.tieMonths[j] += effect[Programmes.INTEGRATION] * all;
            // several programmes prevent independently: what one leaves, the next prevents a share of
            double safety = Math.min(0.95, effect[Programmes.SAFETY] * all);
            fx.prevention[j] = 1.0 - (1.0 - fx.prevention[j]) * (1.0 - safety);
        }
    }

    /**
     * Housing theme, after all programmes: the dwellings of the targets improve a little every
     * month, up to quality 1.
     */
    void renovate() {
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
