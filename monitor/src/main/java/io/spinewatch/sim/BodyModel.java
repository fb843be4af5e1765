package io.spinewatch.sim;

import io.spinewatch.fusion.Quat;
import io.spinewatch.fusion.Vec3;
import io.spinewatch.protocol.SensorSlot;

/**
 * Exact rigid-body kinematics of the seated (or standing, walking) trunk: from a {@link JointState}
 * to each segment's orientation, angular velocity and angular acceleration, and each sensor mount's
 * position and acceleration, all in the earth frame (z up), all analytic.
 *
 * <p>The chain is a sequence of elementary rotations, each about an axis fixed in its parent frame:
 * <pre>
 *   heading frame = Rz(HEADING)                                    origin: base point B
 *   pelvis        = heading . Ry(PELVIS_PITCH) . Rx(PELVIS_ROLL)   origin: hip H = B + heading . hipFromBase
 *   lumbar (mid)  = pelvis . Ry(neutralLumbar + LUMBAR_FLEXION) . Rx(LUMBAR_BEND) . Rz(LUMBAR_TWIST)
 *                                                                  origin: L5/S1 = H + pelvis . lumbosacralFromHip
 *   thoracic (upper) = lumbar . Ry(neutralThoracic + THORACIC_FLEXION) . Rx(THORACIC_BEND) . Rz(THORACIC_TWIST)
 *                                                                  origin: T12/L1 = L5/S1 + lumbar . (0, 0, lumbarLength)
 * </pre>
 * A rotation by angle {@code a} about a parent-fixed unit axis {@code u} (in earth axes) updates the
 * rates exactly: {@code omega' = omega + a' u} and {@code alpha' = alpha + a'' u + a' (omega x u)}; a point
 * at offset {@code d} (earth axes) from a frame origin accelerates by
 * {@code a_origin + alpha x d + omega x (omega x d)}. No numerical differentiation is involved, so the
 * only error is floating-point rounding (about 1e-15 relative).
 *
 * <p>Sensor outputs follow from there: the accelerometer reads the specific force
 * {@code R^T (a_mount - g)} with {@code g = (0, 0, -}{@value #GRAVITY_MPS2}{@code )}, the gyroscope reads
 * {@code R^T omega_segment}, where {@code R} is the sensor-to-earth rotation segment . mounting.
 * Not thread-safe; allocation-free after construction.
 */
public final class BodyModel {
    /** Standard gravity, m/s^2 (CGPM 1901); the simulated earth is flat with uniform gravity. */
    public static final double GRAVITY_MPS2 = 9.80665;

    private static final int PELVIS = 0;
    private static final int LUMBAR = 1;
    private static final int THORACIC = 2;

    private final BodyGeometry geometry;
    private final double neutralLumbarRad;
    private final double neutralThoracicRad;
    private final Vec3 hipFromBase;
    private final Vec3 lumbosacralFromHip;
    private final Vec3 lumbarTop;
    private final Vec3[] mountOffset = new Vec3[3];

    private final Quat[] q = {new Quat(), new Quat(), new Quat()};
    private final Vec3[] omega = {new Vec3(), new Vec3(), new Vec3()};
    private final Vec3[] alpha = {new Vec3(), new Vec3(), new Vec3()};
    private final Vec3[] originPos = {new Vec3(), new Vec3(), new Vec3()};
    private final Vec3[] originAcc = {new Vec3(), new Vec3(), new Vec3()};
    private final Vec3[] mountPos = {new Vec3(), new Vec3(), new Vec3()};
    private final Vec3[] mountAcc = {new Vec3(), new Vec3(), new Vec3()};

    private final Quat frameQ = new Quat();
    private final Vec3 frameW = new Vec3();
    private final Vec3 frameA = new Vec3();
    private final Vec3 basePos = new Vec3();
    private final Vec3 baseAcc = new Vec3();
    private final Vec3 d = new Vec3();
    private final Vec3 tmp = new Vec3();
    private final Quat sensorQ = new Quat();

    public BodyModel(BodyGeometry geometry) {
        this.geometry = geometry;
        this.neutralLumbarRad = Math.toRadians(geometry.neutralLumbarDeg());
        this.neutralThoracicRad = Math.toRadians(geometry.neutralThoracicDeg());
        this.hipFromBase = vec(geometry.hipFromBase());
        this.lumbosacralFromHip = vec(geometry.lumbosacralFromHip());
        this.lumbarTop = new Vec3(0, 0, geometry.lumbarLengthM());
        mountOffset[PELVIS] = vec(geometry.pelvisMount());
        mountOffset[LUMBAR] = vec(geometry.midMount());
        mountOffset[THORACIC] = vec(geometry.upperMount());
    }

