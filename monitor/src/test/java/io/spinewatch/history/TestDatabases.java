package io.spinewatch.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/** Databases for the history tests: a fresh H2 file, or a fresh schema on the local PostgreSQL server. */
final class TestDatabases {
    /**
     * Where the tests look for PostgreSQL, in order: the role and database {@code .ci/run} creates (password
     * auth, as a fresh Debian install allows over TCP), then this machine kind's trust-auth {@code test}
     * database as postgres or root.
     */
    private static final List<Login> LOGINS = List.of(
            new Login("jdbc:postgresql://127.0.0.1:5432/spinewatch_test", "spinewatch", Optional.of("spinewatch")),
            new Login("jdbc:postgresql://127.0.0.1:5432/test", "postgres", Optional.empty()),
            new Login("jdbc:postgresql://127.0.0.1:5432/test", "root", Optional.empty()));
    static final String SKIP_PG = "PostgreSQL not reachable on 127.0.0.1:5432 (tried spinewatch@spinewatch_test, "
            + "postgres@test, root@test): apt-get install postgresql, start it, and run the role/database set-up in .ci/run";

    /** One way to log in to the test server. */
    record Login(String url, String user, Optional<String> password) {
    }

    private TestDatabases() {
    }

    static DbLocation h2(Path dir) {
        return DbLocation.h2(dir.resolve("history-" + UUID.randomUUID()));
    }

    /** A schema of its own on the local server, dropped on close. */
    static final class PgSchema implements AutoCloseable {
        final Login login;
        final String schema;

        PgSchema(Login login, String schema) {
            this.login = login;
            this.schema = schema;
        }

        /** The JDBC URL that puts this schema first on the search path. */
        String url() {
            return login.url() + "?currentSchema=" + schema;
        }

        DbLocation location() {
            return DbLocation.postgres(url(), Optional.of(login.user()), login.password());
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = connect(login); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /** A new schema with a random name, or empty when no server answers. */
    static Optional<PgSchema> postgres() {
        for (Login login : LOGINS) {
            try (Connection c = connect(login); Statement s = c.createStatement()) {
                String schema = "sw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
                s.execute("CREATE SCHEMA " + schema);
                return Optional.of(new PgSchema(login, schema));
            } catch (SQLException e) {
                // try the next user; none answering means no usable server
            }
        }
        return Optional.empty();
    }

    private static Connection connect(Login login) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", login.user());
        login.password().ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(login.url(), p);
    }
}
