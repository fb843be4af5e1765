package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Spinewatch.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Nested
    class Headless {
        @TempDir
        Path dir;

        @Test
        void twoWearersPrintStatusLinesAndASummaryAndStopOnTime() {
            Path db = dir.resolve("h");
            Result r = run("demo", "--no-dashboard", "--wearers", "2", "--speed", "20", "--minutes", "0.08", "--status-every", "1",
                    "--db", "h2:" + db);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("dashboard: off"), r.out());
            for (String w : new String[] {"demo-1", "demo-2"}) {
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith(w) && l.contains("sensors 3/3")), w + " status: " + r.out());
                assertTrue(r.out().contains("simulated:" + w + ": "), "summary of " + w + ": " + r.out());
            }
            assertTrue(r.out().contains("samples dropped between decoder and pipeline: 0"), r.out());
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("demo: history in h2:" + db + ": ")
                    && l.contains("records kept for 2 wearers, 0 dropped (queue full), 0 not written at shutdown")), r.out());
        }

        @Test
        void withNoHistoryNothingIsKept() {
            Result r = run("demo", "--no-dashboard", "--no-history", "--speed", "20", "--minutes", "0.02", "--status-every", "0");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("history: off (--no-history)"), r.out());
            assertTrue(r.out().contains("demo: history off (--no-history)"), r.out());
        }
    }

    @Nested
    class Arguments {
        @Test
        void badSettingsAreUsageErrors() {
            assertEquals(2, run("demo", "--no-dashboard", "--wearers", "0").exit());
            assertEquals(2, run("demo", "--no-dashboard", "--scenario", "nope").exit());
            assertEquals(2, run("demo", "--no-dashboard", "--scenario", "quick", "--random").exit());
            assertEquals(2, run("demo", "--no-dashboard", "--speed", "0").exit());
            assertEquals(2, run("demo", "--no-dashboard", "--db", "mysql://x").exit());
            Result both = run("demo", "--no-dashboard", "--db", "h2:/tmp/x", "--no-history");
            assertEquals(2, both.exit());
            assertTrue(both.err().contains("not both"), both.err());
        }

        @Test
        void withoutADashboardInTheBuildItSaysWhatToDo() {
            Result r = run("demo", "--minutes", "0.01", "--no-history");
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("--no-dashboard"), r.err());
        }
    }
}
