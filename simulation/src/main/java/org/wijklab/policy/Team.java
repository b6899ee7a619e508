package org.wijklab.policy;

import java.util.Arrays;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.PolicyEffects;
import org.wijklab.model.Professionals;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Policy;
import org.wijklab.scenario.Programme;

/**
 * A programme's neighbourhood teams and their professionals (docs/ODD.md §7.2 (e)). At the
 * programme's first month the teams are formed: the targets, in the order of their index, are
 * grouped into areas of about {@code areaResidents} residents (a target with more residents than
 * 1.5 areas is divided into that many parts, each a team's area); the budget pays
 * {@code budget / fteCost} FTE, spread over the teams by their residents, and each team's FTE over
 * {@code max(1, round(team FTE))} posts. A post's capacity for cases is its FTE less travel
 * ({@code travelShare · √(area residents / 10,000)} of its time) less its part of the team's
 * management ({@code overheadFte / posts}). A team's cover and specialisation are
 * {@code 1 − exp(−team FTE / criticalMassFte)}; knowing its area,
 * {@code exp(−area residents / proximityScale)}, scales its detection. Each month each
 * professional leaves with the monthly chance of the yearly {@code turnover}; a newcomer takes the
 * post and its cases, and knows neither area nor families. The cases themselves are managed by
 * {@code process.Problems} (§7.5). When the programme stops, its professionals leave their posts.
 */
