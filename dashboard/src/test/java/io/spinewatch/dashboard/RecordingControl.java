package io.spinewatch.dashboard;

import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveControl;
import io.spinewatch.live.WearerSnapshot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link LiveControl} for tests that knows the wearers on a bus and their active drills, and
 * records every request it accepted ("recalibrate w1", "done w1 pelvic_tilts", "skip ...").
 */
final class RecordingControl implements LiveControl {
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final LiveBus bus;

    RecordingControl(LiveBus bus) {
        this.bus = bus;
    }

    @Override
    public boolean recalibrate(String wearerId) {
        return bus.latest(wearerId).isPresent() && calls.add("recalibrate " + wearerId);
    }

    @Override
    public boolean drillDone(String wearerId, String drillId) {
        return hasDrill(wearerId, drillId) && calls.add("done " + wearerId + " " + drillId);
    }

    @Override
    public boolean drillSkip(String wearerId, String drillId) {
        return hasDrill(wearerId, drillId) && calls.add("skip " + wearerId + " " + drillId);
    }

    private boolean hasDrill(String wearerId, String drillId) {
        return bus.latest(wearerId).flatMap(WearerSnapshot::drill).filter(d -> d.drillId().equals(drillId)).isPresent();
    }
}
