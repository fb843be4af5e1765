package io.spinewatch.pipeline;

import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.feedback.AlertPolicy;
import io.spinewatch.feedback.Drill;
import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.feedback.DrillCoach;
import io.spinewatch.feedback.DrillSession;
import io.spinewatch.feedback.DrillSet;
import io.spinewatch.feedback.RepEvent;
import io.spinewatch.feedback.RepSignal;
import io.spinewatch.feedback.UnpromptedDrillDetector;
import io.spinewatch.fusion.OrientationFilter;
import io.spinewatch.fusion.Quat;
import io.spinewatch.fusion.Vec3;
import io.spinewatch.posture.ActivityDetector;
import io.spinewatch.posture.Calibration;
import io.spinewatch.posture.CalibrationResult;
import io.spinewatch.posture.Calibrator;
import io.spinewatch.posture.PosturePattern;
import io.spinewatch.posture.PostureClassifier;
import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.SensorSet;
import io.spinewatch.posture.SlouchOnsetEstimator;
import io.spinewatch.posture.SlouchOnsetParams;
import io.spinewatch.posture.SpineAngleCalculator;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SampleListener;
import io.spinewatch.protocol.SensorSlot;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything one wearer's sensors go through: samples in, posture and feedback events out.
 *
 * <p>Per sample: the device time is mapped onto the wearer timeline ({@link WearerClock}); the sensor's own
 * {@link OrientationFilter} is updated with its device timestamps; the calibrator collects it while a routine
 * runs; the lowest worn sensor also feeds the {@link ActivityDetector}. Every {@code 1 / stepRateHz} of wearer
 * time a step runs: silence check, calibration, angles, state, alert policy, drill prompt and repetition counting.
 * Steps are driven by sample times, so a replay runs at any speed and gives the same events; a live shell calls
 * {@link #advanceTo(double)} from a timer so that silence is noticed without samples.
 *
 * <p>Single-threaded per wearer, no locks. From sample to state nothing is allocated; records are allocated
 * only for events that leave (state changes, alerts, drills, calibration, sensor status, and the angles of each
 * step when enabled).
 */
public final class WearerPipeline implements SampleListener {
    /** Rhythmic repetitions after which a movement is a drill, not posture (the unprompted detector's minimum). */
    private static final int DRILL_GUARD_REPS = UnpromptedDrillDetector.MIN_REPS;
    private static final SensorSlot[] SLOTS = SensorSlot.values();
    /** A prompted drill guards against slouch reports this long after its last repetition, s. */
    private static final double DRILL_GUARD_SECONDS = 10;
    /** Trunk lean beyond which a pelvic excursion is a reach, not a tilt drill, deg (a cat/cow leans up to ~25). */
    private static final double REACH_LEAN_DEG = 30;
    /** How long the wearer must be out of the alerted slouch before a prompted drill is counted, s (as unprompted). */
    private static final double SIT_UP_SECONDS = UnpromptedDrillDetector.SIT_UP_SECONDS;
    /** ... and only when its last {@link #DRILL_GUARD_REPS} repetitions came within this time, s (a drill's rhythm). */
    private static final double DRILL_GUARD_RUN_SECONDS = 40;

    private final PipelineParams params;
    private final PostureListener listener;
    private final double stepSeconds;
    private final WearerClock clock = new WearerClock();
    private final OrientationFilter[] filters = new OrientationFilter[SensorSlot.COUNT];
    private final boolean[] seen = new boolean[SensorSlot.COUNT];
    private final boolean[] silent = new boolean[SensorSlot.COUNT];
    private final double[] lastSeconds = new double[SensorSlot.COUNT];
    private final Calibrator calibrator = new Calibrator();
    private final SpineAngleCalculator angles = new SpineAngleCalculator();
    private final ActivityDetector activity;
    private final PostureClassifier classifier;
    private final AlertPolicy alerts;
    private final DrillCoach coach;
    private final UnpromptedDrillDetector unprompted = new UnpromptedDrillDetector();
    private final SlouchOnsetEstimator slouchOnset;
    /** When the current slouch began (the slump's start), for the alert hold; NaN before the first slouch. */
    private double slouchStartSeconds = Double.NaN;
    private final Vec3 up = new Vec3();
    private final Quat orientation = new Quat();

    private Calibration calibration;
    private double pendingStart = Double.NaN;
    private double pendingEnd = Double.NaN;
    private boolean autoCalibration = true;
    private boolean autoWindow;
    private boolean anySample;
    private int activitySlot = -1;
    private double nextStepSeconds = Double.NaN;
    private PostureState state;
    private PosturePattern pattern;
    private double noSignalSinceSeconds = Double.NaN;
    private int activeMask;
    private final int[] runReps = new int[2];
    private final double[] runLastRepSeconds = new double[2];
    private final double[] runIntervalSeconds = new double[2];
    private DrillSession session;
    private Drill pendingDrill;
    private double pendingPromptSeconds;
    /** The prompted drill's timeout runs from the prompt or, later, from the last slouched step. */
    private double pendingWaitSinceSeconds;
    private double pendingSittingUpSeconds = Double.NaN;
    private double sessionLastRepSeconds;
    private double sessionFirstRepSeconds;
    private final double[] sessionRepSeconds = new double[DRILL_GUARD_REPS];
    private double rotationRawDeg = Double.NaN;
    private double rotationDeg;
    private long samples;
    private long rejectedSamples;
    private long unknownSlotSamples;
    private long steps;
    private final long[] stepsInState = new long[PostureState.values().length];

    public WearerPipeline(PipelineParams params, DrillCatalogue catalogue, PostureListener listener) {
        this.params = params;
        this.listener = listener;
        this.stepSeconds = 1.0 / params.stepRateHz();
        for (int i = 0; i < filters.length; i++) filters[i] = new OrientationFilter(params.filter());
        this.activity = new ActivityDetector(params.activity());
        this.classifier = new PostureClassifier(params.posture());
        // The policy's hold counts from when the slump began, which is dated back explicitly at each confirmed
        // slouch (see step): the classifier confirms a slouch slouchConfirmSeconds after its rule was met, and
        // the rule is met only part-way through the slump.
        this.alerts = new AlertPolicy(params.alerts());
        this.slouchOnset = new SlouchOnsetEstimator(SlouchOnsetParams.DEFAULT, params.stepRateHz());
        this.coach = new DrillCoach(catalogue);
    }

    // ------------------------------------------------------------------ calibration control

    /**
     * Runs the calibration routine over wearer time {@code [startSeconds, endSeconds]} (e.g. a trace's
     * {@code # calibrate=A-B}); without one, the first {@link PipelineParams#autoCalibrationSeconds()} are used.
     */
    public void calibrateDuring(double startSeconds, double endSeconds) {
        if (!(endSeconds > startSeconds)) throw new IllegalArgumentException("calibration window must have positive length");
        pendingStart = startSeconds;
        pendingEnd = endSeconds;
        autoCalibration = false;
        autoWindow = false;
    }

    /** Recalibration on request: the wearer does the routine now, within the next {@code durationSeconds}. */
    public void requestCalibration(double durationSeconds) {
        double now = anySample ? clock.latestSeconds() : 0;
        calibrateDuring(now, now + durationSeconds);
    }

    /** Uses a stored calibration (no routine needed); a routine requested later replaces it. */
    public void useCalibration(Calibration stored) {
        calibration = stored;
        angles.setCalibration(stored);
        autoCalibration = false;
        activity.reset(io.spinewatch.posture.Activity.SITTING);
    }

    public Optional<Calibration> calibration() {
        return Optional.ofNullable(calibration);
    }

    // ------------------------------------------------------------------ input

    @Override
    public void onSample(ImuSample s) {
        SensorSlot slot = s.slot();
        if (slot == null) {
            unknownSlotSamples++;
            return;
        }
        double t = clock.map(slot, s.deviceTimeMicros() * 1e-6);
        if (!anySample) {
            anySample = true;
            nextStepSeconds = Math.ceil(t / stepSeconds) * stepSeconds;
            if (autoCalibration && calibration == null) {
                pendingStart = t;
                pendingEnd = t + params.autoCalibrationSeconds();
                autoWindow = true;
            }
        }
        advanceTo(t);
        int i = slot.ordinal();
        OrientationFilter f = filters[i];
        boolean ok = s.hasMag()
                ? f.updateAtMicros(s.deviceTimeMicros(), s.gxRadPerS(), s.gyRadPerS(), s.gzRadPerS(),
                        s.axMps2(), s.ayMps2(), s.azMps2(), s.mxMicroTesla(), s.myMicroTesla(), s.mzMicroTesla())
                : f.updateAtMicros(s.deviceTimeMicros(), s.gxRadPerS(), s.gyRadPerS(), s.gzRadPerS(),
                        s.axMps2(), s.ayMps2(), s.azMps2());
        samples++;
        if (!ok) {
            rejectedSamples++;
            return;
        }
        if (silent[i]) {
            silent[i] = false;
            listener.onSensorStatus(new SensorStatus(t, slot, false, lastSeconds[i]));
        }
        seen[i] = true;
        lastSeconds[i] = t;
        if (!Double.isNaN(pendingStart) && t >= pendingStart && !calibrator.collecting()) {
            calibrator.start(pendingStart, pendingEnd);
            listener.onCalibrationStarted(pendingStart, pendingEnd);
            pendingStart = Double.NaN;
        }
        calibrator.add(slot, t, s.axMps2(), s.ayMps2(), s.azMps2());
        if (calibration == null && activitySlot < i) {
            activitySlot = i; // the lowest worn sensor: pelvis, else mid, else upper (after calibration: in use)
        }
        if (i == activitySlot) {
            f.gravityDirection(up);
            double vertical = s.axMps2() * up.x + s.ayMps2() * up.y + s.azMps2() * up.z;
            double g = Math.sqrt(s.gxRadPerS() * s.gxRadPerS() + s.gyRadPerS() * s.gyRadPerS() + s.gzRadPerS() * s.gzRadPerS());
            activity.update(t, vertical, g);
        }
    }

    /** Runs every step due up to wearer time {@code tSeconds} (a live shell calls this from a timer). */
    public void advanceTo(double tSeconds) {
        while (anySample && nextStepSeconds <= tSeconds) {
            step(nextStepSeconds);
            nextStepSeconds += stepSeconds;
        }
    }

    /** Ends the stream: runs the last step and closes a prompted drill in progress. */
    public void finish() {
        if (!anySample) return;
        advanceTo(clock.latestSeconds());
        pendingDrill = null;
        if (session != null) {
            endSession();
        }
    }

    // ------------------------------------------------------------------ one step

    private void step(double t) {
        steps++;
        for (int i = 0; i < SensorSlot.COUNT; i++) {
            if (seen[i] && !silent[i] && t - lastSeconds[i] > params.silenceSeconds()) {
                silent[i] = true;
                listener.onSensorStatus(new SensorStatus(t, SLOTS[i], true, lastSeconds[i]));
            }
        }
        if (calibrator.due(t)) {
            finishCalibration(t, false);
        } else if (autoWindow && calibrator.collecting() && steps % Math.max(1, Math.round(params.stepRateHz())) == 0
                && calibrator.routineComplete()) {
            finishCalibration(t, true); // an automatic window ends as soon as the routine has been seen
        }
        PostureState next;
        boolean calibrating = calibration == null || calibrator.collecting() || !Double.isNaN(pendingStart);
        // A calibrated sensor silent for longer than sensorLostSeconds is left out (the angles it gave go
        // absent) until it returns; a shorter silence is no_signal.
        int mask = angles.calibratedMask();
        boolean anySilent = false;
        for (int i = 0; i < SensorSlot.COUNT; i++) {
            if ((mask & (1 << i)) == 0) continue;
            if (seen[i] && silent[i] && t - lastSeconds[i] > params.sensorLostSeconds()) {
                mask &= ~(1 << i);
            } else if (silent[i] || !seen[i]) {
                anySilent = true;
            }
        }
        activeMask = mask;
        if (mask != 0) {
            activitySlot = 31 - Integer.numberOfLeadingZeros(mask);
        }
        angles.beginInstant();
        if (calibrating) {
            next = classifier.force(PostureState.CALIBRATING);
        } else if (anySilent || mask == 0) {
            next = classifier.force(PostureState.NO_SIGNAL);
        } else {
            for (int i = 0; i < SensorSlot.COUNT; i++) {
                if ((mask & (1 << i)) != 0) {
                    filters[i].gravityDirection(up);
                    filters[i].orientation(orientation);
                    angles.update(SLOTS[i], up, orientation);
                }
            }
            updateRotation();
            activity.posture(t, angles.lumbarFlexionDeg(), angles.pelvicTiltDeg());
            double drillInterval = Math.max(unpromptedDrillInterval(t, 0, RepSignal.PELVIC_TILT),
                    unpromptedDrillInterval(t, 1, RepSignal.THORACIC_ROTATION));
            if (session != null && session.reps() >= DRILL_GUARD_REPS && t - sessionLastRepSeconds < DRILL_GUARD_SECONDS) {
                double span = t - sessionRepSeconds[session.reps() % DRILL_GUARD_REPS];
                if (span < DRILL_GUARD_RUN_SECONDS) drillInterval = Math.max(drillInterval, span / DRILL_GUARD_REPS);
            }
            next = classifier.update(t, activity.activity(), mask, angles, drillInterval);
        }
        // Backdating, explicitly: a slouch is confirmed seconds after the wearer began to slump; the alert hold
        // counts from the slump's start as the onset estimator finds it (bounded; never before a gap in the angles).
        slouchOnset.add(t, next.isSeated() ? SlouchOnsetEstimator.measureDeg(angles) : Double.NaN);
        if (next == PostureState.SLOUCHED && state != PostureState.SLOUCHED) {
            slouchStartSeconds = slouchOnset.onsetSeconds(classifier.slouchRuleSinceSeconds(), t);
        }
        PosturePattern nextPattern = classifier.pattern();
        if (next != state || next == PostureState.SLOUCHED && nextPattern != pattern) {
            PostureState from = state;
            state = next;
            pattern = nextPattern;
            listener.onStateChange(new StateChange(t, from, next, Optional.ofNullable(nextPattern)));
        }
        stepsInState[state.ordinal()]++;
        if (params.anglesEnabled()) {
            listener.onAngles(angles.snapshot(t), state);
        }
        feedback(t);
    }

    /**
     * The repetition interval when the unprompted detector is in a rhythmic run of at least
     * {@link #DRILL_GUARD_REPS} repetitions whose next repetition is still due (within 1.2 intervals of the last
     * one); 0 otherwise.
     */
    private double unpromptedDrillInterval(double t, int k, RepSignal signal) {
        int reps = unprompted.runReps(signal);
        if (reps != runReps[k]) {
            if (reps > runReps[k] && reps > 1) runIntervalSeconds[k] = t - runLastRepSeconds[k];
            if (reps > runReps[k]) runLastRepSeconds[k] = t;
            runReps[k] = reps;
        }
        double window = Math.max(2, Math.min(15, 1.2 * runIntervalSeconds[k]));
        return reps >= DRILL_GUARD_REPS && t - runLastRepSeconds[k] < window ? Math.max(0.1, runIntervalSeconds[k]) : 0;
    }

    private void finishCalibration(double t, boolean early) {
        CalibrationResult r = early ? calibrator.finishAt(t) : calibrator.finish();
        autoWindow = false;
        if (r.calibration().isPresent()) {
            calibration = r.calibration().get();
            angles.setCalibration(calibration);
            activity.reset(io.spinewatch.posture.Activity.SITTING);
        } else if (calibration == null) {
            // Nothing to measure in the window (no data, e.g. a window outside the trace): try the next seconds.
            pendingStart = t;
            pendingEnd = t + params.autoCalibrationSeconds();
            autoWindow = true;
        }
        listener.onCalibration(r);
    }

    /** Upper-trunk axial rotation: heading of upper minus heading of the lowest worn sensor, unwrapped. */
    private void updateRotation() {
        double hu = angles.headingDeg(SensorSlot.UPPER);
        double href = angles.headingDeg(SensorSlot.PELVIS);
        if (Double.isNaN(href)) href = angles.headingDeg(SensorSlot.MID);
        if (Double.isNaN(href)) href = 0;
        double raw = hu - href;
        if (Double.isNaN(raw)) {
            rotationRawDeg = Double.NaN;
            return;
        }
        if (Double.isNaN(rotationRawDeg)) {
            rotationDeg = 0;
        } else {
            double d = raw - rotationRawDeg;
            d -= 360 * Math.rint(d / 360);
            rotationDeg += d;
        }
        rotationRawDeg = raw;
    }

    private double signal(RepSignal s) {
        return switch (s) {
            case PELVIC_TILT -> angles.pelvicTiltDeg();
            case LUMBAR_FLEXION -> angles.lumbarFlexionDeg();
            case THORACIC_FLEXION -> angles.thoracicFlexionDeg();
            case THORACIC_ROTATION -> Double.isNaN(rotationRawDeg) ? Double.NaN : rotationDeg;
        };
    }

    private boolean countable(RepSignal s) {
        int m = activeMask;
        return switch (s) {
            case PELVIC_TILT -> SensorSet.hasPelvicTilt(m);
            case LUMBAR_FLEXION -> SensorSet.hasLumbarFlexion(m);
            case THORACIC_FLEXION -> SensorSet.hasThoracicFlexion(m);
            case THORACIC_ROTATION -> SensorSet.hasTrunkLean(m);
        };
    }

    private void feedback(double t) {
        if (state == PostureState.NO_SIGNAL) {
            if (Double.isNaN(noSignalSinceSeconds)) noSignalSinceSeconds = t;
        } else {
            noSignalSinceSeconds = Double.NaN;
        }
        boolean bridged = state == PostureState.NO_SIGNAL && t - noSignalSinceSeconds < params.dropoutBridgeSeconds();
        Optional<AlertEvent> alert = bridged ? Optional.empty()
                : alerts.update(t, state, state == PostureState.SLOUCHED ? pattern : null, slouchStartSeconds);
        if (alert.isPresent()) {
            AlertEvent e = alert.get();
            listener.onAlert(e);
            if (e.delivered()) {
                Drill d = coach.suggestFor(e, state);
                boolean counted = d.countedBy().isPresent() && countable(d.countedBy().get()) && session == null;
                listener.onDrillPrompt(new DrillPrompt(t, d, e, counted));
                if (counted) {
                    pendingDrill = d;
                    pendingPromptSeconds = t;
                    pendingWaitSinceSeconds = t;
                }
            }
        }
        if (bridged) {
            return; // the repetition counters take uneven sample spacing; a short gap is not a reset
        }
        boolean measurable = state != PostureState.CALIBRATING && state != PostureState.NO_SIGNAL;
        double tilt = measurable ? signal(RepSignal.PELVIC_TILT) : Double.NaN;
        // A reach tips the pelvis forward and back just like a pelvic tilt, but carries the trunk far forward;
        // the tilt drills move the trunk much less. Such samples are left out of unprompted counting.
        if (Math.abs(angles.trunkLeanDeg()) > REACH_LEAN_DEG) tilt = Double.NaN;
        double rotation = measurable ? signal(RepSignal.THORACIC_ROTATION) : Double.NaN;
        if (pendingDrill != null) {
            // Counting starts once the wearer has sat up: sitting up out of the slouch that was alerted moves the
            // pelvis like half a repetition and must not be counted as one.
            if (state == PostureState.SLOUCHED || !measurable) {
                pendingSittingUpSeconds = Double.NaN;
                // No drill can start before the wearer sits up: the wait for it begins then.
                if (state == PostureState.SLOUCHED) pendingWaitSinceSeconds = t;
            } else if (Double.isNaN(pendingSittingUpSeconds)) {
                pendingSittingUpSeconds = t;
            } else if (t - pendingSittingUpSeconds >= SIT_UP_SECONDS) {
                session = new DrillSession(pendingDrill, pendingPromptSeconds);
                sessionLastRepSeconds = t;
                pendingDrill = null;
            }
            if (pendingDrill != null && t - pendingWaitSinceSeconds > params.promptedDrillTimeoutSeconds()) {
                pendingDrill = null;
            }
        }
        if (session != null) {
            double v = measurable ? signal(session.signal()) : Double.NaN;
            if (!Double.isNaN(v) && session.update(t, v) == RepEvent.COUNTED) {
                if (session.reps() == 1) sessionFirstRepSeconds = t;
                sessionLastRepSeconds = t;
                sessionRepSeconds[(session.reps() - 1) % DRILL_GUARD_REPS] = t;
            }
            if (session.signal() == RepSignal.PELVIC_TILT) tilt = Double.NaN;
            if (session.signal() == RepSignal.THORACIC_ROTATION) rotation = Double.NaN;
            boolean leftSeat = state.isOnFeet() && session.drill().setting() == io.spinewatch.feedback.DrillSetting.SEATED;
            if (session.complete() || leftSeat || sessionPaused(t)) {
                endSession();
            }
        }
        Optional<DrillSet> set = unprompted.update(t, state, tilt, rotation);
        if (set.isPresent()) {
            listener.onDrillSet(set.get()); // not ifPresent(listener::onDrillSet): a bound reference is an object per step
        }
    }

    /**
     * Whether the prompted drill has stopped: no repetition within the timeout of the prompt, or, once begun, a
     * pause as the unprompted detector ends its runs (2.5 mean intervals, 4..30 s), so that later everyday
     * movements do not join the set.
     */
    private boolean sessionPaused(double t) {
        int reps = session.reps();
        if (reps == 0) return t - sessionLastRepSeconds > params.promptedDrillTimeoutSeconds();
        double mean = reps >= 2 ? (sessionLastRepSeconds - sessionFirstRepSeconds) / (reps - 1) : 12;
        double pause = Math.max(UnpromptedDrillDetector.MIN_PAUSE_SECONDS,
                Math.min(UnpromptedDrillDetector.MAX_PAUSE_SECONDS, UnpromptedDrillDetector.PAUSE_INTERVALS * mean));
        return t - sessionLastRepSeconds > pause;
    }

    /**
     * The wearer (on the dashboard) says the prompted drill {@code drillId} is done or skipped: counting stops at
     * once. Done reports the repetitions counted so far as the unprompted detector would; skipped reports nothing,
     * so a skipped drill never comes back later as a finished set.
     *
     * @return whether that drill was waiting to start or being counted
     */
    public boolean endPromptedDrill(String drillId, boolean done) {
        if (pendingDrill != null && pendingDrill.id().equals(drillId)) {
            pendingDrill = null;
            return true;
        }
        if (session != null && session.drill().id().equals(drillId)) {
            if (done) {
                endSession();
            } else {
                session = null;
            }
            return true;
        }
        return false;
    }

    /** Ends the prompted drill; a set is reported when it had the unprompted detector's minimum of repetitions. */
    private void endSession() {
        session.toSet().filter(d -> d.reps() >= UnpromptedDrillDetector.MIN_REPS).ifPresent(listener::onDrillSet);
        session = null;
    }

    // ------------------------------------------------------------------ counters

    /** The state after the last step ({@code calibrating} before the first). */
    public PostureState state() {
        return state == null ? PostureState.CALIBRATING : state;
    }

    public long sampleCount() {
        return samples;
    }

    /** Samples the orientation filter refused (time not increasing, non-finite values). */
    public long rejectedSampleCount() {
        return rejectedSamples;
    }

    /** Samples without a sensor slot. */
    public long unknownSlotCount() {
        return unknownSlotSamples;
    }

    public long stepCount() {
        return steps;
    }

    /** Time spent in {@code s}, s (steps in that state times the step interval). */
    public double secondsIn(PostureState s) {
        return stepsInState[s.ordinal()] * stepSeconds;
    }

    public double stepSeconds() {
        return stepSeconds;
    }

    public WearerClock clock() {
        return clock;
    }

    public ActivityDetector activityDetector() {
        return activity;
    }

    public AlertPolicy alertPolicy() {
        return alerts;
    }

    /** Calibrated sensors in use at the last step: not silent for longer than the sensor-lost time ({@link SensorSet} mask). */
    public int activeMask() {
        return activeMask;
    }

    /** Repetitions counted so far in the prompted drill being done now; empty when none is being counted. */
    public OptionalInt promptedDrillReps() {
        return session == null ? OptionalInt.empty() : OptionalInt.of(session.reps());
    }

    /** Sensors seen so far ({@link SensorSet} mask). */
    public int seenMask() {
        int m = 0;
        for (int i = 0; i < SensorSlot.COUNT; i++) if (seen[i]) m |= 1 << i;
        return m;
    }

}
