package io.spinewatch.feedback;

import io.spinewatch.feedback.RepParams.RepDirection;

/**
 * Counts drill repetitions in one angle signal (degrees, time in seconds). Allocation-free per
 * update; one instance per signal and wearer.
 *
 * <p>Each update, in order:
 * <ol>
 *   <li>Low-pass: {@code y += (1 - exp(-2 pi fc dt)) (x - y)}, exact for any sample spacing.</li>
 *   <li>Excursion {@code e = y - baseline}, turned so that the working direction is positive
 *       ({@code s}); for {@link RepDirection#EITHER} {@code s = |e|} and the side is fixed when an
 *       excursion starts.</li>
 *   <li>Where {@code s} is at most {@code exitFraction * minAmplitudeDeg} (close to the baseline,
 *       and for one-sided drills anywhere on the resting side) the baseline follows {@code y} with
 *       {@code baselineTauSeconds}. Repetitions pass through there only briefly; drift and a
 *       settling posture show there.</li>
 *   <li>Idle and armed: {@code s} above {@code enterFraction * minAmplitudeDeg} starts an
 *       excursion measured from the baseline. Idle after a repetition (disarmed): back within that
 *       threshold re-arms; rising that much above the lowest point since the repetition (the
 *       valley) starts the next excursion measured from the valley, so back-to-back repetitions
 *       count even while the baseline lags behind drift; disarmed for longer than
 *       {@code maxRepSeconds}, the baseline jumps to {@code y}.</li>
 *   <li>In an excursion: the peak and the hold are tracked. The hold is the time within
 *       max(2 deg, 25 % of the excursion) of the peak; it restarts while the peak still grows
 *       quickly, and dips out of that zone shorter than 0.3 s do not end it.</li>
 *   <li>The excursion ends when {@code s} is back within {@code exitFraction * minAmplitudeDeg},
 *       or, once {@code minRepSeconds} have passed, has fallen from the peak by the larger of
 *       {@code minAmplitudeDeg} and half the excursion. It counts if the excursion (peak minus
 *       start level) reached {@code minAmplitudeDeg} and it lasted
 *       {@code minRepSeconds..maxRepSeconds}. Lasting longer than {@code maxRepSeconds}, it was a
 *       posture change: the baseline jumps to {@code y} and nothing is counted.</li>
 * </ol>
 * The starting baseline is the filtered signal over the first second: the posture the wearer
 * starts from. A repetition not held as long as asked still counts; {@link #heldCount()} says how
 * many were held.
 */
public final class RepetitionCounter {
    /** Hold tolerance below the peak: the larger of this and {@link #HOLD_TOLERANCE_FRACTION} of the excursion. */
    private static final double HOLD_TOLERANCE_DEG = 2;
    private static final double HOLD_TOLERANCE_FRACTION = 0.25;
    /** Leaving the hold zone for less than this does not end the hold. */
    private static final double HOLD_DIP_SECONDS = 0.3;
    /** A peak that grows by the hold tolerance within this time is still the way out, not the hold. */
    private static final double HOLD_RISE_SECONDS = 0.5;
    /** During the first second the baseline is the filtered signal itself: the starting posture. */
    private static final double SETTLE_SECONDS = 1;

    private final RepParams params;
    private final double enterDeg;
    private final double exitDeg;
    private final double omega;

    private boolean started;
    private double startT;
    private double lastT;
    private double y;
    private double baseline;

    private boolean inExcursion;
    private boolean armed = true;
    private double disarmedT;
    private double valleyDeg;
    private double side;
    private double excursionStartT;
    private double floorDeg;
    private double peakDeg;
    private double holdStartT = Double.NaN;
    private double holdRefDeg;
    private double holdRefT;
    private double holdDipT = Double.NaN;
    private double longestHoldSeconds;
    private boolean holdAnnounced;

    private int count;
    private int heldCount;
    private long rejectedCount;
    private long rebaselineCount;
    private long invalidCount;
    private double lastRepStartT = Double.NaN;
    private double lastRepEndT = Double.NaN;
    private double lastRepAmplitudeDeg = Double.NaN;
    private double lastRepHoldSeconds = Double.NaN;

