package org.wijklab.model;

import ec.util.MersenneTwisterFast;
import java.util.List;
import org.wijklab.scenario.Scenario;
import sim.field.grid.IntGrid2D;

/**
 * Builds the city from the scenario: the dwelling stock per neighbourhood (tenure, size, quality,
 * cost), the map (neighbourhoods as blocks on a MASON grid, {@value #DWELLINGS_PER_CELL} dwellings
 * a cell), and the initial residents drawn by {@link HouseholdFactory}. The number of dwellings is
 * chosen so that the initial population comes out near the scenario's resident count.
 */
final class CityGenerator {
    static final int DWELLINGS_PER_CELL = 25;
    /**
     * Persons per household at tick 0 of the default city (measured after the warm-up, 1.95); sets
     * the size of the stock so that the recorded run starts near the scenario's resident count.
     */
    static final double PERSONS_PER_HOUSEHOLD = 1.95;

    private final WijkLabModel model;

    CityGenerator(WijkLabModel model) {
        this.model = model;
    }

    void generate() {
        Scenario s = model.scenario();
        MersenneTwisterFast random = model.random;
        List<Scenario.NeighbourhoodSpec> specs = s.city().neighbourhoods();
        int n = specs.size();
        double vacancy = s.housing().targetVacancy();
        int total = (int) Math.round(s.city().residents() / PERSONS_PER_HOUSEHOLD / (1.0 - vacancy));
        double weightSum = 0;
        for (Scenario.NeighbourhoodSpec spec : specs) {
            weightSum += spec.weight();
        }
        int[] perHood = new int[n];
        int assigned = 0;
        for (int j = 0; j < n; j++) {
            perHood[j] = Math.max(1, (int) Math.round(total * specs.get(j).weight() / weightSum));
            assigned += perHood[j];
        }
        Neighbourhoods nb = new Neighbourhoods(n);
        Dwellings dw = new Dwellings(assigned);
        Households hh = new Households(assigned);

        int maxPerHood = 0;
        for (int c : perHood) {
            maxPerHood = Math.max(maxPerHood, c);
        }
        int tileSide = (int) Math.ceil(Math.sqrt(Math.ceil(maxPerHood / (double) DWELLINGS_PER_CELL)));
        int columns = (int) Math.ceil(Math.sqrt(n));
        int rows = (int) Math.ceil(n / (double) columns);
        IntGrid2D map = new IntGrid2D(columns * tileSide, rows * tileSide, -1);

        double[] baseCost = s.housing().baseMonthlyCost();
        double spread = s.housing().qualityCostSpread();
        int d = 0;
        for (int j = 0; j < n; j++) {
            Scenario.NeighbourhoodSpec spec = specs.get(j);
            nb.name[j] = spec.name();
            nb.environment[j] = spec.environment();
            nb.facilities[j] = spec.facilities();
            nb.priceLevel[j][Tenure.SOCIAL] = 1.0;
            nb.priceLevel[j][Tenure.PRIVATE] = spec.priceLevel();
            nb.priceLevel[j][Tenure.OWNER] = spec.priceLevel();
            int count = perHood[j];
            int social = (int) Math.round(count * spec.socialRentShare());
            int privateRent = Math.min(count - social, (int) Math.round(count * spec.privateRentShare()));
            int tileX = (j % columns) * tileSide;
            int tileY = (j / columns) * tileSide;
            int cells = (int) Math.ceil(count / (double) DWELLINGS_PER_CELL);
            for (int c = 0; c < cells; c++) {
                map.field[tileX + c % tileSide][tileY + c / tileSide] = j;
            }
            for (int k = 0; k < count; k++, d++) {
                dw.neighbourhood[d] = (short) j;
                int c = k / DWELLINGS_PER_CELL;
                dw.cell[d] = (tileX + c % tileSide) * map.getHeight() + (tileY + c / tileSide);
                byte tenure = k < social ? Tenure.SOCIAL : k < social + privateRent ? Tenure.PRIVATE : Tenure.OWNER;
                dw.tenure[d] = tenure;
                dw.small[d] = random.nextDouble() < spec.smallDwellingShare();
                double q = Math.max(0.0, Math.min(1.0, spec.dwellingQuality() + 0.1 * random.nextGaussian()));
                dw.quality[d] = (float) q;
                dw.baseCost[d] = (float) (baseCost[tenure] * (1.0 + spread * (2.0 * q - 1.0)) * (dw.small[d] ? 0.8 : 1.1));
                dw.vacate(d);
            }
        }
        model.install(hh, dw, nb, map);

        HouseholdFactory factory = new HouseholdFactory(model);
        for (int k = 0; k < dw.count; k++) {
            if (random.nextDouble() >= vacancy) {
                factory.settle(k, model.tick(), true);
            }
        }
    }
}
