package io.spinewatch.hub;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the configuration says about one wearer: the name the dashboard shows, and the time zone whose midnight
 * starts the wearer's day (daily alert budget, quiet windows, time today).
 *
 * @param name display name, not blank
 * @param zone the wearer's time zone; empty: the machine's
 */
public record WearerProfile(String name, Optional<ZoneId> zone) {
    public WearerProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        if (name.isBlank()) throw new IllegalArgumentException("name must not be blank");
    }
}
