package org.wijklab.observation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.experiment.Runner;
import org.wijklab.scenario.Scenario;
import org.wijklab.model.Households;
import org.wijklab.model.Invariants;
import org.wijklab.model.MoveReason;
import org.wijklab.model.Pending;
import org.wijklab.model.Persons;
import org.wijklab.model.RegionHouseholds;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The erosion decomposition on persons, in small constructed cities where the answer is known by
 * hand, and the person bookkeeping of the model's household events (merging, leaving home, leaving
 * the city, dying) as the decomposition sees it.
 */
class PersonPanelTest {
    private static final double EPS = 1e-9;
    private static final List<String> COLUMNS = List.of(ErosionDecomposition.HEADER).subList(4,
            ErosionDecomposition.HEADER.length);
    private static final int INCOME = 1;

    private static double col(double[] row, String name) {
        int c = COLUMNS.indexOf(name);
        assertTrue(c >= 0, "no column " + name);
        return row[c];
    }

    private static final byte ADULT = PersonSnapshot.ADULT | PersonSnapshot.WORKING_AGE | PersonSnapshot.GOOD;

    /** A constructed snapshot: per person slot its id, place, flags and equivalised income (household income the same). */
    private static PersonSnapshot snapshot(int tick, int[] id, short[] where, byte[] flags, float[] income) {
        return new PersonSnapshot(tick, id, where, flags, income, income.clone());
    }

    @Test
    void theRicherHalfLeavesAndPoorerNewcomersArriveWhileNobodysIncomeChanges() {
        // neighbourhood 0 at t0: two persons on 10,000 and two on 30,000 (mean 20,000). By t1 one rich
        // person moved to neighbourhood 1, the other left the city; two newcomers on 10,000 arrived
        // (mean 10,000). Nobody's own income changed: people change 0, eroded gain = -place change.
        short n = PersonSnapshot.NONE;
        int[] ids = {0, 1, 2, 3, 4, 5};
        PersonSnapshot s0 = snapshot(0, ids, new short[] {0, 0, 0, 0, n, n}, new byte[] {ADULT, ADULT, ADULT, ADULT, 0, 0},
                new float[] {10_000, 10_000, 30_000, 30_000, 0, 0});
        PersonSnapshot s1 = snapshot(60, ids, new short[] {0, 0, 1, PersonSnapshot.REGION, 0, 0},
                new byte[] {ADULT, ADULT, ADULT, ADULT, ADULT, ADULT}, new float[] {10_000, 10_000, 30_000, 30_000, 10_000, 10_000});
        ErosionDecomposition.Groups g = ErosionDecomposition.groups(s0, s1, new int[] {0, 1}, 2);
        double[] row = ErosionDecomposition.row(g, 0, INCOME);
        assertEquals(20_000, col(row, "y_t0"), EPS);
        assertEquals(10_000, col(row, "y_t1"), EPS);
        assertEquals(-10_000, col(row, "place_change"), EPS);
        assertEquals(0, col(row, "people_change"), EPS);
        assertEquals(10_000, col(row, "eroded_gain"), EPS);
        assertEquals(0, col(row, "stayers_change"), EPS);
        assertEquals(0, col(row, "inflow_effect"), EPS, "the newcomers are like the stayers");
        assertEquals(-10_000, col(row, "outflow_effect"), EPS, "half the weight left, 20,000 above the stayers");
        assertEquals(2, col(row, "stayers"));
        assertEquals(2, col(row, "out_movers"));
        assertEquals(1, col(row, "out_within_city"));
        assertEquals(1, col(row, "out_left_city"));
        assertEquals(0, col(row, "out_died"));
        assertEquals(2, col(row, "in_from_outside"));
        assertEquals(4, col(row, "cohort_alive"));
        assertEquals(0, col(row, "people_change_in_city"), EPS);
        assertEquals(0, col(row, "people_change_left_city"), EPS);
        assertEquals(30_000, col(row, "y_out_left_t0"), EPS);
        // neighbourhood 1 received one person from the city
        double[] other = ErosionDecomposition.row(g, 1, INCOME);
        assertEquals(1, col(other, "in_from_city"));
        assertEquals(1, col(other, "in_movers"));
    }

    @Test
    void theOldMeasureWithoutTheLeaversMissesTheirGain() {
        // two stayers gain nothing, two who left the city gain 6,000 each: the whole cohort gains
        // 3,000, the part still in the city nothing
        int[] ids = {0, 1, 2, 3};
        short r = PersonSnapshot.REGION;
        byte[] adults = {ADULT, ADULT, ADULT, ADULT};
        PersonSnapshot s0 = snapshot(0, ids, new short[] {0, 0, 0, 0}, adults, new float[] {10_000, 10_000, 20_000, 20_000});
        PersonSnapshot s1 = snapshot(60, ids, new short[] {0, 0, r, r}, adults, new float[] {10_000, 10_000, 26_000, 26_000});
        double[] row = ErosionDecomposition.row(ErosionDecomposition.groups(s0, s1, new int[] {0}, 1), 0, INCOME);
        assertEquals(3_000, col(row, "people_change"), EPS);
        assertEquals(0, col(row, "people_change_in_city"), EPS);
        assertEquals(6_000, col(row, "people_change_left_city"), EPS);
        assertTrue(Double.isNaN(col(row, "people_change_moved_within")), "nobody moved within the city");
    }

