package org.wijklab.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules of the code base that a reader relies on: the model never touches the GUI, and model code
 * draws randomness only from the model's own generator and never reads the clock.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("simulation/src/main/java/org/wijklab");
    private static final Pattern GUI = Pattern.compile("import\\s+(sim\\.display|sim\\.portrayal|javax\\.swing|java\\.awt)");
    private static final Pattern WINDOW = Pattern.compile("import\\s+(sim\\.display|sim\\.portrayal|javax\\.swing|java\\.awt\\.(Frame|Window|Dialog))");
    private static final Pattern NON_MODEL_RANDOM = Pattern.compile(
            "Math\\.random|new\\s+Random\\s*\\(|ThreadLocalRandom|SplittableRandom|System\\.currentTimeMillis|System\\.nanoTime|Instant\\.now|LocalDateTime\\.now");

    private static List<Path> sources(String... packages) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String p : packages) {
            try (Stream<Path> s = Files.walk(MAIN.resolve(p))) {
                s.filter(f -> f.toString().endsWith(".java")).forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void nothingOutsideTheGuiPackageImportsTheGui() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> s = Files.walk(MAIN)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                // the gui package, and the one command that opens it (its launcher: flags, then the Console)
                if (f.toString().contains("/gui/") || f.toString().endsWith("/cli/GuiCommand.java")) {
                    continue;
                }
                String text = Files.readString(f);
                // the report draws charts headless with java.awt (Graphics2D, images), never a window
                boolean gui = f.toString().contains("/report/") ? WINDOW.matcher(text).find() : GUI.matcher(text).find();
                if (gui || text.contains("import org.wijklab.gui")) {
                    offenders.add(f.toString());
                }
            }
        }
        assertEquals(List.of(), offenders, "GUI imports outside the gui package");
    }

    @Test
    void modelCodeUsesOnlyTheModelsRandomStreamAndNoClock() throws IOException {
        List<Path> files = sources("model", "process", "scenario", "observation");
        assertTrue(files.size() > 10, "expected the model's sources under " + MAIN.toAbsolutePath());
        List<String> offenders = new ArrayList<>();
        for (Path f : files) {
            if (NON_MODEL_RANDOM.matcher(Files.readString(f)).find()) {
                offenders.add(f.toString());
            }
        }
        assertEquals(List.of(), offenders, "randomness or clock outside the model's MersenneTwisterFast");
    }

    /**
     * java.lang.Math's exponentials, logarithms, powers and trigonometry may differ in the last bit
     * between JVMs and CPUs (its intrinsics are allowed 1 to 2 ulp); StrictMath's are fdlibm's, the
     * same bits everywhere. What the model computes and what the outputs and analyses write use
     * StrictMath (or Commons Math's FastMath, itself pure Java), so that a run gives the same bytes
     * on every machine (docs/ODD.md, 'Reproducibility').
     */
    @Test
    void theModelAndItsOutputsUseOnlyReproducibleMathematics() throws IOException {
        Pattern platform = Pattern.compile(
                "(?<![A-Za-z0-9_.])Math\\.(exp|log|log10|log1p|expm1|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|cbrt|hypot)\\s*\\(");
        List<Path> files = sources("model", "process", "policy", "scenario", "observation", "experiment", "report");
        assertTrue(files.size() > 50, "expected the sources under " + MAIN.toAbsolutePath());
        List<String> offenders = new ArrayList<>();
        for (Path f : files) {
            var m = platform.matcher(Files.readString(f));
            if (m.find()) {
                offenders.add(f + ": " + m.group());
            }
        }
        assertEquals(List.of(), offenders, "java.lang.Math's platform-dependent functions in the model or its outputs");
    }

    @Test
    void oneSteppablePerProcessAndNoAgentIsScheduled() throws IOException {
        long steppables = 0;
        for (Path f : sources("process")) {
            if (Files.readString(f).contains("implements Steppable")) {
                steppables++;
            }
        }
        // economy, region, demography, labour market, problems, community, stock, housing market,
        // liveability, observation (the programmes' Steppable is in the policy package)
        assertEquals(10, steppables, "the ten processes, one Steppable each");
        for (Path f : sources("model", "process")) {
            String text = Files.readString(f);
            if (text.contains("scheduleRepeating") || text.contains("scheduleOnce")) {
                assertTrue(f.endsWith("WijkLabModel.java"), "only the model schedules: " + f);
            }
        }
    }
}
