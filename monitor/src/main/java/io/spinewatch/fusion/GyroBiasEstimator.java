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
 * {@code W = sigma^4 / V + sigma^2}. W is diagonal, so the measurement update is done as three scalar updates in
 * turn, which is exactly the batch update without a 3x3 inverse. Nothing is allocated per step.
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

    /** Rest measurement: {@code y} (rad/s), the low-passed angular rate less its tilt part, is the bias itself. */
    void correctRest(Vec3 y, double intervalSeconds) {
        double w = noiseFor(varianceRest, intervalSeconds);
        double b1 = bias.a1;
        double b2 = bias.a2;
        double b3 = bias.a3;
        double e1 = clip(y.x - b1);
        double e2 = clip(y.y - b2);
        double e3 = clip(y.z - b3);
        // H = I: each scalar update reads one column of P, no products. The later innovations are corrected
        // for what the earlier updates changed of the bias (sequential processing of a diagonal W).
        scalarUpdate(1, 0, 0, e1, w);
        scalarUpdate(0, 1, 0, e2 - (bias.a2 - b2), w);
        scalarUpdate(0, 0, 1, e3 - (bias.a3 - b3), w);
        finish();
    }

    /**
     * Motion measurement with {@code h} the (low-passed) sensor-to-earth rotation matrix and {@code (e0, e1, e2)}
     * the innovation {@code y - h b} already formed by the caller (rad/s, earth axes; e2 pulls the unobservable
     * vertical component weakly toward zero).
     */
    void correctMotion(DMatrix3x3 h, double e0, double e1, double e2, double intervalSeconds) {
        double w = noiseFor(varianceMotion, intervalSeconds);
        double b1 = bias.a1;
        double b2 = bias.a2;
        double b3 = bias.a3;
        double c0 = clip(e0);
        double c1 = clip(e1);
        double c2 = clip(e2);
        scalarUpdate(h.a11, h.a12, h.a13, c0, w);
        double d1 = bias.a1 - b1;
        double d2 = bias.a2 - b2;
        double d3 = bias.a3 - b3;
        scalarUpdate(h.a21, h.a22, h.a23, c1 - (h.a21 * d1 + h.a22 * d2 + h.a23 * d3), w);
        d1 = bias.a1 - b1;
        d2 = bias.a2 - b2;
        d3 = bias.a3 - b3;
        scalarUpdate(h.a31, h.a32, h.a33, c2 - (h.a31 * d1 + h.a32 * d2 + h.a33 * d3), w / verticalFactor);
        finish();
    }

    private double noiseFor(double steadyVariance, double intervalSeconds) {
        double v = growthPerSecond * intervalSeconds;
        return steadyVariance * steadyVariance / v + steadyVariance;
    }

    /**
     * (B2)-(B5) for one row {@code h} of H with its own noise {@code w}: with W diagonal, three such updates in
     * turn give exactly the batch update with the 3x3 inverse, for about a third of the arithmetic. P stays
     * symmetric by construction ({@code P - ph ph^T / s}).
     */
    private void scalarUpdate(double h1, double h2, double h3, double e, double w) {
        // ph = P h^T
        double ph1 = p.a11 * h1 + p.a12 * h2 + p.a13 * h3;
        double ph2 = p.a12 * h1 + p.a22 * h2 + p.a23 * h3;
        double ph3 = p.a13 * h1 + p.a23 * h2 + p.a33 * h3;
        double sVar = h1 * ph1 + h2 * ph2 + h3 * ph3 + w;
        // (B3) S is positive in theory; check it in practice.
        if (!(sVar > 0) || !Double.isFinite(sVar)) {
            singularCount++;
            return;
        }
        double inv = 1 / sVar;
        double k1 = ph1 * inv;
        double k2 = ph2 * inv;
        double k3 = ph3 * inv;
        // (B4)
        bias.a1 += k1 * e;
        bias.a2 += k2 * e;
        bias.a3 += k3 * e;
        // (B5) P = P - k ph^T
        p.a11 -= k1 * ph1;
        p.a22 -= k2 * ph2;
        p.a33 -= k3 * ph3;
        double m12 = p.a12 - k1 * ph2;
        double m13 = p.a13 - k1 * ph3;
        double m23 = p.a23 - k2 * ph3;
        p.a12 = m12;
        p.a21 = m12;
        p.a13 = m13;
        p.a31 = m13;
        p.a23 = m23;
        p.a32 = m23;
    }

    /** Tiny correlations flushed (see flushTiny) and (B6): the bias stays within the clip range. */
    private void finish() {
        double m12 = flushTiny(p.a12);
        double m13 = flushTiny(p.a13);
        double m23 = flushTiny(p.a23);
        p.a12 = m12;
        p.a21 = m12;
        p.a13 = m13;
        p.a31 = m13;
        p.a23 = m23;
        p.a32 = m23;
        bias.a1 = clip(bias.a1);
        bias.a2 = clip(bias.a2);
        bias.a3 = clip(bias.a3);
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

    /** How many scalar Kalman updates were skipped because their innovation variance was not positive. */
    long singularCount() {
        return singularCount;
    }
}
