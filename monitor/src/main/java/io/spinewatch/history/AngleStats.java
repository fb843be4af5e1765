package io.spinewatch.history;

/** Mean, minimum and maximum of one angle over a stretch of time, in degrees. */
public record AngleStats(double meanDeg, double minDeg, double maxDeg) {
    public AngleStats {
        if (!(Double.isFinite(meanDeg) && Double.isFinite(minDeg) && Double.isFinite(maxDeg))) {
            throw new IllegalArgumentException("angle statistics must be finite");
        }
        if (!(minDeg <= meanDeg && meanDeg <= maxDeg)) {
            throw new IllegalArgumentException("need min <= mean <= max: " + minDeg + ", " + meanDeg + ", " + maxDeg);
        }
    }
}
