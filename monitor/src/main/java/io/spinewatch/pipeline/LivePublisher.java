package io.spinewatch.pipeline;

import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.feedback.Drill;
import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.feedback.DrillSession;
import io.spinewatch.feedback.DrillSet;
import io.spinewatch.feedback.LocalClock;
import io.spinewatch.live.AlertNote;
import io.spinewatch.live.Angle;
import io.spinewatch.live.AngleThreshold;
import io.spinewatch.live.DrillCard;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.live.SensorHealth;
import io.spinewatch.live.WearerSnapshot;
import io.spinewatch.posture.CalibrationResult;
import io.spinewatch.posture.PostureParams;
import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.SensorSet;
import io.spinewatch.posture.SpineAngles;
import io.spinewatch.protocol.DeviceStatus;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SensorSlot;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * Turns one wearer's pipeline events into the live model: a {@link WearerSnapshot} on the {@link LiveBus} at most
 * {@code maxRateHz} times per wall-clock second, and a discrete {@link LiveEvent} for each alert, drill prompt,
 * drill progress and calibration step.
 *
 * <p>Runs on the wearer's thread, like the pipeline. Per sample it only counts ({@link #countSample}); per step it
 * adds to the day's per-state seconds and compares two clock readings; records are built only when a snapshot is
 * due or a discrete event happens. The wall clock comes in as a {@link LongSupplier} of nanoseconds, so the rate
 * cap is testable without sleeping. Sensor rates and losses are measured on the wearer timeline (the sensors'
 * own clocks), so they read the same at any replay speed.
 */
public final class LivePublisher implements PostureListener {
    /** Snapshot rate cap by default, Hz: the dashboard's wearer feed sends at most this many. */
    public static final double DEFAULT_MAX_RATE_HZ = 20;
    /** Wearer time over which a sensor's rate and loss are measured, s: long enough to smooth batch arrival. */
    static final double HEALTH_WINDOW_SECONDS = 2;
    /** A drill card the sensors cannot count stays up this long unless confirmed or skipped, s. */
    static final double UNCOUNTED_CARD_SECONDS = 300;
    private static final PostureState[] STATES = PostureState.values();
    private static final SensorSlot[] SLOTS = SensorSlot.values();
    private static final long SEQ_MASK = 0xFFFF_FFFFL;
    private static final long HALF_RANGE = 1L << 31;

    /** Receives each drill as its card closes (the history keeps it); on the wearer's thread. */
    @FunctionalInterface
    public interface DrillEnded {
        /**
         * @param startSeconds the prompt, or the first repetition of a set done without one
         * @param outcome      {@code done}, {@code skipped} or {@code expired}, as the live card ended
         */
        void drillEnded(String drillId, double startSeconds, double endSeconds, int reps, boolean prompted, String outcome);
    }

    private static final DrillEnded NO_DRILL_LISTENER = (id, start, end, reps, prompted, outcome) -> { };

    private final String wearerId;
    private final String name;
    private final PipelineParams params;
    private final DrillCatalogue catalogue;
    private final LiveBus bus;
    private final LongSupplier nanoClock;
    private final long minIntervalNanos;
    private WearerPipeline pipeline;
    private LocalClock localClock = LocalClock.TRACE_ORIGIN;
    private DrillEnded drillEnded = NO_DRILL_LISTENER;

    // posture
    private SpineAngles angles;
    private PostureState state = PostureState.CALIBRATING;
    private double stateSinceSeconds = Double.NaN;
    private double lastStepSeconds = Double.NaN;
    private long day = Long.MIN_VALUE;
    private final double[] secondsToday = new double[STATES.length];
    private int alertsToday;
    private final ArrayDeque<AlertNote> lastAlerts = new ArrayDeque<>();

