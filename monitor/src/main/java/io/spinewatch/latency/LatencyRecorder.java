package io.spinewatch.latency;

import java.util.concurrent.atomic.LongAdder;

/**
 * Measures how old samples are when the monitor has finished with them: for each sample whose device time is
 * epoch-based ({@link EpochClock#isEpochBased}), the wall time minus its device time just after the pipeline
 * processed it (including any posture step it completed). Two histograms:
 *
 * <ul>
 *   <li>{@link #sampleAge()}: every sample. It includes the time the sample waited on the device for its batch to
 *       fill (up to batch size - 1 sample periods), so it grows with the batch size;
 *   <li>{@link #delivery()}: one value per transport message (MQTT payload) whose samples the pipeline has all
 *       processed: the age of the payload's newest sample (the last of its batches) at that moment. That is what
 *       the broker, the network, decoding, queueing and the pipeline add on top of the device's own batching: how
 *       stale the posture shown is. This is the figure to hold under a latency target. When a lane is behind and
 *       several payloads are handed over at once, only the newest of them is counted.
 * </ul>
 *
 * <p>Allocation-free and safe from every lane at once.
 */
public final class LatencyRecorder {
    private final EpochClock clock;
    private final LatencyHistogram sampleAge = new LatencyHistogram();
    private final LatencyHistogram delivery = new LatencyHistogram();
    private final LongAdder samples = new LongAdder();
    private final LongAdder notEpochBased = new LongAdder();

    public LatencyRecorder(EpochClock clock) {
        this.clock = clock;
    }

    /** A sample with device time {@code deviceTimeMicros} has just been processed. */
    public void sampleDone(long deviceTimeMicros) {
        samples.increment();
        if (EpochClock.isEpochBased(deviceTimeMicros)) {
            sampleAge.record(clock.nowMicros() - deviceTimeMicros);
        } else {
            notEpochBased.increment();
        }
    }

    /** The pipeline has processed a whole payload whose newest sample has device time {@code newestDeviceTimeMicros}. */
    public void payloadDone(long newestDeviceTimeMicros) {
        if (EpochClock.isEpochBased(newestDeviceTimeMicros)) {
            delivery.record(clock.nowMicros() - newestDeviceTimeMicros);
        }
    }

    public LatencyHistogram sampleAge() {
        return sampleAge;
    }

    public LatencyHistogram delivery() {
        return delivery;
    }

    /** Samples processed, epoch-based or not. */
    public long samples() {
        return samples.sum();
    }

    /** Samples processed whose device time was not epoch-based, so not measured. */
    public long notEpochBased() {
        return notEpochBased.sum();
    }
}
