package io.spinewatch.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SlouchOnsetEstimatorTest {
    static final double RATE_HZ = 10;
    /** Slouch measure at which the rule is taken to be met, deg (about half a slump). */
    static final double RULE_DEG = 15;
    static final double CONFIRM_SECONDS = 3;

    /** Minimum-jerk position from 0 to 1 over [0, 1]. */
    static double minJerk(double tau) {
        tau = Math.max(0, Math.min(1, tau));
        return tau * tau * tau * (10 - 15 * tau + 6 * tau * tau);
    }

    /** Feeds {@code measure(t)} plus white noise at 10 Hz until confirmation; returns {rule instant, onset}. */
    static double[] run(DoubleUnaryOperator measure, double noiseDeg, long seed, double endSeconds) {
        SlouchOnsetEstimator e = new SlouchOnsetEstimator(SlouchOnsetParams.DEFAULT, RATE_HZ);
        SplittableRandom rnd = new SplittableRandom(seed);
        double rule = Double.NaN;
        for (int k = 0; k * 0.1 <= endSeconds; k++) {
            double t = k * 0.1;
            double v = measure.applyAsDouble(t) + noiseDeg * rnd.nextGaussian();
            e.add(t, v);
            if (Double.isNaN(rule) && v >= RULE_DEG) rule = t;
            if (!Double.isNaN(rule) && t >= rule + CONFIRM_SECONDS - 1e-9) return new double[] {rule, e.onsetSeconds(rule, t)};
        }
        throw new AssertionError("rule never held");
    }

    @Nested
    class Slumps {
        @Test
        void aMinimumJerkSlumpIsDatedCloseToItsStart() {
            // A minimum-jerk slump moves under 1 % of its excursion in its first tenth, invisible under 0.2 deg of
            // noise, so a slow one is dated later (up to 1.5 s for 25 deg over 9 s); a quick one slightly early, since
            // the onset is the start of the first window that rose enough.
            double[] slides = {3, 6, 9};
            double[] lateTolerances = {0.5, 0.5, 1.5};
            for (double excursion : new double[] {25, 35, 45}) {
                for (int i = 0; i < slides.length; i++) {
                    double slideSeconds = slides[i];
                    for (long seed = 1; seed <= 10; seed++) {
                        double t0 = 20;
                        double[] r = run(t -> 2 + excursion * minJerk((t - t0) / slideSeconds), 0.2, seed, 60);
                        assertTrue(r[0] - t0 > 1, "the rule is met part-way through");
                        String what = excursion + " deg over " + slideSeconds + " s, seed " + seed + ": onset " + r[1];
                        assertTrue(r[1] >= t0 - 0.6 && r[1] <= t0 + lateTolerances[i], what);
                    }
                }
            }
        }

        @Test
        void aSteadyRampIsDatedAtMostSevenTenthsOfASecondEarly() {
            // A window that rose enough can start before the ramp by its length less the time the rise takes.
            for (long seed = 1; seed <= 10; seed++) {
                double t0 = 17.3;
                double[] r = run(t -> t < t0 ? 0 : Math.min(35, 5 * (t - t0)), 0.3, seed, 60);
                assertTrue(r[1] >= t0 - 0.8 && r[1] <= t0 + 0.1, "seed " + seed + ": onset " + r[1]);
            }
        }

        @Test
        void breathingBeforeTheSlumpDoesNotMoveTheOnsetEarlier() {
            double t0 = 30;
            double[] r = run(t -> 0.6 * Math.sin(2 * Math.PI * 0.3 * t) + 35 * minJerk((t - t0) / 6), 0.2, 3, 60);
            assertTrue(r[1] >= t0 - 0.6 && r[1] <= t0 + 0.5, "onset " + r[1]);
        }
    }

    @Nested
    class Bounds {
        @Test
        void aSlowDriftIsDatedAtTheRuleInstant() {
            // 0.5 deg/s: the rule is met 30 s into the drift; nothing rose fast, so nothing is backdated.
            double[] r = run(t -> 0.5 * t, 0.2, 4, 60);
            assertTrue(r[1] >= r[0] - 0.5, "onset " + r[1] + ", rule " + r[0]);
            assertTrue(r[1] <= r[0]);
        }

        @Test
        void aLongSlideIsDatedNoEarlierThanTheLookBackBeforeConfirmation() {
            // 2 deg/s from t0: fast enough throughout, but the rule is met 7.5 s in and confirmed at 10.5 s.
            double t0 = 10;
            double[] r = run(t -> Math.max(0, 2 * (t - t0)), 0.05, 5, 80);
            double confirmed = r[0] + CONFIRM_SECONDS;
            assertEquals(confirmed - SlouchOnsetParams.DEFAULT.maxLookbackSeconds(), r[1], 1e-6);
        }

        @Test
        void anInstantWithoutAMeasureBoundsTheOnset() {
            SlouchOnsetEstimator e = new SlouchOnsetEstimator(SlouchOnsetParams.DEFAULT, RATE_HZ);
            for (int k = 0; k <= 200; k++) {
                double t = k * 0.1;
                // rising since t = 10 at 5 deg/s, with one missing instant at t = 13
                e.add(t, k == 130 ? Double.NaN : Math.max(0, 5 * (t - 10)));
            }
            assertEquals(13.1, e.onsetSeconds(15, 18), 1e-6);
            e.clear();
            assertEquals(15, e.onsetSeconds(15, 18), 1e-6, "no history: the rule instant");
        }

        @Test
        void theOnsetIsNeverAfterTheRuleInstantOrTheConfirmation() {
            SlouchOnsetEstimator e = new SlouchOnsetEstimator(SlouchOnsetParams.DEFAULT, RATE_HZ);
            for (int k = 0; k <= 100; k++) e.add(k * 0.1, 20);
            assertEquals(7, e.onsetSeconds(7, 10), 1e-6);
            assertEquals(10, e.onsetSeconds(Double.NaN, 10), 1e-6);
            assertEquals(0, e.onsetSeconds(-5, 10), 1e-6, "bounded by the look-back");
        }
    }

    @Nested
    class Parameters {
        @Test
        void invalidSettingsAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> new SlouchOnsetParams(0, 1.5, 10, 15));
            assertThrows(IllegalArgumentException.class, () -> new SlouchOnsetParams(0.5, 0, 10, 15));
            assertThrows(IllegalArgumentException.class, () -> new SlouchOnsetParams(0.5, 1.5, -1, 15));
            assertThrows(IllegalArgumentException.class, () -> new SlouchOnsetParams(0.5, 1.5, 10, 10));
            assertThrows(IllegalArgumentException.class, () -> new SlouchOnsetEstimator(SlouchOnsetParams.DEFAULT, 0));
        }
    }
}
