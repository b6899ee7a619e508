package org.wijklab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
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

    /**
     * Merges the shards' folders into out. Each shard's runs.csv is in run order, so the rows are
     * merged as streams (one row per shard in memory), checking that every run id of the sweep
     * appears exactly once.
     */
    public static void merge(Sweep sweep, List<Path> dirs, Path out, String commandLine) {
        int shards = -1;
        boolean[] seen = null;
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
        }
        for (int i = 0; i < shards; i++) {
            if (!seen[i]) {
                throw new ScenarioException("merge: shard " + (i + 1) + "/" + shards + " is missing");
            }
        }
        int all = sweep.points() * sweep.replications();
        Folders.writeWhole(out, tmp -> {
            List<BufferedReader> readers = new ArrayList<>();
            try {
                String header = null;
                List<String> heads = new ArrayList<>();
                for (Path d : dirs) {
                    BufferedReader r = Files.newBufferedReader(d.resolve(SweepRunner.RUNS), StandardCharsets.UTF_8);
                    readers.add(r);
                    String h = r.readLine();
                    if (header == null) {
                        header = h;
                    } else if (!header.equals(h)) {
                        throw new ScenarioException("merge: " + d + "/runs.csv has other columns than the first folder's");
                    }
                    heads.add(r.readLine());
                }
                try (BufferedWriter w = Files.newBufferedWriter(tmp.resolve(SweepRunner.RUNS), StandardCharsets.UTF_8)) {
                    w.write(header);
                    w.write('\n');
                    for (int k = 0; ; k++) {
                        int best = -1;
                        for (int i = 0; i < heads.size(); i++) {
                            String row = heads.get(i);
                            if (row != null && !row.isEmpty() && (best < 0 || id(row) < id(heads.get(best)))) {
                                best = i;
                            }
                        }
                        if (best < 0) {
                            if (k != all) {
                                throw new ScenarioException("merge: the shards hold " + k + " runs, the sweep has " + all);
                            }
                            break;
                        }
                        String row = heads.get(best);
                        if (id(row) != k) {
                            throw new ScenarioException("merge: run " + Math.min(k, id(row)) + " is missing or doubled");
                        }
                        w.write(row);
                        w.write('\n');
                        heads.set(best, readers.get(best).readLine());
                    }
                }
            } catch (IOException e) {
                throw new ScenarioException("merge: a shard's runs.csv cannot be read (" + e.getMessage() + ")");
            } finally {
                for (BufferedReader r : readers) {
                    r.close();
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
