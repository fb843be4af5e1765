package io.spinewatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.live.Angle;
import io.spinewatch.posture.PostureState;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WearerHistoryTest {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final long T0 = LocalDate.of(2026, 3, 11).atTime(9, 0).atZone(ZONE).toInstant().toEpochMilli();

    @Nested
    class Feeding {
        @Test
        void aStreamOfInstantsBecomesEpisodesMinutesAndTotals(@TempDir Path dir) throws Exception {
            try (HistoryStore store = HistoryStore.open(TestDatabases.h2(dir))) {
                HistoryWriter writer = new HistoryWriter(store);
                WearerHistory h = new WearerHistory("ann", ZONE, writer);
                // 10 Hz for 3 minutes: 70 s upright, 80 s slouched, 30 s upright; no thoracic angle.
                for (int i = 0; i < 1800; i++) {
                    PostureState s = i < 700 || i >= 1500 ? PostureState.UPRIGHT : PostureState.SLOUCHED;
                    h.update(T0 + i * 100L, 0.1, s, s == PostureState.SLOUCHED ? 25 : 5, Double.NaN, 0, 3);
                }
                h.drill("chin_tucks", T0 + 150_000, T0 + 170_000, 6, true, "done");
                h.finish(T0 + 180_000);
                writer.close();
                assertEquals(ZONE, store.zone("ann").orElseThrow());
                List<EpisodeRecord> eps = store.episodes("ann", 0, Long.MAX_VALUE);
                assertEquals(List.of(new EpisodeRecord("ann", T0, T0 + 70_000, "upright"),
                        new EpisodeRecord("ann", T0 + 70_000, T0 + 150_000, "slouched"),
                        new EpisodeRecord("ann", T0 + 150_000, T0 + 180_000, "upright")), eps);
                List<MinuteAggregate> mins = store.minutes("ann", 0, Long.MAX_VALUE);
                assertEquals(3, mins.size());
                assertEquals(50, mins.get(1).seconds("slouched"), 1e-6);
                assertTrue(mins.get(0).angles().containsKey(Angle.LUMBAR_FLEXION));
                assertFalse(mins.get(0).angles().containsKey(Angle.THORACIC_FLEXION));
                DayTotals t = store.dayTotals("ann", LocalDate.of(2026, 3, 11));
                assertEquals(80, t.seconds("slouched"), 1e-9);
                assertEquals(100, t.seconds("upright"), 1e-9);
                assertEquals(1, t.drills());
            }
        }
    }
}
