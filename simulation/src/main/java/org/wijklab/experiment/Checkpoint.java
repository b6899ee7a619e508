package org.wijklab.experiment;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamField;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.io.UTFDataFormatException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.wijklab.observation.OutputFile;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.ScenarioLoader;

/**
 * A run's checkpoint: a self-contained, gzip-compressed file that holds everything needed to
 * finish the run, so it can be copied anywhere and resumed from there. As MASON writes its
 * checkpoints ({@code SimState.writeToCheckpoint}), it is a Java object stream in gzip; before the
 * model it holds a header that is checked first:
 * <ol>
 * <li>a magic text, the checkpoint format ({@link #FORMAT}) and the program's version;</li>
 * <li>the scenario as canonical JSON and its SHA-256;</li>
 * <li>the recorded year after which it was written;</li>
 * <li>the bytes of every output file written so far, by name;</li>
 * <li>the run's state ({@link RunState}: the model, with its schedule and random streams, and the
 * output files' writers), then an end mark.</li>
 * </ol>
 * A checkpoint is written under a temporary name and renamed, so a file with a checkpoint's name
 * is always whole. One from another version or format (or from a build whose model classes have
 * other fields), with a scenario that does not match its hash, or that is not a checkpoint at all,
 * is refused with a one-line {@link ScenarioException}.
 */
public final class Checkpoint {
    /** The folder of a run's checkpoints. */
    public static final String FOLDER = "checkpoints";
    /** The layout of the file; raised whenever it, or a serialised class, changes incompatibly. */
    public static final int FORMAT = 1;
    static final String MAGIC = "WijkLab run checkpoint";
    private static final String END = "end of checkpoint";
    private static final ObjectInputFilter CLASSES = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;org.wijklab.**;sim.**;ec.util.*;java.lang.*;java.util.*;!*");

    /** A checkpoint read back and checked. */
    public static final class Loaded {
        final RunState state;
        /** The checkpoint as stored (copied into the resumed run's folder). */
        final byte[] bytes;
        /** The output files' bytes at the checkpoint, by name. */
        final Map<String, byte[]> files;
        final int year;

        private Loaded(RunState state, byte[] bytes, Map<String, byte[]> files, int year) {
            this.state = state;
            this.bytes = bytes;
            this.files = files;
            this.year = year;
        }

        /** The recorded year after which it was written. */
        public int year() {
            return year;
        }

        public Scenario scenario() {
            return state.model.scenario();
        }

        /** The folder the run was started for. */
        public Path target() {
            return Path.of(state.target);
        }

        /** Years between checkpoints in the run (it goes on writing them). */
        public int checkpointEvery() {
            return state.checkpointEvery;
        }
    }

    private Checkpoint() {
    }

    /** A checkpoint's file name in {@link #FOLDER}: {@code year-005.ckpt.gz}. */
    public static String fileName(int year) {
        return String.format(Locale.ROOT, "year-%03d.ckpt.gz", year);
    }

    /** Writes the run's checkpoint after the given year into folder's {@link #FOLDER}, atomically. */
    static void write(RunState st, Path folder, int year) throws IOException {
        write(st, folder, year, BuildInfo.version(), ScenarioLoader.toJson(st.model.scenario()));
    }

