package io.spinewatch.pipeline;

import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.feedback.DrillSet;
import io.spinewatch.history.WearerHistory;
import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.SpineAngles;
import java.util.Objects;

/**
 * Hands one replayed wearer's pipeline events to a {@link WearerHistory}, so they become the records the history
 * database holds: every step's state and angles (episodes, minute aggregates), each alert that fell due, each
 * drill set. Needs angles enabled ({@link PipelineParams#anglesEnabled()}): the steps arrive with them.
 *
 * <p>Pipeline seconds become UTC epoch milliseconds by adding {@code originMillis}: for a replay, the wall-clock
 * time of the trace's {@code t_s = 0}. Each step stands for the step period that begins with it, as in the
 * minute aggregates, so the last episode ends one step after the last step.
 */
public final class ReplayHistoryFeed implements PostureListener {
    /** Outcome of a drill set the sensors counted (the live model's name). */
    static final String DONE = "done";

    private final WearerHistory history;
    private final long originMillis;
    private final double stepSeconds;
    private double lastSeconds = Double.NaN;

    /**
     * @param stepSeconds the pipeline's step period ({@link WearerPipeline#stepSeconds()}), the time each step
     *     stands for
     */
    public ReplayHistoryFeed(WearerHistory history, long originMillis, double stepSeconds) {
        this.history = Objects.requireNonNull(history, "history");
        if (!(stepSeconds > 0)) {
            throw new IllegalArgumentException("stepSeconds must be positive: " + stepSeconds);
        }
        this.originMillis = originMillis;
        this.stepSeconds = stepSeconds;
    }

    private long millis(double tSeconds) {
        return originMillis + Math.round(tSeconds * 1000);
    }

    @Override
    public void onAngles(SpineAngles a, PostureState state) {
        lastSeconds = a.tSeconds();
        history.update(millis(a.tSeconds()), stepSeconds, state, a.lumbarFlexionDeg(), a.thoracicFlexionDeg(),
                a.pelvicTiltDeg(), a.trunkLeanDeg());
    }

    @Override
    public void onAlert(AlertEvent alert) {
        history.alert(millis(alert.tSeconds()), alert);
    }

    @Override
    public void onDrillSet(DrillSet set) {
        // Repetitions as the replay's JSON report gives them (rotations per side), so both reports agree.
        history.drill(set.drillId(), millis(set.startSeconds()), millis(set.endSeconds()), ReplayRecorder.reportedReps(set),
                set.prompted(), DONE);
    }

    /** Ends the episode and minute in progress after the last step; call once the pipeline has finished. */
    public void finish() {
        if (!Double.isNaN(lastSeconds)) {
            history.finish(millis(lastSeconds + stepSeconds));
        }
    }

    /** UTC millis just after the last step, or {@code originMillis} before any. */
    public long endMillis() {
        return Double.isNaN(lastSeconds) ? originMillis : millis(lastSeconds + stepSeconds);
    }
}
