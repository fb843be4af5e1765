package io.spinewatch.fusion;

import org.ejml.data.DMatrix3;
import org.ejml.data.DMatrix3x3;
import org.ejml.dense.fixed.CommonOps_DDF3;

/**
 * Kalman filter for the constant-but-drifting gyroscope bias {@code b} (rad/s, sensor axes), with a 3x3
 * covariance {@code P}; the measurement {@code y = H b + noise} is either the rest measurement ({@code H = I},
 * the low-passed angular rate) or the motion measurement ({@code H = R}, the rotation from sensor to earth,
 * with {@code y} derived from the inclination corrections). See docs/fusion.md, equations (B1)-(B6).
 *
 * <p>Noise levels follow VQF's tuning rule: the measurement variance {@code W} is chosen so that, with the
 * process noise {@code V} of one step, the steady-state variance is exactly the configured {@code sigma^2}:
 * {@code W = sigma^4 / V + sigma^2}. All matrices are preallocated; no EJML call aliases input and output.
 */
final class GyroBiasEstimator {
    /** Bias variance growth rate: (0.1 deg/s)^2 per forgetting time, as VQF; in (rad/s)^2 per second. */
    private final double growthPerSecond;
    private final double varianceInit;
    private final double varianceMotion;
    private final double varianceRest;
    private final double verticalFactor;
    private final double clipRadPerS;

    private final DMatrix3 bias = new DMatrix3();
    private final DMatrix3x3 p = new DMatrix3x3();

    // Scratch, one per intermediate so that no call aliases.
    private final DMatrix3x3 pht = new DMatrix3x3();
    private final DMatrix3x3 s = new DMatrix3x3();
    private final DMatrix3x3 sInv = new DMatrix3x3();
    private final DMatrix3x3 k = new DMatrix3x3();
    private final DMatrix3x3 khp = new DMatrix3x3();
    private final DMatrix3 e = new DMatrix3();
    private final DMatrix3 ke = new DMatrix3();
    private long singularCount;

    GyroBiasEstimator(FilterParams params) {
        double tenthDeg = Math.toRadians(0.1);
        this.growthPerSecond = tenthDeg * tenthDeg / params.biasForgettingSeconds();
        this.varianceInit = square(Math.toRadians(params.biasSigmaInitDegPerS()));
        this.varianceMotion = square(Math.toRadians(params.biasSigmaMotionDegPerS()));
        this.varianceRest = square(Math.toRadians(params.biasSigmaRestDegPerS()));
        this.verticalFactor = params.biasVerticalForgettingFactor();
        this.clipRadPerS = Math.toRadians(params.biasClipDegPerS());
        reset();
    }

    /** Zero bias with the initial uncertainty. */
    void reset() {
        CommonOps_DDF3.fill(bias, 0);
        CommonOps_DDF3.setIdentity(p);
        CommonOps_DDF3.scale(varianceInit, p);
    }

    /** (B1) P = P + V: the bias may have drifted over {@code seconds}; never above the initial uncertainty. */
    void predict(double seconds) {
        double v = growthPerSecond * seconds;
        p.a11 = Math.min(p.a11 + v, Math.max(p.a11, varianceInit));
        p.a22 = Math.min(p.a22 + v, Math.max(p.a22, varianceInit));
        p.a33 = Math.min(p.a33 + v, Math.max(p.a33, varianceInit));
    }

    /** Rest measurement: the low-passed raw angular rate {@code gyroLp} (rad/s) is the bias itself. */
    void correctRest(Vec3 gyroLp, double intervalSeconds) {
        double w = noiseFor(varianceRest, intervalSeconds);
        e.a1 = gyroLp.x - bias.a1;
        e.a2 = gyroLp.y - bias.a2;
        e.a3 = gyroLp.z - bias.a3;
        correct(null, w, w, w);
    }

    /**
     * Motion measurement with {@code h} the (low-passed) sensor-to-earth rotation matrix and {@code (e0, e1, e2)}
     * the innovation {@code y - h b} already formed by the caller (rad/s, earth axes; e2 pulls the unobservable
     * vertical component weakly toward zero).
     */
    void correctMotion(DMatrix3x3 h, double e0, double e1, double e2, double intervalSeconds) {
        double w = noiseFor(varianceMotion, intervalSeconds);
        e.a1 = e0;
        e.a2 = e1;
        e.a3 = e2;
        correct(h, w, w, w / verticalFactor);
    }

