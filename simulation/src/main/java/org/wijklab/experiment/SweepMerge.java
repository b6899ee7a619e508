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
 * sweep writes: runs.csv in run order, summary.csv, sensitivity.csv, noise.csv and a manifest. The shards must
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
        JsonNode first = null;
        Path firstDir = null;
        int[] shardOf = new int[dirs.size()];
        for (int k = 0; k < dirs.size(); k++) {
            Path d = dirs.get(k);
            JsonNode m = manifest(d);
            if (!m.path("complete").asBoolean(false)) {
                throw new ScenarioException("merge: " + d + " is not complete; run its shard again to finish it");
            }
            int n = m.path("shards").asInt();
            int i = m.path("shard").asInt();
            if (n < 1 || i < 0 || i >= n) {
                throw new ScenarioException("merge: " + d + ": its manifest.json names no shard (shard " + m.path("shard")
                        + " of " + m.path("shards") + ")");
            }
            String name = d + " (shard " + (i + 1) + "/" + n + ")";
            SweepRunner.checkMethodsVersion(m, "merge: " + name);
            if (first == null) {
                first = m;
                firstDir = d;
                shards = n;
                seen = new boolean[n];
            } else {
                String other = firstDir + " (shard " + (first.path("shard").asInt() + 1) + "/" + shards + ")";
                if (n != shards) {
                    throw new ScenarioException("merge: " + name + " is one of " + n + " shards, " + other + " one of " + shards);
                }
                differs(name, other, "the sweep file", m, first, "sweepSha256");
                differs(name, other, "the base scenario " + first.path("base").asText(), m, first, "baseScenarioSha256");
            }
            if (seen[i]) {
                throw new ScenarioException("merge: shard " + (i + 1) + "/" + n + " is given twice (" + d + ")");
            }
            seen[i] = true;
            shardOf[k] = i;
        }
        for (int i = 0; i < shards; i++) {
            if (!seen[i]) {
                throw new ScenarioException("merge: shard " + (i + 1) + "/" + shards + " is missing");
            }
        }
        // the files as they are now are the files the shards ran: the merged summary is of those
        if (!sweep.sha256().equals(first.path("sweepSha256").asText())) {
            throw new ScenarioException("merge: the sweep file " + sweep.file() + " changed since the shards ran (sha256 "
                    + SweepFolder.shortHash(first.path("sweepSha256").asText()) + " now " + SweepFolder.shortHash(sweep.sha256())
                    + "); run the shards again");
        }
        String base = ScenarioLoader.sha256(sweep.base());
        if (!base.equals(first.path("baseScenarioSha256").asText())) {
            throw new ScenarioException("merge: the base scenario " + sweep.baseFile() + " changed since the shards ran (sha256 "
                    + SweepFolder.shortHash(first.path("baseScenarioSha256").asText()) + " now " + SweepFolder.shortHash(base)
                    + "); run the shards again");
        }
        SweepRows check = new SweepRows(sweep, sweep.replications());
        int n = shards;
        int all = sweep.points() * sweep.replications();
        Folders.writeWhole(out, tmp -> {
            List<BufferedReader> readers = new ArrayList<>();
            try {
                String header = check.header();
                List<String> heads = new ArrayList<>();
                int[] lines = new int[dirs.size()];
                for (int k = 0; k < dirs.size(); k++) {
                    Path d = dirs.get(k);
                    BufferedReader r = Files.newBufferedReader(d.resolve(SweepRunner.RUNS), StandardCharsets.UTF_8);
                    readers.add(r);
                    String h = r.readLine();
                    if (!header.equals(h)) {
                        throw new ScenarioException("merge: " + d.resolve(SweepRunner.RUNS) + ": line 1: "
                                + (h == null ? "empty" : "the columns are not the sweep's (" + header + ")"));
                    }
                    lines[k] = 2;
                    heads.add(checked(check, d, 2, r.readLine(), shardOf[k], n));
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
                        heads.set(best, checked(check, dirs.get(best), ++lines[best], readers.get(best).readLine(),
                                shardOf[best], n));
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

    /** A shard's row checked ({@link SweepRows}), also that it is of its shard; null at the end of the file. */
    private static String checked(SweepRows check, Path dir, int line, String row, int shard, int shards) {
        if (row == null) {
            return null;
        }
        String file = dir.resolve(SweepRunner.RUNS).toString();
        int id = check.check("merge: " + file, line, row).id();
        if (id % shards != shard) {
            throw new ScenarioException("merge: " + file + ": line " + line + ", column 'run_id': run " + id + " is not of shard "
                    + (shard + 1) + "/" + shards + "; the file is damaged");
        }
        return row;
    }

    /** Refuses two shards that ran different files (told by the SHA-256 in their manifests). */
    private static void differs(String shard, String first, String what, JsonNode m, JsonNode firstManifest, String field) {
        String a = m.path(field).asText();
        String b = firstManifest.path(field).asText();
        if (!a.equals(b)) {
            throw new ScenarioException("merge: " + shard + " ran " + what + " with sha256 " + SweepFolder.shortHash(a)
                    + ", " + first + " with " + SweepFolder.shortHash(b) + "; the file was edited between the shards, run them again");
        }
    }

    private static JsonNode manifest(Path d) {
        Path m = d.resolve(SweepRunner.MANIFEST);
        if (!Files.isRegularFile(m)) {
            throw new ScenarioException("merge: " + d + ": not a sweep's folder (no manifest.json)");
        }
        JsonNode tree;
        try {
            tree = ScenarioLoader.mapper().readTree(m.toFile());
        } catch (IOException e) {
            throw new ScenarioException("merge: " + m + " cannot be read (" + e.getMessage() + ")");
        }
        if (tree == null || !tree.isObject() || !tree.path("sweepSha256").isTextual()) {
            throw new ScenarioException("merge: " + d + (tree != null && tree.has("scenarioSha256")
                    ? ": holds a run, not a sweep's shard" : ": not a sweep's folder (its manifest.json is not a sweep's)"));
        }
        return tree;
    }

    private static int id(String row) {
        return Integer.parseInt(row.substring(0, row.indexOf(',')));
    }

}
