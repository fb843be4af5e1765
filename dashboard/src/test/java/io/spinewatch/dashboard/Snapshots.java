package io.spinewatch.dashboard;

import io.spinewatch.live.AlertNote;
import io.spinewatch.live.Angle;
import io.spinewatch.live.AngleThreshold;
import io.spinewatch.live.DrillCard;
import io.spinewatch.live.SensorHealth;
import io.spinewatch.live.WearerSnapshot;
import io.spinewatch.protocol.SensorSlot;
import java.util.Optional;
import java.util.OptionalDouble;

/** Realistic snapshots for the tests: an upright and a slouched sitter with three sensors. */
final class Snapshots {
    private Snapshots() {
    }

    static final DrillCard PELVIC_TILTS = new DrillCard("pelvic_tilts", "Pelvic tilts",
            "Sit tall, feet flat.\nRock the pelvis back, then forward.", 3, 8, 0, true);

    static WearerSnapshot.Builder base(String id, String name, double t) {
        return WearerSnapshot.builder(id, name).tSeconds(t)
                .threshold(Angle.LUMBAR_FLEXION, new AngleThreshold(18, 12))
                .threshold(Angle.THORACIC_FLEXION, new AngleThreshold(15, 10))
                .threshold(Angle.PELVIC_TILT, new AngleThreshold(12, 8))
                .sensor(SensorSlot.UPPER, new SensorHealth(50, 0.004, OptionalDouble.of(81), false))
                .sensor(SensorSlot.MID, new SensorHealth(49.6, 0.012, OptionalDouble.of(64), false))
                .sensor(SensorSlot.PELVIS, new SensorHealth(50, 0, OptionalDouble.empty(), false));
    }

    static WearerSnapshot upright(String id, String name, double t) {
        return base(id, name, t)
                .angleDeg(Angle.LUMBAR_FLEXION, 3.2).angleDeg(Angle.THORACIC_FLEXION, 4.1)
                .angleDeg(Angle.PELVIC_TILT, -1.5).angleDeg(Angle.TRUNK_LEAN, 2.0)
                .state("upright", 95).secondsToday("upright", 3600).secondsToday("slouched", 840)
                .slouchedSecondsToday(840).alertsToday(1)
                .alert(new AlertNote(t - 1800, "slouch", true, "slouched 30 s (posterior_pelvic_tilt)"))
                .build();
    }

    static WearerSnapshot slouched(String id, String name, double t) {
        return base(id, name, t)
                .angleDeg(Angle.LUMBAR_FLEXION, 24.6).angleDeg(Angle.THORACIC_FLEXION, 19.3)
                .angleDeg(Angle.PELVIC_TILT, 16.8).angleDeg(Angle.TRUNK_LEAN, 9.5)
                .state("slouched", 42).secondsToday("upright", 3600).secondsToday("slouched", 900)
                .slouchedSecondsToday(900).alertsToday(2)
                .alert(new AlertNote(t - 1800, "slouch", true, "slouched 30 s (posterior_pelvic_tilt)"))
                .alert(new AlertNote(t - 12, "slouch", true, "slouched 30 s (lumbar_flexion)"))
                .drill(Optional.of(PELVIC_TILTS.withRepsDone(2)))
                .build();
    }
}
