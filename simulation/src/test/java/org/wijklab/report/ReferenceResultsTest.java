package org.wijklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.Study;

/**
 * results/reference/ is the main job's report as committed. Regenerating it (the standard scenarios,
 * three replications each, the default city; the same as {@code ./wijklab study --report-only}) must
 * reproduce every committed summary CSV byte for byte: a run is a pure function of scenario and seed,
 * and the report of its files. This runs the whole main job (42 runs, a few minutes on 2 cores).
 */
class ReferenceResultsTest {
    static final Path REFERENCE = Path.of("results", "reference");

    @TempDir
    Path tmp;

    @Test
    void regeneratingTheReferenceReproducesItsSummaries() throws IOException {
        List<Path> committed;
        try (Stream<Path> s = Files.list(REFERENCE)) {
            committed = s.filter(p -> p.getFileName().toString().matches("summary-.*\\.csv")).sorted().toList();
        }
        assertTrue(committed.size() >= 8, "summary CSVs in " + REFERENCE + ": " + committed);
        Study.run(Study.standard(null), UnaryOperator.identity(), 3, Runtime.getRuntime().availableProcessors(),
                tmp.resolve("study"), "test");
        Path report = tmp.resolve("report");
        Report.write(List.of(tmp.resolve("study/runs")), report, Report.Options.defaults());
        try (Stream<Path> s = Files.list(report)) {
            assertEquals(committed.stream().map(p -> p.getFileName().toString()).toList(),
                    s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("summary-")).sorted().toList(),
                    "the same summary files");
        }
        for (Path c : committed) {
            List<String> expected = Files.readAllLines(c);
            List<String> actual = Files.readAllLines(report.resolve(c.getFileName()));
            assertEquals(expected.size(), actual.size(), c + ": rows");
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), actual.get(i), c + ": line " + (i + 1) + " differs");
            }
        }
        assertTrue(Files.isRegularFile(REFERENCE.resolve("index.html")), "the committed report has its index.html");
    }
}
