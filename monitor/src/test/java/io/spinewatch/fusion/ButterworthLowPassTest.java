package io.spinewatch.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ButterworthLowPassTest {
    private static double[] one(double v) {
        return new double[] {v};
    }

    /** Settles the filter at 0, then feeds a unit step and returns the output {@code tau} seconds later. */
    private static double stepResponseAtTau(double tau, double dt) {
        ButterworthLowPass lp = new ButterworthLowPass(tau, 1);
        double[] y = new double[1];
        for (double t = 0; t < 2 * tau; t += dt) {
            lp.step(dt, one(0), y);
        }
        int n = (int) Math.round(tau / dt);
        for (int k = 0; k < n; k++) {
            lp.step(dt, one(1), y);
        }
        return y[0];
    }

    @Nested
    class Response {
        @Test
        void aConstantInputIsReproducedFromTheFirstSample() {
            ButterworthLowPass lp = new ButterworthLowPass(3, 2);
            double[] y = new double[2];
            for (int k = 0; k < 1000; k++) {
                lp.step(0.01, new double[] {9.81, -2.5}, y);
                assertEquals(9.81, y[0], 1e-10);
                assertEquals(-2.5, y[1], 1e-10);
            }
            assertFalse(lp.isWarmingUp());
        }

        @Test
        void theStepResponseFollowsTheTimeConstantAtAnyRate() {
            // Second-order Butterworth with fc = sqrt(2) / (2 pi tau): y(tau) = 1 - exp(-1) (cos 1 + sin 1) = 0.492.
            double expected = 1 - Math.exp(-1) * (Math.cos(1) + Math.sin(1));
            assertEquals(expected, stepResponseAtTau(3, 0.01), 0.01);
            assertEquals(expected, stepResponseAtTau(3, 0.04), 0.02);
            assertEquals(expected, stepResponseAtTau(0.5, 0.01), 0.02);
        }

        @Test
        void theWarmUpOutputIsTheRunningMean() {
            ButterworthLowPass lp = new ButterworthLowPass(1, 1);
            double[] y = new double[1];
            lp.step(0.1, one(1), y);
            assertEquals(1, y[0], 1e-12);
            lp.step(0.1, one(3), y);
            assertEquals(2, y[0], 1e-12);
            lp.step(0.1, one(8), y);
            assertEquals(4, y[0], 1e-12);
            assertTrue(lp.isWarmingUp());
        }
    }

    @Nested
    class VariableIntervals {
        @Test
        void aChangedIntervalKeepsASettledOutputSettled() {
            ButterworthLowPass lp = new ButterworthLowPass(3, 1);
            double[] y = new double[1];
            for (int k = 0; k < 2000; k++) {
                lp.step(0.01, one(5), y);
            }
            for (int k = 0; k < 200; k++) {
                lp.step(k % 2 == 0 ? 0.02 : 0.005, one(5), y);
                assertEquals(5, y[0], 1e-9);
            }
        }

        @Test
        void aLostSampleDuringAnOscillationStartsNoTransient() {
            // Gait-like: 9.81 +- 3 m/s^2 at 1.9 Hz, whose mean the filter holds; then one 0.45 s interval (lost
            // samples) and the regular rate again. The output may move by what the held input adds over the gap
            // (below 0.3), never swing away: a state that belonged to one set of coefficients once did, by 8.
            ButterworthLowPass lp = new ButterworthLowPass(3, 1);
            double[] y = new double[1];
            double t = 0;
            double worst = 0;
            for (int k = 0; k < 4000; k++) {
                double dt = k == 2000 ? 0.45 : 0.01;
                t += dt;
                lp.step(dt, one(9.81 + 3 * Math.sin(2 * Math.PI * 1.9 * t)), y);
                if (k >= 1000) {
                    worst = Math.max(worst, Math.abs(y[0] - 9.81));
                }
            }
            assertTrue(worst < 0.3, "worst deviation " + worst);
        }

        @Test
        void theStateIsTheSameAtAnyInterval() {
            // After a step to 1, ten intervals of 0.01 s and one of 0.1 s with that input end in the same state.
            ButterworthLowPass fine = new ButterworthLowPass(0.5, 1);
            ButterworthLowPass coarse = new ButterworthLowPass(0.5, 1);
            double[] a = new double[1];
            double[] b = new double[1];
            for (int k = 0; k < 100; k++) {
                fine.step(0.01, one(0), a);
                coarse.step(0.01, one(0), b);
            }
            fine.step(0.01, one(1), a);
            coarse.step(0.01, one(1), b);
            for (int k = 0; k < 10; k++) {
                fine.step(0.01, one(1), a);
            }
            coarse.step(0.1, one(1), b);
            assertEquals(a[0], b[0], 1e-10);
            fine.step(0.01, one(1), a);
            coarse.step(0.01, one(1), b);
            assertEquals(a[0], b[0], 1e-10);
        }

        @Test
        void aHugeIntervalStaysStable() {
            ButterworthLowPass lp = new ButterworthLowPass(0.05, 1);
            double[] y = new double[1];
            for (int k = 0; k < 100; k++) {
                lp.step(1.0, one(k % 2), y);
                assertTrue(Math.abs(y[0]) < 2, "" + y[0]);
            }
        }
    }
}
