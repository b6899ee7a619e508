package org.wijklab.gui;

import java.util.List;
import java.util.Locale;
import org.wijklab.model.Help;
import org.wijklab.model.Households;
import org.wijklab.model.IncomeRules;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Persons;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;
import org.wijklab.scenario.Programme;
import org.wijklab.scenario.Scenario;

/**
 * What the inspectors show: read-only views of the model's state, read afresh whenever MASON
 * updates an inspector (every step). Each public getter is a property in MASON's inspector; a
 * property that returns one of these objects gets a button that opens its own inspector.
 */
final class Inspections {
    private Inspections() {
    }

    static String status(byte s) {
        return switch (s) {
            case Households.EMPLOYED -> "employed";
            case Households.UNEMPLOYED -> "unemployed";
            case Households.INACTIVE -> "inactive";
            default -> "retired";
        };
    }

    static String mental(byte m) {
        return switch (m) {
            case Households.GOOD -> "good";
            case Households.POOR -> "poor";
            default -> "severe problems";
        };
    }

    static String caseName(byte c) {
        return switch (c) {
            case Households.CASE_NONE -> "none";
            case Households.CASE_ALL -> "integral";
            case Households.CASE_DEBT -> "debt";
            case Households.CASE_YOUTH -> "youth";
            default -> "mental health";
        };
    }

    static String education(byte e) {
        return switch (e) {
            case 0 -> "low";
            case 1 -> "mid";
            case 2 -> "high";
            default -> "at school";
        };
    }

    static String tenure(byte t) {
        return t == Tenure.SOCIAL ? "social rent" : t == Tenure.PRIVATE ? "private rent" : "owner-occupied";
    }

    /**
     * The lines of {@link Dwelling#getPersons} for household slot {@code s}: the adults by the
     * model's income rules ({@link IncomeRules}, each adult's own wage by {@link WijkLabModel#wage}),
     * then the children.
     */
    static String[] persons(WijkLabModel model, int s) {
        Households h = model.households();
        Persons ps = model.persons();
        Scenario.Labour lab = model.scenario().labour();
        int tick = model.tick();
        int adults = h.adults[s];
        // each adult's source of income and own income, as the model's income rules count them
        byte[] source = new byte[adults];
        double[] wage = new double[adults];
        double own = 0;
        int workingAge = 0;
        for (int a = 0; a < adults; a++) {
            int k = 2 * s + a;
            int p = h.adultPerson[k];
            if (p < 0) {
                continue;
            }
            boolean working = h.status[k] == Households.EMPLOYED;
            source[a] = IncomeRules.source(h.status[k], h.mental[k], ps.experienceMonths[p], ps.wwUntil[p], tick);
            wage[a] = model.wage(p, working, tick);
            double w = source[a] == IncomeRules.WAGE || source[a] == IncomeRules.DISABILITY ? wage[a] : 0.0;
            own += IncomeRules.own(lab, source[a], w, ps.wwFrom[p], ps.wwBase[p], tick);
            if (h.status[k] != Households.RETIRED) {
                workingAge++;
            }
        }
        double topUp = IncomeRules.topUp(lab, own, workingAge, adults);
        List<String> out = new java.util.ArrayList<>();
        for (int a = 0; a < adults; a++) {
            int k = 2 * s + a;
            int p = h.adultPerson[k];
            if (p < 0) {
                out.add("adult " + (a + 1) + ": not followed");
                continue;
            }
            boolean working = h.status[k] == Households.EMPLOYED;
            String pay = working
                    ? String.format(Locale.ROOT, "earns %,.0f euro a year", wage[a])
                    : String.format(Locale.ROOT, "would earn %,.0f euro a year in work", wage[a]);
            out.add(String.format(Locale.ROOT, "adult %d: %d years, %s education, %s, %s; lives on %s; %.1f years of work experience",
                    a + 1, ps.age(p, tick), education(ps.education[p]), status(h.status[k]), pay,
                    livesOn(lab, source[a], h.status[k], topUp, ps.wwFrom[p], ps.wwUntil[p], ps.wwBase[p], tick),
                    ps.experience(p, working, lab.experienceLoss(), tick) / 12.0));
        }
        int c = 0;
        for (int p = h.firstChild[s]; p >= 0; p = ps.nextChild[p]) {
            c++;
            String upbringing = ps.place[p] == Persons.CITY
                    ? ps.exposureMonths[p] + " months of upbringing counted"
                    : "not in the city";
            out.add(String.format(Locale.ROOT, "child %d: %d years, %s%s", c, ps.age(p, tick), upbringing,
                    ps.pending[p] ? ", looking for a home of its own" : ""));
        }
        return out.toArray(new String[0]);
    }

