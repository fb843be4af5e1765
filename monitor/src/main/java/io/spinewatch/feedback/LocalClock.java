package io.spinewatch.feedback;

/**
 * Maps the pipeline's monotonic time (seconds, any origin) to the wearer's local day, so that
 * quiet windows and the daily budget stay pure: the shell that knows the wall clock and time zone
 * says at which monotonic instant a local midnight fell, and supplies a new anchor when the
 * offset changes (daylight saving, travel).
 *
 * @param tSecondsAtLocalMidnight a monotonic time at which the local clock read 00:00:00
 */
public record LocalClock(double tSecondsAtLocalMidnight) {
    /** For traces without wall time: the trace origin is taken as a local midnight. */
    public static final LocalClock TRACE_ORIGIN = new LocalClock(0);

    public LocalClock {
        if (!Double.isFinite(tSecondsAtLocalMidnight)) {
            throw new IllegalArgumentException("tSecondsAtLocalMidnight must be finite: " + tSecondsAtLocalMidnight);
        }
    }

    /** The number of local midnights between the anchor and {@code tSeconds} (negative before it). */
    public long dayIndex(double tSeconds) {
        return (long) Math.floor((tSeconds - tSecondsAtLocalMidnight) / QuietWindow.SECONDS_PER_DAY);
    }

    /** Seconds since the last local midnight, 0 inclusive .. 86400 exclusive. */
    public double secondOfDay(double tSeconds) {
        double s = (tSeconds - tSecondsAtLocalMidnight) % QuietWindow.SECONDS_PER_DAY;
        return s < 0 ? s + QuietWindow.SECONDS_PER_DAY : s;
    }
}
