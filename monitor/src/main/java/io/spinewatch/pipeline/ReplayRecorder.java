package io.spinewatch.pipeline;

import io.spinewatch.text.JsonText;
import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.feedback.DrillSet;
import io.spinewatch.feedback.RepSignal;
import io.spinewatch.posture.CalibrationResult;
import io.spinewatch.posture.PosturePattern;
import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.SensorSet;
import io.spinewatch.posture.SpineAngles;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.trace.NumberText;
import io.spinewatch.trace.TraceReadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens to a {@link WearerPipeline} during a replay: streams the angles CSV of the replay contract and keeps
 * episodes, alerts, prompts, drill sets and calibration for the JSON report ({@link #writeReport}).
 *
 * <p>Angles CSV: {@code t_s,lumbar_flexion_deg,thoracic_flexion_deg,pelvic_tilt_deg,trunk_lean_deg,state}, one
 * row per pipeline step, angles with 2 decimals; an angle the worn sensors cannot give, and every angle while
 * calibrating or without signal, is an empty cell.
 */
public final class ReplayRecorder implements PostureListener {
    public static final String ANGLES_HEADER = "t_s,lumbar_flexion_deg,thoracic_flexion_deg,pelvic_tilt_deg,trunk_lean_deg,state";

    private record Episode(double startSeconds, double endSeconds, PostureState state, PosturePattern pattern) {
    }

    private final Writer angles;
    /** One angles row, formatted without String.format (one per step: the replay's biggest cost otherwise). */
    private final byte[] lineBytes = new byte[256];
    private final char[] lineChars = new char[256];
    private final List<Episode> episodes = new ArrayList<>();
    private final List<AlertEvent> alerts = new ArrayList<>();
    private final List<DrillPrompt> prompts = new ArrayList<>();
    private final List<DrillSet> drills = new ArrayList<>();
    private final List<CalibrationResult> calibrations = new ArrayList<>();
    private final long[] silences = new long[SensorSlot.COUNT];
    private PostureState current;
    private PosturePattern currentPattern;
    private double currentSince;
    private double lastSeconds = Double.NaN;
    private double firstSeconds = Double.NaN;
    private long angleRows;

    /** @param angles where the angles CSV goes (header written now), or null for none */
    public ReplayRecorder(Writer angles) {
        this.angles = angles;
        if (angles != null) {
            write(ANGLES_HEADER + "\n");
        }
    }

    @Override
    public void onStateChange(StateChange c) {
        if (current != null && c.to() != current) {
            episodes.add(new Episode(currentSince, c.tSeconds(), current, currentPattern));
        }
        if (current == null || c.to() != current) {
            current = c.to();
            currentSince = c.tSeconds();
            currentPattern = c.pattern().orElse(null);
        }
        if (Double.isNaN(firstSeconds)) firstSeconds = c.tSeconds();
        lastSeconds = c.tSeconds();
    }

    @Override
    public void onAngles(SpineAngles a, PostureState state) {
        // Steps count only when the angles are written: the report then ends where the angles file does, and is the
        // same whether or not another listener (replay --html) had the pipeline compute angles.
        if (angles == null) return;
        if (Double.isNaN(firstSeconds)) firstSeconds = a.tSeconds();
        lastSeconds = a.tSeconds();
        byte[] b = lineBytes;
        int n = NumberText.appendFixed(b, 0, a.tSeconds(), 3);
        b[n++] = ',';
        n = cell(b, n, a.lumbarFlexionDeg());
        n = cell(b, n, a.thoracicFlexionDeg());
        n = cell(b, n, a.pelvicTiltDeg());
        n = cell(b, n, a.trunkLeanDeg());
        char[] c = lineChars;
        for (int i = 0; i < n; i++) c[i] = (char) b[i];
        String label = state.label();
        label.getChars(0, label.length(), c, n);
        n += label.length();
        c[n++] = '\n';
        try {
            angles.write(c, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        angleRows++;
    }

    /** An angle with 2 decimals, trailing zeros dropped (as {@link JsonText#number}), or an empty cell; then a comma. */
    private static int cell(byte[] b, int n, double v) {
        if (Double.isFinite(v)) n = NumberText.appendFixed(b, n, v, 2);
        b[n++] = ',';
        return n;
    }

    private void write(CharSequence s) {
        try {
            angles.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onAlert(AlertEvent alert) {
        alerts.add(alert);
    }

    @Override
    public void onDrillPrompt(DrillPrompt prompt) {
        prompts.add(prompt);
    }

    @Override
    public void onDrillSet(DrillSet set) {
        drills.add(set);
    }

    @Override
    public void onCalibration(CalibrationResult result) {
        calibrations.add(result);
    }

    @Override
    public void onSensorStatus(SensorStatus status) {
        if (status.silent()) silences[status.slot().ordinal()]++;
    }

    public long angleRows() {
        return angleRows;
    }

    /** Episodes closed so far plus the current one up to the last step. */
    private List<Episode> allEpisodes() {
        List<Episode> all = new ArrayList<>(episodes);
        if (current != null) all.add(new Episode(currentSince, Math.max(currentSince, lastSeconds), current, currentPattern));
        return all;
    }

    /** Repetitions as the report gives them: rotations per side, i.e. completed left-and-right cycles (turns / 2). */
    public static int reportedReps(DrillSet d) {
        return d.signal() == RepSignal.THORACIC_ROTATION ? d.reps() / 2 : d.reps();
    }

    /**
     * Writes the JSON report of the replay contract.
     *
     * @param pipeline the pipeline after {@link WearerPipeline#finish()}
     * @param read what the trace reader saw (rows, skipped, truncated)
     * @param trace the trace's name as given
     */
    public void writeReport(Writer out, WearerPipeline pipeline, TraceReadResult read, String trace) throws IOException {
        StringBuilder b = new StringBuilder(4096);
        b.append("{\n  \"episodes\": [");
        List<Episode> eps = allEpisodes();
        for (int i = 0; i < eps.size(); i++) {
            Episode e = eps.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"start_s\": ").append(JsonText.number(e.startSeconds(), 3))
                    .append(", \"end_s\": ").append(JsonText.number(e.endSeconds(), 3))
                    .append(", \"state\": ").append(JsonText.string(e.state().label()));
            if (e.pattern() != null) b.append(", \"pattern\": ").append(JsonText.string(e.pattern().label()));
            b.append('}');
        }
        b.append(eps.isEmpty() ? "],\n" : "\n  ],\n");
        b.append("  \"alerts\": [");
        for (int i = 0; i < alerts.size(); i++) {
            AlertEvent a = alerts.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"t_s\": ").append(JsonText.number(a.tSeconds(), 3))
                    .append(", \"kind\": ").append(JsonText.string(a.kind().label()))
                    .append(", \"delivery\": ").append(JsonText.string(a.delivery().name().toLowerCase(java.util.Locale.ROOT)));
            a.pattern().ifPresent(p -> b.append(", \"pattern\": ").append(JsonText.string(p.label())));
            b.append('}');
        }
        b.append(alerts.isEmpty() ? "],\n" : "\n  ],\n");
        b.append("  \"drills\": [");
        for (int i = 0; i < drills.size(); i++) {
            DrillSet d = drills.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"drill\": ").append(JsonText.string(d.drillId()))
                    .append(", \"start_s\": ").append(JsonText.number(d.startSeconds(), 3))
                    .append(", \"end_s\": ").append(JsonText.number(d.endSeconds(), 3))
                    .append(", \"reps\": ").append(reportedReps(d))
                    .append(", \"signal\": ").append(JsonText.string(d.signal().label()))
                    .append(", \"movements\": ").append(d.reps())
                    .append(", \"prompted\": ").append(d.prompted()).append('}');
        }
        b.append(drills.isEmpty() ? "],\n" : "\n  ],\n");
        b.append("  \"prompts\": [");
        for (int i = 0; i < prompts.size(); i++) {
            DrillPrompt p = prompts.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"t_s\": ").append(JsonText.number(p.tSeconds(), 3))
                    .append(", \"drill\": ").append(JsonText.string(p.drill().id()))
                    .append(", \"counted\": ").append(p.counted()).append('}');
        }
        b.append(prompts.isEmpty() ? "],\n" : "\n  ],\n");
        summary(b, pipeline, read, trace);
        b.append("}\n");
        out.write(b.toString());
    }

    private void summary(StringBuilder b, WearerPipeline p, TraceReadResult read, String trace) {
        int seen = p.seenMask();
        int calibrated = 0;
        b.append("  \"summary\": {\n");
        b.append("    \"trace\": ").append(JsonText.string(trace)).append(",\n");
        b.append("    \"start_s\": ").append(JsonText.number(firstSeconds, 3)).append(",\n");
        b.append("    \"end_s\": ").append(JsonText.number(lastSeconds, 3)).append(",\n");
        b.append("    \"step_rate_hz\": ").append(JsonText.number(1 / p.stepSeconds(), 3)).append(",\n");
        b.append("    \"angle_rows\": ").append(angleRows).append(",\n");
        b.append("    \"sensors\": ").append(JsonText.string(SensorSet.label(seen))).append(",\n");
        if (p.calibration().isPresent()) {
            calibrated = SensorSet.of(p.calibration().get().sensors().toArray(new SensorSlot[0]));
        }
        b.append("    \"sensors_calibrated\": ").append(JsonText.string(SensorSet.label(calibrated))).append(",\n");
        b.append("    \"limitation\": ").append(JsonText.string(SensorSet.limitation(calibrated))).append(",\n");
        b.append("    \"minutes_in_state\": {");
        PostureState[] all = PostureState.values();
        for (int i = 0; i < all.length; i++) {
            b.append(i == 0 ? "" : ", ").append(JsonText.string(all[i].label())).append(": ")
                    .append(JsonText.number(p.secondsIn(all[i]) / 60, 3));
        }
        b.append("},\n");
        long delivered = alerts.stream().filter(AlertEvent::delivered).count();
        b.append("    \"alerts_due\": ").append(alerts.size()).append(",\n");
        b.append("    \"alerts_delivered\": ").append(delivered).append(",\n");
        b.append("    \"drill_sets\": ").append(drills.size()).append(",\n");
        b.append("    \"stand_ups\": ").append(p.activityDetector().standUpCount()).append(",\n");
        b.append("    \"sit_downs\": ").append(p.activityDetector().sitDownCount()).append(",\n");
        b.append("    \"sensor_silences\": {");
        for (SensorSlot s : SensorSlot.values()) {
            b.append(s.ordinal() == 0 ? "" : ", ").append(JsonText.string(s.label())).append(": ").append(silences[s.ordinal()]);
        }
        b.append("},\n");
        b.append("    \"clock_offsets_s\": {");
        for (SensorSlot s : SensorSlot.values()) {
            b.append(s.ordinal() == 0 ? "" : ", ").append(JsonText.string(s.label())).append(": ")
                    .append(SensorSet.has(seen, s) ? JsonText.number(p.clock().offsetSeconds(s), 6) : "null");
        }
        b.append("},\n");
        b.append("    \"calibrations\": [");
        for (int i = 0; i < calibrations.size(); i++) {
            CalibrationResult c = calibrations.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("      {\"start_s\": ").append(JsonText.number(c.startSeconds(), 3))
                    .append(", \"end_s\": ").append(JsonText.number(c.endSeconds(), 3))
                    .append(", \"ok\": ").append(c.ok())
                    .append(", \"sagittal\": ").append(JsonText.string(c.hingeDetected() ? "measured" : "ASSUMED"))
                    .append(", \"warnings\": [");
            for (int k = 0; k < c.warnings().size(); k++) {
                b.append(k == 0 ? "" : ", ").append(JsonText.string(c.warnings().get(k)));
            }
            b.append("]");
            c.calibration().ifPresent(cal -> b.append(", \"text\": ").append(JsonText.string(cal.toText())));
            b.append('}');
        }
        b.append(calibrations.isEmpty() ? "],\n" : "\n    ],\n");
        b.append("    \"samples\": ").append(p.sampleCount()).append(",\n");
        b.append("    \"samples_rejected\": ").append(p.rejectedSampleCount()).append(",\n");
        b.append("    \"rows\": ").append(read.rows()).append(",\n");
        b.append("    \"rows_skipped\": {\"column_count\": ").append(read.columnCount())
                .append(", \"not_a_number\": ").append(read.notANumber())
                .append(", \"unknown_sensor\": ").append(read.unknownSensor())
                .append(", \"non_monotonic_time\": ").append(read.nonMonotonicTime())
                .append(", \"line_too_long\": ").append(read.lineTooLong())
                .append(", \"total\": ").append(read.skipped()).append("},\n");
        b.append("    \"truncated\": ").append(read.truncated()).append(",\n");
        b.append("    \"truncation_reason\": ").append(JsonText.string(read.truncationReason())).append('\n');
        b.append("  }\n");
    }
}
