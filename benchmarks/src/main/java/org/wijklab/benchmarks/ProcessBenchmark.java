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
 * One process alone: its Steppable, as the model schedules it, stepped over the whole city
 * without the other processes. The city is built as for {@link TickBenchmark} (two-year warm-up,
 * then on to month {@link Cities#FIRST_TICK}); programmes run on krachtwijk, the other processes
 * on the baseline.
 *
 * <p>The schedule is not stepped, so every call sees the same month, and stepping one process
 * again and again changes the state it works on (programmes keep spending, observation keeps
 * recounting the same city); the score is the cost of one call of that process on a city of this
 * size, not a month of a run. The housing market in particular empties its queue of searchers on
 * the first call, so later calls measure a market with fewer movers than a real month.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ProcessBenchmark {

    /** The default city without a programme. */
    @State(Scope.Benchmark)
    public static class Baseline {
        @Param({"100000", "1000000"})
        public int residents;

        WijkLabModel model;

        @Setup(Level.Trial)
        public void build() {
            model = Cities.startedAt(Cities.scenario("baseline", residents), Cities.FIRST_TICK);
        }
    }

    /** The default city with krachtwijk's programme, in the month it began. */
    @State(Scope.Benchmark)
    public static class Krachtwijk {
        @Param({"100000", "1000000"})
        public int residents;

        WijkLabModel model;

        @Setup(Level.Trial)
        public void build() {
            model = Cities.startedAt(Cities.scenario("krachtwijk", residents), Cities.FIRST_TICK);
        }
    }

    /**
     * The default city ten years into its record: the residents of tick 0 who left since are
     * followed in the region (the whole run is one period of the erosion decomposition), so the
     * region's process has its households to step.
     */
    @State(Scope.Benchmark)
    public static class TenYearsOn {
        /** Months from tick 0. */
        static final int TICK = 120;

        @Param({"100000", "1000000"})
        public int residents;

        WijkLabModel model;

        @Setup(Level.Trial)
        public void build() {
            model = Cities.startedAt(Cities.scenario("baseline", residents), TICK);
        }
    }

    /** The region outside the city: the households followed after leaving it. */
    @Benchmark
    public void region(TenYearsOn city) {
        city.model.regionProcess().step(city.model);
    }

    @Benchmark
    public void demography(Baseline city) {
        city.model.demography().step(city.model);
    }

    @Benchmark
    public void labourMarket(Baseline city) {
        city.model.labourMarket().step(city.model);
    }

    /** Problems and the teams' services (with krachtwijk's team working in its targets). */
    @Benchmark
    public void problems(Krachtwijk city) {
        city.model.problems().step(city.model);
    }

    @Benchmark
    public void community(Baseline city) {
        city.model.community().step(city.model);
    }

    /** Housing market matching: searchers, vacancies, choices and moves. */
    @Benchmark
    public void housingMarket(Baseline city) {
        city.model.housingMarket().step(city.model);
    }

    @Benchmark
    public void liveability(Baseline city) {
        city.model.liveability().step(city.model);
    }

    @Benchmark
    public void observation(Baseline city) {
        city.model.observation().step(city.model);
    }

    @Benchmark
    public void programmes(Krachtwijk city) {
        city.model.programmes().step(city.model);
    }
}
