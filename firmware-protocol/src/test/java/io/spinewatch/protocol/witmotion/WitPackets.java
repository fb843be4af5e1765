package io.spinewatch.protocol.witmotion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Test helper: encodes WitMotion packets from physical values with the documented scalings, computing the checksum. */
final class WitPackets {
    static final double G = 9.80665;

    private WitPackets() {
    }

    static int counts(double value, double fullScale) {
        long raw = Math.round(value / fullScale * 32768.0);
        return (int) Math.max(-32768, Math.min(32767, raw));
    }

    /** An 11-byte packet of {@code type} with four signed words and its checksum. */
    static byte[] packet(int type, int w0, int w1, int w2, int w3) {
        byte[] p = new byte[11];
        p[0] = 0x55;
        p[1] = (byte) type;
        int[] words = {w0, w1, w2, w3};
        for (int i = 0; i < 4; i++) {
            p[2 + 2 * i] = (byte) words[i];
            p[3 + 2 * i] = (byte) (words[i] >> 8);
        }
        p[10] = checksum(p);
        return p;
    }

    static byte checksum(byte[] p) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += p[i] & 0xFF;
        }
        return (byte) sum;
    }

    static byte[] acc(double axMps2, double ayMps2, double azMps2, double temperatureC) {
        return packet(0x51, counts(axMps2 / G, 16), counts(ayMps2 / G, 16), counts(azMps2 / G, 16),
                (int) Math.round(temperatureC * 100));
    }

    static byte[] acc(double axMps2, double ayMps2, double azMps2) {
        return acc(axMps2, ayMps2, azMps2, 25.0);
    }

    static byte[] gyro(double gxRadPerS, double gyRadPerS, double gzRadPerS) {
        return packet(0x52, counts(Math.toDegrees(gxRadPerS), 2000), counts(Math.toDegrees(gyRadPerS), 2000),
                counts(Math.toDegrees(gzRadPerS), 2000), 2500);
    }

    static byte[] angle(double rollDeg, double pitchDeg, double yawDeg) {
        return packet(0x53, counts(rollDeg, 180), counts(pitchDeg, 180), counts(yawDeg, 180), 0x3012);
    }

    /** Field in microtesla at the default 0.1 uT per count. */
    static byte[] mag(double mxMicroTesla, double myMicroTesla, double mzMicroTesla) {
        return packet(0x54, (int) Math.round(mxMicroTesla / 0.1), (int) Math.round(myMicroTesla / 0.1),
                (int) Math.round(mzMicroTesla / 0.1), 2500);
    }

    static byte[] quaternion(double q0, double q1, double q2, double q3) {
        return packet(0x59, counts(q0, 1), counts(q1, 1), counts(q2, 1), counts(q3, 1));
    }

    static byte[] time(int yy, int month, int day, int hour, int minute, int second, int millis) {
        byte[] p = {0x55, 0x50, (byte) yy, (byte) month, (byte) day, (byte) hour, (byte) minute, (byte) second,
                (byte) millis, (byte) (millis >> 8), 0};
        p[10] = checksum(p);
        return p;
    }

    /** The 20-byte 0x61 packet: acceleration, angular rate, angle, no checksum. */
    static byte[] combined(double axMps2, double ayMps2, double azMps2, double gxRadPerS, double gyRadPerS,
                           double gzRadPerS, double rollDeg, double pitchDeg, double yawDeg) {
        int[] w = {counts(axMps2 / G, 16), counts(ayMps2 / G, 16), counts(azMps2 / G, 16),
                counts(Math.toDegrees(gxRadPerS), 2000), counts(Math.toDegrees(gyRadPerS), 2000),
                counts(Math.toDegrees(gzRadPerS), 2000), counts(rollDeg, 180), counts(pitchDeg, 180), counts(yawDeg, 180)};
        byte[] p = new byte[20];
        p[0] = 0x55;
        p[1] = 0x61;
        for (int i = 0; i < 9; i++) {
            p[2 + 2 * i] = (byte) w[i];
            p[3 + 2 * i] = (byte) (w[i] >> 8);
        }
        return p;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** One default-content group (acc, gyro, angle, mag) of a sensor at rest, with a per-group marker in yaw. */
    static byte[] restingGroup(int k) {
        return concat(acc(0.1 * k, -0.05, G), gyro(0.01, -0.02, 0.001 * k), angle(1, -2, k), mag(20, -5, -40));
    }

    /** Reads a test-vector file: hex byte pairs separated by white space, {@code #} starts a comment. */
    static byte[] readHex(String name) {
        Path path = Path.of("test-vectors", "witmotion", name);
        try {
            StringBuilder hex = new StringBuilder();
            for (String line : Files.readAllLines(path, StandardCharsets.US_ASCII)) {
                int hash = line.indexOf('#');
                hex.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s+", ""));
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects copies of delivered samples. */
    static final class Collector implements io.spinewatch.protocol.SampleListener {
        final List<io.spinewatch.protocol.ImuSample> samples = new ArrayList<>();

        @Override
        public void onSample(io.spinewatch.protocol.ImuSample sample) {
            samples.add(sample.copy());
        }
    }
}
