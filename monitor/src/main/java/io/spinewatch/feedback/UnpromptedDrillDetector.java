package io.spinewatch.feedback;

import io.spinewatch.posture.PostureState;
import java.util.Optional;

/**
 * Recognises drills the wearer does without being prompted: a run of at least
 * {@value #MIN_REPS} rhythmic repetitions of pelvic tilts or thoracic rotations. Each signal has
 * its own {@link RepetitionCounter}; a run is rhythmic while each new interval between repetition
 * ends lies within a factor {@value #RHYTHM_FACTOR} of the run's mean interval, and it ends after
 * a pause of {@value #PAUSE_INTERVALS} mean intervals (at least {@value #MIN_PAUSE_SECONDS} s, at
 * most {@value #MAX_PAUSE_SECONDS} s) or when the rhythm breaks. Walking, calibration and lost
 * signal reset everything, since gait rocks the pelvis in a rhythm of its own.
 *
 * <p>Sitting up out of a slouch tilts the pelvis forward like the first half of a pelvic tilt. The pelvic-tilt
 * counter therefore sees nothing while the wearer is slouched and for {@value #SIT_UP_SECONDS} s after; it then
 * starts afresh from the posture the wearer sat up into (the prompted path waits just as long, see
 * {@code WearerPipeline}). Allocation-free per update except when a set is reported.
 */
public final class UnpromptedDrillDetector {
    /** Fewer repetitions than this is fidgeting, not a drill. */
    public static final int MIN_REPS = 3;
    public static final double RHYTHM_FACTOR = 2;
    public static final double PAUSE_INTERVALS = 2.5;
    public static final double MIN_PAUSE_SECONDS = 4;
    public static final double MAX_PAUSE_SECONDS = 30;
    /**
     * How long the wearer must be out of a slouch before pelvic tilts are counted, s: the slouched state ends a
     * confirmation time after the sit-up began, and by then the rest of the sit-up takes well under a second.
     */
    public static final double SIT_UP_SECONDS = 1;

    private static final int PELVIS = 0;
    private static final int ROTATION = 1;

    private final RepetitionCounter[] counters;
    private final RepSignal[] signals = {RepSignal.PELVIC_TILT, RepSignal.THORACIC_ROTATION};
    private final int[] runReps = new int[2];
    private final double[] runStartT = new double[2];
    private final double[] runLastEndT = new double[2];
    private final double[] runFirstEndT = new double[2];
    private final boolean[] runOnFeet = new boolean[2];
    /** When the wearer last left a slouch; NaN while slouched, or when no slouch is being settled from. */
    private double sitUpSinceSeconds = Double.NaN;
    private boolean slouched;
    private long setsReported;
    private DrillSet pending;

    /** A detector with the default settings of each signal. */
    public UnpromptedDrillDetector() {
        this(RepParams.forSignal(RepSignal.PELVIC_TILT), RepParams.forSignal(RepSignal.THORACIC_ROTATION));
    }

    public UnpromptedDrillDetector(RepParams pelvicTilt, RepParams thoracicRotation) {
        counters = new RepetitionCounter[] {new RepetitionCounter(pelvicTilt), new RepetitionCounter(thoracicRotation)};
    }

    /**
     * Feeds one posture update.
     *
     * @param pelvicTiltDeg        {@code pelvic_tilt_deg}, NaN when the pelvis sensor is missing
     * @param thoracicRotationDeg  axial rotation of the upper trunk, NaN when unknown
     * @return a set that has just ended with enough rhythmic repetitions; empty otherwise
     */
    public Optional<DrillSet> update(double tSeconds, PostureState state, double pelvicTiltDeg, double thoracicRotationDeg) {
        if (state == null || state == PostureState.WALKING || state == PostureState.NO_SIGNAL || state == PostureState.CALIBRATING) {
            for (int i = 0; i < counters.length; i++) {
                counters[i].reset();
                runReps[i] = 0;
            }
            slouched = false;
            sitUpSinceSeconds = Double.NaN;
            return Optional.empty();
        }
        DrillSet found = step(PELVIS, tSeconds, state, settledTilt(tSeconds, state, pelvicTiltDeg));
        DrillSet other = step(ROTATION, tSeconds, state, thoracicRotationDeg);
        // both ending on the same sample is rare; the later one is reported on the next update
        if (found == null) {
            found = other;
        } else if (other != null) {
            pending = other;
        }
        if (found == null && pending != null) {
            found = pending;
            pending = null;
        }
        return Optional.ofNullable(found);
    }

