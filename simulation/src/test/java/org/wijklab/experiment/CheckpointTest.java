package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Overrides;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;

/**
 * Checkpoints of a run: a run resumed from one writes the same bytes as the uninterrupted run, on
 * one thread and on two (krachtwijk for two years on a city of 4,000 residents, 4 years, with the moves log, so
 * that every kind of output file is written: the programme's tables, origins.csv and moves.csv);
 * a file that is not a whole checkpoint of this version is refused in one line.
 */
class CheckpointTest {
    @TempDir
    static Path dir;

    static Scenario scenario;
    /** The uninterrupted run, with a checkpoint after year 2. */
    static Path whole;

    @BeforeAll
    static void runWhole() {
        scenario = Overrides.parse(List.of("programmes[*].durationYears=2"))
                .apply(ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json"))).withResidents(4000).withYears(4)
                .withMovesLog(true).validate();
        whole = dir.resolve("whole");
        Runner.run(scenario, "krachtwijk.json", whole, "test", 1, 2);
    }

    private static Path checkpoint() {
        return whole.resolve(Checkpoint.FOLDER).resolve(Checkpoint.fileName(2));
    }

    @Test
    void aRunWritesItsCheckpointsAndStillTheSameFiles() throws IOException {
        assertEquals(List.of(Checkpoint.fileName(2)), list(whole.resolve(Checkpoint.FOLDER)),
                "one checkpoint, after year 2 (none after the last year), no temporary file left");
        Path plain = dir.resolve("plain");
        Runner.run(scenario, "krachtwijk.json", plain, "test", 1);
        assertFalse(Files.exists(plain.resolve(Checkpoint.FOLDER)), "no checkpoints unless asked for");
        assertSameRun(plain, whole);
    }

    @Test
    void aCheckpointEveryYear() throws IOException {
        Path every = dir.resolve("every");
        Scenario small = scenario.withMovesLog(false);
        Runner.Result r = Runner.run(small, "krachtwijk.json", every, "test", 2, 1);
        assertEquals(List.of("year-001.ckpt.gz", "year-002.ckpt.gz", "year-003.ckpt.gz"),
                list(every.resolve(Checkpoint.FOLDER)));
        assertFalse(r.files().contains(Runner.MOVES));
        for (int y = 1; y <= 3; y++) {
            Checkpoint.Loaded c = Checkpoint.read(every.resolve(Checkpoint.FOLDER).resolve(Checkpoint.fileName(y)));
            assertEquals(y, c.year());
            assertEquals(ScenarioLoader.sha256(small), ScenarioLoader.sha256(c.scenario()));
            assertEquals(12 * y, c.state.model.tick());
            assertEquals(1, c.checkpointEvery());
            assertEquals(every.toAbsolutePath(), c.target());
        }
    }

    @Test
    void resumedOnOneOrTwoThreadsTheFilesAreTheSameBytes() throws IOException {
        for (int threads : new int[] {1, 2}) {
            Path resumed = dir.resolve("resumed-" + threads);
            Checkpoint.Loaded c = Checkpoint.read(checkpoint());
            Runner.Result r = Runner.resume(c, resumed, "resume", threads);
            assertEquals(resumed, r.dir());
            assertSameRun(whole, resumed);
            assertEquals(List.of(Checkpoint.fileName(2)), list(resumed.resolve(Checkpoint.FOLDER)),
                    "the checkpoint resumed from is kept with the run");
            assertArrayEquals(Files.readAllBytes(checkpoint()),
                    Files.readAllBytes(resumed.resolve(Checkpoint.FOLDER).resolve(Checkpoint.fileName(2))));
        }
    }

    @Test
    void aCopiedCheckpointResumesAndGoesOnWritingCheckpoints() throws IOException {
        Path every = dir.resolve("every-moves");
        Runner.run(scenario, "krachtwijk.json", every, "test", 1, 1);
        Path copy = dir.resolve("elsewhere").resolve("copy.ckpt.gz");
        Files.createDirectories(copy.getParent());
        Files.copy(every.resolve(Checkpoint.FOLDER).resolve(Checkpoint.fileName(1)), copy);
        Path resumed = dir.resolve("resumed-from-copy");
        Runner.resume(Checkpoint.read(copy), resumed, "resume", 2);
        assertSameRun(every, resumed);
        assertEquals(List.of("year-001.ckpt.gz", "year-002.ckpt.gz", "year-003.ckpt.gz"),
                list(resumed.resolve(Checkpoint.FOLDER)));
        // a checkpoint written after a resume resumes to the same run again
        Path again = dir.resolve("resumed-again");
        Runner.resume(Checkpoint.read(resumed.resolve(Checkpoint.FOLDER).resolve(Checkpoint.fileName(3))), again,
                "resume", 1);
        assertSameRun(every, again);
    }

    @Test
    void theModelIsAMasonCheckpoint() throws IOException {
        WijkLabModel model = new WijkLabModel(scenario.withYears(1));
        model.start();
        model.schedule.step(model);
        Path file = dir.resolve("mason.ckpt");
        assertTrue(model.writeToCheckpoint(file.toFile()) != null, "MASON writes the model");
        WijkLabModel back = (WijkLabModel) sim.engine.SimState.readFromCheckpoint(file.toFile());
        assertEquals(model.tick(), back.tick());
        assertArrayEquals(model.neighbourhoods().residents, back.neighbourhoods().residents);
        model.finish();
    }

    @Test
    void notACheckpointIsRefusedInOneLine() throws IOException {
        byte[] random = new byte[5000];
        new Random(7).nextBytes(random);
        assertRefused(random, "not a WijkLab checkpoint");
        assertRefused(new byte[0], "truncated");
        assertRefused(gzip("just some text\n".repeat(100).getBytes(StandardCharsets.UTF_8)),
                "not a WijkLab checkpoint");
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        try (ObjectOutputStream s = new ObjectOutputStream(new GZIPOutputStream(other))) {
            s.writeUTF("something else");
            s.writeObject(List.of(1, 2, 3));
        }
        assertRefused(other.toByteArray(), "not a WijkLab checkpoint");
        byte[] bytes = Files.readAllBytes(checkpoint());
        for (int cut : new int[] {bytes.length / 10, bytes.length / 2, bytes.length - 9}) {
            assertRefused(Arrays.copyOf(bytes, cut), "truncated");
        }
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 6] ^= 1;
        assertRefused(flipped, "not a WijkLab checkpoint");
        ScenarioException missing = assertThrows(ScenarioException.class,
                () -> Checkpoint.read(dir.resolve("no-such.ckpt.gz")));
        assertTrue(missing.getMessage().endsWith("no-such.ckpt.gz: no such file"), missing.getMessage());
    }

