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
import org.wijklab.scenario.Scenario;

/**
 * City set-up: {@code new WijkLabModel(scenario)} and {@code start()}, which generates the
 * default city ({@code baseline.json}) at {@code residents}, computes its first statistics,
 * liveability and ranks and schedules the processes; no month is simulated. Each measurement is
 * one set-up, timed once ({@code SingleShotTime}); the scenario is read beforehand.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class SetupBenchmark {

    @Param({"100000", "1000000"})
    public int residents;

    Scenario scenario;

    @Setup(Level.Trial)
    public void readScenario() {
        scenario = Cities.scenario("baseline", residents);
    }

    @Benchmark
    public WijkLabModel setUp() {
        WijkLabModel model = new WijkLabModel(scenario);
        model.start();
        return model;
    }
}