    public RepetitionCounter(RepParams params) {
        if (params == null) throw new IllegalArgumentException("params are required");
        this.params = params;
        this.enterDeg = params.enterFraction() * params.minAmplitudeDeg();
        this.exitDeg = params.exitFraction() * params.minAmplitudeDeg();
        this.omega = 2 * Math.PI * params.lowPassHz();
    }

    /**
     * Feeds one sample. Samples with a non-finite angle or time not moving forward are counted in
     * {@link #invalidCount()} and otherwise ignored.
     */
    public RepEvent update(double tSeconds, double angleDeg) {
        if (!Double.isFinite(angleDeg) || !Double.isFinite(tSeconds) || (started && tSeconds <= lastT)) {
            invalidCount++;
            return RepEvent.NONE;
        }
        if (!started) {
            started = true;
            startT = tSeconds;
            lastT = tSeconds;
            y = angleDeg;
            baseline = angleDeg;
            return RepEvent.NONE;
        }
        double dt = tSeconds - lastT;
        lastT = tSeconds;
        y += (1 - Math.exp(-omega * dt)) * (angleDeg - y);
        if (tSeconds - startT < SETTLE_SECONDS) {
            baseline = y;
            return RepEvent.NONE;
        }
        double e = y - baseline;
        if (working(e) <= exitDeg) {
            baseline += (1 - Math.exp(-dt / params.baselineTauSeconds())) * (y - baseline);
            e = y - baseline;
        }
        return inExcursion ? inExcursion(tSeconds, e) : idle(tSeconds, e);
    }

    private double working(double e) {
        return switch (params.direction()) {
            case POSITIVE -> e;
            case NEGATIVE -> -e;
            case EITHER -> Math.abs(e);
        };
    }

    private RepEvent idle(double t, double e) {
        double s = working(e);
        if (!armed) {
            valleyDeg = Math.min(valleyDeg, s);
            if (s <= enterDeg) {
                armed = true;
            } else if (s > valleyDeg + enterDeg) {
                return start(t, e, s, valleyDeg);
            } else if (t - disarmedT > params.maxRepSeconds()) {
                return rebaseline();
            } else {
                return RepEvent.NONE;
            }
        }
        return s > enterDeg ? start(t, e, s, 0) : RepEvent.NONE;
    }

    private RepEvent start(double t, double e, double s, double floor) {
        inExcursion = true;
        armed = true;
        side = params.direction() == RepDirection.EITHER ? Math.signum(e) : 1;
        excursionStartT = t;
        floorDeg = floor;
        peakDeg = s;
        holdStartT = Double.NaN;
        holdDipT = Double.NaN;
        longestHoldSeconds = 0;
        holdAnnounced = false;
        return RepEvent.STARTED;
    }

