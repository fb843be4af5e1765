package io.spinewatch.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.protocol.SensorSlot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWriterTest {

    private static String write(boolean mag, IoAction<TraceWriter> body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter w = new TraceWriter(bytes, mag)) {
            body.run(w);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    interface IoAction<T> {
        void run(T t) throws IOException;
    }

    @Nested
    class Layout {
        @Test
        void versionMetadataHeaderThenRows() throws IOException {
            String text = write(false, w -> {
                w.metadata("wearer", "sim-42");
                w.calibrate(new TimeRange(0, 12.5));
                w.row(0.01, SensorSlot.UPPER, 0.1, -0.2, 9.80665, 0.001, -0.0000004, 0);
                w.row(0.020001, SensorSlot.PELVIS, 0, 0, -9.8, 1.25, 0, -3);
            });
            assertEquals("# spinewatch-trace v1\n# wearer=sim-42\n# calibrate=0-12.5\n"
                    + "t_s,sensor,ax,ay,az,gx,gy,gz\n"
                    + "0.01,upper,0.1,-0.2,9.80665,0.001,0,0\n"
                    + "0.020001,pelvis,0,0,-9.8,1.25,0,-3\n", text);
        }

        @Test
        void magnetometerColumnsWhenAsked() throws IOException {
            String text = write(true, w -> w.row(1, SensorSlot.MID, 0, 0, 9.8, 0, 0, 0, 20.5, -3, 41.25));
            assertTrue(text.contains("t_s,sensor,ax,ay,az,gx,gy,gz,mx,my,mz\n1,mid,0,0,9.8,0,0,0,20.5,-3,41.25\n"), text);
        }

        @Test
        void anEmptyTraceStillHasItsHeader() throws IOException {
            assertEquals("# spinewatch-trace v1\nt_s,sensor,ax,ay,az,gx,gy,gz\n", write(false, w -> { }));
        }
    }

    @Nested
    class Misuse {
        @Test
        void metadataAfterRowsOrWithLineBreaksIsRefused() {
            assertThrows(IllegalStateException.class, () -> write(false, w -> {
                w.row(0, SensorSlot.MID, 0, 0, 0, 0, 0, 0);
                w.metadata("late", "x");
            }));
            assertThrows(IllegalArgumentException.class, () -> write(false, w -> w.metadata("a", "b\nc")));
            assertThrows(IllegalArgumentException.class, () -> write(false, w -> w.metadata("a=b", "c")));
        }

        @Test
        void theMagnetometerShapeMustMatchTheHeader() {
            assertThrows(IllegalStateException.class, () -> write(true, w -> w.row(0, SensorSlot.MID, 0, 0, 0, 0, 0, 0)));
            assertThrows(IllegalStateException.class, () -> write(false, w -> w.row(0, SensorSlot.MID, 0, 0, 0, 0, 0, 0, 1, 2, 3)));
        }

        @Test
        void nonFiniteValuesAreRefusedRatherThanWritten() {
            assertThrows(IllegalArgumentException.class, () -> write(false, w -> w.row(0, SensorSlot.MID, Double.NaN, 0, 0, 0, 0, 0)));
        }
    }

    @Nested
    class Files_ {
        @Test
        void gzipBySuffixAndPlainOtherwise(@TempDir Path dir) throws IOException {
            Path gz = dir.resolve("t.csv.gz");
            Path plain = dir.resolve("t.csv");
            for (Path p : new Path[] {gz, plain}) {
                try (TraceWriter w = TraceWriter.open(p, false)) {
                    for (int i = 0; i < 5000; i++) {
                        w.row(i * 0.01, SensorSlot.values()[i % 3], i, -i, 9.8, 0.5, 0.25, -0.125);
                    }
                    assertEquals(5000, w.rows());
                }
            }
            byte[] unzipped;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                unzipped = in.readAllBytes();
            }
            assertArrayEquals(Files.readAllBytes(plain), unzipped);
            assertTrue(Files.size(gz) < Files.size(plain) / 3);
        }
    }
}
