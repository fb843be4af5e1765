package io.spinewatch.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.protocol.SensorSlot;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WearerSnapshotTest {

    @Nested
    class Ids {
        @Test
        void urlSafeIdsAreAccepted() {
            assertEquals("ann-1_b.2", WearerSnapshot.requireWearerId("ann-1_b.2"));
        }

        @Test
        void idsThatWouldNeedEscapingAreRejected() {
            for (String bad : new String[] {"", "a b", "a/b", "a\"b", "é", "x".repeat(65)}) {
                assertThrows(IllegalArgumentException.class, () -> WearerSnapshot.requireWearerId(bad), bad);
            }
        }
    }

    @Nested
    class Builder {
        @Test
        void nanLeavesAnAngleUnknownAndAngleDegReadsEachField() {
            WearerSnapshot s = WearerSnapshot.builder("w1", "Ann")
                    .angleDeg(Angle.LUMBAR_FLEXION, 12.5)
                    .angleDeg(Angle.THORACIC_FLEXION, Double.NaN)
                    .angleDeg(Angle.PELVIC_TILT, -3)
                    .build();
            assertEquals(OptionalDouble.of(12.5), s.angleDeg(Angle.LUMBAR_FLEXION));
            assertFalse(s.angleDeg(Angle.THORACIC_FLEXION).isPresent());
            assertEquals(OptionalDouble.of(-3), s.pelvicTiltDeg());
            assertFalse(s.trunkLeanDeg().isPresent());
        }

        @Test
        void toBuilderKeepsEveryValue() {
            WearerSnapshot s = WearerSnapshot.builder("w1", "Ann").tSeconds(4)
                    .angleDeg(Angle.TRUNK_LEAN, 7).state("slouched", 3).secondsToday("slouched", 60)
                    .alertsToday(2).slouchedSecondsToday(60).threshold(Angle.TRUNK_LEAN, new AngleThreshold(20, 15))
                    .sensor(SensorSlot.UPPER, new SensorHealth(50, 0.01, OptionalDouble.of(80), false))
                    .alert(new AlertNote(3, "slouch", true, "slouched 30 s"))
                    .build();
            assertEquals(s, s.toBuilder().build());
        }

        @Test
        void onlyTheNewestAlertsAreKept() {
            WearerSnapshot.Builder b = WearerSnapshot.builder("w1", "Ann");
            for (int i = 0; i < WearerSnapshot.MAX_LAST_ALERTS + 5; i++) {
                b.alert(new AlertNote(i, "slouch", true, "n" + i));
            }
            WearerSnapshot s = b.build();
            assertEquals(WearerSnapshot.MAX_LAST_ALERTS, s.lastAlerts().size());
            assertEquals("n5", s.lastAlerts().get(0).reason());
        }
    }

    @Nested
    class Immutability {
        @Test
        void mapsPassedInAreCopied() {
            Map<String, Double> today = new HashMap<>();
            today.put("upright", 10.0);
            WearerSnapshot s = WearerSnapshot.builder("w1", "Ann").build();
            WearerSnapshot t = new WearerSnapshot("w1", "Ann", 0, OptionalDouble.empty(), OptionalDouble.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty(), "upright", 0, today, 0, 0,
                    s.thresholds(), s.sensors(), s.drill(), s.lastAlerts());
            today.put("slouched", 5.0);
            assertEquals(Map.of("upright", 10.0), t.secondsByStateToday());
            assertThrows(UnsupportedOperationException.class, () -> t.secondsByStateToday().put("x", 1.0));
        }

        @Test
        void badValuesAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> WearerSnapshot.builder("w1", "Ann").state(" ", 0).build());
            assertThrows(IllegalArgumentException.class, () -> WearerSnapshot.builder("w1", "Ann").state("upright", -1).build());
            assertThrows(IllegalArgumentException.class, () -> WearerSnapshot.builder("w1", "Ann").angleDeg(Angle.PELVIC_TILT, Double.POSITIVE_INFINITY).build());
            assertThrows(IllegalArgumentException.class, () -> new SensorHealth(50, 1.5, OptionalDouble.empty(), false));
            assertThrows(IllegalArgumentException.class, () -> new DrillCard("d", "D", "", 5, 0, 0, true));
            assertTrue(new DrillCard("d", "D", "", 5, 3, 0, true).withRepsDone(2).repsDone() == 2);
        }
    }
}
