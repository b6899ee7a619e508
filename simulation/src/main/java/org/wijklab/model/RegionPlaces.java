package org.wijklab.model;

import java.util.List;
import org.wijklab.scenario.Scenario;

/**
 * The places of the region as housing submarkets, one array entry per place: the stock (dwellings),
 * the vacant dwellings on offer (a continuous pool, of which a city searcher sees the whole
 * dwellings), the market price level, and this month's flows to and from the city.
 */
public final class RegionPlaces implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public final int count;
    public final String[] name;
    public final double[] distanceKm;
    public final double[] stock;
    public final double[] vacant;
    public final double[] priceLevel;
    /** Households from the city that moved to each place this month, and in-migrants that came from it. */
    public final int[] movedTo;
    public final int[] cameFrom;
    /** In-migrants from abroad this month. */
    public int cameFromAbroad;

    public RegionPlaces(List<Scenario.Place> places, int cityDwellings, double targetVacancy) {
        count = places.size();
        name = new String[count];
        distanceKm = new double[count];
        stock = new double[count];
        vacant = new double[count];
        priceLevel = new double[count];
        movedTo = new int[count];
        cameFrom = new int[count];
        for (int r = 0; r < count; r++) {
            Scenario.Place p = places.get(r);
            name[r] = p.name();
            distanceKm[r] = p.distanceKm();
            stock[r] = p.stockShare() * cityDwellings;
            vacant[r] = stock[r] * targetVacancy;
            priceLevel[r] = p.priceLevel();
        }
    }

    /** Whole dwellings on offer in place r of a tenure, by its share of the place's offers. */
    public int offers(int r, double share) {
        return (int) (vacant[r] * share);
    }

    public void resetEvents() {
        java.util.Arrays.fill(movedTo, 0);
        java.util.Arrays.fill(cameFrom, 0);
        cameFromAbroad = 0;
    }
}
