package org.wijklab.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes the validation table as CSV and Markdown, and renders it for the terminal. */
public final class ValidationReport {
    private ValidationReport() {
    }

    public static String table(List<Validation.Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-4s %-84s %-30s %-30s %s%n", "", "statistic", "target",
                "observed mean [95 % CI]", "result"));
        for (Validation.Result r : results) {
            sb.append(String.format(Locale.ROOT, "%-4s %-84s %-30s %-30s %s%n", r.pattern(), r.statistic(), r.target(),
                    observed(r), outcome(r, "FAIL")));
        }
        long passed = results.stream().filter(Validation.Result::pass).count();
        long na = results.stream().filter(r -> !r.evaluable()).count();
        sb.append(String.format(Locale.ROOT, "%d of %d statistics pass%s.%n", passed, results.size(),
                na == 0 ? "" : "; " + na + " not evaluable (NA)"));
        return sb.toString();
    }

    /** pass, the given word for a fail, or "not evaluable: REASON" for a statistic without a value. */
    static String outcome(Validation.Result r, String fail) {
        return !r.evaluable() ? "not evaluable: " + r.notEvaluable() : r.pass() ? "pass" : fail;
    }

    static String observed(Validation.Result r) {
        Statistics.Estimate e = r.observed();
        if (!r.evaluable()) {
            return "NA";
        }
        if (!e.hasInterval()) {
            return String.format(Locale.ROOT, "%.3g [no interval] (n=%d)", e.mean(), e.n());
        }
        return String.format(Locale.ROOT, "%.3g [%.3g, %.3g] (n=%d)", e.mean(), e.low(), e.high(), e.n());
    }

    public static void write(List<Validation.Result> results, Validation.Settings s, Path dir, String command) {
        try {
            Files.createDirectories(dir);
            StringBuilder csv = new StringBuilder("pattern,statistic,target,mean,ci_low,ci_high,replications,result,note\n");
            for (Validation.Result r : results) {
                Statistics.Estimate e = r.observed();
                csv.append(r.pattern()).append(',').append(quote(r.statistic())).append(',').append(quote(r.target()))
                        .append(',').append(num(e.mean())).append(',').append(num(e.low())).append(',')
                        .append(num(e.high())).append(',').append(e.n()).append(',')
                        .append(r.evaluable() ? (r.pass() ? "pass" : "fail") : "not evaluable").append(',')
                        .append(quote(r.evaluable() ? r.note() : r.notEvaluable() + (r.note().isEmpty() ? "" : "; " + r.note())))
                        .append('\n');
            }
            // validation.csv is written last and moved into place: its presence marks a finished suite
            Path csvTmp = dir.resolve(".validation.csv.partial");
            StringBuilder md = new StringBuilder();
            md.append("# Validation\n\n");
            md.append(String.format(Locale.ROOT,
                    "Command: `%s`. %d replications per scenario (seeds 1-%d, paired across scenarios), %,d residents, "
                    + "%d recorded years after a %d-year warm-up.%n%n",
                    command, s.replications(), s.replications(), s.residents(), s.years(), s.warmUpYears()));
            md.append("| pattern | statistic | target | observed mean [95 % CI] | result |\n|---|---|---|---|---|\n");
            for (Validation.Result r : results) {
                md.append("| ").append(r.pattern()).append(" | ").append(r.statistic())
                        .append(r.note().isEmpty() ? "" : " (" + r.note() + ")").append(" | ").append(r.target())
                        .append(" | ").append(observed(r)).append(" | ").append(outcome(r, "**fail**")).append(" |\n");
            }
            Files.writeString(dir.resolve("validation.md"), md, StandardCharsets.UTF_8);
            Files.writeString(csvTmp, csv, StandardCharsets.UTF_8);
            Files.move(csvTmp, dir.resolve("validation.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "NA";
    }

    private static String quote(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
