package org.wijklab.observation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.TestCsv;
import org.wijklab.experiment.Checkpoint;
import org.wijklab.experiment.Runner;
import org.wijklab.model.Households;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The people change split by channel (decomposition.csv's people_change_own, people_change_household,
 * same_persons_change, ageing_in_effect, ageing_out_effect): the identities on every row of a small
 * run, a constructed month with one household event and one job found, and the same bytes across
 * threads and through a checkpoint.
 */
class ChannelsTest {
    private static final double EPS = 1e-9;
    private static final int EMPLOYMENT = 0;
    private static final int INCOME = 1;
    private static final List<String> COLUMNS = List.of(ErosionDecomposition.HEADER).subList(4,
            ErosionDecomposition.HEADER.length);

    @TempDir
    static Path tmp;

    /** A 2-year run of a 2,500-resident city with its 1-year periods, on one thread and on two. */
    private static Scenario scenario;
    private static TestCsv decomposition;

    @BeforeAll
    static void run() {
        scenario = ScenarioLoader.fromJson("{ \"warmUpYears\": 1, \"output\": { \"decompositionYears\": 1 } }",
                "channels test").withResidents(2500).withYears(2);
        Runner.run(scenario, "test", tmp.resolve("one"), "test", 1);
        decomposition = TestCsv.read(tmp.resolve("one").resolve(Runner.DECOMPOSITION));
    }

    private static double col(double[] row, String name) {
        int c = COLUMNS.indexOf(name);
        assertTrue(c >= 0, "no column " + name);
        return row[c];
    }

    @Test
    void theChannelsAddUpToPeopleChangeOnEveryRow() {
        assertTrue(decomposition.size() > 0);
        double household = 0;
        for (int r = 0; r < decomposition.size(); r++) {
            double people = decomposition.num(r, "people_change");
            double own = decomposition.num(r, "people_change_own");
            double hh = decomposition.num(r, "people_change_household");
            String where = "line " + (r + 2);
            assertEquals(people, own + hh, EPS, where + ": own + household = people change");
            assertEquals(people, decomposition.num(r, "same_persons_change") + decomposition.num(r, "ageing_in_effect")
                    + decomposition.num(r, "ageing_out_effect"), EPS, where + ": same persons + ageing in + out = people change");
            if (!decomposition.get(r, "metric").equals("employment") && !decomposition.get(r, "metric").equals("good_mental_health")) {
                assertEquals(0, decomposition.num(r, "ageing_in_effect"), EPS, where + ": everyone weighs on income");
                assertEquals(0, decomposition.num(r, "ageing_out_effect"), EPS, where);
            }
            household += Math.abs(hh);
        }
        assertTrue(household > 0, "household events moved somebody's outcomes in two years");
    }

