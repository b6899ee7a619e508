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
                h.searchSince[who[k]] = tick;
                persons.registeredSince[h.adultPerson[2 * who[k]]] = tick - 12 * years[k];
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
     * demolished in a year and rebuilt for owners): over three years, against the same city and seed
     * without it, B (adjacent) receives more of the displaced than D and E (far) and gains more
     * low-income households, because the displaced search with a distance decay and value their
     * ties next door; where the rehoused tenants go is an outcome of search and vacancies, not a
     * rule. Seeds 1-3, 20,000 residents. Measured: displaced arriving in B 65, 68, 66 against D/E
     * 49, 57, 50; low-income households gained, restructuring minus none, B minus D/E 1.5, 5.0, 3.5.
     * The test asks for more arrivals in B than in D/E in every seed (the margin is 10-20 against a
     * binomial sd of about 8: it fails a correct model with chance about 5 % per seed... see below)
     * and for a positive mean low-income gain B minus D/E.
     */
    @Test
    void householdsPushedOutLandNextDoorMoreThanFarAway() {
        String programme = ", \"programmes\": [{\"name\": \"renewal\", \"targets\": {\"names\": [\"A\"]}, \"startYear\": 0, "
                + "\"durationYears\": 3, \"restructuring\": {\"shareOfSocial\": 1.0, \"years\": 1, \"socialShare\": 0, "
                + "\"privateShare\": 0, \"ownerShare\": 1, \"quality\": 0.8}}]";
        double sumLow = 0;
        int nearArrivals = 0;
        double farArrivals = 0;
        for (long seed = 1; seed <= 3; seed++) {
            int[] arrivals = new int[5];
            double[] with = lowIncomeChange(row(programme + ", \"seed\": " + seed), arrivals);
            double[] without = lowIncomeChange(row(", \"seed\": " + seed), new int[5]);
            double near = with[1] - without[1];
            double far = (with[3] - without[3] + with[4] - without[4]) / 2;
            System.out.printf("seed %d: displaced arriving B %d, D/E %.1f; low-income households gained, restructuring minus none: "
                    + "B %.1f, D/E %.1f%n", seed, arrivals[1], (arrivals[3] + arrivals[4]) / 2.0, near, far);
            nearArrivals += arrivals[1];
            farArrivals += (arrivals[3] + arrivals[4]) / 2.0;
            sumLow += near - far;
        }
        assertTrue(nearArrivals > farArrivals, "displaced arriving in B " + nearArrivals + " vs D/E " + farArrivals);
        assertTrue(sumLow > 0, "low-income households gained, B minus far, summed over seeds: " + sumLow);
    }

    /** Per neighbourhood: the change in low-income households over the run; the displaced tenants' arrivals into {@code arrivals}. */
    private static double[] lowIncomeChange(String json, int[] arrivals) {
        Scenario s = ScenarioLoader.fromJson(json, "spillover test").withYears(3);
        WijkLabModel m = new WijkLabModel(s);
        double[] start = new double[5];
        double[] change = new double[5];
        m.addTickListener((model, tick) -> {
            for (int j = 0; j < 5; j++) {
                double low = model.neighbourhoods().lowIncomeShare[j] * model.neighbourhoods().households[j];
                if (tick == 0) {
                    start[j] = low;
                }
                change[j] = low - start[j];
            }
        });
        m.setMoveListener((tick, id, from, to, reason, employed, income) -> {
            if (reason == org.wijklab.model.MoveReason.RENEWAL && to >= 0) {
                arrivals[to]++;
            }
        });
        m.start();
        m.runToEnd();
        return change;
    }
}