    /** The same with the version and the scenario text given (tests write other versions and tampered ones). */
    static void write(RunState st, Path folder, int year, String version, String scenarioJson) throws IOException {
        for (OutputFile o : st.outputs) {
            o.csv().flush();
        }
        Path dir = folder.resolve(FOLDER);
        // not the run's (partial) folder itself: one removed on SIGTERM stays removed
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir);
        }
        String name = fileName(year);
        Path tmp = dir.resolve("." + name + ".tmp");
        try (OutputStream f = Files.newOutputStream(tmp)) {
            GZIPOutputStream g = new GZIPOutputStream(new BufferedOutputStream(f, 1 << 16), 1 << 16) {
                {
                    // the fastest level: for the model's arrays it compresses as well as the default, several times faster
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            ObjectOutputStream s = new ObjectOutputStream(g);
            s.writeUTF(MAGIC);
            s.writeInt(FORMAT);
            s.writeUTF(version);
            s.writeUTF(ScenarioLoader.sha256(st.model.scenario()));
            writeBytes(s, scenarioJson.getBytes(StandardCharsets.UTF_8));
            s.writeInt(year);
            s.writeInt(st.outputs.size());
            for (OutputFile o : st.outputs) {
                s.writeUTF(o.csv().name());
                writeBytes(s, Files.readAllBytes(folder.resolve(o.csv().name())));
            }
            st.model.preCheckpoint();
            try {
                s.writeObject(st);
            } finally {
                st.model.postCheckpoint();
            }
            s.writeUTF(END);
            s.flush();
            g.finish();
            g.flush();
            f.flush();
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        // on disk before it gets its name, so that the name never stands for a partly written file
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeBytes(ObjectOutputStream s, byte[] b) throws IOException {
        s.writeInt(b.length);
        s.write(b);
    }

    private static byte[] readBytes(ObjectInputStream s) throws IOException {
        int n = s.readInt();
        if (n < 0) {
            throw new StreamCorruptedException("negative length");
        }
        byte[] b = s.readNBytes(n);
        if (b.length != n) {
            throw new EOFException();
        }
        return b;
    }

    /** Reads and checks a checkpoint file; any problem is a one-line {@link ScenarioException}. */
    public static Loaded read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return read(bytes, file.toString());
    }

    /** Reads and checks a checkpoint's bytes; {@code what} names it in the messages. */
    static Loaded read(byte[] bytes, String what) {
        String notOne = what + ": not a WijkLab checkpoint";
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)), 1 << 16)) {
            ObjectInputStream s = objects(in);
            if (!MAGIC.equals(s.readUTF())) {
                throw new ScenarioException(notOne);
            }
            int format = s.readInt();
            String version = s.readUTF();
            if (format != FORMAT || !version.equals(BuildInfo.version())) {
                throw new ScenarioException(what + ": written by WijkLab " + version + " (checkpoint format " + format
                        + "), this is WijkLab " + BuildInfo.version() + " (format " + FORMAT
                        + "): resume it with the version that wrote it");
            }
            String sha = s.readUTF();
            String json = new String(readBytes(s), StandardCharsets.UTF_8);
            if (!ScenarioLoader.sha256(json).equals(sha)) {
                throw new ScenarioException(what + ": its scenario does not match its SHA-256 (" + sha
                        + "): the file was altered");
            }
            int year = s.readInt();
            int n = s.readInt();
            if (n < 0 || n > 1000) {
                throw new ScenarioException(notOne);
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                files.put(s.readUTF(), readBytes(s));
            }
            if (!(s.readObject() instanceof RunState st)) {
                throw new ScenarioException(notOne);
            }
            if (!END.equals(s.readUTF()) || s.read() != -1) {
                throw new ScenarioException(notOne);
            }
            if (!ScenarioLoader.sha256(st.model.scenario()).equals(sha)) {
                throw new ScenarioException(what + ": its model's scenario does not match its SHA-256 (" + sha
                        + "): the file was altered");
            }
            if (!files.keySet().equals(new java.util.HashSet<>(st.files()))) {
                throw new ScenarioException(what + ": its output files do not match its run: the file was altered");
            }
            st.model.awakeFromCheckpoint();
            return new Loaded(st, bytes, Collections.unmodifiableMap(files), year);
        } catch (EOFException e) {
            throw new ScenarioException(what + ": truncated (not a whole WijkLab checkpoint)");
        } catch (StreamCorruptedException e) {
            // the object stream's word for the end of a truncated file
            if (String.valueOf(e.getMessage()).contains("EOF")) {
                throw new ScenarioException(what + ": truncated (not a whole WijkLab checkpoint)");
            }
            throw new ScenarioException(notOne + " (" + oneLine(e) + ")");
        } catch (ZipException | UTFDataFormatException e) {
            throw new ScenarioException(notOne + " (" + oneLine(e) + ")");
        } catch (InvalidClassException e) {
            throw new ScenarioException(what + ": holds classes this version cannot read (" + oneLine(e)
                    + "): resume it with the version that wrote it");
        } catch (IOException | ClassNotFoundException | ClassCastException | IllegalStateException e) {
            throw new ScenarioException(what + ": cannot be read as a WijkLab checkpoint (" + oneLine(e) + ")");
        }
    }

    /** An object stream over in that admits only the model's classes, with this build's fields (also for {@link WarmUpCache}). */
    static ObjectInputStream objects(InputStream in) throws IOException {
        ObjectInputStream s = new SameClasses(in);
        s.setObjectInputFilter(CLASSES);
        return s;
    }

    /**
     * An object stream that refuses a class of WijkLab whose serialised fields differ from this
     * build's (Java would silently leave missing fields at their defaults): a build with the same
     * version string but other model classes cannot resume the checkpoint.
     */
    private static final class SameClasses extends ObjectInputStream {
        SameClasses(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass stored) throws IOException, ClassNotFoundException {
            Class<?> c = super.resolveClass(stored);
            if (c.getName().startsWith("org.wijklab.")) {
                ObjectStreamClass local = ObjectStreamClass.lookup(c);
                if (local == null || !fields(local).equals(fields(stored))) {
                    throw new InvalidClassException(c.getName(), "its fields differ from this build's");
                }
            }
            return c;
        }

        private static List<String> fields(ObjectStreamClass d) {
            List<String> out = new ArrayList<>();
            for (ObjectStreamField f : d.getFields()) {
                out.add(f.getName() + ":" + f.getTypeCode() + (f.getTypeString() == null ? "" : f.getTypeString()));
            }
            return out;
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
