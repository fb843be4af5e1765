package io.spinewatch.sim;

import io.spinewatch.fusion.Quat;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.trace.NumberText;
import io.spinewatch.trace.TraceWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes one simulated session to a directory: {@code trace.csv} (the trace every tool reads, each sensor's
 * {@code t_s} on its own device clock), {@code truth.csv} (angles, state and orientations on the true time
 * base) and {@code episodes.json} (labels, drills, swivels, dropouts, device facts); with {@code gzip}, the
 * two CSV files get a {@code .gz} suffix and are compressed.
 */
public final class SimulationFiles {
    private SimulationFiles() {
    }

    /** What was written where. */
    public record Written(Path trace, Path truth, Path episodes, long traceRows, long truthRows,
                          Session session, SimulationResult result) {
    }

    /** Runs {@code session} with {@code config} and writes the three files into {@code dir} (created if missing). */
    public static Written write(Session session, Simulation.Config config, String noiseName, Path dir, boolean gzip)
            throws IOException {
        Files.createDirectories(dir);
        String suffix = gzip ? ".csv.gz" : ".csv";
        Path tracePath = dir.resolve("trace" + suffix);
        Path truthPath = dir.resolve("truth" + suffix);
        Path episodesPath = dir.resolve("episodes.json");
        SimulationResult result;
        long traceRows;
        long truthRows;
        try (TraceWriter trace = TraceWriter.open(tracePath, config.magnetometer());
             TruthWriter truth = TruthWriter.open(truthPath)) {
            trace.metadata("generator", "spinewatch simulate");
            trace.metadata("wearer", "sim-" + session.seed());
            trace.metadata("scenario", session.scenarioName());
            trace.metadata("seed", Long.toString(session.seed()));
            trace.calibrate(session.calibration());
            trace.metadata("sample_rate_hz", NumberText.fixed(config.sampleRateHz(), 6));
            trace.metadata("noise", noiseName);
            trace.metadata("time_base", "each sensor's t_s is its own device clock; truth.csv is true time");
            Quat m = new Quat();
            for (SimulationResult.Device d : Simulation.devices(session, config)) {
                config.mountings().get(d.slot(), m);
                trace.metadata("mounting." + d.slot().label(), String.format(Locale.ROOT,
                        "%.7f;%.7f;%.7f;%.7f", m.w, m.x, m.y, m.z));
                trace.metadata("clock." + d.slot().label(), String.format(Locale.ROOT,
                        "offset_s=%.6f;drift_ppm=%.3f", d.clockOffsetS(), d.clockDriftPpm()));
            }
            if (config.magnetometer()) {
                trace.metadata("mag_unit", "uT");
            }
            boolean mag = config.magnetometer();
            SimulationListener listener = new SimulationListener() {
                @Override
                public void onSample(SimulatedSample s) {
                    ImuSample x = s.imu();
                    try {
                        if (mag) {
                            trace.row(s.deviceTimeS(), x.slot(), x.axMps2(), x.ayMps2(), x.azMps2(),
                                    x.gxRadPerS(), x.gyRadPerS(), x.gzRadPerS(),
                                    x.mxMicroTesla(), x.myMicroTesla(), x.mzMicroTesla());
                        } else {
                            trace.row(s.deviceTimeS(), x.slot(), x.axMps2(), x.ayMps2(), x.azMps2(),
                                    x.gxRadPerS(), x.gyRadPerS(), x.gzRadPerS());
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void onTruth(TruthFrame f) {
                    try {
                        truth.write(f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            try {
                result = Simulation.run(session, config, listener);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            traceRows = trace.rows();
            truthRows = truth.rows();
        }
        Files.writeString(episodesPath, EpisodesJson.of(session, config, noiseName, result), StandardCharsets.UTF_8);
        return new Written(tracePath, truthPath, episodesPath, traceRows, truthRows, session, result);
    }

    /** A few lines for the command line: where the files are and what is in them. */
    public static String summary(Written w) {
        Session s = w.session();
        SimulationResult r = w.result();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "scenario %s, seed %d: %.1f s (%.1f min), calibration %s s%n",
                s.scenarioName(), s.seed(), s.durationS(), s.durationS() / 60, s.calibration().format()));
        b.append(String.format(Locale.ROOT, "  %s  %d rows (lost %d samples", w.trace(), w.traceRows(), r.lost()));
        for (SensorSlot slot : SensorSlot.values()) {
            b.append(' ').append(slot.label()).append('=').append(r.device(slot).lost());
        }
        b.append(String.format(Locale.ROOT, ", %d burst outages)%n", r.dropouts().size()));
        b.append(String.format(Locale.ROOT, "  %s  %d rows%n", w.truth(), w.truthRows()));
        b.append(String.format(Locale.ROOT, "  %s  %d episodes, %d drills, %d swivels%n", w.episodes(),
                s.episodes().size(), s.drills().size(), s.swivels().size()));
        return b.toString();
    }
}
