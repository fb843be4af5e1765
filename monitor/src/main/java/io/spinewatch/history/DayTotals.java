package io.spinewatch.history;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One wearer's stored totals for one local day: the time in each state from the episodes (clipped to the
 * day), alerts and drills. What a restarted monitor resumes its daily counters from.
 *
 * @param secondsByState seconds per state name, in the order first met
 * @param alerts          alerts that fell due that day, delivered or not
 * @param alertsDelivered alerts that reached the wearer
 * @param drills          drills started that day
 * @param drillReps       repetitions counted in them
 */
public record DayTotals(String wearerId, LocalDate day, ZoneId zone, Map<String, Double> secondsByState,
                        int alerts, int alertsDelivered, int drills, int drillReps) {
    public DayTotals {
        HistoryRecord.requireWearerId(wearerId);
        secondsByState = Collections.unmodifiableMap(new LinkedHashMap<>(secondsByState));
    }

    /** Seconds in the given state that day, 0 when none. */
    public double seconds(String state) {
        return secondsByState.getOrDefault(state, 0.0);
    }

    /** Minutes slouched that day. */
    public double slouchedMinutes() {
        return seconds("slouched") / 60;
    }
}
