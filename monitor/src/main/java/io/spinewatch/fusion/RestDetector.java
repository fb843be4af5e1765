package io.spinewatch.fusion;

/**
 * Decides that the sensor is at rest: angular rate and acceleration have both stayed close to their own
 * low-passed values for a minimum time, and the low-passed rate is small enough to be bias (VQF's rule).
 *
 * <p>At rest the low-passed angular rate is a direct measurement of the gyroscope bias, which
 * {@link #gyroLowPass(Vec3)} exposes.
 */
final class RestDetector {
    private final double minSeconds;
    private final double gyroThresholdSq;
    private final double accThresholdSq;
    private final double biasClipRadPerS;
    private final ButterworthLowPass gyroLp;
    private final ButterworthLowPass accLp;
    private final double[] scratch = new double[3];
    private final Vec3 gyroLpValue = new Vec3();
    private final Vec3 biasValue = new Vec3();
    private double stillSeconds;
    private boolean rest;

    RestDetector(FilterParams p) {
        this.minSeconds = p.restMinSeconds();
        double gyroTh = Math.toRadians(p.restGyroThresholdDegPerS());
        this.gyroThresholdSq = gyroTh * gyroTh;
        this.accThresholdSq = p.restAccThresholdMps2() * p.restAccThresholdMps2();
        this.biasClipRadPerS = Math.toRadians(p.biasClipDegPerS());
        this.gyroLp = new ButterworthLowPass(p.restFilterTauSeconds(), 3);
        this.accLp = new ButterworthLowPass(p.restFilterTauSeconds(), 3);
    }

    void reset() {
        gyroLp.reset();
        accLp.reset();
        gyroLpValue.set(0, 0, 0);
        biasValue.set(0, 0, 0);
        stillSeconds = 0;
        rest = false;
    }

    /** Feeds one raw sample (rad/s, m/s^2) and returns whether the sensor is now at rest. */
    boolean update(double intervalSeconds, double gx, double gy, double gz, double ax, double ay, double az) {
        scratch[0] = gx;
        scratch[1] = gy;
        scratch[2] = gz;
        gyroLp.step(intervalSeconds, scratch, scratch);
        double glx = scratch[0];
        double gly = scratch[1];
        double glz = scratch[2];
        gyroLpValue.set(glx, gly, glz);
        double dgx = gx - glx;
        double dgy = gy - gly;
        double dgz = gz - glz;
        boolean gyroStill = dgx * dgx + dgy * dgy + dgz * dgz < gyroThresholdSq;

        scratch[0] = ax;
        scratch[1] = ay;
        scratch[2] = az;
        accLp.step(intervalSeconds, scratch, scratch);
        double ux = scratch[0];
        double uy = scratch[1];
        double uz = scratch[2];
        double dax = ax - ux;
        double day = ay - uy;
        double daz = az - uz;
        boolean accStill = dax * dax + day * day + daz * daz < accThresholdSq;

        // (R4) A slow turn about a horizontal axis (re-settling in the chair, breathing) passes the thresholds
        // above, yet it is motion, not bias. It tilts the measured gravity: for the up direction u in sensor
        // axes du/dt = u x omega, so the horizontal part of omega is du/dt x u / |u|^2. Both low-passes have
        // the same dynamics, so the rate of the low-passed acceleration gives exactly the low-passed
        // horizontal angular rate; what is left of the low-passed gyro is bias plus turning about up (which
        // no accelerometer can see).
        double normSq = ux * ux + uy * uy + uz * uz;
        double bx = glx;
        double by = gly;
        double bz = glz;
        if (normSq > 1e-6) {
            double rx = accLp.outputRate(0);
            double ry = accLp.outputRate(1);
            double rz = accLp.outputRate(2);
            double k = 1 / normSq;
            bx -= (ry * uz - rz * uy) * k;
            by -= (rz * ux - rx * uz) * k;
            bz -= (rx * uy - ry * ux) * k;
        }
        biasValue.set(bx, by, bz);
        gyroStill = gyroStill && Math.abs(bx) <= biasClipRadPerS && Math.abs(by) <= biasClipRadPerS
                && Math.abs(bz) <= biasClipRadPerS;

        if (gyroStill && accStill) {
            stillSeconds += intervalSeconds;
            rest = stillSeconds >= minSeconds;
        } else {
            stillSeconds = 0;
            rest = false;
        }
        return rest;
    }

    boolean isRest() {
        return rest;
    }

    /**
     * The bias measurement while at rest, rad/s: the low-passed angular rate less its horizontal part, which the
     * low-passed acceleration's change of direction shows (R4).
     */
    Vec3 biasMeasurement(Vec3 out) {
        return out.set(biasValue);
    }

    /** The low-passed raw angular rate, rad/s. */
    Vec3 gyroLowPass(Vec3 out) {
        return out.set(gyroLpValue);
    }
}
