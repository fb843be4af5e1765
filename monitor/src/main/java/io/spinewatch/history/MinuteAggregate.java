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

    /**
     * The two parts of one wearer-minute as one, as a monitor restarted within a minute writes it twice: seconds
     * per state summed, each angle merged by {@link AngleStats#merge} (an angle only one part measured is taken
     * from that part). Should the parts overlap (a clock set back, say) and hold more than 60 s together, the
     * seconds, the angles' measured seconds included, are scaled back to 60 s, as {@link MinuteAccumulator} does
     * with rounding. The same rule as migration {@code V2__merge_split_minutes.sql}.
     *
     * @throws IllegalArgumentException if the two are not of the same wearer and minute
     */
    public static MinuteAggregate merge(MinuteAggregate a, MinuteAggregate b) {
        if (!a.wearerId.equals(b.wearerId) || a.minuteStartMillis != b.minuteStartMillis) {
            throw new IllegalArgumentException("not the same wearer-minute: " + a.wearerId + "@" + a.minuteStartMillis
                    + ", " + b.wearerId + "@" + b.minuteStartMillis);
        }
        Map<String, Double> s = new LinkedHashMap<>(a.secondsByState);
        b.secondsByState.forEach((state, v) -> s.merge(state, v, Double::sum));
        double total = 0;
        for (double v : s.values()) {
            total += v;
        }
        double scale = total > 60 ? 60 / total : 1;
        if (scale < 1) {
            s.replaceAll((state, v) -> v * scale);
        }
        Map<Angle, AngleStats> angles = new EnumMap<>(Angle.class);
        angles.putAll(a.angles);
        b.angles.forEach((angle, st) -> angles.merge(angle, st, AngleStats::merge));
        if (scale < 1) {
            angles.replaceAll((angle, st) -> st.scaled(scale));
        }
        return new MinuteAggregate(a.wearerId, a.minuteStartMillis, s, angles);
    }

    /** Seconds in the given state, 0 when absent. */
    public double seconds(String state) {
        return secondsByState.getOrDefault(state, 0.0);
    }
}
