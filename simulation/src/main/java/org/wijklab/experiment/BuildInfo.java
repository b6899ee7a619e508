package org.wijklab.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The program's version (from the build) and, when the working folder is a git checkout, its commit. */
public final class BuildInfo {
    private BuildInfo() {
    }

    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/wijklab/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The commit of the checkout in the working folder, or "unknown" (no git, not a checkout). */
    public static String gitCommit() {
        String env = System.getenv("WIJKLAB_GIT_COMMIT");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                String s = new String(out, StandardCharsets.UTF_8).trim();
                String dirty = isDirty() ? "-dirty" : "";
                return s.matches("[0-9a-f]{40}") ? s + dirty : "unknown";
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }

    private static boolean isDirty() {
        try {
            Process p = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").start();
            byte[] out = p.getInputStream().readAllBytes();
            return p.waitFor(5, TimeUnit.SECONDS) && out.length > 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
