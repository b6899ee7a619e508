package org.wijklab.experiment.calibration;

import ec.util.MersenneTwisterFast;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Approximate Bayesian computation by sequential Monte Carlo: the adaptive population Monte Carlo
 * ABC of Lenormand, Jabot and Deffuant (2013, "Adaptive approximate Bayesian computation for
 * complex models", Computational Statistics 28, algorithm 4, the method OpenMOLE uses), with the
 * kernel of Beaumont, Cornuet, Marin and Robert (2009, "Adaptive approximate Bayesian computation",
 * Biometrika 96), or, when given a schedule of tolerances, a population Monte Carlo ABC in the
 * manner of Toni et al. (2009) with that schedule.
 *
 * <p><b>Prior.</b> Uniform on the unit cube of the calibrated parameters (uniform over each
 * parameter's range). The posterior is returned as weighted particles ({@link #result}).
 *
 * <p><b>Distance.</b> The Euclidean norm of a point's standardised deviations (one per target).
 * A point with any NaN (or infinite) deviation has distance +infinity and is never kept.
 *
 * <p><b>Adaptive mode</b> (no schedule). Settings: population N, alpha (the share kept, default
 * 0.5), the minimum acceptance rate (default 0.02) and the maximum number of generations. Let
 * {@code K = floor(alpha N)} (at least 2, at most N - 1). Generation 0 runs N points drawn
 * uniformly, each of weight 1, and keeps the K nearest; the tolerance epsilon_0 is the largest kept
 * distance. Each later generation t runs N - K points drawn from the kernel (below) around the kept
 * particles; their acceptance rate is the share of them within epsilon_(t-1); the K nearest of the
 * kept and the new points together (N in all) are kept, and epsilon_t is the largest kept distance.
 * The calibration finishes after the first generation whose acceptance rate is below the minimum,
 * or after the maximum number of generations.
 *
 * <p><b>Schedule mode.</b> Settings: population N and the tolerances epsilon_0 &gt;= epsilon_1
 * &gt;= ... (alpha and the minimum acceptance rate are not used). Every generation runs N points:
 * generation 0 uniformly, later ones from the kernel. The kept set of generation t is, among the
 * previously kept particles and the new points together, those whose distance is at most
 * epsilon_t, the nearest N of them if there are more. The calibration finishes after the last
 * tolerance or the maximum number of generations, whichever comes first.
 *
 * <p>In both modes ties in distance are broken by order (previously kept particles before new
 * points, each in its order), and a generation that keeps nothing makes the next one start again
 * from the prior (N uniform points of weight 1).
 *
 * <p><b>Kernel and weights.</b> The kernel is Gaussian with covariance twice the weighted
 * covariance of the kept particles (Beaumont et al. 2009; the weighted covariance is
 * sum w_i (x_i - m)(x_i - m)' / sum w_i), plus 1e-10 on the diagonal so that it stays proper when
 * the kept points are collinear. A new point is drawn by choosing a kept particle j with
 * probability w_j / sum w and adding a Gaussian perturbation; a draw outside the unit cube is
 * discarded and both the particle and the perturbation drawn again (the kernel is truncated to the
 * cube). Its importance weight is prior / proposal density: 1 / (sum_j (w_j / sum w) K(x | x_j) / Z),
 * where K is the full Gaussian density and Z, the probability that a draw lands in the cube, is
 * estimated by the share of draws that did (redrawing costs time, not runs: with many parameters
 * and a wide kernel most draws may fall outside). These raw weights are kept as they are from
 * generation to generation (as in Lenormand et al.), so old and new particles are comparable;
 * {@link #result} normalises them to sum to 1. Each generation's effective sample size is
 * (sum w)^2 / sum w^2 over the kept weights.
 *
 * <p><b>Determinism.</b> All randomness comes from one MersenneTwisterFast seeded by the
 * calibration's seed, used only in {@link #propose}; {@link #observe} is a pure function of the
 * deviations. So the same seed and settings fed the same deviations propose the same points and
 * give the same weights, bit for bit, which is how a calibration resumes from its recorded
 * generations.
 */
public final class AbcSmc implements Method {
    /** Added to the kernel covariance's diagonal (unit cube coordinates). */
    static final double KERNEL_FLOOR = 1e-10;

    private final int dims;
    private final int population;
    private final int keep;
    private final double minAcceptance;
    private final int maxGenerations;
    private final double[] schedule;
    private final MersenneTwisterFast random;
    private final List<GenerationSummary> summaries = new ArrayList<>();
    private final List<Double> acceptanceRates = new ArrayList<>();

    /** The kept particles, with raw (unnormalised) importance weights. */
    private List<Particle> kept = List.of();
    /** Lower Cholesky factor of the kernel covariance, and half the log of its determinant. */
    private double[][] cholesky;
    private double halfLogDet;
    private double previousTolerance = Double.NaN;
    private double[][] pending;
    private double[] pendingWeights;
    /** Whether the pending points come from the kernel (rather than the prior). */
    private boolean pendingFromKernel;
    private int generation;
    private boolean finished;

    /**
     * An adaptive (schedule null or empty) or scheduled ABC-SMC; see the class comment.
     *
     * @throws IllegalArgumentException (one line) for impossible settings
     */
    public AbcSmc(int dims, long seed, int population, double alpha, double minAcceptance, int maxGenerations,
            double[] schedule) {
        if (dims < 1) {
            throw new IllegalArgumentException("a calibration needs at least 1 parameter, not " + dims);
        }
        if (population < 4) {
            throw new IllegalArgumentException("population must be at least 4, not " + population);
        }
        if (maxGenerations < 1) {
            throw new IllegalArgumentException("maxGenerations must be at least 1, not " + maxGenerations);
        }
        boolean scheduled = schedule != null && schedule.length > 0;
        if (scheduled) {
            for (int t = 0; t < schedule.length; t++) {
                if (!(schedule[t] >= 0) || Double.isInfinite(schedule[t])) {
                    throw new IllegalArgumentException("tolerance " + (t + 1) + " of the schedule must be a number"
                            + " at least 0, not " + schedule[t]);
                }
                if (t > 0 && schedule[t] > schedule[t - 1]) {
                    throw new IllegalArgumentException("the schedule's tolerances must not increase, but "
                            + schedule[t] + " follows " + schedule[t - 1]);
                }
            }
            this.keep = population;
        } else {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must be between 0 and 1 (exclusive), not " + alpha);
            }
            if (!(minAcceptance >= 0 && minAcceptance < 1)) {
                throw new IllegalArgumentException("minAcceptance must be at least 0 and below 1, not "
                        + minAcceptance);
            }
            int k = (int) Math.floor(alpha * population);
            if (k < 2 || k > population - 1) {
                throw new IllegalArgumentException("alpha x population must keep between 2 and population - 1"
                        + " points, but " + alpha + " x " + population + " keeps " + k);
            }
            this.keep = k;
        }
        this.dims = dims;
        this.population = population;
        this.minAcceptance = minAcceptance;
        this.maxGenerations = maxGenerations;
        this.schedule = scheduled ? schedule.clone() : null;
        this.random = new MersenneTwisterFast(new int[] {(int) seed, (int) (seed >>> 32), 0x41424353});
    }

    @Override
    public List<double[]> propose() {
        if (finished) {
            return List.of();
        }
        if (pending == null) {
            if (kept.isEmpty()) {
                pending = new double[population][dims];
                pendingWeights = new double[population];
                for (double[] point : pending) {
                    for (int i = 0; i < dims; i++) {
                        point[i] = random.nextDouble();
                    }
                }
                Arrays.fill(pendingWeights, 1);
                pendingFromKernel = false;
            } else {
                drawFromKernel(schedule == null ? population - keep : population);
                pendingFromKernel = true;
            }
        }
        List<double[]> points = new ArrayList<>(pending.length);
        for (double[] point : pending) {
            points.add(point.clone());
        }
        return points;
    }

    private void drawFromKernel(int count) {
        int n = kept.size();
        double[] cumulative = new double[n];
        double total = 0;
        for (int j = 0; j < n; j++) {
            total += kept.get(j).weight();
            cumulative[j] = total;
        }
        pending = new double[count][];
        long attempts = 0;
        double[] z = new double[dims];
        for (int c = 0; c < count; c++) {
            double[] x = new double[dims];
            boolean inside;
            do {
                attempts++;
                int j = Arrays.binarySearch(cumulative, random.nextDouble() * total);
                j = j >= 0 ? Math.min(j + 1, n - 1) : Math.min(-j - 1, n - 1);
                double[] centre = kept.get(j).point();
                for (int i = 0; i < dims; i++) {
                    z[i] = random.nextGaussian();
                }
                inside = true;
                for (int i = 0; i < dims; i++) {
                    double v = centre[i];
                    for (int k = 0; k <= i; k++) {
                        v += cholesky[i][k] * z[k];
                    }
                    x[i] = v;
                    inside &= v >= 0 && v <= 1;
                }
            } while (!inside);
            pending[c] = x;
        }
        double logInside = StrictMath.log((double) count / attempts);
        double logNormal = -0.5 * dims * StrictMath.log(2 * Math.PI) - halfLogDet;
        double[] logTerms = new double[n];
        double[] u = new double[dims];
        pendingWeights = new double[count];
        for (int c = 0; c < count; c++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double[] centre = kept.get(j).point();
                // Solve L u = x - centre; the squared Mahalanobis distance is |u|^2.
                double squared = 0;
                for (int i = 0; i < dims; i++) {
                    double v = pending[c][i] - centre[i];
                    for (int k = 0; k < i; k++) {
                        v -= cholesky[i][k] * u[k];
                    }
                    u[i] = v / cholesky[i][i];
                    squared += u[i] * u[i];
                }
                logTerms[j] = StrictMath.log(kept.get(j).weight() / total) + logNormal - 0.5 * squared;
                max = Math.max(max, logTerms[j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += StrictMath.exp(logTerms[j] - max);
            }
            double logProposal = max + StrictMath.log(sum) - logInside;
            pendingWeights[c] = StrictMath.exp(-logProposal);
        }
    }

    @Override
    public void observe(double[][] deviations) {
        if (pending == null) {
            throw new IllegalStateException("observe called without a proposed generation");
        }
        if (deviations.length != pending.length) {
            throw new IllegalArgumentException(deviations.length + " results for " + pending.length + " points");
        }
        for (double[] row : deviations) {
            if (row.length != deviations[0].length) {
                throw new IllegalArgumentException("results with " + row.length + " and " + deviations[0].length
                        + " deviations in one generation");
            }
        }
        List<Particle> fresh = new ArrayList<>(pending.length);
        for (int c = 0; c < pending.length; c++) {
            fresh.add(new Particle(pending[c], pendingWeights[c], generation, distance(deviations[c]),
                    deviations[c].clone()));
        }
        List<Particle> candidates = new ArrayList<>(kept);
        candidates.addAll(fresh);
        // A stable sort: ties keep the order previously kept, then new.
        candidates.sort(Comparator.comparingDouble(Particle::distance));
        double tolerance;
        if (schedule == null) {
            int count = 0;
            while (count < candidates.size() && count < keep && candidates.get(count).distance() < Double.POSITIVE_INFINITY) {
                count++;
            }
            kept = List.copyOf(candidates.subList(0, count));
            tolerance = count == 0 ? Double.NaN : kept.get(count - 1).distance();
            double rate = pendingFromKernel ? share(fresh, previousTolerance) : Double.NaN;
            acceptanceRates.add(rate);
            if (rate < minAcceptance) {
                finished = true;
            }
        } else {
            tolerance = schedule[generation];
            int count = 0;
            while (count < candidates.size() && count < population && candidates.get(count).distance() <= tolerance) {
                count++;
            }
            kept = List.copyOf(candidates.subList(0, count));
            acceptanceRates.add(share(fresh, tolerance));
            if (generation + 1 >= schedule.length) {
                finished = true;
            }
        }
        if (generation + 1 >= maxGenerations) {
            finished = true;
        }
        summaries.add(summary(fresh.size(), tolerance));
        previousTolerance = tolerance;
        if (!kept.isEmpty()) {
            kernel();
        }
        pending = null;
        pendingWeights = null;
        generation++;
    }

    /** The share of the points within a tolerance. */
    private static double share(List<Particle> points, double tolerance) {
        int within = 0;
        for (Particle p : points) {
            if (p.distance() <= tolerance) {
                within++;
            }
        }
        return within / (double) points.size();
    }

    /**
     * Each finished generation's acceptance rate, the statistic of the adaptive stop rule: the
     * share of its new points within the previous generation's tolerance (NaN for a generation
     * drawn from the prior); with a schedule, the share of its new points within its own tolerance.
     */
    public List<Double> acceptanceRates() {
        return List.copyOf(acceptanceRates);
    }

    private GenerationSummary summary(int proposed, double tolerance) {
        double sum = 0;
        double squares = 0;
        for (Particle p : kept) {
            sum += p.weight();
            squares += p.weight() * p.weight();
        }
        double ess = kept.isEmpty() ? 0 : sum * sum / squares;
        double best = kept.isEmpty() ? Double.NaN : kept.get(0).distance();
        double median = Double.NaN;
        int n = kept.size();
        if (n > 0) {
            median = n % 2 == 1 ? kept.get(n / 2).distance()
                    : 0.5 * (kept.get(n / 2 - 1).distance() + kept.get(n / 2).distance());
        }
        return new GenerationSummary(generation, proposed, n, tolerance, ess, best, median);
    }

    /** Twice the weighted covariance of the kept particles, its Cholesky factor and log-determinant. */
    private void kernel() {
        double total = 0;
        double[] mean = new double[dims];
        for (Particle p : kept) {
            total += p.weight();
            for (int i = 0; i < dims; i++) {
                mean[i] += p.weight() * p.point()[i];
            }
        }
        for (int i = 0; i < dims; i++) {
            mean[i] /= total;
        }
        double[][] cov = new double[dims][dims];
        for (Particle p : kept) {
            double w = p.weight() / total;
            for (int i = 0; i < dims; i++) {
                double di = p.point()[i] - mean[i];
                for (int k = 0; k <= i; k++) {
                    cov[i][k] += w * di * (p.point()[k] - mean[k]);
                }
            }
        }
        double[][] l = new double[dims][dims];
        double logDet = 0;
        for (int i = 0; i < dims; i++) {
            for (int k = 0; k <= i; k++) {
                double v = 2 * cov[i][k] + (i == k ? KERNEL_FLOOR : 0);
                for (int m = 0; m < k; m++) {
                    v -= l[i][m] * l[k][m];
                }
                if (i == k) {
                    // Rounding can leave a (nearly) singular covariance slightly negative here.
                    l[i][i] = Math.sqrt(Math.max(v, KERNEL_FLOOR));
                    logDet += 2 * StrictMath.log(l[i][i]);
                } else {
                    l[i][k] = v / l[k][k];
                }
            }
        }
        cholesky = l;
        halfLogDet = 0.5 * logDet;
    }

    /** The Euclidean norm of the deviations; +infinity if any is NaN or infinite. */
    static double distance(double[] deviations) {
        double sum = 0;
        for (double d : deviations) {
            if (!Double.isFinite(d)) {
                return Double.POSITIVE_INFINITY;
            }
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public List<GenerationSummary> generations() {
        return List.copyOf(summaries);
    }

    /** The kept particles with weights normalised to sum to 1, nearest first. */
    @Override
    public List<Particle> result() {
        double total = 0;
        for (Particle p : kept) {
            total += p.weight();
        }
        List<Particle> out = new ArrayList<>(kept.size());
        for (Particle p : kept) {
            out.add(new Particle(p.point().clone(), p.weight() / total, p.generation(), p.distance(),
                    p.deviations().clone()));
        }
        return out;
    }
}
