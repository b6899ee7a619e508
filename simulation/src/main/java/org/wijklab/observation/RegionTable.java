package org.wijklab.observation;

import java.nio.file.Path;
import org.wijklab.model.RegionPlaces;
import org.wijklab.model.WijkLabModel;

/**
 * region.csv: per year and place of the region, the households that moved there from the city
 * (households, and persons leaving a household for the region), the in-migrants that came from it,
 * and at the year's end its market price level and vacancy; a last row per year, place
 * {@code abroad}, counts the in-migrants from abroad ({@code moved_to} 0: every household leaving
 * the city goes to a place of the region; price and vacancy NA: abroad is no market of the model). Years as in
 * distances.csv.
 */
public final class RegionTable implements org.wijklab.model.TickListener, OutputFile {
    private static final long serialVersionUID = 1L;

    static final String[] HEADER = {"year", "place", "moved_to", "came_from", "price_level", "vacancy_rate"};

    private final Csv csv;
    private final int lastTick;
    private long[] movedTo;
    private long[] cameFrom;
    private long abroad;

    public RegionTable(Path file, int lastTick) {
        csv = new Csv(file, HEADER);
        this.lastTick = lastTick;
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        RegionPlaces rp = model.regionPlaces();
        if (movedTo == null) {
            movedTo = new long[rp.count];
            cameFrom = new long[rp.count];
        }
        if (tick <= 0) {
            return;
        }
        for (int r = 0; r < rp.count; r++) {
            movedTo[r] += rp.movedTo[r];
            cameFrom[r] += rp.cameFrom[r];
        }
        abroad += rp.cameFromAbroad;
        if (tick % 12 == 0 || tick == lastTick) {
            int y = (tick + 11) / 12;
            for (int r = 0; r < rp.count; r++) {
                csv.cell(y).text(rp.name[r]).cell(movedTo[r]).cell(cameFrom[r]).round(rp.priceLevel[r])
                        .round(rp.stock[r] > 0 ? rp.vacant[r] / rp.stock[r] : 0.0);
                csv.end();
                movedTo[r] = 0;
                cameFrom[r] = 0;
            }
            csv.cell(y).text("abroad").cell(0).cell(abroad).cell("NA").cell("NA");
            csv.end();
            abroad = 0;
        }
    }

    @Override
    public Csv csv() {
        return csv;
    }
}
