package org.wijklab.cli;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A write that failed because the disk (or the user's quota) is full: not a fault of the program
 * but of its surroundings, told in one line that names the folder.
 */
final class DiskFull {
    /** The operating system's texts of ENOSPC and EDQUOT (Linux, macOS). */
    private static final String[] TEXTS = {"no space left on device", "disk quota exceeded", "not enough space"};

    private DiskFull() {
    }

    /**
     * The one-line description (without "wijklab: ") when a cause of ex is a full disk or quota, or
     * null. A write error on a file store with no usable space left counts too (the system's text may
     * be in another language). {@code out} is the command's output option as given, or null.
     */
    static String describe(Throwable ex, String out) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!(t instanceof IOException io)) {
                continue;
            }
            Path file = t instanceof FileSystemException f && f.getFile() != null ? path(f.getFile()) : null;
            String reason = t instanceof FileSystemException f && f.getReason() != null ? f.getReason() : io.getMessage();
            boolean full = reason != null && matches(reason);
            if (!full && file != null) {
                full = noSpaceLeft(file);
            }
            if (full) {
                Path folder = file == null ? null : existing(file);
                String where = folder != null ? folder.toString() : out != null ? "the folder of " + out : "the output folder";
                return "the disk is full: no space left in " + where + (reason == null ? "" : " (" + reason.strip() + ")")
                        + "; make room or choose another folder";
            }
        }
        return null;
    }

    private static boolean matches(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        for (String text : TEXTS) {
            if (r.contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static Path path(String file) {
        try {
            return Path.of(file).toAbsolutePath().normalize();
        } catch (InvalidPathException | java.io.IOError e) {
            return null;
        }
    }

    /** The file's folder, or the nearest folder above it that still exists (a partial folder is removed by now). */
    private static Path existing(Path file) {
        for (Path p = file.getParent(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** Whether the file store of the file's nearest existing folder has no usable space left. */
    private static boolean noSpaceLeft(Path file) {
        Path folder = existing(file);
        if (folder == null) {
            return false;
        }
        try {
            FileStore store = Files.getFileStore(folder);
            return store.getUsableSpace() == 0 && store.getTotalSpace() > 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
