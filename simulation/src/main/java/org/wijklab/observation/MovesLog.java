package org.wijklab.observation;

import java.nio.file.Path;
import org.wijklab.model.MoveListener;
import org.wijklab.model.MoveReason;
import org.wijklab.scenario.Scenario;

/** {@code moves.csv}: one row per move, with "outside" for the region beyond the city. */
public final class MovesLog implements MoveListener, OutputFile {
    private static final long serialVersionUID = 1L;

    private final Csv csv;
    private final String[] names;

    public MovesLog(Path file, Scenario scenario) {
        names = scenario.city().neighbourhoods().stream().map(Scenario.NeighbourhoodSpec::name).toArray(String[]::new);
        csv = new Csv(file, "tick", "household", "from", "to", "reason", "employed", "income");
    }

    @Override
    public void onMove(int tick, int householdId, int from, int to, MoveReason reason, int employed, double income) {
        csv.cell(tick).cell(householdId).text(place(from)).text(place(to)).cell(reason.label()).cell(employed)
                .round(income);
        csv.end();
    }

    private String place(int j) {
        return j < 0 ? "outside" : names[j];
    }

    @Override
    public Csv csv() {
        return csv;
    }
}
