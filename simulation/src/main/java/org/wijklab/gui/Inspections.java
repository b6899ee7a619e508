package org.wijklab.gui;

import java.util.List;
import java.util.Locale;
import org.wijklab.model.Help;
import org.wijklab.model.Households;
import org.wijklab.model.IncomeRules;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Persons;
import org.wijklab.model.Professionals;
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
                    ps.experience(p, working, lab.experienceLoss(), tick) / 12.0) + bestPerson(model, p));
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

    /** "; a best person (...)" for an active or resting best person, with its energy and months; else "". */
    static String bestPerson(WijkLabModel model, int p) {
        Persons ps = model.persons();
        byte st = ps.bpState[p];
        if (st != Persons.BP_ACTIVE && st != Persons.BP_RESTING) {
            return "";
        }
        return String.format(Locale.ROOT, "; a best person (%s, energy %.2f, for %d months)",
                st == Persons.BP_ACTIVE ? "active" : "exhausted, resting", ps.bpEnergy[p], model.tick() - ps.bpSince[p]);
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

    /** A best person, as the map's marker shows it ({@link BestPersonLayer}): person slot and id, programme, target. */
    public static final class BestPerson {
        private final WijkLabModel model;
        private final int p;
        private final int id;
        private final int run;
        private final int hood;

        BestPerson(WijkLabModel model, int p, int id, int run, int hood) {
            this.model = model;
            this.p = p;
            this.id = id;
            this.run = run;
            this.hood = hood;
        }

        /** Whether the person is still the one the marker was made for and lives in the city. */
        private boolean here() {
            Persons ps = model.persons();
            return ps.id[p] == id && ps.place[p] == Persons.CITY;
        }

        /** Active, active and tiring, or exhausted and resting (with the months left); or gone. */
        public String getState() {
            Persons ps = model.persons();
            if (ps.id[p] != id) {
                return "no longer followed (died or left the city)";
            }
            if (ps.place[p] == Persons.DEAD) {
                return "died";
            }
            return switch (ps.bpState[p]) {
                case Persons.BP_ACTIVE -> ps.bpEnergy[p] < BestPersonLayer.TIRING_ENERGY ? BestPersonLayer.NAMES[1] : "active";
                case Persons.BP_RESTING -> String.format(Locale.ROOT, "exhausted, resting: %d month%s left", ps.bpRestLeft[p],
                        ps.bpRestLeft[p] == 1 ? "" : "s");
                case Persons.BP_STOPPED -> "stopped";
                default -> "not a best person";
            } + (ps.place[p] != Persons.CITY ? " (left the city)" : "");
        }

        /** Energy in [0, 1] (below the burnout level it rests). */
        public double getEnergy() {
            return model.persons().id[p] == id ? model.persons().bpEnergy[p] : 0.0;
        }

        public int getMonthsAsBestPerson() {
            return model.persons().id[p] == id ? model.tick() - model.persons().bpSince[p] : 0;
        }

        public String getProgramme() {
            return model.programmes().runs().get(run).spec.name();
        }

        /** The persons a best person reaches (policy.bestPersons.network), and the share of the target's households the programme's active best persons reach. */
        public String getNetwork() {
            org.wijklab.policy.Programmes.Run r = model.programmes().runs().get(run);
            double reach = r.bpReach == null ? 0.0 : r.bpReach[hood];
            return String.format(Locale.ROOT, "%d persons; the programme's active best persons here reach %.0f %% of the households",
                    getNetworkSize(), 100 * reach);
        }

        public int getNetworkSize() {
            return model.scenario().policy().bestPersons().network();
        }

        /** The target it acts in, and where it lives if that is elsewhere now (the programme notes the loss next month). */
        public String getNeighbourhood() {
            Neighbourhoods nb = model.neighbourhoods();
            String acts = nb.name[hood];
            if (!here()) {
                return acts;
            }
            int j = model.households().hood[model.persons().household[p]];
            return j == hood || j < 0 ? acts : acts + " (moved to " + nb.name[j] + " this month)";
        }

        /** Its household's income and its rank in the city. */
        public String getHouseholdIncome() {
            if (!here()) {
                return "";
            }
            double income = model.households().income[model.persons().household[p]];
            return String.format(Locale.ROOT, "%,.0f euro a year (city rank %.0f %%)", income, 100 * model.incomeRank(income));
        }

        /** The open initiatives it founded, and the one it carries: number, first month, members this month. */
        public String[] getInitiatives() {
            org.wijklab.policy.Programmes pg = model.programmes();
            Persons ps = model.persons();
            int carried = carrying();
            List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < pg.initiativeSlots(); i++) {
                int[] in = pg.initiative(i);
                if (in == null) {
                    continue;
                }
                // founder's slot: this person, if it is a member of it (a reused slot's newcomer is not)
                boolean founded = in[2] == p && ps.id[p] == id && ps.initiative[p] == i;
                if (founded || i == carried) {
                    out.add(String.format(Locale.ROOT, "initiative %d in %s: %s, since %s, %d member%s this month", i,
                            model.neighbourhoods().name[in[0]], founded && i == carried ? "founded and carried"
                                    : founded ? "founded" : "carried (taken over)",
                            when(in[3]), in[4], in[4] == 1 ? "" : "s"));
                }
            }
            return out.isEmpty() ? new String[] {"none open"} : out.toArray(new String[0]);
        }

        /** The initiative it carries, -1 for none (from its programme's roster). */
        int carrying() {
            int[] roster = model.programmes().bestPersonRoster();
            for (int e = 0; e < roster.length; e += 5) {
                if (roster[e] == p && roster[e + 1] == id && roster[e + 2] == run) {
                    return roster[e + 4];
                }
            }
            return -1;
        }

        int person() {
            return p;
        }

        @Override
        public String toString() {
            return "best person in " + model.neighbourhoods().name[hood];
        }
    }

    /** A professional (a post of a team), as the map's area shows it ({@link ProfessionalLayer}). */
    public static final class Professional {
        /** Caseload kinds by the norms (process.Problems#weight's rule). */
        static final int HEAVY = Professionals.HEAVY;
        static final int VULNERABLE = Professionals.VULNERABLE;
        static final int OTHER = Professionals.OTHER;
        private final WijkLabModel model;
        private final int p;

        Professional(WijkLabModel model, int p) {
            this.model = model;
            this.p = p;
        }

        private Professionals pr() {
            return model.professionals();
        }

        /** Its team: number, programme, integral or fragmented, professionals, and the area (target neighbourhoods, or a part of one). */
        public String getTeam() {
            Professionals pr = pr();
            int t = pr.team[p];
            Neighbourhoods nb = model.neighbourhoods();
            StringBuilder area = new StringBuilder();
            for (int j = 0; j < nb.count; j++) {
                int t0 = pr.hoodTeam[j];
                int parts = Math.max(1, pr.hoodParts[j]);
                if (t0 >= 0 && t >= t0 && t < t0 + parts) {
                    area.append(area.length() == 0 ? "" : ", ").append(nb.name[j]);
                    if (parts > 1) {
                        area.append(String.format(Locale.ROOT, " (part %d of %d, by address)", t - t0 + 1, parts));
                    }
                }
            }
            return String.format(Locale.ROOT, "team %d of %s, %s, %d professional%s, %s", t,
                    model.programmes().runs().get(pr.teamProgramme[t]).spec.name(), pr.teamIntegral[t] ? "integral" : "fragmented",
                    pr.teamSize[t], pr.teamSize[t] == 1 ? "" : "s", area.length() == 0 ? "no area now" : area.toString());
        }

        public boolean getInPost() {
            return pr().inPost[p];
        }

        /** Months the present professional has been in the post. */
        public int getMonthsInPost() {
            return model.tick() - pr().startTick[p];
        }

        /** Professionals who left this post so far (staff turnover). */
        public int getPredecessorsLeft() {
            return pr().departures[p];
        }

        /** Knowing the area: the factor its months in post give its detection ({@link Professionals#knowing}). */
        public double getKnowingTheArea() {
            org.wijklab.scenario.Policy.Services s = model.scenario().policy().services();
            return Professionals.knowing(getMonthsInPost(), s.newcomerEffect(), s.tenureMonths());
        }

        /** Knowing its families: the mean factor their months with it give their treatment (NaN with no family). */
        public double getKnowingItsFamilies() {
            org.wijklab.scenario.Policy.Services s = model.scenario().policy().services();
            Professionals pr = pr();
            double sum = 0;
            int n = 0;
            for (int slot : families()) {
                for (int k = 0; k < Professionals.TYPES; k++) {
                    if (pr.holder[Professionals.TYPES * slot + k] == p) {
                        sum += Professionals.knowing(pr.familyMonths(slot, k, model.tick()), s.newcomerEffect(), s.tenureMonths());
                        n++;
                    }
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        public double getFte() {
            return pr().fte[p];
        }

        /** FTE left for cases after travel and management. */
        public double getCapacity() {
            return pr().capacity[p];
        }

        /** The norm-weighted caseload (a heavy family 1/6 of a professional, a vulnerable one 1/35, another 1/100, plus coordination). */
        public double getLoad() {
            return pr().load[p];
        }

        public double getLoadOfCapacity() {
            return pr().capacity[p] > 0 ? pr().load[p] / pr().capacity[p] : 0.0;
        }

        public int getCasesHeld() {
            return families().length;
        }

        /** Its families by kind (the norms' rule applied to their problems now), with the norms. */
        public String getCaseload() {
            int[] k = kinds();
            org.wijklab.scenario.Policy.Services s = model.scenario().policy().services();
            return String.format(Locale.ROOT, "%d heavy (norm %.0f), %d vulnerable (norm %.0f), %d other (norm %.0f)", k[HEAVY],
                    s.heavyCaseload(), k[VULNERABLE], s.vulnerableCaseload(), k[OTHER], s.otherCaseload());
        }

        /** Heavy, vulnerable and other families held. */
        int[] kinds() {
            int[] out = new int[3];
            for (int slot : families()) {
                out[kind(model.households(), slot)]++;
            }
            return out;
        }

        /** A family's kind by the caseload norms ({@link Professionals#kind}). */
        static int kind(Households h, int slot) {
            return Professionals.kind(h, slot);
        }

        /** The families it holds, one line each: household, neighbourhood, problems, its part of the case and since when. */
        public String[] getFamilies() {
            Households h = model.households();
            Professionals pr = pr();
            int[] f = families();
            String[] out = new String[f.length];
            String[] kinds = {"heavy", "vulnerable", "other"};
            String[] types = {"debts", "youth", "mental health"};
            for (int i = 0; i < f.length; i++) {
                int slot = f[i];
                StringBuilder part = new StringBuilder();
                int since = Integer.MAX_VALUE;
                for (int k = 0; k < Professionals.TYPES; k++) {
                    if (pr.holder[Professionals.TYPES * slot + k] == p) {
                        part.append(part.length() == 0 ? "" : ", ").append(types[k]);
                        since = Math.min(since, pr.holderSince[Professionals.TYPES * slot + k]);
                    }
                }
                String of = h.caseType[slot] == Households.CASE_ALL ? "the whole case" : part.toString();
                int j = h.hood[slot];
                out[i] = String.format(Locale.ROOT, "household %d in %s: %s; debts %d, youth %d; %s, since %s (%d professional%s)",
                        h.id[slot], j >= 0 ? model.neighbourhoods().name[j] : "-", kinds[kind(h, slot)], h.debt[slot], h.youth[slot],
                        of, when(since), pr.holders(slot), pr.holders(slot) == 1 ? "" : "s on the family");
            }
            return out.length == 0 ? new String[] {"none"} : out;
        }

        /** The household slots whose case it holds, in slot order. */
        int[] families() {
            Professionals pr = pr();
            Households h = model.households();
            int slots = Math.min(h.capacity, pr.holder.length / Professionals.TYPES);
            int[] out = new int[16];
            int n = 0;
            for (int s = 0; s < slots; s++) {
                int b = Professionals.TYPES * s;
                if (pr.holder[b] == p || pr.holder[b + 1] == p || pr.holder[b + 2] == p) {
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, 2 * n);
                    }
                    out[n++] = s;
                }
            }
            return java.util.Arrays.copyOf(out, n);
        }

        int post() {
            return p;
        }

        @Override
        public String toString() {
            return "professional " + p + " of team " + pr().team[p];
        }
    }
}
