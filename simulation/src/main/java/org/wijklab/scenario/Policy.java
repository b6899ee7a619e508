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
     * resident per year, times the share of the target's households the theme acts on that the
     * programme's coalition reaches ({@code policy.Coalition}). The work and health themes buy places
     * for persons instead ({@link Help}), for reachable persons only. What each theme gets follows
     * from who pays ({@code policy.Funding}): unpooled, each funder pays only for its own domain and
     * after its own decision; pooled, one pot pays the plan's shares after one decision.
     *
     * @param doseScale            euro per resident per year at which a theme reaches 63 % of its maximum
     * @param maxEffect            maximum effect of the place themes: housing (dwelling quality a year),
     *                             learning (share of youth problems prevented), integration (extra months
     *                             of local acquaintance a month), safety (share of the problem pressure on
     *                             safety prevented, at most 0.95)
     * @param decisionMonths       months each funder takes to commit its own money to a plan of several
     *                             funders that is not pooled (municipality, housing corporation, health
     *                             insurer, national government, residents)
     * @param pooledDecisionMonths months the one decision over a pooled budget takes
     * @param teamCareShare        share of a team's cost that is care a health insurer may pay for
     *                             (district nursing), when budgets are not pooled
     */
    public record ThemeEffects(double doseScale, double[] maxEffect, double[] decisionMonths,
            double pooledDecisionMonths, double teamCareShare) implements java.io.Serializable {
        /** Keys that were removed, and what replaced them (refused in scenario files and --set). */
        public static final java.util.Map<String, String> REMOVED = java.util.Map.of(
                "reachScale", "a theme's reach is now the share of the households it acts on that the coalition's "
                        + "kinds of organisations are in contact with (programmes[].coalitionBreadth)",
                "fragmentationLoss", "an unpooled budget now loses what its funders may not spend outside their own "
                        + "domains and the months of their separate decisions (policy.themes.decisionMonths, "
                        + "policy.themes.pooledDecisionMonths, policy.themes.teamCareShare)");

        void validate(String p) {
            Check.positive(p + ".doseScale", doseScale);
            Check.length(p + ".maxEffect", maxEffect, 4);
            for (int i = 0; i < 4; i++) {
                Check.range(p + ".maxEffect[" + i + "]", maxEffect[i], 0.0, i == 3 ? 0.95 : 5.0);
            }
            Check.length(p + ".decisionMonths", decisionMonths, 5);
            for (int i = 0; i < 5; i++) {
                Check.range(p + ".decisionMonths[" + i + "]", decisionMonths[i], 0.0, 60.0);
            }
            Check.range(p + ".pooledDecisionMonths", pooledDecisionMonths, 0.0, 60.0);
            Check.probability(p + ".teamCareShare", teamCareShare);
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
     * @param treatmentEffect      how far a professional's treatment cuts escalation and speeds resolution,
     *                             integral or fragmented alike (the modes differ in how professionals are organised)
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
            double proximityScale, double detectionMonthly, double treatmentEffect,
            int caseMonths, double heavyCaseload, double vulnerableCaseload, double otherCaseload,
            double coordinationFte, double planMonths, double tenureMonths, double newcomerEffect, double turnover,
            double travelShare) implements java.io.Serializable {
        /** Keys that were removed, with what replaced them (refused in scenario files and --set). */
        public static final java.util.Map<String, String> REMOVED = java.util.Map.of(
                "casesPerFte", "a professional's caseload now follows the norms heavyCaseload, vulnerableCaseload and "
                        + "otherCaseload",
                "fragmentedOverhead", "coordination now follows from the professionals per family (coordinationFte)",
                "fragmentedDelayMonths", "the delay now follows from the professionals per family (planMonths)",
                "fragmentedEffect", "a fragmented service's professional treats a problem as well as an integral one "
                        + "(treatmentEffect); the services differ by the professionals per family: coordination "
                        + "(coordinationFte), the delay before a plan (planMonths) and each professional's knowing of the family");

        void validate(String p) {
            Check.positive(p + ".fteCost", fteCost);
            Check.range(p + ".overheadFte", overheadFte, 0.0, 100.0);
            Check.positive(p + ".criticalMassFte", criticalMassFte);
            Check.positive(p + ".proximityScale", proximityScale);
            Check.probability(p + ".detectionMonthly", detectionMonthly);
            Check.probability(p + ".treatmentEffect", treatmentEffect);
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
     * Best persons: residents of a programme's targets who write an original plan with it or emerge
     * where they qualify (ties, education, health, a stake, an example nearby, room to act and
     * ownership support); they found and carry initiatives and point the team to families; resistance
     * and workload drain them, protection and success restore them; they rest, stop, or leave with
     * their household.
     *
     * @param emergence        yearly hazard that an adult of a target becomes a best person when every
     *                         factor of docs/ODD.md §7.2 (b) is 1 (ties, education, health, stake, an
     *                         example nearby, room to act and ownership support)
     * @param originators      residents per target who wrote an original (not copied) plan: the best
     *                         qualified by the same factors, active from its start
     * @param network          households a best person reaches (recruiting members, pointing the team
     *                         to families)
     * @param referral         a team finds families a month (1 + referral · reach) as readily, reach the
     *                         share of a target's households within active best persons' networks
     * @param resistance       yearly energy drain without protection (times 1 − protection; doubled once
     *                         the programme has ended)
     * @param fragmentedResistance extra drain where the team is fragmented (bureaucracy)
     * @param workload         yearly energy drain per member of the initiative a best person carries
     * @param recharge         yearly energy regained, times the protection
     * @param success          energy regained per member recruited
     * @param burnoutEnergy    energy below which a best person rests
     * @param exhaustedYears   how long the rest lasts; then, while the programme runs, a return with a
     *                         chance equal to the protection, otherwise the best person stops
     */
    public record BestPersonParams(double emergence, int originators, int network, double referral,
            double resistance, double fragmentedResistance, double workload, double recharge, double success,
            double burnoutEnergy, double exhaustedYears) implements java.io.Serializable {
        /** Keys that were removed, and what replaced them. */
        public static final java.util.Map<String, String> REMOVED = java.util.Map.of(
                "effect", "best persons no longer multiply the themes: they act through the members of their initiatives "
                        + "and the team's detection (policy.bestPersons.referral)",
                "cohesionBoost", "best persons no longer add to cohesion: the members of their initiatives gain local ties "
                        + "(policy.initiatives.tieMonths)",
                "leaveRate", "best persons leave when their household moves, like every resident",
                "legacyYears", "what a best person leaves is the ties of the initiatives' members (policy.initiatives.tieMonths)");

        void validate(String p) {
            Check.range(p + ".emergence", emergence, 0.0, 12.0);
            Check.range(p + ".originators", originators, 0, 100);
            Check.range(p + ".network", network, 0, 10_000);
            Check.range(p + ".referral", referral, 0.0, 10.0);
            Check.range(p + ".resistance", resistance, 0.0, 12.0);
            Check.range(p + ".fragmentedResistance", fragmentedResistance, 0.0, 12.0);
            Check.range(p + ".workload", workload, 0.0, 1.0);
            Check.range(p + ".recharge", recharge, 0.0, 12.0);
            Check.range(p + ".success", success, 0.0, 1.0);
            Check.probability(p + ".burnoutEnergy", burnoutEnergy);
            Check.range(p + ".exhaustedYears", exhaustedYears, 0.0, 10.0);
        }
    }

    /**
     * Resident-run initiatives (community enterprises, resident-run libraries and centres).
     *
     * @param startRate      yearly chance that an active best person who carries none founds one, times
     *                       the neighbourhood's facilities; the programme's ownership support founds one
     *                       with a resident volunteer at a fifth of this rate times the support
     * @param join           chance that an adult a carrier contacts joins (a carrier contacts its
     *                       network once a year, a twelfth a month)
     * @param memberYears    mean years a member takes part before tiring
     * @param tieMonths      extra months of local acquaintance a member's household gains a month
     * @param activation     a member's own job finding is multiplied by (1 + activation) (volunteer roles)
     * @param learning       added each month to the chance of a step up in education of each child at
     *                       home with a member
     * @param maxMembers     most members an initiative holds
     * @param maxPerTarget   most initiatives a programme holds in a neighbourhood
     */
    public record Initiatives(double startRate, double join, double memberYears, double tieMonths, double activation,
            double learning, int maxMembers, int maxPerTarget) implements java.io.Serializable {
        /** Keys that were removed, and what replaced them. */
        public static final java.util.Map<String, String> REMOVED = java.util.Map.of(
                "closeRate", "an initiative ends when its members have left or tired (policy.initiatives.memberYears) "
                        + "or nobody carries it",
                "cohesionEffect", "initiatives no longer add to cohesion: their members gain local ties "
                        + "(policy.initiatives.tieMonths)",
                "jobs", "initiatives no longer create local jobs: they raise their members' own job finding "
                        + "(policy.initiatives.activation)");

        void validate(String p) {
            Check.range(p + ".startRate", startRate, 0.0, 12.0);
            Check.probability(p + ".join", join);
            Check.positive(p + ".memberYears", memberYears);
            Check.range(p + ".tieMonths", tieMonths, 0.0, 12.0);
            Check.range(p + ".activation", activation, 0.0, 5.0);
            Check.probability(p + ".learning", learning);
            Check.range(p + ".maxMembers", maxMembers, 1, 10_000);
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
