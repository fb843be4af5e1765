package io.spinewatch.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RestDetectorTest {
    private static final double DT = 0.01;

    @Nested
    class Detection {
        @Test
        void stillForTheMinimumTimeIsRestAndNotBefore() {
            RestDetector r = new RestDetector(FilterParams.DEFAULT);
            Random rnd = new Random(1);
            int firstRest = -1;
            for (int k = 0; k < 300; k++) {
                boolean rest = r.update(k == 0 ? 0 : DT, 0.01 + 0.001 * rnd.nextGaussian(), 0.001 * rnd.nextGaussian(),
                        0, 0.02 * rnd.nextGaussian(), 0, 9.81 + 0.02 * rnd.nextGaussian());
                if (rest && firstRest < 0) {
                    firstRest = k;
                }
            }
            assertEquals(150, firstRest, 2, "rest after restMinSeconds = 1.5 s");
            Vec3 lp = r.gyroLowPass(new Vec3());
            assertEquals(0.01, lp.x, 0.001);
        }

        @Test
        void aSteadyTurnFasterThanTheBiasClipIsNotRest() {
            RestDetector r = new RestDetector(FilterParams.DEFAULT);
            for (int k = 0; k < 500; k++) {
                r.update(DT, 0, 0, Math.toRadians(3), 0, 0, 9.81);
            }
            assertFalse(r.isRest());
        }

        @Test
        void aShakeOfTheAccelerometerResetsTheTimer() {
            RestDetector r = new RestDetector(FilterParams.DEFAULT);
            for (int k = 0; k < 300; k++) {
                r.update(DT, 0, 0, 0, 0, 0, 9.81);
            }
            assertTrue(r.isRest());
            r.update(DT, 0, 0, 0, 2, 0, 9.81);
            assertFalse(r.isRest());
            for (int k = 0; k < 100; k++) {
                r.update(DT, 0, 0, 0, 0, 0, 9.81);
            }
            assertFalse(r.isRest(), "the timer starts again from zero");
        }
    }

    @Nested
    class BiasMeasurement {
        /** Turns slowly at {@code rateDegPerS} about sensor x with a gyro bias, gravity following the turn. */
        private Vec3 measureWhileTurning(double rateDegPerS, double[] biasDegPerS) {
            RestDetector r = new RestDetector(FilterParams.DEFAULT);
            double w = Math.toRadians(rateDegPerS);
            for (int k = 0; k < 400; k++) {
                double angle = w * k * DT;
                // Up in sensor axes after turning by +angle about x: (0, sin, cos).
                r.update(k == 0 ? 0 : DT, w + Math.toRadians(biasDegPerS[0]), Math.toRadians(biasDegPerS[1]),
                        Math.toRadians(biasDegPerS[2]), 0, 9.81 * Math.sin(angle), 9.81 * Math.cos(angle));
            }
            assertTrue(r.isRest(), "a turn this slow passes every rest threshold");
            return r.biasMeasurement(new Vec3());
        }

        @Test
        void aSlowTiltIsTakenOutOfTheMeasurement() {
            double[] bias = {0.4, -0.3, 0.2};
            Vec3 m = measureWhileTurning(1.5, bias);
            assertEquals(0.4, Math.toDegrees(m.x), 0.01, "the 1.5 deg/s tilt is not bias");
            assertEquals(-0.3, Math.toDegrees(m.y), 0.01);
            assertEquals(0.2, Math.toDegrees(m.z), 0.01);
            Vec3 raw = new Vec3();
            RestDetector plain = new RestDetector(FilterParams.DEFAULT);
            for (int k = 0; k < 400; k++) {
                plain.update(k == 0 ? 0 : DT, Math.toRadians(1.9), 0, 0, 0, 0, 9.81);
            }
            assertEquals(1.9, Math.toDegrees(plain.biasMeasurement(raw).x), 0.01,
                    "a rate the accelerometer does not see as a tilt is bias");
        }
    }
}
