package org.wijklab.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wijklab.process.Observation;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The default city against its calibration targets (MODEL.md, "Calibration targets"): the three
 * weakest neighbourhoods start near the profile of the Dutch attention neighbourhoods and, without
 * a programme, stay near it; households move at about the Dutch rate. Two seeded replications of
 * 60,000 residents over 10 recorded years. The bands are wide against the replication spread
 * (measured: employment 0.47-0.49, single-person share 0.64-0.66, mobility 0.083-0.085, ten-year
 * drift below 0.02 in employment and 2 points of liveability), so a failure means the model moved.
 */
class CalibrationTest {

    /** The profile of the three neighbourhoods with the lowest liveability at a tick. */
    record Profile(double employment, double single, double social, double liveability, double goodMental) {
    }

    private static Profile weakest(WijkLabModel m) {
        Neighbourhoods nb = m.neighbourhoods();
        Observation o = m.observation();
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < nb.count; j++) {
            order.add(j);
        }
        order.sort((a, b) -> Integer.compare(nb.rank[b], nb.rank[a]));
        double working = 0;
        double employed = 0;
        double households = 0;
        double singles = 0;
        double dwellings = 0;
        double social = 0;
        double live = 0;
        double adults = 0;
        double good = 0;
        for (int j : order.subList(0, 3)) {
            working += o.workingAge(j);
            employed += o.employed(j);
            households += nb.households[j];
            singles += o.singles(j);
            dwellings += nb.dwellings[j];
            social += nb.dwellingsByTenure[j][Tenure.SOCIAL];
            live += nb.liveability[j] / 3;
            adults += o.adults(j);
            good += o.goodMental(j);
        }
        return new Profile(employed / working, singles / households, social / dwellings, live, good / adults);
    }

    @Test
    void weakestNeighbourhoodsStartNearTheAttentionNeighbourhoodProfileAndStayThere() {
        for (long seed : new long[] {21, 22}) {
            Scenario s = ScenarioLoader.defaults().withSeed(seed).withResidents(60_000).withYears(10);
            WijkLabModel model = new WijkLabModel(s);
            Profile[] at = new Profile[2];
            long[] moving = new long[1];
            long[] householdMonths = new long[1];
            model.addTickListener((m, tick) -> {
                if (tick == 0) {
                    at[0] = weakest(m);
                } else {
                    // households that moved, within the city or out of it: the calibration's
                    // yearly_move_share (SweepMetrics), fitted to WoON's 6.5 % a year
                    moving[0] += m.ledger().movesWithin + m.ledger().householdsOut;
                    householdMonths[0] += m.households().liveCount();
                }
                if (tick == 120) {
                    at[1] = weakest(m);
                }
            });
            model.runToEnd();
            Profile start = at[0];
            Profile end = at[1];
            // CBS Outcomemonitor: about 50 % employed (NL 64 %), over half single-person households,
            // social rent 47 % to over 70 % of the stock
            // (the published rate counts all 15-64-year-olds, the 15-17-year-olds at school among them;
            // the model's rate counts adults below the pension age, who are 17 or older: up to 0.60)
            assertTrue(start.employment() > 0.40 && start.employment() < 0.60, "employment " + start.employment());
            // single-person households: "over 50 %", the calibration target 0.50 with its tolerance
            // 0.08 (scenarios/calibrate-households.json, weakest_single_share)
            assertTrue(start.single() > 0.42, "single-person share " + start.single());
            assertTrue(start.social() > 0.47, "social rent share " + start.social());
            assertTrue(start.goodMental() > 0.70 && start.goodMental() < 0.86, "good mental health " + start.goodMental());
            // the weakest drift down as in-migrants with little work replace leavers (0.582 to 0.529 on
            // seed 21 over the 10 years: docs/ODD.md §9.2, a known gap); a larger drift is a change
            assertTrue(Math.abs(end.employment() - start.employment()) < 0.08,
                    "employment drifted from " + start.employment() + " to " + end.employment());
            // the weakest lose liveability as their purchasing power, facilities and employment fall and
            // the corporation's maintenance leans to where its market is (the stock process): 6.3 points
            // over the 10 years on seed 21; a drift beyond 9 points is a change
            assertTrue(Math.abs(end.liveability() - start.liveability()) < 9,
                    "liveability drifted from " + start.liveability() + " to " + end.liveability());
            double mobility = 12.0 * moving[0] / householdMonths[0];
            // WoON: 13 % of households moved in two years, about 6.5 % a year; the calibration's
            // target with two of its sd (0.01) either side
            assertTrue(mobility > 0.045 && mobility < 0.085, "household mobility " + mobility);
        }
    }

    @Test
    void householdsSearchAndMoveDuringTheWarmUp() {
        Scenario s = ScenarioLoader.defaults().withResidents(5_000).withYears(1);
        WijkLabModel model = new WijkLabModel(s);
        model.start();
        int setUp = model.tick();
        while (model.tick() < -1) {
            model.schedule.step(model);
        }
        // households present at set-up that moved house since: only a search in the city does that
        Households h = model.households();
        int moved = 0;
        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.isLive(slot) && h.origin[slot] == Households.ORIGIN_INITIAL && h.moveInTick[slot] > setUp) {
                moved++;
            }
        }
        assertTrue(moved > 100, "initial households that moved within the city during the warm-up: " + moved);
        // the totals run from set-up until tick 0 resets them
        assertTrue(model.ledger().totalHouseholdsIn > 100, "in-migrants during the warm-up: "
                + model.ledger().totalHouseholdsIn);
        model.finish();
    }
}
