package org.wijklab.experiment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario discovery on a finished sweep's cases: which region of the parameter space gives an
 * outcome ("METRIC > VALUE"). PRIM ({@link Prim}) finds boxes on the parameters the model reads;
 * feature scores ({@link ExtraTrees}) rank every parameter, the design-only dummy (or, in a design
 * without one, a random probe drawn from the seed) as the noise reference.
 */
public final class Discovery {
    /** The fewest cases discovery accepts. */
    public static final int MIN_CASES = 10;

    private Discovery() {
    }

    /** A condition on a metric: {@code metric op value}, op one of &gt; &lt; &gt;= &lt;=. */
    public record Condition(String metric, String op, double value) {
        private static final Pattern FORM = Pattern.compile(
                "\\s*([A-Za-z0-9_]+)\\s*(>=|<=|>|<)\\s*([-+]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?)\\s*");

        /** Parses "METRIC OP VALUE"; null if the text is not of that form or VALUE is not a finite number. */
        public static Condition parse(String text) {
            Matcher m = FORM.matcher(text);
            if (!m.matches()) {
                return null;
            }
            double v;
            try {
                v = Double.parseDouble(m.group(3));
            } catch (NumberFormatException e) {
                return null;
            }
            if (!Double.isFinite(v)) {
                return null;
            }
            return new Condition(m.group(1), m.group(2), v);
        }

        public boolean holds(double x) {
            return switch (op) {
                case ">" -> x > value;
                case "<" -> x < value;
                case ">=" -> x >= value;
                default -> x <= value;
            };
        }

        @Override
        public String toString() {
            return metric + " " + op + " " + number(value);
        }
    }

    /**
     * A parameter of the cases: its values per case (a categorical one's are codes into
     * {@code categories}), its range as the sweep gives it ({@code low}, {@code high}; NaN for a
     * categorical one) and its role: "parameter", "dummy" (the sweep's design-only dummy, no PRIM
     * dimension) or "probe" (a random column added as the noise reference, no PRIM dimension).
     */
    public record Parameter(String name, double[] values, List<String> categories, double low, double high, String role) {
        boolean reference() {
            return !role.equals("parameter");
        }
    }

    /** The chosen box's row for one PRIM dimension. */
    public record Limit(String parameter, boolean restricted, double low, double high, double rangeLow, double rangeHigh,
            List<String> kept, List<String> all, double quasiP, String reason) {
    }

