package org.wijklab.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The main job: the standard scenarios on the default city, each with replications (seeds
 * scenario seed + 0, 1, ...), run in parallel, one model per thread, each into its own run folder
 * {@code runs/NN-name/seed-S}. The scenarios are embedded in the jar (copies of {@code scenarios/}),
 * or read from a folder.
 */
public final class Study {
    /** The standard scenarios in report order; the first is the reference the others are compared with. */
    public static final List<String> STANDARD = List.of("baseline", "krachtwijk", "single-theme", "no-best-persons",
            "copied-programme-original", "copied-programme", "short-programme", "long-programme", "wijkteam-integral",
            "wijkteam-fragmented", "crisis-no-programme", "crisis", "restructuring-mixed-tenure", "allocation-income-floor");
    private static final String RESOURCE = "/org/wijklab/scenarios/";

    private Study() {
    }

    /** One scenario of the study with where it came from. */
    public record Entry(String file, String source, Scenario scenario) {
    }

    /** The standard scenarios, from the jar (folder null) or from a folder holding the same file names. */
    public static List<Entry> standard(Path folder) {
        List<Entry> out = new ArrayList<>();
        for (String name : STANDARD) {
            out.add(standard(folder, name));
        }
        return out;
    }

    /**
     * One standard scenario by its file name without .json: embedded in the jar (folder null), so
     * that the program needs no checkout, or from a folder holding the same file names.
     */
    public static Entry standard(Path folder, String name) {
        String file = name + ".json";
        if (folder == null) {
            try (InputStream in = Study.class.getResourceAsStream(RESOURCE + file)) {
                if (in == null) {
                    throw new IllegalStateException("embedded scenario " + file + " missing from the build");
                }
                String source = "embedded scenarios/" + file;
                return new Entry(file, source, ScenarioLoader.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), source));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path p = folder.resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new ScenarioException(p + ": no such file (the standard scenarios are needed)");
        }
        return new Entry(file, p.toString(), ScenarioLoader.load(p));
    }

    /**
     * What a study folder was started with ({@code study.json}): the replications and every adjusted
     * scenario's SHA-256, so that the same command resumes it and another is refused; with each
     * scenario the file it was read from and that file's scenario's SHA-256, so that a refusal can
     * name the file that changed.
     */
    public static String identity(List<Entry> entries, UnaryOperator<Scenario> adjust, int replications) {
        com.fasterxml.jackson.databind.node.ObjectNode root = ScenarioLoader.mapper().createObjectNode();
        root.put("replications", replications);
        com.fasterxml.jackson.databind.node.ArrayNode list = root.putArray("scenarios");
        for (Entry e : entries) {
            Scenario s = adjust.apply(e.scenario());
            com.fasterxml.jackson.databind.node.ObjectNode x = list.addObject();
            x.put("name", s.name());
            x.put("sha256", ScenarioLoader.sha256(s));
            x.put("file", e.source());
            x.put("fileSha256", ScenarioLoader.sha256(e.scenario()));
        }
        try {
            return ScenarioLoader.mapper().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Why a study folder's {@code study.json} is not the study given by {@code identity} (both as
     * {@link #identity} writes them), or null when it is the same study: the same replications and
     * the same adjusted scenarios, in order (where the scenarios were read from does not matter).
     */
    public static String differs(String recorded, String identity) {
        com.fasterxml.jackson.databind.JsonNode was;
        com.fasterxml.jackson.databind.JsonNode now;
        try {
            was = ScenarioLoader.mapper().readTree(recorded);
            now = ScenarioLoader.mapper().readTree(identity);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "holds a study of other scenarios or replications (its study.json is not one)";
        }
        if (was == null || !was.path("replications").isInt() || !was.path("scenarios").isArray()) {
            return "holds a study of other scenarios or replications (its study.json is not one)";
        }
        if (was.path("replications").asInt() != now.path("replications").asInt()) {
            return "holds a study of other scenarios or replications (started with --replications "
                    + was.path("replications").asInt() + ", not " + now.path("replications").asInt() + ")";
        }
        com.fasterxml.jackson.databind.JsonNode a = was.path("scenarios");
        com.fasterxml.jackson.databind.JsonNode b = now.path("scenarios");
        boolean same = a.size() == b.size();
        for (int i = 0; same && i < a.size(); i++) {
            same = a.get(i).path("name").asText().equals(b.get(i).path("name").asText())
                    && a.get(i).path("sha256").asText().equals(b.get(i).path("sha256").asText());
        }
        if (same) {
            return null;
        }
        // a scenario file edited since: named with both hashes
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String before = a.get(i).path("fileSha256").asText();
            String after = b.get(i).path("fileSha256").asText();
            if (!before.isEmpty() && a.get(i).path("file").asText().equals(b.get(i).path("file").asText()) && !before.equals(after)) {
                return "scenario " + b.get(i).path("file").asText() + " changed since this study started (sha256 "
                        + SweepFolder.shortHash(before) + " now " + SweepFolder.shortHash(after) + "); start a new --out";
            }
        }
        return "holds a study of other scenarios or replications (another scenario file, --scenarios, --years, --residents "
                + "or --set); give another --out";
    }

    /** The run folder of every run of the study, in study order. */
    public static List<Path> folders(List<Entry> entries, UnaryOperator<Scenario> adjust, int replications, Path dir) {
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Scenario s = adjust.apply(entries.get(i).scenario());
            for (int r = 0; r < replications; r++) {
                folders.add(folder(dir, i, s.withSeed(Replicator.seed(s.seed(), r))));
            }
        }
        return folders;
    }

    private static Path folder(Path dir, int i, Scenario job) {
        return dir.resolve("runs").resolve(String.format("%02d-%s", i + 1, job.name().replaceAll("[^A-Za-z0-9._-]", "_")))
                .resolve("seed-" + job.seed());
    }

    /** How many of a study's runs are finished in dir (their folders are there: folders are written whole). */
    public static int finished(List<Entry> entries, UnaryOperator<Scenario> adjust, int replications, Path dir) {
        int n = 0;
        for (Path f : folders(entries, adjust, replications, dir)) {
            if (Files.isRegularFile(f.resolve(Runner.MANIFEST))) {
                n++;
            }
        }
        return n;
    }

    /**
     * Runs every entry, changed by adjust (e.g. years or residents), with the given replications into
     * dir/runs; returns the run folders in study order.
     */
    public static List<Path> run(List<Entry> entries, UnaryOperator<Scenario> adjust, int replications, int threads,
            Path dir, String commandLine) {
        return run(entries, adjust, replications, threads, dir, commandLine, Progress.NONE);
    }

    /** The same, telling progress after every finished run. */
    public static List<Path> run(List<Entry> entries, UnaryOperator<Scenario> adjust, int replications, int threads,
            Path dir, String commandLine, Progress progress) {
        List<Path> folders = new ArrayList<>();
        List<Scenario> jobs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Scenario s = adjust.apply(entries.get(i).scenario());
            for (int r = 0; r < replications; r++) {
                Scenario job = s.withSeed(Replicator.seed(s.seed(), r));
                jobs.add(job);
                sources.add(entries.get(i).source());
                folders.add(folder(dir, i, job));
            }
        }
        // a run whose folder is there finished (folders are written whole): a resumed study skips it
        List<Integer> indices = new ArrayList<>();
        for (int k = 0; k < jobs.size(); k++) {
            if (!Files.isRegularFile(folders.get(k).resolve(Runner.MANIFEST))) {
                indices.add(k);
            }
        }
        int done = jobs.size() - indices.size();
        Progress shifted = (d, total) -> progress.update(done + d, done + total);
        Replicator.map(indices, k -> Runner.run(jobs.get(k), sources.get(k), folders.get(k), commandLine), threads, shifted);
        return folders;
    }
}