    /**
     * The pelvic tilt, or NaN while slouched and until the wearer has sat up for {@link #SIT_UP_SECONDS}; the
     * counter restarts then, so the sit-up neither counts nor leaves its baseline at the slouched tilt.
     */
    private double settledTilt(double t, PostureState state, double tiltDeg) {
        if (state == PostureState.SLOUCHED) {
            if (!slouched) {
                slouched = true;
                counters[PELVIS].reset();
            }
            sitUpSinceSeconds = Double.NaN;
            return Double.NaN;
        }
        if (slouched) {
            slouched = false;
            sitUpSinceSeconds = t;
        }
        if (Double.isNaN(sitUpSinceSeconds)) return tiltDeg;
        if (t - sitUpSinceSeconds < SIT_UP_SECONDS) return Double.NaN;
        sitUpSinceSeconds = Double.NaN;
        counters[PELVIS].reset();
        return tiltDeg;
    }

    private DrillSet step(int i, double t, PostureState state, double angleDeg) {
        if (Double.isNaN(angleDeg)) {
            return closeIfPaused(i, t);
        }
        RepEvent event = counters[i].update(t, angleDeg);
        if (event == RepEvent.COUNTED) {
            double end = counters[i].lastRepEndSeconds();
            if (runReps[i] == 0) {
                startRun(i, state);
            } else {
                double interval = end - runLastEndT[i];
                double mean = runReps[i] >= 2 ? (runLastEndT[i] - runFirstEndT[i]) / (runReps[i] - 1) : interval;
                boolean rhythmic = interval <= pause(mean) && interval <= RHYTHM_FACTOR * mean && interval >= mean / RHYTHM_FACTOR;
                if (!rhythmic) {
                    DrillSet done = close(i);
                    startRun(i, state);
                    runReps[i] = 1;
                    runLastEndT[i] = end;
                    return done;
                }
            }
            runReps[i]++;
            runLastEndT[i] = end;
            return null;
        }
        return closeIfPaused(i, t);
    }

    private void startRun(int i, PostureState state) {
        runReps[i] = 0;
        runStartT[i] = counters[i].lastRepStartSeconds();
        runFirstEndT[i] = counters[i].lastRepEndSeconds();
        runOnFeet[i] = state.isOnFeet();
    }

    private static double pause(double meanInterval) {
        return Math.min(MAX_PAUSE_SECONDS, Math.max(MIN_PAUSE_SECONDS, PAUSE_INTERVALS * meanInterval));
    }

    private DrillSet closeIfPaused(int i, double t) {
        if (runReps[i] == 0) return null;
        double mean = runReps[i] >= 2 ? (runLastEndT[i] - runFirstEndT[i]) / (runReps[i] - 1) : MAX_PAUSE_SECONDS;
        if (t - runLastEndT[i] > pause(mean)) {
            return close(i);
        }
        return null;
    }

    private DrillSet close(int i) {
        int reps = runReps[i];
        runReps[i] = 0;
        if (reps < MIN_REPS) return null;
        setsReported++;
        return new DrillSet(drillId(i), signals[i], runStartT[i], runLastEndT[i], reps, false);
    }

    private String drillId(int i) {
        if (i == PELVIS) {
            return runOnFeet[i] ? "standing_pelvic_tilt" : "seated_pelvic_tilt";
        }
        return "seated_thoracic_rotation";
    }

    /** Repetitions in the run now in progress for a signal (not yet a reported set). */
    public int runReps(RepSignal signal) {
        return signal == RepSignal.PELVIC_TILT ? runReps[PELVIS] : signal == RepSignal.THORACIC_ROTATION ? runReps[ROTATION] : 0;
    }

    /** Sets reported since construction. */
    public long setsReported() {
        return setsReported;
    }
}
