package io.spinewatch.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/** Databases for the history tests: a fresh H2 file, or a fresh schema on the local PostgreSQL server. */
final class TestDatabases {
    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String SKIP_PG = "PostgreSQL not reachable at 127.0.0.1:5432/test as postgres or root (trust auth): "
            + "apt-get install postgresql and start it (pg_ctlcluster --skip-systemctl-redirect 15 main start)";

    private TestDatabases() {
    }

    static DbLocation h2(Path dir) {
        return DbLocation.h2(dir.resolve("history-" + UUID.randomUUID()));
    }

    /** A schema of its own on the local server, dropped on close. */
    static final class PgSchema implements AutoCloseable {
        final String user;
        final String schema;

        PgSchema(String user, String schema) {
            this.user = user;
            this.schema = schema;
        }

        DbLocation location() {
            return DbLocation.postgres(PG_URL + "?currentSchema=" + schema, Optional.of(user), Optional.empty());
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = connect(user); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /** A new schema with a random name, or empty when no server answers. */
    static Optional<PgSchema> postgres() {
        for (String user : new String[] {"postgres", "root"}) {
            try (Connection c = connect(user); Statement s = c.createStatement()) {
                String schema = "sw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
                s.execute("CREATE SCHEMA " + schema);
                return Optional.of(new PgSchema(user, schema));
            } catch (SQLException e) {
                // try the next user; none answering means no usable server
            }
        }
        return Optional.empty();
    }

    private static Connection connect(String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(PG_URL, p);
    }
}
