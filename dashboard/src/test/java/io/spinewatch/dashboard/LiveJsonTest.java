package io.spinewatch.dashboard;

import io.spinewatch.sim.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.spinewatch.live.AlertNote;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.live.WearerSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LiveJsonTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Nested
    class Snapshot {
        @Test
        void everyFieldIsWrittenWithItsUnitInTheKey() {
            WearerSnapshot s = Snapshots.slouched("w7", "Bo \"B\" Lee", 7200.25);
            Map<String, Object> j = Json.object(LiveJson.snapshot(s));
            assertEquals("w7", j.get("id"));
            assertEquals("Bo \"B\" Lee", j.get("name"));
            assertEquals(7200.25, j.get("t_s"));
            assertEquals(Map.of("lumbar_flexion_deg", 24.6, "thoracic_flexion_deg", 19.3,
                    "pelvic_tilt_deg", 16.8, "trunk_lean_deg", 9.5), j.get("angles_deg"));
            assertEquals("slouched", j.get("state"));
            assertEquals(42.0, j.get("state_duration_s"));
            assertEquals(Map.of("upright", 3600.0, "slouched", 900.0), j.get("seconds_by_state_today"));
            assertEquals(2.0, j.get("alerts_today"));
            assertEquals(900.0, j.get("slouched_seconds_today"));
            assertEquals(Map.of("enter", 18.0, "leave", 12.0), map(j.get("thresholds_deg")).get("lumbar_flexion_deg"));
            assertEquals(3, map(j.get("thresholds_deg")).size());
            Map<String, Object> pelvis = map(map(j.get("sensors")).get("pelvis"));
            assertNull(pelvis.get("battery_pct"));
            assertEquals(false, pelvis.get("silent"));
            assertEquals(64.0, map(map(j.get("sensors")).get("mid")).get("battery_pct"));
            Map<String, Object> drill = map(j.get("drill"));
            assertEquals("pelvic_tilts", drill.get("id"));
            assertEquals(Snapshots.PELVIC_TILTS.stepsText(), drill.get("steps"));
            assertEquals(2.0, drill.get("reps_done"));
            assertEquals(8.0, drill.get("reps_target"));
            List<?> alerts = (List<?>) j.get("last_alerts");
            assertEquals(2, alerts.size());
            assertEquals("slouched 30 s (lumbar_flexion)", map(alerts.get(1)).get("reason"));
        }

        @Test
        void unknownAnglesAndNoDrillAreNull() {
            WearerSnapshot s = WearerSnapshot.builder("one", "One").state("no_signal", 3).build();
            Map<String, Object> j = Json.object(LiveJson.snapshot(s));
            assertEquals(4, map(j.get("angles_deg")).size());
            map(j.get("angles_deg")).values().forEach(v -> assertNull(v));
            assertNull(j.get("drill"));
            assertEquals(Map.of(), j.get("sensors"));
        }
    }

    @Nested
    class Tiles {
        @Test
        void tilesCarryWhatTheOverviewSorts() {
            List<?> tiles = (List<?>) Json.parse(LiveJson.tiles(List.of(
                    Snapshots.upright("a", "Ann", 10), Snapshots.slouched("b", "Bo", 10))));
            assertEquals(2, tiles.size());
            Map<String, Object> b = map(tiles.get(1));
            assertEquals("b", b.get("id"));
            assertEquals("slouched", b.get("state"));
            assertEquals(900.0, b.get("slouched_seconds_today"));
            assertEquals(2.0, b.get("alerts_today"));
            assertEquals("Pelvic tilts", b.get("drill"));
            assertNull(map(tiles.get(0)).get("drill"));
        }
    }

    @Nested
    class Events {
        @Test
        void discreteEventsNameTheirKindAndWearer() {
            Map<String, Object> alert = Json.object(LiveJson.event(
                    new LiveEvent.Alert("a", new AlertNote(5, "reminder", false, "quiet window"))));
            assertEquals("a", alert.get("id"));
            assertEquals(false, map(alert.get("alert")).get("delivered"));
            Map<String, Object> drill = Json.object(LiveJson.event(new LiveEvent.DrillProgress("a", 6,
                    Snapshots.PELVIC_TILTS.withRepsDone(8), LiveEvent.DrillStatus.DONE)));
            assertEquals("done", drill.get("status"));
            assertEquals(8.0, map(drill.get("drill")).get("reps_done"));
            Map<String, Object> cal = Json.object(LiveJson.event(new LiveEvent.Calibration("a", 7,
                    LiveEvent.CalibrationPhase.FAILED, Optional.of("moved during sit-tall"))));
            assertEquals("failed", cal.get("phase"));
            assertEquals("calibration", LiveJson.eventName(new LiveEvent.Calibration("a", 7,
                    LiveEvent.CalibrationPhase.DONE, Optional.empty())));
        }
    }
}
