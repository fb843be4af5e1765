package io.spinewatch.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ActivityDetectorTest {
    static final double G = 9.81;
    static final double RATE = 100;

    /** Minimum-jerk position 0..1 over [0, 1]. */
    static double minJerk(double u) {
        u = Math.max(0, Math.min(1, u));
        return 10 * u * u * u - 15 * u * u * u * u + 6 * u * u * u * u * u;
    }

    static double minJerkAcc(double u, double durationS) {
        if (u <= 0 || u >= 1) return 0;
        return (60 * u - 180 * u * u + 120 * u * u * u) / (durationS * durationS);
    }

    /**
     * Feeds {@code seconds} of samples starting at t0: vertical force = g (times (1 + scale)) + a(t) + noise,
     * gyro magnitude from {@code gyro(t)}.
     */
    static double feed(ActivityDetector d, double t0, double seconds, DoubleUnaryOperator acc, DoubleUnaryOperator gyro,
                       double noise, SplittableRandom rnd) {
        int n = (int) Math.round(seconds * RATE);
        for (int k = 0; k < n; k++) {
            double t = t0 + k / RATE;
            d.update(t, G * 1.01 + acc.applyAsDouble(t - t0) + noise * rnd.nextGaussian(), gyro.applyAsDouble(t - t0));
        }
        return t0 + n / RATE;
    }

    /** A vertical move of heightM over durationS with the trunk turning (a sit-to-stand or stand-to-sit). */
    static double transition(ActivityDetector d, double t0, double heightM, SplittableRandom rnd) {
        double dur = 2.0;
        return feed(d, t0, dur, t -> heightM * minJerkAcc(t / dur, dur), t -> 1.0 * Math.sin(Math.PI * t / dur), 0.05, rnd);
    }

    static double still(ActivityDetector d, double t0, double seconds, SplittableRandom rnd) {
        return feed(d, t0, seconds, t -> 0, t -> 0.02, 0.05, rnd);
    }

    static double walk(ActivityDetector d, double t0, double seconds, SplittableRandom rnd) {
        double stepHz = 1.9, amp = 0.02 * Math.pow(2 * Math.PI * stepHz, 2);
        return feed(d, t0, seconds, t -> -amp * Math.cos(2 * Math.PI * stepHz * t) * Math.min(1, t), t -> 0.4, 0.2, rnd);
    }

    @Nested
    class Transitions {
        @Test
        void aRiseFromStillIsAStandUpAndADropASitDown() {
            SplittableRandom rnd = new SplittableRandom(1);
            ActivityDetector d = new ActivityDetector();
            double t = still(d, 0, 5, rnd);
            t = transition(d, t, 0.4, rnd);
            t = still(d, t, 2, rnd);
            assertEquals(Activity.STANDING, d.activity());
            assertEquals(0.4, d.lastDisplacementM(), 0.05);
            t = transition(d, t, -0.4, rnd);
            still(d, t, 2, rnd);
            assertEquals(Activity.SITTING, d.activity());
            assertEquals(1, d.standUpCount());
            assertEquals(1, d.sitDownCount());
        }

        @Test
        void shiftingOnTheSeatOrTurningTheChairIsNoTransition() {
            SplittableRandom rnd = new SplittableRandom(2);
            ActivityDetector d = new ActivityDetector();
            double t = still(d, 0, 5, rnd);
            t = transition(d, t, 0.06, rnd);
            t = still(d, t, 2, rnd);
            t = feed(d, t, 3, x -> 0, x -> 1.5, 0.05, rnd); // a swivel: fast turn, no vertical motion
            still(d, t, 2, rnd);
            assertEquals(Activity.SITTING, d.activity());
            assertEquals(0, d.standUpCount());
        }

        @Test
        void aStepChangeOfStaticForceFromTiltingIsNotARise() {
            // A sensor whose scale error makes it read 1 % more after tilting: the force steps by 0.1 m/s^2.
            SplittableRandom rnd = new SplittableRandom(3);
            ActivityDetector d = new ActivityDetector();
            double t = still(d, 0, 5, rnd);
            t = feed(d, t, 2, x -> 0.1 * minJerk(x / 2), x -> 0.8 * Math.sin(Math.PI * x / 2), 0.05, rnd);
            feed(d, t, 3, x -> 0.1, x -> 0.02, 0.05, rnd);
            assertEquals(Activity.SITTING, d.activity());
            assertTrue(Math.abs(d.lastDisplacementM()) < 0.1, "dz " + d.lastDisplacementM());
        }
    }

    @Nested
    class Walking {
        @Test
        void gaitIsWalkingAndStoppingIsStanding() {
            SplittableRandom rnd = new SplittableRandom(4);
            ActivityDetector d = new ActivityDetector();
            double t = still(d, 0, 3, rnd);
            t = walk(d, t, 1.0, rnd);
            assertEquals(Activity.SITTING, d.activity(), "not before about three steps");
            t = walk(d, t, 10, rnd);
            assertEquals(Activity.WALKING, d.activity());
            t = still(d, t, 2, rnd);
            assertEquals(Activity.WALKING, d.activity(), "the gait window still holds the last steps");
            still(d, t, 3, rnd);
            assertEquals(Activity.STANDING, d.activity());
        }

        @Test
        void irregularJoltsAreNotGait() {
            SplittableRandom rnd = new SplittableRandom(5);
            ActivityDetector d = new ActivityDetector();
            feed(d, 0, 20, x -> 0, x -> 0.1, 1.5, rnd); // large white noise: variance without periodicity
            assertEquals(Activity.SITTING, d.activity());
        }
    }

    @Nested
    class SeatedFallback {
        @Test
        void aStillFlexedLowerBackWhileStandingMeansSeated() {
            SplittableRandom rnd = new SplittableRandom(6);
            ActivityDetector d = new ActivityDetector();
            double t = still(d, 0, 5, rnd);
            t = transition(d, t, 0.4, rnd);
            t = still(d, t, 2, rnd);
            assertEquals(Activity.STANDING, d.activity());
            for (double s = t; s < t + 5; s += 0.1) d.posture(s, -10, -8); // standing lordosis: stays standing
            assertEquals(Activity.STANDING, d.activity());
            for (double s = t + 5; s < t + 12.5; s += 0.1) d.posture(s, 15, 8);
            assertEquals(Activity.SITTING, d.activity());
            assertEquals(1, d.seatedFallbackCount());
        }

        @Test
        void canBeSwitchedOff() {
            ActivityParams p = ActivityParams.DEFAULT;
            ActivityParams off = new ActivityParams(p.motionGyroRadPerS(), p.motionAccMps2(), p.quietGyroRadPerS(),
                    p.quietAccMps2(), p.quietSeconds(), p.transitionMinM(), p.maxTransitionSeconds(), p.walkStdMps2(),
                    p.walkAutocorrelation(), p.walkEnterSeconds(), p.walkExitSeconds(), false, p.seatedLumbarDeg(),
                    p.seatedPostureSeconds());
            ActivityDetector d = new ActivityDetector(off);
            d.reset(Activity.STANDING);
            for (double s = 0; s < 30; s += 0.1) d.posture(s, 15, 8);
            assertEquals(Activity.STANDING, d.activity());
        }
    }
}
