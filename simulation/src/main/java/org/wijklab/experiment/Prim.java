package org.wijklab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * PRIM, the patient rule induction method (Friedman and Fisher 1999), as the EMA Workbench uses it
 * for scenario discovery: a box (an interval per numeric dimension, a set of kept categories per
 * categorical one) is peeled, one small slice at a time, towards the cases of interest.
 *
 * <p>Peeling: at each step every dimension offers its candidate peels: a numeric one its lowest and
 * its highest {@link #PEEL_ALPHA} share of the box's cases (at least one case; cases tied with the
 * last one removed go too), a categorical one each of its kept categories, one at a time. The peel
 * kept is the one of largest (density after − density before) / (mass removed), Friedman and
 * Fisher's criterion (the Workbench's "lenient1"); ties go to the earlier dimension, lower side
 * first. A peel must leave at least {@link #MIN_MASS} of all cases in the box. Peeling stops when
 * no peel is allowed or the box holds only cases of interest. Every box of the peeling trajectory
 * is then pasted on its own copy (the next peel starts from the unpasted box, so pasting never
 * feeds back into the trajectory): while some widening raises the density, the one that raises it
 * most is taken; a widening brings back, on one side of one restricted numeric dimension, the
 * {@link #PASTE_ALPHA} share of the box's size (at least one case) of the nearest cases that meet
 * every other limit, or one removed category.
 *
 * <p>Quasi-p-values (as the Workbench): for each restricted dimension of a box, the one-sided
 * binomial probability of at least the box's hits among its cases if each case were of interest
 * with the density of the box with that restriction removed. Small: the restriction matters.
 */
public final class Prim {
    public static final double PEEL_ALPHA = 0.05;
    public static final double PASTE_ALPHA = 0.05;
    public static final double MIN_MASS = 0.05;

    /** One dimension: numeric values, or codes 0..k-1 into {@code categories} (non-null for a categorical one). */
    public record Dimension(String name, double[] values, List<String> categories) {
        public boolean categorical() {
            return categories != null;
        }
    }

    /** A box: per dimension low and high limits (numeric, inclusive) or the kept categories (categorical). */
    public record Box(double[] low, double[] high, boolean[][] kept) {
        Box copy() {
            boolean[][] k = new boolean[kept.length][];
            for (int j = 0; j < k.length; j++) {
                k[j] = kept[j] == null ? null : kept[j].clone();
            }
            return new Box(low.clone(), high.clone(), k);
        }
    }

    /** A box of the trajectory with its statistics; {@code restricted} names the dimensions it restricts. */
    public record Step(int step, Box box, int cases, int hits, double coverage, double density, double mass,
            List<String> restricted) {
    }

    /** A restricted dimension of a box: its quasi-p-value. */
    public record Restriction(int dimension, double quasiP) {
    }

    private final List<Dimension> dims;
    private final boolean[] y;
    private final int n;
    private final int totalHits;
    private final double[] min;
    private final double[] max;

    public Prim(List<Dimension> dims, boolean[] y) {
        this.dims = List.copyOf(dims);
        this.y = y.clone();
        this.n = y.length;
        int h = 0;
        for (boolean b : y) {
            h += b ? 1 : 0;
        }
        this.totalHits = h;
        min = new double[dims.size()];
        max = new double[dims.size()];
        for (int j = 0; j < dims.size(); j++) {
            if (dims.get(j).values().length != n) {
                throw new IllegalArgumentException(dims.get(j).name() + ": " + dims.get(j).values().length + " values, " + n + " cases");
            }
            min[j] = Arrays.stream(dims.get(j).values()).min().orElse(0);
            max[j] = Arrays.stream(dims.get(j).values()).max().orElse(0);
        }
        if (totalHits == 0 || totalHits == n) {
            throw new IllegalArgumentException("the outcome must hold for some cases and not for others");
        }
    }

    /** The whole space: every dimension at its cases' minimum and maximum, every category kept. */
    public Box whole() {
        int d = dims.size();
        boolean[][] kept = new boolean[d][];
        for (int j = 0; j < d; j++) {
            if (dims.get(j).categorical()) {
                kept[j] = new boolean[dims.get(j).categories().size()];
                Arrays.fill(kept[j], true);
            }
        }
        return new Box(min.clone(), max.clone(), kept);
    }

    /** The peeling trajectory, each box pasted; step 0 is the whole space. */
    public List<Step> trajectory() {
        List<Box> peeled = new ArrayList<>();
        Box box = whole();
        peeled.add(box);
        int minCases = (int) Math.ceil(MIN_MASS * n);
        while (peeled.size() <= n) {
            int[] in = inside(box, -1);
            if (hits(in) == in.length) {
                break;
            }
            Box next = bestPeel(box, in, minCases);
            if (next == null) {
                break;
            }
            box = next;
            peeled.add(box);
        }
        List<Step> steps = new ArrayList<>();
        for (int s = 0; s < peeled.size(); s++) {
            Box pasted = s == 0 ? peeled.get(0) : paste(peeled.get(s));
            steps.add(step(s, pasted));
        }
        return steps;
    }

    Step step(int s, Box box) {
        int[] in = inside(box, -1);
        int h = hits(in);
        List<String> restricted = new ArrayList<>();
        for (int j = 0; j < dims.size(); j++) {
            if (restricts(box, j)) {
                restricted.add(dims.get(j).name());
            }
        }
        return new Step(s, box, in.length, h, (double) h / totalHits, (double) h / in.length, (double) in.length / n,
                List.copyOf(restricted));
    }

    /** Whether a box restricts dimension j (a limit inside the cases' range, or a category removed). */
    public boolean restricts(Box box, int j) {
        if (dims.get(j).categorical()) {
            for (boolean k : box.kept()[j]) {
                if (!k) {
                    return true;
                }
            }
            return false;
        }
        return box.low()[j] > min[j] || box.high()[j] < max[j];
    }

    /** Each restricted dimension's quasi-p-value, in dimension order. */
    public List<Restriction> quasiP(Box box) {
        int[] in = inside(box, -1);
        int hBox = hits(in);
        List<Restriction> out = new ArrayList<>();
        for (int j = 0; j < dims.size(); j++) {
            if (!restricts(box, j)) {
                continue;
            }
            int[] without = inside(box, j);
            double p = (double) hits(without) / without.length;
            out.add(new Restriction(j, upperTail(in.length, p, hBox)));
        }
        return out;
    }

    /** P(X >= k) for X binomial(trials, p), summed term by term so that a small tail keeps its digits. */
    static double upperTail(int trials, double p, int k) {
        if (k <= 0) {
            return 1;
        }
        BinomialDistribution b = new BinomialDistribution(null, trials, p);
        double sum = 0;
        for (int i = k; i <= trials; i++) {
            sum += b.probability(i);
        }
        return Math.min(1, sum);
    }

    private int hits(int[] cases) {
        int h = 0;
        for (int i : cases) {
            h += y[i] ? 1 : 0;
        }
        return h;
    }

    private boolean meets(Box box, int i, int ignore) {
        for (int j = 0; j < dims.size(); j++) {
            if (j == ignore) {
                continue;
            }
            double v = dims.get(j).values()[i];
            if (dims.get(j).categorical()) {
                if (!box.kept()[j][(int) v]) {
                    return false;
                }
            } else if (v < box.low()[j] || v > box.high()[j]) {
                return false;
            }
        }
        return true;
    }

    /** The cases inside a box, ignoring dimension {@code ignore} (-1: none). */
    int[] inside(Box box, int ignore) {
        int[] out = new int[n];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (meets(box, i, ignore)) {
                out[c++] = i;
            }
        }
        return Arrays.copyOf(out, c);
    }

    private Box bestPeel(Box box, int[] in, int minCases) {
        int hOld = hits(in);
        double dOld = (double) hOld / in.length;
        Box best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < dims.size(); j++) {
            double[] v = dims.get(j).values();
            for (Box candidate : peels(box, in, j, v)) {
                int[] after = inside(candidate, -1);
                if (after.length >= in.length || after.length < minCases) {
                    continue;
                }
                double score = ((double) hits(after) / after.length - dOld) / ((double) (in.length - after.length) / n);
                if (score > bestScore) {
                    bestScore = score;
                    best = candidate;
                }
            }
        }
        return best;
    }

    private List<Box> peels(Box box, int[] in, int j, double[] v) {
        List<Box> out = new ArrayList<>();
        if (dims.get(j).categorical()) {
            int kept = 0;
            for (boolean k : box.kept()[j]) {
                kept += k ? 1 : 0;
            }
            if (kept < 2) {
                return out;
            }
            for (int c = 0; c < box.kept()[j].length; c++) {
                if (box.kept()[j][c]) {
                    Box b = box.copy();
                    b.kept()[j][c] = false;
                    out.add(b);
                }
            }
            return out;
        }
        double[] sorted = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            sorted[i] = v[in[i]];
        }
        Arrays.sort(sorted);
        int k = Math.max(1, (int) Math.floor(PEEL_ALPHA * in.length));
        // lower side: every case up to the k-th smallest goes; the new limit is the next larger value
        double cut = sorted[k - 1];
        int above = Arrays.binarySearch(sorted, Math.nextUp(cut));
        above = above >= 0 ? above : -above - 1;
        if (above < sorted.length) {
            Box b = box.copy();
            b.low()[j] = sorted[above];
            out.add(b);
        }
        double cutHigh = sorted[sorted.length - k];
        int below = Arrays.binarySearch(sorted, cutHigh);
        // the first index of cutHigh
        below = below >= 0 ? below : -below - 1;
        while (below > 0 && sorted[below - 1] == cutHigh) {
            below--;
        }
        if (below > 0) {
            Box b = box.copy();
            b.high()[j] = sorted[below - 1];
            out.add(b);
        }
        return out;
    }

    /** A copy of the box widened while a widening raises its density (the largest rise first). */
    Box paste(Box start) {
        Box box = start.copy();
        for (int guard = 0; guard < n; guard++) {
            int[] in = inside(box, -1);
            double dOld = (double) hits(in) / in.length;
            Box best = null;
            double bestDensity = dOld;
            for (int j = 0; j < dims.size(); j++) {
                if (!restricts(box, j)) {
                    continue;
                }
                for (Box candidate : pastes(box, in.length, j)) {
                    int[] after = inside(candidate, -1);
                    double d = (double) hits(after) / after.length;
                    if (after.length > in.length && d > bestDensity) {
                        bestDensity = d;
                        best = candidate;
                    }
                }
            }
            if (best == null) {
                return box;
            }
            box = best;
        }
        return box;
    }

    private List<Box> pastes(Box box, int size, int j) {
        List<Box> out = new ArrayList<>();
        if (dims.get(j).categorical()) {
            for (int c = 0; c < box.kept()[j].length; c++) {
                if (!box.kept()[j][c]) {
                    Box b = box.copy();
                    b.kept()[j][c] = true;
                    out.add(b);
                }
            }
            return out;
        }
        double[] v = dims.get(j).values();
        List<Double> lower = new ArrayList<>();
        List<Double> upper = new ArrayList<>();
        for (int i : inside(box, j)) {
            if (v[i] < box.low()[j]) {
                lower.add(v[i]);
            } else if (v[i] > box.high()[j]) {
                upper.add(v[i]);
            }
        }
        int m = Math.max(1, (int) Math.floor(PASTE_ALPHA * size));
        if (!lower.isEmpty()) {
            lower.sort((a, b) -> Double.compare(b, a));
            Box b = box.copy();
            b.low()[j] = lower.get(Math.min(m, lower.size()) - 1);
            out.add(b);
        }
        if (!upper.isEmpty()) {
            upper.sort(Double::compare);
            Box b = box.copy();
            b.high()[j] = upper.get(Math.min(m, upper.size()) - 1);
            out.add(b);
        }
        return out;
    }

    public List<Dimension> dimensions() {
        return dims;
    }

    /** The smallest and largest value of numeric dimension j over all cases. */
    public double[] range(int j) {
        return new double[] {min[j], max[j]};
    }
}
