package org.wijklab.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.Runner;
import org.wijklab.model.Dwellings;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The stock process: depreciation, maintenance by owner type and renovation arithmetic on a tiny
 * city; facilities that follow purchasing power; a neighbourhood without maintenance losing rank
 * while one whose owners invest gains it; the same bytes for any number of threads; one-line
 * errors for bad values.
 */
class StockTest {
    @TempDir
    Path tmp;

    /** A tiny city: three neighbourhoods of one tenure each, no warm-up. */
    private static Scenario tiny(String stock) {
        String hoods = "[{\"name\": \"S\", \"socialRentShare\": 1.0, \"privateRentShare\": 0.0, \"dwellingQuality\": 0.5},"
                + "{\"name\": \"P\", \"socialRentShare\": 0.0, \"privateRentShare\": 1.0, \"dwellingQuality\": 0.5},"
                + "{\"name\": \"O\", \"socialRentShare\": 0.0, \"privateRentShare\": 0.0, \"dwellingQuality\": 0.5}]";
        return ScenarioLoader.fromJson("{\"warmUpYears\": 0, \"years\": 2, \"city\": {\"residents\": 1500, \"neighbourhoods\": "
                + hoods + "}, \"stock\": " + stock + "}", "stock test");
    }

    /** A started model of the tiny city stepped one month (tick 1), ready for a manual stock step. */
    private static WijkLabModel started(Scenario s) {
        WijkLabModel m = new WijkLabModel(s);
        m.start();
        m.schedule.step(m);
        assertEquals(1, m.tick());
        return m;
    }

    private static float[] qualities(Dwellings dw) {
        return dw.quality.clone();
    }

    @Test
    void withoutMaintenanceQualityFallsByTheMonthlyRate() {
        Scenario s = tiny("{\"socialMaintenanceShare\": 0, \"privateMaintenanceShare\": 0, \"ownerValueShare\": 0,"
                + " \"renovateBelow\": 0}");
        WijkLabModel m = started(s);
        Dwellings dw = m.dwellings();
        float[] before = qualities(dw);
        boolean[] wasPlot = dw.plot.clone();
        m.stock().step(m);
        double loss = s.stock().depreciationPerYear() / 12.0;
        double[] base = s.housing().baseMonthlyCost();
        double spread = s.housing().qualityCostSpread();
        for (int d = 0; d < dw.count; d++) {
            if (dw.isPlot(d)) {
                assertEquals(before[d], dw.quality[d], "a plot does not age");
                continue;
            }
            if (wasPlot[d]) {
                // built on this month: a new dwelling (the new-build test checks it)
                continue;
            }
            assertEquals(before[d] * (1.0 - loss), dw.quality[d], 1e-6, "dwelling " + d);
            double cost = base[dw.tenure[d]] * (1 + spread * (2 * dw.quality[d] - 1)) * (dw.small[d] ? 0.8 : 1.1);
            assertEquals(cost, dw.baseCost[d], 1e-3, "base cost follows quality, dwelling " + d);
        }
        for (int j = 0; j < 3; j++) {
            assertEquals(0.0, m.stock().maintenanceSpend(j), "no spend in neighbourhood " + j);
        }
    }

