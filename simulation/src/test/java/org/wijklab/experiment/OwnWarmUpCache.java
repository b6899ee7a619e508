package org.wijklab.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's own warm-up cache (register it with {@code @RegisterExtension}): before each test the
 * cache's settings point at a new empty folder ({@link #folder()}, not yet created), without a
 * limit of their own, the cache in use; afterwards the settings are put back (the tests of one
 * JVM share the system properties) and the folder is deleted.
 */
public final class OwnWarmUpCache implements BeforeEachCallback, AfterEachCallback {
    private String folderSetting;
    private String maxSetting;
    private Path base;

    /** The test's cache folder. */
    public Path folder() {
        return base.resolve("cache");
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        folderSetting = System.getProperty(WarmUpCache.FOLDER_PROPERTY);
        maxSetting = System.getProperty(WarmUpCache.MAX_PROPERTY);
        base = Files.createTempDirectory("wijklab-cache-test");
        System.setProperty(WarmUpCache.FOLDER_PROPERTY, folder().toString());
        System.clearProperty(WarmUpCache.MAX_PROPERTY);
        WarmUpCache.use(true);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        put(WarmUpCache.FOLDER_PROPERTY, folderSetting);
        put(WarmUpCache.MAX_PROPERTY, maxSetting);
        WarmUpCache.use(true);
        try (Stream<Path> all = Files.walk(base)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void put(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
