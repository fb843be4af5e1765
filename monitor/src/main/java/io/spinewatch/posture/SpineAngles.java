package io.spinewatch.posture;

/**
 * The spine's sagittal angles at one instant, degrees from the calibrated neutral (design.md): NaN marks an
 * angle the worn sensors cannot give (see {@link SensorSet}).
 *
 * @param tSeconds wearer time
 * @param lumbarFlexionDeg {@code mid} relative to {@code pelvis}, + rounding the lower back
 * @param thoracicFlexionDeg {@code upper} relative to {@code mid}, + rounding the upper back
 * @param pelvicTiltDeg the pelvis relative to gravity, + posterior (tail tucked)
 * @param trunkLeanDeg {@code upper} relative to gravity, + leaning forward
 */
public record SpineAngles(double tSeconds, double lumbarFlexionDeg, double thoracicFlexionDeg,
                          double pelvicTiltDeg, double trunkLeanDeg) {

    public boolean hasLumbarFlexion() {
        return !Double.isNaN(lumbarFlexionDeg);
    }

    public boolean hasThoracicFlexion() {
        return !Double.isNaN(thoracicFlexionDeg);
    }

    public boolean hasPelvicTilt() {
        return !Double.isNaN(pelvicTiltDeg);
    }

    public boolean hasTrunkLean() {
        return !Double.isNaN(trunkLeanDeg);
    }
}
