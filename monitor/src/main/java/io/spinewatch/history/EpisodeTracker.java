package io.spinewatch.history;

import java.util.Optional;

/**
 * Turns one wearer's per-instant posture state into {@link EpisodeRecord}s: an episode ends when the state
 * changes. Pure: time arrives as data; allocates only when an episode ends.
 */
public final class EpisodeTracker {
    private final String wearerId;
    private String state;
    private long startMillis;

    public EpisodeTracker(String wearerId) {
        this.wearerId = HistoryRecord.requireWearerId(wearerId);
    }

    /** The wearer is in {@code state} at {@code tMillis}; returns the episode that just ended, if any. */
    public Optional<EpisodeRecord> update(long tMillis, String state) {
        if (this.state == null) {
            this.state = state;
            startMillis = tMillis;
            return Optional.empty();
        }
        if (this.state.equals(state)) {
            return Optional.empty();
        }
        EpisodeRecord done = new EpisodeRecord(wearerId, startMillis, Math.max(startMillis, tMillis), this.state);
        this.state = state;
        startMillis = tMillis;
        return Optional.of(done);
    }

    /** Ends the episode in progress at {@code endMillis} (stream end, shutdown). */
    public Optional<EpisodeRecord> finish(long endMillis) {
        if (state == null) {
            return Optional.empty();
        }
        EpisodeRecord done = new EpisodeRecord(wearerId, startMillis, Math.max(startMillis, endMillis), state);
        state = null;
        return Optional.of(done);
    }
}
