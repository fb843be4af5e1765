package io.spinewatch.live;

import io.spinewatch.protocol.SensorSlot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything the dashboard shows about one wearer at one instant; the pipeline publishes one on
 * the {@link LiveBus} every so often (a few to a few tens per second is plenty).
 *
 * <p>Angles are in degrees from the calibrated neutral, signed as in design.md; an angle is empty
 * when the worn sensors cannot tell it (one sensor only, a silent sensor, still calibrating).
 *
 * @param wearerId             stable id, used in URLs: letters, digits, {@code -}, {@code _}, {@code .}
 * @param name                 display name
 * @param tSeconds             pipeline time of this snapshot (trace or device clock, any origin)
 * @param lumbarFlexionDeg     {@code lumbar_flexion_deg}, when known
 * @param thoracicFlexionDeg   {@code thoracic_flexion_deg}, when known
 * @param pelvicTiltDeg        {@code pelvic_tilt_deg}, when known
 * @param trunkLeanDeg         {@code trunk_lean_deg}, when known
 * @param state                posture state contract name: {@code calibrating}, {@code upright},
 *                             {@code slouched}, {@code leaning}, {@code standing}, {@code walking},
 *                             {@code no_signal} (further names may come; consumers show them as text)
 * @param stateDurationSeconds how long the current state has lasted at {@code tSeconds}
 * @param secondsByStateToday  time spent in each state today (local day of the wearer), by state name
 * @param alertsToday          alerts delivered today
 * @param slouchedSecondsToday time slouched today
 * @param thresholds           the wearer's slouch thresholds for the angles that have one
 * @param sensors              health of each worn sensor; slots not worn are absent
 * @param drill                the drill being coached now, if any
 * @param lastAlerts           the most recent alerts, oldest first, at most {@value #MAX_LAST_ALERTS}
 */
public record WearerSnapshot(
        String wearerId,
        String name,
        double tSeconds,
        OptionalDouble lumbarFlexionDeg,
        OptionalDouble thoracicFlexionDeg,
        OptionalDouble pelvicTiltDeg,
        OptionalDouble trunkLeanDeg,
        String state,
        double stateDurationSeconds,
        Map<String, Double> secondsByStateToday,
        int alertsToday,
        double slouchedSecondsToday,
        Map<Angle, AngleThreshold> thresholds,
        Map<SensorSlot, SensorHealth> sensors,
        Optional<DrillCard> drill,
        List<AlertNote> lastAlerts) {

    /** Most alerts a snapshot carries: enough for the dashboard's log, small enough to send often. */
    public static final int MAX_LAST_ALERTS = 20;

    public WearerSnapshot {
        requireWearerId(wearerId);
        Checks.requireName(name, "name");
        Checks.requireName(state, "state");
        if (!Double.isFinite(tSeconds)) {
            throw new IllegalArgumentException("tSeconds must be finite: " + tSeconds);
        }
        if (!(stateDurationSeconds >= 0) || !(slouchedSecondsToday >= 0) || alertsToday < 0) {
            throw new IllegalArgumentException("durations and counts must be >= 0");
        }
        if (lastAlerts.size() > MAX_LAST_ALERTS) {
            throw new IllegalArgumentException("at most " + MAX_LAST_ALERTS + " alerts: " + lastAlerts.size());
        }
        for (OptionalDouble a : List.of(lumbarFlexionDeg, thoracicFlexionDeg, pelvicTiltDeg, trunkLeanDeg)) {
            if (a.isPresent() && !Double.isFinite(a.getAsDouble())) {
                throw new IllegalArgumentException("angles must be finite when present");
            }
        }
        secondsByStateToday = Map.copyOf(secondsByStateToday);
        thresholds = thresholds.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(thresholds));
        sensors = sensors.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(sensors));
        lastAlerts = List.copyOf(lastAlerts);
    }

    /** The given angle, when known. */
    public OptionalDouble angleDeg(Angle angle) {
        switch (angle) {
            case LUMBAR_FLEXION:
                return lumbarFlexionDeg;
            case THORACIC_FLEXION:
                return thoracicFlexionDeg;
            case PELVIC_TILT:
                return pelvicTiltDeg;
            case TRUNK_LEAN:
                return trunkLeanDeg;
            default:
                throw new AssertionError(angle);
        }
    }

    /**
     * Checks that an id is safe in a URL path segment and a JSON string without escaping.
     *
     * @throws IllegalArgumentException if it is not
     */
    public static String requireWearerId(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            throw new IllegalArgumentException("wearerId must have 1..64 characters: " + id);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                throw new IllegalArgumentException("wearerId may hold letters, digits, '-', '_' and '.': " + id);
            }
        }
        return id;
    }

    /** A builder starting from an upright wearer with no angles, sensors, drill or alerts. */
    public static Builder builder(String wearerId, String name) {
        return new Builder(wearerId, name);
    }

    /** A builder holding this snapshot's values, to derive the next one. */
    public Builder toBuilder() {
        Builder b = new Builder(wearerId, name);
        b.tSeconds = tSeconds;
        b.angles.put(Angle.LUMBAR_FLEXION, lumbarFlexionDeg);
        b.angles.put(Angle.THORACIC_FLEXION, thoracicFlexionDeg);
        b.angles.put(Angle.PELVIC_TILT, pelvicTiltDeg);
        b.angles.put(Angle.TRUNK_LEAN, trunkLeanDeg);
        b.state = state;
        b.stateDurationSeconds = stateDurationSeconds;
        b.secondsByStateToday.putAll(secondsByStateToday);
        b.alertsToday = alertsToday;
        b.slouchedSecondsToday = slouchedSecondsToday;
        b.thresholds.putAll(thresholds);
        b.sensors.putAll(sensors);
        b.drill = drill;
        b.lastAlerts.addAll(lastAlerts);
        return b;
    }

    /** Mutable assembly of a {@link WearerSnapshot}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final String wearerId;
        private final String name;
        private double tSeconds;
        private final EnumMap<Angle, OptionalDouble> angles = new EnumMap<>(Angle.class);
        private String state = "upright";
        private double stateDurationSeconds;
        private final Map<String, Double> secondsByStateToday = new LinkedHashMap<>();
        private int alertsToday;
        private double slouchedSecondsToday;
        private final EnumMap<Angle, AngleThreshold> thresholds = new EnumMap<>(Angle.class);
        private final EnumMap<SensorSlot, SensorHealth> sensors = new EnumMap<>(SensorSlot.class);
        private Optional<DrillCard> drill = Optional.empty();
        private final List<AlertNote> lastAlerts = new ArrayList<>();

        private Builder(String wearerId, String name) {
            this.wearerId = wearerId;
            this.name = name;
        }

        public Builder tSeconds(double t) {
            this.tSeconds = t;
            return this;
        }

        /** Sets an angle; NaN clears it (unknown). */
        public Builder angleDeg(Angle angle, double deg) {
            angles.put(angle, Double.isNaN(deg) ? OptionalDouble.empty() : OptionalDouble.of(deg));
            return this;
        }

        public Builder state(String s, double durationSeconds) {
            this.state = s;
            this.stateDurationSeconds = durationSeconds;
            return this;
        }

        public Builder secondsToday(String s, double seconds) {
            secondsByStateToday.put(s, seconds);
            return this;
        }

        public Builder alertsToday(int n) {
            this.alertsToday = n;
            return this;
        }

        public Builder slouchedSecondsToday(double seconds) {
            this.slouchedSecondsToday = seconds;
            return this;
        }

        public Builder threshold(Angle angle, AngleThreshold t) {
            thresholds.put(angle, t);
            return this;
        }

        public Builder sensor(SensorSlot slot, SensorHealth h) {
            sensors.put(slot, h);
            return this;
        }

        public Builder drill(Optional<DrillCard> card) {
            this.drill = card;
            return this;
        }

        /** Appends an alert, dropping the oldest beyond {@link #MAX_LAST_ALERTS}. */
        public Builder alert(AlertNote a) {
            lastAlerts.add(a);
            if (lastAlerts.size() > MAX_LAST_ALERTS) {
                lastAlerts.remove(0);
            }
            return this;
        }

        public WearerSnapshot build() {
            return new WearerSnapshot(wearerId, name, tSeconds,
                    angles.getOrDefault(Angle.LUMBAR_FLEXION, OptionalDouble.empty()),
                    angles.getOrDefault(Angle.THORACIC_FLEXION, OptionalDouble.empty()),
                    angles.getOrDefault(Angle.PELVIC_TILT, OptionalDouble.empty()),
                    angles.getOrDefault(Angle.TRUNK_LEAN, OptionalDouble.empty()),
                    state, stateDurationSeconds, secondsByStateToday, alertsToday, slouchedSecondsToday,
                    thresholds, sensors, drill, lastAlerts);
        }
    }
}
