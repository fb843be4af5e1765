package io.spinewatch.fusion;

/**
 * A mutable unit quaternion, scalar first ({@code w, x, y, z}), Hamilton convention.
 *
 * <p>As an orientation it maps sensor axes to earth axes (earth z up): {@code v_earth = q v_sensor q*}.
 * Operations write into {@code this} and return it; arguments may alias {@code this}. The quaternion
 * {@code -q} is the same rotation as {@code q}; {@link #canonicalize()} picks {@code w >= 0} where a
 * single representative matters (comparisons, output files).
 */
public final class Quat {
    public double w = 1, x, y, z;

    public Quat() {
    }

    public Quat(double w, double x, double y, double z) {
        this.w = w;
        this.x = x;
        this.y = y;
        this.z = z;
    }

    public Quat set(double w, double x, double y, double z) {
        this.w = w;
        this.x = x;
        this.y = y;
        this.z = z;
        return this;
    }

    public Quat set(Quat q) {
        return set(q.w, q.x, q.y, q.z);
    }

    public Quat setIdentity() {
        return set(1, 0, 0, 0);
    }

    /** this = a * b (apply b first, then a). */
    public Quat multiply(Quat a, Quat b) {
        return set(
                a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
                a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
                a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
                a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w);
    }

    public Quat conjugate() {
        return set(w, -x, -y, -z);
    }

    public double norm() {
        return Math.sqrt(w * w + x * x + y * y + z * z);
    }

    /** Scales to unit norm; a degenerate (zero or non-finite) quaternion becomes the identity. */
    public Quat normalize() {
        double n = norm();
        if (!(n > 1e-300) || !Double.isFinite(n)) {
            return setIdentity();
        }
        double inv = 1.0 / n;
        return set(w * inv, x * inv, y * inv, z * inv);
    }

    /** Chooses the sign with {@code w >= 0}. */
    public Quat canonicalize() {
        return w < 0 ? set(-w, -x, -y, -z) : this;
    }

    /** The rotation by {@code angleRad} about the axis {@code (ax, ay, az)}, which need not be unit length. */
    public Quat setAxisAngle(double ax, double ay, double az, double angleRad) {
        double n = Math.sqrt(ax * ax + ay * ay + az * az);
        if (n == 0) {
            return setIdentity();
        }
        double s = Math.sin(angleRad / 2) / n;
        return set(Math.cos(angleRad / 2), ax * s, ay * s, az * s);
    }

    /**
     * The rotation by the rotation vector {@code r} (axis times angle in radians), exact for any angle:
     * {@code exp(r/2)}. Used to integrate a constant angular rate over one step.
     */
    public Quat setRotationVector(double rx, double ry, double rz) {
        double angle = Math.sqrt(rx * rx + ry * ry + rz * rz);
        if (angle < 1e-12) {
            // Second-order series keeps tiny steps accurate without dividing by ~0.
            return set(1 - angle * angle / 8, rx / 2, ry / 2, rz / 2).normalize();
        }
        double s = Math.sin(angle / 2) / angle;
        return set(Math.cos(angle / 2), rx * s, ry * s, rz * s);
    }

    /** out = this v this* (sensor to earth for an orientation); out may alias v. */
    public Vec3 rotate(Vec3 v, Vec3 out) {
        // v' = v + 2w (u x v) + 2 u x (u x v), u = (x, y, z): 15 multiplications, no matrix.
        double tx = 2 * (y * v.z - z * v.y);
        double ty = 2 * (z * v.x - x * v.z);
        double tz = 2 * (x * v.y - y * v.x);
        return out.set(
                v.x + w * tx + (y * tz - z * ty),
                v.y + w * ty + (z * tx - x * tz),
                v.z + w * tz + (x * ty - y * tx));
    }

    /** out = this* v this (earth to sensor for an orientation); out may alias v. */
    public Vec3 rotateInverse(Vec3 v, Vec3 out) {
        double tx = 2 * (-y * v.z + z * v.y);
        double ty = 2 * (-z * v.x + x * v.z);
        double tz = 2 * (-x * v.y + y * v.x);
        return out.set(
                v.x + w * tx + (-y * tz + z * ty),
                v.y + w * ty + (-z * tx + x * tz),
                v.z + w * tz + (-x * ty + y * tx));
    }

    /** The angle of the rotation between this and {@code q}, in radians, in [0, pi]; sign-independent. */
    public double angleTo(Quat q) {
        // r = this* q; atan2 of its vector and scalar parts stays accurate near 0, where acos does not.
        double rw = w * q.w + x * q.x + y * q.y + z * q.z;
        double rx = w * q.x - x * q.w - y * q.z + z * q.y;
        double ry = w * q.y + x * q.z - y * q.w - z * q.x;
        double rz = w * q.z - x * q.y + y * q.x - z * q.w;
        return 2 * Math.atan2(Math.sqrt(rx * rx + ry * ry + rz * rz), Math.abs(rw));
    }

    public Quat copy() {
        return new Quat(w, x, y, z);
    }

    @Override
    public String toString() {
        return "(" + w + "; " + x + ", " + y + ", " + z + ")";
    }
}
