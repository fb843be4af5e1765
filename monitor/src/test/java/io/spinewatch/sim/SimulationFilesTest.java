package io.spinewatch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.trace.NumberText;
import io.spinewatch.trace.TimeRange;
import io.spinewatch.trace.TraceFormat;
import io.spinewatch.trace.TraceReadResult;
import io.spinewatch.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationFilesTest {

    private static double asWritten(double v, int decimals) {
        return Double.parseDouble(NumberText.fixed(v, decimals));
    }

    @Nested
    class RoundTrip {
        @Test
        void theTraceReadsBackAsTheSamplesWereEmitted(@TempDir Path dir) throws IOException {
            for (boolean gzip : new boolean[] {false, true}) {
                Session s = Scenario.named("quick").compile(12);
                Simulation.Config c = Simulation.Config.of(100, SensorNoise.REALISTIC, Mountings.random(12)).withMagnetometer(gzip);
                List<double[]> emitted = new ArrayList<>();
                Simulation.run(s, c, x -> {
                    var m = x.imu();
                    emitted.add(new double[] {x.deviceTimeS(), m.slot().ordinal(),
                            asWritten(m.axMps2(), TraceFormat.ACC_DECIMALS), asWritten(m.azMps2(), TraceFormat.ACC_DECIMALS),
                            asWritten(m.gyRadPerS(), TraceFormat.GYRO_DECIMALS), asWritten(m.mzMicroTesla(), TraceFormat.MAG_DECIMALS)});
                });
                Path out = dir.resolve(gzip ? "gz" : "plain");
                SimulationFiles.Written w = SimulationFiles.write(s, c, "realistic", out, gzip);
                assertEquals(out.resolve(gzip ? "trace.csv.gz" : "trace.csv"), w.trace());
                assertEquals(emitted.size(), w.traceRows());
                List<double[]> read = new ArrayList<>();
                TraceReadResult r;
                try (TraceReader reader = TraceReader.open(w.trace())) {
                    assertEquals(new TimeRange(0, 12), reader.metadata().calibrate().orElseThrow());
                    assertEquals("12", reader.metadata().values().get("seed"));
                    assertEquals("quick", reader.metadata().values().get("scenario"));
                    assertEquals(gzip, reader.metadata().magnetometer());
                    r = reader.read(row -> read.add(new double[] {row.tS(), row.slot().ordinal(), row.axMps2(), row.azMps2(),
                            row.gyRadPerS(), row.hasMag() ? row.mz() : 0}));
                }
                assertTrue(r.clean(), r.describe());
                assertEquals(emitted.size(), read.size());
                for (int i = 0; i < read.size(); i++) {
                    double[] e = emitted.get(i);
                    if (!gzip) {
                        e[5] = 0;
                    }
                    assertTrue(java.util.Arrays.equals(e, read.get(i)), "row " + i);
                }
                assertTrue(Files.size(w.episodes()) > 500);
                long truthLines;
                try (var in = gzip ? new java.util.zip.GZIPInputStream(Files.newInputStream(w.truth())) : Files.newInputStream(w.truth())) {
                    truthLines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).lines().count();
                }
                assertEquals(w.truthRows() + 1, truthLines);
                assertTrue(SimulationFiles.summary(w).contains(w.trace().toString()));
            }
        }
    }
}