    private static Vec3 vec(BodyGeometry.Offset o) {
        return new Vec3(o.xM(), o.yM(), o.zM());
    }

    public BodyGeometry geometry() {
        return geometry;
    }

    /** Computes every output for the instant described by {@code s}. */
    public void evaluate(JointState s) {
        evaluate(s, SensorSlot.UPPER);
    }

    /**
     * Computes the outputs of the segments up to the one carrying {@code slot} (pelvis, then mid, then
     * upper); the others keep stale values. Sampling one sensor needs no more.
     */
    public void evaluate(JointState s, SensorSlot slot) {
        int depth = seg(slot);
        double[] v = s.value;
        double[] r = s.rate;
        double[] a = s.acceleration;

        // Heading frame at the base point.
        frameQ.setIdentity();
        frameW.set(0, 0, 0);
        frameA.set(0, 0, 0);
        turn(2, v, r, a, Coordinate.HEADING.ordinal(), 0);
        int bx = Coordinate.BASE_X.ordinal();
        basePos.set(v[bx], v[bx + 1], v[bx + 2]);
        baseAcc.set(a[bx], a[bx + 1], a[bx + 2]);
        lever(basePos, baseAcc, hipFromBase, originPos[PELVIS], originAcc[PELVIS]);

        // Pelvis.
        turn(1, v, r, a, Coordinate.PELVIS_PITCH.ordinal(), 0);
        turn(0, v, r, a, Coordinate.PELVIS_ROLL.ordinal(), 0);
        store(PELVIS);
        lever(originPos[PELVIS], originAcc[PELVIS], mountOffset[PELVIS], mountPos[PELVIS], mountAcc[PELVIS]);
        if (depth == PELVIS) {
            return;
        }
        lever(originPos[PELVIS], originAcc[PELVIS], lumbosacralFromHip, originPos[LUMBAR], originAcc[LUMBAR]);

        // Lumbar (mid).
        turn(1, v, r, a, Coordinate.LUMBAR_FLEXION.ordinal(), neutralLumbarRad);
        turn(0, v, r, a, Coordinate.LUMBAR_BEND.ordinal(), 0);
        turn(2, v, r, a, Coordinate.LUMBAR_TWIST.ordinal(), 0);
        store(LUMBAR);
        lever(originPos[LUMBAR], originAcc[LUMBAR], mountOffset[LUMBAR], mountPos[LUMBAR], mountAcc[LUMBAR]);
        if (depth == LUMBAR) {
            return;
        }
        lever(originPos[LUMBAR], originAcc[LUMBAR], lumbarTop, originPos[THORACIC], originAcc[THORACIC]);

        // Thoracic (upper).
        turn(1, v, r, a, Coordinate.THORACIC_FLEXION.ordinal(), neutralThoracicRad);
        turn(0, v, r, a, Coordinate.THORACIC_BEND.ordinal(), 0);
        turn(2, v, r, a, Coordinate.THORACIC_TWIST.ordinal(), 0);
        store(THORACIC);
        lever(originPos[THORACIC], originAcc[THORACIC], mountOffset[THORACIC], mountPos[THORACIC], mountAcc[THORACIC]);
    }

