package io.spinewatch.fusion;

/**
 * The textbook Madgwick (2010) IMU filter, gyroscope plus accelerometer, as a baseline for tests and
 * benchmarks only: never on the product path.
 *
 * <p>Per sample: {@code qDot = q (0, omega) / 2 - beta * grad / |grad|}, where {@code grad = J^T f} is the
 * gradient of the objective {@code f(q) = v(q) - a/|a|}, {@code v(q)} the up axis in sensor axes predicted by
 * {@code q} and {@code J} its Jacobian; then {@code q = normalize(q + qDot dt)}. {@code beta} is the gain in
 * rad/s (0.1, the value of Madgwick's reference code); no bias estimation, no acceleration rejection.
 * Same conventions as {@link OrientationFilter}: sensor to earth, scalar first, earth z up.
 */
public final class MadgwickBaseline {
    /** Default gain, rad/s, as published with the reference implementation. */
    public static final double DEFAULT_BETA = 0.1;

    private final double beta;
    private double w = 1, x, y, z;

    public MadgwickBaseline(double beta) {
        if (!(beta >= 0 && beta <= 10)) {
            throw new IllegalArgumentException("beta must be in 0..10: " + beta);
        }
        this.beta = beta;
    }

    public MadgwickBaseline() {
        this(DEFAULT_BETA);
    }

    /** Starts from a given orientation (the textbook filter starts at identity). */
    public MadgwickBaseline start(Quat q) {
        w = q.w;
        x = q.x;
        y = q.y;
        z = q.z;
        return this;
    }

    /** One sample: interval (s), angular rate (rad/s), acceleration (m/s^2). */
    public void update(double dtSeconds, double gx, double gy, double gz, double ax, double ay, double az) {
        // Rate of change from the gyroscope: q (0, omega) / 2.
        double dw = 0.5 * (-x * gx - y * gy - z * gz);
        double dx = 0.5 * (w * gx + y * gz - z * gy);
        double dy = 0.5 * (w * gy - x * gz + z * gx);
        double dz = 0.5 * (w * gz + x * gy - y * gx);

        double an = Math.sqrt(ax * ax + ay * ay + az * az);
        if (an > 0) {
            ax /= an;
            ay /= an;
            az /= an;
            // Objective: predicted up axis minus measured direction.
            double f1 = 2 * (x * z - w * y) - ax;
            double f2 = 2 * (w * x + y * z) - ay;
            double f3 = 1 - 2 * (x * x + y * y) - az;
            // Gradient J^T f, J the Jacobian of the predicted up axis with respect to (w, x, y, z).
            double sw = -2 * y * f1 + 2 * x * f2;
            double sx = 2 * z * f1 + 2 * w * f2 - 4 * x * f3;
            double sy = -2 * w * f1 + 2 * z * f2 - 4 * y * f3;
            double sz = 2 * x * f1 + 2 * y * f2;
            double sn = Math.sqrt(sw * sw + sx * sx + sy * sy + sz * sz);
            if (sn > 0) {
                dw -= beta * sw / sn;
                dx -= beta * sx / sn;
                dy -= beta * sy / sn;
                dz -= beta * sz / sn;
            }
        }
        w += dw * dtSeconds;
        x += dx * dtSeconds;
        y += dy * dtSeconds;
        z += dz * dtSeconds;
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        w /= n;
        x /= n;
        y /= n;
        z /= n;
    }

    /** The orientation, sensor to earth, into out. */
    public Quat orientation(Quat out) {
        return out.set(w, x, y, z).canonicalize();
    }
}
