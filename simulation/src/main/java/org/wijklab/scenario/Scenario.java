package org.wijklab.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A scenario: everything a run depends on besides its seed. Immutable values, layered by
 * {@link ScenarioLoader} on the documented defaults ({@code defaults.json} beside this class) and
 * validated on load, so that a model never sees an out-of-range value. Rates are per year unless
 * the name says monthly; money is euro per year of household disposable income unless it says
 * per month. A run first simulates {@code warmUpYears} unrecorded years from the generated city, so
 * that tick 0 is a city whose flows have settled rather than the generator's first draw.
 */
public record Scenario(
        String name,
        String description,
        long seed,
        int years,
        int warmUpYears,
        City city,
        Economy economy,
        Demography demography,
        Labour labour,
        Problems problems,
        Community community,
        Housing housing,
        Stock stock,
        Region region,
        Liveability liveability,
        Policy policy,
        List<Programme> programmes,
        Output output) implements java.io.Serializable {

    /** Checks every value; throws a {@link ScenarioException} naming the first bad field. */
    public Scenario validate() {
        Check.name("name", name, false);
        Check.range("seed", seed, 0, Long.MAX_VALUE);
        Check.range("years", years, 1, 200);
        Check.range("warmUpYears", warmUpYears, 0, 100);
        Check.present("city", city);
        city.validate("city");
        Check.present("economy", economy);
        economy.validate("economy", years);
        Check.present("demography", demography);
        demography.validate("demography");
        Check.present("labour", labour);
        labour.validate("labour");
        Check.present("problems", problems);
        problems.validate("problems");
        Check.present("community", community);
        community.validate("community");
        Check.present("housing", housing);
        housing.validate("housing");
        checkStock();
        Check.present("stock", stock);
        stock.validate("stock");
        Check.present("region", region);
        region.validate("region");
        Check.present("liveability", liveability);
        liveability.validate("liveability");
        Check.present("policy", policy);
        policy.validate("policy");
        Check.present("programmes", programmes);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < programmes.size(); i++) {
            String q = "programmes[" + i + "]";
            Check.present(q, programmes.get(i));
            programmes.get(i).validate(q, this);
            if (!names.add(programmes.get(i).name())) {
                throw new ScenarioException(q + ".name: '" + programmes.get(i).name() + "' is used twice");
            }
        }
        Check.present("output", output);
        output.validate("output", years);
        return this;
    }

    public int ticks() {
        return years * 12;
    }

    /**
     * Persons per household the stock is sized for: those at tick 0 of the default city (measured
     * after the warm-up, 1.95), so that the recorded run starts near the scenario's resident count.
     */
    public static final double PERSONS_PER_HOUSEHOLD = 1.95;

    /** The dwellings the city is built with: {@code round(residents / 1.95 / (1 - housing.targetVacancy))}. */
    public int dwellingsAsked() {
        return (int) Math.round(city.residents() / PERSONS_PER_HOUSEHOLD / (1.0 - housing.targetVacancy()));
    }

    /**
     * The dwellings of each neighbourhood: {@code round(total · weight / Σ weight)}, and at least one
     * (in a valid scenario each is at least {@link #MIN_DWELLINGS_PER_NEIGHBOURHOOD}, so the city holds
     * the dwellings asked for up to the rounding of each neighbourhood's share, at most 5 %).
     */
    public int[] dwellingsPerNeighbourhood() {
        List<NeighbourhoodSpec> specs = city.neighbourhoods();
        int total = dwellingsAsked();
        double weightSum = 0;
        for (NeighbourhoodSpec spec : specs) {
            weightSum += spec.weight();
        }
        int[] perHood = new int[specs.size()];
        for (int j = 0; j < perHood.length; j++) {
            perHood[j] = Math.max(1, (int) Math.round(total * specs.get(j).weight() / weightSum));
        }
        return perHood;
    }

    /**
     * The fewest dwellings a neighbourhood's share of the stock may round to: about 20 residents.
     * Below it a neighbourhood's rates are noise, and the rounding of the shares changes the city's
     * size: a share that rounded to none was raised to one dwelling (5,000 neighbourhoods for 500
     * residents built 5,000 dwellings for about 10,000 residents), and shares of one or two
     * dwellings each round by up to half of theirs.
     */
    public static final int MIN_DWELLINGS_PER_NEIGHBOURHOOD = 10;

    /** Refuses a city whose stock cannot be built as asked: see {@link #MIN_DWELLINGS_PER_NEIGHBOURHOOD}. */
    private void checkStock() {
        List<NeighbourhoodSpec> specs = city.neighbourhoods();
        int total = dwellingsAsked();
        double weightSum = 0;
        for (NeighbourhoodSpec spec : specs) {
            weightSum += spec.weight();
        }
        for (int j = 0; j < specs.size(); j++) {
            double share = total * specs.get(j).weight() / weightSum;
            if (Math.round(share) < MIN_DWELLINGS_PER_NEIGHBOURHOOD) {
                throw new ScenarioException("city.neighbourhoods[" + j + "].weight: " + Check.fmt(specs.get(j).weight())
                        + " of " + Check.rounded(weightSum) + " in all gives '" + specs.get(j).name() + "' "
                        + String.format(java.util.Locale.ROOT, "%.2f", share) + " of the " + total + " dwellings of a city of "
                        + city.residents() + " residents, fewer than the " + MIN_DWELLINGS_PER_NEIGHBOURHOOD
                        + " a neighbourhood needs (give it more weight, the city more residents, or use fewer neighbourhoods)");
            }
        }
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(name, description, newSeed, years, warmUpYears, city, economy, demography, labour, problems,
                community, housing, stock, region, liveability, policy, programmes, output);
    }

    public Scenario withYears(int newYears) {
        return new Scenario(name, description, seed, newYears, warmUpYears, city, economy, demography, labour, problems,
                community, housing, stock, region, liveability, policy, programmes, output);
    }

    public Scenario withWarmUpYears(int newWarmUp) {
        return new Scenario(name, description, seed, years, newWarmUp, city, economy, demography, labour, problems,
                community, housing, stock, region, liveability, policy, programmes, output);
    }

    public Scenario withResidents(int residents) {
        return new Scenario(name, description, seed, years, warmUpYears, new City(residents, city.neighbourhoods(), city.tileKm(), city.plotShare()), economy,
                demography, labour, problems, community, housing, stock, region, liveability, policy, programmes, output);
    }

    /**
     * The same scenario without its programmes: a programme run's counterfactual twin, the same city
     * until the programme starts when run on the same seed.
     */
    public Scenario withoutProgrammes() {
        return new Scenario(name, description, seed, years, warmUpYears, city, economy, demography, labour, problems,
                community, housing, stock, region, liveability, policy, List.of(), output);
    }

    public Scenario withMovesLog(boolean on) {
        return new Scenario(name, description, seed, years, warmUpYears, city, economy, demography, labour,
                problems, community, housing, stock, region, liveability, policy, programmes,
                new Output(on, output.decompositionYears(), output.cohortYears()));
    }

    /** The city: its size and its neighbourhoods, from weak to strong in any order. */
    /**
     * The city: its residents at the start, its neighbourhoods, the map scale (km between the centres
     * of two neighbouring tiles of the map) and the land for building (unbuilt plots per
     * neighbourhood, as a share of its dwellings).
     */
    public record City(int residents, List<NeighbourhoodSpec> neighbourhoods, double tileKm, double plotShare)
            implements java.io.Serializable {
        void validate(String p) {
            Check.range(p + ".residents", residents, 500, 20_000_000);
            Check.nonEmpty(p + ".neighbourhoods", neighbourhoods);
            Check.range(p + ".neighbourhoods (count)", neighbourhoods.size(), 1, 5000);
            Check.range(p + ".tileKm", tileKm, 0.05, 50.0);
            Check.range(p + ".plotShare", plotShare, 0.0, 1.0);
            Set<String> names = new HashSet<>();
            Set<Long> cells = new HashSet<>();
            int placed = 0;
            for (int i = 0; i < neighbourhoods.size(); i++) {
                String q = p + ".neighbourhoods[" + i + "]";
                NeighbourhoodSpec n = neighbourhoods.get(i);
                Check.present(q, n);
                n.validate(q);
                if (!names.add(n.name())) {
                    throw new ScenarioException(q + ".name: '" + n.name() + "' is used twice");
                }
                if (n.placed()) {
                    placed++;
                    if (!cells.add(((long) n.column() << 32) | n.row())) {
                        throw new ScenarioException(q + ": column " + n.column() + ", row " + n.row()
                                + " is the place of an earlier neighbourhood");
                    }
                }
            }
            if (placed != 0 && placed != neighbourhoods.size()) {
                throw new ScenarioException(p + ".neighbourhoods: " + placed + " of " + neighbourhoods.size()
                        + " have a column and row; give every neighbourhood its place on the map, or none (a grid in order)");
            }
        }
    }

    /**
     * One neighbourhood at the start: its share of the city's dwellings (a weight, normalised over
     * the city), its tenure mix, stock and surroundings.
     */
    public record NeighbourhoodSpec(
            String name,
            double weight,
            double socialRentShare,
            double privateRentShare,
            double smallDwellingShare,
            double dwellingQuality,
            double environment,
            double facilities,
            double priceLevel,
            int column,
            int row) implements java.io.Serializable {
        void validate(String p) {
            if (column != -1 || row != -1) {
                Check.range(p + ".column", column, 0, 999);
                Check.range(p + ".row", row, 0, 999);
            }
            Check.name(p + ".name", name, true);
            Check.positive(p + ".weight", weight);
            Check.probability(p + ".socialRentShare", socialRentShare);
            Check.probability(p + ".privateRentShare", privateRentShare);
            if (socialRentShare + privateRentShare > 1.0 + 1e-9) {
                throw new ScenarioException(p + ": socialRentShare + privateRentShare = "
                        + Check.rounded(socialRentShare + privateRentShare) + " exceeds 1");
            }
            Check.probability(p + ".smallDwellingShare", smallDwellingShare);
            Check.probability(p + ".dwellingQuality", dwellingQuality);
            Check.probability(p + ".environment", environment);
            Check.probability(p + ".facilities", facilities);
            Check.range(p + ".priceLevel", priceLevel, 0.2, 5.0);
        }

        public double ownerShare() {
            return Math.max(0.0, 1.0 - socialRentShare - privateRentShare);
        }

        /** Whether the scenario gives this neighbourhood a place on the map (else a grid in order). */
        public boolean placed() {
            return column >= 0 && row >= 0;
        }
    }

    /** Business cycle and shocks; multipliers on the labour market's hazards. */
    public record Economy(double cycleAmplitude, double cyclePeriodYears, List<Crisis> crises) implements java.io.Serializable {
        void validate(String p, int years) {
            Check.range(p + ".cycleAmplitude", cycleAmplitude, 0.0, 0.9);
            Check.range(p + ".cyclePeriodYears", cyclePeriodYears, 1.0, 100.0);
            Check.present(p + ".crises", crises);
            for (int i = 0; i < crises.size(); i++) {
                String q = p + ".crises[" + i + "]";
                Check.present(q, crises.get(i));
                crises.get(i).validate(q, years);
            }
        }
    }

    /** A downturn: job loss up and job finding down for a number of years from a start year. */
    public record Crisis(double startYear, double durationYears, double jobLossFactor, double jobFindingFactor) implements java.io.Serializable {
        void validate(String p, int years) {
            Check.range(p + ".startYear", startYear, 0.0, years);
            if (startYear > years - Check.MONTH + 1e-9) {
                // active while startYear <= (t - 1) / 12: a start in the run's last month or later is never active
                throw new ScenarioException(p + ".startYear: " + Check.fmt(startYear) + " leaves no month of the run (years = "
                        + years + ") for the crisis; it must start at least a month before the end");
            }
            Check.duration(p + ".durationYears", durationYears, 100.0);
            Check.range(p + ".jobLossFactor", jobLossFactor, 0.1, 10.0);
            Check.range(p + ".jobFindingFactor", jobFindingFactor, 0.05, 10.0);
        }
    }

    /**
     * Ageing, births, deaths, home-leaving, separations and singles moving in together.
     * {@code upbringingEffect}: how much a child's mean neighbourhood score over its months at home
     * (the neighbourhood's employment rate minus the city's, in percentage points) raises its chance
     * of one education step above its parents' (and lowers that of one step below), per point.
     */
    /** Months the state-pension age rose above its base, for the years 2013, 2014, ... (the last value holds after). */
    private static final int[] PENSION_RISE = {1, 2, 3, 6, 9, 12, 16, 16, 16, 19, 22, 24, 24, 24, 24, 27};

    public record Demography(
            double mortalityAt60,
            double mortalityGrowth,
            int[] leaveHomeAges,
            double[] stillHomeShares,
            double starterStayShare,
            double separationRate,
            double partneringRate,
            int retirementAge,
            int starterSearchMonths,
            int startYear,
            double upbringingEffect,
            double partnerEducationYears,
            int partnerCandidates,
            int[] fertilityAges,
            double[] fertilityRates,
            double singleWomenShare,
            int[] migrantAges,
            double[] migrantAgeShares,
            double[] initialAgeShares) implements java.io.Serializable {
        void validate(String p) {
            Check.range(p + ".mortalityAt60", mortalityAt60, 0.0, 0.5);
            Check.range(p + ".mortalityGrowth", mortalityGrowth, 0.0, 0.3);
            Check.length(p + ".stillHomeShares", stillHomeShares, leaveHomeAges.length);
            for (int i = 0; i < leaveHomeAges.length; i++) {
                Check.range(p + ".leaveHomeAges[" + i + "]", leaveHomeAges[i], 12, 60);
                Check.range(p + ".stillHomeShares[" + i + "]", stillHomeShares[i], 0.001, 1.0);
                if (i > 0 && (leaveHomeAges[i] <= leaveHomeAges[i - 1] || stillHomeShares[i] > stillHomeShares[i - 1])) {
                    throw new ScenarioException(p + ".leaveHomeAges must rise and " + p
                            + ".stillHomeShares must not: the share still at home falls with age");
                }
            }
            Check.probability(p + ".starterStayShare", starterStayShare);
            Check.range(p + ".separationRate", separationRate, 0.0, 0.5);
            Check.range(p + ".partneringRate", partneringRate, 0.0, 1.0);
            Check.range(p + ".retirementAge", retirementAge, 50, 80);
            Check.range(p + ".starterSearchMonths", starterSearchMonths, 1, 120);
            Check.range(p + ".startYear", startYear, 1900, 2100);
            Check.range(p + ".upbringingEffect", upbringingEffect, -0.05, 0.05);
            Check.range(p + ".partnerEducationYears", partnerEducationYears, 0.0, 100.0);
            Check.range(p + ".partnerCandidates", partnerCandidates, 1, 1000);
            Check.length(p + ".fertilityRates", fertilityRates, fertilityAges.length - 1);
            for (int i = 0; i < fertilityAges.length; i++) {
                Check.range(p + ".fertilityAges[" + i + "]", fertilityAges[i], 12, 60);
                if (i > 0 && fertilityAges[i] <= fertilityAges[i - 1]) {
                    throw new ScenarioException(p + ".fertilityAges must rise");
                }
                if (i < fertilityRates.length) {
                    Check.range(p + ".fertilityRates[" + i + "]", fertilityRates[i], 0.0, 1.0);
                }
            }
            Check.probability(p + ".singleWomenShare", singleWomenShare);
            Check.length(p + ".migrantAgeShares", migrantAgeShares, migrantAges.length - 1);
            double migrantSum = 0.0;
            for (int i = 0; i < migrantAges.length; i++) {
                Check.range(p + ".migrantAges[" + i + "]", migrantAges[i], 18, 100);
                if (i > 0 && migrantAges[i] <= migrantAges[i - 1]) {
                    throw new ScenarioException(p + ".migrantAges must rise");
                }
                if (i < migrantAgeShares.length) {
                    Check.probability(p + ".migrantAgeShares[" + i + "]", migrantAgeShares[i]);
                    migrantSum += migrantAgeShares[i];
                }
            }
            if (Math.abs(migrantSum - 1.0) > 1e-6) {
                throw new ScenarioException(p + ".migrantAgeShares must add up to 1, not " + Check.fmt(migrantSum));
            }
            Check.length(p + ".initialAgeShares", initialAgeShares, migrantAges.length - 1);
            double initialSum = 0.0;
            for (int i = 0; i < initialAgeShares.length; i++) {
                Check.probability(p + ".initialAgeShares[" + i + "]", initialAgeShares[i]);
                initialSum += initialAgeShares[i];
            }
            if (Math.abs(initialSum - 1.0) > 1e-6) {
                throw new ScenarioException(p + ".initialAgeShares must add up to 1, not " + Check.fmt(initialSum));
            }
        }

        /**
         * The age group of {@link #fertilityAges} a woman of this age in years is in, or -1 outside
         * the childbearing ages (from the first age up to but not including the last).
         */
        public int fertilityGroup(int age) {
            if (age < fertilityAges[0] || age >= fertilityAges[fertilityAges.length - 1]) {
                return -1;
            }
            int g = 0;
            while (age >= fertilityAges[g + 1]) {
                g++;
            }
            return g;
        }

        /**
         * The state-pension (AOW) age in a calendar year, in months: {@link #retirementAge} until
         * 2012, then the legal rise (Algemene Ouderdomswet as amended in 2012 and 2015: 65 + 1
         * month in 2013, 2014 and 2015, + 3 months a year from 2016 to 66 in 2018, + 4 months a
         * year to 67 in 2021-2024 (66 + 4 m in 2019-2021, 66 + 7 m in 2022, 66 + 10 m in 2023, 67
         * in 2024-2027, 67 + 3 m from 2028), on top of the base age.
         */
        public int pensionAgeMonths(int year) {
            int extra = year < 2013 ? 0 : PENSION_RISE[Math.min(year - 2013, PENSION_RISE.length - 1)];
            return 12 * retirementAge + extra;
        }

        /**
         * A child's monthly chance of leaving home by its age in whole years: constant between two
         * ages of {@link #leaveHomeAges}, so that the shares still at home ({@link #stillHomeShares},
         * 1 before the first age) are met; after the last age, the last interval's rate. Fills and
         * returns {@code into} (a new array if it is too short).
         */
        public double[] leaveHomeHazards(double[] into) {
            int last = leaveHomeAges[leaveHomeAges.length - 1];
            double[] h = into.length == 121 ? into : new double[121];
            java.util.Arrays.fill(h, 0.0);
            double before = 1.0;
            int from = leaveHomeAges[0] - 1;
            double rate = 0.0;
            for (int i = 0; i < leaveHomeAges.length; i++) {
                int to = leaveHomeAges[i];
                rate = StrictMath.log(before / stillHomeShares[i]) / (to - from);
                for (int a = Math.max(0, from); a < to; a++) {
                    h[a] = 1.0 - StrictMath.exp(-rate / 12.0);
                }
                before = stillHomeShares[i];
                from = to;
            }
            for (int a = last; a < h.length; a++) {
                h[a] = 1.0 - StrictMath.exp(-rate / 12.0);
            }
            return h;
        }

        /**
         * The calendar year of a tick: ticks 1-12 are the months of {@link #startYear} (tick 0, the
         * recorded start, is the last month before it), as the economy's year and the yearly wage
         * rise in the first month of each year count them.
         */
        public int year(int tick) {
            return startYear + Math.floorDiv(tick - 1, 12);
        }
    }

    /** The city-wide labour market: hazards per month, their modifiers, and what people earn. */
    public record Labour(
            double jobLossMonthly,
            double jobFindingMonthly,
            double[] jobFindingByEducation,
            double[] jobLossByEducation,
            double poorHealthFinding,
            double poorHealthLoss,
            double contactsEffect,
            double stigmaEffect,
            double discouragementMonthly,
            double activationMonthly,
            double[] wageByEducation,
            double wageDispersion,
            double wageGrowth,
            double benefitSingle,
            double benefitPerAdultInCouple,
            double pensionPerAdult,
            double childBenefit,
            double experienceReturn,
            double experienceReturnSquared,
            double experienceLoss,
            double wwShareFirst,
            double wwShare,
            int wwQualifyingMonths,
            int wwMinMonths,
            int wwMaxMonths,
            int wwMaxMonthsFrom2016,
            double disabilityShare) implements java.io.Serializable {
        void validate(String p) {
            Check.probability(p + ".jobLossMonthly", jobLossMonthly);
            Check.probability(p + ".jobFindingMonthly", jobFindingMonthly);
            Check.length(p + ".jobFindingByEducation", jobFindingByEducation, 3);
            Check.length(p + ".jobLossByEducation", jobLossByEducation, 3);
            Check.length(p + ".wageByEducation", wageByEducation, 3);
            for (int i = 0; i < 3; i++) {
                Check.range(p + ".jobFindingByEducation[" + i + "]", jobFindingByEducation[i], 0.0, 10.0);
                Check.range(p + ".jobLossByEducation[" + i + "]", jobLossByEducation[i], 0.0, 10.0);
                Check.range(p + ".wageByEducation[" + i + "]", wageByEducation[i], 1000.0, 1_000_000.0);
            }
            Check.range(p + ".poorHealthFinding", poorHealthFinding, 0.0, 10.0);
            Check.range(p + ".poorHealthLoss", poorHealthLoss, 0.0, 10.0);
            Check.range(p + ".contactsEffect", contactsEffect, 0.0, 10.0);
            Check.range(p + ".stigmaEffect", stigmaEffect, 0.0, 10.0);
            Check.probability(p + ".discouragementMonthly", discouragementMonthly);
            Check.probability(p + ".activationMonthly", activationMonthly);
            Check.range(p + ".wageDispersion", wageDispersion, 0.0, 2.0);
            Check.range(p + ".wageGrowth", wageGrowth, -0.2, 0.2);
            Check.range(p + ".benefitSingle", benefitSingle, 0.0, 100_000.0);
            Check.range(p + ".benefitPerAdultInCouple", benefitPerAdultInCouple, 0.0, 100_000.0);
            Check.range(p + ".pensionPerAdult", pensionPerAdult, 0.0, 100_000.0);
            Check.range(p + ".childBenefit", childBenefit, 0.0, 100_000.0);
            Check.range(p + ".experienceReturn", experienceReturn, 0.0, 0.2);
            Check.range(p + ".experienceReturnSquared", experienceReturnSquared, 0.0, 0.01);
            Check.range(p + ".experienceLoss", experienceLoss, 0.0, 2.0);
            Check.probability(p + ".wwShareFirst", wwShareFirst);
            Check.probability(p + ".wwShare", wwShare);
            Check.range(p + ".wwQualifyingMonths", wwQualifyingMonths, 0, 120);
            Check.range(p + ".wwMinMonths", wwMinMonths, 0, 120);
            Check.range(p + ".wwMaxMonths", wwMaxMonths, wwMinMonths, 120);
            Check.range(p + ".wwMaxMonthsFrom2016", wwMaxMonthsFrom2016, wwMinMonths, 120);
            Check.probability(p + ".disabilityShare", disabilityShare);
        }

        /**
         * The wage factor of work experience (a Mincer profile, exp(r x - s x^2) with x in years),
         * relative to 15 years: {@link #wageByEducation} is the wage at 15 years' experience.
         */
        public double experienceFactor(double months) {
            double x = months / 12.0;
            return StrictMath.exp(experienceReturn * (x - 15.0) - experienceReturnSquared * (x * x - 225.0));
        }

        /** WW months for a job lost in a calendar year after this much work experience: 0 below the qualifying months. */
        public int wwMonths(double experienceMonths, int year) {
            if (experienceMonths < wwQualifyingMonths) {
                return 0;
            }
            int cap = year >= 2016 ? wwMaxMonthsFrom2016 : wwMaxMonths;
            return Math.min(cap, wwMinMonths + (int) (experienceMonths / 12.0));
        }
    }

    /** Debts, youth problems and mental health: incidence and escalation (yearly rates). */
    public record Problems(
            double debtIncidence,
            double debtEscalation,
            double debtResolution,
            double evictionRate,
            double youthIncidence,
            double youthEscalation,
            double youthResolution,
            double supervisionYears,
            double mentalIncidence,
            double mentalRecovery,
            double mentalSevere,
            double severeRecovery,
            double unemploymentRisk,
            double debtRisk,
            double poorHealthRisk,
            double lowIncomeRisk,
            double lowIncomeThreshold,
            double neighbourhoodRisk,
            double insecurityRisk) implements java.io.Serializable {
        void validate(String p) {
            Check.range(p + ".debtIncidence", debtIncidence, 0.0, 2.0);
            Check.range(p + ".debtEscalation", debtEscalation, 0.0, 5.0);
            Check.range(p + ".debtResolution", debtResolution, 0.0, 5.0);
            Check.range(p + ".evictionRate", evictionRate, 0.0, 5.0);
            Check.range(p + ".youthIncidence", youthIncidence, 0.0, 2.0);
            Check.range(p + ".youthEscalation", youthEscalation, 0.0, 5.0);
            Check.range(p + ".youthResolution", youthResolution, 0.0, 5.0);
            Check.range(p + ".supervisionYears", supervisionYears, 0.1, 18.0);
            Check.range(p + ".mentalIncidence", mentalIncidence, 0.0, 2.0);
            Check.range(p + ".insecurityRisk", insecurityRisk, 0.0, 10.0);
            Check.range(p + ".mentalRecovery", mentalRecovery, 0.0, 5.0);
            Check.range(p + ".mentalSevere", mentalSevere, 0.0, 5.0);
            Check.range(p + ".severeRecovery", severeRecovery, 0.0, 5.0);
            Check.range(p + ".unemploymentRisk", unemploymentRisk, 0.0, 20.0);
            Check.range(p + ".debtRisk", debtRisk, 0.0, 20.0);
            Check.range(p + ".poorHealthRisk", poorHealthRisk, 0.0, 20.0);
            Check.range(p + ".lowIncomeRisk", lowIncomeRisk, 0.0, 20.0);
            Check.range(p + ".lowIncomeThreshold", lowIncomeThreshold, 0.0, 1_000_000.0);
            Check.range(p + ".neighbourhoodRisk", neighbourhoodRisk, 0.0, 20.0);
        }
    }

    /** Cohesion and safety: targets from the population, approached with a yearly rate. */
    public record Community(
            double adjustRate,
            double tiesYears,
            double cohesionBase,
            double cohesionTies,
            double cohesionTurnover,
            double cohesionOwners,
            double safetyBase,
            double safetyUnemployment,
            double safetyPoverty,
            double safetyYouth,
            double safetyCohesion) implements java.io.Serializable {
        void validate(String p) {
            Check.range(p + ".adjustRate", adjustRate, 0.0, 12.0);
            Check.range(p + ".tiesYears", tiesYears, 0.1, 100.0);
            Check.range(p + ".cohesionBase", cohesionBase, -2.0, 2.0);
            Check.range(p + ".cohesionTies", cohesionTies, 0.0, 5.0);
            Check.range(p + ".cohesionTurnover", cohesionTurnover, 0.0, 20.0);
            Check.range(p + ".cohesionOwners", cohesionOwners, 0.0, 5.0);
            Check.range(p + ".safetyBase", safetyBase, -2.0, 2.0);
            Check.range(p + ".safetyUnemployment", safetyUnemployment, 0.0, 20.0);
            Check.range(p + ".safetyPoverty", safetyPoverty, 0.0, 20.0);
            Check.range(p + ".safetyYouth", safetyYouth, 0.0, 50.0);
            Check.range(p + ".safetyCohesion", safetyCohesion, 0.0, 5.0);
        }
    }

    /**
     * The housing market: who wants to move, what they may rent or buy, how vacancies fill from the
     * region and how market prices follow demand. Tenure order in arrays: social rent, private rent,
     * owner occupied.
     */
    public record Housing(
            double[] baseMoveRate,
            double aspirationEffect,
            double incomeRiseEffect,
            double tiesEffect,
            double crowdingEffect,
            double distanceDecay,
            int candidatesPerMonth,
            int searchMonths,
            double socialIncomeLimit,
            double maxBurden,
            double ownerMinIncome,
            double moveThreshold,
            double[] baseMonthlyCost,
            double qualityCostSpread,
            double[] regionalFillMonthly,
            double regionalPriceSensitivity,
            double priceAdjustRate,
            double targetVacancy,
            double preferLiveability,
            double preferQuality,
            double preferOwnership,
            double preferSpace,
            double costAversion,
            double preferStaying,
            double registeredShare) implements java.io.Serializable {
        /** The highest {@code targetVacancy}: a fifth of the stock (see {@link #validate}). */
        public static final double MAX_TARGET_VACANCY = 0.2;
        /** The lowest {@code maxBurden}: above the 0.12 share of income every in-migrant pays at least. */
        public static final double MIN_MAX_BURDEN = 0.2;

        void validate(String p) {
            Check.range(p + ".preferStaying", preferStaying, 0.0, 20.0);
            Check.range(p + ".costAversion", costAversion, 0.0, 20.0);
            Check.length(p + ".baseMoveRate", baseMoveRate, 3);
            Check.length(p + ".baseMonthlyCost", baseMonthlyCost, 3);
            Check.length(p + ".regionalFillMonthly", regionalFillMonthly, 3);
            for (int i = 0; i < 3; i++) {
                Check.range(p + ".baseMoveRate[" + i + "]", baseMoveRate[i], 0.0, 2.0);
                Check.range(p + ".baseMonthlyCost[" + i + "]", baseMonthlyCost[i], 1.0, 100_000.0);
                Check.probability(p + ".regionalFillMonthly[" + i + "]", regionalFillMonthly[i]);
            }
            Check.range(p + ".aspirationEffect", aspirationEffect, 0.0, 20.0);
            Check.range(p + ".incomeRiseEffect", incomeRiseEffect, 0.0, 20.0);
            Check.range(p + ".tiesEffect", tiesEffect, 0.0, 20.0);
            Check.range(p + ".crowdingEffect", crowdingEffect, 0.0, 20.0);
            Check.range(p + ".distanceDecay", distanceDecay, 0.0, 10.0);
            Check.probability(p + ".registeredShare", registeredShare);
            Check.range(p + ".candidatesPerMonth", candidatesPerMonth, 1, 100);
            Check.range(p + ".searchMonths", searchMonths, 1, 120);
            Check.range(p + ".socialIncomeLimit", socialIncomeLimit, 0.0, 1_000_000.0);
            // an in-migrant takes a market dwelling costing between 0.12 (HouseholdFactory.MIN_BURDEN) and
            // maxBurden of its income: below 0.2 that window is too narrow for the market stock to fill
            // (at 0.05 it is empty, and the city starts a fifth short of its residents)
            Check.range(p + ".maxBurden", maxBurden, MIN_MAX_BURDEN, 1.0);
            Check.range(p + ".ownerMinIncome", ownerMinIncome, 0.0, 1_000_000.0);
            Check.range(p + ".moveThreshold", moveThreshold, 0.0, 10.0);
            Check.range(p + ".qualityCostSpread", qualityCostSpread, 0.0, 0.9);
            Check.range(p + ".regionalPriceSensitivity", regionalPriceSensitivity, 0.0, 20.0);
            Check.range(p + ".priceAdjustRate", priceAdjustRate, 0.0, 2.0);
            // the stock is sized residents / 1.95 / (1 - targetVacancy): at 1 it divides by zero (a city of
            // one dwelling per neighbourhood), near 1 it asks for billions of dwellings. Frictional vacancy
            // in Dutch cities is 2-4 % and in shrinking regions rarely above 10 %; above a fifth the vacancy
            // the market settles at after the warm-up falls ever further below the target
            Check.range(p + ".targetVacancy", targetVacancy, 0.0, MAX_TARGET_VACANCY);
            Check.range(p + ".preferLiveability", preferLiveability, 0.0, 20.0);
            Check.range(p + ".preferQuality", preferQuality, 0.0, 20.0);
            Check.range(p + ".preferOwnership", preferOwnership, 0.0, 20.0);
            Check.range(p + ".preferSpace", preferSpace, 0.0, 20.0);
        }
    }

    /**
     * The housing stock's ageing and renewal (the {@code Stock} process): quality depreciates
     * monthly; the housing corporation spends a share of its rent income on maintenance, allocated
     * over neighbourhoods by its market (occupancy and reputation); private landlords spend a share
     * of each neighbourhood's rent income on its private stock; owner-occupiers a share of their
     * dwelling's value, at most a share of their income. A vacant dwelling of low quality is
     * renovated when the value its quality adds exceeds the cost; unbuilt plots are built on where
     * market vacancy is below the target and the value of a new dwelling exceeds the building
     * cost; vacant dwellings of very low quality, vacant long enough, are demolished. Facilities
     * follow the neighbourhood's purchasing power with a lag. Money is euro; quality runs 0-1.
     */
    public record Stock(
            double depreciationPerYear,
            double qualityCost,
            double socialMaintenanceShare,
            double privateMaintenanceShare,
            double ownerValueShare,
            double ownerIncomeShare,
            double marketFocus,
            double capitalisationYield,
            double renovateBelow,
            double renovationQuality,
            double buildCost,
            double newBuildQuality,
            double buildResponse,
            double demolishBelow,
            int demolishVacantMonths,
            double facilitiesLagYears,
            double facilitiesElasticity) implements java.io.Serializable {
        void validate(String p) {
            Check.range(p + ".depreciationPerYear", depreciationPerYear, 0.0, 1.0);
            Check.range(p + ".qualityCost", qualityCost, 1.0, 10_000_000.0);
            Check.range(p + ".socialMaintenanceShare", socialMaintenanceShare, 0.0, 1.0);
            Check.range(p + ".privateMaintenanceShare", privateMaintenanceShare, 0.0, 1.0);
            Check.range(p + ".ownerValueShare", ownerValueShare, 0.0, 1.0);
            Check.range(p + ".ownerIncomeShare", ownerIncomeShare, 0.0, 1.0);
            Check.range(p + ".marketFocus", marketFocus, 0.0, 10.0);
            Check.range(p + ".capitalisationYield", capitalisationYield, 0.005, 1.0);
            Check.probability(p + ".renovateBelow", renovateBelow);
            Check.probability(p + ".renovationQuality", renovationQuality);
            if (renovationQuality < renovateBelow) {
                throw new ScenarioException(p + ".renovationQuality: " + Check.fmt(renovationQuality)
                        + " is below renovateBelow " + Check.fmt(renovateBelow) + " (a renovation must raise the quality)");
            }
            Check.range(p + ".buildCost", buildCost, 1.0, 100_000_000.0);
            Check.probability(p + ".newBuildQuality", newBuildQuality);
            Check.range(p + ".buildResponse", buildResponse, 0.0, 100.0);
            Check.probability(p + ".demolishBelow", demolishBelow);
            Check.range(p + ".demolishVacantMonths", demolishVacantMonths, 1, 1200);
            Check.range(p + ".facilitiesLagYears", facilitiesLagYears, 0.1, 100.0);
            Check.range(p + ".facilitiesElasticity", facilitiesElasticity, 0.0, 10.0);
        }
    }

    /**
     * The region outside the city: the places a household leaving the city moves to and in-migrants
     * come from, and where the run follows the residents who left. Each place is a housing submarket
     * of its own (see {@link Place}); {@code abroadInShare} of the in-migrants come from abroad, the
     * others from the places by their {@code inShare}; {@code turnover} is the share of the places'
     * households that move each year (their own market, which refills their vacancies).
     */
    public record Region(List<Place> places, double abroadInShare, double turnover) implements java.io.Serializable {
        void validate(String p) {
            Check.nonEmpty(p + ".places", places);
            Check.range(p + ".places (count)", places.size(), 1, 50);
            Check.probability(p + ".abroadInShare", abroadInShare);
            Check.range(p + ".turnover", turnover, 0.001, 1.0);
            Set<String> names = new HashSet<>();
            double in = 0;
            for (int i = 0; i < places.size(); i++) {
                String q = p + ".places[" + i + "]";
                Place place = places.get(i);
                Check.present(q, place);
                place.validate(q);
                if (!names.add(place.name())) {
                    throw new ScenarioException(q + ".name: '" + place.name() + "' is used twice");
                }
                in += place.inShare();
            }
            if (in <= 0 && abroadInShare < 1.0) {
                throw new ScenarioException(p + ".places: every inShare is 0, so in-migrants can only come from abroad; "
                        + "set abroadInShare to 1 or give a place an inShare above 0");
            }
        }
    }

    /**
     * A place of the region: its distance from the city (km), its housing stock as a multiple of the
     * city's dwellings at the start, the liveability it offers (on the city's scale, 100 = the
     * reference), its dwellings' quality, its market price level (1 = the city's base cost), the
     * tenure mix of the dwellings it offers, the registration a social let there asks (years), its
     * share of the in-migrants from the region, and its labour market's and surroundings' conditions
     * for the followed residents who live there (job finding and job loss as multiples of the city's
     * base hazards; safety, which sets the place risk of poor mental health).
     */
    public record Place(String name, double distanceKm, double stockShare, double liveability, double quality,
            double priceLevel, double socialShare, double privateShare, double waitingYears, double inShare,
            double jobFindingFactor, double jobLossFactor, double safety) implements java.io.Serializable {
        void validate(String p) {
            Check.name(p + ".name", name, true);
            Check.range(p + ".distanceKm", distanceKm, 0.0, 20_000.0);
            Check.range(p + ".stockShare", stockShare, 0.0, 10_000.0);
            Check.range(p + ".liveability", liveability, 0.0, 300.0);
            Check.probability(p + ".quality", quality);
            Check.range(p + ".priceLevel", priceLevel, 0.2, 5.0);
            Check.probability(p + ".socialShare", socialShare);
            Check.probability(p + ".privateShare", privateShare);
            if (socialShare + privateShare > 1.0 + 1e-9) {
                throw new ScenarioException(p + ": socialShare + privateShare = "
                        + Check.rounded(socialShare + privateShare) + " exceeds 1");
            }
            Check.range(p + ".waitingYears", waitingYears, 0.0, 50.0);
            Check.probability(p + ".inShare", inShare);
            Check.range(p + ".jobFindingFactor", jobFindingFactor, 0.0, 10.0);
            Check.range(p + ".jobLossFactor", jobLossFactor, 0.0, 10.0);
            Check.probability(p + ".safety", safety);
        }
    }

    /**
     * Liveability: weights of the components (dwellings, environment, facilities, cohesion, safety,
     * population), the composite score that maps to 100 (the reference, "an average Dutch
     * neighbourhood"), the months reputation lags behind, and the six score thresholds between the
     * seven classes (very negative ... excellent).
     */
    public record Liveability(double[] weights, double referenceScore, double reputationLagMonths,
            double[] classThresholds) implements java.io.Serializable {
        void validate(String p) {
            Check.range(p + ".referenceScore", referenceScore, 0.05, 1.0);
            Check.length(p + ".weights", weights, 6);
            double sum = 0;
            for (int i = 0; i < 6; i++) {
                Check.range(p + ".weights[" + i + "]", weights[i], 0.0, 1.0);
                sum += weights[i];
            }
            if (Math.abs(sum - 1.0) > 1e-6) {
                throw new ScenarioException(p + ".weights: sum to " + Check.rounded(sum) + ", not 1");
            }
            Check.range(p + ".reputationLagMonths", reputationLagMonths, 1.0, 600.0);
            Check.length(p + ".classThresholds", classThresholds, 6);
            for (int i = 0; i < 6; i++) {
                Check.range(p + ".classThresholds[" + i + "]", classThresholds[i], 0.0, 1000.0);
                if (i > 0 && classThresholds[i] <= classThresholds[i - 1]) {
                    throw new ScenarioException(p + ".classThresholds[" + i + "]: " + Check.fmt(classThresholds[i])
                            + " must be above the previous threshold " + Check.fmt(classThresholds[i - 1]));
                }
            }
        }
    }

    /**
     * What a run writes besides the always-on files. {@code cohortYears} are the whole years since
     * tick 0 at which every neighbourhood's residents become a cohort, followed wherever they go
     * ({@code origins.csv}); none, no file. Every run follows the same cohorts, with or without a
     * programme, so that a programme's target neighbourhoods can be compared with the same persons
     * in a run without it. A year may be the run's last (like a programme's {@code startYear}): its
     * cohort then has only its baseline rows, so a short run keeps the defaults valid.
     */
    public record Output(boolean movesLog, int decompositionYears, int[] cohortYears) implements java.io.Serializable {
        /** At most this many cohort years: each costs 8 bytes per resident for the whole run. */
        static final int MAX_COHORT_YEARS = 50;

        void validate(String p, int years) {
            Check.range(p + ".decompositionYears", decompositionYears, 1, 200);
            Check.present(p + ".cohortYears", cohortYears);
            Check.range(p + ".cohortYears (count)", cohortYears.length, 0, MAX_COHORT_YEARS);
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < cohortYears.length; i++) {
                String q = p + ".cohortYears[" + i + "]";
                Check.range(q, cohortYears[i], 0, years);
                if (!seen.add(cohortYears[i])) {
                    throw new ScenarioException(q + ": year " + cohortYears[i] + " is given twice");
                }
            }
        }
    }
}
