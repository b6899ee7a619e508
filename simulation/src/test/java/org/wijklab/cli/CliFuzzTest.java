package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wijklab.experiment.HeapEstimate;
import org.wijklab.fuzz.Mutations;
import org.wijklab.fuzz.Tries;

/**
 * Fuzzing of every command: random flags with odd values, random paths (empty, /proc, a file, a
 * full folder, names with control characters), mutated scenario and sweep files. Each try ends in
 * success or in exit 2 with one line on standard error and nothing written, within its timeout;
 * never an internal error or a stack trace. No simulation runs: the heap limit is set to one
 * byte, so a job that passes every check is refused by the heap estimate before a city is built.
 * The tries are fixed ({@link Tries}): the same command lines on every run, each failure named by
 * its seed.
 */
class CliFuzzTest {
    static Path dir;
    static List<String> scenarios;
    static List<String> sweeps;
    static final AtomicInteger TRIES = new AtomicInteger();
    static final AtomicInteger SUCCEEDED = new AtomicInteger();
    static final AtomicLong NANOS = new AtomicLong();

    static final String[] COMMANDS = {"run", "study", "sweep", "merge", "compare", "validate", "gui", "help", "bogus", ""};
    static final Map<String, String[]> OPTIONS = Map.of(
            "run", new String[] {"--out", "--seed", "--years", "--residents", "--moves-log", "--no-moves-log", "--threads", "--quiet", "--set"},
            "study", new String[] {"--replications", "--years", "--residents", "--threads", "--scenarios", "--set", "--quiet", "--out",
                "--report-only", "--horizon"},
            "sweep", new String[] {"--out", "--threads", "--runs", "--quiet", "--ci-width", "--max-replications", "--shard"},
            "merge", new String[] {"--out"},
            "compare", new String[] {"--out", "--map-years", "--horizon"},
            "validate", new String[] {"--quick", "--replications", "--threads", "--scenarios", "--quiet", "--out", "--set"},
            "gui", new String[] {"--compare", "--seed", "--residents", "--ticks", "--snapshot"});
    static final String[] FLAGS = {"--quick", "--quiet", "--moves-log", "--no-moves-log"};
    static final String[] VALUES = {"0", "1", "2", "-1", "3", "500", "20000000", "99999999999", "1e308", "NaN", "abc", "", " ",
        "1/2", "3/2", "0/0", "all", "none", "end", "0,end", "-5,x", "policy.themes.teamCareShare=0.5", "policy.themes.fragmentationLoss=0.5", "programmes[*].team.proximity=0.9",
        "years=", "=1", "a\nb", "\u0000", "--out", "-", "\u001b[31m", "é", "2147483648"};

