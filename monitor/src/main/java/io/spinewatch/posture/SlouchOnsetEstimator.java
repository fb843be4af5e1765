package io.spinewatch.posture;

/**
 * Dates a confirmed slouch back to the instant the wearer began to slump, from a short history of the slouch
 * measure; allocation-free.
 *
 * <p>Why: the classifier reports a slouch only once its rule has held a few seconds, and the rule itself is met
 * only half-way through the slump (its thresholds sit at about half a typical slouch). The slouch began earlier,
 * when the spine started to round and the pelvis to tilt back out of the posture before; an alert that is due a
 * hold time after the slouch began must count from there.
 *
 * <p>How: the <em>slouch measure</em> ({@link #measureDeg}) is lumbar flexion + thoracic flexion + posterior pelvic
 * tilt, each when the worn sensors give it: every term grows in a slump. From the instant the rule was first met
 * the history is walked back, window by window ({@link SlouchOnsetParams#riseWindowSeconds()}), for as long as the
 * measure rose at least {@link SlouchOnsetParams#riseRateDegPerS()} across the window; the onset is the start of
 * the earliest such window. A slow drift never rises that fast, so it is dated at the rule instant, no earlier.
 * The onset is never before {@link SlouchOnsetParams#maxLookbackSeconds()} ahead of the confirmation, nor before
 * an instant without a measure (calibrating, on the feet, no signal): a slouch first seen after a gap counts from
 * when it was seen.
 *
 * <p>One per wearer, fed once per posture step; not thread-safe.
 */
public final class SlouchOnsetEstimator {
    private final SlouchOnsetParams params;
    private final double stepSeconds;
    private final int windowSteps;
    private final double[] times;
    private final double[] values;
    private int head;
    private int count;

    /** @param stepRateHz how often {@link #add} is called, Hz (the pipeline's step rate) */
    public SlouchOnsetEstimator(SlouchOnsetParams params, double stepRateHz) {
        if (!(stepRateHz > 0 && stepRateHz <= 1000)) throw new IllegalArgumentException("stepRateHz must be in (0, 1000]: " + stepRateHz);
        this.params = params;
        this.stepSeconds = 1 / stepRateHz;
        this.windowSteps = Math.max(1, (int) Math.round(params.riseWindowSeconds() * stepRateHz));
        int capacity = (int) Math.ceil(params.historySeconds() * stepRateHz) + 1;
        this.times = new double[capacity];
        this.values = new double[capacity];
    }

    public SlouchOnsetParams params() {
        return params;
    }

    /**
     * The slouch measure of one instant, deg: the sum of lumbar flexion, thoracic flexion and posterior pelvic tilt
     * that are known; with upper + pelvis (no mid) the whole spine's flexion stands for the first two; with the
     * upper sensor alone, trunk lean. NaN when no angle is known.
     */
    public static double measureDeg(SpineAngleCalculator calc) {
        double lumbar = calc.lumbarFlexionDeg();
        double thoracic = calc.thoracicFlexionDeg();
        double tilt = calc.pelvicTiltDeg();
        double sum = 0;
        boolean any = false;
        if (!Double.isNaN(lumbar)) {
            sum += lumbar;
            any = true;
        }
        if (!Double.isNaN(thoracic)) {
            sum += thoracic;
            any = true;
        }
        if (!any && !Double.isNaN(calc.spineFlexionDeg())) {
            sum += calc.spineFlexionDeg();
            any = true;
        }
        if (!Double.isNaN(tilt)) {
            sum += tilt;
            any = true;
        }
        if (!any) return calc.trunkLeanDeg();
        return sum;
    }

    /** Records the measure at one step; NaN when there is none (its gap bounds every onset after it). */
    public void add(double tSeconds, double measureDeg) {
        times[head] = tSeconds;
        values[head] = measureDeg;
        head = head + 1 == times.length ? 0 : head + 1;
        if (count < times.length) count++;
    }

    /** Forgets the history. */
    public void clear() {
        count = 0;
    }

    /**
     * The instant the slump began, wearer time.
     *
     * @param ruleOnsetSeconds when the slouch rule was first met (continuously since)
     * @param confirmedSeconds when the slouch was confirmed (now; the latest {@link #add} is at or before it)
     * @return an instant in {@code [confirmedSeconds - maxLookbackSeconds, min(ruleOnsetSeconds, confirmedSeconds)]},
     *     and not before the last instant without a measure
     */
    public double onsetSeconds(double ruleOnsetSeconds, double confirmedSeconds) {
        double earliest = confirmedSeconds - params.maxLookbackSeconds();
        double onset = Double.isNaN(ruleOnsetSeconds) ? confirmedSeconds : Math.min(ruleOnsetSeconds, confirmedSeconds);
        onset = Math.max(onset, earliest);
        // Walk back to the rule instant; a gap on the way means the slouch was first seen after it.
        int i = count - 1;
        while (i >= 0 && timeAt(i) > onset + 1e-9) {
            if (Double.isNaN(valueAt(i))) return i + 1 < count ? Math.max(earliest, timeAt(i + 1)) : confirmedSeconds;
            i--;
        }
        if (i < 0) return onset;
        if (Double.isNaN(valueAt(i))) return i + 1 < count ? Math.max(earliest, Math.min(onset, timeAt(i + 1))) : onset;
        onset = timeAt(i);
        double minRise = params.riseRateDegPerS() * windowSteps * stepSeconds;
        for (int j = i; j - windowSteps >= 0; j--) {
            int s = j - windowSteps;
            double ts = timeAt(s);
            if (ts < earliest - 1e-9 || Double.isNaN(valueAt(s)) || timeAt(j) - ts > (windowSteps + 0.5) * stepSeconds) break;
            if (!(valueAt(j) - valueAt(s) >= minRise)) break;
            onset = ts;
        }
        // Two movements back to back (a reach or a sit-down that ends straight into the slump) pass as one rise in
        // the long windows; between them the measure almost stops. The latest such seam, with a clear rise before it,
        // is where the slump began.
        int h = Math.max(1, Math.round(windowSteps / 4f));
        double seamRise = 2 * minRise;
        double startValue = valueAt(indexAtOrAfter(onset, i));
        for (int j = i - h; j - h >= 0 && timeAt(j - h) >= onset - 1e-9; j--) {
            double rate = (valueAt(j + h) - valueAt(j - h)) / (timeAt(j + h) - timeAt(j - h));
            if (rate < params.riseRateDegPerS() && valueAt(j) - startValue >= seamRise) {
                onset = timeAt(j);
                break;
            }
        }
        // A gap inside an accepted window stops the walk only after that window; the onset comes after the gap.
        for (int j = i; j >= 0 && timeAt(j) >= onset - 1e-9; j--) {
            if (Double.isNaN(valueAt(j))) return j + 1 < count ? timeAt(j + 1) : onset;
        }
        return onset;
    }

    /** The earliest history position at or after {@code tSeconds}, searching back from {@code from}. */
    private int indexAtOrAfter(double tSeconds, int from) {
        int k = from;
        while (k > 0 && timeAt(k - 1) >= tSeconds - 1e-9) k--;
        return k;
    }

    private int index(int i) {
        int k = head - count + i;
        return k < 0 ? k + times.length : k;
    }

    private double timeAt(int i) {
        return times[index(i)];
    }

    private double valueAt(int i) {
        return values[index(i)];
    }
}
