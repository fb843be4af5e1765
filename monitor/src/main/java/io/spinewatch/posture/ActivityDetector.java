package io.spinewatch.posture;

/**
 * Sitting, standing or walking, from one reference sensor (the lowest worn: pelvis, else mid, else upper).
 *
 * <p>Input per sample: the vertical specific force {@code a_v = acc . up} (m/s^2, the acceleration along earth's
 * up axis from the sensor's own filter, gravity included) and the angular-rate magnitude. Both are averaged into
 * 50 Hz bins kept in a 10 s ring.
 *
 * <ul>
 * <li><b>Transitions.</b> A movement starts when the rate or the vertical force leaves its resting band and
 *     ends after {@code quietSeconds} of quiet. The vertical force is then integrated twice over the movement with
 *     two zero-mean-velocity constraints, one on the quiet (or walking) stretch before and one on the quiet stretch
 *     after; solving them removes the unknown starting velocity and any constant force offset (accelerometer
 *     bias, gravity's exact value). A rise of {@code transitionMinM} is a sit-to-stand, a drop a stand-to-sit.
 * <li><b>Walking.</b> Every 0.1 s, over the last 2.56 s: standard deviation of {@code a_v} above
 *     {@code walkStdMps2} and a normalised autocorrelation peak at a step or stride lag above
 *     {@code walkAutocorrelation}. Walking means on the feet; when it stops the wearer is standing until a
 *     stand-to-sit is seen.
 * </ul>
 * The wearer starts SITTING (the calibration routine is seated). Failure modes are listed in docs/posture.md.
 * Pure: time arrives as data; allocation-free after construction.
 */
public final class ActivityDetector {
    private static final double BIN_SECONDS = 0.02;
    private static final int RING = 512;
    private static final int WALK_WINDOW = 128;
    private static final int WALK_MIN_LAG = 15;
    private static final int WALK_MAX_LAG = 65;
    private static final int WALK_EVERY_BINS = 5;
    private static final double GAP_SECONDS = 1.0;
    private static final double FROM_WALK_WINDOW_SECONDS = 8.0;
    private static final double BLEND_SECONDS = 2.5;
    private static final int ONSET_LEAD_BINS = 25;

    private final ActivityParams params;
    private final int quietBins;
    private final int maxTransitionBins;

    private Activity activity = Activity.SITTING;
    // binning
    private boolean started;
    private double binStartSeconds;
    private double lastSampleSeconds;
    private double binSumAcc;
    private double binMaxGyro;
    private int binCount;
    private final double[] ringAcc = new double[RING];
    private final double[] scratch = new double[RING];
    private long bins;
    private double restAcc;
    private boolean restInit;
    // movement
    private boolean moving;
    private long onsetBin;
    private int quietRun;
    private double lastDisplacementM = Double.NaN;
    private long standUps;
    private long sitDowns;
    private long seatedFallbacks;
    private double seatedSinceSeconds = Double.NaN;
    // walking
    private double walkSeen;
    private double walkMissing;
    private boolean walkedRecently;
    private double stepPeriodSeconds = 0.53;

    public ActivityDetector(ActivityParams params) {
        this.params = params;
        this.quietBins = Math.max(1, (int) Math.round(params.quietSeconds() / BIN_SECONDS));
        this.maxTransitionBins = (int) Math.round(params.maxTransitionSeconds() / BIN_SECONDS);
    }

    public ActivityDetector() {
        this(ActivityParams.DEFAULT);
    }

    public Activity activity() {
        return activity;
    }

    /** Sets the activity (e.g. SITTING at calibration) and forgets any movement in progress. */
    public void reset(Activity a) {
        activity = a;
        moving = false;
        quietRun = 0;
        walkSeen = 0;
        walkMissing = 0;
    }

    /** Vertical displacement of the last completed movement, m (NaN before the first). */
    public double lastDisplacementM() {
        return lastDisplacementM;
    }

    public long standUpCount() {
        return standUps;
    }

    /** Stand-to-sit changes made by the seated-posture fallback (also counted in {@link #sitDownCount()}). */
    public long seatedFallbackCount() {
        return seatedFallbacks;
    }

    /**
     * Fallback for a stand-to-sit that was not seen: the lumbar flexion (deg from the seated neutral) and pelvic
     * tilt of this instant, NaN when unknown. See {@link ActivityParams#seatedFallbackEnabled()}.
     */
    public void posture(double tSeconds, double lumbarFlexionDeg, double pelvicTiltDeg) {
        boolean looksSeated = params.seatedFallbackEnabled() && activity == Activity.STANDING && !moving
                && lumbarFlexionDeg >= params.seatedLumbarDeg() && pelvicTiltDeg >= params.seatedLumbarDeg() - 4;
        if (!looksSeated) {
            seatedSinceSeconds = Double.NaN;
            return;
        }
        if (Double.isNaN(seatedSinceSeconds)) {
            seatedSinceSeconds = tSeconds;
        } else if (tSeconds - seatedSinceSeconds >= params.seatedPostureSeconds()) {
            activity = Activity.SITTING;
            sitDowns++;
            seatedFallbacks++;
            seatedSinceSeconds = Double.NaN;
        }
    }

