package io.spinewatch.fusion;

import org.ejml.data.DMatrix3x3;

/**
 * Orientation of one IMU from its gyroscope and accelerometer (and optionally magnetometer), with online
 * gyroscope bias estimation, rejection of short linear accelerations and of magnetic disturbances.
 *
 * <p>The design follows VQF (Laidig and Seel 2023): the orientation is the product of three parts,
 * {@code q = qHeading * qAcc * qGyro}. {@code qGyro} integrates the bias-corrected angular rate from the sensor
 * frame into an almost-inertial frame I; {@code qAcc} is the inclination correction that turns I into the
 * earth frame, found by aligning the low-passed acceleration in I with earth's up axis; {@code qHeading} is a
 * rotation about earth's up axis that the magnetometer drives. Because the acceleration is low-passed in a
 * frame that does not rotate with the sensor, short linear accelerations average out without being mixed
 * with rotation. Optionally (off by default) a sample whose acceleration points far from the estimated
 * gravity is left out altogether (x-io Fusion's acceleration rejection), with a recovery trigger. The maths is
 * in docs/fusion.md.
 *
 * <p>Conventions: quaternions are scalar-first and map sensor axes to earth axes; earth z points up. With a
 * magnetometer, earth y points to magnetic north and x east (ENU); without one the heading is arbitrary but
 * continuous (zero at start-up).
 *
 * <p>Usage: call one {@code update} (interval in seconds) or one {@code updateAtMicros} (device timestamp)
 * method per sample, then read the getters. Do not mix the two kinds on one filter. The first sample, and
 * the first after a gap longer than {@link FilterParams#maxGapSeconds()}, initialises the orientation from the
 * accelerometer (zero heading, or the magnetometer heading). Samples with a non-finite value or a
 * non-positive interval are rejected: counted, flagged, and the state is left exactly as it was. A device
 * clock that wraps or restarts costs {@code updateAtMicros} one rejected sample: the next sample that follows
 * it within {@code maxGapSeconds} confirms the new time base and the filter carries on without a restart.
 *
 * <p>Not thread-safe; one instance per sensor, driven by one thread. {@code update} allocates nothing.
 *
 * <p>Flags, each describing the last accepted sample (x-io Fusion's style of documented internal state):
 * <ul>
 * <li>{@link #isInitialising()}: the accelerometer low-pass is still averaging its first {@code tauAccSeconds};
 *     acceleration rejection and motion bias estimation wait for it to finish.
 * <li>{@link #isRestDetected()}: gyroscope and accelerometer have been still for {@code restMinSeconds}; the
 *     bias is then measured directly.
 * <li>{@link #isAccelerationRejected()}: this sample's acceleration pointed more than {@code accRejectionDeg}
 *     away from the estimated gravity and was left out of the inclination correction.
 * <li>{@link #isAccelerationRecovery()}: rejection is suspended because samples kept disagreeing for longer
 *     than {@code accRecoverySeconds}; the accelerometer pulls the estimate back (tau {@code tauAccSeconds}).
 * <li>{@link #isAccelerometerIgnored()}: the acceleration was a zero vector and carried no direction.
 * <li>{@link #isMagneticDisturbance()}: the field's norm or dip deviates from the learned reference.
 * <li>{@link #isMagnetometerIgnored()}: a magnetometer sample was given but not used (switched off,
 *     non-finite, zero, or nearly vertical so it carries no heading).
 * <li>{@link #isLastSampleRejected()}: the last call was rejected and changed nothing but the counters.
 * </ul>
 */
public final class OrientationFilter {
    private static final double MIN_ACC_NORM_SQ = 1e-12;
    /** Rotation per sample up to which the series form of exp is exact in double precision (0.02 rad). */
    private static final double SERIES_MAX_ANGLE_SQ = 4e-4;
    /**
     * Shortest interval between bias Kalman steps, seconds: every 4th sample at 100 Hz, every sample below
     * about 28 Hz. What the steps measure changes slowly (the rest low-pass has tau 0.5 s, the motion
     * measurement comes out of the tau 3 s low-pass, body motion stays far below the 12 Hz this can follow),
     * and the noise model scales with the interval, so the estimate is the same for a quarter of the work.
     */
    private static final double BIAS_STEP_SECONDS = 0.035;

