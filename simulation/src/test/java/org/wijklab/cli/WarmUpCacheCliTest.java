package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.WarmUpCache;

/** The commands' use of the warm-up cache: --no-warmup-cache keeps nothing, a limit that is not a size stops the command. */
class WarmUpCacheCliTest {
    @TempDir
    Path tmp;

    private String savedFolder;
    private String savedMax;

    @BeforeEach
    void ownCache() {
        savedFolder = System.getProperty(WarmUpCache.FOLDER_PROPERTY);
        savedMax = System.getProperty(WarmUpCache.MAX_PROPERTY);
        System.setProperty(WarmUpCache.FOLDER_PROPERTY, tmp.resolve("cache").toString());
        System.clearProperty(WarmUpCache.MAX_PROPERTY);
    }

    @AfterEach
    void restore() {
        for (String[] p : new String[][] {{WarmUpCache.FOLDER_PROPERTY, savedFolder}, {WarmUpCache.MAX_PROPERTY, savedMax}}) {
            if (p[1] == null) {
                System.clearProperty(p[0]);
            } else {
                System.setProperty(p[0], p[1]);
            }
        }
        WarmUpCache.use(true);
    }

    private List<Path> entries() throws IOException {
        if (!Files.isDirectory(tmp.resolve("cache"))) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp.resolve("cache"))) {
            return s.toList();
        }
    }

    @Test
    void noWarmupCacheKeepsNothingAndTheNextRunKeepsItsCity() throws IOException {
        String[] run = {"run", "--residents", "2000", "--years", "1", "--set", "warmUpYears=2", "--quiet", "--out"};
        CliTest.Outcome o = CliTest.execute(concat(run, tmp.resolve("a").toString(), "--no-warmup-cache"));
        assertEquals(0, o.code(), o.toString());
        assertEquals(List.of(), entries());
        o = CliTest.execute(concat(run, tmp.resolve("b").toString()));
        assertEquals(0, o.code(), o.toString());
        assertEquals(1, entries().size(), entries().toString());
        assertTrue(entries().get(0).getFileName().toString().endsWith(WarmUpCache.SUFFIX));
        assertTrue(WarmUpCache.inUse(), "a command without the option uses the cache again");
    }

    @Test
    void aLimitThatIsNotASizeIsOneLineAndNothingIsWritten() throws IOException {
        System.setProperty(WarmUpCache.MAX_PROPERTY, "4 gigabytes");
        Path out = tmp.resolve("out");
        CliTest.Outcome o = CliTest.execute("run", "--residents", "2000", "--years", "1", "--quiet", "--out", out.toString());
        assertEquals(WijkLabCli.USER_ERROR, o.code(), o.toString());
        CliTest.assertOneErrorLine(o);
        assertTrue(o.err().contains("is not a size"), o.toString());
        CliTest.assertNothingWritten(out);
        assertFalse(Files.exists(tmp.resolve("cache")));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
