package io.spinewatch.ingest;

import io.spinewatch.protocol.ImuBatch;
import io.spinewatch.protocol.NativeEncoder;
import io.spinewatch.protocol.SensorSlot;

/** Native frames for transport tests: one-sample batches whose values follow from the sequence number. */
public final class Frames {
    public static final long DEVICE_ID = 0x00C0FFEEL;
    public static final long PERIOD_MICROS = 10_000;

    private Frames() {
    }

    /** A one-sample batch of {@code slot} with sequence {@code seq}, time {@code seq} periods, acc x = seq. */
    public static byte[] sample(SensorSlot slot, long seq) {
        ImuBatch b = new ImuBatch().start(DEVICE_ID, slot, seq, seq * PERIOD_MICROS, PERIOD_MICROS, 16, 2000);
        b.add((short) (seq % 30000), (short) -40, (short) 2048, (short) 3, (short) -2, (short) 1);
        return new NativeEncoder().imuBatch(b);
    }

    /** The raw acceleration x count {@link #sample} puts in sample {@code seq}, in m/s^2. */
    public static double accX(long seq) {
        return (seq % 30000) * 16 * 9.80665 / 32768;
    }
}
