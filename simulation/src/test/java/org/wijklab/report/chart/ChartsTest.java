package org.wijklab.report.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every chart type rendered headless to PNG and SVG: readable, non-blank files with the title and a
 * series label in the SVG text, byte-identical when drawn twice; the city map's tiles in their class
 * colours; and the argument checks.
 */
class ChartsTest {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    @TempDir
    Path tmp;

    /** A chart to render with the id to write it under, its title and one of its series labels. */
    record Fixture(String id, String title, String label, Supplier<Chart> chart) {
        @Override
        public String toString() {
            return id;
        }
    }

    static Stream<Fixture> fixtures() {
        return Stream.of(
                new Fixture("time-series", "Employment over time", "krachtwijk — targets", ChartsTest::timeSeries),
                new Fixture("grouped-bars", "Employment by programme", "full programme", ChartsTest::groupedBars),
                new Fixture("stacked-bars", "Leaky bucket", "who left", ChartsTest::stackedBars),
                new Fixture("response-curve", "Employment against the subsidy", "targets",
                        ChartsTest::responseCurve),
                new Fixture("sensitivity", "Sensitivity of employment", "housing_supply", ChartsTest::sensitivity),
                new Fixture("city-map", "Liveability by neighbourhood", "very strong",
                        ChartsTest::cityMap),
                new Fixture("labelled-scatter", "Morris: eroded income gain", "distanceDecay",
                        ChartsTest::labelledScatter),
                new Fixture("effect-curves", "Effect on the targets: employment rate", "scenario 3",
                        () -> effectCurves(4)),
                new Fixture("rank-scatter", "Ranks: baseline", "programme target", ChartsTest::rankScatter),
                new Fixture("stacked-shares-band", "How far households move", "calibration target",
                        ChartsTest::stackedSharesWithBand));
    }

    static Chart rankScatter() {
        return Charts.rankScatter("Ranks: baseline", "rank at the start", "rank at the end", new double[] {1, 2, 3, 4, 5},
                new double[] {2, 1, 3, 5, 4}, new boolean[] {false, false, false, true, true}, "neighbourhood",
                "programme target");
    }

    static Chart stackedSharesWithBand() {
        return Charts.stackedSharesWithBand("How far households move", "share of moves out", List.of("baseline", "krachtwijk"),
                List.of("same", "adjacent", "further", "region"), new double[][] {{0.2, 0.25}, {0.15, 0.1}, {0.2, 0.2},
                    {0.45, 0.45}}, 0.55, 0.60, "calibration target: 55-60 % stay in the city");
    }

