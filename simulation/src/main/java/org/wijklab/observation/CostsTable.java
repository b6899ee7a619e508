package org.wijklab.observation;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.wijklab.model.CostLedger;
import org.wijklab.model.TickListener;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;
import org.wijklab.scenario.Programme;

/**
 * {@code costs.csv}: per programme, year of the run and paying party, the programme's spending,
 * the costs of escalations and the costs avoided in its target neighbourhoods, their running totals
 * and the social return (avoided per euro spent, over all parties). Year y covers ticks
 * 12(y − 1) + 1 ... 12y; a part year at the end is written at the last tick.
 *
 * <p>The model's {@link CostLedger} holds one month (the model clears it after the listeners);
 * this writer adds each month's bookings in a programme's targets to the programme's year, from
 * its first step (tick start + 1, when its targets are known) on, so years before that are zero.
 * It reads each programme's {@code spent} and {@code unspent} at each year's end and resets them.
 */
public final class CostsTable implements TickListener, OutputFile {
    private static final long serialVersionUID = 1L;

    static final String[] HEADER = {"programme", "year", "party", "spent", "escalation_costs", "avoided",
        "cumulative_spent", "cumulative_avoided", "social_return", "unspent", "cumulative_unspent"};
    private static final int P = CostLedger.PARTIES;

    private final Csv csv;
    private final int lastTick;
    /** Per programme and party: this year's bookings in its targets, and the running totals. */
    private double[][] escalation;
    private double[][] avoided;
    private double[][] cumulativeSpent;
    private double[][] cumulativeAvoided;
    private double[][] cumulativeUnspent;

    public CostsTable(Path file, int lastTick) {
        csv = new Csv(file, HEADER);
        this.lastTick = lastTick;
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        List<Programmes.Run> runs = model.programmes().runs();
        if (escalation == null) {
            int n = runs.size();
            escalation = new double[n][P];
            avoided = new double[n][P];
            cumulativeSpent = new double[n][P];
            cumulativeAvoided = new double[n][P];
            cumulativeUnspent = new double[n][P];
        }
        if (tick <= 0) {
            return;
        }
        CostLedger ledger = model.costs();
        for (int r = 0; r < runs.size(); r++) {
            Programmes.Run run = runs.get(r);
            if (!run.started()) {
                continue;
            }
            for (int j : run.targets) {
                for (int p = 0; p < P; p++) {
                    escalation[r][p] += ledger.escalation[j][p];
                    avoided[r][p] += ledger.avoided[j][p];
                }
            }
        }
        if (tick % 12 == 0 || tick == lastTick) {
            int year = (tick + 11) / 12;
            for (int r = 0; r < runs.size(); r++) {
                write(runs.get(r), r, year);
            }
        }
    }

    private void write(Programmes.Run run, int r, int year) {
        double[] spent = run.spent.clone();
        Arrays.fill(run.spent, 0);
        double[] unspent = run.unspent.clone();
        Arrays.fill(run.unspent, 0);
        double totalSpent = 0;
        double totalAvoided = 0;
        for (int p = 0; p < P; p++) {
            cumulativeSpent[r][p] += spent[p];
            cumulativeAvoided[r][p] += avoided[r][p];
            cumulativeUnspent[r][p] += unspent[p];
            totalSpent += cumulativeSpent[r][p];
            totalAvoided += cumulativeAvoided[r][p];
        }
        double socialReturn = totalSpent > 0 ? totalAvoided / totalSpent : 0.0;
        for (int p = 0; p < P; p++) {
            csv.text(run.spec.name()).cell(year).cell(Programme.PARTIES[p]).round(spent[p]).round(escalation[r][p])
                    .round(avoided[r][p]).round(cumulativeSpent[r][p]).round(cumulativeAvoided[r][p])
                    .round(socialReturn).round(unspent[p]).round(cumulativeUnspent[r][p]);
            csv.end();
        }
        Arrays.fill(escalation[r], 0);
        Arrays.fill(avoided[r], 0);
    }

    @Override
    public Csv csv() {
        return csv;
    }
}