    /** A tick as the histories write it: year and month ("y3 m7"). */
    static String when(int tick) {
        return String.format(Locale.ROOT, "y%d m%d", Math.floorDiv(tick, 12), Math.floorMod(tick, 12) + 1);
    }

    /**
     * The lines of {@link Dwelling#getHelpHistory} for household slot {@code s}: each member (the
     * adults, then the children) with the help a programme gave it ({@link #helpOf}); one line
     * "never helped" if no member was ever helped.
     */
    static String[] helpHistory(WijkLabModel model, int s) {
        Households h = model.households();
        Persons ps = model.persons();
        List<String> out = new java.util.ArrayList<>();
        boolean any = false;
        for (int a = 0; a < h.adults[s]; a++) {
            int p = h.adultPerson[2 * s + a];
            if (p < 0) {
                out.add("adult " + (a + 1) + ": not followed");
                continue;
            }
            any |= ps.helpFirst[p] != Help.NEVER;
            out.add("adult " + (a + 1) + ": " + helpOf(model, p));
        }
        int c = 0;
        for (int p = h.firstChild[s]; p >= 0; p = ps.nextChild[p]) {
            c++;
            any |= ps.helpFirst[p] != Help.NEVER;
            out.add("child " + c + ": " + helpOf(model, p));
        }
        return any ? out.toArray(new String[0]) : new String[] {"never helped"};
    }

    /**
     * Person p's help in words: the forms it received, its months with help, the first and the last
     * month, the programme that first helped it, its skill (if any), the months left in an
     * activation or a treatment place, and what help left (a treated recovery, debts resolved with
     * counselling, with their months); "never helped" if it got none.
     */
    static String helpOf(WijkLabModel model, int p) {
        Persons ps = model.persons();
        if (ps.helpFirst[p] == Help.NEVER) {
            return "never helped";
        }
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (int f = 0; f < Help.FORMS; f++) {
            if ((ps.helpForms[p] & (1 << f)) != 0) {
                b.append(first ? "" : ", ").append(Help.NAMES[f].replace('_', ' '));
                first = false;
            }
        }
        if (first) {
            b.append("help");
        }
        int months = ps.helpMonths[p];
        b.append(String.format(Locale.ROOT, "; %d month%s with help, %s to %s", months, months == 1 ? "" : "s",
                when(ps.helpFirst[p]), when(ps.helpLast[p])));
        if (ps.helpLast[p] == model.tick()) {
            b.append(" (helped this month)");
        }
        int k = ps.helpProgramme[p] - 1;
        List<org.wijklab.scenario.Programme> programmes = model.scenario().programmes();
        if (k >= 0 && k < programmes.size()) {
            b.append("; by ").append(programmes.get(k).name());
        }
        if (ps.skill[p] > 0) {
            b.append(String.format(Locale.ROOT, "; skill %.2f", ps.skill[p]));
        }
        if (ps.activationLeft[p] > 0) {
            b.append(String.format(Locale.ROOT, "; %d month%s left in an activation place", ps.activationLeft[p],
                    ps.activationLeft[p] == 1 ? "" : "s"));
        }
        if (ps.treatmentLeft[p] > 0) {
            b.append(String.format(Locale.ROOT, "; %d month%s left in a treatment place", ps.treatmentLeft[p],
                    ps.treatmentLeft[p] == 1 ? "" : "s"));
        }
        if ((ps.legacy[p] & Help.TREATED_RECOVERY) != 0) {
            b.append("; recovered with treatment").append(ps.recoveredAt[p] == Help.NEVER ? "" : " " + when(ps.recoveredAt[p]));
        }
        if ((ps.legacy[p] & Help.COUNSELLED) != 0) {
            b.append("; debts resolved with counselling")
                    .append(ps.debtFreeAt[p] == Help.NEVER ? "" : " " + when(ps.debtFreeAt[p]));
        }
        return b.toString();
    }

