package io.spinewatch.posture;

import io.spinewatch.protocol.SensorSlot;

/**
 * The posture state from activity, spine angles and the worn sensors, with hysteresis and a short confirmation
 * time; names the {@link PosturePattern} that explains a slouch. Allocation-free; time arrives as data.
 *
 * <p>Seated rules, by sensor set (angles in degrees from the calibrated neutral, enter/exit from
 * {@link PostureParams}):
 * <ul>
 * <li>slouched, {@code posterior_pelvic_tilt}: lumbar flexion above its threshold with the pelvis tilted back, or
 *     lumbar flexion above the higher lumbar-only threshold (needs mid + pelvis; with upper + pelvis the whole
 *     spine's flexion is used);
 * <li>slouched, {@code rounded_upper_back}: thoracic flexion above its threshold (needs upper + mid);
 * <li>slouched, {@code forward_lean}: upper sensor alone, trunk lean above its threshold (a hip hinge looks
 *     the same);
 * <li>leaning: not slouched and the pelvis tilted forward (hip hinge), or, with upper + mid but no pelvis, the
 *     trunk leaning forward with the upper back within its slouch limit; never with the upper sensor alone;
 * <li>upright otherwise.
 * </ul>
 * A new state is reported once it has held {@code confirmSeconds} ({@code slouchConfirmSeconds} for a slouch).
 * While a drill is in progress a slouch must also have held for half the drill's repetition interval (a drill's
 * rounding phases are movement, not posture, and never last that long), and the state does not switch between
 * upright and leaning.
 */
public final class PostureClassifier {
    private final PostureParams params;
    private PostureState state = PostureState.CALIBRATING;
    private PosturePattern pattern;
    private boolean slouchLumbar;
    private boolean slouchLumbarOnly;
    private boolean slouchThoracic;
    private boolean slouchSpine;
    private boolean slouchLean;
    private boolean hinge;
    private boolean lean;
    private PostureState candidate;
    private double candidateSinceSeconds;
    private double slouchSinceSeconds = Double.NaN;
    private PostureState resume;

    public PostureClassifier(PostureParams params) {
        this.params = params;
    }

    public PostureClassifier() {
        this(PostureParams.DEFAULT);
    }

    public PostureParams params() {
        return params;
    }

    public PostureState state() {
        return state;
    }

    /** When the slouch rule was first met, continuously since; NaN while it is not met. */
    public double slouchRuleSinceSeconds() {
        return slouchSinceSeconds;
    }

    /** The pattern of the current slouch, null when not slouched. */
    public PosturePattern pattern() {
        return state == PostureState.SLOUCHED ? pattern : null;
    }

    /**
     * Forces a state that needs no angles. {@code no_signal} keeps the seated state it interrupts, which resumes
     * when the angles come back (a dropout says nothing about posture); anything else starts afresh.
     */
    public PostureState force(PostureState s) {
        if (s == PostureState.NO_SIGNAL) {
            if (state.isSeated()) resume = state;
            state = s;
            candidate = null;
            return state;
        }
        resume = null;
        state = s;
        candidate = null;
        slouchSinceSeconds = Double.NaN;
        clearConditions();
        return state;
    }

    private void clearConditions() {
        slouchLumbar = slouchLumbarOnly = slouchThoracic = slouchSpine = slouchLean = hinge = lean = false;
    }

