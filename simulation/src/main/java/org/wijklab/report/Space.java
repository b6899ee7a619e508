package org.wijklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's space as its files give it: the neighbours of each neighbourhood ({@code map.csv}) and
 * the moves out of each neighbourhood by distance class ({@code distances.csv}), checked against the
 * neighbourhoods of the run's scenario. Runs from before these files existed have neither; callers
 * ask {@link RunFolder#hasFile} first and say what is missing.
 */
final class Space {
    static final String MAP = "map.csv";
    static final String DISTANCES = "distances.csv";
    /** The distance classes of distances.csv, nearest first. */
    static final String[] CLASSES = {"same", "adjacent", "further", "region"};

    private Space() {
    }

    /** The neighbourhoods of the run's scenario, in city order. */
    static List<String> neighbourhoods(RunFolder run) {
        List<String> names = new ArrayList<>();
        for (JsonNode h : run.scenario().path("city").path("neighbourhoods")) {
            names.add(h.path("name").asText());
        }
        return names;
    }

    /**
     * map.csv as each neighbourhood's set of neighbours, in city order; a border is shared, so a
     * neighbour named on either side counts for both. Every neighbourhood of the run's scenario must
     * have a row, once, and name only neighbourhoods of the scenario other than itself.
     */
    static Map<String, Set<String>> neighbours(RunFolder run) {
        Table t = run.table(MAP, "neighbourhood", "neighbours");
        List<String> names = neighbourhoods(run);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, new LinkedHashSet<>());
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < t.size(); i++) {
            String name = t.text(i, "neighbourhood");
            if (!out.containsKey(name)) {
                throw new ReportException(t.where(i, "neighbourhood") + ": '" + name + "' is not a neighbourhood of the run's scenario");
            }
            if (!seen.add(name)) {
                throw new ReportException(t.where(i, "neighbourhood") + ": '" + name + "' has a second row");
            }
            String cell = t.text(i, "neighbours");
            if (cell.isEmpty()) {
                continue;
            }
            for (String other : cell.split(";", -1)) {
                if (!out.containsKey(other) || other.equals(name)) {
                    throw new ReportException(t.where(i, "neighbours") + ": '" + other + "' is not another neighbourhood of the run's scenario");
                }
                out.get(name).add(other);
                out.get(other).add(name);
            }
        }
        if (seen.size() != names.size()) {
            List<String> missing = names.stream().filter(n -> !seen.contains(n)).limit(3).toList();
            throw new ReportException(t.file() + ": no row for " + String.join(", ", missing)
                    + (names.size() - seen.size() > 3 ? ", ..." : ""));
        }
        return out;
    }

    /**
     * distances.csv summed over the years: per origin neighbourhood (in city order) the moves out by
     * class, {@code [0..3]} all moves (same, adjacent, further, region) and {@code [4..7]} the
     * restructuring tenants' moves ({@code renewal_*}). Counts must be whole and not negative, and a
     * year and neighbourhood may appear once.
     */
    static Map<String, long[]> moves(RunFolder run) {
        List<String> cols = new ArrayList<>(List.of("year", "neighbourhood"));
        for (String c : CLASSES) {
            cols.add(c);
        }
        for (String c : CLASSES) {
            cols.add("renewal_" + c);
        }
        Table t = run.table(DISTANCES, cols.toArray(new String[0]));
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String n : neighbourhoods(run)) {
            out.put(n, new long[2 * CLASSES.length]);
        }
        Map<String, Set<Integer>> years = new HashMap<>();
        int lastYear = (run.ticks() + 11) / 12;
        for (int i = 0; i < t.size(); i++) {
            String name = t.text(i, "neighbourhood");
            long[] c = out.get(name);
            if (c == null) {
                throw new ReportException(t.where(i, "neighbourhood") + ": '" + name + "' is not a neighbourhood of the run's scenario");
            }
            int year = t.integer(i, "year");
            if (year < 1 || year > lastYear) {
                throw new ReportException(t.where(i, "year") + ": year " + year + " is outside the run's 1-" + lastYear);
            }
            if (!years.computeIfAbsent(name, k -> new java.util.HashSet<>()).add(year)) {
                throw new ReportException(t.where(i, "year") + ": year " + year + " of '" + name + "' has a second row");
            }
            for (int k = 0; k < cols.size() - 2; k++) {
                int v = t.integer(i, cols.get(k + 2));
                if (v < 0) {
                    throw new ReportException(t.where(i, cols.get(k + 2)) + ": " + v + " moves is negative");
                }
                c[k] += v;
            }
        }
        return out;
    }

    /** The counts of the given neighbourhoods summed, columns {@code from} to {@code from + 3}. */
    static long[] sum(Map<String, long[]> moves, Set<String> which, int from) {
        long[] s = new long[CLASSES.length];
        for (Map.Entry<String, long[]> e : moves.entrySet()) {
            if (which == null || which.contains(e.getKey())) {
                for (int k = 0; k < s.length; k++) {
                    s[k] += e.getValue()[from + k];
                }
            }
        }
        return s;
    }
}
