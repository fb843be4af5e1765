package io.spinewatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.app.Spinewatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real application ({@code spinewatch demo}, a separate JVM) keeps its history through SIGKILL: every record
 * it reported acknowledged is in the database afterwards, and a restarted demo continues the day's totals from the
 * stored ones (its first status line shows them) and its timeline after the stored one.
 */
@Tag("integration")
class LiveKillTest {
    static final String WEARER = "demo-1";
    static final Pattern ACK = Pattern.compile("^history: (\\d+) records kept");
    static final Pattern STATUS = Pattern.compile("^demo-1 +t= *(\\d+)s .*\\| slouched +(\\d+)s  alerts (\\d+)");

    @TempDir
    Path dir;

    @BeforeEach
    void notNearMidnight() {
        // A 20x demo runs minutes ahead of the wall clock; near midnight its records would fall into tomorrow.
        Assumptions.assumeTrue(LocalTime.now().isBefore(LocalTime.of(23, 40)), "too close to local midnight for a day's totals");
    }

    @Nested
    class OnPostgres {
        @Test
        void acknowledgedRecordsSurviveAKillAndARestartResumesTheDay() throws Exception {
            Optional<TestDatabases.PgSchema> s = TestDatabases.postgres();
            Assumptions.assumeTrue(s.isPresent(), TestDatabases.SKIP_PG);
            try (TestDatabases.PgSchema schema = s.get()) {
                HistoryStore.open(schema.location()).close(); // the tables first, so the test can read at once
                Map<String, String> env = new java.util.HashMap<>();
                env.put(DbLocation.USER_ENV, schema.login.user());
                schema.login.password().ifPresent(p -> env.put(DbLocation.PASSWORD_ENV, p));
                List<String> db = List.of("--db", schema.url());
                long acked;
                try (Child child = new Child(dir, "first", db, env, 0); HistoryStore reader = HistoryStore.open(schema.location())) {
                    // The test reads while the demo writes: wait for a whole slouch episode and its alert in the database.
                    child.await(() -> {
                        try {
                            return reader.episodes(WEARER, 0, Long.MAX_VALUE).stream().anyMatch(e -> e.state().equals("slouched"))
                                    && !reader.alerts(WEARER, 0, Long.MAX_VALUE).isEmpty();
                        } catch (java.sql.SQLException e) {
                            return false;
                        }
                    }, 90_000, "a slouch episode and an alert in the database");
                    acked = child.killAfterNextAck();
                }
                checkAfterKill(schema.location(), acked);
                restartAndCheck(schema.location(), db, env);
            }
        }
    }

    @Nested
    class OnH2 {
        @Test
        void acknowledgedRecordsSurviveAKillAndARestartResumesTheDay() throws Exception {
            Path file = dir.resolve("history");
            List<String> db = List.of("--db", "h2:" + file);
            long acked;
            try (Child child = new Child(dir, "first", db, Map.of(), 0)) {
                // H2 keeps its file to one process: the watermark the demo prints tells how far it got.
                child.await(() -> child.lastAck() >= 12, 90_000, "12 acknowledged records");
                // A second demo on the same file is told so and runs on without history.
                try (Child second = new Child(dir, "second", db, Map.of(), 0.03)) {
                    assertEquals(0, second.waitFor(60), second.describe());
                    assertTrue(second.out().contains("history: off (h2:" + file + " is in use by another process"), second.describe());
                }
                acked = child.killAfterNextAck();
            }
            checkAfterKill(DbLocation.h2(file), acked);
            restartAndCheck(DbLocation.h2(file), db, Map.of());
        }
    }

    /** Every acknowledged record is stored: one row per record (the wearer's zone is one too). */
    static void checkAfterKill(DbLocation loc, long acked) throws Exception {
        try (HistoryStore store = HistoryStore.open(loc)) {
            long rows = store.episodes(WEARER, 0, Long.MAX_VALUE).size() + store.alerts(WEARER, 0, Long.MAX_VALUE).size()
                    + store.drills(WEARER, 0, Long.MAX_VALUE).size() + store.minutes(WEARER, 0, Long.MAX_VALUE).size()
                    + (store.zone(WEARER).isPresent() ? 1 : 0);
            assertTrue(rows >= acked, "the demo acknowledged " + acked + " records, the database holds " + rows);
            assertEquals(ZoneId.systemDefault(), store.zone(WEARER).orElseThrow());
        }
    }

