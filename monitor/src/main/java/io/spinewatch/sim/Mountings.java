package io.spinewatch.sim;

import io.spinewatch.fusion.Quat;
import io.spinewatch.protocol.SensorSlot;
import java.util.SplittableRandom;

/**
 * How each sensor is taped on: per slot, the sensor-to-segment rotation (scalar-first unit quaternion).
 * Immutable. Sensors may sit in any orientation; calibration is what finds it.
 */
public final class Mountings {
    private final double[][] q = new double[SensorSlot.COUNT][];

    private Mountings(Quat upper, Quat mid, Quat pelvis) {
        Quat[] all = {upper, mid, pelvis};
        for (SensorSlot s : SensorSlot.values()) {
            Quat u = all[s.ordinal()].copy().normalize();
            q[s.ordinal()] = new double[] {u.w, u.x, u.y, u.z};
        }
    }

    /** The given sensor-to-segment rotations (normalised). */
    public static Mountings of(Quat upper, Quat mid, Quat pelvis) {
        return new Mountings(upper, mid, pelvis);
    }

    /**
     * Every sensor taped the conventional way: sensor x up along the spine, z pointing backward out of
     * the skin, y to the wearer's left (a -90 deg rotation about the segment's left axis).
     */
    public static Mountings conventional() {
        Quat m = new Quat().setAxisAngle(0, 1, 0, -Math.PI / 2);
        return new Mountings(m, m, m);
    }

    /** Uniformly random orientations drawn from {@code seed} (Shoemake's method). */
    public static Mountings random(long seed) {
        SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed, 0x6d6f756e74L));
        return new Mountings(uniform(rnd), uniform(rnd), uniform(rnd));
    }

    private static Quat uniform(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble() * 2 * Math.PI;
        double u3 = rnd.nextDouble() * 2 * Math.PI;
        double a = Math.sqrt(1 - u1);
        double b = Math.sqrt(u1);
        return new Quat(a * Math.sin(u2), a * Math.cos(u2), b * Math.sin(u3), b * Math.cos(u3)).canonicalize();
    }

    /** The sensor-to-segment rotation of {@code slot}, written into {@code out}. */
    public Quat get(SensorSlot slot, Quat out) {
        double[] v = q[slot.ordinal()];
        return out.set(v[0], v[1], v[2], v[3]);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (SensorSlot s : SensorSlot.values()) {
            double[] v = q[s.ordinal()];
            b.append(b.length() == 0 ? "" : " ").append(s.label()).append("=")
                    .append(String.format(java.util.Locale.ROOT, "%.6f;%.6f;%.6f;%.6f", v[0], v[1], v[2], v[3]));
        }
        return b.toString();
    }
}
