package org.wijklab.experiment;

import ec.util.MersenneTwisterFast;
import java.util.ArrayList;
import java.util.List;

/**
 * Feature scores for a binary outcome: the mean decrease in Gini impurity of an extremely
 * randomised trees classifier (Geurts, Ernst and Wehenkel 2006), normalised to sum 1.
 *
 * <p>Each of {@link #TREES} trees is grown on all cases. At a node, up to K = round(√d) features
 * that are not constant there are drawn without replacement; each gets one random split (a numeric
 * feature a cut drawn uniformly between its smallest and largest value in the node, a categorical
 * one a random non-empty proper subset of the categories present), and the split with the largest
 * impurity decrease is kept. A node is a leaf when it is pure, holds fewer than
 * {@link #MIN_SPLIT} cases, or every feature is constant in it. A feature's score is the sum over
 * the trees' splits on it of (cases at the node / all cases) × the node's Gini decrease, divided
 * by the sum over all features. Deterministic: one {@link MersenneTwisterFast} from the seed.
 *
 * <p>Written here rather than taken from a library: Smile and Weka are GPL, which does not fit a
 * project built on MASON (Academic Free License) and Apache-2.0 libraries; Tribuo (Apache-2.0, tried
 * as org.tribuo:tribuo-classification-tree 4.3.1: fetching it stopped on a test jar of its core that
 * Maven Central does not have) would add protobuf, OLCUT and its ONNX support to the shaded jar for
 * a job of some two hundred lines, and we found no documented mean decrease in impurity for its
 * ensembles.
 */
public final class ExtraTrees {
    public static final int TREES = 500;
    /** The smallest node that is split: fewer cases than this are a leaf (fewer splits that only fit noise). */
    public static final int MIN_SPLIT = 5;

    private final double[][] x;
    private final boolean[] categorical;
    private final int[] categories;
    private final boolean[] y;
    private final MersenneTwisterFast random;
    private final double[] decrease;
    private final int k;

    private ExtraTrees(double[][] x, boolean[] categorical, int[] categories, boolean[] y, long seed) {
        this.x = x;
        this.categorical = categorical;
        this.categories = categories;
        this.y = y;
        this.random = new MersenneTwisterFast(new int[] {(int) seed, (int) (seed >>> 32), 0x45585452});
        this.decrease = new double[x.length];
        this.k = Math.max(1, (int) Math.round(Math.sqrt(x.length)));
    }

    /**
     * The normalised feature scores of features {@code x[j][i]} (feature j, case i; a categorical
     * feature's values are codes 0..categories[j]-1) for the outcome y.
     */
    public static double[] scores(double[][] x, boolean[] categorical, int[] categories, boolean[] y, long seed) {
        ExtraTrees t = new ExtraTrees(x, categorical, categories, y, seed);
        int[] all = new int[y.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (int tree = 0; tree < TREES; tree++) {
            t.grow(all);
        }
        double sum = 0;
        for (double d : t.decrease) {
            sum += d;
        }
        double[] out = new double[x.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = sum > 0 ? t.decrease[j] / sum : Double.NaN;
        }
        return out;
    }

    private static double gini(int n, int hits) {
        if (n == 0) {
            return 0;
        }
        double p = (double) hits / n;
        return 2 * p * (1 - p);
    }

    private void grow(int[] root) {
        List<int[]> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            int[] node = stack.remove(stack.size() - 1);
            int hits = 0;
            for (int i : node) {
                hits += y[i] ? 1 : 0;
            }
            if (node.length < MIN_SPLIT || hits == 0 || hits == node.length) {
                continue;
            }
            List<Integer> usable = new ArrayList<>();
            for (int j = 0; j < x.length; j++) {
                double first = x[j][node[0]];
                for (int i : node) {
                    if (x[j][i] != first) {
                        usable.add(j);
                        break;
                    }
                }
            }
            if (usable.isEmpty()) {
                continue;
            }
            double parent = node.length * gini(node.length, hits);
            int bestFeature = -1;
            double bestDecrease = Double.NEGATIVE_INFINITY;
            boolean[] bestLeft = null;
            for (int c = 0; c < k && !usable.isEmpty(); c++) {
                int j = usable.remove(random.nextInt(usable.size()));
                boolean[] left = split(j, node);
                int nl = 0;
                int hl = 0;
                for (int i = 0; i < node.length; i++) {
                    if (left[i]) {
                        nl++;
                        hl += y[node[i]] ? 1 : 0;
                    }
                }
                int nr = node.length - nl;
                double d = parent - nl * gini(nl, hl) - nr * gini(nr, hits - hl);
                if (d > bestDecrease) {
                    bestDecrease = d;
                    bestFeature = j;
                    bestLeft = left;
                }
            }
            decrease[bestFeature] += bestDecrease / y.length;
            int nl = 0;
            for (boolean b : bestLeft) {
                nl += b ? 1 : 0;
            }
            int[] l = new int[nl];
            int[] r = new int[node.length - nl];
            int a = 0;
            int b = 0;
            for (int i = 0; i < node.length; i++) {
                if (bestLeft[i]) {
                    l[a++] = node[i];
                } else {
                    r[b++] = node[i];
                }
            }
            stack.add(r);
            stack.add(l);
        }
    }

    /** A random split of a node on feature j (non-constant there): which of its cases go left; both sides non-empty. */
    private boolean[] split(int j, int[] node) {
        boolean[] left = new boolean[node.length];
        if (categorical[j]) {
            boolean[] present = new boolean[categories[j]];
            List<Integer> codes = new ArrayList<>();
            for (int i : node) {
                int c = (int) x[j][i];
                if (!present[c]) {
                    present[c] = true;
                    codes.add(c);
                }
            }
            codes.sort(Integer::compare);
            boolean[] goesLeft = new boolean[categories[j]];
            int m = codes.size();
            // a uniform non-empty proper subset of the m >= 2 present categories
            long pick = 1 + (long) (random.nextDouble() * ((1L << Math.min(m, 62)) - 2));
            for (int c = 0; c < m; c++) {
                goesLeft[codes.get(c)] = c < 62 && ((pick >>> c) & 1) == 1;
            }
            for (int i = 0; i < node.length; i++) {
                left[i] = goesLeft[(int) x[j][node[i]]];
            }
            return left;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i : node) {
            lo = Math.min(lo, x[j][i]);
            hi = Math.max(hi, x[j][i]);
        }
        // a cut in (lo, hi]: the smallest value always goes left, the largest right
        double cut = lo + random.nextDouble() * (hi - lo);
        if (cut <= lo) {
            cut = Math.nextUp(lo);
        }
        for (int i = 0; i < node.length; i++) {
            left[i] = x[j][node[i]] < cut;
        }
        return left;
    }
}
