package io.spinewatch.fusion;

/**
 * A mutable 3-vector of doubles for hot loops: every operation writes into {@code this} and returns
 * it, so a caller that keeps its scratch vectors allocates nothing per sample. Arguments may be
 * {@code this} itself (all operations read their inputs before writing).
 */
public final class Vec3 {
    public double x, y, z;

    public Vec3() {
    }

    public Vec3(double x, double y, double z) {
        this.x = x;
        this.y = y;
        this.z = z;
    }

    public Vec3 set(double x, double y, double z) {
        this.x = x;
        this.y = y;
        this.z = z;
        return this;
    }

    public Vec3 set(Vec3 v) {
        return set(v.x, v.y, v.z);
    }

    public Vec3 add(Vec3 v) {
        return set(x + v.x, y + v.y, z + v.z);
    }

    public Vec3 sub(Vec3 v) {
        return set(x - v.x, y - v.y, z - v.z);
    }

    public Vec3 scale(double s) {
        return set(x * s, y * s, z * s);
    }

    /** this += s * v. */
    public Vec3 addScaled(Vec3 v, double s) {
        return set(x + s * v.x, y + s * v.y, z + s * v.z);
    }

    public double dot(Vec3 v) {
        return x * v.x + y * v.y + z * v.z;
    }

    /** this = a x b. */
    public Vec3 cross(Vec3 a, Vec3 b) {
        return set(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
    }

    public double norm() {
        return Math.sqrt(x * x + y * y + z * z);
    }

    public double normSquared() {
        return x * x + y * y + z * z;
    }

    /** Scales to unit length; a zero vector stays zero rather than becoming NaN. */
    public Vec3 normalize() {
        double n = norm();
        return n > 0 ? scale(1.0 / n) : this;
    }

    /** The angle to {@code v} in radians, robust near 0 and pi (atan2 of the cross and dot products). */
    public double angleTo(Vec3 v) {
        double cx = y * v.z - z * v.y;
        double cy = z * v.x - x * v.z;
        double cz = x * v.y - y * v.x;
        return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), dot(v));
    }

    public Vec3 copy() {
        return new Vec3(x, y, z);
    }

    @Override
    public String toString() {
        return "(" + x + ", " + y + ", " + z + ")";
    }
}
