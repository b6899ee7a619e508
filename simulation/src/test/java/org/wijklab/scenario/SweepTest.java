package org.wijklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sweep files: the shipped ones load with every point, the full factorial's order, and one-line errors. */
class SweepTest {
    private static final List<String> METRICS = List.of("m1", "m2");

    @ParameterizedTest
    @ValueSource(strings = {"sweep-cheap-stock", "sweep-cheap-stock-baseline", "sweep-team-area", "sweep-duration"})
    void theShippedGridSweepsLoadWithEveryPoint(String name) {
        Sweep s = Sweep.load(Path.of("scenarios", name + ".json"), METRICS);
        assertTrue(s.points() >= 2);
        assertEquals(10, s.replications());
        assertEquals("grid", s.design());
        assertEquals(METRICS, s.metrics(), "all metrics by default");
        for (int p = 0; p < s.points(); p++) {
            assertEquals(1, s.scenario(p).seed());
        }
    }

    @Test
    void theShippedMorrisScreeningHasTwentyThreeParametersOnTheCoreModel() {
        Sweep s = Sweep.load(Path.of("scenarios", "sweep-morris-core.json"), org.wijklab.experiment.SweepMetrics.names());
        assertEquals("morris", s.design());
        // the 23 parameters and the design's dummy, last, which sets nothing
        assertEquals(23 + 1, s.parameters().size());
        assertEquals(10 * 25, s.points());
        assertTrue(s.hasDummy());
        assertEquals(Sweep.DUMMY, s.parameters().get(23).name());
        for (Sweep.Parameter p : s.parameters().subList(0, 23)) {
            assertTrue(p.isRange(), p.name());
            String section = p.paths().get(0).toString().split("\\.")[0];
            assertTrue(List.of("housing", "labour", "demography", "problems", "community").contains(section), p.name());
        }
    }

    @Test
    void theCheapStockControlIsTheSameCityAndTargetsWithTheProgrammeUnfunded() {
        Sweep with = Sweep.load(Path.of("scenarios", "sweep-cheap-stock.json"), METRICS);
        Sweep without = Sweep.load(Path.of("scenarios", "sweep-cheap-stock-baseline.json"), METRICS);
        assertEquals(with.points(), without.points());
        for (int p = 0; p < with.points(); p++) {
            Scenario a = with.scenario(p);
            Scenario b = without.scenario(p);
            assertEquals(a.city(), b.city(), "the same city at point " + p);
            assertEquals(a.seed(), b.seed());
            Programme pa = a.programmes().get(0);
            Programme pb = b.programmes().get(0);
            assertEquals(pa.targets(), pb.targets(), "the same pinned targets");
            assertEquals(pa.startYear(), pb.startYear());
            assertEquals(pa.durationYears(), pb.durationYears());
            assertTrue(pa.yearlyBudget() > 0);
            assertEquals(0.0, pb.yearlyBudget(), "no money, so no team");
            assertEquals(0.0, pb.bestPersons().roomToAct(), "no room to act, so no best persons");
            assertEquals(0.0, pb.ownershipSupport());
        }
    }

    @Test
    void theLastParameterVariesFastestAndEveryPathTakesItsValue() {
        Sweep s = Sweep.load(Path.of("scenarios", "sweep-cheap-stock.json"), METRICS);
        assertEquals(7, s.points());
        assertEquals("socialRentShare=0.5", s.label(3));
        Scenario p3 = s.scenario(3);
        for (String hood : List.of("Kanaalzone", "Molenwijk", "Hoogveld")) {
            assertEquals(0.5, p3.city().neighbourhoods().stream().filter(n -> n.name().equals(hood)).findFirst()
                    .orElseThrow().socialRentShare());
        }
        assertEquals(List.of("Kanaalzone", "Molenwijk", "Hoogveld"), p3.programmes().get(0).targets().names(),
                "the sweep's set pins the targets");
    }

