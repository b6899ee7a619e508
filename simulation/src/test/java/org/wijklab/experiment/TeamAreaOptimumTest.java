package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * V8's optimum team area comes from the professionals' mechanics, and each target set has its own:
 * a team-only programme (integral, proximity 0.9) for five years in the three or the six weakest
 * neighbourhoods of a 40,000-resident city, at the same budget per target resident (the six hold
 * about 2.2 times the residents of the three, {@link Validation#SIX_WEAKEST_BUDGET_SHARE}), teams
 * of 2,500, 5,000, 10,000 residents or one team for all targets. The measure is the ledger's
 * expected avoided cost per euro (V8's note): unlike the realised saving against a twin it has a
 * standard error of 0.005-0.04 per run at this size, so three seeds (1-3) separate the areas.
 */
class TeamAreaOptimumTest {
    private static final int[] AREAS = {2500, 5000, 10000, 100000};
    private static final long[] SEEDS = {1, 2, 3};

    private static Scenario scenario(int weakest, double budget, int area, long seed) {
        String json = "{\"name\":\"area\",\"years\":6,\"seed\":" + seed + ",\"warmUpYears\":10,"
                + "\"city\":{\"residents\":40000},\"programmes\":[{\"name\":\"team\",\"targets\":{\"weakest\":" + weakest
                + "},\"startYear\":1,\"durationYears\":5,\"yearlyBudget\":" + budget + ",\"ownershipSupport\":0,"
                + "\"themes\":{},\"team\":{\"budgetShare\":1,\"mode\":\"integral\",\"areaResidents\":" + area
                + ",\"proximity\":0.9},\"bestPersons\":{\"protection\":0.5,\"roomToAct\":0.5}}]}";
        return ScenarioLoader.fromJson(json, "test.json");
    }

    /** Expected avoided cost per euro, per area and seed. */
    private static double[][] perEuro(int weakest, double budget) {
        double[][] v = new double[AREAS.length][SEEDS.length];
        for (int a = 0; a < AREAS.length; a++) {
            for (int k = 0; k < SEEDS.length; k++) {
                Scenario s = scenario(weakest, budget, AREAS[a], SEEDS[k]);
                RunSummary r = new RunSummary(s);
                WijkLabModel m = new WijkLabModel(s);
                r.attach(m);
                m.runToEnd();
                r.finished();
                RunSummary.ProgrammeRecord p = r.programmes.get(0);
                v[a][k] = p.avoided / p.spent;
            }
        }
        return v;
    }

    @Test
    void twoTargetSetsHaveTheirOwnOptimumArea() {
        double budget3 = 1_200_000;
        double[][] three = perEuro(3, budget3);
        double[][] six = perEuro(6, budget3 * Validation.SIX_WEAKEST_BUDGET_SHARE);
        String shown = String.format(Locale.ROOT, "three weakest %s, six weakest %s (areas %s)",
                java.util.Arrays.deepToString(three), java.util.Arrays.deepToString(six), java.util.Arrays.toString(AREAS));
        System.out.println(shown);
        // Measured (seeds 1-3): three weakest 0.65-0.70 / 0.84-0.87 / 0.92-0.94 / the same; six weakest
        // 0.52-0.56 / 0.75-0.76 / 0.79-0.81 / 0.75-0.77. The paired differences asserted below are
        // 0.04-0.10 per seed and vary across seeds by at most 0.03: a seed reverses one only with a
        // deviation of more than three of their standard deviations (false failure < 1 in 1,000 per
        // comparison).
        for (int k = 0; k < SEEDS.length; k++) {
            // three weakest (about 8,800 residents): a team's area is made of the targets, so 10,000 and
            // one team are the same team; it is the best, smaller teams spend more on management and cover
            assertTrue(three[2][k] == three[3][k], "three weakest, 10,000 is one team: " + shown);
            assertTrue(three[2][k] > three[1][k] && three[1][k] > three[0][k], "three weakest: " + shown);
            // six weakest (about 20,000 residents): two teams of 10,000 beat one team (travel, an area
            // known less well) and teams of 5,000 (management, cover): an optimum inside
            assertTrue(six[2][k] > six[3][k] && six[2][k] > six[1][k] && six[1][k] > six[0][k], "six weakest: " + shown);
        }
    }
}
