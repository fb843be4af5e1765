package io.spinewatch.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

/**
 * Brings a history database up to the newest schema: the numbered scripts
 * {@code db/migration/V<n>__<what>.sql} run in order, each in its own transaction together with its row in
 * {@code schema_version}, so a script runs once; running the migrator again changes nothing. A script
 * that was changed after it ran is refused (its checksum no longer matches). PostgreSQL rolls back a
 * failed script entirely; H2 commits DDL statement by statement, so there a failure needs a manual look.
 *
 * <p>Monitors starting together against one database must not both run a script. On PostgreSQL every
 * migration transaction first takes the transaction-level advisory lock {@link #PG_LOCK_KEY}, and only then
 * reads whether its script is applied, so the second monitor waits and then finds it done. An embedded H2
 * file is held by one process (H2's file lock refuses a second), so only threads of this JVM can race:
 * they are serialised by a lock per database URL.
 */
public final class Migrator {
    /** The scripts, oldest first; a new schema version appends one line here and one file. */
    static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__merge_split_minutes.sql");

    /**
     * Key of the PostgreSQL advisory lock held by each migration transaction: the ASCII bytes of
     * {@code "spinewat"} as one big-endian 64-bit number, 0x7370696E65776174 = {@value}. Advisory locks are
     * per database, so monitors on different schemas of one database also take turns (harmlessly).
     */
    public static final long PG_LOCK_KEY = 0x7370_696E_6577_6174L;

    /** Serialises migrations of one H2 database within this JVM, by JDBC URL. */
    private static final ConcurrentMap<String, ReentrantLock> H2_LOCKS = new ConcurrentHashMap<>();

    /** One script: its version, file name and statements. */
    record Script(int version, String file, List<String> statements, long checksum) {
    }

    private Migrator() {
    }

    /** The newest schema version this build knows. */
    public static int latestVersion() {
        return scripts().get(scripts().size() - 1).version();
    }

    /**
     * Applies every script newer than the database's version; returns how many ran.
     *
     * @throws SQLException if a script fails or an applied script's checksum changed
     */
    public static int migrate(Connection c) throws SQLException {
        return migrate(c, latestVersion());
    }

    /** Applies the scripts up to {@code upToVersion} only: how a test builds a database of an older version. */
    static int migrate(Connection c, int upToVersion) throws SQLException {
        boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        if (postgres) {
            return migrateLocked(c, true, upToVersion);
        }
        ReentrantLock lock = H2_LOCKS.computeIfAbsent(c.getMetaData().getURL(), url -> new ReentrantLock());
        lock.lock();
        try {
            return migrateLocked(c, false, upToVersion);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a migration transaction: on PostgreSQL waits for the advisory lock, which the transaction's commit or
     * rollback releases. What the transaction reads after this is what the previous holder committed.
     */
    private static void lock(Connection c, boolean postgres) throws SQLException {
        if (postgres) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + PG_LOCK_KEY + ")");
            }
        }
    }

    private static int migrateLocked(Connection c, boolean postgres, int upToVersion) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            lock(c, postgres);
            try (Statement s = c.createStatement()) {
                // Concurrent CREATE TABLE IF NOT EXISTS can still fail on PostgreSQL: the lock is taken first.
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                        + "script VARCHAR(200) NOT NULL, checksum BIGINT NOT NULL, applied_ms BIGINT NOT NULL)");
            }
            c.commit();
            int ran = 0;
            for (Script script : scripts()) {
                if (script.version() > upToVersion) {
                    break;
                }
                lock(c, postgres);
                // Read under the lock: another monitor may have applied it while this one waited.
                Long applied = appliedChecksum(c, script.version());
                if (applied != null) {
                    c.commit();
                    if (applied != script.checksum()) {
                        throw new SQLException("schema script " + script.file() + " changed after it was applied "
                                + "(checksum " + applied + " in the database, " + script.checksum() + " now)");
                    }
                    continue;
                }
                try {
                    try (Statement s = c.createStatement()) {
                        for (String sql : script.statements()) {
                            s.execute(sql);
                        }
                    }
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO schema_version (version, script, checksum, applied_ms) VALUES (?, ?, ?, ?)")) {
                        p.setInt(1, script.version());
                        p.setString(2, script.file());
                        p.setLong(3, script.checksum());
                        p.setLong(4, System.currentTimeMillis());
                        p.executeUpdate();
                    }
                    c.commit();
                    ran++;
                } catch (SQLException e) {
                    c.rollback();
                    throw new SQLException("schema script " + script.file() + " failed: " + e.getMessage(), e);
                }
            }
            return ran;
        } catch (SQLException | RuntimeException e) {
            // Ends the transaction, and with it the advisory lock, whatever failed.
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the first failure is the one to report
            }
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** The database's schema version, 0 when none is applied. */
    public static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static Long appliedChecksum(Connection c, int version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT checksum FROM schema_version WHERE version = ?")) {
            p.setInt(1, version);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }

    static List<Script> scripts() {
        List<Script> out = new ArrayList<>();
        for (String file : SCRIPTS) {
            if (!file.matches("V[1-9][0-9]*__[a-z0-9_]+\\.sql")) {
                throw new IllegalStateException("bad migration file name: " + file);
            }
            int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
            if (version != out.size() + 1) {
                throw new IllegalStateException("migrations must be numbered 1, 2, ... without gaps: " + file);
            }
            String text = read(file);
            CRC32 crc = new CRC32();
            crc.update(text.getBytes(StandardCharsets.UTF_8));
            out.add(new Script(version, file, statements(text), crc.getValue()));
        }
        return out;
    }

    /** The statements of a script: {@code --} comment lines dropped, split where a line ends in {@code ;}. */
    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            if (t.endsWith(";")) {
                cur.append(t, 0, t.length() - 1);
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(t).append('\n');
            }
        }
        if (!cur.toString().isBlank()) {
            throw new IllegalStateException("migration script ends without a semicolon: " + cur);
        }
        return out;
    }

    private static String read(String file) {
        try (InputStream in = Migrator.class.getResourceAsStream("/db/migration/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource db/migration/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + file, e);
        }
    }
}
