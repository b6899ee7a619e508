package org.wijklab.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Output folders that are whole or absent, with one writer at a time.
 * <p>
 * A writer first claims the folder: it holds an exclusive OS file lock on a hidden
 * {@code .NAME.lock} file beside it (the file holds the writer's pid) for as long as it writes; a
 * second writer, in this JVM or another, is refused at once in one line and writes nothing. The
 * operating system drops the lock of a killed writer, so a claim left by a {@code kill -9} is stale
 * and the next writer takes it over. A folder written whole is filled in a uniquely named hidden
 * folder {@code .NAME.partial-PID-RANDOM} beside it, made with an atomic create, and moved into place
 * only when it is complete, and never over a folder that is not empty; on any failure, and on
 * SIGTERM or Ctrl-C (a JVM shutdown hook), the partial folder is removed and the claim released.
 * Partial folders left by killed writers are removed by the next writer of the same folder.
 * Folders that resume (a study's, a sweep's, the validation's records) are claimed for the whole of
 * their command the same way.
 */
public final class Folders {
    private Folders() {
    }

    /** Something that fills a folder. */
    public interface Filler<T> {
        T fill(Path folder) throws IOException;
    }

    /** A folder another writer has, or has completed meanwhile: one line, exit code 2, nothing written. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Fills a fresh partial folder beside out, then moves it to out (which must not exist or be empty). */
    public static <T> T writeWhole(Path out, Filler<T> filler) {
        try (Claim claim = claim(out)) {
            refuseIfNotEmpty(out, "is not empty");
            Path tmp = claim.partial();
            T result;
            try {
                result = filler.fill(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            claim.moveIntoPlace();
            return result;
        }
    }

    private static void refuseIfNotEmpty(Path out, String why) {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new Refused("--out " + out + ": exists and is not a folder");
        }
        if (!isEmpty(out)) {
            throw new Refused("--out " + out + ": " + why + "; nothing written");
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Claims a folder for this writer until the claim is closed; refuses at once if another writer has it. */
    public static Claim claim(Path folder) {
        return new Claim(folder, "--out " + folder);
    }

    /** The same, naming the folder in a refusal by label (e.g. the flag that gave it). */
    public static Claim claim(Path folder, String label) {
        return new Claim(folder, label);
    }

    /**
     * The real path of a folder that may not exist yet: every symbolic link resolved, in the folder
     * itself (also a link to a folder not made yet) and in its parents; of a path that does not
     * exist, its nearest existing ancestor's real path with the rest of the path.
     */
    public static Path realPath(Path path) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        for (int links = 0; links < 40; links++) {
            if (Files.exists(p)) {
                return p.toRealPath();
            }
            if (Files.isSymbolicLink(p)) {
                p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
                continue;
            }
            Path parent = p.getParent();
            return parent == null ? p : realPath(parent).resolve(p.getFileName());
        }
        throw new IOException(path + ": too many levels of symbolic links");
    }

    /** What a shutdown hook undoes when the JVM stops before its writer is done. */
    private interface Undo {
        void undo();
    }

    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();
    private static final Set<Undo> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Undo> LIVE_TEMPORARY = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long PID = ProcessHandle.current().pid();
    private static boolean hooked;
    /** Set when the JVM stops: no new claim or temporary folder from then on. */
    private static volatile boolean stopping;

    private static synchronized void live(Set<Undo> set, Undo u) {
        if (!hooked) {
            hooked = true;
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(Folders::stop, "wijklab-folders-cleanup"));
            } catch (IllegalStateException shuttingDown) {
                stopping = true;
            }
        }
        if (stopping) {
            throw new IllegalStateException("stopping: no new output folder");
        }
        set.add(u);
    }

    /** The shutdown hook: the claims' partial folders and claims first, then temporary folders (holding some). */
    private static void stop() {
        synchronized (Folders.class) {
            stopping = true;
        }
        for (Undo x : LIVE.toArray(new Undo[0])) {
            x.undo();
        }
        for (Undo x : LIVE_TEMPORARY.toArray(new Undo[0])) {
            x.undo();
        }
    }

    /**
     * One writer's hold on an output folder: an exclusive lock on {@code .NAME.lock} beside it, and
     * optionally the partial folder that becomes it. Closing it removes a partial folder not moved
     * into place, deletes the lock file and releases the lock.
     */
    public static final class Claim implements AutoCloseable, Undo {
        private final Path folder;
        private final String label;
        private final Path parent;
        private final String name;
        private final Path lockFile;
        private final String key;
        private FileChannel channel;
        private FileLock lock;
        private Path partial;
        private boolean moved;
        private boolean stopped;
        private boolean closed;

        private Claim(Path folder, String label) {
            if (stopping) {
                throw new IllegalStateException("stopping: " + folder + " not written");
            }
            this.folder = folder;
            this.label = label;
            try {
                // the lock is named by the folder's real path: two writers that name one folder by
                // different paths (a symbolic link to it, a link among its parents) take one lock
                Path real = realPath(folder.toAbsolutePath().normalize());
                this.name = real.getFileName().toString();
                // the parents are made only while the JVM is not stopping: once the shutdown hook has
                // set stopping (under the same lock), no claim re-creates a folder it deletes
                synchronized (Folders.class) {
                    if (stopping) {
                        throw new IllegalStateException("stopping: " + folder + " not written");
                    }
                    Files.createDirectories(real.getParent());
                }
                this.parent = real.getParent().toRealPath();
            } catch (IOException e) {
                throw new Refused(label + ": cannot be written (" + e.getMessage() + ")");
            }
            this.lockFile = parent.resolve("." + name + ".lock");
            this.key = lockFile.toString();
            if (!HELD.add(key)) {
                throw busy(PID);
            }
            boolean ok = false;
            try {
                // known to the shutdown hook before the lock is taken, so that no claim outlives a SIGTERM
                live(LIVE, this);
                acquire();
                ok = true;
            } catch (IOException e) {
                throw new Refused(label + ": cannot be written (" + e.getMessage() + ")");
            } finally {
                if (!ok) {
                    release();
                }
            }
        }

        private Refused busy(long pid) {
            return new Refused(label + ": another wijklab is writing it ("
                    + (pid > 0 ? "pid " + pid : "pid unknown") + ")");
        }

        private void acquire() throws IOException {
            for (int attempt = 0; attempt < 100; attempt++) {
                // one attempt at a time against the shutdown hook's undo, which waits for it: a lock file
                // this claim creates is always one the undo sees and deletes (the JVM may halt as soon as
                // the hook is done, before this thread could delete it)
                synchronized (this) {
                    if (closed) {
                        throw new IllegalStateException("stopping: " + folder + " not written");
                    }
                    FileChannel c = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                    Object before = fileKey(lockFile);
                    FileLock l;
                    try {
                        l = c.tryLock();
                    } catch (OverlappingFileLockException e) {
                        l = null;
                    } catch (IOException e) {
                        c.close();
                        throw e;
                    }
                    if (l == null) {
                        c.close();
                        throw busy(owner(lockFile));
                    }
                    // the lock is on the file the channel opened; it is ours only if that is still the file
                    // at lockFile (a writer that finished deletes it before releasing its lock)
                    if (stillThere(c, before)) {
                        String token = PID + " " + ProcessHandle.current().info().startInstant().map(Object::toString)
                                .orElse("-") + "\n";
                        c.truncate(0);
                        c.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8)), 0);
                        channel = c;
                        lock = l;
                        return;
                    }
                    l.release();
                    c.close();
                }
            }
            throw new IOException("could not take " + lockFile);
        }

        /**
         * Whether the channel's file is still the one at lockFile. Read from /proc/self/fd where there
         * is one: the lock file itself must not be opened and closed again by this process, as closing
         * any descriptor of a file drops the process's locks on it; elsewhere by the file's key.
         */
        private boolean stillThere(FileChannel c, Object before) throws IOException {
            Path fds = Path.of("/proc/self/fd");
            if (Files.isDirectory(fds)) {
                String here = lockFile.toString();
                boolean found = false;
                try (Stream<Path> s = Files.list(fds)) {
                    for (Path fd : s.toList()) {
                        String target;
                        try {
                            target = Files.readSymbolicLink(fd).toString();
                        } catch (IOException | UnsupportedOperationException e) {
                            continue;
                        }
                        if (target.equals(here + " (deleted)")) {
                            return false;
                        }
                        found |= target.equals(here);
                    }
                }
                return found;
            }
            Object now = fileKey(lockFile);
            return before != null && before.equals(now);
        }

        private static Object fileKey(Path p) {
            try {
                return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            } catch (IOException e) {
                return null;
            }
        }

        /** The pid in a lock file, waiting briefly for a writer that has only just created it; -1 if unknown. */
        private static long owner(Path lockFile) {
            for (int i = 0; i < 20; i++) {
                try {
                    String s = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
                    if (!s.isEmpty()) {
                        return Long.parseLong(s.split(" ")[0]);
                    }
                } catch (IOException | NumberFormatException e) {
                    // being written or gone: try again
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return -1;
        }

        /**
         * A new, uniquely named partial folder beside the claimed folder, after removing what killed
         * writers of the same folder left (this claim proves they are gone).
         */
        public synchronized Path partial() {
            if (partial != null || stopped || closed) {
                throw new IllegalStateException("no partial folder for " + folder + " (one per claim, none after it ends)");
            }
            String stale = "." + name + ".partial";
            try (Stream<Path> s = Files.list(parent)) {
                for (Path p : s.toList()) {
                    String n = p.getFileName().toString();
                    if (n.equals(stale) || n.startsWith(stale + "-")) {
                        deleteQuietly(p);
                    }
                }
                Path p = parent.resolve(stale + "-" + PID + "-" + HexFormat.of().toHexDigits(RANDOM.nextInt()));
                Files.createDirectory(p);
                partial = p;
                return p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Moves the complete partial folder to the claimed folder's name, unless the JVM is stopping or
         * the folder is there and not empty (then refused; the partial folder goes when the claim closes).
         */
        public synchronized void moveIntoPlace() {
            if (stopped) {
                throw new IllegalStateException("stopping: " + folder + " not written");
            }
            refuseIfNotEmpty(folder, "another wijklab completed it meanwhile");
            Path target = parent.resolve(name);
            try {
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.deleteIfExists(target);
                    Files.move(partial, target);
                }
            } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
                throw new Refused("--out " + folder + ": another wijklab completed it meanwhile; nothing written");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            moved = true;
        }

        /** Called by the shutdown hook: no move from now on, the partial folder removed, the claim released. */
        @Override
        public void undo() {
            synchronized (this) {
                stopped = true;
            }
            release();
        }

        @Override
        public void close() {
            release();
        }

        /**
         * Under the claim's monitor from start to end: the shutdown hook's undo waits for a release the
         * writer has begun (the JVM halts when the hook is done, which could cut a delete off half-way).
         */
        private synchronized void release() {
            if (closed) {
                return;
            }
            closed = true;
            if (!moved && partial != null) {
                deleteHard(partial);
            }
            if (lock != null) {
                // the lock file goes before the lock: whoever then locks the old file sees it is gone
                try {
                    Files.deleteIfExists(lockFile);
                } catch (IOException ignored) {
                    // a stale lock file is taken over by the next writer
                }
                try {
                    lock.release();
                    channel.close();
                } catch (IOException ignored) {
                    // the lock goes with the channel or the process
                }
            }
            HELD.remove(key);
            LIVE.remove(this);
        }
    }

    /**
     * Deletes a folder; while the JVM stops, one that a writer may still be filling (its threads run
     * on meanwhile): again until it stays gone for a moment.
     */
    private static void deleteHard(Path p) {
        if (!stopping) {
            deleteQuietly(p);
            return;
        }
        // writers still running may add files while it is deleted (the delete then fails) until a write
        // of theirs fails on a folder gone: tried again for up to 5 s, until it has stayed gone for 45 ms
        long deadline = System.nanoTime() + 5_000_000_000L;
        int quiet = 0;
        while (quiet < 3 && System.nanoTime() < deadline) {
            deleteQuietly(p);
            quiet = Files.exists(p) ? 0 : quiet + 1;
            try {
                Thread.sleep(quiet == 0 ? 2 : 15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A new temporary folder {@code PREFIXPID-RANDOM} in the system's temporary folder, deleted by
     * {@link #deleteTemporary} or, on SIGTERM or Ctrl-C, by a shutdown hook. Folders of the same
     * prefix whose process is gone (killed with SIGKILL) are deleted first.
     */
    public static Path temporary(String prefix) {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        if (!Files.isDirectory(base)) {
            // before anything is made: one line naming the folder, not an internal error
            throw new Refused("the temporary folder " + base + " (java.io.tmpdir) " + (Files.exists(base) ? "is not a folder"
                    : "does not exist") + "; set -Djava.io.tmpdir in WIJKLAB_JAVA_OPTS to a folder that can be written in");
        }
        try (Stream<Path> s = Files.list(base)) {
            for (Path p : s.toList()) {
                long pid = ownerOfTemporary(prefix, p.getFileName().toString());
                if (pid > 0 && pid != PID && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException e) {
            // nothing to clean up where nothing can be listed
        }
        for (int attempt = 0; ; attempt++) {
            Path dir = base.resolve(prefix + PID + "-" + Long.toUnsignedString(RANDOM.nextLong()));
            // known to the shutdown hook before it is made, so that a SIGTERM never leaves it behind
            Undo u = () -> deleteHard(dir);
            TEMPORARY.put(dir, u);
            try {
                // made under the lock the shutdown hook sets stopping with: never after it has run
                synchronized (Folders.class) {
                    live(LIVE_TEMPORARY, u);
                    Files.createDirectory(dir);
                }
                return dir;
            } catch (IllegalStateException e) {
                forget(dir);
                throw e;
            } catch (FileAlreadyExistsException e) {
                forget(dir);
                if (attempt > 100) {
                    throw new UncheckedIOException(e);
                }
            } catch (IOException e) {
                forget(dir);
                throw new Refused("the temporary folder " + base + " (java.io.tmpdir) cannot be written in ("
                        + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                        : e.getMessage()) + "); set -Djava.io.tmpdir in WIJKLAB_JAVA_OPTS to a folder that can be written in");
            }
        }
    }

    private static void forget(Path dir) {
        Undo u = TEMPORARY.remove(dir);
        if (u != null) {
            LIVE_TEMPORARY.remove(u);
        }
    }

    private static final java.util.Map<Path, Undo> TEMPORARY = new ConcurrentHashMap<>();

    /** The pid in a temporary folder's name made by {@link #temporary}, or -1. */
    static long ownerOfTemporary(String prefix, String name) {
        if (!name.startsWith(prefix)) {
            return -1;
        }
        String rest = name.substring(prefix.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return -1;
        }
        try {
            return Long.parseLong(rest.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Deletes a folder made by {@link #temporary}. */
    public static void deleteTemporary(Path dir) {
        // deleted before the shutdown hook forgets it: a hook running meanwhile deletes it too, and the
        // JVM never halts with it half-deleted and forgotten
        deleteHard(dir);
        forget(dir);
    }

    /** Whether a name is a partial folder or a claim's lock file of a writer (hidden, beside its folder). */
    public static boolean isWritersLeftover(String name) {
        return name.startsWith(".") && (name.endsWith(".partial") || name.contains(".partial-") || name.endsWith(".lock"));
    }

    /** Deletes a folder and everything in it; nothing if it does not exist. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** {@link #deleteTree} on a best-effort basis: what cannot be deleted stays (hidden or temporary folders). */
    public static void deleteQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (IOException | UncheckedIOException ignored) {
            // left behind: a hidden partial or temporary folder, replaced or ignored later
        }
    }
}
