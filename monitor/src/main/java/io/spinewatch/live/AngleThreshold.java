package io.spinewatch.live;

/**
 * A wearer's slouch thresholds for one angle, with hysteresis: the angle must pass
 * {@code enterDeg} to count as slouched and come back past {@code leaveDeg} to stop counting.
 *
 * @param enterDeg angle, in degrees from the calibrated neutral, beyond which the wearer slouches
 * @param leaveDeg angle, in degrees, on the neutral side of {@code enterDeg}, that ends the slouch
 */
public record AngleThreshold(double enterDeg, double leaveDeg) {
    public AngleThreshold {
        if (!Double.isFinite(enterDeg) || !Double.isFinite(leaveDeg)) {
            throw new IllegalArgumentException("thresholds must be finite: " + enterDeg + ", " + leaveDeg);
        }
    }
}
