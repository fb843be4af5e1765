package io.spinewatch.dashboard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.dashboard.report.AppCli.Run;
import io.spinewatch.history.SmallStoredDay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} through the application jar's command line writes the page for a small stored day; the figures it
 * hands over are checked in the monitor (ReportAndExportCommandTest.Report).
 */
class ReportPageTest {
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

    @Test
    void writesTheDaysPage() throws IOException {
        Path out = dir.resolve("r/day.html");
        Run r = AppCli.run("report", "--wearer", "ann", "--day", DAY.toString(), "--out", out.toString(), "--db", db);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("45 min tracked, 25 min slouched, 1 alerts, 1 drills"), r.out());
        String html = Files.readString(out);
        assertTrue(html.contains("Wednesday 1 July 2026") && html.contains("America/New_York"));
        assertTrue(html.contains("<div class=\"tl\">Slouched</div><div class=\"tv\">25 min</div>"), "the Slouched tile");
        assertTrue(html.contains("from the stored history."), "the footer names the source");
    }

    @Test
    void writesTheWeeksPage() throws IOException {
        Path out = dir.resolve("week.html");
        Run r = AppCli.run("report", "--wearer", "ann", "--week", "2026-W27", "--out", out.toString(), "--db", db);
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(out).contains("Week 27"));
    }
}
