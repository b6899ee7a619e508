package org.wijklab.model;

/** Receives every move as it happens; {@code -1} as a neighbourhood means outside the city. */
@FunctionalInterface
public interface MoveListener {
    void onMove(int tick, int householdId, int from, int to, MoveReason reason, int employedAdults, double income);

    MoveListener NONE = (tick, householdId, from, to, reason, employed, income) -> { };
}