    @Test
    void twoParametersMakeAFullFactorial(@TempDir Path dir) throws IOException {
        Path f = sweep(dir, "\"replications\": 3, \"parameters\": ["
                + "{\"name\": \"a\", \"path\": \"programmes[0].durationYears\", \"values\": [2, 4]},"
                + "{\"name\": \"b\", \"path\": \"programmes[0].team.proximity\", \"values\": [0.1, 0.5, 0.9]}]");
        Sweep s = Sweep.load(f, METRICS);
        assertEquals(6, s.points());
        assertEquals("a=2, b=0.1", s.label(0));
        assertEquals("a=2, b=0.5", s.label(1));
        assertEquals("a=4, b=0.1", s.label(3));
        assertEquals(4, s.scenario(5).programmes().get(0).durationYears());
        assertEquals(0.9, s.scenario(5).programmes().get(0).team().proximity());
    }

    @Test
    void designsTurnRangesAndCategoriesIntoPoints(@TempDir Path dir) throws IOException {
        String params = "\"parameters\": ["
                + "{\"name\": \"prox\", \"path\": \"programmes[0].team.proximity\", \"range\": [0.2, 0.8]},"
                + "{\"name\": \"area\", \"path\": \"programmes[0].team.areaResidents\", \"range\": [5000, 25000], \"integer\": true},"
                + "{\"name\": \"mode\", \"path\": \"programmes[0].team.mode\", \"values\": [\"integral\", \"fragmented\"]}]";
        Sweep lhs = Sweep.load(sweep(dir, "\"replications\": 1, \"design\": \"lhs\", \"samples\": 20, " + params), METRICS);
        assertEquals(20, lhs.points());
        int integral = 0;
        for (int p = 0; p < lhs.points(); p++) {
            Scenario s = lhs.scenario(p);
            double prox = s.programmes().get(0).team().proximity();
            int area = s.programmes().get(0).team().areaResidents();
            assertTrue(prox >= 0.2 && prox <= 0.8, "proximity " + prox);
            assertTrue(area >= 5000 && area <= 25000, "area " + area);
            assertEquals(lhs.valueNode(p, 1).asLong(), area, "whole numbers");
            integral += s.programmes().get(0).team().mode().equals("integral") ? 1 : 0;
        }
        assertEquals(10, integral, "a Latin hypercube puts half the points in each of two categories");
        Sweep sobol = Sweep.load(sweep(dir, "\"replications\": 1, \"design\": \"sobol\", \"samples\": 16, " + params), METRICS);
        assertEquals(16 * (3 + 1 + 2), sobol.points(), "three parameters and the dummy");
        Sweep morris = Sweep.load(sweep(dir, "\"replications\": 1, \"design\": \"morris\", \"trajectories\": 5, " + params), METRICS);
        assertEquals(5 * (3 + 1 + 1), morris.points(), "three parameters and the dummy");
        assertEquals(4, morris.levels());
        // the same file gives the same points; another design seed others
        Sweep again = Sweep.load(sweep(dir, "\"replications\": 1, \"design\": \"lhs\", \"samples\": 20, " + params), METRICS);
        Sweep other = Sweep.load(sweep(dir, "\"replications\": 1, \"design\": \"lhs\", \"samples\": 20, \"designSeed\": 9, " + params), METRICS);
        assertEquals(lhs.label(7), again.label(7));
        assertTrue(!lhs.label(7).equals(other.label(7)));
    }