    private final FilterParams params;
    private final double cosSqAccRejection;
    private final double tauMagSeconds;

    // State: changed only by update.
    private final Quat gyroQuat = new Quat();
    private final Quat accQuat = new Quat();
    private double headingRad;
    private double headingHalfCos = 1;
    private double headingHalfSin;
    private double kMagInit = 1;
    private final ButterworthLowPass accLp;
    private final ButterworthLowPass motionRotationLp;
    private final ButterworthLowPass motionBiasLp;
    private final RestDetector rest;
    private final GyroBiasEstimator bias;
    private final MagneticReference magReference;
    private boolean initialised;
    private boolean hasLastMicros;
    private long lastMicros;
    private boolean pendingClockReset;
    private long pendingMicros;
    private long clockResetCount;
    private double accRejectedSeconds;
    private double biasPendingSeconds;
    private double motionLpPendingSeconds;
    private boolean accRecovery;
    private boolean accRejected;
    private boolean accIgnored;
    private boolean magIgnored;
    private boolean lastRejected;
    private long sampleCount;
    private long rejectedCount;
    private long restartCount;

    // Scratch, reused on every sample.
    private final Quat stepQuat = new Quat();
    private final Quat scratchQuat = new Quat();
    private final Vec3 accI = new Vec3();
    private final Vec3 accE = new Vec3();
    private final Vec3 magE = new Vec3();
    private final Vec3 gyroLp = new Vec3();
    private final double[] buf3 = new double[3];
    private final double[] rotation = new double[9];
    private final double[] rotatedBias = new double[2];
    private final DMatrix3x3 rotationLp = new DMatrix3x3();

    public OrientationFilter(FilterParams params) {
        this.params = params;
        double cosRejection = Math.cos(Math.toRadians(params.accRejectionDeg()));
        this.cosSqAccRejection = cosRejection * cosRejection;
        this.tauMagSeconds = params.tauMagSeconds();
        this.accLp = new ButterworthLowPass(params.tauAccSeconds(), 3);
        this.motionRotationLp = new ButterworthLowPass(params.tauAccSeconds(), 9);
        this.motionBiasLp = new ButterworthLowPass(params.tauAccSeconds(), 2);
        this.rest = new RestDetector(params);
        this.bias = new GyroBiasEstimator(params);
        this.magReference = new MagneticReference(params);
    }

    public OrientationFilter() {
        this(FilterParams.DEFAULT);
    }

    /** The settings this filter was built with. */
    public FilterParams params() {
        return params;
    }

    // ---------------------------------------------------------------- updates

    /**
     * One 6-axis sample taken {@code intervalSeconds} after the previous one (ignored for the first).
     *
     * @return whether the sample was accepted
     */
    public boolean update(double intervalSeconds, double gxRadPerS, double gyRadPerS, double gzRadPerS,
            double axMps2, double ayMps2, double azMps2) {
        return step(intervalSeconds, gxRadPerS, gyRadPerS, gzRadPerS, axMps2, ayMps2, azMps2, false, 0, 0, 0);
    }

    /** One 9-axis sample; the magnetometer may be in any unit (only direction, norm ratios and dip matter). */
    public boolean update(double intervalSeconds, double gxRadPerS, double gyRadPerS, double gzRadPerS,
            double axMps2, double ayMps2, double azMps2, double mx, double my, double mz) {
        return step(intervalSeconds, gxRadPerS, gyRadPerS, gzRadPerS, axMps2, ayMps2, azMps2, true, mx, my, mz);
    }

    /**
     * One 6-axis sample stamped with the device time in microseconds (any origin, must increase); the
     * interval is the difference to the last accepted sample.
     */
    public boolean updateAtMicros(long tMicros, double gxRadPerS, double gyRadPerS, double gzRadPerS,
            double axMps2, double ayMps2, double azMps2) {
        return stepAtMicros(tMicros, gxRadPerS, gyRadPerS, gzRadPerS, axMps2, ayMps2, azMps2, false, 0, 0, 0);
    }

