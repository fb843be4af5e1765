package io.spinewatch.dashboard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Headless chromium turning a report page into a PNG, for tests that look at what a reader sees. */
public final class Chromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    /**
     * Screenshots {@code html} into {@code png} at 1280x2000 (skips the test when chromium is missing) and checks
     * that a PNG with content came out; {@code work} holds the throw-away profile and the log.
     */
    public static void screenshot(Path html, Path png, Path work) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "chromium not found: apt-get install chromium");
        Path out = png.toAbsolutePath();
        Files.deleteIfExists(out);
        Path profile = Files.createTempDirectory(work, "chromium");
        Path log = work.resolve("chromium-" + png.getFileName() + ".log");
        Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--screenshot=" + out, "--window-size=1280,2000",
                html.toAbsolutePath().toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), Files.readString(log));
        assertTrue(Files.size(out) > 50_000, "a screenshot with content: " + Files.size(out) + " bytes");
        byte[] head = Files.readAllBytes(out);
        assertTrue(new String(head, 0, 40, StandardCharsets.ISO_8859_1).contains("IHDR"), "a PNG");
    }
}
