package io.spinewatch.protocol;

import static io.spinewatch.protocol.NativeProtocol.MAX_SAMPLES_PER_BATCH;

/**
 * A batch of raw IMU readings from one sensor as firmware sends them: consecutive sequence numbers,
 * evenly spaced device times, int16 counts with the declared full-scale ranges.
 *
 * <p>Mutable and reusable, like {@link ImuSample}: an encoder's caller fills one instance per frame
 * with {@link #start} and {@link #add}, so encoding allocates nothing. Not thread-safe.
 */
public final class ImuBatch {
    private static final int AXES = 9;

    private long deviceId;
    private SensorSlot slot = SensorSlot.UPPER;
    private boolean streamStart;
    private boolean hasMag;
    private long firstSeq;
    private long firstTimeMicros;
    private long samplePeriodMicros;
    private int accRangeG = 16;
    private int gyroRangeDps = 2000;
    private int magRangeMicroTesla;
    private int count;
    private final short[] raw = new short[MAX_SAMPLES_PER_BATCH * AXES];

    /**
     * Clears the batch and sets its header; samples follow with {@link #add}.
     *
     * @param deviceId 32-bit device id
     * @param firstSeq sequence number of the first sample, 0..2^32-1; later samples count up from it, wrapping
     * @param firstTimeMicros device time of the first sample, microseconds, 0..2^63-1
     * @param samplePeriodMicros time between samples, 0..2^32-1 microseconds
     * @param accRangeG accelerometer full scale +-g, 1..65535 (typically 2, 4, 8 or 16)
     * @param gyroRangeDps gyroscope full scale +-deg/s, 1..65535 (typically 125 to 2000)
     */
    public ImuBatch start(long deviceId, SensorSlot slot, long firstSeq, long firstTimeMicros, long samplePeriodMicros,
                          int accRangeG, int gyroRangeDps) {
        Checks.u32("deviceId", deviceId);
        if (slot == null) {
            throw new IllegalArgumentException("slot must not be null");
        }
        Checks.u32("firstSeq", firstSeq);
        Checks.range("firstTimeMicros", firstTimeMicros, 0, Long.MAX_VALUE);
        Checks.u32("samplePeriodMicros", samplePeriodMicros);
        Checks.range("accRangeG", accRangeG, 1, 0xFFFF);
        Checks.range("gyroRangeDps", gyroRangeDps, 1, 0xFFFF);
        this.deviceId = deviceId;
        this.slot = slot;
        this.firstSeq = firstSeq;
        this.firstTimeMicros = firstTimeMicros;
        this.samplePeriodMicros = samplePeriodMicros;
        this.accRangeG = accRangeG;
        this.gyroRangeDps = gyroRangeDps;
        this.streamStart = false;
        this.hasMag = false;
        this.magRangeMicroTesla = 0;
        this.count = 0;
        return this;
    }

    /** Declares a magnetometer with full scale +-{@code magRangeMicroTesla} (1..65535); call before the first {@link #add}. */
    public ImuBatch withMag(int magRangeMicroTesla) {
        Checks.range("magRangeMicroTesla", magRangeMicroTesla, 1, 0xFFFF);
        if (count != 0) {
            throw new IllegalStateException("declare the magnetometer before adding samples");
        }
        this.hasMag = true;
        this.magRangeMicroTesla = magRangeMicroTesla;
        return this;
    }

    /** Marks this batch as the first since boot or since streaming started (its sequence restarts). */
    public ImuBatch streamStart(boolean streamStart) {
        this.streamStart = streamStart;
        return this;
    }

    /** Appends a sample without magnetometer (the batch must not declare one). */
    public ImuBatch add(short ax, short ay, short az, short gx, short gy, short gz) {
        if (hasMag) {
            throw new IllegalStateException("this batch declares a magnetometer: add its reading too");
        }
        return put(ax, ay, az, gx, gy, gz, (short) 0, (short) 0, (short) 0);
    }

    /** Appends a sample with magnetometer (the batch must declare one with {@link #withMag}). */
    public ImuBatch add(short ax, short ay, short az, short gx, short gy, short gz, short mx, short my, short mz) {
        if (!hasMag) {
            throw new IllegalStateException("this batch declares no magnetometer");
        }
        return put(ax, ay, az, gx, gy, gz, mx, my, mz);
    }

    private ImuBatch put(short ax, short ay, short az, short gx, short gy, short gz, short mx, short my, short mz) {
        if (count == MAX_SAMPLES_PER_BATCH) {
            throw new IllegalStateException("a batch holds at most " + MAX_SAMPLES_PER_BATCH + " samples");
        }
        int p = count * AXES;
        raw[p] = ax;
        raw[p + 1] = ay;
        raw[p + 2] = az;
        raw[p + 3] = gx;
        raw[p + 4] = gy;
        raw[p + 5] = gz;
        raw[p + 6] = mx;
        raw[p + 7] = my;
        raw[p + 8] = mz;
        count++;
        return this;
    }

    public long deviceId() { return deviceId; }
    public SensorSlot slot() { return slot; }
    public boolean streamStart() { return streamStart; }
    public boolean hasMag() { return hasMag; }
    public long firstSeq() { return firstSeq; }
    public long firstTimeMicros() { return firstTimeMicros; }
    public long samplePeriodMicros() { return samplePeriodMicros; }
    public int accRangeG() { return accRangeG; }
    public int gyroRangeDps() { return gyroRangeDps; }
    public int magRangeMicroTesla() { return magRangeMicroTesla; }
    public int count() { return count; }

    /** Raw count of sample {@code index}, {@code axis} 0..8 = ax, ay, az, gx, gy, gz, mx, my, mz. */
    public short raw(int index, int axis) {
        if (index < 0 || index >= count || axis < 0 || axis >= AXES) {
            throw new IndexOutOfBoundsException("sample " + index + " axis " + axis + " of " + count);
        }
        return raw[index * AXES + axis];
    }

    /** Sequence number of sample {@code index} (wraps at 2^32). */
    public long seq(int index) {
        return (firstSeq + index) & 0xFFFF_FFFFL;
    }

    /** Device time of sample {@code index}, microseconds. */
    public long timeMicros(int index) {
        return firstTimeMicros + index * samplePeriodMicros;
    }

    /** Fills {@code out} with sample {@code index} in physical units, exactly as a decoder delivers it. */
    public ImuSample sample(int index, ImuSample out) {
        double acc = NativeProtocol.accMps2PerCount(accRangeG);
        double gyro = NativeProtocol.gyroRadPerSPerCount(gyroRangeDps);
        out.set(deviceId, slot, seq(index), timeMicros(index),
                raw(index, 0) * acc, raw(index, 1) * acc, raw(index, 2) * acc,
                raw(index, 3) * gyro, raw(index, 4) * gyro, raw(index, 5) * gyro);
        if (hasMag) {
            double mag = NativeProtocol.magMicroTeslaPerCount(magRangeMicroTesla);
            out.setMag(raw(index, 6) * mag, raw(index, 7) * mag, raw(index, 8) * mag);
        }
        return out;
    }
}
