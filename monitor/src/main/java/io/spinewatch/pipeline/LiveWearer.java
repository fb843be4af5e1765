package io.spinewatch.pipeline;

import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.feedback.DrillSet;
import io.spinewatch.feedback.LocalClock;
import io.spinewatch.live.LiveBus;
import io.spinewatch.posture.CalibrationResult;
import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.SpineAngles;
import io.spinewatch.protocol.DeviceStatus;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.history.DayTotals;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * One wearer as a live shell runs it: the {@link WearerPipeline}, its {@link LivePublisher}, and a queue of viewer
 * requests (recalibrate, drill done or skipped) that the wearer's own thread executes.
 *
 * <p>Threads: everything but {@link #request} and {@link #activeDrillId()} runs on the wearer's thread, one call
 * at a time; {@link #request} may be called from any thread (an HTTP handler) and only enqueues. The queue is
 * drained before every batch of samples and on every timer tick ({@link #runRequests()}), so pipeline state is
 * never touched from a viewer's thread.
 */
public final class LiveWearer {
    /** What a viewer can ask of a wearer. */
    public enum RequestKind { RECALIBRATE, DRILL_DONE, DRILL_SKIP }

    /** One request; {@code drillId} names the drill for the drill requests. */
    public record Request(RequestKind kind, Optional<String> drillId) {
        public Request {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(drillId, "drillId");
        }
    }

    /** Recalibration on request gives the wearer this long for the routine, s (the auto-calibration window). */
    private final double calibrationSeconds;
    private final String wearerId;
    private final WearerPipeline pipeline;
    private final LivePublisher publisher;
    private final Optional<Clock> wallClock;
    private final Optional<HistoryFeed> history;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private boolean localClockSet;
    private long requestsRun;

    /**
     * @param params    the pipeline's settings (angles are switched on: the publisher needs them)
     * @param also      receives the pipeline's events too, after the publisher (alert delivery, MQTT out); may be
     *                  a no-op listener
     * @param nanoClock wall clock for the snapshot rate cap ({@code System::nanoTime} live)
     * @param wallClock the local wall clock, to start "today" at local midnight; empty: the first sample's time
     *                  is taken as midnight (replays, tests)
     */
    public LiveWearer(String wearerId, String name, PipelineParams params, DrillCatalogue catalogue, LiveBus bus,
            PostureListener also, LongSupplier nanoClock, double maxRateHz, Optional<Clock> wallClock) {
        this(wearerId, name, params, catalogue, bus, also, nanoClock, maxRateHz, wallClock, Optional.empty());
    }

    /**
     * As above, keeping the wearer's history.
     *
     * @param history receives every step, alert and ended drill (after the publisher, before {@code also}); with a
     *                wall clock, its stored totals of today start the day's counters (the snapshot's and the alert
     *                budget's), so a restarted monitor continues the day instead of starting it from zero
     */
    public LiveWearer(String wearerId, String name, PipelineParams params, DrillCatalogue catalogue, LiveBus bus,
            PostureListener also, LongSupplier nanoClock, double maxRateHz, Optional<Clock> wallClock,
            Optional<HistoryFeed> history) {
        this.wearerId = wearerId;
        PipelineParams p = params.withAnglesEnabled(true);
        this.calibrationSeconds = p.autoCalibrationSeconds();
        this.publisher = new LivePublisher(wearerId, name, p, catalogue, bus, nanoClock, maxRateHz);
        this.pipeline = new WearerPipeline(p, catalogue, tee(publisher, history.isPresent() ? tee(history.get(), also) : also));
        this.publisher.attach(pipeline);
        this.wallClock = wallClock;
        this.history = history;
        history.ifPresent(h -> {
            h.attach(pipeline);
            publisher.onDrillEnded(h);
        });
    }

    public String wearerId() {
        return wearerId;
    }

    public WearerPipeline pipeline() {
        return pipeline;
    }

    public LivePublisher publisher() {
        return publisher;
    }

    /** One sample (valid during the call only), on the wearer's thread. */
    public void onSample(ImuSample s) {
        publisher.countSample(s);
        pipeline.onSample(s);
        if (!localClockSet && wallClock.isPresent() && pipeline.sampleCount() > 0) {
            localClockSet = true;
            double now = pipeline.clock().latestSeconds();
            double secondOfDay = LocalTime.now(wallClock.get()).toNanoOfDay() * 1e-9;
            LocalClock clock = new LocalClock(now - secondOfDay);
            publisher.setLocalClock(clock);
            pipeline.alertPolicy().setLocalClock(clock);
            resumeStoredDay(clock.dayIndex(now), LocalDate.now(wallClock.get()));
        }
    }

    /** Starts today's counters from what the history held for this local day when the monitor started. */
    private void resumeStoredDay(long dayIndex, LocalDate today) {
        Optional<DayTotals> stored = history.flatMap(HistoryFeed::storedToday);
        if (stored.isEmpty() || !stored.get().day().equals(today)) {
            return;
        }
        PostureState[] states = PostureState.values();
        double[] seconds = new double[states.length];
        for (PostureState s : states) {
            seconds[s.ordinal()] = stored.get().seconds(s.label());
        }
        publisher.resumeDay(dayIndex, seconds, stored.get().alertsDelivered());
        pipeline.alertPolicy().resumeDay(dayIndex, stored.get().alertsDelivered());
    }

    /** A device status, on the wearer's thread. */
    public void onStatus(DeviceStatus status) {
        publisher.onStatus(status);
    }

    /** Runs the steps due up to wearer time {@code tSeconds} (a timer's tick notices silent sensors). */
    public void advanceTo(double tSeconds) {
        pipeline.advanceTo(tSeconds);
    }

    /** The latest wearer time seen (negative infinity before the first sample). */
    public double latestSeconds() {
        return pipeline.clock().latestSeconds();
    }

    /** Ends the stream: the last step, a prompted drill in progress closed. */
    public void finish() {
        runRequests();
        pipeline.finish();
        history.ifPresent(HistoryFeed::finish);
    }

    // ------------------------------------------------------------------ requests

    /** Queues a request for the wearer's thread; any thread. */
    public void request(Request r) {
        requests.add(r);
    }

    /** Whether requests wait for {@link #runRequests()}; any thread. */
    public boolean hasPendingRequests() {
        return !requests.isEmpty();
    }

    /** The drill on the wearer's card now, or null; any thread. */
    public String activeDrillId() {
        return publisher.activeDrillId();
    }

    /** Executes the queued requests, on the wearer's thread; returns how many ran. */
    public int runRequests() {
        int n = 0;
        for (Request r; (r = requests.poll()) != null; n++) {
            double t = Math.max(0, latestSeconds());
            switch (r.kind()) {
                case RECALIBRATE -> pipeline.requestCalibration(calibrationSeconds);
                // The pipeline first, so a done drill's counted set reaches the card before it closes.
                case DRILL_DONE -> {
                    pipeline.endPromptedDrill(r.drillId().orElse(""), true);
                    publisher.closeDrill(r.drillId().orElse(""), true, t);
                }
                case DRILL_SKIP -> {
                    pipeline.endPromptedDrill(r.drillId().orElse(""), false);
                    publisher.closeDrill(r.drillId().orElse(""), false, t);
                }
            }
        }
        requestsRun += n;
        return n;
    }

    /** Requests executed so far. */
    public long requestsRun() {
        return requestsRun;
    }

    private static PostureListener tee(PostureListener a, PostureListener b) {
        return new PostureListener() {
            @Override
            public void onCalibrationStarted(double tSeconds, double endSeconds) {
                a.onCalibrationStarted(tSeconds, endSeconds);
                b.onCalibrationStarted(tSeconds, endSeconds);
            }

            @Override
            public void onCalibration(CalibrationResult result) {
                a.onCalibration(result);
                b.onCalibration(result);
            }

            @Override
            public void onStateChange(StateChange change) {
                a.onStateChange(change);
                b.onStateChange(change);
            }

            @Override
            public void onAngles(SpineAngles angles, PostureState state) {
                a.onAngles(angles, state);
                b.onAngles(angles, state);
            }

            @Override
            public void onAlert(AlertEvent alert) {
                a.onAlert(alert);
                b.onAlert(alert);
            }

            @Override
            public void onDrillPrompt(DrillPrompt prompt) {
                a.onDrillPrompt(prompt);
                b.onDrillPrompt(prompt);
            }

            @Override
            public void onDrillSet(DrillSet set) {
                a.onDrillSet(set);
                b.onDrillSet(set);
            }

            @Override
            public void onSensorStatus(SensorStatus status) {
                a.onSensorStatus(status);
                b.onSensorStatus(status);
            }
        };
    }
}