    @Test
    void eachOwnerSpendsItsBudgetAndQualityGainsSpendOverCost() {
        Scenario s = tiny("{\"socialMaintenanceShare\": 0.3, \"privateMaintenanceShare\": 0.2, \"ownerValueShare\": 0.01,"
                + " \"ownerIncomeShare\": 0.05, \"renovateBelow\": 0}");
        WijkLabModel m = started(s);
        Dwellings dw = m.dwellings();
        Households h = m.households();
        Neighbourhoods nb = m.neighbourhoods();
        Scenario.Stock st = s.stock();
        // every dwelling in the middle of the scale, so that no spend is cut at quality 1
        for (int d = 0; d < dw.count; d++) {
            dw.quality[d] = 0.5f;
        }
        double socialRent = 0;
        double privateRent = 0;
        int social = 0;
        int privateCount = 0;
        double ownerSpend = 0;
        double months = 12.0 / st.capitalisationYield();
        double[] expectedOwner = new double[dw.count];
        for (int d = 0; d < dw.count; d++) {
            int o = dw.occupant[d];
            if (dw.isPlot(d)) {
                continue;
            }
            if (dw.tenure[d] == Tenure.SOCIAL) {
                social++;
                socialRent += o >= 0 ? h.housingCost[o] : 0;
            } else if (dw.tenure[d] == Tenure.PRIVATE) {
                privateCount++;
                privateRent += o >= 0 ? h.housingCost[o] : 0;
            } else if (o >= 0) {
                double value = dw.baseCost[d] * nb.priceLevel[2][Tenure.OWNER] * months;
                expectedOwner[d] = Math.min(st.ownerValueShare() * value, st.ownerIncomeShare() * h.income[o]) / 12.0;
                ownerSpend += expectedOwner[d];
            }
        }
        assertTrue(social > 100 && privateCount > 100, "the tiny city has stock of each tenure");
        boolean[] wasPlot = dw.plot.clone();
        m.stock().step(m);
        double loss = st.depreciationPerYear() / 12.0;
        // one social neighbourhood takes the corporation's whole pooled budget; one private neighbourhood its landlords'
        assertEquals(st.socialMaintenanceShare() * socialRent, m.stock().maintenanceSpend(0), 1e-6 * socialRent);
        assertEquals(st.privateMaintenanceShare() * privateRent, m.stock().maintenanceSpend(1), 1e-6 * privateRent);
        assertEquals(ownerSpend, m.stock().maintenanceSpend(2), 1e-6 * ownerSpend);
        double perSocial = st.socialMaintenanceShare() * socialRent / social;
        double perPrivate = st.privateMaintenanceShare() * privateRent / privateCount;
        for (int d = 0; d < dw.count; d++) {
            if (dw.isPlot(d) || wasPlot[d]) {
                continue;
            }
            double money = dw.tenure[d] == Tenure.SOCIAL ? perSocial : dw.tenure[d] == Tenure.PRIVATE ? perPrivate : expectedOwner[d];
            assertEquals(0.5 * (1.0 - loss) + money / st.qualityCost(), dw.quality[d], 1e-6, "dwelling " + d);
        }
    }

    @Test
    void aVacantLowDwellingIsRenovatedOnlyWhereItsValueCoversTheCost() {
        Scenario s = tiny("{\"socialMaintenanceShare\": 0, \"privateMaintenanceShare\": 0, \"ownerValueShare\": 0, \"qualityCost\": 100000}");
        WijkLabModel m = started(s);
        Dwellings dw = m.dwellings();
        Neighbourhoods nb = m.neighbourhoods();
        Scenario.Stock st = s.stock();
        int vacantOwner = -1;
        for (int d = 0; d < dw.count && vacantOwner < 0; d++) {
            if (!dw.isPlot(d) && dw.tenure[d] == Tenure.OWNER && dw.isVacant(d) && !dw.small[d]) {
                vacantOwner = d;
            }
        }
        assertTrue(vacantOwner >= 0, "a vacant large owner-occupied dwelling");
        // pays: 1000 x 2 x 0.3 x 1.1 x price level x 12 / 0.05 >= 100,000 from a price level of 0.63
        nb.priceLevel[2][Tenure.OWNER] = 1.0;
        dw.quality[vacantOwner] = 0.1f;
        m.stock().step(m);
        assertEquals(st.renovationQuality(), dw.quality[vacantOwner], 1e-6, "renovated where it pays");
        assertEquals((st.renovationQuality() - 0.1f * (1 - st.depreciationPerYear() / 12)) * st.qualityCost(),
                m.stock().maintenanceSpend(2), 1.0, "the renovation is the spend");
        nb.priceLevel[2][Tenure.OWNER] = 0.5;
        dw.quality[vacantOwner] = 0.1f;
        if (dw.isVacant(vacantOwner)) {
            m.stock().step(m);
            assertEquals(0.1f * (1 - st.depreciationPerYear() / 12), dw.quality[vacantOwner], 1e-6, "not where it does not pay");
        }
    }

