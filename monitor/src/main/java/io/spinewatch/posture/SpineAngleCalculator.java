package io.spinewatch.posture;

import io.spinewatch.fusion.Quat;
import io.spinewatch.fusion.Vec3;
import io.spinewatch.protocol.SensorSlot;

/**
 * Spine angles from the sensors' gravity directions and a {@link Calibration}, allocation-free.
 *
 * <p>Each segment's sagittal inclination comes from its own up direction alone: {@code g_b = C g_s}, with
 * {@code g_s} the filter's up axis in sensor axes and {@code C} the calibrated sensor-to-body rotation, and
 * {@code theta = atan2(-g_b.x, hypot(g_b.y, g_b.z))}, the forward pitch of a flexion-then-lateral-bend (Cardan)
 * decomposition. Gravity carries no heading, so a whole-body turn and the filters' independent heading drift
 * change nothing. Relative angles are differences of inclinations: lumbar = mid - pelvis, thoracic = upper -
 * mid, pelvic tilt = -pelvis (posterior +), trunk lean = upper.
 *
 * <p>Not thread-safe; one per wearer.
 */
public final class SpineAngleCalculator {
    private final double[][] rows = new double[SensorSlot.COUNT][9];
    private final double[] inclinationDeg = new double[SensorSlot.COUNT];
    private final double[] headingDeg = new double[SensorSlot.COUNT];
    private int calibrated;
    private int fresh;
    private final Vec3 fwdEarth = new Vec3();
    private final Vec3 fwdSensor = new Vec3();

    /** Uses {@code calibration} from now on; null forgets the calibration. */
    public void setCalibration(Calibration calibration) {
        calibrated = 0;
        fresh = 0;
        if (calibration == null) return;
        for (SensorMounting m : calibration.mountings()) {
            m.matrix(rows[m.slot().ordinal()]);
            calibrated |= 1 << m.slot().ordinal();
        }
    }

    /** The calibrated sensors ({@link SensorSet} mask). */
    public int calibratedMask() {
        return calibrated;
    }

    /** Clears the per-instant inputs; call before the {@code update} calls of one instant. */
    public void beginInstant() {
        fresh = 0;
    }

    /**
     * The up direction of one calibrated sensor, in sensor axes (unit; {@link io.spinewatch.fusion.OrientationFilter#gravityDirection}),
     * and its orientation (for the heading of its forward axis, used only for the rotation signal).
     */
    public void update(SensorSlot slot, Vec3 upInSensor, Quat orientation) {
        int i = slot.ordinal();
        if ((calibrated & (1 << i)) == 0) return;
        double[] r = rows[i];
        double gx = r[0] * upInSensor.x + r[1] * upInSensor.y + r[2] * upInSensor.z;
        double gy = r[3] * upInSensor.x + r[4] * upInSensor.y + r[5] * upInSensor.z;
        double gz = r[6] * upInSensor.x + r[7] * upInSensor.y + r[8] * upInSensor.z;
        inclinationDeg[i] = Math.toDegrees(Math.atan2(-gx, Math.sqrt(gy * gy + gz * gz)));
        if (orientation != null) {
            fwdSensor.set(r[0], r[1], r[2]);
            orientation.rotate(fwdSensor, fwdEarth);
            headingDeg[i] = Math.toDegrees(Math.atan2(fwdEarth.y, fwdEarth.x));
        } else {
            headingDeg[i] = Double.NaN;
        }
        fresh |= 1 << i;
    }

    /** Sensors updated in this instant ({@link SensorSet} mask). */
    public int freshMask() {
        return fresh;
    }

    /** Forward inclination of the segment carrying {@code slot}, deg from neutral, NaN when not updated. */
    public double inclinationDeg(SensorSlot slot) {
        return (fresh & (1 << slot.ordinal())) != 0 ? inclinationDeg[slot.ordinal()] : Double.NaN;
    }

    /** Heading of the segment's forward axis in that sensor's own earth frame (arbitrary origin), deg; NaN when not updated. */
    public double headingDeg(SensorSlot slot) {
        return (fresh & (1 << slot.ordinal())) != 0 ? headingDeg[slot.ordinal()] : Double.NaN;
    }

    public double lumbarFlexionDeg() {
        return inclinationDeg(SensorSlot.MID) - inclinationDeg(SensorSlot.PELVIS);
    }

    public double thoracicFlexionDeg() {
        return inclinationDeg(SensorSlot.UPPER) - inclinationDeg(SensorSlot.MID);
    }

    public double pelvicTiltDeg() {
        return -inclinationDeg(SensorSlot.PELVIS);
    }

    public double trunkLeanDeg() {
        return inclinationDeg(SensorSlot.UPPER);
    }

    /** Flexion of the whole spine between pelvis and upper trunk (lumbar + thoracic), deg. */
    public double spineFlexionDeg() {
        return inclinationDeg(SensorSlot.UPPER) - inclinationDeg(SensorSlot.PELVIS);
    }

    /** The current angles as a record (allocates; for events that leave the pipeline). */
    public SpineAngles snapshot(double tSeconds) {
        return new SpineAngles(tSeconds, lumbarFlexionDeg(), thoracicFlexionDeg(), pelvicTiltDeg(), trunkLeanDeg());
    }
}
