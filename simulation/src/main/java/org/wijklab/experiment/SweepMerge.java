package org.wijklab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;
import org.wijklab.scenario.Sweep;

/**
 * Joins the folders of a sweep's shards ({@code sweep --shard i/N}) into the files one whole
 * sweep writes: runs.csv in run order, summary.csv, sensitivity.csv and a manifest. The shards must
 * be complete, of the same sweep file and shard count, and cover every part exactly once; every
 * run must be there exactly once. The shards' run folders stay where they are.
 */
public final class SweepMerge {
    private SweepMerge() {
    }

    /** The sweep file the shards ran, read from the first shard's manifest. */
    public static Path sweepFile(List<Path> dirs) {
        if (dirs.isEmpty()) {
            throw new ScenarioException("merge: give the shards' folders");
        }
        return Path.of(manifest(dirs.get(0)).path("sweepFile").asText());
    }

    public static void merge(Sweep sweep, List<Path> dirs, Path out, String commandLine) {
        int shards = -1;
        boolean[] seen = null;
        List<String> rows = new ArrayList<>();
        String header = null;
        for (Path d : dirs) {
            JsonNode m = manifest(d);
            if (!sweep.sha256().equals(m.path("sweepSha256").asText())) {
                throw new ScenarioException("merge: " + d + " holds another sweep file than the first folder");
            }
            if (!m.path("complete").asBoolean(false)) {
                throw new ScenarioException("merge: " + d + " is not complete; run its shard again to finish it");
            }
            int n = m.path("shards").asInt();
            int i = m.path("shard").asInt();
            if (shards < 0) {
                shards = n;
                seen = new boolean[n];
            } else if (n != shards) {
                throw new ScenarioException("merge: " + d + " is one of " + n + " shards, the first folder one of " + shards);
            }
            if (seen[i]) {
                throw new ScenarioException("merge: shard " + (i + 1) + "/" + n + " is given twice (" + d + ")");
            }
            seen[i] = true;
            try {
                List<String> lines = Files.readAllLines(d.resolve(SweepRunner.RUNS), StandardCharsets.UTF_8);
                if (header == null) {
                    header = lines.get(0);
                } else if (!header.equals(lines.get(0))) {
                    throw new ScenarioException("merge: " + d + "/runs.csv has other columns than the first folder's");
                }
                rows.addAll(lines.subList(1, lines.size()));
            } catch (IOException e) {
                throw new ScenarioException("merge: " + d + "/runs.csv cannot be read (" + e.getMessage() + ")");
            }
        }
        for (int i = 0; i < shards; i++) {
            if (!seen[i]) {
                throw new ScenarioException("merge: shard " + (i + 1) + "/" + shards + " is missing");
            }
        }
        int all = sweep.points() * sweep.replications();
        rows.sort((a, b) -> Integer.compare(id(a), id(b)));
        if (rows.size() != all) {
            throw new ScenarioException("merge: the shards hold " + rows.size() + " runs, the sweep has " + all);
        }
        for (int k = 0; k < all; k++) {
            if (id(rows.get(k)) != k) {
                throw new ScenarioException("merge: run " + k + " is missing or doubled");
            }
        }
        String h = header;
        Folders.writeWhole(out, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp.resolve(SweepRunner.RUNS), StandardCharsets.UTF_8)) {
                w.write(h);
                w.write('\n');
                for (String r : rows) {
                    w.write(r);
                    w.write('\n');
                }
            }
            SweepRunner.finish(sweep, sweep.metrics(), tmp, sweep.replications());
            SweepRunner.writeManifest(sweep, sweep.metrics(), tmp.resolve(SweepRunner.MANIFEST), Instant.now(), 0.0, false,
                    commandLine, 0, 1, true, null);
            return null;
        });
    }

    private static JsonNode manifest(Path d) {
        Path m = d.resolve(SweepRunner.MANIFEST);
        if (!Files.isRegularFile(m)) {
            throw new ScenarioException("merge: " + d + ": not a sweep's folder (no manifest.json)");
        }
        try {
            return ScenarioLoader.mapper().readTree(m.toFile());
        } catch (IOException e) {
            throw new ScenarioException("merge: " + m + " cannot be read (" + e.getMessage() + ")");
        }
    }

    private static int id(String row) {
        return Integer.parseInt(row.substring(0, row.indexOf(',')));
    }

}
