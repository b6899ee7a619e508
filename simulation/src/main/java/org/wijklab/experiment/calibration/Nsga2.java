package org.wijklab.experiment.calibration;

import ec.util.MersenneTwisterFast;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Multi-objective calibration by NSGA-II (Deb, Pratap, Agarwal and Meyarivan 2002, "A fast and
 * elitist multiobjective genetic algorithm: NSGA-II", IEEE Transactions on Evolutionary
 * Computation 6(2)), on the unit cube of the calibrated parameters.
 *
 * <p><b>Objectives.</b> One per target, the absolute standardised deviation, all minimised. A
 * point with any NaN (or infinite) deviation is dominated by every point without one, and
 * dominates none; such points form the last front, with crowding distance 0.
 *
 * <p><b>Algorithm.</b> Settings: the population size P and the number of generations G, the
 * first of which is the initial population: the calibration runs G batches of P points (P x G
 * points). Generation 0 is P points drawn uniformly. Each later generation is P offspring of the
 * current population: parents are chosen by binary tournament (two members drawn at random with
 * replacement; the lower non-domination rank wins, then the larger crowding distance, then a coin
 * toss), paired parents are recombined with probability 0.9 by simulated binary crossover (SBX,
 * Deb and Agrawal 1995, distribution index 15, each coordinate exchanged with probability 0.5,
 * the bounded form that keeps children in [0, 1]), and every child coordinate is mutated with
 * probability 1/d by polynomial mutation (Deb and Goyal 1996, distribution index 20, bounded form).
 * The parents and offspring together (2P) are sorted into fronts by fast non-dominated sorting,
 * each front gets its crowding distance (the sum over objectives of the normalised gap between its
 * neighbours, infinite at the extremes), and the next population is filled front by front, the
 * front that does not fit whole by decreasing crowding distance (ties: parents before offspring,
 * each in their order).
 *
 * <p><b>Result.</b> {@link #result} is the first front of the current population, each of weight
 * 1/size, with its Euclidean distance (norm of the deviations). Each generation's summary counts
 * that front as kept, has no tolerance (NaN), an effective sample size equal to the front's size,
 * and the front's smallest and median distance.
 *
 * <p><b>Determinism.</b> All randomness comes from one MersenneTwisterFast seeded by the
 * calibration's seed, used only in {@link #propose}; {@link #observe} is a pure function of the
 * results, so replaying the recorded deviations reproduces the proposals bit for bit.
 */
public final class Nsga2 implements Method {
    static final double CROSSOVER_PROBABILITY = 0.9;
    static final double CROSSOVER_ETA = 15;
    static final double MUTATION_ETA = 20;

    private final int dims;
    private final int population;
    private final int generations;
    private final MersenneTwisterFast random;
    private final List<GenerationSummary> summaries = new ArrayList<>();
    private List<Member> current = List.of();
    private double[][] pending;
    private int generation;
    private boolean finished;

    /** An evaluated point, its rank (0 = first front) and crowding distance in the last sort. */
    private static final class Member {
        final double[] point;
        final double[] deviations;
        final double[] objectives;
        final boolean valid;
        final int generation;
        int rank;
        double crowding;

        Member(double[] point, double[] deviations, int generation) {
            this.point = point;
            this.deviations = deviations.clone();
            this.generation = generation;
            objectives = new double[deviations.length];
            boolean ok = true;
            for (int m = 0; m < deviations.length; m++) {
                objectives[m] = Math.abs(deviations[m]);
                ok &= Double.isFinite(deviations[m]);
            }
            valid = ok;
        }

        boolean dominates(Member other) {
            if (!valid) {
                return false;
            }
            if (!other.valid) {
                return true;
            }
            boolean better = false;
            for (int m = 0; m < objectives.length; m++) {
                if (objectives[m] > other.objectives[m]) {
                    return false;
                }
                better |= objectives[m] < other.objectives[m];
            }
            return better;
        }
    }

    /**
     * NSGA-II with P = population (at least 4) and G = generations (at least 1); see the class comment.
     *
     * @throws IllegalArgumentException (one line) for impossible settings
     */
    public Nsga2(int dims, long seed, int population, int generations) {
        if (dims < 1) {
            throw new IllegalArgumentException("a calibration needs at least 1 parameter, not " + dims);
        }
        if (population < 4) {
            throw new IllegalArgumentException("population must be at least 4, not " + population);
        }
        if (generations < 1) {
            throw new IllegalArgumentException("generations must be at least 1, not " + generations);
        }
        this.dims = dims;
        this.population = population;
        this.generations = generations;
        this.random = new MersenneTwisterFast(new int[] {(int) seed, (int) (seed >>> 32), 0x4e534741});
    }

    @Override
    public List<double[]> propose() {
        if (finished) {
            return List.of();
        }
        if (pending == null) {
            pending = current.isEmpty() ? uniform() : offspring();
        }
        List<double[]> points = new ArrayList<>(pending.length);
        for (double[] point : pending) {
            points.add(point.clone());
        }
        return points;
    }

    private double[][] uniform() {
        double[][] points = new double[population][dims];
        for (double[] point : points) {
            for (int i = 0; i < dims; i++) {
                point[i] = random.nextDouble();
            }
        }
        return points;
    }

    private double[][] offspring() {
        double[][] children = new double[population][];
        int count = 0;
        while (count < population) {
            double[] a = tournament().point.clone();
            double[] b = tournament().point.clone();
            if (random.nextDouble() < CROSSOVER_PROBABILITY) {
                crossover(a, b);
            }
            mutate(a);
            mutate(b);
            children[count++] = a;
            if (count < population) {
                children[count++] = b;
            }
        }
        return children;
    }

    private Member tournament() {
        Member a = current.get(random.nextInt(current.size()));
        Member b = current.get(random.nextInt(current.size()));
        if (a.rank != b.rank) {
            return a.rank < b.rank ? a : b;
        }
        if (a.crowding != b.crowding) {
            return a.crowding > b.crowding ? a : b;
        }
        return random.nextBoolean() ? a : b;
    }

    /** Bounded simulated binary crossover on [0, 1], in place. */
    private void crossover(double[] a, double[] b) {
        double power = 1 / (CROSSOVER_ETA + 1);
        for (int i = 0; i < dims; i++) {
            if (random.nextDouble() >= 0.5) {
                continue;
            }
            double lo = Math.min(a[i], b[i]);
            double hi = Math.max(a[i], b[i]);
            double gap = hi - lo;
            if (gap < 1e-14) {
                continue;
            }
            double u = random.nextDouble();
            // Each child's spread factor is drawn from the SBX density truncated so it stays in [0, 1].
            double spreadLow = spread(u, 1 + 2 * lo / gap, power);
            double spreadHigh = spread(u, 1 + 2 * (1 - hi) / gap, power);
            double c1 = Math.min(1, Math.max(0, 0.5 * (lo + hi - spreadLow * gap)));
            double c2 = Math.min(1, Math.max(0, 0.5 * (lo + hi + spreadHigh * gap)));
            if (random.nextBoolean()) {
                a[i] = c2;
                b[i] = c1;
            } else {
                a[i] = c1;
                b[i] = c2;
            }
        }
    }

    private static double spread(double u, double beta, double power) {
        double alpha = 2 - StrictMath.pow(beta, -(CROSSOVER_ETA + 1));
        return u <= 1 / alpha ? StrictMath.pow(u * alpha, power) : StrictMath.pow(1 / (2 - u * alpha), power);
    }

    /** Bounded polynomial mutation on [0, 1], each coordinate with probability 1/d, in place. */
    private void mutate(double[] x) {
        double power = 1 / (MUTATION_ETA + 1);
        for (int i = 0; i < dims; i++) {
            if (random.nextDouble() >= 1.0 / dims) {
                continue;
            }
            double u = random.nextDouble();
            double delta;
            if (u < 0.5) {
                double v = 2 * u + (1 - 2 * u) * StrictMath.pow(1 - x[i], MUTATION_ETA + 1);
                delta = StrictMath.pow(v, power) - 1;
            } else {
                double v = 2 * (1 - u) + 2 * (u - 0.5) * StrictMath.pow(x[i], MUTATION_ETA + 1);
                delta = 1 - StrictMath.pow(v, power);
            }
            x[i] = Math.min(1, Math.max(0, x[i] + delta));
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
        List<Member> union = new ArrayList<>(current);
        for (int c = 0; c < pending.length; c++) {
            union.add(new Member(pending[c], deviations[c], generation));
        }
        List<List<Member>> fronts = sort(union);
        List<Member> next = new ArrayList<>(population);
        for (List<Member> front : fronts) {
            crowding(front);
            if (next.size() + front.size() <= population) {
                next.addAll(front);
            } else {
                List<Member> byCrowding = new ArrayList<>(front);
                // A stable sort: ties keep the union's order (parents, then offspring).
                byCrowding.sort(Comparator.comparingDouble((Member m) -> m.crowding).reversed());
                next.addAll(byCrowding.subList(0, population - next.size()));
            }
            if (next.size() == population) {
                break;
            }
        }
        current = next;
        List<Particle> front = result();
        double[] distances = new double[front.size()];
        for (int i = 0; i < distances.length; i++) {
            distances[i] = front.get(i).distance();
        }
        Arrays.sort(distances);
        int n = distances.length;
        double median = n % 2 == 1 ? distances[n / 2] : 0.5 * (distances[n / 2 - 1] + distances[n / 2]);
        summaries.add(new GenerationSummary(generation, pending.length, n, Double.NaN, n, distances[0], median));
        pending = null;
        generation++;
        if (generation >= generations) {
            finished = true;
        }
    }

    /** Fast non-dominated sorting: the fronts in order, each member's rank set, each front in union order. */
    private static List<List<Member>> sort(List<Member> union) {
        int n = union.size();
        int[] dominatedBy = new int[n];
        List<List<Integer>> dominates = new ArrayList<>(n);
        List<Integer> front = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            dominates.add(new ArrayList<>());
        }
        for (int p = 0; p < n; p++) {
            for (int q = p + 1; q < n; q++) {
                if (union.get(p).dominates(union.get(q))) {
                    dominates.get(p).add(q);
                    dominatedBy[q]++;
                } else if (union.get(q).dominates(union.get(p))) {
                    dominates.get(q).add(p);
                    dominatedBy[p]++;
                }
            }
        }
        for (int p = 0; p < n; p++) {
            if (dominatedBy[p] == 0) {
                front.add(p);
            }
        }
        List<List<Member>> fronts = new ArrayList<>();
        int rank = 0;
        while (!front.isEmpty()) {
            List<Member> members = new ArrayList<>(front.size());
            List<Integer> following = new ArrayList<>();
            for (int p : front) {
                union.get(p).rank = rank;
                members.add(union.get(p));
                for (int q : dominates.get(p)) {
                    if (--dominatedBy[q] == 0) {
                        following.add(q);
                    }
                }
            }
            following.sort(null);
            fronts.add(members);
            front = following;
            rank++;
        }
        return fronts;
    }

    /** Crowding distances within one front (0 for a front of points without valid objectives). */
    private static void crowding(List<Member> front) {
        for (Member m : front) {
            m.crowding = 0;
        }
        if (!front.get(0).valid) {
            return;
        }
        int objectives = front.get(0).objectives.length;
        List<Member> ordered = new ArrayList<>(front);
        for (int o = 0; o < objectives; o++) {
            final int k = o;
            ordered.sort(Comparator.comparingDouble((Member m) -> m.objectives[k]));
            int last = ordered.size() - 1;
            ordered.get(0).crowding = Double.POSITIVE_INFINITY;
            ordered.get(last).crowding = Double.POSITIVE_INFINITY;
            double range = ordered.get(last).objectives[k] - ordered.get(0).objectives[k];
            if (range > 0) {
                for (int i = 1; i < last; i++) {
                    ordered.get(i).crowding += (ordered.get(i + 1).objectives[k] - ordered.get(i - 1).objectives[k]) / range;
                }
            }
        }
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public List<GenerationSummary> generations() {
        return List.copyOf(summaries);
    }

    /** The first front of the current population, each point of weight 1/size, in population order. */
    @Override
    public List<Particle> result() {
        List<Member> front = new ArrayList<>();
        for (Member m : current) {
            if (m.rank == 0) {
                front.add(m);
            }
        }
        List<Particle> out = new ArrayList<>(front.size());
        for (Member m : front) {
            out.add(new Particle(m.point.clone(), 1.0 / front.size(), m.generation, AbcSmc.distance(m.deviations),
                    m.deviations.clone()));
        }
        return out;
    }
}
