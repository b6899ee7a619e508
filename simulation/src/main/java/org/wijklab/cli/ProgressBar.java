package org.wijklab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.wijklab.experiment.Progress;

/**
 * Progress of a long command on standard error: runs done of the total, runs per minute and the
 * time left. On a terminal one line redrawn in place; otherwise (a log, a pipe) a plain line at
 * every tenth of the work; nothing with {@code --quiet}.
 */
public final class ProgressBar implements Progress {
    private final PrintWriter err;
    private final boolean terminal;
    private final String what;
    private final long start = System.nanoTime();
    private int lastTenth = -1;

    private ProgressBar(PrintWriter err, boolean terminal, String what) {
        this.err = err;
        this.terminal = terminal;
        this.what = what;
    }

    /** A bar for {@code what} ("runs"), or none when quiet. */
    public static Progress of(PrintWriter err, boolean quiet, String what) {
        return quiet ? Progress.NONE : new ProgressBar(err, System.console() != null, what);
    }

    @Override
    public synchronized void update(int done, int total) {
        double minutes = (System.nanoTime() - start) / 6e10;
        double rate = minutes > 0 ? done / minutes : 0;
        String eta = rate > 0 && done < total ? duration((total - done) / rate * 60) : "-";
        String line = String.format(Locale.ROOT, "%d of %d %s (%.0f %%), %.1f per minute, %s left", done, total, what,
                100.0 * done / total, rate, eta);
        if (terminal) {
            int width = 30;
            int filled = (int) Math.round(width * (double) done / total);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + line + "   ");
            if (done == total) {
                err.println();
            }
        } else {
            int tenth = (int) (10L * done / total);
            if (tenth != lastTenth || done == total) {
                lastTenth = tenth;
                err.println(line);
            }
        }
        err.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