    @Test
    void newDwellingsAreBuiltOnlyWherePricesExceedTheBuildingCost() {
        Scenario s = tiny("{\"buildResponse\": 50}");
        WijkLabModel m = started(s);
        Dwellings dw = m.dwellings();
        Neighbourhoods nb = m.neighbourhoods();
        // the owner-occupied neighbourhood in demand (no vacancy), then at a low and at a high price level
        int plots = dw.plotCount(2);
        assertTrue(plots > 0, "the tiny city has plots");
        nb.vacantByTenure[2][Tenure.OWNER] = 0;
        nb.vacantByTenure[1][Tenure.PRIVATE] = 0;
        // a new owner dwelling is worth 1000 x 1.24 x size (0.8-1.1) x price x 240: below 180,000 at price 0.5
        nb.priceLevel[2][Tenure.OWNER] = 0.5;
        nb.priceLevel[1][Tenure.PRIVATE] = 0.5;
        m.stock().step(m);
        assertEquals(0, m.stock().built(2), "nothing built where the value is below the building cost");
        assertEquals(0, m.stock().built(1), "nothing built where the value is below the building cost");
        assertEquals(plots, dw.plotCount(2));
        nb.priceLevel[2][Tenure.OWNER] = 1.5;
        m.stock().step(m);
        assertTrue(m.stock().built(2) > plots / 2, "most plots built where the value is far above the cost: "
                + m.stock().built(2) + " of " + plots);
        assertEquals(plots - m.stock().built(2), dw.plotCount(2));
        // and not where the market has vacancy at the target or above
        nb.priceLevel[1][Tenure.PRIVATE] = 1.5;
        nb.vacantByTenure[1][Tenure.PRIVATE] = nb.dwellingsByTenure[1][Tenure.PRIVATE];
        m.stock().step(m);
        assertEquals(0, m.stock().built(1), "nothing built where vacancy is high");
    }

    @Test
    void facilitiesFollowPurchasingPowerWithALag() {
        Scenario s = tiny("{\"facilitiesLagYears\": 1}");
        WijkLabModel m = started(s);
        Neighbourhoods nb = m.neighbourhoods();
        double f0 = nb.facilities[1];
        // the private neighbourhood loses half its purchasing power: its facilities fall towards about half
        nb.meanIncome[1] *= 0.5;
        m.stock().step(m);
        assertTrue(nb.facilities[1] < f0, "facilities fall: " + nb.facilities[1] + " from " + f0);
        assertTrue(nb.facilities[1] > f0 * 0.9, "by a twelfth of the gap in a month: " + nb.facilities[1]);
    }

    /**
     * Five neighbourhoods of private rent alike but for their surroundings (environment 0.50 to
     * 0.58 by 0.02, so close in liveability at the start). Nobody maintains the best one ("Top":
     * its landlords' budget scaled to 0); the landlords of the weakest ("Bottom") spend three times
     * their budget. Over 20 years Top falls in rank and Bottom rises. Seeded (seed 1), so
     * deterministic; seeds 1-5 pass alike (checked when the test was written), so a failure is a
     * change of mechanism, not chance.
     */
    @Test
    void withoutMaintenanceANeighbourhoodDeclinesInRankAndWithInvestmentOneRises() {
        StringBuilder hoods = new StringBuilder("[");
        String[] names = {"Bottom", "N2", "N3", "N4", "Top"};
        for (int j = 0; j < names.length; j++) {
            hoods.append(j > 0 ? "," : "").append("{\"name\": \"").append(names[j])
                    .append("\", \"socialRentShare\": 0.0, \"privateRentShare\": 1.0, \"dwellingQuality\": 0.5,")
                    .append(" \"smallDwellingShare\": 0.7, \"facilities\": 0.5, \"priceLevel\": 1.0, \"environment\": ")
                    .append(0.5 + 0.02 * j).append('}');
        }
        hoods.append(']');
        for (long seed = 1; seed <= Long.getLong("stock.seeds", 1L); seed++) {
            Scenario s = ScenarioLoader.fromJson("{\"warmUpYears\": 0, \"years\": 20, \"city\": {\"residents\": 5000,"
                    + " \"neighbourhoods\": " + hoods + "}, \"output\": {\"cohortYears\": []}}", "rank test").withSeed(seed);
            WijkLabModel m = new WijkLabModel(s);
            m.start();
            m.stock().scaleBudget(4, 0.0);
            m.stock().scaleBudget(0, 3.0);
            Neighbourhoods nb = m.neighbourhoods();
            int[] start = nb.rank.clone();
            while (m.tick() < s.ticks()) {
                m.schedule.step(m);
            }
            String seen = "seed " + seed + ": ranks " + java.util.Arrays.toString(start) + " -> "
                    + java.util.Arrays.toString(nb.rank) + ", liveability " + java.util.Arrays.toString(nb.liveability);
            m.finish();
            assertTrue(nb.rank[4] > start[4], "without maintenance the rank falls (a higher number): " + seen);
            assertTrue(nb.rank[0] < start[0], "with investment the rank rises: " + seen);
        }
    }

