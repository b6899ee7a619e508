package org.wijklab.observation;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.wijklab.model.Help;
import org.wijklab.model.Households;
import org.wijklab.model.Persons;
import org.wijklab.model.TickListener;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;

/**
 * {@code helped.csv}: the persons each programme helped and what became of them. A person belongs
 * to the programme that first helped it ({@link Persons#helpProgramme}) and to every form of help
 * it ever received ({@link Persons#helpForms}); {@code any} is all of them. At each of a
 * programme's points (its end tick, 120 ticks after it and the run's last tick, those within the
 * run, each once) one row per form ({@code any}, then {@link Help#NAMES}) and fate: all of them, in
 * one of the programme's targets, elsewhere in the city, in the region (they left the city), dead.
 *
 * <p>Outcomes are measured as {@link PersonSnapshot} measures them, over the persons alive, each
 * mean with its count; {@code debts} is the share of the persons in the city whose household has
 * debts (the region keeps no debts). A mean over nobody is {@code NA}. The programme's person-months
 * of a form ({@link Help#months}) go on the {@code all} rows only.
 *
 * <p>Helped persons are followed to the last tick ({@link Help#give} pins them), so none is lost.
 * Rows by tick, then programme (scenario order), form, fate; written at the point, on the model's
 * thread, one pass over the person slots per programme and point. Nothing per person is kept here.
 */
public final class HelpedTable implements TickListener, OutputFile {
    private static final long serialVersionUID = 1L;

    static final String[] HEADER = {"programme", "tick", "year", "form", "fate", "persons", "months_helped",
        "form_months", "employment", "employment_n", "income", "income_n", "good_mental_health",
        "good_mental_health_n", "debts", "debts_n"};
    static final String[] FATES = {"all", "in_targets", "in_city", "left_city", "died"};
    /** Ticks (10 years) from a programme's end to its second point. */
    static final int AFTER = 120;
    private static final int ALL = 0;
    private static final int IN_TARGETS = 1;
    private static final int IN_CITY = 2;
    private static final int LEFT_CITY = 3;
    private static final int DIED = 4;
    /** {@code any} and each form. */
    private static final int F = Help.FORMS + 1;
    private static final int S = FATES.length;
    /** The metrics of {@link PersonSnapshot} this table reports (employment, income, good mental health). */
    private static final int M = 3;

    private final Csv csv;
    private final int lastTick;
    private final PersonReader reader = new PersonReader();
    private final PersonSnapshot.View view = reader.view();
    private final long[] persons = new long[F * S];
    private final long[] months = new long[F * S];
    private final double[] sum = new double[F * S * M];
    private final long[] n = new long[F * S * M];
    private final long[] debts = new long[F * S];
    private final long[] debtsN = new long[F * S];

    public HelpedTable(Path file, int lastTick) {
        csv = new Csv(file, HEADER);
        this.lastTick = lastTick;
    }

    /** Reads persons through the run's erosion decomposition's households' records of each tick (the same values, fewer reads). */
    public HelpedTable readingThrough(ErosionDecomposition decomposition) {
        reader.through(decomposition);
        return this;
    }

    /** Whether tick is one of the points of a programme ending at endTick in a run of lastTick ticks. */
    static boolean point(int tick, int endTick, int lastTick) {
        return tick <= lastTick && (tick == endTick || tick == endTick + AFTER || tick == lastTick);
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        List<Programmes.Run> runs = model.programmes().runs();
        boolean wrote = false;
        for (int k = 0; k < runs.size(); k++) {
            Programmes.Run run = runs.get(k);
            if (point(tick, run.endTick, lastTick)) {
                count(model, k, run, tick);
                write(model, k, run, tick);
                wrote = true;
            }
        }
        if (wrote) {
            csv.flush();
        }
    }

    /** One pass over the person slots: programme k's persons by form and fate. */
    private void count(WijkLabModel model, int k, Programmes.Run run, int tick) {
        Arrays.fill(persons, 0);
        Arrays.fill(months, 0);
        Arrays.fill(sum, 0.0);
        Arrays.fill(n, 0);
        Arrays.fill(debts, 0);
        Arrays.fill(debtsN, 0);
        Persons ps = model.persons();
        Households h = model.households();
        byte mine = (byte) Math.min(127, k + 1);
        for (int p = 0, bound = ps.bound(); p < bound; p++) {
            if (ps.helpProgramme[p] != mine) {
                continue;
            }
            int fate;
            switch (ps.place[p]) {
                case Persons.CITY -> {
                    int j = h.hood[ps.household[p]];
                    fate = run.started() && run.isTarget[j] ? IN_TARGETS : IN_CITY;
                }
                case Persons.REGION -> fate = LEFT_CITY;
                case Persons.DEAD -> fate = DIED;
                default -> throw new IllegalStateException("helped person " + ps.id[p] + " of " + run.spec.name()
                        + " is no longer followed at tick " + tick);
            }
            if (ps.helpFirst[p] == Help.NEVER || ps.helpFirst[p] > tick) {
                throw new IllegalStateException("person " + ps.id[p] + " has a programme but no help before tick " + tick);
            }
            boolean alive = fate != DIED;
            if (alive) {
                reader.read(model, tick, p);
            }
            boolean inCity = fate == IN_TARGETS || fate == IN_CITY;
            boolean indebted = inCity && h.debt[ps.household[p]] > 0;
            int forms = ps.helpForms[p];
            for (int f = 0; f < F; f++) {
                if (f > 0 && (forms & (1 << (f - 1))) == 0) {
                    continue;
                }
                add(f * S + ALL, ps.helpMonths[p], alive, inCity, indebted);
                add(f * S + fate, ps.helpMonths[p], alive, inCity, indebted);
            }
        }
    }

    private void add(int cell, int helpMonths, boolean alive, boolean inCity, boolean indebted) {
        persons[cell]++;
        months[cell] += helpMonths;
        if (alive) {
            for (int m = 0; m < M; m++) {
                double weight = PersonSnapshot.weight(view.flags, m);
                sum[cell * M + m] += PersonSnapshot.value(view.flags, view.income, view.householdIncome, m) * weight;
                n[cell * M + m] += (long) weight;
            }
        }
        if (inCity) {
            debtsN[cell]++;
            debts[cell] += indebted ? 1 : 0;
        }
    }

    private void write(WijkLabModel model, int k, Programmes.Run run, int tick) {
        Help help = model.help();
        for (int f = 0; f < F; f++) {
            long formMonths = 0;
            if (f == 0) {
                for (int g = 0; g < Help.FORMS; g++) {
                    formMonths += help.months(k, g);
                }
            } else {
                formMonths = help.months(k, f - 1);
            }
            for (int s = 0; s < S; s++) {
                int cell = f * S + s;
                csv.text(run.spec.name()).cell(tick).round(tick / 12.0).cell(f == 0 ? "any" : Help.NAMES[f - 1])
                        .cell(FATES[s]).cell(persons[cell]).cell(months[cell]);
                if (s == ALL) {
                    csv.cell(formMonths);
                } else {
                    csv.cell("NA");
                }
                for (int m = 0; m < M; m++) {
                    mean(sum[cell * M + m], n[cell * M + m]);
                }
                mean(debts[cell], debtsN[cell]);
                csv.end();
            }
        }
    }

    /** A mean with its count, NA over nobody. */
    private void mean(double total, long count) {
        if (count == 0) {
            csv.cell("NA").cell(0);
        } else {
            csv.round(total / count).cell(count);
        }
    }

    @Override
    public Csv csv() {
        return csv;
    }
}
