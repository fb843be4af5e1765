package io.spinewatch.history;

import io.spinewatch.live.Angle;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One wearer's minute: seconds spent per posture state and the four angles' mean, minimum and maximum.
 *
 * @param minuteStartMillis UTC epoch milliseconds of the minute's start, a whole minute
 * @param secondsByState    seconds per state name, each in 0..60 and together at most 60 (a minute with
 *                          gaps has less); states the store has no column for are kept as {@code other}
 * @param angles            statistics of the angles that were measured (an angle the sensors could not
 *                          tell that minute is absent)
 */
public record MinuteAggregate(String wearerId, long minuteStartMillis, Map<String, Double> secondsByState,
                              Map<Angle, AngleStats> angles) implements HistoryRecord {
    public static final long MINUTE_MILLIS = 60_000;
    /** Rounding slack on the 60 s total, as per-sample durations need not add up exactly. */
    private static final double TOTAL_SLACK_SECONDS = 0.5;

    public MinuteAggregate {
        HistoryRecord.requireWearerId(wearerId);
        if (Math.floorMod(minuteStartMillis, MINUTE_MILLIS) != 0) {
            throw new IllegalArgumentException("minuteStartMillis must be a whole minute: " + minuteStartMillis);
        }
        double total = 0;
        Map<String, Double> s = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : secondsByState.entrySet()) {
            HistoryRecord.requireLabel("state", e.getKey(), 32);
            double v = e.getValue();
            if (!(v >= 0 && v <= 60 + TOTAL_SLACK_SECONDS)) {
                throw new IllegalArgumentException("seconds in " + e.getKey() + " must be in 0..60: " + v);
            }
            total += v;
            s.put(e.getKey(), v);
        }
        if (total > 60 + TOTAL_SLACK_SECONDS) {
            throw new IllegalArgumentException("a minute holds at most 60 s of states: " + total);
        }
        secondsByState = Collections.unmodifiableMap(s);
        angles = angles.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(angles));
    }

    /** Seconds in the given state, 0 when absent. */
    public double seconds(String state) {
        return secondsByState.getOrDefault(state, 0.0);
    }
}
