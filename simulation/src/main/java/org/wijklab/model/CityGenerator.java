package org.wijklab.model;

import ec.util.MersenneTwisterFast;
import java.util.List;
import java.util.Locale;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
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
    static final double PERSONS_PER_HOUSEHOLD = Scenario.PERSONS_PER_HOUSEHOLD;
    /**
     * How far the residents at set-up may lie from the scenario's count: a tenth, or 100 residents
     * in a small city. With the defaults they lie about 2 % above it (the drawn households average
     * 1.99 persons, not 1.95), and the draws of households and vacancies add about 3 % at 500
     * residents; a city further off is not the city asked for and is refused.
     */
    static final double SIZE_TOLERANCE = 0.1;
    static final int SIZE_TOLERANCE_RESIDENTS = 100;

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
        int[] perHood = s.dwellingsPerNeighbourhood();
        int[] plotsPerHood = new int[n];
        int assigned = 0;
        for (int j = 0; j < n; j++) {
            plotsPerHood[j] = (int) Math.round(perHood[j] * s.city().plotShare());
            assigned += perHood[j] + plotsPerHood[j];
        }
        Neighbourhoods nb = new Neighbourhoods(n);
        Dwellings dw = new Dwellings(assigned, n);
        Households hh = new Households(assigned);

        // the map: one square tile per neighbourhood, at the scenario's column and row (or a grid in order)
        int maxPerHood = 0;
        for (int j = 0; j < n; j++) {
            maxPerHood = Math.max(maxPerHood, perHood[j] + plotsPerHood[j]);
        }
        int tileSide = (int) Math.ceil(Math.sqrt(Math.ceil(maxPerHood / (double) DWELLINGS_PER_CELL)));
        int gridColumns = (int) Math.ceil(Math.sqrt(n));
        int columns = 0;
        int rows = 0;
        for (int j = 0; j < n; j++) {
            Scenario.NeighbourhoodSpec spec = specs.get(j);
            int col = spec.placed() ? spec.column() : j % gridColumns;
            int row = spec.placed() ? spec.row() : j / gridColumns;
            nb.place(j, col, row, s.city().tileKm());
            columns = Math.max(columns, col + 1);
            rows = Math.max(rows, row + 1);
        }
        nb.linkNeighbours();
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
            int tileX = nb.column[j] * tileSide;
            int tileY = nb.row[j] * tileSide;
            int records = count + plotsPerHood[j];
            int cells = (int) Math.ceil(records / (double) DWELLINGS_PER_CELL);
            for (int c = 0; c < cells; c++) {
                map.field[tileX + c % tileSide][tileY + c / tileSide] = j;
            }
            for (int k = 0; k < records; k++, d++) {
                dw.neighbourhood[d] = (short) j;
                int c = k / DWELLINGS_PER_CELL;
                dw.cell[d] = (tileX + c % tileSide) * map.getHeight() + (tileY + c / tileSide);
                if (k >= count) {
                    dw.makePlot(d);
                    continue;
                }
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
        int offered = 0;
        int unfilled = 0;
        int households = 0;
        long residents = 0;
        for (int k = 0; k < dw.count; k++) {
            if (!dw.plot[k] && random.nextDouble() >= vacancy) {
                offered++;
                int slot = factory.settle(k, model.tick(), true);
                if (slot < 0) {
                    unfilled++;
                } else {
                    households++;
                    residents += hh.adults[slot] + hh.children[slot];
                }
            }
        }
        checkSize(s, offered, unfilled, households, residents);
    }

    /**
     * Refuses a city whose residents at set-up lie further from the scenario's count than
     * {@link #SIZE_TOLERANCE} (or {@link #SIZE_TOLERANCE_RESIDENTS} in a small city), naming why:
     * dwellings no drawn household fits (the fit rule's incomes and costs), or households of another
     * size than the stock is sized for (a stock of small dwellings holds at most two persons each).
     */
    static void checkSize(Scenario s, int offered, int unfilled, int households, long residents) {
        int asked = s.city().residents();
        long off = residents - asked;
        if (Math.abs(off) <= Math.max(SIZE_TOLERANCE * asked, SIZE_TOLERANCE_RESIDENTS)) {
            return;
        }
        String why;
        if (households == 0 || unfilled > 0.05 * offered) {
            why = unfilled + " of the " + offered + " dwellings offered found no household that fits them (see housing."
                    + "maxBurden, ownerMinIncome, socialIncomeLimit, baseMonthlyCost and the labour incomes)";
        } else {
            why = "its " + households + " households average " + String.format(Locale.ROOT, "%.2f", residents / (double) households)
                    + " persons where the stock is sized for " + PERSONS_PER_HOUSEHOLD
                    + " (city.neighbourhoods[].smallDwellingShare sets the share of dwellings that hold at most two)";
        }
        throw new ScenarioException("city.residents: asked " + asked + " in scenario '" + s.name() + "', the city built holds "
                + residents + " (" + Math.round(100.0 * Math.abs(off) / asked) + " % " + (off < 0 ? "fewer" : "more")
                + ", more than the " + Math.round(100 * SIZE_TOLERANCE) + " % a city may be off): " + why);
    }
}
