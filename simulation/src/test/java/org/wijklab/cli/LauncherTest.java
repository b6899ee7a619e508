package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code wijklab} launcher script of this checkout, run by bash in a scratch project: the same
 * script with a stand-in build ({@code WIJKLAB_BUILD_CMD}, which writes the jar in two steps, "half"
 * then "whole") and a stand-in {@code java} on the PATH that refuses a jar that is not whole. Needs
 * bash, nothing else (no Maven, no real build).
 */
class LauncherTest {
    /** The stand-in build: counts itself, then writes the jar half and, a moment later, whole. */
    static final String BUILD = "echo build >> builds.txt; sleep 1; mkdir -p simulation/target; "
            + "printf half > simulation/target/wijklab.jar; sleep 0.5; printf whole > simulation/target/wijklab.jar";

    @TempDir
    Path project;
    Path bin;
    Path jar;

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeEach
    void scratchProject() throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("bash", "-c", "true").start();
            Assumptions.assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "bash does not run here");
        } catch (IOException e) {
            Assumptions.abort("no bash here: " + e.getMessage());
        }
        Files.copy(Path.of("wijklab"), project.resolve("wijklab"));
        Files.createDirectories(project.resolve("simulation/src/main/java"));
        Files.createDirectories(project.resolve("scenarios"));
        for (String f : List.of("pom.xml", "simulation/pom.xml", "simulation/src/main/java/A.java", "scenarios/a.json")) {
            Files.writeString(project.resolve(f), "x");
            Files.setLastModifiedTime(project.resolve(f), ago(3600));
        }
        bin = Files.createDirectories(project.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                # stands in for java: the jar must be whole when a launcher runs it
                prev=""; jar=""
                for a in "$@"; do if [ "$prev" = "-jar" ]; then jar="$a"; fi; prev="$a"; done
                if [ "$(cat "$jar" 2>/dev/null)" != "whole" ]; then echo "java: $jar is not whole" >&2; exit 9; fi
                echo "ran ${@: -1}"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = project.resolve("simulation/target/wijklab.jar");
    }

    static FileTime ago(long seconds) {
        return FileTime.from(Instant.now().minusSeconds(seconds));
    }

    Process start(String path, Map<String, String> env, String arg) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", project.resolve("wijklab").toString(), arg);
        pb.environment().remove("WIJKLAB_JAVA_OPTS");
        pb.environment().put("PATH", path);
        pb.environment().put("WIJKLAB_BUILD_CMD", BUILD);
        pb.environment().putAll(env);
        pb.directory(project.toFile());
        return pb.start();
    }

    static Result finish(Process p) throws IOException, InterruptedException {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher finishes");
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    String withStub() {
        return bin + File.pathSeparator + System.getenv("PATH");
    }

    Result launch(Map<String, String> env, String arg) throws IOException, InterruptedException {
        return finish(start(withStub(), env, arg));
    }

    int builds() throws IOException {
        Path f = project.resolve("builds.txt");
        return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    }

    /** Launchers started together: one builds, the others wait for it, and all run the whole jar. */
    void launchersTogetherBuildOnce(String path, int launchers) throws IOException, InterruptedException {
        List<Process> ps = new ArrayList<>();
        for (int k = 0; k < launchers; k++) {
            ps.add(start(path, Map.of(), "call-" + k));
        }
        for (int k = 0; k < launchers; k++) {
            Result r = finish(ps.get(k));
            assertEquals(0, r.code, "launcher " + k + ": " + r);
            assertEquals("ran call-" + k, r.out.strip(), "launcher " + k + " ran the whole jar: " + r);
        }
        assertEquals(1, builds(), "one build for " + launchers + " launchers");
        assertEquals("whole", Files.readString(jar));
    }

    @Test
    void twoLaunchersStartedTogetherBuildOnceAndBothRunTheJar() throws IOException, InterruptedException {
        launchersTogetherBuildOnce(withStub(), 2);
        // fresh: no build
        Result r = launch(Map.of(), "again");
        assertEquals(0, r.code, r.toString());
        assertEquals(1, builds(), r.toString());
        // a source newer than the jar: one more build, again once for two launchers
        Files.setLastModifiedTime(jar, ago(1800));
        Files.setLastModifiedTime(project.resolve("simulation/src/main/java/A.java"), ago(600));
        Process a = start(withStub(), Map.of(), "x");
        Process b = start(withStub(), Map.of(), "y");
        Result ra = finish(a);
        Result rb = finish(b);
        assertEquals(0, ra.code, ra.toString());
        assertEquals(0, rb.code, rb.toString());
        assertEquals(2, builds(), ra + "\n" + rb);
    }

    @Test
    void withoutFlockALockFolderStillBuildsOnce() throws IOException, InterruptedException {
        // a PATH with the tools the launcher and the stand-ins use, but no flock
        Path tools = Files.createDirectories(project.resolve("tools"));
        for (String name : List.of("bash", "dirname", "sed", "head", "find", "rm", "mv", "mkdir", "cat", "sleep")) {
            Path real = onPath(name);
            Assumptions.assumeTrue(real != null, name + " is not on the PATH");
            Files.createSymbolicLink(tools.resolve(name), real);
        }
        launchersTogetherBuildOnce(bin + File.pathSeparator + tools, 3);
        assertFalse(Files.exists(project.resolve("simulation/target/.wijklab-build.lock.d")), "the lock folder is removed");
    }

    static Path onPath(String name) {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void aFailedBuildKeepsTheOldJarAndNamesALogThatExistsWithTmpdirMissing() throws IOException, InterruptedException {
        Result first = launch(Map.of(), "first");
        assertEquals(0, first.code, first.toString());
        Files.setLastModifiedTime(jar, ago(1800));
        Files.setLastModifiedTime(project.resolve("pom.xml"), ago(600));
        Result r = launch(Map.of("TMPDIR", project.resolve("no-such-folder").toString(),
                "WIJKLAB_BUILD_CMD", "echo compiling A.java; printf half > simulation/target/wijklab.jar; exit 3"), "second");
        assertEquals(1, r.code, r.toString());
        assertEquals("", r.out, "nothing ran: " + r);
        Matcher m = Pattern.compile("build failed.*see (\\S+)").matcher(r.err);
        assertTrue(m.find(), "the message names the log: " + r);
        Path log = Path.of(m.group(1));
        assertTrue(Files.isRegularFile(log), "the named log exists: " + r);
        assertTrue(Files.readString(log).contains("compiling A.java"), "the log holds the build's output");
        assertEquals("whole", Files.readString(jar), "the jar as it was before the failed build");
        assertFalse(Files.exists(project.resolve("simulation/target/wijklab.jar.previous")));
        // and it is still stale: the next call builds again
        Result again = launch(Map.of(), "third");
        assertEquals(0, again.code, again.toString());
        assertEquals(2, builds(), again.toString());
    }

    @Test
    void aBuildKilledHalfWayIsRedoneAndItsJarNeverRun() throws IOException, InterruptedException {
        assertEquals(0, launch(Map.of(), "first").code);
        Files.setLastModifiedTime(jar, ago(1800));
        Files.setLastModifiedTime(project.resolve("scenarios/a.json"), ago(600));
        Path started = project.resolve("started");
        Process p = start(withStub(), Map.of("WIJKLAB_BUILD_CMD",
                "echo build >> builds.txt; printf half > simulation/target/wijklab.jar; touch started; sleep 60"), "killed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(started) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(started), "the build started");
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals("half", Files.readString(jar), "as a killed build leaves it, newer than every source");
        Result r = launch(Map.of(), "after");
        assertEquals(0, r.code, r.toString());
        assertEquals("ran after", r.out.strip(), r.toString());
        assertEquals(3, builds(), "the killed build is redone: " + r);
    }
}
