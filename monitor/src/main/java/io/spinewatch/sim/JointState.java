package io.spinewatch.sim;

/**
 * The value, rate and acceleration of every {@link Coordinate} at one instant: a mutable holder that
 * timelines fill and {@link BodyModel} reads, reused across samples.
 */
public final class JointState {
    /** Values indexed by {@link Coordinate#ordinal()} (rad or m). */
    public final double[] value = new double[Coordinate.COUNT];
    /** First time derivatives (rad/s or m/s). */
    public final double[] rate = new double[Coordinate.COUNT];
    /** Second time derivatives (rad/s^2 or m/s^2). */
    public final double[] acceleration = new double[Coordinate.COUNT];

    public double value(Coordinate c) {
        return value[c.ordinal()];
    }

    public double rate(Coordinate c) {
        return rate[c.ordinal()];
    }

    public double acceleration(Coordinate c) {
        return acceleration[c.ordinal()];
    }

    /** Sets one coordinate's value, rate and acceleration. */
    public JointState set(Coordinate c, double value, double rate, double acceleration) {
        this.value[c.ordinal()] = value;
        this.rate[c.ordinal()] = rate;
        this.acceleration[c.ordinal()] = acceleration;
        return this;
    }

    /** All values, rates and accelerations zero: sitting tall, still, base at the origin. */
    public JointState clear() {
        java.util.Arrays.fill(value, 0);
        java.util.Arrays.fill(rate, 0);
        java.util.Arrays.fill(acceleration, 0);
        return this;
    }

    public JointState copyFrom(JointState o) {
        System.arraycopy(o.value, 0, value, 0, value.length);
        System.arraycopy(o.rate, 0, rate, 0, rate.length);
        System.arraycopy(o.acceleration, 0, acceleration, 0, acceleration.length);
        return this;
    }

    /** Pelvic tilt as design.md defines it (+ posterior), degrees relative to neutral. */
    public double pelvicTiltDeg() {
        return -Math.toDegrees(value[Coordinate.PELVIS_PITCH.ordinal()]);
    }

    public double lumbarFlexionDeg() {
        return Math.toDegrees(value[Coordinate.LUMBAR_FLEXION.ordinal()]);
    }

    public double thoracicFlexionDeg() {
        return Math.toDegrees(value[Coordinate.THORACIC_FLEXION.ordinal()]);
    }

    /**
     * Trunk lean of the {@code upper} segment relative to gravity, degrees relative to neutral: the sum
     * of the sagittal pitches along the chain (lateral bend and twist are separate coordinates).
     */
    public double trunkLeanDeg() {
        return Math.toDegrees(value[Coordinate.PELVIS_PITCH.ordinal()] + value[Coordinate.LUMBAR_FLEXION.ordinal()]
                + value[Coordinate.THORACIC_FLEXION.ordinal()]);
    }
}
