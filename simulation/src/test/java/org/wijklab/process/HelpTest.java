package org.wijklab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wijklab.model.Help;
import org.wijklab.model.Households;
import org.wijklab.model.Invariants;
import org.wijklab.model.Persons;
import org.wijklab.model.RegionHouseholds;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * Help that reaches persons and what it leaves them: skill from an activation place and debts
 * resolved with counselling go with the person when it moves, not with the dwelling; an untreated
 * debt raises the relapse of treated poor mental health; and the activation place's effect on its
 * holders' employment is small in the first year (lock-in) and larger later (skill), the shape the
 * meta-analysis of Card, Kluve and Weber (2018) reports.
 */
class HelpTest {

    /** A programme in the weakest three from year 1 to 4: these themes, and an integral team with the given budget share. */
    private static Scenario scenario(String themes, double team, int years, long seed) {
        String json = "{\"name\":\"t\",\"years\":" + years + ",\"seed\":" + seed + ",\"warmUpYears\":8,"
                + "\"city\":{\"residents\":15000},\"programmes\":[{\"name\":\"p\",\"targets\":{\"weakest\":3},"
                + "\"startYear\":1,\"durationYears\":3,\"bestPersons\":{\"roomToAct\":0},\"yearlyBudget\":2000000,"
                + "\"themes\":" + themes + (team > 0 ? ",\"team\":{\"budgetShare\":" + team + ",\"mode\":\"integral\","
                + "\"areaResidents\":5000,\"proximity\":0.9}" : "") + "}]}";
        return ScenarioLoader.fromJson(json, "test.json");
    }

    private static Scenario baseline(int years, long seed) {
        return ScenarioLoader.fromJson("{\"name\":\"b\",\"years\":" + years + ",\"seed\":" + seed
                + ",\"warmUpYears\":8,\"city\":{\"residents\":15000}}", "test.json");
    }

    /** The adult position (2 · slot + a) of person p in the city, or -1. */
    private static int position(WijkLabModel m, int p) {
        Persons ps = m.persons();
        if (ps.place[p] != Persons.CITY) {
            return -1;
        }
        Households h = m.households();
        int slot = ps.household[p];
        for (int a = 0; a < h.adults[slot]; a++) {
            if (h.adultPerson[2 * slot + a] == p) {
                return 2 * slot + a;
            }
        }
        return -1;
    }

    /** Whether person p is employed, in the city or in the region. */
    private static boolean employed(WijkLabModel m, int p) {
        Persons ps = m.persons();
        if (ps.place[p] == Persons.CITY) {
            int k = position(m, p);
            return k >= 0 && m.households().status[k] == Households.EMPLOYED;
        }
        if (ps.place[p] == Persons.REGION) {
            RegionHouseholds r = m.region();
            int k = ps.household[p];
            for (int a = 0; a < r.adults[k]; a++) {
                if (r.adultPerson[2 * k + a] == p) {
                    return r.status[2 * k + a] == Households.EMPLOYED;
                }
            }
        }
        return false;
    }

