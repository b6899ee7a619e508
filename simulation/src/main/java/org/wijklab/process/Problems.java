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
 * <li>debts (severity 0-3) arise with unemployment and low income, escalate or resolve; a renter
 * at severity 3 may be evicted (the household must then find another dwelling this month or leave
 * the city);</li>
 * <li>youth problems (severity 0-3) in households with children arise with parents' poor mental
 * health, debts, low income and an unsafe neighbourhood; reaching 3 is a youth supervision order,
 * which ends after its average duration;</li>
 * <li>mental health per adult: good, poor, or severe (in second-line care), with incidence raised
 * by unemployment, debts, low income and an unsafe neighbourhood.</li>
 * </ul>
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

            int debt = h.debt[slot];
            if (debt == 0) {
                if (random.nextDouble() < debtIn * (1.0 + (unemployed ? p.unemploymentRisk() : 0.0) + lowRisk)) {
                    h.debt[slot] = 1;
                }
            } else {
                double r = random.nextDouble();
                double out = debtOut * (h.employed(slot) > 0 && !low ? 2.0 : 1.0);
                if (r < out) {
                    h.debt[slot] = 0;
                } else if (r < out + debtUp && debt < 3) {
                    h.debt[slot] = (byte) (debt + 1);
                } else if (debt == 3 && dw.tenure[d] != Tenure.OWNER && h.forced[slot] == 0
                        && random.nextDouble() < evict) {
                    nb.evictions[j]++;
                    h.forced[slot] = 1;
                    h.searchSince[slot] = tick;
                    h.debt[slot] = 2;
                }
            }

            boolean poorParent = h.anyPoorMentalHealth(slot);
            if (h.children[slot] > 0) {
                int y = h.youth[slot];
                if (y == 0) {
                    double risk = 1.0 + (poorParent ? p.debtRisk() : 0.0) + (h.debt[slot] > 0 ? p.debtRisk() : 0.0) + lowRisk;
                    if (random.nextDouble() < youthIn * risk * placeRisk[j]) {
                        h.youth[slot] = 1;
                    }
                } else if (y < 3) {
                    double r = random.nextDouble();
                    if (r < youthOut) {
                        h.youth[slot] = 0;
                    } else if (r < youthOut + youthUp) {
                        h.youth[slot] = (byte) (y + 1);
                        if (y + 1 == 3) {
                            nb.supervisionOrders[j]++;
                        }
                    }
                } else if (random.nextDouble() < orderEnd) {
                    h.youth[slot] = 0;
                }
            } else {
                h.youth[slot] = 0;
            }

            double shared = (1.0 + (h.debt[slot] > 0 ? p.debtRisk() : 0.0) + lowRisk) * placeRisk[j];
            for (int a = 0; a < h.adults[slot]; a++) {
                int k = 2 * slot + a;
                switch (h.mental[k]) {
                    case Households.GOOD -> {
                        double risk = shared + (h.status[k] == Households.UNEMPLOYED ? p.unemploymentRisk() * placeRisk[j] : 0.0);
                        if (random.nextDouble() < mentalIn * risk) {
                            h.mental[k] = Households.POOR;
                        }
                    }
                    case Households.POOR -> {
                        double r = random.nextDouble();
                        if (r < mentalOut) {
                            h.mental[k] = Households.GOOD;
                        } else if (r < mentalOut + severeIn) {
                            h.mental[k] = Households.SEVERE;
                            nb.secondLineCare[j]++;
                        }
                    }
                    default -> {
                        if (random.nextDouble() < severeOut) {
                            h.mental[k] = Households.POOR;
                        }
                    }
                }
            }
        }
    }
}
