package io.spinewatch.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrix3x3;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GyroBiasEstimatorTest {
    private static final double DT = 0.01;

    @Nested
    class Rest {
        @Test
        void convergesToTheMeasurementWithTheConfiguredSteadyStateUncertainty() {
            GyroBiasEstimator b = new GyroBiasEstimator(FilterParams.DEFAULT);
            assertEquals(0.5, Math.toDegrees(b.sigmaRadPerS()), 1e-9);
            Vec3 y = new Vec3(Math.toRadians(1), Math.toRadians(-0.5), Math.toRadians(0.25));
            for (int k = 0; k < 100_000; k++) {
                b.predict(DT);
                b.correctRest(y, DT);
            }
            assertEquals(y.x, b.biasX(), 1e-9);
            assertEquals(y.y, b.biasY(), 1e-9);
            assertEquals(y.z, b.biasZ(), 1e-9);
            // W = sigma^4 / V + sigma^2 makes the steady-state standard deviation the configured 0.03 deg/s.
            assertEquals(0.03, Math.toDegrees(b.sigmaRadPerS()), 0.001);
            assertEquals(0, b.singularCount());
        }

        @Test
        void aWildMeasurementMovesTheBiasAtMostByTheClip() {
            GyroBiasEstimator b = new GyroBiasEstimator(FilterParams.DEFAULT);
            for (int k = 0; k < 10_000; k++) {
                b.predict(DT);
                b.correctRest(new Vec3(1, -1, 1), DT);
            }
            double clip = Math.toRadians(2);
            assertEquals(clip, b.biasX(), 1e-12);
            assertEquals(-clip, b.biasY(), 1e-12);
        }

        @Test
        void withoutMeasurementsTheUncertaintyGrowsBackButNotBeyondTheStart() {
            GyroBiasEstimator b = new GyroBiasEstimator(FilterParams.DEFAULT);
            for (int k = 0; k < 1000; k++) {
                b.predict(DT);
                b.correctRest(new Vec3(), DT);
            }
            double settled = b.sigmaRadPerS();
            b.predict(1000);
            assertTrue(b.sigmaRadPerS() > 5 * settled);
            b.predict(1e6);
            assertEquals(0.5, Math.toDegrees(b.sigmaRadPerS()), 1e-9);
        }
    }

    @Nested
    class Motion {
        @Test
        void theMeasurementIsMappedThroughTheRotation() {
            // Sensor rotated 90 deg about earth z: sensor x is earth y. An innovation on earth y must move bias x.
            Quat q = new Quat().setAxisAngle(0, 0, 1, Math.PI / 2);
            DMatrix3x3 r = new DMatrix3x3(
                    1 - 2 * (q.y * q.y + q.z * q.z), 2 * (q.x * q.y - q.w * q.z), 2 * (q.x * q.z + q.w * q.y),
                    2 * (q.x * q.y + q.w * q.z), 1 - 2 * (q.x * q.x + q.z * q.z), 2 * (q.y * q.z - q.w * q.x),
                    2 * (q.x * q.z - q.w * q.y), 2 * (q.y * q.z + q.w * q.x), 1 - 2 * (q.x * q.x + q.y * q.y));
            GyroBiasEstimator b = new GyroBiasEstimator(FilterParams.DEFAULT);
            double target = Math.toRadians(0.5);
            for (int k = 0; k < 200_000; k++) {
                b.predict(DT);
                // Innovation y - R b for the measurement R b_true = (0, target, 0) in earth axes.
                double e0 = 0 - (r.a11 * b.biasX() + r.a12 * b.biasY() + r.a13 * b.biasZ());
                double e1 = target - (r.a21 * b.biasX() + r.a22 * b.biasY() + r.a23 * b.biasZ());
                double e2 = -(r.a31 * b.biasX() + r.a32 * b.biasY() + r.a33 * b.biasZ());
                b.correctMotion(r, e0, e1, e2, DT);
            }
            assertEquals(target, b.biasX(), Math.toRadians(0.01));
            assertEquals(0, b.biasY(), Math.toRadians(0.01));
        }
    }
}
