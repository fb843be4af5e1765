package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.protocol.ImuBatch;
import io.spinewatch.protocol.NativeEncoder;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.protocol.StreamingCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DecodeCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        List<String> rows() {
            return out.lines().toList();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Spinewatch.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A capture of {@code batches} upper-sensor batches of 10 samples, every other one with magnetometer. */
    static byte[] capture(int batches) {
        NativeEncoder enc = new NativeEncoder();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ImuBatch b = new ImuBatch();
        for (int i = 0; i < batches; i++) {
            b.start(42, SensorSlot.UPPER, i * 10L, i * 100_000L, 10_000, 2, 250);
            boolean mag = i % 2 == 1;
            if (mag) {
                b.withMag(4900);
            }
            for (int k = 0; k < 10; k++) {
                if (mag) {
                    b.add((short) 16384, (short) 0, (short) -16384, (short) 0, (short) 16384, (short) 0, (short) 100, (short) 0, (short) 0);
                } else {
                    b.add((short) 16384, (short) 0, (short) -16384, (short) 0, (short) 16384, (short) 0);
                }
            }
            wire.writeBytes(enc.imuBatch(b));
        }
        return wire.toByteArray();
    }

    @Nested
    class Native {
        @Test
        void printsOneCsvRowPerSampleInPhysicalUnits() throws IOException {
            Path f = dir.resolve("capture.bin");
            Files.write(f, capture(2));
            Run r = run("decode", f.toString(), "--protocol", "native");
            assertEquals(0, r.exit(), r.err());
            List<String> rows = r.rows();
            assertEquals("device,slot,seq,t_us,ax,ay,az,gx,gy,gz,mx,my,mz", rows.get(0));
            assertEquals(21, rows.size());
            String[] first = rows.get(1).split(",", -1);
            assertEquals(List.of("42", "upper", "0", "0"), List.of(first).subList(0, 4));
            assertEquals(9.80665, Double.parseDouble(first[4]), 1e-12, "16384 counts of +-2 g");
            assertEquals(-9.80665, Double.parseDouble(first[6]), 1e-12);
            assertEquals(Math.toRadians(125), Double.parseDouble(first[8]), 1e-12);
            assertEquals("", first[10] + first[11] + first[12], "no magnetometer: empty columns");
            String[] withMag = rows.get(11).split(",", -1);
            assertEquals("10", withMag[2]);
            assertEquals(100 * 4900 / 32768.0, Double.parseDouble(withMag[10]), 1e-9);
        }

        @Test
        void protocolDefaultsToNativeAndTheSummaryGoesToStderr() throws IOException {
            Path f = dir.resolve("capture.bin");
            byte[] good = capture(3);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(new byte[] {1, 2, 3, 0});   // noise: one malformed frame, 3 bytes skipped
            wire.writeBytes(good);
            wire.writeBytes(new NativeEncoder().command(new StreamingCommand(42, 1, true)));
            Files.write(f, wire.toByteArray());
            Run r = run("decode", f.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(31, r.rows().size());
            assertTrue(r.err().contains("frames_ok=4"), r.err());
            assertTrue(r.err().contains("malformed=1"), r.err());
            assertTrue(r.err().contains("bytes_skipped=3"), r.err());
            assertTrue(r.err().contains("samples=30"), r.err());
            assertFalse(r.out().contains("frames_ok"), "counters stay off stdout");
        }

        @Test
        void aCaptureLargerThanOneReadChunkIsStreamedWhole() throws IOException {
            Path f = dir.resolve("big.bin");
            byte[] wire = capture(2000);
            assertTrue(wire.length > 3 * 65536);
            Files.write(f, wire);
            Run r = run("decode", f.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(1 + 20_000, r.rows().size());
            assertTrue(r.err().contains("samples_lost=0"), r.err());
            assertTrue(r.err().contains("bytes=" + wire.length), r.err());
        }
    }

    @Nested
    class Errors {
        @Test
        void aMissingFileIsAClearMessageAndExitCode2() {
            Run r = run("decode", dir.resolve("nope.bin").toString());
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("no such file"), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertEquals("", r.out(), "no CSV header for a file that is not there");
        }

        @Test
        void anUnknownProtocolIsAUsageError() throws IOException {
            Path f = dir.resolve("capture.bin");
            Files.write(f, capture(1));
            Run r = run("decode", f.toString(), "--protocol", "morse");
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("unknown protocol 'morse'"), r.err());
        }
    }
}
