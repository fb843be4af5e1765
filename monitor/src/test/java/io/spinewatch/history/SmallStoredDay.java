package io.spinewatch.history;

import io.spinewatch.posture.PostureState;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A small stored day for command tests (report, export, the report page): ann in New York, 20 min upright, 25 min
 * slouched with one alert, one drill, and one slouched minute on the next local day.
 */
public final class SmallStoredDay {
    public static final ZoneId ZONE = ZoneId.of("America/New_York");
    public static final LocalDate DAY = LocalDate.of(2026, 7, 1);
    /** 09:00 of {@link #DAY} in {@link #ZONE}, UTC epoch ms. */
    public static final long T = DAY.atTime(9, 0).atZone(ZONE).toInstant().toEpochMilli();

    private SmallStoredDay() {
    }

    /** Writes the day into a new H2 file in {@code dir}; returns its {@code --db} value. */
    public static String store(Path dir) throws SQLException {
        Path file = dir.resolve("h");
        try (HistoryStore s = HistoryStore.open(DbLocation.h2(file))) {
            s.write(List.of(new WearerZone("ann", ZONE),
                    EpisodeRecord.of("ann", T, T + 20 * 60_000, PostureState.UPRIGHT),
                    EpisodeRecord.of("ann", T + 20 * 60_000, T + 45 * 60_000, PostureState.SLOUCHED),
                    new AlertRecord("ann", T + 21 * 60_000, "slouch", true, "slouched 30 s"),
                    new DrillRecord("ann", "pelvic_tilts", T + 50 * 60_000, T + 52 * 60_000, 10, true, "done"),
                    // the next local day, only in a week's report and a two-day export
                    EpisodeRecord.of("ann", T + 86_400_000L, T + 86_400_000L + 60_000, PostureState.SLOUCHED)));
        }
        return "h2:" + file;
    }
}