    /** What an adult lives on, in words: its own source, or social assistance when the household is topped up. */
    private static String livesOn(Scenario.Labour lab, byte source, byte status, double topUp, int wwFrom, int wwUntil,
            double wwBase, int tick) {
        return switch (source) {
            case IncomeRules.WAGE -> "its wage" + (topUp > 0 ? ", topped up by social assistance" : "");
            case IncomeRules.PENSION -> "the state pension (AOW)";
            case IncomeRules.WW -> String.format(Locale.ROOT, "unemployment insurance (WW), %,.0f euro a year, %d month%s left%s",
                    IncomeRules.own(lab, source, 0.0, wwFrom, wwBase, tick), wwUntil - tick, wwUntil - tick == 1 ? "" : "s",
                    topUp > 0 ? ", topped up by social assistance" : "");
            case IncomeRules.DISABILITY -> "a disability benefit" + (topUp > 0 ? ", topped up by social assistance" : "");
            default -> status == Households.RETIRED ? "no income of its own"
                    : topUp > 0 ? String.format(Locale.ROOT, "social assistance (the household is topped up by %,.0f euro a year)", topUp)
                    : "no income of its own (its partner's income counts)";
        };
    }

    /** One dwelling on the map and the household living there. */
    public static final class Dwelling {
        private final WijkLabModel model;
        private final MoveHistory history;
        private final LifeHistory life;
        private final int d;

        Dwelling(WijkLabModel model, MoveHistory history, LifeHistory life, int d) {
            this.model = model;
            this.history = history;
            this.life = life;
            this.d = d;
        }

        private int slot() {
            return model.dwellings().occupant[d];
        }

        public String getDwelling() {
            return String.format(Locale.ROOT, "no. %d, %s, %s, quality %.2f", d, tenure(model.dwellings().tenure[d]),
                    model.dwellings().small[d] ? "small" : "large", model.dwellings().quality[d]);
        }

        public Neighbourhood getNeighbourhood() {
            return new Neighbourhood(model, model.dwellings().neighbourhood[d]);
        }

        public String getHousehold() {
            int s = slot();
            if (s < 0) {
                return "vacant";
            }
            Households h = model.households();
            return String.format(Locale.ROOT, "no. %d: %d adult%s, %d child%s, head aged %d", h.id[s], h.adults[s],
                    h.adults[s] == 1 ? "" : "s", h.children[s], h.children[s] == 1 ? "" : "ren", h.age(s, model.tick()));
        }

        public String getWork() {
            return perAdult(a -> status(model.households().status[a]));
        }

        /**
         * Each person of the household, one line each: an adult's age, education, labour status,
         * own wage, what it lives on and its work experience; a child's age and the months of its
         * upbringing counted so far. The adults first, then the children.
         */
        public String[] getPersons() {
            int s = slot();
            if (s < 0) {
                return new String[0];
            }
            return persons(model, s);
        }

        /** Each adult's value, separated by "; " (empty for a vacant dwelling). */
        private String perAdult(java.util.function.IntFunction<String> ofAdult) {
            int s = slot();
            if (s < 0) {
                return "";
            }
            StringBuilder b = new StringBuilder();
            for (int a = 0; a < model.households().adults[s]; a++) {
                b.append(a == 0 ? "" : "; ").append(ofAdult.apply(2 * s + a));
            }
            return b.toString();
        }

        public String getIncome() {
            int s = slot();
            return s < 0 ? "" : String.format(Locale.ROOT, "%,.0f euro a year (city rank %.0f %%), housing costs %,.0f a month",
                    model.households().income[s], 100 * model.incomeRank(model.households().income[s]),
                    model.households().housingCost[s]);
        }

        public String getMentalHealth() {
            return perAdult(a -> mental(model.households().mental[a]));
        }

        public String getProblemsAndCase() {
            int s = slot();
            if (s < 0) {
                return "";
            }
            Households h = model.households();
            String c = h.caseType[s] == Households.CASE_NONE ? "no case" : "a case (" + caseName(h.caseType[s]) + ")";
            return String.format(Locale.ROOT, "debts %d, youth problems %d; %s%s", h.debt[s], h.youth[s], c,
                    h.caseType[s] == Households.CASE_NONE ? "" : ", for " + (model.tick() - h.caseSince[s]) + " months");
        }

        public String getLivesHereSince() {
            int s = slot();
            if (s < 0) {
                return "";
            }
            int months = model.tick() - model.households().moveInTick[s];
            return months + " months";
        }

