package io.spinewatch.history;

import java.time.ZoneId;
import java.util.Objects;

/** The time zone a wearer's days are counted in (midnight to midnight local time); the latest one written wins. */
public record WearerZone(String wearerId, ZoneId zone) implements HistoryRecord {
    public WearerZone {
        HistoryRecord.requireWearerId(wearerId);
        Objects.requireNonNull(zone, "zone");
    }
}
