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
import sim.app.schelling.Schelling;

/**
 * The peer baseline: MASON 18's bundled {@code sim.app.schelling.Schelling}, unchanged, one
 * {@code schedule.step} per measured operation. That model schedules one {@code Agent} Steppable
 * per grid cell; a cell holds a red or a blue agent, is empty or is unavailable (defaults 0.3,
 * 0.3, 0.3, 0.1), and an agent whose distance-weighted count of like neighbours (Moore
 * neighbourhood of radius 1) is below the threshold of 3 moves to a random empty cell.
 *
 * <p>The grid is {@code side} &times; {@code side} with the default shares, seed {@value #SEED}:
 * <ul>
 * <li>side 129: 16,641 cells (Steppables), 10,099 red or blue agents;</li>
 * <li>side 1290: 1,664,100 cells (Steppables), 998,916 red or blue agents.</li>
 * </ul>
 * The score is milliseconds per step; ms per step &times; 10<sup>6</sup> / agents gives
 * nanoseconds per agent-step, the figure to set beside WijkLab's nanoseconds per resident-tick.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SchellingBenchmark {

    /** The seed the agent counts above were taken with. */
    public static final long SEED = 1L;

    @Param({"129", "1290"})
    public int side;

    Schelling schelling;

    @Setup(Level.Trial)
    public void build() {
        schelling = new Schelling(SEED, side, side);
        schelling.start();
    }

    @Benchmark
    public boolean step() {
        return schelling.schedule.step(schelling);
    }
}
