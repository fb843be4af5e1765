package io.spinewatch.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MagneticReferenceTest {
    private static final double DT = 0.01;
    private static final Vec3 CLEAN = new Vec3(0, 20, -40);
    private static final Vec3 STRONGER = new Vec3(0, 30, -60);

    private static double feed(MagneticReference m, Vec3 field, double seconds, double gyroRadPerS) {
        double factor = Double.NaN;
        for (int k = 0; k < Math.round(seconds / DT); k++) {
            factor = m.update(DT, field.copy(), gyroRadPerS);
        }
        return factor;
    }

    @Nested
    class Reference {
        @Test
        void theFirstSteadyFieldBecomesTheReferenceAfterFiveSeconds() {
            MagneticReference m = new MagneticReference(FilterParams.DEFAULT);
            feed(m, CLEAN, 4.8, 0);
            assertFalse(m.hasReference());
            feed(m, CLEAN, 0.4, 0);
            assertTrue(m.hasReference());
            assertEquals(CLEAN.norm(), m.referenceNorm(), 1e-6);
            assertEquals(Math.atan2(40, 20), m.referenceDipRad(), 1e-6);
        }

        @Test
        void aNewFieldNeedsTurningToBeAccepted() {
            MagneticReference m = new MagneticReference(FilterParams.DEFAULT);
            feed(m, CLEAN, 10, 0);
            feed(m, STRONGER, 100, 0);
            assertTrue(m.isDisturbed(), "sitting still in a changed field never adopts it");
            feed(m, STRONGER, 21, Math.toRadians(30));
            assertFalse(m.isDisturbed());
            assertEquals(STRONGER.norm(), m.referenceNorm(), 0.01);
        }
    }

    @Nested
    class Rejection {
        @Test
        void aDisturbanceStopsTheCorrectionForAtMostTheLongestRejection() {
            MagneticReference m = new MagneticReference(FilterParams.DEFAULT);
            assertEquals(1, feed(m, CLEAN, 10, 0));
            assertEquals(0, feed(m, STRONGER, 59, 0));
            assertTrue(m.isDisturbed());
            assertEquals(0.5, feed(m, STRONGER, 2, 0), "then a reduced gain of 1 / magRejectionFactor");
            assertEquals(1, feed(m, CLEAN, 1, 0));
            assertFalse(m.isDisturbed());
        }

        @Test
        void switchedOffTheGainIsAlwaysFull() {
            MagneticReference m = new MagneticReference(FilterParams.builder().magRejectionEnabled(false).build());
            feed(m, CLEAN, 10, 0);
            assertEquals(1, feed(m, STRONGER, 5, 0));
            assertTrue(m.isDisturbed(), "still detected, only not acted on");
        }
    }
}
