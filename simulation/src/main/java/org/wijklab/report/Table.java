package org.wijklab.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file as the runs write it (a header row, commas, {@code "} quoting), read whole into
 * columns of text. Any malformed line is a {@link ReportException} naming the file and line.
 */
public final class Table implements org.wijklab.observation.LeakMeasure.Rows {
    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String[]> rows;
    /** The file's line number of each row (blank lines are skipped). */
    private final int[] lines;

    /**
     * The largest magnitude a cell read as a number may have: far above any count, share or euro
     * amount a run writes, and far enough below the largest double that sums over a city, its years
     * and the replications cannot overflow.
     */
    public static final double MAX_MAGNITUDE = 1e15;

    private Table(Path file, List<String> header, List<String[]> rows, int[] lines) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        this.lines = lines;
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i), i);
        }
    }

    /** Reads a CSV file; the header must hold every one of the required columns. */
    public static Table read(Path file, String... required) {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        List<String> header;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null || first.isBlank()) {
                throw new ReportException(file + ": empty file, expected a CSV header");
            }
            header = List.of(split(first, file, 1));
            String line;
            int n = 1;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = split(line, file, n);
                if (cells.length != header.size()) {
                    throw new ReportException(file + ": line " + n + " has " + cells.length + " cells, the header "
                            + header.size());
                }
                rows.add(cells);
                lineNumbers.add(n);
            }
        } catch (IOException e) {
            throw new ReportException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        Table t = new Table(file, header, rows, lineNumbers.stream().mapToInt(Integer::intValue).toArray());
        for (String c : required) {
            if (!t.index.containsKey(c)) {
                throw new ReportException(file + ": no column '" + c + "'");
            }
        }
        return t;
    }

    private static String[] split(String line, Path file, int lineNo) {
        String[] cells = org.wijklab.observation.Csv.parse(line);
        if (cells == null) {
            throw new ReportException(file + ": line " + lineNo + " has an unclosed quote");
        }
        return cells;
    }

    public int size() {
        return rows.size();
    }

    public boolean has(String column) {
        return index.containsKey(column);
    }

    /** The text of a cell. */
    public String text(int row, String column) {
        return rows.get(row)[column(column)];
    }

    /** The line of the file a row was read from (the header is line 1). */
    public int line(int row) {
        return lines[row];
    }

    /**
     * A cell as a finite number of at most {@link #MAX_MAGNITUDE}; a cell that is not one (text, NaN,
     * Infinity, 1e308) is a {@link ReportException} naming file, line and column.
     */
    public double number(int row, String column) {
        String s = text(row, column);
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ReportException(where(row, column) + ": '" + s + "' is not a number");
        }
        if (Double.isNaN(v)) {
            throw new ReportException(where(row, column) + ": '" + s + "' is not a number (NaN); a run writes an empty cell where a value is undefined");
        }
        if (Double.isInfinite(v) || Math.abs(v) > MAX_MAGNITUDE) {
            throw new ReportException(where(row, column) + ": '" + s + "' is " + (Double.isInfinite(v) ? "infinite" : "too large")
                    + " (the report reads numbers up to 1e15 in size)");
        }
        return v;
    }

    /** "FILE: line N, column 'C'", for a message about a cell. */
    public String where(int row, String column) {
        return file + ": line " + lines[row] + ", column '" + column + "'";
    }

    /** A cell as a whole number. */
    public int integer(int row, String column) {
        double v = number(row, column);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new ReportException(where(row, column) + ": '" + text(row, column) + "' is not a whole number");
        }
        return (int) v;
    }

    private int column(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new ReportException(file + ": no column '" + name + "'");
        }
        return i;
    }

    public Path file() {
        return file;
    }

    public List<String> header() {
        return header;
    }
}
