package org.wijklab.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;
import sim.display.Console;

/**
 * The teaching mode: baseline and krachtwijk on one seed (12,000 residents, a 2-year warm-up) step
 * in lockstep; the second city alone is the same as a run of its own (the GUI changes nothing);
 * the difference chart fills once the targets are known; the snapshot holds both maps side by side.
 * Needs a display (see GuiTest).
 */
class GuiCompareTest {
    @Test
    void twoCitiesStepTogetherSideBySide(@TempDir Path tmp) throws Exception {
        if (GraphicsEnvironment.isHeadless() && "1".equals(System.getenv("WIJKLAB_REQUIRE_DISPLAY"))) {
            throw new AssertionError(GuiTest.NO_DISPLAY + ", and WIJKLAB_REQUIRE_DISPLAY=1 says they must run");
        }
        Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), GuiTest.NO_DISPLAY);
        Scenario base = ScenarioLoader.load(Path.of("scenarios", "baseline.json")).withResidents(12_000).withWarmUpYears(2)
                .withYears(7);
        Scenario programme = ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(12_000)
                .withWarmUpYears(2).withYears(7);
        WijkLabGui gui = new WijkLabGui(base, programme);
        Console[] console = new Console[1];
        SwingUtilities.invokeAndWait(() -> console[0] = new Console(gui));
        try {
            gui.start();
            GuiTest.assertLaidOut(console[0], 2 + 6, gui);
            for (int k = 0; k < 20; k++) {
                gui.step();
                assertEquals(gui.model().tick(), gui.secondModel().tick(), "lockstep at step " + k);
            }
            assertEquals(20, gui.secondModel().tick());
            SwingUtilities.invokeAndWait(() -> { });
            assertEquals(8, gui.charts().differencePoints(), "months 13 to 20: from the programme's first month");
            assertEquals(8, gui.charts().erosionPoints(), "the erosion chart follows the city with the programme");

            // the second city, run alone to the same month, is in the same state: the GUI only reads it
            WijkLabModel alone = new WijkLabModel(programme.withMovesLog(false));
            alone.start();
            while (alone.tick() < 20) {
                alone.schedule.step(alone);
            }
            assertArrayEquals(alone.neighbourhoods().employmentRate, gui.secondModel().neighbourhoods().employmentRate);
            assertArrayEquals(alone.neighbourhoods().liveability, gui.secondModel().neighbourhoods().liveability);
            alone.finish();

            Path png = tmp.resolve("compare.png");
            gui.snapshot(png);
            BufferedImage img = ImageIO.read(png.toFile());
            assertTrue(img.getWidth() >= 2 * WijkLabGui.COMPARE_WIDTH - 2 * 50, "two maps side by side: " + img.getWidth());
        } finally {
            SwingUtilities.invokeAndWait(() -> {
                gui.quit();
                console[0].dispose();
            });
        }
    }
}
