package org.wijklab.observation;

import java.nio.file.Path;
import org.wijklab.model.CostLedger;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Programme;

/**
 * escalations.csv: what escalations cost each paying party in each neighbourhood and year, in every
 * run, with or without programmes (the same bookings as costs.csv's {@code escalation_costs}, which
 * sums them over a programme's targets). A run without a programme is thereby a counterfactual for
 * one with it: the realised avoided costs are the difference, paired by seed. Years as in costs.csv
 * (1 = ticks 1-12; a run that ends inside a year gets a last, part year); rows by year, then
 * neighbourhood (city order), then party.
 */
public final class EscalationsTable implements org.wijklab.model.TickListener, OutputFile {
    private static final long serialVersionUID = 1L;

    static final String[] HEADER = {"year", "neighbourhood", "party", "escalation_costs"};
    private static final int P = CostLedger.PARTIES;

    private final Csv csv;
    private final int lastTick;
    private double[][] year;

    public EscalationsTable(Path file, int lastTick) {
        csv = new Csv(file, HEADER);
        this.lastTick = lastTick;
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        int n = model.neighbourhoods().count;
        if (year == null) {
            year = new double[n][P];
        }
        if (tick <= 0) {
            return;
        }
        CostLedger ledger = model.costs();
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < P; p++) {
                year[j][p] += ledger.escalation[j][p];
            }
        }
        if (tick % 12 == 0 || tick == lastTick) {
            int y = (tick + 11) / 12;
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < P; p++) {
                    csv.cell(y).text(model.neighbourhoods().name[j]).cell(Programme.PARTIES[p]).round(year[j][p]);
                    csv.end();
                    year[j][p] = 0;
                }
            }
        }
    }

    @Override
    public Csv csv() {
        return csv;
    }
}
