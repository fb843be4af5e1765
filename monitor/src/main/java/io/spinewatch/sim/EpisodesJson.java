package io.spinewatch.sim;

import io.spinewatch.text.JsonText;
import io.spinewatch.fusion.Quat;
import io.spinewatch.trace.NumberText;
import java.util.List;

/**
 * The labelled episodes of a simulated session as JSON, shaped like the {@code replay --report} so they
 * compare directly: {@code episodes} ({@code start_s, end_s, state}, plus the {@code activity}),
 * {@code drills} ({@code drill, start_s, end_s, reps}), and beyond that {@code calibrate}, {@code swivels},
 * {@code dropouts} and per-device facts. Times are true time in seconds. Written by hand: no JSON library.
 */
public final class EpisodesJson {
    private EpisodesJson() {
    }

    /** The JSON document for a finished run. */
    public static String of(Session s, Simulation.Config config, String noiseName, SimulationResult result) {
        StringBuilder b = new StringBuilder(4096);
        b.append("{\n");
        field(b, "format", "spinewatch-sim-episodes v1").append(",\n");
        field(b, "scenario", s.scenarioName()).append(",\n");
        b.append("  \"seed\": ").append(s.seed()).append(",\n");
        b.append("  \"duration_s\": ").append(num(s.durationS())).append(",\n");
        b.append("  \"sample_rate_hz\": ").append(num(config.sampleRateHz())).append(",\n");
        field(b, "noise", noiseName).append(",\n");
        field(b, "time_base", "true time; each sensor's trace t_s is its own device clock (see devices)").append(",\n");
        b.append("  \"calibrate\": {\"start_s\": ").append(num(s.calibration().startS()))
                .append(", \"end_s\": ").append(num(s.calibration().endS())).append("},\n");
        b.append("  \"episodes\": [");
        List<Session.Episode> eps = s.episodes();
        for (int i = 0; i < eps.size(); i++) {
            Session.Episode e = eps.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"start_s\": ").append(num(e.startS()))
                    .append(", \"end_s\": ").append(num(e.endS()))
                    .append(", \"state\": ").append(quote(e.state().label()))
                    .append(", \"activity\": ").append(quote(e.activity())).append('}');
        }
        b.append("\n  ],\n  \"drills\": [");
        for (int i = 0; i < s.drills().size(); i++) {
            Session.DrillEpisode d = s.drills().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"drill\": ").append(quote(d.drill().label()))
                    .append(", \"start_s\": ").append(num(d.startS()))
                    .append(", \"end_s\": ").append(num(d.endS()))
                    .append(", \"reps\": ").append(d.reps()).append('}');
        }
        b.append(s.drills().isEmpty() ? "],\n" : "\n  ],\n").append("  \"swivels\": [");
        for (int i = 0; i < s.swivels().size(); i++) {
            Session.SwivelEpisode w = s.swivels().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"start_s\": ").append(num(w.startS()))
                    .append(", \"end_s\": ").append(num(w.endS()))
                    .append(", \"angle_deg\": ").append(num(w.angleDeg())).append('}');
        }
        b.append(s.swivels().isEmpty() ? "],\n" : "\n  ],\n").append("  \"dropouts\": [");
        List<SimulationResult.Dropout> drops = result.dropouts();
        for (int i = 0; i < drops.size(); i++) {
            SimulationResult.Dropout d = drops.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"sensor\": ").append(quote(d.slot().label()))
                    .append(", \"start_s\": ").append(num(d.startS()))
                    .append(", \"end_s\": ").append(num(d.endS()))
                    .append(", \"lost_samples\": ").append(d.lostSamples()).append('}');
        }
        b.append(drops.isEmpty() ? "],\n" : "\n  ],\n").append("  \"devices\": [");
        Quat m = new Quat();
        for (int i = 0; i < result.devices().size(); i++) {
            SimulationResult.Device d = result.devices().get(i);
            config.mountings().get(d.slot(), m);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"sensor\": ").append(quote(d.slot().label()))
                    .append(", \"delivered\": ").append(d.delivered())
                    .append(", \"lost\": ").append(d.lost())
                    .append(", \"clock_offset_s\": ").append(num(d.clockOffsetS()))
                    .append(", \"clock_drift_ppm\": ").append(num(d.clockDriftPpm()))
                    .append(", \"gyro_bias_rad_per_s\": ").append(array(d.gyroBiasRadPerS()))
                    .append(", \"acc_bias_mps2\": ").append(array(d.accBiasMps2()))
                    .append(", \"mounting_sensor_to_segment\": ").append(array(new double[] {m.w, m.x, m.y, m.z}))
                    .append('}');
        }
        b.append("\n  ],\n  \"steps\": [");
        for (int i = 0; i < s.steps().size(); i++) {
            b.append(i == 0 ? "" : ", ").append(quote(s.steps().get(i).text()));
        }
        b.append("]\n}\n");
        return b.toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        return b.append("  ").append(quote(name)).append(": ").append(quote(value));
    }

    private static String num(double v) {
        return NumberText.fixed(v, 6);
    }

    private static String array(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(NumberText.fixed(v[i], 9));
        }
        return b.append(']').toString();
    }

    /** A JSON string literal (see {@link JsonText#string}). */
    static String quote(String s) {
        return JsonText.string(s);
    }
}