    /** A small city at tick 0, no warm-up. */
    private static WijkLabModel city() {
        WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson("{ \"warmUpYears\": 0 }", "channels test")
                .withResidents(3000).withYears(3));
        m.start();
        return m;
    }

    @Test
    void twoSinglesPartneringAreTheHouseholdChannelAndAJobFoundIsTheOwn() {
        WijkLabModel m = city();
        Households h = m.households();
        // two single adults without children and a single unemployed adult, all in one neighbourhood
        int a = -1;
        int b = -1;
        int c = -1;
        for (int j = 0; j < m.neighbourhoods().count && c < 0; j++) {
            a = -1;
            b = -1;
            c = -1;
            for (int slot = 0; slot < h.capacity; slot++) {
                if (h.dwelling[slot] < 0 || h.hood[slot] != j || h.adults[slot] != 1 || h.children[slot] != 0) {
                    continue;
                }
                if (h.status[2 * slot] == Households.UNEMPLOYED && c < 0) {
                    c = slot;
                } else if (h.status[2 * slot] == Households.EMPLOYED && a < 0) {
                    a = slot;
                } else if (a >= 0 && b < 0 && h.status[2 * slot] != Households.RETIRED) {
                    b = slot;
                }
            }
            if (b < 0) {
                c = -1;
            }
        }
        assertTrue(c >= 0, "two singles and an unemployed single in one neighbourhood");
        int j = h.hood[a];
        int pa = h.adultPerson[2 * a];
        int pb = h.adultPerson[2 * b];
        int pc = h.adultPerson[2 * c];
        ChannelTracker tracker = new ChannelTracker();
        tracker.update(m, 0);
        PersonSnapshot s0 = new PersonSnapshot(m, 0, tracker);
        m.merge(a, b);
        h.status[2 * c] = Households.EMPLOYED;
        m.updateIncome(c);
        tracker.update(m, 1);
        PersonSnapshot s1 = new PersonSnapshot(m, 1, tracker);
        for (int p : new int[] {pa, pb}) {
            assertEquals(s1.income[p] - s0.income[p], s1.household(p, INCOME) - s0.household(p, INCOME), EPS,
                    "the partners' whole change is the household channel");
        }
        assertEquals(0, s1.household(pc, INCOME) - s0.household(pc, INCOME), EPS, "a job found is the own channel");
        assertTrue(s1.income[pc] > s0.income[pc], "the job raised the income");
        assertTrue(s1.income[pa] != s0.income[pa] || s1.income[pb] != s0.income[pb], "the merge changed an income");
        int[] unit = new int[m.neighbourhoods().count];
        java.util.Arrays.fill(unit, -1);
        unit[j] = 0;
        ErosionDecomposition.Groups g = ErosionDecomposition.groups(s0, s1, unit, 1);
        double[] row = ErosionDecomposition.row(g, 0, INCOME);
        double n = col(row, "cohort_alive");
        double partners = (s1.income[pa] - s0.income[pa]) + (s1.income[pb] - s0.income[pb]);
        assertEquals(partners / n, col(row, "people_change_household"), 1e-6);
        assertEquals((s1.income[pc] - s0.income[pc]) / n, col(row, "people_change_own"), 1e-6);
        double[] employment = ErosionDecomposition.row(g, 0, EMPLOYMENT);
        assertEquals(0, col(employment, "people_change_household"), EPS, "the merge found nobody a job");
        assertTrue(col(employment, "people_change_own") > 0);
        assertEquals(col(employment, "people_change"), col(employment, "same_persons_change"), EPS, "nobody aged in or out");
    }

    @Test
    void aMoveWithinTheCityIsNoHouseholdEvent() {
        WijkLabModel m = city();
        ChannelTracker tracker = new ChannelTracker();
        tracker.update(m, 0);
        int[] before = new int[m.persons().bound()];
        for (int p = 0; p < before.length; p++) {
            before[p] = ChannelTracker.signature(m, m.persons(), p);
        }
        Households h = m.households();
        int slot = 0;
        while (h.dwelling[slot] < 0 || h.adults[slot] != 2) {
            slot++;
        }
        int head = h.adultPerson[2 * slot];
        m.leaveCity(slot, org.wijklab.model.MoveReason.LEFT_CITY, 0, 0);
        assertEquals(before[head], ChannelTracker.signature(m, m.persons(), head),
                "a whole household leaving for the region keeps its composition");
    }

    /**
     * The tracker reads each person from its household's record of the month; after two years of a
     * city with moves, births, deaths, partnering and a region, every followed person's flags and
     * incomes from the records are the very values read from the households' own arrays.
     */
    @Test
    void theHouseholdRecordsGiveEveryPersonTheValuesOfItsHousehold() {
        WijkLabModel m = city();
        while (m.schedule.getSteps() < 24) {
            m.schedule.step(m);
        }
        ChannelTracker tracker = new ChannelTracker();
        tracker.update(m, 24);
        int[][] records = tracker.records();
        org.wijklab.model.Persons persons = m.persons();
        PersonSnapshot.View fromHousehold = new PersonSnapshot.View();
        PersonSnapshot.View fromRecord = new PersonSnapshot.View();
        int city = 0;
        int region = 0;
        int adults = 0;
        PersonSnapshot.View fromTracker = new PersonSnapshot.View();
        int[] slots = tracker.slots(m, 24);
        int dead = 0;
        for (int p = 0; p < persons.bound(); p++) {
            fromHousehold.read(m, p);
            dead += fromHousehold.where == PersonSnapshot.DEAD ? 1 : 0;
            for (int way = 0; way < 2; way++) {
                if (way == 0) {
                    tracker.view(m, p, fromTracker);
                } else {
                    ChannelTracker.fromSlots(slots, p, fromTracker);
                }
                String slot = "person slot " + p + (way == 0 ? " through the records" : " through the slots");
                assertEquals(fromHousehold.where, fromTracker.where, slot);
                assertEquals(fromHousehold.flags, fromTracker.flags, slot);
                assertEquals(Float.floatToRawIntBits(fromHousehold.income), Float.floatToRawIntBits(fromTracker.income), slot);
                assertEquals(Float.floatToRawIntBits(fromHousehold.householdIncome),
                        Float.floatToRawIntBits(fromTracker.householdIncome), slot);
            }
            byte place = persons.place[p];
            if (place != org.wijklab.model.Persons.CITY && place != org.wijklab.model.Persons.REGION) {
                continue;
            }
            int sig = ChannelTracker.read(persons, p, records[place == org.wijklab.model.Persons.CITY ? 0 : 1],
                    persons.household[p], fromRecord);
            String who = "person slot " + p;
            assertEquals(fromHousehold.flags, fromRecord.flags, who);
            assertEquals(Float.floatToRawIntBits(fromHousehold.income), Float.floatToRawIntBits(fromRecord.income), who);
            assertEquals(Float.floatToRawIntBits(fromHousehold.householdIncome),
                    Float.floatToRawIntBits(fromRecord.householdIncome), who);
            assertEquals(ChannelTracker.signature(m, persons, p), sig, who);
            if (place == org.wijklab.model.Persons.CITY) {
                city++;
            } else {
                region++;
            }
            if ((fromRecord.flags & PersonSnapshot.ADULT) != 0) {
                adults++;
            }
        }
        assertTrue(city > 2000 && region > 0 && adults > 1000 && dead > 0, city + " in the city, " + region
                + " in the region, " + adults + " adults, " + dead + " dead");
    }

    /**
     * The tracker writes nothing for a person whose household is unmarked, and reads the last
     * month's outcomes from the last month's household records. Against the plain definition (every
     * person's outcomes and signature copied every month, {@link EveryMonth}), over three years of a
     * city with moves, births, deaths, partnering and departures to the region, followed every month
     * and every third month: every person's channel sums and weight bits are the same doubles and bits.
     */
    @Test
    void followingOnlyTheMarkedHouseholdsGivesTheSameSumsAsCopyingEveryPerson() {
        for (int every : new int[] {1, 3}) {
            WijkLabModel m = city();
            ChannelTracker tracker = new ChannelTracker();
            EveryMonth plain = new EveryMonth();
            int events = 0;
            int weights = 0;
            for (int month = 1; month <= 36; month++) {
                m.schedule.step(m);
                if (month % every != 0) {
                    continue;
                }
                tracker.update(m, month);
                plain.update(m);
                org.wijklab.model.Persons persons = m.persons();
                for (int p = 0; p < persons.bound(); p++) {
                    String who = "every " + every + " months, month " + month + ", person slot " + p;
                    for (int k = 0; k < PersonSnapshot.M; k++) {
                        assertEquals(plain.household(p, k), tracker.household(p, k), 0.0, who);
                        events += plain.household(p, k) != 0 ? 1 : 0;
                    }
                    assertEquals(plain.weightBits(p), tracker.weightBits(p), who);
                    weights += plain.weightBits(p) != 0 ? 1 : 0;
                }
            }
            assertTrue(events > 100 && weights > 10, events + " sums and " + weights + " weight bits not 0");
        }
    }

    /** The household channel by its definition: every followed person's outcomes and signature copied each month. */
    private static final class EveryMonth {
        int[] id = new int[0];
        int[] signature = new int[0];
        byte[] flags = new byte[0];
        float[] income = new float[0];
        float[] householdIncome = new float[0];
        double[][] household = new double[PersonSnapshot.M][0];
        byte[] weightBits = new byte[0];

        void update(WijkLabModel model) {
            org.wijklab.model.Persons persons = model.persons();
            int bound = persons.bound();
            if (id.length < bound) {
                int old = id.length;
                id = java.util.Arrays.copyOf(id, bound);
                java.util.Arrays.fill(id, old, bound, -1);
                signature = java.util.Arrays.copyOf(signature, bound);
                flags = java.util.Arrays.copyOf(flags, bound);
                income = java.util.Arrays.copyOf(income, bound);
                householdIncome = java.util.Arrays.copyOf(householdIncome, bound);
                for (int k = 0; k < PersonSnapshot.M; k++) {
                    household[k] = java.util.Arrays.copyOf(household[k], bound);
                }
                weightBits = java.util.Arrays.copyOf(weightBits, bound);
            }
            PersonSnapshot.View v = new PersonSnapshot.View();
            for (int p = 0; p < bound; p++) {
                byte place = persons.place[p];
                if (place != org.wijklab.model.Persons.CITY && place != org.wijklab.model.Persons.REGION) {
                    id[p] = -1;
                    continue;
                }
                v.read(model, p);
                int sig = ChannelTracker.signature(model, persons, p);
                if (id[p] != persons.id[p]) {
                    id[p] = persons.id[p];
                    for (double[] k : household) {
                        k[p] = 0.0;
                    }
                    weightBits[p] = 0;
                } else {
                    boolean event = sig != signature[p];
                    if (event) {
                        for (int k = 0; k < PersonSnapshot.M; k++) {
                            household[k][p] += PersonSnapshot.value(v.flags, v.income, v.householdIncome, k)
                                    - PersonSnapshot.value(flags[p], income[p], householdIncome[p], k);
                        }
                    }
                    weightBits[p] = ChannelTracker.weightBits(weightBits[p], flags[p], v.flags, event);
                }
                signature[p] = sig;
                flags[p] = v.flags;
                income[p] = v.income;
                householdIncome[p] = v.householdIncome;
            }
        }

        double household(int p, int k) {
            return p < id.length && id[p] >= 0 ? household[k][p] : 0.0;
        }

        byte weightBits(int p) {
            return p < id.length && id[p] >= 0 ? weightBits[p] : 0;
        }
    }

    @Test
    void theSameBytesOnTwoThreads() throws IOException {
        Path two = tmp.resolve("two");
        Runner.run(scenario, "test", two, "test", 2);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(Runner.DECOMPOSITION)),
                Files.readAllBytes(two.resolve(Runner.DECOMPOSITION)));
    }

    @Test
    void aResumedRunWritesTheSameChannels() throws IOException {
        Path whole = tmp.resolve("whole");
        Runner.run(scenario, "test", whole, "test", 1, 1);
        Path resumed = tmp.resolve("resumed");
        Runner.resume(Checkpoint.read(whole.resolve(Checkpoint.FOLDER).resolve(Checkpoint.fileName(1))), resumed, "resume", 1);
        byte[] expected = Files.readAllBytes(whole.resolve(Runner.DECOMPOSITION));
        assertArrayEquals(expected, Files.readAllBytes(resumed.resolve(Runner.DECOMPOSITION)));
        assertArrayEquals(expected, Files.readAllBytes(tmp.resolve("one").resolve(Runner.DECOMPOSITION)));
    }
}
