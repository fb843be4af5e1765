package io.spinewatch.app;

import io.spinewatch.history.DbLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The history options of the live commands ({@code run}, {@code demo}): where to keep what the wearers did
 * ({@code --db}, parsed as {@link DbOption} does), or nothing ({@code --no-history}).
 */
public final class HistoryOptions {
    /** The H2 file {@code run} keeps its history in, under the data directory: the one {@code report} reads by default. */
    static final String RUN_FILE = "history";
    /** The H2 file {@code demo} keeps its history in: apart from real wearers' history, so a simulation never mixes into it. */
    static final String DEMO_FILE = "demo-history";

    @Spec(Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--db", paramLabel = "DB",
            description = {"Keep the wearers' history in DB: h2:PATH or jdbc:postgresql://HOST[:PORT]/DB (credentials from $"
                    + DbLocation.USER_ENV + " and $" + DbLocation.PASSWORD_ENV + "). Default: the H2 file " + RUN_FILE
                    + " (run: the one report and export read) or " + DEMO_FILE + " (demo: kept apart from real wearers) "
                    + "in --data-dir, ~/.spinewatch when none is given."})
    String db;

    @Option(names = "--no-history", description = "Keep no history (nothing written, today's totals start from zero).")
    boolean noHistory;

    /** Where the environment's credentials are read; the process environment unless a test sets it. */
    Map<String, String> env = System.getenv();

    /**
     * Opens the history for {@code run}: a store that cannot be opened stops the command, since keeping the
     * wearers' history is part of its job.
     *
     * @param dataDir the command's {@code --data-dir}, if given
     * @throws LiveHistory.Unavailable when the store cannot be opened
     */
    LiveHistory openForRun(PrintWriter out, Optional<Path> dataDir, LiveViewOptions live) throws LiveHistory.Unavailable {
        Optional<DbLocation> loc = location(dataDir, RUN_FILE);
        if (loc.isEmpty()) {
            return LiveHistory.off("run", out, "--no-history");
        }
        return LiveHistory.open("run", out, loc.get(), Clock.systemDefaultZone(), live.statusSeconds);
    }

    /**
     * Opens the history for {@code demo}, which never fails for it: a store that cannot be opened (the file in use
     * by another demo, say) is reported and the demo carries on without history.
     */
    LiveHistory openForDemo(PrintWriter out, Optional<Path> dataDir, LiveViewOptions live) {
        Optional<DbLocation> loc = location(dataDir, DEMO_FILE);
        if (loc.isEmpty()) {
            return LiveHistory.off("demo", out, "--no-history");
        }
        try {
            return LiveHistory.open("demo", out, loc.get(), Clock.systemDefaultZone(), live.statusSeconds);
        } catch (LiveHistory.Unavailable e) {
            return LiveHistory.unavailable("demo", out, e.getMessage() + "; the demo carries on without history");
        }
    }

    /** The location to use, empty with {@code --no-history}; a bad {@code --db} is a usage error. */
    Optional<DbLocation> location(Optional<Path> dataDir, String defaultFile) {
        if (noHistory && db != null) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "give --db or --no-history, not both");
        }
        if (noHistory) {
            return Optional.empty();
        }
        if (db == null) {
            Path dir = dataDir.orElse(Path.of(System.getProperty("user.home"), ".spinewatch"));
            return Optional.of(DbLocation.h2(dir.resolve(defaultFile)));
        }
        try {
            return Optional.of(DbLocation.parse(db, env));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
        }
    }
}
