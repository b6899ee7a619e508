package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The manifest's commit is the one the program was built from (stamped into the build), with
 * "-dirty" for a modified tree, whatever directory the program runs in: also inside another git
 * repository, which the commit used to be taken from.
 */
class ProvenanceTest {
    @TempDir
    Path tmp;

    private static String stamp(String text) {
        return BuildInfo.commitOf(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void theStampIsReadWithItsDirtyFlag() {
        String id = "0123456789abcdef0123456789abcdef01234567";
        assertEquals(id, stamp("git.commit.id=" + id + "\ngit.dirty=false\n"));
        assertEquals(id + "-dirty", stamp("git.commit.id=" + id + "\ngit.dirty=true\n"));
        assertEquals("unknown", stamp("git.dirty=true\n"), "no commit");
        assertEquals("unknown", stamp("git.commit.id=abc\n"), "not a full commit");
        assertEquals("unknown", BuildInfo.commitOf(null), "built outside a checkout");
    }

    /** The project's checkout, or null (a source tree without git, or no git command). */
    private static Path checkout() throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve(".git"))) {
            root = root.getParent();
        }
        if (root == null) {
            return null;
        }
        return git(root, "rev-parse", "HEAD") == null ? null : root;
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    }

    @Test
    void aRunInsideAnotherRepositoryRecordsTheCommitTheProgramWasBuiltFrom() throws Exception {
        Path project = checkout();
        assumeTrue(project != null, "not built from a git checkout: the stamp is 'unknown'");
        String built = BuildInfo.gitCommit();
        assertTrue(built.matches("[0-9a-f]{40}(-dirty)?"), built);
        // the build stamped the checkout's commit (the tests run right after the build)
        assertEquals(git(project, "rev-parse", "HEAD"), built.substring(0, 40));
        // another repository, with a commit of its own, as the working directory of a run
        Path other = Files.createDirectories(tmp.resolve("other"));
        assumeTrue(git(other, "init", "-q") != null, "git init");
        Files.writeString(other.resolve("a.txt"), "a");
        git(other, "add", "a.txt");
        assumeTrue(git(other, "-c", "user.email=x@y", "-c", "user.name=x", "commit", "-q", "-m", "x") != null, "commit");
        String otherCommit = git(other, "rev-parse", "HEAD");
        Files.writeString(other.resolve("a.txt"), "modified");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = tmp.resolve("run");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.wijklab.cli.WijkLabCli",
                "run", "--years", "1", "--residents", "2000", "--quiet", "--out", out.toString())
                .directory(other.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run ends");
        assertEquals(0, p.exitValue(), log);
        JsonNode manifest = ScenarioLoader.mapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(built, manifest.path("gitCommit").asText());
        assertTrue(!manifest.path("gitCommit").asText().startsWith(otherCommit), "not the working directory's commit");
    }
}
