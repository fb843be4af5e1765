package io.spinewatch.latency;

import java.time.Instant;

/**
 * Wall-clock microseconds since the Unix epoch without allocating: the wall clock is read once (to the
 * microsecond) and time then advances by {@link System#nanoTime()}. Two processes on one machine that each anchor
 * one agree to well under a millisecond over a test run (both count the same monotonic clock; only the wall
 * clock's slewing between their two anchors separates them), which is what end-to-end latency between a load
 * generator and the monitor needs.
 */
public final class EpochClock {
    /** Device times from this instant on (2017-07-14) are taken to be epoch-based rather than since boot. */
    public static final long EPOCH_BASED_FROM_MICROS = 1_500_000_000_000_000L;

    private final long anchorMicros;
    private final long anchorNanos;

    public EpochClock() {
        Instant now = Instant.now();
        this.anchorNanos = System.nanoTime();
        this.anchorMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Microseconds since 1970-01-01T00:00Z. */
    public long nowMicros() {
        return anchorMicros + (System.nanoTime() - anchorNanos) / 1_000;
    }

    /** Whether a device time reads as wall-clock microseconds since the epoch (not microseconds since boot). */
    public static boolean isEpochBased(long deviceTimeMicros) {
        return deviceTimeMicros >= EPOCH_BASED_FROM_MICROS;
    }
}
