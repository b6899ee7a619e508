package org.wijklab.process;

import ec.util.MersenneTwisterFast;
import org.wijklab.model.CostLedger;
import org.wijklab.model.Dwellings;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.PolicyEffects;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Policy;
import org.wijklab.scenario.Scenario;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Problems and services, monthly:
 * <ul>
 * <li>debts (severity 0-3) arise with unemployment, low income and poor mental health, escalate or
 * resolve; a renter at severity 3 may be evicted (the household must then find another dwelling
 * this month or leave the city);</li>
 * <li>youth problems (severity 0-3) in households with children arise with parents' poor mental
 * health, debts, low income and an unsafe neighbourhood; reaching 3 is a youth supervision order,
 * which ends after its average duration;</li>
 * <li>mental health per adult: good, poor, or severe (in second-line care), with incidence raised
 * by unemployment, debts, low income and an unsafe neighbourhood.</li>
 * </ul>
 * Where a programme's team works, it finds households with a problem (a monthly chance set by its
 * proximity, higher for graver problems) while it has room for more cases, and treats them: escalation slows and resolution
 * speeds up. An integral team treats all of a family's problems at once from the first month; a
 * fragmented service treats only the problem it found, after a delay. The learning and health
 * themes lower the onset of youth and mental-health problems. Escalations are costed to the party
 * that pays for them, and treatment books the expected cost it avoids (see bookAvoided).
 *
 * <p>The transitions of a household compete: one uniform draw per household and month decides
 * which one, if any, happens (in the order debts, youth, mental health), so a household makes at
 * most one problem transition a month.
 */
public final class Problems implements Steppable {
    private static final long serialVersionUID = 1L;
    private final WijkLabModel model;
    private double[] placeRisk = new double[0];
    private int[] open = new int[0];

    public Problems(WijkLabModel model) {
        this.model = model;
    }

