package io.spinewatch.fusion;

/**
 * Settings of the {@link OrientationFilter}, validated at construction; {@link #DEFAULT} holds the defaults.
 *
 * <p>Most defaults are those published with VQF (Laidig and Seel 2023, "VQF: Highly accurate IMU orientation
 * estimation with bias estimation and magnetic disturbance rejection", Information Fusion 91), where they were
 * tuned on a large multi-sensor dataset and shown to hold across very different motions. Acceleration
 * rejection with a recovery trigger, from x-io Fusion (Madgwick's revised AHRS), is an option, off by default. Each field says where
 * its default comes from and, where we deviate, why. Features are switched off with their boolean, never
 * with a zero or negative number.
 *
 * @param tauAccSeconds time constant of the second-order Butterworth low-pass applied to the acceleration in
 *     the almost-inertial frame: the accelerometer corrects inclination over roughly this time, so shorter
 *     linear accelerations average out. Default 3 s (VQF).
 * @param accRejectionEnabled whether samples whose acceleration points more than {@code accRejectionDeg}
 *     away from the current gravity estimate are left out of the correction (x-io Fusion). Default off, as in
 *     VQF: under a periodic acceleration (gait) the gate keeps a phase-selected subset of samples whose mean is
 *     not gravity, and, centred on the estimate, it feeds its own error (8.5 deg after a 60 s walk with
 *     perfect sensors). It helps only against one-sided pushes from rest, which a seated body does not keep.
 * @param accRejectionDeg angle between measured acceleration and estimated gravity above which a sample is
 *     rejected, degrees. Default 10 deg (x-io Fusion): a 1.7 m/s^2 sideways acceleration.
 * @param accRecoverySeconds rejected time after which the filter stops rejecting and lets the accelerometer
 *     pull it back (the estimate is then more likely wrong than the acceleration sustained), seconds.
 *     Default 5 s (x-io Fusion's recovery trigger period).
 * @param restBiasEnabled whether gyroscope bias is measured while the sensor is at rest. Default on (VQF).
 * @param motionBiasEnabled whether the horizontal gyroscope bias is also estimated during motion, from the
 *     inclination corrections. Default on (VQF).
 * @param biasSigmaInitDegPerS standard deviation of the bias before any measurement, also the largest the
 *     uncertainty may grow back to, deg/s. Default 0.5 deg/s (VQF).
 * @param biasForgettingSeconds time in which the bias variance grows by (0.1 deg/s)^2 without measurements,
 *     which lets the estimate follow a drifting bias, seconds. Default 100 s (VQF).
 * @param biasClipDegPerS largest bias magnitude per axis that is estimated (and largest single error used in
 *     one Kalman step), deg/s; a rate above it on any axis is motion, never bias. Default 2 deg/s (VQF).
 * @param biasSigmaMotionDegPerS steady-state standard deviation of the bias estimate during motion, which sets
 *     how much one motion measurement is trusted, deg/s. Default 0.1 deg/s (VQF).
 * @param biasVerticalForgettingFactor weight, relative to the horizontal components, of the weak pull of the
 *     (unobservable) vertical bias component toward zero during motion. Default 1e-4 (VQF).
 * @param biasSigmaRestDegPerS steady-state standard deviation of the bias estimate at rest, deg/s.
 *     Default 0.03 deg/s (VQF).
 * @param restMinSeconds how long gyro and accelerometer must stay still before rest is declared, seconds.
 *     Default 1.5 s (VQF).
 * @param restFilterTauSeconds time constant of the low-pass against which rest deviations are measured,
 *     seconds. Default 0.5 s (VQF).
 * @param restGyroThresholdDegPerS largest deviation of the angular rate from its low-passed value at rest,
 *     deg/s. Default 2 deg/s (VQF).
 * @param restAccThresholdMps2 largest deviation of the acceleration from its low-passed value at rest, m/s^2.
 *     Default 0.5 m/s^2 (VQF).
 * @param magEnabled whether magnetometer samples, when given, correct the heading. Default on; indoors near
 *     desks and monitors the field is often distorted, so a caller may prefer heading from the gyro alone.
 * @param tauMagSeconds time constant of the first-order heading correction, seconds. Default 9 s (VQF).
 * @param magRejectionEnabled whether a disturbed magnetic field (norm or dip off the learned reference) stops
 *     the heading correction. Default on (VQF).
 * @param magCurrentTauSeconds time constant of the low-pass on the field's norm and dip before they are
 *     compared with the reference, seconds. Default 0.05 s (VQF).
 * @param magRefTauSeconds time constant with which the reference norm and dip follow an undisturbed field,
 *     seconds. Default 20 s (VQF).
 * @param magNormThreshold largest relative deviation of the field norm from the reference, as a fraction.
 *     Default 0.1 (VQF).
 * @param magDipThresholdDeg largest deviation of the dip angle from the reference, degrees. Default 10 deg (VQF).
 * @param magNewSeconds how long a different but steady field must be seen while the sensor turns before it
 *     becomes the new reference, seconds. Default 20 s (VQF).
 * @param magNewFirstSeconds how long the first steady field must be seen before it becomes the reference,
 *     seconds. Default 5 s (VQF).
 * @param magNewMinGyroDegPerS angular rate above which time counts toward accepting a new field, deg/s: only
 *     turning in a field shows it is homogeneous. Default 20 deg/s (VQF).
 * @param magMinUndisturbedSeconds how long the field must agree with the reference before the disturbance
 *     flag clears, seconds. Default 0.5 s (VQF).
 * @param magMaxRejectionSeconds longest a disturbance stops the heading correction before it resumes at a
 *     reduced gain, seconds. Default 60 s (VQF).
 * @param magRejectionFactor factor by which the gain is reduced after the longest rejection, and by which
 *     undisturbed time pays back rejected time. Default 2 (VQF).
 * @param maxGapSeconds longest sample interval that is integrated; a longer gap restarts the filter (the
 *     orientation is re-initialised from the accelerometer, the learned bias is kept), seconds. Default 1 s:
 *     a wireless dropout is usually under 0.2 s, and across a longer one the wearer may have moved in a way
 *     the gyroscope never saw.
 */
