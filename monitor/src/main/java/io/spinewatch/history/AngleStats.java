package io.spinewatch.history;

/**
 * Mean, minimum and maximum of one angle over a stretch of time, in degrees, and how long it was measured.
 *
 * @param measuredSeconds the time the sensors could tell this angle, the weight of {@code meanDeg}: two parts of
 *     one minute merge exactly ({@link #merge}) because each mean keeps its weight. Less than the minute's
 *     seconds in states when a sensor dropped out part of the time; 0 when only zero-length instants saw it.
 */
public record AngleStats(double meanDeg, double minDeg, double maxDeg, double measuredSeconds) {
    public AngleStats {
        if (!(Double.isFinite(meanDeg) && Double.isFinite(minDeg) && Double.isFinite(maxDeg))) {
            throw new IllegalArgumentException("angle statistics must be finite");
        }
        if (!(minDeg <= meanDeg && meanDeg <= maxDeg)) {
            throw new IllegalArgumentException("need min <= mean <= max: " + minDeg + ", " + meanDeg + ", " + maxDeg);
        }
        if (!(measuredSeconds >= 0 && measuredSeconds < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("measuredSeconds must be finite and >= 0: " + measuredSeconds);
        }
    }

    /**
     * The statistics of two disjoint stretches together: the mean weighted by each side's measured seconds (the
     * plain average of the two means when neither has any), the lower minimum, the higher maximum, the seconds
     * summed. The same rule as migration {@code V2__merge_split_minutes.sql}.
     */
    public static AngleStats merge(AngleStats a, AngleStats b) {
        double w = a.measuredSeconds + b.measuredSeconds;
        double mean = w > 0 ? (a.meanDeg * a.measuredSeconds + b.meanDeg * b.measuredSeconds) / w
                : (a.meanDeg + b.meanDeg) / 2;
        double min = Math.min(a.minDeg, b.minDeg);
        double max = Math.max(a.maxDeg, b.maxDeg);
        // Rounding can put a weighted mean of in-range means an ulp outside the range.
        return new AngleStats(Math.min(max, Math.max(min, mean)), min, max, w);
    }

    /** The same with the measured seconds multiplied by {@code factor} (a minute scaled back to 60 s). */
    AngleStats scaled(double factor) {
        return new AngleStats(meanDeg, minDeg, maxDeg, measuredSeconds * factor);
    }
}