    @Override
    public void step(SimState state) {
        Scenario.Problems p = model.scenario().problems();
        Policy.Costs c = model.scenario().policy().costs();
        int caseMonths = model.scenario().policy().services().caseMonths();
        Households h = model.households();
        Dwellings dw = model.dwellings();
        Neighbourhoods nb = model.neighbourhoods();
        PolicyEffects fx = model.effects();
        CostLedger ledger = model.costs();
        MersenneTwisterFast random = model.random;
        int tick = model.tick();
        if (placeRisk.length != nb.count) {
            placeRisk = new double[nb.count];
            open = new int[nb.count];
        }
        for (int j = 0; j < nb.count; j++) {
            placeRisk[j] = 1.0 + p.neighbourhoodRisk() * (1.0 - nb.safety[j]);
            open[j] = fx.openCases[j];
        }
        double debtIn = p.debtIncidence() / 12.0;
        double debtUp = p.debtEscalation() / 12.0;
        double debtOut = p.debtResolution() / 12.0;
        double evict = p.evictionRate() / 12.0;
        double youthIn = p.youthIncidence() / 12.0;
        double youthUp = p.youthEscalation() / 12.0;
        double youthOut = p.youthResolution() / 12.0;
        double orderEnd = 1.0 / (12.0 * p.supervisionYears());
        double mentalIn = p.mentalIncidence() / 12.0;
        double mentalOut = p.mentalRecovery() / 12.0;
        double severeIn = p.mentalSevere() / 12.0;
        double severeOut = p.severeRecovery() / 12.0;
        double threshold = p.lowIncomeThreshold();
        // job insecurity: while jobs are lost faster than usual (a crisis, the cycle's low), the
        // labour force's onset of mental-health problems rises with it, and falls in good times
        double strain = Math.max(0.0, 1.0 + p.insecurityRisk() * (model.jobLossMultiplier - 1.0));

        for (int slot = 0; slot < h.capacity; slot++) {
            int d = h.dwelling[slot];
            if (d < 0) {
                continue;
            }
            int j = dw.neighbourhood[d];
            boolean unemployed = h.anyUnemployed(slot);
            boolean low = h.equivalisedIncome(slot) < threshold;
            double lowRisk = low ? p.lowIncomeRisk() : 0.0;
            boolean poorHealth = h.anyPoorMentalHealth(slot);
            bookRunningCosts(h, slot, j, c, ledger);

            // the team: close finished cases, find new ones
            int kase = h.caseType[slot];
            boolean problem = h.debt[slot] > 0 || h.youth[slot] > 0 || poorHealth;
            if (kase != Households.CASE_NONE && (!problem || fx.detection[j] == 0
                    || tick - h.caseSince[slot] >= caseMonths || open[j] > fx.capacity[j])) {
                // solved, no team here, too long open, or the team has fewer places than cases
                h.caseType[slot] = Households.CASE_NONE;
                kase = Households.CASE_NONE;
                open[j]--;
            } else if (kase == Households.CASE_NONE && problem && fx.detection[j] > 0 && open[j] < fx.capacity[j]
                    && random.nextDouble() < fx.detection[j] * risk(h, slot)) {
                kase = fx.integral[j] ? Households.CASE_ALL
                        : h.debt[slot] > 0 ? Households.CASE_DEBT
                        : h.youth[slot] > 0 ? Households.CASE_YOUTH : Households.CASE_MENTAL;
                h.caseType[slot] = (byte) kase;
                h.caseSince[slot] = tick;
                open[j]++;
            }
            boolean treated = kase != Households.CASE_NONE && tick - h.caseSince[slot] >= fx.delay[j];
            double t = treated ? fx.treatment[j] : 0.0;
            double tDebt = kase == Households.CASE_ALL || kase == Households.CASE_DEBT ? t : 0.0;
            double tYouth = kase == Households.CASE_ALL || kase == Households.CASE_YOUTH ? t : 0.0;
            double tMental = kase == Households.CASE_ALL || kase == Households.CASE_MENTAL ? t : 0.0;
            if (treated) {
                bookAvoided(h, slot, dw.tenure[d] != Tenure.OWNER, j, tDebt, tYouth, tMental, p, c, ledger);
            }

            // competing transitions: one uniform decides which one (if any) happens this month
            double u = random.nextDouble();
            int debt = h.debt[slot];
            if (debt == 0) {
                double p0 = debtIn * (1.0 + (unemployed ? p.unemploymentRisk() : 0.0) + lowRisk
                        + (poorHealth ? p.poorHealthRisk() : 0.0));
                if (u < p0) {
                    h.debt[slot] = 1;
                    continue;
                }
                u -= p0;
            } else {
                double out = debtOut * (h.employed(slot) > 0 && !low ? 2.0 : 1.0) * (1.0 + tDebt);
                if (u < out) {
                    h.debt[slot] = 0;
                    continue;
                }
                u -= out;
                if (debt < 3) {
                    double up = debtUp * (1.0 - tDebt);
                    if (u < up) {
                        h.debt[slot] = (byte) (debt + 1);
                        continue;
                    }
                    u -= up;
                } else if (dw.tenure[d] != Tenure.OWNER && h.forced[slot] == Households.FORCED_NO) {
                    double ev = evict * (1.0 - tDebt);
                    if (u < ev) {
                        nb.evictions[j]++;
                        ledger.escalation(j, CostLedger.HOUSING_CORPORATION, c.evictionDirect());
                        ledger.escalation(j, CostLedger.MUNICIPALITY, c.evictionSocial());
                        h.forced[slot] = Households.FORCED_EVICTED;
                        h.searchSince[slot] = tick;
                        h.debt[slot] = 2;
                        continue;
                    }
                    u -= ev;
                }
            }

            if (h.children[slot] > 0) {
                int y = h.youth[slot];
                if (y == 0) {
                    double risk = 1.0 + (poorHealth ? p.poorHealthRisk() : 0.0)
                            + (h.debt[slot] > 0 ? p.debtRisk() : 0.0) + lowRisk;
                    double p0 = youthIn * risk * placeRisk[j] * (1.0 - fx.youthPrevention[j]);
                    if (u < p0) {
                        h.youth[slot] = 1;
                        continue;
                    }
                    u -= p0;
                } else if (y < 3) {
                    double out = youthOut * (1.0 + tYouth);
                    if (u < out) {
                        h.youth[slot] = 0;
                        continue;
                    }
                    u -= out;
                    double up = youthUp * (1.0 - tYouth);
                    if (u < up) {
                        h.youth[slot] = (byte) (y + 1);
                        if (y + 1 == 3) {
                            nb.supervisionOrders[j]++;
                        }
                        continue;
                    }
                    u -= up;
                } else {
                    if (u < orderEnd) {
                        h.youth[slot] = 0;
                        continue;
                    }
                    u -= orderEnd;
                }
            } else if (h.youth[slot] != 0) {
                h.youth[slot] = 0;
            }

            double relief = 1.0 - fx.health[j];
            double recover = mentalOut * (1.0 + fx.health[j]) * (1.0 + tMental);
            double severe = severeIn * (1.0 - tMental);
            double shared = (1.0 + (h.debt[slot] > 0 ? p.debtRisk() : 0.0) + lowRisk) * placeRisk[j];
            adults:
            for (int a = 0; a < h.adults[slot]; a++) {
                int k = 2 * slot + a;
                switch (h.mental[k]) {
                    case Households.GOOD -> {
                        byte status = h.status[k];
                        double risk = shared + (status == Households.UNEMPLOYED ? p.unemploymentRisk() * placeRisk[j] : 0.0);
                        if (status == Households.EMPLOYED || status == Households.UNEMPLOYED) {
                            risk *= strain;
                        }
                        double p0 = mentalIn * risk * relief;
                        if (u < p0) {
                            h.mental[k] = Households.POOR;
                            break adults;
                        }
                        u -= p0;
                    }
                    case Households.POOR -> {
                        if (u < recover) {
                            h.mental[k] = Households.GOOD;
                            break adults;
                        } else if (u < recover + severe) {
                            h.mental[k] = Households.SEVERE;
                            nb.secondLineCare[j]++;
                            break adults;
                        }
                        u -= recover + severe;
                    }
                    default -> {
                        if (u < severeOut) {
                            h.mental[k] = Households.POOR;
                            break adults;
                        }
                        u -= severeOut;
                    }
                }
            }
        }
        recountCases();
    }

