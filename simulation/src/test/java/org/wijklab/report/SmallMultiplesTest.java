package org.wijklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart of more than six scenarios is drawn as small multiples: one panel per scenario, titled with
 * its name, every panel on the same y axis, the reference in grey in each; six or fewer stay on one
 * chart. On fixture runs: a reference without a programme and seven with programmes of different
 * budgets, two seeds each.
 */
class SmallMultiplesTest {
    @TempDir
    static Path tmp;
    static Path runs;
    /** The reference and its seven programme scenarios, in the order given to the report. */
    static final List<String> NAMES = new ArrayList<>();
    static final String[] EFFECTS = {"employment", "income", "mental-health", "liveability"};
    /** The grey of a panel's reference (Palette.REFERENCE) as the SVG writes it. */
    static final String GREY = "rgb(158,158,158)";

    @BeforeAll
    static void build() {
        runs = tmp.resolve("runs");
        NAMES.add("ref");
        ReportFixtures.run(ReportFixtures.baseline("ref"), 2, runs);
        for (int i = 1; i <= 7; i++) {
            String name = "p" + i;
            NAMES.add(name);
            ReportFixtures.run(ReportFixtures.with(ReportFixtures.programme(name),
                    "programmes[0].yearlyBudget=" + (500_000 * i)), 2, runs);
        }
    }

    private static List<Path> inputs(int scenarios) {
        return NAMES.subList(0, scenarios).stream().map(runs::resolve).toList();
    }

    private static List<String> images(String html) {
        Matcher m = Pattern.compile("<img src=\"charts/([a-z0-9-]+)\\.png\"").matcher(html);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The numbers written on a chart's axes (its tick labels), in the order the SVG draws them. */
    private static List<String> tickLabels(Path svg) throws IOException {
        Matcher m = Pattern.compile("<text [^>]*>(-?[0-9][0-9.,]*)</text>").matcher(Files.readString(svg));
        List<String> labels = new ArrayList<>();
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
    }

    @Test
    void sevenScenariosArePanelsOnOneAxisWithTheReferenceInEach() throws IOException {
        Path out = tmp.resolve("eight");
        Report.write(inputs(8), out, Report.Options.defaults());
        String html = Files.readString(out.resolve("index.html"));
        List<String> shown = images(html);
        for (String metric : EFFECTS) {
            assertFalse(shown.contains("effects-" + metric), "no single chart of seven scenarios: " + metric);
            List<String> panels = shown.stream().filter(id -> id.matches("effects-" + metric + "-[0-9]+")).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 2; i <= 8; i++) {
                expected.add("effects-" + metric + "-" + i);
            }
            assertEquals(expected, panels, "one panel per scenario but the reference, in order: " + metric);
            List<String> first = null;
            for (int i = 0; i < panels.size(); i++) {
                Path svg = out.resolve("charts").resolve(panels.get(i) + ".svg");
                assertTrue(Files.isRegularFile(out.resolve("charts").resolve(panels.get(i) + ".png")), panels.get(i));
                String text = Files.readString(svg);
                assertTrue(text.contains(">" + NAMES.get(i + 1) + "</text>"), "titled with its scenario: " + panels.get(i));
                assertTrue(text.contains(">reference: ref</text>") && text.contains(GREY),
                        "the reference, in grey, in every panel: " + panels.get(i));
                // the same y range gives the same tick labels (the x axes are the same years in every panel)
                List<String> ticks = tickLabels(svg);
                if (first == null) {
                    first = ticks;
                    assertTrue(ticks.size() >= 6, "tick labels read: " + ticks);
                } else {
                    assertEquals(first, ticks, "one y axis in every panel: " + panels.get(i));
                }
            }
            assertTrue(html.contains("alt=\"p1: the targets'"), "each panel has its alt text");
        }
    }

    @Test
    void sixScenariosStayOneChart() throws IOException {
        Path out = tmp.resolve("six");
        Report.write(inputs(6), out, Report.Options.defaults());
        List<String> shown = images(Files.readString(out.resolve("index.html")));
        for (String metric : EFFECTS) {
            assertTrue(shown.contains("effects-" + metric), "one chart of five scenarios: " + metric);
            assertTrue(shown.stream().noneMatch(id -> id.startsWith("effects-" + metric + "-")), "no panels: " + metric);
        }
        assertTrue(shown.contains("costs-social-return") && shown.contains("costs-realised-return"), shown.toString());
    }

    @Test
    void costsOfSevenScenariosArePanelsWithBreakEvenInGrey() throws IOException {
        Path out = tmp.resolve("eight-costs");
        Report.write(inputs(8), out, Report.Options.defaults());
        List<String> shown = images(Files.readString(out.resolve("index.html")));
        for (String chart : new String[] {"costs-social-return", "costs-realised-return"}) {
            assertFalse(shown.contains(chart), chart);
            List<String> panels = shown.stream().filter(id -> id.matches(chart + "-[0-9]+")).toList();
            assertEquals(7, panels.size(), chart + ": " + shown);
            List<String> first = null;
            for (String id : panels) {
                Path svg = out.resolve("charts").resolve(id + ".svg");
                String text = Files.readString(svg);
                assertTrue(text.contains(">break-even</text>") && text.contains(GREY), id);
                List<String> ticks = tickLabels(svg);
                if (first == null) {
                    first = ticks;
                } else {
                    assertEquals(first, ticks, "one y axis in every panel: " + id);
                }
            }
        }
    }
}
