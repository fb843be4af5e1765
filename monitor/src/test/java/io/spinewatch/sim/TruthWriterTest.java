package io.spinewatch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.fusion.Quat;
import io.spinewatch.protocol.SensorSlot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TruthWriterTest {

    @Nested
    class Rows {
        @Test
        void angleColumnsMatchTheReplayOutputAndQuaternionsFollow() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            List<double[]> expected = new ArrayList<>();
            Session s = Scenario.named("quick").compile(5);
            Simulation.Config c = Simulation.Config.of(20, SensorNoise.NONE, Mountings.random(5));
            try (TruthWriter w = new TruthWriter(bytes)) {
                Simulation.run(s, c, new SimulationListener() {
                    @Override
                    public void onSample(SimulatedSample x) {
                    }

                    @Override
                    public void onTruth(TruthFrame f) {
                        try {
                            w.write(f);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        Quat q = f.orientation(SensorSlot.PELVIS).copy().canonicalize();
                        expected.add(new double[] {f.tS(), f.lumbarFlexionDeg(), f.pelvicTiltDeg(), q.w, q.z});
                    }
                });
            }
            String[] lines = bytes.toString(StandardCharsets.US_ASCII).split("\n");
            assertTrue(lines[0].startsWith("t_s,lumbar_flexion_deg,thoracic_flexion_deg,pelvic_tilt_deg,trunk_lean_deg,state,upper_qw,"));
            assertEquals(6 + 12, lines[0].split(",").length);
            assertEquals(expected.size() + 1, lines.length);
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(",");
                double[] e = expected.get(i - 1);
                assertEquals(18, f.length);
                assertEquals(e[0], Double.parseDouble(f[0]), 1e-6);
                assertEquals(e[1], Double.parseDouble(f[1]), 1e-4);
                assertEquals(e[2], Double.parseDouble(f[3]), 1e-4);
                assertEquals(s.stateAt(e[0]).label(), f[5]);
                assertEquals(e[3], Double.parseDouble(f[14]), 1e-7);
                assertEquals(e[4], Double.parseDouble(f[17]), 1e-7);
                assertTrue(Double.parseDouble(f[6]) >= 0, "w >= 0");
            }
        }
    }
}
