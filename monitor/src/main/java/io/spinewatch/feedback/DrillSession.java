package io.spinewatch.feedback;

import java.util.Optional;

/**
 * Counts a prompted drill: the wearer was asked for a known drill, so its own repetition settings
 * (signal, direction, hold) apply, and the session knows how many repetitions make the drill
 * complete. While a session runs, the pipeline should not also feed the same signal to the
 * {@link UnpromptedDrillDetector}, or the set would be reported twice.
 */
public final class DrillSession {
    private final Drill drill;
    private final RepSignal signal;
    private final RepetitionCounter counter;
    private final int targetReps;
    private final double promptSeconds;
    private double firstRepStartT = Double.NaN;

    /**
     * @param promptSeconds when the drill was suggested
     * @throws IllegalArgumentException if no sensor can count the drill (the wearer confirms those)
     */
    public DrillSession(Drill drill, double promptSeconds) {
        this.drill = drill;
        this.signal = drill.countedBy().orElseThrow(() -> new IllegalArgumentException(drill.id() + " cannot be counted by the sensors"));
        this.counter = new RepetitionCounter(RepParams.forDrill(drill));
        this.targetReps = targetReps(drill);
        this.promptSeconds = promptSeconds;
    }

    /**
     * Repetitions that complete the drill: repetitions times sets, doubled for drills done on each
     * side (a turn to either side is one repetition of a rotation, so 30 per side is 60 turns).
     */
    public static int targetReps(Drill drill) {
        return drill.repetitions() * drill.sets() * (drill.perSide() ? 2 : 1);
    }

    /** Feeds one sample of the drill's signal ({@link #signal()}). */
    public RepEvent update(double tSeconds, double angleDeg) {
        RepEvent event = counter.update(tSeconds, angleDeg);
        if (event == RepEvent.COUNTED && counter.count() == 1) {
            firstRepStartT = counter.lastRepStartSeconds();
        }
        return event;
    }

    /** The set so far, if any repetition was counted; call when the drill is done or abandoned. */
    public Optional<DrillSet> toSet() {
        if (counter.count() == 0) return Optional.empty();
        return Optional.of(new DrillSet(drill.id(), signal, firstRepStartT, counter.lastRepEndSeconds(), counter.count(), true));
    }

    public Drill drill() {
        return drill;
    }

    /** The angle signal to feed. */
    public RepSignal signal() {
        return signal;
    }

    public double promptSeconds() {
        return promptSeconds;
    }

    public int reps() {
        return counter.count();
    }

    /** Repetitions held as long as the drill asks. */
    public int heldReps() {
        return counter.heldCount();
    }

    public int targetReps() {
        return targetReps;
    }

    /** Whether the target number of repetitions has been reached. */
    public boolean complete() {
        return counter.count() >= targetReps;
    }

    /** The counter underneath, for live display (current hold, baseline). */
    public RepetitionCounter counter() {
        return counter;
    }
}
