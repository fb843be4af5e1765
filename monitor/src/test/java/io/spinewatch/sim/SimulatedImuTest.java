package io.spinewatch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.fusion.Quat;
import io.spinewatch.fusion.Vec3;
import io.spinewatch.protocol.SensorSlot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimulatedImuTest {
    private static final double G = BodyModel.GRAVITY_MPS2;
    private static final Vec3 FIELD = new Vec3(25, 0, -43);

    /** A body at rest, sitting tall, turned by {@code pitchRad}; or spinning at {@code rateRadPerS} about z. */
    private static BodyModel body(double pitchRad, double rateRadPerS) {
        BodyModel b = new BodyModel(BodyGeometry.ADULT);
        JointState s = new JointState().set(Coordinate.PELVIS_PITCH, pitchRad, 0, 0)
                .set(Coordinate.HEADING, 0, rateRadPerS, 0);
        b.evaluate(s);
        return b;
    }

    private static List<double[]> run(SimulatedImu imu, BodyModel body, int n) {
        List<double[]> out = new ArrayList<>();
        SimulatedSample s = new SimulatedSample();
        Quat mount = new Quat();
        for (int i = 0; i < n; i++) {
            if (imu.sample(body, mount, FIELD, true, s)) {
                var x = s.imu();
                out.add(new double[] {x.seq(), s.deviceTimeS(), x.axMps2(), x.ayMps2(), x.azMps2(),
                        x.gxRadPerS(), x.gyRadPerS(), x.gzRadPerS(), s.trueTimeS(), x.mxMicroTesla()});
            }
        }
        return out;
    }

    @Nested
    class Ideal {
        @Test
        void readsTheExactValuesAtTheNominalInstants() {
            SimulatedImu imu = new SimulatedImu(SensorSlot.MID, 1, SensorNoise.NONE, 100, 10);
            BodyModel b = body(0.3, 0);
            List<double[]> out = run(imu, b, 50);
            assertEquals(50, out.size());
            Vec3 f = b.specificForce(SensorSlot.MID, new Quat(), new Vec3());
            for (int i = 0; i < out.size(); i++) {
                double[] r = out.get(i);
                assertEquals(i, r[0]);
                assertEquals(i / 100.0, r[1], 1e-12);
                assertEquals(i / 100.0, r[8], 1e-12);
                assertEquals(f.x, r[2], 0);
                assertEquals(f.z, r[4], 0);
                assertEquals(0, r[5], 0);
            }
        }
    }

    @Nested
    class Quantisation {
        @Test
        void valuesAreWholeLsbsAndSaturateAtFullScale() {
            // +-2 g and +-125 deg/s: gravity fits, a 3 rad/s spin does not.
            SensorNoise p = SensorNoise.NONE.withQuantisation(true, 2, 125);
            double accLsb = 2 * G / 32768;
            double gyroLsb = Math.toRadians(125) / 32768;
            SimulatedImu imu = new SimulatedImu(SensorSlot.UPPER, 2, p, 100, 10);
            BodyModel b = body(0.4, 3.0);
            double[] r = run(imu, b, 1).get(0);
            Vec3 ideal = b.specificForce(SensorSlot.UPPER, new Quat(), new Vec3());
            assertEquals(Math.rint(ideal.x / accLsb), r[2] / accLsb, 1e-9);
            assertEquals(Math.rint(ideal.z / accLsb), r[4] / accLsb, 1e-9);
            assertTrue(Math.abs(r[2] - ideal.x) <= accLsb / 2 + 1e-12);
            Vec3 w = b.angularRate(SensorSlot.UPPER, new Quat(), new Vec3());
            assertTrue(Math.abs(w.z) > Math.toRadians(125), "the test spin must exceed the range: " + w);
            assertEquals(Math.signum(w.z) > 0 ? 32767 * gyroLsb : -32768 * gyroLsb, r[7], 1e-12);
        }

        @Test
        void saturationClampsToTheInt16Codes() {
            assertEquals(32767 * 0.01, SimulatedImu.quantised(1e9, 0.01), 1e-12);
            assertEquals(-32768 * 0.01, SimulatedImu.quantised(-1e9, 0.01), 1e-12);
            assertEquals(0.12, SimulatedImu.quantised(0.1234, 0.01), 1e-12);
        }
    }

    @Nested
    class Errors {
        @Test
        void whiteNoiseHasTheStandardDeviationOfItsDensity() {
            SensorNoise p = new SensorNoise(160, 0.008, 0, 0, 0, 0, 0, false, 16, 2000, 0, 0, 0, 0, 0, 1, 0, 0);
            SimulatedImu imu = new SimulatedImu(SensorSlot.PELVIS, 3, p, 100, 1000);
            BodyModel b = body(0, 0);
            Vec3 f = b.specificForce(SensorSlot.PELVIS, new Quat(), new Vec3());
            List<double[]> out = run(imu, b, 40000);
            double sa = 0;
            double sg = 0;
            for (double[] r : out) {
                sa += (r[2] - f.x) * (r[2] - f.x);
                sg += r[5] * r[5];
            }
            double expectedAcc = 160e-6 * G * Math.sqrt(50);
            double expectedGyro = Math.toRadians(0.008) * Math.sqrt(50);
            assertEquals(expectedAcc, Math.sqrt(sa / out.size()), expectedAcc * 0.03);
            assertEquals(expectedGyro, Math.sqrt(sg / out.size()), expectedGyro * 0.03);
        }

        @Test
        void gyroBiasIsConstantWithinItsBoundAndThenWalks() {
            SensorNoise noBiasWalk = new SensorNoise(0, 0, 2, 0, 0, 0, 0, false, 16, 2000, 0, 0, 0, 0, 0, 1, 0, 0);
            SimulatedImu imu = new SimulatedImu(SensorSlot.UPPER, 4, noBiasWalk, 100, 100);
            List<double[]> out = run(imu, body(0, 0), 500);
            for (double[] r : out) {
                assertEquals(out.get(0)[5], r[5], 0);
                assertTrue(Math.abs(r[5]) <= Math.toRadians(2));
            }
            SensorNoise walk = new SensorNoise(0, 0, 0, 0.01, 0, 0, 0, false, 16, 2000, 0, 0, 0, 0, 0, 1, 0, 0);
            // After 1 h the walk's spread is 0.01 * 60 = 0.6 deg/s per axis; over 20 devices the RMS must match.
            double sum = 0;
            int devices = 20;
            for (int d = 0; d < devices; d++) {
                SimulatedImu w = new SimulatedImu(SensorSlot.UPPER, 100 + d, walk, 10, 3600);
                List<double[]> o = run(w, body(0, 0), 36000);
                double last = o.get(o.size() - 1)[5];
                sum += last * last;
            }
            double rms = Math.toDegrees(Math.sqrt(sum / devices));
            assertTrue(rms > 0.3 && rms < 0.95, "bias walk after 1 h: " + rms + " deg/s RMS");
        }

        @Test
        void devicesKeepTheirOwnClocks() {
            SensorNoise p = new SensorNoise(0, 0, 0, 0, 0, 0, 0, false, 16, 2000, 200, 0.02, 30, 0, 0, 1, 0, 0);
            SimulatedImu imu = new SimulatedImu(SensorSlot.MID, 5, p, 100, 4000);
            List<double[]> out = run(imu, body(0, 0), 360_000);
            SimulationResult.Device d = imu.report();
            assertTrue(d.clockOffsetS() >= 0 && d.clockOffsetS() <= 0.02);
            assertTrue(Math.abs(d.clockDriftPpm()) <= 30 && d.clockDriftPpm() != 0);
            double prev = Double.NEGATIVE_INFINITY;
            for (double[] r : out) {
                assertTrue(r[1] > prev, "device time strictly increases");
                prev = r[1];
                double expected = d.clockOffsetS() + (1 + d.clockDriftPpm() * 1e-6) * r[8];
                double late = r[1] - expected;
                assertTrue(late >= -0.5e-6 && late <= 200e-6 + 0.5e-6, "timestamp latency " + late);
                assertEquals(r[1], Math.rint(r[1] * 1e6) / 1e6, 1e-12);
            }
        }
    }

    @Nested
    class Loss {
        @Test
        void lostSamplesLeaveSequenceGapsAndBurstsAreReported() {
            SensorNoise p = SensorNoise.NONE.withDrops(0.01, 120, 0.5);
            SimulatedImu imu = new SimulatedImu(SensorSlot.PELVIS, 6, p, 100, 600);
            List<double[]> out = run(imu, body(0, 0), 60_000);
            SimulationResult.Device d = imu.report();
            assertEquals(60_000, d.delivered() + d.lost());
            assertEquals(d.delivered(), out.size());
            long gaps = 0;
            for (int i = 1; i < out.size(); i++) {
                long jump = (long) (out.get(i)[0] - out.get(i - 1)[0]);
                assertTrue(jump >= 1);
                gaps += jump - 1;
                assertEquals(jump / 100.0, out.get(i)[1] - out.get(i - 1)[1], 1e-9, "time gap matches the seq gap");
            }
            gaps += (long) out.get(0)[0] + (60_000 - 1 - (long) out.get(out.size() - 1)[0]);
            assertEquals(d.lost(), gaps);
            assertTrue(d.dropouts().size() > 5, "bursts at 120/h over 10 min: " + d.dropouts().size());
            long inBursts = d.dropouts().stream().mapToLong(SimulationResult.Dropout::lostSamples).sum();
            assertTrue(inBursts > 0 && inBursts < d.lost());
        }
    }
}
