package org.wijklab.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wijklab.model.WijkLabModel;

/**
 * One simulated month of the whole city: a {@code schedule.step} runs the nine process
 * Steppables (economy, programmes, demography, labour market, problems and services, community,
 * housing market, liveability, observation) over every household.
 *
 * <p>Set-up, outside the measurement: the city is generated from {@code baseline.json} or
 * {@code krachtwijk.json} at {@code residents}, simulated through a two-year warm-up and on to
 * month {@link Cities#FIRST_TICK}, in which krachtwijk's programme begins in its targets. The
 * benchmark then measures the steady monthly ticks that follow. When a run reaches the
 * programme's last month ({@link Cities#LAST_TICK}) it is built again before the next measured
 * tick, so that every measured tick lies in the months the programme runs, for both scenarios
 * and at every size; a small city, stepped thousands of times, would otherwise spend most of the
 * measurement decades after the programme. That check runs before every tick (a
 * {@code Level.Invocation} set-up), which is sound here because a tick takes milliseconds.
 *
 * <p>{@code threads} is the number of threads stepping the household blocks of the one model
 * (see {@code org.wijklab.model.Blocks}): 1 gives the cost per core, 2 the wall time on two cores.
 *
 * <p>The score is milliseconds per tick; ms per tick &times; 10<sup>6</sup> / residents gives
 * nanoseconds per resident-tick ({@code residents} is the size the city was generated at).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TickBenchmark {

    @Param({"10000", "100000", "1000000"})
    public int residents;

    @Param({"baseline", "krachtwijk"})
    public String scenario;

    /** Threads stepping the model's household blocks (the outputs are the same for any number). */
    @Param({"1", "2"})
    public int threads;

    WijkLabModel model;

    @Setup(Level.Trial)
    public void build() {
        if (model != null) {
            model.finish();
        }
        model = null;
        model = Cities.startedAt(Cities.scenario(scenario, residents), Cities.FIRST_TICK, threads);
    }

    @org.openjdk.jmh.annotations.TearDown(Level.Trial)
    public void stop() {
        model.finish();
    }

    @Setup(Level.Invocation)
    public void stayInProgrammeMonths() {
        if (model.tick() >= Cities.LAST_TICK) {
            build();
        }
    }

    @Benchmark
    public boolean tick() {
        return model.schedule.step(model);
    }
}