public record FilterParams(
        double tauAccSeconds,
        boolean accRejectionEnabled,
        double accRejectionDeg,
        double accRecoverySeconds,
        boolean restBiasEnabled,
        boolean motionBiasEnabled,
        double biasSigmaInitDegPerS,
        double biasForgettingSeconds,
        double biasClipDegPerS,
        double biasSigmaMotionDegPerS,
        double biasVerticalForgettingFactor,
        double biasSigmaRestDegPerS,
        double restMinSeconds,
        double restFilterTauSeconds,
        double restGyroThresholdDegPerS,
        double restAccThresholdMps2,
        boolean magEnabled,
        double tauMagSeconds,
        boolean magRejectionEnabled,
        double magCurrentTauSeconds,
        double magRefTauSeconds,
        double magNormThreshold,
        double magDipThresholdDeg,
        double magNewSeconds,
        double magNewFirstSeconds,
        double magNewMinGyroDegPerS,
        double magMinUndisturbedSeconds,
        double magMaxRejectionSeconds,
        double magRejectionFactor,
        double maxGapSeconds) {

    /** The published defaults described on each field. */
    public static final FilterParams DEFAULT = builder().build();

    public FilterParams {
        check("tauAccSeconds", tauAccSeconds, 0.05, 100);
        check("accRejectionDeg", accRejectionDeg, 1, 90);
        check("accRecoverySeconds", accRecoverySeconds, 0.1, 600);
        check("biasSigmaInitDegPerS", biasSigmaInitDegPerS, 0.001, 10);
        check("biasForgettingSeconds", biasForgettingSeconds, 1, 1e6);
        check("biasClipDegPerS", biasClipDegPerS, 0.01, 30);
        check("biasSigmaMotionDegPerS", biasSigmaMotionDegPerS, 1e-4, 10);
        check("biasVerticalForgettingFactor", biasVerticalForgettingFactor, 1e-10, 1);
        check("biasSigmaRestDegPerS", biasSigmaRestDegPerS, 1e-4, 10);
        check("restMinSeconds", restMinSeconds, 0.01, 60);
        check("restFilterTauSeconds", restFilterTauSeconds, 0.01, 10);
        check("restGyroThresholdDegPerS", restGyroThresholdDegPerS, 0.01, 100);
        check("restAccThresholdMps2", restAccThresholdMps2, 0.001, 10);
        check("tauMagSeconds", tauMagSeconds, 0.05, 1000);
        check("magCurrentTauSeconds", magCurrentTauSeconds, 0.001, 10);
        check("magRefTauSeconds", magRefTauSeconds, 0.1, 1000);
        check("magNormThreshold", magNormThreshold, 0.001, 1);
        check("magDipThresholdDeg", magDipThresholdDeg, 0.1, 90);
        check("magNewSeconds", magNewSeconds, 0.1, 3600);
        check("magNewFirstSeconds", magNewFirstSeconds, 0.1, 3600);
        check("magNewMinGyroDegPerS", magNewMinGyroDegPerS, 0, 2000);
        check("magMinUndisturbedSeconds", magMinUndisturbedSeconds, 0, 60);
        check("magMaxRejectionSeconds", magMaxRejectionSeconds, 0, 3600);
        check("magRejectionFactor", magRejectionFactor, 1, 100);
        check("maxGapSeconds", maxGapSeconds, 0.001, 3600);
    }

    private static void check(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + value);
        }
    }

    /** A builder preset with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these values, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.tauAccSeconds = tauAccSeconds;
        b.accRejectionEnabled = accRejectionEnabled;
        b.accRejectionDeg = accRejectionDeg;
        b.accRecoverySeconds = accRecoverySeconds;
        b.restBiasEnabled = restBiasEnabled;
        b.motionBiasEnabled = motionBiasEnabled;
        b.biasSigmaInitDegPerS = biasSigmaInitDegPerS;
        b.biasForgettingSeconds = biasForgettingSeconds;
        b.biasClipDegPerS = biasClipDegPerS;
        b.biasSigmaMotionDegPerS = biasSigmaMotionDegPerS;
        b.biasVerticalForgettingFactor = biasVerticalForgettingFactor;
        b.biasSigmaRestDegPerS = biasSigmaRestDegPerS;
        b.restMinSeconds = restMinSeconds;
        b.restFilterTauSeconds = restFilterTauSeconds;
        b.restGyroThresholdDegPerS = restGyroThresholdDegPerS;
        b.restAccThresholdMps2 = restAccThresholdMps2;
        b.magEnabled = magEnabled;
        b.tauMagSeconds = tauMagSeconds;
        b.magRejectionEnabled = magRejectionEnabled;
        b.magCurrentTauSeconds = magCurrentTauSeconds;
        b.magRefTauSeconds = magRefTauSeconds;
        b.magNormThreshold = magNormThreshold;
        b.magDipThresholdDeg = magDipThresholdDeg;
        b.magNewSeconds = magNewSeconds;
        b.magNewFirstSeconds = magNewFirstSeconds;
        b.magNewMinGyroDegPerS = magNewMinGyroDegPerS;
        b.magMinUndisturbedSeconds = magMinUndisturbedSeconds;
        b.magMaxRejectionSeconds = magMaxRejectionSeconds;
        b.magRejectionFactor = magRejectionFactor;
        b.maxGapSeconds = maxGapSeconds;
        return b;
    }

    /** Whether any gyroscope bias estimation is on. */
    public boolean biasEstimationEnabled() {
        return restBiasEnabled || motionBiasEnabled;
    }

    /** Mutable builder; the defaults live here and nowhere else. */
    public static final class Builder {
        private double tauAccSeconds = 3.0;
        private boolean accRejectionEnabled = false;
        private double accRejectionDeg = 10.0;
        private double accRecoverySeconds = 5.0;
        private boolean restBiasEnabled = true;
        private boolean motionBiasEnabled = true;
        private double biasSigmaInitDegPerS = 0.5;
        private double biasForgettingSeconds = 100.0;
        private double biasClipDegPerS = 2.0;
        private double biasSigmaMotionDegPerS = 0.1;
        private double biasVerticalForgettingFactor = 1e-4;
        private double biasSigmaRestDegPerS = 0.03;
        private double restMinSeconds = 1.5;
        private double restFilterTauSeconds = 0.5;
        private double restGyroThresholdDegPerS = 2.0;
        private double restAccThresholdMps2 = 0.5;
        private boolean magEnabled = true;
        private double tauMagSeconds = 9.0;
        private boolean magRejectionEnabled = true;
        private double magCurrentTauSeconds = 0.05;
        private double magRefTauSeconds = 20.0;
        private double magNormThreshold = 0.1;
        private double magDipThresholdDeg = 10.0;
        private double magNewSeconds = 20.0;
        private double magNewFirstSeconds = 5.0;
        private double magNewMinGyroDegPerS = 20.0;
        private double magMinUndisturbedSeconds = 0.5;
        private double magMaxRejectionSeconds = 60.0;
        private double magRejectionFactor = 2.0;
        private double maxGapSeconds = 1.0;

        private Builder() {
        }

        public Builder tauAccSeconds(double v) { tauAccSeconds = v; return this; }
        public Builder accRejectionEnabled(boolean v) { accRejectionEnabled = v; return this; }
        public Builder accRejectionDeg(double v) { accRejectionDeg = v; return this; }
        public Builder accRecoverySeconds(double v) { accRecoverySeconds = v; return this; }
        public Builder restBiasEnabled(boolean v) { restBiasEnabled = v; return this; }
        public Builder motionBiasEnabled(boolean v) { motionBiasEnabled = v; return this; }
        public Builder biasSigmaInitDegPerS(double v) { biasSigmaInitDegPerS = v; return this; }
        public Builder biasForgettingSeconds(double v) { biasForgettingSeconds = v; return this; }
        public Builder biasClipDegPerS(double v) { biasClipDegPerS = v; return this; }
        public Builder biasSigmaMotionDegPerS(double v) { biasSigmaMotionDegPerS = v; return this; }
        public Builder biasVerticalForgettingFactor(double v) { biasVerticalForgettingFactor = v; return this; }
        public Builder biasSigmaRestDegPerS(double v) { biasSigmaRestDegPerS = v; return this; }
        public Builder restMinSeconds(double v) { restMinSeconds = v; return this; }
        public Builder restFilterTauSeconds(double v) { restFilterTauSeconds = v; return this; }
        public Builder restGyroThresholdDegPerS(double v) { restGyroThresholdDegPerS = v; return this; }
        public Builder restAccThresholdMps2(double v) { restAccThresholdMps2 = v; return this; }
        public Builder magEnabled(boolean v) { magEnabled = v; return this; }
        public Builder tauMagSeconds(double v) { tauMagSeconds = v; return this; }
        public Builder magRejectionEnabled(boolean v) { magRejectionEnabled = v; return this; }
        public Builder magCurrentTauSeconds(double v) { magCurrentTauSeconds = v; return this; }
        public Builder magRefTauSeconds(double v) { magRefTauSeconds = v; return this; }
        public Builder magNormThreshold(double v) { magNormThreshold = v; return this; }
        public Builder magDipThresholdDeg(double v) { magDipThresholdDeg = v; return this; }
        public Builder magNewSeconds(double v) { magNewSeconds = v; return this; }
        public Builder magNewFirstSeconds(double v) { magNewFirstSeconds = v; return this; }
        public Builder magNewMinGyroDegPerS(double v) { magNewMinGyroDegPerS = v; return this; }
        public Builder magMinUndisturbedSeconds(double v) { magMinUndisturbedSeconds = v; return this; }
        public Builder magMaxRejectionSeconds(double v) { magMaxRejectionSeconds = v; return this; }
        public Builder magRejectionFactor(double v) { magRejectionFactor = v; return this; }
        public Builder maxGapSeconds(double v) { maxGapSeconds = v; return this; }

        /** Builds and validates; throws {@link IllegalArgumentException} naming the first bad field. */
        public FilterParams build() {
            return new FilterParams(tauAccSeconds, accRejectionEnabled, accRejectionDeg, accRecoverySeconds,
                    restBiasEnabled, motionBiasEnabled, biasSigmaInitDegPerS, biasForgettingSeconds,
                    biasClipDegPerS, biasSigmaMotionDegPerS, biasVerticalForgettingFactor, biasSigmaRestDegPerS,
                    restMinSeconds, restFilterTauSeconds, restGyroThresholdDegPerS, restAccThresholdMps2,
                    magEnabled, tauMagSeconds, magRejectionEnabled, magCurrentTauSeconds, magRefTauSeconds,
                    magNormThreshold, magDipThresholdDeg, magNewSeconds, magNewFirstSeconds, magNewMinGyroDegPerS,
                    magMinUndisturbedSeconds, magMaxRejectionSeconds, magRejectionFactor, maxGapSeconds);
        }
    }
}
