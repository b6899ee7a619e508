package org.wijklab.scenario;

/**
 * How programmes, teams, best persons and initiatives work: the behavioural parameters shared by
 * every programme of a scenario (the programmes themselves say where, when and with how much).
 *
 * @param themes      dose-response of the six themes
 * @param services    social neighbourhood teams and the problems they treat
 * @param bestPersons emergence, energy and turnover of best persons
 * @param initiatives resident-run initiatives
 * @param help        help given to persons (activation and treatment places) and what it leaves them
 * @param costs       what escalations cost and who pays
 */
public record Policy(ThemeEffects themes, Services services, BestPersonParams bestPersons, Initiatives initiatives,
        Help help, Costs costs) implements java.io.Serializable {

    void validate(String p) {
        Check.present(p + ".themes", themes);
        themes.validate(p + ".themes");
        Check.present(p + ".services", services);
        services.validate(p + ".services");
        Check.present(p + ".bestPersons", bestPersons);
        bestPersons.validate(p + ".bestPersons");
        Check.present(p + ".initiatives", initiatives);
        initiatives.validate(p + ".initiatives");
        Check.present(p + ".help", help);
        help.validate(p + ".help");
        Check.present(p + ".costs", costs);
        costs.validate(p + ".costs");
    }

    /**
     * The themes that act on places (housing, learning, integration, safety): a theme's effect in a
     * target is {@code maxEffect · (1 − exp(−dose / doseScale))} with dose the theme's euros per
     * resident per year, times the programme's reach (coalition breadth), times the best-person
     * multiplier. The work and health themes buy places for persons instead ({@link Help}). Budgets
     * of several funders that are not pooled lose {@code fragmentationLoss} to overhead.
     *
     * @param doseScale         euro per resident per year at which a theme reaches 63 % of its maximum
     * @param maxEffect         maximum effect of the place themes: housing (dwelling quality a year),
     *                          learning (share of youth problems prevented), integration (extra months
     *                          of local acquaintance a month), safety (share of the problem pressure on
     *                          safety prevented, at most 0.95)
     * @param reachScale        coalition breadth at which reach is 63 % of its maximum
     * @param fragmentationLoss share of an unpooled budget of several funders lost to overhead
     */
    public record ThemeEffects(double doseScale, double[] maxEffect,
            double reachScale, double fragmentationLoss) implements java.io.Serializable {
        void validate(String p) {
            Check.positive(p + ".doseScale", doseScale);
            Check.length(p + ".maxEffect", maxEffect, 4);
            for (int i = 0; i < 4; i++) {
                Check.range(p + ".maxEffect[" + i + "]", maxEffect[i], 0.0, i == 3 ? 0.95 : 5.0);
            }
            Check.positive(p + ".reachScale", reachScale);
            Check.probability(p + ".fragmentationLoss", fragmentationLoss);
        }
    }

    /**
     * Social neighbourhood teams and their professionals (docs/ODD.md §7.2 (e), §7.5).
     *
     * @param fteCost              euro per professional (full-time equivalent) per year
     * @param overheadFte          fixed management per team, in FTE, taken from its members' time
     * @param criticalMassFte      team size at which it has 63 % of the cover and specialisation it needs
     * @param proximityScale       residents of a team's area at which knowing the area falls to 37 %
     * @param detectionMonthly     monthly chance that a settled, fully proximate professional finds a household's problem
     * @param treatmentEffect      how far treatment cuts escalation and speeds resolution (integral)
     * @param fragmentedEffect     the same for a professional treating one problem of a family
     * @param caseMonths           months a case stays open at most
     * @param heavyCaseload        multi-problem families one professional carries (norm)
     * @param vulnerableCaseload   families with one serious problem one professional carries (norm)
     * @param otherCaseload        other families one professional carries (norm)
     * @param coordinationFte      share of a professional taken by each other professional on the same family
     * @param planMonths           months to agree a plan per other professional on the family
     * @param tenureMonths         months in post (area) or with a family at which 63 % of the newcomer's gap is closed
     * @param newcomerEffect       a newcomer's detection and treatment as a share of a settled professional's
     * @param turnover             share of professionals leaving their post per year
     * @param travelShare          share of a professional's time spent travelling in an area of 10,000 residents
     *                             (growing with the square root of the area's residents)
     */
    public record Services(double fteCost, double overheadFte, double criticalMassFte,
            double proximityScale, double detectionMonthly, double treatmentEffect, double fragmentedEffect,
            int caseMonths, double heavyCaseload, double vulnerableCaseload, double otherCaseload,
            double coordinationFte, double planMonths, double tenureMonths, double newcomerEffect, double turnover,
            double travelShare) implements java.io.Serializable {
        void validate(String p) {
            Check.positive(p + ".fteCost", fteCost);
            Check.range(p + ".overheadFte", overheadFte, 0.0, 100.0);
            Check.positive(p + ".criticalMassFte", criticalMassFte);
            Check.positive(p + ".proximityScale", proximityScale);
            Check.probability(p + ".detectionMonthly", detectionMonthly);
            Check.probability(p + ".treatmentEffect", treatmentEffect);
            Check.probability(p + ".fragmentedEffect", fragmentedEffect);
            Check.range(p + ".caseMonths", caseMonths, 1, 240);
            Check.range(p + ".heavyCaseload", heavyCaseload, 1.0, 1000.0);
            Check.range(p + ".vulnerableCaseload", vulnerableCaseload, 1.0, 1000.0);
            Check.range(p + ".otherCaseload", otherCaseload, 1.0, 1000.0);
            Check.range(p + ".coordinationFte", coordinationFte, 0.0, 0.5);
            Check.range(p + ".planMonths", planMonths, 0.0, 24.0);
            Check.positive(p + ".tenureMonths", tenureMonths);
            Check.probability(p + ".newcomerEffect", newcomerEffect);
            Check.probability(p + ".turnover", turnover);
            Check.range(p + ".travelShare", travelShare, 0.0, 0.5);
        }
    }

    /**
     * Best persons: they emerge in a programme's targets where ownership support and room to act
     * allow, mobilise while their energy lasts, are drained by resistance (less under protection),
     * burn out or leave, and their effect decays afterwards.
     *
     * @param emergence        yearly chance a best person emerges with full ownership support and room to act
     * @param effect           theme effects are multiplied by (1 + effect · presence), team treatment by
     *                         (1 + effect · presence / 4); a fragmented team's delay halves while one is active
     * @param cohesionBoost    cohesion target raised while one is active (times the legacy afterwards)
     * @param resistance       yearly energy drain without protection (times 1 − protection; doubled once
     *                         the programme has ended)
     * @param fragmentedResistance extra drain where the team is fragmented (bureaucracy)
     * @param recharge         yearly energy regained, times the room to act
     * @param burnoutEnergy    energy below which a best person is exhausted
     * @param exhaustedYears   how long exhaustion lasts; then, while the programme runs, a return with a
     *                         chance equal to the protection, otherwise departure
     * @param leaveRate        yearly chance an active best person leaves for other work
     * @param legacyYears      time constant of the decay of a departed best person's effect
     */
    public record BestPersonParams(double emergence, double effect, double cohesionBoost, double resistance,
            double fragmentedResistance, double recharge, double burnoutEnergy, double exhaustedYears,
            double leaveRate, double legacyYears) implements java.io.Serializable {
        void validate(String p) {
            Check.range(p + ".emergence", emergence, 0.0, 12.0);
            Check.range(p + ".effect", effect, 0.0, 10.0);
            Check.range(p + ".cohesionBoost", cohesionBoost, 0.0, 1.0);
            Check.range(p + ".resistance", resistance, 0.0, 12.0);
            Check.range(p + ".fragmentedResistance", fragmentedResistance, 0.0, 12.0);
            Check.range(p + ".recharge", recharge, 0.0, 12.0);
            Check.probability(p + ".burnoutEnergy", burnoutEnergy);
            Check.range(p + ".exhaustedYears", exhaustedYears, 0.0, 50.0);
            Check.range(p + ".leaveRate", leaveRate, 0.0, 12.0);
            Check.positive(p + ".legacyYears", legacyYears);
        }
    }

    /**
     * Resident-run initiatives (community enterprises, resident-run libraries and centres).
     *
     * @param startRate      yearly chance one starts in a target with full ownership support, a best person
     *                       and full facilities (times the facilities share; a fifth without a best person;
     *                       half after the programme)
     * @param closeRate      yearly chance one closes without a best person around (a third with one; half
     *                       while the programme runs)
     * @param cohesionEffect cohesion target raised per initiative
     * @param activation     job-finding boost for unemployed residents per initiative (volunteer roles)
     * @param learning       extra chance per initiative that a child leaves home one education level up
     * @param jobs           local jobs per initiative filled by unemployed residents
     * @param maxPerTarget   most initiatives a neighbourhood holds
     */
    public record Initiatives(double startRate, double closeRate, double cohesionEffect, double activation,
            double learning, int jobs, int maxPerTarget) implements java.io.Serializable {
        void validate(String p) {
            Check.range(p + ".startRate", startRate, 0.0, 12.0);
            Check.range(p + ".closeRate", closeRate, 0.0, 12.0);
            Check.range(p + ".cohesionEffect", cohesionEffect, 0.0, 1.0);
            Check.range(p + ".activation", activation, 0.0, 5.0);
            Check.probability(p + ".learning", learning);
            Check.range(p + ".jobs", jobs, 0, 1000);
            Check.range(p + ".maxPerTarget", maxPerTarget, 0, 1000);
        }
    }

    /**
     * Help given to persons, and what it leaves them wherever they go (docs/ODD.md §7.13). The work
     * theme buys activation places, the health theme treatment places; teams' cases give debt
     * counselling, treatment and youth help. Skill from activation raises the person's own job
     * finding and wage; a recovery or a debt resolution leaves a relapse risk that fades, smaller
     * when help came with it; problems weigh on each other (debts on keeping a job, a child's
     * problems on a parent's job search).
     *
     * @param activationCostYear euro per activation place per year
     * @param activationMonths   months a person holds an activation place
     * @param lockIn             job finding is multiplied by (1 − lockIn) while in a place
     * @param skillMonthly       skill gained per month in a place (skill is in [0, 1])
     * @param skillFinding       a person's own job finding is multiplied by (1 + skillFinding · skill)
     * @param skillWage          a person's own wage is multiplied by (1 + skillWage · skill)
     * @param skillYears         time constant of skill's fading, in years
     * @param treatmentCostYear  euro per treatment place per year
     * @param treatmentMonths    months a treatment place lasts
     * @param treatmentEffect    recovery from poor mental health is multiplied by (1 + this) in a place,
     *                           and the onset of severe poor health by (1 − this)
     * @param relapseYears       time constant of the fading of the extra risk after a recovery or after debts
     * @param mentalRelapse      onset of poor mental health × (1 + mentalRelapse · fading) after a recovery
     * @param debtRelapse        onset of debts × (1 + debtRelapse · fading) after debts were resolved
     * @param helpedRelapse      share of the relapse excess left when the recovery or resolution came with help
     * @param debtJobLoss        job loss × (1 + this) for an adult of a household with debts
     * @param youthParentTime    a parent's job finding × (1 − this) while a child has youth problems
     * @param youthHelpLearning  added to a child's learning exposure per month of youth help
     */
    public record Help(double activationCostYear, int activationMonths, double lockIn, double skillMonthly,
            double skillFinding, double skillWage, double skillYears, double treatmentCostYear, int treatmentMonths,
            double treatmentEffect, double relapseYears, double mentalRelapse, double debtRelapse, double helpedRelapse,
            double debtJobLoss, double youthParentTime, double youthHelpLearning) implements java.io.Serializable {
        void validate(String p) {
            Check.positive(p + ".activationCostYear", activationCostYear);
            Check.range(p + ".activationMonths", activationMonths, 1, 120);
            Check.probability(p + ".lockIn", lockIn);
            Check.probability(p + ".skillMonthly", skillMonthly);
            Check.range(p + ".skillFinding", skillFinding, 0.0, 10.0);
            Check.range(p + ".skillWage", skillWage, 0.0, 2.0);
            Check.positive(p + ".skillYears", skillYears);
            Check.positive(p + ".treatmentCostYear", treatmentCostYear);
            Check.range(p + ".treatmentMonths", treatmentMonths, 1, 120);
            Check.probability(p + ".treatmentEffect", treatmentEffect);
            Check.positive(p + ".relapseYears", relapseYears);
            Check.range(p + ".mentalRelapse", mentalRelapse, 0.0, 20.0);
            Check.range(p + ".debtRelapse", debtRelapse, 0.0, 20.0);
            Check.probability(p + ".helpedRelapse", helpedRelapse);
            Check.range(p + ".debtJobLoss", debtJobLoss, 0.0, 10.0);
            Check.probability(p + ".youthParentTime", youthParentTime);
            Check.probability(p + ".youthHelpLearning", youthHelpLearning);
        }
    }

    /**
     * Costs of escalations, in euro, and who pays them.
     *
     * @param supervisionOrderYear a youth supervision order, per year in force (municipality)
     * @param evictionDirect       an eviction's direct cost (housing corporation)
     * @param evictionSocial       an eviction's follow-up cost: shelter, care (municipality)
     * @param secondLineCareYear   second-line mental-health care, per client per year (health insurer)
     * @param benefitYear          social assistance, per benefit household per year (municipality)
     */
    public record Costs(double supervisionOrderYear, double evictionDirect, double evictionSocial,
            double secondLineCareYear, double benefitYear) implements java.io.Serializable {
        void validate(String p) {
            Check.nonNegative(p + ".supervisionOrderYear", supervisionOrderYear);
            Check.nonNegative(p + ".evictionDirect", evictionDirect);
            Check.nonNegative(p + ".evictionSocial", evictionSocial);
            Check.nonNegative(p + ".secondLineCareYear", secondLineCareYear);
            Check.nonNegative(p + ".benefitYear", benefitYear);
        }
    }
}
