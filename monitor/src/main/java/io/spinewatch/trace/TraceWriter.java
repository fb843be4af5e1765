package io.spinewatch.trace;

import io.spinewatch.protocol.SensorSlot;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a trace file (format v1, see design.md): the version line, {@code # key=value} metadata, the
 * column header, then one row per sample.
 *
 * <p>Rows are formatted straight into a byte buffer with fixed decimals ({@link TraceFormat}), trailing
 * zeros dropped: no String.format and no allocation per row. Metadata must come before the first row;
 * the header is written with the first row (or on close for an empty trace). Not thread-safe.
 */
public final class TraceWriter implements Closeable {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int MAX_ROW_BYTES = 12 * 44;

    private final OutputStream out;
    private final boolean magnetometer;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int pos;
    private boolean headerWritten;
    private boolean closed;
    private long rows;

    /** Writes to {@code out} (closed with this writer), with magnetometer columns when {@code magnetometer}. */
    public TraceWriter(OutputStream out, boolean magnetometer) {
        this.out = out;
        this.magnetometer = magnetometer;
        ascii(TraceFormat.VERSION_LINE);
        newline();
    }

    /** Creates or replaces {@code path}; gzip-compressed when the name ends in {@code .gz}. */
    public static TraceWriter open(Path path, boolean magnetometer) throws IOException {
        OutputStream raw = Files.newOutputStream(path);
        OutputStream os = path.getFileName().toString().endsWith(".gz")
                ? fastGzip(raw)
                : new BufferedOutputStream(raw, BUFFER_BYTES);
        return new TraceWriter(os, magnetometer);
    }

    /**
     * A gzip stream at the fastest deflate level: about three times the speed of the default level for
     * CSV of numbers, for a file about 40 % larger; traces are written far more often than archived.
     */
    public static OutputStream fastGzip(OutputStream raw) throws IOException {
        return new GZIPOutputStream(raw, BUFFER_BYTES) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        };
    }

    public boolean magnetometer() {
        return magnetometer;
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    /**
     * Adds a {@code # key=value} metadata line. The key is a non-empty word without {@code =}; neither may
     * hold a line break. Only before the first row.
     */
    public TraceWriter metadata(String key, String value) throws IOException {
        if (headerWritten) {
            throw new IllegalStateException("metadata must precede the first row");
        }
        if (key.isEmpty() || key.indexOf('=') >= 0 || hasLineBreak(key) || key.isBlank()) {
            throw new IllegalArgumentException("bad metadata key: '" + key + "'");
        }
        if (hasLineBreak(value)) {
            throw new IllegalArgumentException("metadata value holds a line break: " + key);
        }
        byte[] line = ("# " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
        ensure(line.length);
        if (line.length > buf.length) {
            out.write(line);
        } else {
            System.arraycopy(line, 0, buf, pos, line.length);
            pos += line.length;
        }
        return this;
    }

    /** Adds the calibration window as {@code # calibrate=A-B}. */
    public TraceWriter calibrate(TimeRange window) throws IOException {
        return metadata(TraceFormat.CALIBRATE_KEY, window.format());
    }

    /** Writes one row without magnetometer (an error when the trace has magnetometer columns). */
    public void row(double tS, SensorSlot slot, double axMps2, double ayMps2, double azMps2,
                    double gxRadPerS, double gyRadPerS, double gzRadPerS) throws IOException {
        if (magnetometer) {
            throw new IllegalStateException("this trace has magnetometer columns");
        }
        rowStart(tS, slot, axMps2, ayMps2, azMps2, gxRadPerS, gyRadPerS, gzRadPerS);
        buf[pos++] = '\n';
        rows++;
    }

    /** Writes one row with magnetometer (an error when the trace has none). */
    public void row(double tS, SensorSlot slot, double axMps2, double ayMps2, double azMps2,
                    double gxRadPerS, double gyRadPerS, double gzRadPerS,
                    double mx, double my, double mz) throws IOException {
        if (!magnetometer) {
            throw new IllegalStateException("this trace has no magnetometer columns");
        }
        rowStart(tS, slot, axMps2, ayMps2, azMps2, gxRadPerS, gyRadPerS, gzRadPerS);
        buf[pos++] = ',';
        pos = NumberText.appendFixed(buf, pos, mx, TraceFormat.MAG_DECIMALS);
        buf[pos++] = ',';
        pos = NumberText.appendFixed(buf, pos, my, TraceFormat.MAG_DECIMALS);
        buf[pos++] = ',';
        pos = NumberText.appendFixed(buf, pos, mz, TraceFormat.MAG_DECIMALS);
        buf[pos++] = '\n';
        rows++;
    }

    /** Writes a row read by {@link TraceReader}, magnetometer included when both sides have it. */
    public void row(TraceRow r) throws IOException {
        if (magnetometer) {
            row(r.tS(), r.slot(), r.axMps2(), r.ayMps2(), r.azMps2(), r.gxRadPerS(), r.gyRadPerS(), r.gzRadPerS(),
                    r.mx(), r.my(), r.mz());
        } else {
            row(r.tS(), r.slot(), r.axMps2(), r.ayMps2(), r.azMps2(), r.gxRadPerS(), r.gyRadPerS(), r.gzRadPerS());
        }
    }

    private void rowStart(double tS, SensorSlot slot, double ax, double ay, double az,
                          double gx, double gy, double gz) throws IOException {
        if (closed) {
            throw new IllegalStateException("writer closed");
        }
        if (!headerWritten) {
            writeHeader();
        }
        ensure(MAX_ROW_BYTES);
        pos = NumberText.appendFixed(buf, pos, tS, TraceFormat.TIME_DECIMALS);
        buf[pos++] = ',';
        String label = slot.label();
        for (int i = 0; i < label.length(); i++) {
            buf[pos++] = (byte) label.charAt(i);
        }
        buf[pos++] = ',';
        pos = NumberText.appendFixed(buf, pos, ax, TraceFormat.ACC_DECIMALS);
        buf[pos++] = ',';
        pos = NumberText.appendFixed(buf, pos, ay, TraceFormat.ACC_DECIMALS);
        buf[pos++] = ',';
        pos = NumberText.appendFixed(buf, pos, az, TraceFormat.ACC_DECIMALS);
        buf[pos++] = ',';
        pos = NumberText.appendFixed(buf, pos, gx, TraceFormat.GYRO_DECIMALS);
        buf[pos++] = ',';
        pos = NumberText.appendFixed(buf, pos, gy, TraceFormat.GYRO_DECIMALS);
        buf[pos++] = ',';
        pos = NumberText.appendFixed(buf, pos, gz, TraceFormat.GYRO_DECIMALS);
    }

    private void writeHeader() throws IOException {
        headerWritten = true;
        ensure(64);
        ascii(magnetometer ? TraceFormat.HEADER_MAG : TraceFormat.HEADER);
        newline();
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void newline() {
        buf[pos++] = '\n';
    }

    private void ensure(int bytes) throws IOException {
        if (pos + bytes > buf.length) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    }

    /** Pushes buffered rows to the stream (a gzip stream still holds its last block until close). */
    public void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
        out.flush();
    }

    /** Writes the header if no row did, flushes, and closes the stream (finishing gzip). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (!headerWritten) {
                writeHeader();
            }
            out.write(buf, 0, pos);
            pos = 0;
        } finally {
            closed = true;
            out.close();
        }
    }
}
