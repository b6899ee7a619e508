package org.wijklab.policy;

import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.PolicyEffects;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Policy;
import org.wijklab.scenario.Programme;

/**
 * A programme's neighbourhood team, while it runs: the team budget pays {@code budget / fteCost}
 * professionals, split over {@code max(1, round(target residents / areaResidents))} teams. Each
 * team loses a fixed overhead, has skills {@code 1 − exp(−team FTE / criticalMassFte)}, finds
 * problems with a monthly chance {@code detectionMonthly · proximity · exp(−served / proximityScale)}
 * (served: its area's residents, or the targets' residents per team when more), and gives the
 * targets the part of its capacity that they are of its area. Too
 * small teams drown in overhead and lack skills; too large ones lose proximity and spread over
 * non-targets. A fragmented team has extra overhead, a weaker treatment and a delay that an active
 * best person halves. docs/ODD.md §7.2 (e); how the team works on households is §7.5
 * ({@code process.Problems}). No state of its own: it sets the month's {@link PolicyEffects}.
 */
final class Team implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final WijkLabModel model;

    Team(WijkLabModel model) {
        this.model = model;
    }

    /** The month's capacity, detection, treatment and delay of the run's team in its targets. */
    void step(Programmes.Run run) {
        Programme.Team team = run.spec.team();
        if (!team.exists() || team.budgetShare() <= 0) {
            return;
        }
        Policy.Services s = model.scenario().policy().services();
        Neighbourhoods nb = model.neighbourhoods();
        PolicyEffects fx = model.effects();
        double residents = Targets.residents(model, run);
        if (residents <= 0) {
            return;
        }
        double fte = Programmes.effectiveBudget(run.spec, model.scenario().policy().themes()) * team.budgetShare() / s.fteCost();
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
            boolean bp = BestPersons.active(run, j);
            // best persons cut through bureaucratic delay; with several teams, the quickest counts
            int delay = team.integral() ? 0 : (bp ? s.fragmentedDelayMonths() / 2 : s.fragmentedDelayMonths());
            fx.delay[j] = fx.detection[j] == 0 ? delay : Math.min(fx.delay[j], delay);
            fx.capacity[j] += (int) Math.round(cases * share);
            fx.detection[j] = Math.max(fx.detection[j], detection * BestPersons.referral(model, run, j));
            fx.treatment[j] = Math.max(fx.treatment[j], Math.min(0.95, base * skills));
            fx.integral[j] |= team.integral();
            fx.professionals[j] += fte * coverage * share;
            if (fx.teamProgramme[j] < 0) {
                fx.teamProgramme[j] = run.index;
            }
        }
    }
}
