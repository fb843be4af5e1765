package io.spinewatch.sim;

import io.spinewatch.fusion.Quat;
import java.util.SplittableRandom;

/** Test motions: busy random timelines on every coordinate, and random mountings. */
final class Motions {
    private Motions() {
    }

    /** Overlapping min-jerk moves and oscillations on every coordinate, roughly office-like in size and speed. */
    static Timeline busy(long seed, double durationS) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Timeline.Builder b = new Timeline.Builder();
        b.initial(Coordinate.BASE_Z, 0.55);
        for (Coordinate c : Coordinate.values()) {
            boolean position = c.ordinal() <= Coordinate.BASE_Z.ordinal();
            double size = position ? 0.2 : c == Coordinate.HEADING ? 1.5 : 0.4;
            for (double t = rnd.nextDouble(0, 2); t < durationS - 3; t += rnd.nextDouble(0.5, 3)) {
                double dur = rnd.nextDouble(0.6, 3);
                double end = Math.min(t + dur, durationS);
                b.add(c, new Term.MinJerk(t, end, rnd.nextDouble(-size, size)));
                if (rnd.nextInt(3) == 0 && end - t > 1) {
                    b.add(c, new Term.Oscillation(t, end, size * 0.1, rnd.nextDouble(0.3, 2.5),
                            rnd.nextDouble(0, 6.28), (end - t) / 4));
                }
            }
        }
        return b.build(durationS);
    }

    /** A uniformly random rotation (Shoemake's method). */
    static Quat randomRotation(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble() * 2 * Math.PI;
        double u3 = rnd.nextDouble() * 2 * Math.PI;
        double a = Math.sqrt(1 - u1);
        double b = Math.sqrt(u1);
        return new Quat(a * Math.sin(u2), a * Math.cos(u2), b * Math.sin(u3), b * Math.cos(u3)).canonicalize();
    }
}