    @Test
    void everyMistakeIsOneLineNamingTheFileAndTheField(@TempDir Path dir) throws IOException {
        String ok = "{\"name\": \"d\", \"path\": \"programmes[0].durationYears\", \"values\": [2, 4]}";
        String[][] cases = {
            {"\"replications\": 0, \"parameters\": [" + ok + "]", "sweep.replications: 0"},
            {"\"replications\": 2, \"design\": \"nope\", \"parameters\": [" + ok + "]", "sweep.design: 'nope'"},
            {"\"replications\": 2, \"parameters\": []", "sweep.parameters: give a non-empty list"},
            {"\"replications\": 2, \"parameters\": [{\"name\": \"d\", \"path\": \"programmes[0].durationYears\", \"values\": []}]",
                "values: give a non-empty list"},
            {"\"replications\": 2, \"parameters\": [{\"name\": \"d\", \"path\": \"programmes[0].duration\", \"values\": [1]}]",
                "no field 'duration' in 'programmes[0]'"},
            {"\"replications\": 2, \"parameters\": [{\"name\": \"d\", \"path\": \"programmes[3].durationYears\", \"values\": [1]}]",
                "has 1 entries; index 3"},
            {"\"replications\": 2, \"parameters\": [{\"name\": \"d\", \"path\": \"programmes[0].durationYears\", \"values\": [40]}]",
                "durationYears"},
            {"\"replications\": 2, \"metrics\": [\"nope\"], \"parameters\": [" + ok + "]", "sweep.metrics: \"nope\" is not a metric"},
            {"\"replications\": 2, \"reference\": 5, \"parameters\": [" + ok + "]", "sweep.reference: 5 is not a point"},
            {"\"replications\": 2, \"extra\": 1, \"parameters\": [" + ok + "]", "sweep.extra: unknown field"},
            {"\"replications\": 2, \"set\": {\"nope.x\": 1}, \"parameters\": [" + ok + "]", "no field 'nope'"},
            {"\"replications\": 2, \"parameters\": [" + ok + ", " + ok + "]", "'d' is used twice"},
            {"\"replications\": 2, \"parameters\": [{\"name\": \"d\", \"path\": \"programmes[0].durationYears\", \"range\": [1, 4]}]",
                "a grid needs values, not a range"},
            {"\"replications\": 2, \"design\": \"lhs\", \"parameters\": [" + ok + "]", "sweep.samples: missing"},
            {"\"replications\": 2, \"design\": \"morris\", \"trajectories\": 4, \"levels\": 5, \"parameters\": [" + ok + "]",
                "is odd"},
            {"\"replications\": 2, \"design\": \"lhs\", \"samples\": 4, \"parameters\": [{\"name\": \"d\", "
                + "\"path\": \"programmes[0].durationYears\", \"range\": [4, 1]}]", "is not [low, high]"},
            {"\"replications\": 2, \"design\": \"lhs\", \"samples\": 4, \"parameters\": [{\"name\": \"d\", "
                + "\"path\": \"programmes[0].durationYears\", \"values\": [2], \"range\": [1, 4]}]", "either values or range"},
            {"\"replications\": 2, \"design\": \"lhs\", \"samples\": 4, \"parameters\": [{\"name\": \"d\", "
                + "\"path\": \"programmes[0].durationYears\", \"range\": [1, 40]}]", "durationYears"},
        };
        for (String[] c : cases) {
            Path f = sweep(dir, c[0]);
            ScenarioException e = assertThrows(ScenarioException.class, () -> Sweep.load(f, METRICS), c[0]);
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), c[1] + " -> " + e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        Path notJson = dir.resolve("bad.json");
        Files.writeString(notJson, "{\"sweep\": ");
        assertTrue(assertThrows(ScenarioException.class, () -> Sweep.load(notJson, METRICS)).getMessage().contains("not valid JSON"));
        Path scenario = Path.of("scenarios", "krachtwijk.json");
        assertTrue(assertThrows(ScenarioException.class, () -> Sweep.load(scenario, METRICS)).getMessage()
                .contains("the single field \"sweep\""));
    }

    /** A sweep file in dir over a copy of krachtwijk. */
    static Path sweep(Path dir, String body) throws IOException {
        Files.copy(Path.of("scenarios", "krachtwijk.json"), dir.resolve("krachtwijk.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path f = dir.resolve("s.json");
        Files.writeString(f, "{\"sweep\": {\"name\": \"t\", \"description\": \"test\", \"base\": \"krachtwijk.json\", " + body + "}}");
        return f;
    }
}
