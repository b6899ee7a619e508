package org.wijklab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;
import sim.display.Console;

/**
 * The Console as a student uses it: play runs the model on MASON's own thread (the display and
 * charts following), stop ends it, play again starts a new run with the Model tab's values; no
 * exception escapes on any thread. Needs a display (see GuiTest).
 */
class GuiConsoleTest {
    @Test
    void playStopAndPlayAgainWithTheModelTabsValues() throws Exception {
        if (GraphicsEnvironment.isHeadless() && "1".equals(System.getenv("WIJKLAB_REQUIRE_DISPLAY"))) {
            throw new AssertionError(GuiTest.NO_DISPLAY + ", and WIJKLAB_REQUIRE_DISPLAY=1 says they must run");
        }
        Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), GuiTest.NO_DISPLAY);
        List<Throwable> thrown = new ArrayList<>();
        Thread.UncaughtExceptionHandler old = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            synchronized (thrown) {
                thrown.add(e);
            }
        });
        Scenario s = ScenarioLoader.load(Path.of("scenarios", "krachtwijk.json")).withResidents(8000).withWarmUpYears(1)
                .withYears(3);
        WijkLabGui gui = new WijkLabGui(s);
        Console[] console = new Console[1];
        try {
            SwingUtilities.invokeAndWait(() -> {
                console[0] = new Console(gui);
                console[0].setVisible(true);
            });
            SwingUtilities.invokeAndWait(() -> console[0].pressPlay());
            waitFor(() -> gui.model().tick() >= 36 || gui.model().schedule.getTime() > 1e9, 120);
            assertTrue(gui.model().tick() >= 36, "played to the scenario's end: " + gui.model().tick());
            SwingUtilities.invokeAndWait(() -> console[0].pressStop());

            ModelSettings settings = (ModelSettings) gui.getSimulationInspectedObject();
            settings.setSeed(7);
            settings.setProgrammeDurationYears(1);
            SwingUtilities.invokeAndWait(() -> console[0].pressPlay());
            waitFor(() -> gui.model().tick() >= 6, 120);
            SwingUtilities.invokeAndWait(() -> console[0].pressStop());
            assertEquals(7, gui.model().scenario().seed(), "the new run has the Model tab's seed");
            assertEquals(1.0, gui.model().scenario().programmes().get(0).durationYears());
            SwingUtilities.invokeAndWait(() -> { });
            synchronized (thrown) {
                assertEquals(List.of(), thrown, "exceptions on the GUI's threads");
            }
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(old);
            SwingUtilities.invokeAndWait(() -> {
                gui.quit();
                console[0].dispose();
            });
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier done, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
    }
}
