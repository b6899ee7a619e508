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
 *
 * <p>A row without quotes (nearly every row a run writes) is kept as its line and where each cell
 * ends, and a cell is cut out of it when it is read; a row with quotes as its cells.
 */
public final class Table implements org.wijklab.observation.LeakMeasure.Rows {
    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    /** Each row's line (a row without quotes), or null (one with: its cells in {@link #quoted}). */
    private final String[] rows;
    /** Where each cell of each row without quotes ends: {@code header.size()} ints a row. */
    private final int[] ends;
    private final Map<Integer, String[]> quoted;
    /** The file's line number of each row (blank lines are skipped). */
    private final int[] lines;

    /**
     * The largest magnitude a cell read as a number may have: far above any count, share or euro
     * amount a run writes, and far enough below the largest double that sums over a city, its years
     * and the replications cannot overflow.
     */
    public static final double MAX_MAGNITUDE = 1e15;

    private Table(Path file, List<String> header, String[] rows, int[] ends, Map<Integer, String[]> quoted, int[] lines) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        this.ends = ends;
        this.quoted = quoted;
        this.lines = lines;
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i), i);
        }
    }

    /**
     * Reads a CSV file; the header must hold every one of the required columns. The rows come from
     * a {@link Cursor}, so a file read whole and one read row by row are checked alike.
     */
    public static Table read(Path file, String... required) {
        List<String> rows = new ArrayList<>();
        Map<Integer, String[]> quoted = new HashMap<>();
        int[] lineNumbers = new int[16];
        try (Cursor c = new Cursor(file, required)) {
            int cols = c.header.size();
            int[] ends = new int[16 * cols];
            while (c.next()) {
                int row = rows.size();
                if (c.row != null) {
                    if (ends.length < (row + 1) * cols) {
                        ends = java.util.Arrays.copyOf(ends, 2 * ends.length);
                    }
                    System.arraycopy(c.ends, 0, ends, row * cols, cols);
                } else {
                    quoted.put(row, c.cells);
                }
                rows.add(c.row);
                if (lineNumbers.length == row) {
                    lineNumbers = java.util.Arrays.copyOf(lineNumbers, 2 * row);
                }
                lineNumbers[row] = c.line;
            }
            return new Table(file, c.header, rows.toArray(new String[0]), ends, quoted,
                    java.util.Arrays.copyOf(lineNumbers, rows.size()));
        }
    }

    /**
     * Where the cells of a line without quotes end (the comma after each, or the line's end), into
     * ends as far as it holds; returns the number of cells, the cells past ends' length counted too.
     */
    private static int cut(String s, int[] ends) {
        int n = 0;
        for (int i = s.indexOf(','); i >= 0 && n < ends.length; i = s.indexOf(',', i + 1)) {
            ends[n++] = i;
        }
        if (n < ends.length) {
            ends[n++] = s.length();
            return n;
        }
        // as many commas as ends: the line has more cells than that
        n = ends.length + 1;
        for (int i = s.indexOf(',', ends[ends.length - 1] + 1); i >= 0; i = s.indexOf(',', i + 1)) {
            n++;
        }
        return n;
    }

    private static String[] split(String line, Path file, int lineNo) {
        String[] cells = org.wijklab.observation.Csv.parse(line);
        if (cells == null) {
            throw new ReportException(file + ": line " + lineNo + " has an unclosed quote");
        }
        return cells;
    }

    public int size() {
        return rows.length;
    }

    public boolean has(String column) {
        return index.containsKey(column);
    }

    /** The text of a cell. */
    public String text(int row, String column) {
        int c = column(column);
        String line = rows[row];
        if (line == null) {
            return quoted.get(row)[c];
        }
        int o = row * header.size();
        return line.substring(c == 0 ? 0 : ends[o + c - 1] + 1, ends[o + c]);
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
        return number(text(row, column), file, lines[row], column);
    }

    /** "FILE: line N, column 'C'", for a message about a cell. */
    public String where(int row, String column) {
        return where(file, lines[row], column);
    }

    private static String where(Path file, int line, String column) {
        return file + ": line " + line + ", column '" + column + "'";
    }

    /** A cell as a whole number. */
    public int integer(int row, String column) {
        return integer(text(row, column), file, lines[row], column);
    }

    private static double number(String s, Path file, int line, String column) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ReportException(where(file, line, column) + ": '" + s + "' is not a number");
        }
        if (Double.isNaN(v)) {
            throw new ReportException(where(file, line, column) + ": '" + s + "' is not a number (NaN); a run writes an empty cell where a value is undefined");
        }
        if (Double.isInfinite(v) || Math.abs(v) > MAX_MAGNITUDE) {
            throw new ReportException(where(file, line, column) + ": '" + s + "' is " + (Double.isInfinite(v) ? "infinite" : "too large")
                    + " (the report reads numbers up to 1e15 in size)");
        }
        return v;
    }

    private static int integer(String s, Path file, int line, String column) {
        double v = number(s, file, line, column);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new ReportException(where(file, line, column) + ": '" + s + "' is not a whole number");
        }
        return (int) v;
    }

    /**
     * Reads a CSV file row by row without keeping it (for a file too large to hold whole, such as
     * moves.csv): the same header, cell-count and quote checks as {@link #read}, and the same
     * numbers and messages, one row at a time.
     */
    public static Cursor cursor(Path file, String... required) {
        return new Cursor(file, required);
    }

    /** A file read row by row: {@link #next()} moves to the next row; close it when done. */
    public static final class Cursor implements AutoCloseable {
        private final Path file;
        private final BufferedReader in;
        private final List<String> header;
        /** The current row: its line, and where each cell ends (a line without quotes), or its cells (one with). */
        private String row;
        private int[] ends;
        private String[] cells;
        private int line = 1;

        private Cursor(Path file, String[] required) {
            this.file = file;
            try {
                in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ReportException(file + ": cannot be read (" + e.getMessage() + ")");
            }
            try {
                String first = in.readLine();
                if (first == null || first.isBlank()) {
                    throw new ReportException(file + ": empty file, expected a CSV header");
                }
                header = List.of(split(first, file, 1));
                ends = new int[header.size()];
                for (String c : required) {
                    if (!header.contains(c)) {
                        throw new ReportException(file + ": no column '" + c + "'");
                    }
                }
            } catch (IOException e) {
                close();
                throw new ReportException(file + ": cannot be read (" + e.getMessage() + ")");
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** The index of a column, for {@link #text(int)} and the others. */
        public int column(String name) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new ReportException(file + ": no column '" + name + "'");
            }
            return i;
        }

        /** Moves to the next row (blank lines are skipped); false at the end of the file. */
        public boolean next() {
            try {
                String s;
                while ((s = in.readLine()) != null) {
                    line++;
                    if (s.isEmpty()) {
                        continue;
                    }
                    int n;
                    if (s.indexOf('"') < 0) {
                        // cut a cell out only when it is read: most rows are read for a few columns
                        row = s;
                        cells = null;
                        n = cut(s, ends);
                    } else {
                        row = null;
                        cells = split(s, file, line);
                        n = cells.length;
                    }
                    if (n != header.size()) {
                        throw new ReportException(file + ": line " + line + " has " + n + " cells, the header "
                                + header.size());
                    }
                    return true;
                }
            } catch (IOException e) {
                throw new ReportException(file + ": cannot be read (" + e.getMessage() + ")");
            }
            cells = null;
            row = null;
            return false;
        }

        /** A cell of the current row (after {@link #next()} returned true). */
        public String text(int column) {
            if (cells != null) {
                return cells[column];
            }
            if (row == null) {
                throw new IllegalStateException(file + ": no current row");
            }
            return row.substring(column == 0 ? 0 : ends[column - 1] + 1, ends[column]);
        }

        public double number(int column) {
            return Table.number(text(column), file, line, header.get(column));
        }

        public int integer(int column) {
            return Table.integer(text(column), file, line, header.get(column));
        }

        public Path file() {
            return file;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new ReportException(file + ": cannot be read (" + e.getMessage() + ")");
            }
        }
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
