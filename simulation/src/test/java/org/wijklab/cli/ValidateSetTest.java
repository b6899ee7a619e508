package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.HeapEstimate;
import org.wijklab.experiment.Validation;
import org.wijklab.scenario.Overrides;

/**
 * {@code validate --set city.residents=N} (and {@code years}, {@code warmUpYears}) is honoured, not
 * silently replaced by the suite's own sizes: every run of the suite has the size given, and the
 * heap check and validation.md speak of it.
 */
class ValidateSetTest {
    @TempDir
    Path tmp;

    private static final List<String> SETS = List.of("city.residents=1000", "years=11", "warmUpYears=1");

    @Test
    void everyRunOfTheSuiteHasTheSizeSetAndTheReportSaysSo() throws IOException {
        Validation.Settings quick = Validation.Settings.quick(null, 1);
        Validation v = new Validation(quick, Overrides.parse(SETS).across(new Validation(quick).standardScenarios()));
        for (Validation.Job j : v.jobs()) {
            assertEquals(1000, j.scenario().city().residents(), j.key());
            assertEquals(11, j.scenario().years(), j.key());
            assertEquals(1, j.scenario().warmUpYears(), j.key());
        }
        Validation.Settings ran = v.effective();
        assertEquals(List.of(1000, 11, 1), List.of(ran.residents(), ran.years(), ran.warmUpYears()));

        Path out = tmp.resolve("out");
        CliTest.Outcome o = CliTest.execute("validate", "--quick", "--threads", "1", "--quiet", "--out", out.toString(),
                "--set", SETS.get(0), "--set", SETS.get(1), "--set", SETS.get(2));
        assertTrue(o.code() == 0 || o.code() == 3, "the suite ran (pass or fail): " + o);
        String md = Files.readString(out.resolve("validation.md"));
        assertTrue(md.contains("1,000 residents, 11 recorded years after a 1-year warm-up"), md);
        assertFalse(md.contains("100,000 residents"), md);
    }

    @Test
    void theHeapCheckSpeaksOfTheResidentsSet() throws IOException {
        Path out = tmp.resolve("out");
        System.setProperty(HeapEstimate.LIMIT_PROPERTY, "1");
        CliTest.Outcome o;
        try {
            o = CliTest.execute("validate", "--quick", "--threads", "2", "--quiet", "--out", out.toString(),
                    "--set", "city.residents=1000");
        } finally {
            System.clearProperty(HeapEstimate.LIMIT_PROPERTY);
        }
        assertEquals(2, o.code(), o.toString());
        CliTest.assertOneErrorLine(o);
        assertTrue(o.err().contains("validate --quick (cities of 1000 residents)"), o.toString());
        assertTrue(o.err().contains("2 models of 1000 residents"), o.toString());
        assertFalse(o.err().contains("100000"), o.toString());
        CliTest.assertNothingWritten(out);
    }
}
