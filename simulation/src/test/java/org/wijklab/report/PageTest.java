package org.wijklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.wijklab.scenario.ScenarioLoader;

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
        assertEquals(17, sections.size());
        assertEachSectionOnceInOrder(sections, html);
    }

    /**
     * The page's nav links each titled section once, in the list's order, and the page shows each
     * section's heading once, in that order; no class is listed twice.
     */
    private static void assertEachSectionOnceInOrder(List<Section> sections, String html) {
        Set<Class<?>> classes = new HashSet<>();
        List<String> titled = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (Section s : sections) {
            assertTrue(classes.add(s.getClass()), "listed once: " + s.getClass().getSimpleName());
            if (!s.id().isEmpty()) {
                all.add(s.id());
            }
            if (s.title() != null) {
                titled.add(s.id());
            }
        }
        assertEquals(titled, navLinks(html), "the nav: a link per titled section, in order");
        List<String> shown = headings(html).stream().filter(all::contains).toList();
        assertEquals(all, shown, "every section's heading, once, in the list's order");
    }

    /** A finished ABC calibration's files: parameters a and b with ranges and a category c, two generations. */
    private static Path calibration(Path dir, String method, String parameters) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"), "{\"calibration\": \"tiny\", \"description\": \"a test\", "
                + "\"calibrationSha256\": \"0\", \"replications\": 1, \"seeds\": \"s\", \"base\": \"b.json\", "
                + "\"method\": {\"name\": \"" + method + "\"}, \"parameters\": [" + parameters + "]}");
        String particles = "particle,generation,weight,distance,a,b,c,m\n0,2,0.25,1.5,0.2,1.1,x,0.4\n1,2,0.25,1.2,0.3,0.9,y,0.5\n"
                + "2,2,0.25,0.8,0.25,1.3,x,0.45\n3,2,0.25,1.0,0.35,1.0,y,0.5\n";
        Files.writeString(dir.resolve(method.equals("abc") ? "posterior.csv" : "front.csv"),
                method.equals("abc") ? particles : particles.replace(",weight", "").replaceAll("(?m)^(\\d+,\\d+),0\\.25", "$1"));
        Files.writeString(dir.resolve("targets.csv"), "metric,observed,scale,scale_is,source,simulated_mean,low,high\n"
                + "m,0.5,0.1,sd,somewhere,0.46,0.4,0.5\n");
        Files.writeString(dir.resolve("generations.csv"), "generation,proposed,kept,tolerance\n1,8,4,2.0\n2,8,4,1.5\n");
        return dir;
    }

    private static final String THREE = "{\"name\": \"a\", \"paths\": [\"x.a\"], \"range\": [0, 1]}, "
            + "{\"name\": \"b\", \"paths\": [\"x.b\"], \"range\": [0, 2]}, "
            + "{\"name\": \"c\", \"paths\": [\"x.c\"], \"values\": [\"x\", \"y\"]}";

    @Test
    void eachSectionOfACalibrationsPageIsInItsNavOnceAndInOrder() throws IOException {
        Path cal = calibration(tmp.resolve("abc"), "abc", THREE);
        Path out = tmp.resolve("abc-report");
        CalibrationReport.write(cal, out);
        String html = Files.readString(out.resolve("index.html"));
        List<Section> sections = CalibrationReport.sections(new CalibrationReport.CalibrationFiles(
                ScenarioLoader.mapper().readTree(cal.resolve("manifest.json").toFile()), true,
                Table.read(cal.resolve("posterior.csv")), Table.read(cal.resolve("targets.csv")),
                Table.read(cal.resolve("generations.csv"))));
        assertEquals(List.of("fit", "generations", "posterior", "pairs"), navLinks(html), html);
        assertEachSectionOnceInOrder(sections, html);
        assertTrue(html.indexOf("<h1>Calibration tiny</h1>") < html.indexOf("<nav>")
                && html.indexOf("<nav>") < html.indexOf("<th>prior (uniform over)</th>"), "the opening, the nav, the parameters");
        // one parameter with a numeric prior: no pairs, and no link to them
        Path one = calibration(tmp.resolve("nsga"), "nsga2", THREE.replaceAll("\\{\"name\": \"b\"[^}]*\\}, ", ""));
        CalibrationReport.write(one, tmp.resolve("nsga-report"));
        html = Files.readString(tmp.resolve("nsga-report/index.html"));
        assertEquals(List.of("fit", "generations", "posterior"), navLinks(html), html);
        assertFalse(html.contains("id=\"pairs\""), html);
    }

    @Test
    void eachSectionOfADiscoverysPageIsInItsNavOnceAndInOrder() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("discovery"));
        Files.writeString(d.resolve(DiscoveryReport.MANIFEST), "{\"sweep\": \"s\", \"where\": \"m > 1\", \"cases\": 4, "
                + "\"hits\": 2, \"chosenStep\": 1, \"chosen\": {\"coverage\": 1, \"density\": 1, \"mass\": 0.5, "
                + "\"cases\": 2, \"hits\": 2}, \"trees\": 10, \"seed\": 1, \"probe\": true}");
        Files.writeString(d.resolve("trajectory.csv"), "step,coverage,density,mass,restricted_parameters\n0,1,0.5,1,\n1,1,1,0.5,a\n");
        Files.writeString(d.resolve("box.csv"), "parameter,restricted,low,high,range_low,range_high,categories_kept,quasi_p\n"
                + "a,true,0.5,1,0,1,,0.2\n");
        Files.writeString(d.resolve("feature-scores.csv"), "parameter,role,score\na,parameter,0.8\ndummy,probe,0.2\n");
        Path out = tmp.resolve("discovery-report");
        DiscoveryReport.write(d, out);
        String html = Files.readString(out.resolve("index.html"));
        List<Section> sections = DiscoveryReport.sections(new DiscoveryReport.DiscoveryFiles(
                ScenarioLoader.mapper().readTree(d.resolve(DiscoveryReport.MANIFEST).toFile()), Table.read(d.resolve("trajectory.csv")),
                Table.read(d.resolve("box.csv")), Table.read(d.resolve("feature-scores.csv"))));
        assertEquals(List.of("trajectory", "box", "scores"), navLinks(html), html);
        assertEachSectionOnceInOrder(sections, html);
        assertTrue(html.indexOf("<h1>Where does <code>m &gt; 1</code> hold?</h1>") < html.indexOf("<nav>"), html);
    }
}
