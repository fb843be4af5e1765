package io.spinewatch.posture;

/**
 * Thresholds of the {@link PostureClassifier}, degrees from the wearer's own calibrated sit-tall neutral, each
 * with an enter and a lower exit value (hysteresis); {@link #DEFAULT} holds the defaults.
 *
 * <p>Reference values: moving from upright to slumped sitting flexes the lumbar spine by roughly 15-30 deg and
 * tilts the pelvis back by 10-20 deg, and rounds the thoracic spine by about 10-15 deg (O'Sullivan et al. 2006,
 * Claus et al. 2009 measured these ranges with skin sensors and motion capture); a hip hinge to the keyboard
 * tilts the pelvis forward 10-25 deg with the lumbar curve nearly unchanged. The defaults sit at about half the
 * typical slouch, well above breathing (1-2 deg) and sensor error (~1 deg).
 *
 * @param lumbarSlouchEnterDeg lumbar flexion that, with a posterior pelvic tilt, is a slouch. Default 10.
 * @param lumbarSlouchExitDeg lumbar flexion below which that slouch ends. Default 6.
 * @param posteriorTiltEnterDeg posterior pelvic tilt that goes with it. Default 3: a slumped pelvis is behind
 *     neutral, a hip hinge in front of it, so the sign is what tells them apart.
 * @param posteriorTiltExitDeg posterior tilt below which that slouch ends. Default 0.
 * @param lumbarOnlyEnterDeg lumbar flexion that is a slouch whatever the pelvis does. Default 18.
 * @param lumbarOnlyExitDeg exit of the above. Default 13.
 * @param thoracicSlouchEnterDeg thoracic flexion that is a rounded upper back. Default 12.
 * @param thoracicSlouchExitDeg exit. Default 8.
 * @param spineSlouchEnterDeg flexion of the whole spine (upper relative to pelvis) that is a slouch when no
 *     mid sensor splits it. Default 15.
 * @param spineSlouchExitDeg exit. Default 10.
 * @param leanSlouchEnterDeg trunk lean that single-sensor mode calls a slouch. Default 12: a slumped sitter's upper
 *     trunk leans 10-20 deg forward of sitting tall, and single-sensor trainers buzz at angles of this order.
 * @param leanSlouchExitDeg exit. Default 8.
 * @param hingeEnterDeg anterior pelvic tilt (as a positive number) of a forward hip hinge. Default 8.
 * @param hingeExitDeg exit. Default 5.
 * @param trunkLeanEnterDeg trunk lean that is leaning when the pelvis is not worn. Default 10.
 * @param trunkLeanExitDeg exit. Default 6.
 * @param confirmSeconds how long a new seated state other than slouched must hold before it is reported, s.
 *     Default 0.5: filters a single noisy instant.
 * @param slouchConfirmSeconds how long the slouch rule must hold before slouched is reported, s. Default 3: a slouch
 *     is a held posture, while a drill's rounding phase or a reach passes through slouch-like angles for 1-2 s.
 *     The pipeline shortens the alert policy's hold by this much, so the buzz still comes {@code holdSeconds}
 *     after the posture began.
 */
public record PostureParams(double lumbarSlouchEnterDeg, double lumbarSlouchExitDeg,
                            double posteriorTiltEnterDeg, double posteriorTiltExitDeg,
                            double lumbarOnlyEnterDeg, double lumbarOnlyExitDeg,
                            double thoracicSlouchEnterDeg, double thoracicSlouchExitDeg,
                            double spineSlouchEnterDeg, double spineSlouchExitDeg,
                            double leanSlouchEnterDeg, double leanSlouchExitDeg,
                            double hingeEnterDeg, double hingeExitDeg,
                            double trunkLeanEnterDeg, double trunkLeanExitDeg,
                            double confirmSeconds, double slouchConfirmSeconds) {
    public static final PostureParams DEFAULT = new PostureParams(10, 6, 3, 0, 18, 13, 12, 8, 15, 10, 12, 8, 8, 5, 10, 6, 0.5, 3);

    public PostureParams {
        pair("lumbarSlouch", lumbarSlouchEnterDeg, lumbarSlouchExitDeg);
        pair("posteriorTilt", posteriorTiltEnterDeg, posteriorTiltExitDeg);
        pair("lumbarOnly", lumbarOnlyEnterDeg, lumbarOnlyExitDeg);
        pair("thoracicSlouch", thoracicSlouchEnterDeg, thoracicSlouchExitDeg);
        pair("spineSlouch", spineSlouchEnterDeg, spineSlouchExitDeg);
        pair("leanSlouch", leanSlouchEnterDeg, leanSlouchExitDeg);
        pair("hinge", hingeEnterDeg, hingeExitDeg);
        pair("trunkLean", trunkLeanEnterDeg, trunkLeanExitDeg);
        if (!(confirmSeconds >= 0 && confirmSeconds <= 10)) throw new IllegalArgumentException("confirmSeconds must be in 0..10: " + confirmSeconds);
        if (!(slouchConfirmSeconds >= 0 && slouchConfirmSeconds <= 30)) throw new IllegalArgumentException("slouchConfirmSeconds must be in 0..30: " + slouchConfirmSeconds);
    }

    private static void pair(String name, double enter, double exit) {
        if (!(enter >= -10 && enter <= 90)) throw new IllegalArgumentException(name + "EnterDeg must be in -10..90: " + enter);
        if (!(exit <= enter && exit >= -20)) throw new IllegalArgumentException(name + "ExitDeg must be in -20..enter: " + exit);
    }
}
