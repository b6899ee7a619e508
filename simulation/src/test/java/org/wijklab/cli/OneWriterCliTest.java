package org.wijklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.Folders;
import org.wijklab.experiment.Validation;

/**
 * Every command that writes an output folder is refused at once, in one line with exit code 2,
 * while another writer has claimed that folder, and writes nothing there.
 */
class OneWriterCliTest {
    @TempDir
    Path tmp;

    private static void assertBusy(CliTest.Outcome o, Path out) {
        assertEquals(2, o.code(), o.toString());
        assertEquals(1, o.errLines().size(), "one line: " + o);
        assertEquals("wijklab: --out " + out + ": another wijklab is writing it (pid " + ProcessHandle.current().pid() + ")",
                o.errLines().get(0), o.toString());
    }

    private static List<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void runStudySweepAndReportAreRefusedWhileAnotherWriterHasTheFolder() throws IOException {
        Path out = tmp.resolve("busy");
        try (Folders.Claim other = Folders.claim(out)) {
            assertBusy(CliTest.execute("run", "--residents", "2000", "--years", "2", "--quiet", "--out", out.toString()), out);
            assertBusy(CliTest.execute("study", "--residents", "500", "--years", "11", "--replications", "1", "--quiet",
                    "--out", out.toString()), out);
            Path dir = Files.createDirectories(tmp.resolve("sweep-input"));
            Files.copy(Path.of("scenarios", "baseline.json"), dir.resolve("baseline.json"));
            Path file = dir.resolve("s.json");
            Files.writeString(file, "{\"sweep\": {\"name\": \"s\", \"description\": \"a test\", \"base\": \"baseline.json\", "
                    + "\"replications\": 2, \"metrics\": [\"city_employment_end\"], "
                    + "\"set\": {\"years\": 2, \"warmUpYears\": 1, \"city.residents\": 2000}, "
                    + "\"parameters\": [{\"name\": \"leave\", \"path\": \"housing.distanceDecay\", \"values\": [0.2, 0.5]}]}}");
            assertBusy(CliTest.execute("sweep", file.toString(), "--out", out.toString(), "--runs", "none", "--quiet"), out);
            assertFalse(Files.exists(out), "nothing written");
            assertEquals(List.of(".busy.lock", "sweep-input"), names(tmp), "only the other writer's claim");
        }
        assertEquals(List.of("sweep-input"), names(tmp), "the released claim is gone");
    }

    @Test
    void aSecondValidationOnTheSameFolderIsRefused() throws IOException {
        Path out = tmp.resolve("validation");
        // what a running validate has done: its folder started, and the claim on its records held
        Validation v = new Validation(Validation.Settings.quick(Path.of("scenarios"), 2));
        ValidateCommand.claim(out, Validation.identity(v.jobs()));
        try (Folders.Claim other = Folders.claim(out.resolve("runs"), "--out " + out)) {
            CliTest.Outcome o = CliTest.execute("validate", "--quick", "--quiet", "--out", out.toString());
            assertBusy(o, out);
            assertEquals(List.of(".runs.lock", "validation.json"), names(out), "nothing written");
        }
    }
}
