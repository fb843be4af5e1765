package io.spinewatch.sim;

/**
 * The generalised coordinates of the simulated wearer, each a smooth function of time.
 *
 * <p>Angles are in radians and relative to the sit-tall neutral posture (the calibrated neutral), so
 * all-zero angles is sitting tall. Positions are in metres in the earth frame (z up). The sagittal
 * coordinates compose along the chain pelvis -> lumbar (the {@code mid} segment) -> thoracic (the
 * {@code upper} segment); see {@link BodyModel} for the exact rotation order.
 */
public enum Coordinate {
    /** Base point (on the chair's swivel axis at hip height, or below the standing hips), earth x, m. */
    BASE_X,
    /** Base point, earth y, m. */
    BASE_Y,
    /** Base point, earth z (height), m. */
    BASE_Z,
    /** Whole-body heading about earth z through the base point (swivel chair, turning), rad, + left. */
    HEADING,
    /** Forward pitch of the pelvis: the negative of {@code pelvic_tilt} (+ = anterior tilt, hip hinge), rad. */
    PELVIS_PITCH,
    /** Pelvic obliquity (roll about the pelvis forward axis), rad, + = left side up. */
    PELVIS_ROLL,
    /** Lumbar flexion, the {@code mid} segment relative to the pelvis, rad, + = rounding. */
    LUMBAR_FLEXION,
    /** Lumbar lateral bend, rad, + = bending to the right (rotation about the forward axis). */
    LUMBAR_BEND,
    /** Lumbar axial twist about the segment's long axis, rad, + = turning left. */
    LUMBAR_TWIST,
    /** Thoracic flexion, the {@code upper} segment relative to the {@code mid} segment, rad, + = rounding. */
    THORACIC_FLEXION,
    /** Thoracic lateral bend, rad. */
    THORACIC_BEND,
    /** Thoracic axial twist, rad, + = turning left. */
    THORACIC_TWIST;

    /** Number of coordinates; arrays indexed by {@link #ordinal()} have this length. */
    public static final int COUNT = values().length;
}
