package org.wijklab.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The program's version and the commit it was built from, both stamped by the build. */
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

    /**
     * The commit the program was built from, with "-dirty" if tracked files of that tree were
     * modified at build time, stamped into the jar by the build (git.properties); "unknown" when it
     * was built outside a git checkout. It does not depend on the current directory.
     */
    public static String gitCommit() {
        return commitOf(BuildInfo.class.getResourceAsStream("/org/wijklab/git.properties"));
    }

    /** The stamp's commit from a git.properties stream (null: none); "unknown" if it holds no full commit. */
    static String commitOf(InputStream stamp) {
        if (stamp == null) {
            return "unknown";
        }
        try (InputStream in = stamp) {
            Properties p = new Properties();
            p.load(in);
            String commit = p.getProperty("git.commit.id", "").trim();
            if (!commit.matches("[0-9a-f]{40}")) {
                return "unknown";
            }
            return commit + (Boolean.parseBoolean(p.getProperty("git.dirty", "false").trim()) ? "-dirty" : "");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
