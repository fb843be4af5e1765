package io.spinewatch.feedback;

import io.spinewatch.posture.PosturePattern;
import java.util.Optional;

/**
 * An alert that fell due: sent to the wearer or, with the reason, held back. Only delivered
 * events become buzzes and report {@code alerts}; the others are kept for history and counts.
 *
 * @param tSeconds       pipeline time at which it fell due
 * @param kind           what it asks of the wearer
 * @param delivery       delivered, or what suppressed it
 * @param haptic         the vibration to send when delivered
 * @param pattern        for slouch alerts and reminders, why the slouch was detected (latest
 *                       pattern seen in the episode), when the posture engine said
 * @param sinceSeconds   how long the condition has lasted: time since the slouch episode began,
 *                       or seated time for a movement break
 * @param reminderNumber 1 for the first reminder of an episode, 2 for the second...; 0 otherwise
 * @param reason         one line for people, e.g. {@code slouched 30 s (posterior_pelvic_tilt)}
 */
public record AlertEvent(
        double tSeconds,
        AlertKind kind,
        Delivery delivery,
        HapticPattern haptic,
        Optional<PosturePattern> pattern,
        double sinceSeconds,
        int reminderNumber,
        String reason) {

    /** Shorthand for {@code delivery().isDelivered()}. */
    public boolean delivered() {
        return delivery.isDelivered();
    }
}
