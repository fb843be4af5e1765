package io.spinewatch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.fusion.Quat;
import io.spinewatch.fusion.Vec3;
import io.spinewatch.protocol.SensorSlot;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BodyModelTest {
    private static final double G = BodyModel.GRAVITY_MPS2;

    private static void assertVec(Vec3 expected, Vec3 actual, double tol, String msg) {
        Vec3 diff = actual.copy().sub(expected);
        assertTrue(diff.norm() <= tol, msg + ": expected " + expected + " got " + actual + " |diff|=" + diff.norm());
    }

    private static Quat[] randomMountings(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return new Quat[] {Motions.randomRotation(rnd), Motions.randomRotation(rnd), Motions.randomRotation(rnd)};
    }

    @Nested
    class AtRest {
        @Test
        void theAccelerometerReadsGravityInSensorAxesAndTheGyroZero() {
            SplittableRandom rnd = new SplittableRandom(1);
            BodyModel body = new BodyModel(BodyGeometry.ADULT);
            for (int trial = 0; trial < 50; trial++) {
                JointState s = new JointState();
                for (Coordinate c : Coordinate.values()) {
                    s.set(c, rnd.nextDouble(-0.6, 0.6), 0, 0);
                }
                body.evaluate(s);
                Quat[] mounts = randomMountings(trial);
                for (SensorSlot slot : SensorSlot.values()) {
                    Quat m = mounts[slot.ordinal()];
                    Vec3 f = body.specificForce(slot, m, new Vec3());
                    Quat r = body.sensorOrientation(slot, m, new Quat());
                    Vec3 up = r.rotateInverse(new Vec3(0, 0, G), new Vec3());
                    assertEquals(G, f.norm(), 1e-12);
                    assertVec(up, f, 1e-12, slot + " specific force");
                    assertEquals(0, body.angularRate(slot, m, new Vec3()).norm(), 0);
                }
            }
        }
    }

    @Nested
    class AgainstFiniteDifferences {
        /** Fourth-order central differences with h = 1 ms: truncation ~h^4 f^(6)/90 and rounding ~1e-10 m/s^2. */
        @Test
        void mountAccelerationIsTheSecondDerivativeOfMountPosition() {
            Timeline tl = Motions.busy(21, 40);
            BodyModel body = new BodyModel(BodyGeometry.ADULT);
            JointState s = new JointState();
            Timeline.Cursor cur = tl.cursor();
            double h = 1e-3;
            double worst = 0;
            double largest = 0;
            for (double t = 1; t < 38; t += 0.0173) {
                if (nearATermEnd(tl, t, 3 * h)) {
                    continue; // the jerk steps at term ends and envelope ramps, which differences smear over +-2h
                }
                for (SensorSlot slot : SensorSlot.values()) {
                    Vec3[] p = new Vec3[5];
                    for (int k = -2; k <= 2; k++) {
                        body.evaluate(cur.evaluate(t + k * h, s));
                        p[k + 2] = body.mountPosition(slot, new Vec3());
                    }
                    body.evaluate(cur.evaluate(t, s));
                    Vec3 a = body.mountAcceleration(slot, new Vec3());
                    Vec3 fd = new Vec3().addScaled(p[0], -1).addScaled(p[1], 16).addScaled(p[2], -30)
                            .addScaled(p[3], 16).addScaled(p[4], -1).scale(1 / (12 * h * h));
                    worst = Math.max(worst, fd.sub(a).norm());
                    largest = Math.max(largest, a.norm());
                }
            }
            assertTrue(largest > 2, "the motion must actually accelerate: " + largest);
            assertTrue(worst < 2e-5, "worst difference " + worst + " m/s^2");
        }

        private static boolean nearATermEnd(Timeline tl, double t, double margin) {
            for (Coordinate c : Coordinate.values()) {
                for (Term term : tl.terms(c)) {
                    if (Math.abs(term.startS() - t) < margin || Math.abs(term.endS() - t) < margin) {
                        return true;
                    }
                    if (term instanceof Term.Oscillation o
                            && (Math.abs(o.startS() + o.rampS() - t) < margin || Math.abs(o.endS() - o.rampS() - t) < margin)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Test
        void angularVelocityIsTwiceTheQuaternionDerivativeInBodyAxes() {
            Timeline tl = Motions.busy(22, 40);
            BodyModel body = new BodyModel(BodyGeometry.ADULT);
            JointState s = new JointState();
            Timeline.Cursor cur = tl.cursor();
            Quat mount = randomMountings(3)[0];
            double h = 1e-4;
            double worst = 0;
            for (double t = 1; t < 38; t += 0.211) {
                for (SensorSlot slot : SensorSlot.values()) {
                    Quat qm = body.sensorOrientation(slot, mount, new Quat());
                    body.evaluate(cur.evaluate(t - h, s));
                    body.sensorOrientation(slot, mount, qm);
                    body.evaluate(cur.evaluate(t + h, s));
                    Quat qp = body.sensorOrientation(slot, mount, new Quat());
                    body.evaluate(cur.evaluate(t, s));
                    Quat q = body.sensorOrientation(slot, mount, new Quat());
                    Quat dq = new Quat((qp.w - qm.w) / (2 * h), (qp.x - qm.x) / (2 * h), (qp.y - qm.y) / (2 * h), (qp.z - qm.z) / (2 * h));
                    Quat omega = new Quat().multiply(q.copy().conjugate(), dq);
                    Vec3 expected = new Vec3(2 * omega.x, 2 * omega.y, 2 * omega.z);
                    Vec3 gyro = body.angularRate(slot, mount, new Vec3());
                    worst = Math.max(worst, expected.sub(gyro).norm());
                }
            }
            assertTrue(worst < 1e-6, "worst difference " + worst + " rad/s");
        }
    }

    @Nested
    class GyroIntegration {
        @Test
        void integratingTheIdealGyroReproducesTheTrueOrientationOverAMinute() {
            Timeline tl = Motions.busy(31, 62);
            BodyModel body = new BodyModel(BodyGeometry.ADULT);
            JointState s = new JointState();
            Timeline.Cursor cur = tl.cursor();
            Quat[] mounts = randomMountings(4);
            double dt = 1.0 / 1000;
            Quat[] est = new Quat[3];
            body.evaluate(cur.evaluate(0, s));
            for (SensorSlot slot : SensorSlot.values()) {
                est[slot.ordinal()] = body.sensorOrientation(slot, mounts[slot.ordinal()], new Quat());
            }
            Vec3 w0 = new Vec3();
            Vec3 w1 = new Vec3();
            Vec3 wm = new Vec3();
            Quat step = new Quat();
            double travelled = 0;
            int steps = 60_000;
            Vec3[] prev = new Vec3[3];
            for (SensorSlot slot : SensorSlot.values()) {
                prev[slot.ordinal()] = body.angularRate(slot, mounts[slot.ordinal()], new Vec3());
            }
            for (int k = 1; k <= steps; k++) {
                double t = k * dt;
                body.evaluate(cur.evaluate(t - dt / 2, s));
                Vec3[] mid = new Vec3[3];
                for (SensorSlot slot : SensorSlot.values()) {
                    mid[slot.ordinal()] = body.angularRate(slot, mounts[slot.ordinal()], new Vec3());
                }
                body.evaluate(cur.evaluate(t, s));
                for (SensorSlot slot : SensorSlot.values()) {
                    int i = slot.ordinal();
                    w0.set(prev[i]);
                    body.angularRate(slot, mounts[i], w1);
                    wm.set(mid[i]);
                    // Simpson's rule on the body rate plus the first commutation (coning) correction.
                    Vec3 theta = new Vec3().addScaled(w0, dt / 6).addScaled(wm, 4 * dt / 6).addScaled(w1, dt / 6);
                    Vec3 coning = new Vec3().cross(w0, w1).scale(dt * dt / 12);
                    theta.add(coning);
                    est[i].multiply(est[i], step.setRotationVector(theta.x, theta.y, theta.z)).normalize();
                    prev[i].set(w1);
                    if (i == 0) {
                        travelled += wm.norm() * dt;
                    }
                }
            }
            assertTrue(travelled > 20, "the motion must rotate a lot: " + travelled + " rad");
            for (SensorSlot slot : SensorSlot.values()) {
                Quat truth = body.sensorOrientation(slot, mounts[slot.ordinal()], new Quat());
                double errDeg = Math.toDegrees(truth.angleTo(est[slot.ordinal()]));
                assertTrue(errDeg < 0.01, slot + " drifted " + errDeg + " deg");
            }
        }
    }

    @Nested
    class Swivel {
        @Test
        void turningAtAConstantRateGivesTheCentripetalTermOmegaSquaredR() {
            double omega = 2.0;
            Timeline tl = new Timeline.Builder()
                    .initial(Coordinate.BASE_X, 0.3).initial(Coordinate.BASE_Y, -0.2).initial(Coordinate.BASE_Z, 0.55)
                    .initial(Coordinate.PELVIS_PITCH, -0.1).initial(Coordinate.LUMBAR_FLEXION, 0.2)
                    .add(Coordinate.HEADING, new Term.Linear(0, 10, omega)).build(10);
            BodyModel body = new BodyModel(BodyGeometry.ADULT);
            JointState s = new JointState();
            Quat[] mounts = randomMountings(5);
            Timeline.Cursor cur = tl.cursor();
            for (double t = 0.5; t < 9.5; t += 0.37) {
                body.evaluate(cur.evaluate(t, s));
                for (SensorSlot slot : SensorSlot.values()) {
                    Quat m = mounts[slot.ordinal()];
                    Vec3 p = body.mountPosition(slot, new Vec3());
                    Vec3 radial = new Vec3(p.x - 0.3, p.y + 0.2, 0);
                    double r = radial.norm();
                    Quat q = body.sensorOrientation(slot, m, new Quat());
                    Vec3 accWorld = q.rotate(body.specificForce(slot, m, new Vec3()), new Vec3()).sub(new Vec3(0, 0, G));
                    Vec3 expected = radial.copy().scale(-omega * omega);
                    assertVec(expected, accWorld, 1e-12, slot + " at " + t);
                    assertEquals(omega * omega * r, accWorld.norm(), 1e-12);
                    assertTrue(r > 0.05, "the sensor is off the axis: " + r);
                    Vec3 gyroWorld = q.rotate(body.angularRate(slot, m, new Vec3()), new Vec3());
                    assertVec(new Vec3(0, 0, omega), gyroWorld, 1e-12, slot + " rate");
                }
            }
        }
    }

    @Nested
    class LeverArm {
        @Test
        void duringAHipHingeTheUpperSensorAddsTangentialAndCentripetalTerms() {
            Timeline tl = new Timeline.Builder().initial(Coordinate.BASE_Z, 0.55)
                    .add(Coordinate.PELVIS_PITCH, new Term.MinJerk(1, 2.2, Math.toRadians(35))).build(3);
            BodyModel body = new BodyModel(BodyGeometry.ADULT);
            JointState s = new JointState();
            Quat[] mounts = randomMountings(6);
            Timeline.Cursor cur = tl.cursor();
            double largestDifference = 0;
            for (double t = 1.01; t < 2.2; t += 0.05) {
                body.evaluate(cur.evaluate(t, s));
                Vec3 fu = world(body, SensorSlot.UPPER, mounts[0]);
                Vec3 fp = world(body, SensorSlot.PELVIS, mounts[2]);
                Vec3 w = body.angularVelocity(SensorSlot.PELVIS, new Vec3());
                Vec3 alpha = body.angularAcceleration(SensorSlot.PELVIS, new Vec3());
                assertVec(w, body.angularVelocity(SensorSlot.UPPER, new Vec3()), 1e-15, "a rigid spine turns as one");
                Vec3 d = body.mountPosition(SensorSlot.UPPER, new Vec3()).sub(body.mountPosition(SensorSlot.PELVIS, new Vec3()));
                Vec3 tangential = new Vec3().cross(alpha, d);
                Vec3 centripetal = new Vec3().cross(w, new Vec3().cross(w, d));
                Vec3 expected = tangential.copy().add(centripetal);
                Vec3 diff = fu.copy().sub(fp);
                assertVec(expected, diff, 1e-12, "at " + t);
                largestDifference = Math.max(largestDifference, diff.norm());
            }
            assertTrue(largestDifference > 1, "the lever arm must matter: " + largestDifference);
        }

        private Vec3 world(BodyModel body, SensorSlot slot, Quat mount) {
            Quat q = body.sensorOrientation(slot, mount, new Quat());
            return q.rotate(body.specificForce(slot, mount, new Vec3()), new Vec3());
        }
    }
}
