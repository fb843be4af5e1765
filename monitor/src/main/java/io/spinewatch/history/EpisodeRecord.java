package io.spinewatch.history;

import io.spinewatch.posture.PostureState;

/**
 * A stretch of time one wearer spent in one posture state, written when it ends.
 *
 * @param startMillis UTC epoch milliseconds, inclusive
 * @param endMillis   UTC epoch milliseconds, exclusive; not before the start
 * @param state       the state's contract name ({@link PostureState#label()}); other snake_case names
 *                    (e.g. {@code drill} from the simulator's truth) are kept as given
 */
public record EpisodeRecord(String wearerId, long startMillis, long endMillis, String state) implements HistoryRecord {
    public EpisodeRecord {
        HistoryRecord.requireWearerId(wearerId);
        if (endMillis < startMillis) {
            throw new IllegalArgumentException("episode ends before it starts: " + startMillis + ".." + endMillis);
        }
        HistoryRecord.requireLabel("state", state, 32);
    }

    /** An episode in one of the monitor's own states. */
    public static EpisodeRecord of(String wearerId, long startMillis, long endMillis, PostureState state) {
        return new EpisodeRecord(wearerId, startMillis, endMillis, state.label());
    }

    public long durationMillis() {
        return endMillis - startMillis;
    }
}
