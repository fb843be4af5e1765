package io.spinewatch.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the history lives: an embedded H2 database file ({@code h2:PATH}, the default
 * {@code ~/.spinewatch/history}) or a PostgreSQL server ({@code jdbc:postgresql://host/db}, credentials
 * from {@code SPINEWATCH_DB_USER} and {@code SPINEWATCH_DB_PASSWORD}). The password is never shown by
 * {@link #toString()} or any message.
 */
public final class DbLocation {
    /** Environment variable holding the PostgreSQL user. */
    public static final String USER_ENV = "SPINEWATCH_DB_USER";
    /** Environment variable holding the PostgreSQL password. */
    public static final String PASSWORD_ENV = "SPINEWATCH_DB_PASSWORD";

    /** The database products the history runs on. */
    public enum Kind { H2, POSTGRESQL }

    private final Kind kind;
    private final String jdbcUrl;
    private final String shown;
    private final Optional<String> user;
    private final Optional<String> password;

    private DbLocation(Kind kind, String jdbcUrl, String shown, Optional<String> user, Optional<String> password) {
        this.kind = kind;
        this.jdbcUrl = jdbcUrl;
        this.shown = shown;
        this.user = user;
        this.password = password;
    }

    /** The default: {@code ~/.spinewatch/history} (H2 adds {@code .mv.db}). */
    public static DbLocation defaultLocation() {
        return h2(Path.of(System.getProperty("user.home"), ".spinewatch", "history"));
    }

    /**
     * An embedded H2 database at {@code file} (without the {@code .mv.db} H2 appends). Commits are written
     * through at once ({@code WRITE_DELAY=0}) so a killed process keeps every committed batch.
     */
    public static DbLocation h2(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String url = "jdbc:h2:file:" + abs + ";WRITE_DELAY=0";
        return new DbLocation(Kind.H2, url, "h2:" + abs, Optional.of("sa"), Optional.of(""));
    }

    /** A PostgreSQL URL with explicit credentials (empty: let the driver and server decide). */
    public static DbLocation postgres(String jdbcUrl, Optional<String> user, Optional<String> password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(jdbcUrl));
        }
        return new DbLocation(Kind.POSTGRESQL, jdbcUrl, redact(jdbcUrl), user, password);
    }

    /**
     * Parses the {@code --db} option: {@code h2:PATH} or {@code jdbc:postgresql://...}; PostgreSQL
     * credentials come from {@code env} ({@link #USER_ENV}, {@link #PASSWORD_ENV}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static DbLocation parse(String spec, Map<String, String> env) {
        Objects.requireNonNull(spec, "spec");
        if (spec.startsWith("h2:") && spec.length() > 3) {
            String p = spec.substring(3);
            if (p.startsWith("~/")) {
                p = System.getProperty("user.home") + p.substring(1);
            }
            return h2(Path.of(p));
        }
        if (spec.startsWith("jdbc:postgresql:")) {
            return postgres(spec, Optional.ofNullable(env.get(USER_ENV)).filter(s -> !s.isEmpty()),
                    Optional.ofNullable(env.get(PASSWORD_ENV)));
        }
        throw new IllegalArgumentException("--db must be h2:PATH or jdbc:postgresql://HOST[:PORT]/DB: " + redact(spec));
    }

    public Kind kind() {
        return kind;
    }

    /** Opens a connection with auto-commit off. */
    public Connection connect() throws SQLException {
        Properties p = new Properties();
        user.ifPresent(u -> p.setProperty("user", u));
        password.ifPresent(pw -> p.setProperty("password", pw));
        Connection c = DriverManager.getConnection(jdbcUrl, p);
        c.setAutoCommit(false);
        return c;
    }

    /** Drops a {@code password=} parameter from a URL so it can be shown. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return shown;
    }
}
