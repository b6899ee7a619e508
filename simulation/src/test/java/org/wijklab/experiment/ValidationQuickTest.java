package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validation suite's quick mode on the standard scenarios (2 replications of the default
 * city, 12 years after a 10-year warm-up, both cores): every pattern V1-V10 is measured, every statistic is a finite number with
 * a confidence interval, and the table is written as CSV and Markdown. Whether each pattern passes
 * is reported by the suite itself (docs/VALIDATION.md), not asserted here.
 */
class ValidationQuickTest {

    @Test
    void quickModeMeasuresEveryPatternAndWritesTheTable(@TempDir Path out) throws Exception {
        Validation.Settings s = Validation.Settings.quick(Path.of("scenarios"), 2);
        List<Validation.Result> results = new Validation(s).run();
        Set<String> patterns = new TreeSet<>();
        for (Validation.Result r : results) {
            patterns.add(r.pattern());
            assertTrue(Double.isFinite(r.observed().mean()), r.pattern() + " " + r.statistic() + ": " + r.observed());
            assertTrue(Double.isFinite(r.observed().halfWidth()), r.pattern() + " " + r.statistic());
            assertEquals(2, r.observed().n(), "replications");
        }
        assertEquals(Set.of("V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9", "V10"), patterns);
        ValidationReport.write(results, s, out, "test");
        List<String> csv = Files.readAllLines(out.resolve("validation.csv"));
        assertEquals(results.size() + 1, csv.size());
        assertTrue(csv.get(0).startsWith("pattern,statistic,target,mean,ci_low,ci_high,replications,result"));
        String md = Files.readString(out.resolve("validation.md"));
        assertTrue(md.contains("| V10 |"), md);
        System.out.print(ValidationReport.table(results));
    }
}
