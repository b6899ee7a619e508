package org.wijklab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wijklab.model.Households;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The couples' birth chances are made from the city's women per fertility group, a double sum of
 * ones (a couple's younger adult) and {@code singleWomenShare} (a single adult). The households'
 * groups are found on the block threads and added up after, in slot order: the chances are the
 * very doubles of one pass over the slots in order, whatever the number of threads. The share is
 * set to 0.3 here: the default 0.5 adds exactly in any order, 0.3 does not, so a sum taken in
 * another order would differ in the last bits.
 */
class CoupleBirthRatesTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void theChancesAreOnePassInSlotOrderWhateverTheThreads(int threads) {
        Scenario s = ScenarioLoader.fromJson("{\"warmUpYears\": 0, \"years\": 1, \"city\": {\"residents\": 30000},"
                + " \"demography\": {\"singleWomenShare\": 0.3}}", "couple birth test");
        WijkLabModel m = new WijkLabModel(s);
        m.setThreads(threads);
        m.start();
        m.schedule.step(m);
        Households h = m.households();
        assertTrue(h.capacity > 2 * org.wijklab.model.Blocks.SIZE, "more than two blocks of households: " + h.capacity);
        Scenario.Demography demo = m.scenario().demography();
        int tick = m.tick();
        m.demography().coupleBirthRates(demo, tick);
        double[] made = m.demography().coupleBirthChances();

        // the one pass: every live household in slot order
        int groups = demo.fertilityRates().length;
        double[] women = new double[groups];
        int[] couples = new int[groups];
        int top = demo.fertilityAges()[demo.fertilityAges().length - 1];
        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.hood[slot] < 0) {
                continue;
            }
            int age = Math.max(0, (tick - h.adultBirth[2 * slot]) / 12);
            if (h.adults[slot] == 2) {
                age = Math.min(age, Math.max(0, (tick - h.adultBirth[2 * slot + 1]) / 12));
            }
            int g = age < top ? demo.fertilityGroup(age) : -1;
            if (g < 0) {
                continue;
            }
            if (h.adults[slot] == 2) {
                women[g] += 1.0;
                couples[g] += h.children[slot] < 3 ? 1 : 0;
            } else {
                women[g] += demo.singleWomenShare();
            }
        }
        int checked = 0;
        for (int g = 0; g < groups; g++) {
            double yearly = couples[g] == 0 ? 0.0
                    : Math.min(Demography.MAX_COUPLE_BIRTHS, demo.fertilityRates()[g] * women[g] / couples[g]);
            assertEquals(Double.doubleToRawLongBits(yearly / 12.0), Double.doubleToRawLongBits(made[g]),
                    "group " + g + ": " + made[g] + " against the one pass's " + yearly / 12.0);
            checked += couples[g] > 0 ? 1 : 0;
        }
        assertTrue(checked >= 3, "groups with couples: " + checked);
    }
}
