package io.spinewatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.live.Angle;
import io.spinewatch.posture.PostureState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The history store's behaviour, the same on every database: subclasses say which database. */
abstract class StoreContract {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    /** 08:00 Berlin time on DAY. */
    static final long EIGHT = DAY.atTime(8, 0).atZone(BERLIN).toInstant().toEpochMilli();
    static final long MIN = 60_000;

    DbLocation location;
    HistoryStore store;

    /** A fresh, empty database. */
    abstract DbLocation freshDatabase() throws Exception;

    /** Drops what {@link #freshDatabase()} made. */
    abstract void dropDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        location = freshDatabase();
        store = HistoryStore.open(location);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        dropDatabase();
    }

    static MinuteAggregate minute(String wearer, long startMs, double slouchedS, double lumbarMeanDeg) {
        Map<Angle, AngleStats> a = new EnumMap<>(Angle.class);
        a.put(Angle.LUMBAR_FLEXION, new AngleStats(lumbarMeanDeg, lumbarMeanDeg - 3, lumbarMeanDeg + 4));
        a.put(Angle.TRUNK_LEAN, new AngleStats(5, 1, 9));
        return new MinuteAggregate(wearer, startMs, Map.of("slouched", slouchedS, "upright", 60 - slouchedS), a);
    }

    @Nested
    class Migrations {
        @Test
        void bringTheSchemaToTheLatestVersion() throws SQLException {
            assertEquals(Migrator.latestVersion(), store.schemaVersion());
        }

        @Test
        void reapplyAsNoOpsAndKeepTheData() throws SQLException {
            store.write(List.of(EpisodeRecord.of("ann", EIGHT, EIGHT + MIN, PostureState.UPRIGHT)));
            try (Connection c = location.connect()) {
                assertEquals(0, Migrator.migrate(c));
                assertEquals(0, Migrator.migrate(c));
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                    r.next();
                    assertEquals(Migrator.SCRIPTS.size(), r.getInt(1));
                }
            }
            store.close();
            store = HistoryStore.open(location);
            assertEquals(1, store.episodes("ann", 0, Long.MAX_VALUE).size());
        }

        @Test
        void refuseAnAppliedScriptThatChanged() throws SQLException {
            try (Connection c = location.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE schema_version SET checksum = checksum + 1 WHERE version = 1");
                c.commit();
                SQLException e = assertThrows(SQLException.class, () -> Migrator.migrate(c));
                assertTrue(e.getMessage().contains("changed after it was applied"), e.getMessage());
            }
        }
    }

    @Nested
    class Writing {
        @Test
        void everyKindOfRecordReadsBackAsWritten() throws SQLException {
            EpisodeRecord ep = EpisodeRecord.of("ann", EIGHT, EIGHT + 5 * MIN, PostureState.SLOUCHED);
            AlertRecord al = new AlertRecord("ann", EIGHT + 30_000, "slouch", true, "slouched 30 s (posterior_pelvic_tilt)");
            AlertRecord held = new AlertRecord("ann", EIGHT + 90_000, "reminder", false, "quiet_window: \"lunch\"; 'ok'");
            DrillRecord dr = new DrillRecord("ann", "pelvic_tilts", EIGHT + 6 * MIN, EIGHT + 7 * MIN, 8, true, "done");
            MinuteAggregate m = minute("ann", EIGHT, 42.5, 17.25);
            store.write(List.of(new WearerZone("ann", BERLIN), ep, al, held, dr, m));
            assertEquals(List.of(ep), store.episodes("ann", EIGHT, EIGHT + MIN));
            assertEquals(List.of(al, held), store.alerts("ann", EIGHT, EIGHT + MIN * 60));
            assertEquals(List.of(dr), store.drills("ann", EIGHT, EIGHT + MIN * 60));
            assertEquals(List.of(m), store.minutes("ann", EIGHT, EIGHT + MIN));
            assertEquals(BERLIN, store.zone("ann").orElseThrow());
        }

        @Test
        void statesWithoutAColumnAreKeptAsOther() throws SQLException {
            store.write(List.of(new MinuteAggregate("ann", EIGHT, Map.of("drill", 20.0, "upright", 40.0), Map.of())));
            MinuteAggregate back = store.minutes("ann", 0, Long.MAX_VALUE).get(0);
            assertEquals(20.0, back.seconds("other"));
            assertEquals(40.0, back.seconds("upright"));
            assertTrue(back.angles().isEmpty());
        }

        @Test
        void aFailingBatchLeavesNothingBehind() throws SQLException {
            List<HistoryRecord> batch = List.of(EpisodeRecord.of("bob", EIGHT, EIGHT + MIN, PostureState.UPRIGHT),
                    new WearerZone("bob", BERLIN),
                    new AlertRecord("bob", EIGHT, "slouch", true, "r"));
            dropAlertTable();
            assertThrows(SQLException.class, () -> store.write(batch));
            assertTrue(store.episodes("bob", 0, Long.MAX_VALUE).isEmpty());
            assertTrue(store.zone("bob").isEmpty());
        }

        private void dropAlertTable() throws SQLException {
            try (Connection c = location.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE alert");
                c.commit();
            }
        }

        @Test
        void theLatestTimeOfAWearerIsTheLastEndAlertOrMinuteOfAnyKind() throws SQLException {
            assertTrue(store.latestMillis("ann").isEmpty());
            store.write(List.of(EpisodeRecord.of("ann", EIGHT, EIGHT + 5 * MIN, PostureState.SLOUCHED),
                    new AlertRecord("ann", EIGHT + 9 * MIN, "slouch", true, "r"),
                    minute("ann", EIGHT + 7 * MIN, 10, 20),
                    new DrillRecord("bob", "chin_tucks", EIGHT, EIGHT + 60 * MIN, 8, true, "done")));
            assertEquals(EIGHT + 9 * MIN, store.latestMillis("ann").getAsLong());
            store.write(List.of(new DrillRecord("ann", "chin_tucks", EIGHT + 9 * MIN, EIGHT + 11 * MIN, 8, true, "done")));
            assertEquals(EIGHT + 11 * MIN, store.latestMillis("ann").getAsLong());
            store.write(List.of(minute("ann", EIGHT + 12 * MIN, 10, 20)));
            assertEquals(EIGHT + 12 * MIN, store.latestMillis("ann").getAsLong());
            assertEquals(EIGHT + 60 * MIN, store.latestMillis("bob").getAsLong());
        }

        @Test
        void theLatestZoneWins() throws SQLException {
            store.write(List.of(new WearerZone("ann", BERLIN)));
            store.write(List.of(new WearerZone("ann", ZoneId.of("Asia/Tokyo"))));
            assertEquals(ZoneId.of("Asia/Tokyo"), store.zone("ann").orElseThrow());
            assertEquals(List.of("ann"), store.wearers());
        }
    }

    @Nested
    class DayBoundaries {
        @Test
        void totalsClipEpisodesToTheWearersLocalDay() throws SQLException {
            long midnight = HistoryStore.dayStartMillis(DAY.plusDays(1), BERLIN);
            store.write(List.of(new WearerZone("ann", BERLIN),
                    EpisodeRecord.of("ann", EIGHT, EIGHT + 10 * MIN, PostureState.SLOUCHED),
                    EpisodeRecord.of("ann", midnight - 5 * MIN, midnight + 7 * MIN, PostureState.SLOUCHED),
                    EpisodeRecord.of("ann", EIGHT + 10 * MIN, EIGHT + 30 * MIN, PostureState.UPRIGHT),
                    new AlertRecord("ann", EIGHT + MIN, "slouch", true, "r"),
                    new AlertRecord("ann", EIGHT + 2 * MIN, "reminder", false, "daily_budget: r"),
                    new AlertRecord("ann", midnight + MIN, "slouch", true, "next day"),
                    new DrillRecord("ann", "chin_tucks", EIGHT + 11 * MIN, EIGHT + 12 * MIN, 6, true, "done")));
            DayTotals t = store.dayTotals("ann", DAY);
            assertEquals(15 * 60.0, t.seconds("slouched"), 1e-9);
            assertEquals(20 * 60.0, t.seconds("upright"), 1e-9);
            assertEquals(2, t.alerts());
            assertEquals(1, t.alertsDelivered());
            assertEquals(1, t.drills());
            assertEquals(6, t.drillReps());
            DayTotals next = store.dayTotals("ann", DAY.plusDays(1));
            assertEquals(7 * 60.0, next.seconds("slouched"), 1e-9);
            assertEquals(1, next.alerts());
        }

        @Test
        void todayTotalsUseEachWearersZone() throws SQLException {
            // 23:30 UTC is already tomorrow in Tokyo but still today in UTC.
            long t = DAY.atTime(23, 30).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
            store.write(List.of(new WearerZone("tokyo", ZoneId.of("Asia/Tokyo")),
                    EpisodeRecord.of("tokyo", t - 10 * MIN, t, PostureState.SLOUCHED),
                    EpisodeRecord.of("utc", t - 10 * MIN, t, PostureState.SLOUCHED)));
            Map<String, DayTotals> today = store.todayTotals(Instant.ofEpochMilli(t));
            assertEquals(DAY.plusDays(1), today.get("tokyo").day());
            assertEquals(10 * 60.0, today.get("tokyo").seconds("slouched"), 1e-9);
            assertEquals(DAY, today.get("utc").day());
            assertEquals(10 * 60.0, today.get("utc").seconds("slouched"), 1e-9);
        }
    }

    @Nested
    class RetentionAndDeletion {
        @Test
        void pruneDropsWhatEndedBeforeTheCutoffAndKeepsTheRest() throws SQLException {
            long cutoff = EIGHT;
            store.write(List.of(
                    EpisodeRecord.of("ann", cutoff - 10 * MIN, cutoff - MIN, PostureState.UPRIGHT),
                    EpisodeRecord.of("ann", cutoff - MIN, cutoff + MIN, PostureState.SLOUCHED),
                    new AlertRecord("ann", cutoff - 1, "slouch", true, "old"),
                    new AlertRecord("ann", cutoff, "slouch", true, "kept"),
                    new DrillRecord("ann", "cat_cow", cutoff - 5 * MIN, cutoff - 4 * MIN, 5, false, "done"),
                    minute("ann", cutoff - 2 * MIN, 0, 3),
                    minute("ann", cutoff - MIN, 0, 3),
                    minute("ann", cutoff, 0, 3)));
            HistoryStore.Deleted d = store.pruneBefore(cutoff);
            assertEquals(new HistoryStore.Deleted(1, 1, 1, 2, 0), d);
            assertEquals(1, store.episodes("ann", 0, Long.MAX_VALUE).size());
            assertEquals("kept", store.alerts("ann", 0, Long.MAX_VALUE).get(0).reason());
            assertTrue(store.drills("ann", 0, Long.MAX_VALUE).isEmpty());
            assertEquals(cutoff, store.minutes("ann", 0, Long.MAX_VALUE).get(0).minuteStartMillis());
        }

        @Test
        void deletingAWearerRemovesAllOfTheirsAndNothingElse() throws SQLException {
            for (String w : List.of("ann", "bob")) {
                store.write(List.of(new WearerZone(w, BERLIN),
                        EpisodeRecord.of(w, EIGHT, EIGHT + MIN, PostureState.UPRIGHT),
                        new AlertRecord(w, EIGHT, "slouch", true, "r"),
                        new DrillRecord(w, "chin_tucks", EIGHT, EIGHT + MIN, 3, true, "done"),
                        minute(w, EIGHT, 10, 5)));
            }
            HistoryStore.Deleted d = store.deleteWearer("ann");
            assertEquals(new HistoryStore.Deleted(1, 1, 1, 1, 1), d);
            assertEquals(List.of("bob"), store.wearers());
            assertTrue(store.zone("ann").isEmpty());
            assertFalse(store.episodes("bob", 0, Long.MAX_VALUE).isEmpty());
            assertEquals(0, store.deleteWearer("ann").total());
        }
    }
}