    public long sitDownCount() {
        return sitDowns;
    }

    /**
     * One sample of the reference sensor.
     *
     * @param tSeconds wearer time
     * @param verticalAccMps2 specific force along earth's up axis (about +9.81 at rest)
     * @param gyroNormRadPerS magnitude of the angular rate
     */
    public void update(double tSeconds, double verticalAccMps2, double gyroNormRadPerS) {
        if (!Double.isFinite(tSeconds) || !Double.isFinite(verticalAccMps2) || !Double.isFinite(gyroNormRadPerS)) return;
        if (!started || tSeconds - lastSampleSeconds > GAP_SECONDS || tSeconds < lastSampleSeconds) {
            // Start, or a gap: what happened during it is unknown; keep the activity, restart the movement logic.
            started = true;
            binStartSeconds = tSeconds;
            binCount = 0;
            binSumAcc = 0;
            binMaxGyro = 0;
            bins = 0;
            moving = false;
            quietRun = 0;
            restInit = false;
        }
        lastSampleSeconds = tSeconds;
        while (tSeconds >= binStartSeconds + BIN_SECONDS) {
            closeBin();
            binStartSeconds += BIN_SECONDS;
        }
        binSumAcc += verticalAccMps2;
        binMaxGyro = Math.max(binMaxGyro, gyroNormRadPerS);
        binCount++;
    }

    private void closeBin() {
        double a;
        if (binCount > 0) {
            a = binSumAcc / binCount;
        } else {
            a = bins > 0 ? ringAcc[(int) ((bins - 1) % RING)] : (restInit ? restAcc : 9.81);
        }
        double gyro = binMaxGyro;
        binSumAcc = 0;
        binMaxGyro = 0;
        binCount = 0;
        ringAcc[(int) (bins % RING)] = a;
        long current = bins;
        bins++;
        if (!restInit) {
            restAcc = a;
            restInit = true;
        }
        double dev = Math.abs(a - restAcc);
        boolean quiet = gyro < params.quietGyroRadPerS() && dev < params.quietAccMps2();
        boolean motion = gyro > params.motionGyroRadPerS() || dev > params.motionAccMps2();
        if (quiet) {
            restAcc += (a - restAcc) * (BIN_SECONDS / 1.0);
        }
        if (!moving) {
            if (motion) {
                moving = true;
                onsetBin = current;
                quietRun = 0;
            } else {
                quietRun = quiet ? quietRun + 1 : 0;
            }
        } else {
            quietRun = quiet ? quietRun + 1 : 0;
            if (quietRun >= quietBins) {
                finishMovement(current);
                moving = false;
            }
        }
        if (bins % WALK_EVERY_BINS == 0) {
            evaluateWalking();
        }
    }

    private void finishMovement(long lastBin) {
        long endStart = lastBin - quietBins + 1; // first bin of the closing quiet stretch
        long startFrom;
        long startTo;
        boolean fromWalk = false;
        // A movement of normal length is referenced to the stretch just before it (quiet or nearly so: its
        // mean velocity is zero); a long one that ends a walk to the walk's last strides.
        if (endStart - onsetBin <= maxTransitionBins && !walkedRecently) {
            // The movement began before its rate crossed the onset threshold: the reference stretch ends earlier.
            startTo = onsetBin - ONSET_LEAD_BINS;
            startFrom = startTo - quietBins;
        } else if (walkedRecently) {
            fromWalk = true;
            startFrom = Math.max(lastBin - (long) (FROM_WALK_WINDOW_SECONDS / BIN_SECONDS), lastBin - RING + 1);
            int stride = (int) Math.round(4 * stepPeriodSeconds / BIN_SECONDS);
            startTo = startFrom + Math.max(quietBins, stride);
        } else {
            return; // a long fidget: no reliable reference
        }
        if (startFrom < 0 || startFrom < bins - RING || startTo >= endStart) return;
        walkedRecently = false;
        double dz = displacement(startFrom, startTo, endStart, lastBin);
        lastDisplacementM = dz;
        // From a still start the rise of a sit-to-stand is measured well (0.3-0.5 m): ask for more than after a walk.
        double threshold = fromWalk ? params.transitionMinM() : Math.max(params.transitionMinM(), 0.25);
        if (dz >= threshold) {
            if (activity == Activity.SITTING) {
                activity = Activity.STANDING;
                standUps++;
            }
        } else if (dz <= -threshold) {
            if (activity != Activity.SITTING) {
                sitDowns++;
            }
            activity = Activity.SITTING;
            walkSeen = 0;
        }
    }