    private double noiseFor(double steadyVariance, double intervalSeconds) {
        double v = growthPerSecond * intervalSeconds;
        return steadyVariance * steadyVariance / v + steadyVariance;
    }

    /** One Kalman measurement step; {@code h == null} stands for the identity (rest), which saves products. */
    private void correct(DMatrix3x3 h, double w1, double w2, double w3) {
        // A single outlier step may move the bias by at most the clip value.
        e.a1 = clip(e.a1);
        e.a2 = clip(e.a2);
        e.a3 = clip(e.a3);
        // (B2) S = H P H^T + W
        if (h == null) {
            copy(p, pht);
            copy(p, s);
        } else {
            CommonOps_DDF3.multTransB(p, h, pht);
            CommonOps_DDF3.mult(h, pht, s);
        }
        s.a11 += w1;
        s.a22 += w2;
        s.a33 += w3;
        // (B3) K = P H^T S^-1; S is symmetric positive definite in theory, check it in practice.
        if (!CommonOps_DDF3.invert(s, sInv) || !finite(sInv)) {
            singularCount++;
            return;
        }
        CommonOps_DDF3.mult(pht, sInv, k);
        // (B4) b = b + K e
        CommonOps_DDF3.mult(k, e, ke);
        CommonOps_DDF3.addEquals(bias, ke);
        // (B5) P = P - K H P, then re-symmetrised against round-off. P is symmetric, so H P = (P H^T)^T.
        CommonOps_DDF3.multTransB(k, pht, khp);
        CommonOps_DDF3.subtractEquals(p, khp);
        double m12 = flushTiny(0.5 * (p.a12 + p.a21));
        double m13 = flushTiny(0.5 * (p.a13 + p.a31));
        double m23 = flushTiny(0.5 * (p.a23 + p.a32));
        p.a12 = m12;
        p.a21 = m12;
        p.a13 = m13;
        p.a31 = m13;
        p.a23 = m23;
        p.a32 = m23;
        // (B6) the bias stays within the clip range.
        bias.a1 = clip(bias.a1);
        bias.a2 = clip(bias.a2);
        bias.a3 = clip(bias.a3);
    }

    private static void copy(DMatrix3x3 from, DMatrix3x3 to) {
        to.setTo(from.a11, from.a12, from.a13, from.a21, from.a22, from.a23, from.a31, from.a32, from.a33);
    }

    /**
     * Long rest periods shrink the correlations geometrically; left alone they would pass through the
     * subnormal range, where arithmetic is many times slower. Far below any variance here, they are zero.
     */
    private static double flushTiny(double v) {
        return Math.abs(v) < 1e-200 ? 0 : v;
    }

    private double clip(double v) {
        return Math.max(-clipRadPerS, Math.min(clipRadPerS, v));
    }

    private static boolean finite(DMatrix3x3 m) {
        double sum = m.a11 + m.a12 + m.a13 + m.a21 + m.a22 + m.a23 + m.a31 + m.a32 + m.a33;
        return Double.isFinite(sum);
    }

    private static double square(double v) {
        return v * v;
    }

    double biasX() {
        return bias.a1;
    }

    double biasY() {
        return bias.a2;
    }

    double biasZ() {
        return bias.a3;
    }

    /**
     * Standard deviation bound of the estimate, rad/s: the square root of the largest absolute row sum of
     * {@code P}, which bounds its largest eigenvalue, capped at the initial uncertainty.
     */
    double sigmaRadPerS() {
        double r1 = Math.abs(p.a11) + Math.abs(p.a12) + Math.abs(p.a13);
        double r2 = Math.abs(p.a21) + Math.abs(p.a22) + Math.abs(p.a23);
        double r3 = Math.abs(p.a31) + Math.abs(p.a32) + Math.abs(p.a33);
        return Math.sqrt(Math.min(Math.max(r1, Math.max(r2, r3)), varianceInit));
    }

    /** How many Kalman steps were skipped because the innovation covariance could not be inverted. */
    long singularCount() {
        return singularCount;
    }
}
