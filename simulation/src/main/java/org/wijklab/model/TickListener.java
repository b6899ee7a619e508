package org.wijklab.model;

/**
 * Told at the end of every tick (after the observation process has computed the statistics), and
 * once after set-up with tick 0. Output writers implement it; the model does not know about files.
 */
public interface TickListener {
    void onTick(WijkLabModel model, int tick);
}