    @BeforeAll
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("wijklab-cli-fuzz-");
        scenarios = Mutations.read(Path.of("scenarios"), "[!s]*.json");
        sweeps = Mutations.read(Path.of("scenarios"), "sweep-*.json");
        Files.writeString(dir.resolve("file.txt"), "not a folder");
        Files.createDirectories(dir.resolve("full"));
        Files.writeString(dir.resolve("full/keep.txt"), "mine");
        Files.createDirectories(dir.resolve("empty"));
        Files.createDirectories(dir.resolve("scenarios"));
        try (var s = Files.newDirectoryStream(Path.of("scenarios"), "*.json")) {
            for (Path p : s) {
                Files.copy(p, dir.resolve("scenarios").resolve(p.getFileName()));
            }
        }
    }

    @AfterAll
    static void tearDown() throws IOException {
        System.out.printf("CliFuzzTest: %d tries (%d ended in success) in %.1f s%n", TRIES.get(), SUCCEEDED.get(), NANOS.get() / 1e9);
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String path(Random r, Path work) {
        String[] pool = {"", "/proc/x", "/proc/self/x", "/proc", dir.resolve("file.txt").toString(), dir.resolve("full").toString(),
            dir.resolve("empty").toString(), work.resolve("new/deep/x").toString(), work.resolve("out").toString(),
            dir.resolve("file.txt/x").toString(), "/", ".", "..", "nope/none", work.resolve("a\nb").toString(),
            work.resolve("x.png").toString(), dir.resolve("scenarios/baseline.json").toString(),
            dir.resolve("scenarios").toString(), "/dev/null", "results"};
        return pool[r.nextInt(pool.length)];
    }

    /** A random command line; mutated files go to work. */
    static List<String> commandLine(long seed, Path work) throws IOException {
        Random r = new Random(seed);
        String command = COMMANDS[r.nextInt(COMMANDS.length)];
        List<String> args = new ArrayList<>();
        if (!command.isEmpty()) {
            args.add(command);
        }
        switch (command) {
            case "run", "gui" -> {
                if (r.nextBoolean()) {
                    Path f = work.resolve("scenario.json");
                    Files.write(f, Mutations.mutate(scenarios.get(r.nextInt(scenarios.size())), r.nextLong())
                            .getBytes(StandardCharsets.UTF_8));
                    args.add(f.toString());
                }
            }
            case "sweep" -> {
                Path f = dir.resolve("scenarios").resolve("fuzz-" + Math.abs(seed % 1000) + ".json");
                Files.write(f, (r.nextInt(4) == 0 ? sweeps.get(r.nextInt(sweeps.size()))
                        : Mutations.mutate(sweeps.get(r.nextInt(sweeps.size())), r.nextLong())).getBytes(StandardCharsets.UTF_8));
                args.add(f.toString());
            }
            case "merge", "compare" -> {
                for (int k = 0, n = 1 + r.nextInt(2); k < n; k++) {
                    args.add(path(r, work));
                }
            }
            case "help" -> args.add(COMMANDS[r.nextInt(COMMANDS.length)]);
            default -> {
            }
        }
        String[] options = OPTIONS.getOrDefault(command, new String[] {"--out", "--nope"});
        boolean out = false;
        for (int k = 0, n = r.nextInt(5); k < n; k++) {
            String o = r.nextInt(8) == 0 ? "--" + Mutations.pick(r, VALUES) : options[r.nextInt(options.length)];
            args.add(o);
            out |= o.equals("--out") || o.equals("--report-only") || o.equals("--snapshot");
            if (List.of(FLAGS).contains(o)) {
                continue;
            }
            if (o.equals("--compare")) {
                args.add(path(r, work));
            }
            boolean pathValued = List.of("--out", "--scenarios", "--report-only", "--snapshot", "--compare").contains(o);
            args.add(pathValued ? path(r, work) : Mutations.pick(r, VALUES));
        }
        if (!out && !command.equals("gui")) {
            // never the default folder under results/
            args.add("--out");
            args.add(work.resolve("out").toString());
        }
        return args;
    }

    static TreeMap<String, Long> tree(Path root) {
        return BadInputTest.tree(root);
    }

    @Test
    void everyCommandSucceedsOrFailsInOneLineWritingNothing() {
        Tries.check("command lines", 5, 800, this::oneCommandLine);
    }

    private void oneCommandLine(long seed) throws Exception {
        Path work = Files.createTempDirectory(dir, "try-");
        List<String> args = commandLine(seed, work);
        TreeMap<String, Long> before = tree(dir);
        boolean results = Files.exists(Path.of("results"));
        TreeMap<String, Long> resultsBefore = results ? tree(Path.of("results")) : null;
        String what = "seed " + seed + ": wijklab " + String.join(" ", args.stream().map(a -> "'" + a + "'").toList());
        long t0 = System.nanoTime();
        System.setProperty(HeapEstimate.LIMIT_PROPERTY, "1");
        System.setProperty(WijkLabCli.LOG_DIR_PROPERTY, dir.resolve("logs").toString());
        CliTest.Outcome o;
        try {
            o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliTest.execute(args.toArray(new String[0])), what);
        } finally {
            System.clearProperty(HeapEstimate.LIMIT_PROPERTY);
            System.clearProperty(WijkLabCli.LOG_DIR_PROPERTY);
            TRIES.incrementAndGet();
            NANOS.addAndGet(System.nanoTime() - t0);
        }
        if (o.code() == 0) {
            SUCCEEDED.incrementAndGet();
            return;
        }
        if (o.code() != 2) {
            fail("exit " + o.code() + " for " + what + "\n" + o);
        }
        CliTest.assertOneErrorLine(o);
        assertTrue(o.err().length() < 1200, "a short message: " + o);
        assertEquals(before, tree(dir), "nothing written: " + what + "\n" + o);
        if (results) {
            assertEquals(resultsBefore, tree(Path.of("results")), "nothing under results/: " + what + "\n" + o);
        } else {
            assertFalse(Files.exists(Path.of("results")), "no results/: " + what);
        }
    }
}
