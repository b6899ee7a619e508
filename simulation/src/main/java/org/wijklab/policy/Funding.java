package org.wijklab.policy;

import org.wijklab.model.CostLedger;
import org.wijklab.scenario.Policy;
import org.wijklab.scenario.Programme;

/**
 * Which forms of help a programme's funders pay for together, and when their money arrives
 * (docs/ODD.md §7.2 (d)). The plan asks for its yearly budget in its theme shares and its team's
 * share; the team's cost is split into care ({@code policy.themes.teamCareShare}: district nursing)
 * and the rest. Each funder puts in its funding share of the yearly budget.
 *
 * <p>Unpooled, each funder pays only for its own domain (the Dutch laws that give it the task):
 * <ul>
 *   <li>municipality: work (Participatiewet), learning (Jeugdwet, the education-disadvantage budget),
 *       integration (Wmo), safety (Gemeentewet) and the team, care included (Wmo, Jeugdwet);</li>
 *   <li>housing corporation: housing only (Woningwet: its task is its stock);</li>
 *   <li>health insurer: health (Zvw: basic mental-health care) and the team's care part (district nursing);</li>
 *   <li>national government: any theme and the team (a grant to the plan);</li>
 *   <li>residents: integration (their money goes to meeting and their own initiatives).</li>
 * </ul>
 * The funders with the narrowest domain pay first (then the party order): each spreads its money
 * over its domain's uses in proportion to what the plan still lacks there, never more than that;
 * what it cannot spend in its domain stays unspent. So a theme gets at most what the funders whose
 * domain it is put in. A funder's money arrives after its own decision ({@code decisionMonths})
 * when there are two or more funders (a single funder's plan is its decision); the team is formed
 * once all the money it is paid from has arrived, the team money that arrived before that stays
 * unspent. Pooled: one pot pays every use its plan share, after one decision
 * ({@code pooledDecisionMonths}). The months the money has not arrived are unspent too. No state
 * but the plan, fixed at the start; draws no random numbers.
 */