    /** A --box that is no step of the trajectory. */
    public static final class NoSuchStep extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NoSuchStep(String message) {
            super(message);
        }
    }

    /** A feature score. */
    public record Score(String parameter, String role, double score, int rank, boolean aboveFloor) {
    }

    /** What discovery found: the trajectory, the chosen step, its box and the feature scores. */
    public record Result(List<Prim.Step> trajectory, int chosen, boolean chosenByDefault, List<Limit> box, List<Score> scores,
            int cases, int hits) {
        public Prim.Step chosenStep() {
            return trajectory.get(chosen);
        }
    }

    /**
     * Runs discovery on cases with the outcome y. {@code box}: the step to report (null: the
     * default: {@link #defaultStep}).
     */
    public static Result run(List<Parameter> parameters, boolean[] y, Integer box, long seed) {
        List<Prim.Dimension> dims = new ArrayList<>();
        List<Parameter> primParameters = new ArrayList<>();
        for (Parameter p : parameters) {
            if (!p.reference()) {
                dims.add(new Prim.Dimension(p.name(), p.values(), p.categories()));
                primParameters.add(p);
            }
        }
        Prim prim = new Prim(dims, y);
        List<Prim.Step> trajectory = prim.trajectory();
        int chosen;
        if (box != null) {
            if (box < 0 || box >= trajectory.size()) {
                throw new NoSuchStep("--box " + box + ": the peeling trajectory has steps 0 to " + (trajectory.size() - 1));
            }
            chosen = box;
        } else {
            chosen = defaultStep(trajectory);
        }
        Prim.Box b = trajectory.get(chosen).box();
        double[] quasi = new double[dims.size()];
        java.util.Arrays.fill(quasi, Double.NaN);
        for (Prim.Restriction r : prim.quasiP(b)) {
            quasi[r.dimension()] = r.quasiP();
        }
        List<Limit> limits = new ArrayList<>();
        for (int j = 0; j < dims.size(); j++) {
            Parameter p = primParameters.get(j);
            boolean restricted = prim.restricts(b, j);
            String reason = restricted ? "" : "not restricted";
            if (p.categories() != null) {
                List<String> kept = new ArrayList<>();
                for (int c = 0; c < p.categories().size(); c++) {
                    if (b.kept()[j][c]) {
                        kept.add(p.categories().get(c));
                    }
                }
                limits.add(new Limit(p.name(), restricted, Double.NaN, Double.NaN, Double.NaN, Double.NaN, kept, p.categories(),
                        quasi[j], reason));
            } else {
                double[] data = prim.range(j);
                // a side the box leaves at the cases' extreme is no limit: it is the parameter's range there
                double low = b.low()[j] > data[0] ? b.low()[j] : p.low();
                double high = b.high()[j] < data[1] ? b.high()[j] : p.high();
                limits.add(new Limit(p.name(), restricted, low, high, p.low(), p.high(), null, null, quasi[j], reason));
            }
        }
        int hits = 0;
        for (boolean v : y) {
            hits += v ? 1 : 0;
        }
        return new Result(trajectory, chosen, box == null, limits, scores(parameters, y, seed), y.length, hits);
    }

    /**
     * The default box: the step of largest coverage × density (hits² / (all hits × box cases)), the
     * earlier on a tie, from step 1 on (the whole space, step 0, is no box; it is chosen only when
     * nothing could be peeled).
     */
    public static int defaultStep(List<Prim.Step> trajectory) {
        int best = trajectory.size() > 1 ? 1 : 0;
        for (int s = best + 1; s < trajectory.size(); s++) {
            Prim.Step a = trajectory.get(s);
            Prim.Step b = trajectory.get(best);
            if (a.coverage() * a.density() > b.coverage() * b.density()) {
                best = s;
            }
        }
        return best;
    }

    /** Feature scores, ranked (1 = largest); the reference's score is the floor the others are read against. */
    static List<Score> scores(List<Parameter> parameters, boolean[] y, long seed) {
        int d = parameters.size();
        double[][] x = new double[d][];
        boolean[] categorical = new boolean[d];
        int[] categories = new int[d];
        for (int j = 0; j < d; j++) {
            Parameter p = parameters.get(j);
            x[j] = p.values();
            categorical[j] = p.categories() != null;
            categories[j] = p.categories() == null ? 0 : p.categories().size();
        }
        double[] s = ExtraTrees.scores(x, categorical, categories, y, seed);
        double floor = Double.NaN;
        for (int j = 0; j < d; j++) {
            if (parameters.get(j).reference()) {
                floor = s[j];
            }
        }
        List<Score> out = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            int rank = 1;
            for (int i = 0; i < d; i++) {
                if (s[i] > s[j] || s[i] == s[j] && i < j) {
                    rank++;
                }
            }
            Parameter p = parameters.get(j);
            out.add(new Score(p.name(), p.role(), s[j], rank, !p.reference() && !Double.isNaN(floor) && s[j] > floor));
        }
        out.sort(java.util.Comparator.comparingInt(Score::rank));
        return out;
    }

    /** A number for the CSVs: 6 significant digits, plain; NaN is NA. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** A number with the digits a small probability needs: 4 significant digits in scientific notation below 1e-4. */
    public static String probability(double v) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        return v != 0 && Math.abs(v) < 1e-4 ? String.format(Locale.ROOT, "%.4g", v) : number(v);
    }

    private static String cell(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** trajectory.csv. */
    public static String trajectoryCsv(Result r) {
        StringBuilder b = new StringBuilder("step,coverage,density,mass,cases,hits,restricted,restricted_parameters,chosen\n");
        for (Prim.Step s : r.trajectory()) {
            b.append(s.step()).append(',').append(number(s.coverage())).append(',').append(number(s.density())).append(',')
                    .append(number(s.mass())).append(',').append(s.cases()).append(',').append(s.hits()).append(',')
                    .append(s.restricted().size()).append(',').append(cell(String.join(";", s.restricted()))).append(',')
                    .append(s.step() == r.chosen()).append('\n');
        }
        return b.toString();
    }

    /** box.csv: every PRIM dimension of the chosen box. */
    public static String boxCsv(Result r) {
        StringBuilder b = new StringBuilder(
                "step,parameter,restricted,low,high,range_low,range_high,categories_kept,categories_all,quasi_p,reason\n");
        for (Limit l : r.box()) {
            b.append(r.chosen()).append(',').append(cell(l.parameter())).append(',').append(l.restricted()).append(',')
                    .append(number(l.low())).append(',').append(number(l.high())).append(',').append(number(l.rangeLow()))
                    .append(',').append(number(l.rangeHigh())).append(',')
                    .append(l.kept() == null ? "" : cell(String.join(";", l.kept()))).append(',')
                    .append(l.all() == null ? "" : cell(String.join(";", l.all()))).append(',')
                    .append(probability(l.quasiP())).append(',').append(cell(l.reason())).append('\n');
        }
        return b.toString();
    }

    /** feature-scores.csv, by rank. */
    public static String scoresCsv(Result r) {
        StringBuilder b = new StringBuilder("rank,parameter,role,score,above_floor\n");
        for (Score s : r.scores()) {
            b.append(s.rank()).append(',').append(cell(s.parameter())).append(',').append(s.role()).append(',')
                    .append(number(s.score())).append(',').append(s.aboveFloor()).append('\n');
        }
        return b.toString();
    }
}
