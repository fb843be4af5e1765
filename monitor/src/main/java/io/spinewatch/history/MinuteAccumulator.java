package io.spinewatch.history;

import io.spinewatch.live.Angle;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Folds one wearer's stream of instants (time, duration, state, four angles) into {@link MinuteAggregate}s,
 * one per wall-clock minute. Pure: time arrives as data. Allocates only when a minute completes.
 */
public final class MinuteAccumulator {
    private static final int MAX_STATES = 16;
    private static final Angle[] ANGLES = Angle.values();

    private final String wearerId;
    private long minuteStart = Long.MIN_VALUE;
    private final String[] states = new String[MAX_STATES];
    private final double[] seconds = new double[MAX_STATES];
    private int stateCount;
    private final double[] sum = new double[ANGLES.length];
    private final double[] min = new double[ANGLES.length];
    private final double[] max = new double[ANGLES.length];
    private final double[] weight = new double[ANGLES.length];

    public MinuteAccumulator(String wearerId) {
        this.wearerId = HistoryRecord.requireWearerId(wearerId);
        clear();
    }

    /**
     * Adds an instant at {@code tMillis} lasting {@code durationSeconds} (its share of the minute); angles
     * the sensors cannot tell are NaN. Returns the previous minute when this instant begins a new one.
     */
    public Optional<MinuteAggregate> add(long tMillis, double durationSeconds, String state, double lumbarFlexionDeg,
                                         double thoracicFlexionDeg, double pelvicTiltDeg, double trunkLeanDeg) {
        long minute = Math.floorDiv(tMillis, MinuteAggregate.MINUTE_MILLIS) * MinuteAggregate.MINUTE_MILLIS;
        Optional<MinuteAggregate> done = Optional.empty();
        if (minute != minuteStart) {
            done = finish();
            minuteStart = minute;
        }
        double dt = Math.max(0, durationSeconds);
        int i = 0;
        while (i < stateCount && !states[i].equals(state)) {
            i++;
        }
        if (i == stateCount && stateCount < MAX_STATES) {
            states[stateCount++] = state;
        }
        if (i < stateCount) {
            seconds[i] += dt;
        }
        angle(0, lumbarFlexionDeg, dt);
        angle(1, thoracicFlexionDeg, dt);
        angle(2, pelvicTiltDeg, dt);
        angle(3, trunkLeanDeg, dt);
        return done;
    }

    private void angle(int k, double deg, double dt) {
        if (Double.isNaN(deg)) {
            return;
        }
        // Time-weighted mean; an instant of zero duration still counts for the extremes.
        sum[k] += deg * dt;
        weight[k] += dt;
        min[k] = Math.min(min[k], deg);
        max[k] = Math.max(max[k], deg);
    }

    /** The minute in progress, if any, as an aggregate; the accumulator starts afresh. */
    public Optional<MinuteAggregate> finish() {
        if (minuteStart == Long.MIN_VALUE || stateCount == 0) {
            clear();
            return Optional.empty();
        }
        Map<String, Double> s = new LinkedHashMap<>();
        double total = 0;
        for (int i = 0; i < stateCount; i++) {
            total += seconds[i];
        }
        // Durations summed from sample periods can overrun the minute by rounding: scale back to 60 s.
        double scale = total > 60 ? 60 / total : 1;
        for (int i = 0; i < stateCount; i++) {
            s.put(states[i], seconds[i] * scale);
        }
        Map<Angle, AngleStats> a = new EnumMap<>(Angle.class);
        for (int k = 0; k < ANGLES.length; k++) {
            if (min[k] <= max[k]) {
                double mean = weight[k] > 0 ? sum[k] / weight[k] : (min[k] + max[k]) / 2;
                a.put(ANGLES[k], new AngleStats(Math.min(max[k], Math.max(min[k], mean)), min[k], max[k], weight[k] * scale));
            }
        }
        MinuteAggregate m = new MinuteAggregate(wearerId, minuteStart, s, a);
        clear();
        return Optional.of(m);
    }

    private void clear() {
        minuteStart = Long.MIN_VALUE;
        stateCount = 0;
        for (int i = 0; i < MAX_STATES; i++) {
            states[i] = null;
            seconds[i] = 0;
        }
        for (int k = 0; k < ANGLES.length; k++) {
            sum[k] = 0;
            weight[k] = 0;
            min[k] = Double.POSITIVE_INFINITY;
            max[k] = Double.NEGATIVE_INFINITY;
        }
    }
}
