package org.wijklab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;
import sim.display.Console;
import sim.portrayal.SimpleInspector;

/**
 * The GUI on krachtwijk (20,000 residents, a 3-year warm-up), stepped past the programme's start:
 * snapshots are pictures of the city, every inspector opens and updates, the live charts fill.
 * Needs a display: CI runs it under Xvfb ({@code .ci/run}) with WIJKLAB_REQUIRE_DISPLAY=1, so there
 * it fails rather than skips; on a machine without one it skips with the reason.
 */
class GuiTest {
    @TempDir
    static Path tmp;
    static WijkLabGui gui;
    static Console console;

    static final String NO_DISPLAY = "no display (DISPLAY unset, or java.awt.headless): the GUI tests need one; "
            + "CI runs them under Xvfb";

    @BeforeAll
    static void open() throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            return;
        }
        Scenario s = ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(20_000)
                .withWarmUpYears(3).withYears(8);
        gui = new WijkLabGui(s);
        SwingUtilities.invokeAndWait(() -> console = new Console(gui));
        gui.start();
        for (int k = 0; k < 24; k++) {
            gui.step();
        }
        SwingUtilities.invokeAndWait(() -> gui.display().repaint());
    }

    @BeforeEach
    void display() {
        if (GraphicsEnvironment.isHeadless() && "1".equals(System.getenv("WIJKLAB_REQUIRE_DISPLAY"))) {
            throw new AssertionError(NO_DISPLAY + ", and WIJKLAB_REQUIRE_DISPLAY=1 says they must run");
        }
        Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), NO_DISPLAY);
    }

    @AfterAll
    static void close() throws Exception {
        if (gui != null) {
            SwingUtilities.invokeAndWait(() -> {
                gui.quit();
                console.dispose();
            });
        }
    }

    @Test
    void theModelRanPastTheProgrammesStartAndTheMapIsAPictureOfTheCity() throws Exception {
        assertEquals(24, gui.model().tick(), "the warm-up ran at start; 24 months were stepped");
        Path png = tmp.resolve("employment.png");
        gui.snapshot(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "a PNG");
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < img.getWidth(); x += 2) {
            for (int y = 0; y < img.getHeight(); y += 2) {
                colours.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertTrue(colours.size() > 20, "not blank: " + colours.size() + " colours");
        assertTrue(colours.contains(Colours.VACANT.getRGB() & 0xFFFFFF), "vacant dwellings are drawn");
        assertTrue(colours.contains(CityOverlay.TARGET.getRGB() & 0xFFFFFF), "the targets are marked");
    }

    @Test
    void theLiveabilityLayerShowsOneColourPerLiveabilityClassPresent() throws Exception {
        gui.setLayer(Layer.LIVEABILITY);
        try {
            Neighbourhoods nb = gui.model().neighbourhoods();
            Set<Integer> expected = new HashSet<>();
            for (int j = 0; j < nb.count; j++) {
                expected.add(new Colours().getColor(nb.liveabilityClass[j] / (double) (Neighbourhoods.CLASS_NAMES.length - 1))
                        .getRGB() & 0xFFFFFF);
            }
            // the classes' colours as the view's values give them
            Set<Integer> inView = new HashSet<>();
            CityView v = gui.view();
            for (int x = 0; x < v.width; x++) {
                for (int y = 0; y < v.height; y++) {
                    double value = v.values.field[x][y];
                    if (value >= 0) {
                        inView.add(new Colours().getColor(value).getRGB() & 0xFFFFFF);
                    }
                }
            }
            assertEquals(expected, inView);
            Path png = tmp.resolve("liveability.png");
            gui.snapshot(png);
            BufferedImage img = ImageIO.read(png.toFile());
            Set<Integer> seen = new HashSet<>();
            for (int x = 0; x < img.getWidth(); x++) {
                for (int y = 0; y < img.getHeight(); y++) {
                    seen.add(img.getRGB(x, y) & 0xFFFFFF);
                }
            }
            for (int c : expected) {
                assertTrue(seen.contains(c), String.format("class colour %06x on the map", c));
            }
        } finally {
            gui.setLayer(Layer.EMPLOYMENT);
        }
    }

    @Test
    void theLiveabilityTintIsALayerOfItsOwnOneColourPerClass() {
        City city = gui.city(0);
        CityView v = city.view;
        BufferedImage img = new BufferedImage(v.width * 2, v.height * 2, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        city.liveability.draw(null, g, new sim.portrayal.DrawInfo2D(gui, city.liveability,
                new java.awt.geom.Rectangle2D.Double(0, 0, v.width * 2, v.height * 2),
                new java.awt.geom.Rectangle2D.Double(0, 0, v.width * 2, v.height * 2)));
        g.dispose();
        Neighbourhoods nb = gui.model().neighbourhoods();
        Set<Integer> classes = new HashSet<>();
        for (int j = 0; j < nb.count; j++) {
            classes.add(nb.liveabilityClass[j]);
        }
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < v.width; x++) {
            for (int y = 0; y < v.height; y++) {
                if (v.hood.field[x][y] >= 0) {
                    colours.add(img.getRGB(2 * x + 1, 2 * y + 1) & 0xFFFFFF);
                }
            }
        }
        assertEquals(classes.size(), colours.size(), "one tint per liveability class present: " + classes);
        assertTrue(!colours.contains(0xFFFFFF), "every neighbourhood's pixel is tinted");
    }

    @Test
    void aHouseholdHelpedThisMonthIsFramedOnTheMapAndItsInspectorSaysSo() throws Exception {
        org.wijklab.model.WijkLabModel m = gui.model();
        org.wijklab.model.Households h = m.households();
        CityView v = gui.view();
        Inspections.Dwelling helped = null;
        for (int x = 0; x < v.width && helped == null; x++) {
            for (int y = 0; y < v.height && helped == null; y++) {
                int s = v.household(x, y);
                if (s >= 0 && h.adultPerson[2 * s] >= 0) {
                    m.help().give(m.persons(), h.adultPerson[2 * s], org.wijklab.model.Help.TREATMENT, 0, m.tick());
                    helped = (Inspections.Dwelling) gui.inspectAt(x, y);
                }
            }
        }
        assertNotNull(helped, "an occupied dwelling");
        assertTrue(helped.getHelpHistory()[0].startsWith("adult 1: treatment;"), String.join("; ", helped.getHelpHistory()));
        assertNotNull(gui.city(0).helpLayer, "the marks are a layer of the display");
        Path png = tmp.resolve("helped.png");
        gui.snapshot(png);
        BufferedImage img = ImageIO.read(png.toFile());
        boolean framed = false;
        for (int x = 0; x < img.getWidth() && !framed; x++) {
            for (int y = 0; y < img.getHeight() && !framed; y++) {
                framed = (img.getRGB(x, y) & 0xFFFFFF) == (Colours.HELPED_NOW.getRGB() & 0xFFFFFF);
            }
        }
        assertTrue(framed, "the map shows the household helped this month (the layer is on at start)");
    }

    @Test
    void everyInspectorOpensAndUpdates() throws Exception {
        CityView v = gui.view();
        int inspected = 0;
        for (int x = 0; x < v.width && inspected < 40; x += 7) {
            for (int y = 0; y < v.height && inspected < 40; y += 5) {
                Object o = gui.inspectAt(x, y);
                if (o == null) {
                    continue;
                }
                Inspections.Dwelling d = (Inspections.Dwelling) o;
                Inspections.Neighbourhood n = d.getNeighbourhood();
                Object p = n.getProgramme();
                SwingUtilities.invokeAndWait(() -> {
                    for (Object bean : new Object[] {d, n, p, gui.getSimulationInspectedObject()}) {
                        SimpleInspector i = new SimpleInspector(bean, gui, "test");
                        i.updateInspector();
                    }
                });
                inspected++;
            }
        }
        assertTrue(inspected > 10, "dwellings inspected: " + inspected);
        int withHistory = 0;
        int withMoves = 0;
        for (int x = 0; x < v.width; x++) {
            for (int y = 0; y < v.height; y++) {
                if (gui.inspectAt(x, y) instanceof Inspections.Dwelling d && !d.getHousehold().equals("vacant")) {
                    String[] persons = d.getPersons();
                    assertTrue(persons.length > 0 && persons[0].startsWith("adult 1: ") && persons[0].contains(" euro a year"),
                            "each person of the household, the head first with its own wage: " + String.join("; ", persons));
                    withHistory += d.getWorkAndCaseHistory()[0].startsWith("no change") ? 0 : 1;
                    withMoves += d.getLastMoves()[0].startsWith("none") ? 0 : 1;
                }
            }
        }
        assertTrue(withHistory > 100, "households whose work or case changed in 24 months: " + withHistory);
        assertTrue(withMoves > 100, "households that moved in 24 months: " + withMoves);
        // a dwelling in one of krachtwijk's targets, wherever the map lays it out
        Object target = null;
        for (int x = 0; x < v.width && target == null; x++) {
            for (int y = 0; y < v.height && target == null; y++) {
                int j = v.hood.field[x][y];
                if (j >= 0 && gui.city(0).targets[j]) {
                    target = gui.inspectAt(x, y);
                }
            }
        }
        assertTrue(target instanceof Inspections.Dwelling, "a target's dwelling on the map");
        assertTrue(((Inspections.Dwelling) target).getNeighbourhood().getProgramme() instanceof Inspections.ProgrammeView,
                "a target's neighbourhood shows its programme");
    }

    @Test
    void aClickOnTheMapFindsTheBestPersonThereAndTheProfessionalsOfTheFamilyThere() throws Exception {
        City city = gui.city(0);
        BestPersonLayer people = city.bestPersonLayer;
        ProfessionalLayer pros = city.professionalLayer;
        assertTrue(people.markers() > 0, "krachtwijk has best persons a year into its programme");
        assertTrue(pros.families() > 0, "and families with a professional");
        int[] mk = people.marker(0);
        int[] fam = pros.family(0);
        SwingUtilities.invokeAndWait(() -> {
            // where the display draws the marker's dwelling, as a click there reaches every visible layer
            sim.portrayal.DrawInfo2D info = city.display.getDrawInfo2D(people, new java.awt.geom.Point2D.Double(0, 0));
            double s = info.draw.width / city.view.width;
            java.awt.geom.Point2D.Double at = new java.awt.geom.Point2D.Double(info.draw.x + (mk[0] + 0.5) * s,
                    info.draw.y + (mk[1] + 0.5) * s);
            Inspections.BestPerson found = null;
            boolean dwelling = false;
            for (sim.util.Bag layer : city.display.objectsHitBy(at)) {
                for (Object o : layer) {
                    sim.portrayal.LocationWrapper w = (sim.portrayal.LocationWrapper) o;
                    if (w.getObject() instanceof Inspections.BestPerson b && b.person() == mk[3]) {
                        found = b;
                        assertTrue(w.getFieldPortrayal().getInspector(w, gui) instanceof SimpleInspector);
                        assertTrue(w.getFieldPortrayal().getName(w).startsWith("best person in "));
                    }
                    dwelling |= w.getFieldPortrayal() == city.dwellings;
                }
            }
            assertNotNull(found, "the click finds the best person's marker");
            assertTrue(dwelling, "and the dwelling under it");
            assertEquals(gui.model().persons().bpEnergy[mk[3]], found.getEnergy(), 1e-9);
            // the professionals' layer (off at start) finds the family's professionals where the display draws it
            sim.portrayal.DrawInfo2D range = city.display.getDrawInfo2D(pros, new java.awt.geom.Point2D.Double(
                    info.draw.x + (fam[0] + 0.5) * s, info.draw.y + (fam[1] + 0.5) * s));
            sim.util.Bag hit = new sim.util.Bag();
            pros.hitObjects(range, hit);
            assertEquals(ProfessionalLayer.holders(gui.model().professionals(), fam[2]).length, hit.size());
            Inspections.Professional p = (Inspections.Professional) ((sim.portrayal.LocationWrapper) hit.get(0)).getObject();
            assertEquals(fam[3], p.post());
        });
    }

    @Test
    void theAboutPageIsWijkLabsOwn() throws Exception {
        Object info = sim.display.GUIState.getInfo(WijkLabGui.class);
        assertTrue(info instanceof java.net.URL, "an index.html beside the class: " + info);
        try (var in = ((java.net.URL) info).openStream()) {
            String html = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(html.contains("What to watch") && html.contains("What to try"), html);
        }
        assertEquals("WijkLab", sim.display.GUIState.getName(WijkLabGui.class));
    }

    @Test
    void noInspectorOffersMasonsChartsWhichNeedTheJFreeChartTheBuildLeavesOut() {
        sim.util.Bag names = sim.portrayal.inspector.PropertyInspector.getPropertyInspectorClassNames();
        assertTrue(names.numObjs > 0, "the streaming inspector stays");
        for (int k = 0; k < names.numObjs; k++) {
            assertTrue(!names.objs[k].toString().contains("Charting"), "offered: " + names.objs[k]);
        }
    }

    @Test
    void theWindowsAreLaidOutSideBySideOnTheScreenAndTheWholeMapShows() throws Exception {
        assertLaidOut(console, 1 + 5, gui);
    }

    /** After start: the Console and its frames (maps, charts) overlap nowhere and lie inside the screen; each map shows whole. */
    static void assertLaidOut(Console console, int frames, WijkLabGui gui) throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            java.awt.Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
            java.util.List<java.awt.Rectangle> all = new java.util.ArrayList<>();
            all.add(console.getBounds());
            for (Object f : console.getAllFrames()) {
                all.add(((java.awt.Component) f).getBounds());
            }
            assertEquals(1 + frames, all.size(), "the Console, the maps and the charts: " + all);
            WorkspaceTest.assertNoOverlapInside(screen, all.toArray(new java.awt.Rectangle[0]), "the display's screen " + screen);
            for (int k = 0; gui.secondModel() == null ? k < 1 : k < 2; k++) {
                sim.display.Display2D d = gui.city(k).display;
                java.awt.Dimension seen = d.display.getViewport().getExtentSize();
                java.awt.Dimension map = d.insideDisplay.getPreferredSize();
                assertTrue(seen.width >= map.width && seen.height >= map.height && d.getScale() >= 0.4,
                        "map " + k + " shows whole, no scrolling: " + map + " in " + seen + " at scale " + d.getScale());
            }
        });
    }

    @Test
    void theLiveChartsFillAsTheModelSteps() throws Exception {
        SwingUtilities.invokeAndWait(() -> { });
        assertEquals(25, gui.charts().points(), "tick 0 and 24 months");
        assertEquals(5, gui.charts().frames().size(), "four charts and the erosion so far");
        assertEquals(12, gui.charts().erosionPoints(), "the erosion from the programme's first month (13) to month 24");
    }
}
