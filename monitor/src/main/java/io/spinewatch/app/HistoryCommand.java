package io.spinewatch.app;

import io.spinewatch.history.DbLocation;
import io.spinewatch.posture.CalibrationStore;
import io.spinewatch.history.HistoryStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spinewatch history}: retention and deletion of stored history. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Manages the stored history (episodes, alerts, drills, minute aggregates).",
        subcommands = {HistoryCommand.Prune.class, HistoryCommand.Delete.class})
public final class HistoryCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Opens the store or explains on stderr why it cannot; null then. */
    static HistoryStore open(DbLocation loc, PrintWriter err, String command) {
        try {
            return HistoryStore.open(loc);
        } catch (SQLException e) {
            err.println("spinewatch " + command + ": cannot open the history at " + loc + ": " + e.getMessage());
            err.flush();
            return null;
        }
    }

    /** {@code spinewatch history prune}: deletes what is older than the retention period. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Deletes history that ended more than N days ago.")
    public static final class Prune implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DbOption db;

        @Option(names = "--days", paramLabel = "N", defaultValue = "365",
                description = "Days of history to keep (default: ${DEFAULT-VALUE}).")
        int days;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            if (days < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--days must be at least 1: " + days);
            }
            DbLocation loc = location(spec, db);
            PrintWriter out = spec.commandLine().getOut();
            Instant cutoff = clock.instant().minus(Duration.ofDays(days)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            try (HistoryStore store = open(loc, spec.commandLine().getErr(), "history prune")) {
                if (store == null) {
                    return 1;
                }
                HistoryStore.Deleted d = store.pruneBefore(cutoff.toEpochMilli());
                out.printf("pruned history before %s from %s: %d episodes, %d alerts, %d drills, %d minutes%n",
                        cutoff, loc, d.episodes(), d.alerts(), d.drills(), d.minutes());
                out.flush();
                return 0;
            } catch (SQLException e) {
                spec.commandLine().getErr().println("spinewatch history prune: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return 1;
            }
        }
    }

    /** {@code spinewatch history delete}: removes one wearer's data entirely. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes everything stored about one wearer: their history and their stored calibration.")
    public static final class Delete implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DbOption db;

        @Option(names = "--wearer", paramLabel = "ID", required = true, description = "The wearer to delete.")
        String wearer;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Where run keeps calibrations, DIR/calibrations (default: ~/.spinewatch).")
        Path dataDir;

        @Override
        public Integer call() {
            DbLocation loc = location(spec, db);
            PrintWriter out = spec.commandLine().getOut();
            try (HistoryStore store = open(loc, spec.commandLine().getErr(), "history delete")) {
                if (store == null) {
                    return 1;
                }
                HistoryStore.Deleted d = store.deleteWearer(wearer);
                out.printf("deleted wearer %s from %s: %d episodes, %d alerts, %d drills, %d minutes%s%n", wearer, loc,
                        d.episodes(), d.alerts(), d.drills(), d.minutes(), d.total() == 0 ? " (nothing was stored)" : "");
                // The calibration describes the wearer's body and how they sit: it is theirs too.
                CalibrationStore calibrations = new CalibrationStore(
                        dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".spinewatch"));
                if (CalibrationStore.storableId(wearer)) {
                    boolean had = calibrations.delete(wearer);
                    out.printf("%s stored calibration of %s in %s%n", had ? "deleted the" : "there was no",
                            wearer, calibrations.directory());
                }
                out.flush();
                return 0;
            } catch (SQLException e) {
                spec.commandLine().getErr().println("spinewatch history delete: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return 1;
            }
        }
    }

    /** The parsed {@code --db}, a bad value reported as a usage error. */
    static DbLocation location(CommandLine.Model.CommandSpec spec, DbOption db) {
        try {
            return db.location();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