    @Test
    void skillAndResolvedDebtsMoveWithThePersonNotWithTheDwelling() {
        WijkLabModel m = new WijkLabModel(scenario("{\"work\":0.5}", 0.5, 4, 3));
        Invariants.attach(m);
        // at year 3: the persons who had an activation place or debt counselling, where they live, and the dwelling
        Map<Integer, int[]> helped = new HashMap<>();
        List<String> problems = new ArrayList<>();
        m.addTickListener((model, tick) -> {
            Persons ps = model.persons();
            Households h = model.households();
            if (tick == 36) {
                for (int p = 0; p < ps.bound(); p++) {
                    boolean skilled = ps.skill[p] > 0f && ps.activationLeft[p] == 0;
                    boolean counselled = (ps.legacy[p] & Help.COUNSELLED) != 0;
                    if (ps.place[p] == Persons.CITY && (skilled || counselled)) {
                        helped.put(p, new int[] {ps.id[p], h.dwelling[ps.household[p]], ps.debtFreeAt[p],
                            Float.floatToIntBits(ps.skill[p])});
                    }
                }
            }
            if (tick == 48) {
                float fade = (float) Math.exp(-1.0 / model.scenario().policy().help().skillYears());
                int moved = 0;
                for (Map.Entry<Integer, int[]> e : helped.entrySet()) {
                    int p = e.getKey();
                    int[] was = e.getValue();
                    if (ps.id[p] != was[0] || ps.place[p] == Persons.DEAD || ps.place[p] == Persons.FREE) {
                        continue;
                    }
                    boolean away = ps.place[p] == Persons.REGION || h.dwelling[ps.household[p]] != was[1];
                    if (!away) {
                        continue;
                    }
                    moved++;
                    float before = Float.intBitsToFloat(was[3]);
                    // skill fades once a year and grows only in a new place: at least one year's fading of it is left
                    if (ps.skill[p] < before * fade * 0.999f) {
                        problems.add("person " + was[0] + " lost skill on moving: " + before + " -> " + ps.skill[p]);
                    }
                    if (was[2] != Help.NEVER && ps.debtFreeAt[p] < was[2]) {
                        problems.add("person " + was[0] + " lost its debt resolution on moving");
                    }
                    // whoever lives in the old dwelling now got nothing from the mover
                    int slot = model.dwellings().occupant[was[1]];
                    if (slot >= 0 && h.id[slot] != ps.household[p]) {
                        for (int a = 0; a < h.adults[slot]; a++) {
                            int q = h.adultPerson[2 * slot + a];
                            if (q >= 0 && ps.helpFirst[q] == Help.NEVER && (ps.skill[q] != 0f || ps.legacy[q] != 0)) {
                                problems.add("newcomer " + ps.id[q] + " in the old dwelling has help it never got");
                            }
                        }
                    }
                }
                helped.put(-1, new int[] {moved});
            }
        });
        m.runToEnd();
        assertEquals(List.of(), problems.subList(0, Math.min(5, problems.size())));
        assertTrue(helped.get(-1)[0] >= 10, "helped persons who moved within a year: " + helped.get(-1)[0]);
    }