    /**
     * Restarts the demo on the same database for a few seconds: its first status line shows the stored day's
     * slouched time and delivered alerts, and what it writes follows the stored timeline without overlapping it.
     */
    void restartAndCheck(DbLocation loc, List<String> db, Map<String, String> env) throws Exception {
        DayTotals stored;
        try (HistoryStore store = HistoryStore.open(loc)) {
            stored = store.dayTotals(WEARER, LocalDate.now(), ZoneId.systemDefault());
        }
        assertTrue(stored.seconds("slouched") > 0 && stored.alertsDelivered() > 0, "something to resume: " + stored);
        try (Child again = new Child(dir, "restart", db, env, 0.1)) {
            assertEquals(0, again.waitFor(90), again.describe());
            assertTrue(again.out().contains("today so far resumed"), again.describe());
            // The first line from when the wearer has been running a moment (calibrating still: nothing new slouched).
            Matcher m = again.out().lines().map(STATUS::matcher).filter(x -> x.find() && Integer.parseInt(x.group(1)) >= 2)
                    .findFirst().orElseThrow(() -> new AssertionError("no status line: " + again.describe()));
            assertEquals(stored.seconds("slouched"), Double.parseDouble(m.group(2)), 1.0, m.group());
            assertEquals(stored.alertsDelivered(), Integer.parseInt(m.group(3)), m.group());
            assertTrue(again.out().contains("0 not written at shutdown"), again.describe());
        }
        try (HistoryStore store = HistoryStore.open(loc)) {
            List<EpisodeRecord> eps = new ArrayList<>(store.episodes(WEARER, 0, Long.MAX_VALUE));
            eps.sort(Comparator.comparingLong(EpisodeRecord::startMillis));
            for (int i = 1; i < eps.size(); i++) {
                assertTrue(eps.get(i).startMillis() >= eps.get(i - 1).endMillis(), "episodes overlap: " + eps.get(i - 1) + ", " + eps.get(i));
            }
            DayTotals after = store.dayTotals(WEARER, LocalDate.now(), ZoneId.systemDefault());
            assertTrue(after.seconds("calibrating") > stored.seconds("calibrating"), "the restart added its calibration: " + after);
            // The restart continues the stored timeline, often within a stored minute: still one row per minute.
            List<MinuteAggregate> minutes = store.minutes(WEARER, 0, Long.MAX_VALUE);
            assertEquals(minutes.size(), minutes.stream().mapToLong(MinuteAggregate::minuteStartMillis).distinct().count(),
                    "a minute stored twice");
            for (MinuteAggregate m : minutes) {
                assertTrue(m.secondsByState().values().stream().mapToDouble(Double::doubleValue).sum() <= 60 + 1e-6, m.toString());
            }
        }
    }

    /** {@code spinewatch demo} in a JVM of its own, 20 times real time, its output collected line by line. */
    static final class Child implements AutoCloseable {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final Path err;

        /** @param minutes run time, 0 to run until killed */
        Child(Path dir, String name, List<String> db, Map<String, String> env, double minutes) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Duser.home=" + dir.resolve("home"),
                    Spinewatch.class.getName(), "demo", "--no-dashboard", "--speed", "20", "--status-every", "0.5"));
            cmd.addAll(db);
            if (minutes > 0) {
                cmd.addAll(List.of("--minutes", Double.toString(minutes)));
            }
            err = dir.resolve(name + ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().remove(DbLocation.USER_ENV);
            pb.environment().remove(DbLocation.PASSWORD_ENV);
            pb.environment().putAll(env);
            process = pb.start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process died: its output ends here
                }
            }, "child-output-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        String out() {
            return String.join("\n", lines);
        }

        /** The last acknowledgement watermark the child printed, 0 before any. */
        long lastAck() {
            long last = 0;
            for (String l : lines) {
                Matcher m = ACK.matcher(l);
                if (m.find()) {
                    last = Long.parseLong(m.group(1));
                }
            }
            return last;
        }

        void await(BooleanSupplier condition, long timeoutMillis, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (!condition.getAsBoolean()) {
                assertTrue(process.isAlive(), "the demo ended before " + what + ": " + describe());
                assertTrue(System.nanoTime() < deadline, "no " + what + " within " + timeoutMillis + " ms: " + describe());
                Thread.sleep(100);
            }
        }

        /** Waits for a newer watermark than the one printed now, kills the child with SIGKILL, returns that watermark. */
        long killAfterNextAck() throws InterruptedException {
            long before = lastAck();
            await(() -> lastAck() > before, 60_000, "a new acknowledgement");
            long acked = lastAck();
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the demo did not die");
            assertTrue(acked > 0);
            return acked;
        }

        int waitFor(long seconds) throws InterruptedException {
            assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "the demo did not end: " + describe());
            Thread.sleep(200); // the reader thread takes the last lines
            return process.exitValue();
        }

        String describe() {
            String e;
            try {
                e = Files.exists(err) ? Files.readString(err) : "";
            } catch (IOException x) {
                e = x.toString();
            }
            return "stdout:\n" + out() + "\nstderr:\n" + (e.length() > 4000 ? e.substring(e.length() - 4000) : e);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
