package io.spinewatch.sim;

/**
 * Where the joints and sensor mounts are on the simulated trunk, in each segment's own frame (x forward,
 * y left, z up along the segment when sitting tall), metres; plus the anatomical angles of the sit-tall
 * posture and the base heights used by standing up and sitting down.
 *
 * <p>Defaults ({@link #ADULT}) are for a 1.75 m adult. The trunk from hip joint to shoulder is about
 * 0.29 of body height in the Drillis and Contini segment proportions tabulated by Winter (Biomechanics
 * and Motor Control of Human Movement, ch. 4); we split the spine into the lumbar column (L1-L5 with
 * discs, about 0.10 of height) and the thoracic column (T1-T12, about 0.16 of height). The skin
 * mounts sit behind the joint line by the depth of vertebral body plus spinous process plus skin
 * (7-11 cm). {@link #scaledTo(double)} scales every length with body height.
 *
 * @param hipFromBase hip joint centre (midpoint of both hips) from the base point, in the heading frame:
 *     the hips sit 8 cm behind the chair's swivel axis
 * @param lumbosacralFromHip the L5/S1 joint in the pelvis frame
 * @param lumbarLengthM L5/S1 to T12/L1 along the lumbar segment (0.18 m)
 * @param pelvisMount the {@code pelvis} sensor (skin over S1) in the pelvis frame
 * @param midMount the {@code mid} sensor (skin over T12/L1) in the lumbar frame
 * @param upperMount the {@code upper} sensor (skin over T3, 0.23 m above T12/L1) in the thoracic frame
 * @param neutralLumbarDeg sit-tall angle of the lumbar segment relative to the pelvis (lordosis: -5 deg)
 * @param neutralThoracicDeg sit-tall angle of the thoracic segment relative to the lumbar one (kyphosis: 10 deg)
 * @param seatedBaseHeightM base (hip joint) height when seated: 0.46 m seat plus 0.09 m
 * @param standingBaseHeightM base (hip joint) height when standing: about 0.53 of body height
 * @param standForwardM how far forward of the seated base the standing base is (over the feet)
 */
public record BodyGeometry(Offset hipFromBase, Offset lumbosacralFromHip, double lumbarLengthM,
                           Offset pelvisMount, Offset midMount, Offset upperMount,
                           double neutralLumbarDeg, double neutralThoracicDeg,
                           double seatedBaseHeightM, double standingBaseHeightM, double standForwardM) {

    /** Reference body height of {@link #ADULT}, m. */
    public static final double ADULT_HEIGHT_M = 1.75;

    /** A 1.75 m adult (see the class comment for sources). */
    public static final BodyGeometry ADULT = new BodyGeometry(
            new Offset(-0.08, 0, 0), new Offset(-0.03, 0, 0.10), 0.18,
            new Offset(-0.11, 0, 0.07), new Offset(-0.08, 0, 0.17), new Offset(-0.09, 0, 0.23),
            -5, 10, 0.55, 0.92, 0.25);

    /** A point or displacement in metres. */
    public record Offset(double xM, double yM, double zM) {
        public Offset {
            if (!(Double.isFinite(xM) && Double.isFinite(yM) && Double.isFinite(zM))) {
                throw new IllegalArgumentException("offset must be finite");
            }
        }

        Offset scaled(double k) {
            return new Offset(xM * k, yM * k, zM * k);
        }
    }

    public BodyGeometry {
        if (!(lumbarLengthM > 0.05 && lumbarLengthM < 0.5)) {
            throw new IllegalArgumentException("lumbarLengthM must be in 0.05..0.5: " + lumbarLengthM);
        }
        if (!(Math.abs(neutralLumbarDeg) <= 45 && Math.abs(neutralThoracicDeg) <= 45)) {
            throw new IllegalArgumentException("neutral angles must be within +-45 deg");
        }
        if (!(seatedBaseHeightM > 0.2 && standingBaseHeightM > seatedBaseHeightM && standingBaseHeightM < 1.5)) {
            throw new IllegalArgumentException("need 0.2 < seatedBaseHeightM < standingBaseHeightM < 1.5");
        }
        if (!(standForwardM >= 0 && standForwardM < 1)) {
            throw new IllegalArgumentException("standForwardM must be in 0..1: " + standForwardM);
        }
    }

    /** This geometry with every length scaled for a body of {@code heightM} (angles unchanged). */
    public BodyGeometry scaledTo(double heightM) {
        if (!(heightM >= 1.2 && heightM <= 2.2)) {
            throw new IllegalArgumentException("heightM must be in 1.2..2.2: " + heightM);
        }
        double k = heightM / ADULT_HEIGHT_M;
        return new BodyGeometry(hipFromBase.scaled(k), lumbosacralFromHip.scaled(k), lumbarLengthM * k,
                pelvisMount.scaled(k), midMount.scaled(k), upperMount.scaled(k),
                neutralLumbarDeg, neutralThoracicDeg, seatedBaseHeightM * k, standingBaseHeightM * k,
                standForwardM * k);
    }
}