    @Test
    void anUntreatedDebtRaisesTheRelapseOfTreatedPoorMentalHealth() {
        // Two groups of adults in good mental health, each just recovered with treatment; one lives
        // with debts that are never resolved, the other without. Over a year the first relapses more:
        // debts raise the onset (problems.debtRisk) on top of the fading relapse risk.
        // Measured (seed 11): 1,103 onsets with debts against 558 without. Tolerance: more than 1.3x; with
        // some 500 onsets per group the chance that a 2x difference falls below 1.3x is far below 0.1 %.
        WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson("{\"name\":\"r\",\"years\":3,\"seed\":11,"
                + "\"warmUpYears\":2,\"city\":{\"residents\":30000}}", "test.json"));
        int[][] group = new int[2][];
        int[] onsets = new int[2];
        m.addTickListener((model, tick) -> {
            Persons ps = model.persons();
            Households h = model.households();
            if (tick == 12) {
                List<Integer> with = new ArrayList<>();
                List<Integer> without = new ArrayList<>();
                for (int slot = 0; slot < h.capacity; slot++) {
                    if (h.hood[slot] < 0) {
                        continue;
                    }
                    for (int a = 0; a < h.adults[slot]; a++) {
                        int k = 2 * slot + a;
                        int p = h.adultPerson[k];
                        if (p >= 0 && h.mental[k] == Households.GOOD && h.status[k] != Households.RETIRED) {
                            ps.recoveredAt[p] = Persons.month(tick);
                            ps.legacy[p] |= Help.TREATED_RECOVERY;
                            (slot % 2 == 0 ? with : without).add(p);
                        }
                    }
                }
                group[0] = with.stream().mapToInt(Integer::intValue).toArray();
                group[1] = without.stream().mapToInt(Integer::intValue).toArray();
            }
            if (tick >= 12 && tick < 24) {
                for (int g = 0; g < 2; g++) {
                    int kept = 0;
                    for (int p : group[g]) {
                        int k = position(model, p);
                        if (k < 0) {
                            continue;
                        }
                        if (h.mental[k] != Households.GOOD) {
                            onsets[g]++;
                            continue;
                        }
                        // the debts are left untreated: they stay; the other group stays free of them
                        h.debt[k / 2] = (byte) (g == 0 ? 2 : 0);
                        group[g][kept++] = p;
                    }
                    group[g] = java.util.Arrays.copyOf(group[g], kept);
                }
            }
        });
        m.runToEnd();
        assertTrue(onsets[1] > 50, "onsets without debts: " + onsets[1]);
        assertTrue(onsets[0] > 1.3 * onsets[1], "relapses with untreated debts " + onsets[0] + ", without " + onsets[1]);
    }

    @Test
    void anActivationPlaceHelpsLittleInItsFirstYearAndMoreLater() {
        // The holders of the first month's places were chosen from the state both runs share (the
        // programme starts that month), so the same persons in the run without the programme are
        // their counterfactual. Employment of holders minus the same persons without the programme,
        // 12 and 36 months after the start, summed over three seeds.
        // Measured (seeds 1-6, 765 holders): −0.042 after a year, +0.065 after three. Tolerance: the
        // later effect is above 0 and exceeds the first-year one by at least 0.03; with about 770 holders over the six seeds the standard error
        // of each difference is about 0.02 and of their gap about 0.03, so a model that still has the
        // measured shape fails with a chance of about 0.2 %.
        double[] effect = new double[2];
        int holders = 0;
        long[] seeds = {1, 2, 3, 4, 5, 6};
        for (long seed : seeds) {
            WijkLabModel with = new WijkLabModel(scenario("{\"work\":1}", 0, 5, seed));
            List<Integer> ids = new ArrayList<>();
            double[][] employed = new double[2][2];
            with.addTickListener((model, tick) -> {
                Persons ps = model.persons();
                if (tick == 13) {
                    for (int p = 0; p < ps.bound(); p++) {
                        if (ps.helpFirst[p] == 13 && (ps.helpForms[p] & (1 << Help.ACTIVATION)) != 0) {
                            ids.add(ps.id[p]);
                        }
                    }
                }
                if (tick == 24 || tick == 48) {
                    employed[0][tick == 24 ? 0 : 1] = share(model, ids);
                }
            });
            with.runToEnd();
            WijkLabModel without = new WijkLabModel(baseline(5, seed));
            without.addTickListener((model, tick) -> {
                if (tick == 24 || tick == 48) {
                    employed[1][tick == 24 ? 0 : 1] = share(model, ids);
                }
            });
            without.runToEnd();
            holders += ids.size();
            effect[0] += (employed[0][0] - employed[1][0]) / seeds.length;
            effect[1] += (employed[0][1] - employed[1][1]) / seeds.length;
        }
        assertTrue(holders > 500, "holders of a first month's place: " + holders);
        assertTrue(effect[1] > 0 && effect[1] > effect[0] + 0.03,
                "employment effect after 1 year " + effect[0] + ", after 3 years " + effect[1]);
    }

    /** The share employed among the living persons of these ids (followed in the city or the region). */
    private static double share(WijkLabModel m, List<Integer> ids) {
        Persons ps = m.persons();
        java.util.Set<Integer> want = new java.util.HashSet<>(ids);
        int n = 0;
        int e = 0;
        for (int p = 0; p < ps.bound(); p++) {
            if ((ps.place[p] == Persons.CITY || ps.place[p] == Persons.REGION) && want.contains(ps.id[p])) {
                n++;
                e += employed(m, p) ? 1 : 0;
            }
        }
        return n == 0 ? Double.NaN : e / (double) n;
    }
}
