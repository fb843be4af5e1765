package io.spinewatch.feedback;

/**
 * A set of drill repetitions the sensors saw, as the replay report's {@code drills} entries.
 *
 * @param drillId      catalogue id of the drill
 * @param signal       the signal the repetitions were seen in
 * @param startSeconds start of the first repetition
 * @param endSeconds   end of the last repetition
 * @param reps         repetitions in the set
 * @param prompted     whether the set followed a suggestion (false: the wearer did it unprompted)
 */
public record DrillSet(String drillId, RepSignal signal, double startSeconds, double endSeconds, int reps, boolean prompted) {
    public DrillSet {
        if (drillId == null || signal == null) throw new IllegalArgumentException("drillId and signal are required");
        if (reps < 1) throw new IllegalArgumentException("reps must be positive: " + reps);
        if (!(endSeconds >= startSeconds)) throw new IllegalArgumentException("end before start: " + startSeconds + ".." + endSeconds);
    }

    public double durationSeconds() {
        return endSeconds - startSeconds;
    }
}
