package io.spinewatch.live;

/**
 * The drill a wearer is being coached through, as the dashboard shows it.
 *
 * @param drillId      catalogue id, e.g. {@code pelvic_tilts}
 * @param name         name for people, e.g. {@code Pelvic tilts}
 * @param stepsText    what to do, a few short sentences (may hold line breaks)
 * @param holdSeconds  how long each repetition is held; 0 for drills without a hold
 * @param repsTarget   repetitions asked for, at least 1
 * @param repsDone     repetitions counted so far by the sensors, 0..any (a keen wearer may do more)
 * @param prompted     true when the monitor suggested the drill, false when it recognised one the
 *                     wearer started unprompted
 */
public record DrillCard(
        String drillId,
        String name,
        String stepsText,
        double holdSeconds,
        int repsTarget,
        int repsDone,
        boolean prompted) {

    public DrillCard {
        Checks.requireName(drillId, "drillId");
        Checks.requireName(name, "name");
        if (stepsText == null) {
            throw new IllegalArgumentException("stepsText must not be null");
        }
        if (!(holdSeconds >= 0 && holdSeconds <= 600)) {
            throw new IllegalArgumentException("holdSeconds must be in 0..600: " + holdSeconds);
        }
        if (repsTarget < 1 || repsDone < 0) {
            throw new IllegalArgumentException("repsTarget must be >= 1 and repsDone >= 0: " + repsTarget + ", " + repsDone);
        }
    }

    /** The same card with another repetition count. */
    public DrillCard withRepsDone(int reps) {
        return new DrillCard(drillId, name, stepsText, holdSeconds, repsTarget, reps, prompted);
    }
}
