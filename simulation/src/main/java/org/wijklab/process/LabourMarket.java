package org.wijklab.process;

import ec.util.MersenneTwisterFast;
import org.wijklab.model.Blocks;
import org.wijklab.model.CostLedger;
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
 * more inactive adults looking for work) and local jobs in their targets. Pay is revalued once a year (the economy's wage level and each worker's experience); incomes follow every change. The adults of a
 * household compete for one uniform draw a month (from its block's stream), so at most one of
 * them changes state. The blocks of households are stepped in parallel.
 */
public final class LabourMarket implements Steppable {
    private static final long serialVersionUID = 1L;
    private final WijkLabModel model;
    private double[] findingByNeighbourhood = new double[0];
    /** Per block and neighbourhood: social assistance avoided this month (summed in block order). */
    private double[][] avoided = new double[0][0];
    /** Per neighbourhood, education, state and health: the monthly chance of leaving the state. */
    private transient double[] hazard;
    /** Per neighbourhood: no programme adds to job finding or local jobs this month. */
    private transient boolean[] noProgramme;

    public LabourMarket(WijkLabModel model) {
        this.model = model;
    }

    @Override
    public void step(SimState state) {
        Scenario.Labour lab = model.scenario().labour();
        Households h = model.households();
        Neighbourhoods nb = model.neighbourhoods();
        if (findingByNeighbourhood.length != nb.count) {
            findingByNeighbourhood = new double[nb.count];
        }
        double city = Math.max(0.05, model.cityEmploymentRate);
        for (int j = 0; j < nb.count; j++) {
            double contacts = StrictMath.pow(Math.max(0.05, nb.employmentRate[j]) / city, lab.contactsEffect());
            double stigma = StrictMath.exp(lab.stigmaEffect() * (nb.reputation[j] - 100.0) / 100.0);
            findingByNeighbourhood[j] = lab.jobFindingMonthly() * model.jobFindingMultiplier * contacts * stigma;
        }
        double loss = lab.jobLossMonthly() * model.jobLossMultiplier;
        double discouragement = lab.discouragementMonthly();
        double activation = lab.activationMonthly();
        double[] eduFind = lab.jobFindingByEducation();
        double[] eduLoss = lab.jobLossByEducation();
        double poorFind = lab.poorHealthFinding();
        double poorLoss = lab.poorHealthLoss();
        // pay is revalued once a year, in the first month of each year (the economy raised the wage
        // level; each person's experience counts up to now): every income is recomputed then
        boolean raise = Math.floorMod(model.tick(), 12) == 1;
        int tick = model.tick();
        org.wijklab.model.PolicyEffects fx = model.effects();
        double benefitYear = model.scenario().policy().costs().benefitYear();
        Blocks blocks = model.blocks();
        if (avoided.length != blocks.count() || avoided[0].length != nb.count) {
            avoided = new double[blocks.count()][nb.count];
        }
        // Each adult's monthly chance of leaving its state, by neighbourhood, education, state and
        // health, as the loop below computes it. Where no programme acts and wages do not rise this
        // month, a household whose draw is above the sum for its adults (with a margin for
        // rounding) changes nothing, and skips the loop: the same decisions, fewer branches.
        int levels = eduFind.length;
        org.wijklab.scenario.Policy.Help hp = model.scenario().policy().help();
        double lockIn = 1.0 - hp.lockIn();
        double skillFinding = hp.skillFinding();
        double indebted = 1.0 + hp.debtJobLoss();
        double parentTime = 1.0 - hp.youthParentTime();
        org.wijklab.model.Persons persons = model.persons();
        // the bound below must hold for every person: skill raises job finding by up to (1 + skillFinding),
        // debts raise job loss by (1 + debtJobLoss); lock-in and a child's problems only lower a hazard
        // a member of a resident initiative finds work (1 + activation) as readily (volunteer roles)
        double volunteer = 1.0 + model.scenario().policy().initiatives().activation();
        double skillBound = (1.0 + Math.max(0.0, skillFinding)) * volunteer;
        double debtBound = Math.max(1.0, indebted);
        if (hazard == null || hazard.length != nb.count * levels * 8) {
            hazard = new double[nb.count * levels * 8];
            noProgramme = new boolean[nb.count];
        }
        for (int j = 0; j < nb.count; j++) {
            double boost = fx.jobFinding[j];
            double local = fx.localJobs[j];
            noProgramme[j] = boost == 0.0 && local == 0.0;
            for (int edu = 0; edu < levels; edu++) {
                int base = (j * levels + edu) * 8;
                for (int poor = 0; poor < 2; poor++) {
                    boolean isPoor = poor == 1;
                    double find = findingByNeighbourhood[j] * eduFind[edu] * (isPoor ? poorFind : 1.0);
                    hazard[base + 2 * Households.EMPLOYED + poor] = loss * eduLoss[edu] * (isPoor ? poorLoss : 1.0) * debtBound;
                    hazard[base + 2 * Households.UNEMPLOYED + poor] = Math.min(1.0, find * skillBound * (1.0 + boost) + local)
                            + discouragement;
                    hazard[base + 2 * Households.INACTIVE + poor] = activation * (isPoor ? poorFind : 1.0) * (1.0 + boost);
                    hazard[base + 2 * Households.RETIRED + poor] = 0.0;
                }
            }
        }
        boolean skipping = !raise && Bounds.skipQuietMonths && lockIn >= 0 && lockIn <= 1 && parentTime >= 0
                && parentTime <= 1 && skillFinding >= 0;
        blocks.forEach(b -> {
            double[] saved = avoided[b];
            java.util.Arrays.fill(saved, 0.0);
            MersenneTwisterFast random = blocks.random(b);
            for (int slot = blocks.from(b), end = blocks.to(b); slot < end; slot++) {
                int j = h.hood[slot];
                if (j < 0) {
                    continue;
                }
                double boost = fx.jobFinding[j];
                double local = fx.localJobs[j];
                // an adult's WW steps down or runs out this month: the income changes without an event
                boolean changed = h.incomeChange[slot] <= tick;
                int n = h.adults[slot];
                // the adults' transitions compete for one uniform draw per household and month
                double u = random.nextDouble();
                if (skipping && noProgramme[j] && !changed) {
                    int k = 2 * slot;
                    double first = hazard[(j * levels + h.adultEducation[k]) * 8 + 2 * h.status[k]
                            + (h.mental[k] != Households.GOOD ? 1 : 0)];
                    double second = hazard[(j * levels + h.adultEducation[k + 1]) * 8 + 2 * h.status[k + 1]
                            + (h.mental[k + 1] != Households.GOOD ? 1 : 0)];
                    if (u >= (first + second * (n >> 1)) * Bounds.MARGIN) {
                        continue;
                    }
                }
                boolean moved = false;
                // problems that weigh on work: debts on keeping a job, a child's problems on a parent's search
                double keep = h.debt[slot] > 0 ? indebted : 1.0;
                double time = h.youth[slot] > 0 ? parentTime : 1.0;
                for (int a = 0; a < n; a++) {
                    int k = 2 * slot + a;
                    // each adult by its own education, and its own skill or activation place
                    int edu = h.adultEducation[k];
                    int p = h.adultPerson[k];
                    boolean poor = h.mental[k] != Households.GOOD;
                    switch (h.status[k]) {
                        case Households.EMPLOYED -> {
                            double pl = loss * eduLoss[edu] * (poor ? poorLoss : 1.0) * keep;
                            if (!moved && u < pl) {
                                model.changeStatus(k, Households.UNEMPLOYED);
                                moved = true;
                            } else {
                                u -= pl;
                            }
                        }
                        case Households.UNEMPLOYED -> {
                            // the person's own arrays (scattered over the slots) are read only for a job seeker
                            double own = p < 0 ? 1.0 : (persons.activationLeft[p] > 0 ? lockIn : 1.0 + skillFinding * persons.skill[p])
                                    * (persons.initiative[p] >= 0 ? volunteer : 1.0);
                            double find = findingByNeighbourhood[j] * eduFind[edu] * own * time;
                            // a job seeker in an activation place does not give up the search while it lasts
                            double quit = p >= 0 && persons.activationLeft[p] > 0 ? 0.0 : discouragement;
                            double plain = find * (poor ? poorFind : 1.0);
                            double pf = Math.min(1.0, plain * (1.0 + boost) + local);
                            if (pf > plain && h.assisted[slot]) {
                                // activation and local jobs: a year of social assistance avoided per extra job found
                                // by an adult of a household on social assistance
                                saved[j] += (pf - plain) * benefitYear;
                            }
                            if (!moved && u < pf) {
                                model.changeStatus(k, Households.EMPLOYED);
                                moved = true;
                            } else if (!moved && u < pf + quit) {
                                model.changeStatus(k, Households.INACTIVE);
                                moved = true;
                            } else {
                                u -= pf + quit;
                            }
                        }
                        case Households.INACTIVE -> {
                            double pa = activation * (poor ? poorFind : 1.0) * (1.0 + boost);
                            if (!moved && u < pa) {
                                model.changeStatus(k, Households.UNEMPLOYED);
                                moved = true;
                            } else {
                                u -= pa;
                            }
                        }
                        default -> {
                        }
                    }
                }
                if (changed || moved || raise) {
                    model.updateIncome(slot);
                }
            }
        });
        for (double[] saved : avoided) {
            for (int j = 0; j < nb.count; j++) {
                if (saved[j] != 0.0) {
                    model.costs().avoided(j, CostLedger.MUNICIPALITY, saved[j]);
                }
            }
        }
    }
}