    // sensors
    private final boolean[] seen = new boolean[SensorSlot.COUNT];
    private final boolean[] silent = new boolean[SensorSlot.COUNT];
    private final long[] samples = new long[SensorSlot.COUNT];
    private final long[] lost = new long[SensorSlot.COUNT];
    private final long[] nextSeq = new long[SensorSlot.COUNT];
    private final long[] windowSamples = new long[SensorSlot.COUNT];
    private final long[] windowLost = new long[SensorSlot.COUNT];
    private final double[] rateHz = new double[SensorSlot.COUNT];
    private final double[] lossRatio = new double[SensorSlot.COUNT];
    private final double[] batteryPct = {Double.NaN, Double.NaN, Double.NaN};
    private double windowStartSeconds = Double.NaN;

    // drill card
    private DrillCard card;
    private Drill cardDrill;
    private double cardSinceSeconds;
    private boolean cardCounted;
    private boolean cardStarted;
    private volatile String activeDrillId;

    private long lastPublishNanos;
    private boolean published;
    /** A step's snapshot was held back by the rate cap and nothing newer has been published since. */
    private volatile boolean heldBack;
    private long snapshots;

    /**
     * @param wearerId  the wearer's id on the bus (see {@link WearerSnapshot#requireWearerId})
     * @param name      display name
     * @param params    the pipeline's settings (thresholds, step rate, drill timeout)
     * @param catalogue the drills, to describe sets the wearer did unprompted
     * @param nanoClock wall clock in nanoseconds ({@code System::nanoTime} live)
     * @param maxRateHz most snapshots per wall-clock second, 0.1..1000
     */
    public LivePublisher(String wearerId, String name, PipelineParams params, DrillCatalogue catalogue, LiveBus bus,
            LongSupplier nanoClock, double maxRateHz) {
        this.wearerId = WearerSnapshot.requireWearerId(wearerId);
        this.name = name;
        this.params = params;
        this.catalogue = catalogue;
        this.bus = bus;
        this.nanoClock = nanoClock;
        if (!(maxRateHz >= 0.1 && maxRateHz <= 1000)) {
            throw new IllegalArgumentException("maxRateHz must be in 0.1..1000: " + maxRateHz);
        }
        this.minIntervalNanos = (long) (1e9 / maxRateHz);
    }

    /** Gives the publisher the pipeline it listens to (for live repetition counts and the worn sensors). */
    public void attach(WearerPipeline p) {
        this.pipeline = p;
    }

    /** Sets where local midnights fall on the wearer timeline ("today" starts there). */
    public void setLocalClock(LocalClock clock) {
        this.localClock = clock;
    }

    /** Tells {@code listener} of every drill as its card closes, prompted or not. */
    public void onDrillEnded(DrillEnded listener) {
        this.drillEnded = java.util.Objects.requireNonNull(listener, "listener");
    }

    /**
     * Resumes the local day {@code dayIndex} (of the local clock set) from stored totals, as a restarted monitor
     * does: the seconds per state (indexed by {@link PostureState#ordinal()}) and the alerts delivered so far
     * replace what this run counted for the day.
     */
    public void resumeDay(long dayIndex, double[] secondsByState, int alertsDelivered) {
        if (secondsByState.length != STATES.length) {
            throw new IllegalArgumentException("one figure per state expected: " + secondsByState.length);
        }
        day = dayIndex;
        System.arraycopy(secondsByState, 0, secondsToday, 0, STATES.length);
        alertsToday = alertsDelivered;
    }

    public String wearerId() {
        return wearerId;
    }

    /** The drill on the card now, readable from any thread (a control request checks it); null when none. */
    public String activeDrillId() {
        return activeDrillId;
    }

    /** Snapshots published so far. */
    public long snapshotCount() {
        return snapshots;
    }

    // ------------------------------------------------------------------ input besides the pipeline's events

