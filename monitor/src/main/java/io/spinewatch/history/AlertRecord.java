package io.spinewatch.history;

import io.spinewatch.feedback.AlertEvent;

/**
 * An alert that fell due, delivered or held back.
 *
 * @param tMillis   UTC epoch milliseconds
 * @param kind      the report name of the alert kind ({@code slouch}, {@code reminder}, {@code movement_break})
 * @param delivered whether it reached the wearer
 * @param reason    one line for people; for a held-back alert it starts with what held it back
 */
public record AlertRecord(String wearerId, long tMillis, String kind, boolean delivered, String reason)
        implements HistoryRecord {
    /** Longest reason the store keeps; longer ones are cut. */
    public static final int MAX_REASON_LENGTH = 400;

    public AlertRecord {
        HistoryRecord.requireWearerId(wearerId);
        HistoryRecord.requireLabel("kind", kind, 32);
        reason = reason == null ? "" : reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
    }

    /** The record of a feedback alert that fell due at {@code tMillis} (the pipeline keeps its own time base). */
    public static AlertRecord of(String wearerId, long tMillis, AlertEvent event) {
        String reason = event.delivered() ? event.reason() : event.delivery().label() + ": " + event.reason();
        return new AlertRecord(wearerId, tMillis, event.kind().label(), event.delivered(), reason);
    }
}
