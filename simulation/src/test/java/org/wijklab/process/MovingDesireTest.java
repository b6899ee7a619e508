package org.wijklab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The wish to move sees what a neighbourhood offers on an absolute scale, not its rank: a household
 * whose income rises gets a higher monthly chance of starting to search; the same household in a
 * place whose reputation rose gets a lower one, also when every neighbourhood rose alike and the
 * ranks stayed as they were. Constructed cases on the default parameters; no random numbers.
 */
class MovingDesireTest {
    private final Scenario scenario = ScenarioLoader.defaults();
    private final Scenario.Housing hs = scenario.housing();
    private final double[] classes = scenario.liveability().classThresholds();
    private final double excellent = classes[classes.length - 1];
    /** A social tenant's monthly base rate. */
    private final double base = hs.baseMoveRate()[0] / 12.0;

    /** The rank-based score the model used before: 1 for the best of n, 0 for the worst. */
    private static double rankScore(double[] reputation, int j) {
        int rank = 1;
        for (double r : reputation) {
            if (r > reputation[j]) {
                rank++;
            }
        }
        return 1.0 - (rank - 1) / (double) (reputation.length - 1);
    }

    @Test
    void aRisingIncomeRaisesTheChanceInTheSamePlace() {
        double place = HousingMarket.placeScore(60, excellent);
        double before = HousingMarket.moveChance(hs, base, 0.55, place, 30_000, 30_000, 0.5, false);
        // the same household two years later: 20 % more income, a higher rank in the city's distribution
        double after = HousingMarket.moveChance(hs, base, 0.70, place, 36_000, 30_000, 0.5, false);
        assertTrue(after > before, "income rise: " + after + " against " + before);
        // each part on its own raises it too: the rank against the place, and the growth since moving in
        assertTrue(HousingMarket.moveChance(hs, base, 0.70, place, 30_000, 30_000, 0.5, false) > before);
        assertTrue(HousingMarket.moveChance(hs, base, 0.55, place, 36_000, 30_000, 0.5, false) > before);
        // exactly the formula of docs/ODD.md: exp(aspiration * gap + rise effect * ln 1.2 - ties effect * ties)
        double expected = base * Math.exp(hs.aspirationEffect() * (0.70 - 0.5) + hs.incomeRiseEffect() * Math.log(1.2)
                - hs.tiesEffect() * 0.5);
        assertEquals(expected, after, 1e-12 * expected);
    }

    @Test
    void aPlaceThatRoseInAbsoluteTermsHoldsItsResidentsEvenWithItsRankUnchanged() {
        // three neighbourhoods, all in the lowest classes; every reputation rises by 8 points
        double[] before = {45, 60, 95};
        double[] after = {53, 68, 103};
        int j = 1;
        assertEquals(rankScore(before, j), rankScore(after, j), "the rank did not change");
        double scoreBefore = HousingMarket.placeScore(before[j], excellent);
        double scoreAfter = HousingMarket.placeScore(after[j], excellent);
        assertEquals(8.0 / excellent, scoreAfter - scoreBefore, 1e-12, "the score follows the reputation");
        // a climber with an income above what the place offers, with and without the place's rise
        double rank = 0.8;
        double without = HousingMarket.moveChance(hs, base, rank, scoreBefore, 36_000, 30_000, 0.3, false);
        double with = HousingMarket.moveChance(hs, base, rank, scoreAfter, 36_000, 30_000, 0.3, false);
        assertTrue(with < without, "the place's rise lowers the chance: " + with + " against " + without);
        assertEquals(Math.exp(-hs.aspirationEffect() * 8.0 / excellent), with / without, 1e-12);
        // a place that improved for it as much as its income did: the aspiration gap is as before
        double rankAfter = rank + (scoreAfter - scoreBefore);
        assertEquals(HousingMarket.moveChance(hs, base, rank, scoreBefore, 30_000, 30_000, 0.3, false),
                HousingMarket.moveChance(hs, base, rankAfter, scoreAfter, 30_000, 30_000, 0.3, false), 1e-15);
    }

    @Test
    void theScoreStaysInTheUnitIntervalSoTheQuietMonthBoundHolds() {
        assertEquals(0.0, HousingMarket.placeScore(-5, excellent));
        assertEquals(0.0, HousingMarket.placeScore(0, excellent));
        assertEquals(0.5, HousingMarket.placeScore(excellent / 2, excellent), 1e-15);
        assertEquals(1.0, HousingMarket.placeScore(excellent, excellent));
        assertEquals(1.0, HousingMarket.placeScore(2 * excellent, excellent));
        // the largest chance the bound allows: gap 1, no ties, crowded, no income growth
        double top = HousingMarket.moveChance(hs, base, 1.0, HousingMarket.placeScore(-5, excellent), 1, 1, 0.0, true);
        assertEquals(base * Math.exp(hs.aspirationEffect() + hs.crowdingEffect()), top, 1e-15);
        // a place at or above "excellent" leaves no gap for any income
        assertEquals(base, HousingMarket.moveChance(hs, base, 1.0, HousingMarket.placeScore(130, excellent), 1, 1, 0.0, false),
                1e-15);
    }
}
