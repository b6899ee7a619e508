package org.wijklab.experiment.calibration;

/**
 * Builds the calibration methods from their settings (as parsed from a calibration file). Every
 * factory throws an {@link IllegalArgumentException} with a one-line message for impossible
 * settings, for the command line to report as a user error.
 */
public final class Methods {
    /** ABC's default share of the population kept each generation. */
    public static final double DEFAULT_ALPHA = 0.5;
    /** ABC's default stop rule: finish after a generation accepting fewer than this share. */
    public static final double DEFAULT_MIN_ACCEPTANCE = 0.02;

    private Methods() {
    }

    /**
     * Adaptive population Monte Carlo ABC ({@link AbcSmc}).
     *
     * @param dims the number of calibrated parameters (at least 1)
     * @param seed the calibration's seed, the only source of randomness
     * @param population N, the number of particles (at least 4)
     * @param alpha the share kept each generation, in (0, 1), keeping between 2 and N - 1 particles
     *     (not used with a schedule)
     * @param minAcceptance the stop rule, in [0, 1) (not used with a schedule)
     * @param maxGenerations the most generations run, counting the first (at least 1)
     * @param schedule null or empty for the adaptive tolerances; otherwise the tolerance of each
     *     generation, each at least 0, none larger than the one before
     */
    public static Method abc(int dims, long seed, int population, double alpha, double minAcceptance,
            int maxGenerations, double[] schedule) {
        return new AbcSmc(dims, seed, population, alpha, minAcceptance, maxGenerations, schedule);
    }

    /**
     * NSGA-II ({@link Nsga2}).
     *
     * @param dims the number of calibrated parameters (at least 1)
     * @param seed the calibration's seed, the only source of randomness
     * @param population the population size (at least 4)
     * @param generations the number of generations, counting the initial population (at least 1)
     */
    public static Method nsga2(int dims, long seed, int population, int generations) {
        return new Nsga2(dims, seed, population, generations);
    }
}
