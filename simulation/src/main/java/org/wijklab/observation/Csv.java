package org.wijklab.observation;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A CSV file as every output of a run writes it: a header row, comma separators, '.' decimals,
 * no exponents, UTF-8, '\n' line ends. Numbers are written in their shortest exact decimal form,
 * or rounded to six decimals where a table says so.
 *
 * <p>A run's checkpoint carries its tables: the writer is not serialised; the file's name is, and
 * a restored table {@link #reopen reopens} its file in another folder for appending.
 */
public final class Csv implements Closeable, Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private transient BufferedWriter out;
    private final int columns;
    private int column;

    public Csv(Path file, String... header) {
        name = file.getFileName().toString();
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        columns = header.length;
        for (String h : header) {
            cell(h);
        }
        end();
    }

    /**
     * A table written to a writer of the caller's instead of a file (a run's record keeps its
     * decomposition in memory: no temporary file to leave behind or to fail on).
     */
    public Csv(String name, java.io.Writer writer, String... header) {
        this.name = name;
        out = new BufferedWriter(writer);
        columns = header.length;
        for (String h : header) {
            cell(h);
        }
        end();
    }

    public Csv cell(String s) {
        try {
            if (column++ > 0) {
                out.write(',');
            }
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A text cell, quoted if it holds a comma or quote. */
    public Csv text(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0) {
            return cell('"' + s.replace("\"", "\"\"") + '"');
        }
        return cell(s);
    }

    public Csv cell(long v) {
        return cell(Long.toString(v));
    }

    /** Exact shortest decimal form of a double. */
    public Csv exact(double v) {
        return cell(plain(v));
    }

    /** Exact shortest decimal form, or an empty cell (missing) for NaN: a mean over nobody. */
    public Csv exactOrEmpty(double v) {
        return Double.isNaN(v) ? cell("") : exact(v);
    }

    /** Rounded to six decimals. */
    public Csv round(double v) {
        return cell(plain(Math.round(v * 1e6) / 1e6));
    }

    public void end() {
        if (column != columns) {
            throw new IllegalStateException("row has " + column + " cells, header has " + columns);
        }
        column = 0;
        try {
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's name (in the run's folder). */
    public String name() {
        return name;
    }

    /** Writes out what is buffered (before a checkpoint copies the file). */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * After a restore: opens the file of the same name in folder for appending (its contents so far
     * already copied there); the rows that follow continue it.
     */
    public void reopen(Path folder) {
        if (column != 0) {
            throw new IllegalStateException(name + ": restored in the middle of a row");
        }
        try {
            out = Files.newBufferedWriter(folder.resolve(name), StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String plain(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalStateException("non-finite value in output: " + v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).toPlainString();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The cells of one CSV line as this class writes them (a quoted cell may hold commas and
     * doubled quotes), or null when a quote is left open.
     */
    public static String[] parse(String line) {
        if (line.indexOf('"') < 0) {
            return split(line);
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(cell.toString());
        return out.toArray(new String[0]);
    }

    /** A line without quotes: its cells are the text between commas (empty ones too, at either end). */
    private static String[] split(String line) {
        int n = 1;
        for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
            n++;
        }
        String[] cells = new String[n];
        int from = 0;
        for (int k = 0; k < n - 1; k++) {
            int to = line.indexOf(',', from);
            cells[k] = line.substring(from, to);
            from = to + 1;
        }
        cells[n - 1] = line.substring(from);
        return cells;
    }
}
