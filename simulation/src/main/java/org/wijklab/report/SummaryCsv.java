package org.wijklab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small CSV writer for the summary files (quotes cells with commas or quotes). */
final class SummaryCsv {
    private final StringBuilder sb = new StringBuilder();
    private final int columns;

    SummaryCsv(String... header) {
        columns = header.length;
        row(header);
    }

    void row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalStateException("row of " + cells.length + " cells, header " + columns);
        }
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells[i];
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        sb.append('\n');
    }

    void write(Path file) throws IOException {
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }
}