    /** Counts one sample for the sensor's health (rate, loss from sequence gaps); allocation-free. */
    public void countSample(ImuSample s) {
        SensorSlot slot = s.slot();
        if (slot == null) {
            return;
        }
        int i = slot.ordinal();
        long seq = s.seq() & SEQ_MASK;
        if (seen[i]) {
            long gap = (seq - nextSeq[i]) & SEQ_MASK;
            if (gap < HALF_RANGE) {
                lost[i] += gap; // a backward jump (device restart) is not loss
            }
        }
        seen[i] = true;
        samples[i]++;
        nextSeq[i] = (seq + 1) & SEQ_MASK;
    }

    /** A device status: its battery level applies to every slot the device carries. */
    public void onStatus(DeviceStatus status) {
        for (SensorSlot slot : SLOTS) {
            if (status.sensorsPresentMask() == 0 || status.present(slot)) {
                batteryPct[slot.ordinal()] = status.batteryPercent();
            }
        }
    }

    /** The wearer confirmed ({@code done}) or declined the drill on the card; false when it is not that drill. */
    public boolean closeDrill(String drillId, boolean done, double tSeconds) {
        if (card == null || !card.drillId().equals(drillId)) {
            return false;
        }
        endCard(tSeconds, done ? LiveEvent.DrillStatus.DONE : LiveEvent.DrillStatus.SKIPPED);
        return true;
    }

    // ------------------------------------------------------------------ pipeline events

    @Override
    public void onCalibrationStarted(double tSeconds, double endSeconds) {
        bus.publish(new LiveEvent.Calibration(wearerId, tSeconds, LiveEvent.CalibrationPhase.STARTED,
                Optional.of(String.format(java.util.Locale.ROOT,
                        "sit tall, then hinge forward at the hips with a straight back (%.0f s)", endSeconds - tSeconds))));
    }

    @Override
    public void onCalibration(CalibrationResult result) {
        String warnings = String.join("; ", result.warnings());
        bus.publish(new LiveEvent.Calibration(wearerId, result.endSeconds(),
                result.ok() ? LiveEvent.CalibrationPhase.DONE : LiveEvent.CalibrationPhase.FAILED,
                warnings.isEmpty() ? Optional.empty() : Optional.of(warnings)));
    }

    @Override
    public void onStateChange(StateChange change) {
        if (change.to() != state || Double.isNaN(stateSinceSeconds)) {
            stateSinceSeconds = change.tSeconds();
        }
        state = change.to();
    }

    @Override
    public void onAngles(SpineAngles a, PostureState s) {
        double t = a.tSeconds();
        angles = a;
        state = s;
        if (Double.isNaN(stateSinceSeconds)) {
            stateSinceSeconds = t;
        }
        long d = localClock.dayIndex(t);
        if (d != day) {
            day = d;
            java.util.Arrays.fill(secondsToday, 0);
            alertsToday = 0;
        }
        secondsToday[s.ordinal()] += pipeline == null ? 1 / params.stepRateHz() : pipeline.stepSeconds();
        lastStepSeconds = t;
        updateHealth(t);
        updateCard(t);
        long now = nanoClock.getAsLong();
        if (!published || now - lastPublishNanos >= minIntervalNanos) {
            publishAt(now);
        } else {
            heldBack = true;
        }
    }

    /**
     * Publishes the latest step's snapshot if the rate cap held it back and the cap now allows it: a shell calls
     * this from a timer, so the state a burst of samples ended in is shown even when no further step comes.
     */
    public void publishHeldBack() {
        if (heldBack) {
            long now = nanoClock.getAsLong();
            if (now - lastPublishNanos >= minIntervalNanos) {
                publishAt(now);
            }
        }
    }

    /** Whether a snapshot waits for {@link #publishHeldBack()}; any thread. */
    public boolean hasHeldBack() {
        return heldBack;
    }

    private void publishAt(long nowNanos) {
        published = true;
        heldBack = false;
        lastPublishNanos = nowNanos;
        bus.publish(snapshot());
    }

