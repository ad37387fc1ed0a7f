package org.netwright.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser (Debian's chromium, headless, installed by .ci/run): the index and a file page
 * with a violated expectation render, as screenshots and as a printed PDF, kept under target/screenshots as evidence
 * that it looks right. Without chromium it is skipped with a message, except under CI=true, where that is an error.
 */
class HtmlReportBrowserTest {
    private static final Path SHOTS = Path.of("target/screenshots").toAbsolutePath();
    @TempDir
    Path dir;

    static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("no chromium under CI=true: .ci/run installs it (apt-get install chromium)");
        }
        return Assumptions.abort("SKIPPED: no chromium to render the HTML report in (apt-get install chromium; CI=true makes this an error)");
    }

    /** Runs headless chromium on {@code page} (a file URI, perhaps with a fragment) with {@code args}; its profile lives in the test's folder, bounded in time. */
    private void chromium(URI page, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(args));
        command.add(page.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 120 s: " + Files.readString(dir.resolve("chromium.log")));
        }
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("chromium.log"), StandardCharsets.UTF_8));
    }

    @Test
    void theReportRendersOnALaptopScreenAndPrints() throws Exception {
        chromium(); // skip early without a browser
        BuildFixture f = new BuildFixture(dir.resolve("project")).with(BuildFixture.VIOLATED).with(BuildFixture.BROKEN);
        Path index = f.build.writeReports(f.run());
        Path violatedPage = index.resolveSibling("files/src--main--netwright--violated.nwp.html");
        Path checksPage = index.resolveSibling("files/src--main--netwright--checks.nwp.html");
        Files.createDirectories(SHOTS);
        List<Path> shots = List.of(SHOTS.resolve("report-index.png"), SHOTS.resolve("report-violated.png"), SHOTS.resolve("report-checks.png"),
                SHOTS.resolve("report-dropped.png"));
        chromium(index.toUri(), "--window-size=1366,768", "--screenshot=" + shots.get(0));
        chromium(violatedPage.toUri(), "--window-size=1366,2200", "--screenshot=" + shots.get(1));
        chromium(checksPage.toUri(), "--window-size=1366,3200", "--screenshot=" + shots.get(2));
        // the expectation of a drop (checks.nwp line 11), its walk opened by the link's target
        chromium(checksPage.toUri().resolve("#line-11"), "--window-size=1366,1400", "--screenshot=" + shots.get(3));
        Path pdf = SHOTS.resolve("report-violated.pdf");
        chromium(violatedPage.toUri(), "--no-pdf-header-footer", "--print-to-pdf=" + pdf);
        for (Path shot : shots) {
            byte[] png = Files.readAllBytes(shot);
            assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', shot + ": " + png.length + " bytes");
        }
        String head = new String(Files.readAllBytes(pdf), 0, 8, StandardCharsets.ISO_8859_1);
        assertTrue(head.startsWith("%PDF-"), "printed: " + head);
    }
}