    @Test
    void theDeadAreOutMoversOfThePlaceButNotPartOfThePeopleChange() {
        int[] ids = {0, 1, 2};
        byte[] adults = {ADULT, ADULT, ADULT};
        PersonSnapshot s0 = snapshot(0, ids, new short[] {0, 0, 0}, adults, new float[] {10_000, 10_000, 40_000});
        PersonSnapshot s1 = snapshot(12, ids, new short[] {0, 0, PersonSnapshot.DEAD}, new byte[] {ADULT, ADULT, 0},
                new float[] {11_000, 11_000, 0});
        double[] row = ErosionDecomposition.row(ErosionDecomposition.groups(s0, s1, new int[] {0}, 1), 0, INCOME);
        assertEquals(1, col(row, "out_died"));
        assertEquals(1, col(row, "out_movers"));
        assertEquals(2, col(row, "cohort_alive"));
        assertEquals(1_000, col(row, "people_change"), EPS, "the survivors' own gain");
        assertEquals(11_000 - 20_000, col(row, "place_change"), EPS);
        assertEquals(40_000, col(row, "y_out_died_t0"), EPS);
    }

    @Test
    void aReusedSlotHoldsANewPersonNotTheOldOne() {
        // slot 1 held person 7 in neighbourhood 1 at t0; by t1 person 7 is no longer followed and the
        // slot holds person 9, born since, in neighbourhood 0
        PersonSnapshot s0 = snapshot(0, new int[] {0, 7}, new short[] {0, 1}, new byte[] {ADULT, ADULT}, new float[] {1, 1});
        PersonSnapshot s1 = snapshot(12, new int[] {0, 9}, new short[] {0, 0}, new byte[] {ADULT, PersonSnapshot.BORN},
                new float[] {1, 1});
        double[] row = ErosionDecomposition.row(ErosionDecomposition.groups(s0, s1, new int[] {0, -1}, 1), 0, INCOME);
        assertEquals(1, col(row, "in_born"));
        assertEquals(0, col(row, "in_from_city"));
        // a unit that needs person 7 at t1 cannot be decomposed: the model follows whom a period needs
        assertThrows(IllegalStateException.class, () -> ErosionDecomposition.groups(s0, s1, new int[] {0, 1}, 2));
    }

    @Test
    void whomTheRunFollowsInTheRegionChangesNothingInTheCity(@TempDir Path dir) throws IOException {
        // one-year periods follow more of the later arrivals after they leave than five-year ones:
        // another region pool, other region draws, and not a byte of the city's outputs changes
        Path[] runs = new Path[2];
        long[] followed = new long[2];
        int i = 0;
        for (int years : new int[] {1, 5}) {
            Scenario s = ScenarioLoader.fromJson("{\"output\": {\"decompositionYears\": " + years + "}, "
                    + "\"programmes\": [{\"name\": \"p\", \"targets\": {\"weakest\": 2}, \"startYear\": 1, "
                    + "\"durationYears\": 4, \"yearlyBudget\": 2000000, \"themes\": {\"work\": 0.8}, "
                    + "\"team\": {\"budgetShare\": 0.2, \"mode\": \"integral\"}}]}", "test").withResidents(15_000).withYears(6).withWarmUpYears(3);
            runs[i] = dir.resolve("periods-" + years);
            Runner.run(s, "test", runs[i], "test");
            TestCsv city = TestCsv.read(runs[i].resolve(Runner.CITY));
            for (int r = 0; r < city.size(); r++) {
                followed[i] += city.integer(r, "region_persons");
            }
            i++;
        }
        assertNotEquals(followed[0], followed[1], "the region's pools differ");
        for (String f : List.of(Runner.NEIGHBOURHOODS, Runner.MOVES, Runner.SERVICES, Runner.COSTS)) {
            assertArrayEquals(Files.readAllBytes(runs[0].resolve(f)), Files.readAllBytes(runs[1].resolve(f)), f);
        }
    }

    // ---------------------------------------------------------------- the model's events

