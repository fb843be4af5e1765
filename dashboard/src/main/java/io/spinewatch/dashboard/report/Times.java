package io.spinewatch.dashboard.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Clock times and dates as the report writes them. */
final class Times {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter CLOCK_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Times() {
    }

    static String clock(long millis, ZoneId zone) {
        return CLOCK.format(Instant.ofEpochMilli(millis).atZone(zone));
    }

    static String clockSeconds(long millis, ZoneId zone) {
        return CLOCK_SECONDS.format(Instant.ofEpochMilli(millis).atZone(zone));
    }
}
