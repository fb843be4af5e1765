package io.spinewatch.dashboard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.dashboard.report.AppCli.Run;
import io.spinewatch.history.AlertRecord;
import io.spinewatch.history.DbLocation;
import io.spinewatch.history.DrillRecord;
import io.spinewatch.history.EpisodeRecord;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.history.WearerZone;
import io.spinewatch.posture.PostureState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} through the application jar's command line writes the page for a small stored day; the figures it
 * hands over are checked in the monitor (ReportAndExportCommandTest.Report).
 */
class ReportPageTest {
    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final LocalDate DAY = LocalDate.of(2026, 7, 1);
    static final long T = DAY.atTime(9, 0).atZone(ZONE).toInstant().toEpochMilli();

    @TempDir
    Path dir;
    String db;

    @BeforeEach
    void fill() throws SQLException {
        Path file = dir.resolve("h");
        db = "h2:" + file;
        try (HistoryStore s = HistoryStore.open(DbLocation.h2(file))) {
            s.write(List.of(new WearerZone("ann", ZONE),
                    EpisodeRecord.of("ann", T, T + 20 * 60_000, PostureState.UPRIGHT),
                    EpisodeRecord.of("ann", T + 20 * 60_000, T + 45 * 60_000, PostureState.SLOUCHED),
                    new AlertRecord("ann", T + 21 * 60_000, "slouch", true, "slouched 30 s"),
                    new DrillRecord("ann", "pelvic_tilts", T + 50 * 60_000, T + 52 * 60_000, 10, true, "done"),
                    // the next local day, only in a week's report
                    EpisodeRecord.of("ann", T + 86_400_000L, T + 86_400_000L + 60_000, PostureState.SLOUCHED)));
        }
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
