package io.spinewatch.trace;

import io.spinewatch.protocol.SensorSlot;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a trace file (format v1, plain or gzip, told apart by the gzip magic bytes): {@link #open}
 * reads the version line, metadata and header; {@link #read} then streams every good row to a
 * listener through one reused {@link TraceRow}.
 *
 * <p>Bad data never throws. A malformed row is skipped and counted by {@link RowProblem}; an input
 * that ends early (a last line without its line break, a cut or corrupt gzip stream) delivers every
 * good row before the cut and reports {@link TraceReadResult#truncated()}. Only a missing or unsupported
 * version line or a wrong header is an error ({@link TraceFormatException}), since then nothing in the
 * file can be trusted to mean what this reader thinks; genuine I/O failures propagate as IOException.
 */
public final class TraceReader implements Closeable {
    private static final int BUFFER_BYTES = 1 << 16;
    /** Longest accepted line; a valid row is under 250 bytes, metadata lines may be longer. */
    private static final int MAX_LINE_BYTES = BUFFER_BYTES;
    private static final int MAX_FIELDS = 12;

    private static final int LINE = 1;
    private static final int END = 0;
    private static final int PARTIAL = -1;
    private static final int TOO_LONG = -2;

    private final InputStream in;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int start;
    private int end;
    private int lineStart;
    private int lineEnd;
    private long lineNumber;
    private boolean eof;
    private String ioTruncation;
    private final TraceMetadata metadata;
    private final boolean headerSeen;
    private boolean consumed;

    private final int[] fieldFrom = new int[MAX_FIELDS];
    private final int[] fieldTo = new int[MAX_FIELDS];
    private final TraceRow row = new TraceRow();

    private TraceReader(InputStream in) throws IOException {
        this.in = in;
        Map<String, String> values = new LinkedHashMap<>();
        List<String> comments = new ArrayList<>();
        int r = nextLine();
        if (r != LINE && r != PARTIAL) {
            throw new TraceFormatException(r == END ? "empty input: not a spinewatch trace (expected '"
                    + TraceFormat.VERSION_LINE + "')" : "first line too long: not a spinewatch trace");
        }
        String first = lineText();
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        first = first.strip();
        if (!first.equals(TraceFormat.VERSION_LINE)) {
            String prefix = "# spinewatch-trace ";
            if (first.startsWith(prefix)) {
                throw new TraceFormatException("unsupported trace version '" + first.substring(prefix.length())
                        + "': this reader reads v1");
            }
            throw new TraceFormatException("not a spinewatch trace: the first line must be '"
                    + TraceFormat.VERSION_LINE + "' but is '" + printable(first) + "'");
        }
        boolean header = false;
        boolean mag = false;
        while (!header) {
            r = r == PARTIAL ? END : nextLine();
            if (r == END || r == PARTIAL) {
                if (r == PARTIAL && ioTruncation == null) {
                    ioTruncation = "input ends inside the metadata, before the column header";
                }
                break;
            }
            if (r == TOO_LONG) {
                continue;
            }
            String line = lineText().strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String body = line.substring(1).strip();
                int eq = body.indexOf('=');
                if (eq > 0 && !body.substring(0, eq).isBlank()) {
                    values.put(body.substring(0, eq).strip(), body.substring(eq + 1).strip());
                } else {
                    comments.add(body);
                }
                continue;
            }
            String compact = line.replace(" ", "");
            if (compact.equals(TraceFormat.HEADER)) {
                header = true;
            } else if (compact.equals(TraceFormat.HEADER_MAG)) {
                header = true;
                mag = true;
            } else {
                throw new TraceFormatException("line " + lineNumber + ": expected the column header '"
                        + TraceFormat.HEADER + "[,mx,my,mz]' but found '" + printable(line) + "'");
            }
        }
        if (!header && ioTruncation == null) {
            ioTruncation = "input ends before the column header";
        }
        this.headerSeen = header;
        String cal = values.get(TraceFormat.CALIBRATE_KEY);
        this.metadata = new TraceMetadata(values, Optional.ofNullable(cal == null ? null : TimeRange.parse(cal)),
                mag, comments);
    }

    /** Opens {@code in} (plain or gzip) and reads up to the header; closes {@code in} on failure. */
    public static TraceReader open(InputStream in) throws IOException {
        try {
            PushbackInputStream pb = new PushbackInputStream(in, 2);
            byte[] magic = new byte[2];
            int n = 0;
            while (n < 2) {
                int k = pb.read(magic, n, 2 - n);
                if (k < 0) {
                    break;
                }
                n += k;
            }
            pb.unread(magic, 0, n);
            InputStream body = pb;
            if (n == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                try {
                    body = new GZIPInputStream(pb, BUFFER_BYTES);
                } catch (EOFException | ZipException e) {
                    throw new TraceFormatException("gzip header is cut or corrupt: " + e.getMessage());
                }
            }
            return new TraceReader(body);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Opens the file at {@code path}. */
    public static TraceReader open(Path path) throws IOException {
        return open(Files.newInputStream(path));
    }

    /** Reads a whole file: opens it, streams its rows to {@code listener}, closes it. */
    public static TraceReadResult read(Path path, TraceRow.Listener listener) throws IOException {
        try (TraceReader r = open(path)) {
            return r.read(listener);
        }
    }

    public TraceMetadata metadata() {
        return metadata;
    }

    /**
     * Streams every good row to {@code listener} (the row object is reused) and returns what was seen.
     * Call once. Throws only on a genuine I/O failure of the underlying stream.
     */
    public TraceReadResult read(TraceRow.Listener listener) throws IOException {
        if (consumed) {
            throw new IllegalStateException("rows already read");
        }
        consumed = true;
        long rows = 0;
        long columnCount = 0;
        long notANumber = 0;
        long unknownSensor = 0;
        long nonMonotonic = 0;
        long tooLong = 0;
        boolean truncated = false;
        String reason = "";
        if (!headerSeen) {
            return new TraceReadResult(0, 0, 0, 0, 0, 0, true, ioTruncation);
        }
        int expected = metadata.magnetometer() ? 11 : 8;
        double[] lastT = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        TraceRow row = this.row;
        row.hasMag = metadata.magnetometer();
        while (true) {
            int r = nextLine();
            if (r == END) {
                break;
            }
            if (r == PARTIAL) {
                truncated = true;
                reason = "last line has no line break (input cut mid-line)";
                break;
            }
            if (r == TOO_LONG) {
                tooLong++;
                continue;
            }
            int from = lineStart;
            int to = lineEnd;
            if (from == to || buf[from] == '#') {
                continue;
            }
            int fields = split(from, to);
            if (fields != expected) {
                columnCount++;
                continue;
            }
            SensorSlot slot = slot(fieldFrom[1], fieldTo[1]);
            if (slot == null) {
                unknownSensor++;
                continue;
            }
            double t = num(0);
            row.ax = num(2);
            row.ay = num(3);
            row.az = num(4);
            row.gx = num(5);
            row.gy = num(6);
            row.gz = num(7);
            boolean finite = !Double.isNaN(t) && !Double.isNaN(row.ax) && !Double.isNaN(row.ay)
                    && !Double.isNaN(row.az) && !Double.isNaN(row.gx) && !Double.isNaN(row.gy)
                    && !Double.isNaN(row.gz);
            if (expected == 11) {
                row.mx = num(8);
                row.my = num(9);
                row.mz = num(10);
                finite &= !Double.isNaN(row.mx) && !Double.isNaN(row.my) && !Double.isNaN(row.mz);
            }
            if (!finite) {
                notANumber++;
                continue;
            }
            int s = slot.ordinal();
            if (!(t > lastT[s])) {
                nonMonotonic++;
                continue;
            }
            lastT[s] = t;
            row.tS = t;
            row.slot = slot;
            row.lineNumber = lineNumber;
            rows++;
            listener.onRow(row);
        }
        if (ioTruncation != null) {
            truncated = true;
            reason = ioTruncation;
        }
        return new TraceReadResult(rows, columnCount, notANumber, unknownSensor, nonMonotonic, tooLong,
                truncated, reason);
    }

    private double num(int field) {
        int from = fieldFrom[field];
        int to = fieldTo[field];
        while (from < to && (buf[from] == ' ' || buf[from] == '\t')) {
            from++;
        }
        while (to > from && (buf[to - 1] == ' ' || buf[to - 1] == '\t')) {
            to--;
        }
        return NumberText.parse(buf, from, to);
    }

    /** Splits [from, to) at commas into fieldFrom/fieldTo; returns the field count (MAX_FIELDS + 1 if more). */
    private int split(int from, int to) {
        int n = 0;
        int fieldStart = from;
        for (int i = from; i < to; i++) {
            if (buf[i] == ',') {
                if (n == MAX_FIELDS) {
                    return MAX_FIELDS + 1;
                }
                fieldFrom[n] = fieldStart;
                fieldTo[n] = i;
                n++;
                fieldStart = i + 1;
            }
        }
        if (n == MAX_FIELDS) {
            return MAX_FIELDS + 1;
        }
        fieldFrom[n] = fieldStart;
        fieldTo[n] = to;
        return n + 1;
    }

    private SensorSlot slot(int from, int to) {
        while (from < to && buf[from] == ' ') {
            from++;
        }
        while (to > from && buf[to - 1] == ' ') {
            to--;
        }
        int len = to - from;
        if (len == 5 && matches(from, "upper")) {
            return SensorSlot.UPPER;
        }
        if (len == 3 && matches(from, "mid")) {
            return SensorSlot.MID;
        }
        if (len == 6 && matches(from, "pelvis")) {
            return SensorSlot.PELVIS;
        }
        return null;
    }

    private boolean matches(int from, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (buf[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String lineText() {
        return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
    }

    /**
     * Finds the next line: LINE with [lineStart, lineEnd) set (line break and a trailing CR excluded),
     * END at a clean end, PARTIAL when the input ends inside a line (its bytes are dropped: a cut row
     * may look valid but hold a cut number), TOO_LONG after skipping a line longer than the buffer.
     */
    private int nextLine() throws IOException {
        int scan = start;
        boolean skipping = false;
        while (true) {
            for (int i = scan; i < end; i++) {
                if (buf[i] == '\n') {
                    lineNumber++;
                    lineStart = start;
                    lineEnd = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                    start = i + 1;
                    return skipping ? TOO_LONG : LINE;
                }
            }
            if (eof) {
                boolean partial = start < end || skipping;
                start = end;
                if (partial) {
                    lineNumber++;
                    return PARTIAL;
                }
                return END;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == MAX_LINE_BYTES) {
                // No line break in a whole buffer: drop what we have and keep dropping to the next break.
                skipping = true;
                end = 0;
            }
            scan = end;
            fill();
        }
    }

    private void fill() throws IOException {
        try {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        } catch (EOFException e) {
            eof = true;
            ioTruncation = "compressed stream is cut: " + e.getMessage();
        } catch (ZipException e) {
            eof = true;
            ioTruncation = "compressed stream is corrupt: " + e.getMessage();
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 60; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 60 ? b + "..." : b.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
