package io.spinewatch.history;

import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.posture.PostureState;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One wearer's connection to the history: fed on the wearer's own thread with every processed instant,
 * alert and finished drill, it submits episodes, minute aggregates, alerts and drills to a shared
 * {@link HistoryWriter}, or to any consumer of records (a replay keeps them in memory for its report).
 * Allocates only when a record completes; never blocks longer than the writer's {@code maxBlockMillis}.
 */
public final class WearerHistory {
    private final String wearerId;
    private final Consumer<HistoryRecord> out;
    private final EpisodeTracker episodes;
    private final MinuteAccumulator minutes;

    /** Starts the wearer's history, recording their zone first so their days are cut at local midnight. */
    public WearerHistory(String wearerId, ZoneId zone, HistoryWriter writer) {
        this(wearerId, zone, Objects.requireNonNull(writer, "writer")::submit);
    }

    /** The same, handing each completed record to {@code records} on the caller's thread. */
    public WearerHistory(String wearerId, ZoneId zone, Consumer<HistoryRecord> records) {
        this.wearerId = HistoryRecord.requireWearerId(wearerId);
        this.out = Objects.requireNonNull(records, "records");
        this.episodes = new EpisodeTracker(wearerId);
        this.minutes = new MinuteAccumulator(wearerId);
        out.accept(new WearerZone(wearerId, zone));
    }

    /**
     * One processed instant at UTC {@code tMillis}, standing for {@code durationSeconds} of time (the
     * sample period); angles the sensors cannot tell are NaN.
     */
    public void update(long tMillis, double durationSeconds, PostureState state, double lumbarFlexionDeg,
                       double thoracicFlexionDeg, double pelvicTiltDeg, double trunkLeanDeg) {
        String label = state.label();
        submit(episodes.update(tMillis, label));
        submit(minutes.add(tMillis, durationSeconds, label, lumbarFlexionDeg, thoracicFlexionDeg, pelvicTiltDeg, trunkLeanDeg));
    }

    /** An alert that fell due at UTC {@code tMillis}, delivered or held back. */
    public void alert(long tMillis, AlertEvent event) {
        out.accept(AlertRecord.of(wearerId, tMillis, event));
    }

    /** A drill that ended. */
    public void drill(String drillId, long startMillis, long endMillis, int reps, boolean prompted, String outcome) {
        out.accept(new DrillRecord(wearerId, drillId, startMillis, endMillis, reps, prompted, outcome));
    }

    /** Ends the episode and minute in progress at UTC {@code tMillis} (wearer gone, shutdown). */
    public void finish(long tMillis) {
        submit(episodes.finish(tMillis));
        submit(minutes.finish());
    }

    private void submit(Optional<? extends HistoryRecord> r) {
        if (r.isPresent()) {
            out.accept(r.get());
        }
    }
}
