package org.wijklab.experiment;

import java.util.List;
import org.wijklab.scenario.ScenarioException;
import org.wijklab.scenario.Sweep;

/**
 * The check of a row of a sweep's journal or of a shard's runs.csv before it is taken: it must be
 * a row this sweep writes for its run id, cell by cell (the id one of the sweep's runs, its point,
 * replication, seed and parameter values the ones of that id, one cell per column), and its metric
 * cells numbers as {@link SweepRunner#number} writes them, or NA. Anything else is a damaged file:
 * one line naming the file, the line and the column.
 */
final class SweepRows {
    private final Sweep sweep;
    private final int stride;
    private final List<String> columns;

    SweepRows(Sweep sweep, int stride) {
        this.sweep = sweep;
        this.stride = stride;
        this.columns = List.of(SweepRunner.header(sweep, sweep.metrics()).strip().split(",", -1));
    }

    /** The columns of runs.csv, as its header line (without the line end). */
    String header() {
        return String.join(",", columns);
    }

    /** A checked row. */
    record Row(int id, double firstMetric) {
    }

    /** Checks one row (line number {@code line} of {@code file}); a damaged row is a one-line {@link ScenarioException}. */
    Row check(String file, int line, String text) {
        String where = file + ": line " + line;
        String[] cells = org.wijklab.observation.Csv.parse(text);
        if (cells == null) {
            throw new ScenarioException(where + ": an unclosed quote; the file is damaged");
        }
        if (cells.length != columns.size()) {
            throw new ScenarioException(where + ": " + cells.length + " cells, the header has " + columns.size()
                    + "; the file is damaged");
        }
        int id = -1;
        if (cells[0].matches("[0-9]{1,9}")) {
            id = Integer.parseInt(cells[0]);
        }
        if (id < 0 || id >= sweep.points() * stride) {
            throw new ScenarioException(where + ", column 'run_id': '" + shortened(cells[0]) + "' is not a run of this sweep (0-"
                    + (sweep.points() * stride - 1) + "); the file is damaged");
        }
        List<String> expected = SweepRunner.splitCsv(SweepRunner.row(sweep, id, stride, new double[0]).strip());
        for (int c = 1; c < expected.size(); c++) {
            if (!cells[c].equals(expected.get(c))) {
                throw new ScenarioException(where + ", column '" + columns.get(c) + "': '" + shortened(cells[c])
                        + "' is not run " + id + "'s (" + expected.get(c) + "); the file is damaged");
            }
        }
        double first = Double.NaN;
        for (int c = expected.size(); c < cells.length; c++) {
            double v = metric(cells[c]);
            if (v != v && !cells[c].equals("NA")) {
                throw new ScenarioException(where + ", column '" + columns.get(c) + "': '" + shortened(cells[c])
                        + "' is not a finite number or NA; the file is damaged");
            }
            if (c == expected.size()) {
                first = v;
            }
        }
        return new Row(id, first);
    }

    /** A metric cell's value: NaN for NA and for anything that is not a plain finite decimal. */
    private static double metric(String cell) {
        if (!cell.matches("-?[0-9]{1,400}(\\.[0-9]{1,400})?")) {
            return Double.NaN;
        }
        double v = Double.parseDouble(cell);
        return Double.isInfinite(v) ? Double.NaN : v;
    }

    private static String shortened(String cell) {
        return cell.length() > 40 ? cell.substring(0, 40) + "..." : cell;
    }
}
