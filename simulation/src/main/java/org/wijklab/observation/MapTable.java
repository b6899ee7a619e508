package org.wijklab.observation;

import java.nio.file.Path;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.WijkLabModel;

/**
 * map.csv: the city's layout, one row per neighbourhood, written at tick 0: its tile's column and
 * row on the map, its centre in km from the map's corner, and the neighbourhoods sharing a border
 * with it (names joined by {@code ;}).
 */
public final class MapTable implements org.wijklab.model.TickListener, OutputFile {
    private static final long serialVersionUID = 1L;

    static final String[] HEADER = {"neighbourhood", "column", "row", "x_km", "y_km", "neighbours"};

    private final Csv csv;

    public MapTable(Path file) {
        csv = new Csv(file, HEADER);
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        if (tick != 0) {
            return;
        }
        Neighbourhoods nb = model.neighbourhoods();
        for (int j = 0; j < nb.count; j++) {
            StringBuilder names = new StringBuilder();
            for (int k : nb.neighbours[j]) {
                if (names.length() > 0) {
                    names.append(';');
                }
                names.append(nb.name[k]);
            }
            csv.text(nb.name[j]).cell(nb.column[j]).cell(nb.row[j]).round(nb.x[j]).round(nb.y[j]).text(names.toString());
            csv.end();
        }
    }

    @Override
    public Csv csv() {
        return csv;
    }
}
