package org.wijklab.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.wijklab.model.CostLedger;
import org.wijklab.model.Dwellings;
import org.wijklab.model.Households;
import org.wijklab.model.Invariants;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.PolicyEffects;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * Each programme mechanism on its own: a programme with one lever, against the same city and seed
 * without it (paired runs share the warm-up, so the difference is the lever's). Small city (15,000
 * residents, an 8-year warm-up), the three weakest neighbourhoods as targets, programme from year 1. Where an outcome
 * is stochastic, it is summed over three seeds and the threshold sits well inside the measured
 * difference (stated per test), so a failure means the mechanism changed, not bad luck.
 */
class ProgrammeMechanismsTest {
    private static final long[] SEEDS = {5, 6, 7};

    private static Scenario scenario(String programme, int years, long seed) {
        String json = "{\"name\":\"t\",\"years\":" + years + ",\"seed\":" + seed + ",\"warmUpYears\":8,"
                + "\"city\":{\"residents\":15000},"
                + "\"programmes\":[" + programme + "]}";
        return ScenarioLoader.fromJson(json, "test.json");
    }

    private static Scenario baseline(int years, long seed) {
        return ScenarioLoader.fromJson("{\"name\":\"b\",\"years\":" + years + ",\"seed\":" + seed
                + ",\"warmUpYears\":8,\"city\":{\"residents\":15000}}", "test.json");
    }

    private static String programme(String body) {
        return programme(body, 4);
    }

    /**
     * A programme of the given body; unless the body says otherwise, with a pooled budget (every
     * theme gets its plan share from the first month) and a coalition of all ten kinds of
     * organisations, so that a test of one lever is not a test of who pays and who is reached.
     */
    private static String programme(String body, int years) {
        String funding = (body.contains("pooledBudget") ? "" : "\"pooledBudget\":true,")
                + (body.contains("coalitionBreadth") ? "" : "\"coalitionBreadth\":10,");
        return "{\"name\":\"p\",\"targets\":{\"weakest\":3},\"startYear\":1,\"durationYears\":" + years + ","
                + "\"bestPersons\":{\"roomToAct\":0}," + funding + body + "}";
    }

    /** Mean over the three weakest neighbourhoods (by rank at tick 0) of a statistic at the last tick. */
    private static double atEnd(Scenario s, ToDoubleFunction<Probe> stat) {
        WijkLabModel m = new WijkLabModel(s);
        Invariants.attach(m);
        Probe probe = new Probe();
        m.addTickListener((model, tick) -> {
            if (tick == 0) {
                probe.weakest = weakest(model.neighbourhoods());
            }
            probe.model = model;
            probe.accumulate();
        });
        m.runToEnd();
        return stat.applyAsDouble(probe);
    }

    /** What a test reads from a run: the model at its end and sums of events in the weakest. */
    static final class Probe {
        WijkLabModel model;
        int[] weakest;
        long evictions;
        long orders;
        long secondLine;
        double youthShare;

        void accumulate() {
            Neighbourhoods nb = model.neighbourhoods();
            youthShare += mean(nb.youthProblemShare);
            for (int j : weakest) {
                evictions += nb.evictions[j];
                orders += nb.supervisionOrders[j];
                secondLine += nb.secondLineCare[j];
            }
        }

        double mean(double[] perNeighbourhood) {
            double s = 0;
            for (int j : weakest) {
                s += perNeighbourhood[j];
            }
            return s / weakest.length;
        }
    }

