package org.wijklab.experiment.calibration;

import ec.util.MersenneTwisterFast;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A tiny deterministic method for tests of what runs around the real ones: generation 1 draws
 * {@code n} uniform points, generation 2 draws {@code n} points within 0.1 of the best so far;
 * the result is the better half of all points, equal weights; distance the root mean square of
 * the standardised deviations (infinite where one is NaN).
 */
public final class TwoGenerationSearch implements Method {
    private final MersenneTwisterFast random;
    private final int dims;
    private final int n;
    private final List<Particle> seen = new ArrayList<>();
    private final List<GenerationSummary> summaries = new ArrayList<>();
    private List<double[]> last;
    private int generation;

    public TwoGenerationSearch(int dims, long seed, int n) {
        this.dims = dims;
        this.n = n;
        this.random = new MersenneTwisterFast(seed);
    }

    /** The maker the runner takes: the calibration's seed and population. */
    public static CalibrationRunner.MethodMaker maker() {
        return c -> new TwoGenerationSearch(c.parameters().size(), c.seed(), c.method().population());
    }

    @Override
    public List<double[]> propose() {
        if (generation >= 2) {
            return List.of();
        }
        List<double[]> out = new ArrayList<>();
        double[] best = seen.isEmpty() ? null : best().point();
        for (int i = 0; i < n; i++) {
            double[] x = new double[dims];
            for (int k = 0; k < dims; k++) {
                x[k] = best == null ? random.nextDouble() : Math.max(0, Math.min(1, best[k] + 0.2 * (random.nextDouble() - 0.5)));
            }
            out.add(x);
        }
        last = out;
        return out;
    }

    @Override
    public void observe(double[][] deviations) {
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < last.size(); i++) {
            double s = 0;
            for (double x : deviations[i]) {
                s += x * x;
            }
            double dist = Double.isNaN(s) ? Double.POSITIVE_INFINITY : Math.sqrt(s / deviations[i].length);
            seen.add(new Particle(last.get(i), 0, generation, dist, deviations[i].clone()));
            d.add(dist);
        }
        d.sort(Comparator.naturalOrder());
        summaries.add(new GenerationSummary(generation, last.size(), result().size(), Double.NaN, result().size(), d.get(0),
                d.get(d.size() / 2)));
        generation++;
    }

    private Particle best() {
        return seen.stream().min(Comparator.comparingDouble(Particle::distance)).orElseThrow();
    }

    @Override
    public boolean finished() {
        return generation >= 2;
    }

    @Override
    public List<GenerationSummary> generations() {
        return List.copyOf(summaries);
    }

    @Override
    public List<Particle> result() {
        List<Particle> sorted = new ArrayList<>(seen);
        sorted.sort(Comparator.comparingDouble(Particle::distance));
        List<Particle> half = sorted.subList(0, Math.max(1, sorted.size() / 2));
        List<Particle> out = new ArrayList<>();
        for (Particle p : half) {
            out.add(new Particle(p.point(), 1.0 / half.size(), p.generation(), p.distance(), p.deviations()));
        }
        return out;
    }
}
