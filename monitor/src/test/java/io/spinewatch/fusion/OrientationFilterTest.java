package io.spinewatch.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrientationFilterTest {
    private static final double RATE_HZ = 100;
    private static final double DT = 1 / RATE_HZ;

    /** A tilt of {@code deg} about a horizontal axis at {@code azimuthDeg}, then a heading of {@code yawDeg}. */
    private static Quat pose(double deg, double azimuthDeg, double yawDeg) {
        double az = Math.toRadians(azimuthDeg);
        Quat tilt = new Quat().setAxisAngle(Math.cos(az), Math.sin(az), 0, Math.toRadians(deg));
        Quat yaw = new Quat().setAxisAngle(0, 0, 1, Math.toRadians(yawDeg));
        return new Quat().multiply(yaw, tilt);
    }

    private static Quat randomPose(Random rnd) {
        return new Quat(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()).normalize();
    }

    /** Feeds samples at RATE_HZ for t in [from, to), 6-axis. */
    private static void run(OrientationFilter f, SyntheticImu imu, double fromS, double toS) {
        for (long k = Math.round(fromS * RATE_HZ); k < Math.round(toS * RATE_HZ); k++) {
            imu.sampleAt(k * DT).feed(f);
        }
    }

    private static void runWithMag(OrientationFilter f, SyntheticImu imu, double fromS, double toS) {
        for (long k = Math.round(fromS * RATE_HZ); k < Math.round(toS * RATE_HZ); k++) {
            imu.sampleAt(k * DT).feedWithMag(f);
        }
    }

    private static double degPerS(double radPerS) {
        return Math.toDegrees(radPerS);
    }

    @Nested
    class Params {
        @Test
        void defaultsAreThePublishedOnes() {
            FilterParams p = FilterParams.DEFAULT;
            assertEquals(3.0, p.tauAccSeconds());
            assertEquals(9.0, p.tauMagSeconds());
            assertEquals(0.03, p.biasSigmaRestDegPerS());
            assertEquals(10.0, p.accRejectionDeg());
            assertEquals(p, p.toBuilder().build());
        }

        @Test
        void outOfRangeValueIsRefusedWithItsName() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FilterParams.builder().tauAccSeconds(0).build());
            assertTrue(e.getMessage().contains("tauAccSeconds"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> FilterParams.builder().maxGapSeconds(Double.NaN).build());
            assertThrows(IllegalArgumentException.class, () -> FilterParams.builder().magRejectionFactor(0.5).build());
        }
    }

    @Nested
    class Inclination {
        @Test
        void atRestTheGravityDirectionMatchesAnyTilt() {
            Random rnd = new Random(11);
            for (int i = 0; i < 10; i++) {
                Quat truth = randomPose(rnd);
                OrientationFilter f = new OrientationFilter();
                SyntheticImu imu = new SyntheticImu(SyntheticImu.still(truth), 100 + i).typicalNoise();
                run(f, imu, 0, 5);
                assertTrue(imu.tiltErrorDeg(f) < 0.3, "pose " + truth + ": " + imu.tiltErrorDeg(f));
            }
        }

        @Test
        void upsideDownIsHandled() {
            Quat truth = new Quat().setAxisAngle(1, 0, 0, Math.PI);
            OrientationFilter f = new OrientationFilter();
            SyntheticImu imu = new SyntheticImu(SyntheticImu.still(truth), 3).typicalNoise();
            run(f, imu, 0, 5);
            assertTrue(imu.tiltErrorDeg(f) < 0.3, "" + imu.tiltErrorDeg(f));
        }

        @Test
        void gravityDirectionIsWhatTheAccelerometerReadsAtRest() {
            Quat truth = pose(40, 30, 0);
            OrientationFilter f = new OrientationFilter();
            SyntheticImu imu = new SyntheticImu(SyntheticImu.still(truth), 4);
            run(f, imu, 0, 1);
            Vec3 g = f.gravityDirection(new Vec3());
            assertEquals(imu.ax / SyntheticImu.G, g.x, 1e-9);
            assertEquals(imu.ay / SyntheticImu.G, g.y, 1e-9);
            assertEquals(imu.az / SyntheticImu.G, g.z, 1e-9);
        }
    }

    @Nested
    class Strapdown {
        @Test
        void constantRatesIntegrateExactly() {
            // 5 s at 200 deg/s about one skewed body axis, then 5 s at 41 deg/s about another: the two rotations
            // do not commute, so integrating in the wrong frame or order would show, as would any first-order
            // error. The fast leg takes the sin/cos path of the integration, the slow one its series path.
            double[] w1 = {1.3, -2.1, 2.4};
            double[] w2 = {-0.4, 0.5, 0.3};
            double rate1 = Math.sqrt(w1[0] * w1[0] + w1[1] * w1[1] + w1[2] * w1[2]);
            double rate2 = Math.sqrt(w2[0] * w2[0] + w2[1] * w2[1] + w2[2] * w2[2]);
            Quat start = pose(35, 70, 20);
            OrientationFilter f = new OrientationFilter(FilterParams.builder()
                    .restBiasEnabled(false).motionBiasEnabled(false).accRejectionEnabled(false).build());
            Quat truth = new Quat();
            Quat firstLeg = new Quat().setAxisAngle(w1[0], w1[1], w1[2], rate1 * 5);
            Quat spin = new Quat();
            Vec3 acc = new Vec3();
            Quat est0 = null;
            for (int k = 0; k <= 1000; k++) {
                double t = k * DT;
                double[] w = k <= 500 ? w1 : w2;
                if (k <= 500) {
                    truth.multiply(start, spin.setAxisAngle(w1[0], w1[1], w1[2], rate1 * t));
                } else {
                    truth.multiply(start, firstLeg).multiply(truth, spin.setAxisAngle(w2[0], w2[1], w2[2], rate2 * (t - 5)));
                }
                truth.rotateInverse(acc.set(0, 0, SyntheticImu.G), acc);
                f.update(DT, w[0], w[1], w[2], acc.x, acc.y, acc.z);
                if (k == 0) {
                    est0 = f.orientation(new Quat());
                }
            }
            // Heading at start is arbitrary, so compare the rotation since the start, in body axes.
            Quat est = f.orientation(new Quat());
            Quat relEst = new Quat().multiply(est0.copy().conjugate(), est);
            Quat relTrue = new Quat().multiply(firstLeg, spin.setAxisAngle(w2[0], w2[1], w2[2], rate2 * 5));
            assertTrue(relEst.angleTo(relTrue) < 1e-10, "error rad " + relEst.angleTo(relTrue));
            assertTrue(Math.abs(est.norm() - 1) < 1e-12);
        }

        @Test
        void orientationIsCanonicalAndUnit() {
            OrientationFilter f = new OrientationFilter();
            SyntheticImu imu = new SyntheticImu((t, q) -> q.setAxisAngle(0.3, 1, 0.2, 2.5 * t), 5).typicalNoise();
            Quat q = new Quat();
            for (int k = 0; k < 500; k++) {
                imu.sampleAt(k * DT).feed(f);
                f.orientation(q);
                assertTrue(q.w >= 0);
                assertEquals(1, q.norm(), 1e-12);
            }
        }
    }

    @Nested
    class LinearAcceleration {
        /** Still at a 30 deg tilt, then a 3 m/s^2 horizontal push for 0.5 s at t = 20 s (standing up, a bump). */
        private SyntheticImu burst(long seed) {
            Quat truth = pose(30, 0, 10);
            return new SyntheticImu(new SyntheticImu.Trajectory() {
                @Override
                public void orientation(double t, Quat out) {
                    out.set(truth);
                }

                @Override
                public void linearAccEarth(double t, Vec3 out) {
                    out.set(t >= 20 && t < 20.5 ? 3 : 0, 0, 0);
                }
            }, seed).typicalNoise();
        }

        @Test
        void aBurstTiltsOursFarLessThanMadgwick() {
            SyntheticImu imu = burst(6);
            OrientationFilter f = new OrientationFilter(FilterParams.builder().accRejectionEnabled(true).build());
            MadgwickBaseline m = new MadgwickBaseline().start(pose(30, 0, 10));
            double oursMax = 0;
            double madgwickMax = 0;
            boolean rejectedDuringBurst = false;
            for (int k = 0; k < 3000; k++) {
                imu.sampleAt(k * DT).feed(f);
                m.update(imu.dt, imu.gx, imu.gy, imu.gz, imu.ax, imu.ay, imu.az);
                if (imu.t >= 19.5) {
                    oursMax = Math.max(oursMax, imu.tiltErrorDeg(f));
                    madgwickMax = Math.max(madgwickMax, imu.tiltErrorDeg(m));
                }
                if (imu.t >= 20.1 && imu.t < 20.5) {
                    rejectedDuringBurst |= f.isAccelerationRejected();
                }
            }
            assertTrue(rejectedDuringBurst);
            assertFalse(f.isAccelerationRejected());
            assertTrue(madgwickMax > 2, "the baseline must be visibly disturbed: " + madgwickMax);
            assertTrue(oursMax < 0.25 * madgwickMax && oursMax < 0.5,
                    "ours " + oursMax + " deg vs Madgwick " + madgwickMax + " deg");
        }

        @Test
        void withoutRejectionTheLowPassStillBeatsMadgwick() {
            SyntheticImu imu = burst(7);
            OrientationFilter f = new OrientationFilter(FilterParams.builder().accRejectionEnabled(false).build());
            MadgwickBaseline m = new MadgwickBaseline().start(pose(30, 0, 10));
            double oursMax = 0;
            double madgwickMax = 0;
            for (int k = 0; k < 3000; k++) {
                imu.sampleAt(k * DT).feed(f);
                m.update(imu.dt, imu.gx, imu.gy, imu.gz, imu.ax, imu.ay, imu.az);
                if (imu.t >= 19.5) {
                    oursMax = Math.max(oursMax, imu.tiltErrorDeg(f));
                    madgwickMax = Math.max(madgwickMax, imu.tiltErrorDeg(m));
                }
            }
            assertTrue(oursMax < 0.8 * madgwickMax, "ours " + oursMax + " deg vs Madgwick " + madgwickMax + " deg");
        }

        @Test
        void aSustainedDisagreementTriggersRecovery() {
            // The estimate starts 30 deg off (as after a bad restart): the rejection must not lock it there.
            Quat truth = pose(30, 0, 0);
            OrientationFilter f = new OrientationFilter(FilterParams.builder().accRejectionEnabled(true).build());
            SyntheticImu flat = new SyntheticImu(SyntheticImu.still(new Quat()), 8).typicalNoise();
            run(f, flat, 0, 5);
            SyntheticImu tilted = new SyntheticImu(SyntheticImu.still(truth), 9).typicalNoise();
            boolean recovered = false;
            for (int k = 0; k < 3000; k++) {
                // A sudden jump the gyro never saw: the accelerometer disagrees by 30 deg.
                tilted.sampleAt(5 + k * DT);
                f.update(DT, 0, 0, 0, tilted.ax, tilted.ay, tilted.az);
                if (k < 400) {
                    assertTrue(f.isAccelerationRejected(), "rejected before the trigger, k=" + k);
                }
                recovered |= f.isAccelerationRecovery();
            }
            assertTrue(recovered);
            assertTrue(tilted.tiltErrorDeg(f) < 1, "" + tilted.tiltErrorDeg(f));
        }
    }

    @Nested
    class Bias {
        @Test
        void atRestTheBiasConvergesWithinATenthOfADegreePerSecondIn60s() {
            Quat truth = pose(25, 120, 40);
            OrientationFilter f = new OrientationFilter();
            SyntheticImu imu = new SyntheticImu(SyntheticImu.still(truth), 12).typicalNoise().biasDegPerS(1.5, -1.2, 0.8);
            run(f, imu, 0, 60);
            Vec3 b = f.biasEstimate(new Vec3());
            Vec3 err = new Vec3(degPerS(b.x) - 1.5, degPerS(b.y) + 1.2, degPerS(b.z) - 0.8);
            assertTrue(f.isRestDetected());
            assertTrue(err.norm() < 0.1, "bias error deg/s " + err);
            assertTrue(degPerS(f.biasSigmaRadPerS()) < 0.1, "sigma " + degPerS(f.biasSigmaRadPerS()));
            assertTrue(imu.tiltErrorDeg(f) < 0.3);
        }

        @Test
        void aSlowRotationWithBiasIsTrackedAndTheBiasConverges() {
            // A "known constant rotation": 5 deg/s about earth's up axis, never at rest.
            Quat tilt = pose(20, 45, 0);
            SyntheticImu imu = new SyntheticImu(
                    (t, q) -> q.multiply(new Quat().setAxisAngle(0, 0, 1, Math.toRadians(5) * t), tilt), 13)
                    .typicalNoise().biasDegPerS(1.5, -1.5, 0.5);
            OrientationFilter f = new OrientationFilter();
            run(f, imu, 0, 120);
            assertFalse(f.isRestDetected());
            Vec3 b = f.biasEstimate(new Vec3());
            // Only the horizontal part is observable without a magnetometer: compare in earth axes.
            Quat q = f.orientation(new Quat());
            Vec3 errEarth = q.rotate(new Vec3(b.x - Math.toRadians(1.5), b.y + Math.toRadians(1.5),
                    b.z - Math.toRadians(0.5)), new Vec3());
            double horizontalDeg = degPerS(Math.hypot(errEarth.x, errEarth.y));
            assertTrue(horizontalDeg < 0.1, "horizontal bias error deg/s " + horizontalDeg);
            assertTrue(imu.tiltErrorDeg(f) < 0.5, "" + imu.tiltErrorDeg(f));
        }

        @Test
        void biasEstimationCutsTheTiltErrorOfABiasedGyroDuringMotion() {
            SyntheticImu.Trajectory sway = (t, q) -> q.setAxisAngle(1, 0.5, 0,
                    Math.toRadians(20) * Math.sin(2 * Math.PI * t / 4));
            OrientationFilter with = new OrientationFilter();
            OrientationFilter without = new OrientationFilter(FilterParams.builder()
                    .restBiasEnabled(false).motionBiasEnabled(false).build());
            SyntheticImu a = new SyntheticImu(sway, 14).typicalNoise().biasDegPerS(1.5, -1.5, 0);
            SyntheticImu b = new SyntheticImu(sway, 14).typicalNoise().biasDegPerS(1.5, -1.5, 0);
            double sumWith = 0;
            double sumWithout = 0;
            for (int k = 0; k < 12000; k++) {
                a.sampleAt(k * DT).feed(with);
                b.sampleAt(k * DT).feed(without);
                if (k >= 6000) {
                    sumWith += a.tiltErrorDeg(with);
                    sumWithout += b.tiltErrorDeg(without);
                }
            }
            assertTrue(sumWith < 0.5 * sumWithout, "mean tilt error with " + sumWith / 6000 + " without " + sumWithout / 6000);
        }

        @Test
        void aSlowSettlingMoveAtRestIsNotTakenForBias() {
            // Still with a 1 deg/s bias until the estimate has converged, then the wearer settles: a 2 deg tilt
            // in 2.5 s (peak 1.5 deg/s, within every rest threshold), then still again. The rest measurement must
            // not read that turn as bias.
            Quat base = pose(20, 30, 0);
            SyntheticImu imu = new SyntheticImu((t, q) -> {
                double s = Math.min(1, Math.max(0, (t - 40) / 2.5));
                double ramp = s * s * s * (10 - 15 * s + 6 * s * s);
                q.multiply(base, new Quat().setAxisAngle(0.6, 0.8, 0, Math.toRadians(2) * ramp));
            }, 17).typicalNoise().biasDegPerS(1.0, -0.7, 0.5);
            OrientationFilter f = new OrientationFilter();
            double worst = 0;
            for (int k = 0; k < 5000; k++) {
                imu.sampleAt(k * DT).feed(f);
                if (imu.t >= 30) {
                    Vec3 b = f.biasEstimate(new Vec3());
                    Vec3 err = new Vec3(degPerS(b.x) - 1.0, degPerS(b.y) + 0.7, degPerS(b.z) - 0.5);
                    worst = Math.max(worst, err.norm());
                }
            }
            assertTrue(worst < 0.05, "worst bias error " + worst + " deg/s");
        }

        @Test
        void restIsNotDetectedDuringMotionAndBiasStaysZeroWhenSwitchedOff() {
            OrientationFilter f = new OrientationFilter(FilterParams.builder()
                    .restBiasEnabled(false).motionBiasEnabled(false).build());
            SyntheticImu imu = new SyntheticImu(SyntheticImu.still(pose(10, 0, 0)), 15).typicalNoise().biasDegPerS(1, 1, 1);
            run(f, imu, 0, 10);
            assertTrue(f.isRestDetected(), "rest detection works even with bias estimation off");
            assertEquals(0, f.biasEstimate(new Vec3()).norm());

            OrientationFilter g = new OrientationFilter();
            SyntheticImu moving = new SyntheticImu((t, q) -> q.setAxisAngle(0, 1, 0, Math.sin(3 * t)), 16).typicalNoise();
            for (int k = 0; k < 1000; k++) {
                moving.sampleAt(k * DT).feed(g);
                assertFalse(g.isRestDetected(), "t=" + moving.t);
            }
        }
    }

    @Nested
    class Convergence {
        @Test
        void fromIdentityToA90DegreeTiltWithin2s() {
            Quat truth = pose(90, 30, 0);
            OrientationFilter f = new OrientationFilter();
            Quat before = f.orientation(new Quat());
            assertFalse(f.isInitialised());
            assertTrue(f.isInitialising());
            assertEquals(90, Math.toDegrees(before.angleTo(truth)), 1e-9);
            SyntheticImu imu = new SyntheticImu(SyntheticImu.still(truth), 17).typicalNoise().biasDegPerS(1, -1, 0.5);
            for (int k = 0; k < 600; k++) {
                imu.sampleAt(k * DT).feed(f);
                if (imu.t >= 2) {
                    assertTrue(imu.tiltErrorDeg(f) < 1, "t=" + imu.t + " error " + imu.tiltErrorDeg(f));
                }
            }
            assertFalse(f.isInitialising());
        }

        @Test
        void aNoisyStartIsAveragedNotTrusted() {
            // The wearer is still moving while the filter starts: 1 s of swaying with a linear acceleration.
            Quat rest = pose(20, 90, 0);
            SyntheticImu imu = new SyntheticImu(new SyntheticImu.Trajectory() {
                @Override
                public void orientation(double t, Quat out) {
                    double a = t < 1 ? Math.toRadians(15) * Math.sin(2 * Math.PI * t) : 0;
                    out.multiply(rest, new Quat().setAxisAngle(1, 0, 0, a));
                }

                @Override
                public void linearAccEarth(double t, Vec3 out) {
                    out.set(t < 1 ? 2 * Math.sin(2 * Math.PI * t) : 0, 0, 0);
                }
            }, 18).typicalNoise();
            OrientationFilter f = new OrientationFilter();
            run(f, imu, 0, 4);
            assertTrue(imu.tiltErrorDeg(f) < 1.5, "" + imu.tiltErrorDeg(f));
        }
    }

    @Nested
    class Timing {
        @Test
        void variableIntervalsKeepTheEstimate() {
            Random jitter = new Random(19);
            SyntheticImu imu = new SyntheticImu((t, q) -> q.multiply(pose(15, 0, 0),
                    new Quat().setAxisAngle(0.2, 1, 0.1, 0.5 * Math.sin(t))), 20).typicalNoise();
            OrientationFilter f = new OrientationFilter();
            OrientationFilter byMicros = new OrientationFilter();
            double t = 0;
            while (t < 30) {
                imu.sampleAt(t).feed(f);
                byMicros.updateAtMicros(Math.round(t * 1e6), imu.gx, imu.gy, imu.gz, imu.ax, imu.ay, imu.az);
                if (t > 3) {
                    assertTrue(imu.tiltErrorDeg(f) < 1, "t=" + t + " " + imu.tiltErrorDeg(f));
                }
                t += 0.004 + 0.012 * jitter.nextDouble();
            }
            assertEquals(0, f.restartCount());
            Quat a = f.orientation(new Quat());
            Quat b = byMicros.orientation(new Quat());
            assertTrue(a.angleTo(b) < 1e-6, "timestamps and intervals agree: " + a.angleTo(b));
        }

        @Test
        void aShortGapIsIntegratedAndALongGapRestartsKeepingTheBias() {
            Quat before = pose(10, 0, 0);
            Quat after = pose(50, 90, 0);
            SyntheticImu imu = new SyntheticImu(SyntheticImu.still(before), 21).typicalNoise().biasDegPerS(1, -1, 0.5);
            OrientationFilter f = new OrientationFilter();
            long t = 0;
            for (int k = 0; k < 4000; k++, t += 10_000) {
                imu.sampleAt(t * 1e-6);
                f.updateAtMicros(t, imu.gx, imu.gy, imu.gz, imu.ax, imu.ay, imu.az);
            }
            t += 500_000; // 0.5 s dropout: within maxGapSeconds
            imu.sampleAt(t * 1e-6);
            f.updateAtMicros(t, imu.gx, imu.gy, imu.gz, imu.ax, imu.ay, imu.az);
            assertEquals(0, f.restartCount());
            Vec3 biasBefore = f.biasEstimate(new Vec3());
            assertTrue(imu.tiltErrorDeg(f) < 0.5);

            // 5 s gap during which the wearer leaned: the first sample after it must already be right.
            t += 5_000_000;
            SyntheticImu moved = new SyntheticImu(SyntheticImu.still(after), 22).typicalNoise().biasDegPerS(1, -1, 0.5);
            moved.sampleAt(t * 1e-6);
            assertTrue(f.updateAtMicros(t, moved.gx, moved.gy, moved.gz, moved.ax, moved.ay, moved.az));
            assertEquals(1, f.restartCount());
            assertTrue(f.isInitialising());
            assertTrue(moved.tiltErrorDeg(f) < 1, "" + moved.tiltErrorDeg(f));
            Vec3 biasAfter = f.biasEstimate(new Vec3());
            assertEquals(biasBefore.x, biasAfter.x, 1e-12);
            assertEquals(biasBefore.y, biasAfter.y, 1e-12);
            assertEquals(biasBefore.z, biasAfter.z, 1e-12);
            assertTrue(degPerS(new Vec3(biasAfter.x - Math.toRadians(1), biasAfter.y + Math.toRadians(1),
                    biasAfter.z - Math.toRadians(0.5)).norm()) < 0.1);
        }

        @Test
        void aWrappingDeviceClockCostsOneSampleAndNoRestart() {
            // A 32-bit microsecond counter wraps every 71.6 min; here it wraps 20 s into a slow rotation.
            long wrap = 1L << 32;
            long start = wrap - 20_000_000;
            SyntheticImu imu = new SyntheticImu((t, q) -> q.setAxisAngle(0.3, 1, 0.1, 0.2 * t), 31).typicalNoise();
            OrientationFilter f = new OrientationFilter();
            double worst = 0;
            for (int k = 0; k < 4000; k++) {
                imu.sampleAt(k * DT);
                long t = (start + k * 10_000L) % wrap;
                f.updateAtMicros(t, imu.gx, imu.gy, imu.gz, imu.ax, imu.ay, imu.az);
                if (k > 100) {
                    worst = Math.max(worst, imu.tiltErrorDeg(f));
                }
            }
            assertEquals(1, f.clockResetCount());
            assertEquals(1, f.rejectedSampleCount());
            assertEquals(0, f.restartCount());
            assertTrue(worst < 0.5, "" + worst);
        }

        @Test
        void aLateSampleIsRejectedAlone() {
            OrientationFilter f = new OrientationFilter();
            assertTrue(f.updateAtMicros(1_000_000, 0, 0, 0, 0, 0, 9.81));
            assertTrue(f.updateAtMicros(1_010_000, 0, 0, 0, 0, 0, 9.81));
            assertFalse(f.updateAtMicros(1_005_000, 0, 0, 0, 0, 0, 9.81));
            assertTrue(f.updateAtMicros(1_020_000, 0, 0, 0, 0, 0, 9.81));
            assertEquals(0, f.clockResetCount());
        }

        @Test
        void timeGoingBackwardsIsRejected() {
            OrientationFilter f = new OrientationFilter();
            assertTrue(f.updateAtMicros(1_000_000, 0, 0, 0, 0, 0, 9.81));
            assertTrue(f.updateAtMicros(1_010_000, 0, 0, 0, 0, 0, 9.81));
            assertFalse(f.updateAtMicros(1_010_000, 0, 0, 0, 0, 0, 9.81));
            assertFalse(f.updateAtMicros(1_000_000, 0, 0, 0, 0, 0, 9.81));
            assertFalse(f.update(0, 0, 0, 0, 0, 0, 9.81));
            assertFalse(f.update(-0.01, 0, 0, 0, 0, 0, 9.81));
            assertEquals(4, f.rejectedSampleCount());
            assertEquals(2, f.sampleCount());
        }
    }

    @Nested
    class BadInput {
        @Test
        void nonFiniteInputIsRejectedAndChangesNothing() {
            OrientationFilter f = new OrientationFilter();
            SyntheticImu imu = new SyntheticImu((t, q) -> q.setAxisAngle(1, 1, 0, 0.3 * t), 23).typicalNoise();
            run(f, imu, 0, 5);
            Quat q0 = f.orientation(new Quat());
            Vec3 b0 = f.biasEstimate(new Vec3());
            double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            int rejected = 0;
            for (double v : bad) {
                for (int pos = 0; pos < 7; pos++) {
                    double[] s = {DT, 0.1, 0.2, 0.3, 0, 0, 9.81};
                    s[pos] = v;
                    assertFalse(f.update(s[0], s[1], s[2], s[3], s[4], s[5], s[6]));
                    assertTrue(f.isLastSampleRejected());
                    rejected++;
                }
            }
            assertEquals(rejected, f.rejectedSampleCount());
            Quat q1 = f.orientation(new Quat());
            Vec3 b1 = f.biasEstimate(new Vec3());
            assertEquals(q0.w, q1.w, 0);
            assertEquals(q0.x, q1.x, 0);
            assertEquals(q0.y, q1.y, 0);
            assertEquals(q0.z, q1.z, 0);
            assertEquals(b0.x, b1.x, 0);
            assertEquals(b0.y, b1.y, 0);
            assertEquals(b0.z, b1.z, 0);
            imu.sampleAt(5).feed(f);
            assertFalse(f.isLastSampleRejected());
            assertTrue(imu.tiltErrorDeg(f) < 0.5);
        }

        @Test
        void aNaNFirstSampleDoesNotInitialise() {
            OrientationFilter f = new OrientationFilter();
            assertFalse(f.update(0, 0, 0, 0, Double.NaN, 0, 9.81));
            assertFalse(f.isInitialised());
            assertTrue(f.update(0, 0, 0, 0, 0, 0, 9.81));
            assertTrue(f.isInitialised());
        }

        @Test
        void aZeroAccelerationIsIgnoredAndTheGyroCarriesOn() {
            OrientationFilter f = new OrientationFilter();
            SyntheticImu imu = new SyntheticImu(SyntheticImu.still(pose(20, 0, 0)), 24).typicalNoise();
            run(f, imu, 0, 5);
            assertTrue(f.update(DT, 0, 0, 0, 0, 0, 0));
            assertTrue(f.isAccelerometerIgnored());
            assertTrue(imu.tiltErrorDeg(f) < 0.5);
        }

        @Test
        void aBadMagnetometerSampleIsIgnoredButTheRestIsUsed() {
            OrientationFilter f = new OrientationFilter();
            assertTrue(f.update(0, 0, 0, 0, 0, 0, 9.81, Double.NaN, 1, 1));
            assertTrue(f.isMagnetometerIgnored());
            assertTrue(f.update(DT, 0, 0, 0, 0, 0, 9.81, 0, 20, -40));
            assertFalse(f.isMagnetometerIgnored());
        }
    }

    @Nested
    class Magnetometer {
        @Test
        void headingSettlesOnTheFieldEastNorthUp() {
            Quat truth = pose(25, 60, 70);
            OrientationFilter f = new OrientationFilter();
            SyntheticImu imu = new SyntheticImu(SyntheticImu.still(truth), 25).typicalNoise();
            runWithMag(f, imu, 0, 1);
            assertTrue(imu.errorDeg(f) < 2, "" + imu.errorDeg(f));
            runWithMag(f, imu, 1, 20);
            assertTrue(imu.errorDeg(f) < 0.5, "" + imu.errorDeg(f));
            // The estimate maps the measured field onto north (+y) and down.
            Vec3 m = f.orientation(new Quat()).rotate(new Vec3(imu.mx, imu.my, imu.mz), new Vec3());
            assertTrue(Math.abs(Math.toDegrees(Math.atan2(m.x, m.y))) < 1, "" + m);
            assertTrue(f.magneticReferenceNorm() > 0);
            assertEquals(Math.toDegrees(Math.atan2(40, 20)), f.magneticReferenceDipDeg(), 1);
        }

        @Test
        void theFieldHoldsTheHeadingAgainstAVerticalBias() {
            // Bias estimation off so the vertical bias is not learned at rest; only the field can hold heading.
            FilterParams noBias = FilterParams.builder().restBiasEnabled(false).motionBiasEnabled(false).build();
            Quat truth = pose(10, 0, 30);
            OrientationFilter withMag = new OrientationFilter(noBias);
            OrientationFilter gyroOnly = new OrientationFilter(noBias);
            SyntheticImu a = new SyntheticImu(SyntheticImu.still(truth), 26).typicalNoise().biasDegPerS(0, 0, 0.3);
            SyntheticImu b = new SyntheticImu(SyntheticImu.still(truth), 26).typicalNoise().biasDegPerS(0, 0, 0.3);
            for (int k = 0; k < 12000; k++) {
                a.sampleAt(k * DT).feedWithMag(withMag);
                b.sampleAt(k * DT);
                if (k == 0) {
                    // Same starting heading for the gyro-only filter, so only drift differs.
                    b.feedWithMag(gyroOnly);
                } else {
                    b.feed(gyroOnly);
                }
            }
            assertTrue(a.errorDeg(withMag) < 4, "with field " + a.errorDeg(withMag));
            assertTrue(b.errorDeg(gyroOnly) > 20, "gyro only " + b.errorDeg(gyroOnly));
        }

        /** Still, clean field for 20 s; then 10 s of a field 50% stronger and turned 45 deg; then clean again. */
        private SyntheticImu disturbed(long seed) {
            Quat truth = pose(15, 200, -40);
            return new SyntheticImu(new SyntheticImu.Trajectory() {
                @Override
                public void orientation(double t, Quat out) {
                    out.set(truth);
                }

                @Override
                public void magEarth(double t, Vec3 out) {
                    out.set(0, 20, -40);
                    if (t >= 20 && t < 30) {
                        new Quat().setAxisAngle(0, 0, 1, Math.toRadians(45)).rotate(out, out).scale(1.5);
                    }
                }
            }, seed).typicalNoise();
        }

        @Test
        void aDisturbedFieldIsDetectedAndIgnored() {
            OrientationFilter f = new OrientationFilter();
            SyntheticImu imu = disturbed(27);
            double worst = 0;
            for (int k = 0; k < 4000; k++) {
                imu.sampleAt(k * DT).feedWithMag(f);
                if (imu.t >= 20.2 && imu.t < 30) {
                    assertTrue(f.isMagneticDisturbance(), "t=" + imu.t);
                }
                if (imu.t < 19.9) {
                    assertFalse(f.isMagneticDisturbance(), "t=" + imu.t);
                }
                if (imu.t >= 20) {
                    worst = Math.max(worst, imu.errorDeg(f));
                }
            }
            assertTrue(worst < 1, "heading error while disturbed " + worst);
            assertFalse(f.isMagneticDisturbance(), "clears when the field is clean again");
        }

        @Test
        void withoutRejectionTheSameDisturbanceTurnsTheHeading() {
            OrientationFilter f = new OrientationFilter(FilterParams.builder().magRejectionEnabled(false).build());
            SyntheticImu imu = disturbed(27);
            runWithMag(f, imu, 0, 30);
            assertTrue(imu.errorDeg(f) > 15, "" + imu.errorDeg(f));
        }

        @Test
        void switchedOffTheFieldIsNotUsed() {
            OrientationFilter f = new OrientationFilter(FilterParams.builder().magEnabled(false).build());
            SyntheticImu imu = new SyntheticImu(SyntheticImu.still(pose(0, 0, 90)), 28).typicalNoise();
            runWithMag(f, imu, 0, 5);
            assertTrue(f.isMagnetometerIgnored());
            assertEquals(0, f.headingCorrectionRad());
            assertTrue(imu.errorDeg(f) > 80);
        }
    }

    @Nested
    class Gait {
        private static final double STEP_HZ = 1.9;

        /**
         * Walking with the sensor on the trunk: +-2 cm vertical bounce and +-1.5 cm surge at the step frequency
         * (2.9 and 2.1 m/s^2), +-2 cm lateral sway at the stride frequency, and the trunk rocking with them
         * (pitch +-1.5 deg, roll +-3 deg, yaw +-4 deg) around a 12 deg forward lean.
         */
        private SyntheticImu walking(long seed) {
            double w = 2 * Math.PI * STEP_HZ;
            return new SyntheticImu(new SyntheticImu.Trajectory() {
                private final Quat tmp = new Quat();

                @Override
                public void orientation(double t, Quat out) {
                    out.setAxisAngle(0, 0, 1, Math.toRadians(4) * Math.sin(w / 2 * t));
                    out.multiply(out, tmp.setAxisAngle(1, 0, 0, Math.toRadians(3) * Math.cos(w / 2 * t)));
                    out.multiply(out, tmp.setAxisAngle(0, 1, 0, Math.toRadians(12 + 1.5 * Math.sin(w * t))));
                }

                @Override
                public void linearAccEarth(double t, Vec3 out) {
                    out.set(0.015 * w * w * Math.sin(w * t), 0.02 * w * w / 4 * Math.sin(w / 2 * t),
                            -0.02 * w * w * Math.cos(w * t));
                }
            }, seed).typicalNoise();
        }

        @Test
        void periodicGaitAccelerationsDoNotTiltTheEstimate() {
            // The low-pass in the almost-inertial frame averages whole periods of the gait to zero. Rejecting
            // samples by their angle to the estimate would keep a phase-selected subset whose mean is not
            // gravity, and, centred on the estimate, reinforce its own error: the reason rejection is off.
            SyntheticImu imu = walking(40);
            SyntheticImu same = walking(40);
            OrientationFilter f = new OrientationFilter();
            OrientationFilter gated = new OrientationFilter(FilterParams.builder().accRejectionEnabled(true).build());
            double worst = 0;
            double worstGated = 0;
            for (int k = 0; k < 9000; k++) {
                imu.sampleAt(k * DT).feed(f);
                same.sampleAt(k * DT).feed(gated);
                if (imu.t >= 10) {
                    worst = Math.max(worst, imu.tiltErrorDeg(f));
                    worstGated = Math.max(worstGated, same.tiltErrorDeg(gated));
                }
            }
            assertTrue(worst < 0.5, "worst tilt error while walking " + worst + " deg");
            assertTrue(worstGated > 2 * worst, "with rejection " + worstGated + " deg, without " + worst + " deg");
        }

        @Test
        void halfASecondOfLostSamplesDuringGaitLeavesNoTransient() {
            // The gyro bridges the gap exactly here (a constant rate over the interval), so the error afterwards
            // comes from the low-passes: what the straight line across the gap misses of the +-3 m/s^2 gait
            // (about half a degree), never a swing of the filter state, which must mean the same at any interval.
            SyntheticImu imu = walking(41);
            OrientationFilter f = new OrientationFilter();
            double worst = 0;
            for (int k = 0; k < 6000; k++) {
                if (k > 3000 && k < 3045) {
                    continue;
                }
                imu.sampleAt(k * DT).feed(f);
                if (imu.t >= 10) {
                    worst = Math.max(worst, imu.tiltErrorDeg(f));
                }
            }
            assertEquals(0, f.restartCount());
            assertTrue(worst < 1, "worst tilt error " + worst + " deg");
        }
    }

    @Nested
    class WorkingDay {
        @Test
        void eightSeatedHoursWithADriftingBiasStayTrue() {
            // Posture changes every 2 min (2 s transitions of up to 25 deg), slow turns of the chair, a 3 m/s^2
            // bump every 10 min, and a gyro bias drifting with temperature: x from 0.5 to 1.5 deg/s over the
            // day, y a +-0.5 deg/s swing, z 0.3 deg/s. The bump pushes the seated trunk 6 cm and it comes back
            // to rest, as a seated body must: a push that left it moving for good would be a 1.2 m/s drift
            // across the office.
            Quat base = new Quat().setAxisAngle(1, 0.2, 0, Math.toRadians(15));
            SyntheticImu.Trajectory day = new SyntheticImu.Trajectory() {
                private final Quat tmp = new Quat();

                @Override
                public void orientation(double t, Quat out) {
                    double segment = Math.floor(t / 120);
                    double s = Math.min(1, (t - segment * 120) / 2);
                    double from = 25 * Math.sin((segment - 1) * 1.7);
                    double to = 25 * Math.sin(segment * 1.7);
                    double lean = from + (to - from) * (0.5 - 0.5 * Math.cos(Math.PI * s));
                    out.multiply(tmp.setAxisAngle(0, 0, 1, Math.toRadians(10 * Math.sin(t / 300))), base);
                    out.multiply(out, tmp.setAxisAngle(1, 0, 0, Math.toRadians(lean)));
                }

                @Override
                public void linearAccEarth(double t, Vec3 out) {
                    double p = t % 600;
                    out.set(p > 300 && p < 300.2 ? 3 : p >= 300.2 && p < 300.4 ? -3 : 0, 0, 0);
                }
            };
            SyntheticImu imu = new SyntheticImu(day, 30).typicalNoise();
            OrientationFilter f = new OrientationFilter();
            MadgwickBaseline m = new MadgwickBaseline().start(base);
            double worst = 0;
            double sum = 0;
            double sumMadgwick = 0;
            long n = 0;
            double bx = 0;
            double by = 0;
            for (long k = 0; k < 8L * 3600 * 100; k++) {
                double t = k * DT;
                bx = 0.5 + t / (8 * 3600.0);
                by = 0.5 * Math.sin(t / 3600);
                imu.biasDegPerS(bx, by, 0.3).sampleAt(t).feed(f);
                m.update(imu.dt, imu.gx, imu.gy, imu.gz, imu.ax, imu.ay, imu.az);
                if (t > 10 && k % 10 == 0) {
                    double e = imu.tiltErrorDeg(f);
                    worst = Math.max(worst, e);
                    sum += e;
                    sumMadgwick += imu.tiltErrorDeg(m);
                    n++;
                }
            }
            assertTrue(sum / n < 0.1, "mean tilt error " + sum / n);
            assertTrue(worst < 1.5, "worst tilt error " + worst);
            assertTrue(sum < sumMadgwick / 3, "ours " + sum / n + " deg vs Madgwick " + sumMadgwick / n + " deg");
            Vec3 b = f.biasEstimate(new Vec3());
            assertEquals(bx, degPerS(b.x), 0.1);
            assertEquals(by, degPerS(b.y), 0.1);
            assertEquals(0, f.restartCount());
            assertEquals(0, f.singularBiasStepCount());
        }
    }

    @Nested
    class HotPath {
        @Test
        void updateAllocatesNothingOnceWarm() {
            java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                    "per-thread allocation counter not available on this JVM");
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
            Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                    "per-thread allocation counter switched off");
            OrientationFilter f = new OrientationFilter();
            int n = 20_000;
            double[] s = new double[10 * n];
            SyntheticImu imu = new SyntheticImu((t, q) -> q.setAxisAngle(1, 0.3, 0.2, Math.sin(t)), 29).typicalNoise();
            for (int k = 0; k < n; k++) {
                imu.sampleAt(k * DT);
                double[] row = {imu.gx, imu.gy, imu.gz, imu.ax, imu.ay, imu.az, imu.mx, imu.my, imu.mz};
                System.arraycopy(row, 0, s, 10 * k, 9);
            }
            long tid = Thread.currentThread().getId();
            long before = 0;
            for (int k = 0; k < n; k++) {
                if (k == n / 2) {
                    before = mx.getThreadAllocatedBytes(tid);
                }
                int o = 10 * k;
                f.update(DT, s[o], s[o + 1], s[o + 2], s[o + 3], s[o + 4], s[o + 5], s[o + 6], s[o + 7], s[o + 8]);
            }
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            // A per-sample allocation would be at least 16 bytes x 10,000 samples.
            assertTrue(allocated < 4096, "allocated " + allocated + " bytes in " + n / 2 + " updates");
        }
    }
}
