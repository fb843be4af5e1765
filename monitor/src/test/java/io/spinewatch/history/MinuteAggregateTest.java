package io.spinewatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spinewatch.live.Angle;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Merging the parts of one wearer-minute, as the store and migration V2 do. */
class MinuteAggregateTest {
    static final long M0 = 1_773_126_000_000L;

    @Nested
    class Merge {
        @Test
        void isTheSameAsAccumulatingTheWholeMinute() {
            // 10 Hz: 0..24.9 s upright with lumbar 10 + 0.1 i, then slouched with no lumbar sensor for 10 s, then 20.
            MinuteAccumulator whole = new MinuteAccumulator("ann");
            MinuteAccumulator first = new MinuteAccumulator("ann");
            MinuteAccumulator second = new MinuteAccumulator("ann");
            for (int i = 0; i < 600; i++) {
                String state = i < 250 ? "upright" : "slouched";
                double lumbar = i < 250 ? 10 + 0.1 * i : i < 350 ? Double.NaN : 20;
                (i < 250 ? first : second).add(M0 + i * 100L, 0.1, state, lumbar, Double.NaN, -1, 3);
                whole.add(M0 + i * 100L, 0.1, state, lumbar, Double.NaN, -1, 3);
            }
            MinuteAggregate expected = whole.finish().orElseThrow();
            MinuteAggregate merged = MinuteAggregate.merge(first.finish().orElseThrow(), second.finish().orElseThrow());
            assertEquals(expected.secondsByState().keySet(), merged.secondsByState().keySet());
            for (String s : expected.secondsByState().keySet()) {
                assertEquals(expected.seconds(s), merged.seconds(s), 1e-9, s);
            }
            assertEquals(expected.angles().keySet(), merged.angles().keySet());
            for (Angle a : expected.angles().keySet()) {
                AngleStats e = expected.angles().get(a);
                AngleStats m = merged.angles().get(a);
                assertEquals(e.meanDeg(), m.meanDeg(), 1e-9, a.label());
                assertEquals(e.minDeg(), m.minDeg(), 1e-9, a.label());
                assertEquals(e.maxDeg(), m.maxDeg(), 1e-9, a.label());
                assertEquals(e.measuredSeconds(), m.measuredSeconds(), 1e-9, a.label());
            }
            assertEquals(50, merged.angles().get(Angle.LUMBAR_FLEXION).measuredSeconds(), 1e-9);
        }

        @Test
        void refusesTwoDifferentWearerMinutes() {
            MinuteAggregate a = new MinuteAggregate("ann", M0, Map.of("upright", 10.0), Map.of());
            assertThrows(IllegalArgumentException.class,
                    () -> MinuteAggregate.merge(a, new MinuteAggregate("bob", M0, Map.of("upright", 10.0), Map.of())));
            assertThrows(IllegalArgumentException.class,
                    () -> MinuteAggregate.merge(a, new MinuteAggregate("ann", M0 + 60_000, Map.of("upright", 10.0), Map.of())));
        }

        @Test
        void anOverlapBeyondSixtySecondsIsScaledBack() {
            MinuteAggregate a = new MinuteAggregate("ann", M0, Map.of("upright", 50.0),
                    Map.of(Angle.TRUNK_LEAN, new AngleStats(2, 1, 3, 50)));
            MinuteAggregate b = new MinuteAggregate("ann", M0, Map.of("upright", 30.0, "slouched", 20.0),
                    Map.of(Angle.TRUNK_LEAN, new AngleStats(12, 11, 13, 50)));
            MinuteAggregate m = MinuteAggregate.merge(a, b);
            assertEquals(48, m.seconds("upright"), 1e-9);
            assertEquals(12, m.seconds("slouched"), 1e-9);
            assertEquals(new AngleStats(7, 1, 13, 60), m.angles().get(Angle.TRUNK_LEAN));
        }
    }
}
