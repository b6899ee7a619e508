package org.wijklab.policy;

import java.util.Arrays;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Persons;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Programme;

/**
 * A programme's start: its target neighbourhoods, named or the weakest by liveability rank at the
 * end of the previous month, fixed for the rest of the run; and its cohort, the persons living in
 * the targets then, followed wherever they go to the run's last tick. docs/ODD.md §7.2 (a).
 */
final class Targets implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final WijkLabModel model;

    Targets(WijkLabModel model) {
        this.model = model;
    }

    /** Chooses the run's targets (in index order); the run has started from then on. */
    void choose(Programmes.Run run) {
        Neighbourhoods nb = model.neighbourhoods();
        Programme.Targets t = run.spec.targets();
        int[] targets;
        if (t.weakest() > 0) {
            Integer[] order = new Integer[nb.count];
            for (int j = 0; j < nb.count; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(nb.rank[b], nb.rank[a]));
            targets = new int[t.weakest()];
            for (int k = 0; k < targets.length; k++) {
                targets[k] = order[k];
            }
            Arrays.sort(targets);
        } else {
            targets = t.names().stream().mapToInt(nb::indexOf).sorted().toArray();
        }
        run.targets = targets;
        run.isTarget = new boolean[nb.count];
        for (int j : targets) {
            run.isTarget[j] = true;
        }
    }

    /**
     * The programme's cohort, the persons living in its targets at its start (nothing has changed
     * since the start tick's observation), is followed wherever it goes to the last tick.
     */
    void followCohort(Programmes.Run run) {
        Households h = model.households();
        Persons persons = model.persons();
        int last = model.scenario().ticks();
        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.isLive(slot) && run.isTarget[h.hood[slot]]) {
                for (int a = 0; a < h.adults[slot]; a++) {
                    persons.pin(h.adultPerson[2 * slot + a], last);
                }
                for (int c = h.firstChild[slot]; c >= 0; c = persons.nextChild[c]) {
                    persons.pin(c, last);
                }
            }
        }
    }

    /** Residents of the programme's targets at the last observation. */
    static double residents(WijkLabModel model, Programmes.Run run) {
        double residents = 0;
        for (int j : run.targets) {
            residents += model.neighbourhoods().residents[j];
        }
        return residents;
    }
}
