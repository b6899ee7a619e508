package org.wijklab.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wijklab.experiment.calibration.Calibration;

/** Mutated calibration files load or are refused in one line (a ScenarioException), never anything else. */
class CalibrationFuzzTest {
    @TempDir
    Path folder;

    @Test
    void mutatedCalibrationsLoadOrFailInOneLine() throws IOException {
        Files.copy(Path.of("scenarios/baseline.json"), folder.resolve("baseline.json"));
        String example = Files.readString(Path.of("scenarios/calibrate-households.json"));
        // a smaller city: loading checks the parameters' corners, not a run, but smaller is quicker
        String text = example.replace("\"city.residents\": 20000", "\"city.residents\": 2000");
        assertTrue(!text.equals(example));
        Tries.check("mutated calibrations", 4, 300, seed -> {
            String doc = Mutations.mutate(text, seed);
            Path f = folder.resolve("fuzz-calibration.json");
            Files.write(f, doc.getBytes(StandardCharsets.UTF_8));
            ParserFuzzTest.oneTry("seed " + seed + ": " + ParserFuzzTest.shown(doc), () -> Calibration.load(f));
        });
    }
}
