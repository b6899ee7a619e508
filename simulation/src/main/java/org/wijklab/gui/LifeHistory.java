package org.wijklab.gui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wijklab.model.Households;
import org.wijklab.model.WijkLabModel;

/**
 * The last changes of work and case of each household while the GUI watches: after every month it
 * compares each household's adults' labour status and its case with the month before (a slot
 * taken by another household starts afresh). At most {@value #KEEP} events a household; the model
 * keeps no such history itself.
 */
final class LifeHistory {
    static final int KEEP = 8;
    private final Map<Integer, Deque<String>> events = new HashMap<>();
    private final int[] lastId;
    private final byte[] lastStatus;
    private final byte[] lastCase;

    LifeHistory(WijkLabModel m) {
        Households h = m.households();
        lastId = new int[h.capacity];
        lastStatus = new byte[2 * h.capacity];
        lastCase = new byte[h.capacity];
        java.util.Arrays.fill(lastId, -1);
        update(m);
    }

    /** Compares every household with the month before and records what changed. */
    synchronized void update(WijkLabModel m) {
        Households h = m.households();
        int tick = m.tick();
        for (int slot = 0; slot < h.capacity; slot++) {
            if (h.hood[slot] < 0) {
                lastId[slot] = -1;
                continue;
            }
            int id = h.id[slot];
            boolean known = lastId[slot] == id;
            for (int a = 0; a < 2; a++) {
                byte now = a < h.adults[slot] ? h.status[2 * slot + a] : -1;
                byte before = lastStatus[2 * slot + a];
                if (known && now != before && now >= 0 && before >= 0) {
                    add(id, tick, "adult " + (a + 1) + ": " + Inspections.status(before) + " → " + Inspections.status(now));
                }
                lastStatus[2 * slot + a] = now;
            }
            byte c = h.caseType[slot];
            if (known && c != lastCase[slot]) {
                add(id, tick, c == Households.CASE_NONE ? "case closed" : "case opened: " + Inspections.caseName(c));
            }
            lastCase[slot] = c;
            lastId[slot] = id;
        }
    }

    private void add(int id, int tick, String what) {
        Deque<String> d = events.computeIfAbsent(id, k -> new ArrayDeque<>());
        if (d.size() == KEEP) {
            d.removeFirst();
        }
        d.addLast(String.format(Locale.ROOT, "y%d m%d %s", Math.floorDiv(tick, 12), Math.floorMod(tick, 12) + 1, what));
    }

    synchronized List<String> of(int householdId) {
        Deque<String> d = events.get(householdId);
        return d == null ? List.of() : new ArrayList<>(d);
    }
}
