package org.wijklab.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wijklab.model.Households;
import org.wijklab.model.Invariants;
import org.wijklab.model.Professionals;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;

/**
 * Professionals as individuals (docs/ODD.md §7.2 (e), §7.5): small city (15,000 residents, a
 * 6-year warm-up), a team-only programme in the three weakest neighbourhoods from year 1, fixed
 * seeds. The checks are on constructed situations (a forced departure) or hold in every month, so
 * none is statistical.
 */
class ProfessionalsTest {

    private static Scenario scenario(String mode, int area, int years, long seed) {
        String json = "{\"name\":\"t\",\"years\":" + years + ",\"seed\":" + seed + ",\"warmUpYears\":6,"
                + "\"city\":{\"residents\":15000},\"programmes\":[{\"name\":\"p\",\"targets\":{\"weakest\":3},"
                + "\"startYear\":1,\"durationYears\":3,\"bestPersons\":{\"roomToAct\":0},\"yearlyBudget\":1500000,"
                + "\"themes\":{},\"team\":{\"budgetShare\":1,\"mode\":\"" + mode + "\",\"areaResidents\":" + area
                + ",\"proximity\":0.9}}]}";
        return ScenarioLoader.fromJson(json, "test.json");
    }

    @Test
    void aDepartureLowersTreatmentOfTheFamiliesForMonths() {
        WijkLabModel m = new WijkLabModel(scenario("integral", 3000, 4, 11));
        Invariants.attach(m);
        int forcedAt = 36; // two years into the programme (it starts after tick 12)
        double[] before = new double[1];
        double[] after = new double[7];
        int[] post = {-1};
        List<Integer> families = new ArrayList<>();
        m.addTickListener((model, tick) -> {
            Professionals pr = model.professionals();
            if (tick == forcedAt) {
                // the post with the most families whose professional has been there at least a year
                int[] held = new int[pr.count];
                for (int slot = 0; slot < pr.family.length; slot++) {
                    int q = pr.holder[Professionals.TYPES * slot];
                    if (q >= 0 && model.households().caseType[slot] == Households.CASE_ALL && tick - pr.startTick[q] >= 12) {
                        held[q]++;
                    }
                }
                int best = 0;
                for (int q = 1; q < pr.count; q++) {
                    best = held[q] > held[best] ? q : best;
                }
                post[0] = best;
                for (int slot = 0; slot < pr.family.length; slot++) {
                    if (pr.holder[Professionals.TYPES * slot] == best && pr.familyMonths(slot, 0, tick) >= 6) {
                        families.add(slot);
                        before[0] += pr.treat[Professionals.TYPES * slot];
                    }
                }
                before[0] /= Math.max(1, families.size());
                Team.depart(pr, best, tick);
            } else if (tick > forcedAt && tick <= forcedAt + after.length) {
                int n = 0;
                for (int slot : families) {
                    if (pr.holder[Professionals.TYPES * slot] == post[0]) {
                        after[tick - forcedAt - 1] += pr.treat[Professionals.TYPES * slot];
                        n++;
                    }
                }
                after[tick - forcedAt - 1] /= Math.max(1, n);
            }
        });
        m.runToEnd();
        assertTrue(families.size() >= 5, "the busiest settled professional holds " + families.size() + " known families");
        // a newcomer starts at newcomerEffect (0.5) of a settled professional's treatment and closes
        // the gap with time scale tenureMonths (12): after one month about 0.54, after six about 0.70
        // of it; the families had been known 6 months or more (at least 0.70 before)
        for (int i = 0; i < after.length; i++) {
            assertTrue(after[i] < before[0], "month " + (i + 1) + " after the departure: " + after[i] + " against "
                    + before[0] + " before");
        }
        assertTrue(after[0] < after[after.length - 1], "the newcomer comes to know the families: " + after[0] + " then "
                + after[after.length - 1]);
    }

