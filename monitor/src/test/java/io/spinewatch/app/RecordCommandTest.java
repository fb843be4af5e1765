package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.ingest.Frames;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.trace.TraceReadResult;
import io.spinewatch.trace.TraceReader;
import io.spinewatch.trace.TraceRow;
import io.spinewatch.transport.serial.PtyPair;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RecordCommandTest {
    @TempDir
    Path dir;

    @Nested
    @Tag("integration")
    class LiveSerial {
        @Test
        void aSessionIsWrittenAsATraceWithDeviceTimeAndTheRawBytesExactly() throws Exception {
            try (PtyPair pty = PtyPair.start(dir)) {
                Path trace = dir.resolve("session.csv");
                Path raw = dir.resolve("session.bin");
                StringWriter err = new StringWriter();
                CommandLine cl = Spinewatch.commandLine();
                cl.setOut(new PrintWriter(new StringWriter()));
                cl.setErr(new PrintWriter(err));
                CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cl.execute(
                        "record", "--serial", pty.hostPath().toString(), "--wearer", "ann",
                        "--out", trace.toString(), "--raw", raw.toString(), "--seconds", "1.5"));
                // The command reports the open port on stderr before it waits.
                PtyPair.await(() -> err.toString().contains("baud ->"), 10_000, "the port to open: " + err);
                ByteArrayOutputStream sent = new ByteArrayOutputStream();
                for (long seq = 0; seq < 40; seq++) {
                    SensorSlot slot = seq % 2 == 0 ? SensorSlot.UPPER : SensorSlot.PELVIS;
                    byte[] f = Frames.sample(slot, seq);
                    pty.write(f);
                    sent.writeBytes(f);
                }
                assertEquals(0, run.get(), err.toString());
                assertTrue(err.toString().contains("40 rows"), err.toString());

                List<double[]> rows = new ArrayList<>();
                List<SensorSlot> slots = new ArrayList<>();
                TraceReadResult result;
                try (TraceReader reader = TraceReader.open(trace)) {
                    assertEquals("ann", reader.metadata().get("wearer").orElseThrow());
                    assertEquals("native", reader.metadata().get("protocol").orElseThrow());
                    result = reader.read((TraceRow row) -> {
                        rows.add(new double[] {row.tS(), row.axMps2()});
                        slots.add(row.slot());
                    });
                }
                assertTrue(result.clean(), result.describe());
                assertEquals(40, rows.size());
                for (int i = 0; i < 40; i++) {
                    assertEquals(i * Frames.PERIOD_MICROS / 1e6, rows.get(i)[0], 1e-9, "t_s from the device clock");
                    assertEquals(Frames.accX(i), rows.get(i)[1], 1e-4);
                    assertEquals(i % 2 == 0 ? SensorSlot.UPPER : SensorSlot.PELVIS, slots.get(i));
                }
                assertArrayEquals(sent.toByteArray(), Files.readAllBytes(raw));
            }
        }
    }

    @Nested
    class Errors {
        @Test
        void aMissingPortExitsWithTheClearMessage() {
            String missing = dir.resolve("ttyUSB3").toString();
            DecodeCommandTest.Run r = DecodeCommandTest.run("record", "--serial", missing,
                    "--out", dir.resolve("t.csv").toString(), "--seconds", "1");
            assertEquals(RecordCommand.EXIT_PORT, r.exit());
            assertTrue(r.err().contains("does not exist"), r.err());
        }

        @Test
        void anUnknownProtocolIsRefused() {
            DecodeCommandTest.Run r = DecodeCommandTest.run("record", "--serial", "/dev/null", "--protocol", "nmea",
                    "--out", dir.resolve("t.csv").toString());
            assertEquals(RecordCommand.EXIT_ARGUMENTS, r.exit());
            assertTrue(r.err().contains("unknown protocol 'nmea'"), r.err());
        }
    }
}
