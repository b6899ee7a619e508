package org.wijklab.gui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wijklab.model.MoveListener;
import org.wijklab.model.MoveReason;
import org.wijklab.model.WijkLabModel;

/**
 * The last moves of each household, kept for the GUI's inspectors from the model's move events
 * (the GUI writes no moves.csv, so the listener is free). At most {@value #KEEP} moves a household.
 */
final class MoveHistory implements MoveListener {
    static final int KEEP = 6;
    private final WijkLabModel model;
    private final Map<Integer, Deque<String>> moves = new HashMap<>();
    private int total;

    MoveHistory(WijkLabModel model) {
        this.model = model;
    }

    @Override
    public synchronized void onMove(int tick, int householdId, int from, int to, MoveReason reason, int employedAdults,
            double income) {
        Deque<String> d = moves.computeIfAbsent(householdId, k -> new ArrayDeque<>());
        if (d.size() == KEEP) {
            d.removeFirst();
        }
        d.addLast(String.format(Locale.ROOT, "y%d m%d %s → %s (%s)", Math.floorDiv(tick, 12), Math.floorMod(tick, 12) + 1,
                place(from), place(to), reason.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        total++;
    }

    private String place(int hood) {
        return hood < 0 ? "outside" : model.neighbourhoods().name[hood];
    }

    synchronized List<String> of(int householdId) {
        Deque<String> d = moves.get(householdId);
        return d == null ? List.of() : new ArrayList<>(d);
    }

    synchronized int total() {
        return total;
    }
}
