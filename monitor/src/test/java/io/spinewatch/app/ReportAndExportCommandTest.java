package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.history.SmallStoredDay;
import io.spinewatch.report.ReportData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code report} and {@code export} on a small stored day. */
class ReportAndExportCommandTest {
    static final ZoneId ZONE = SmallStoredDay.ZONE;
    static final LocalDate DAY = SmallStoredDay.DAY;
    static final long T = SmallStoredDay.T;

    @TempDir
    Path dir;
    String db;

    @BeforeEach
    void fill() throws SQLException {
        db = SmallStoredDay.store(dir);
    }

    /** {@code report} hands the stored figures to the page; the page itself is the dashboard's (ReportPageTest there). */
    @Nested
    class Report {
        final RecordingRenderer renderer = new RecordingRenderer();

        HistoryCommandTest.Run report(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = renderer.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int exit = cl.execute(args);
            return new HistoryCommandTest.Run(exit, out.toString(), err.toString());
        }

        @Test
        void writesTheDayAndSaysWhatItHolds() {
            Path out = dir.resolve("r/day.html");
            var r = report("report", "--wearer", "ann", "--day", DAY.toString(), "--out", out.toString(), "--db", db);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("45 min tracked, 25 min slouched, 1 alerts, 1 drills"), r.out());
            assertEquals(1, renderer.pages.size());
            RecordingRenderer.Page page = renderer.pages.get(0);
            assertEquals(out, page.file());
            assertEquals("the stored history", page.source());
            assertEquals(Spinewatch.version(), page.version());
            ReportData d = page.data();
            assertEquals("ann", d.wearerId());
            assertEquals(DAY, d.first());
            assertTrue(d.isDay());
            assertEquals(ZONE, d.zone(), "the wearer's stored zone");
            assertEquals(25, d.slouchedMinutes(), 1e-9);
            assertEquals(45, d.trackedMinutes(), 1e-9);
        }

        @Test
        void aWeekCoversMondayToSunday() {
            Path out = dir.resolve("week.html");
            var r = report("report", "--wearer", "ann", "--week", "2026-W27", "--out", out.toString(), "--db", db);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("2026-06-29..2026-07-05") && r.out().contains("26 min slouched"), r.out());
            ReportData d = renderer.pages.get(0).data();
            assertEquals(LocalDate.of(2026, 6, 29), d.first());
            assertEquals(LocalDate.of(2026, 7, 5), d.last());
            assertEquals(26, d.slouchedMinutes(), 1e-9);
        }

        @Test
        void dayAndWeekTogetherAreAUsageError() {
            var r = report("report", "--wearer", "ann", "--day", "2026-07-01", "--week", "2026-W27",
                    "--out", dir.resolve("x.html").toString(), "--db", db);
            assertEquals(2, r.exit());
            assertTrue(renderer.pages.isEmpty());
        }

        @Test
        void withoutTheReportPageInTheBuildItSaysSo() {
            Path out = dir.resolve("none.html");
            var r = HistoryCommandTest.run("report", "--wearer", "ann", "--day", DAY.toString(), "--out", out.toString(), "--db", db);
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("the HTML report is part of the application jar (./spinewatch)"), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
            assertFalse(Files.exists(out));
        }
    }

    @Nested
    class Export {
        @Test
        void jsonHoldsTheRangeOfDays() throws IOException {
            Path out = dir.resolve("ann.json");
            var r = HistoryCommandTest.run("export", "--wearer", "ann", "--from", "2026-07-01", "--to", "2026-07-02",
                    "--format", "json", "--out", out.toString(), "--db", db);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("3 episodes, 1 alerts, 1 drills, 0 minutes"), r.out());
            assertTrue(Files.readString(out).contains("\"start\": \"2026-07-01T09:00:00-04:00\""));
        }

        @Test
        void csvWritesFourFilesForOneDay() throws IOException {
            var r = HistoryCommandTest.run("export", "--wearer", "ann", "--from", "2026-07-01", "--to", "2026-07-01",
                    "--format", "csv", "--out", dir.resolve("out/ann.csv").toString(), "--db", db);
            assertEquals(0, r.exit(), r.err());
            assertEquals(3, Files.readAllLines(dir.resolve("out/ann.episodes.csv")).size());
            assertEquals(2, Files.readAllLines(dir.resolve("out/ann.drills.csv")).size());
        }

        @Test
        void anUnknownFormatIsAUsageError() {
            var r = HistoryCommandTest.run("export", "--wearer", "ann", "--from", "2026-07-01", "--to", "2026-07-01",
                    "--format", "xml", "--out", dir.resolve("x").toString(), "--db", db);
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("csv or json"), r.err());
        }
    }
}
