package org.wijklab.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The check of an output folder or file before any work starts, the same for every command: the
 * path is not empty, its names and length fit what the file system allows with the longest name
 * written beside it and in it, is not a file, can be created (a hidden probe folder with a file in it is made
 * and removed in the nearest folder on the way that exists: a read-only or virtual file system
 * such as /proc fails here) and is written in, and is empty or a folder of the
 * same kind of job that the command resumes. Every failure is a one-line {@link UserException}.
 */
final class OutputFolder {
    private static final String PROBE = ".wijklab-probe-";

    private OutputFolder() {
    }

    /** A folder that must be new or empty. */
    static void check(String option, Path dir) {
        check(option, dir, null, null);
    }

    /**
     * A folder that must be new, empty, or (with {@code marker}) hold that file, the mark of a job the
     * command resumes after checking it is the same job ({@code kind} names it in the message).
     */
    static void check(String option, Path dir, String marker, String kind) {
        String name = option + " " + dir;
        if (dir == null || dir.toString().isBlank()) {
            throw new UserException(option + ": an empty path; give a folder");
        }
        Path abs;
        try {
            abs = dir.toAbsolutePath().normalize();
        } catch (InvalidPathException | java.io.IOError e) {
            throw new UserException(name + ": " + PathArgument.reason(dir.toString(), e));
        }
        checkLength(name, abs);
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new UserException(name + ": exists and is not a folder");
            }
            boolean empty;
            try (Stream<Path> s = Files.list(abs)) {
                empty = s.findAny().isEmpty();
            } catch (IOException | RuntimeException e) {
                throw new UserException(name + ": cannot be read (" + reason(e) + ")");
            }
            if (!empty && (marker == null || !Files.isRegularFile(abs.resolve(marker)))) {
                throw new UserException(name + ": folder exists and is not empty"
                        + (marker == null ? "" : " and is not " + kind + " to resume (no " + marker + ")"));
            }
            probeFile(name, abs);
            return;
        }
        Path ancestor = abs.getParent();
        while (ancestor != null && !Files.exists(ancestor, LinkOption.NOFOLLOW_LINKS)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            throw new UserException(name + ": no part of the path exists");
        }
        if (!Files.isDirectory(ancestor)) {
            throw new UserException(name + ": " + ancestor + " is " + (Files.exists(ancestor) ? "a file" : "a broken link")
                    + ", not a folder");
        }
        // a hidden probe folder with a file in it, made and removed in the nearest folder that exists:
        // what the job will do first, without ever making the folder under its final name (a kill
        // here must not leave an empty folder that looks like output)
        Path probe = null;
        try {
            probe = Files.createTempDirectory(ancestor, PROBE);
            probeFile(name, probe);
        } catch (IOException | RuntimeException e) {
            throw new UserException(name + ": cannot be created in " + ancestor + " (" + reason(e) + ")");
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    // a hidden probe folder left behind; harmless
                }
            }
        }
    }

    /** The most bytes in one name of a path (Linux's and macOS's NAME_MAX). */
    static final int NAME_MAX = 255;
    /** The most bytes in a path, its closing NUL included (Linux's PATH_MAX). */
    static final int PATH_MAX = 4096;
    /**
     * What a hidden partial folder adds to the folder's name: ".NAME.partial-PID-RANDOM", with room for
     * the largest pid (the lock file, ".NAME.lock", adds less).
     */
    static final int PARTIAL_EXTRA = ".".length() + ".partial-".length() + 10 + "-".length() + 8;
    /**
     * Room for the longest path a command writes inside its folder: a study's run folder (its
     * scenario's name, at most 200 characters), the hidden partial folder beside it, and a file.
     */
    static final int INSIDE = 512;

    /**
     * Every name on the path, and the hidden partial folder's name beside the folder, fit in
     * {@value #NAME_MAX} bytes, and the longest path written under it in {@value #PATH_MAX}: checked
     * before anything is made, so that a name too long is refused instead of failing halfway (with
     * the parents made).
     */
    private static void checkLength(String name, Path abs) {
        for (Path part : abs) {
            int bytes = bytes(part.toString());
            if (bytes > NAME_MAX) {
                throw new UserException(name + ": the name '" + shortened(part.toString()) + "' is " + bytes
                        + " bytes long; a file system allows at most " + NAME_MAX);
            }
        }
        Path last = abs.getFileName();
        if (last != null && bytes(last.toString()) + PARTIAL_EXTRA > NAME_MAX) {
            throw new UserException(name + ": the folder's name is " + bytes(last.toString()) + " bytes long; wijklab "
                    + "fills it under a hidden name " + PARTIAL_EXTRA + " bytes longer beside it, so it may have at most "
                    + (NAME_MAX - PARTIAL_EXTRA) + " bytes");
        }
        int total = bytes(abs.toString());
        if (total + PARTIAL_EXTRA + INSIDE >= PATH_MAX) {
            throw new UserException(name + ": the path is " + total + " bytes long; with what wijklab writes in it that is "
                    + "more than the " + PATH_MAX + " a path may have, so it may have at most "
                    + (PATH_MAX - 1 - PARTIAL_EXTRA - INSIDE) + " bytes");
        }
    }

    private static int bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static String shortened(String s) {
        return s.length() > 40 ? s.substring(0, 20) + "..." + s.substring(s.length() - 12) : s;
    }

    /** A file the command will write (e.g. gui --snapshot): its folder must exist and be written in. */
    static void checkFile(String option, Path file, String extension) {
        if (file == null || file.toString().isBlank()) {
            throw new UserException(option + ": an empty path; give a file");
        }
        String name = option + " " + file;
        Path abs = file.toAbsolutePath().normalize();
        if (abs.getFileName() == null
                || !abs.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(extension)) {
            throw new UserException(name + ": the file must end in " + extension);
        }
        if (Files.isDirectory(abs)) {
            throw new UserException(name + ": is a folder");
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            // the nearest part of the path that exists says which: a file where a folder should be, or a missing folder
            Path ancestor = dir;
            while (ancestor != null && !Files.exists(ancestor, LinkOption.NOFOLLOW_LINKS)) {
                ancestor = ancestor.getParent();
            }
            if (ancestor != null && !Files.isDirectory(ancestor)) {
                throw new UserException(name + ": " + ancestor + " is " + (Files.exists(ancestor) ? "a file" : "a broken link")
                        + ", not a folder");
            }
            throw new UserException(name + ": its folder " + dir + " does not exist");
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw new UserException(name + ": exists and cannot be overwritten");
        }
        probeFile(name, dir);
    }

    /** Makes and deletes a file in dir; one line if that fails. */
    private static void probeFile(String name, Path dir) {
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, PROBE, ".tmp");
        } catch (IOException | RuntimeException e) {
            throw new UserException(name + ": cannot write in " + dir + " (" + reason(e) + ")");
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    // the probe stays; harmless
                }
            }
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
