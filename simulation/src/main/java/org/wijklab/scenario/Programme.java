package org.wijklab.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A programme (an intervention) declared in a scenario: where it works, when, with how much money
 * from whom, on which themes, with which team, and with which housing levers. Validated against
 * the scenario's city and horizon.
 *
 * @param name            unique name, used in output files
 * @param targets         the target neighbourhoods: by name, or the weakest N at the start
 * @param startYear       start, in years after tick 0
 * @param durationYears   how long it runs; it must end within the run
 * @param yearlyBudget    euro per year for all its targets together
 * @param themes          budget shares of the six themes (sum 1 when the budget is above zero)
 * @param funders         who pays, as shares (sum 1)
 * @param team            a social neighbourhood team paid from the budget (mode "none" for none)
 * @param ownershipSupport support for resident ownership (space, vouchers, budgets) in [0, 1]
 * @param coalitionBreadth how many kinds of organisations take part (1-10): the first N of the ten kinds of
 *                        docs/ODD.md §7.2 (d), which decide the households the themes and places reach
 * @param pooledBudget    whether the funders pool their money in one neighbourhood budget (otherwise each
 *                        pays only its own domain, after its own decision: docs/ODD.md §7.2 (d))
 * @param bestPersons     whether best persons take part at all (the plan's own, and any emerging), and
 *                        how they are treated
 * @param copied          the plan is copied from elsewhere: its originators do not come along
 * @param restructuring   physical restructuring of the targets' social stock (share 0 for none)
 * @param allocation      allocation rule for vacant social dwellings in the targets (floor 0 for none)
 */
public record Programme(
        String name,
        Targets targets,
        double startYear,
        double durationYears,
        double yearlyBudget,
        Themes themes,
        Funders funders,
        Team team,
        double ownershipSupport,
        int coalitionBreadth,
        boolean pooledBudget,
        BestPersons bestPersons,
        boolean copied,
        Restructuring restructuring,
        Allocation allocation) implements java.io.Serializable {

    public static final String[] THEMES = {"housing", "work", "learning", "integration", "safety", "health"};
    public static final String[] PARTIES = {"municipality", "housing_corporation", "health_insurer",
        "national_government", "residents"};

    void validate(String p, Scenario s) {
        Check.name(p + ".name", name, true);
        Check.present(p + ".targets", targets);
        targets.validate(p + ".targets", s);
        Check.range(p + ".startYear", startYear, 0.0, s.years());
        Check.duration(p + ".durationYears", durationYears, 200.0);
        if (startYear + durationYears > s.years() + 1e-9) {
            throw new ScenarioException(p + ".durationYears: " + Check.fmt(durationYears) + " from year "
                    + Check.fmt(startYear) + " runs past the run's end (years = " + s.years() + ")");
        }
        Check.nonNegative(p + ".yearlyBudget", yearlyBudget);
        Check.present(p + ".themes", themes);
        themes.validate(p + ".themes", yearlyBudget > 0);
        Check.present(p + ".funders", funders);
        funders.validate(p + ".funders");
        Check.present(p + ".team", team);
        team.validate(p + ".team");
        Check.probability(p + ".ownershipSupport", ownershipSupport);
        Check.range(p + ".coalitionBreadth", coalitionBreadth, 1, 10);
        Check.present(p + ".bestPersons", bestPersons);
        bestPersons.validate(p + ".bestPersons");
        Check.present(p + ".restructuring", restructuring);
        restructuring.validate(p + ".restructuring");
        Check.present(p + ".allocation", allocation);
        allocation.validate(p + ".allocation");
        double shares = themes.sum() + team.budgetShare();
        if (yearlyBudget > 0 && Math.abs(shares - 1.0) > 1e-6) {
            throw new ScenarioException(p + ": the theme shares and team.budgetShare sum to " + Check.rounded(shares)
                    + ", not 1");
        }
    }

    public double endYear() {
        return startYear + durationYears;
    }

    /** Target neighbourhoods: the named ones, or (with {@code weakest} above 0) the N lowest-ranked at the start. */
    public record Targets(List<String> names, int weakest) implements java.io.Serializable {
        void validate(String p, Scenario s) {
            Check.present(p + ".names", names);
            int n = s.city().neighbourhoods().size();
            Check.range(p + ".weakest", weakest, 0, n);
            if (names.isEmpty() == (weakest == 0)) {
                throw new ScenarioException(p + ": give either names or weakest (a number above 0), not both or neither");
            }
            Set<String> known = new HashSet<>();
            s.city().neighbourhoods().forEach(h -> known.add(h.name()));
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (!known.contains(name)) {
                    throw new ScenarioException(p + ".names[" + i + "]: '" + name + "' is not a neighbourhood of the city");
                }
                if (!seen.add(name)) {
                    throw new ScenarioException(p + ".names[" + i + "]: '" + name + "' is named twice");
                }
            }
        }
    }

    /** Budget shares per theme (the team's share is given with the team). */
    public record Themes(double housing, double work, double learning, double integration, double safety,
            double health) implements java.io.Serializable {
        void validate(String p, boolean budget) {
            double[] v = values();
            for (int i = 0; i < v.length; i++) {
                Check.probability(p + "." + THEMES[i], v[i]);
            }
        }

        public double[] values() {
            return new double[] {housing, work, learning, integration, safety, health};
        }

        public double sum() {
            return housing + work + learning + integration + safety + health;
        }
    }

    /** Who pays the programme, as shares summing to 1. */
    public record Funders(double municipality, double housingCorporation, double healthInsurer,
            double nationalGovernment, double residents) implements java.io.Serializable {
        void validate(String p) {
            double[] v = values();
            String[] names = {"municipality", "housingCorporation", "healthInsurer", "nationalGovernment", "residents"};
            for (int i = 0; i < v.length; i++) {
                Check.probability(p + "." + names[i], v[i]);
            }
            double sum = 0;
            for (double x : v) {
                sum += x;
            }
            if (Math.abs(sum - 1.0) > 1e-6) {
                throw new ScenarioException(p + ": shares sum to " + Check.rounded(sum) + ", not 1");
            }
        }

        public double[] values() {
            return new double[] {municipality, housingCorporation, healthInsurer, nationalGovernment, residents};
        }

        /** How many parties pay a share. */
        public int count() {
            int n = 0;
            for (double x : values()) {
                if (x > 0) {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * A social neighbourhood team: its share of the budget, how it works (integral: one family,
     * one plan, one professional; fragmented: one professional per problem type), the number of
     * residents one team serves, and its proximity (outreach) in [0, 1]. Mode "none": no team.
     */
    public record Team(double budgetShare, String mode, int areaResidents, double proximity) implements java.io.Serializable {
        void validate(String p) {
            Check.probability(p + ".budgetShare", budgetShare);
            Check.present(p + ".mode", mode);
            if (!mode.equals("integral") && !mode.equals("fragmented") && !mode.equals("none")) {
                throw new ScenarioException(p + ".mode: '" + mode + "' must be \"integral\", \"fragmented\" or \"none\"");
            }
            if (mode.equals("none") && budgetShare > 0) {
                throw new ScenarioException(p + ".budgetShare: " + Check.fmt(budgetShare) + " but mode is \"none\"");
            }
            Check.range(p + ".areaResidents", areaResidents, 1000, 10_000_000);
            Check.probability(p + ".proximity", proximity);
        }

        public boolean integral() {
            return mode.equals("integral");
        }

        public boolean exists() {
            return !mode.equals("none");
        }
    }

    /**
     * Best persons of the plan: how far managers protect them from resistance, and how much room to
     * act residents get, both in [0, 1]. Without room to act nobody qualifies to write the plan or to
     * take it up (docs/ODD.md §7.2 (b)).
     */
    public record BestPersons(double protection, double roomToAct) implements java.io.Serializable {
        /** Keys that were removed, and what replaced them. */
        public static final java.util.Map<String, String> REMOVED = java.util.Map.of(
                "present", "best persons are residents who qualify: an original plan's originators and those who "
                        + "emerge (roomToAct 0 gives none; a copied plan has no originators)");

        void validate(String p) {
            Check.probability(p + ".protection", protection);
            Check.probability(p + ".roomToAct", roomToAct);
        }
    }

    /**
     * Restructuring: over {@code years} from the programme's start (also past its end),
     * {@code shareOfSocial} of the targets' social-rent dwellings are demolished and rebuilt (or
     * renovated) to the given tenure mix and quality, each as soon as its tenants have moved; each
     * rebuilt dwelling costs the housing corporation {@code costPerDwelling}.
     */
    public record Restructuring(double shareOfSocial, double years, double socialShare, double privateShare,
            double ownerShare, double quality, double costPerDwelling) implements java.io.Serializable {
        void validate(String p) {
            Check.probability(p + ".shareOfSocial", shareOfSocial);
            Check.duration(p + ".years", years, 100.0);
            Check.probability(p + ".socialShare", socialShare);
            Check.probability(p + ".privateShare", privateShare);
            Check.probability(p + ".ownerShare", ownerShare);
            double sum = socialShare + privateShare + ownerShare;
            if (Math.abs(sum - 1.0) > 1e-6) {
                throw new ScenarioException(p + ": socialShare + privateShare + ownerShare = " + Check.rounded(sum) + ", not 1");
            }
            Check.probability(p + ".quality", quality);
            Check.range(p + ".costPerDwelling", costPerDwelling, 0.0, 10_000_000.0);
        }
    }

    /** Allocation of vacant social dwellings in the targets: newcomers need at least this income. */
    public record Allocation(double incomeFloor) implements java.io.Serializable {
        void validate(String p) {
            Check.range(p + ".incomeFloor", incomeFloor, 0.0, 1_000_000.0);
        }
    }
}
