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
        stillSeconds = 0;
        rest = false;
    }

    /** Feeds one raw sample (rad/s, m/s^2) and returns whether the sensor is now at rest. */
    boolean update(double intervalSeconds, double gx, double gy, double gz, double ax, double ay, double az) {
        scratch[0] = gx;
        scratch[1] = gy;
        scratch[2] = gz;
        gyroLp.step(intervalSeconds, scratch, scratch);
        gyroLpValue.set(scratch[0], scratch[1], scratch[2]);
        double dgx = gx - scratch[0];
        double dgy = gy - scratch[1];
        double dgz = gz - scratch[2];
        boolean gyroStill = dgx * dgx + dgy * dgy + dgz * dgz < gyroThresholdSq
                && Math.abs(scratch[0]) <= biasClipRadPerS
                && Math.abs(scratch[1]) <= biasClipRadPerS
                && Math.abs(scratch[2]) <= biasClipRadPerS;

        scratch[0] = ax;
        scratch[1] = ay;
        scratch[2] = az;
        accLp.step(intervalSeconds, scratch, scratch);
        double dax = ax - scratch[0];
        double day = ay - scratch[1];
        double daz = az - scratch[2];
        boolean accStill = dax * dax + day * day + daz * daz < accThresholdSq;

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

    /** The low-passed raw angular rate, rad/s: the bias measurement while at rest. */
    Vec3 gyroLowPass(Vec3 out) {
        return out.set(gyroLpValue);
    }
}
