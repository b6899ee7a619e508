package org.wijklab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the runs among the folders an analyst names: a folder with {@code manifest.json} is a run;
 * any other folder is searched (up to four levels down, hidden folders skipped) for run folders,
 * so a study's or a sweep's output folder can be given whole. Runs are grouped by scenario key, in
 * the order the scenarios first appear.
 */
public final class Inputs {
    private static final int DEPTH = 4;

    private Inputs() {
    }

    public static List<ScenarioGroup> collect(List<Path> folders) {
        if (folders.isEmpty()) {
            throw new ReportException("no input folders given");
        }
        List<Path> runDirs = new ArrayList<>();
        for (Path f : folders) {
            if (!Files.exists(f)) {
                throw new ReportException(f + ": no such folder");
            }
            if (!Files.isDirectory(f)) {
                throw new ReportException(f + ": not a folder (give run or study folders)");
            }
            List<Path> found = find(f);
            if (found.isEmpty()) {
                throw new ReportException(f + ": no run in it (a run folder holds " + RunFolder.MANIFEST + ")");
            }
            runDirs.addAll(found);
        }
        Map<String, ScenarioGroup> groups = new LinkedHashMap<>();
        Set<Path> seen = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Path d : runDirs) {
            if (!seen.add(d.toAbsolutePath().normalize())) {
                continue;
            }
            RunFolder run = RunFolder.open(d);
            ScenarioGroup g = groups.get(run.key());
            if (g == null) {
                // a second scenario of the same name is "name (2)", and so on, never a name already shown
                String shown = run.name();
                for (int k = 2; !names.add(shown); k++) {
                    shown = run.name() + " (" + k + ")";
                }
                g = new ScenarioGroup(shown, run.key());
                groups.put(run.key(), g);
            }
            g.add(run);
        }
        return new ArrayList<>(groups.values());
    }

    private static List<Path> find(Path dir) {
        if (Files.isRegularFile(dir.resolve(RunFolder.MANIFEST))) {
            return List.of(dir);
        }
        List<Path> found = new ArrayList<>();
        int[] visited = {0};
        try {
            Files.walkFileTree(dir, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), DEPTH,
                    new java.nio.file.SimpleFileVisitor<Path>() {
                        @Override
                        public java.nio.file.FileVisitResult preVisitDirectory(Path p, java.nio.file.attribute.BasicFileAttributes a) {
                            if (!p.equals(dir) && hidden(dir, p)) {
                                return java.nio.file.FileVisitResult.SKIP_SUBTREE;
                            }
                            if (++visited[0] > MAX_FOLDERS) {
                                throw new ReportException(dir + ": more than " + MAX_FOLDERS + " folders to search for runs; "
                                        + "give the run or study folders themselves");
                            }
                            if (Files.isRegularFile(p.resolve(RunFolder.MANIFEST))) {
                                found.add(p);
                                return java.nio.file.FileVisitResult.SKIP_SUBTREE;
                            }
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }

                        @Override
                        public java.nio.file.FileVisitResult visitFile(Path p, java.nio.file.attribute.BasicFileAttributes a) {
                            // folders at the greatest depth come here, not to preVisitDirectory
                            if (a.isDirectory() && !hidden(dir, p) && Files.isRegularFile(p.resolve(RunFolder.MANIFEST))) {
                                found.add(p);
                            }
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }

                        @Override
                        public java.nio.file.FileVisitResult visitFileFailed(Path p, IOException e) {
                            throw new ReportException(p + ": cannot be listed ("
                                    + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage())
                                    + ") while looking for runs in " + dir);
                        }
                    });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ReportException(dir + ": cannot be listed (" + e.getMessage() + ")");
        }
        found.sort(null);
        return found;
    }

    /** The most folders searched for runs under one input. */
    private static final int MAX_FOLDERS = 100_000;

    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
