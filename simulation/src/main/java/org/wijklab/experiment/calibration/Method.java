package org.wijklab.experiment.calibration;

import java.util.List;

/**
 * A calibration method that works in generations over the unit cube of the calibrated parameters
 * (each coordinate 0 to 1 over the parameter's range; a list-valued parameter's coordinate is
 * mapped to its values as sweeps map them). A method is a deterministic state machine: made from a
 * seed and its settings, it proposes a generation's points, is told each point's result, then
 * proposes the next. Replaying the same results gives the same proposals, which is how a stopped
 * calibration resumes: its folder holds each finished generation's results, and the method is
 * rebuilt by feeding them in again.
 */
public interface Method {
    /**
     * The next generation's points (each of the parameters' dimension, every coordinate in [0, 1]),
     * or an empty list when the method has finished. Called once before each {@link #observe}.
     */
    List<double[]> propose();

    /**
     * The results of the points last proposed, in their order: for each point and target the
     * standardised deviation (simulated mean over the replications minus the observed value,
     * divided by the target's standard error or tolerance), NaN where the runs gave no value.
     */
    void observe(double[][] deviations);

    /** Whether the method has finished (after the last {@link #observe}). */
    boolean finished();

    /** One row per finished generation, for {@code generations.csv}. */
    List<GenerationSummary> generations();

    /**
     * What the method found after the generations observed so far: for ABC the accepted particles
     * with their normalised weights, for a multi-objective search its non-dominated front (weight
     * 1/size each).
     */
    List<Particle> result();

    /** A point with its weight, the generation it was run in, its distance and its deviations. */
    record Particle(double[] point, double weight, int generation, double distance, double[] deviations) {
    }

    /**
     * A generation: its index from 0, the points run, how many were kept (accepted or on the front),
     * the tolerance (ABC's epsilon; NaN for a search without one), the effective sample size of the
     * kept weights, and the smallest and median distance among the kept.
     */
    record GenerationSummary(int generation, int proposed, int kept, double tolerance, double effectiveSampleSize,
            double bestDistance, double medianDistance) {
    }
}
