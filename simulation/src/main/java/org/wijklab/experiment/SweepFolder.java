package org.wijklab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;
import org.wijklab.scenario.Sweep;

/**
 * A sweep's output folder while it runs: the manifest (not yet complete) and a journal of the
 * finished runs' rows, appended and flushed one by one as runs finish. Opening an existing folder
 * resumes it: it must belong to the same sweep file (by SHA-256), shard and choice of run folders;
 * a half-written last row of the journal is cut off, and run folders without a row (killed while
 * running, or finished an instant before their row) are removed, to be run again.
 */
final class SweepFolder {
    static final String JOURNAL = "runs.journal";

    private final Path out;
    private final int stride;
    private final int shard;
    private final int shards;
    private final SweepRows rows;
    private final boolean[] recorded;
    private int recordedCount;
    /** Per point: runs recorded; per run: the first metric's value (for adaptive replications; NaN without one). */
    private final int[] perPoint;
    private final double[] firstValues;
    private final boolean complete;
    private BufferedWriter journal;

    private SweepFolder(Path out, Sweep sweep, int stride, int shard, int shards, boolean complete) {
        this.out = out;
        this.stride = stride;
        this.shard = shard;
        this.shards = shards;
        this.rows = new SweepRows(sweep, stride);
        this.recorded = new boolean[sweep.points() * stride];
        this.perPoint = new int[sweep.points()];
        this.firstValues = new double[sweep.points() * stride];
        java.util.Arrays.fill(firstValues, Double.NaN);
        this.complete = complete;
    }

