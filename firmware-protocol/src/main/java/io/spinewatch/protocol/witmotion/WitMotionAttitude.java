package io.spinewatch.protocol.witmotion;

/**
 * The orientation a WitMotion sensor computed itself: its Euler angles (packet 0x53 or the combined
 * 0x61) and its quaternion (0x59), each with the sequence number of the sample group it came with.
 *
 * <p>Like {@link io.spinewatch.protocol.ImuSample}, the decoder fills and hands out one reused
 * instance; {@link #copy()} keeps it. Angles are in degrees as the sensor reports them (roll about x,
 * pitch about y, yaw about z, vendor convention, with pitch within +-90). The quaternion is
 * scalar-first ({@code q0} is the scalar part) and is not renormalised.
 */
public final class WitMotionAttitude {
    private boolean hasAngle;
    private long angleSeq;
    private double rollDeg, pitchDeg, yawDeg;
    private boolean hasQuaternion;
    private long quaternionSeq;
    private double q0, q1, q2, q3;

    void setAngle(long seq, double rollDeg, double pitchDeg, double yawDeg) {
        this.hasAngle = true;
        this.angleSeq = seq;
        this.rollDeg = rollDeg;
        this.pitchDeg = pitchDeg;
        this.yawDeg = yawDeg;
    }

    void setQuaternion(long seq, double q0, double q1, double q2, double q3) {
        this.hasQuaternion = true;
        this.quaternionSeq = seq;
        this.q0 = q0;
        this.q1 = q1;
        this.q2 = q2;
        this.q3 = q3;
    }

    /** A new instance holding the same values, safe to keep. */
    public WitMotionAttitude copy() {
        WitMotionAttitude c = new WitMotionAttitude();
        c.hasAngle = hasAngle;
        c.angleSeq = angleSeq;
        c.rollDeg = rollDeg;
        c.pitchDeg = pitchDeg;
        c.yawDeg = yawDeg;
        c.hasQuaternion = hasQuaternion;
        c.quaternionSeq = quaternionSeq;
        c.q0 = q0;
        c.q1 = q1;
        c.q2 = q2;
        c.q3 = q3;
        return c;
    }

    /** Whether an angle packet has arrived yet. */
    public boolean hasAngle() { return hasAngle; }
    /** The sequence number the angle shares with the sample of its group (the next one if it came first). */
    public long angleSeq() { return angleSeq; }
    public double rollDeg() { return rollDeg; }
    public double pitchDeg() { return pitchDeg; }
    public double yawDeg() { return yawDeg; }

    /** Whether a quaternion packet has arrived yet. */
    public boolean hasQuaternion() { return hasQuaternion; }
    /** The sequence number the quaternion shares with the sample of its group (the next one if it came first). */
    public long quaternionSeq() { return quaternionSeq; }
    public double q0() { return q0; }
    public double q1() { return q1; }
    public double q2() { return q2; }
    public double q3() { return q3; }

    @Override
    public String toString() {
        return "WitMotionAttitude["
                + (hasAngle ? "seq=" + angleSeq + " rpy_deg=(" + rollDeg + ", " + pitchDeg + ", " + yawDeg + ")" : "no angle")
                + ", " + (hasQuaternion ? "seq=" + quaternionSeq + " q=(" + q0 + ", " + q1 + ", " + q2 + ", " + q3 + ")" : "no quaternion")
                + "]";
    }
}
