package io.spinewatch.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QuatTest {
    private static final double EPS = 1e-12;

    private static Quat random(Random rnd) {
        return new Quat(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()).normalize();
    }

    @Nested
    class Rotation {
        @Test
        void quarterTurnAboutZMapsXToY() {
            Quat q = new Quat().setAxisAngle(0, 0, 1, Math.PI / 2);
            Vec3 v = q.rotate(new Vec3(1, 0, 0), new Vec3());
            assertEquals(0, v.x, EPS);
            assertEquals(1, v.y, EPS);
            assertEquals(0, v.z, EPS);
        }

        @Test
        void rotateInverseUndoesRotate() {
            Random rnd = new Random(1);
            for (int i = 0; i < 1000; i++) {
                Quat q = random(rnd);
                Vec3 v = new Vec3(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian());
                Vec3 back = q.rotateInverse(q.rotate(v, new Vec3()), new Vec3());
                assertEquals(v.x, back.x, 1e-12);
                assertEquals(v.y, back.y, 1e-12);
                assertEquals(v.z, back.z, 1e-12);
            }
        }

        @Test
        void rotateAgreesWithQuaternionSandwich() {
            Random rnd = new Random(2);
            for (int i = 0; i < 1000; i++) {
                Quat q = random(rnd);
                Vec3 v = new Vec3(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian());
                Quat p = new Quat(0, v.x, v.y, v.z);
                Quat r = new Quat().multiply(new Quat().multiply(q, p), q.copy().conjugate());
                Vec3 fast = q.rotate(v, new Vec3());
                assertEquals(0, r.w, 1e-12);
                assertEquals(r.x, fast.x, 1e-12);
                assertEquals(r.y, fast.y, 1e-12);
                assertEquals(r.z, fast.z, 1e-12);
            }
        }

        @Test
        void outputMayAliasInput() {
            Quat q = new Quat().setAxisAngle(1, 2, 3, 0.7);
            Vec3 v = new Vec3(0.3, -1, 2);
            Vec3 expected = q.rotate(v, new Vec3());
            q.rotate(v, v);
            assertEquals(expected.x, v.x, EPS);
            assertEquals(expected.y, v.y, EPS);
            assertEquals(expected.z, v.z, EPS);
        }
    }

    @Nested
    class Composition {
        @Test
        void multiplyAppliesRightOperandFirst() {
            Quat aboutZ = new Quat().setAxisAngle(0, 0, 1, Math.PI / 2);
            Quat aboutX = new Quat().setAxisAngle(1, 0, 0, Math.PI / 2);
            // x first (y -> z), then z (z stays z)
            Vec3 v = new Quat().multiply(aboutZ, aboutX).rotate(new Vec3(0, 1, 0), new Vec3());
            assertEquals(0, v.x, EPS);
            assertEquals(0, v.y, EPS);
            assertEquals(1, v.z, EPS);
        }

        @Test
        void multiplyMayAliasOperands() {
            Quat a = new Quat().setAxisAngle(1, 0, 0, 0.4);
            Quat b = new Quat().setAxisAngle(0, 1, 0, 0.9);
            Quat expected = new Quat().multiply(a, b);
            a.multiply(a, b);
            assertEquals(0, expected.angleTo(a), 1e-7);
        }
    }

    @Nested
    class Angles {
        @Test
        void angleToIsSignIndependentAndAccurateNearZero() {
            Quat q = new Quat().setAxisAngle(0.2, -0.5, 1, 1e-7);
            Quat minusIdentity = new Quat(-1, 0, 0, 0);
            assertEquals(1e-7, q.angleTo(minusIdentity), 1e-15);
            assertEquals(1e-7, q.angleTo(new Quat()), 1e-15);
        }

        @Test
        void rotationVectorMatchesAxisAngle() {
            Quat a = new Quat().setRotationVector(0.3, -0.2, 0.9);
            double angle = Math.sqrt(0.09 + 0.04 + 0.81);
            Quat b = new Quat().setAxisAngle(0.3, -0.2, 0.9, angle);
            assertEquals(0, a.angleTo(b), 1e-7);
            assertEquals(1, new Quat().setRotationVector(1e-14, 0, 0).norm(), EPS);
        }

        @Test
        void degenerateNormalizeGivesIdentity() {
            Quat q = new Quat(0, 0, 0, 0).normalize();
            assertEquals(1, q.w);
            Quat nan = new Quat(Double.NaN, 0, 0, 0).normalize();
            assertEquals(1, nan.w);
        }
    }
}
