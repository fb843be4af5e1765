package io.spinewatch.report;

import java.time.LocalDate;

/**
 * One day of the trend: minutes tracked, seated and slouched (episodes clipped to the local day), alerts
 * and drills.
 */
public record DaySummary(LocalDate day, double trackedMinutes, double seatedMinutes, double slouchedMinutes,
                         int alerts, int alertsDelivered, int drills, int drillReps) {

    /** Slouched share of seated time, 0..1; 0 when the wearer did not sit. */
    public double slouchedShare() {
        return seatedMinutes > 0 ? slouchedMinutes / seatedMinutes : 0;
    }
}
