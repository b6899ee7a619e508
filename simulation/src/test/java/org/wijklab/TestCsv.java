package org.wijklab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal reader for the run's CSV outputs in tests: a header row, comma separators, '\n' line
 * ends, cells quoted with '"' when they hold a comma or quote ('""' inside a quoted cell is a quote).
 * A row with another number of cells than the header is an error.
 */
public final class TestCsv {
    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<List<String>> rows;

    private TestCsv(Path file, List<String> header, List<List<String>> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        for (int i = 0; i < header.size(); i++) {
            if (index.put(header.get(i), i) != null) {
                throw new AssertionError(file + ": column '" + header.get(i) + "' appears twice in the header");
            }
        }
    }

    public static TestCsv read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.isEmpty()) {
            throw new AssertionError(file + ": empty file, not even a header");
        }
        if (!text.endsWith("\n")) {
            throw new AssertionError(file + ": the last line does not end with a newline");
        }
        List<List<String>> lines = parse(file, text);
        List<String> header = lines.get(0);
        List<List<String>> rows = new ArrayList<>(lines.subList(1, lines.size()));
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != header.size()) {
                throw new AssertionError(file + ": line " + (r + 2) + " has " + rows.get(r).size()
                        + " cells, the header " + header.size());
            }
        }
        return new TestCsv(file, header, rows);
    }

    private static List<List<String>> parse(Path file, String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                lines.add(Collections.unmodifiableList(row));
                row = new ArrayList<>();
                line++;
            } else if (c == '\r') {
                throw new AssertionError(file + ": line " + line + " has a carriage return");
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new AssertionError(file + ": unterminated quoted cell");
        }
        return lines;
    }

    public Path file() {
        return file;
    }

    public List<String> header() {
        return header;
    }

    public List<List<String>> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    public boolean has(String column) {
        return index.containsKey(column);
    }

    public int column(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new AssertionError(file + ": no column '" + name + "' in " + header);
        }
        return i;
    }

    /** The cell of a row (0 = first row after the header) in a named column. */
    public String get(int row, String column) {
        return rows.get(row).get(column(column));
    }

    public double num(int row, String column) {
        String s = get(row, column);
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new AssertionError(file + ": line " + (row + 2) + ", column " + column + ": '" + s
                    + "' is not a number");
        }
    }

    public long integer(int row, String column) {
        String s = get(row, column);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new AssertionError(file + ": line " + (row + 2) + ", column " + column + ": '" + s
                    + "' is not a whole number");
        }
    }

    /** Fails if any cell is empty, or is NaN or infinity. */
    public void assertNoEmptyOrNonFiniteCells() {
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                String s = row.get(c);
                String where = file + ": line " + (r + 2) + ", column " + header.get(c);
                if (s.isBlank()) {
                    throw new AssertionError(where + ": empty cell");
                }
                String lower = s.trim().toLowerCase(java.util.Locale.ROOT);
                String bare = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
                if (bare.equals("nan") || bare.equals("infinity") || bare.equals("inf")) {
                    throw new AssertionError(where + ": non-finite value '" + s + "'");
                }
            }
        }
        for (String h : header) {
            if (h.isBlank()) {
                throw new AssertionError(file + ": empty column name in the header");
            }
        }
    }
}