    /** One 9-axis sample stamped with the device time in microseconds. */
    public boolean updateAtMicros(long tMicros, double gxRadPerS, double gyRadPerS, double gzRadPerS,
            double axMps2, double ayMps2, double azMps2, double mx, double my, double mz) {
        return stepAtMicros(tMicros, gxRadPerS, gyRadPerS, gzRadPerS, axMps2, ayMps2, azMps2, true, mx, my, mz);
    }

    private boolean stepAtMicros(long tMicros, double gx, double gy, double gz, double ax, double ay, double az,
            boolean withMag, double mx, double my, double mz) {
        double interval = 0;
        if (hasLastMicros) {
            if (tMicros <= lastMicros) {
                // A device clock that wrapped or restarted runs on from a new origin: one sample is rejected,
                // and a second one that follows it closely confirms the new time base. A lone sample out of
                // order (a late packet) is rejected and forgotten.
                if (pendingClockReset && tMicros > pendingMicros
                        && (tMicros - pendingMicros) * 1e-6 <= params.maxGapSeconds()) {
                    clockResetCount++;
                    lastMicros = pendingMicros;
                } else {
                    pendingClockReset = true;
                    pendingMicros = tMicros;
                    return reject();
                }
            }
            interval = (tMicros - lastMicros) * 1e-6;
        }
        pendingClockReset = false;
        boolean accepted = step(interval, gx, gy, gz, ax, ay, az, withMag, mx, my, mz);
        if (accepted) {
            lastMicros = tMicros;
            hasLastMicros = true;
        }
        return accepted;
    }

    private boolean reject() {
        rejectedCount++;
        lastRejected = true;
        return false;
    }

    private boolean step(double dt, double gx, double gy, double gz, double ax, double ay, double az,
            boolean withMag, double mx, double my, double mz) {
        // Any non-finite value poisons a quaternion for good: refuse the whole sample before touching state.
        if (!Double.isFinite(dt + gx + gy + gz + ax + ay + az)) {
            return reject();
        }
        if (initialised && !(dt > 0)) {
            return reject();
        }
        lastRejected = false;
        sampleCount++;
        if (initialised && dt > params.maxGapSeconds()) {
            restart(dt);
        }
        boolean first = !initialised;
        if (first) {
            initialise();
            dt = 0;
        }

        boolean atRest = rest.update(dt, gx, gy, gz, ax, ay, az);
        if (!first) {
            integrateGyro(dt, gx, gy, gz);
        }
        boolean corrected = correctInclination(dt, ax, ay, az);
        if (!first && params.biasEstimationEnabled()) {
            biasPendingSeconds += dt;
            if (biasPendingSeconds >= BIAS_STEP_SECONDS) {
                estimateBias(biasPendingSeconds, dt, atRest, corrected);
                biasPendingSeconds = 0;
            }
        }
        if (withMag) {
            correctHeading(dt, mx, my, mz);
        } else {
            magIgnored = false;
        }
        return true;
    }

    private void initialise() {
        gyroQuat.setIdentity();
        accQuat.setIdentity();
        setHeading(0);
        kMagInit = 1;
        accLp.reset();
        motionRotationLp.reset();
        motionBiasLp.reset();
        rest.reset();
        magReference.restart();
        accRejectedSeconds = 0;
        biasPendingSeconds = 0;
        motionLpPendingSeconds = 0;
        accRecovery = false;
        initialised = true;
    }

    /** A gap too long to integrate: keep what was learned (bias, field reference), re-initialise the rest. */
    private void restart(double gapSeconds) {
        restartCount++;
        bias.predict(gapSeconds);
        initialised = false;
    }

    /** (1) qGyro = qGyro * exp((omega - b) dt / 2): exact for a rate constant over the interval. */
    private void integrateGyro(double dt, double gx, double gy, double gz) {
        double rx = (gx - bias.biasX()) * dt;
        double ry = (gy - bias.biasY()) * dt;
        double rz = (gz - bias.biasZ()) * dt;
        double angleSq = rx * rx + ry * ry + rz * rz;
        if (angleSq < SERIES_MAX_ANGLE_SQ) {
            // cos(a/2) and sin(a/2)/a by their series up to a^6: the first omitted terms are below 1e-20 for
            // a <= 0.02 rad, so this is the exact exponential in double precision, without sqrt, sin or cos.
            double c = 1 - angleSq * (1.0 / 8 - angleSq * (1.0 / 384 - angleSq / 46080));
            double s = 0.5 - angleSq * (1.0 / 48 - angleSq * (1.0 / 3840 - angleSq / 645120));
            stepQuat.set(c, rx * s, ry * s, rz * s);
        } else {
            stepQuat.setRotationVector(rx, ry, rz);
        }
        renormalize(gyroQuat.multiply(gyroQuat, stepQuat));
    }

