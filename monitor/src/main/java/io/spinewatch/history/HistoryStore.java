package io.spinewatch.history;

import io.spinewatch.live.Angle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The history database over plain JDBC: writes batches of records in one transaction, answers the
 * queries reports, exports and a restarting monitor need, prunes and deletes. Opening applies the schema
 * migrations. One connection; methods are synchronized, so one store may serve the writer thread and a
 * reader, but the writer is meant to be its only writer.
 */
public final class HistoryStore implements AutoCloseable {
    /** The states with their own minute-aggregate column; any other state is added to {@code other}. */
    public static final List<String> MINUTE_STATES =
            List.of("calibrating", "upright", "slouched", "leaning", "standing", "walking", "no_signal", "other");

    private static final String[] ANGLE_COLUMNS = {"lumbar_flexion", "thoracic_flexion", "pelvic_tilt", "trunk_lean"};

    private final DbLocation location;
    private final Connection connection;

    private HistoryStore(DbLocation location, Connection connection) {
        this.location = location;
        this.connection = connection;
    }

    /** Connects and brings the schema up to date. */
    public static HistoryStore open(DbLocation location) throws SQLException {
        Connection c = location.connect();
        try {
            Migrator.migrate(c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return new HistoryStore(location, c);
    }

    public DbLocation location() {
        return location;
    }

    /** The schema version in the database. */
    public synchronized int schemaVersion() throws SQLException {
        return Migrator.currentVersion(connection);
    }

    /**
     * Writes the records in one transaction: all of them are stored, or (on an exception) none. A minute
     * aggregate whose wearer-minute is already stored, or comes twice in the batch, is merged into that one row
     * ({@link MinuteAggregate#merge}): a monitor restarted within a minute writes the minute in two parts.
     */
    public synchronized void write(List<? extends HistoryRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        try (PreparedStatement zoneUpdate = connection.prepareStatement("UPDATE wearer SET zone_id = ? WHERE wearer_id = ?");
             PreparedStatement zoneInsert = connection.prepareStatement("INSERT INTO wearer (wearer_id, zone_id) VALUES (?, ?)");
             PreparedStatement episode = connection.prepareStatement(
                     "INSERT INTO episode (wearer_id, start_ms, end_ms, state) VALUES (?, ?, ?, ?)");
             PreparedStatement alert = connection.prepareStatement(
                     "INSERT INTO alert (wearer_id, t_ms, kind, delivered, reason) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement drill = connection.prepareStatement(
                     "INSERT INTO drill (wearer_id, drill_id, start_ms, end_ms, reps, prompted, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            boolean episodes = false;
            boolean alerts = false;
            boolean drills = false;
            // Parts of one wearer-minute within the batch are merged first, so each is looked up once.
            Map<String, MinuteAggregate> minutes = new LinkedHashMap<>();
            for (HistoryRecord r : records) {
                if (r instanceof WearerZone z) {
                    // Rare, and the batch must see its own earlier rows: run these at once.
                    zoneUpdate.setString(1, z.zone().getId());
                    zoneUpdate.setString(2, z.wearerId());
                    if (zoneUpdate.executeUpdate() == 0) {
                        zoneInsert.setString(1, z.wearerId());
                        zoneInsert.setString(2, z.zone().getId());
                        zoneInsert.executeUpdate();
                    }
                } else if (r instanceof EpisodeRecord e) {
                    episode.setString(1, e.wearerId());
                    episode.setLong(2, e.startMillis());
                    episode.setLong(3, e.endMillis());
                    episode.setString(4, e.state());
                    episode.addBatch();
                    episodes = true;
                } else if (r instanceof AlertRecord a) {
                    alert.setString(1, a.wearerId());
                    alert.setLong(2, a.tMillis());
                    alert.setString(3, a.kind());
                    alert.setBoolean(4, a.delivered());
                    alert.setString(5, a.reason());
                    alert.addBatch();
                    alerts = true;
                } else if (r instanceof DrillRecord d) {
                    drill.setString(1, d.wearerId());
                    drill.setString(2, d.drillId());
                    drill.setLong(3, d.startMillis());
                    drill.setLong(4, d.endMillis());
                    drill.setInt(5, d.reps());
                    drill.setBoolean(6, d.prompted());
                    drill.setString(7, d.outcome());
                    drill.addBatch();
                    drills = true;
                } else if (r instanceof MinuteAggregate m) {
                    minutes.merge(m.minuteStartMillis() + " " + m.wearerId(), m, MinuteAggregate::merge);
                }
            }
            if (episodes) {
                episode.executeBatch();
            }
            if (alerts) {
                alert.executeBatch();
            }
            if (drills) {
                drill.executeBatch();
            }
            if (!minutes.isEmpty()) {
                writeMinutes(minutes.values());
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            throw e;
        }
    }

    /**
     * Inserts each minute, or merges it into the stored row of its wearer-minute. The row is read
     * {@code FOR UPDATE}, so a second writer of the same wearer-minute waits for this transaction. Two writers
     * inserting the same new wearer-minute at once: the unique constraint fails the later batch, which the
     * writer rolls back and retries, and the retry finds the row and merges.
     */
    private void writeMinutes(Iterable<MinuteAggregate> minutes) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement("SELECT " + minuteColumns()
                     + " FROM minute_aggregate WHERE wearer_id = ? AND minute_ms = ? FOR UPDATE");
             PreparedStatement insert = connection.prepareStatement(minuteInsertSql());
             PreparedStatement update = connection.prepareStatement(minuteUpdateSql())) {
            boolean inserts = false;
            boolean updates = false;
            for (MinuteAggregate m : minutes) {
                find.setString(1, m.wearerId());
                find.setLong(2, m.minuteStartMillis());
                MinuteAggregate stored = null;
                try (ResultSet r = find.executeQuery()) {
                    if (r.next()) {
                        stored = readMinute(m.wearerId(), r);
                    }
                }
                if (stored == null) {
                    bindMinute(insert, m);
                    insert.addBatch();
                    inserts = true;
                } else {
                    MinuteAggregate merged = MinuteAggregate.merge(stored, m);
                    int col = bindMinuteValues(update, 1, merged);
                    update.setString(col++, m.wearerId());
                    update.setLong(col, m.minuteStartMillis());
                    update.addBatch();
                    updates = true;
                }
            }
            if (inserts) {
                insert.executeBatch();
            }
            if (updates) {
                update.executeBatch();
            }
        }
    }

    /** The value columns of a minute: seconds per state, then each angle's mean, min, max and measured seconds. */
    private static List<String> minuteValueColumns() {
        List<String> cols = new ArrayList<>();
        for (String s : MINUTE_STATES) {
            cols.add(s + "_s");
        }
        for (String a : ANGLE_COLUMNS) {
            cols.addAll(List.of(a + "_mean_deg", a + "_min_deg", a + "_max_deg", a + "_measured_s"));
        }
        return cols;
    }

    private static String minuteColumns() {
        return "minute_ms, " + String.join(", ", minuteValueColumns());
    }

    private static String minuteInsertSql() {
        List<String> cols = minuteValueColumns();
        return "INSERT INTO minute_aggregate (wearer_id, minute_ms, " + String.join(", ", cols) + ") VALUES (?, ?"
                + ", ?".repeat(cols.size()) + ")";
    }

    private static String minuteUpdateSql() {
        return "UPDATE minute_aggregate SET " + String.join(" = ?, ", minuteValueColumns())
                + " = ? WHERE wearer_id = ? AND minute_ms = ?";
    }

    private static void bindMinute(PreparedStatement p, MinuteAggregate m) throws SQLException {
        p.setString(1, m.wearerId());
        p.setLong(2, m.minuteStartMillis());
        bindMinuteValues(p, 3, m);
    }

    /** Binds the value columns from parameter {@code col} on; returns the next parameter index. */
    private static int bindMinuteValues(PreparedStatement p, int col, MinuteAggregate m) throws SQLException {
        double other = 0;
        for (Map.Entry<String, Double> e : m.secondsByState().entrySet()) {
            int i = MINUTE_STATES.indexOf(e.getKey());
            if (i < 0 || e.getKey().equals("other")) {
                other += e.getValue();
            }
        }
        for (String s : MINUTE_STATES) {
            p.setDouble(col++, s.equals("other") ? other : m.seconds(s));
        }
        for (Angle a : Angle.values()) {
            AngleStats st = m.angles().get(a);
            if (st == null) {
                for (int k = 0; k < 4; k++) {
                    p.setNull(col++, Types.DOUBLE);
                }
            } else {
                p.setDouble(col++, st.meanDeg());
                p.setDouble(col++, st.minDeg());
                p.setDouble(col++, st.maxDeg());
                p.setDouble(col++, st.measuredSeconds());
            }
        }
        return col;
    }

    /** A row of {@link #minuteColumns()} as an aggregate. */
    private static MinuteAggregate readMinute(String wearerId, ResultSet r) throws SQLException {
        int col = 1;
        long minute = r.getLong(col++);
        Map<String, Double> seconds = new LinkedHashMap<>();
        double total = 0;
        for (String s : MINUTE_STATES) {
            double v = r.getDouble(col++);
            if (v > 0) {
                seconds.put(s, v);
                total += v;
            }
        }
        Map<Angle, AngleStats> angles = new EnumMap<>(Angle.class);
        for (Angle a : Angle.values()) {
            double mean = r.getDouble(col++);
            boolean none = r.wasNull();
            double min = r.getDouble(col++);
            double max = r.getDouble(col++);
            double measured = r.getDouble(col++);
            // NULL: a row from schema version 1, which kept no weight; its seconds in states are the weight (as in V2).
            if (r.wasNull()) {
                measured = total;
            }
            if (!none) {
                angles.put(a, new AngleStats(mean, min, max, measured));
            }
        }
        return new MinuteAggregate(wearerId, minute, seconds, angles);
    }

    /** Episodes of the wearer overlapping {@code [fromMillis, toMillis)}, by start time (not clipped). */
    public synchronized List<EpisodeRecord> episodes(String wearerId, long fromMillis, long toMillis) throws SQLException {
        return rows("SELECT start_ms, end_ms, state FROM episode WHERE wearer_id = ? AND start_ms < ? AND end_ms > ? "
                + "ORDER BY start_ms, id", wearerId, toMillis, fromMillis,
                r -> new EpisodeRecord(wearerId, r.getLong(1), r.getLong(2), r.getString(3)));
    }

    /** Alerts of the wearer at times in {@code [fromMillis, toMillis)}, by time. */
    public synchronized List<AlertRecord> alerts(String wearerId, long fromMillis, long toMillis) throws SQLException {
        return rows("SELECT t_ms, kind, delivered, reason FROM alert WHERE wearer_id = ? AND t_ms >= ? AND t_ms < ? "
                + "ORDER BY t_ms, id", wearerId, fromMillis, toMillis,
                r -> new AlertRecord(wearerId, r.getLong(1), r.getString(2), r.getBoolean(3), r.getString(4)));
    }

    /** Drills of the wearer started in {@code [fromMillis, toMillis)}, by start time. */
    public synchronized List<DrillRecord> drills(String wearerId, long fromMillis, long toMillis) throws SQLException {
        return rows("SELECT drill_id, start_ms, end_ms, reps, prompted, outcome FROM drill WHERE wearer_id = ? "
                + "AND start_ms >= ? AND start_ms < ? ORDER BY start_ms, id", wearerId, fromMillis, toMillis,
                r -> new DrillRecord(wearerId, r.getString(1), r.getLong(2), r.getLong(3), r.getInt(4), r.getBoolean(5),
                        r.getString(6)));
    }

    /** Minute aggregates of the wearer for minutes starting in {@code [fromMillis, toMillis)}, by minute: one per minute. */
    public synchronized List<MinuteAggregate> minutes(String wearerId, long fromMillis, long toMillis) throws SQLException {
        return rows("SELECT " + minuteColumns() + " FROM minute_aggregate WHERE wearer_id = ? AND minute_ms >= ? "
                + "AND minute_ms < ? ORDER BY minute_ms", wearerId, fromMillis, toMillis, r -> readMinute(wearerId, r));
    }

    /** Reads one row of a query into a record. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet r) throws SQLException;
    }

    /** The rows of {@code sql}, whose parameters are the wearer and two times in the order the query names them. */
    private <T> List<T> rows(String sql, String wearerId, long firstMillis, long secondMillis, RowReader<T> reader)
            throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, wearerId);
            p.setLong(2, firstMillis);
            p.setLong(3, secondMillis);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(reader.read(r));
                }
            }
        } finally {
            endRead();
        }
        return out;
    }

    /** The wearer's stored zone, if one was written. */
    public synchronized Optional<ZoneId> zone(String wearerId) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT zone_id FROM wearer WHERE wearer_id = ?")) {
            p.setString(1, wearerId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(ZoneId.of(r.getString(1)));
                } catch (DateTimeException e) {
                    return Optional.empty();
                }
            }
        } finally {
            endRead();
        }
    }

    /**
     * The latest time stored for the wearer (an episode's or drill's end, an alert, a minute's start), empty when
     * nothing is: where a restarted monitor's timeline must begin so that nothing it writes overlaps.
     */
    public synchronized OptionalLong latestMillis(String wearerId) throws SQLException {
        long latest = Long.MIN_VALUE;
        boolean any = false;
        for (String sql : new String[] {"SELECT MAX(end_ms) FROM episode WHERE wearer_id = ?",
                "SELECT MAX(t_ms) FROM alert WHERE wearer_id = ?", "SELECT MAX(end_ms) FROM drill WHERE wearer_id = ?",
                "SELECT MAX(minute_ms) FROM minute_aggregate WHERE wearer_id = ?"}) {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                p.setString(1, wearerId);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        long v = r.getLong(1);
                        if (!r.wasNull()) {
                            any = true;
                            latest = Math.max(latest, v);
                        }
                    }
                }
            } finally {
                endRead();
            }
        }
        return any ? OptionalLong.of(latest) : OptionalLong.empty();
    }

    /** The wearer's zone, or UTC when none was written. */
    public ZoneId zoneOrUtc(String wearerId) throws SQLException {
        return zone(wearerId).orElse(ZoneOffset.UTC);
    }

    /** Every wearer with any stored data or zone, sorted. */
    public synchronized List<String> wearers() throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT wearer_id FROM wearer UNION SELECT wearer_id FROM episode "
                + "UNION SELECT wearer_id FROM alert UNION SELECT wearer_id FROM drill UNION SELECT wearer_id FROM minute_aggregate "
                + "ORDER BY 1");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        } finally {
            endRead();
        }
        return out;
    }

    /** UTC millis of the start of {@code day} in {@code zone}. */
    public static long dayStartMillis(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The wearer's totals for one local day in their stored zone (UTC when none). */
    public DayTotals dayTotals(String wearerId, LocalDate day) throws SQLException {
        return dayTotals(wearerId, day, zoneOrUtc(wearerId));
    }

    /** The wearer's totals for one local day in {@code zone}: episode time clipped to the day, alerts and drills in it. */
    public synchronized DayTotals dayTotals(String wearerId, LocalDate day, ZoneId zone) throws SQLException {
        long from = dayStartMillis(day, zone);
        long to = dayStartMillis(day.plusDays(1), zone);
        Map<String, Double> seconds = new LinkedHashMap<>();
        int alerts = 0;
        int delivered = 0;
        int drills = 0;
        int reps = 0;
        try {
            try (PreparedStatement p = connection.prepareStatement("SELECT state, SUM(LEAST(end_ms, ?) - GREATEST(start_ms, ?)) "
                    + "FROM episode WHERE wearer_id = ? AND start_ms < ? AND end_ms > ? GROUP BY state ORDER BY MIN(start_ms)")) {
                p.setLong(1, to);
                p.setLong(2, from);
                p.setString(3, wearerId);
                p.setLong(4, to);
                p.setLong(5, from);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        seconds.put(r.getString(1), r.getLong(2) / 1000.0);
                    }
                }
            }
            try (PreparedStatement p = connection.prepareStatement("SELECT COUNT(*), "
                    + "COALESCE(SUM(CASE WHEN delivered THEN 1 ELSE 0 END), 0) FROM alert WHERE wearer_id = ? AND t_ms >= ? AND t_ms < ?")) {
                p.setString(1, wearerId);
                p.setLong(2, from);
                p.setLong(3, to);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    alerts = r.getInt(1);
                    delivered = r.getInt(2);
                }
            }
            try (PreparedStatement p = connection.prepareStatement("SELECT COUNT(*), COALESCE(SUM(reps), 0) FROM drill "
                    + "WHERE wearer_id = ? AND start_ms >= ? AND start_ms < ?")) {
                p.setString(1, wearerId);
                p.setLong(2, from);
                p.setLong(3, to);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    drills = r.getInt(1);
                    reps = r.getInt(2);
                }
            }
        } finally {
            endRead();
        }
        return new DayTotals(wearerId, day, zone, seconds, alerts, delivered, drills, reps);
    }

    /**
     * Every wearer's totals for the local day that contains {@code now} in that wearer's zone: what a
     * restarting monitor resumes its daily counters from.
     */
    public Map<String, DayTotals> todayTotals(Instant now) throws SQLException {
        Map<String, DayTotals> out = new LinkedHashMap<>();
        for (String w : wearers()) {
            ZoneId z = zoneOrUtc(w);
            out.put(w, dayTotals(w, LocalDate.ofInstant(now, z), z));
        }
        return out;
    }

    /** Rows removed by a prune or a deletion, per table. */
    public record Deleted(long episodes, long alerts, long drills, long minutes, long wearers) {
        public long total() {
            return episodes + alerts + drills + minutes + wearers;
        }
    }

    /**
     * Deletes everything that ended before {@code cutoffMillis} (episodes and drills by their end, alerts
     * by their time, minutes by their start), in one transaction.
     */
    public synchronized Deleted pruneBefore(long cutoffMillis) throws SQLException {
        try {
            long e = deleteWhere("DELETE FROM episode WHERE end_ms < ?", cutoffMillis);
            long a = deleteWhere("DELETE FROM alert WHERE t_ms < ?", cutoffMillis);
            long d = deleteWhere("DELETE FROM drill WHERE end_ms < ?", cutoffMillis);
            long m = deleteWhere("DELETE FROM minute_aggregate WHERE minute_ms < ?", cutoffMillis - MinuteAggregate.MINUTE_MILLIS + 1);
            connection.commit();
            return new Deleted(e, a, d, m, 0);
        } catch (SQLException | RuntimeException ex) {
            rollbackQuietly(ex);
            throw ex;
        }
    }

    /** Deletes every row of the wearer, zone included, in one transaction. */
    public synchronized Deleted deleteWearer(String wearerId) throws SQLException {
        try {
            long e = deleteWhere("DELETE FROM episode WHERE wearer_id = ?", wearerId);
            long a = deleteWhere("DELETE FROM alert WHERE wearer_id = ?", wearerId);
            long d = deleteWhere("DELETE FROM drill WHERE wearer_id = ?", wearerId);
            long m = deleteWhere("DELETE FROM minute_aggregate WHERE wearer_id = ?", wearerId);
            long w = deleteWhere("DELETE FROM wearer WHERE wearer_id = ?", wearerId);
            connection.commit();
            return new Deleted(e, a, d, m, w);
        } catch (SQLException | RuntimeException ex) {
            rollbackQuietly(ex);
            throw ex;
        }
    }

    private long deleteWhere(String sql, Object arg) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setObject(1, arg);
            return p.executeLargeUpdate();
        }
    }

    /** Ends a read-only transaction so the next read sees fresh data and PostgreSQL holds no snapshot. */
    private void endRead() throws SQLException {
        connection.commit();
    }

    private void rollbackQuietly(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }

    @Override
    public String toString() {
        return "HistoryStore[" + location + "]";
    }
}
