package org.wijklab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.observation.Csv;

/**
 * A file read row by row ({@link Table#cursor}) gives the cells, numbers and messages of the same
 * file read whole ({@link Table#read}); the parser's path for lines without quotes splits them as
 * its quoted path does.
 */
class TableCursorTest {
    @TempDir
    Path tmp;

    @Test
    void unquotedLinesSplitAsTheirQuotedForm() {
        String[] lines = {"", ",", "a", "a,b", "a,,b,", ",a", "1,2.5,-3e4,,Noord Oost", ",,,"};
        for (String line : lines) {
            String[] cells = Csv.parse(line);
            // the same cells, each quoted: the character-by-character path
            List<String> quoted = new ArrayList<>();
            for (String c : line.split(",", -1)) {
                quoted.add("\"" + c + "\"");
            }
            assertArrayEquals(Csv.parse(String.join(",", quoted)), cells, line);
            assertArrayEquals(line.split(",", -1), cells, line);
        }
        assertArrayEquals(new String[] {"a,b", "c\"d", ""}, Csv.parse("\"a,b\",\"c\"\"d\","));
        assertEquals(null, Csv.parse("\"open,1"));
    }

    @Test
    void aCursorReadsWhatTheTableReads() throws IOException {
        Path f = tmp.resolve("t.csv");
        Files.writeString(f, "tick,from,to,note\n1,Noord,Zuid,\n2,\"Oost, west\",Zuid,\"say \"\"hi\"\"\"\n\n3,,Noord,x\n");
        Table t = Table.read(f, "tick", "from");
        List<String[]> rows = new ArrayList<>();
        List<Integer> ticks = new ArrayList<>();
        try (Table.Cursor c = Table.cursor(f, "tick", "from")) {
            int tick = c.column("tick");
            while (c.next()) {
                String[] r = new String[4];
                for (int k = 0; k < 4; k++) {
                    r[k] = c.text(k);
                }
                rows.add(r);
                ticks.add(c.integer(tick));
            }
            assertFalse(c.next());
            // past the end there is no row to read, not the last one again
            assertThrows(IllegalStateException.class, () -> c.text(0));
        }
        assertEquals(t.size(), rows.size());
        for (int i = 0; i < t.size(); i++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(t.text(i, t.header().get(k)), rows.get(i)[k], "row " + i + " column " + k);
            }
            assertEquals(t.integer(i, "tick"), ticks.get(i));
        }
        // the table itself: a row with quotes kept as cells, the others cut when read; lines counted with the blank one
        assertEquals("Oost, west", t.text(1, "from"));
        assertEquals("say \"hi\"", t.text(1, "note"));
        assertEquals("", t.text(0, "note"));
        assertEquals("1", t.text(0, "tick"));
        assertEquals("", t.text(2, "from"));
        assertEquals("x", t.text(2, "note"));
        assertEquals(2, t.line(0));
        assertEquals(5, t.line(2));
        assertEquals("Oost, west", rows.get(1)[1]);
        assertEquals("say \"hi\"", rows.get(1)[3]);
        assertEquals("", rows.get(2)[1]);
    }

    @Test
    void aCursorFailsWithTheTablesMessages() throws IOException {
        String header = "tick,from,to\n";
        for (String body : new String[] {"1,a,b\n2,a\n", "1,a,b\n2,a,b,c\n", "1,a,b\n2,a,b,c,d,e\n", "1,a,b\n\"2,a,b\n",
                "1,a,b\n1.5,a,b\n", "1,a,b\nNaN,a,b\n", "1,a,b\n1e300,a,b\n", "1,a,b\nx,a,b\n"}) {
            Path f = tmp.resolve("bad.csv");
            Files.writeString(f, header + body);
            String whole = assertThrows(ReportException.class, () -> {
                Table t = Table.read(f, "tick");
                for (int i = 0; i < t.size(); i++) {
                    t.integer(i, "tick");
                }
            }).getMessage();
            String rowByRow = assertThrows(ReportException.class, () -> {
                try (Table.Cursor c = Table.cursor(f, "tick")) {
                    while (c.next()) {
                        c.integer(c.column("tick"));
                    }
                }
            }).getMessage();
            assertEquals(whole, rowByRow, body);
            assertTrue(whole.contains("line 3"), whole);
        }
        Path f = tmp.resolve("cols.csv");
        Files.writeString(f, header + "1,a,b\n");
        assertEquals(assertThrows(ReportException.class, () -> Table.read(f, "tock")).getMessage(),
                assertThrows(ReportException.class, () -> Table.cursor(f, "tock").close()).getMessage());
        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "");
        assertEquals(assertThrows(ReportException.class, () -> Table.read(empty)).getMessage(),
                assertThrows(ReportException.class, () -> Table.cursor(empty).close()).getMessage());
    }
}