    @Override
    public void onAlert(AlertEvent alert) {
        AlertNote note = new AlertNote(alert.tSeconds(), alert.kind().label(), alert.delivered(),
                alert.delivered() ? alert.reason() : alert.reason() + " (held back: " + alert.delivery().label() + ")");
        if (alert.delivered()) {
            alertsToday++;
        }
        lastAlerts.addLast(note);
        if (lastAlerts.size() > WearerSnapshot.MAX_LAST_ALERTS) {
            lastAlerts.removeFirst();
        }
        bus.publish(new LiveEvent.Alert(wearerId, note));
    }

    @Override
    public void onDrillPrompt(DrillPrompt prompt) {
        if (card != null) {
            endCard(prompt.tSeconds(), LiveEvent.DrillStatus.EXPIRED);
        }
        Drill d = prompt.drill();
        cardDrill = d;
        card = new DrillCard(d.id(), d.name(), String.join("\n", d.steps()), d.holdSeconds(),
                DrillSession.targetReps(d), 0, true);
        cardSinceSeconds = prompt.tSeconds();
        cardCounted = prompt.counted();
        cardStarted = false;
        activeDrillId = d.id();
        bus.publish(new LiveEvent.DrillPrompt(wearerId, prompt.tSeconds(), card));
    }

    @Override
    public void onDrillSet(DrillSet set) {
        if (set.prompted() && card != null && card.drillId().equals(set.drillId())) {
            card = card.withRepsDone(set.reps());
            endCard(set.endSeconds(), LiveEvent.DrillStatus.DONE);
            return;
        }
        // Recognised without a prompt: shown as a finished card of its own.
        Optional<Drill> d = catalogue.byId(set.drillId());
        String drillName = d.map(Drill::name).orElse(set.drillId());
        DrillCard done = new DrillCard(set.drillId(), drillName, d.map(x -> String.join("\n", x.steps())).orElse(""),
                d.map(Drill::holdSeconds).orElse(0.0), Math.max(1, d.map(DrillSession::targetReps).orElse(set.reps())),
                set.reps(), set.prompted());
        bus.publish(new LiveEvent.DrillProgress(wearerId, set.endSeconds(), done, LiveEvent.DrillStatus.DONE));
        drillEnded.drillEnded(set.drillId(), set.startSeconds(), set.endSeconds(), set.reps(), set.prompted(),
                LiveEvent.DrillStatus.DONE.label());
    }

    @Override
    public void onSensorStatus(SensorStatus status) {
        silent[status.slot().ordinal()] = status.silent();
    }

    // ------------------------------------------------------------------ steps

    /** Live repetition counts of the prompted drill; the end of a counted drill that reported no set is expiry. */
    private void updateCard(double t) {
        if (card == null) {
            return;
        }
        if (cardCounted && pipeline != null) {
            OptionalInt reps = pipeline.promptedDrillReps();
            if (reps.isPresent()) {
                cardStarted = true;
                if (reps.getAsInt() != card.repsDone()) {
                    card = card.withRepsDone(reps.getAsInt());
                    bus.publish(new LiveEvent.DrillProgress(wearerId, t, card, LiveEvent.DrillStatus.ACTIVE));
                }
                return;
            }
            if (cardStarted || t - cardSinceSeconds > params.promptedDrillTimeoutSeconds()) {
                endCard(t, card.repsDone() >= card.repsTarget() ? LiveEvent.DrillStatus.DONE : LiveEvent.DrillStatus.EXPIRED);
            }
        } else if (t - cardSinceSeconds > Math.max(UNCOUNTED_CARD_SECONDS, params.promptedDrillTimeoutSeconds())) {
            endCard(t, LiveEvent.DrillStatus.EXPIRED);
        }
    }

    private void endCard(double t, LiveEvent.DrillStatus status) {
        DrillCard ended = card;
        double since = cardSinceSeconds;
        card = null;
        cardDrill = null;
        activeDrillId = null;
        bus.publish(new LiveEvent.DrillProgress(wearerId, t, ended, status));
        drillEnded.drillEnded(ended.drillId(), since, Math.max(since, t), ended.repsDone(), true, status.label());
    }

