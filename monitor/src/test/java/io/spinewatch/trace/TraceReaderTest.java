package io.spinewatch.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.protocol.SensorSlot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {
    private static final String HEAD = "# spinewatch-trace v1\nt_s,sensor,ax,ay,az,gx,gy,gz\n";

    /** A row kept as plain values. */
    record Row(double tS, SensorSlot slot, double[] v, long line) {
        static Row of(TraceRow r) {
            double[] v = r.hasMag()
                    ? new double[] {r.axMps2(), r.ayMps2(), r.azMps2(), r.gxRadPerS(), r.gyRadPerS(), r.gzRadPerS(), r.mx(), r.my(), r.mz()}
                    : new double[] {r.axMps2(), r.ayMps2(), r.azMps2(), r.gxRadPerS(), r.gyRadPerS(), r.gzRadPerS()};
            return new Row(r.tS(), r.slot(), v, r.lineNumber());
        }
    }

    record Outcome(TraceMetadata metadata, List<Row> rows, TraceReadResult result) {
    }

    private static Outcome read(byte[] bytes) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(bytes))) {
            TraceReadResult result = r.read(row -> rows.add(Row.of(row)));
            assertEquals(rows.size(), result.rows());
            return new Outcome(r.metadata(), rows, result);
        }
    }

    private static Outcome read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    /** A plausible trace of n rows cycling through the slots, as the writer would produce it. */
    private static byte[] trace(int n, boolean mag) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SplittableRandom rnd = new SplittableRandom(3);
        try (TraceWriter w = new TraceWriter(out, mag)) {
            w.metadata("wearer", "w1");
            w.calibrate(new TimeRange(0.5, 12));
            for (int i = 0; i < n; i++) {
                double t = i / 300.0;
                SensorSlot s = SensorSlot.values()[i % 3];
                double[] v = new double[9];
                for (int k = 0; k < 9; k++) {
                    v[k] = (rnd.nextDouble() - 0.5) * 40;
                }
                if (mag) {
                    w.row(t, s, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
                } else {
                    w.row(t, s, v[0], v[1], v[2], v[3], v[4], v[5]);
                }
            }
        }
        return out.toByteArray();
    }

    @Nested
    class Head {
        @Test
        void metadataIsExposedAndCalibrateParsedToARange() throws IOException {
            Outcome o = read("# spinewatch-trace v1\n# wearer = anna \n# calibrate=2.5-14\n# seed=7\n# a free comment\n\n"
                    + "t_s,sensor,ax,ay,az,gx,gy,gz\n");
            assertEquals("anna", o.metadata().values().get("wearer"));
            assertEquals("7", o.metadata().get("seed").orElseThrow());
            assertEquals(new TimeRange(2.5, 14), o.metadata().calibrate().orElseThrow());
            assertEquals(List.of("a free comment"), o.metadata().comments());
            assertFalse(o.metadata().magnetometer());
            assertTrue(o.result().clean());
        }

        @Test
        void anUnparsableCalibrateStaysInTheMapOnly() throws IOException {
            Outcome o = read("# spinewatch-trace v1\n# calibrate=soon\nt_s,sensor,ax,ay,az,gx,gy,gz\n");
            assertTrue(o.metadata().calibrate().isEmpty());
            assertEquals("soon", o.metadata().values().get("calibrate"));
        }

        @Test
        void missingOrWrongVersionIsAClearError() {
            TraceFormatException wrong = assertThrows(TraceFormatException.class,
                    () -> read("# spinewatch-trace v2\nt_s,sensor,ax,ay,az,gx,gy,gz\n"));
            assertTrue(wrong.getMessage().contains("unsupported trace version 'v2'"), wrong.getMessage());
            TraceFormatException missing = assertThrows(TraceFormatException.class,
                    () -> read("t_s,sensor,ax,ay,az,gx,gy,gz\n0,mid,0,0,0,0,0,0\n"));
            assertTrue(missing.getMessage().contains("not a spinewatch trace"), missing.getMessage());
            assertThrows(TraceFormatException.class, () -> read(""));
            assertThrows(TraceFormatException.class, () -> read(new byte[] {0x1f, (byte) 0x8b, 8}));
        }

        @Test
        void aWrongHeaderIsAClearError() {
            TraceFormatException e = assertThrows(TraceFormatException.class,
                    () -> read("# spinewatch-trace v1\ntime,sensor,ax,ay,az,gx,gy,gz\n"));
            assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        }

        @Test
        void crlfLineEndsAndABomAreAccepted() throws IOException {
            Outcome o = read("\uFEFF# spinewatch-trace v1\r\n# k=v\r\nt_s,sensor,ax,ay,az,gx,gy,gz,mx,my,mz\r\n"
                    + "1,upper,1,2,3,4,5,6,7,8,9\r\n");
            assertTrue(o.metadata().magnetometer());
            assertEquals(1, o.rows().size());
            assertEquals(9, o.rows().get(0).v()[8]);
            assertTrue(o.result().clean());
        }
    }

    @Nested
    class BadRows {
        @Test
        void eachKindIsSkippedAndCountedWhileGoodRowsPass() throws IOException {
            String text = HEAD
                    + "0.00,upper,0,0,9.8,0,0,0\n"
                    + "0.01,upper,0,0,9.8,0,0\n"          // column count
                    + "0.02,upper,0,0,9.8,0,0,0,1\n"      // column count
                    + "0.03,upper,0,zero,9.8,0,0,0\n"     // not a number
                    + "0.04,upper,0,0,NaN,0,0,0\n"        // not a number
                    + "0.05,neck,0,0,9.8,0,0,0\n"         // unknown sensor
                    + "0.06,upper,0,0,9.8,0,0,0\n"
                    + "0.06,upper,0,0,9.8,0,0,0\n"        // same time again
                    + "0.01,upper,0,0,9.8,0,0,0\n"        // backwards
                    + "0.01,mid,0,0,9.8,0,0,0\n"          // other sensor: its own clock
                    + "\n"
                    + "# a note between rows\n"
                    + "0.07,upper,0,0,9.8,0,0,0\n";
            Outcome o = read(text);
            assertEquals(4, o.rows().size());
            TraceReadResult r = o.result();
            assertEquals(2, r.count(RowProblem.COLUMN_COUNT));
            assertEquals(2, r.count(RowProblem.NOT_A_NUMBER));
            assertEquals(1, r.count(RowProblem.UNKNOWN_SENSOR));
            assertEquals(2, r.count(RowProblem.NON_MONOTONIC_TIME));
            assertEquals(7, r.skipped());
            assertFalse(r.truncated());
            assertEquals(List.of(3L, 9L, 12L, 15L), o.rows().stream().map(Row::line).toList());
            assertTrue(r.describe().contains("non_monotonic_time=2"), r.describe());
        }

        @Test
        void aGiantLineWithoutBreaksCostsOneCountAndReadingResumes() throws IOException {
            byte[] junk = new byte[200_000];
            Arrays.fill(junk, (byte) 'x');
            String after = "\n1,pelvis,0,0,9.8,0,0,0\n";
            byte[] all = concat(HEAD.getBytes(StandardCharsets.US_ASCII), junk, after.getBytes(StandardCharsets.US_ASCII));
            Outcome o = read(all);
            assertEquals(1, o.result().count(RowProblem.LINE_TOO_LONG));
            assertEquals(1, o.rows().size());
        }

        @Test
        void binaryNoiseAfterAValidHeadNeverThrows() throws IOException {
            SplittableRandom rnd = new SplittableRandom(12);
            for (int trial = 0; trial < 100; trial++) {
                byte[] noise = new byte[rnd.nextInt(1, 5000)];
                for (int i = 0; i < noise.length; i++) {
                    // Mostly printable CSV-ish bytes, with line breaks and raw binary mixed in.
                    int k = rnd.nextInt(10);
                    noise[i] = (byte) (k < 5 ? "0123456789.,-e".charAt(rnd.nextInt(14)) : k < 6 ? '\n' : rnd.nextInt(256));
                }
                for (byte[] input : new byte[][] {concat(HEAD.getBytes(StandardCharsets.US_ASCII), noise),
                        gzip(concat(HEAD.getBytes(StandardCharsets.US_ASCII), noise))}) {
                    Outcome o = read(input);
                    assertEquals(o.rows().size(), o.result().rows());
                }
            }
        }

        @Test
        void randomGarbageNeverThrows() throws IOException {
            SplittableRandom rnd = new SplittableRandom(11);
            byte[] good = trace(300, false);
            for (int trial = 0; trial < 200; trial++) {
                byte[] b = good.clone();
                for (int k = 0; k < 20; k++) {
                    int at = rnd.nextInt(HEAD.length() + 40, b.length);
                    b[at] = (byte) rnd.nextInt(256);
                }
                Outcome o = read(b);
                assertTrue(o.rows().size() + o.result().skipped() >= 250, o.result().describe());
            }
        }
    }

    @Nested
    class Truncation {
        @Test
        void aCutMidLineDeliversEveryRowBeforeIt() throws IOException {
            byte[] full = trace(1000, false);
            List<Row> all = read(full).rows();
            int cut = full.length - 17;
            Outcome o = read(Arrays.copyOf(full, cut));
            assertTrue(o.result().truncated());
            assertEquals(999, o.rows().size());
            assertEquals(0, o.result().skipped());
            assertEquals(all.get(998).tS(), o.rows().get(998).tS());
        }

        @Test
        void everyCutPointOfAPlainTraceIsHandled() throws IOException {
            byte[] full = trace(40, true);
            int completeRows = 0;
            int headEnd = new String(full, StandardCharsets.US_ASCII).indexOf("t_s,");
            for (int cut = headEnd; cut < full.length; cut++) {
                Outcome o = read(Arrays.copyOf(full, cut));
                if (cut > 0 && full[cut - 1] == '\n' && cut > headEnd + 1) {
                    assertFalse(o.result().truncated(), "cut at a line end is a clean end: " + cut);
                    completeRows = o.rows().size();
                } else {
                    assertTrue(o.result().truncated(), "cut inside a line at " + cut);
                    assertEquals(completeRows, o.rows().size());
                }
                assertEquals(0, o.result().skipped());
            }
        }

        @Test
        void aCutGzipStreamDeliversTheRowsDecompressedSoFar() throws IOException {
            byte[] plain = trace(20000, false);
            int total = read(plain).rows().size();
            byte[] gz = gzip(plain);
            for (double fraction : new double[] {0.3, 0.6, 0.95}) {
                Outcome o = read(Arrays.copyOf(gz, (int) (gz.length * fraction)));
                assertTrue(o.result().truncated(), o.result().describe());
                assertTrue(o.rows().size() > 0 && o.rows().size() < total, o.result().describe());
                assertEquals(0, o.result().skipped(), o.result().describe());
            }
        }

        @Test
        void aGzipWithCorruptDeflateDataIsReportedNotThrown() throws IOException {
            byte[] gz = gzip(trace(20000, false));
            for (int i = gz.length / 2; i < gz.length / 2 + 64; i++) {
                gz[i] ^= 0x5a;
            }
            Outcome o = read(gz);
            assertTrue(o.result().truncated() || o.result().skipped() > 0, o.result().describe());
        }

        @Test
        void endingBeforeTheHeaderIsATruncatedEmptyTrace() throws IOException {
            Outcome o = read("# spinewatch-trace v1\n# wearer=x\n");
            assertTrue(o.result().truncated());
            assertEquals(0, o.rows().size());
        }
    }

    @Nested
    class RoundTrip {
        @Test
        void gzipAndPlainReadTheSameRows(@TempDir Path dir) throws IOException {
            byte[] plain = trace(3000, true);
            Path gz = dir.resolve("t.csv.gz");
            Files.write(gz, gzip(plain));
            Outcome a = read(plain);
            List<Row> b = new ArrayList<>();
            TraceReadResult r = TraceReader.read(gz, row -> b.add(Row.of(row)));
            assertTrue(r.clean(), r.describe());
            assertEquals(a.rows().size(), b.size());
            for (int i = 0; i < b.size(); i++) {
                assertEquals(a.rows().get(i).tS(), b.get(i).tS());
                assertEquals(a.rows().get(i).slot(), b.get(i).slot());
                assertTrue(Arrays.equals(a.rows().get(i).v(), b.get(i).v()));
            }
        }

        @Test
        void rewritingWhatWasReadGivesTheSameBytes() throws IOException {
            byte[] first = trace(3000, false);
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            try (TraceReader r = TraceReader.open(new ByteArrayInputStream(first));
                 TraceWriter w = new TraceWriter(again, false)) {
                for (var e : r.metadata().values().entrySet()) {
                    w.metadata(e.getKey(), e.getValue());
                }
                r.read(row -> {
                    try {
                        w.row(row);
                    } catch (IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                });
            }
            assertEquals(new String(first, StandardCharsets.US_ASCII), again.toString(StandardCharsets.US_ASCII));
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
