package io.spinewatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.live.Angle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MinuteAccumulatorTest {
    static final long M0 = 1_773_129_600_000L;

    @Nested
    class Minutes {
        @Test
        void aMinuteCompletesWhenTheNextBegins() {
            MinuteAccumulator acc = new MinuteAccumulator("ann");
            List<MinuteAggregate> out = new ArrayList<>();
            // 10 Hz for 150 s: 40 s upright, then slouched; lumbar flexion rises 0.1 deg per sample.
            for (int i = 0; i < 1500; i++) {
                long t = M0 + i * 100L;
                acc.add(t, 0.1, i < 400 ? "upright" : "slouched", i * 0.1, Double.NaN, -2, 5).ifPresent(out::add);
            }
            acc.finish().ifPresent(out::add);
            assertEquals(3, out.size());
            MinuteAggregate first = out.get(0);
            assertEquals(M0, first.minuteStartMillis());
            assertEquals(40, first.seconds("upright"), 1e-9);
            assertEquals(20, first.seconds("slouched"), 1e-9);
            AngleStats lumbar = first.angles().get(Angle.LUMBAR_FLEXION);
            assertEquals(0, lumbar.minDeg(), 1e-9);
            assertEquals(59.9, lumbar.maxDeg(), 1e-9);
            assertEquals(29.95, lumbar.meanDeg(), 1e-9);
            assertFalse(first.angles().containsKey(Angle.THORACIC_FLEXION), "an angle never measured is absent");
            AngleStats pelvic = first.angles().get(Angle.PELVIC_TILT);
            assertEquals(List.of(-2.0, -2.0, -2.0), List.of(pelvic.meanDeg(), pelvic.minDeg(), pelvic.maxDeg()));
            assertEquals(60, pelvic.measuredSeconds(), 1e-9, "the weight of the mean: seconds measured");
            assertEquals(M0 + 120_000, out.get(2).minuteStartMillis());
            assertEquals(30, out.get(2).seconds("slouched"), 1e-9);
        }

        @Test
        void roundingOverrunIsScaledBackToSixtySeconds() {
            MinuteAccumulator acc = new MinuteAccumulator("ann");
            for (int i = 0; i < 61; i++) {
                acc.add(M0 + i * 980L, 1.0, "upright", 1, 1, 1, 1);
            }
            MinuteAggregate m = acc.finish().orElseThrow();
            assertEquals(60, m.seconds("upright"), 1e-9);
        }

        @Test
        void nothingAddedGivesNothing() {
            assertTrue(new MinuteAccumulator("ann").finish().isEmpty());
        }
    }
}
