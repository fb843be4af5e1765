package io.spinewatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Monitors starting at once against one fresh database: each script runs exactly once, nobody fails. */
class MigratorTest {
    /** Connections racing; more than the cores, so that they interleave. */
    static final int RACERS = 8;
    /** Fresh databases raced on, each a new chance for the race to go wrong. */
    static final int ROUNDS = 5;

    /** What one racer saw. */
    record Outcome(int ran, int version) {
    }

    /**
     * Opens {@link #RACERS} connections to {@code location}, then lets them all migrate at the same instant; returns
     * what each did. Any exception fails the test.
     */
    static List<Outcome> race(DbLocation location) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch ready = new CountDownLatch(RACERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                futures.add(pool.submit(() -> {
                    try (Connection c = location.connect()) {
                        ready.countDown();
                        go.await();
                        int ran = Migrator.migrate(c);
                        return new Outcome(ran, Migrator.currentVersion(c));
                    }
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "the racers connected");
            go.countDown();
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static void assertEachScriptRanOnce(DbLocation location, List<Outcome> outcomes) throws SQLException {
        assertEquals(Migrator.SCRIPTS.size(), outcomes.stream().mapToInt(Outcome::ran).sum(),
                "each script applied by exactly one racer: " + outcomes);
        for (Outcome o : outcomes) {
            assertEquals(Migrator.latestVersion(), o.version(), "every racer ends at the latest version: " + outcomes);
        }
        try (Connection c = location.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_version")) {
            r.next();
            assertEquals(Migrator.SCRIPTS.size(), r.getInt(1));
            assertEquals(Migrator.SCRIPTS.size(), r.getInt(2));
        }
        try (HistoryStore store = HistoryStore.open(location)) {
            assertEquals(Migrator.latestVersion(), store.schemaVersion(), "and a store opens on it");
        }
    }

    @Test
    void theLockKeyIsTheDocumentedOne() {
        assertEquals(new java.math.BigInteger(1, "spinewat".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).longValueExact(),
                Migrator.PG_LOCK_KEY);
        assertEquals(8318264434622947700L, Migrator.PG_LOCK_KEY, "the number docs/history.md gives");
    }

    @Nested
    class OnH2 {
        @TempDir
        Path dir;

        @Test
        void threadsOfOneProcessMigrateOneFileOnce() throws Exception {
            for (int round = 0; round < ROUNDS; round++) {
                DbLocation location = TestDatabases.h2(dir);
                assertEachScriptRanOnce(location, race(location));
            }
        }
    }

    @Nested
    @Tag("integration")
    class OnPostgres {
        private static TestDatabases.PgSchema fresh() {
            Optional<TestDatabases.PgSchema> s = TestDatabases.postgres();
            Assumptions.assumeTrue(s.isPresent(), TestDatabases.SKIP_PG);
            return s.get();
        }

        @Test
        void monitorsStartingTogetherApplyEachScriptOnce() throws Exception {
            for (int round = 0; round < ROUNDS; round++) {
                try (TestDatabases.PgSchema schema = fresh()) {
                    assertEachScriptRanOnce(schema.location(), race(schema.location()));
                }
            }
        }

        @Test
        void storesOpenedTogetherAllWork() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(RACERS);
            try (TestDatabases.PgSchema schema = fresh()) {
                List<CompletableFuture<Integer>> opens = new ArrayList<>();
                CountDownLatch go = new CountDownLatch(1);
                for (int i = 0; i < RACERS; i++) {
                    opens.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            go.await();
                            try (HistoryStore store = HistoryStore.open(schema.location())) {
                                return store.schemaVersion();
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool));
                }
                go.countDown();
                for (CompletableFuture<Integer> f : opens) {
                    assertEquals(Migrator.latestVersion(), f.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void aMigrationWaitsForWhoeverHoldsTheDocumentedLock() throws Exception {
            try (TestDatabases.PgSchema schema = fresh(); Connection holder = schema.location().connect()) {
                holder.setAutoCommit(false);
                try (Statement s = holder.createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(" + Migrator.PG_LOCK_KEY + ")");
                }
                CompletableFuture<Integer> migration = CompletableFuture.supplyAsync(() -> {
                    try (Connection c = schema.location().connect()) {
                        return Migrator.migrate(c);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                // The migration shows up waiting for an advisory lock, and has created nothing.
                awaitAdvisoryWaiter(holder);
                assertFalse(migration.isDone());
                try (Statement s = holder.createStatement();
                     ResultSet r = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
                             + schema.schema + "'")) {
                    r.next();
                    assertEquals(0, r.getInt(1), "nothing created while the lock is held");
                }
                holder.commit();
                assertEquals(Migrator.SCRIPTS.size(), migration.get(60, TimeUnit.SECONDS));
            }
        }

        private void awaitAdvisoryWaiter(Connection c) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // The key's two 32-bit halves, as pg_locks shows an advisory lock on a bigint key.
            String query = "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = "
                    + (Migrator.PG_LOCK_KEY >>> 32) + " AND objid = " + (Migrator.PG_LOCK_KEY & 0xFFFF_FFFFL);
            while (System.nanoTime() < deadline) {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no migration waited for advisory lock " + Migrator.PG_LOCK_KEY);
        }
    }
}
