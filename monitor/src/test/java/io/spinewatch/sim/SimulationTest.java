package io.spinewatch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.fusion.Quat;
import io.spinewatch.fusion.Vec3;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SensorSlot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimulationTest {
    private static final double G = BodyModel.GRAVITY_MPS2;

    /** Hashes everything a run emits. */
    private static long fingerprint(Scenario sc, long seed, SensorNoise noise) {
        long[] h = {17};
        SimulationListener l = new SimulationListener() {
            @Override
            public void onSample(SimulatedSample s) {
                ImuSample x = s.imu();
                for (double v : new double[] {s.deviceTimeS(), x.axMps2(), x.ayMps2(), x.azMps2(), x.gxRadPerS(),
                        x.gyRadPerS(), x.gzRadPerS(), x.mxMicroTesla(), x.seq(), x.slot().ordinal()}) {
                    h[0] = h[0] * 31 + Double.doubleToLongBits(v);
                }
            }

            @Override
            public void onTruth(TruthFrame f) {
                h[0] = h[0] * 31 + Double.doubleToLongBits(f.lumbarFlexionDeg()) + f.state().ordinal();
            }
        };
        Simulation.Config c = Simulation.Config.of(100, noise, Mountings.random(seed)).withMagnetometer(true);
        Simulation.run(sc.compile(seed, c.geometry(), c.bodySway()), c, l);
        return h[0];
    }

    @Nested
    class Determinism {
        @Test
        void theSameSeedGivesIdenticalOutputAndAnotherSeedDoesNot() {
            Scenario sc = Scenario.named("quick");
            long a = fingerprint(sc, 42, SensorNoise.REALISTIC);
            assertEquals(a, fingerprint(sc, 42, SensorNoise.REALISTIC));
            assertNotEquals(a, fingerprint(sc, 43, SensorNoise.REALISTIC));
        }
    }

    @Nested
    class Streams {
        @Test
        void samplesAndTruthArriveInTrueTimeOrderAtTheirRates() {
            Session s = Scenario.named("quick").compile(2);
            List<Double> times = new ArrayList<>();
            long[] perSlot = new long[3];
            double[] lastDevice = {-1, -1, -1};
            long[] truth = {0};
            SimulationResult r = Simulation.run(s, Simulation.Config.of(50, SensorNoise.REALISTIC.withoutDrops(), Mountings.random(2)),
                    new SimulationListener() {
                        @Override
                        public void onSample(SimulatedSample x) {
                            times.add(x.trueTimeS());
                            int i = x.slot().ordinal();
                            perSlot[i]++;
                            assertTrue(x.deviceTimeS() > lastDevice[i]);
                            lastDevice[i] = x.deviceTimeS();
                        }

                        @Override
                        public void onTruth(TruthFrame f) {
                            times.add(f.tS());
                            truth[0]++;
                        }
                    });
            for (int i = 1; i < times.size(); i++) {
                assertTrue(times.get(i) >= times.get(i - 1), "true time goes back at " + i);
            }
            long expected = Math.round(s.durationS() * 50);
            for (long n : perSlot) {
                assertTrue(Math.abs(n - expected) <= 1, n + " vs " + expected);
            }
            assertEquals((long) Math.floor(s.durationS() * 50 + 1e-9) + 1, truth[0]);
            assertEquals(truth[0], r.truthFrames());
            assertEquals(0, r.lost());
        }

        @Test
        void lossShowsAsSequenceGapsCountedInTheResult() {
            Session s = Scenario.named("quick").compile(3);
            long[] lastSeq = {-1, -1, -1};
            long[] gaps = new long[3];
            SimulationResult r = Simulation.run(s, Simulation.Config.of(100, SensorNoise.REALISTIC.withDrops(0.02, 360, 0.3),
                    Mountings.random(3)), x -> {
                int i = x.slot().ordinal();
                gaps[i] += x.imu().seq() - lastSeq[i] - 1;
                lastSeq[i] = x.imu().seq();
            });
            for (SensorSlot slot : SensorSlot.values()) {
                SimulationResult.Device d = r.device(slot);
                long tail = d.delivered() + d.lost() - 1 - lastSeq[slot.ordinal()];
                assertEquals(d.lost(), gaps[slot.ordinal()] + tail, slot.label());
                assertTrue(d.lost() > 0);
            }
        }
    }

    @Nested
    class Allocation {
        @Test
        void streamingSamplesAllocatesNothingPerSample() {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean,
                    "needs HotSpot's per-thread allocation counter");
            com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
            Session s = Scenario.randomOffice(10).compile(4);
            Simulation.Config c = Simulation.Config.of(100, SensorNoise.REALISTIC, Mountings.random(4)).withMagnetometer(true);
            long[] n = {0};
            SimulationListener count = x -> n[0]++;
            Simulation.run(s, c, count);
            long before = hs.getCurrentThreadAllocatedBytes();
            Simulation.run(s, c, count);
            long allocated = hs.getCurrentThreadAllocatedBytes() - before;
            assertTrue(n[0] > 2 * 170_000);
            // 180,000 samples and 60,000 truth frames: even 8 bytes each would be 1.9 MB.
            assertTrue(allocated < 500_000, "allocated " + allocated + " bytes for " + n[0] / 2 + " samples");
        }
    }

    @Nested
    class Physics {
        private final Session still = Scenario.parse("still", "calibrate 12s").compile(9, BodyGeometry.ADULT, false);

        @Test
        void idealAccelerometersReadGravityInSensorAxesWhileSittingStill() {
            int[] checked = {0};
            Simulation.run(still, Simulation.Config.of(100, SensorNoise.NONE, Mountings.random(9)).withBodySway(false), x -> {
                if (x.trueTimeS() > 5.895) {
                    return;
                }
                ImuSample s = x.imu();
                Vec3 f = new Vec3(s.axMps2(), s.ayMps2(), s.azMps2());
                Vec3 up = x.trueOrientation().rotateInverse(new Vec3(0, 0, G), new Vec3());
                assertEquals(G, f.norm(), 1e-12);
                assertEquals(0, f.sub(up).norm(), 1e-12);
                assertEquals(0, Math.abs(s.gxRadPerS()) + Math.abs(s.gyRadPerS()) + Math.abs(s.gzRadPerS()), 0);
                checked[0]++;
            });
            assertEquals(3 * 590, checked[0]); // 0 .. 5.89 s at 100 Hz
        }

        @Test
        void theMagnetometerSeesTheEarthFieldInSensorAxes() {
            Simulation.Config c = Simulation.Config.of(100, SensorNoise.NONE, Mountings.random(10)).withMagnetometer(true);
            Simulation.run(still, c, x -> {
                ImuSample s = x.imu();
                assertTrue(s.hasMag());
                Vec3 m = x.trueOrientation().rotate(new Vec3(s.mxMicroTesla(), s.myMicroTesla(), s.mzMicroTesla()), new Vec3());
                assertEquals(25, m.x, 1e-9);
                assertEquals(0, m.y, 1e-9);
                assertEquals(-50 * Math.sin(Math.toRadians(60)), m.z, 1e-9);
            });
        }

        @Test
        void integratingTheIdealGyroFollowsTheTruthThroughTheDemo() {
            Session demo = Scenario.named("demo").compile(11);
            Quat[] est = new Quat[3];
            double[][] prev = new double[3][];
            double[] worstDeg = {0};
            Simulation.run(demo, Simulation.Config.of(400, SensorNoise.NONE, Mountings.random(11)), x -> {
                int i = x.slot().ordinal();
                ImuSample s = x.imu();
                double[] w = {s.gxRadPerS(), s.gyRadPerS(), s.gzRadPerS()};
                if (est[i] == null) {
                    est[i] = x.trueOrientation().copy();
                } else {
                    double dt = 1.0 / 400;
                    // Trapezoid plus the coning term: second order, no knowledge of the motion.
                    double rx = (prev[i][0] + w[0]) * dt / 2 + (prev[i][1] * w[2] - prev[i][2] * w[1]) * dt * dt / 12;
                    double ry = (prev[i][1] + w[1]) * dt / 2 + (prev[i][2] * w[0] - prev[i][0] * w[2]) * dt * dt / 12;
                    double rz = (prev[i][2] + w[2]) * dt / 2 + (prev[i][0] * w[1] - prev[i][1] * w[0]) * dt * dt / 12;
                    est[i].multiply(est[i], new Quat().setRotationVector(rx, ry, rz)).normalize();
                    worstDeg[0] = Math.max(worstDeg[0], Math.toDegrees(est[i].angleTo(x.trueOrientation())));
                }
                prev[i] = w;
            });
            assertTrue(demo.durationS() > 300);
            assertTrue(worstDeg[0] < 0.05, "integrated gyro drifted " + worstDeg[0] + " deg over the demo");
        }
    }
}
