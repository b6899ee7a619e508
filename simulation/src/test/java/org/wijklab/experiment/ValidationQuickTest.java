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
 * is reported by the suite itself (docs/VALIDATION.md), not asserted here. Run with a folder of
 * run records, the suite resumes: with two records deleted (as by a kill), one of an older format
 * and a half-written one left behind, the same suite makes just those three runs again and gives
 * the same table.
 */
class ValidationQuickTest {

    @Test
    void theEmbeddedScenariosAreTheCheckoutsAndAnyOtherFolderIsRead(@TempDir Path other) throws Exception {
        List<Validation.Job> embedded = new Validation(Validation.Settings.quick(null, 2)).jobs();
        List<Validation.Job> checkout = new Validation(Validation.Settings.quick(Path.of("scenarios"), 2)).jobs();
        assertEquals(Validation.identity(checkout), Validation.identity(embedded));
        assertTrue(embedded.get(0).scenario().name().equals("baseline"));
        // a folder of its own is read instead: one changed value changes the suite's identity
        for (Path f : Files.list(Path.of("scenarios")).filter(p -> p.toString().endsWith(".json")).toList()) {
            Files.copy(f, other.resolve(f.getFileName()));
        }
        Path krachtwijk = other.resolve("krachtwijk.json");
        Files.writeString(krachtwijk, Files.readString(krachtwijk).replace("\"durationYears\": 6", "\"durationYears\": 5"));
        List<Validation.Job> edited = new Validation(Validation.Settings.quick(other, 2)).jobs();
        org.junit.jupiter.api.Assertions.assertNotEquals(Validation.identity(embedded), Validation.identity(edited));
        Files.delete(other.resolve("crisis.json"));
        org.wijklab.scenario.ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.wijklab.scenario.ScenarioException.class, () -> new Validation(Validation.Settings.quick(other, 2)).jobs());
        assertTrue(e.getMessage().contains("crisis.json: no such file"), e.getMessage());
    }

    @Test
    void quickModeMeasuresEveryPatternAndWritesTheTable(@TempDir Path out) throws Exception {
        // the standard scenarios embedded in the build: the suite needs no checkout
        Validation.Settings s = Validation.Settings.quick(null, 2);
        Path runs = out.resolve("runs");
        List<Validation.Result> results = new Validation(s).run(Progress.NONE, runs);
        Set<String> patterns = new TreeSet<>();
        for (Validation.Result r : results) {
            patterns.add(r.pattern());
            if (r.statistic().startsWith("targets' liveability change / city's") && !r.evaluable()) {
                // the one statistic defined to be NA: a ratio to a city whose liveability did not rise
                // (two replications at 20,000 residents; the full suite has ten at 100,000); it must say so
                assertTrue(r.notEvaluable().contains("not a number"), r.notEvaluable());
                assertTrue(!r.pass(), "an NA is never a pass");
                continue;
            }
            assertTrue(Double.isFinite(r.observed().mean()), r.pattern() + " " + r.statistic() + ": " + r.observed());
            // an interval, or none when both replications gave the same value (never one of zero width)
            assertTrue(Double.isFinite(r.observed().halfWidth()) ? r.observed().halfWidth() > 0
                    : ValidationReport.observed(r).contains("[no interval]"), r.pattern() + " " + r.statistic());
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
        for (Validation.Result r : results) {
            if (r.pattern().equals("V5") || r.pattern().equals("V8")) {
                System.out.println(r.pattern() + " note: " + r.note());
            }
        }

        List<Validation.Job> jobs = new Validation(s).jobs();
        for (int i : new int[] {0, jobs.size() - 1}) {
            Files.delete(jobs.get(i).file(runs));
        }
        // a record of an older format (1: without the escalation costs) is made again, not misread
        try (java.io.DataOutputStream o = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(
                Files.newOutputStream(jobs.get(17).file(runs))))) {
            o.writeInt(1);
        }
        Files.writeString(jobs.get(17).file(runs).resolveSibling(".rep-001.bin.gz.partial"), "half");
        int[] seen = {Integer.MAX_VALUE, 0};
        List<Validation.Result> resumed = new Validation(s).run((done, total) -> {
            synchronized (seen) {
                seen[0] = Math.min(seen[0], done);
                seen[1] = total;
            }
        }, runs);
        assertEquals(jobs.size(), seen[1], "the progress counts every run of the suite");
        assertEquals(jobs.size() - 2, seen[0], "the first run made is the third from last: only the 3 missing or old ones run");
        assertEquals(results, resumed, "records read back give the same statistics as the runs themselves");
        try (var files = Files.walk(runs)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertEquals(jobs.size(), all.size(), "one record per run, the half-written one removed: " + all);
        }
    }
}
