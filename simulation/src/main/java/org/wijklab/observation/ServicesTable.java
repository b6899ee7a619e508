package org.wijklab.observation;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.wijklab.model.Blocks;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.PolicyEffects;
import org.wijklab.model.Professionals;
import org.wijklab.model.TickListener;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;

/**
 * {@code services.csv}: one row per tick and neighbourhood with the programmes' professionals and
 * best persons: whether a programme runs there, the team's professionals (FTE) and case capacity,
 * the open cases and the households with a problem, professionals per family, this month's
 * escalations, and the best persons (residents: active, resting, lost in all, lost by moving and by
 * burnout) and resident initiatives (and their members) of the programmes that target it.
 *
 * <p>Open cases and households with problems are counted here, at the end of the month, where the
 * households live then. Professionals per family is the mean, over households with an open case,
 * of the professionals who hold the case: one for an integral case (one family, one plan, one
 * professional), for a fragmented service one per problem type a professional with room took on
 * (debts, youth problems, mental health; at least one). Team capacity is the professionals' room
 * for cases after travel and management, in cases of the vulnerable-family norm.
 *
 * <p>The open cases by kind, as the caseload norms weigh a new case (heavy: two or more problem
 * types; vulnerable: one serious problem, debts or youth problems at severity 2 or more or an adult
 * in severe mental health; other: the rest), judged by the family's problems at the month's end;
 * and the professionals' time the cases take by the norms as the case management books it: per case
 * its holders' summed share, {@code n · (weight + coordinationFte · (n − 1))} for n holders (FTE).
 */
public final class ServicesTable implements TickListener, OutputFile {
    private static final long serialVersionUID = 1L;

    static final String[] HEADER = {"tick", "neighbourhood", "programme_active", "professionals", "team_capacity",
        "cases_open", "households_with_problems", "professionals_per_family", "evictions", "new_supervision_orders",
        "new_second_line_care", "best_persons_active", "best_persons_exhausted", "best_persons_left", "initiatives",
        "best_persons_lost_moving", "best_persons_lost_burnout", "initiative_members", "cases_heavy", "cases_vulnerable",
        "cases_other", "caseload_fte"};
    private final Csv csv;
    /** Per block: open cases, households with a problem, professionals on the cases, per neighbourhood. */
    private long[][] partial = new long[0][0];
    private int[] cases = new int[0];
    private int[] problems = new int[0];
    private long[] caseProfessionals = new long[0];
    /** Per neighbourhood: open cases heavy, vulnerable and other, and their booked load (FTE). */
    private int[][] kinds = new int[3][0];
    private double[] caseLoad = new double[0];
    private double[][] partialLoad = new double[0][0];

    public ServicesTable(Path file) {
        csv = new Csv(file, HEADER);
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        Neighbourhoods nb = model.neighbourhoods();
        PolicyEffects fx = model.effects();
        List<Programmes.Run> runs = model.programmes().runs();
        count(model);
        for (int j = 0; j < nb.count; j++) {
            boolean active = false;
            int bpActive = 0;
            int bpExhausted = 0;
            int bpLeft = 0;
            int initiatives = 0;
            int lostMoving = 0;
            int lostBurnout = 0;
            int members = 0;
            for (Programmes.Run run : runs) {
                if (!run.started() || !run.isTarget[j]) {
                    continue;
                }
                active |= run.activeAt(tick);
                bpActive += run.bpActive[j];
                bpExhausted += run.bpResting[j];
                bpLeft += run.bpLeftCount[j];
                initiatives += run.initiatives[j];
                lostMoving += run.bpLostMoving[j];
                lostBurnout += run.bpLostBurnout[j];
                members += run.initiativeMembers[j];
            }
            double perFamily = cases[j] == 0 ? 0.0 : caseProfessionals[j] / (double) cases[j];
            csv.cell(tick).text(nb.name[j]).cell(active ? 1 : 0).round(fx.professionals[j]).cell(fx.capacity[j])
                    .cell(cases[j]).cell(problems[j]).round(perFamily).cell(nb.evictions[j])
                    .cell(nb.supervisionOrders[j]).cell(nb.secondLineCare[j]).cell(bpActive).cell(bpExhausted)
                    .cell(bpLeft).cell(initiatives).cell(lostMoving).cell(lostBurnout).cell(members).cell(kinds[0][j])
                    .cell(kinds[1][j]).cell(kinds[2][j]).round(caseLoad[j]);
            csv.end();
        }
    }

    /** Open cases, their professionals and households with a problem, per neighbourhood. */
    private void count(WijkLabModel model) {
        Households h = model.households();
        int n = model.neighbourhoods().count;
        if (cases.length != n) {
            cases = new int[n];
            problems = new int[n];
            caseProfessionals = new long[n];
            kinds = new int[3][n];
            caseLoad = new double[n];
        }
        for (int[] k : kinds) {
            Arrays.fill(k, 0);
        }
        Arrays.fill(caseLoad, 0.0);
        Arrays.fill(cases, 0);
        Arrays.fill(problems, 0);
        Arrays.fill(caseProfessionals, 0);
        Blocks blocks = model.blocks();
        if (partial.length != blocks.count() || partial[0].length != 6 * n) {
            partial = new long[blocks.count()][6 * n];
            partialLoad = new double[blocks.count()][n];
        }
        Professionals pr = model.professionals();
        double coordination = model.scenario().policy().services().coordinationFte();
        // counted block by block (in parallel where the model has threads), summed in block order
        blocks.forEach(b -> {
            long[] c = partial[b];
            double[] load = partialLoad[b];
            Arrays.fill(c, 0);
            Arrays.fill(load, 0.0);
            for (int slot = blocks.from(b), end = blocks.to(b); slot < end; slot++) {
                if (h.dwelling[slot] < 0) {
                    continue;
                }
                int j = h.hood[slot];
                if (Professionals.problemTypes(h, slot) > 0) {
                    c[n + j]++;
                }
                if (h.caseType[slot] != Households.CASE_NONE) {
                    c[j]++;
                    int holders = pr.holders(slot);
                    c[2 * n + j] += Math.max(1, holders);
                    c[(3 + Professionals.kind(h, slot)) * n + j]++;
                    load[j] += holders * Professionals.share(pr.weight[slot], holders, coordination);
                }
            }
        });
        for (long[] c : partial) {
            for (int j = 0; j < n; j++) {
                cases[j] += (int) c[j];
                problems[j] += (int) c[n + j];
                caseProfessionals[j] += c[2 * n + j];
                for (int k = 0; k < 3; k++) {
                    kinds[k][j] += (int) c[(3 + k) * n + j];
                }
            }
        }
        for (double[] load : partialLoad) {
            for (int j = 0; j < n; j++) {
                caseLoad[j] += load[j];
            }
        }
    }

    @Override
    public Csv csv() {
        return csv;
    }
}
