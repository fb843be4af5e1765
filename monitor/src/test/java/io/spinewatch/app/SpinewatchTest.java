package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SpinewatchTest {
    private static String run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = Spinewatch.commandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(expectedExit, cl.execute(args));
        return out.toString();
    }

    @Test
    void versionNamesTheProjectVersion() {
        String out = run(0, "--version");
        assertTrue(out.startsWith("spinewatch "), out);
        assertTrue(out.contains(Spinewatch.version()), out);
    }

    @Test
    void helpListsTheCommand() {
        String out = run(0, "--help");
        assertTrue(out.contains("Usage: spinewatch"), out);
    }
}
