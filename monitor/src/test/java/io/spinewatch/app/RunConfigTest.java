package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.protocol.ImuBatch;
import io.spinewatch.protocol.NativeEncoder;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.transport.serial.PtyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spinewatch run --config}: one wearer with one serial port per sensor. Two socat pseudo-terminals play two
 * devices of the same wearer, the upper-back one and the pelvis one, each on its own port; both sensors must reach
 * that one wearer's pipeline.
 */
@Tag("integration")
class RunConfigTest {
    @TempDir
    Path dir;

    /** A still sensor at 100 Hz: 1 g on z, no rotation, on the native protocol's 16 g / 2000 dps ranges. */
    private static byte[] stillFrame(long deviceId, SensorSlot slot, long seq) {
        ImuBatch b = new ImuBatch().start(deviceId, slot, seq, seq * 10_000, 10_000, 16, 2000);
        b.add((short) 0, (short) 0, (short) 2048, (short) 0, (short) 0, (short) 0);
        return new NativeEncoder().imuBatch(b);
    }

    @Test
    void twoPortsOfOneWearerBothReachThatWearer() throws Exception {
        Files.createDirectories(dir.resolve("upper"));
        Files.createDirectories(dir.resolve("pelvis"));
        try (PtyPair upper = PtyPair.start(dir.resolve("upper")); PtyPair pelvis = PtyPair.start(dir.resolve("pelvis"))) {
            Path config = dir.resolve("desk.properties");
            Files.writeString(config, String.join("\n",
                    "# one wearer, one port per sensor",
                    "serial.upper.port = " + upper.hostPath(),
                    "serial.upper.wearer = desk-9",
                    "serial.pelvis.port = " + pelvis.hostPath(),
                    "serial.pelvis.wearer = desk-9",
                    "wearer.desk-9.name = Desk nine",
                    "dashboard.enabled = false",
                    "data-dir = " + dir.resolve("data"),
                    ""));
            RunCommandTest.Running run = new RunCommandTest.Running("run", "--config", config.toString(),
                    "--status-every", "1", "--minutes", "0.1");
            PtyPair.await(() -> run.out.toString().contains("serial:" + pelvis.hostPath()), 10_000, "both ports to open");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong written = new AtomicLong();
            Thread devices = new Thread(() -> {
                try {
                    for (long seq = 0; !stop.get(); seq++) {
                        upper.write(stillFrame(1, SensorSlot.UPPER, seq));
                        pelvis.write(stillFrame(2, SensorSlot.PELVIS, seq));
                        written.set(seq + 1);
                        Thread.sleep(10);
                    }
                } catch (IOException | InterruptedException e) {
                    // the run ended and the ptys closed
                }
            }, "two-devices");
            devices.start();
            int exit = run.await();
            stop.set(true);
            devices.join(2_000);
            String out = run.out.toString();
            assertEquals(0, exit, run.err.toString());
            assertTrue(out.contains("run: reading serial:" + upper.hostPath() + " for wearer desk-9"), out);
            assertTrue(out.contains("run: reading serial:" + pelvis.hostPath() + " for wearer desk-9"), out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("desk-9") && l.contains("sensors 2/2")),
                    "a status line of desk-9 shows both sensors reporting: " + out);
            assertTrue(out.lines().noneMatch(l -> l.startsWith("wearer-") || l.contains("sensors 1/1")), "no second wearer: " + out);
            // The summary has one line per source, each with the samples it delivered.
            assertTrue(out.lines().anyMatch(l -> l.startsWith("run: serial:" + upper.hostPath()) && !l.contains("samples=0 ")), out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("run: serial:" + pelvis.hostPath()) && !l.contains("samples=0 ")), out);
            assertTrue(out.contains("second device on a slot 0"), out);
            assertTrue(written.get() > 100, "the devices wrote for a while: " + written.get());
        }
    }
}