    @Test
    void anotherVersionOrATamperedScenarioIsRefusedInOneLine() throws IOException {
        Checkpoint.Loaded c = Checkpoint.read(checkpoint());
        Path out = dir.resolve("rewritten");
        Files.createDirectories(out);
        for (var f : c.files.entrySet()) {
            Files.write(out.resolve(f.getKey()), f.getValue());
        }
        for (var o : c.state.outputs) {
            o.csv().reopen(out);
        }
        String json = ScenarioLoader.toJson(c.scenario());
        Checkpoint.write(c.state, out, 2, "0.0.1-other", json);
        assertRefused(Files.readAllBytes(out.resolve(Checkpoint.FOLDER).resolve(Checkpoint.fileName(2))),
                "written by WijkLab 0.0.1-other (checkpoint format " + Checkpoint.FORMAT + "), this is WijkLab "
                        + BuildInfo.version());
        ObjectNode tree = (ObjectNode) ScenarioLoader.mapper().readTree(json);
        tree.put("seed", 99);
        Checkpoint.write(c.state, out, 2, BuildInfo.version(), ScenarioLoader.mapper().writeValueAsString(tree));
        assertRefused(Files.readAllBytes(out.resolve(Checkpoint.FOLDER).resolve(Checkpoint.fileName(2))),
                "its scenario does not match its SHA-256");
        Checkpoint.write(c.state, out, 2, BuildInfo.version(), json);
        assertEquals(2, Checkpoint.read(out.resolve(Checkpoint.FOLDER).resolve(Checkpoint.fileName(2))).year(),
                "written again as it was, it is read");
        c.state.close();
    }

    @Test
    void aBuildWhoseClassesHaveOtherFieldsIsRefusedInOneLine() throws IOException {
        byte[] raw;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(checkpoint()))) {
            raw = in.readAllBytes();
        }
        byte[] field = "checkpointEvery".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(raw, field);
        assertTrue(at > 0 && indexOf(Arrays.copyOfRange(raw, at + 1, raw.length), field) < 0, "one descriptor");
        raw[at + field.length - 1] = 'x';
        assertRefused(gzip(raw), "holds classes this version cannot read");
    }

    private static int indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= in.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void assertRefused(byte[] bytes, String expected) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> Checkpoint.read(bytes, "CKPT"));
        assertTrue(e.getMessage().startsWith("CKPT: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every output file the same bytes; the manifests the same but for the clock and command line. */
    static void assertSameRun(Path expected, Path actual) throws IOException {
        JsonNode m = ScenarioLoader.mapper().readTree(expected.resolve(Runner.MANIFEST).toFile());
        List<String> files = ScenarioLoader.mapper().convertValue(m.get("files"),
                ScenarioLoader.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
        assertTrue(files.containsAll(List.of(Runner.MOVES, Runner.ORIGINS, Runner.COHORTS)) || !files.contains(
                Runner.MOVES), files.toString());
        List<String> actualFiles = list(actual).stream().filter(f -> !f.equals(Checkpoint.FOLDER)).toList();
        assertEquals(files.stream().sorted().toList(), actualFiles);
        for (String f : files) {
            if (!f.equals(Runner.MANIFEST)) {
                assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f);
            }
        }
        ObjectNode a = (ObjectNode) m;
        ObjectNode b = (ObjectNode) ScenarioLoader.mapper().readTree(actual.resolve(Runner.MANIFEST).toFile());
        for (String clock : List.of("startTime", "endTime", "wallSeconds", "commandLine")) {
            assertTrue(a.has(clock), clock);
            a.remove(clock);
            b.remove(clock);
        }
        assertEquals(a, b);
    }
}