    /**
     * Unit norm again after a product of unit quaternions, whose norm is 1 to within a few ulps: one Newton step
     * for 1/sqrt(n^2) around 1 is then exact to double precision and needs no square root.
     */
    private static void renormalize(Quat q) {
        double n2 = q.w * q.w + q.x * q.x + q.y * q.y + q.z * q.z;
        if (Math.abs(n2 - 1) < 1e-6) {
            double k = 1.5 - 0.5 * n2;
            q.set(q.w * k, q.x * k, q.y * k, q.z * k);
        } else {
            q.normalize();
        }
    }

    /** (2)-(5): low-pass the acceleration in frame I and rotate qAcc so it points up. Returns whether applied. */
    private boolean correctInclination(double dt, double ax, double ay, double az) {
        accRejected = false;
        double normSq = ax * ax + ay * ay + az * az;
        accIgnored = !(normSq > MIN_ACC_NORM_SQ);
        if (accIgnored) {
            return false;
        }
        accI.set(ax, ay, az);
        gyroQuat.rotate(accI, accI);
        if (params.accRejectionEnabled() && !accLp.isWarmingUp() && !rejectionCheckPasses(dt, normSq)) {
            accRejected = true;
            return false;
        }
        accLp.step(dt, accI, accI, buf3);
        accQuat.rotate(accI, accE);
        accE.normalize();
        // (5) The shortest rotation taking accE to +z, about the horizontal axis (accE.y, -accE.x, 0).
        double w = Math.sqrt((accE.z + 1) * 0.5);
        if (w > 1e-6) {
            stepQuat.set(w, 0.5 * accE.y / w, -0.5 * accE.x / w, 0);
        } else {
            stepQuat.set(0, 1, 0, 0);
        }
        renormalize(accQuat.multiply(stepQuat, accQuat));
        return true;
    }

    /** (3) x-io style rejection with recovery trigger; accI is the raw acceleration in frame I. */
    private boolean rejectionCheckPasses(double dt, double normSq) {
        accQuat.rotate(accI, accE);
        // Angle to up below the threshold, compared through squares (thresholds are below 90 deg).
        boolean agrees = accE.z > 0 && accE.z * accE.z >= cosSqAccRejection * normSq;
        if (agrees) {
            accRejectedSeconds = Math.max(0, accRejectedSeconds - dt);
            accRecovery = false;
            return true;
        }
        if (accRecovery) {
            return true;
        }
        accRejectedSeconds += dt;
        if (accRejectedSeconds > params.accRecoverySeconds()) {
            accRecovery = true;
            accRejectedSeconds = 0;
            return true;
        }
        return false;
    }

