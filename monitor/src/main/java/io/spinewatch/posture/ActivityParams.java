package io.spinewatch.posture;

/**
 * Settings of the {@link ActivityDetector}; {@link #DEFAULT} holds the defaults.
 *
 * @param motionGyroRadPerS angular rate of the reference sensor above which a movement (possible transition)
 *     starts, rad/s. Default 0.5 rad/s (29 deg/s): the pelvis turns 30-40 deg in about a second when rising
 *     from a chair (peak ~60 deg/s), far above typing or breathing.
 * @param motionAccMps2 deviation of the vertical specific force from its resting value that also starts a
 *     movement, m/s^2. Default 1.5: the push-off of a sit-to-stand peaks at 2-4 m/s^2.
 * @param quietGyroRadPerS angular rate below which the sensor counts as quiet, rad/s. Default 0.25.
 * @param quietAccMps2 deviation of the vertical specific force below which it counts as quiet, m/s^2. Default 0.6.
 * @param quietSeconds quiet time that ends a movement (and is used as zero-velocity reference), s. Default 0.8: the
 *     trunk pauses for up to ~0.4 s where a sit-to-stand turns from leaning forward to rising, which must not
 *     split the movement in two.
 * @param transitionMinM vertical displacement of the reference sensor that makes a movement a sit-to-stand
 *     (up) or stand-to-sit (down), m. Default 0.15: the hip rises 0.35-0.5 m from a chair; adjusting the chair's
 *     gas lift or shifting on the seat moves it under 0.1 m; a walk that ends by sitting down is integrated
 *     from within the gait and measured less precisely (0.2-1 m), so the threshold sits low.
 * @param maxTransitionSeconds longest movement still integrated from a quiet start, s. Default 8: a sit-to-stand
 *     takes 1.5-3 s even for slow movers.
 * @param walkStdMps2 standard deviation of the vertical specific force over the gait window above which walking
 *     is possible, m/s^2. Default 0.5: at the pelvis it is 1-3 m/s^2 when walking, under 0.2 standing or seated.
 * @param walkAutocorrelation smallest normalised autocorrelation at a step or stride lag (0.3-1.3 s) that makes
 *     the signal periodic enough to be gait. Default 0.4.
 * @param walkEnterSeconds how long gait must be seen before walking is declared, s. Default 1.5 (about 3 steps).
 * @param walkExitSeconds how long gait must be absent before walking ends, s. Default 2.
 * @param seatedFallbackEnabled whether a standing wearer whose lower back is at least as flexed as at the seated
 *     neutral (lumbar flexion at least {@code seatedLumbarDeg}, pelvis tilted forward by less than
 *     {@code 4 - seatedLumbarDeg} deg) and still for {@code seatedPostureSeconds} is taken to have sat down unseen.
 *     Default on: standing restores the lumbar lordosis (the lumbar spine is some 5-20 deg more extended and the
 *     pelvis tilted further forward than when sitting tall), so a lower back at or past the seated neutral, held
 *     still, is the seated posture. Catches the stand-to-sit that ends a walk, which is integrated less reliably.
 * @param seatedLumbarDeg lumbar flexion from the seated neutral that looks seated, deg. Default -3: within a
 *     few degrees of the neutral, allowing for breathing and sensor error.
 * @param seatedPostureSeconds how long that must last, s. Default 6.
 */
public record ActivityParams(double motionGyroRadPerS, double motionAccMps2, double quietGyroRadPerS,
                             double quietAccMps2, double quietSeconds, double transitionMinM,
                             double maxTransitionSeconds, double walkStdMps2, double walkAutocorrelation,
                             double walkEnterSeconds, double walkExitSeconds, boolean seatedFallbackEnabled,
                             double seatedLumbarDeg, double seatedPostureSeconds) {
    public static final ActivityParams DEFAULT = new ActivityParams(0.5, 1.5, 0.25, 0.6, 0.8, 0.15, 8, 0.5, 0.4, 1.5, 2, true, -3, 6);

    public ActivityParams {
        check("motionGyroRadPerS", motionGyroRadPerS, 0.05, 5);
        check("motionAccMps2", motionAccMps2, 0.1, 20);
        check("quietGyroRadPerS", quietGyroRadPerS, 0.01, motionGyroRadPerS);
        check("quietAccMps2", quietAccMps2, 0.05, motionAccMps2);
        check("quietSeconds", quietSeconds, 0.1, 3);
        check("transitionMinM", transitionMinM, 0.05, 1);
        check("maxTransitionSeconds", maxTransitionSeconds, 2, 8);
        check("walkStdMps2", walkStdMps2, 0.05, 10);
        check("walkAutocorrelation", walkAutocorrelation, 0, 1);
        check("walkEnterSeconds", walkEnterSeconds, 0.1, 10);
        check("walkExitSeconds", walkExitSeconds, 0.1, 10);
        check("seatedLumbarDeg", seatedLumbarDeg, -10, 45);
        check("seatedPostureSeconds", seatedPostureSeconds, 1, 600);
    }

    private static void check(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) throw new IllegalArgumentException(name + " must be in " + lo + ".." + hi + ": " + v);
    }
}