    /** Rotates the working frame about its own axis (0 x, 1 y, 2 z) by coordinate {@code c} plus {@code offsetRad}. */
    private void turn(int ax, double[] v, double[] r, double[] a, int c, double offsetRad) {
        double angle = v[c] + offsetRad;
        double rate = r[c];
        double acc = a[c];
        if (angle == 0 && rate == 0 && acc == 0) {
            return; // the identity: common for bend, twist and roll while seated
        }
        double w = frameQ.w;
        double x = frameQ.x;
        double y = frameQ.y;
        double z = frameQ.z;
        // The rotation axis in earth axes: column ax of the frame's rotation matrix.
        double ux;
        double uy;
        double uz;
        switch (ax) {
            case 0 -> {
                ux = 1 - 2 * (y * y + z * z);
                uy = 2 * (x * y + w * z);
                uz = 2 * (x * z - w * y);
            }
            case 1 -> {
                ux = 2 * (x * y - w * z);
                uy = 1 - 2 * (x * x + z * z);
                uz = 2 * (y * z + w * x);
            }
            default -> {
                ux = 2 * (x * z + w * y);
                uy = 2 * (y * z - w * x);
                uz = 1 - 2 * (x * x + y * y);
            }
        }
        // alpha += acc u + rate (omega x u), with the parent's omega; then omega += rate u.
        double cx = frameW.y * uz - frameW.z * uy;
        double cy = frameW.z * ux - frameW.x * uz;
        double cz = frameW.x * uy - frameW.y * ux;
        frameA.set(frameA.x + acc * ux + rate * cx, frameA.y + acc * uy + rate * cy, frameA.z + acc * uz + rate * cz);
        frameW.set(frameW.x + rate * ux, frameW.y + rate * uy, frameW.z + rate * uz);
        if (angle == 0) {
            return;
        }
        double half = angle / 2;
        double c2 = Math.cos(half);
        double s2 = Math.sin(half);
        // frameQ = frameQ * (c2, s2 e_ax), written out for the three elementary axes.
        switch (ax) {
            case 0 -> frameQ.set(w * c2 - x * s2, x * c2 + w * s2, y * c2 + z * s2, z * c2 - y * s2);
            case 1 -> frameQ.set(w * c2 - y * s2, x * c2 - z * s2, y * c2 + w * s2, z * c2 + x * s2);
            default -> frameQ.set(w * c2 - z * s2, x * c2 + y * s2, y * c2 - x * s2, z * c2 + w * s2);
        }
    }

    /** out = origin + R offset (position) and its acceleration, with the working frame's rotation and rates. */
    private void lever(Vec3 originP, Vec3 originA, Vec3 offset, Vec3 outP, Vec3 outA) {
        frameQ.rotate(offset, d);
        outP.set(originP).add(d);
        tmp.cross(frameW, d);
        outA.set(originA).add(tmp.cross(frameW, tmp));
        tmp.cross(frameA, d);
        outA.add(tmp);
    }

    private void store(int seg) {
        q[seg].set(frameQ);
        omega[seg].set(frameW);
        alpha[seg].set(frameA);
    }

    private static int seg(SensorSlot slot) {
        return switch (slot) {
            case PELVIS -> PELVIS;
            case MID -> LUMBAR;
            case UPPER -> THORACIC;
        };
    }

    /** The segment carrying {@code slot}: its orientation (segment-to-earth). */
    public Quat segmentOrientation(SensorSlot slot, Quat out) {
        return out.set(q[seg(slot)]);
    }

    /** The segment's angular velocity in earth axes, rad/s. */
    public Vec3 angularVelocity(SensorSlot slot, Vec3 out) {
        return out.set(omega[seg(slot)]);
    }

    /** The segment's angular acceleration in earth axes, rad/s^2. */
    public Vec3 angularAcceleration(SensorSlot slot, Vec3 out) {
        return out.set(alpha[seg(slot)]);
    }

    /** The mount point of {@code slot} in earth coordinates, m. */
    public Vec3 mountPosition(SensorSlot slot, Vec3 out) {
        return out.set(mountPos[seg(slot)]);
    }

    /** The acceleration of the mount point in earth axes, m/s^2 (gravity not included). */
    public Vec3 mountAcceleration(SensorSlot slot, Vec3 out) {
        return out.set(mountAcc[seg(slot)]);
    }

    /** The sensor's orientation (sensor-to-earth): segment orientation . {@code mounting} (sensor-to-segment). */
    public Quat sensorOrientation(SensorSlot slot, Quat mounting, Quat out) {
        return out.multiply(q[seg(slot)], mounting);
    }

    /** The ideal accelerometer reading in sensor axes: {@code R^T (a_mount - g)}, m/s^2. */
    public Vec3 specificForce(SensorSlot slot, Quat mounting, Vec3 out) {
        Vec3 acc = mountAcc[seg(slot)];
        out.set(acc.x, acc.y, acc.z + GRAVITY_MPS2);
        return sensorQ.multiply(q[seg(slot)], mounting).rotateInverse(out, out);
    }

    /** The ideal gyroscope reading in sensor axes: {@code R^T omega}, rad/s. */
    public Vec3 angularRate(SensorSlot slot, Quat mounting, Vec3 out) {
        return sensorQ.multiply(q[seg(slot)], mounting).rotateInverse(omega[seg(slot)], out);
    }
}
