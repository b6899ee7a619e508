package org.wijklab.process;

import ec.util.MersenneTwisterFast;
import org.wijklab.model.Blocks;
import org.wijklab.model.CostLedger;
import org.wijklab.model.Help;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Persons;
import org.wijklab.model.PolicyEffects;
import org.wijklab.model.Professionals;
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
 * Where a programme's team works, its professionals find households with a problem (a monthly
 * chance set by the team's proximity and knowledge of its area, the professional's months in post,
 * higher for graver problems) while they have room under the caseload norms, and treat them:
 * escalation slows and resolution speeds up, more as the professional comes to know the family.
 * An integral case has one professional for all of a family's problems; a fragmented service gives
 * a family one professional per problem type, each extra one costing every holder coordination
 * time and the family a delay before the plan is agreed (docs/ODD.md §7.5). The learning and health
 * themes lower the onset of youth and mental-health problems. Escalations are costed to the party
 * that pays for them, and treatment books the expected cost it avoids (see bookAvoided).
 *
 * <p>The case management goes first, in slot order on the model's thread, since a professional's
 * caseload is shared by the households of its team's area. Then the blocks of households are stepped in parallel: the transitions of
 * a household compete, one uniform draw per household and month (from its block's stream) decides
 * which one, if any, happens (in the order debts, youth, mental health), so a household makes at
 * most one problem transition a month.
 */
public final class Problems implements Steppable {
    private static final long serialVersionUID = 1L;
    private final WijkLabModel model;
    private double[] placeRisk = new double[0];
    private static final int EVICTIONS = 0;
    private static final int ORDERS = 1;
    private static final int SECOND_LINE = 2;
    /** Per block: costs of escalations and costs avoided per neighbourhood and party, and event counts. */
    private double[][] escalation = new double[0][0];
    private double[][] avoided = new double[0][0];
    private int[][] events = new int[0][0];
    /** Per neighbourhood: a draw at or above this makes no problem transition this month. */
    private double[] noTransition = new double[0];
    /** Per block: the households with an open case or a problem this month, in slot order. */
    private int[][] candidates = new int[0][0];
    private int[] candidateCount = new int[0];

    /** The fading of a relapse risk by months since the recovery or the debts' end (scratch, made anew after a restore). */
    private transient Decay relapse;

    public Problems(WijkLabModel model) {
        this.model = model;
    }

    @Override
    public void step(SimState state) {
        Scenario.Problems p = model.scenario().problems();
        Policy.Costs c = model.scenario().policy().costs();
        int caseMonths = model.scenario().policy().services().caseMonths();
        Households h = model.households();
        Neighbourhoods nb = model.neighbourhoods();
        PolicyEffects fx = model.effects();
        CostLedger ledger = model.costs();
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
        // job insecurity: while jobs are lost faster than usual (a crisis, the cycle's low), the
        // labour force's onset of mental-health problems rises with it, and falls in good times
        double strain = Math.max(0.0, 1.0 + p.insecurityRisk() * (model.jobLossMultiplier - 1.0));
        Policy.Help hp = model.scenario().policy().help();
        boolean relapseSigned = hp.debtRelapse() >= 0 && hp.mentalRelapse() >= 0 && hp.treatmentEffect() >= 0
                && hp.treatmentEffect() <= 1 && hp.helpedRelapse() >= 0 && hp.helpedRelapse() <= 1;
        relapse = Decay.of(relapse, 12.0 * hp.relapseYears());
        Decay relapseScale = relapse;
        Persons persons = model.persons();

        manageCases(h, fx, caseMonths, tick);

        // An upper bound, per neighbourhood, of a household's summed chances of a problem
        // transition this month, over every state it can be in. A household whose draw is at or
        // above it makes no transition (the competing chances are all non-negative), so it skips
        // the chain below: the same decisions, with fewer branches. Where a chance could be
        // negative (parameters outside their usual range) there is no bound and no skipping.
        if (noTransition.length != nb.count) {
            noTransition = new double[nb.count];
        }
        boolean signed = Math.min(Math.min(Math.min(debtIn, debtUp), Math.min(debtOut, evict)),
                Math.min(Math.min(Math.min(youthIn, youthUp), Math.min(youthOut, orderEnd)),
                Math.min(Math.min(mentalIn, mentalOut), Math.min(severeIn, severeOut)))) >= 0
                && Math.min(Math.min(p.unemploymentRisk(), p.lowIncomeRisk()),
                        Math.min(p.poorHealthRisk(), p.debtRisk())) >= 0;
        for (int j = 0; j < nb.count; j++) {
            double tr = fx.treatment[j];
            if (!Bounds.skipQuietMonths || !signed || placeRisk[j] < 0 || tr < 0 || tr > 1 || !relapseSigned
                    || fx.youthPrevention[j] > 1) {
                noTransition[j] = Double.POSITIVE_INFINITY;
                continue;
            }
            // a relapse raises an onset at most by (1 + relapse); a treatment place speeds recovery by (1 + its effect)
            double debtStart = debtIn * (1.0 + p.unemploymentRisk() + p.lowIncomeRisk() + p.poorHealthRisk())
                    * (1.0 + hp.debtRelapse());
            double debtOn = debtOut * 2.0 * (1.0 + tr) + Math.max(debtUp, evict);
            double youthStart = youthIn * (1.0 + p.poorHealthRisk() + p.debtRisk() + p.lowIncomeRisk()) * placeRisk[j]
                    * (1.0 - fx.youthPrevention[j]);
            double youthOn = Math.max(youthOut * (1.0 + tr) + youthUp, orderEnd);
            double mentalStart = mentalIn * ((1.0 + p.debtRisk() + p.lowIncomeRisk()) * placeRisk[j]
                    + p.unemploymentRisk() * placeRisk[j]) * Math.max(1.0, strain) * (1.0 + hp.mentalRelapse());
            double mentalOn = Math.max(mentalOut * (1.0 + hp.treatmentEffect()) * (1.0 + tr) + severeIn, severeOut);
            noTransition[j] = (Math.max(debtStart, debtOn) + Math.max(youthStart, youthOn)
                    + 2.0 * Math.max(mentalStart, mentalOn)) * Bounds.MARGIN;
        }

        Chances ch = new Chances(debtIn, debtUp, debtOut, evict, youthIn, youthUp, youthOut, orderEnd, mentalIn, mentalOut,
                severeIn, severeOut, strain, 1.0 + hp.debtRelapse(), 1.0 + hp.mentalRelapse(), 1.0 + hp.treatmentEffect());
        Blocks blocks = model.blocks();
        int cells = nb.count * CostLedger.PARTIES;
        if (escalation.length != blocks.count() || escalation[0].length != cells) {
            escalation = new double[blocks.count()][cells];
            avoided = new double[blocks.count()][cells];
            events = new int[blocks.count()][3 * nb.count];
        }
        blocks.forEach(blk -> {
            double[] esc = escalation[blk];
            double[] avo = avoided[blk];
            int[] ev = events[blk];
            java.util.Arrays.fill(esc, 0.0);
            java.util.Arrays.fill(avo, 0.0);
            java.util.Arrays.fill(ev, 0);
            MersenneTwisterFast random = blocks.random(blk);
            float[] treat = model.professionals().treat;
        for (int slot = blocks.from(blk), end = blocks.to(blk); slot < end; slot++) {
            int j = h.hood[slot];
            if (j < 0) {
                continue;
            }
            bookRunningCosts(h, slot, j, c, esc);

            // the month's treatment per problem type, set by the case management above
            boolean held = h.caseType[slot] != Households.CASE_NONE;
            double tDebt = held ? treat[Professionals.TYPES * slot + Professionals.DEBT] : 0.0;
            double tYouth = held ? treat[Professionals.TYPES * slot + Professionals.YOUTH] : 0.0;
            double tMental = held ? treat[Professionals.TYPES * slot + Professionals.MENTAL] : 0.0;
            if (tDebt > 0 || tYouth > 0 || tMental > 0) {
                bookAvoided(h, slot, h.tenure[slot] != Tenure.OWNER, j, tDebt, tYouth, tMental, p, c, avo);
            }

            // competing transitions: one uniform decides which one (if any) happens this month
            double u = random.nextDouble();
            if (u >= noTransition[j]) {
                if (h.children[slot] == 0 && h.youth[slot] != 0) {
                    h.youth[slot] = 0;
                }
                continue;
            }
            boolean unemployed = h.anyUnemployed(slot);
            boolean low = h.equivalisedIncome(slot) < threshold;
            double lowRisk = low ? p.lowIncomeRisk() : 0.0;
            boolean poorHealth = h.anyPoorMentalHealth(slot);
            int debt = h.debt[slot];
            if (noTransition[j] != Double.POSITIVE_INFINITY && tDebt >= 0 && tDebt <= 1 && tYouth >= 0 && tYouth <= 1
                    && tMental >= 0 && tMental <= 1
                    && quiet(h, slot, u, ch, p, placeRisk[j], fx.youthPrevention[j], unemployed, low, lowRisk, poorHealth,
                            tDebt, tYouth, tMental)) {
                if (h.children[slot] == 0 && h.youth[slot] != 0) {
                    h.youth[slot] = 0;
                }
                continue;
            }
            if (debt == 0) {
                double p0 = debtIn * (1.0 + (unemployed ? p.unemploymentRisk() : 0.0) + lowRisk
                        + (poorHealth ? p.poorHealthRisk() : 0.0)) * debtRelapse(h, slot, persons, hp, relapseScale, tick);
                if (u < p0) {
                    h.debt[slot] = 1;
                    continue;
                }
                u -= p0;
            } else {
                double out = debtOut * (h.employed(slot) > 0 && !low ? 2.0 : 1.0) * (1.0 + tDebt);
                if (u < out) {
                    h.debt[slot] = 0;
                    debtsResolved(h, slot, persons, tDebt > 0, tick);
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
                } else if (h.tenure[slot] != Tenure.OWNER && h.forced[slot] == Households.FORCED_NO) {
                    double evictNow = evict * (1.0 - tDebt);
                    if (u < evictNow) {
                        ev[EVICTIONS * nb.count + j]++;
                        esc[j * CostLedger.PARTIES + CostLedger.HOUSING_CORPORATION] += c.evictionDirect();
                        esc[j * CostLedger.PARTIES + CostLedger.MUNICIPALITY] += c.evictionSocial();
                        h.forced[slot] = Households.FORCED_EVICTED;
                        h.searchSince[slot] = Persons.month(tick);
                        h.debt[slot] = 2;
                        continue;
                    }
                    u -= evictNow;
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
                            ev[ORDERS * nb.count + j]++;
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

            double shared = (1.0 + (h.debt[slot] > 0 ? p.debtRisk() : 0.0) + lowRisk) * placeRisk[j];
            adults:
            for (int a = 0; a < h.adults[slot]; a++) {
                int k = 2 * slot + a;
                int person = h.adultPerson[k];
                switch (h.mental[k]) {
                    case Households.GOOD -> {
                        byte status = h.status[k];
                        double risk = onsetRisk(status, shared, p.unemploymentRisk() * placeRisk[j], strain);
                        double p0 = mentalIn * risk * mentalRelapse(person, persons, hp, relapseScale, tick);
                        if (u < p0) {
                            h.mental[k] = Households.POOR;
                            break adults;
                        }
                        u -= p0;
                    }
                    case Households.POOR -> {
                        // treated by the team's case, or in a treatment place of the health theme
                        double place = person >= 0 && persons.treatmentLeft[person] > 0 ? hp.treatmentEffect() : 0.0;
                        double recover = mentalOut * (1.0 + tMental) * (1.0 + place);
                        double severe = severeIn * (1.0 - tMental) * (1.0 - place);
                        if (u < recover) {
                            h.mental[k] = Households.GOOD;
                            if (person >= 0) {
                                persons.recoveredAt[person] = Persons.month(tick);
                                persons.legacy[person] = (byte) (tMental > 0 || place > 0
                                        ? persons.legacy[person] | Help.TREATED_RECOVERY
                                        : persons.legacy[person] & ~Help.TREATED_RECOVERY);
                            }
                            break adults;
                        } else if (u < recover + severe) {
                            h.mental[k] = Households.SEVERE;
                            ev[SECOND_LINE * nb.count + j]++;
                            // an inactive adult in severe poor health may now live on a disability benefit
                            model.updateIncome(slot);
                            break adults;
                        }
                        u -= recover + severe;
                    }
                    default -> {
                        if (u < severeOut) {
                            h.mental[k] = Households.POOR;
                            // and off it again on recovery
                            model.updateIncome(slot);
                            break adults;
                        }
                        u -= severeOut;
                    }
                }
            }
        }
        });
        // the blocks' partials, in block order: the same sums whatever the number of threads
        for (int blk = 0; blk < blocks.count(); blk++) {
            for (int j = 0; j < nb.count; j++) {
                nb.evictions[j] += events[blk][EVICTIONS * nb.count + j];
                nb.supervisionOrders[j] += events[blk][ORDERS * nb.count + j];
                nb.secondLineCare[j] += events[blk][SECOND_LINE * nb.count + j];
                for (int party = 0; party < CostLedger.PARTIES; party++) {
                    double e = escalation[blk][j * CostLedger.PARTIES + party];
                    if (e != 0.0) {
                        ledger.escalation(j, party, e);
                    }
                    double v = avoided[blk][j * CostLedger.PARTIES + party];
                    if (v != 0.0) {
                        ledger.avoided(j, party, v);
                    }
                }
            }
        }
    }

    /**
     * An adult's factor on the onset of poor mental health (the city's and the region's): the
     * household's shared risk, plus {@code unemployedExtra} when unemployed, times the labour
     * force's job insecurity ({@code strain}) when in the labour force.
     */
    static double onsetRisk(byte status, double shared, double unemployedExtra, double strain) {
        double risk = shared + (status == Households.UNEMPLOYED ? unemployedExtra : 0.0);
        return status == Households.EMPLOYED || status == Households.UNEMPLOYED ? risk * strain : risk;
    }

    /** The month's chances a household's quiet bound reads, with the largest relapse and treatment factors. */
    private record Chances(double debtIn, double debtUp, double debtOut, double evict, double youthIn, double youthUp,
            double youthOut, double orderEnd, double mentalIn, double mentalOut, double severeIn, double severeOut,
            double strain, double debtRelapseMax, double mentalRelapseMax, double treatmentPlaceMax) {
    }

    /**
     * Whether draw u makes no transition of household {@code slot} this month: u at or above an
     * upper bound of its summed chances in the states it is in ({@link Bounds}). Each term is the
     * chain's own (the same expression, the same treatment), but for what lies in its persons: a
     * relapse factor is taken at its largest (1 + relapse: fading and the helped share are at most
     * 1) and a treatment place's effect on recovery at its largest (on the way to severe at none),
     * so a quiet household's persons are not read. Only where the neighbourhood's bound exists
     * ({@link #noTransition} finite: every chance non-negative) and the household's treatments lie
     * in [0, 1].
     */
    private static boolean quiet(Households h, int slot, double u, Chances ch, Scenario.Problems p, double placeRisk,
            double prevention, boolean unemployed, boolean low, double lowRisk, boolean poorHealth, double tDebt,
            double tYouth, double tMental) {
        int debt = h.debt[slot];
        double bound;
        if (debt == 0) {
            bound = ch.debtIn() * (1.0 + (unemployed ? p.unemploymentRisk() : 0.0) + lowRisk
                    + (poorHealth ? p.poorHealthRisk() : 0.0)) * ch.debtRelapseMax();
        } else {
            bound = ch.debtOut() * (h.employed(slot) > 0 && !low ? 2.0 : 1.0) * (1.0 + tDebt);
            if (debt < 3) {
                bound += ch.debtUp() * (1.0 - tDebt);
            } else if (h.tenure[slot] != Tenure.OWNER && h.forced[slot] == Households.FORCED_NO) {
                bound += ch.evict() * (1.0 - tDebt);
            }
        }
        if (h.children[slot] > 0) {
            int y = h.youth[slot];
            if (y == 0) {
                double risk = 1.0 + (poorHealth ? p.poorHealthRisk() : 0.0) + (debt > 0 ? p.debtRisk() : 0.0) + lowRisk;
                bound += ch.youthIn() * risk * placeRisk * (1.0 - prevention);
            } else if (y < 3) {
                bound += ch.youthOut() * (1.0 + tYouth) + ch.youthUp() * (1.0 - tYouth);
            } else {
                bound += ch.orderEnd();
            }
        }
        double shared = (1.0 + (debt > 0 ? p.debtRisk() : 0.0) + lowRisk) * placeRisk;
        for (int a = 0; a < h.adults[slot]; a++) {
            int k = 2 * slot + a;
            switch (h.mental[k]) {
                case Households.GOOD -> {
                    byte status = h.status[k];
                    double risk = onsetRisk(status, shared, p.unemploymentRisk() * placeRisk, ch.strain());
                    bound += ch.mentalIn() * risk * ch.mentalRelapseMax();
                }
                case Households.POOR -> bound += ch.mentalOut() * (1.0 + tMental) * ch.treatmentPlaceMax()
                        + ch.severeIn() * (1.0 - tMental);
                default -> bound += ch.severeOut();
            }
        }
        return u >= bound * Bounds.MARGIN;
    }

    /** How much fading is left of an extra risk that began at a tick (1 at once, exp(−months / scale) later; 0 if never). */
    private static double fading(int since, int tick, Decay scale) {
        return since == Help.NEVER ? 0.0 : scale.at(tick - since);
    }

    /**
     * The relapse factor of a household's debt onset: 1 + debtRelapse · fading since its adults'
     * last debts were resolved (the larger of its adults'), the excess times helpedRelapse when
     * counselling resolved them.
     */
    private static double debtRelapse(Households h, int slot, Persons ps, Policy.Help hp,
            Decay scale, int tick) {
        double most = 0.0;
        for (int a = 0; a < h.adults[slot]; a++) {
            int q = h.adultPerson[2 * slot + a];
            if (q >= 0 && ps.debtFreeAt[q] != Help.NEVER) {
                double f = fading(ps.debtFreeAt[q], tick, scale) * ((ps.legacy[q] & Help.COUNSELLED) != 0 ? hp.helpedRelapse() : 1.0);
                most = Math.max(most, f);
            }
        }
        return 1.0 + hp.debtRelapse() * most;
    }

    /** The relapse factor of an adult's onset of poor mental health after a recovery (smaller when the recovery was treated). */
    private static double mentalRelapse(int q, Persons ps, Policy.Help hp, Decay scale, int tick) {
        if (q < 0 || ps.recoveredAt[q] == Help.NEVER) {
            return 1.0;
        }
        double f = fading(ps.recoveredAt[q], tick, scale) * ((ps.legacy[q] & Help.TREATED_RECOVERY) != 0 ? hp.helpedRelapse() : 1.0);
        return 1.0 + hp.mentalRelapse() * f;
    }

    /** A household's debts are resolved: its adults carry the date, and whether counselling did it. */
    private static void debtsResolved(Households h, int slot, Persons ps, boolean counselled, int tick) {
        for (int a = 0; a < h.adults[slot]; a++) {
            int q = h.adultPerson[2 * slot + a];
            if (q >= 0) {
                ps.debtFreeAt[q] = Persons.month(tick);
                ps.legacy[q] = (byte) (counselled ? ps.legacy[q] | Help.COUNSELLED : ps.legacy[q] & ~Help.COUNSELLED);
            }
        }
    }

    /**
     * The case management, in slot order on the model's thread (docs/ODD.md §7.5): each open case is
     * kept, changed or closed, and each household with a problem in a team's area may be found by a
     * professional with room for it, from each household's state at the start of the month. Then the
     * month's treatment of each held problem is set, and the open cases are counted where the
     * households live.
     */
    private void manageCases(Households h, PolicyEffects fx, int caseMonths, int tick) {
        int[] cases = fx.openCases;
        java.util.Arrays.fill(cases, 0);
        Professionals pr = model.professionals();
        if (!pr.any()) {
            return;
        }
        MersenneTwisterFast random = model.random;
        // the households a professional could act on (an open case, or a problem in a team's area),
        // found block by block in parallel; they are then visited in slot order
        Blocks blocks = model.blocks();
        if (candidates.length != blocks.count()) {
            candidates = new int[blocks.count()][64];
            candidateCount = new int[blocks.count()];
        }
        int[] holder = pr.holder;
        int types = Professionals.TYPES;
        blocks.forEach(b -> {
            int found = 0;
            for (int slot = blocks.from(b), end = blocks.to(b); slot < end; slot++) {
                int j = h.hood[slot];
                boolean held = holder[types * slot] >= 0 | holder[types * slot + 1] >= 0 | holder[types * slot + 2] >= 0;
                if (held || j >= 0 && pr.hoodTeam[j] >= 0 && (h.debt[slot] > 0 | h.youth[slot] > 0 | h.anyPoorMentalHealth(slot))) {
                    found = Blocks.append(candidates, b, found, slot);
                }
            }
            candidateCount[b] = found;
        });
        Policy.Services s = model.scenario().policy().services();
        for (int b = 0; b < blocks.count(); b++) {
            for (int i = 0; i < candidateCount[b]; i++) {
                manageCase(h, pr, fx, s, caseMonths, tick, candidates[b][i], random, cases);
            }
        }
    }

    /** Whether a household has a problem of type k now. */
    private static boolean has(Households h, int slot, int k) {
        return k == Professionals.DEBT ? h.debt[slot] > 0 : k == Professionals.YOUTH ? h.youth[slot] > 0
                : h.anyPoorMentalHealth(slot);
    }

    /**
     * A case's weight by the caseload norms: a multi-problem family (two or more problem types) is
     * 1/heavyCaseload of a professional, a family with one serious problem (debts or youth problems
     * at severity 2 or more, or severe mental health) 1/vulnerableCaseload, any other 1/otherCaseload.
     */
    static double weight(Households h, int slot, Policy.Services s) {
        int kind = Professionals.kind(h, slot);
        return kind == Professionals.HEAVY ? 1.0 / s.heavyCaseload()
                : kind == Professionals.VULNERABLE ? 1.0 / s.vulnerableCaseload() : 1.0 / s.otherCaseload();
    }

    /** Releases every holder of a household's case (its load falls by its share) and marks it closed. */
    private static void release(Households h, Professionals pr, int slot, double coordination, boolean alive) {
        int n = pr.holders(slot);
        double share = Professionals.share(pr.weight[slot], n, coordination);
        for (int k = 0; k < Professionals.TYPES; k++) {
            int q = pr.holder[Professionals.TYPES * slot + k];
            if (q >= 0) {
                pr.load[q] = Math.max(0.0, pr.load[q] - share);
                pr.holder[Professionals.TYPES * slot + k] = Professionals.NONE;
            }
            pr.treat[Professionals.TYPES * slot + k] = 0f;
        }
        if (alive) {
            h.caseType[slot] = Households.CASE_NONE;
        }
    }

    /**
     * Changes the professionals on a family from n to n ± 1: every holder's share is recomputed
     * ({@link Professionals#share}). Adding one (q ≥ 0, for type k) happens only if every holder,
     * q included, has room for its new share; returns whether the change was made.
     */
    private static boolean recompose(Professionals pr, int slot, int k, int q, double coordination) {
        int base = Professionals.TYPES * slot;
        int n = pr.holders(slot);
        double before = Professionals.share(pr.weight[slot], n, coordination);
        int m = q >= 0 ? n + 1 : n - 1;
        double after = Professionals.share(pr.weight[slot], m, coordination);
        if (q >= 0) {
            if (pr.load[q] + after > pr.capacity[q]) {
                return false;
            }
            for (int i = 0; i < Professionals.TYPES; i++) {
                int r = pr.holder[base + i];
                if (r >= 0 && pr.load[r] - before + after > pr.capacity[r]) {
                    return false;
                }
            }
        }
        for (int i = 0; i < Professionals.TYPES; i++) {
            int r = pr.holder[base + i];
            if (r >= 0) {
                pr.load[r] = Math.max(0.0, pr.load[r] - before);
            }
        }
        pr.holder[base + k] = q;
        for (int i = 0; i < Professionals.TYPES; i++) {
            int r = pr.holder[base + i];
            if (r >= 0) {
                pr.load[r] += after;
            }
        }
        return true;
    }

    /** The team's professional in post with the lowest load, not already on the family, or NONE. */
    private static int leastLoaded(Professionals pr, int t, int slot) {
        int best = Professionals.NONE;
        for (int q = pr.teamFirst[t], end = q + pr.teamSize[t]; q < end; q++) {
            if (!pr.inPost[q] || pr.holder[Professionals.TYPES * slot] == q || pr.holder[Professionals.TYPES * slot + 1] == q
                    || pr.holder[Professionals.TYPES * slot + 2] == q) {
                continue;
            }
            if (best < 0 || pr.load[q] < pr.load[best]) {
                best = q;
            }
        }
        return best;
    }

    /** One household's case: closed if finished, changed when its problems change, opened if a professional finds it and has room. */
    private void manageCase(Households h, Professionals pr, PolicyEffects fx, Policy.Services s, int caseMonths, int tick,
            int slot, MersenneTwisterFast random, int[] cases) {
        int j = h.hood[slot];
        int base = Professionals.TYPES * slot;
        double coordination = s.coordinationFte();
        boolean alive = j >= 0 && pr.family[slot] == h.id[slot];
        int n = pr.holders(slot);
        if (n > 0) {
            int first = pr.holder[base] >= 0 ? pr.holder[base] : pr.holder[base + 1] >= 0 ? pr.holder[base + 1] : pr.holder[base + 2];
            boolean problem = alive && (h.debt[slot] > 0 || h.youth[slot] > 0 || h.anyPoorMentalHealth(slot));
            int t = alive ? pr.teamOf(j, slot) : Professionals.NONE;
            if (!problem || fx.detection[j] == 0 || t != pr.team[first] || !pr.inPost[first]
                    || tick - h.caseSince[slot] >= caseMonths) {
                // solved, no team here this month, moved out of the professional's area, or too long open
                release(h, pr, slot, coordination, alive && h.caseType[slot] != Households.CASE_NONE);
                n = 0;
            } else if (h.caseType[slot] != Households.CASE_ALL) {
                // a fragmented service: a solved problem's professional leaves the family, a new problem gets its own
                for (int k = 0; k < Professionals.TYPES; k++) {
                    if (pr.holder[base + k] >= 0 && !has(h, slot, k) && pr.holders(slot) > 1) {
                        recompose(pr, slot, k, Professionals.NONE, coordination);
                    } else if (pr.holder[base + k] < 0 && has(h, slot, k)) {
                        int q = leastLoaded(pr, t, slot);
                        if (q >= 0 && recompose(pr, slot, k, q, coordination)) {
                            pr.holderSince[base + k] = tick;
                        }
                    }
                }
                n = pr.holders(slot);
            }
        } else if (j >= 0 && fx.detection[j] > 0) {
            int t = pr.teamOf(j, slot);
            if (t >= 0) {
                pr.family[slot] = h.id[slot];
                pr.weight[slot] = weight(h, slot, s);
                int q = leastLoaded(pr, t, slot);
                if (q >= 0 && pr.load[q] + pr.weight[slot] <= pr.capacity[q]
                        && random.nextDouble() < pr.teamDetection[t] * fx.referral[j]
                                * Professionals.knowing(tick - pr.startTick[q], s.newcomerEffect(), s.tenureMonths()) * risk(h, slot)) {
                    h.caseSince[slot] = Persons.month(tick);
                    if (pr.teamIntegral[t]) {
                        pr.holder[base] = q;
                        pr.holderSince[base] = tick;
                        pr.load[q] += pr.weight[slot];
                        h.caseType[slot] = Households.CASE_ALL;
                    } else {
                        // one professional per problem type: the finder takes the first, others the rest while they have room
                        int problems = 0;
                        for (int k = 0; k < Professionals.TYPES; k++) {
                            problems += has(h, slot, k) ? 1 : 0;
                        }
                        pr.weight[slot] /= Math.max(1, problems);
                        int firstType = -1;
                        for (int k = 0; k < Professionals.TYPES; k++) {
                            if (!has(h, slot, k)) {
                                continue;
                            }
                            int r = firstType < 0 ? q : leastLoaded(pr, t, slot);
                            if (r >= 0 && recompose(pr, slot, k, r, coordination)) {
                                pr.holderSince[base + k] = tick;
                                firstType = firstType < 0 ? k : firstType;
                            }
                        }
                        h.caseType[slot] = firstType == Professionals.DEBT ? Households.CASE_DEBT
                                : firstType == Professionals.YOUTH ? Households.CASE_YOUTH : Households.CASE_MENTAL;
                    }
                    n = pr.holders(slot);
                    if (n == 0) {
                        h.caseType[slot] = Households.CASE_NONE;
                    }
                }
            }
        }
        if (n == 0) {
            return;
        }
        // the month's treatment of each held problem: after the plan is agreed (planMonths per other
        // professional), by the team's cover and the holder's knowing of the family
        boolean integral = h.caseType[slot] == Households.CASE_ALL;
        int delay = fx.delay[j] * (n - 1);
        int on = 0;
        for (int k = 0; k < Professionals.TYPES; k++) {
            int kk = integral ? 0 : k;
            int q = pr.holder[base + kk];
            float tr = 0f;
            if (q >= 0 && tick - pr.holderSince[base + kk] >= delay) {
                double know = Professionals.knowing(pr.familyMonths(slot, kk, tick), s.newcomerEffect(), s.tenureMonths());
                tr = (float) Math.min(0.95, fx.treatment[j] * pr.teamSkills[pr.team[q]] * know);
                on |= 1 << k;
            }
            pr.treat[base + k] = tr;
        }
        cases[j]++;
        if (on != 0 && fx.teamProgramme[j] >= 0) {
            recordCase(h, slot, (on & 1 << Professionals.DEBT) != 0, (on & 1 << Professionals.YOUTH) != 0,
                    (on & 1 << Professionals.MENTAL) != 0, fx.teamProgramme[j], tick);
        }
    }

    /**
     * The help a treated case gives this month, per person: a case for every member; debt
     * counselling for the adults when the case covers debts and there are any; treatment for each
     * adult in poor mental health when it covers mental health; youth help for the children when it
     * covers youth problems and there are any (and a month of it adds to their learning exposure).
     */
    private void recordCase(Households h, int slot, boolean debtCase, boolean youthCase, boolean mental, int programme,
            int tick) {
        Persons ps = model.persons();
        Help help = model.help();
        boolean debts = debtCase && h.debt[slot] > 0;
        boolean youth = youthCase && h.youth[slot] > 0;
        for (int a = 0; a < h.adults[slot]; a++) {
            int k = 2 * slot + a;
            int q = h.adultPerson[k];
            help.give(ps, q, Help.CASE, programme, tick);
            if (debts) {
                help.give(ps, q, Help.DEBT, programme, tick);
            }
            if (mental && h.mental[k] != Households.GOOD) {
                help.give(ps, q, Help.TREATMENT, programme, tick);
            }
        }
        double learning = model.scenario().policy().help().youthHelpLearning();
        for (int c = h.firstChild[slot]; c >= 0; c = ps.nextChild[c]) {
            help.give(ps, c, Help.CASE, programme, tick);
            if (youth) {
                help.give(ps, c, Help.YOUTH, programme, tick);
                ps.learningSum[c] += (float) learning;
            }
        }
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
    private static void bookAvoided(Households h, int slot, boolean rented, int j, double tDebt, double tYouth,
            double tMental, Scenario.Problems p, Policy.Costs c, double[] avoided) {
        int row = j * CostLedger.PARTIES;
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
            double saved = du * (next - v[k]) + out * tDebt * v[k];
            double direct = c.evictionDirect() / cost;
            avoided[row + CostLedger.HOUSING_CORPORATION] += saved * direct;
            avoided[row + CostLedger.MUNICIPALITY] += saved * (1 - direct);
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
            avoided[row + CostLedger.MUNICIPALITY] += yUp * tYouth * (next - wk) + yOut * tYouth * wk;
        }
        if (tMental > 0) {
            double severe = p.mentalSevere() / 12.0;
            double recover = p.mentalRecovery() / 12.0;
            double care = c.secondLineCareYear() / Math.max(1e-9, p.severeRecovery());
            double vPoor = severe / (severe + recover) * care;
            for (int a = 0; a < h.adults[slot]; a++) {
                if (h.mental[2 * slot + a] == Households.POOR) {
                    avoided[row + CostLedger.HEALTH_INSURER] += severe * tMental * (care - vPoor) + recover * tMental * vPoor;
                }
            }
        }
    }

    /** Monthly costs of escalations in force: supervision orders, second-line care, social assistance. */
    private static void bookRunningCosts(Households h, int slot, int j, Policy.Costs c, double[] escalation) {
        int row = j * CostLedger.PARTIES;
        if (h.youth[slot] == 3) {
            escalation[row + CostLedger.MUNICIPALITY] += c.supervisionOrderYear() / 12.0;
        }
        int k = 2 * slot;
        int adults = h.adults[slot];
        if (adults > 0 & h.mental[k] == Households.SEVERE) {
            escalation[row + CostLedger.HEALTH_INSURER] += c.secondLineCareYear() / 12.0;
        }
        if (adults > 1 & h.mental[k + 1] == Households.SEVERE) {
            escalation[row + CostLedger.HEALTH_INSURER] += c.secondLineCareYear() / 12.0;
        }
        // the municipality pays social assistance to households topped up to the norm (not WW or disability benefits)
        if (h.assisted[slot]) {
            escalation[row + CostLedger.MUNICIPALITY] += c.benefitYear() / 12.0;
        }
    }
}
