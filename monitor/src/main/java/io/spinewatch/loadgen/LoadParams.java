package io.spinewatch.loadgen;

import java.util.Objects;

/**
 * What a load run publishes.
 *
 * @param brokerUri      the MQTT broker, tcp://HOST:PORT
 * @param topicRoot      topic root; wearers publish on {@code <root>/<wearer>/imu}
 * @param wearers        simulated wearers, 1..100000
 * @param rateHz         samples per second per sensor, 10..1000. Default {@value #DEFAULT_RATE_HZ}: the simulator's
 *                       and the firmware's rate
 * @param batchSamples   samples per frame, 1..64 (the protocol's maximum). Default {@value #DEFAULT_BATCH_SAMPLES}:
 *                       100 ms at 100 Hz; more samples per message lift the broker's limit and add batching delay
 * @param connections    MQTT client connections the wearers are spread over, 1..64, each with its own thread
 * @param seed           seed of the motion profiles
 * @param profiles       distinct simulated wearers looped, 1..64. Default {@value #DEFAULT_PROFILES}
 * @param profileSeconds length of each profile before it loops, s. Default {@value #DEFAULT_PROFILE_SECONDS}
 * @param rampSeconds    wearers join evenly over this many seconds rather than all at once, 0..3600 (0: all at
 *                       the start, as after a monitor or broker restart)
 */
public record LoadParams(String brokerUri, String topicRoot, int wearers, double rateHz, int batchSamples,
                         int connections, long seed, int profiles, double profileSeconds, double rampSeconds) {
    public static final double DEFAULT_RATE_HZ = 100;
    public static final int DEFAULT_BATCH_SAMPLES = 10;
    public static final int DEFAULT_PROFILES = 4;
    public static final double DEFAULT_PROFILE_SECONDS = 120;
    /** Wearers per connection when the count is not given: a Paho client's sender thread handles that easily. */
    public static final int WEARERS_PER_CONNECTION = 500;

    public LoadParams {
        Objects.requireNonNull(brokerUri, "brokerUri");
        Objects.requireNonNull(topicRoot, "topicRoot");
        if (wearers < 1 || wearers > 100_000) throw new IllegalArgumentException("wearers must be in 1..100000: " + wearers);
        if (!(rateHz >= 10 && rateHz <= 1000)) throw new IllegalArgumentException("rate must be in 10..1000 Hz: " + rateHz);
        if (batchSamples < 1 || batchSamples > 64) throw new IllegalArgumentException("batch must be in 1..64: " + batchSamples);
        if (connections < 1 || connections > 64) throw new IllegalArgumentException("connections must be in 1..64: " + connections);
        if (profiles < 1 || profiles > 64) throw new IllegalArgumentException("profiles must be in 1..64: " + profiles);
        if (!(profileSeconds >= 1 && profileSeconds <= 3600)) {
            throw new IllegalArgumentException("profileSeconds must be in 1..3600: " + profileSeconds);
        }
        if (!(rampSeconds >= 0 && rampSeconds <= 3600)) throw new IllegalArgumentException("rampSeconds must be in 0..3600: " + rampSeconds);
    }

    /** Connections for {@code wearers} when not given: one per {@value #WEARERS_PER_CONNECTION} wearers, 1..16. */
    public static int connectionsFor(int wearers) {
        return Math.max(1, Math.min(16, (wearers + WEARERS_PER_CONNECTION - 1) / WEARERS_PER_CONNECTION));
    }

    /** Time between two samples of a sensor, microseconds. */
    public long periodMicros() {
        return Math.round(1e6 / rateHz);
    }

    /** Messages per second over all wearers (one per wearer per batch). */
    public double messagesPerSecond() {
        return wearers * rateHz / batchSamples;
    }
}
