package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.scenario.Scenario;

/**
 * V5's and V8's realised avoided costs on constructed run records with a known answer: the twin
 * without the programme (same seed) booked 300 euro of escalations in the targets over the
 * programme's months, the programme's run 100, and the programme spent 100, so 2.0 euro were
 * avoided per euro; a twin whose targets, seed or city before the start differ is NA with the
 * reason, never a number. The records' file keeps the escalation costs, and an older format is
 * recognised, not misread.
 */
class RealisedSavingsTest {
    private static final int N = 4;
    private static final int TICKS = 36;
    private static final int START = 12;
    private static final int END = 24;

    /** A record of a city of four neighbourhoods, 36 ticks, every series zero; rank 0 the best. */
    private static RunSummary record(String scenario, long seed) {
        Scenario s = Study.standard(null, scenario).scenario().withSeed(seed);
        RunSummary r = new RunSummary(s);
        r.neighbourhoods = N;
        r.ticks = TICKS;
        r.liveability = new float[TICKS + 1][N];
        r.employment = new float[TICKS + 1][N];
        r.goodMental = new float[TICKS + 1][N];
        r.households = new int[TICKS + 1][N];
        r.rank = new int[TICKS + 1][N];
        r.evictions = new int[TICKS + 1][N];
        r.orders = new int[TICKS + 1][N];
        r.secondLine = new int[TICKS + 1][N];
        r.escalationCost = new double[TICKS + 1][N];
        r.socialShare = new double[N];
        for (int t = 0; t <= TICKS; t++) {
            for (int j = 0; j < N; j++) {
                // neighbourhood 0 the best, 3 the weakest: the weakest three are 1, 2 and 3
                r.rank[t][j] = j;
            }
        }
        // the same escalations before the start in every run: the twins share the city until then
        r.escalationCost[5][1] = 7;
        r.escalationCost[START][2] = 11;
        return r;
    }

    /** The integral team's run: targets 1-3 from tick 12 to 24, 100 euro spent, 100 euro of escalations in its targets. */
    private static RunSummary programmeRun(long seed) {
        RunSummary r = record("wijkteam-integral", seed);
        RunSummary.ProgrammeRecord p = new RunSummary.ProgrammeRecord();
        p.name = "wijkteam";
        p.targets = new int[] {1, 2, 3};
        p.firstLoss = new int[] {-1, -1, -1};
        p.startTick = START;
        p.endTick = END;
        p.spent = 100;
        p.avoided = 250;
        r.programmes.add(p);
        r.escalationCost[START + 1][1] = 40;
        r.escalationCost[END][3] = 60;
        // after the programme's end: only the longer horizon sees it
        r.escalationCost[END + 1][2] = 10;
        return r;
    }

    /** The baseline twin: 300 euro of escalations in the same targets over the programme's months, 50 more outside. */
    private static RunSummary twin(long seed) {
        RunSummary r = record("baseline", seed);
        r.escalationCost[START + 1][1] = 100;
        r.escalationCost[START + 6][2] = 150;
        r.escalationCost[END][3] = 50;
        r.escalationCost[START + 3][0] = 50;
        r.escalationCost[END + 1][2] = 30;
        return r;
    }

    @Test
    void realisedSavingsPerEuroAreTheTwinsCostsMinusTheRunsOverTheSpending() {
        RunSummary run = programmeRun(3);
        RunSummary twin = twin(3);
        assertEquals(2.0, Validation.realisedPerEuro(run, twin, END, false), 1e-12, "(300 - 100) / 100");
        // the whole city adds the 50 euro the twin booked outside the targets
        assertEquals(2.5, Validation.realisedPerEuro(run, twin, END, true), 1e-12, "(350 - 100) / 100");
        // to the run's end adds the year after the programme: (330 - 110) / 100
        assertEquals(2.2, Validation.realisedPerEuro(run, twin, TICKS, false), 1e-12);
        // a twin that booked more than the programme's run gives a negative return, not a clipped one
        assertEquals(-2.0, Validation.realisedPerEuro(swapCosts(run, twin), twin, END, false), 1e-12);
    }

    /** A copy of the programme's run whose target escalations are the twin's plus 200 euro. */
    private static RunSummary swapCosts(RunSummary run, RunSummary twin) {
        RunSummary r = programmeRun(run.scenario.seed());
        for (int t = START + 1; t <= TICKS; t++) {
            for (int j = 0; j < N; j++) {
                r.escalationCost[t][j] = twin.escalationCost[t][j];
            }
        }
        r.escalationCost[END][1] += 200;
        return r;
    }

