package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.Checkpoint;
import org.wijklab.experiment.Runner;

/** {@code wijklab run --checkpoint-every} and {@code --resume}: what they write, and their one-line refusals. */
class CheckpointCliTest {
    @TempDir
    Path tmp;

    private static CliTest.Outcome execute(String... args) {
        return CliTest.execute(args);
    }

    private static void assertOneLine(CliTest.Outcome r, String expected) {
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.err().contains(expected), r.toString());
    }

    @Test
    void checkpointEveryMustBePositiveAndWithinTheRun() {
        for (String bad : List.of("0", "-1", "-5")) {
            Path out = tmp.resolve("bad" + bad);
            CliTest.Outcome r = execute("run", "--residents", "1000", "--years", "2", "--checkpoint-every", bad,
                    "--out", out.toString());
            assertOneLine(r, "--checkpoint-every: " + bad + " must be 1 or more");
            assertFalse(Files.exists(out));
        }
        CliTest.Outcome r = execute("run", "--residents", "1000", "--years", "2", "--checkpoint-every", "2", "--out",
                tmp.resolve("long").toString());
        assertOneLine(r, "would write no checkpoint in a run of 2 years");
        assertOneLine(execute("run", "--checkpoint-every", "x", "--out", tmp.resolve("x").toString()), "x");
    }

    @Test
    void runWithCheckpointsThenResume() throws IOException {
        Path run = tmp.resolve("run");
        CliTest.Outcome r = execute("run", "--residents", "1500", "--years", "3", "--checkpoint-every", "1",
                "--moves-log", "--threads", "1", "--out", run.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("checkpoints/"), r.out());
        Path ckpt = run.resolve("checkpoints").resolve("year-002.ckpt.gz");
        assertTrue(Files.exists(ckpt));
        assertTrue(Files.exists(run.resolve("checkpoints").resolve("year-001.ckpt.gz")));

        Path resumed = tmp.resolve("resumed");
        r = execute("run", "--resume", ckpt.toString(), "--threads", "2", "--out", resumed.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Resumed after year 2,"), r.out());
        for (String f : List.of(Runner.NEIGHBOURHOODS, Runner.CITY, Runner.MOVES, Runner.ESCALATIONS)) {
            assertArrayEquals(Files.readAllBytes(run.resolve(f)), Files.readAllBytes(resumed.resolve(f)), f);
        }

        // without --out, into the folder the run was started for: it exists and is full
        r = execute("run", "--resume", ckpt.toString());
        assertOneLine(r, "folder exists and is not empty");
    }

    @Test
    void resumeRefusesWhatWouldChangeTheRun() throws IOException {
        Path ckpt = tmp.resolve("some.ckpt.gz");
        Files.write(ckpt, new byte[] {1, 2, 3});
        for (List<String> extra : List.of(List.of("scenarios/baseline.json"), List.of("--seed", "3"),
                List.of("--years", "4"), List.of("--residents", "900"), List.of("--set", "seed=2"),
                List.of("--moves-log"), List.of("--no-moves-log"), List.of("--checkpoint-every", "1"))) {
            List<String> args = new java.util.ArrayList<>(List.of("run", "--resume", ckpt.toString(), "--out",
                    tmp.resolve("o").toString()));
            args.addAll(extra);
            CliTest.Outcome r = execute(args.toArray(new String[0]));
            assertOneLine(r, "--resume: the checkpoint carries its scenario");
            assertTrue(r.err().contains(extra.get(0)), r.toString());
        }
        assertOneLine(execute("run", "--resume", ckpt.toString(), "--out", tmp.resolve("o").toString()),
                "not a WijkLab checkpoint");
        assertOneLine(execute("run", "--resume", tmp.resolve("missing.ckpt.gz").toString(), "--out",
                tmp.resolve("o").toString()), "no such file");
        assertFalse(Files.exists(tmp.resolve("o")));
        assertEquals("checkpoints", Checkpoint.FOLDER);
    }
}
