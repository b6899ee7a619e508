package org.wijklab.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The settled city, kept: a run whose warm-up inputs match an earlier run's starts from that run's
 * city at the warm-up's last month ({@link WijkLabModel#SETTLED_TICK}) instead of simulating the
 * warm-up again. Every run with a warm-up starts through {@link #start}.
 *
 * <p>The warm-up inputs ({@link #key}) are everything of the scenario the warm-up reads: the seed,
 * the warm-up's years, the city and every core process's parameters, the help and cost parameters
 * of the policy (debts raise job loss, a child's problems take a parent's time, whoever the
 * programmes help or not), and the program's own classes (a hash of their bytes, so that a build
 * with other code never reads another's city). They are not: the name and description, the
 * recorded years, the programmes, the policy's theme, service, best-person and initiative
 * parameters (read only by programmes, which act from tick 1), the crises (which start at year 0 or
 * later) and the outputs. {@code WarmUpCacheTest} perturbs each of those parameters and checks the
 * settled city does not change.
 *
 * <p>A run goes on from the settled city the same way whether it was made now or read from the
 * cache ({@link WijkLabModel#continueAs}), so its outputs are the same bytes with the cache, without
 * it, and with any number of threads.
 *
 * <p>The cache is a folder of files named by the key ({@code KEY.settled}): a header (a magic text,
 * the format, the key, the payload's length and CRC-32C) and the model as a Java object stream. An
 * entry is written under a temporary name and renamed, so two processes (or Spark executors) that
 * fill the same entry at once each write a whole file and the last rename wins; the two are the
 * same bytes. An entry is never trusted: one whose header, length, checksum or classes do not
 * match is reported on standard error, deleted and made again. When the folder holds more than
 * its limit, the entries used longest ago are deleted.
 *
 * <p>Where: the system property {@value #FOLDER_PROPERTY}, else the environment variable
 * {@value #FOLDER_ENV}, else {@code $XDG_CACHE_HOME/wijklab/warmup}, else
 * {@code ~/.cache/wijklab/warmup}; {@code off} turns the cache off. The limit: {@value
 * #MAX_PROPERTY} or {@value #MAX_ENV} (bytes, or with k, m, g), default 4g. The commands' option
 * {@code --no-warmup-cache} bypasses it ({@link #use}).
 */
public final class WarmUpCache {
    public static final String FOLDER_PROPERTY = "wijklab.warmupCache";
    public static final String FOLDER_ENV = "WIJKLAB_WARMUP_CACHE";
    public static final String MAX_PROPERTY = "wijklab.warmupCacheMax";
    public static final String MAX_ENV = "WIJKLAB_WARMUP_CACHE_MAX";
    public static final long DEFAULT_MAX_BYTES = 4L << 30;
    /** The entries' file name ending. */
    public static final String SUFFIX = ".settled";
    /** The entries' layout; raised whenever it changes. */
    static final int FORMAT = 1;
    private static final byte[] MAGIC = "WLSETTLD".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_LENGTH = 64;
    private static final int HEADER = MAGIC.length + 4 + KEY_LENGTH + 8 + 8;
    /** The largest entry: one is read into a single array (about ten million residents). */
    private static final long MAX_ENTRY = Integer.MAX_VALUE - 64;
    /** A temporary file older than this is a killed writer's and is removed. */
    private static final long STALE_MILLIS = 3_600_000L;

    private static volatile boolean enabled = true;
    private static volatile String codeHash;
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private static final AtomicLong TEMPORARY = new AtomicLong();

    private final Path folder;
    private final long maxBytes;

    WarmUpCache(Path folder, long maxBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
    }

    /** Whether this process's runs use the cache (a command's {@code --no-warmup-cache} says no). */
    public static void use(boolean on) {
        enabled = on;
    }

    public static boolean inUse() {
        return enabled;
    }

    /**
     * The cache as configured (see the class comment); null when it is off. A configured value that
     * cannot be honoured (a limit that is not a size, a folder that is a file) is a one-line
     * {@link ScenarioException}: commands call this before they start, so a user's mistake stops
     * them instead of running without the cache unnoticed.
     */
    public static WarmUpCache configured() {
        String where = setting(FOLDER_PROPERTY, FOLDER_ENV);
        long max = DEFAULT_MAX_BYTES;
        String limit = setting(MAX_PROPERTY, MAX_ENV);
        if (limit != null) {
            max = size(limit);
        }
        if (where != null && where.equalsIgnoreCase("off")) {
            return null;
        }
        Path folder;
        if (where != null) {
            folder = Path.of(where);
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw new ScenarioException(name(FOLDER_PROPERTY, FOLDER_ENV) + ": " + where
                        + " is a file, not a folder for the warm-up cache");
            }
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            folder = base.resolve("wijklab").resolve("warmup");
        }
        return new WarmUpCache(folder.toAbsolutePath(), max);
    }

    /** The configured value: the system property, else the environment variable; null if neither. */
    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String name(String property, String env) {
        return System.getProperty(property) != null ? property : env;
    }

    /** A size in bytes: digits with an optional k, m or g (powers of 1024). */
    static long size(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        if (!t.matches("[0-9]{1,12}")) {
            throw new ScenarioException(name(MAX_PROPERTY, MAX_ENV) + ": '" + text
                    + "' is not a size (bytes, or a whole number with k, m or g, such as 4g)");
        }
        return Long.parseLong(t) * unit;
    }

    /** The folder of the entries. */
    public Path folder() {
        return folder;
    }

    /** The limit of the entries' total size in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * A model of the scenario ready to be stepped to its end, with {@code attach} having attached
     * its listeners: for a scenario with a warm-up, at {@link WijkLabModel#SETTLED_TICK}, from the
     * cache when it holds the settled city (else made and kept there); without a warm-up, just
     * started (the listeners attached before, as tick 0 is written at the start).
     */
    public static WijkLabModel start(Scenario scenario, int threads, Consumer<WijkLabModel> attach) {
        if (scenario.warmUpYears() == 0) {
            WijkLabModel model = new WijkLabModel(scenario);
            model.setThreads(threads);
            attach.accept(model);
            model.start();
            return model;
        }
        WarmUpCache cache = enabled ? configured() : null;
        WijkLabModel model = cache == null ? warmUp(scenario, threads) : cache.settled(scenario, threads);
        model.continueAs(scenario);
        attach.accept(model);
        return model;
    }

    /** Sets up the scenario's city and simulates its warm-up to the settled city. */
    static WijkLabModel warmUp(Scenario scenario, int threads) {
        WijkLabModel model = new WijkLabModel(scenario);
        model.setThreads(threads);
        model.start();
        model.stepToSettled();
        return model;
    }

    /** The settled city of the scenario: read from the cache, or made and kept there. */
    WijkLabModel settled(Scenario scenario, int threads) {
        String key = key(scenario);
        if (key == null) {
            return warmUp(scenario, threads);
        }
        Path file = folder.resolve(key + SUFFIX);
        // a second run of the same city in this process waits for the first to keep it
        synchronized (LOCKS.computeIfAbsent(key, k -> new Object())) {
            WijkLabModel model = read(file, key);
            if (model != null) {
                model.setThreads(threads);
                return model;
            }
            model = warmUp(scenario, threads);
            write(model, file, key);
            return model;
        }
    }

    /** The entry's settled city; null when there is none, or it was damaged (then it is deleted). */
    WijkLabModel read(Path file, String key) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            warnOnce("read", "the warm-up cache's entry " + file + " cannot be read (" + oneLine(e)
                    + "): the warm-up is simulated");
            return null;
        }
        String damage = check(bytes, key);
        WijkLabModel model = null;
        if (damage == null) {
            try (InputStream in = new ByteArrayInputStream(bytes, HEADER, bytes.length - HEADER)) {
                ObjectInputStream s = Checkpoint.objects(in);
                Object o = s.readObject();
                if (o instanceof WijkLabModel m && s.read() == -1 && m.tick() == WijkLabModel.SETTLED_TICK) {
                    model = m;
                    model.awakeFromCheckpoint();
                } else {
                    damage = "not a settled city";
                }
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                damage = oneLine(e);
            }
        }
        if (damage != null) {
            System.err.println("warning: the warm-up cache's entry " + file + " is damaged (" + damage
                    + "); it is deleted and made again");
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // another process may have replaced it; the new entry is written over it anyway
            }
            return null;
        }
        try {
            // the entries used longest ago go first when the folder is over its limit
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // evicted meanwhile: the model is read already
        }
        return model;
    }

    /** Why an entry's bytes are not a whole entry for the key; null if they are. */
    static String check(byte[] bytes, String key) {
        if (bytes.length < HEADER) {
            return "truncated: " + bytes.length + " bytes";
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            return "not a settled city";
        }
        int format = b.getInt();
        if (format != FORMAT) {
            return "format " + format + ", this program writes " + FORMAT;
        }
        byte[] k = new byte[KEY_LENGTH];
        b.get(k);
        if (!new String(k, StandardCharsets.US_ASCII).equals(key)) {
            return "it holds another key";
        }
        long length = b.getLong();
        long crc = b.getLong();
        if (length != bytes.length - HEADER) {
            return "truncated: " + (bytes.length - HEADER) + " of " + length + " bytes";
        }
        CRC32C c = new CRC32C();
        c.update(bytes, HEADER, bytes.length - HEADER);
        if (c.getValue() != crc) {
            return "its checksum does not match";
        }
        return null;
    }

    /**
     * Keeps the settled city under the key: written under a temporary name in the folder, then
     * renamed. A cache that cannot be written (a full disk, a folder without rights) is reported once
     * and the run goes on; its outputs do not depend on the cache.
     */
    void write(WijkLabModel model, Path file, String key) {
        Path tmp = null;
        try {
            Files.createDirectories(folder);
            tmp = folder.resolve("." + key + "." + ProcessHandle.current().pid() + "-" + TEMPORARY.incrementAndGet()
                    + ".tmp");
            CRC32C crc = new CRC32C();
            long length;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate(HEADER));
                OutputStream out = new BufferedOutputStream(new CheckedOutputStream(
                        java.nio.channels.Channels.newOutputStream(ch), crc), 1 << 20);
                ObjectOutputStream s = new ObjectOutputStream(out);
                model.preCheckpoint();
                try {
                    s.writeObject(model);
                } finally {
                    model.postCheckpoint();
                }
                s.flush();
                out.flush();
                length = ch.position() - HEADER;
                ByteBuffer h = ByteBuffer.allocate(HEADER);
                h.put(MAGIC).putInt(FORMAT).put(key.getBytes(StandardCharsets.US_ASCII)).putLong(length)
                        .putLong(crc.getValue()).flip();
                ch.write(h, 0);
                ch.force(true);
            }
            if (HEADER + length > MAX_ENTRY) {
                Files.delete(tmp);
                warnOnce("large", "a settled city of " + mb(HEADER + length) + " is larger than an entry of the warm-up "
                        + "cache can be (" + mb(MAX_ENTRY) + ", read in one piece): it is not kept");
                return;
            }
            if (HEADER + length > maxBytes) {
                Files.delete(tmp);
                warnOnce("large", "a settled city of " + mb(HEADER + length) + " is larger than the warm-up cache's limit ("
                        + mb(maxBytes) + "; " + MAX_ENV + "): it is not kept");
                return;
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            evict(file);
        } catch (IOException | UncheckedIOException e) {
            warnOnce("write", "the warm-up cache " + folder + " cannot be written (" + oneLine(e)
                    + "): runs go on without keeping their settled city");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // left for a later eviction's clean-up of stale temporary files
                }
            }
        }
    }

    /** Deletes the entries used longest ago until the folder is within its limit; never the one just kept. */
    private void evict(Path kept) throws IOException {
        List<Path> entries = new ArrayList<>();
        long total = 0;
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(folder)) {
            for (Path p : d) {
                String n = p.getFileName().toString();
                try {
                    if (n.endsWith(SUFFIX)) {
                        entries.add(p);
                        total += Files.size(p);
                    } else if (n.startsWith(".") && n.endsWith(".tmp")
                            && now - Files.getLastModifiedTime(p).toMillis() > STALE_MILLIS) {
                        Files.deleteIfExists(p);
                    }
                } catch (NoSuchFileException e) {
                    // another process took it away
                }
            }
        }
        if (total <= maxBytes) {
            return;
        }
        Map<Long, List<Path>> byAge = new TreeMap<>();
        for (Path p : entries) {
            try {
                byAge.computeIfAbsent(Files.getLastModifiedTime(p).toMillis(), t -> new ArrayList<>()).add(p);
            } catch (NoSuchFileException e) {
                // gone
            }
        }
        for (List<Path> same : byAge.values()) {
            same.sort(null);
            for (Path p : same) {
                if (total <= maxBytes) {
                    return;
                }
                if (p.equals(kept)) {
                    continue;
                }
                try {
                    long size = Files.size(p);
                    Files.deleteIfExists(p);
                    total -= size;
                } catch (NoSuchFileException e) {
                    // gone
                }
            }
        }
    }

    /**
     * The scenario's warm-up key: SHA-256 over this format, the hash of the program's classes and
     * the scenario's warm-up inputs ({@link #warmUpInputs}), in lower-case hex; null when the
     * program's classes cannot be found to hash (then nothing is kept).
     */
    public static String key(Scenario scenario) {
        String code = codeHash();
        if (code == null) {
            return null;
        }
        return ScenarioLoader.sha256(FORMAT + "\n" + code + "\n" + warmUpInputs(scenario));
    }

    /** The scenario as canonical JSON without the parts the warm-up does not read (see the class comment). */
    public static String warmUpInputs(Scenario scenario) {
        try {
            ObjectNode n = (ObjectNode) ScenarioLoader.mapper().readTree(ScenarioLoader.toJson(scenario));
            n.remove(List.of("name", "description", "years", "programmes", "output"));
            ((ObjectNode) n.get("economy")).remove("crises");
            ((ObjectNode) n.get("policy")).remove(List.of("themes", "services", "bestPersons", "initiatives"));
            return ScenarioLoader.mapper().writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SHA-256 of the bytes of the program's own classes and the MASON classes the model runs on,
     * read where they were loaded from (a jar or a folder of classes); null if that cannot be done.
     */
    static String codeHash() {
        String h = codeHash;
        if (h == null) {
            h = hashOfClasses(List.of(WijkLabModel.class, sim.engine.SimState.class, ec.util.MersenneTwisterFast.class));
            codeHash = h == null ? "" : h;
        }
        return h == null || h.isEmpty() ? null : h;
    }

    private static final List<String> CODE = List.of("org/wijklab/", "sim/engine/", "sim/field/", "sim/util/", "ec/util/");

    private static String hashOfClasses(List<Class<?>> classes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            Set<Path> places = new LinkedHashSet<>();
            for (Class<?> c : classes) {
                CodeSource src = c.getProtectionDomain().getCodeSource();
                URL url = src == null ? null : src.getLocation();
                if (url == null) {
                    return null;
                }
                places.add(Path.of(url.toURI()));
            }
            for (Path place : places) {
                TreeMap<String, byte[]> files = new TreeMap<>();
                if (Files.isDirectory(place)) {
                    try (Stream<Path> all = Files.walk(place)) {
                        for (Path p : (Iterable<Path>) all::iterator) {
                            String name = place.relativize(p).toString().replace('\\', '/');
                            if (name.endsWith(".class") && CODE.stream().anyMatch(name::startsWith)) {
                                files.put(name, Files.readAllBytes(p));
                            }
                        }
                    }
                } else {
                    try (JarFile jar = new JarFile(place.toFile())) {
                        Enumeration<JarEntry> e = jar.entries();
                        while (e.hasMoreElements()) {
                            JarEntry j = e.nextElement();
                            String name = j.getName();
                            if (name.endsWith(".class") && CODE.stream().anyMatch(name::startsWith)) {
                                try (InputStream in = jar.getInputStream(j)) {
                                    files.put(name, in.readAllBytes());
                                }
                            }
                        }
                    }
                }
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    md.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(f.getValue());
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
            warnOnce("code", "the warm-up cache is not used: the program's classes cannot be read to key it ("
                    + oneLine(e) + ")");
            return null;
        }
    }

    private static void warnOnce(String what, String message) {
        if (WARNED.add(what)) {
            System.err.println("warning: " + message);
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
