package io.spinewatch.loadgen;

import io.spinewatch.protocol.ImuBatch;
import io.spinewatch.protocol.NativeEncoder;
import io.spinewatch.protocol.SensorSlot;
import java.util.Objects;

/**
 * One generated wearer: its id, its three devices, which profile it loops and from where, and the device time of
 * its first sample. Round {@code r} is the {@code r}-th batch of every sensor; one MQTT message carries the three
 * frames of a round, as a wearer's gateway (a phone or a hub on the desk) would forward them.
 *
 * <p>Sample {@code j} of every sensor has sequence number {@code j} and device time
 * {@code firstSampleMicros + j * periodMicros}: with an epoch-based first time, the device clock is the wall clock,
 * which is what lets the monitor measure end-to-end latency.
 *
 * @param wearerId            the wearer's id in the topic tree
 * @param firstDeviceId       the device id of the upper sensor; mid and pelvis follow it
 * @param profile             the motion looped
 * @param profileOffset       sample of the profile this wearer starts at, so wearers sharing a profile differ
 * @param firstSampleMicros   device time of sample 0, microseconds (epoch-based for latency measurement)
 * @param periodMicros        time between samples, microseconds
 */
public record LoadWearer(String wearerId, long firstDeviceId, LoadProfile profile, long profileOffset,
                         long firstSampleMicros, long periodMicros) {
    public LoadWearer {
        Objects.requireNonNull(wearerId, "wearerId");
        Objects.requireNonNull(profile, "profile");
        if (firstDeviceId < 0 || firstDeviceId + SensorSlot.COUNT > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("firstDeviceId out of range: " + firstDeviceId);
        }
        if (firstSampleMicros < 0) throw new IllegalArgumentException("firstSampleMicros must be >= 0: " + firstSampleMicros);
        if (periodMicros < 1) throw new IllegalArgumentException("periodMicros must be >= 1: " + periodMicros);
    }

    /** Device time at which the last sample of round {@code round} is taken: when a device would send it. */
    public long dueMicros(long round, int batchSamples) {
        return firstSampleMicros + ((round + 1) * batchSamples - 1) * periodMicros;
    }

    /**
     * Writes round {@code round} (three native IMU batch frames of {@code batchSamples} each) into {@code out}
     * using {@code batch} and {@code encoder} as scratch; returns the bytes written. Allocates nothing.
     */
    public int encodeRound(long round, int batchSamples, ImuBatch batch, NativeEncoder encoder, byte[] out) {
        long firstSeq = round * batchSamples;
        long firstMicros = firstSampleMicros + firstSeq * periodMicros;
        int n = 0;
        for (SensorSlot slot : SLOTS) {
            batch.start(firstDeviceId + slot.ordinal(), slot, firstSeq & 0xFFFF_FFFFL, firstMicros, periodMicros,
                    LoadProfile.ACC_RANGE_G, LoadProfile.GYRO_RANGE_DPS).streamStart(round == 0);
            for (int i = 0; i < batchSamples; i++) {
                long k = profileOffset + firstSeq + i;
                batch.add(profile.count(slot, k, 0), profile.count(slot, k, 1), profile.count(slot, k, 2),
                        profile.count(slot, k, 3), profile.count(slot, k, 4), profile.count(slot, k, 5));
            }
            n += encoder.imuBatch(batch, out, n);
        }
        return n;
    }

    private static final SensorSlot[] SLOTS = SensorSlot.values();
}
