package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The monitor must not know HTTP or HTML (design.md, Modules): its main sources and resources hold no markup, no
 * content type and no web library; the page and the server are the dashboard's, lent through {@link Views}.
 */
class ModuleBoundaryTest {
    /** The module's main tree; Maven runs tests with the module directory as working directory. */
    static final Path MAIN = Path.of("src", "main");
    static final List<String> FORBIDDEN = List.of("<html", "<!doctype", "<svg", "<body", "text/html", "image/svg",
            "io.javalin", "jakarta.servlet", "javax.servlet", "com.sun.net.httpserver", "io.spinewatch.dashboard");

    @Test
    void mainCodeHoldsNoMarkupAndNoWebLibrary() throws IOException {
        assertTrue(Files.isDirectory(MAIN.resolve("java/io/spinewatch/app")), "run from the monitor module: " + MAIN.toAbsolutePath());
        StringBuilder found = new StringBuilder();
        int files = 0;
        try (Stream<Path> all = Files.walk(MAIN)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files++;
                String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                for (String f : FORBIDDEN) {
                    if (text.contains(f)) {
                        found.append('\n').append(p).append(": ").append(f);
                    }
                }
            }
        }
        assertTrue(files > 100, "scanned the main tree: " + files + " files");
        assertTrue(found.isEmpty(), "the monitor must leave HTTP and HTML to the dashboard module:" + found);
    }
}
