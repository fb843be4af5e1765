package io.spinewatch.history;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes history records off the posture threads and commits them in batches on one writer thread.
 *
 * <p>Every accepted record gets the next sequence number (1, 2, ...). A record is <em>acknowledged</em>
 * once the transaction holding it committed; since batches commit in sequence order, acknowledgement is a
 * watermark: {@link #acknowledged()} is the highest number such that it and every record before it are in
 * the database. An acknowledged record survives the process being killed (with H2 the file is written on
 * commit; PostgreSQL commits durably). Records not yet acknowledged may be lost.
 *
 * <p>Back-pressure: when the queue is full, {@link #submit} waits up to
 * {@link HistoryWriterParams#maxBlockMillis()} for room, then drops the record, counts it
 * ({@link #dropped()}) and returns empty; it never blocks longer. A failed commit is retried, the batch
 * kept, with growing waits; meanwhile the queue fills and further records are dropped and counted.
 */
public final class HistoryWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    private static final long MAX_RETRY_MILLIS = 30_000;
    private static final long CLOSE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Attempts at a failing batch once {@link #close()} was called, before it is given up. */
    private static final int ATTEMPTS_WHEN_CLOSING = 3;

    private record Item(long seq, HistoryRecord record) {
    }

    private final HistoryStore store;
    private final HistoryWriterParams params;
    private final LongConsumer onAcknowledged;
    private final BlockingQueue<Item> queue;
    /** Orders sequence numbers and queue positions alike across producers. */
    private final ReentrantLock submitLock = new ReentrantLock();
    private long nextSeq = 1;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failedCommits = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final Object ackMonitor = new Object();
    private final Thread thread;
    private volatile boolean closing;

    /**
     * Starts the writer thread.
     *
     * @param onAcknowledged called on the writer thread with the new watermark after each commit; keep it short
     */
    public HistoryWriter(HistoryStore store, HistoryWriterParams params, LongConsumer onAcknowledged) {
        this.store = Objects.requireNonNull(store, "store");
        this.params = Objects.requireNonNull(params, "params");
        this.onAcknowledged = Objects.requireNonNull(onAcknowledged, "onAcknowledged");
        this.queue = new ArrayBlockingQueue<>(params.queueCapacity());
        this.thread = new Thread(this::run, "history-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** A writer with the default parameters and no acknowledgement callback. */
    public HistoryWriter(HistoryStore store) {
        this(store, HistoryWriterParams.DEFAULT, seq -> { });
    }

    /**
     * Queues a record; returns its sequence number, or empty when it was dropped (queue full for longer than
     * {@code maxBlockMillis}, or the writer closed).
     */
    public OptionalLong submit(HistoryRecord record) {
        Objects.requireNonNull(record, "record");
        if (closing) {
            dropped.incrementAndGet();
            return OptionalLong.empty();
        }
        boolean interrupted = false;
        submitLock.lock();
        try {
            Item item = new Item(nextSeq, record);
            boolean queued = queue.offer(item);
            if (!queued && params.maxBlockMillis() > 0) {
                try {
                    queued = queue.offer(item, params.maxBlockMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (!queued) {
                dropped.incrementAndGet();
                return OptionalLong.empty();
            }
            return OptionalLong.of(nextSeq++);
        } finally {
            submitLock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The watermark: every record numbered up to this one is committed (0 before the first commit). */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** The highest sequence number handed out so far (0 before the first record). */
    public long submitted() {
        submitLock.lock();
        try {
            return nextSeq - 1;
        } finally {
            submitLock.unlock();
        }
    }

    /** Records dropped because the queue stayed full or the writer was closed. */
    public long dropped() {
        return dropped.get();
    }

    /** Commits that failed (each was retried). */
    public long failedCommits() {
        return failedCommits.get();
    }

    /** Records given up after commits kept failing during {@link #close()}. */
    public long abandoned() {
        return abandoned.get();
    }

    /** Records waiting in the queue. */
    public int queued() {
        return queue.size();
    }

    /** Waits until {@code seq} is acknowledged; false on timeout. Not for the posture thread. */
    public boolean awaitAcknowledged(long seq, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (ackMonitor) {
            while (acknowledged.get() < seq) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                ackMonitor.wait(left);
            }
            return true;
        }
    }

    /** Waits until everything submitted so far is acknowledged; false on timeout. */
    public boolean flush(long timeoutMillis) throws InterruptedException {
        return awaitAcknowledged(submitted(), timeoutMillis);
    }

    /** Stops taking records, commits what is queued, and stops the writer thread. The store stays open. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Item> batch = new ArrayList<>(params.batchRecords());
        List<HistoryRecord> records = new ArrayList<>(params.batchRecords());
        try {
            while (true) {
                Item first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(params.maxBatchDelayMillis());
                while (batch.size() < params.batchRecords()) {
                    long left = closing ? 0 : deadline - System.nanoTime();
                    // Wait in short slices so close() is noticed without interrupting a JDBC call.
                    Item next = left > 0 ? queue.poll(Math.min(left, CLOSE_CHECK_NANOS), TimeUnit.NANOSECONDS) : queue.poll();
                    if (next != null) {
                        batch.add(next);
                    } else if (left <= CLOSE_CHECK_NANOS) {
                        break;
                    }
                }
                for (Item i : batch) {
                    records.add(i.record());
                }
                commit(records, batch.get(batch.size() - 1).seq());
                batch.clear();
                records.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void commit(List<HistoryRecord> records, long lastSeq) throws InterruptedException {
        long waitMillis = params.retryMillis();
        int attemptsWhileClosing = 0;
        while (true) {
            try {
                store.write(records);
                synchronized (ackMonitor) {
                    acknowledged.set(lastSeq);
                    ackMonitor.notifyAll();
                }
                onAcknowledged.accept(lastSeq);
                return;
            } catch (SQLException | RuntimeException e) {
                failedCommits.incrementAndGet();
                if (closing && ++attemptsWhileClosing >= ATTEMPTS_WHEN_CLOSING) {
                    abandoned.addAndGet(records.size());
                    LOG.error("history: gave up {} records at close after {} failed commits to {}: {}",
                            records.size(), attemptsWhileClosing, store.location(), e.toString());
                    return;
                }
                LOG.warn("history: commit of {} records to {} failed, retrying in {} ms: {}",
                        records.size(), store.location(), waitMillis, e.toString());
                Thread.sleep(closing ? params.retryMillis() : waitMillis);
                waitMillis = Math.min(MAX_RETRY_MILLIS, waitMillis * 2);
            }
        }
    }
}
