package io.spinewatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.posture.PostureState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryWriterTest {
    static final long T0 = 1_773_129_600_000L;
    static final long WAIT_MILLIS = 30_000;

    @TempDir
    Path dir;
    DbLocation location;
    HistoryStore store;

    @BeforeEach
    void open() throws SQLException {
        location = TestDatabases.h2(dir);
        store = HistoryStore.open(location);
    }

    @AfterEach
    void close() throws SQLException {
        store.close();
    }

    static EpisodeRecord episode(int i) {
        return EpisodeRecord.of("ann", T0 + i * 60_000L, T0 + (i + 1) * 60_000L, PostureState.SLOUCHED);
    }

    @Nested
    class Acknowledgement {
        @Test
        void numbersRecordsInOrderAndAcknowledgesThemOnceCommitted() throws Exception {
            List<Long> acks = new CopyOnWriteArrayList<>();
            try (HistoryWriter w = new HistoryWriter(store, HistoryWriterParams.DEFAULT.withBatch(7, 50), acks::add)) {
                for (int i = 1; i <= 50; i++) {
                    assertEquals(OptionalLong.of(i), w.submit(episode(i)));
                }
                assertTrue(w.flush(WAIT_MILLIS));
                assertEquals(50, w.acknowledged());
                assertEquals(50, store.episodes("ann", 0, Long.MAX_VALUE).size());
            }
            for (int i = 1; i < acks.size(); i++) {
                assertTrue(acks.get(i) > acks.get(i - 1), "watermark only rises: " + acks);
                assertTrue(acks.get(i) - acks.get(i - 1) <= 7, "a batch holds at most 7 records: " + acks);
            }
            assertEquals(50L, acks.get(acks.size() - 1));
        }

        @Test
        void closeCommitsWhatIsQueued() throws Exception {
            HistoryWriter w = new HistoryWriter(store, HistoryWriterParams.DEFAULT.withBatch(1000, 60_000), s -> { });
            for (int i = 1; i <= 20; i++) {
                w.submit(episode(i));
            }
            w.close();
            assertEquals(20, w.acknowledged());
            assertEquals(20, store.episodes("ann", 0, Long.MAX_VALUE).size());
            assertFalse(w.submit(episode(21)).isPresent(), "a closed writer takes nothing");
            assertEquals(1, w.dropped());
        }
    }

    @Nested
    class BackPressure {
        @Test
        void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
            HistoryWriterParams p = HistoryWriterParams.DEFAULT.withBatch(1, 0).withQueue(2, 1);
            try (HistoryWriter w = new HistoryWriter(store, p, s -> { })) {
                synchronized (store) {
                    // The writer takes the first record and then waits for the store, which this thread holds.
                    assertEquals(OptionalLong.of(1), w.submit(episode(1)));
                    while (w.queued() > 0) {
                        Thread.onSpinWait();
                    }
                    assertEquals(OptionalLong.of(2), w.submit(episode(2)));
                    assertEquals(OptionalLong.of(3), w.submit(episode(3)));
                    assertEquals(OptionalLong.empty(), w.submit(episode(4)));
                    assertEquals(1, w.dropped());
                    assertEquals(0, w.acknowledged());
                }
                assertTrue(w.awaitAcknowledged(3, WAIT_MILLIS));
            }
            assertEquals(List.of(episode(1), episode(2), episode(3)), store.episodes("ann", 0, Long.MAX_VALUE));
        }
    }

    @Nested
    class Failures {
        @Test
        void aFailedCommitIsRetriedAndNothingIsAcknowledgedMeanwhile() throws Exception {
            rename("alert", "alert_away");
            try (HistoryWriter w = new HistoryWriter(store, HistoryWriterParams.DEFAULT.withBatch(10, 0), s -> { })) {
                w.submit(new AlertRecord("ann", T0, "slouch", true, "r"));
                while (w.failedCommits() == 0) {
                    Thread.sleep(5);
                }
                assertEquals(0, w.acknowledged());
                rename("alert_away", "alert");
                assertTrue(w.awaitAcknowledged(1, WAIT_MILLIS));
            }
            assertEquals(1, store.alerts("ann", 0, Long.MAX_VALUE).size());
        }

        private void rename(String from, String to) throws SQLException {
            try (Connection c = location.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + from + " RENAME TO " + to);
                c.commit();
            }
        }
    }
}
