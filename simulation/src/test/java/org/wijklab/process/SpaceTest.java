package org.wijklab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wijklab.model.Dwellings;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Persons;
import org.wijklab.model.RegionPlaces;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * Space, the waiting list and spillovers: the map's neighbours and distances, a vacant social
 * dwelling going to the longest-registered searcher, and households pushed out of one neighbourhood
 * landing next door more than far away.
 */
class SpaceTest {

    /** Five identical neighbourhoods in a row, A to E, 1.5 km apart. */
    private static String row(String extra) {
        StringBuilder hoods = new StringBuilder();
        String[] names = {"A", "B", "C", "D", "E"};
        for (int i = 0; i < names.length; i++) {
            hoods.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(names[i])
                    .append("\", \"socialRentShare\": ").append(i == 0 ? 0.8 : 0.4).append(", \"privateRentShare\": 0.15, \"column\": ").append(i)
                    .append(", \"row\": 0}");
        }
        return "{ \"warmUpYears\": 0, \"city\": { \"residents\": 20000, \"tileKm\": 1.5, \"neighbourhoods\": [" + hoods + "] }"
                + extra + " }";
    }

    @Test
    void neighboursShareABorderAndDistancesFollowTheMap() {
        WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson(row(""), "space test").withYears(1));
        m.start();
        Neighbourhoods nb = m.neighbourhoods();
        assertTrue(nb.adjacent(0, 1) && nb.adjacent(1, 2) && !nb.adjacent(0, 2) && !nb.adjacent(0, 0));
        assertEquals(1, nb.neighbours[0].length);
        assertEquals(2, nb.neighbours[2].length);
        // the adjacency table says what the lists say, both ways
        for (int i = 0; i < nb.count; i++) {
            for (int j = 0; j < nb.count; j++) {
                final int k = j;
                assertEquals(java.util.Arrays.stream(nb.neighbours[i]).anyMatch(x -> x == k), nb.adjacent(i, j), i + "-" + j);
                assertEquals(nb.adjacent(i, j), nb.adjacent(j, i));
            }
        }
        assertEquals(6.0, nb.distance(0, 4), 1e-12);
        assertEquals(Neighbourhoods.SAME, nb.distanceClass(3, 3));
        assertEquals(Neighbourhoods.ADJACENT, nb.distanceClass(3, 4));
        assertEquals(Neighbourhoods.FURTHER, nb.distanceClass(0, 3));
    }

    /**
     * One vacant social dwelling in the city and no offers in the region; two households that must
     * move (restructuring tenants, urgent alike), registered 2 and 8 years: the dwelling goes to the
     * one registered 8 years, whichever is found first, and the other keeps searching. Deterministic:
     * both see only that dwelling, and the order is by registration before the random tie-break.
     */
    @Test
    void theWaitingListGivesTheDwellingToTheLongestRegistered() {
        for (int flip = 0; flip < 2; flip++) {
            WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson(row(""), "waiting list test").withYears(1));
            m.start();
            Dwellings dw = m.dwellings();
            Households h = m.households();
            Persons persons = m.persons();
            RegionPlaces rp = m.regionPlaces();
            // keep every vacancy but one social dwelling in C out of the market
            int keep = -1;
            for (int d = 0; d < dw.count; d++) {
                if (dw.isVacant(d)) {
                    if (keep < 0 && dw.tenure[d] == Tenure.SOCIAL && dw.neighbourhood[d] == 2) {
                        keep = d;
                    } else {
                        dw.demolish(d);
                    }
                }
            }
            assertTrue(keep >= 0, "a vacant social dwelling in C");
            java.util.Arrays.fill(rp.vacant, 0.0);
            // two single-adult households in B, the one found first registered 2 years, the other 8 (then swapped)
            int[] who = new int[2];
            int found = 0;
            for (int slot = 0; slot < h.capacity && found < 2; slot++) {
                if (h.hood[slot] == 1 && h.adults[slot] == 1 && h.income[slot] < m.scenario().housing().socialIncomeLimit()) {
                    who[found++] = slot;
                }
            }
            assertEquals(2, found);
            int tick = m.tick();
            int[] years = flip == 0 ? new int[] {2, 8} : new int[] {8, 2};
            for (int k = 0; k < 2; k++) {
                h.forced[who[k]] = Households.FORCED_RENEWAL;
                h.searchSince[who[k]] = Persons.month(tick);
                persons.registeredSince[h.adultPerson[2 * who[k]]] = Persons.month(tick - 12 * years[k]);
            }
            int longest = flip == 0 ? who[1] : who[0];
            int other = flip == 0 ? who[0] : who[1];
            m.housingMarket().step(m);
            assertEquals(longest, dw.occupant[keep], "the dwelling went to the household registered 8 years");
            assertTrue(h.dwelling[other] >= 0 && dw.neighbourhood[h.dwelling[other]] == 1, "the other is still in B");
            // the let starts the winner's registration anew
            assertEquals(m.tick(), persons.registeredSince[h.adultPerson[2 * longest]]);
        }
    }

    /**
     * Restructuring pushes the social tenants out of A (all its social dwellings, 80 % of its stock,
     * demolished in a year and rebuilt for owners): over three years, B (adjacent) receives more of
     * the displaced than D and E (far), and more of those who carry problems (debts, a youth
     * problem, poor mental health, or no one in work), because the displaced search with a
     * distance decay and value their ties next door; where they go is an outcome of search and
     * vacancies, not a rule. Seeds 1-3, 20,000 residents, pooled. Measured: displaced arriving in
     * B 256 against 192 in a far neighbourhood, with problems 175 against 120. The sd of such a
     * difference of counts is about the square root of their sum (21 and 17), so a correct model
     * on other seeds fails either comparison with chance about 0.1 % (3.0 and 3.2 sd's); a model
     * whose displaced land anywhere at random passes each with chance about 50 %: the test guards
     * the direction, the figures in this comment
     * the size. (The low-income share itself moves by a few households in a neighbourhood of
     * 2,000, within the noise of three years: the report's spillover section measures it over
     * the standard scenarios' seeds.)
     */
    @Test
    void householdsPushedOutLandNextDoorMoreThanFarAway() {
        String programme = ", \"programmes\": [{\"name\": \"renewal\", \"targets\": {\"names\": [\"A\"]}, \"startYear\": 0, "
                + "\"durationYears\": 3, \"restructuring\": {\"shareOfSocial\": 1.0, \"years\": 1, \"socialShare\": 0, "
                + "\"privateShare\": 0, \"ownerShare\": 1, \"quality\": 0.8}}]";
        int[] arrivals = new int[5];
        int[] withProblems = new int[5];
        for (long seed = 1; seed <= 3; seed++) {
            displaced(row(programme + ", \"seed\": " + seed), arrivals, withProblems);
        }
        double far = (arrivals[3] + arrivals[4]) / 2.0;
        double farProblems = (withProblems[3] + withProblems[4]) / 2.0;
        System.out.printf("displaced arriving: B %d, a far neighbourhood %.1f; with problems: B %d, far %.1f%n", arrivals[1], far,
                withProblems[1], farProblems);
        assertTrue(arrivals[1] > far, "displaced arriving in B " + arrivals[1] + " vs D/E " + far);
        assertTrue(withProblems[1] > farProblems, "displaced with problems arriving in B " + withProblems[1] + " vs D/E " + farProblems);
    }

    /** Runs the scenario; counts the displaced tenants' arrivals per neighbourhood, and those with a problem. */
    private static void displaced(String json, int[] arrivals, int[] withProblems) {
        Scenario s = ScenarioLoader.fromJson(json, "spillover test").withYears(3);
        WijkLabModel m = new WijkLabModel(s);
        m.setMoveListener((tick, id, from, to, reason, employed, income) -> {
            if (reason == org.wijklab.model.MoveReason.RENEWAL && to >= 0) {
                arrivals[to]++;
                Households h = m.households();
                int slot = h.slotOf(id);
                boolean problem = employed == 0 || h.debt[slot] > 0 || h.youth[slot] > 0;
                for (int a = 0; a < h.adults[slot]; a++) {
                    problem |= h.mental[2 * slot + a] != Households.GOOD;
                }
                if (problem) {
                    withProblems[to]++;
                }
            }
        });
        m.start();
        m.runToEnd();
    }

    /**
     * Moving distances against their calibration targets (scenarios/calibrate-space.json), on the
     * calibration's own city (the default city at 20,000 residents, 10 warm-up and 3 recorded
     * years), seeds 1-2 pooled. Measured on seeds 1-4: moves staying in the city 0.538, 0.521,
     * 0.534, 0.544 (sd 0.010); leavers to places within 50 km 0.618, 0.617, 0.620, 0.651. The
     * within-city target is 0.575 with the calibration's tolerance 0.05, so [0.525, 0.625]; the
     * band here is widened by three standard errors of a two-seed mean (0.02) to [0.505, 0.645],
     * which other seed pairs fail with chance below 0.1 % at the measured mean (0.534, 4 standard
     * errors inside). The province target is 0.60 with sd 0.05: the band is two of them,
     * [0.50, 0.70]. This test itself measures 0.535 and 0.649 (it follows fewer persons in the region
     * than a run that writes its files, so the region's own stream, which places leavers who did not
     * search, draws differently).
     */
    @Test
    void movingDistancesMeetTheirCalibrationTargets() {
        long[] classes = new long[Neighbourhoods.DISTANCE_CLASSES];
        long[] toPlace = new long[4];
        for (long seed = 1; seed <= 2; seed++) {
            Scenario s = ScenarioLoader.fromJson("{ \"warmUpYears\": 10, \"seed\": " + seed + " }", "distances test")
                    .withResidents(20_000).withYears(3);
            WijkLabModel m = new WijkLabModel(s);
            m.addTickListener((model, tick) -> {
                if (tick <= 0) {
                    return;
                }
                for (int j = 0; j < model.neighbourhoods().count; j++) {
                    for (int c = 0; c < Neighbourhoods.DISTANCE_CLASSES; c++) {
                        classes[c] += model.neighbourhoods().movedByClass[j][c];
                    }
                }
                for (int r = 0; r < 4; r++) {
                    toPlace[r] += model.regionPlaces().movedTo[r];
                }
            });
            m.start();
            m.runToEnd();
        }
        long all = classes[0] + classes[1] + classes[2] + classes[3];
        double within = 1.0 - classes[Neighbourhoods.REGION] / (double) all;
        long leavers = toPlace[0] + toPlace[1] + toPlace[2] + toPlace[3];
        double province = (toPlace[0] + toPlace[1]) / (double) leavers;
        System.out.printf("moves %d: within the city %.3f; leavers %d: within 50 km %.3f%n", all, within, leavers, province);
        assertTrue(within >= 0.505 && within <= 0.645, "share of moves staying in the city " + within);
        assertTrue(province >= 0.50 && province <= 0.70, "share of leavers within the province " + province);
    }
}
