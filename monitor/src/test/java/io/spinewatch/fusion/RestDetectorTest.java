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
}
