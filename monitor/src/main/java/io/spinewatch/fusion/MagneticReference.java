package io.spinewatch.fusion;

/**
 * Learns the undisturbed magnetic field (its norm and dip angle) and flags samples that deviate from it,
 * which then stop the heading correction for a bounded time (VQF's scheme, see docs/fusion.md section M).
 *
 * <p>One deviation from VQF: the first reference is accepted after {@code magNewFirstSeconds} of a steady field
 * even if the sensor does not turn, because a seated wearer may not turn for many minutes and detection
 * needs some reference. Later references still need turning, which shows that the new field is homogeneous
 * and not the local distortion of a steel desk leg.
 */
final class MagneticReference {
    private final double normThreshold;
    private final double dipThresholdRad;
    private final double refTauSeconds;
    private final double newSeconds;
    private final double newFirstSeconds;
    private final double newMinGyroRadPerS;
    private final double minUndisturbedSeconds;
    private final double maxRejectionSeconds;
    private final double rejectionFactor;
    private final boolean rejectionEnabled;
    private final ButterworthLowPass normDipLp;
    private final double[] normDip = new double[2];

    private boolean hasReference;
    private double refNorm;
    private double refDipRad;
    private boolean disturbed;
    private double undisturbedSeconds;
    private double rejectedSeconds;
    private boolean hasCandidate;
    private double candidateNorm;
    private double candidateDipRad;
    private double candidateSeconds;

    MagneticReference(FilterParams p) {
        this.normThreshold = p.magNormThreshold();
        this.dipThresholdRad = Math.toRadians(p.magDipThresholdDeg());
        this.refTauSeconds = p.magRefTauSeconds();
        this.newSeconds = p.magNewSeconds();
        this.newFirstSeconds = p.magNewFirstSeconds();
        this.newMinGyroRadPerS = Math.toRadians(p.magNewMinGyroDegPerS());
        this.minUndisturbedSeconds = p.magMinUndisturbedSeconds();
        this.maxRejectionSeconds = p.magMaxRejectionSeconds();
        this.rejectionFactor = p.magRejectionFactor();
        this.rejectionEnabled = p.magRejectionEnabled();
        this.normDipLp = new ButterworthLowPass(p.magCurrentTauSeconds(), 2);
    }

    /**
     * Feeds one field sample in (heading-free) earth axes and returns the factor for the heading-correction
     * gain: 1 normally, 0 while a disturbance is rejected, {@code 1 / magRejectionFactor} once it has lasted
     * longer than the longest rejection.
     */
    double update(double intervalSeconds, Vec3 magEarth, double gyroRateRadPerS) {
        double norm = magEarth.norm();
        normDip[0] = norm;
        normDip[1] = Math.asin(Math.max(-1, Math.min(1, -magEarth.z / norm)));
        normDipLp.step(intervalSeconds, normDip, normDip);
        double curNorm = normDip[0];
        double curDip = normDip[1];
        double kRef = -Math.expm1(-intervalSeconds / refTauSeconds);

        if (hasReference) {
            if (agrees(curNorm, curDip, refNorm, refDipRad)) {
                undisturbedSeconds += intervalSeconds;
                if (undisturbedSeconds >= minUndisturbedSeconds) {
                    disturbed = false;
                    refNorm += kRef * (curNorm - refNorm);
                    refDipRad += kRef * (curDip - refDipRad);
                }
            } else {
                undisturbedSeconds = 0;
                disturbed = true;
            }
        }

        if (hasCandidate && agrees(curNorm, curDip, candidateNorm, candidateDipRad)) {
            if (!hasReference || gyroRateRadPerS >= newMinGyroRadPerS) {
                candidateSeconds += intervalSeconds;
            }
            candidateNorm += kRef * (curNorm - candidateNorm);
            candidateDipRad += kRef * (curDip - candidateDipRad);
            boolean first = !hasReference && candidateSeconds >= newFirstSeconds;
            boolean replace = hasReference && disturbed && candidateSeconds >= newSeconds;
            if (first || replace) {
                hasReference = true;
                refNorm = candidateNorm;
                refDipRad = candidateDipRad;
                disturbed = false;
                undisturbedSeconds = minUndisturbedSeconds;
            }
        } else {
            hasCandidate = true;
            candidateNorm = curNorm;
            candidateDipRad = curDip;
            candidateSeconds = 0;
        }

        if (!rejectionEnabled) {
            return 1;
        }
        if (disturbed) {
            if (rejectedSeconds <= maxRejectionSeconds) {
                rejectedSeconds += intervalSeconds;
                return 0;
            }
            return 1 / rejectionFactor;
        }
        rejectedSeconds = Math.max(0, rejectedSeconds - rejectionFactor * intervalSeconds);
        return 1;
    }

    private boolean agrees(double norm, double dipRad, double refN, double refDip) {
        return Math.abs(norm - refN) < normThreshold * refN && Math.abs(dipRad - refDip) < dipThresholdRad;
    }

    /** Whether the last field deviated from the learned reference (never before a reference exists). */
    boolean isDisturbed() {
        return disturbed;
    }

    boolean hasReference() {
        return hasReference;
    }

    /** The learned field norm, in the magnetometer's unit; NaN before a reference exists. */
    double referenceNorm() {
        return hasReference ? refNorm : Double.NaN;
    }

    /** The learned dip angle (positive when the field points below the horizon), radians; NaN before. */
    double referenceDipRad() {
        return hasReference ? refDipRad : Double.NaN;
    }

    /** Restarts the short-term filter after a gap; the learned reference survives. */
    void restart() {
        normDipLp.reset();
        hasCandidate = false;
        candidateSeconds = 0;
        undisturbedSeconds = 0;
    }
}
