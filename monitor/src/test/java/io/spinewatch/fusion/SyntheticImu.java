package io.spinewatch.fusion;

import java.util.Random;

/**
 * Ideal IMU readings from a known orientation trajectory, plus seeded noise and a constant gyroscope bias: a
 * small stand-in for the full wearer simulator, for the fusion tests only.
 *
 * <p>The gyroscope sample at {@code t_k} is the constant body rate that carries {@code q(t_{k-1})} exactly to
 * {@code q(t_k)} (the rotation vector of {@code q(t_{k-1})* q(t_k)} over the interval), so a perfect strapdown
 * integration reproduces the trajectory. The accelerometer reads the specific force
 * {@code q(t_k)* (a_lin + g z) q(t_k)} and the magnetometer {@code q(t_k)* m q(t_k)}.
 */
final class SyntheticImu {
    static final double G = 9.81;

    /** A known motion: orientation (sensor to earth) and linear acceleration in earth axes, m/s^2. */
    interface Trajectory {
        void orientation(double tSeconds, Quat out);

        default void linearAccEarth(double tSeconds, Vec3 out) {
            out.set(0, 0, 0);
        }

        /** The magnetic field in earth axes (any unit); default: 20 north, 40 down. */
        default void magEarth(double tSeconds, Vec3 out) {
            out.set(0, 20, -40);
        }
    }

    /** A sensor held still at {@code q}. */
    static Trajectory still(Quat q) {
        Quat fixed = q.copy();
        return (t, out) -> out.set(fixed);
    }

    private final Trajectory trajectory;
    private final Random rnd;
    private double gyroNoiseRadPerS;
    private double accNoiseMps2;
    private double magNoise;
    private final Vec3 gyroBias = new Vec3();

    // The current sample, public for terse tests.
    double t;
    double dt;
    double gx, gy, gz, ax, ay, az, mx, my, mz;
    final Quat truth = new Quat();

    private final Quat previous = new Quat();
    private final Quat delta = new Quat();
    private final Vec3 v = new Vec3();
    private boolean started;

    SyntheticImu(Trajectory trajectory, long seed) {
        this.trajectory = trajectory;
        this.rnd = new Random(seed);
    }

    SyntheticImu noise(double gyroRadPerS, double accMps2, double mag) {
        this.gyroNoiseRadPerS = gyroRadPerS;
        this.accNoiseMps2 = accMps2;
        this.magNoise = mag;
        return this;
    }

    /** Realistic MEMS noise at 100 Hz: 0.1 deg/s gyro, 0.02 m/s^2 accelerometer, 0.3 field units. */
    SyntheticImu typicalNoise() {
        return noise(Math.toRadians(0.1), 0.02, 0.3);
    }

    SyntheticImu biasDegPerS(double x, double y, double z) {
        gyroBias.set(Math.toRadians(x), Math.toRadians(y), Math.toRadians(z));
        return this;
    }

    /** Produces the sample at time {@code tSeconds} (the first call gives a zero rate). */
    SyntheticImu sampleAt(double tSeconds) {
        trajectory.orientation(tSeconds, truth);
        truth.normalize();
        if (started) {
            dt = tSeconds - t;
            delta.set(previous).conjugate();
            delta.multiply(delta, truth).canonicalize();
            double vecNorm = Math.sqrt(delta.x * delta.x + delta.y * delta.y + delta.z * delta.z);
            double angle = 2 * Math.atan2(vecNorm, delta.w);
            double s = vecNorm > 0 ? angle / vecNorm / dt : 0;
            gx = delta.x * s;
            gy = delta.y * s;
            gz = delta.z * s;
        } else {
            dt = 0;
            gx = gy = gz = 0;
        }
        gx += gyroBias.x + gyroNoiseRadPerS * rnd.nextGaussian();
        gy += gyroBias.y + gyroNoiseRadPerS * rnd.nextGaussian();
        gz += gyroBias.z + gyroNoiseRadPerS * rnd.nextGaussian();

        trajectory.linearAccEarth(tSeconds, v);
        v.z += G;
        truth.rotateInverse(v, v);
        ax = v.x + accNoiseMps2 * rnd.nextGaussian();
        ay = v.y + accNoiseMps2 * rnd.nextGaussian();
        az = v.z + accNoiseMps2 * rnd.nextGaussian();

        trajectory.magEarth(tSeconds, v);
        truth.rotateInverse(v, v);
        mx = v.x + magNoise * rnd.nextGaussian();
        my = v.y + magNoise * rnd.nextGaussian();
        mz = v.z + magNoise * rnd.nextGaussian();

        previous.set(truth);
        t = tSeconds;
        started = true;
        return this;
    }

    /** Feeds this sample to a 6-axis filter. */
    boolean feed(OrientationFilter f) {
        return f.update(dt, gx, gy, gz, ax, ay, az);
    }

    /** Feeds this sample to a 9-axis filter. */
    boolean feedWithMag(OrientationFilter f) {
        return f.update(dt, gx, gy, gz, ax, ay, az, mx, my, mz);
    }

    /** Earth's up axis in sensor axes for the true orientation. */
    Vec3 trueUp(Vec3 out) {
        return truth.rotateInverse(out.set(0, 0, 1), out);
    }

    /** Tilt error of a filter against the truth: angle between estimated and true up axes, degrees. */
    double tiltErrorDeg(OrientationFilter f) {
        Vec3 est = f.gravityDirection(new Vec3());
        return Math.toDegrees(est.angleTo(trueUp(new Vec3())));
    }

    /** Tilt error of the Madgwick baseline, degrees. */
    double tiltErrorDeg(MadgwickBaseline m) {
        Quat q = m.orientation(new Quat());
        Vec3 est = q.rotateInverse(new Vec3(0, 0, 1), new Vec3());
        return Math.toDegrees(est.angleTo(trueUp(new Vec3())));
    }

    /** Full orientation error (tilt and heading), degrees. */
    double errorDeg(OrientationFilter f) {
        return Math.toDegrees(f.orientation(new Quat()).angleTo(truth));
    }
}
