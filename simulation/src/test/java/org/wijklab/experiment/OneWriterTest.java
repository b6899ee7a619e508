package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * One writer per output folder, within one JVM: two runs of a small city with different seeds into
 * the same folder, in every order. The one that comes second is refused at once, writes nothing,
 * and the folder holds exactly the first one's complete run.
 */
class OneWriterTest {
    @TempDir
    static Path tmp;

    private static ExecutorService pool;
    private static Path refA;
    private static Path refB;

    private static Scenario scenario(long seed) {
        return ScenarioLoader.defaults().withResidents(3000).withYears(4).withSeed(seed);
    }

    private static Runner.Result run(long seed, Path out) {
        return Runner.run(scenario(seed), "test", out, "test");
    }

    @BeforeAll
    static void references() {
        pool = Executors.newFixedThreadPool(2);
        refA = run(1, tmp.resolve("ref-a")).dir();
        refB = run(2, tmp.resolve("ref-b")).dir();
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    /** Waits until a writer has claimed out (its partial folder is there). */
    private static void awaitPartial(Path out, Future<?> writer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !writer.isDone()) {
            try (Stream<Path> s = Files.list(out.toAbsolutePath().getParent())) {
                if (s.anyMatch(p -> p.getFileName().toString().startsWith("." + out.getFileName() + ".partial-"))) {
                    return;
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("the first writer never started writing " + out);
    }

    private static void assertRefused(Throwable e, String why) {
        Throwable t = e instanceof ExecutionException ? e.getCause() : e;
        assertTrue(t instanceof Folders.Refused, "refused, not " + t);
        assertEquals(1, t.getMessage().lines().count(), t.getMessage());
        assertTrue(t.getMessage().contains(why), t.getMessage());
    }

    /** The folder holds one run whole: the one with the manifest's seed, every file equal to its reference's. */
    private static void assertOneWholeRun(Path out, long seed) {
        FolderChecks.assertWholeRun(out);
        assertEquals(seed, FolderChecks.seed(out));
        FolderChecks.assertSameRun(seed == 1 ? refA : refB, out);
        assertEquals(List.of(), FolderChecks.leftovers(out.getParent()), "no partial folder or claim is left");
    }

    private void firstThenSecond(String name, long first, long second) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Path out = dir.resolve("out");
        Future<Runner.Result> a = pool.submit(() -> run(first, out));
        awaitPartial(out, a);
        Future<Runner.Result> b = pool.submit(() -> run(second, out));
        ExecutionException e = assertThrows(ExecutionException.class, () -> b.get(60, TimeUnit.SECONDS));
        assertRefused(e, "another wijklab is writing it (pid " + ProcessHandle.current().pid() + ")");
        assertEquals(out, a.get(120, TimeUnit.SECONDS).dir());
        assertOneWholeRun(out, first);
    }

    @Test
    void aStartsFirstAndBIsRefused() throws Exception {
        firstThenSecond("a-first", 1, 2);
    }

    @Test
    void bStartsFirstAndAIsRefused() throws Exception {
        firstThenSecond("b-first", 2, 1);
    }

    @Test
    void overlappingWritersLeaveOneWholeRun() throws Exception {
        for (int trial = 0; trial < 3; trial++) {
            Path out = Files.createDirectories(tmp.resolve("overlap-" + trial)).resolve("out");
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<Runner.Result>> writers = new ArrayList<>();
            for (long seed : new long[] {1, 2}) {
                writers.add(pool.submit(() -> {
                    together.await();
                    return run(seed, out);
                }));
            }
            long winner = -1;
            int refused = 0;
            for (int i = 0; i < 2; i++) {
                try {
                    writers.get(i).get(120, TimeUnit.SECONDS);
                    winner = i + 1;
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    assertTrue(c instanceof Folders.Refused, "refused, not " + c);
                    refused++;
                }
            }
            assertEquals(1, refused, "exactly one of two overlapping writers is refused");
            assertOneWholeRun(out, winner);
        }
    }

    @Test
    void aSecondWriterAfterTheFirstFinishedIsRefusedAsTheFolderIsNotEmpty() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("sequential")).resolve("out");
        run(2, out);
        Folders.Refused e = assertThrows(Folders.Refused.class, () -> run(1, out));
        assertRefused(e, "is not empty");
        assertOneWholeRun(out, 2);
    }