    /** A small city at tick 0 of a 3-year run without warm-up: everyone followed to the end. */
    private static WijkLabModel city() {
        WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson("{ \"warmUpYears\": 0 }", "persons test")
                .withResidents(3000).withYears(3));
        Invariants.attach(m);
        m.start();
        return m;
    }

    private static int residents(WijkLabModel m, int j) {
        Households h = m.households();
        int n = 0;
        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.dwelling[slot] >= 0 && h.hood[slot] == j) {
                n += h.persons(slot);
            }
        }
        return n;
    }

    private static int[] eachNeighbourhood(WijkLabModel m) {
        int[] u = new int[m.neighbourhoods().count];
        for (int j = 0; j < u.length; j++) {
            u[j] = j;
        }
        return u;
    }

    @Test
    void twoSinglesMergingInsideANeighbourhoodBothStay() {
        WijkLabModel m = city();
        Households h = m.households();
        int a = -1;
        int b = -1;
        for (int slot = 0; slot < h.capacity && b < 0; slot++) {
            if (h.dwelling[slot] < 0 || h.adults[slot] != 1) {
                continue;
            }
            if (a < 0) {
                a = slot;
            } else if (h.hood[slot] == h.hood[a]) {
                b = slot;
            }
        }
        assertTrue(b >= 0, "two singles in one neighbourhood");
        int j = h.hood[a];
        int partner = h.adultPerson[2 * b];
        int kids = h.children[a] + h.children[b];
        PersonSnapshot s0 = new PersonSnapshot(m, 0);
        m.merge(a, b);
        PersonSnapshot s1 = new PersonSnapshot(m, 0);
        Invariants.checkPersons(m);
        assertEquals(partner, h.adultPerson[2 * a + 1], "the partner is the household's second adult");
        assertEquals(a, m.persons().household[partner]);
        assertEquals(kids, h.children[a]);
        double[] row = ErosionDecomposition.row(ErosionDecomposition.groups(s0, s1, eachNeighbourhood(m), m.neighbourhoods().count),
                j, INCOME);
        assertEquals(0, col(row, "out_movers"), "nobody left the neighbourhood");
        assertEquals(0, col(row, "in_movers"));
        assertEquals(residents(m, j), col(row, "stayers"));
        assertEquals(col(row, "place_change"), col(row, "people_change"), EPS, "everyone stayed: people = place");
        assertEquals(0, col(row, "eroded_gain"), EPS);
    }

    @Test
    void aSingleMovingInWithAPartnerElsewhereMovesWithinTheCity() {
        WijkLabModel m = city();
        Households h = m.households();
        int a = -1;
        int b = -1;
        for (int slot = 0; slot < h.capacity && b < 0; slot++) {
            if (h.dwelling[slot] < 0 || h.adults[slot] != 1 || h.children[slot] != 0) {
                continue;
            }
            if (a < 0) {
                a = slot;
            } else if (h.hood[slot] != h.hood[a]) {
                b = slot;
            }
        }
        int from = h.hood[b];
        int to = h.hood[a];
        PersonSnapshot s0 = new PersonSnapshot(m, 0);
        m.merge(a, b);
        PersonSnapshot s1 = new PersonSnapshot(m, 0);
        ErosionDecomposition.Groups g = ErosionDecomposition.groups(s0, s1, eachNeighbourhood(m), m.neighbourhoods().count);
        double[] out = ErosionDecomposition.row(g, from, INCOME);
        assertEquals(1, col(out, "out_within_city"));
        assertEquals(0, col(out, "out_left_city") + col(out, "out_died"));
        assertEquals(col(out, "stayers") + 1, col(out, "cohort_alive"), "the partner is still in the cohort");
        assertEquals(1, col(ErosionDecomposition.row(g, to, INCOME), "in_from_city"));
    }

    @Test
    void aChildLeavingHomeForAnotherNeighbourhoodIsAnOutMoverStillInTheCohort() {
        WijkLabModel m = city();
        Households h = m.households();
        int parent = -1;
        for (int slot = 0; slot < h.capacity && parent < 0; slot++) {
            if (h.dwelling[slot] >= 0 && h.children[slot] > 0 && h.leaving[slot] == 0) {
                parent = slot;
            }
        }
        int j = h.hood[parent];
        int d = -1;
        for (int k = 0; k < m.dwellings().count && d < 0; k++) {
            if (m.dwellings().occupant[k] < 0 && m.dwellings().neighbourhood[k] != j) {
                d = k;
            }
        }
        assertTrue(d >= 0, "a vacancy in another neighbourhood");
        int k = m.dwellings().neighbourhood[d];
        Persons persons = m.persons();
        int child = h.firstChild[parent];
        int childId = persons.id[child];
        PersonSnapshot s0 = new PersonSnapshot(m, 0);
        // the child joins the pending pool, then finds the dwelling
        h.leaving[parent]++;
        persons.pending[child] = true;
        Pending pending = m.pending();
        persons.education[child] = h.education(parent);
        persons.birthTick[child] = -20 * 12;
        int entry = pending.add(h.id[parent], child, Pending.STARTER, Households.EMPLOYED, Households.GOOD, 0);
        int slot = m.formHousehold(parent, entry, d, 0);
        pending.remove(entry);
        PersonSnapshot s1 = new PersonSnapshot(m, 0);
        Invariants.checkPersons(m);
        assertEquals(child, h.adultPerson[2 * slot], "the child heads its own household");
        assertEquals(childId, persons.id[child], "with the same person id");
        ErosionDecomposition.Groups g = ErosionDecomposition.groups(s0, s1, eachNeighbourhood(m), m.neighbourhoods().count);
        double[] home = ErosionDecomposition.row(g, j, INCOME);
        assertEquals(1, col(home, "out_movers"));
        assertEquals(1, col(home, "out_within_city"), "an out-mover who moved within the city");
        assertEquals(col(home, "stayers") + 1, col(home, "cohort_alive"), "and still in the cohort");
        double[] there = ErosionDecomposition.row(g, k, INCOME);
        assertEquals(1, col(there, "in_left_parental_home"));
        assertEquals(0, col(there, "in_from_city"));
    }

    @Test
    void aHouseholdLeavingTheCityLivesOnInTheRegion() {
        WijkLabModel m = city();
        Households h = m.households();
        int slot = 0;
        while (h.dwelling[slot] < 0 || h.adults[slot] != 2 || h.age(slot, 0) > 50) {
            slot++;
        }
        int j = h.hood[slot];
        int head = h.adultPerson[2 * slot];
        int size = h.persons(slot);
        float income = h.income[slot];
        PersonSnapshot s0 = new PersonSnapshot(m, 0);
        m.leaveCity(slot, MoveReason.LEFT_CITY, 0, 0);
        Persons persons = m.persons();
        assertEquals(Persons.REGION, persons.place[head]);
        RegionHouseholds r = m.region();
        int k = persons.household[head];
        assertEquals(2, r.adults[k]);
        assertEquals(income, r.income[k], "the same persons, the same income by the same rules");
        assertEquals(size, 2 + r.children[k]);
        Invariants.checkPersons(m);
        // a year on, the household is observed in the region like anyone in the city
        for (int month = 0; month < 12; month++) {
            assertTrue(m.schedule.step(m));
        }
        assertTrue(persons.place[head] == Persons.REGION || persons.place[head] == Persons.DEAD);
        PersonSnapshot s1 = new PersonSnapshot(m, m.tick());
        double[] row = ErosionDecomposition.row(ErosionDecomposition.groups(s0, s1, eachNeighbourhood(m), m.neighbourhoods().count),
                j, INCOME);
        assertTrue(col(row, "out_left_city") >= size - 2, "the leavers are out-movers who left the city");
        assertTrue(!Double.isNaN(col(row, "people_change_left_city")), "with a people change of their own");
    }

    @Test
    void aLeaverNobodyNeedsIsReleasedAndOneStillNeededIsKeptUntilThen() {
        WijkLabModel m = city();
        Households h = m.households();
        Persons persons = m.persons();
        int a = 0;
        while (h.dwelling[a] < 0 || h.adults[a] != 1 || h.children[a] != 0) {
            a++;
        }
        int b = a + 1;
        while (h.dwelling[b] < 0 || h.adults[b] != 1 || h.children[b] != 0) {
            b++;
        }
        int pa = h.adultPerson[2 * a];
        int pb = h.adultPerson[2 * b];
        int idB = persons.id[pb];
        long released = persons.releasedAlive();
        long died = persons.died();
        // nobody needs a; b is needed until tick 2
        persons.neededUntil[pa] = Persons.NOT_NEEDED;
        persons.neededUntil[pb] = Persons.NOT_NEEDED;
        persons.pin(pb, 2);
        m.leaveCity(a, MoveReason.LEFT_CITY, 0, 0);
        m.leaveCity(b, MoveReason.LEFT_CITY, 0, 0);
        assertEquals(Persons.FREE, persons.place[pa], "a leaver nobody needs is not followed");
        assertEquals(released + 1, persons.releasedAlive());
        Invariants.checkPersons(m);
        for (int month = 1; month <= 2; month++) {
            assertTrue(m.schedule.step(m));
            assertEquals(idB, persons.id[pb], "still followed at tick " + m.tick());
            assertTrue(persons.place[pb] == Persons.REGION || persons.place[pb] == Persons.DEAD, "at tick " + m.tick());
        }
        long gone = persons.releasedAlive() + persons.died();
        assertTrue(m.schedule.step(m));
        assertTrue(persons.id[pb] != idB || persons.place[pb] == Persons.FREE, "released after its last needed tick");
        assertTrue(persons.releasedAlive() + persons.died() >= gone, "and counted");
        assertTrue(persons.releasedAlive() > released + 1 || persons.died() > died, "b was released or had died");
    }
}
