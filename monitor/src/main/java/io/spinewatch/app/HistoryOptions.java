package io.spinewatch.app;

import io.spinewatch.config.HistorySettings;
import io.spinewatch.history.DbLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
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
    LiveHistory openForRun(PrintWriter out, Optional<Path> dataDir, HistorySettings settings, Map<String, ZoneId> zones,
            LiveViewOptions live)
            throws LiveHistory.Unavailable {
        Optional<DbLocation> loc = location(dataDir, settings, RUN_FILE);
        if (loc.isEmpty()) {
            return LiveHistory.off("run", out, noHistory ? "--no-history" : "history.enabled=false");
        }
        return LiveHistory.open("run", out, loc.get(), Clock.systemDefaultZone(), zones, live.statusSeconds);
    }

    /**
     * Opens the history for {@code demo}, which never fails for it: a store that cannot be opened (the file in use
     * by another demo, say) is reported and the demo carries on without history.
     */
    LiveHistory openForDemo(PrintWriter out, Optional<Path> dataDir, HistorySettings settings, Map<String, ZoneId> zones,
            LiveViewOptions live) {
        Optional<DbLocation> loc = location(dataDir, settings, DEMO_FILE);
        if (loc.isEmpty()) {
            return LiveHistory.off("demo", out, noHistory ? "--no-history" : "history.enabled=false");
        }
        try {
            return LiveHistory.open("demo", out, loc.get(), Clock.systemDefaultZone(), zones, live.statusSeconds);
        } catch (LiveHistory.Unavailable e) {
            return LiveHistory.unavailable("demo", out, e.getMessage() + "; the demo carries on without history");
        }
    }

    /** Adds {@code --db} and {@code --no-history}, when given, to the command-line layer of the settings. */
    void addTo(ConfigOptions.Overrides o) {
        if (noHistory && db != null) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "give --db or --no-history, not both");
        }
        o.add("--db", "history.db", db).add("--no-history", "history.enabled", noHistory ? Boolean.FALSE : null);
    }

    /**
     * The location to use after the command line and the config file are merged into {@code settings}: empty when
     * nothing is kept.
     */
    Optional<DbLocation> location(Optional<Path> dataDir, HistorySettings settings, String defaultFile) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        if (settings.db().isEmpty()) {
            Path dir = dataDir.orElse(Path.of(System.getProperty("user.home"), ".spinewatch"));
            return Optional.of(DbLocation.h2(dir.resolve(defaultFile)));
        }
        try {
            return Optional.of(DbLocation.parse(settings.db().get(), env));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
        }
    }
}
