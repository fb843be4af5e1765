package io.spinewatch.protocol;

/**
 * One IMU reading in physical units, in the sensor's own axes.
 *
 * <p>Decoders fill and hand out one reused instance, so a sample is valid only during the callback
 * that delivers it; call {@link #copy()} to keep it or to pass it to another thread. That reuse is
 * what keeps the decode path free of per-sample allocation.
 *
 * <p>Units: acceleration in m/s^2 (specific force: a sensor at rest reads +9.81 along the axis that
 * points up), angular rate in rad/s, magnetic field in microtesla, device time in microseconds of the
 * device's own clock (any origin, may wrap as documented by the decoder).
 */
public final class ImuSample {
    private long deviceId;
    private SensorSlot slot;
    private long seq;
    private long deviceTimeMicros;
    private double axMps2, ayMps2, azMps2;
    private double gxRadPerS, gyRadPerS, gzRadPerS;
    private boolean hasMag;
    private double mxMicroTesla, myMicroTesla, mzMicroTesla;

    /** Sets every field but the magnetometer, which becomes absent. */
    public ImuSample set(long deviceId, SensorSlot slot, long seq, long deviceTimeMicros,
                         double axMps2, double ayMps2, double azMps2,
                         double gxRadPerS, double gyRadPerS, double gzRadPerS) {
        this.deviceId = deviceId;
        this.slot = slot;
        this.seq = seq;
        this.deviceTimeMicros = deviceTimeMicros;
        this.axMps2 = axMps2;
        this.ayMps2 = ayMps2;
        this.azMps2 = azMps2;
        this.gxRadPerS = gxRadPerS;
        this.gyRadPerS = gyRadPerS;
        this.gzRadPerS = gzRadPerS;
        this.hasMag = false;
        this.mxMicroTesla = 0;
        this.myMicroTesla = 0;
        this.mzMicroTesla = 0;
        return this;
    }

    /** Adds a magnetometer reading to the sample set last. */
    public ImuSample setMag(double mxMicroTesla, double myMicroTesla, double mzMicroTesla) {
        this.hasMag = true;
        this.mxMicroTesla = mxMicroTesla;
        this.myMicroTesla = myMicroTesla;
        this.mzMicroTesla = mzMicroTesla;
        return this;
    }

    /** Marks the magnetometer reading absent. */
    public ImuSample clearMag() {
        this.hasMag = false;
        return this;
    }

    /** A new instance holding the same values, safe to keep. */
    public ImuSample copy() {
        ImuSample c = new ImuSample();
        c.copyFrom(this);
        return c;
    }

    /** Overwrites this instance with the values of {@code other}. */
    public ImuSample copyFrom(ImuSample other) {
        set(other.deviceId, other.slot, other.seq, other.deviceTimeMicros,
                other.axMps2, other.ayMps2, other.azMps2,
                other.gxRadPerS, other.gyRadPerS, other.gzRadPerS);
        if (other.hasMag) {
            setMag(other.mxMicroTesla, other.myMicroTesla, other.mzMicroTesla);
        }
        return this;
    }

    public long deviceId() { return deviceId; }
    public SensorSlot slot() { return slot; }
    public long seq() { return seq; }
    public long deviceTimeMicros() { return deviceTimeMicros; }
    public double axMps2() { return axMps2; }
    public double ayMps2() { return ayMps2; }
    public double azMps2() { return azMps2; }
    public double gxRadPerS() { return gxRadPerS; }
    public double gyRadPerS() { return gyRadPerS; }
    public double gzRadPerS() { return gzRadPerS; }
    public boolean hasMag() { return hasMag; }
    public double mxMicroTesla() { return mxMicroTesla; }
    public double myMicroTesla() { return myMicroTesla; }
    public double mzMicroTesla() { return mzMicroTesla; }

    @Override
    public String toString() {
        return "ImuSample[device=" + deviceId + ", slot=" + (slot == null ? "?" : slot.label()) + ", seq=" + seq
                + ", t_us=" + deviceTimeMicros
                + ", acc=(" + axMps2 + ", " + ayMps2 + ", " + azMps2 + ")"
                + ", gyro=(" + gxRadPerS + ", " + gyRadPerS + ", " + gzRadPerS + ")"
                + (hasMag ? ", mag=(" + mxMicroTesla + ", " + myMicroTesla + ", " + mzMicroTesla + ")" : "")
                + "]";
    }
}
