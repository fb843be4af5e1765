package io.spinewatch.history;

/**
 * Something the history keeps about one wearer. Times are UTC epoch milliseconds; the wearer's zone
 * ({@link WearerZone}) decides where their days begin. Values, safe to hand across threads.
 */
public sealed interface HistoryRecord
        permits WearerZone, EpisodeRecord, AlertRecord, DrillRecord, MinuteAggregate {

    /** Longest wearer id the store keeps. */
    int MAX_WEARER_ID_LENGTH = 64;

    /** The wearer it concerns. */
    String wearerId();

    /** Checks a wearer id: 1..64 characters, no control characters. */
    static String requireWearerId(String wearerId) {
        if (wearerId == null || wearerId.isBlank() || wearerId.length() > MAX_WEARER_ID_LENGTH) {
            throw new IllegalArgumentException("wearerId must be 1.." + MAX_WEARER_ID_LENGTH + " characters: " + wearerId);
        }
        for (int i = 0; i < wearerId.length(); i++) {
            if (Character.isISOControl(wearerId.charAt(i))) {
                throw new IllegalArgumentException("wearerId must not contain control characters");
            }
        }
        return wearerId;
    }

    /** Checks a snake_case label (state, kind, outcome, drill id): 1..{@code max} of {@code [a-z0-9_]}. */
    static String requireLabel(String what, String label, int max) {
        if (label == null || label.isEmpty() || label.length() > max || !label.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException(what + " must be 1.." + max + " characters of [a-z0-9_]: " + label);
        }
        return label;
    }
}
