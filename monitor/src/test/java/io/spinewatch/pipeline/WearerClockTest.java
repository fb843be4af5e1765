package io.spinewatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.protocol.SensorSlot;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WearerClockTest {
    /**
     * Three devices sampling at 100 Hz with their own origin, drift and latency, delivered in true-time order.
     * Returns the worst error of mapped time against true time (anchor clock) after the first minute.
     */
    static double worstError(double seconds, double[] originS, double[] driftPpm, SplittableRandom rnd) {
        WearerClock clock = new WearerClock();
        double[] next = {0.0013, 0.0041, 0.0077};
        double worst = 0;
        Double anchorOffset = null;
        while (true) {
            int who = 0;
            for (int i = 1; i < 3; i++) if (next[i] < next[who]) who = i;
            double t = next[who];
            if (t > seconds) break;
            double device = originS[who] + t * (1 + driftPpm[who] * 1e-6) + rnd.nextDouble() * 200e-6;
            double mapped = clock.map(SensorSlot.values()[who], device);
            if (who == clock.anchor().ordinal() && anchorOffset == null) anchorOffset = mapped - t;
            if (t > 60 && anchorOffset != null) {
                // The timeline runs on the anchor's clock: compare with the anchor's reading of true time.
                int a = clock.anchor().ordinal();
                double anchorTime = originS[a] + t * (1 + driftPpm[a] * 1e-6);
                worst = Math.max(worst, Math.abs(mapped - anchorTime));
            }
            next[who] += 0.01;
        }
        return worst;
    }

    @Nested
    class Alignment {
        @Test
        void devicesWithOtherOriginsAndDriftLandOnOneTimelineWithinMilliseconds() {
            double worst = worstError(600, new double[] {1000, 3.25, 77777}, new double[] {30, -30, 10}, new SplittableRandom(1));
            assertTrue(worst < 0.008, "worst " + worst);
        }

        @Test
        void withoutDriftOffsetsConvergeToTheOriginDifference() {
            WearerClock clock = new WearerClock();
            for (int k = 0; k < 20000; k++) {
                double t = k * 0.01;
                clock.map(SensorSlot.PELVIS, 50 + t);
                clock.map(SensorSlot.UPPER, 2 + t + 0.005);
            }
            // upper's sample at device 2 + t + 0.005 was taken 5 ms after pelvis' at 50 + t.
            assertEquals(48, clock.offsetSeconds(SensorSlot.UPPER), 0.006);
            assertEquals(0, clock.offsetSeconds(SensorSlot.PELVIS));
            assertEquals(SensorSlot.PELVIS, clock.anchor());
        }
    }

    @Nested
    class Anchor {
        @Test
        void aSilentAnchorIsReplacedWithoutAJump() {
            WearerClock clock = new WearerClock();
            double last = 0;
            for (int k = 0; k < 1000; k++) {
                clock.map(SensorSlot.MID, 10 + k * 0.01);
                last = clock.map(SensorSlot.UPPER, 20 + k * 0.01 + 0.004);
            }
            // mid stops; upper goes on for 5 s.
            for (int k = 1000; k < 1500; k++) {
                double m = clock.map(SensorSlot.UPPER, 20 + k * 0.01 + 0.004);
                assertTrue(m > last && m - last < 0.011, "continuous: " + (m - last));
                last = m;
            }
            assertEquals(SensorSlot.UPPER, clock.anchor());
        }
    }
}
