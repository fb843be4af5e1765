package io.spinewatch.history;

/**
 * A corrective drill the wearer did or was offered.
 *
 * @param drillId     the drill's catalogue key, e.g. {@code pelvic_tilts}
 * @param startMillis UTC epoch milliseconds: the prompt, or the first repetition of an unprompted drill
 * @param endMillis   UTC epoch milliseconds; not before the start
 * @param reps        repetitions counted, 0 or more
 * @param prompted    true when the monitor suggested it, false when the wearer started it unprompted
 * @param outcome     how it ended: {@code done}, {@code skipped}, {@code expired} (the live model's names)
 */
public record DrillRecord(String wearerId, String drillId, long startMillis, long endMillis, int reps,
                          boolean prompted, String outcome) implements HistoryRecord {
    public DrillRecord {
        HistoryRecord.requireWearerId(wearerId);
        HistoryRecord.requireLabel("drillId", drillId, 64);
        if (endMillis < startMillis) {
            throw new IllegalArgumentException("drill ends before it starts: " + startMillis + ".." + endMillis);
        }
        if (reps < 0) {
            throw new IllegalArgumentException("reps must be >= 0: " + reps);
        }
        HistoryRecord.requireLabel("outcome", outcome, 32);
    }
}
