package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config} and {@code --set} on {@code run} and {@code demo}: precedence, and errors as one line with exit 2. */
class ConfigOptionsTest {
    @TempDir
    Path dir;

    private Path config(String... lines) throws Exception {
        Path f = dir.resolve("spinewatch.properties");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private static void assertOneLineError(DemoCommandTest.Result r, String expected) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(expected, r.err().strip());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Nested
    class Precedence {
        @Test
        void theFileBeatsTheDefault() throws Exception {
            // Without a dashboard in this build, the default (dashboard on) would fail with exit 2.
            DemoCommandTest.Result r = DemoCommandTest.run("demo", "--config", config("dashboard.enabled = false").toString(),
                    "--speed", "50", "--minutes", "0.02", "--status-every", "0");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("dashboard: off"), r.out());
        }

        @Test
        void theCommandLineBeatsTheFile() throws Exception {
            Path f = config("dashboard.enabled = true", "alert.slouch-hold-seconds = 40");
            DemoCommandTest.Result on = DemoCommandTest.run("demo", "--config", f.toString(), "--minutes", "0.01");
            assertEquals(2, on.exit(), "the file switched the dashboard on, and this build has none: " + on.out());
            DemoCommandTest.Result off = DemoCommandTest.run("demo", "--config", f.toString(), "--no-dashboard",
                    "--speed", "50", "--minutes", "0.02", "--status-every", "0");
            assertEquals(0, off.exit(), off.err());
            assertOneLineError(DemoCommandTest.run("demo", "--config", f.toString(), "--no-dashboard",
                    "--set", "alert.slouch-hold-seconds=-1"), "demo: --set alert.slouch-hold-seconds: alert.slouch-hold-seconds = -1: must be in 0.0..600.0");
        }

        @Test
        void historyFromTheFileAndDbOverIt() throws Exception {
            Path f = config("dashboard.enabled = false", "history.enabled = false");
            DemoCommandTest.Result off = DemoCommandTest.run("demo", "--config", f.toString(), "--speed", "50",
                    "--minutes", "0.02", "--status-every", "0");
            assertEquals(0, off.exit(), off.err());
            assertTrue(off.out().contains("history: off (history.enabled=false)"), off.out());

            Path fromFile = dir.resolve("from-file");
            Path fromOption = dir.resolve("from-option");
            Path g = config("dashboard.enabled = false", "history.db = h2:" + fromFile);
            DemoCommandTest.Result file = DemoCommandTest.run("demo", "--config", g.toString(), "--speed", "50",
                    "--minutes", "0.02", "--status-every", "0");
            assertEquals(0, file.exit(), file.err());
            assertTrue(java.nio.file.Files.exists(Path.of(fromFile + ".mv.db")), file.out());
            DemoCommandTest.Result option = DemoCommandTest.run("demo", "--config", g.toString(), "--db", "h2:" + fromOption,
                    "--speed", "50", "--minutes", "0.02", "--status-every", "0");
            assertEquals(0, option.exit(), option.err());
            assertTrue(option.out().contains("history: h2:" + fromOption), option.out());
        }

        @Test
        void aWearersZoneFromTheFileIsTheZoneTheirHistoryIsKeptIn() throws Exception {
            String id = io.spinewatch.demo.Demo.wearerId(1);
            Path db = dir.resolve("zoned");
            Path f = config("dashboard.enabled = false", "wearer." + id + ".zone = Pacific/Kiritimati", "history.db = h2:" + db);
            DemoCommandTest.Result r = DemoCommandTest.run("demo", "--config", f.toString(), "--speed", "50",
                    "--minutes", "0.02", "--status-every", "0");
            assertEquals(0, r.exit(), r.err());
            try (io.spinewatch.history.HistoryStore s = io.spinewatch.history.HistoryStore.open(
                    io.spinewatch.history.DbLocation.h2(db))) {
                assertEquals(java.util.Optional.of(java.time.ZoneId.of("Pacific/Kiritimati")), s.zone(id), r.out());
            }
        }
    }

    @Nested
    class Errors {
        @Test
        void aConfigErrorIsOneLineAndExit2() throws Exception {
            Path f = config("# desk", "serial.desk.port = /dev/ttyUSB0", "serial.desk.wearer = ann", "alert.slouch-hold-secs = 40");
            assertOneLineError(DemoCommandTest.run("run", "--config", f.toString(), "--no-dashboard"),
                    "run: " + f + " line 4: unknown key 'alert.slouch-hold-secs'; did you mean 'alert.slouch-hold-seconds'?");
            assertOneLineError(DemoCommandTest.run("demo", "--config", f.toString(), "--no-dashboard"),
                    "demo: " + f + " line 4: unknown key 'alert.slouch-hold-secs'; did you mean 'alert.slouch-hold-seconds'?");
            assertOneLineError(DemoCommandTest.run("run", "--config", dir.resolve("none.properties").toString()),
                    "run: config file not found: " + dir.resolve("none.properties"));
        }

        @Test
        void runNeedsASource() {
            assertOneLineError(DemoCommandTest.run("run", "--no-dashboard"),
                    "run: no source: give --serial PORT or --mqtt URI, or list serial.<name>.port / mqtt.uri in a --config file");
        }

        @Test
        void serialPortOptionsNeedSerial() {
            DemoCommandTest.Result r = DemoCommandTest.run("run", "--no-dashboard", "--mqtt", "tcp://127.0.0.1:1", "--wearer", "x");
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("--protocol, --baud, --wearer and --slot describe the --serial port"), r.err());
        }

        @Test
        void aPortThatCannotOpenStopsTheRunNamingIt() throws Exception {
            Path f = config("serial.a.port = " + dir.resolve("no-such-tty"), "serial.a.wearer = ann", "dashboard.enabled = false");
            DemoCommandTest.Result r = DemoCommandTest.run("run", "--config", f.toString());
            assertEquals(2, r.exit(), r.out());
            assertTrue(r.err().startsWith("run: ") && r.err().contains("no-such-tty"), r.err());
        }
    }
}
