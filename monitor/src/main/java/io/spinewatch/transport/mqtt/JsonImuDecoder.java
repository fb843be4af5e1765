package io.spinewatch.transport.mqtt;

import io.spinewatch.protocol.DecoderCounters;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SampleListener;
import io.spinewatch.protocol.SensorSlot;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads the JSON payload form ({@link JsonImuFormat}) of one wearer's topic into samples, by hand: a
 * small strict parser over the bytes, with no allocation per payload or sample.
 *
 * <p>A payload is all or nothing: unless every sample in it parses and has the required fields, none
 * is delivered, {@link #decode} returns false and {@code malformedFrames} counts it. Unknown fields
 * are skipped (nested values included, to a depth of 16), so firmware may send more than the monitor
 * reads. Counters reuse {@link DecoderCounters}: a good payload is a frame, its samples are
 * {@code samplesDecoded}, a sequence gap is {@code samplesLost}, and a bad payload's bytes are
 * {@code bytesSkipped}. Single-threaded, like the binary decoder.
 */
public final class JsonImuDecoder {
    private static final int MAX = JsonImuFormat.MAX_SAMPLES_PER_PAYLOAD;
    private static final int MAX_DEPTH = 16;
    private static final int F_SLOT = 0;
    private static final int F_SEQ = 1;
    private static final int F_TIME = 2;
    private static final int F_DEVICE = 3;
    private static final int F_ACC = 4;
    private static final int F_GYRO = 5;
    private static final int F_MAG = 6;
    private static final byte[][] SLOT_NAMES = {
        "upper".getBytes(StandardCharsets.US_ASCII), "mid".getBytes(StandardCharsets.US_ASCII),
        "pelvis".getBytes(StandardCharsets.US_ASCII)};
    /** Largest integer a double holds exactly; larger counters and times are refused. */
    private static final double MAX_EXACT = 9007199254740992.0;

    private final JsonImuFormat format;
    private final SampleListener listener;
    private final DecoderCounters counters = new DecoderCounters();
    private final ImuSample sample = new ImuSample();
    private final byte[][] fields;
    private final double accScale;
    private final double gyroScale;
    private final long timeScale;

    // The payload being parsed.
    private byte[] d;
    private int p;
    private int end;

    // Samples of the payload, delivered only once all have parsed.
    private int count;
    private final int[] slot = new int[MAX];
    private final long[] seq = new long[MAX];
    private final boolean[] hasSeq = new boolean[MAX];
    private final long[] timeMicros = new long[MAX];
    private final long[] device = new long[MAX];
    private final double[] acc = new double[MAX * 3];
    private final double[] gyro = new double[MAX * 3];
    private final double[] mag = new double[MAX * 3];
    private final boolean[] hasMag = new boolean[MAX];
    private final boolean[] seen = new boolean[7];
    private final double[] triple = new double[3];
    private double number;
    private long integer;

    // Loss tracking per slot.
    private final boolean[] seqKnown = new boolean[SensorSlot.COUNT];
    private final long[] nextSeq = new long[SensorSlot.COUNT];
    private final long[] ownSeq = new long[SensorSlot.COUNT];

    public JsonImuDecoder(JsonImuFormat format, SampleListener listener) {
        this.format = Objects.requireNonNull(format, "format");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.fields = new byte[][] {ascii(format.slotField()), ascii(format.seqField()), ascii(format.timeField()),
            ascii(format.deviceField()), ascii(format.accField()), ascii(format.gyroField()), ascii(format.magField())};
        this.accScale = format.accUnit().toMps2();
        this.gyroScale = format.gyroUnit().toRadPerS();
        this.timeScale = format.timeUnit().toMicros();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    public DecoderCounters counters() {
        return counters;
    }

    /** Decodes one whole payload; returns false (and counts it) when it is not a valid sample payload. */
    public boolean decode(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        d = data;
        p = offset;
        end = offset + length;
        count = 0;
        boolean ok = payload();
        d = null;
        if (!ok) {
            counters.malformedFrame();
            counters.bytesSkipped(length);
            return false;
        }
        counters.frameOk();
        for (int i = 0; i < count; i++) {
            deliver(i);
        }
        return true;
    }

    private boolean payload() {
        ws();
        if (p >= end) {
            return false;
        }
        if (d[p] == '[') {
            p++;
            ws();
            if (p < end && d[p] == ']') {
                return false; // an empty batch carries nothing: treat as a firmware bug worth counting
            }
            while (true) {
                if (count == MAX || !sampleObject()) {
                    return false;
                }
                ws();
                if (p >= end) {
                    return false;
                }
                if (d[p] == ',') {
                    p++;
                    ws();
                } else if (d[p] == ']') {
                    p++;
                    break;
                } else {
                    return false;
                }
            }
        } else if (!sampleObject()) {
            return false;
        }
        ws();
        return p == end;
    }

    private boolean sampleObject() {
        if (p >= end || d[p] != '{') {
            return false;
        }
        p++;
        int i = count;
        java.util.Arrays.fill(seen, false);
        slot[i] = SensorSlot.UPPER.ordinal();
        hasSeq[i] = false;
        device[i] = 0;
        hasMag[i] = false;
        ws();
        if (p < end && d[p] == '}') {
            return false;
        }
        while (true) {
            ws();
            int keyStart = p + 1;
            if (!skipString()) {
                return false;
            }
            int keyEnd = p - 1;
            ws();
            if (p >= end || d[p] != ':') {
                return false;
            }
            p++;
            ws();
            int f = field(keyStart, keyEnd);
            if (f >= 0) {
                if (seen[f]) {
                    return false; // a repeated field is ambiguous
                }
                seen[f] = true;
                if (!fieldValue(f, i)) {
                    return false;
                }
            } else if (!skipValue(0)) {
                return false;
            }
            ws();
            if (p >= end) {
                return false;
            }
            if (d[p] == ',') {
                p++;
            } else if (d[p] == '}') {
                p++;
                break;
            } else {
                return false;
            }
        }
        if (!seen[F_TIME] || !seen[F_ACC] || !seen[F_GYRO]) {
            return false;
        }
        count++;
        return true;
    }

    /** Which known field the key {@code d[from, to)} names, or -1. */
    private int field(int from, int to) {
        for (int f = 0; f < fields.length; f++) {
            if (equals(fields[f], from, to)) {
                return f;
            }
        }
        return -1;
    }

    private boolean equals(byte[] name, int from, int to) {
        if (to - from != name.length) {
            return false;
        }
        for (int k = 0; k < name.length; k++) {
            if (d[from + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    private boolean fieldValue(int f, int i) {
        switch (f) {
            case F_SLOT -> {
                if (p < end && d[p] == '"') {
                    int from = p + 1;
                    if (!skipString()) {
                        return false;
                    }
                    for (int s = 0; s < SLOT_NAMES.length; s++) {
                        if (equals(SLOT_NAMES[s], from, p - 1)) {
                            slot[i] = s;
                            return true;
                        }
                    }
                    return false;
                }
                if (!integerValue() || integer > 2) {
                    return false;
                }
                slot[i] = (int) integer;
                return true;
            }
            case F_SEQ -> {
                if (!integerValue()) {
                    return false;
                }
                seq[i] = integer;
                hasSeq[i] = true;
                return true;
            }
            case F_TIME -> {
                if (!numberValue() || number < 0 || number * timeScale >= MAX_EXACT) {
                    return false;
                }
                timeMicros[i] = Math.round(number * timeScale);
                return true;
            }
            case F_DEVICE -> {
                if (!integerValue() || integer > 0xFFFF_FFFFL) {
                    return false;
                }
                device[i] = integer;
                return true;
            }
            case F_ACC, F_GYRO, F_MAG -> {
                if (!tripleValue()) {
                    return false;
                }
                double[] target = f == F_ACC ? acc : f == F_GYRO ? gyro : mag;
                double scale = f == F_ACC ? accScale : f == F_GYRO ? gyroScale : 1;
                for (int k = 0; k < 3; k++) {
                    target[3 * i + k] = triple[k] * scale;
                }
                if (f == F_MAG) {
                    hasMag[i] = true;
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean tripleValue() {
        if (p >= end || d[p] != '[') {
            return false;
        }
        p++;
        for (int k = 0; k < 3; k++) {
            ws();
            if (!numberValue()) {
                return false;
            }
            triple[k] = number;
            ws();
            if (p >= end || d[p] != (k < 2 ? ',' : ']')) {
                return false;
            }
            p++;
        }
        return true;
    }

    /** A non-negative integer (no fraction or exponent), below 2^53, into {@link #integer}. */
    private boolean integerValue() {
        int start = p;
        if (!numberValue()) {
            return false;
        }
        for (int k = start; k < p; k++) {
            byte c = d[k];
            if (c == '.' || c == 'e' || c == 'E' || c == '-') {
                return false;
            }
        }
        if (number >= MAX_EXACT) {
            return false;
        }
        integer = (long) number;
        return true;
    }

    /** A JSON number into {@link #number}: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private boolean numberValue() {
        boolean negative = false;
        if (p < end && d[p] == '-') {
            negative = true;
            p++;
        }
        if (p >= end || d[p] < '0' || d[p] > '9') {
            return false;
        }
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        if (d[p] == '0') {
            p++;
        } else {
            while (p < end && d[p] >= '0' && d[p] <= '9') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (d[p] - '0');
                    digits++;
                } else {
                    exponent++;
                }
                p++;
            }
        }
        if (p < end && d[p] == '.') {
            p++;
            if (p >= end || d[p] < '0' || d[p] > '9') {
                return false;
            }
            while (p < end && d[p] >= '0' && d[p] <= '9') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (d[p] - '0');
                    if (mantissa != 0) {
                        digits++;
                    }
                    exponent--;
                }
                p++;
            }
        }
        if (p < end && (d[p] == 'e' || d[p] == 'E')) {
            p++;
            boolean expNegative = false;
            if (p < end && (d[p] == '+' || d[p] == '-')) {
                expNegative = d[p] == '-';
                p++;
            }
            if (p >= end || d[p] < '0' || d[p] > '9') {
                return false;
            }
            int e = 0;
            while (p < end && d[p] >= '0' && d[p] <= '9') {
                if (e < 10_000) {
                    e = e * 10 + (d[p] - '0');
                }
                p++;
            }
            exponent += expNegative ? -e : e;
        }
        double v = exponent >= 0 ? mantissa * Math.pow(10, exponent) : mantissa / Math.pow(10, -exponent);
        if (!Double.isFinite(v)) {
            return false;
        }
        number = negative ? -v : v;
        return true;
    }

    /** Skips a string starting at {@code p} (which must be a quote); leaves {@code p} after the closing quote. */
    private boolean skipString() {
        if (p >= end || d[p] != '"') {
            return false;
        }
        p++;
        while (p < end) {
            byte c = d[p];
            if (c == '"') {
                p++;
                return true;
            }
            if (c == '\\') {
                p += 2;
            } else if ((c & 0xFF) < 0x20) {
                return false;
            } else {
                p++;
            }
        }
        return false;
    }

    private boolean skipValue(int depth) {
        if (p >= end || depth > MAX_DEPTH) {
            return false;
        }
        byte c = d[p];
        if (c == '"') {
            return skipString();
        }
        if (c == '{' || c == '[') {
            byte close = (byte) (c == '{' ? '}' : ']');
            p++;
            ws();
            if (p < end && d[p] == close) {
                p++;
                return true;
            }
            while (true) {
                ws();
                if (c == '{') {
                    if (!skipString()) {
                        return false;
                    }
                    ws();
                    if (p >= end || d[p] != ':') {
                        return false;
                    }
                    p++;
                    ws();
                }
                if (!skipValue(depth + 1)) {
                    return false;
                }
                ws();
                if (p >= end) {
                    return false;
                }
                if (d[p] == ',') {
                    p++;
                } else if (d[p] == close) {
                    p++;
                    return true;
                } else {
                    return false;
                }
            }
        }
        if (literal("true") || literal("false") || literal("null")) {
            return true;
        }
        return numberValue();
    }

    private boolean literal(String word) {
        if (end - p < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (d[p + k] != word.charAt(k)) {
                return false;
            }
        }
        p += word.length();
        return true;
    }

    private void ws() {
        while (p < end && (d[p] == ' ' || d[p] == '\t' || d[p] == '\n' || d[p] == '\r')) {
            p++;
        }
    }

    private void deliver(int i) {
        int s = slot[i];
        SensorSlot sensorSlot = SensorSlot.values()[s];
        long n;
        if (hasSeq[i]) {
            n = seq[i];
            if (seqKnown[s] && n > nextSeq[s] && n - nextSeq[s] < (1L << 31)) {
                counters.samplesLost(sensorSlot, n - nextSeq[s]);
            }
            seqKnown[s] = true;
            nextSeq[s] = n + 1;
        } else {
            n = ownSeq[s]++;
        }
        sample.set(device[i], sensorSlot, n, timeMicros[i],
                acc[3 * i], acc[3 * i + 1], acc[3 * i + 2], gyro[3 * i], gyro[3 * i + 1], gyro[3 * i + 2]);
        if (hasMag[i]) {
            sample.setMag(mag[3 * i], mag[3 * i + 1], mag[3 * i + 2]);
        }
        counters.sampleDecoded();
        listener.onSample(sample);
    }
}
