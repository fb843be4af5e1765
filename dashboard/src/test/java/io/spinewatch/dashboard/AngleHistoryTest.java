package io.spinewatch.dashboard;

import io.spinewatch.sim.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spinewatch.live.Angle;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.live.WearerSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AngleHistoryTest {

    static void publish(AngleHistory h, String id, double t, double lumbarDeg) {
        h.onEvent(new LiveEvent.Snapshot(WearerSnapshot.builder(id, id).tSeconds(t)
                .angleDeg(Angle.LUMBAR_FLEXION, lumbarDeg).build()));
    }

    static List<?> times(AngleHistory h, String id) {
        return (List<?>) Json.object(h.json(id).orElseThrow()).get("t_s");
    }

    @Nested
    class Thinning {
        @Test
        void keepsOnePointPerStep() {
            AngleHistory h = new AngleHistory(100, 1.0);
            for (int i = 0; i <= 50; i++) {
                publish(h, "a", i * 0.1, i);
            }
            assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0), times(h, "a"));
        }

        @Test
        void aClockThatStartsOverStartsTheHistoryOver() {
            AngleHistory h = new AngleHistory(100, 1.0);
            publish(h, "a", 50, 1);
            publish(h, "a", 51, 1);
            publish(h, "a", 2, 1);
            assertEquals(List.of(2.0), times(h, "a"));
        }
    }

    @Nested
    class Bounded {
        @Test
        void theRingKeepsTheNewestPointsInOrder() {
            AngleHistory h = new AngleHistory(5, 1.0);
            for (int i = 0; i < 12; i++) {
                publish(h, "a", i, i * 10);
            }
            assertEquals(List.of(7.0, 8.0, 9.0, 10.0, 11.0), times(h, "a"));
            Map<?, ?> angles = (Map<?, ?>) Json.object(h.json("a").orElseThrow()).get("angles_deg");
            assertEquals(List.of(70.0, 80.0, 90.0, 100.0, 110.0), angles.get("lumbar_flexion_deg"));
            List<Object> nulls = new ArrayList<>(Arrays.asList(null, null, null, null, null));
            assertEquals(nulls, angles.get("pelvic_tilt_deg"), "unknown angles are null");
        }

        @Test
        void wearersAreKeptApartAndUnknownOnesHaveNone() {
            AngleHistory h = new AngleHistory(5, 1.0);
            publish(h, "a", 0, 1);
            publish(h, "b", 0, 2);
            publish(h, "b", 1, 2);
            assertEquals(1, times(h, "a").size());
            assertEquals(2, times(h, "b").size());
            assertFalse(h.json("c").isPresent());
            assertThrows(IllegalArgumentException.class, () -> new AngleHistory(1, 1));
        }
    }
}
