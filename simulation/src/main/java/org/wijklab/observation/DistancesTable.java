package org.wijklab.observation;

import java.nio.file.Path;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.WijkLabModel;

/**
 * distances.csv: per year and neighbourhood of origin, the households that moved out of it by
 * distance class (into the same neighbourhood, an adjacent one, one further in the city, out of the
 * city), the same for households moved out for restructuring, and the neighbourhood's social lets:
 * by search (with the mean registration they were let at, NA without lets, and how many went to urgent households)
 * and to in-migrants without registration. Years as in escalations.csv (1 = ticks 1-12; a run that
 * ends inside a year gets a last, part year); rows by year, then neighbourhood (city order).
 */
public final class DistancesTable implements org.wijklab.model.TickListener, OutputFile {
    private static final long serialVersionUID = 1L;

    static final String[] HEADER = {"year", "neighbourhood", "same", "adjacent", "further", "region", "renewal_same",
        "renewal_adjacent", "renewal_further", "renewal_region", "social_lets", "social_let_registration_years",
        "urgent_social_lets", "newcomer_social_lets"};

    private final Csv csv;
    private final int lastTick;
    private long[][] moved;
    private long[][] renewal;
    private long[] lets;
    private long[] letMonths;
    private long[] urgent;
    private long[] newcomer;

    public DistancesTable(Path file, int lastTick) {
        csv = new Csv(file, HEADER);
        this.lastTick = lastTick;
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        Neighbourhoods nb = model.neighbourhoods();
        int n = nb.count;
        if (moved == null) {
            moved = new long[n][Neighbourhoods.DISTANCE_CLASSES];
            renewal = new long[n][Neighbourhoods.DISTANCE_CLASSES];
            lets = new long[n];
            letMonths = new long[n];
            urgent = new long[n];
            newcomer = new long[n];
        }
        if (tick <= 0) {
            return;
        }
        for (int j = 0; j < n; j++) {
            for (int c = 0; c < Neighbourhoods.DISTANCE_CLASSES; c++) {
                moved[j][c] += nb.movedByClass[j][c];
                renewal[j][c] += nb.renewalByClass[j][c];
            }
            lets[j] += nb.socialLets[j];
            letMonths[j] += nb.socialLetMonths[j];
            urgent[j] += nb.urgentLets[j];
            newcomer[j] += nb.newcomerSocialLets[j];
        }
        if (tick % 12 == 0 || tick == lastTick) {
            int y = (tick + 11) / 12;
            for (int j = 0; j < n; j++) {
                csv.cell(y).text(nb.name[j]);
                for (int c = 0; c < Neighbourhoods.DISTANCE_CLASSES; c++) {
                    csv.cell(moved[j][c]);
                }
                for (int c = 0; c < Neighbourhoods.DISTANCE_CLASSES; c++) {
                    csv.cell(renewal[j][c]);
                }
                csv.cell(lets[j]);
                if (lets[j] > 0) {
                    csv.round(letMonths[j] / 12.0 / lets[j]);
                } else {
                    csv.cell("NA");
                }
                csv.cell(urgent[j]).cell(newcomer[j]);
                csv.end();
                java.util.Arrays.fill(moved[j], 0);
                java.util.Arrays.fill(renewal[j], 0);
                lets[j] = 0;
                letMonths[j] = 0;
                urgent[j] = 0;
                newcomer[j] = 0;
            }
        }
    }

    @Override
    public Csv csv() {
        return csv;
    }
}