    /**
     * One instant.
     *
     * @param tSeconds wearer time
     * @param activity from the {@link ActivityDetector}
     * @param sensorMask the sensors whose angles are current ({@link SensorSet})
     * @param calc the angles of this instant
     * @param drillIntervalSeconds the interval between repetitions of a drill in progress, s, or 0 when none: during
     *     a drill the slouch rule must also have held for half an interval, longer than any rounding phase of the
     *     drill lasts
     * @return the state after this instant
     */
    public PostureState update(double tSeconds, Activity activity, int sensorMask, SpineAngleCalculator calc,
                               double drillIntervalSeconds) {
        boolean drill = drillIntervalSeconds > 0;
        double needHold = Math.max(params.slouchConfirmSeconds(), drill ? 0.5 * drillIntervalSeconds : 0);
        if (activity == Activity.WALKING || activity == Activity.STANDING) {
            clearConditions();
            candidate = null;
            slouchSinceSeconds = Double.NaN;
            state = activity == Activity.WALKING ? PostureState.WALKING : PostureState.STANDING;
            return state;
        }
        if (state == PostureState.NO_SIGNAL && resume != null) {
            state = resume;
        }
        resume = null;
        boolean u = SensorSet.has(sensorMask, SensorSlot.UPPER);
        boolean m = SensorSet.has(sensorMask, SensorSlot.MID);
        boolean p = SensorSet.has(sensorMask, SensorSlot.PELVIS);
        double lumbar = calc.lumbarFlexionDeg();
        double thoracic = calc.thoracicFlexionDeg();
        double tilt = calc.pelvicTiltDeg();
        double leanDeg = calc.trunkLeanDeg();
        double spine = calc.spineFlexionDeg();
        PostureParams k = params;
        slouchLumbar = m && p && hyst(slouchLumbar, lumbar, k.lumbarSlouchEnterDeg(), k.lumbarSlouchExitDeg())
                && hyst(slouchLumbar, tilt, k.posteriorTiltEnterDeg(), k.posteriorTiltExitDeg());
        slouchLumbarOnly = m && p && hyst(slouchLumbarOnly, lumbar, k.lumbarOnlyEnterDeg(), k.lumbarOnlyExitDeg());
        slouchThoracic = u && m && hyst(slouchThoracic, thoracic, k.thoracicSlouchEnterDeg(), k.thoracicSlouchExitDeg());
        slouchSpine = u && p && !m && hyst(slouchSpine, spine, k.spineSlouchEnterDeg(), k.spineSlouchExitDeg());
        slouchLean = u && !m && !p && hyst(slouchLean, leanDeg, k.leanSlouchEnterDeg(), k.leanSlouchExitDeg());
        hinge = p && hyst(hinge, -tilt, k.hingeEnterDeg(), k.hingeExitDeg());
        lean = !p && u && m && hyst(lean, leanDeg, k.trunkLeanEnterDeg(), k.trunkLeanExitDeg());

        boolean slouchRule = slouchLumbar || slouchLumbarOnly || slouchThoracic || slouchSpine || slouchLean;
        // The hold timer of the slouch rule runs whether or not a drill is in progress: when a drill ends
        // straight into a slouch, the slouch counts from when its posture began.
        if (!slouchRule) {
            slouchSinceSeconds = Double.NaN;
        } else if (Double.isNaN(slouchSinceSeconds)) {
            slouchSinceSeconds = tSeconds;
        }
        PosturePattern why = slouchRule ? dominant(lumbar, thoracic, tilt, spine) : null;
        PostureState other = hinge || lean ? PostureState.LEANING : PostureState.UPRIGHT;
        boolean held = tSeconds - slouchSinceSeconds >= needHold - 1e-9;
        if (slouchRule && (held || state == PostureState.SLOUCHED && !drill)) {
            state = PostureState.SLOUCHED;
            candidate = null;
        } else if (!state.isSeated() || state == PostureState.SLOUCHED && drill) {
            state = other;
            candidate = null;
        } else if (other == state || drill) {
            // During a drill the seated state holds: its phases swing between hinge-like and upright angles.
            candidate = null;
        } else {
            if (candidate != other) {
                candidate = other;
                candidateSinceSeconds = tSeconds;
            }
            if (tSeconds - candidateSinceSeconds >= params.confirmSeconds() - 1e-9) {
                state = other;
                candidate = null;
            }
        }
        if (state == PostureState.SLOUCHED && why != null) {
            pattern = why;
        }
        return state;
    }

    private PosturePattern dominant(double lumbar, double thoracic, double tilt, double spine) {
        if (slouchLean) return PosturePattern.FORWARD_LEAN;
        double lower = 0;
        if (slouchLumbar || slouchLumbarOnly) lower = lumbar / params.lumbarSlouchEnterDeg();
        if (slouchSpine) lower = tilt >= params.posteriorTiltEnterDeg() ? spine / params.spineSlouchEnterDeg() : 0;
        double upper = slouchThoracic ? thoracic / params.thoracicSlouchEnterDeg() : 0;
        if (slouchSpine && lower == 0) return PosturePattern.ROUNDED_UPPER_BACK;
        return lower >= upper ? PosturePattern.POSTERIOR_PELVIC_TILT : PosturePattern.ROUNDED_UPPER_BACK;
    }

    /** A threshold with hysteresis: above {@code enter} to switch on, below {@code exit} to switch off; NaN is off. */
    private static boolean hyst(boolean on, double value, double enter, double exit) {
        if (Double.isNaN(value)) return false;
        return on ? value >= exit : value >= enter;
    }
}
