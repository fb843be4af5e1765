package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.trace.TraceReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Spinewatch.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Nested
    class Writing {
        @Test
        void aBuiltInScenarioWritesTheThreeFilesAndSaysWhere(@TempDir Path dir) throws IOException {
            Run r = run("simulate", "--scenario", "quick", "--seed", "3", "--out", dir.toString(), "--rate", "50");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains(dir.resolve("trace.csv").toString()), r.out());
            assertTrue(r.out().contains("real time"), r.out());
            for (String f : new String[] {"trace.csv", "truth.csv", "episodes.json"}) {
                assertTrue(Files.size(dir.resolve(f)) > 100, f);
            }
            try (TraceReader t = TraceReader.open(dir.resolve("trace.csv"))) {
                assertEquals("3", t.metadata().values().get("seed"));
                assertTrue(t.read(row -> { }).rows() > 3 * 50 * 55);
            }
        }

        @Test
        void aRandomSessionWithGzipAndAScript(@TempDir Path dir) throws IOException {
            Run r = run("simulate", "--random", "--minutes", "2", "--seed", "4", "--out", dir.resolve("r").toString(),
                    "--gzip", "--noise", "none", "--mag");
            assertEquals(0, r.exit(), r.err());
            assertTrue(Files.exists(dir.resolve("r/trace.csv.gz")) && Files.exists(dir.resolve("r/truth.csv.gz")));
            Path script = dir.resolve("s.txt");
            Files.writeString(script, "calibrate 12s\nupright 5s\n");
            Run s = run("simulate", "--script-file", script.toString(), "--out", dir.resolve("s").toString());
            assertEquals(0, s.exit(), s.err());
            assertTrue(s.out().contains("17.0 s"), s.out());
        }
    }

    @Nested
    class Mistakes {
        @Test
        void badArgumentsAreUsageErrors(@TempDir Path dir) {
            assertEquals(2, run("simulate", "--out", dir.toString()).exit());
            assertEquals(2, run("simulate", "--scenario", "demo", "--random", "--out", dir.toString()).exit());
            assertEquals(2, run("simulate", "--scenario", "nope", "--out", dir.toString()).exit());
            assertEquals(2, run("simulate", "--scenario", "demo").exit());
            assertEquals(2, run("simulate", "--scenario", "demo", "--minutes", "5", "--out", dir.toString()).exit());
            Run bad = run("simulate", "--script", "upright; dance", "--out", dir.toString());
            assertEquals(2, bad.exit());
            assertTrue(bad.err().contains("step 1 'upright'"), bad.err());
            assertTrue(run("simulate", "--list").out().contains("office-hour"));
            assertEquals(2, run("simulate", "--script-file", dir.resolve("missing.txt").toString(), "--out", dir.toString()).exit());
        }

        @Test
        void anUnwritableOutputIsAnErrorMessageNotAStackTrace(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("taken"), "x");
            Run r = run("simulate", "--scenario", "quick", "--out", file.toString());
            assertEquals(1, r.exit());
            assertTrue(r.err().startsWith("spinewatch simulate: cannot write to"), r.err());
        }
    }
}
