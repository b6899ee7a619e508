package org.wijklab.policy;

import org.wijklab.model.Dwellings;
import org.wijklab.model.PolicyEffects;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Policy;

/**
 * The themes that act on places (housing, learning, integration, safety), while a programme runs:
 * a theme's effect is {@code maxEffect · (1 − exp(−dose / doseScale)) · reach}, with
 * dose the theme's euros per target resident per year and reach
 * {@code 1 − exp(−coalitionBreadth / reachScale)}. Several funders who do not pool their
 * budgets lose {@code fragmentationLoss} of it. Each acts on a cause, never on the liveability
 * index: housing renovates dwellings (quality a month, {@link #renovate}), learning prevents youth
 * problems and lifts children's education, integration gives the residents extra months of local
 * acquaintance a month (ties they keep while they stay, {@link PolicyEffects#tieMonths}), safety
 * prevents a share of the problem pressure on safety ({@link PolicyEffects#prevention}).
 * docs/ODD.md §7.2 (d) and (j). The themes that act on persons (work, health) are {@link Places}.
 * No state of its own.
 */
final class PlaceThemes implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final WijkLabModel model;

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
        double[] shares = run.spec.themes().values();
        double budget = Programmes.effectiveBudget(run.spec, t);
        double reach = 1.0 - Math.exp(-run.spec.coalitionBreadth() / t.reachScale());
        // the themes that act on places: housing, learning, integration, safety (maxEffect's order)
        int[] placeThemes = {Programmes.HOUSING, Programmes.LEARNING, Programmes.INTEGRATION, Programmes.SAFETY};
        double[] effect = new double[shares.length];
        for (int i = 0; i < placeThemes.length; i++) {
            int k = placeThemes[i];
            double dose = budget * shares[k] / residents;
            effect[k] = t.maxEffect()[i] * (1.0 - Math.exp(-dose / t.doseScale())) * reach;
        }
        for (int j : run.targets) {
            fx.qualityMonthly[j] += effect[Programmes.HOUSING] / 12.0;
            fx.youthPrevention[j] = Math.min(0.9, fx.youthPrevention[j] + effect[Programmes.LEARNING]);
            fx.educationUp[j] += 0.5 * effect[Programmes.LEARNING];
            fx.tieMonths[j] += effect[Programmes.INTEGRATION];
            // several programmes prevent independently: what one leaves, the next prevents a share of
            fx.prevention[j] = 1.0 - (1.0 - fx.prevention[j]) * (1.0 - Math.min(0.95, effect[Programmes.SAFETY]));
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