    /** Per run: the most professionals on one family, and whether a family had more than one. */
    private static int[] professionalsPerFamily(String mode) {
        WijkLabModel m = new WijkLabModel(scenario(mode, 3000, 4, 12));
        Invariants.attach(m);
        int[] most = {0, 0};
        m.addTickListener((model, tick) -> {
            Professionals pr = model.professionals();
            Households h = model.households();
            double c = model.scenario().policy().services().coordinationFte();
            for (int slot = 0; slot < pr.family.length; slot++) {
                int n = pr.holders(slot);
                if (n == 0) {
                    continue;
                }
                most[0] = Math.max(most[0], n);
                if (n >= 2) {
                    most[1]++;
                    // the plan is agreed planMonths (2) per other professional after a professional joins
                    for (int k = 0; k < Professionals.TYPES; k++) {
                        if (pr.holder[Professionals.TYPES * slot + k] >= 0
                                && tick - pr.holderSince[Professionals.TYPES * slot + k] < 2 * (n - 1)) {
                            assertEquals(0f, pr.treat[Professionals.TYPES * slot + k], "a plan is not yet agreed at tick " + tick);
                        }
                    }
                }
                if (h.caseType[slot] == Households.CASE_ALL) {
                    assertEquals(1, n, "an integral case has one professional");
                }
                assertEquals(pr.weight[slot] + c * (n - 1), Professionals.share(pr.weight[slot], n, c), 1e-12);
            }
        });
        m.runToEnd();
        return most;
    }

    @Test
    void integralCasesHaveOneProfessionalFragmentedOnePerProblem() {
        int[] integral = professionalsPerFamily("integral");
        int[] fragmented = professionalsPerFamily("fragmented");
        assertEquals(1, integral[0], "integral: one family, one professional");
        assertTrue(fragmented[0] >= 2 && fragmented[0] <= Professionals.TYPES, "fragmented: at most one per problem type, "
                + fragmented[0]);
        assertTrue(fragmented[1] > 0, "fragmented: some families have several professionals");
    }

    @Test
    void coordinationGrowsWithTheProfessionalsOnAFamily() {
        double w = 1.0 / 6.0;
        double c = 0.03;
        // what all of a family's professionals carry together: w/n each (the weight divided over its
        // problem types) plus c per other professional
        double previous = 0.0;
        for (int n = 1; n <= Professionals.TYPES; n++) {
            double total = n * Professionals.share(w / n, n, c);
            assertEquals(w + n * (n - 1) * c, total, 1e-12);
            assertTrue(total > previous);
            previous = total;
        }
    }

    @Test
    void aNewcomerKnowsLessAndLearns() {
        assertEquals(0.5, Professionals.knowing(0, 0.5, 12), 1e-12);
        assertTrue(Professionals.knowing(6, 0.5, 12) < Professionals.knowing(24, 0.5, 12));
        assertTrue(Professionals.knowing(240, 0.5, 12) > 0.999);
    }

    @Test
    void removedServicesKeysAreRefusedWithWhatReplacedThem() {
        String json = "{\"name\":\"t\",\"policy\":{\"services\":{\"casesPerFte\":30}}}";
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> ScenarioLoader.fromJson(json, "x.json"));
        assertTrue(e.getMessage().contains("heavyCaseload"), e.getMessage());
        String delay = "{\"name\":\"t\",\"policy\":{\"services\":{\"fragmentedDelayMonths\":4}}}";
        e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class, () -> ScenarioLoader.fromJson(delay, "x.json"));
        assertTrue(e.getMessage().contains("planMonths"), e.getMessage());
        Scenario any = ScenarioLoader.fromJson("{\"name\":\"t\"}", "x.json");
        e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> org.wijklab.scenario.Overrides.parse(List.of("policy.services.fragmentedOverhead=0.3")).apply(any));
        assertTrue(e.getMessage().contains("coordinationFte"), e.getMessage());
        // a fragmented service no longer has a treatment factor of its own
        String effect = "{\"name\":\"t\",\"policy\":{\"services\":{\"fragmentedEffect\":0.3}}}";
        e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class, () -> ScenarioLoader.fromJson(effect, "x.json"));
        assertTrue(e.getMessage().contains("fragmentedEffect") && e.getMessage().contains("treatmentEffect"), e.getMessage());
    }
}