    @Test
    void unmatchedTargetsAreNotEvaluableWithTheReason() {
        RunSummary run = programmeRun(3);
        RunSummary twin = twin(3);
        // in the twin, neighbourhood 0 is the weakest at the start: its weakest three are 0, 2 and 3
        twin.rank[START][0] = 9;
        Validation.NotEvaluable e = assertThrows(Validation.NotEvaluable.class,
                () -> Validation.realisedPerEuro(run, twin, END, false));
        assertTrue(e.getMessage().contains("targets cannot be matched") && e.getMessage().contains("[0, 2, 3]"), e.getMessage());
        // a rank that differs only after the start does not matter: the programme chose its targets at the start
        RunSummary later = twin(3);
        later.rank[START + 1][0] = 9;
        assertEquals(2.0, Validation.realisedPerEuro(run, later, END, false), 1e-12);
        // and in the table the row is NA with the reason, neither pass nor fail
        Validation.Result row = Validation.result("V5", "realised", Validation.Target.between(1.5, 3, "1.5 to 3"),
                () -> new double[] {Validation.realisedPerEuro(run, twin, END, false)}, "");
        assertFalse(row.evaluable());
        assertFalse(row.pass());
        assertTrue(row.notEvaluable().contains("targets cannot be matched"), row.notEvaluable());
    }

    @Test
    void aTwinOfAnotherSeedOrAnotherCityBeforeTheStartIsRefused() {
        RunSummary run = programmeRun(3);
        Validation.NotEvaluable seed = assertThrows(Validation.NotEvaluable.class,
                () -> Validation.realisedPerEuro(run, twin(4), END, false));
        assertTrue(seed.getMessage().contains("seed"), seed.getMessage());
        RunSummary diverged = twin(3);
        diverged.escalationCost[5][1] = 8;
        Validation.NotEvaluable city = assertThrows(Validation.NotEvaluable.class,
                () -> Validation.realisedPerEuro(run, diverged, END, false));
        assertTrue(city.getMessage().contains("not the same city") && city.getMessage().contains("tick 5"), city.getMessage());
        RunSummary withProgramme = programmeRun(3);
        Validation.NotEvaluable own = assertThrows(Validation.NotEvaluable.class,
                () -> Validation.realisedPerEuro(run, withProgramme, END, false));
        assertTrue(own.getMessage().contains("programme of its own"), own.getMessage());
        RunSummary unpaid = programmeRun(3);
        unpaid.programmes.get(0).spent = 0;
        Validation.NotEvaluable nothing = assertThrows(Validation.NotEvaluable.class,
                () -> Validation.realisedPerEuro(unpaid, twin(3), END, false));
        assertTrue(nothing.getMessage().contains("spent nothing"), nothing.getMessage());
        Validation.NotEvaluable shortRun = assertThrows(Validation.NotEvaluable.class,
                () -> Validation.realisedPerEuro(run, twin(3), TICKS + 12, false));
        assertTrue(shortRun.getMessage().contains("shorter than the horizon"), shortRun.getMessage());
    }

    @Test
    void theRecordKeepsTheEscalationCostsAndAnOlderFormatIsNotMisread(@TempDir Path dir) throws Exception {
        RunSummary run = programmeRun(3);
        Path file = dir.resolve("rep-000.bin.gz");
        run.write(file);
        assertTrue(RunSummary.current(file));
        RunSummary back = RunSummary.read(file, run.scenario);
        for (int t = 0; t <= TICKS; t++) {
            assertArrayEquals(run.escalationCost[t], back.escalationCost[t], "tick " + t);
        }
        assertEquals(2.0, Validation.realisedPerEuro(back, twin(3), END, false), 1e-12);
        // a record of format 1 (before the escalation costs): recognised as another format and refused
        Path old = dir.resolve("rep-001.bin.gz");
        try (DataOutputStream o = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(old)))) {
            o.writeInt(1);
            o.writeInt(N);
            o.writeInt(TICKS);
        }
        assertEquals(1, RunSummary.format(old));
        assertFalse(RunSummary.current(old));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> RunSummary.read(old, run.scenario));
        assertTrue(e.getMessage().contains("format 1"), e.getMessage());
        Files.writeString(dir.resolve("junk.bin.gz"), "not gzip");
        assertEquals(-1, RunSummary.format(dir.resolve("junk.bin.gz")));
    }
}