    /**
     * How visible a household's problems are to a team, in [0, 1]: debts and youth problems weigh
     * by severity, poor mental health alone weighs little, severe mental health fully. Teams thus
     * spend their capacity on the families most at risk.
     */
    static double risk(Households h, int slot) {
        double r = 0.5 * h.debt[slot] + 0.75 * h.youth[slot];
        for (int a = 0; a < h.adults[slot]; a++) {
            byte m = h.mental[2 * slot + a];
            r += m == Households.SEVERE ? 1.0 : m == Households.POOR ? 0.25 : 0.0;
        }
        return Math.min(1.0, r);
    }

    /**
     * Expected costs a treated household-month avoids, from its state at the start of the month.
     * Each problem is a chain of states ending in a costly escalation (eviction; supervision order;
     * second-line care). With untreated monthly hazards of moving up (u) and resolving (o), the
     * expected escalation cost of a state is V(k) = u/(u+o) · V(k+1), with V at the last step the
     * escalation's cost times the chance it happens before resolution. Treatment lowers u and raises
     * o for the month; the avoided cost is Δu · (V(k+1) − V(k)) + Δo · V(k).
     */
    private void bookAvoided(Households h, int slot, boolean rented, int j, double tDebt, double tYouth,
            double tMental, Scenario.Problems p, Policy.Costs c, CostLedger ledger) {
        double out = p.debtResolution() / 12.0;
        double up = p.debtEscalation() / 12.0;
        double evict = p.evictionRate() / 12.0;
        if (tDebt > 0 && rented && h.forced[slot] == Households.FORCED_NO && h.debt[slot] > 0) {
            double cost = c.evictionDirect() + c.evictionSocial();
            double v3 = evict / (evict + out) * cost;
            double v2 = up / (up + out) * v3;
            double v1 = up / (up + out) * v2;
            double[] v = {0, v1, v2, v3};
            int k = h.debt[slot];
            double next = k == 3 ? cost : v[k + 1];
            double du = (k == 3 ? evict : up) * tDebt;
            double avoided = du * (next - v[k]) + out * tDebt * v[k];
            double direct = c.evictionDirect() / cost;
            ledger.avoided(j, CostLedger.HOUSING_CORPORATION, avoided * direct);
            ledger.avoided(j, CostLedger.MUNICIPALITY, avoided * (1 - direct));
        }
        if (tYouth > 0 && h.youth[slot] > 0 && h.youth[slot] < 3) {
            double yUp = p.youthEscalation() / 12.0;
            double yOut = p.youthResolution() / 12.0;
            double order = c.supervisionOrderYear() * p.supervisionYears();
            double w2 = yUp / (yUp + yOut) * order;
            double w1 = yUp / (yUp + yOut) * w2;
            int k = h.youth[slot];
            double wk = k == 1 ? w1 : w2;
            double next = k == 1 ? w2 : order;
            ledger.avoided(j, CostLedger.MUNICIPALITY, yUp * tYouth * (next - wk) + yOut * tYouth * wk);
        }
        if (tMental > 0) {
            double severe = p.mentalSevere() / 12.0;
            double recover = p.mentalRecovery() / 12.0;
            double care = c.secondLineCareYear() / Math.max(1e-9, p.severeRecovery());
            double vPoor = severe / (severe + recover) * care;
            for (int a = 0; a < h.adults[slot]; a++) {
                if (h.mental[2 * slot + a] == Households.POOR) {
                    ledger.avoided(j, CostLedger.HEALTH_INSURER, severe * tMental * (care - vPoor) + recover * tMental * vPoor);
                }
            }
        }
    }

    /** Monthly costs of escalations in force: supervision orders, second-line care, social assistance. */
    private void bookRunningCosts(Households h, int slot, int j, Policy.Costs c, CostLedger ledger) {
        if (h.youth[slot] == 3) {
            ledger.escalation(j, CostLedger.MUNICIPALITY, c.supervisionOrderYear() / 12.0);
        }
        for (int a = 0; a < h.adults[slot]; a++) {
            if (h.mental[2 * slot + a] == Households.SEVERE) {
                ledger.escalation(j, CostLedger.HEALTH_INSURER, c.secondLineCareYear() / 12.0);
            }
        }
        if (h.employed(slot) == 0 && h.workingAge(slot) > 0) {
            ledger.escalation(j, CostLedger.MUNICIPALITY, c.benefitYear() / 12.0);
        }
    }

    /** Open cases per neighbourhood, counted where the households live now. */
    private void recountCases() {
        Households h = model.households();
        Dwellings dw = model.dwellings();
        int[] cases = model.effects().openCases;
        java.util.Arrays.fill(cases, 0);
        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.dwelling[slot] >= 0 && h.caseType[slot] != Households.CASE_NONE) {
                cases[dw.neighbourhood[h.dwelling[slot]]]++;
            }
        }
    }
}
