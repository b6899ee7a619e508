package org.wijklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: Debian's chromium, headless and offline, loads index.html from disk.
 * The page's own load handler records how many images loaded and whether the page is wider than the
 * window; the test reads that from the DOM after load, and checks a screenshot at laptop width is not
 * blank. Without chromium the tests are skipped with the reason (CI installs it and sets
 * WIJKLAB_REQUIRE_BROWSER=1, which turns a missing browser into a failure).
 */
class BrowserReportTest {
    @TempDir
    static Path tmp;
    static Path index;
    static String chromium;

    @BeforeAll
    static void report() {
        chromium = find();
        if (chromium == null) {
            assertTrue(System.getenv("WIJKLAB_REQUIRE_BROWSER") == null,
                    "WIJKLAB_REQUIRE_BROWSER is set but no chromium is installed");
            return;
        }
        Path runs = tmp.resolve("runs");
        ReportFixtures.run(ReportFixtures.baseline("base"), 1, runs);
        ReportFixtures.run(ReportFixtures.programme("prog"), 1, runs);
        index = Report.write(List.of(runs), tmp.resolve("report"), Report.Options.defaults()).index();
    }

    private static String find() {
        for (String c : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    private static String browse(String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "profile")));
        cmd.addAll(List.of(extra));
        cmd.add(index.toUri().toString());
        Path out = Files.createTempFile(tmp, "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish in 120 s");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void everyImageLoadsAndThePageFitsALaptopWindow() throws Exception {
        assumeTrue(chromium != null, "chromium not installed (apt-get install chromium): browser test skipped");
        String dom = browse("--window-size=1366,900", "--virtual-time-budget=15000", "--dump-dom");
        Matcher m = Pattern.compile("data-images-loaded=\"(\\d+)/(\\d+)\"").matcher(dom);
        assertTrue(m.find(), "the page's load handler ran (no data-images-loaded in the DOM)");
        int images = countImages(Files.readString(index));
        assertTrue(images >= 15, "images in the page: " + images);
        assertEquals(images, Integer.parseInt(m.group(2)), "images the browser saw");
        assertEquals(images, Integer.parseInt(m.group(1)), "images that loaded");
        assertTrue(dom.contains("data-overflows=\"false\""), "the page is no wider than a 1366 px window");
    }

    @Test
    void aScreenshotShowsTheReport() throws Exception {
        assumeTrue(chromium != null, "chromium not installed (apt-get install chromium): browser test skipped");
        Path shot = tmp.resolve("shot.png");
        browse("--window-size=1366,2400", "--virtual-time-budget=15000", "--screenshot=" + shot);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertTrue(img != null, "a screenshot was written");
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                nonWhite += rgb == 0xFFFFFF ? 0 : 1;
            }
        }
        long samples = (long) (img.getHeight() / 3 + 1) * (img.getWidth() / 3 + 1);
        assertTrue(colours.size() > 50, "distinct colours in the screenshot: " + colours.size());
        assertTrue(nonWhite > samples / 50, "non-white share: " + nonWhite + " of " + samples);
    }

    private static int countImages(String html) {
        Matcher m = Pattern.compile("<img ").matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
