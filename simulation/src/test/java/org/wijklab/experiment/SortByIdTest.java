package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * runs.csv is sorted from the journal in buckets of run ids, so that memory does not grow with the
 * number of runs: with buckets far smaller than the rows (and sparse ids, as adaptive sweeps make),
 * the result is the rows in id order, and nothing is left beside it.
 */
class SortByIdTest {
    @Test
    void rowsComeOutInIdOrderWhateverTheBucketSize(@TempDir Path tmp) throws IOException {
        List<String> rows = new ArrayList<>();
        for (int id = 0; id < 3000; id += 1 + id % 3) {
            rows.add(id + ",p" + (id / 7) + ",x");
        }
        List<String> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(5));
        Path journal = tmp.resolve("runs.journal");
        Files.write(journal, shuffled);
        for (int bucket : new int[] {1, 37, 64, 5000}) {
            Path out = tmp.resolve("runs-" + bucket + ".csv");
            SweepFolder.sortById(journal, "run_id,a,b\n", out, bucket);
            List<String> lines = Files.readAllLines(out);
            assertEquals("run_id,a,b", lines.get(0));
            assertEquals(rows, lines.subList(1, lines.size()), "bucket " + bucket);
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".sort")), "the parts are removed");
        }
        Path none = tmp.resolve("none.csv");
        SweepFolder.sortById(tmp.resolve("missing.journal"), "run_id\n", none, 10);
        assertEquals(List.of("run_id"), Files.readAllLines(none), "no journal: the header alone");
    }
}
