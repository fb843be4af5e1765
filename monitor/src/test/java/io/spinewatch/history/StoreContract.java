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
        a.put(Angle.LUMBAR_FLEXION, new AngleStats(lumbarMeanDeg, lumbarMeanDeg - 3, lumbarMeanDeg + 4, 60));
        a.put(Angle.TRUNK_LEAN, new AngleStats(5, 1, 9, 45));
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

    /** Part of a minute: seconds per state, and lumbar flexion and trunk lean as {mean, min, max, measured s} or null. */
    static MinuteAggregate part(String wearer, long startMs, Map<String, Double> seconds, double[] lumbar, double[] trunk) {
        Map<Angle, AngleStats> a = new EnumMap<>(Angle.class);
        if (lumbar != null) {
            a.put(Angle.LUMBAR_FLEXION, new AngleStats(lumbar[0], lumbar[1], lumbar[2], lumbar[3]));
        }
        if (trunk != null) {
            a.put(Angle.TRUNK_LEAN, new AngleStats(trunk[0], trunk[1], trunk[2], trunk[3]));
        }
        return new MinuteAggregate(wearer, startMs, seconds, a);
    }

    /** 30 s: 20 upright, 10 slouched; lumbar 10 deg (5..15) over all 30 s; trunk lean 2 deg (1..3) over 30 s. */
    static final MinuteAggregate FIRST_PART = part("ann", EIGHT, Map.of("upright", 20.0, "slouched", 10.0),
            new double[] {10, 5, 15, 30}, new double[] {2, 1, 3, 30});
    /** 30 s: 25 slouched, 5 in a state without a column; lumbar 20 deg (8..40) over 20 s only; no trunk lean. */
    static final MinuteAggregate SECOND_PART = part("ann", EIGHT, Map.of("slouched", 25.0, "drill", 5.0),
            new double[] {20, 8, 40, 20}, null);

    static void assertTheMergedMinute(MinuteAggregate m) {
        assertEquals(EIGHT, m.minuteStartMillis());
        assertEquals(20, m.seconds("upright"), 1e-9);
        assertEquals(35, m.seconds("slouched"), 1e-9);
        assertEquals(5, m.seconds("other"), 1e-9);
        AngleStats lumbar = m.angles().get(Angle.LUMBAR_FLEXION);
        assertEquals((10 * 30 + 20 * 20) / 50.0, lumbar.meanDeg(), 1e-9, "weighted by the seconds each part measured it");
        assertEquals(5, lumbar.minDeg(), 1e-9);
        assertEquals(40, lumbar.maxDeg(), 1e-9);
        assertEquals(50, lumbar.measuredSeconds(), 1e-9);
        assertEquals(new AngleStats(2, 1, 3, 30), m.angles().get(Angle.TRUNK_LEAN), "measured by one part only");
        assertFalse(m.angles().containsKey(Angle.PELVIC_TILT), "measured by neither part");
    }

    /** Rows stored for the wearer-minute, counted in SQL (the reading methods could hide a duplicate). */
    long rowsOf(String wearer, long minuteMs) throws SQLException {
        try (Connection c = location.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM minute_aggregate WHERE wearer_id = '" + wearer
                     + "' AND minute_ms = " + minuteMs)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Nested
    class SplitMinutes {
        @Test
        void partsWrittenInSeparateBatchesAreOneRow() throws SQLException {
            store.write(List.of(FIRST_PART));
            store.write(List.of(SECOND_PART));
            List<MinuteAggregate> back = store.minutes("ann", 0, Long.MAX_VALUE);
            assertEquals(1, back.size(), back.toString());
            assertTheMergedMinute(back.get(0));
            assertEquals(1, rowsOf("ann", EIGHT));
        }

        @Test
        void partsInOneBatchAreOneRow() throws SQLException {
            store.write(List.of(FIRST_PART, minute("bob", EIGHT, 10, 3), SECOND_PART));
            assertTheMergedMinute(store.minutes("ann", 0, Long.MAX_VALUE).get(0));
            assertEquals(1, rowsOf("ann", EIGHT));
            assertEquals(List.of(minute("bob", EIGHT, 10, 3)), store.minutes("bob", 0, Long.MAX_VALUE), "another wearer's minute apart");
        }

        @Test
        void aThirdPartMergesWithTheStoredTwo() throws SQLException {
            MinuteAggregate third = part("ann", EIGHT, Map.of("upright", 0.0), new double[] {50, 50, 50, 0}, null);
            store.write(List.of(FIRST_PART));
            store.write(List.of(SECOND_PART, third));
            MinuteAggregate m = store.minutes("ann", 0, Long.MAX_VALUE).get(0);
            AngleStats lumbar = m.angles().get(Angle.LUMBAR_FLEXION);
            assertEquals(14, lumbar.meanDeg(), 1e-9, "a part measured for 0 s does not move the mean");
            assertEquals(50, lumbar.maxDeg(), 1e-9, "but its extremes count");
            assertEquals(1, rowsOf("ann", EIGHT));
        }

        @Test
        void overlappingPartsAreScaledBackToAMinute() throws SQLException {
            store.write(List.of(part("ann", EIGHT, Map.of("upright", 60.0), new double[] {4, 4, 4, 60}, null)));
            store.write(List.of(part("ann", EIGHT, Map.of("slouched", 30.0), new double[] {10, 10, 10, 30}, null)));
            MinuteAggregate m = store.minutes("ann", 0, Long.MAX_VALUE).get(0);
            assertEquals(40, m.seconds("upright"), 1e-9);
            assertEquals(20, m.seconds("slouched"), 1e-9);
            assertEquals(6, m.angles().get(Angle.LUMBAR_FLEXION).meanDeg(), 1e-9);
            assertEquals(60, m.angles().get(Angle.LUMBAR_FLEXION).measuredSeconds(), 1e-9);
        }

        @Test
        void aMonitorRestartedWithinAMinuteLeavesOneRowPerMinute() throws Exception {
            // 08:00:00 to 08:00:25 at 10 Hz, a clean shutdown, then a new monitor from 08:00:25 to 08:01:30.
            HistoryWriter first = new HistoryWriter(store);
            WearerHistory before = new WearerHistory("ann", BERLIN, first);
            for (int i = 0; i < 250; i++) {
                before.update(EIGHT + i * 100L, 0.1, PostureState.UPRIGHT, 10, 20, Double.NaN, 5);
            }
            before.finish(EIGHT + 25_000);
            first.close();
            HistoryWriter second = new HistoryWriter(store);
            WearerHistory after = new WearerHistory("ann", BERLIN, second);
            for (int i = 250; i < 900; i++) {
                after.update(EIGHT + i * 100L, 0.1, PostureState.SLOUCHED, 30, 20, Double.NaN, 5);
            }
            after.finish(EIGHT + 90_000);
            second.close();
            List<MinuteAggregate> back = store.minutes("ann", 0, Long.MAX_VALUE);
            assertEquals(List.of(EIGHT, EIGHT + MIN), back.stream().map(MinuteAggregate::minuteStartMillis).toList());
            MinuteAggregate m = back.get(0);
            assertEquals(25, m.seconds("upright"), 1e-6);
            assertEquals(35, m.seconds("slouched"), 1e-6);
            assertEquals((10 * 25 + 30 * 35) / 60.0, m.angles().get(Angle.LUMBAR_FLEXION).meanDeg(), 1e-6);
            assertEquals(60, m.angles().get(Angle.LUMBAR_FLEXION).measuredSeconds(), 1e-6);
            assertFalse(m.angles().containsKey(Angle.PELVIC_TILT));
            assertEquals(1, rowsOf("ann", EIGHT));
            assertEquals(30, back.get(1).seconds("slouched"), 1e-6);
        }

        @Test
        void theDatabaseRefusesASecondRowForAWearerMinute() throws SQLException {
            store.write(List.of(FIRST_PART));
            try (Connection c = location.connect(); Statement s = c.createStatement()) {
                assertThrows(SQLException.class, () -> s.executeUpdate(v1Row("ann", EIGHT, 30, 0, 0, 1, null)));
                c.rollback();
            }
        }
    }

    /**
     * A version 1 row (no measured seconds): upright and slouched seconds, lumbar flexion mean/min/max, trunk
     * lean mean/min/max or null.
     */
    static String v1Row(String wearer, long minuteMs, double uprightS, double slouchedS, double lumbarMean,
                        double lumbarMin, double[] trunk) {
        String t = trunk == null ? "NULL, NULL, NULL" : trunk[0] + ", " + trunk[1] + ", " + trunk[2];
        return "INSERT INTO minute_aggregate (wearer_id, minute_ms, calibrating_s, upright_s, slouched_s, leaning_s, "
                + "standing_s, walking_s, no_signal_s, other_s, lumbar_flexion_mean_deg, lumbar_flexion_min_deg, "
                + "lumbar_flexion_max_deg, trunk_lean_mean_deg, trunk_lean_min_deg, trunk_lean_max_deg) VALUES ('" + wearer
                + "', " + minuteMs + ", 0, " + uprightS + ", " + slouchedS + ", 0, 0, 0, 0, 0, " + lumbarMean + ", "
                + lumbarMin + ", " + (lumbarMean + 10) + ", " + t + ")";
    }

    @Nested
    class MigrationToOneRowPerMinute {
        @Test
        void duplicatesStoredBeforeVersion2AreMergedAndThePairMadeUnique() throws SQLException {
            store.close();
            try (Connection c = location.connect()) {
                try (Statement s = c.createStatement()) {
                    for (String t : List.of("minute_aggregate", "drill", "alert", "episode", "wearer", "schema_version")) {
                        s.execute("DROP TABLE " + t);
                    }
                }
                c.commit();
                assertEquals(1, Migrator.migrate(c, 1));
                assertEquals(1, Migrator.currentVersion(c));
                try (Statement s = c.createStatement()) {
                    // ann 08:00 in parts of 40 s and 20 s, as version 1 wrote a restart; 08:01 once.
                    s.executeUpdate(v1Row("ann", EIGHT, 40, 0, 10, 5, null));
                    s.executeUpdate(v1Row("ann", EIGHT, 0, 20, 20, 8, new double[] {3, 1, 9}));
                    s.executeUpdate(v1Row("ann", EIGHT + MIN, 15, 45, 12, 2, new double[] {4, 4, 4}));
                    // bob 08:00 three times, 40 s each: overlapping parts, 120 s in all.
                    s.executeUpdate(v1Row("bob", EIGHT, 40, 0, 0, 0, null));
                    s.executeUpdate(v1Row("bob", EIGHT, 0, 40, 10, 0, null));
                    s.executeUpdate(v1Row("bob", EIGHT, 40, 0, 20, 0, null));
                }
                c.commit();
                assertEquals(Migrator.SCRIPTS.size() - 1, Migrator.migrate(c));
            }
            store = HistoryStore.open(location);
            assertEquals(Migrator.latestVersion(), store.schemaVersion());
            assertEquals(1, rowsOf("ann", EIGHT));
            assertEquals(1, rowsOf("bob", EIGHT));

            List<MinuteAggregate> ann = store.minutes("ann", 0, Long.MAX_VALUE);
            assertEquals(2, ann.size());
            MinuteAggregate m = ann.get(0);
            assertEquals(40, m.seconds("upright"), 1e-9);
            assertEquals(20, m.seconds("slouched"), 1e-9);
            AngleStats lumbar = m.angles().get(Angle.LUMBAR_FLEXION);
            assertEquals((10 * 40 + 20 * 20) / 60.0, lumbar.meanDeg(), 1e-9, "version 1 rows weigh by their seconds in states");
            assertEquals(5, lumbar.minDeg(), 1e-9);
            assertEquals(30, lumbar.maxDeg(), 1e-9);
            assertEquals(60, lumbar.measuredSeconds(), 1e-9);
            assertEquals(new AngleStats(3, 1, 9, 20), m.angles().get(Angle.TRUNK_LEAN));
            assertFalse(m.angles().containsKey(Angle.THORACIC_FLEXION), "NULL in both rows stays NULL");
            // The same rule as the store's: the migration's row equals MinuteAggregate.merge of the two parts.
            MinuteAggregate javaMerge = MinuteAggregate.merge(
                    part("ann", EIGHT, Map.of("upright", 40.0), new double[] {10, 5, 20, 40}, null),
                    part("ann", EIGHT, Map.of("slouched", 20.0), new double[] {20, 8, 30, 20}, new double[] {3, 1, 9, 20}));
            assertEquals(javaMerge, m);
            MinuteAggregate single = ann.get(1);
            assertEquals(new AngleStats(12, 2, 22, 60), single.angles().get(Angle.LUMBAR_FLEXION),
                    "a single row keeps its values; read with the weight of its seconds in states");
            try (Connection c = location.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT lumbar_flexion_measured_s FROM minute_aggregate WHERE wearer_id = 'ann' "
                         + "AND minute_ms = " + (EIGHT + MIN))) {
                r.next();
                r.getDouble(1);
                assertTrue(r.wasNull(), "a single version 1 row is not rewritten");
            }
            assertEquals(new AngleStats(4, 4, 4, 60), single.angles().get(Angle.TRUNK_LEAN));

            MinuteAggregate bob = store.minutes("bob", 0, Long.MAX_VALUE).get(0);
            assertEquals(40, bob.seconds("upright"), 1e-9, "120 s scaled back to 60");
            assertEquals(20, bob.seconds("slouched"), 1e-9);
            assertEquals(10, bob.angles().get(Angle.LUMBAR_FLEXION).meanDeg(), 1e-9);
            assertEquals(60, bob.angles().get(Angle.LUMBAR_FLEXION).measuredSeconds(), 1e-9);

            // And from now on a part merges into the migrated row.
            store.write(List.of(part("bob", EIGHT + MIN, Map.of("upright", 10.0), null, null),
                    part("ann", EIGHT + MIN, Map.of("upright", 0.0), new double[] {0, 0, 0, 0}, null)));
            assertEquals(0, store.minutes("ann", 0, Long.MAX_VALUE).get(1).angles().get(Angle.LUMBAR_FLEXION).minDeg(), 1e-9);
            assertEquals(1, rowsOf("ann", EIGHT + MIN));
            try (Connection c = location.connect(); Statement s = c.createStatement()) {
                assertThrows(SQLException.class, () -> s.executeUpdate(v1Row("ann", EIGHT, 1, 0, 0, 0, null)),
                        "the unique constraint");
                c.rollback();
            }
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
