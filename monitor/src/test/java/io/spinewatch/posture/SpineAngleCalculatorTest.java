package io.spinewatch.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.fusion.Quat;
import io.spinewatch.fusion.Vec3;
import io.spinewatch.protocol.SensorSlot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SpineAngleCalculatorTest {
    /** Each sensor's axes equal its body frame's except for a fixed, known mounting rotation. */
    static final Quat[] MOUNT = {
        new Quat().setAxisAngle(0, 1, 0, -Math.PI / 2),
        new Quat().setAxisAngle(1, 1, 0, 2.0).normalize(),
        new Quat().setAxisAngle(0.3, -0.5, 0.8, -1.2).normalize()};

    static SpineAngleCalculator calculator(SensorSlot... slots) {
        List<SensorMounting> ms = new ArrayList<>();
        for (SensorSlot s : slots) {
            Quat q = MOUNT[s.ordinal()];
            ms.add(new SensorMounting(s, q.w, q.x, q.y, q.z, 30, 0, false));
        }
        SpineAngleCalculator c = new SpineAngleCalculator();
        c.setCalibration(new Calibration(0, ms));
        return c;
    }

    /** Feeds the segment pitched forward by pitchDeg, bent sideways by bendDeg, with the whole body turned by headingDeg. */
    static void feed(SpineAngleCalculator c, SensorSlot s, double pitchDeg, double bendDeg, double headingDeg) {
        double th = Math.toRadians(pitchDeg), ph = Math.toRadians(bendDeg);
        // Body-to-earth: heading about earth z, then pitch about body y, then bend about body x.
        Quat bodyToEarth = new Quat().multiply(new Quat().setAxisAngle(0, 0, 1, Math.toRadians(headingDeg)),
                new Quat().multiply(new Quat().setAxisAngle(0, 1, 0, th), new Quat().setAxisAngle(1, 0, 0, ph)));
        Quat sensorToEarth = new Quat().multiply(bodyToEarth, MOUNT[s.ordinal()]);
        Vec3 up = sensorToEarth.copy().conjugate().rotate(new Vec3(0, 0, 1), new Vec3());
        c.update(s, up, sensorToEarth);
    }

    @Nested
    class Definitions {
        @Test
        void anglesAreDifferencesOfSegmentPitches() {
            SpineAngleCalculator c = calculator(SensorSlot.values());
            c.beginInstant();
            feed(c, SensorSlot.PELVIS, -12, 0, 0); // tilted back 12: posterior tilt +12
            feed(c, SensorSlot.MID, 6, 0, 0);      // lumbar flexion 18
            feed(c, SensorSlot.UPPER, 16, 0, 0);   // thoracic flexion 10
            assertEquals(12, c.pelvicTiltDeg(), 1e-9);
            assertEquals(18, c.lumbarFlexionDeg(), 1e-9);
            assertEquals(10, c.thoracicFlexionDeg(), 1e-9);
            assertEquals(16, c.trunkLeanDeg(), 1e-9);
            assertEquals(28, c.spineFlexionDeg(), 1e-9);
        }

        @Test
        void aHipHingeIsAnAnteriorTiltWithANeutralSpine() {
            SpineAngleCalculator c = calculator(SensorSlot.values());
            c.beginInstant();
            for (SensorSlot s : SensorSlot.values()) feed(c, s, 20, 0, 0);
            assertEquals(-20, c.pelvicTiltDeg(), 1e-9);
            assertEquals(0, c.lumbarFlexionDeg(), 1e-9);
            assertEquals(0, c.thoracicFlexionDeg(), 1e-9);
            assertEquals(20, c.trunkLeanDeg(), 1e-9);
        }
    }

    @Nested
    class Invariance {
        @Test
        void aWholeBodyTurnChangesNoAngle() {
            for (double heading : new double[] {0, 37, 180, -95}) {
                SpineAngleCalculator c = calculator(SensorSlot.values());
                c.beginInstant();
                feed(c, SensorSlot.PELVIS, -10, 0, heading);
                feed(c, SensorSlot.MID, 5, 0, heading + 3); // filters drift in heading independently
                feed(c, SensorSlot.UPPER, 14, 0, heading - 7);
                assertEquals(10, c.pelvicTiltDeg(), 1e-9);
                assertEquals(15, c.lumbarFlexionDeg(), 1e-9);
                assertEquals(9, c.thoracicFlexionDeg(), 1e-9);
            }
        }

        @Test
        void lateralBendAfterFlexionLeavesTheSagittalAngleAlone() {
            SpineAngleCalculator c = calculator(SensorSlot.UPPER);
            c.beginInstant();
            feed(c, SensorSlot.UPPER, 25, 15, 0);
            assertEquals(25, c.trunkLeanDeg(), 1e-9);
        }
    }

    @Nested
    class SensorSubsets {
        @Test
        void upperOnlyGivesTrunkLeanOnly() {
            SpineAngleCalculator c = calculator(SensorSlot.UPPER);
            c.beginInstant();
            feed(c, SensorSlot.UPPER, 12, 0, 0);
            SpineAngles a = c.snapshot(1);
            assertTrue(a.hasTrunkLean());
            assertTrue(!a.hasLumbarFlexion() && !a.hasThoracicFlexion() && !a.hasPelvicTilt());
        }

        @Test
        void midAndPelvisGiveLumbarAndTilt() {
            SpineAngleCalculator c = calculator(SensorSlot.MID, SensorSlot.PELVIS);
            c.beginInstant();
            feed(c, SensorSlot.MID, 5, 0, 0);
            feed(c, SensorSlot.PELVIS, -5, 0, 0);
            SpineAngles a = c.snapshot(1);
            assertEquals(10, a.lumbarFlexionDeg(), 1e-9);
            assertEquals(5, a.pelvicTiltDeg(), 1e-9);
            assertTrue(!a.hasThoracicFlexion() && !a.hasTrunkLean());
        }

        @Test
        void anUncalibratedOrStaleSensorGivesNoAngle() {
            SpineAngleCalculator c = calculator(SensorSlot.UPPER, SensorSlot.MID);
            c.beginInstant();
            feed(c, SensorSlot.PELVIS, 5, 0, 0); // not calibrated: ignored
            feed(c, SensorSlot.UPPER, 5, 0, 0);
            assertTrue(Double.isNaN(c.pelvicTiltDeg()));
            assertTrue(Double.isNaN(c.thoracicFlexionDeg())); // mid not updated this instant
            assertEquals(SensorSet.of(SensorSlot.UPPER), c.freshMask());
        }
    }
}