    static int[] weakest(Neighbourhoods nb) {
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < nb.count; j++) {
            order.add(j);
        }
        order.sort((a, b) -> Integer.compare(nb.rank[b], nb.rank[a]));
        return new int[] {order.get(0), order.get(1), order.get(2)};
    }

    private static double pairedDifference(String body, int years, ToDoubleFunction<Probe> stat) {
        double diff = 0;
        for (long seed : SEEDS) {
            diff += atEnd(scenario(programme(body), years, seed), stat) - atEnd(baseline(years, seed), stat);
        }
        return diff / SEEDS.length;
    }

    @Test
    void effectsReachOnlyTheTargetsAndOnlyWhileTheProgrammeRuns() {
        // no ownership support: no initiatives, whose volunteer roles would outlast the programme
        Scenario s = scenario(programme("\"yearlyBudget\":2000000,\"ownershipSupport\":0,\"themes\":{\"safety\":1}"), 7, 1);
        WijkLabModel m = new WijkLabModel(s);
        List<String> problems = new ArrayList<>();
        m.addTickListener((model, tick) -> {
            PolicyEffects fx = model.effects();
            Programmes.Run run = model.programmes().runs().get(0);
            for (int j = 0; j < fx.count; j++) {
                boolean target = run.started() && run.isTarget[j];
                boolean on = target && run.activeAt(tick);
                if (on != fx.prevention[j] > 0) {
                    problems.add("tick " + tick + " neighbourhood " + j + " target " + target + " safety " + fx.prevention[j]);
                }
            }
        });
        m.runToEnd();
        assertEquals(List.of(), problems.subList(0, Math.min(5, problems.size())));
        Programmes.Run run = m.programmes().runs().get(0);
        assertEquals(12, run.startTick);
        assertEquals(60, run.endTick);
        assertEquals(3, run.targets.length);
    }

    @Test
    void workThemeRaisesEmploymentInTheTargets() {
        // 500 activation places a year for four years: the targets' employment rate at the end, against
        // the same seeds without the programme. Measured: +0.0075 (seeds 5-7). The place keeps little of
        // what its residents gain (holders who find work move on, newcomers come in: the leak), so the
        // threshold is only the sign.
        double d = pairedDifference("\"yearlyBudget\":3000000,\"themes\":{\"work\":1}", 5,
                p -> p.mean(p.model.neighbourhoods().employmentRate));
        assertTrue(d > 0, "employment difference " + d);
    }

    @Test
    void healthThemeRaisesGoodMentalHealth() {
        double d = pairedDifference("\"yearlyBudget\":3000000,\"themes\":{\"health\":1}", 5,
                p -> p.mean(p.model.neighbourhoods().goodMentalHealth));
        assertTrue(d > 0.01, "good mental health difference " + d);
    }

    @Test
    void theSafetyThemePreventsAShareOfTheProblemPressure() {
        // the theme prevents a share of what unemployment, poverty and youth problems take from safety,
        // never more than its maximum; safety rises against the same seeds without it. Measured: +0.022
        // (seeds 5-7, mean of the weakest three at the end); the threshold is the sign
        double[] prevented = new double[2];
        WijkLabModel m = new WijkLabModel(scenario(programme("\"yearlyBudget\":3000000,\"themes\":{\"safety\":1}"), 5, 5));
        m.addTickListener((model, tick) -> {
            if (tick == 30) {
                for (int j : model.programmes().runs().get(0).targets) {
                    prevented[0] = Math.max(prevented[0], model.effects().prevention[j]);
                    prevented[1] += model.effects().prevention[j] > 0 ? 1 : 0;
                }
            }
        });
        m.runToEnd();
        assertEquals(3, prevented[1], "every target prevents");
        assertTrue(prevented[0] <= m.scenario().policy().themes().maxEffect()[3] + 1e-12, "share " + prevented[0]);
        double safety = pairedDifference("\"yearlyBudget\":3000000,\"themes\":{\"safety\":1}", 5,
                p -> p.mean(p.model.neighbourhoods().safety));
        System.out.println("safety theme: safety difference " + safety);
        assertTrue(safety > 0, "safety difference " + safety);
    }

    @Test
    void theIntegrationThemeActsThroughTheTiesOfThoseWhoStay() {
        // households that lived in a target from the programme's start to its end carry all the
        // acquaintance the theme gave the place; those who came later only what came after them; a
        // household that left the targets carries none of it into its new neighbourhood (ties are local).
        // No ownership support: the members of resident initiatives gain ties of their own on top.
        WijkLabModel m = new WijkLabModel(scenario(programme(
                "\"yearlyBudget\":3000000,\"themes\":{\"integration\":1},\"ownershipSupport\":0"), 5, 5));
        java.util.Map<Integer, Integer> atStart = new java.util.HashMap<>();
        int[] checked = new int[3];
        List<String> problems = new ArrayList<>();
        m.addTickListener((model, tick) -> {
            Households h = model.households();
            Programmes.Run run = model.programmes().runs().get(0);
            Neighbourhoods nb = model.neighbourhoods();
            if (run.started() && atStart.isEmpty()) {
                for (int slot = 0; slot < h.capacity; slot++) {
                    if (h.isLive(slot) && h.dwelling[slot] >= 0 && run.isTarget[h.hood[slot]]
                            && h.moveInTick[slot] < run.startTick) {
                        atStart.put(h.id[slot], (int) h.moveInTick[slot]);
                    }
                }
            }
            if (tick == run.endTick) {
                for (int slot = 0; slot < h.capacity; slot++) {
                    if (!h.isLive(slot) || h.dwelling[slot] < 0) {
                        continue;
                    }
                    int j = h.hood[slot];
                    double extra = nb.tieClock[j] - h.tieStart[slot];
                    Integer movedIn = atStart.get(h.id[slot]);
                    if (run.isTarget[j] && movedIn != null && movedIn == h.moveInTick[slot]) {
                        checked[0]++;
                        if (Math.abs(extra - nb.tieClock[j]) > 1e-3 || nb.tieClock[j] < 1) {
                            problems.add("stayer " + h.id[slot] + " extra " + extra + " clock " + nb.tieClock[j]);
                        }
                        double plain = model.ties(tick - h.moveInTick[slot]);
                        if (model.ties(slot, tick) <= plain && plain < 0.999) {
                            problems.add("stayer " + h.id[slot] + " ties " + model.ties(slot, tick) + " plain " + plain);
                        }
                    } else if (run.isTarget[j] && h.moveInTick[slot] > run.startTick + 1) {
                        checked[1]++;
                        if (extra >= nb.tieClock[j] - 1e-3) {
                            problems.add("newcomer " + h.id[slot] + " extra " + extra + " clock " + nb.tieClock[j]);
                        }
                    } else if (!run.isTarget[j] && movedIn != null) {
                        checked[2]++;
                        if (extra != 0) {
                            problems.add("left the targets " + h.id[slot] + " extra " + extra);
                        }
                    }
                }
            }
        });
        m.runToEnd();
        assertEquals(List.of(), problems.subList(0, Math.min(5, problems.size())));
        assertTrue(checked[0] > 100 && checked[1] > 20 && checked[2] > 20, java.util.Arrays.toString(checked));
        // the targets' cohesion against the same seeds without the theme. Measured: +0.036 (seeds
        // 5-7); the threshold is the sign
        double cohesion = pairedDifference("\"yearlyBudget\":3000000,\"themes\":{\"integration\":1}", 5,
                p -> p.mean(p.model.neighbourhoods().cohesion));
        System.out.println("integration theme: cohesion difference " + cohesion);
        assertTrue(cohesion > 0, "cohesion difference " + cohesion);
    }

    @Test
    void aCrisisRaisesDemandAgainstTheTeamsCapacity() {
        // V9's setting: the same programme (a health theme buying treatment places, an integral team)
        // with and without a 2008-like crisis, same seeds. The crisis raises the problems the team
        // finds (job loss, debts, insecurity), its capacity stays what the budget buys, so its
        // professionals' norm-weighted caseload takes more of their capacity. Measured (seeds 5-7,
        // years 2-6, 180 months): caseload per capacity summed over the months 79.6 without the
        // crisis, 84.2 with it (a mean of 0.44 against 0.47); the treatment places meet about the same
        // queue (3.57 and 3.33 adults in poor mental health without a place per place held: the
        // crisis's onset falls mostly outside the targets' queue). The threshold is the sign of the
        // difference (4.6 on 80; the runs are paired by seed). Before professionals were individuals
        // this counted target-months with the open cases at the team's case capacity.
        String body = "\"yearlyBudget\":3000000,\"themes\":{\"health\":0.5},"
                + "\"team\":{\"budgetShare\":0.5,\"mode\":\"integral\",\"areaResidents\":15000,\"proximity\":0.7}";
        String crisis = "\"economy\":{\"crises\":[{\"startYear\":2,\"durationYears\":5,\"jobLossFactor\":1.6,"
                + "\"jobFindingFactor\":0.7}]},";
        double[][] seen = new double[2][3];
        for (long seed : SEEDS) {
            for (int c = 0; c < 2; c++) {
                String json = "{\"name\":\"t\",\"years\":7,\"seed\":" + seed + ",\"warmUpYears\":8,"
                        + "\"city\":{\"residents\":15000}," + (c == 1 ? crisis : "")
                        + "\"programmes\":[" + programme(body, 6) + "]}";
                WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson(json, "test.json"));
                double[] acc = seen[c];
                m.addTickListener((model, tick) -> {
                    if (tick < 24 || tick >= 84) {
                        return;
                    }
                    Households h = model.households();
                    org.wijklab.model.Persons ps = model.persons();
                    Programmes.Run run = model.programmes().runs().get(0);
                    int waiting = 0;
                    int held = 0;
                    for (int slot = 0; slot < h.capacity; slot++) {
                        if (!h.isLive(slot) || h.dwelling[slot] < 0 || !run.isTarget[h.hood[slot]]) {
                            continue;
                        }
                        for (int a = 0; a < h.adults[slot]; a++) {
                            int p = h.adultPerson[2 * slot + a];
                            if (p >= 0 && ps.treatmentLeft[p] > 0) {
                                held++;
                            } else if (h.mental[2 * slot + a] == Households.POOR) {
                                waiting++;
                            }
                        }
                    }
                    acc[0] += waiting;
                    acc[1] += held;
                    // the professionals' norm-weighted caseload against their capacity this month
                    org.wijklab.model.Professionals pr = model.professionals();
                    double load = 0.0;
                    double capacity = 0.0;
                    for (int q = 0; q < pr.count; q++) {
                        load += pr.load[q];
                        capacity += pr.capacity[q];
                    }
                    acc[2] += capacity > 0 ? load / capacity : 0.0;
                });
                m.runToEnd();
            }
        }
        System.out.println("crisis demand: waiting per place held " + seen[0][0] / seen[0][1] + " -> " + seen[1][0] / seen[1][1]
                + ", summed monthly caseload per capacity " + seen[0][2] + " -> " + seen[1][2] + " over " + 60 * SEEDS.length
                + " months");
        assertTrue(seen[1][2] > seen[0][2], "summed monthly caseload per capacity: " + seen[0][2] + " without the crisis, "
                + seen[1][2] + " with it");
        assertTrue(seen[0][1] > 0 && seen[1][1] > 0, "treatment places are held");
    }

    @Test
    void housingThemeImprovesDwellingQuality() {
        double d = pairedDifference("\"yearlyBudget\":3000000,\"themes\":{\"housing\":1}", 5,
                p -> p.mean(p.model.neighbourhoods().meanQuality));
        assertTrue(d > 0.02, "dwelling quality difference " + d);
    }

    @Test
    void learningThemeLowersYouthProblemsAndRaisesEducation() {
        Scenario s = scenario(programme("\"yearlyBudget\":3000000,\"themes\":{\"learning\":1}", 2), 3, 1);
        WijkLabModel m = new WijkLabModel(s);
        double[] seen = new double[2];
        m.addTickListener((model, tick) -> {
            if (tick == 24) {
                for (int j : model.programmes().runs().get(0).targets) {
                    seen[0] += model.effects().youthPrevention[j];
                    seen[1] += model.effects().educationUp[j];
                }
            }
        });
        m.runToEnd();
        assertTrue(seen[0] > 0 && seen[1] > 0, "learning effects " + seen[0] + ", " + seen[1]);
        // the youth-problem share summed over every month of the run
        double d = pairedDifference("\"yearlyBudget\":3000000,\"themes\":{\"learning\":1}", 5, p -> p.youthShare);
        assertTrue(d < 0, "youth-problem share (summed over months) difference " + d);
    }

    @Test
    void placeThemesFollowTheDoseResponseWithoutSynergy() {
        // the same budget on the safety theme alone or spread over the four place themes: the safety
        // effect of the four-theme programme is the dose-response at a quarter of the dose, nothing more
        Scenario one = scenario(programme("\"yearlyBudget\":3000000,\"themes\":{\"safety\":1}", 1), 2, 1);
        String four = "\"yearlyBudget\":3000000,\"themes\":{\"housing\":0.25,\"learning\":0.25,"
                + "\"integration\":0.25,\"safety\":0.25}";
        Scenario all = scenario(programme(four, 1), 2, 1);
        double[] e = new double[2];
        double[] residents = new double[1];
        int k = 0;
        for (Scenario s : new Scenario[] {one, all}) {
            int index = k++;
            WijkLabModel m = new WijkLabModel(s);
            m.addTickListener((model, tick) -> {
                if (tick == 13) {
                    int j = model.programmes().runs().get(0).targets[0];
                    e[index] = model.effects().prevention[j];
                    double r = 0;
                    for (int t : model.programmes().runs().get(0).targets) {
                        r += model.neighbourhoods().residents[t];
                    }
                    residents[0] = r;
                }
            });
            m.runToEnd();
        }
        var t = one.policy().themes();
        double dose = 3_000_000 / residents[0];
        double expected = (1 - Math.exp(-dose / 4 / t.doseScale())) / (1 - Math.exp(-dose / t.doseScale()));
        // residents are read after the month's moves; the effect used the previous observation
        assertEquals(expected, e[1] / e[0], 0.02 * expected, "four themes against one");
        assertTrue(e[0] > 0 && e[1] > 0);
    }

    @Test
    void theWorkAndHealthThemesBuyPlacesForPersons() {
        // 600,000 euro a year on work buys 100 activation places at 6,000 euro; 400,000 on health 50
        // treatment places at 8,000: filled in the first month from the targets' residents who qualify
        Scenario s = scenario(programme("\"yearlyBudget\":1000000,\"themes\":{\"work\":0.6,\"health\":0.4}", 2), 3, 1);
        WijkLabModel m = new WijkLabModel(s);
        int[] held = new int[4];
        m.addTickListener((model, tick) -> {
            if (tick == 13 || tick == 20) {
                org.wijklab.model.Persons ps = model.persons();
                int a = 0;
                int t = 0;
                for (int p = 0; p < ps.bound(); p++) {
                    a += ps.activationLeft[p] > 0 ? 1 : 0;
                    t += ps.treatmentLeft[p] > 0 ? 1 : 0;
                }
                held[tick == 13 ? 0 : 2] = a;
                held[tick == 13 ? 1 : 3] = t;
            }
        });
        m.runToEnd();
        assertEquals(100, held[0], "activation places taken in the first month");
        assertEquals(50, held[1], "treatment places taken in the first month");
        assertTrue(held[2] <= 100 && held[3] <= 50, "never more places than the money buys: " + held[2] + ", " + held[3]);
        org.wijklab.model.Help help = m.help();
        assertTrue(help.persons(0, org.wijklab.model.Help.ACTIVATION) > 100, "places are taken again as they end");
        assertTrue(help.months(0, org.wijklab.model.Help.ACTIVATION) >= 100 * 12, "person-months of activation");
    }

    @Test
    void anIntegralTeamCutsEvictionsAndSupervisionOrders() {
        String team = "\"yearlyBudget\":1500000,\"themes\":{},\"team\":{\"budgetShare\":1,\"mode\":\"integral\","
                + "\"areaResidents\":3000,\"proximity\":0.9}";
        // measured: escalations in the targets over 5 years fall by a third or more
        double d = pairedDifference(team, 6, p -> p.evictions + p.orders + p.secondLine);
        double base = 0;
        for (long seed : SEEDS) {
            base += atEnd(baseline(6, seed), p -> p.evictions + p.orders + p.secondLine);
        }
        base /= SEEDS.length;
        assertTrue(d < -0.15 * base, "escalations changed by " + d + " against " + base + " without a team");
    }

    @Test
    void integralBeatsFragmented() {
        String integral = "\"yearlyBudget\":1500000,\"themes\":{},\"team\":{\"budgetShare\":1,\"mode\":\"integral\","
                + "\"areaResidents\":3000,\"proximity\":0.8}";
        String fragmented = integral.replace("integral", "fragmented");
        double a = 0;
        double b = 0;
        for (long seed : SEEDS) {
            a += atEnd(scenario(programme(integral), 6, seed), p -> p.evictions + p.orders + p.secondLine);
            b += atEnd(scenario(programme(fragmented), 6, seed), p -> p.evictions + p.orders + p.secondLine);
        }
        assertTrue(a < b, "escalations: integral " + a + ", fragmented " + b);
    }

    @Test
    void teamCapacityAndOutreachDependOnAreaSize() {
        double[] capacity = new double[3];
        double[] detection = new double[3];
        // the targets hold about 3,000 residents: areas of 1,000, 3,000 and 20,000 residents
        int[] areas = {1000, 3000, 20000};
        for (int i = 0; i < areas.length; i++) {
            int index = i;
            String team = "\"yearlyBudget\":1500000,\"themes\":{},\"team\":{\"budgetShare\":1,\"mode\":\"integral\","
                    + "\"areaResidents\":" + areas[i] + ",\"proximity\":0.8}";
            WijkLabModel m = new WijkLabModel(scenario(programme(team, 1), 2, 1));
            m.addTickListener((model, tick) -> {
                if (tick == 13) {
                    for (int j : model.programmes().runs().get(0).targets) {
                        capacity[index] += model.effects().capacity[j];
                        detection[index] = model.effects().detection[j];
                    }
                }
            });
            m.runToEnd();
        }
        // small areas: many teams, each paying its management out of its members' time; a team knows
        // a smaller area better. A team's area is made of the targets, so an area larger than the
        // targets (20,000 against about 3,000) is one team for all of them, as with 3,000 (before
        // teams were professionals, a team served its nominal area and gave the targets their part)
        assertTrue(capacity[1] > capacity[0], "capacity 3,000 vs 1,000: " + capacity[1] + " vs " + capacity[0]);
        assertEquals(capacity[1], capacity[2], "capacity 3,000 vs 20,000");
        assertTrue(detection[0] > detection[1], "knowing the area falls with its size");
        assertEquals(detection[1], detection[2], "an area larger than the targets is the targets");
    }

    /** A programme in the three weakest from year 1 with the given best-person treatment and ownership support. */
    private static String plan(int years, String bestPersons, double support, boolean copied) {
        return "{\"name\":\"p\",\"targets\":{\"weakest\":3},\"startYear\":1,\"durationYears\":" + years + ","
                + (copied ? "\"copied\":true," : "") + "\"yearlyBudget\":2000000,\"themes\":{\"integration\":1},"
                + "\"ownershipSupport\":" + support + ",\"bestPersons\":" + bestPersons + "}";
    }

    /** Best persons of the run in its targets: active now, and every one it ever had (roster entries). */
    private static int activeInTargets(WijkLabModel model) {
        Programmes.Run run = model.programmes().runs().get(0);
        int n = 0;
        for (int j : run.targets) {
            n += run.bpActive[j];
        }
        return n;
    }

    @Test
    void aCopiedPlanStartsWithoutBestPersonsOnlyBecauseNobodyWroteIt() {
        // deterministic at the start: the originators are the two best qualified adults of each target
        // (policy.bestPersons.originators 2); a copy has none, although the same residents qualify.
        // Later, with room to act and ownership support, some emerge in the copy: expected about 1-3 a
        // year per target at these settings (krachtwijk-like), so none in 3 targets over 3 years and 3
        // seeds would mean emergence is broken (chance below 1e-9 under the expected rate).
        String treatment = "{\"protection\":0.5,\"roomToAct\":0.5}";
        int[] atStart = new int[3];
        int[] later = new int[3];
        double[] qualifying = new double[1];
        String[] variants = {plan(3, treatment, 0.5, false), plan(3, treatment, 0.5, true),
            plan(3, "{\"protection\":0.5,\"roomToAct\":0}", 0.5, false)};
        for (int i = 0; i < 3; i++) {
            int index = i;
            for (long seed : SEEDS) {
                WijkLabModel m = new WijkLabModel(scenario(variants[i], 4, seed));
                m.addTickListener((model, tick) -> {
                    if (tick == 13) {
                        atStart[index] += activeInTargets(model);
                        if (index == 1) {
                            // the copy's targets hold residents who would qualify as originators
                            BestPersons bp = model.programmes().bestPersons();
                            Households h = model.households();
                            Programmes.Run run = model.programmes().runs().get(0);
                            for (int j : run.targets) {
                                for (int k = 0; k < bp.householdCount[j]; k++) {
                                    int s = bp.householdsOf[j][k];
                                    if (h.hood[s] == j) { // still there since the programme's step listed it
                                        qualifying[0] += bp.qualification(s, 0, tick, 1.0, 0.5 * 1.5) > 0 ? 1 : 0;
                                    }
                                }
                            }
                        }
                    }
                });
                m.runToEnd();
                later[index] += m.programmes().bestPersons().count;
            }
        }
        assertEquals(2 * 3 * SEEDS.length, atStart[0], "the plan's originators: two in each target");
        assertEquals(0, atStart[1], "a copied plan starts without best persons");
        assertTrue(qualifying[0] > 100, "while its targets hold qualifying residents: " + qualifying[0]);
        assertTrue(later[1] > 0, "best persons emerge in the copy with room to act and ownership support");
        assertEquals(0, atStart[2] + later[2], "no room to act: nobody writes the plan or takes it up");
    }

    @Test
    void bestPersonsPointTheTeamToFamilies() {
        // paired by seed: the same integral team (2 M euro a year, areas of 15,000) with best persons,
        // their referral 0 against 2 (policy.bestPersons.referral; 0.5 by default): the team's chance
        // of finding a family is × (1 + referral · the share of households best persons know). Cases
        // opened in the targets over four years, summed over seeds 5-7. Measured: 2,515 against 3,244
        // (+29 %); the team is not at capacity most months, so more found families are more cases. The
        // 10 % margin leaves room for a third of the measured difference to be seed noise (false
        // failure well under 1 %: the sum is over three seeds and four years of three targets).
        double[] opened = new double[2];
        double[] referral = {0.0, 2.0};
        for (int i = 0; i < 2; i++) {
            for (long seed : SEEDS) {
                String p = "{\"name\":\"p\",\"targets\":{\"weakest\":3},\"startYear\":1,\"durationYears\":4,"
                        + "\"yearlyBudget\":2000000,\"themes\":{},\"ownershipSupport\":0.5,"
                        + "\"team\":{\"budgetShare\":1,\"mode\":\"integral\",\"areaResidents\":15000,\"proximity\":0.9},"
                        + "\"bestPersons\":{\"protection\":0.5,\"roomToAct\":0.5}}";
                String json = "{\"name\":\"t\",\"years\":5,\"seed\":" + seed + ",\"warmUpYears\":8,"
                        + "\"city\":{\"residents\":15000},\"policy\":{\"bestPersons\":{\"referral\":" + referral[i] + "}},"
                        + "\"programmes\":[" + p + "]}";
                WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson(json, "test.json"));
                int index = i;
                m.addTickListener((model, tick) -> {
                    Programmes.Run run = model.programmes().runs().get(0);
                    if (!run.activeAt(tick)) {
                        return;
                    }
                    Households h = model.households();
                    for (int slot = 0; slot < h.hood.length; slot++) {
                        int j = h.hood[slot];
                        if (j >= 0 && h.caseSince[slot] == tick && java.util.Arrays.stream(run.targets).anyMatch(t -> t == j)) {
                            opened[index]++;
                        }
                    }
                });
                m.runToEnd();
            }
        }
        assertTrue(opened[1] > 1.1 * opened[0], "cases opened, referral 0: " + opened[0] + ", referral 2: " + opened[1]);
    }

    @Test
    void protectionPostponesBurnout() {
        // paired by seed: the same city and targets, protection 0.1 against 0.9; the month of the first
        // rest (exhaustion) of any best person of the programme, the end of the run if none. Expected:
        // unprotected about 1.5-2 years after the start (net drain about 0.5 a year from energy 1 to
        // 0.15), protected several years later or never; the threshold of one year sits far inside.
        double[] first = new double[2];
        double[] protection = {0.1, 0.9};
        for (int i = 0; i < 2; i++) {
            int index = i;
            for (long seed : SEEDS) {
                int[] month = {-1};
                String p = plan(8, "{\"protection\":" + protection[i] + ",\"roomToAct\":0.5}", 0.5, false);
                WijkLabModel m = new WijkLabModel(scenario(p, 9, seed));
                m.addTickListener((model, tick) -> {
                    Programmes.Run run = model.programmes().runs().get(0);
                    if (month[0] < 0 && run.started()) {
                        for (int j : run.targets) {
                            if (run.bpResting[j] + run.bpLostBurnout[j] > 0) {
                                month[0] = tick;
                            }
                        }
                    }
                });
                m.runToEnd();
                first[index] += (month[0] < 0 ? 9 * 12 : month[0]) / (double) SEEDS.length;
            }
        }
        assertTrue(first[1] > first[0] + 12, "first exhaustion: unprotected month " + first[0] + ", protected " + first[1]);
    }

    @Test
    void aBestPersonWhoMovesAwayTakesItsMembershipAndItsHouseholdsTiesAlong() {
        // constructed: once an initiative carried by a best person has members, the best person's
        // household moves to a vacant dwelling outside the targets (as a household that climbs the
        // ladder does), and so does the household of another member. The next month the best person
        // is lost by moving, the initiative has lost at least the best person, the moved member is no
        // member any more, and its household's extra acquaintance stayed behind.
        WijkLabModel m = new WijkLabModel(scenario(plan(6, "{\"protection\":0.9,\"roomToAct\":1}", 0.5, false), 7, 5));
        int[] state = {0, -1, -1, -1, -1, 0, -1};
        // state: phase, initiative, carrier entry, carrier person, other member person, members before, lost before
        double[] ties = new double[2];
        m.addTickListener((model, tick) -> {
            Programmes.Run run = model.programmes().runs().get(0);
            if (!run.started()) {
                return;
            }
            BestPersons bp = model.programmes().bestPersons();
            Initiatives in = model.programmes().initiatives();
            org.wijklab.model.Persons ps = model.persons();
            Households h = model.households();
            if (state[0] == 0) {
                for (int e = 0; e < bp.count && state[0] == 0; e++) {
                    int i = bp.carrying[e];
                    if (i < 0 || !bp.acting(e) || in.members[i] < 4) {
                        continue;
                    }
                    int other = -1;
                    for (int k = 0; k < in.memberCount; k++) {
                        int q = in.memberSlot[k];
                        if (in.memberOf[k] == i && q != bp.slot[e] && ps.household[q] != ps.household[bp.slot[e]]
                                && tick - h.moveInTick[ps.household[q]] < 12 * 10 && ps.bpState[q] == 0) {
                            other = q;
                        }
                    }
                    if (other < 0) {
                        continue;
                    }
                    int s = ps.household[other];
                    ties[0] = model.ties(s, tick) - model.ties(tick - h.moveInTick[s]);
                    state[0] = 1;
                    state[1] = i;
                    state[2] = e;
                    state[3] = bp.slot[e];
                    state[4] = other;
                    state[5] = in.members[i];
                    state[6] = run.bpLostMoving[bp.hood[e]];
                    moveOut(model, ps.household[bp.slot[e]], run, tick);
                    moveOut(model, s, run, tick);
                }
            } else if (state[0] == 1) {
                state[0] = 2;
                int i = state[1];
                int j = bp.hood[state[2]];
                assertTrue(bp.gone[state[2]], "the best person is lost to the neighbourhood");
                assertEquals(org.wijklab.model.Persons.BP_STOPPED, ps.bpState[state[3]], "and stops being one there");
                assertEquals(state[6] + 1, run.bpLostMoving[j], "counted as lost by moving");
                assertEquals(-1, ps.initiative[state[3]], "the best person left the initiative");
                assertEquals(-1, ps.initiative[state[4]], "the moved member left the initiative");
                assertTrue(!in.open[i] || in.members[i] <= state[5] - 2 + in.recruits[i],
                        "the initiative lost both: " + state[5] + " before, " + in.members[i] + " now, recruits " + in.recruits[i]);
                int s = ps.household[state[4]];
                ties[1] = model.ties(s, tick) - model.ties(tick - h.moveInTick[s]);
            }
        });
        m.runToEnd();
        assertEquals(2, state[0], "an initiative with a best person and four members arose");
        assertTrue(ties[0] > 0, "members' households gain local ties: " + ties[0]);
        assertEquals(0.0, ties[1], "and lose them with a move");
    }

    /** Moves household s to a vacant dwelling outside the run's targets. */
    private static void moveOut(WijkLabModel model, int s, Programmes.Run run, int tick) {
        Dwellings dw = model.dwellings();
        for (int d = 0; d < dw.count; d++) {
            if (dw.isVacant(d) && !dw.isPlot(d) && !dw.converting[d] && !run.isTarget[dw.neighbourhood[d]]) {
                model.moveInto(s, d, tick);
                return;
            }
        }
        throw new AssertionError("no vacant dwelling outside the targets");
    }

    @Test
    void initiativesAreFoundedByBestPersonsOrOwnershipSupport() {
        // most initiatives at once in the targets over 8 years, summed over three seeds. Without best
        // persons (no room to act) and without ownership support: none can start. Ownership support
        // alone: a volunteer founds one at 0.1 a year per target times facilities (about 2-4 in 8 years
        // per run); with best persons (about 2-3 per target), many more.
        int[] most = new int[3];
        String[] variants = {plan(8, "{\"protection\":0.5,\"roomToAct\":0}", 0.0, false),
            plan(8, "{\"protection\":0.5,\"roomToAct\":0}", 1.0, false),
            plan(8, "{\"protection\":0.5,\"roomToAct\":1}", 0.0, false)};
        for (int i = 0; i < 3; i++) {
            int index = i;
            for (long seed : SEEDS) {
                int[] max = {0};
                WijkLabModel m = new WijkLabModel(scenario(variants[i], 9, seed));
                m.addTickListener((model, tick) -> {
                    Programmes.Run run = model.programmes().runs().get(0);
                    if (run.started()) {
                        int n = 0;
                        for (int j : run.targets) {
                            n += run.initiatives[j];
                        }
                        max[0] = Math.max(max[0], n);
                    }
                });
                m.runToEnd();
                most[index] += max[0];
            }
        }
        assertEquals(0, most[0], "no initiatives without best persons and ownership support");
        assertTrue(most[1] >= 1, "ownership support founds some with volunteers: " + most[1]);
        assertTrue(most[2] > most[1], "best persons found more: " + most[2] + " vs " + most[1]);
    }

    @Test
    void restructuringTurnsSocialRentIntoTheNewMix() {
        String p = programme("\"yearlyBudget\":0,\"restructuring\":{\"shareOfSocial\":0.5,\"years\":3,"
                + "\"socialShare\":0.2,\"privateShare\":0.3,\"ownerShare\":0.5,\"quality\":0.9,"
                + "\"costPerDwelling\":40000}");
        WijkLabModel m = new WijkLabModel(scenario(p, 6, 1));
        Invariants.attach(m);
        double[] social = new double[2];
        double[] owner = new double[2];
        m.addTickListener((model, tick) -> {
            if (tick == 0 || tick == 72) {
                int k = tick == 0 ? 0 : 1;
                Dwellings dw = model.dwellings();
                int[] targets = weakest(model.neighbourhoods());
                double total = 0;
                for (int d = 0; d < dw.count; d++) {
                    for (int j : targets) {
                        if (dw.neighbourhood[d] == j) {
                            total++;
                            social[k] += dw.tenure[d] == Tenure.SOCIAL ? 1 : 0;
                            owner[k] += dw.tenure[d] == Tenure.OWNER ? 1 : 0;
                        }
                    }
                }
                social[k] /= total;
                owner[k] /= total;
            }
        });
        m.runToEnd();
        // half the social stock rebuilt, four fifths of it to other tenures
        double expectedSocial = social[0] * (1 - 0.5 * 0.8);
        assertEquals(expectedSocial, social[1], 0.05, "social share after restructuring");
        assertTrue(owner[1] > owner[0] + 0.1, "owner share " + owner[0] + " -> " + owner[1]);
        // every rebuilt dwelling is booked to the housing corporation, nothing to anyone else (no budget);
        // no costs writer is attached, so the spending is never reset
        Programmes.Run run = m.programmes().runs().get(0);
        int rebuilt = 0;
        int[] list = m.programmes().restructuring().list(run);
        for (int i = 0; i < m.programmes().restructuring().marked(run); i++) {
            rebuilt += m.dwellings().converting[list[i]] ? 0 : 1;
        }
        assertTrue(rebuilt > 100, "dwellings rebuilt: " + rebuilt);
        for (int party = 0; party < CostLedger.PARTIES; party++) {
            double expected = party == CostLedger.HOUSING_CORPORATION ? rebuilt * 40000.0 : 0.0;
            assertEquals(expected, run.spent[party], 1e-6, "spent by party " + party);
        }
    }

    @Test
    void jobInsecurityInACrisisLowersMentalHealth() {
        // the same crisis with and without job insecurity (problems.insecurityRisk 1 against 0), paired by
        // seed; the city's good mental health at the crisis's end. Measured about 2 points lower with
        // insecurity (seeds 5-7, 15,000 residents); the test asks 1 point, so it fails only if the
        // mechanism is gone or halved
        double diff = 0;
        for (long seed : SEEDS) {
            double[] good = new double[2];
            for (int k = 0; k < 2; k++) {
                Scenario s = ScenarioLoader.fromJson("{\"name\":\"c\",\"years\":6,\"seed\":" + seed
                        + ",\"warmUpYears\":8,\"city\":{\"residents\":15000},\"problems\":{\"insecurityRisk\":" + k + "},"
                        + "\"economy\":{\"crises\":[{\"startYear\":1,\"durationYears\":5,\"jobLossFactor\":1.6,"
                        + "\"jobFindingFactor\":0.7}]}}", "test.json");
                WijkLabModel m = new WijkLabModel(s);
                Invariants.attach(m);
                m.runToEnd();
                good[k] = cityGoodMentalHealth(m);
            }
            diff += (good[0] - good[1]) / SEEDS.length;
        }
        assertTrue(diff > 0.01, "good mental health, without minus with job insecurity: " + diff);
    }

    private static double cityGoodMentalHealth(WijkLabModel m) {
        Neighbourhoods nb = m.neighbourhoods();
        double good = 0;
        double weight = 0;
        for (int j = 0; j < nb.count; j++) {
            good += nb.goodMentalHealth[j] * nb.households[j];
            weight += nb.households[j];
        }
        return good / weight;
    }

    @Test
    void allocationFloorKeepsLowIncomesOutOfTheTargetsVacantSocialDwellings() {
        String p = programme("\"yearlyBudget\":0,\"allocation\":{\"incomeFloor\":22000}");
        WijkLabModel m = new WijkLabModel(scenario(p, 5, 1));
        m.runToEnd();
        Households h = m.households();
        Dwellings dw = m.dwellings();
        Programmes.Run run = m.programmes().runs().get(0);
        int checked = 0;
        for (int slot = 0; slot < h.capacity; slot++) {
            int d = h.dwelling[slot];
            if (d < 0 || !run.isTarget[dw.neighbourhood[d]] || dw.tenure[d] != Tenure.SOCIAL) {
                continue;
            }
            if (h.moveInTick[slot] > run.startTick && h.moveInTick[slot] <= run.endTick) {
                checked++;
                assertTrue(h.incomeAtMoveIn[slot] >= 22000, "moved in at " + h.moveInTick[slot] + " with income "
                        + h.incomeAtMoveIn[slot]);
            }
        }
        assertTrue(checked > 20, "newcomers checked: " + checked);
    }

    @Test
    void aCoalitionWithoutSchoolsReachesFewerFamilies() {
        // the learning theme acts on families: a coalition of the first four kinds (municipal social
        // services, housing corporation, welfare, health care) reaches only the families one of them
        // knows; with schools (the fifth) it reaches every family. Same seed and month, so the
        // comparison is exact (no tolerance): the states are the same up to the programme's first month.
        double[] prevention = new double[2];
        double[] reached = new double[2];
        int[] breadths = {4, 5};
        for (int i = 0; i < 2; i++) {
            int index = i;
            String body = "\"yearlyBudget\":3000000,\"themes\":{\"learning\":1},\"coalitionBreadth\":" + breadths[i];
            WijkLabModel m = new WijkLabModel(scenario(programme(body, 1), 2, 1));
            m.addTickListener((model, tick) -> {
                if (tick == 13) {
                    Programmes.Run run = model.programmes().runs().get(0);
                    double[] all = new double[model.neighbourhoods().count];
                    double[] families = new double[all.length];
                    Coalition.shares(model, run, all, families);
                    for (int j : run.targets) {
                        prevention[index] += model.effects().youthPrevention[j];
                        reached[index] += families[j] / run.targets.length;
                    }
                }
            });
            m.runToEnd();
        }
        assertEquals(1.0, reached[1], 1e-12, "schools know every family");
        assertTrue(reached[0] < 0.95, "families reached without schools: " + reached[0]);
        assertTrue(prevention[0] > 0 && prevention[0] < 0.97 * prevention[1],
                "youth prevention without schools " + prevention[0] + ", with " + prevention[1]);
    }

    @Test
    void withoutEmploymentServicesActivationPlacesGoOnlyToTheReachableUnemployed() {
        // money for far more activation places than there are job seekers in the targets: with the
        // employment services (the seventh kind) every unemployed adult of working age is reached and
        // takes a place in the first month; without them (the first six kinds) only those another
        // partner knows (on social assistance, a social tenant, ...). Exact comparison on one seed.
        int[] held = new int[2];
        int[] breadths = {6, 7};
        for (int i = 0; i < 2; i++) {
            int index = i;
            String body = "\"yearlyBudget\":20000000,\"themes\":{\"work\":1},\"coalitionBreadth\":" + breadths[i];
            WijkLabModel m = new WijkLabModel(scenario(programme(body, 1), 2, 1));
            m.addTickListener((model, tick) -> {
                if (tick == 13) {
                    org.wijklab.model.Persons ps = model.persons();
                    for (int p = 0; p < ps.bound(); p++) {
                        held[index] += ps.activationLeft[p] > 0 ? 1 : 0;
                    }
                }
            });
            m.runToEnd();
        }
        assertTrue(held[0] > 0, "some job seekers are known to another partner: " + held[0]);
        assertTrue(held[0] < 0.95 * held[1], "places without employment services " + held[0] + ", with " + held[1]);
    }

    @Test
    void unpooledFundersPayOnlyTheirOwnDomainAndAfterTheirOwnDecision() {
        // a plan half housing, half work, paid 80 % by the housing corporation and 20 % by the
        // municipality. Unpooled, the corporation may pay only housing (its half) and the
        // municipality only work, so 0.3 M of the corporation's 0.8 M stays unspent and work gets 0.2 M,
        // not 0.5 M; their money arrives after their own decisions (3 and 6 months by default).
        // Pooled, one pot pays the plan from the first month. Exact: Funding is arithmetic.
        String unpooled = "\"yearlyBudget\":1000000,\"themes\":{\"housing\":0.5,\"work\":0.5},\"pooledBudget\":false,"
                + "\"funders\":{\"municipality\":0.2,\"housingCorporation\":0.8}";
        Scenario s = scenario(programme(unpooled, 2), 3, 1);
        Funding f = Funding.plan(s.programmes().get(0), s.policy().themes());
        assertEquals(0.0, f.theme(Programmes.HOUSING, 1) + f.theme(Programmes.WORK, 1), 1e-9, "nothing arrives in month 1");
        assertEquals(200_000, f.theme(Programmes.WORK, 4), 1e-6, "the municipality's money from month 4");
        assertEquals(0.0, f.theme(Programmes.HOUSING, 6), 1e-9, "the corporation's not before month 7");
        assertEquals(500_000, f.theme(Programmes.HOUSING, 7), 1e-6, "the corporation pays housing, no more");
        assertEquals(200_000, f.theme(Programmes.WORK, 7), 1e-6, "work gets what the municipality put in");
        assertEquals(300_000, f.unfunded(), 1e-6, "the corporation's money outside its domain");
        double[] spent = new double[CostLedger.PARTIES];
        double[] unspent = new double[CostLedger.PARTIES];
        for (int month = 1; month <= 12; month++) {
            f.book(month, spent, unspent);
        }
        assertEquals(200_000 * 9 / 12.0, spent[CostLedger.MUNICIPALITY], 1e-6);
        assertEquals(500_000 * 6 / 12.0, spent[CostLedger.HOUSING_CORPORATION], 1e-6);
        assertEquals(1_000_000 - 200_000 * 9 / 12.0 - 500_000 * 6 / 12.0, unspent[0] + unspent[1], 1e-6, "unspent in year 1");

        Scenario p = scenario(programme(unpooled.replace("\"pooledBudget\":false", "\"pooledBudget\":true"), 2), 3, 1);
        Funding g = Funding.plan(p.programmes().get(0), p.policy().themes());
        assertEquals(500_000, g.theme(Programmes.HOUSING, 1), 1e-6, "pooled: the plan's share from month 1");
        assertEquals(500_000, g.theme(Programmes.WORK, 1), 1e-6);
        java.util.Arrays.fill(spent, 0);
        java.util.Arrays.fill(unspent, 0);
        for (int month = 1; month <= 12; month++) {
            g.book(month, spent, unspent);
        }
        assertEquals(1_000_000, spent[0] + spent[1], 1e-6, "pooled spends it all");
        assertEquals(0.0, unspent[0] + unspent[1], 1e-9);
    }

    @Test
    void fundersWhoseSharesMatchThePlanLoseOnlyTheDelay() {
        // the corporation pays the housing half and the municipality the work half: nothing is outside
        // a funder's domain, so what an unpooled budget loses is the months before each decision
        // (3 for the municipality, 6 for the corporation: 4.5 months of the budget a year on average)
        String matched = "\"yearlyBudget\":1000000,\"themes\":{\"housing\":0.5,\"work\":0.5},\"pooledBudget\":false,"
                + "\"funders\":{\"municipality\":0.5,\"housingCorporation\":0.5}";
        Scenario s = scenario(programme(matched, 2), 3, 1);
        Funding f = Funding.plan(s.programmes().get(0), s.policy().themes());
        assertEquals(0.0, f.unfunded(), 1e-9, "no money outside its funder's domain");
        assertEquals(500_000, f.theme(Programmes.HOUSING, 7), 1e-6);
        assertEquals(500_000, f.theme(Programmes.WORK, 7), 1e-6);
        double[] spent = new double[CostLedger.PARTIES];
        double[] unspent = new double[CostLedger.PARTIES];
        for (int month = 1; month <= 24; month++) {
            f.book(month, spent, unspent);
        }
        assertEquals(500_000 * 3 / 12.0, unspent[CostLedger.MUNICIPALITY], 1e-6, "the municipality's three months");
        assertEquals(500_000 * 6 / 12.0, unspent[CostLedger.HOUSING_CORPORATION], 1e-6, "the corporation's six months");
        assertEquals(2_000_000 - 500_000 * 9 / 12.0, spent[0] + spent[1], 1e-6);
    }

    @Test
    void unpooledMoneyOutsideTheFundersDomainsIsBookedUnspentAndActsLater() {
        // the whole model: a safety programme paid half by the municipality and half by the housing
        // corporation. Unpooled, the corporation may not pay for safety (its half stays unspent) and
        // the municipality's money arrives in month 4; pooled, all of it is spent and acts from month 1.
        // Exact: the same seed, and the bookings are arithmetic (no costs writer resets them).
        String pooled = "\"yearlyBudget\":3000000,\"themes\":{\"safety\":1},\"pooledBudget\":true,"
                + "\"funders\":{\"municipality\":0.5,\"housingCorporation\":0.5}";
        String unpooled = pooled.replace("true", "false");
        double[][] effect = new double[2][2];
        double[][] money = new double[2][2];
        double[] share = new double[2];
        String[] variants = {pooled, unpooled};
        for (int i = 0; i < 2; i++) {
            int index = i;
            Scenario s = scenario(programme(variants[i], 1), 2, 1);
            WijkLabModel m = new WijkLabModel(s);
            org.wijklab.experiment.RunSummary summary = new org.wijklab.experiment.RunSummary(s);
            summary.attach(m);
            m.addTickListener((model, tick) -> {
                int j = model.programmes().runs().get(0).targets == null ? -1 : model.programmes().runs().get(0).targets[0];
                if (tick == 13 || tick == 20) {
                    effect[index][tick == 13 ? 0 : 1] = model.effects().prevention[j];
                }
            });
            m.runToEnd();
            Programmes.Run run = m.programmes().runs().get(0);
            for (int party = 0; party < CostLedger.PARTIES; party++) {
                money[index][0] += run.spent[party];
                money[index][1] += run.unspent[party];
            }
            share[i] = org.wijklab.experiment.SweepMetrics.compute(summary, java.util.List.of("unspent_share"))[0];
        }
        assertTrue(effect[0][0] > 0 && effect[1][0] == 0, "month 1: pooled " + effect[0][0] + ", unpooled " + effect[1][0]);
        assertTrue(effect[1][1] > 0 && effect[1][1] < effect[0][1], "month 8: unpooled " + effect[1][1] + " < pooled " + effect[0][1]);
        assertEquals(3_000_000, money[0][0], 1e-3, "pooled spends the year's budget");
        assertEquals(0.0, money[0][1], 1e-6);
        assertEquals(1_500_000 * 9 / 12.0, money[1][0], 1e-3, "unpooled: the municipality's half from month 4");
        assertEquals(3_000_000 - 1_500_000 * 9 / 12.0, money[1][1], 1e-3, "the rest is booked unspent");
        // the sweep metric: the programme's unspent over its budget, 0 when pooled
        assertEquals(0.0, share[0], 1e-12);
        assertEquals((3_000_000 - 1_500_000 * 9 / 12.0) / 3_000_000, share[1], 1e-9, "unspent_share");
    }
}