    /** Opens (creating, or resuming) the folder of shard i of n of a sweep. */
    static SweepFolder open(Path out, Sweep sweep, int shard, int shards, boolean keepRuns, int stride,
            SweepRunner.Adaptive adaptive) {
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new ScenarioException("--out " + out + ": exists and is not a folder");
            }
            boolean empty = !Files.exists(out) || isEmpty(out);
            if (empty) {
                Files.createDirectories(Folders.realPath(out));
                SweepRunner.writeManifest(sweep, sweep.metrics(), out.resolve(SweepRunner.MANIFEST), java.time.Instant.now(),
                        0.0, keepRuns, "", shard, shards, false, adaptive);
                SweepFolder f = new SweepFolder(out, sweep, stride, shard, shards, false);
                f.openJournal();
                return f;
            }
            Path manifest = out.resolve(SweepRunner.MANIFEST);
            if (!Files.isRegularFile(manifest)) {
                throw new ScenarioException("--out " + out + ": not empty and not a sweep's folder (no manifest.json)");
            }
            JsonNode m;
            try {
                m = ScenarioLoader.mapper().readTree(manifest.toFile());
            } catch (IOException e) {
                throw new ScenarioException("--out " + out + ": its manifest.json cannot be read (" + e.getMessage() + ")");
            }
            if (!m.has("sweepSha256")) {
                throw new ScenarioException("--out " + out + (m.has("scenarioSha256")
                        ? ": holds a run (its manifest.json is a single run's), not a sweep; give another --out"
                        : ": not a sweep's folder (its manifest.json is not a sweep's); give another --out"));
            }
            // a manifest without the key is of a sweep without twins
            if (m.path("counterfactual").asBoolean(false) != sweep.counterfactual()) {
                throw new ScenarioException("--out " + out + ": was started " + (sweep.counterfactual() ? "without" : "with")
                        + " counterfactual twins (sweep.counterfactual " + !sweep.counterfactual() + "); its runs cannot be "
                        + "joined with runs " + (sweep.counterfactual() ? "with" : "without") + " them: start a new --out");
            }
            if (!sweep.sha256().equals(m.path("sweepSha256").asText())) {
                throw new ScenarioException("--out " + out + ": holds sweep '" + m.path("sweep").asText()
                        + "' of another sweep file (SHA-256 differs); give another --out");
            }
            if (m.path("shard").asInt(-1) != shard || m.path("shards").asInt(-1) != shards) {
                throw new ScenarioException("--out " + out + ": holds shard " + (m.path("shard").asInt() + 1) + "/"
                        + m.path("shards").asInt() + ", not " + (shard + 1) + "/" + shards);
            }
            if (m.path("keepRuns").asBoolean(true) != keepRuns) {
                throw new ScenarioException("--out " + out + ": was started with --runs "
                        + (m.path("keepRuns").asBoolean() ? "all" : "none") + "; resume it with the same");
            }
            boolean wasAdaptive = m.has("maxReplications");
            if (wasAdaptive != (adaptive != null) || adaptive != null
                    && (m.path("maxReplications").asInt() != adaptive.maxReplications()
                    || m.path("ciWidth").asDouble() != adaptive.ciWidth())) {
                throw new ScenarioException("--out " + out + ": was started with "
                        + (wasAdaptive ? "--ci-width " + m.path("ciWidth").asDouble() + " --max-replications "
                        + m.path("maxReplications").asInt() : "the sweep's own replications") + "; resume it with the same");
            }
            if (!m.path("complete").asBoolean(false)) {
                SweepRunner.checkMethodsVersion(m, "--out " + out);
            }
            // every file the sweep reads is as it was when the folder was started: runs of two bases never mix
            String base = ScenarioLoader.sha256(sweep.base());
            String was = m.path("baseScenarioSha256").asText();
            if (!base.equals(was)) {
                throw new ScenarioException("--out " + out + ": base scenario " + sweep.baseFile().getFileName()
                        + " changed since this sweep started (sha256 " + shortHash(was) + " now " + shortHash(base)
                        + "); start a new --out");
            }
            if (m.path("complete").asBoolean(false)) {
                return new SweepFolder(out, sweep, stride, shard, shards, true);
            }
            SweepFolder f = new SweepFolder(out, sweep, stride, shard, shards, false);
            f.removeLeftovers();
            f.readJournal();
            if (keepRuns) {
                f.removeUnrecordedRuns(sweep);
            }
            f.openJournal();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first 12 hex digits of a SHA-256, enough to tell two apart in a message. */
    static String shortHash(String sha256) {
        return sha256 == null || sha256.isEmpty() ? "none" : sha256.length() > 12 ? sha256.substring(0, 12) + "..." : sha256;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Removes what a kill while runs.csv was being written leaves: the sort's parts and the half-written file. */
    private void removeLeftovers() throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(".sort") || n.equals("." + SweepRunner.RUNS + ".partial") || n.equals("." + JOURNAL + ".partial")) {
                    Folders.deleteTree(p);
                }
            }
        }
    }

    /**
     * Reads the journal's finished rows, cutting off a half-written last one. Every row is checked
     * ({@link SweepRows}) and must be a run of this shard; a run id is taken once: a row repeated
     * word for word is dropped (and the journal written again without it), two different rows of
     * one run are a damaged journal, refused in one line.
     */
    private void readJournal() throws IOException {
        Path file = out.resolve(JOURNAL);
        if (!Files.exists(file)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.truncate(end);
            }
        }
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        java.util.Map<Integer, String> byId = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> lineOf = new java.util.HashMap<>();
        StringBuilder kept = new StringBuilder();
        boolean repeated = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            SweepRows.Row row = rows.check(file.toString(), i + 1, line);
            if (row.id() % shards != shard) {
                throw new ScenarioException(file + ": line " + (i + 1) + ", column 'run_id': run " + row.id()
                        + " is not of shard " + (shard + 1) + "/" + shards + "; the journal is damaged");
            }
            String before = byId.putIfAbsent(row.id(), line);
            if (before != null) {
                if (!before.equals(line)) {
                    throw new ScenarioException(file + ": lines " + lineOf.get(row.id()) + " and " + (i + 1)
                            + " are two different rows of run " + row.id() + "; the journal is damaged, start a new --out");
                }
                repeated = true;
                continue;
            }
            lineOf.put(row.id(), i + 1);
            kept.append(line).append('\n');
            mark(row.id(), row.firstMetric());
        }
        if (repeated) {
            // the journal without its repeated rows, moved into place whole
            Path tmp = file.resolveSibling("." + JOURNAL + ".partial");
            Files.writeString(tmp, kept, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Removes half-written run folders and folders of runs that have no row: they run again. */
    private void removeUnrecordedRuns(Sweep sweep) throws IOException {
        Path runs = out.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return;
        }
        try (Stream<Path> points = Files.list(runs)) {
            for (Path p : points.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    Folders.deleteTree(p);
                    continue;
                }
                if (!name.matches("point-[0-9]{4,9}") || Integer.parseInt(name.substring(6)) >= sweep.points()) {
                    throw new ScenarioException("--out " + out + ": runs/" + name + " is not a point of this sweep; give another --out");
                }
                int point = Integer.parseInt(name.substring("point-".length()));
                try (Stream<Path> reps = Files.list(p)) {
                    for (Path r : reps.toList()) {
                        String rn = r.getFileName().toString();
                        if (rn.startsWith(".")) {
                            Folders.deleteTree(r);
                            continue;
                        }
                        if (!rn.matches("rep-[0-9]{3,9}") || Integer.parseInt(rn.substring(4)) >= stride) {
                            throw new ScenarioException("--out " + out + ": runs/" + name + "/" + rn
                                    + " is not a run of this sweep; give another --out");
                        }
                        int id = point * stride + Integer.parseInt(rn.substring("rep-".length()));
                        if (!recorded[id]) {
                            Folders.deleteTree(r);
                        }
                    }
                }
            }
        }
    }

    private void openJournal() throws IOException {
        journal = Files.newBufferedWriter(out.resolve(JOURNAL), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    boolean complete() {
        return complete;
    }

    boolean recorded(int id) {
        return recorded[id];
    }

    int recordedCount() {
        return recordedCount;
    }

    /** Appends a finished run's row and flushes it, so that a kill after this keeps it. */
    synchronized void record(String row, double firstMetricValue) {
        int id = Integer.parseInt(row.substring(0, row.indexOf(',')));
        if (recorded[id]) {
            throw new IllegalStateException("run " + id + " is recorded twice in " + out.resolve(JOURNAL));
        }
        try {
            journal.write(row);
            journal.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mark(id, firstMetricValue);
    }

    private void mark(int id, double firstMetricValue) {
        recorded[id] = true;
        recordedCount++;
        perPoint[id / stride]++;
        firstValues[id] = firstMetricValue;
    }

    /** Runs of a point recorded so far. */
    int runs(int point) {
        return perPoint[point];
    }

    /**
     * The first metric's values of a point's recorded runs of replications below {@code upTo}, in
     * replication order whatever order the runs finished in (missing ones left out).
     */
    double[] firstMetric(int point, int upTo) {
        double[] v = new double[Math.min(upTo, stride)];
        int n = 0;
        for (int r = 0; r < v.length; r++) {
            int id = point * stride + r;
            if (recorded[id] && !Double.isNaN(firstValues[id])) {
                v[n++] = firstValues[id];
            }
        }
        return java.util.Arrays.copyOf(v, n);
    }

    void closeJournal() {
        try {
            if (journal != null) {
                journal.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Run ids whose rows are sorted in memory at a time when runs.csv is written. */
    static final int SORT_BUCKET = 50_000;

    /** runs.csv: the header and the journal's rows in run order, written beside and moved into place. */
    void writeSorted(String header, Path runsFile) throws IOException {
        Path tmp = runsFile.resolveSibling("." + runsFile.getFileName() + ".partial");
        sortById(out.resolve(JOURNAL), header, tmp, SORT_BUCKET);
        Files.move(tmp, runsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Writes the header and the rows of a file (lines that start with an integer id and a comma;
     * empty lines left out; a missing file has none) to target in id order, holding the rows of at
     * most {@code bucket} ids in memory: rows are first spread over files by id / bucket beside the
     * target, then each file is sorted and appended in turn.
     */
    static void sortById(Path rows, String header, Path target, int bucket) throws IOException {
        Path dir = Files.createTempDirectory(target.toAbsolutePath().getParent(), ".sort");
        try {
            java.util.TreeMap<Integer, BufferedWriter> parts = new java.util.TreeMap<>();
            try {
                if (Files.exists(rows)) {
                    try (java.io.BufferedReader r = Files.newBufferedReader(rows, StandardCharsets.UTF_8)) {
                        for (String line = r.readLine(); line != null; line = r.readLine()) {
                            if (line.isEmpty()) {
                                continue;
                            }
                            int b = id(line) / bucket;
                            BufferedWriter w = parts.get(b);
                            if (w == null) {
                                w = Files.newBufferedWriter(dir.resolve("part-" + b), StandardCharsets.UTF_8);
                                parts.put(b, w);
                            }
                            w.write(line);
                            w.write('\n');
                        }
                    }
                }
            } finally {
                for (BufferedWriter w : parts.values()) {
                    w.close();
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                w.write(header);
                for (int b : parts.keySet()) {
                    List<String> part = Files.readAllLines(dir.resolve("part-" + b), StandardCharsets.UTF_8);
                    part.sort((x, y) -> Integer.compare(id(x), id(y)));
                    for (String row : part) {
                        w.write(row);
                        w.write('\n');
                    }
                }
            }
        } finally {
            Folders.deleteTree(dir);
        }
    }

    void deleteJournal() throws IOException {
        Files.deleteIfExists(out.resolve(JOURNAL));
    }

    private static int id(String row) {
        return Integer.parseInt(row.substring(0, row.indexOf(',')));
    }
}