        public String[] getWorkAndCaseHistory() {
            int s = slot();
            if (s < 0 || life == null) {
                return new String[0];
            }
            List<String> m = life.of(model.households().id[s]);
            return m.isEmpty() ? new String[] {"no change since the display opened"} : m.toArray(new String[0]);
        }

        /**
         * Each member's help from a programme, one line each (adults, then children): the forms,
         * months with help, first and last month, the programme, skill, months left in an activation
         * or treatment place, and a treated recovery or debts resolved with counselling; "never
         * helped" when no member was.
         */
        public String[] getHelpHistory() {
            int s = slot();
            if (s < 0) {
                return new String[0];
            }
            return helpHistory(model, s);
        }

        public String[] getLastMoves() {
            int s = slot();
            if (s < 0) {
                return new String[0];
            }
            List<String> m = history.of(model.households().id[s]);
            return m.isEmpty() ? new String[] {"none since the display opened"} : m.toArray(new String[0]);
        }
    }

    /** One neighbourhood's indicators, and the programme it is a target of. */
    public static final class Neighbourhood {
        private final WijkLabModel model;
        private final int j;

        Neighbourhood(WijkLabModel model, int j) {
            this.model = model;
            this.j = j;
        }

        private Neighbourhoods nb() {
            return model.neighbourhoods();
        }

        public String getName() {
            return nb().name[j];
        }

        public int getHouseholds() {
            return nb().households[j];
        }

        public double getEmploymentRate() {
            return nb().employmentRate[j];
        }

        public double getGoodMentalHealth() {
            return nb().goodMentalHealth[j];
        }

        public double getLiveability() {
            return nb().liveability[j];
        }

        public String getLiveabilityClass() {
            return Neighbourhoods.CLASS_NAMES[nb().liveabilityClass[j]].replace('_', ' ');
        }

        public int getRank() {
            return nb().rank[j];
        }

        public double getCohesion() {
            return nb().cohesion[j];
        }

        public double getSafety() {
            return nb().safety[j];
        }

        /** The households' mean local ties (months lived and the integration theme's acquaintance), [0, 1). */
        public double getMeanTies() {
            return nb().meanTies[j];
        }

        /** Months of local acquaintance the integration theme has given the residents here since the start. */
        public double getIntegrationMonths() {
            return nb().tieClock[j];
        }

        /** Share of the problem pressure on safety that the safety theme prevents this month. */
        public double getSafetyPrevented() {
            return model.effects().prevention[j];
        }

        public double getVacancy() {
            int v = 0;
            for (int t = 0; t < nb().vacantByTenure[j].length; t++) {
                v += nb().vacantByTenure[j][t];
            }
            return v / (double) Math.max(1, nb().dwellings[j]);
        }

        public double getProfessionals() {
            return model.effects().professionals[j];
        }

        public Object getProgramme() {
            for (Programmes.Run run : model.programmes().runs()) {
                if (run.isTarget != null && run.isTarget[j]) {
                    return new ProgrammeView(model, run);
                }
            }
            return "not a target";
        }

        @Override
        public String toString() {
            return getName();
        }
    }

    /** A programme: its money, team and best persons. */
    public static final class ProgrammeView {
        private final WijkLabModel model;
        private final Programmes.Run run;

        ProgrammeView(WijkLabModel model, Programmes.Run run) {
            this.model = model;
            this.run = run;
        }

        public String getName() {
            return run.spec.name();
        }

        public String getPeriod() {
            return String.format(Locale.ROOT, "year %.1f to %.1f%s", run.spec.startYear(), run.spec.endYear(),
                    run.activeAt(model.tick()) ? " (running)" : model.tick() > run.endTick ? " (ended)" : " (not yet)");
        }

        public double getYearlyBudget() {
            return run.spec.yearlyBudget();
        }

        public String getTeam() {
            Programme.Team t = run.spec.team();
            return t == null ? "none" : String.format(Locale.ROOT, "%s, %.0f %% of the budget, %,d residents a team, proximity %.2f",
                    t.mode(), 100 * t.budgetShare(), t.areaResidents(), t.proximity());
        }

        public String[] getTargets() {
            if (run.targets == null) {
                return new String[0];
            }
            String[] out = new String[run.targets.length];
            for (int k = 0; k < out.length; k++) {
                int j = run.targets[k];
                out[k] = model.neighbourhoods().name[j] + ": " + CityOverlay.bestPerson(run, j, model.tick());
            }
            return out;
        }

        @Override
        public String toString() {
            return getName();
        }
    }
}
