package io.spinewatch.feedback;

/**
 * Settings of a {@link RepetitionCounter}. A repetition is one excursion of the low-passed angle
 * from the baseline (the resting posture) in the working direction, reaching at least
 * {@code minAmplitudeDeg}, and back, taking between {@code minRepSeconds} and
 * {@code maxRepSeconds}. The thresholds are fractions of the minimum amplitude, so one number per
 * drill sets the whole hysteresis.
 *
 * @param direction           which side of the baseline is the working one
 * @param minAmplitudeDeg     least peak excursion that counts, degrees, 2..60
 * @param enterFraction       an excursion starts beyond this fraction of the minimum amplitude.
 *                            Default {@value #DEFAULT_ENTER_FRACTION}; above {@code exitFraction}, at most 1
 * @param exitFraction        and ends back inside this fraction. Default {@value #DEFAULT_EXIT_FRACTION}:
 *                            the gap between the two is the hysteresis that keeps noise at the
 *                            crossing from counting twice. Above 0
 * @param minRepSeconds       shorter excursions are jitter or a bump, not a repetition. 0.2..10
 * @param maxRepSeconds       longer ones are a posture change or slow drift; after this long away
 *                            from the baseline the counter adopts the new posture as baseline.
 *                            Above {@code minRepSeconds}, at most 120
 * @param holdSeconds         end-position hold the drill asks for; 0 when it is moved through
 * @param lowPassHz           cut-off of the first-order low-pass on the input. Default
 *                            {@value #DEFAULT_LOW_PASS_HZ}: drills run below 1 Hz, sensor noise and
 *                            tremor lie well above. 0.1..20
 * @param baselineTauSeconds  time constant with which the baseline follows the signal while it is
 *                            close to it or on the resting side (slow drift, settling). Default
 *                            {@value #DEFAULT_BASELINE_TAU_SECONDS}: it only moves there, so a
 *                            repetition barely drags it, and back-to-back repetitions leave it a
 *                            quarter of the time to keep up with drift. 0.5..120
 */
public record RepParams(
        RepDirection direction,
        double minAmplitudeDeg,
        double enterFraction,
        double exitFraction,
        double minRepSeconds,
        double maxRepSeconds,
        double holdSeconds,
        double lowPassHz,
        double baselineTauSeconds) {

    public static final double DEFAULT_ENTER_FRACTION = 0.5;
    public static final double DEFAULT_EXIT_FRACTION = 0.25;
    public static final double DEFAULT_LOW_PASS_HZ = 2;
    public static final double DEFAULT_BASELINE_TAU_SECONDS = 1;

    /** Which side of the baseline counts. */
    public enum RepDirection {
        /** Only excursions above the baseline (flexion: the rounding phase of cat/cow). */
        POSITIVE,
        /** Only excursions below the baseline (pelvic tilt forward, negative by convention). */
        NEGATIVE,
        /** Excursions to either side, each one a repetition (rotation: left and right). */
        EITHER
    }

    public RepParams {
        if (direction == null) throw new IllegalArgumentException("direction is required");
        range("minAmplitudeDeg", minAmplitudeDeg, 2, 60);
        range("exitFraction", exitFraction, 1e-3, 1);
        range("enterFraction", enterFraction, exitFraction + 1e-3, 1);
        range("minRepSeconds", minRepSeconds, 0.2, 10);
        range("maxRepSeconds", maxRepSeconds, minRepSeconds + 1e-3, 120);
        range("holdSeconds", holdSeconds, 0, 60);
        range("lowPassHz", lowPassHz, 0.1, 20);
        range("baselineTauSeconds", baselineTauSeconds, 0.5, 120);
        if (holdSeconds + minRepSeconds > maxRepSeconds) {
            throw new IllegalArgumentException("maxRepSeconds must leave room for the hold: " + maxRepSeconds);
        }
    }

    private static void range(String name, double v, double min, double max) {
        if (!(v >= min && v <= max)) throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + v);
    }

    /**
     * Defaults for a signal, without hold:
     * <ul>
     *   <li>pelvic tilt: forward (negative), at least 5 deg (drills rock 8-20 deg; walking sways
     *       the pelvis only a few degrees), 1-12 s;</li>
     *   <li>thoracic rotation: either side, at least 12 deg (drills turn 20-45 deg; reaching for the
     *       mouse turns a few), 0.6-10 s;</li>
     *   <li>lumbar flexion: rounding (positive), at least 10 deg, 1-12 s;</li>
     *   <li>thoracic flexion: rounding (positive), at least 8 deg, 1-12 s.</li>
     * </ul>
     */
    public static RepParams forSignal(RepSignal signal) {
        return switch (signal) {
            case PELVIC_TILT -> of(RepDirection.NEGATIVE, 5, 1.0, 12);
            case THORACIC_ROTATION -> of(RepDirection.EITHER, 12, 0.6, 10);
            case LUMBAR_FLEXION -> of(RepDirection.POSITIVE, 10, 1.0, 12);
            case THORACIC_FLEXION -> of(RepDirection.POSITIVE, 8, 1.0, 12);
        };
    }

    /**
     * Settings for a drill the sensors can count: its signal's defaults plus its hold, with twice
     * the hold added to the longest repetition (people hold longer than asked more often than not).
     *
     * @throws IllegalArgumentException if no sensor can count the drill
     */
    public static RepParams forDrill(Drill drill) {
        RepSignal signal = drill.countedBy().orElseThrow(() -> new IllegalArgumentException(drill.id() + " cannot be counted by the sensors"));
        return forSignal(signal).withHold(drill.holdSeconds());
    }

    private static RepParams of(RepDirection direction, double minAmplitudeDeg, double minRepSeconds, double maxRepSeconds) {
        return new RepParams(direction, minAmplitudeDeg, DEFAULT_ENTER_FRACTION, DEFAULT_EXIT_FRACTION, minRepSeconds, maxRepSeconds, 0,
                DEFAULT_LOW_PASS_HZ, DEFAULT_BASELINE_TAU_SECONDS);
    }

    /** The same settings asking for a hold, with the longest repetition extended by twice the hold. */
    public RepParams withHold(double seconds) {
        return new RepParams(direction, minAmplitudeDeg, enterFraction, exitFraction, minRepSeconds,
                maxRepSeconds - 2 * holdSeconds + 2 * seconds, seconds, lowPassHz, baselineTauSeconds);
    }

    public RepParams withMinAmplitudeDeg(double deg) {
        return new RepParams(direction, deg, enterFraction, exitFraction, minRepSeconds, maxRepSeconds, holdSeconds, lowPassHz,
                baselineTauSeconds);
    }
}
