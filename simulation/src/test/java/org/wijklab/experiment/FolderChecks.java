package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.wijklab.scenario.ScenarioLoader;

/** Checks on output folders shared by the writers' tests: whole, the same as another, no writer's leftovers. */
final class FolderChecks {
    private FolderChecks() {
    }

    /** A run folder is whole: its manifest lists its files, every one there, every CSV ending with a newline. */
    static void assertWholeRun(Path run) {
        Path manifest = run.resolve(Runner.MANIFEST);
        assertTrue(Files.isRegularFile(manifest), run + " has a final name but no manifest.json");
        JsonNode m = read(manifest);
        List<String> listed = new ArrayList<>();
        m.path("files").forEach(f -> listed.add(f.asText()));
        assertTrue(listed.contains(Runner.CITY), run + ": manifest lists " + listed);
        for (String f : listed) {
            Path p = run.resolve(f);
            assertTrue(Files.isRegularFile(p), run + ": " + f + " listed in the manifest but missing");
            if (f.endsWith(".csv")) {
                assertCsvWhole(p);
            }
        }
        assertEquals(new TreeSet<>(listed), names(run), run + ": the files are exactly the manifest's");
    }

    static void assertCsvWhole(Path csv) {
        try {
            byte[] b = Files.readAllBytes(csv);
            assertTrue(b.length > 0 && b[b.length - 1] == '\n', csv + " is empty or does not end with a newline");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed in a run folder's manifest. */
    static long seed(Path run) {
        return read(run.resolve(Runner.MANIFEST)).path("seed").asLong();
    }

    /**
     * Two run folders hold the same run: the same file names, every file the same bytes except the
     * manifest, whose times, wall time and command line may differ.
     */
    static void assertSameRun(Path expected, Path actual) {
        assertEquals(names(expected), names(actual), actual + ": files");
        for (String f : names(expected)) {
            if (f.equals(Runner.MANIFEST)) {
                assertEquals(stable(expected.resolve(f)), stable(actual.resolve(f)), actual + ": manifest.json");
            } else {
                assertArrayEquals(bytes(expected.resolve(f)), bytes(actual.resolve(f)), actual + ": " + f + " differs");
            }
        }
    }

    private static JsonNode stable(Path manifest) {
        ObjectNode m = (ObjectNode) read(manifest);
        m.remove(List.of("startTime", "endTime", "wallSeconds", "commandLine"));
        return m;
    }

    /** The names in a folder and below it, relative to it. */
    static TreeSet<String> names(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            TreeSet<String> out = new TreeSet<>();
            s.filter(Files::isRegularFile).forEach(p -> out.add(dir.relativize(p).toString()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Partial folders and claims of writers anywhere in and below a folder. */
    static List<Path> leftovers(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Folders.isWritersLeftover(p.getFileName().toString())).toList();
        } catch (IOException | UncheckedIOException e) {
            // something vanished while listing: a writer still at work
            throw new AssertionError("cannot list " + dir + ": " + e);
        }
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path p) {
        try {
            return ScenarioLoader.mapper().readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
