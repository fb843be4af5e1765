package io.spinewatch.dashboard;

import io.spinewatch.live.AlertNote;
import io.spinewatch.live.Angle;
import io.spinewatch.live.AngleThreshold;
import io.spinewatch.live.DrillCard;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.live.SensorHealth;
import io.spinewatch.live.WearerSnapshot;
import io.spinewatch.protocol.SensorSlot;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The JSON the dashboard serves and streams: a wearer's full snapshot, the overview tile, and the
 * discrete events. Keys are snake_case with units, like the replay report's.
 */
final class LiveJson {
    private LiveJson() {
    }

    /** The whole snapshot, as {@code /api/wearers/{id}} and the wearer feed send it. */
    static String snapshot(WearerSnapshot s) {
        StringBuilder sb = new StringBuilder(1024);
        writeSnapshot(new JsonWriter(sb), s);
        return sb.toString();
    }

    /** Overview tiles of the given wearers, as a JSON array. */
    static String tiles(Collection<WearerSnapshot> wearers) {
        StringBuilder sb = new StringBuilder(64 + 160 * wearers.size());
        JsonWriter w = new JsonWriter(sb).beginArray();
        for (WearerSnapshot s : wearers) {
            writeTile(w, s);
        }
        w.endArray();
        return sb.toString();
    }

    /** The JSON of a discrete event (alert, drill, calibration); snapshots use {@link #snapshot}. */
    static String event(LiveEvent e) {
        StringBuilder sb = new StringBuilder(256);
        JsonWriter w = new JsonWriter(sb).beginObject();
        w.name("id").value(e.wearerId()).name("t_s").value(e.tSeconds());
        if (e instanceof LiveEvent.Alert a) {
            w.name("alert");
            writeAlert(w, a.alert());
        } else if (e instanceof LiveEvent.DrillPrompt p) {
            w.name("status").value("prompted").name("drill");
            writeDrill(w, p.card());
        } else if (e instanceof LiveEvent.DrillProgress p) {
            w.name("status").value(p.status().label()).name("drill");
            writeDrill(w, p.card());
        } else if (e instanceof LiveEvent.Calibration c) {
            w.name("phase").value(c.phase().label()).name("message").value(c.message().orElse(null));
        } else if (e instanceof LiveEvent.Snapshot s) {
            w.name("snapshot");
            writeSnapshot(w, s.snapshot());
        }
        w.endObject();
        return sb.toString();
    }

    /** The SSE event name of a discrete event. */
    static String eventName(LiveEvent e) {
        if (e instanceof LiveEvent.Alert) {
            return "alert";
        } else if (e instanceof LiveEvent.Calibration) {
            return "calibration";
        } else if (e instanceof LiveEvent.Snapshot) {
            return "snapshot";
        }
        return "drill";
    }

    static void writeTile(JsonWriter w, WearerSnapshot s) {
        w.beginObject()
                .name("id").value(s.wearerId())
                .name("name").value(s.name())
                .name("t_s").value(s.tSeconds())
                .name("state").value(s.state())
                .name("state_duration_s").value(s.stateDurationSeconds())
                .name("slouched_seconds_today").value(s.slouchedSecondsToday())
                .name("alerts_today").value(s.alertsToday())
                .name("drill").value(s.drill().map(DrillCard::name).orElse(null))
                .name("sensors_silent").value(s.sensors().values().stream().filter(SensorHealth::silent).count())
                .endObject();
    }

    static void writeSnapshot(JsonWriter w, WearerSnapshot s) {
        w.beginObject()
                .name("id").value(s.wearerId())
                .name("name").value(s.name())
                .name("t_s").value(s.tSeconds());
        w.name("angles_deg").beginObject();
        for (Angle a : Angle.values()) {
            OptionalDouble v = s.angleDeg(a);
            w.name(a.label());
            if (v.isPresent()) {
                w.value(v.getAsDouble());
            } else {
                w.nullValue();
            }
        }
        w.endObject();
        w.name("state").value(s.state())
                .name("state_duration_s").value(s.stateDurationSeconds());
        w.name("seconds_by_state_today").beginObject();
        for (Map.Entry<String, Double> e : new TreeMap<>(s.secondsByStateToday()).entrySet()) {
            w.name(e.getKey()).value(e.getValue());
        }
        w.endObject();
        w.name("alerts_today").value(s.alertsToday())
                .name("slouched_seconds_today").value(s.slouchedSecondsToday());
        w.name("thresholds_deg").beginObject();
        for (Angle a : Angle.values()) {
            AngleThreshold t = s.thresholds().get(a);
            if (t != null) {
                w.name(a.label()).beginObject().name("enter").value(t.enterDeg()).name("leave").value(t.leaveDeg()).endObject();
            }
        }
        w.endObject();
        w.name("sensors").beginObject();
        for (SensorSlot slot : SensorSlot.values()) {
            SensorHealth h = s.sensors().get(slot);
            if (h != null) {
                w.name(slot.label()).beginObject()
                        .name("rate_hz").value(h.rateHz())
                        .name("loss_ratio").value(h.lossRatio())
                        .name("battery_pct");
                if (h.batteryPct().isPresent()) {
                    w.value(h.batteryPct().getAsDouble());
                } else {
                    w.nullValue();
                }
                w.name("silent").value(h.silent()).endObject();
            }
        }
        w.endObject();
        w.name("drill");
        if (s.drill().isPresent()) {
            writeDrill(w, s.drill().get());
        } else {
            w.nullValue();
        }
        w.name("last_alerts").beginArray();
        for (AlertNote a : s.lastAlerts()) {
            writeAlert(w, a);
        }
        w.endArray();
        w.endObject();
    }

    private static void writeDrill(JsonWriter w, DrillCard d) {
        w.beginObject()
                .name("id").value(d.drillId())
                .name("name").value(d.name())
                .name("steps").value(d.stepsText())
                .name("hold_s").value(d.holdSeconds())
                .name("reps_target").value(d.repsTarget())
                .name("reps_done").value(d.repsDone())
                .name("prompted").value(d.prompted())
                .endObject();
    }

    private static void writeAlert(JsonWriter w, AlertNote a) {
        w.beginObject()
                .name("t_s").value(a.tSeconds())
                .name("kind").value(a.kind())
                .name("delivered").value(a.delivered())
                .name("reason").value(a.reason())
                .endObject();
    }
}
