package io.spinewatch.posture;

/**
 * Settings of the {@link SlouchOnsetEstimator}, which dates a confirmed slouch back to when the wearer began to
 * slump; {@link #DEFAULT} holds the defaults.
 *
 * @param riseWindowSeconds the rise of the slouch measure is judged over windows this long, s. Default 1: long
 *     enough that sensor noise (a few tenths of a degree per step) is small next to the rise it must show
 *     (1.5 deg), short next to a slump (2-10 s). The onset is a window's start, so a longer window also dates a
 *     gently starting slump earlier.
 * @param riseRateDegPerS a window whose measure rose at least this fast is part of the slump, deg/s. Default 1.5:
 *     a slump of 30-40 deg (lumbar + thoracic flexion + posterior tilt) over 6 s peaks near 10 deg/s and passes
 *     1.5 deg/s within about half a second of its start; breathing (under 1 deg peak to peak)
 *     never rises that much within a window.
 * @param maxLookbackSeconds the onset is at most this long before the confirmation, s. Default 10: covers a
 *     slump that takes up to about 7 s to meet the slouch rule (with the 3 s confirmation), and bounds how early a
 *     slow, steady drift can date an alert.
 * @param historySeconds how much of the measure is kept, s. Default 15 (at least the look-back plus one window).
 */
public record SlouchOnsetParams(double riseWindowSeconds, double riseRateDegPerS, double maxLookbackSeconds,
                                double historySeconds) {
    public static final SlouchOnsetParams DEFAULT = new SlouchOnsetParams(1, 1.5, 10, 15);

    public SlouchOnsetParams {
        if (!(riseWindowSeconds >= 0.05 && riseWindowSeconds <= 5)) throw new IllegalArgumentException("riseWindowSeconds must be in 0.05..5: " + riseWindowSeconds);
        if (!(riseRateDegPerS > 0 && riseRateDegPerS <= 100)) throw new IllegalArgumentException("riseRateDegPerS must be in (0, 100]: " + riseRateDegPerS);
        if (!(maxLookbackSeconds >= 0 && maxLookbackSeconds <= 60)) throw new IllegalArgumentException("maxLookbackSeconds must be in 0..60: " + maxLookbackSeconds);
        if (!(historySeconds >= maxLookbackSeconds + riseWindowSeconds && historySeconds <= 120)) {
            throw new IllegalArgumentException("historySeconds must be in maxLookbackSeconds + riseWindowSeconds..120: " + historySeconds);
        }
    }
}
