package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.OwnWarmUpCache;
import org.wijklab.experiment.WarmUpCache;

/** The commands' use of the warm-up cache: --no-warmup-cache keeps nothing, a limit that is not a size stops the command. */
class WarmUpCacheCliTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final OwnWarmUpCache cache = new OwnWarmUpCache();

    private List<Path> entries() throws IOException {
        if (!Files.isDirectory(cache.folder())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache.folder())) {
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
        assertFalse(Files.exists(cache.folder()));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