    /** Effect curves of n scenarios (a rise while the programme runs, years 1-7, and some erosion after). */
    static Chart effectCurves(int n) {
        double[] x = new double[31];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        List<Band> bands = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            double[] mean = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                mean[i] = (0.002 + 0.001 * s) * Math.min(i, 7) * (i > 7 ? Math.exp(-(i - 7) / 12.0) : 1);
            }
            bands.add(new Band("scenario " + (s + 1), x, mean, shift(mean, -0.003), shift(mean, 0.003), false));
        }
        return Charts.effectCurves("Effect on the targets: employment rate", "year", "difference in employment rate",
                bands, List.of(new double[] {1, 7}));
    }

    static Chart labelledScatter() {
        return Charts.labelledScatter("Morris: eroded income gain", "mu*", "sigma",
                List.of("distanceDecay", "aspirationEffect", "tiesEffect"), new double[] {820, 410, 35},
                new double[] {300, 520, 20});
    }

    static Chart timeSeries() {
        double[] x = new double[25];
        double[] targets = new double[x.length];
        double[] rest = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / 12.0;
            targets[i] = 0.55 + 0.004 * i - 0.00012 * i * i;
            rest[i] = 0.68 + 0.0005 * i;
        }
        double[] lo = new double[x.length];
        double[] hi = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            lo[i] = i == 0 ? Double.NaN : targets[i] - 0.002 * Math.sqrt(i);
            hi[i] = i == 0 ? Double.NaN : targets[i] + 0.002 * Math.sqrt(i);
        }
        double[] restLo = rest.clone();
        double[] restHi = rest.clone();
        for (int i = 0; i < x.length; i++) {
            restLo[i] -= 0.006;
            restHi[i] += 0.006;
        }
        double[] flat = new double[x.length];
        java.util.Arrays.fill(flat, 0.62);
        return Charts.timeSeries("Employment over time", "years", "share employed", List.of(
                new Band("krachtwijk — targets", x, targets, lo, hi, false),
                new Band("krachtwijk — rest of city", x, rest, restLo, restHi, true),
                new Band("city", x, flat, shift(flat, -0.01), shift(flat, 0.01), false)));
    }

    static Chart groupedBars() {
        return Charts.groupedBars("Employment by programme", "change in share employed",
                List.of("krachtwijk", "rest of city", "whole city"), List.of("baseline", "full programme"),
                new Estimate[][] {
                    {new Estimate(0.010, 0.004, 0.016, 10), new Estimate(-0.004, -0.008, 0.000, 10),
                        new Estimate(0.001, -0.001, 0.003, 10)},
                    {new Estimate(0.031, 0.022, 0.040, 10), new Estimate(-0.006, -0.011, -0.001, 10),
                        new Estimate(0.004, Double.NaN, Double.NaN, 1)},
                });
    }

    static Chart stackedBars() {
        return Charts.stackedBars("Leaky bucket", "change in employed residents",
                List.of("first 5 years", "next 5 years"), List.of("stayers' own change", "who came in", "who left"),
                new double[][] {{120, 80}, {60, 90}, {-150, -110}});
    }

    static Chart responseCurve() {
        double[] x = {0, 0.25, 0.5, 0.75, 1};
        double[] targets = {0.02, 0.05, 0.07, 0.08, 0.085};
        double[] rest = {0.0, -0.005, -0.01, -0.012, -0.013};
        return Charts.responseCurve("Employment against the subsidy", "subsidy (share of rent)", "effect",
                List.of(new Band("targets", x, targets, shift(targets, -0.01), shift(targets, 0.01), false),
                        new Band("rest of city", x, rest, shift(rest, -0.006),
                                new double[] {0.006, 0.001, Double.NaN, -0.006, -0.007}, true)));
    }

    static Chart sensitivity() {
        return Charts.sensitivityBars("Sensitivity of employment", "effect of +10 % on employment",
                List.of("moving_cost", "housing_supply", "job_growth", "mental_health_support"),
                new Estimate[] {new Estimate(0.004, 0.001, 0.007, 20), new Estimate(-0.02, -0.026, -0.014, 20),
                    new Estimate(0.011, 0.006, 0.016, 20), new Estimate(0.0005, -0.002, 0.003, 20)});
    }

    static final List<String> CLASSES = List.of("very weak", "weak", "average", "strong", "very strong");

    static final List<Tile> TILES = List.of(
            new Tile("Bospolder-Tussendijken", 0, 0, 0, "0.31"),
            new Tile("Oude Westen", 1, 0, 1, "0.38"),
            new Tile("Kralingen", 3, 0, 4, "0.81"),
            new Tile("Feijenoord", 1, 1, 0, "0.29"),
            new Tile("Hillesluis", 2, 1, 2, "0.52"),
            new Tile("Hillegersberg-Schiebroek", 3, 1, 3, "0.70"),
            new Tile("Charlois", 0, 2, -1, "–"),
            new Tile("Noord", 2, 2, 3, "0.66"));

    static Chart cityMap() {
        return Charts.cityMap("Liveability by neighbourhood", TILES, CLASSES);
    }

    private static double[] shift(double[] values, double by) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += by;
        }
        return out;
    }

    private static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(svg.toFile());
    }

    /** The text of every {@code <text>} element, in document order. */
    private static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void writesAReadablePngAndAStandaloneSvg(Fixture fixture) throws Exception {
        List<Path> files = ChartFiles.write(fixture.chart().get(), tmp.resolve("out"), fixture.id(), WIDTH, HEIGHT);

        Path png = tmp.resolve("out").resolve(fixture.id() + ".png");
        Path svg = tmp.resolve("out").resolve(fixture.id() + ".svg");
        assertEquals(List.of(png, svg), files);
        assertTrue(Files.isRegularFile(png) && Files.isRegularFile(svg), "both files written");
        try (Stream<Path> all = Files.list(tmp.resolve("out"))) {
            assertEquals(2, all.count(), "no temporary files left behind");
        }

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(WIDTH, image.getWidth());
        assertEquals(HEIGHT, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) {
                    nonWhite++;
                }
            }
        }
        assertTrue(nonWhite > 0.01 * WIDTH * HEIGHT, "only " + nonWhite + " non-white pixels");
        assertTrue(colours.size() >= 5, "only " + colours.size() + " distinct colours");

        Document document = parse(svg);
        Element root = document.getDocumentElement();
        assertEquals("svg", root.getTagName());
        double[] viewBox = Stream.of(root.getAttribute("viewBox").trim().split("\\s+"))
                .mapToDouble(Double::parseDouble).toArray();
        assertArrayEquals(new double[] {0, 0, WIDTH, HEIGHT}, viewBox, "viewBox");
        List<String> texts = texts(document);
        assertTrue(texts.contains(fixture.title()), "title missing from " + texts);
        assertTrue(texts.stream().anyMatch(t -> t.contains(fixture.label())),
                "'" + fixture.label() + "' missing from " + texts);
        assertFalse(Files.readString(svg).contains("NaN"), "NaN coordinates in the SVG");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void drawingTheSameChartTwiceGivesIdenticalBytes(Fixture fixture) throws IOException {
        Chart chart = fixture.chart().get();
        List<Path> first = ChartFiles.write(chart, tmp.resolve("first"), fixture.id(), WIDTH, HEIGHT);
        List<Path> again = ChartFiles.write(chart, tmp.resolve("again"), fixture.id(), WIDTH, HEIGHT);
        List<Path> rebuilt = ChartFiles.write(fixture.chart().get(), tmp.resolve("rebuilt"), fixture.id(), WIDTH,
                HEIGHT);
        for (int f = 0; f < 2; f++) {
            byte[] expected = Files.readAllBytes(first.get(f));
            assertArrayEquals(expected, Files.readAllBytes(again.get(f)), "same chart drawn twice: " + again.get(f));
            assertArrayEquals(expected, Files.readAllBytes(rebuilt.get(f)), "same input built twice: "
                    + rebuilt.get(f));
        }
    }

    @Test
    void overwritesAnEarlierFile() throws IOException {
        Path dir = tmp.resolve("again");
        ChartFiles.write(stackedBars(), dir, "chart", 400, 300);
        List<Path> files = ChartFiles.write(stackedBars(), dir, "chart", 600, 300);
        assertEquals(600, ImageIO.read(files.get(0).toFile()).getWidth());
    }

    @Test
    void classStackedBarsUseTheMapsClassColours() throws IOException {
        // one category, three classes and one other series, each a quarter of the bar
        double[][] v = {{0.25}, {0.25}, {0.25}, {0.25}};
        Chart chart = Charts.classStackedBars("Where movers go", "share", List.of("only"),
                List.of("worst", "middle", "best", "outside"), v, 3);
        BufferedImage image = ImageIO.read(ChartFiles.write(chart, tmp, "class-bars", WIDTH, HEIGHT).get(0).toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        for (int c = 0; c < 3; c++) {
            assertTrue(colours.contains(Palette.classColour(c, 3).getRGB() & 0xFFFFFF), "class " + c + "'s colour");
        }
        assertTrue(colours.contains(Palette.OTHER[0].getRGB() & 0xFFFFFF), "the other series' colour");
        assertThrows(IllegalArgumentException.class, () -> Charts.classStackedBars("t", "y", List.of("a"),
                List.of("s"), new double[][] {{1}}, 0));
    }

    @Test
    void mapTilesAreFilledWithTheirClassColours() throws IOException {
        CityMap map = (CityMap) cityMap();
        Path png = ChartFiles.write(map, tmp, "map", WIDTH, HEIGHT).get(0);
        BufferedImage image = ImageIO.read(png.toFile());
        Rectangle2D area = new Rectangle2D.Double(0, 0, WIDTH, HEIGHT);
        Set<Integer> seen = new HashSet<>();
        for (Tile tile : TILES) {
            Rectangle2D box = map.tileBounds(area, tile.column(), tile.row());
            assertTrue(box.getWidth() > 60, "tiles of " + box.getWidth() + " px are too small to read");
            Color expected = Palette.classColour(tile.cls(), CLASSES.size());
            int[][] samples = {
                {(int) box.getX() + 3, (int) box.getY() + 3},
                {(int) box.getMaxX() - 4, (int) box.getMaxY() - 4},
                {(int) box.getCenterX(), (int) box.getY() + 3},
            };
            for (int[] p : samples) {
                assertEquals(expected.getRGB() & 0xFFFFFF, image.getRGB(p[0], p[1]) & 0xFFFFFF,
                        tile.name() + " at (" + p[0] + ", " + p[1] + ")");
            }
            seen.add(expected.getRGB());
        }
        assertEquals(6, seen.size(), "five classes and 'no data' give six colours");
        assertNotEquals(image.getRGB((int) map.tileBounds(area, 0, 0).getCenterX(), 3),
                Palette.classColour(0, CLASSES.size()).getRGB(), "nothing is drawn above the tiles but the title");
    }

    @Test
    void mapTilesStayInsideTheAreaAndDoNotOverlap() {
        CityMap map = (CityMap) cityMap();
        Rectangle2D area = new Rectangle2D.Double(0, 0, WIDTH, HEIGHT);
        List<Rectangle2D> boxes = TILES.stream().map(t -> map.tileBounds(area, t.column(), t.row())).toList();
        for (int i = 0; i < boxes.size(); i++) {
            assertTrue(area.contains(boxes.get(i)), TILES.get(i).name() + " outside the area");
            for (int j = i + 1; j < boxes.size(); j++) {
                assertFalse(boxes.get(i).intersects(boxes.get(j)), TILES.get(i).name() + " overlaps "
                        + TILES.get(j).name());
            }
        }
    }

    @Test
    void classColoursRunFromRedThroughYellowToGreenAndDifferInLightness() {
        assertTrue(lightness(Palette.classColour(4, 5)) - lightness(Palette.classColour(0, 5)) > 10,
                "worst and best differ in lightness, not only in hue");
        for (int classes = 2; classes <= 7; classes++) {
            Color worst = Palette.classColour(0, classes);
            Color best = Palette.classColour(classes - 1, classes);
            assertTrue(worst.getRed() > 2 * worst.getGreen(), "worst is red: " + worst);
            assertTrue(best.getGreen() > best.getRed() && best.getGreen() > best.getBlue(), "best is green: " + best);
            for (int c = 1; c < classes; c++) {
                double step = Math.abs(lightness(Palette.classColour(c, classes))
                        - lightness(Palette.classColour(c - 1, classes)));
                assertTrue(step > 5, classes + " classes: classes " + (c - 1) + " and " + c + " differ by L* " + step);
            }
        }
        Color middle = Palette.classColour(2, 5);
        assertTrue(middle.getRed() > 200 && middle.getGreen() > 200 && middle.getBlue() < 160, "yellow: " + middle);
    }

    /** CIE L* of an sRGB colour. */
    private static double lightness(Color c) {
        double y = 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
        return y > 216.0 / 24389 ? 116 * Math.cbrt(y) - 16 : y * 24389 / 27;
    }

    private static double linear(int channel) {
        double v = channel / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    @Test
    void bandsOfOneFamilyShareAColourAndFamiliesGetPaletteColoursInOrder() throws IOException {
        double[] x = {0, 1, 2};
        double[] y = {1, 2, 3};
        Chart oneFamily = Charts.timeSeries("t", "x", "y", List.of(
                new Band("krachtwijk — targets", x, y, y, y, false),
                new Band("krachtwijk — rest of city", x, y, y, y, true)));
        String svg = Files.readString(ChartFiles.write(oneFamily, tmp, "one", 600, 400).get(1));
        assertTrue(svg.contains("rgb(0,114,178)"), "first palette colour #0072B2");
        assertFalse(svg.contains("rgb(213,94,0)"), "second palette colour #D55E00 used for the same family");

        Chart twoFamilies = Charts.timeSeries("t", "x", "y", List.of(
                new Band("krachtwijk — targets", x, y, y, y, false),
                new Band("city", x, y, y, y, true)));
        String both = Files.readString(ChartFiles.write(twoFamilies, tmp, "two", 600, 400).get(1));
        assertTrue(both.contains("rgb(0,114,178)") && both.contains("rgb(213,94,0)"), "two families, two colours");
    }

    @Test
    void fourteenScenariosGetFourteenColoursAndNoColourRepeatsInALongerList() throws IOException {
        String svg = Files.readString(ChartFiles.write(effectCurves(14), tmp, "fourteen", WIDTH, HEIGHT).get(1));
        for (int i = 0; i < 14; i++) {
            java.awt.Color c = Palette.series(i);
            assertTrue(svg.contains("rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")"),
                    "scenario " + (i + 1) + "'s line in its own colour");
        }
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int i = 0; i < 60; i++) {
            assertTrue(colours.add(Palette.series(i).getRGB()), "colour " + i + " repeats an earlier one");
        }
    }

    @Test
    void sensitivityBarsPutTheLargestEffectOnTop() throws Exception {
        Document svg = parse(ChartFiles.write(sensitivity(), tmp, "sensitivity", WIDTH, HEIGHT).get(1));
        List<String> order = List.of("housing_supply", "job_growth", "moving_cost", "mental_health_support");
        List<Double> ys = new ArrayList<>();
        NodeList nodes = svg.getElementsByTagName("text");
        for (String parameter : order) {
            for (int i = 0; i < nodes.getLength(); i++) {
                Element text = (Element) nodes.item(i);
                if (text.getTextContent().equals(parameter)) {
                    ys.add(Double.parseDouble(text.getAttribute("y")));
                }
            }
        }
        assertEquals(order.size(), ys.size(), "one label per parameter");
        for (int i = 1; i < ys.size(); i++) {
            assertTrue(ys.get(i) > ys.get(i - 1), order.get(i) + " is not below " + order.get(i - 1));
        }
    }

    private static void assertRejected(String problem, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(problem), "message '" + e.getMessage() + "' does not name '" + problem + "'");
    }

    @Test
    void rejectsBadArgumentsNamingTheProblem() {
        double[] x = {0, 1, 2};
        double[] y = {1, 2, 3};
        assertRejected("y has 2 values but names has 3", () -> Charts.labelledScatter("t", "x", "y",
                List.of("a", "b", "c"), x, new double[] {1, 2}));
        assertRejected("x[1] is Infinity", () -> Charts.labelledScatter("t", "x", "y",
                List.of("a", "b", "c"), new double[] {1, Double.POSITIVE_INFINITY, 2}, y));
        assertRejected("band 'b' mean has 2 values but x has 3", () -> Charts.timeSeries("t", "x", "y",
                List.of(new Band("b", x, new double[] {1, 2}, y, y, false))));
        assertRejected("band 'b' mean[1] is NaN", () -> Charts.timeSeries("t", "x", "y",
                List.of(new Band("b", x, new double[] {1, Double.NaN, 3}, y, y, false))));
        assertRejected("band 'b' hi[2] is Infinity", () -> Charts.responseCurve("t", "x", "y",
                List.of(new Band("b", x, y, y, new double[] {1, 2, Double.POSITIVE_INFINITY}, false))));
        assertRejected("band 'b' x is not ascending", () -> Charts.responseCurve("t", "x", "y",
                List.of(new Band("b", new double[] {0, 2, 1}, y, y, y, false))));
        assertRejected("band labels has 'b' twice", () -> Charts.timeSeries("t", "x", "y",
                List.of(new Band("b", x, y, y, y, false), new Band("b", x, y, y, y, true))));
        assertRejected("bands is empty", () -> Charts.timeSeries("t", "x", "y", List.of()));
        assertRejected("title is null", () -> Charts.timeSeries(null, "x", "y",
                List.of(new Band("b", x, y, y, y, false))));

        Estimate ok = new Estimate(1, 0, 2, 5);
        assertRejected("values[0][1].mean is NaN", () -> Charts.groupedBars("t", "y", List.of("c1", "c2"),
                List.of("s"), new Estimate[][] {{ok, new Estimate(Double.NaN, 0, 1, 5)}}));
        assertRejected("values has 1 values but series has 2", () -> Charts.groupedBars("t", "y",
                List.of("c1", "c2"), List.of("s1", "s2"), new Estimate[][] {{ok, ok}}));
        assertRejected("values[0] has 1 values but categories has 2", () -> Charts.stackedBars("t", "y",
                List.of("c1", "c2"), List.of("s"), new double[][] {{1}}));
        assertRejected("values[0][0] is NaN", () -> Charts.stackedBars("t", "y", List.of("c"), List.of("s"),
                new double[][] {{Double.NaN}}));
        assertRejected("effects has 1 values but parameters has 2", () -> Charts.sensitivityBars("t", "x",
                List.of("p1", "p2"), new Estimate[] {ok}));
        assertRejected("effects[0] is null", () -> Charts.sensitivityBars("t", "x", List.of("p"),
                new Estimate[] {null}));

        assertRejected("end has 2 values but start has 3", () -> Charts.rankScatter("t", "x", "y", x, new double[] {1, 2},
                new boolean[3], "a", "b"));
        assertRejected("end[1] is NaN", () -> Charts.rankScatter("t", "x", "y", x, new double[] {1, Double.NaN, 3},
                new boolean[3], "a", "b"));
        assertRejected("are both 'a'", () -> Charts.rankScatter("t", "x", "y", x, y, new boolean[3], "a", "a"));
        assertRejected("bandLow 0.6 is above bandHigh 0.5", () -> Charts.stackedSharesWithBand("t", "y", List.of("c"),
                List.of("s"), new double[][] {{1}}, 0.6, 0.5, "band"));
        assertRejected("has class 5", () -> Charts.cityMap("t", List.of(new Tile("a", 0, 0, 5, "")), CLASSES));
        assertRejected("a cell another tile already has", () -> Charts.cityMap("t",
                List.of(new Tile("a", 0, 0, 1, ""), new Tile("b", 0, 0, 2, "")), CLASSES));
        assertRejected("negative column or row", () -> Charts.cityMap("t",
                List.of(new Tile("a", -1, 0, 1, "")), CLASSES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Chart", "-chart", "chart_1", "chart.svg", "../chart", "grafiek é"})
    void rejectsAnIdOutsideTheAllowedPattern(String id) {
        assertRejected("does not match [a-z0-9][a-z0-9-]*",
                () -> ChartFiles.write(stackedBars(), tmp, id, WIDTH, HEIGHT));
        assertFalse(Files.exists(tmp.resolve(id + ".png")), "nothing written for a bad id");
    }

    @Test
    void acceptsIdsOfLowercaseLettersDigitsAndHyphens() throws IOException {
        assertEquals(2, ChartFiles.write(stackedBars(), tmp.resolve("new"), "fig-3a-1", 300, 200).size());
        assertTrue(Files.exists(tmp.resolve("new/fig-3a-1.svg")));
        // the chart folder is made, its parents are not (a report's removed partial folder stays removed)
        assertThrows(java.nio.file.NoSuchFileException.class,
                () -> ChartFiles.write(stackedBars(), tmp.resolve("gone/dir"), "fig", 300, 200));
        assertFalse(Files.exists(tmp.resolve("gone")));
    }
}
