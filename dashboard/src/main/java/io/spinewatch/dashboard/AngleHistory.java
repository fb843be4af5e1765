package io.spinewatch.dashboard;

import io.spinewatch.live.Angle;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.live.LiveListener;
import io.spinewatch.live.WearerSnapshot;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last few minutes of every wearer's angles, thinned to one point per step, so a wearer page
 * opened now starts with full strip charts. Fixed-size rings: memory is bounded per wearer.
 */
final class AngleHistory implements LiveListener {
    /** Points kept per wearer: with the default step, the three minutes the page charts. */
    static final int DEFAULT_POINTS = 180;
    /** Pipeline seconds between kept points. */
    static final double DEFAULT_STEP_SECONDS = 1.0;

    private final int points;
    private final double stepSeconds;
    private final ConcurrentHashMap<String, Ring> rings = new ConcurrentHashMap<>();

    AngleHistory(int points, double stepSeconds) {
        if (points < 2 || !(stepSeconds > 0)) {
            throw new IllegalArgumentException("points >= 2 and stepSeconds > 0 required");
        }
        this.points = points;
        this.stepSeconds = stepSeconds;
    }

    @Override
    public void onEvent(LiveEvent event) {
        if (event instanceof LiveEvent.Snapshot s) {
            rings.computeIfAbsent(s.wearerId(), id -> new Ring()).add(s.snapshot());
        }
    }

    /** The wearer's history as JSON {@code {"t_s":[...],"angles_deg":{"lumbar_flexion_deg":[...],...}}}. */
    Optional<String> json(String wearerId) {
        Ring r = rings.get(wearerId);
        return r == null ? Optional.empty() : Optional.of(r.json());
    }

    /** One wearer's ring; written by the wearer's publisher, read by request threads. */
    private final class Ring {
        final double[] tSeconds = new double[points];
        final double[][] anglesDeg = new double[Angle.values().length][points];
        int next;
        int size;

        synchronized void add(WearerSnapshot s) {
            if (size > 0) {
                double last = tSeconds[(next - 1 + points) % points];
                if (s.tSeconds() < last) {
                    size = 0; // the pipeline's clock started over (a new trace, a restart)
                } else if (s.tSeconds() - last < stepSeconds) {
                    return;
                }
            }
            tSeconds[next] = s.tSeconds();
            for (Angle a : Angle.values()) {
                OptionalDouble v = s.angleDeg(a);
                anglesDeg[a.ordinal()][next] = v.isPresent() ? v.getAsDouble() : Double.NaN;
            }
            next = (next + 1) % points;
            size = Math.min(size + 1, points);
        }

        synchronized String json() {
            StringBuilder sb = new StringBuilder(64 + size * 40);
            JsonWriter w = new JsonWriter(sb).beginObject().name("t_s").beginArray();
            int first = (next - size + points) % points;
            for (int i = 0; i < size; i++) {
                w.value(tSeconds[(first + i) % points]);
            }
            w.endArray().name("angles_deg").beginObject();
            for (Angle a : Angle.values()) {
                w.name(a.label()).beginArray();
                for (int i = 0; i < size; i++) {
                    w.value(anglesDeg[a.ordinal()][(first + i) % points]);
                }
                w.endArray();
            }
            w.endObject().endObject();
            return sb.toString();
        }
    }
}
