package org.wijklab.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Programme;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/**
 * The cities the benchmarks run on: a standard scenario file as the simulation jar embeds it
 * (resource {@code org/wijklab/scenarios/NAME.json}, the same text as {@code scenarios/NAME.json}),
 * resized, with a two-year warm-up, a horizon no benchmark reaches and no moves log.
 *
 * <p>Every model benchmark measures the same stretch of a run: the months in which krachtwijk's
 * programme is active ({@link #FIRST_TICK} to {@link #LAST_TICK}), on both scenarios, so that the
 * baseline and the programme are compared month for month.
 */
final class Cities {

    /** Unrecorded years simulated before tick 0, so that the measured ticks are steady ones. */
    static final int WARM_UP_YEARS = 2;
    /** The longest run a scenario allows; no benchmark steps a model this far. */
    static final int YEARS = 200;
    /** The first month of krachtwijk's programme (the month in which it begins in its targets). */
    static final int FIRST_TICK;
    /** The last month of krachtwijk's programme. */
    static final int LAST_TICK;

    static {
        // the same rounding as the programme's own start and end months (Programmes.Run)
        Programme krachtwijk = scenario("krachtwijk", 10_000).programmes().get(0);
        FIRST_TICK = (int) Math.round(12 * krachtwijk.startYear()) + 1;
        LAST_TICK = (int) Math.round(12 * krachtwijk.endYear());
    }

    private Cities() {
    }

    /** The embedded scenario {@code name} at {@code residents}, set up for benchmarking. */
    static Scenario scenario(String name, int residents) {
        String resource = "org/wijklab/scenarios/" + name + ".json";
        String json;
        try (InputStream in = Cities.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no embedded scenario " + resource);
            }
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ScenarioLoader.fromJson(json, resource)
                .withResidents(residents)
                .withWarmUpYears(WARM_UP_YEARS)
                .withYears(YEARS)
                .withMovesLog(false);
    }

    /** A new, started model of {@code scenario}, stepped until its current tick is {@code tick}. */
    static WijkLabModel startedAt(Scenario scenario, int tick) {
        return startedAt(scenario, tick, 1);
    }

    /** The same, with the model's household blocks stepped on {@code threads} threads. */
    static WijkLabModel startedAt(Scenario scenario, int tick, int threads) {
        WijkLabModel model = new WijkLabModel(scenario);
        model.setThreads(threads);
        model.start();
        while (model.tick() < tick) {
            model.schedule.step(model);
        }
        return model;
    }
}