    /**
     * The dwellings age in groups of neighbourhoods (each group's by one thread in index order) and
     * those found obsolete are demolished after: one group or three, the same qualities, costs,
     * spend to the bit, the same dwellings demolished and the same vacancy and plot lists in order.
     */
    @Test
    void dwellingsAgeAndAreDemolishedAlikeInAnyGroupsOfNeighbourhoods() {
        // every dwelling vacant a month below 0.9 quality goes; no renovation keeps one
        Scenario s = tiny("{\"renovateBelow\": 0, \"demolishBelow\": 0.9, \"demolishVacantMonths\": 1}");
        WijkLabModel one = started(s);
        WijkLabModel three = started(s);
        one.stock().ageGroups = 1;
        three.stock().ageGroups = 3;
        Dwellings a = one.dwellings();
        Dwellings b = three.dwellings();
        int demolished = 0;
        java.util.Set<Integer> hoods = new java.util.TreeSet<>();
        // a year of whole months: the market lets and vacates dwellings between the stock's passes
        for (int month = 0; month < 12; month++) {
            one.schedule.step(one);
            three.schedule.step(three);
            assertArrayEquals(a.quality, b.quality, "qualities");
            assertArrayEquals(a.baseCost, b.baseCost, "base costs");
            assertArrayEquals(a.plot, b.plot, "plots");
            for (int j = 0; j < one.neighbourhoods().count; j++) {
                assertEquals(Double.doubleToRawLongBits(one.stock().maintenanceSpend(j)),
                        Double.doubleToRawLongBits(three.stock().maintenanceSpend(j)), "spend in " + j);
                assertEquals(one.stock().demolished(j), three.stock().demolished(j), "demolished in " + j);
                demolished += one.stock().demolished(j);
                if (one.stock().demolished(j) > 0) {
                    hoods.add(j);
                }
                assertEquals(a.plotCount(j), b.plotCount(j));
                for (int i = 0; i < a.plotCount(j); i++) {
                    assertEquals(a.plotAt(j, i), b.plotAt(j, i), "plot " + i + " of " + j);
                }
                for (int t = 0; t < Tenure.COUNT; t++) {
                    assertEquals(a.vacantCount(j, t), b.vacantCount(j, t));
                    for (int i = 0; i < a.vacantCount(j, t); i++) {
                        assertEquals(a.vacantAt(j, t, i), b.vacantAt(j, t, i), "vacancy " + i + " of " + j + "/" + t);
                    }
                }
            }
        }
        assertTrue(demolished > 1 && hoods.size() >= 2, "demolitions in several neighbourhoods: " + demolished + " in " + hoods);
        for (int d = 0; d < a.count; d++) {
            if (a.plot[d]) {
                assertEquals(0, one.stock().vacantMonths(d), "a plot counts no vacant months");
            }
        }
    }

    @Test
    void theSameBytesWithOneAndTwoThreads() throws IOException {
        Scenario s = ScenarioLoader.defaults().withResidents(6000).withYears(3).withWarmUpYears(2).withMovesLog(true);
        Runner.Result one = Runner.run(s, "test", tmp.resolve("one"), "test", 1);
        Runner.Result two = Runner.run(s, "test", tmp.resolve("two"), "test", 2);
        for (String f : List.of(Runner.NEIGHBOURHOODS, Runner.CITY, Runner.MOVES)) {
            byte[] a = Files.readAllBytes(one.dir().resolve(f));
            byte[] b = Files.readAllBytes(two.dir().resolve(f));
            assertTrue(a.length > 100, f + " is written");
            assertArrayEquals(a, b, f + " differs between 1 and 2 threads");
        }
    }

    @Test
    void badValuesGetOneLineErrors() {
        String[][] cases = {
            {"{\"stock\": {\"depreciationPerYear\": -0.1}}", "stock.depreciationPerYear"},
            {"{\"stock\": {\"renovateBelow\": 0.9, \"renovationQuality\": 0.5}}", "stock.renovationQuality"},
            {"{\"stock\": {\"demolishVacantMonths\": 0}}", "stock.demolishVacantMonths"},
            {"{\"stock\": {\"capitalisationYield\": 0}}", "stock.capitalisationYield"},
            {"{\"stock\": {\"buildCost\": \"a lot\"}}", "stock.buildCost"},
            {"{\"stock\": {\"plots\": 3}}", "stock.plots"},
        };
        for (String[] c : cases) {
            ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                    () -> ScenarioLoader.fromJson(c[0], "bad"), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }
}