    /** Closes the health window every {@link #HEALTH_WINDOW_SECONDS} of wearer time. */
    private void updateHealth(double t) {
        if (Double.isNaN(windowStartSeconds)) {
            windowStartSeconds = t;
            return;
        }
        double span = t - windowStartSeconds;
        if (span < HEALTH_WINDOW_SECONDS) {
            return;
        }
        for (int i = 0; i < SensorSlot.COUNT; i++) {
            long n = samples[i] - windowSamples[i];
            long l = lost[i] - windowLost[i];
            rateHz[i] = n / span;
            lossRatio[i] = n + l == 0 ? (seen[i] ? 1 : 0) : (double) l / (n + l);
            windowSamples[i] = samples[i];
            windowLost[i] = lost[i];
        }
        windowStartSeconds = t;
    }

    /** The snapshot now (allocates; called at the capped rate). */
    WearerSnapshot snapshot() {
        double t = lastStepSeconds;
        WearerSnapshot.Builder b = WearerSnapshot.builder(wearerId, name).tSeconds(t);
        if (angles != null) {
            b.angleDeg(Angle.LUMBAR_FLEXION, finiteOrNaN(angles.lumbarFlexionDeg()));
            b.angleDeg(Angle.THORACIC_FLEXION, finiteOrNaN(angles.thoracicFlexionDeg()));
            b.angleDeg(Angle.PELVIC_TILT, finiteOrNaN(angles.pelvicTiltDeg()));
            b.angleDeg(Angle.TRUNK_LEAN, finiteOrNaN(angles.trunkLeanDeg()));
        }
        b.state(state.label(), Math.max(0, t - stateSinceSeconds));
        for (PostureState s : STATES) {
            if (secondsToday[s.ordinal()] > 0) {
                b.secondsToday(s.label(), secondsToday[s.ordinal()]);
            }
        }
        b.alertsToday(alertsToday).slouchedSecondsToday(secondsToday[PostureState.SLOUCHED.ordinal()]);
        thresholds(b);
        for (SensorSlot slot : SLOTS) {
            int i = slot.ordinal();
            if (seen[i]) {
                double battery = batteryPct[i];
                b.sensor(slot, new SensorHealth(rateHz[i], lossRatio[i],
                        Double.isNaN(battery) ? OptionalDouble.empty() : OptionalDouble.of(battery), silent[i]));
            }
        }
        b.drill(Optional.ofNullable(card));
        for (AlertNote a : lastAlerts) {
            b.alert(a);
        }
        snapshots++;
        return b.build();
    }

    /** The slouch thresholds of the angles the worn sensors give (one sensor: trunk lean only). */
    private void thresholds(WearerSnapshot.Builder b) {
        PostureParams p = params.posture();
        int mask = 0;
        for (int i = 0; i < SensorSlot.COUNT; i++) {
            if (seen[i]) mask |= 1 << i;
        }
        if (SensorSet.hasLumbarFlexion(mask)) {
            b.threshold(Angle.LUMBAR_FLEXION, new AngleThreshold(p.lumbarSlouchEnterDeg(), p.lumbarSlouchExitDeg()));
        }
        if (SensorSet.hasThoracicFlexion(mask)) {
            b.threshold(Angle.THORACIC_FLEXION, new AngleThreshold(p.thoracicSlouchEnterDeg(), p.thoracicSlouchExitDeg()));
        }
        if (SensorSet.hasPelvicTilt(mask)) {
            b.threshold(Angle.PELVIC_TILT, new AngleThreshold(p.posteriorTiltEnterDeg(), p.posteriorTiltExitDeg()));
        }
        if (mask == SensorSet.of(SensorSlot.UPPER)) {
            b.threshold(Angle.TRUNK_LEAN, new AngleThreshold(p.leanSlouchEnterDeg(), p.leanSlouchExitDeg()));
        }
    }

    private static double finiteOrNaN(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }
}
