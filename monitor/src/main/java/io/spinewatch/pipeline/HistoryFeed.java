package io.spinewatch.pipeline;

import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.history.DayTotals;
import io.spinewatch.history.WearerHistory;
import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.SpineAngles;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one live wearer's pipeline events into their {@link WearerHistory}: every step, every alert, every drill
 * that ended. Runs on the wearer's thread, like the pipeline; per step it only forwards (the history allocates
 * when a record completes).
 *
 * <p>The pipeline keeps its own time (seconds, the sensors' clock); the history keeps UTC epoch milliseconds. The
 * two are tied once, at the first event, to the wall clock then: later times follow the wearer timeline, so a
 * replay faster than real time ({@code demo --speed}) is stored as it would have happened at that speed, running
 * ahead of the wall clock. The tie is never earlier than what the history already holds for the wearer, so a
 * restarted fast demo continues its timeline instead of writing over it (live, the stored times are all past).
 */
public final class HistoryFeed implements PostureListener, LivePublisher.DrillEnded {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryFeed.class);
    private final WearerHistory history;
    private final Clock wallClock;
    private final Optional<DayTotals> storedToday;
    private final OptionalLong storedUntilMillis;
    private double stepSeconds = Double.NaN;
    private double anchorSeconds = Double.NaN;
    private long anchorMillis;
    private double lastSeconds = Double.NaN;
    private long refusedDrills;

    /**
     * @param history     where the records go
     * @param wallClock   read once, at the first event, to tie the wearer timeline to UTC
     * @param storedToday what the history already holds for this wearer's current local day (a restarted monitor
     *                    resumes its day totals from it); empty when nothing
     * @param storedUntilMillis the latest time the history holds for this wearer, UTC epoch ms; empty when none
     */
    public HistoryFeed(WearerHistory history, Clock wallClock, Optional<DayTotals> storedToday, OptionalLong storedUntilMillis) {
        this.history = Objects.requireNonNull(history, "history");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.storedToday = Objects.requireNonNull(storedToday, "storedToday");
        this.storedUntilMillis = Objects.requireNonNull(storedUntilMillis, "storedUntilMillis");
    }

    /** Takes the step length from the pipeline it listens to. */
    void attach(WearerPipeline pipeline) {
        this.stepSeconds = pipeline.stepSeconds();
    }

    /** What the history held for the wearer's day when the monitor started. */
    public Optional<DayTotals> storedToday() {
        return storedToday;
    }

    /** UTC epoch milliseconds of wearer time {@code tSeconds}; ties the timelines on the first call. */
    long epochMillis(double tSeconds) {
        if (Double.isNaN(anchorSeconds)) {
            anchorSeconds = tSeconds;
            long now = wallClock.millis();
            anchorMillis = storedUntilMillis.isPresent() ? Math.max(now, storedUntilMillis.getAsLong() + 1) : now;
        }
        return anchorMillis + Math.round((tSeconds - anchorSeconds) * 1000);
    }

    @Override
    public void onAngles(SpineAngles a, PostureState state) {
        double t = a.tSeconds();
        lastSeconds = t;
        history.update(epochMillis(t), stepSeconds, state, a.lumbarFlexionDeg(), a.thoracicFlexionDeg(),
                a.pelvicTiltDeg(), a.trunkLeanDeg());
    }

    @Override
    public void onAlert(AlertEvent alert) {
        history.alert(epochMillis(alert.tSeconds()), alert);
    }

    @Override
    public void drillEnded(String drillId, double startSeconds, double endSeconds, int reps, boolean prompted,
            String outcome) {
        long start = epochMillis(startSeconds);
        try {
            history.drill(drillId, start, Math.max(start, epochMillis(endSeconds)), reps, prompted, outcome);
        } catch (IllegalArgumentException e) {
            // A drill id the store cannot keep (a catalogue's, longer than 64 characters): the drill is not stored.
            if (refusedDrills++ == 0) {
                LOG.warn("history: drill '{}' not stored: {}", drillId, e.getMessage());
            }
        }
    }

    /** Drills that could not be stored (an id the store refuses); logged once. */
    public long refusedDrills() {
        return refusedDrills;
    }

    /** Ends the episode and minute in progress at the last step (the wearer's stream ended). */
    public void finish() {
        if (!Double.isNaN(lastSeconds)) {
            history.finish(epochMillis(lastSeconds + stepSeconds));
        }
    }
}
