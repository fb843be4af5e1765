package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
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
        @Test
        void twoWearersPrintStatusLinesAndASummaryAndStopOnTime() {
            Result r = run("demo", "--no-dashboard", "--wearers", "2", "--speed", "20", "--minutes", "0.08", "--status-every", "1");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("dashboard: off"), r.out());
            for (String w : new String[] {"demo-1", "demo-2"}) {
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith(w) && l.contains("sensors 3/3")), w + " status: " + r.out());
                assertTrue(r.out().contains("simulated:" + w + ": "), "summary of " + w + ": " + r.out());
            }
            assertTrue(r.out().contains("samples dropped between decoder and pipeline: 0"), r.out());
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
        }

        @Test
        void withoutADashboardInTheBuildItSaysWhatToDo() {
            Result r = run("demo", "--minutes", "0.01");
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("--no-dashboard"), r.err());
        }
    }
}
