package io.spinewatch.ingest;

import java.util.Random;

/**
 * How long a source waits before each reconnection attempt: exponential growth from
 * {@code initialMillis} to {@code maxMillis}, each delay spread by a random factor so that many
 * monitors (or many wearers' devices) do not retry in lock step after a broker or hub restarts.
 *
 * <p>Attempt n (from 0) waits {@code min(maxMillis, initialMillis * multiplier^n)} scaled by a
 * uniform factor in {@code [1 - jitterFraction, 1 + jitterFraction]}, never more than {@code maxMillis}.
 *
 * @param initialMillis first delay. Default {@value #DEFAULT_INITIAL_MILLIS} ms: a USB serial adapter
 *     that re-enumerates, or a broker restarted by systemd, is usually back within a second.
 * @param maxMillis the delay stops growing here. Default {@value #DEFAULT_MAX_MILLIS} ms: a monitor
 *     notices a returning device within half a minute, yet retries cost nothing noticeable.
 * @param multiplier growth per failed attempt, 1..10. Default {@value #DEFAULT_MULTIPLIER}: the usual
 *     doubling (also Paho's own automatic reconnect).
 * @param jitterFraction relative spread, 0..1; 0 is exact. Default {@value #DEFAULT_JITTER_FRACTION}.
 */
public record Backoff(long initialMillis, long maxMillis, double multiplier, double jitterFraction) {
    public static final long DEFAULT_INITIAL_MILLIS = 250;
    public static final long DEFAULT_MAX_MILLIS = 30_000;
    public static final double DEFAULT_MULTIPLIER = 2;
    public static final double DEFAULT_JITTER_FRACTION = 0.2;

    public static final Backoff DEFAULT = new Backoff(DEFAULT_INITIAL_MILLIS, DEFAULT_MAX_MILLIS,
            DEFAULT_MULTIPLIER, DEFAULT_JITTER_FRACTION);

    public Backoff {
        if (initialMillis < 1 || initialMillis > 3_600_000) {
            throw new IllegalArgumentException("initialMillis must be in 1..3600000: " + initialMillis);
        }
        if (maxMillis < initialMillis || maxMillis > 3_600_000) {
            throw new IllegalArgumentException("maxMillis must be in initialMillis..3600000: " + maxMillis);
        }
        if (!(multiplier >= 1 && multiplier <= 10)) {
            throw new IllegalArgumentException("multiplier must be in 1..10: " + multiplier);
        }
        if (!(jitterFraction >= 0 && jitterFraction <= 1)) {
            throw new IllegalArgumentException("jitterFraction must be in 0..1: " + jitterFraction);
        }
    }

    /** The delay before attempt {@code attempt} (0 for the first retry), drawing the jitter from {@code random}. */
    public long delayMillis(int attempt, Random random) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0: " + attempt);
        }
        double base = initialMillis * Math.pow(multiplier, Math.min(attempt, 64));
        base = Math.min(base, maxMillis);
        double factor = jitterFraction == 0 ? 1 : 1 + jitterFraction * (2 * random.nextDouble() - 1);
        return Math.max(1, Math.min(maxMillis, Math.round(base * factor)));
    }

    /** A fresh sequence of delays, reproducible for a given seed. */
    public Schedule schedule(long seed) {
        return new Schedule(this, new Random(seed));
    }

    /** Successive delays of one source; {@link #reset()} after a successful connection. Not thread-safe. */
    public static final class Schedule {
        private final Backoff backoff;
        private final Random random;
        private int attempt;

        Schedule(Backoff backoff, Random random) {
            this.backoff = backoff;
            this.random = random;
        }

        /** The delay before the next attempt; each call counts one more failed attempt. */
        public long nextDelayMillis() {
            long d = backoff.delayMillis(attempt, random);
            if (attempt < Integer.MAX_VALUE) {
                attempt++;
            }
            return d;
        }

        /** Failed attempts since the last reset. */
        public int attempts() {
            return attempt;
        }

        public void reset() {
            attempt = 0;
        }
    }
}
