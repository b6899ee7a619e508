package org.wijklab.cli;

import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.swing.SwingUtilities;
import org.wijklab.gui.WijkLabGui;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sim.display.Console;

/** {@code wijklab gui}: the MASON Console on the city, for watching and poking the model. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Open the city in MASON's Console: the map (a pixel per dwelling, coloured by employment, "
            + "income quintile, mental health or liveability class), inspectors (click a dwelling), the Model tab "
            + "and live charts. With --compare A B, two cities on the same seed side by side. With --ticks and --snapshot "
            + "it steps the model, writes the map as PNG and exits.", ""})
final class GuiCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "A scenario file; without it, the embedded default city.")
    Path scenarioFile;

    @Option(names = "--compare", arity = "2", paramLabel = "SCENARIO",
            description = "Teaching mode: two scenarios on the same seed, stepping together, side by side, with a "
                    + "chart of the second's difference from the first in the targets.")
    java.util.List<Path> compare;

    @Option(names = "--seed", paramLabel = "N", description = "Override the scenario's seed (0 or more).")
    Long seed;

    @Option(names = "--residents", paramLabel = "N", description = "Override the city's residents (2000-1000000).")
    Integer residents;

    @Option(names = "--ticks", paramLabel = "N", description = "With --snapshot: months to step after the warm-up (0-1200).")
    Integer ticks;

    @Option(names = "--snapshot", paramLabel = "FILE.png", description = "Write the map after --ticks months as PNG and exit.")
    Path snapshot;

    /** The scenario with other residents, validated again (its neighbourhoods must each get a dwelling). */
    private static Scenario withResidents(Scenario scenario, int residents, String what) {
        try {
            return scenario.withResidents(residents).validate();
        } catch (org.wijklab.scenario.ScenarioException e) {
            throw new UserException(what + ": " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        if (compare != null && scenarioFile != null) {
            throw new UserException("gui: give a SCENARIO or --compare A B, not both");
        }
        Scenario scenario = compare != null ? ScenarioLoader.load(compare.get(0))
                : scenarioFile == null ? ScenarioLoader.defaults() : ScenarioLoader.load(scenarioFile);
        Scenario other = compare != null ? ScenarioLoader.load(compare.get(1)) : null;
        if (seed != null) {
            if (seed < 0) {
                throw new UserException("--seed: " + seed + " must be 0 or more");
            }
            scenario = scenario.withSeed(seed);
        }
        if (residents != null) {
            if (residents < 2000 || residents > 1_000_000) {
                throw new UserException("--residents: " + residents + " is not in [2000, 1000000]");
            }
            Path file = compare != null ? compare.get(0) : scenarioFile;
            scenario = withResidents(scenario, residents, (file == null ? "embedded default" : file.toString())
                    + " with --residents " + residents);
        }
        if (other != null) {
            other = withResidents(other.withSeed(scenario.seed()), scenario.city().residents(), compare.get(1)
                    + (residents != null ? " with --residents " + residents : " with the residents of " + compare.get(0)));
            if (!other.city().equals(scenario.city())) {
                throw new UserException("--compare: " + compare.get(0) + " and " + compare.get(1)
                        + " describe different cities; the teaching mode compares programmes on one city");
            }
        }
        if ((ticks == null) != (snapshot == null)) {
            throw new UserException("--ticks and --snapshot: give both or neither");
        }
        if (ticks != null && (ticks < 0 || ticks > 1200)) {
            throw new UserException("--ticks: " + ticks + " is not in [0, 1200]");
        }
        if (ticks != null) {
            // the model stops at the end of the run: a later snapshot would silently show its last month
            Scenario shorter = other != null && other.ticks() < scenario.ticks() ? other : scenario;
            if (ticks > shorter.ticks()) {
                throw new UserException("--ticks " + ticks + ": the scenario '" + shorter.name() + "' runs only "
                        + shorter.ticks() + " months (" + shorter.years() + " years) after its warm-up");
            }
        }
        if (snapshot != null) {
            OutputFolder.checkFile("--snapshot", snapshot, ".png");
        }
        org.wijklab.experiment.HeapEstimate.check(residents != null ? "--residents " + residents : "gui: the city of " + scenario.city().residents()
                + " residents", scenario.city().residents(), other == null ? 1 : 2);
        if (GraphicsEnvironment.isHeadless()) {
            throw new UserException("gui: no display (set DISPLAY, or run it under xvfb-run)");
        }
        WijkLabGui gui = other == null ? new WijkLabGui(scenario) : new WijkLabGui(scenario, other);
        PrintWriter o = spec.commandLine().getOut();
        if (snapshot != null) {
            Console[] console = new Console[1];
            SwingUtilities.invokeAndWait(() -> console[0] = new Console(gui));
            gui.start();
            for (int k = 0; k < ticks; k++) {
                gui.step();
            }
            SwingUtilities.invokeAndWait(() -> gui.display().repaint());
            gui.snapshot(snapshot);
            o.println(snapshot);
            o.flush();
            SwingUtilities.invokeAndWait(() -> {
                gui.quit();
                console[0].dispose();
            });
            return 0;
        }
        SwingUtilities.invokeAndWait(() -> new Console(gui).setVisible(true));
        // the Console ends the program when it is closed
        new CountDownLatch(1).await();
        return 0;
    }
}
