package io.spinewatch.app;

import io.spinewatch.history.DbLocation;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --db} option the history, report and export commands share. */
public final class DbOption {
    @Option(names = "--db", paramLabel = "DB",
            description = {"History database: h2:PATH (default ~/.spinewatch/history) or jdbc:postgresql://HOST[:PORT]/DB;",
                    "PostgreSQL credentials come from the environment: " + DbLocation.USER_ENV + ", " + DbLocation.PASSWORD_ENV + "."})
    String db;

    /** Where the environment's credentials are read; the process environment unless a test sets it. */
    Map<String, String> env = System.getenv();

    /** The location given, or the default. */
    public DbLocation location() {
        return db == null ? DbLocation.defaultLocation() : DbLocation.parse(db, env);
    }
}