    private RepEvent inExcursion(double t, double e) {
        double s = params.direction() == RepDirection.EITHER ? side * e : working(e);
        RepEvent event = RepEvent.NONE;
        if (s > peakDeg) {
            peakDeg = s;
        }
        double amplitude = peakDeg - floorDeg;
        double tolerance = Math.max(HOLD_TOLERANCE_DEG, HOLD_TOLERANCE_FRACTION * amplitude);
        if (amplitude >= params.minAmplitudeDeg() && s >= peakDeg - tolerance) {
            holdDipT = Double.NaN;
            if (Double.isNaN(holdStartT)) {
                holdStartT = t;
                holdRefDeg = peakDeg;
                holdRefT = t;
            } else if (peakDeg > holdRefDeg + tolerance) {
                // still rising quickly: the end position is not reached yet. A slow creep of the
                // peak during the hold (noise, settling) does not restart it.
                if (t - holdRefT < HOLD_RISE_SECONDS) {
                    holdStartT = t;
                }
                holdRefDeg = peakDeg;
                holdRefT = t;
            }
            double held = t - holdStartT;
            longestHoldSeconds = Math.max(longestHoldSeconds, held);
            if (!holdAnnounced && params.holdSeconds() > 0 && held >= params.holdSeconds()) {
                holdAnnounced = true;
                event = RepEvent.HOLD_REACHED;
            }
        } else if (!Double.isNaN(holdStartT)) {
            // a dip shorter than HOLD_DIP_SECONDS is noise or a wobble, not a release
            if (Double.isNaN(holdDipT)) {
                holdDipT = t;
            } else if (t - holdDipT > HOLD_DIP_SECONDS) {
                holdStartT = Double.NaN;
                holdDipT = Double.NaN;
            }
        }

        double duration = t - excursionStartT;
        double returned = peakDeg - Math.max(params.minAmplitudeDeg(), 0.5 * amplitude);
        // a fall from the peak before minRepSeconds is noise on the way up, not the way back
        if (s < exitDeg || (s < returned && duration >= params.minRepSeconds())) {
            inExcursion = false;
            armed = false;
            disarmedT = t;
            valleyDeg = s;
            if (amplitude < params.minAmplitudeDeg()) {
                return RepEvent.NONE;
            }
            if (duration < params.minRepSeconds() || duration > params.maxRepSeconds()) {
                rejectedCount++;
                return RepEvent.REJECTED;
            }
            count++;
            lastRepStartT = excursionStartT;
            lastRepEndT = t;
            lastRepAmplitudeDeg = amplitude;
            lastRepHoldSeconds = longestHoldSeconds;
            if (params.holdSeconds() == 0 || longestHoldSeconds >= params.holdSeconds()) {
                heldCount++;
            }
            return RepEvent.COUNTED;
        }
        if (duration > params.maxRepSeconds()) {
            inExcursion = false;
            return rebaseline();
        }
        return event;
    }

    private RepEvent rebaseline() {
        baseline = y;
        armed = true;
        rebaselineCount++;
        return RepEvent.REBASELINED;
    }

    /** Forgets everything: the next sample is the new starting posture and the count restarts. */
    public void reset() {
        started = false;
        inExcursion = false;
        armed = true;
        count = 0;
        heldCount = 0;
        rejectedCount = 0;
        rebaselineCount = 0;
        invalidCount = 0;
        lastRepStartT = Double.NaN;
        lastRepEndT = Double.NaN;
        lastRepAmplitudeDeg = Double.NaN;
        lastRepHoldSeconds = Double.NaN;
    }

    public RepParams params() {
        return params;
    }

    /** Repetitions counted since construction or {@link #reset()}. */
    public int count() {
        return count;
    }

    /** Counted repetitions whose end position was held as long as asked (all, when no hold is asked). */
    public int heldCount() {
        return heldCount;
    }

    /** Large enough excursions that were too quick or too slow to count. */
    public long rejectedCount() {
        return rejectedCount;
    }

    /** Times the baseline jumped to a new posture. */
    public long rebaselineCount() {
        return rebaselineCount;
    }

    /** Samples ignored (non-finite, or time not increasing). */
    public long invalidCount() {
        return invalidCount;
    }

    /** Whether an excursion is in progress. */
    public boolean inExcursion() {
        return inExcursion;
    }

    /** How long the current end position has been held, 0 when not holding. */
    public double currentHoldSeconds() {
        return inExcursion && !Double.isNaN(holdStartT) ? lastT - holdStartT : 0;
    }

    /** The current resting posture estimate, degrees. */
    public double baselineDeg() {
        return baseline;
    }

    /** The low-passed input, degrees. */
    public double filteredDeg() {
        return y;
    }

    public double lastRepStartSeconds() {
        return lastRepStartT;
    }

    public double lastRepEndSeconds() {
        return lastRepEndT;
    }

    /** Size of the last counted repetition (peak minus start level), degrees. */
    public double lastRepAmplitudeDeg() {
        return lastRepAmplitudeDeg;
    }

    /** Longest hold near the peak in the last counted repetition, seconds. */
    public double lastRepHoldSeconds() {
        return lastRepHoldSeconds;
    }
}
