package io.spinewatch.live;

/**
 * One alert as the dashboard lists it.
 *
 * @param tSeconds  pipeline time at which it fell due (same clock as {@link WearerSnapshot#tSeconds()})
 * @param kind      the report name of the alert kind, e.g. {@code slouch}, {@code reminder},
 *                  {@code movement_break}
 * @param delivered true when the wearable buzzed; false when it was held back (quiet window,
 *                  snooze, budget), in which case {@code reason} says why
 * @param reason    one line for people, e.g. {@code slouched 30 s (posterior_pelvic_tilt)}
 */
public record AlertNote(double tSeconds, String kind, boolean delivered, String reason) {
    public AlertNote {
        Checks.requireName(kind, "kind");
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
    }
}
