package org.wijklab.process;

import ec.util.MersenneTwisterFast;
import org.wijklab.model.Dwellings;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The city-wide labour market. Each working-age adult moves between employed, unemployed and
 * inactive with monthly hazards. Job loss depends on education, health and the economy; job
 * finding also on employed contacts (the neighbourhood's employment rate against the city's) and
 * on address stigma (the neighbourhood's reputation). Jobs are not local: only the odds are.
 * Programmes add activation (work theme, initiatives' volunteer roles: more job finding and
 * more inactive adults looking for work) and local jobs in their targets. Wages of the employed rise once a year; incomes follow every change. The adults of a
 * household compete for one uniform draw a month, so at most one of them changes state.
 */
public final class LabourMarket implements Steppable {
    private static final long serialVersionUID = 1L;
    private final WijkLabModel model;
    private double[] findingByNeighbourhood = new double[0];

    public LabourMarket(WijkLabModel model) {
        this.model = model;
    }

    @Override
    public void step(SimState state) {
        Scenario.Labour lab = model.scenario().labour();
        Households h = model.households();
        Dwellings dw = model.dwellings();
        Neighbourhoods nb = model.neighbourhoods();
        MersenneTwisterFast random = model.random;
        if (findingByNeighbourhood.length != nb.count) {
            findingByNeighbourhood = new double[nb.count];
        }
        double city = Math.max(0.05, model.cityEmploymentRate);
        for (int j = 0; j < nb.count; j++) {
            double contacts = Math.pow(Math.max(0.05, nb.employmentRate[j]) / city, lab.contactsEffect());
            double stigma = Math.exp(lab.stigmaEffect() * (nb.reputation[j] - 100.0) / 100.0);
            findingByNeighbourhood[j] = lab.jobFindingMonthly() * model.jobFindingMultiplier * contacts * stigma;
        }
        double loss = lab.jobLossMonthly() * model.jobLossMultiplier;
        double discouragement = lab.discouragementMonthly();
        double activation = lab.activationMonthly();
        double[] eduFind = lab.jobFindingByEducation();
        double[] eduLoss = lab.jobLossByEducation();
        double poorFind = lab.poorHealthFinding();
        double poorLoss = lab.poorHealthLoss();
        // wages rise once a year, in the first month of each year
        float growth = (float) (1.0 + lab.wageGrowth());
        boolean raise = Math.floorMod(model.tick(), 12) == 1;
        org.wijklab.model.PolicyEffects fx = model.effects();
        double benefitYear = model.scenario().policy().costs().benefitYear();

        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.dwelling[slot] < 0) {
                continue;
            }
            int edu = h.education[slot];
            int j = dw.neighbourhood[h.dwelling[slot]];
            double boost = fx.jobFinding[j];
            double find = findingByNeighbourhood[j] * eduFind[edu];
            double local = fx.localJobs[j];
            boolean changed = false;
            boolean employed = false;
            int n = h.adults[slot];
            // the adults' transitions compete for one uniform draw per household and month
            double u = random.nextDouble();
            for (int a = 0; a < n; a++) {
                int k = 2 * slot + a;
                boolean poor = h.mental[k] != Households.GOOD;
                switch (h.status[k]) {
                    case Households.EMPLOYED -> {
                        double pl = loss * eduLoss[edu] * (poor ? poorLoss : 1.0);
                        if (!changed && u < pl) {
                            h.status[k] = Households.UNEMPLOYED;
                            changed = true;
                        } else {
                            employed = true;
                            u -= pl;
                        }
                    }
                    case Households.UNEMPLOYED -> {
                        double plain = find * (poor ? poorFind : 1.0);
                        double pf = Math.min(1.0, plain * (1.0 + boost) + local);
                        if (pf > plain && h.employed(slot) == 0) {
                            // activation and local jobs: a year of social assistance avoided per extra job found
                            model.costs().avoided(j, org.wijklab.model.CostLedger.MUNICIPALITY, (pf - plain) * benefitYear);
                        }
                        if (!changed && u < pf) {
                            h.status[k] = Households.EMPLOYED;
                            employed = true;
                            changed = true;
                        } else if (!changed && u < pf + discouragement) {
                            h.status[k] = Households.INACTIVE;
                            changed = true;
                        } else {
                            u -= pf + discouragement;
                        }
                    }
                    case Households.INACTIVE -> {
                        double pa = activation * (poor ? poorFind : 1.0) * (1.0 + boost);
                        if (!changed && u < pa) {
                            h.status[k] = Households.UNEMPLOYED;
                            changed = true;
                        } else {
                            u -= pa;
                        }
                    }
                    default -> {
                    }
                }
            }
            if (employed && raise) {
                h.wage[slot] *= growth;
            }
            if (changed || (employed && raise)) {
                model.updateIncome(slot);
            }
        }
    }
}
