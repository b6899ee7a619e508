package org.wijklab.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Output folders that are whole or absent: a writer fills a hidden {@code .NAME.partial} folder
 * beside the target and it is moved into place only when the writer is done; on any failure the
 * partial folder is removed, so nothing half-written is left.
 */
public final class Folders {
    private Folders() {
    }

    /** Something that fills a folder. */
    public interface Filler<T> {
        T fill(Path folder) throws IOException;
    }

    /** Fills a fresh partial folder beside out, then moves it to out (which must not exist or be empty). */
    public static <T> T writeWhole(Path out, Filler<T> filler) {
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = parent.resolve("." + out.getFileName() + ".partial");
        try {
            Files.createDirectories(parent);
            deleteTree(tmp);
            Files.createDirectories(tmp);
            T result = filler.fill(tmp);
            Files.deleteIfExists(out);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** Deletes a folder and everything in it; nothing if it does not exist. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** {@link #deleteTree} on a best-effort basis: what cannot be deleted stays (hidden or temporary folders). */
    public static void deleteQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (IOException ignored) {
            // left behind: a hidden partial or temporary folder, replaced or ignored later
        }
    }
}