final class Funding implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The uses of money: the six themes (in {@link Programmes}' order), then the team's non-care and care parts. */
    static final int TEAM_SOCIAL = 6;
    static final int TEAM_CARE = 7;
    static final int USES = 8;
    private static final int P = CostLedger.PARTIES;

    /** Per party (in {@link CostLedger}'s order), the uses it may pay for when budgets are not pooled. */
    static final boolean[][] DOMAIN = {
        // housing, work, learning, integration, safety, health, team (non-care), team (care)
        {false, true, true, true, true, false, true, true},
        {true, false, false, false, false, false, false, false},
        {false, false, false, false, false, true, false, true},
        {true, true, true, true, true, true, true, true},
        {false, false, false, true, false, false, false, false},
    };

    /** Euro a year from party p for use u, once its money has arrived. */
    private final double[][] money = new double[P][USES];
    /** Euro a year of each party's share it cannot spend (outside its domain). */
    private final double[] outside = new double[P];
    /** Each party's yearly contribution (its funding share of the budget). */
    private final double[] share = new double[P];
    /** Months after the start before each party's money arrives. */
    private final double[] delay = new double[P];
    /** Months after the start before the team is paid (all its money arrived). */
    private double teamDelay;

    private Funding() {
    }

    /** The plan of a programme under the scenario's theme parameters. */
    static Funding plan(Programme spec, Policy.ThemeEffects t) {
        Funding f = new Funding();
        double budget = spec.yearlyBudget();
        double[] shares = spec.themes().values();
        double team = spec.team().exists() ? spec.team().budgetShare() : 0.0;
        double[] need = new double[USES];
        for (int k = 0; k < shares.length; k++) {
            need[k] = budget * shares[k];
        }
        need[TEAM_SOCIAL] = budget * team * (1.0 - t.teamCareShare());
        need[TEAM_CARE] = budget * team * t.teamCareShare();
        double[] funders = spec.funders().values();
        boolean several = spec.funders().count() >= 2;
        for (int p = 0; p < P; p++) {
            f.share[p] = budget * funders[p];
            f.delay[p] = spec.pooledBudget() ? t.pooledDecisionMonths() : several ? t.decisionMonths()[p] : 0.0;
        }
        if (spec.pooledBudget()) {
            double total = 0.0;
            for (double x : need) {
                total += x;
            }
            for (int p = 0; p < P; p++) {
                for (int u = 0; u < USES; u++) {
                    f.money[p][u] = total > 0 ? f.share[p] * need[u] / total : 0.0;
                }
                f.outside[p] = total > 0 ? 0.0 : f.share[p];
            }
        } else {
            for (int p : order()) {
                double lacking = 0.0;
                for (int u = 0; u < USES; u++) {
                    lacking += DOMAIN[p][u] ? need[u] : 0.0;
                }
                double scale = lacking > 0 ? Math.min(1.0, f.share[p] / lacking) : 0.0;
                double paid = 0.0;
                for (int u = 0; u < USES; u++) {
                    if (DOMAIN[p][u]) {
                        double x = need[u] * scale;
                        f.money[p][u] = x;
                        need[u] -= x;
                        paid += x;
                    }
                }
                f.outside[p] = Math.max(0.0, f.share[p] - paid);
            }
        }
        f.teamDelay = 0.0;
        for (int p = 0; p < P; p++) {
            if (f.money[p][TEAM_SOCIAL] + f.money[p][TEAM_CARE] > 0) {
                f.teamDelay = Math.max(f.teamDelay, f.delay[p]);
            }
        }
        return f;
    }

    /** The parties, narrowest domain first, then in party order. */
    private static int[] order() {
        Integer[] o = new Integer[P];
        for (int p = 0; p < P; p++) {
            o[p] = p;
        }
        java.util.Arrays.sort(o, (a, b) -> a.equals(b) ? 0
                : width(a) != width(b) ? Integer.compare(width(a), width(b)) : Integer.compare(a, b));
        int[] r = new int[P];
        for (int p = 0; p < P; p++) {
            r[p] = o[p];
        }
        return r;
    }

    private static int width(int p) {
        int n = 0;
        for (boolean b : DOMAIN[p]) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private boolean arrived(int p, int month) {
        return month > delay[p];
    }

    /** Euro a year for theme k in the programme's month (1 = its first month). */
    double theme(int k, int month) {
        double s = 0.0;
        for (int p = 0; p < P; p++) {
            s += arrived(p, month) ? money[p][k] : 0.0;
        }
        return s;
    }

    /** Euro a year for the team, once it is paid. */
    double team() {
        double s = 0.0;
        for (int p = 0; p < P; p++) {
            s += money[p][TEAM_SOCIAL] + money[p][TEAM_CARE];
        }
        return s;
    }

    /** Whether the team is paid in the programme's month (all its money has arrived). */
    boolean teamPaid(int month) {
        return team() > 0 && month > teamDelay;
    }

    /** The yearly money the plan asks for that no funder pays (unpooled: outside every funder's domain). */
    double unfunded() {
        double s = 0.0;
        for (int p = 0; p < P; p++) {
            s += outside[p];
        }
        return s;
    }

    /**
     * Books a month of the programme: per party, what it spends (the themes once its money has
     * arrived, the team once the team is paid) and what of its share stays unspent. Returns the
     * month's spending over all parties.
     */
    double book(int month, double[] spent, double[] unspent) {
        double total = 0.0;
        boolean team = teamPaid(month);
        for (int p = 0; p < P; p++) {
            double s = 0.0;
            if (arrived(p, month)) {
                for (int k = 0; k < TEAM_SOCIAL; k++) {
                    s += money[p][k];
                }
            }
            if (team) {
                s += money[p][TEAM_SOCIAL] + money[p][TEAM_CARE];
            }
            s /= 12.0;
            spent[p] += s;
            unspent[p] += Math.max(0.0, share[p] / 12.0 - s);
            total += s;
        }
        return total;
    }
}
