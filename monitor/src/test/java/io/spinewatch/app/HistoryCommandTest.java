package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.history.AlertRecord;
import io.spinewatch.history.DbLocation;
import io.spinewatch.history.EpisodeRecord;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.posture.CalibrationStore;
import io.spinewatch.posture.CalibrationTest;
import io.spinewatch.posture.PostureState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HistoryCommandTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Spinewatch.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static long daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days)).toEpochMilli();
    }

    static void fill(Path file) throws SQLException {
        try (HistoryStore s = HistoryStore.open(DbLocation.h2(file))) {
            for (String w : List.of("ann", "bob")) {
                s.write(List.of(EpisodeRecord.of(w, daysAgo(400), daysAgo(400) + 60_000, PostureState.SLOUCHED),
                        EpisodeRecord.of(w, daysAgo(10), daysAgo(10) + 60_000, PostureState.UPRIGHT),
                        new AlertRecord(w, daysAgo(400), "slouch", true, "old"),
                        new AlertRecord(w, daysAgo(100), "slouch", true, "recent")));
            }
        }
    }

    @Nested
    class Prune {
        @Test
        void keepsTheGivenNumberOfDays(@TempDir Path dir) throws SQLException {
            Path file = dir.resolve("h");
            fill(file);
            Run r = run("history", "prune", "--db", "h2:" + file);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("2 episodes, 2 alerts"), r.out());
            Run again = run("history", "prune", "--days", "30", "--db", "h2:" + file);
            assertEquals(0, again.exit(), again.err());
            assertTrue(again.out().contains("0 episodes, 2 alerts"), again.out());
            try (HistoryStore s = HistoryStore.open(DbLocation.h2(file))) {
                assertEquals(1, s.episodes("ann", 0, Long.MAX_VALUE).size());
                assertTrue(s.alerts("ann", 0, Long.MAX_VALUE).isEmpty());
            }
        }

        @Test
        void refusesAZeroRetention(@TempDir Path dir) {
            Run r = run("history", "prune", "--days", "0", "--db", "h2:" + dir.resolve("h"));
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("--days must be at least 1"), r.err());
        }
    }

    @Nested
    class Delete {
        @Test
        void removesOneWearerEntirely(@TempDir Path dir) throws SQLException {
            Path file = dir.resolve("h");
            fill(file);
            Path data = dir.resolve("data");
            CalibrationStore calibrations = new CalibrationStore(data);
            assertTrue(calibrations.save("ann", CalibrationTest.SAMPLE));
            assertTrue(calibrations.save("bob", CalibrationTest.SAMPLE));
            Run r = run("history", "delete", "--wearer", "ann", "--db", "h2:" + file, "--data-dir", data.toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("deleted wearer ann") && r.out().contains("2 episodes, 2 alerts"), r.out());
            assertTrue(r.out().contains("deleted the stored calibration of ann"), r.out());
            try (HistoryStore s = HistoryStore.open(DbLocation.h2(file))) {
                assertEquals(List.of("bob"), s.wearers());
            }
            assertTrue(calibrations.load("ann").isEmpty(), "ann's calibration is gone");
            assertTrue(calibrations.load("bob").isPresent(), "bob's calibration stays");
            Run again = run("history", "delete", "--wearer", "ann", "--db", "h2:" + file, "--data-dir", data.toString());
            assertTrue(again.out().contains("nothing was stored") && again.out().contains("there was no stored calibration"),
                    again.out());
        }
    }

    @Nested
    class Database {
        @Test
        void anUnknownDatabaseIsAUsageError() {
            Run r = run("history", "prune", "--db", "mysql://x");
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("h2:PATH or jdbc:postgresql"), r.err());
        }

        @Test
        void thePasswordNeverShows() {
            String secret = "s3cret-Pa55";
            DbOption o = new DbOption();
            o.db = "jdbc:postgresql://127.0.0.1:1/nothing?password=" + secret;
            o.env = Map.of(DbLocation.USER_ENV, "u", DbLocation.PASSWORD_ENV, secret);
            DbLocation loc = o.location();
            assertFalse(loc.toString().contains(secret), loc.toString());
            StringWriter err = new StringWriter();
            assertEquals(null, HistoryCommand.open(loc, new PrintWriter(err), "history prune"));
            assertTrue(err.toString().contains("cannot open the history"), err.toString());
            assertFalse(err.toString().contains(secret), err.toString());
        }
    }
}
