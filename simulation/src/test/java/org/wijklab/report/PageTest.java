package org.wijklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page is a list of sections: its navigation is built from the list (a link per section with a
 * title, in order, none for one without), and the sections appear in the page in the list's order.
 */
class PageTest {
    @TempDir
    Path tmp;

    /** A section that writes its heading and a paragraph. */
    private record Stub(String id, String title, String text) implements Section {
        @Override
        public void write(Page page) {
            page.html().append("<h2 id=\"").append(id).append("\">").append(text).append("</h2>\n<p>").append(text)
                    .append("</p>\n");
        }
    }

    private static List<String> navLinks(String html) {
        int from = html.indexOf("<nav>");
        int to = html.indexOf("</nav>");
        assertTrue(from >= 0 && to > from, "a nav");
        Matcher m = Pattern.compile("<a href=\"#([^\"]+)\">").matcher(html.substring(from, to));
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The ids of the page's headings after its nav, in order. */
    private static List<String> headings(String html) {
        Matcher m = Pattern.compile("<h[23] id=\"([^\"]+)\"").matcher(html.substring(html.indexOf("</nav>")));
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void theNavIsBuiltFromTheSectionsInOrder() throws IOException {
        List<Section> sections = List.of(new Stub("b", "Bee", "second letter"), new Stub("sub", null, "untitled"),
                new Stub("a", "Ay & co", "first letter"));
        new Page(tmp, "t").intro("<h1>t</h1>\n").nav(true).write(sections);
        String html = Files.readString(tmp.resolve("index.html"));
        assertTrue(html.contains("<nav><a href=\"#b\">Bee</a><a href=\"#a\">Ay &amp; co</a></nav>\n"), html);
        assertEquals(List.of("b", "sub", "a"), headings(html), "the sections in the list's order");
        assertTrue(html.indexOf("<h1>t</h1>") < html.indexOf("<nav>") && html.endsWith("</html>\n"), html);
        assertTrue(Files.isDirectory(tmp.resolve("charts")));
    }

    @Test
    void eachSectionOfTheComparisonReportIsInItsNavOnceAndInOrder() throws IOException {
        Path runs = tmp.resolve("runs");
        ReportFixtures.run(ReportFixtures.baseline("base"), 1, runs);
        ReportFixtures.run(ReportFixtures.programme("prog"), 1, runs);
        List<Path> inputs = List.of(runs.resolve("base"), runs.resolve("prog"));
        Path out = tmp.resolve("report");
        Report.write(inputs, out, Report.Options.defaults());
        String html = Files.readString(out.resolve("index.html"));
        List<Section> sections = Report.sections(new Comparison(Summary.of(Inputs.collect(inputs), new int[] {0, -1}), 4));
        Set<Class<?>> classes = new HashSet<>();
        List<String> titled = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (Section s : sections) {
            assertTrue(classes.add(s.getClass()), "listed once: " + s.getClass().getSimpleName());
            all.add(s.id());
            if (s.title() != null) {
                titled.add(s.id());
            }
        }
        assertEquals(12, sections.size());
        assertEquals(titled, navLinks(html), "the nav: a link per titled section, in order");
        List<String> shown = headings(html).stream().filter(all::contains).toList();
        assertEquals(all, shown, "every section's heading, once, in the list's order");
    }
}
