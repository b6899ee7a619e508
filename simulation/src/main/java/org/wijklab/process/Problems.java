package org.wijklab.process;

import ec.util.MersenneTwisterFast;
import org.wijklab.model.Dwellings;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Problems, monthly, without services (programmes and teams act on these hazards later):
 * <ul>
 * <li>debts (severity 0-3) arise with unemployment, low income and poor mental health, escalate or
 * resolve; a renter
 * at severity 3 may be evicted (the household must then find another dwelling this month or leave
 * the city);</li>
 * <li>youth problems (severity 0-3) in households with children arise with parents' poor mental
 * health, debts, low income and an unsafe neighbourhood; reaching 3 is a youth supervision order,
 * which ends after its average duration;</li>
 * <li>mental health per adult: good, poor, or severe (in second-line care), with incidence raised
 * by unemployment, debts, low income and an unsafe neighbourhood.</li>
 * </ul>
 * The transitions of a household compete: one uniform draw per household and month decides which
 * one, if any, happens (in the order debts, youth, mental health), so a household makes at most
 * one problem transition a month.
 */
public final class Problems implements Steppable {
    private static final long serialVersionUID = 1L;
    private final WijkLabModel model;
    private double[] placeRisk = new double[0];

    public Problems(WijkLabModel model) {
        this.model = model;
    }

    @Override
    public void step(SimState state) {
        Scenario.Problems p = model.scenario().problems();
        Households h = model.households();
        Dwellings dw = model.dwellings();
        Neighbourhoods nb = model.neighbourhoods();
        MersenneTwisterFast random = model.random;
        int tick = model.tick();
        if (placeRisk.length != nb.count) {
            placeRisk = new double[nb.count];
        }
        for (int j = 0; j < nb.count; j++) {
            placeRisk[j] = 1.0 + p.neighbourhoodRisk() * (1.0 - nb.safety[j]);
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

        for (int slot = 0; slot < h.capacity; slot++) {
            int d = h.dwelling[slot];
            if (d < 0) {
                continue;
            }
            int j = dw.neighbourhood[d];
            boolean unemployed = h.anyUnemployed(slot);
            boolean low = h.equivalisedIncome(slot) < threshold;
            double lowRisk = low ? p.lowIncomeRisk() : 0.0;

            // competing transitions: one uniform decides which one (if any) happens this month
            double u = random.nextDouble();
            int debt = h.debt[slot];
            if (debt == 0) {
                double p0 = debtIn * (1.0 + (unemployed ? p.unemploymentRisk() : 0.0) + lowRisk
                        + (h.anyPoorMentalHealth(slot) ? p.poorHealthRisk() : 0.0));
                if (u < p0) {
                    h.debt[slot] = 1;
                    continue;
                }
                u -= p0;
            } else {
                double out = debtOut * (h.employed(slot) > 0 && !low ? 2.0 : 1.0);
                if (u < out) {
                    h.debt[slot] = 0;
                    continue;
                }
                u -= out;
                if (debt < 3) {
                    if (u < debtUp) {
                        h.debt[slot] = (byte) (debt + 1);
                        continue;
                    }
                    u -= debtUp;
                } else if (dw.tenure[d] != Tenure.OWNER && h.forced[slot] == 0) {
                    if (u < evict) {
                        nb.evictions[j]++;
                        h.forced[slot] = 1;
                        h.searchSince[slot] = tick;
                        h.debt[slot] = 2;
                        continue;
                    }
                    u -= evict;
                }
            }

            if (h.children[slot] > 0) {
                int y = h.youth[slot];
                if (y == 0) {
                    double risk = 1.0 + (h.anyPoorMentalHealth(slot) ? p.poorHealthRisk() : 0.0)
                            + (h.debt[slot] > 0 ? p.debtRisk() : 0.0) + lowRisk;
                    double p0 = youthIn * risk * placeRisk[j];
                    if (u < p0) {
                        h.youth[slot] = 1;
                        continue;
                    }
                    u -= p0;
                } else if (y < 3) {
                    if (u < youthOut) {
                        h.youth[slot] = 0;
                        continue;
                    }
                    u -= youthOut;
                    if (u < youthUp) {
                        h.youth[slot] = (byte) (y + 1);
                        if (y + 1 == 3) {
                            nb.supervisionOrders[j]++;
                        }
                        continue;
                    }
                    u -= youthUp;
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

            double shared = (1.0 + (h.debt[slot] > 0 ? p.debtRisk() : 0.0) + lowRisk) * placeRisk[j];
            adults:
            for (int a = 0; a < h.adults[slot]; a++) {
                int k = 2 * slot + a;
                switch (h.mental[k]) {
                    case Households.GOOD -> {
                        double risk = shared + (h.status[k] == Households.UNEMPLOYED ? p.unemploymentRisk() * placeRisk[j] : 0.0);
                        double p0 = mentalIn * risk;
                        if (u < p0) {
                            h.mental[k] = Households.POOR;
                            break adults;
                        } else {
                            u -= p0;
                        }
                    }
                    case Households.POOR -> {
                        if (u < mentalOut) {
                            h.mental[k] = Households.GOOD;
                            break adults;
                        } else if (u < mentalOut + severeIn) {
                            h.mental[k] = Households.SEVERE;
                            nb.secondLineCare[j]++;
                            break adults;
                        } else {
                            u -= mentalOut + severeIn;
                        }
                    }
                    default -> {
                        if (u < severeOut) {
                            h.mental[k] = Households.POOR;
                            break adults;
                        } else {
                            u -= severeOut;
                        }
                    }
                }
            }
        }
    }
}
