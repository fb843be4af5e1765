package io.spinewatch.history;

/**
 * How the {@link HistoryWriter} batches and pushes back.
 *
 * @param queueCapacity     records waiting for the writer thread. Default {@value #DEFAULT_QUEUE_CAPACITY}:
 *                          hours of a busy office's episodes, alerts and minutes, a few MB at most
 * @param batchRecords      most records per transaction. Default {@value #DEFAULT_BATCH_RECORDS}
 * @param maxBatchDelayMillis longest a record waits for companions before its batch commits. Default
 *                          {@value #DEFAULT_MAX_BATCH_DELAY_MILLIS}: a second of history at risk at most,
 *                          one commit a second at most in a steady stream
 * @param maxBlockMillis    longest {@link HistoryWriter#submit} waits for room in a full queue before the
 *                          record is dropped and counted. Default {@value #DEFAULT_MAX_BLOCK_MILLIS}: well
 *                          under one 100 Hz sample period, so the posture thread never stalls
 * @param retryMillis       wait before retrying a batch whose commit failed (doubles up to 30 s). Default
 *                          {@value #DEFAULT_RETRY_MILLIS}
 */
public record HistoryWriterParams(int queueCapacity, int batchRecords, long maxBatchDelayMillis, long maxBlockMillis,
                                  long retryMillis) {
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_BATCH_RECORDS = 500;
    public static final long DEFAULT_MAX_BATCH_DELAY_MILLIS = 1_000;
    public static final long DEFAULT_MAX_BLOCK_MILLIS = 5;
    public static final long DEFAULT_RETRY_MILLIS = 200;
    public static final HistoryWriterParams DEFAULT = new HistoryWriterParams(DEFAULT_QUEUE_CAPACITY,
            DEFAULT_BATCH_RECORDS, DEFAULT_MAX_BATCH_DELAY_MILLIS, DEFAULT_MAX_BLOCK_MILLIS, DEFAULT_RETRY_MILLIS);

    public HistoryWriterParams {
        if (!(queueCapacity >= 1 && queueCapacity <= 10_000_000)) {
            throw new IllegalArgumentException("queueCapacity must be in 1..10000000: " + queueCapacity);
        }
        if (!(batchRecords >= 1 && batchRecords <= 100_000)) {
            throw new IllegalArgumentException("batchRecords must be in 1..100000: " + batchRecords);
        }
        if (!(maxBatchDelayMillis >= 0 && maxBatchDelayMillis <= 60_000)) {
            throw new IllegalArgumentException("maxBatchDelayMillis must be in 0..60000: " + maxBatchDelayMillis);
        }
        if (!(maxBlockMillis >= 0 && maxBlockMillis <= 1_000)) {
            throw new IllegalArgumentException("maxBlockMillis must be in 0..1000: " + maxBlockMillis);
        }
        if (!(retryMillis >= 1 && retryMillis <= 30_000)) {
            throw new IllegalArgumentException("retryMillis must be in 1..30000: " + retryMillis);
        }
    }

    public HistoryWriterParams withBatch(int records, long delayMillis) {
        return new HistoryWriterParams(queueCapacity, records, delayMillis, maxBlockMillis, retryMillis);
    }

    public HistoryWriterParams withQueue(int capacity, long blockMillis) {
        return new HistoryWriterParams(capacity, batchRecords, maxBatchDelayMillis, blockMillis, retryMillis);
    }
}