final class Team implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final WijkLabModel model;
    /** Per run: its first and one-past-last team, once formed. */
    private int[] firstTeam = new int[0];
    private int[] endTeam = new int[0];

    Team(WijkLabModel model) {
        this.model = model;
    }

    /** The month's turnover and the effects of the run's teams in its targets (forming them the first time). */
    void step(Programmes.Run run) {
        Programme.Team team = run.spec.team();
        if (!team.exists() || team.budgetShare() <= 0) {
            return;
        }
        Policy.Services s = model.scenario().policy().services();
        Professionals pr = model.professionals();
        if (!formed(run)) {
            form(run, team, s);
            if (!formed(run)) {
                return;
            }
        }
        int tick = model.tick();
        double leave = 1.0 - StrictMath.pow(1.0 - s.turnover(), 1.0 / 12.0);
        for (int t = firstTeam[run.index]; t < endTeam[run.index]; t++) {
            for (int p = pr.teamFirst[t], end = p + pr.teamSize[t]; p < end; p++) {
                if (model.random.nextDouble() < leave) {
                    depart(pr, p, tick);
                }
            }
        }
        Neighbourhoods nb = model.neighbourhoods();
        PolicyEffects fx = model.effects();
        // one treatment for both modes: an integral team and a fragmented service differ by how their
        // professionals share a family (coordination, the plan's delay, knowing), not by a factor
        double base = s.treatmentEffect();
        for (int j : run.targets) {
            int t0 = pr.hoodTeam[j];
            if (t0 < 0 || pr.teamProgramme[t0] != run.index) {
                continue;
            }
            boolean bp = BestPersons.active(run, j);
            // best persons cut through bureaucratic delay: a plan is agreed in half the time
            fx.delay[j] = (int) Math.round(bp ? s.planMonths() / 2.0 : s.planMonths());
            double detection = 0.0;
            double capacity = 0.0;
            double fte = 0.0;
            int parts = Math.max(1, pr.hoodParts[j]);
            for (int t = t0; t < t0 + parts; t++) {
                double share = parts > 1 ? 1.0 : nb.residents[j] / Math.max(1.0, pr.teamResidents[t]);
                share = Math.min(1.0, share);
                detection = Math.max(detection, pr.teamDetection[t]);
                for (int p = pr.teamFirst[t], end = p + pr.teamSize[t]; p < end; p++) {
                    capacity += pr.capacity[p] * share;
                }
                fte += pr.teamFte[t] * share;
            }
            fx.detection[j] = Math.max(fx.detection[j], detection);
            fx.referral[j] = Math.max(fx.referral[j], BestPersons.referral(model, run, j));
            fx.treatment[j] = Math.max(fx.treatment[j], Math.min(0.95, base));
            fx.capacity[j] += (int) Math.round(capacity * s.vulnerableCaseload());
            fx.integral[j] |= team.integral();
            fx.professionals[j] += fte;
            if (fx.teamProgramme[j] < 0) {
                fx.teamProgramme[j] = run.index;
            }
        }
    }

    /** A professional leaves the post; a newcomer takes it and its cases, starting at zero months. */
    static void depart(Professionals pr, int p, int tick) {
        pr.departures[p]++;
        pr.startTick[p] = tick;
    }

    /** The programme stops: its professionals leave their posts (their cases close in the next month's case management). */
    void close(Programmes.Run run) {
        if (!formed(run)) {
            return;
        }
        Professionals pr = model.professionals();
        for (int t = firstTeam[run.index]; t < endTeam[run.index]; t++) {
            for (int p = pr.teamFirst[t], end = p + pr.teamSize[t]; p < end; p++) {
                pr.inPost[p] = false;
            }
        }
    }

    private boolean formed(Programmes.Run run) {
        return run.index < firstTeam.length && endTeam[run.index] > firstTeam[run.index];
    }

    /** Forms the run's teams and posts over its targets (see the class comment). */
    private void form(Programmes.Run run, Programme.Team team, Policy.Services s) {
        if (firstTeam.length <= run.index) {
            firstTeam = Arrays.copyOf(firstTeam, run.index + 1);
            endTeam = Arrays.copyOf(endTeam, run.index + 1);
        }
        Neighbourhoods nb = model.neighbourhoods();
        Professionals pr = model.professionals();
        double residents = Targets.residents(model, run);
        if (residents <= 0) {
            return;
        }
        pr.allocateHouseholds(model.households().capacity);
        double fte = run.funding.team() / s.fteCost();
        double area = team.areaResidents();
        int tick = model.tick();
        firstTeam[run.index] = pr.teams;
        int[] sorted = run.targets.clone();
        Arrays.sort(sorted);
        int[] group = new int[sorted.length];
        int size = 0;
        double groupResidents = 0.0;
        for (int i = 0; i < sorted.length; i++) {
            int j = sorted[i];
            double r = nb.residents[j];
            int parts = (int) Math.round(r / area);
            if (parts >= 2 && r > 1.5 * area) {
                // a target larger than 1.5 areas: its own teams, one per part
                int t0 = -1;
                for (int k = 0; k < parts; k++) {
                    int t = addTeam(run, team, s, r / parts, fte * (r / parts) / residents, tick);
                    t0 = t0 < 0 ? t : t0;
                }
                assign(pr, j, t0, parts);
                continue;
            }
            // whole targets: join the open group while that brings it closer to an area
            if (size > 0 && Math.abs(groupResidents + r - area) > Math.abs(groupResidents - area)) {
                closeGroup(run, team, s, group, size, groupResidents, fte, residents, tick);
                size = 0;
                groupResidents = 0.0;
            }
            group[size++] = j;
            groupResidents += r;
        }
        if (size > 0) {
            closeGroup(run, team, s, group, size, groupResidents, fte, residents, tick);
        }
        endTeam[run.index] = pr.teams;
    }

    private void closeGroup(Programmes.Run run, Programme.Team team, Policy.Services s, int[] group, int size,
            double groupResidents, double fte, double residents, int tick) {
        Professionals pr = model.professionals();
        int t = addTeam(run, team, s, groupResidents, fte * groupResidents / residents, tick);
        for (int i = 0; i < size; i++) {
            assign(pr, group[i], t, 1);
        }
    }

    /** A target's households go to the teams of the first programme that formed teams there, while that one runs. */
    private static void assign(Professionals pr, int j, int t, int parts) {
        int old = pr.hoodTeam[j];
        if (old < 0 || pr.teamSize[old] == 0 || !pr.inPost[pr.teamFirst[old]]) {
            pr.hoodTeam[j] = t;
            pr.hoodParts[j] = parts;
        }
    }

    private int addTeam(Programmes.Run run, Programme.Team team, Policy.Services s, double areaResidents,
            double teamFte, int tick) {
        Professionals pr = model.professionals();
        double detection = s.detectionMonthly() * team.proximity() * StrictMath.exp(-areaResidents / s.proximityScale());
        double skills = 1.0 - StrictMath.exp(-teamFte / s.criticalMassFte());
        int t = pr.addTeam(run.index, team.integral(), areaResidents, teamFte, detection, skills);
        int posts = (int) Math.max(1, Math.round(teamFte));
        double travel = Math.min(0.9, s.travelShare() * Math.sqrt(areaResidents / 10000.0));
        double postFte = teamFte / posts;
        double capacity = Math.max(0.0, postFte * (1.0 - travel) - s.overheadFte() / posts);
        for (int k = 0; k < posts; k++) {
            pr.addPost(t, postFte, capacity, tick);
        }
        return t;
    }
}