    @Test
    void theMoveNeverReplacesAFolderCompletedMeanwhile() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("meanwhile")).resolve("out");
        Folders.Refused e = assertThrows(Folders.Refused.class, () -> Folders.writeWhole(out, tmp -> {
            Files.writeString(tmp.resolve("mine.csv"), "mine\n");
            // another writer that takes no claim completes the folder while this one writes
            Files.createDirectories(out);
            Files.writeString(out.resolve("theirs.csv"), "theirs\n");
            return null;
        }));
        assertRefused(e, "completed it meanwhile");
        assertEquals(List.of("theirs.csv"), List.copyOf(FolderChecks.names(out)));
        assertEquals(List.of(), FolderChecks.leftovers(out.getParent()), "the refused writer's partial folder is gone");
    }

    @Test
    void anEmptyFolderIsReplacedWhole() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("empty").resolve("out"));
        Folders.writeWhole(out, tmp -> Files.writeString(tmp.resolve("a.csv"), "a\n"));
        assertEquals(List.of("a.csv"), List.copyOf(FolderChecks.names(out)));
    }

    @Test
    void staleLeftoversOfKilledWritersAreRemovedByTheNextWriter() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("stale"));
        Path out = dir.resolve("out");
        // what a kill -9 leaves: partial folders (of this and the earlier naming) and an unheld claim
        Files.createDirectories(dir.resolve(".out.partial-999999-1a2b")).resolve("x.csv");
        Files.writeString(dir.resolve(".out.partial-999999-1a2b").resolve("x.csv"), "half");
        Files.createDirectories(dir.resolve(".out.partial"));
        Files.writeString(dir.resolve(".out.lock"), "999999 -\n");
        // another folder's leftovers are not this writer's business
        Files.createDirectories(dir.resolve(".other.partial-1-2"));
        Folders.writeWhole(out, tmp -> Files.writeString(tmp.resolve("a.csv"), "a\n"));
        assertEquals(List.of(dir.resolve(".other.partial-1-2")), FolderChecks.leftovers(dir));
        assertEquals(List.of("a.csv"), List.copyOf(FolderChecks.names(out)));
    }

    @Test
    void resumableFoldersHaveOneWriterToo() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("resumable"));
        Path out = dir.resolve("sweep");
        try (Folders.Claim claim = Folders.claim(out)) {
            Folders.Refused e = assertThrows(Folders.Refused.class, () -> Folders.claim(out));
            assertRefused(e, "--out " + out + ": another wijklab is writing it (pid ");
            assertTrue(Files.exists(dir.resolve(".sweep.lock")), "the claim is a lock file beside the folder");
        }
        assertEquals(List.of(), FolderChecks.leftovers(dir), "a released claim leaves nothing");
        try (Folders.Claim again = Folders.claim(out)) {
            assertTrue(Files.exists(dir.resolve(".sweep.lock")));
        }
    }

    @Test
    void temporaryFoldersOfDeadProcessesAreRemoved() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String prefix = "wijklab-test-" + ProcessHandle.current().pid() + "x-";
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        Path stale = Files.createDirectories(base.resolve(prefix + gone.pid() + "-123"));
        Files.writeString(stale.resolve("a.csv"), "a\n");
        Path alive = Files.createDirectories(base.resolve(prefix + ProcessHandle.current().parent().orElseThrow().pid() + "-456"));
        try {
            Path mine = Folders.temporary(prefix);
            assertTrue(Files.isDirectory(mine));
            assertEquals(ProcessHandle.current().pid(), Folders.ownerOfTemporary(prefix, mine.getFileName().toString()));
            assertFalse(Files.exists(stale), "the dead process's temporary folder is gone");
            assertTrue(Files.exists(alive), "a live process's temporary folder stays");
            Folders.deleteTemporary(mine);
            assertFalse(Files.exists(mine));
        } finally {
            Folders.deleteQuietly(alive);
            Folders.deleteQuietly(stale);
        }
    }
}
