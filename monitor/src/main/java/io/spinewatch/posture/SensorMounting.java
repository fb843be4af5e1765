package io.spinewatch.posture;

import io.spinewatch.fusion.Quat;
import io.spinewatch.protocol.SensorSlot;

/**
 * How one sensor sits on its segment: the rotation from sensor axes to the segment's calibrated body frame
 * (x forward, y to the wearer's left, z up at the calibrated neutral), scalar-first unit quaternion.
 *
 * @param slot where the sensor is worn
 * @param qw scalar part of the sensor-to-body rotation
 * @param qx x part
 * @param qy y part
 * @param qz z part
 * @param hingeDeg largest tilt of the sensor seen during the calibration hinge, degrees (0 when none)
 * @param outOfPlaneDeg RMS tilt of the sensor out of the sagittal plane during the hinge, degrees: large
 *     values mean the hinge was not a clean forward bend
 * @param sagittalAssumed true when no hinge was seen and the sagittal plane was guessed (see docs/posture.md)
 */
public record SensorMounting(SensorSlot slot, double qw, double qx, double qy, double qz,
                             double hingeDeg, double outOfPlaneDeg, boolean sagittalAssumed) {
    public SensorMounting {
        if (slot == null) throw new IllegalArgumentException("slot is required");
        double n = Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
        if (!(Math.abs(n - 1) < 1e-3)) throw new IllegalArgumentException("quaternion must be unit: " + n);
        if (!(hingeDeg >= 0 && hingeDeg <= 180)) throw new IllegalArgumentException("hingeDeg must be in 0..180: " + hingeDeg);
        if (!(outOfPlaneDeg >= 0 && outOfPlaneDeg <= 180)) throw new IllegalArgumentException("outOfPlaneDeg must be in 0..180: " + outOfPlaneDeg);
        qw /= n;
        qx /= n;
        qy /= n;
        qz /= n;
    }

    /** The sensor-to-body rotation as a quaternion, into out. */
    public Quat rotation(Quat out) {
        return out.set(qw, qx, qy, qz);
    }

    /**
     * The rotation matrix (row-major) of the sensor-to-body rotation: row 0 is the body's forward axis in
     * sensor axes, row 1 its left axis, row 2 its up axis.
     */
    public void matrix(double[] out9) {
        double w = qw, x = qx, y = qy, z = qz;
        out9[0] = 1 - 2 * (y * y + z * z);
        out9[1] = 2 * (x * y - w * z);
        out9[2] = 2 * (x * z + w * y);
        out9[3] = 2 * (x * y + w * z);
        out9[4] = 1 - 2 * (x * x + z * z);
        out9[5] = 2 * (y * z - w * x);
        out9[6] = 2 * (x * z - w * y);
        out9[7] = 2 * (y * z + w * x);
        out9[8] = 1 - 2 * (x * x + y * y);
    }

    /** The mounting whose rotation matrix has the given rows (forward, left, up in sensor axes; orthonormal, right-handed). */
    public static SensorMounting fromRows(SensorSlot slot, double[] m, double hingeDeg, double outOfPlaneDeg, boolean assumed) {
        // Shepperd's method: pick the largest of w, x, y, z to divide by.
        double tr = m[0] + m[4] + m[8];
        double w, x, y, z;
        if (tr > 0) {
            double s = Math.sqrt(tr + 1) * 2;
            w = s / 4;
            x = (m[7] - m[5]) / s;
            y = (m[2] - m[6]) / s;
            z = (m[3] - m[1]) / s;
        } else if (m[0] > m[4] && m[0] > m[8]) {
            double s = Math.sqrt(1 + m[0] - m[4] - m[8]) * 2;
            w = (m[7] - m[5]) / s;
            x = s / 4;
            y = (m[1] + m[3]) / s;
            z = (m[2] + m[6]) / s;
        } else if (m[4] > m[8]) {
            double s = Math.sqrt(1 + m[4] - m[0] - m[8]) * 2;
            w = (m[2] - m[6]) / s;
            x = (m[1] + m[3]) / s;
            y = s / 4;
            z = (m[5] + m[7]) / s;
        } else {
            double s = Math.sqrt(1 + m[8] - m[0] - m[4]) * 2;
            w = (m[3] - m[1]) / s;
            x = (m[2] + m[6]) / s;
            y = (m[5] + m[7]) / s;
            z = s / 4;
        }
        if (w < 0) {
            w = -w;
            x = -x;
            y = -y;
            z = -z;
        }
        return new SensorMounting(slot, w, x, y, z, Math.min(180, hingeDeg), Math.min(180, outOfPlaneDeg), assumed);
    }
}
