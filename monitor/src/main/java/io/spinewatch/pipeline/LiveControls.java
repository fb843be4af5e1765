package io.spinewatch.pipeline;

import io.spinewatch.live.LiveControl;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link LiveControl} of a set of {@link LiveWearer}s: each request is queued for its wearer's thread
 * ({@link LiveWearer#request}); nothing here touches a pipeline. Thread-safe.
 */
public final class LiveControls implements LiveControl {
    private final ConcurrentHashMap<String, LiveWearer> wearers = new ConcurrentHashMap<>();

    /** Makes a wearer controllable. */
    public void add(LiveWearer w) {
        wearers.put(w.wearerId(), w);
    }

    public void remove(String wearerId) {
        wearers.remove(wearerId);
    }

    @Override
    public boolean recalibrate(String wearerId) {
        LiveWearer w = wearers.get(wearerId);
        if (w == null) {
            return false;
        }
        w.request(new LiveWearer.Request(LiveWearer.RequestKind.RECALIBRATE, Optional.empty()));
        return true;
    }

    @Override
    public boolean drillDone(String wearerId, String drillId) {
        return drill(wearerId, drillId, LiveWearer.RequestKind.DRILL_DONE);
    }

    @Override
    public boolean drillSkip(String wearerId, String drillId) {
        return drill(wearerId, drillId, LiveWearer.RequestKind.DRILL_SKIP);
    }

    private boolean drill(String wearerId, String drillId, LiveWearer.RequestKind kind) {
        LiveWearer w = wearers.get(wearerId);
        // The card is read as the wearer's thread last left it; if it ends meanwhile, the request is a no-op there.
        if (w == null || drillId == null || !drillId.equals(w.activeDrillId())) {
            return false;
        }
        w.request(new LiveWearer.Request(kind, Optional.of(drillId)));
        return true;
    }
}