    /** (B1)-(B6): Kalman step for the gyroscope bias, with the rest or the motion measurement. */
    private void estimateBias(double dt, double sampleDt, boolean atRest, boolean corrected) {
        bias.predict(dt);
        motionLpPendingSeconds += dt;
        boolean motionMeasurement = false;
        double bx = bias.biasX();
        double by = bias.biasY();
        double bz = bias.biasZ();
        DMatrix3x3 r = rotationLp;
        if (params.motionBiasEnabled() && corrected) {
            // (B7) R: sensor to heading-free earth, and R b, each low-passed like the acceleration so that the
            // measurement and its model see the same filter. They run whenever (4) runs, at rest too, so that
            // they are in step with it when motion resumes; every few samples, over the time since their last
            // step (their state is the continuous filter's, exact at any interval).
            double lpDt = motionLpPendingSeconds;
            motionLpPendingSeconds = 0;
            scratchQuat.multiply(accQuat, gyroQuat);
            rotationMatrix(scratchQuat, rotation);
            rotatedBias[0] = rotation[0] * bx + rotation[1] * by + rotation[2] * bz;
            rotatedBias[1] = rotation[3] * bx + rotation[4] * by + rotation[5] * bz;
            motionRotationLp.step(lpDt, rotation, rotation);
            motionBiasLp.step(lpDt, rotatedBias, rotatedBias);
            r.a11 = rotation[0];
            r.a12 = rotation[1];
            r.a13 = rotation[2];
            r.a21 = rotation[3];
            r.a22 = rotation[4];
            r.a23 = rotation[5];
            r.a31 = rotation[6];
            r.a32 = rotation[7];
            r.a33 = rotation[8];
            // The running-mean start of (4) lacks the Butterworth dynamics the measurement model assumes.
            motionMeasurement = !accLp.isWarmingUp();
        }
        if (atRest && params.restBiasEnabled()) {
            bias.correctRest(rest.biasMeasurement(gyroLp), dt);
            return;
        }
        if (!motionMeasurement) {
            return;
        }
        // (B8) The correction just applied was a rotation by (accE.y, -accE.x) over dt; it compensates
        // the drift R (b - bHat), so y = -correction/dt + (R bHat)_lp measures R b.
        double e0 = -accE.y / sampleDt + rotatedBias[0] - (r.a11 * bx + r.a12 * by + r.a13 * bz);
        double e1 = accE.x / sampleDt + rotatedBias[1] - (r.a21 * bx + r.a22 * by + r.a23 * bz);
        double e2 = -(r.a31 * bx + r.a32 * by + r.a33 * bz);
        bias.correctMotion(r, e0, e1, e2, dt);
    }

    /** (M1)-(M4): heading from the magnetometer, gated by the disturbance detector. */
    private void correctHeading(double dt, double mx, double my, double mz) {
        magIgnored = true;
        if (!params.magEnabled() || !Double.isFinite(mx + my + mz)) {
            return;
        }
        double normSq = mx * mx + my * my + mz * mz;
        if (!(normSq > 0)) {
            return;
        }
        scratchQuat.multiply(accQuat, gyroQuat);
        magE.set(mx, my, mz);
        scratchQuat.rotate(magE, magE);
        double gainFactor = magReference.update(dt, magE, rest.gyroLowPass(gyroLp).norm());
        double horizontalSq = magE.x * magE.x + magE.y * magE.y;
        if (horizontalSq < 1e-4 * normSq) {
            return;
        }
        magIgnored = false;
        // (M2) The heading that puts the horizontal field on +y (north), relative to the current one.
        double error = wrap(Math.atan2(magE.x, magE.y) - headingRad);
        double k = gainFactor * -Math.expm1(-dt / tauMagSeconds);
        if (kMagInit != 0) {
            // Running mean over the first samples: fast, noise-averaged initial heading.
            k = Math.max(k, kMagInit);
            kMagInit = kMagInit / (kMagInit + 1);
            if (kMagInit * tauMagSeconds < dt) {
                kMagInit = 0;
            }
        }
        setHeading(wrap(headingRad + k * error));
    }

    private void setHeading(double rad) {
        headingRad = rad;
        headingHalfCos = Math.cos(rad / 2);
        headingHalfSin = Math.sin(rad / 2);
    }

    private static double wrap(double rad) {
        if (rad > Math.PI) {
            return rad - 2 * Math.PI;
        }
        if (rad < -Math.PI) {
            return rad + 2 * Math.PI;
        }
        return rad;
    }

    /** Row-major rotation matrix of a unit quaternion. */
    private static void rotationMatrix(Quat q, double[] m) {
        double w = q.w, x = q.x, y = q.y, z = q.z;
        m[0] = 1 - 2 * (y * y + z * z);
        m[1] = 2 * (x * y - w * z);
        m[2] = 2 * (x * z + w * y);
        m[3] = 2 * (x * y + w * z);
        m[4] = 1 - 2 * (x * x + z * z);
        m[5] = 2 * (y * z - w * x);
        m[6] = 2 * (x * z - w * y);
        m[7] = 2 * (y * z + w * x);
        m[8] = 1 - 2 * (x * x + y * y);
    }

    // ---------------------------------------------------------------- getters

