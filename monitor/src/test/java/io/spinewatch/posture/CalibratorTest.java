package io.spinewatch.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.fusion.Quat;
import io.spinewatch.fusion.Vec3;
import io.spinewatch.protocol.SensorSlot;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CalibratorTest {
    /** A random sensor-to-body rotation. */
    static Quat randomMounting(SplittableRandom rnd) {
        Quat q = new Quat(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian());
        return q.normalize();
    }

    /**
     * Feeds the routine: still for stillS, then a hinge forward by hingeDeg (raised-cosine profile over 4 s) with an
     * optional lateral bend, acceleration noise of noiseMps2 per sample at 100 Hz.
     */
    static void routine(Calibrator c, SensorSlot slot, Quat sensorToBody, double stillS, double hingeDeg, double bendDeg,
                        double noiseMps2, SplittableRandom rnd) {
        Quat bodyToSensor = sensorToBody.copy().conjugate();
        Vec3 upBody = new Vec3();
        Vec3 upSensor = new Vec3();
        for (int k = 0; k < 1200; k++) {
            double t = k * 0.01;
            double f = t < stillS ? 0 : t < stillS + 4 ? 0.5 - 0.5 * Math.cos(2 * Math.PI * (t - stillS) / 4) : 0;
            double th = Math.toRadians(hingeDeg * f);
            // The bend swings one way on the way down and the other way on the way up: a hinge in a fixed diagonal
            // direction would be indistinguishable from a differently taped sensor.
            double g = t < stillS || t >= stillS + 4 ? 0 : Math.sin(2 * Math.PI * (t - stillS) / 4);
            double ph = Math.toRadians(bendDeg * g);
            // Body pitched forward by th about its left axis, then bent sideways by ph: earth up in body axes.
            upBody.set(-Math.sin(th), Math.cos(th) * Math.sin(ph), Math.cos(th) * Math.cos(ph));
            bodyToSensor.rotate(upBody, upSensor);
            c.add(slot, t, 9.81 * upSensor.x + noiseMps2 * rnd.nextGaussian(), 9.81 * upSensor.y + noiseMps2 * rnd.nextGaussian(),
                    9.81 * upSensor.z + noiseMps2 * rnd.nextGaussian());
        }
    }

    static double angleDeg(SensorMounting m, Quat truth) {
        return Math.toDegrees(m.rotation(new Quat()).angleTo(truth));
    }

    @Nested
    class WithAHinge {
        @Test
        void recoversAnyMountingWithinHalfADegree() {
            SplittableRandom rnd = new SplittableRandom(3);
            for (int trial = 0; trial < 20; trial++) {
                Calibrator c = new Calibrator();
                c.start(0, 12);
                Quat[] truth = new Quat[3];
                for (SensorSlot s : SensorSlot.values()) {
                    truth[s.ordinal()] = randomMounting(rnd);
                    routine(c, s, truth[s.ordinal()], 5, 20 + 20 * rnd.nextDouble(), 0, 0.05, rnd);
                }
                CalibrationResult r = c.finish();
                assertTrue(r.ok() && r.hingeDetected(), r.toString());
                for (SensorSlot s : SensorSlot.values()) {
                    SensorMounting m = r.calibration().orElseThrow().mounting(s).orElseThrow();
                    assertTrue(angleDeg(m, truth[s.ordinal()]) < 0.5, s + ": " + angleDeg(m, truth[s.ordinal()]));
                    assertFalse(m.sagittalAssumed());
                    assertTrue(m.hingeDeg() > 18, "hinge " + m.hingeDeg());
                }
            }
        }

        @Test
        void aHingeOutOfTheSagittalPlaneIsReported() {
            Calibrator c = new Calibrator();
            c.start(0, 12);
            routine(c, SensorSlot.UPPER, randomMounting(new SplittableRandom(5)), 5, 30, 15, 0.02, new SplittableRandom(6));
            CalibrationResult r = c.finish();
            SensorMounting m = r.calibration().orElseThrow().mounting(SensorSlot.UPPER).orElseThrow();
            assertTrue(m.outOfPlaneDeg() > 8, "out of plane " + m.outOfPlaneDeg());
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("out of the sagittal plane")), r.warnings().toString());
        }
    }

    @Nested
    class WithoutAHinge {
        @Test
        void upIsStillFoundAndTheSagittalPlaneIsFlaggedAssumed() {
            Quat truth = randomMounting(new SplittableRandom(9));
            Calibrator c = new Calibrator();
            c.start(0, 12);
            routine(c, SensorSlot.MID, truth, 12, 0, 0, 0.05, new SplittableRandom(10));
            CalibrationResult r = c.finish();
            assertTrue(r.ok());
            assertFalse(r.hingeDetected());
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("ASSUMED")), r.warnings().toString());
            SensorMounting m = r.calibration().orElseThrow().mounting(SensorSlot.MID).orElseThrow();
            assertTrue(m.sagittalAssumed());
            // The body's up axis is right even so: row 2 of the matrix equals the true up in sensor axes.
            double[] rows = new double[9];
            m.matrix(rows);
            Vec3 up = truth.copy().conjugate().rotate(new Vec3(0, 0, 1), new Vec3());
            assertEquals(1, rows[6] * up.x + rows[7] * up.y + rows[8] * up.z, 1e-4);
        }

        @Test
        void noDataMeansNoCalibration() {
            Calibrator c = new Calibrator();
            c.start(0, 12);
            CalibrationResult r = c.finish();
            assertFalse(r.ok());
            assertFalse(r.warnings().isEmpty());
        }

        @Test
        void samplesOutsideTheWindowAreIgnored() {
            Calibrator c = new Calibrator();
            c.start(100, 112);
            routine(c, SensorSlot.UPPER, randomMounting(new SplittableRandom(1)), 5, 30, 0, 0, new SplittableRandom(2));
            assertFalse(c.finish().ok());
        }
    }
}