    /**
     * Double integration of the vertical force over bins [from, to] with zero mean velocity over [from, startTo)
     * and over [endFrom, to]; returns mean height over the end stretch minus mean height over the start stretch.
     */
    private double displacement(long from, long startTo, long endFrom, long to) {
        int n = (int) (to - from + 1);
        double dt = BIN_SECONDS;
        int s1 = (int) (startTo - from);
        int e0 = (int) (endFrom - from);
        // Reference force: the mean of the still stretch before, then of the one after, blended linearly across
        // the movement. A tilted sensor with a scale error reads a different static force once its tilt has
        // changed; integrated, that step would look like a rise or a fall.
        double aStart = 0, aEnd = 0;
        for (int i = 0; i < s1; i++) aStart += ringAcc[(int) ((from + i) % RING)];
        for (int i = e0; i < n; i++) aEnd += ringAcc[(int) ((from + i) % RING)];
        aStart /= s1;
        aEnd /= (n - e0);
        // The tilt changes during the last part of the movement (a sit-to-stand or stand-to-sit takes 1.5-3 s);
        // before that, e.g. while still walking, the starting reference holds.
        int b0 = Math.max(s1, e0 - (int) Math.round(BLEND_SECONDS / BIN_SECONDS));
        // V(i): velocity from zero at the start, before correction.
        double v = 0;
        for (int i = 0; i < n; i++) {
            scratch[i] = v;
            double ref = i < b0 ? aStart : i >= e0 ? aEnd : aStart + (aEnd - aStart) * (i - b0) / (double) (e0 - b0);
            v += (ringAcc[(int) ((from + i) % RING)] - ref) * dt;
        }
        double mV1 = 0, mT1 = 0, mV2 = 0, mT2 = 0;
        for (int i = 0; i < s1; i++) {
            mV1 += scratch[i];
            mT1 += i * dt;
        }
        mV1 /= s1;
        mT1 /= s1;
        for (int i = e0; i < n; i++) {
            mV2 += scratch[i];
            mT2 += i * dt;
        }
        mV2 /= (n - e0);
        mT2 /= (n - e0);
        double b = (mV2 - mV1) / (mT2 - mT1);
        double v0 = b * mT1 - mV1;
        double z = 0, mZ1 = 0, mZ2 = 0;
        for (int i = 0; i < n; i++) {
            if (i < s1) mZ1 += z;
            if (i >= e0) mZ2 += z;
            z += (scratch[i] - b * i * dt + v0) * dt;
        }
        return mZ2 / (n - e0) - mZ1 / s1;
    }

    private void evaluateWalking() {
        double step = WALK_EVERY_BINS * BIN_SECONDS;
        boolean gait = false;
        if (bins >= WALK_WINDOW) {
            double m = 0;
            for (long b = bins - WALK_WINDOW; b < bins; b++) m += ringAcc[(int) (b % RING)];
            m /= WALK_WINDOW;
            double var = 0;
            for (int i = 0; i < WALK_WINDOW; i++) {
                double d = ringAcc[(int) ((bins - WALK_WINDOW + i) % RING)] - m;
                scratch[i] = d;
                var += d * d;
            }
            var /= WALK_WINDOW;
            if (Math.sqrt(var) >= params.walkStdMps2()) {
                double best = -1;
                int bestLag = 0;
                for (int lag = WALK_MIN_LAG; lag <= WALK_MAX_LAG; lag++) {
                    double r = 0;
                    for (int i = 0; i + lag < WALK_WINDOW; i++) r += scratch[i] * scratch[i + lag];
                    r /= (WALK_WINDOW - lag) * var;
                    if (r > best) {
                        best = r;
                        bestLag = lag;
                    }
                }
                gait = best >= params.walkAutocorrelation();
                if (gait) {
                    double p = bestLag * BIN_SECONDS;
                    stepPeriodSeconds = p > 0.8 ? p / 2 : p; // a stride lag is two steps
                }
            }
        }
        if (gait) {
            walkSeen += step;
            walkMissing = 0;
            if (walkSeen >= params.walkEnterSeconds()) {
                activity = Activity.WALKING;
                walkedRecently = true;
            }
        } else {
            walkMissing += step;
            if (walkMissing >= params.walkExitSeconds()) {
                walkSeen = 0;
                if (activity == Activity.WALKING) {
                    activity = Activity.STANDING;
                }
            }
        }
    }
}