    /** The orientation, sensor to earth (earth z up), unit norm, sign chosen with {@code w >= 0}; into out. */
    public Quat orientation(Quat out) {
        out.multiply(accQuat, gyroQuat);
        double c = headingHalfCos;
        double s = headingHalfSin;
        // out = (c, 0, 0, s) * out: the heading rotation about earth z.
        out.set(c * out.w - s * out.z, c * out.x - s * out.y, c * out.y + s * out.x, c * out.z + s * out.w);
        return out.normalize().canonicalize();
    }

    /**
     * Earth's up axis in sensor axes (unit vector), which is what the accelerometer reads at rest, scaled to
     * 1 g: x-io Fusion's "gravity" convention (the gravitational pull itself points the opposite way).
     */
    public Vec3 gravityDirection(Vec3 out) {
        Quat q = orientation(scratchQuat);
        return out.set(2 * (q.x * q.z - q.w * q.y), 2 * (q.y * q.z + q.w * q.x), 1 - 2 * (q.x * q.x + q.y * q.y));
    }

    /** The estimated gyroscope bias in sensor axes, rad/s (subtracted from every angular rate); into out. */
    public Vec3 biasEstimate(Vec3 out) {
        return out.set(bias.biasX(), bias.biasY(), bias.biasZ());
    }

    /** An upper bound of the bias estimate's standard deviation, rad/s. */
    public double biasSigmaRadPerS() {
        return bias.sigmaRadPerS();
    }

    /** The heading correction from the magnetometer, radians about earth z (0 without magnetometer). */
    public double headingCorrectionRad() {
        return headingRad;
    }

    /** The learned magnetic field norm (magnetometer unit), NaN until a reference exists. */
    public double magneticReferenceNorm() {
        return magReference.referenceNorm();
    }

    /** The learned magnetic dip angle, degrees below the horizon, NaN until a reference exists. */
    public double magneticReferenceDipDeg() {
        return Math.toDegrees(magReference.referenceDipRad());
    }

    /** Whether at least one sample has initialised the orientation. */
    public boolean isInitialised() {
        return initialised;
    }

    /** Still averaging the first {@code tauAccSeconds} of accelerometer data (also before any sample). */
    public boolean isInitialising() {
        return !initialised || accLp.isWarmingUp();
    }

    /** Gyroscope and accelerometer have been still for {@code restMinSeconds}; the bias is being measured. */
    public boolean isRestDetected() {
        return initialised && rest.isRest();
    }

    /** The last sample's acceleration was too far from the estimated gravity and was left out. */
    public boolean isAccelerationRejected() {
        return accRejected;
    }

    /** Rejection is suspended after {@code accRecoverySeconds} of disagreement, to pull a wrong estimate back. */
    public boolean isAccelerationRecovery() {
        return accRecovery;
    }

    /** The last acceleration was a zero vector, without direction; the gyroscope carried the estimate. */
    public boolean isAccelerometerIgnored() {
        return accIgnored;
    }

    /** The field's norm or dip deviates from the learned reference (never before a reference exists). */
    public boolean isMagneticDisturbance() {
        return magReference.isDisturbed();
    }

    /** The last magnetometer sample was given but not used (switched off, non-finite, zero or vertical). */
    public boolean isMagnetometerIgnored() {
        return magIgnored;
    }

    /** The last call was rejected (non-finite value or non-positive interval) and changed only the counters. */
    public boolean isLastSampleRejected() {
        return lastRejected;
    }

    /** Samples accepted since construction. */
    public long sampleCount() {
        return sampleCount;
    }

    /** Samples rejected (non-finite value, non-positive interval) since construction. */
    public long rejectedSampleCount() {
        return rejectedCount;
    }

    /** Device clock resets or wraps followed in {@code updateAtMicros} (the orientation carries on). */
    public long clockResetCount() {
        return clockResetCount;
    }

    /** Restarts caused by gaps longer than {@link FilterParams#maxGapSeconds()}. */
    public long restartCount() {
        return restartCount;
    }

    /** Bias Kalman steps skipped because the innovation covariance was not invertible (expected: 0). */
    public long singularBiasStepCount() {
        return bias.singularCount();
    }
}
