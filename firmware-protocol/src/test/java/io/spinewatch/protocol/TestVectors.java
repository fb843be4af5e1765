package io.spinewatch.protocol;

import static io.spinewatch.protocol.NativeProtocol.*;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The catalogue behind {@code firmware-protocol/test-vectors/native-v1.txt}: encoder inputs, the
 * frames built from them (some deliberately damaged) and what a decoder must report. The file is
 * generated from here and checked against it, so spec, vectors and code cannot drift.
 */
final class TestVectors {
    private TestVectors() {
    }

    static final String FILE = "test-vectors/native-v1.txt";

    /**
     * One test vector.
     *
     * @param inputs encoder inputs (ImuBatch, DeviceStatus, Ack or Command); empty for hand-made bytes
     * @param wire every byte on the wire, in order
     * @param frames the same bytes split at delimiters, for display
     * @param expected the decoded values (sample/status/ack/command lines) and the final counters line
     */
    record Vector(String name, String note, List<Object> inputs, byte[] wire, List<byte[]> frames, List<String> expected) {
    }

    /** Expected counter values; zero unless set. */
    static final class Counts {
        long ok, integrity, malformed, unknown, unsupported, newerMinor, skipped, samples, lostUpper, lostMid, lostPelvis;

        Counts ok(long n) { ok = n; return this; }
        Counts integrity(long n) { integrity = n; return this; }
        Counts malformed(long n) { malformed = n; return this; }
        Counts unknown(long n) { unknown = n; return this; }
        Counts unsupported(long n) { unsupported = n; return this; }
        Counts newerMinor(long n) { newerMinor = n; return this; }
        Counts skipped(long n) { skipped = n; return this; }
        Counts samples(long n) { samples = n; return this; }
        Counts lost(SensorSlot slot, long n) {
            switch (slot) {
                case UPPER -> lostUpper = n;
                case MID -> lostMid = n;
                case PELVIS -> lostPelvis = n;
            }
            return this;
        }

        String line() {
            return VectorText.counters(new DecoderCounters.Snapshot(ok, integrity, malformed, unknown, unsupported,
                    skipped, samples, lostUpper, lostMid, lostPelvis), newerMinor);
        }
    }

    static final long DEVICE = 0x00C0FFEEL;

    static List<Vector> all() {
        List<Vector> v = new ArrayList<>();
        NativeEncoder enc = new NativeEncoder();

        // --- device -> monitor, good ---
        ImuBatch upper = new ImuBatch().start(DEVICE, SensorSlot.UPPER, 100, 1_000_000, 10_000, 16, 2000)
                .add((short) 12, (short) -40, (short) 2048, (short) 3, (short) -2, (short) 1)
                .add((short) 15, (short) -38, (short) 2050, (short) 5, (short) -1, (short) 0)
                .add((short) 9, (short) -41, (short) 2046, (short) -4, (short) 0, (short) 2)
                .add((short) 11, (short) -39, (short) 2049, (short) 0, (short) 1, (short) -3);
        v.add(good("imu_batch_no_mag", "Four upper-back samples at 100 Hz, +-16 g, +-2000 deg/s, sensor at rest (z up).",
                List.of(upper), new Counts().ok(1).samples(4)));

        ImuBatch mid = new ImuBatch().start(0x12345678L, SensorSlot.MID, 0, 5_000_000_000L, 5_000, 8, 500)
                .withMag(4900).streamStart(true)
                .add((short) -100, (short) 4096, (short) 120, (short) 655, (short) -655, (short) 10, (short) 143, (short) -52, (short) -287)
                .add((short) -98, (short) 4090, (short) 118, (short) 650, (short) -660, (short) 12, (short) 144, (short) -51, (short) -288)
                .add((short) -101, (short) 4101, (short) 121, (short) 640, (short) -645, (short) 9, (short) 142, (short) -53, (short) -286);
        v.add(good("imu_batch_with_mag", "Three mid-back samples with magnetometer (+-4900 uT), 200 Hz, stream-start flag, a device time above 2^32 us.",
                List.of(mid), new Counts().ok(1).samples(3)));

        ImuBatch extremes = new ImuBatch().start(0xFFFF_FFFFL, SensorSlot.PELVIS, 0xFFFF_FFFEL, Long.MAX_VALUE - 10, 1, 2, 125)
                .withMag(100)
                .add(Short.MIN_VALUE, Short.MAX_VALUE, (short) 0, Short.MIN_VALUE, Short.MAX_VALUE, (short) -1,
                        Short.MIN_VALUE, Short.MAX_VALUE, (short) 1)
                .add(Short.MAX_VALUE, Short.MIN_VALUE, (short) -1, Short.MAX_VALUE, Short.MIN_VALUE, (short) 1,
                        Short.MAX_VALUE, Short.MIN_VALUE, (short) -1)
                .add((short) 0, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0);
        v.add(good("imu_batch_extremes", "int16 extremes, largest device id, sequence wrapping inside the batch (4294967294, 4294967295, 0), largest time.",
                List.of(extremes), new Counts().ok(1).samples(3)));

        ImuBatch full = new ImuBatch().start(7, SensorSlot.UPPER, 1000, 0, 1_250, 4, 1000).withMag(1300);
        for (int i = 0; i < MAX_SAMPLES_PER_BATCH; i++) {
            full.add((short) (i * 511), (short) (-i * 257), (short) (8192 + i), (short) (i * 1021), (short) (i * 3), (short) (-i),
                    (short) (i * 97), (short) (-i * 89), (short) (i * 1009));
        }
        v.add(good("imu_batch_full", "The largest batch: 64 samples with magnetometer at 800 Hz (1189 content bytes, several 254-byte COBS blocks).",
                List.of(full), new Counts().ok(1).samples(64)));

        ImuBatch wrapA = new ImuBatch().start(DEVICE, SensorSlot.MID, 0xFFFF_FFFDL, 10, 10_000, 16, 2000)
                .add((short) 1, (short) 2, (short) 3, (short) 4, (short) 5, (short) 6)
                .add((short) 1, (short) 2, (short) 3, (short) 4, (short) 5, (short) 6);
        ImuBatch wrapB = new ImuBatch().start(DEVICE, SensorSlot.MID, 0xFFFF_FFFFL, 20_010, 10_000, 16, 2000)
                .add((short) 1, (short) 2, (short) 3, (short) 4, (short) 5, (short) 6)
                .add((short) 1, (short) 2, (short) 3, (short) 4, (short) 5, (short) 6);
        ImuBatch wrapC = new ImuBatch().start(DEVICE, SensorSlot.MID, 1, 40_010, 10_000, 16, 2000)
                .add((short) 1, (short) 2, (short) 3, (short) 4, (short) 5, (short) 6);
        v.add(good("seq_wrap_no_loss", "Three batches across the 32-bit sequence wrap with no gap: nothing lost.",
                List.of(wrapA, wrapB, wrapC), new Counts().ok(3).samples(5)));

        ImuBatch gapA = new ImuBatch().start(DEVICE, SensorSlot.PELVIS, 10, 0, 10_000, 16, 2000)
                .add((short) 0, (short) 0, (short) 2048, (short) 0, (short) 0, (short) 0)
                .add((short) 0, (short) 0, (short) 2048, (short) 0, (short) 0, (short) 0);
        ImuBatch gapB = new ImuBatch().start(DEVICE, SensorSlot.PELVIS, 18, 80_000, 10_000, 16, 2000)
                .add((short) 0, (short) 0, (short) 2048, (short) 0, (short) 0, (short) 0);
        ImuBatch gapWrapA = new ImuBatch().start(DEVICE, SensorSlot.UPPER, 0xFFFF_FFFFL, 0, 10_000, 16, 2000)
                .add((short) 0, (short) 0, (short) 2048, (short) 0, (short) 0, (short) 0);
        ImuBatch gapWrapB = new ImuBatch().start(DEVICE, SensorSlot.UPPER, 3, 40_000, 10_000, 16, 2000)
                .add((short) 0, (short) 0, (short) 2048, (short) 0, (short) 0, (short) 0);
        v.add(good("seq_gap_loss", "Pelvis jumps from 11 to 18 (6 lost); upper jumps across the wrap from 4294967295 to 3 (3 lost).",
                List.of(gapA, gapB, gapWrapA, gapWrapB), new Counts().ok(4).samples(5).lost(SensorSlot.PELVIS, 6).lost(SensorSlot.UPPER, 3)));

        ImuBatch resetA = new ImuBatch().start(DEVICE, SensorSlot.UPPER, 5000, 9_000_000, 10_000, 16, 2000)
                .add((short) 0, (short) 0, (short) 2048, (short) 0, (short) 0, (short) 0);
        ImuBatch resetB = new ImuBatch().start(DEVICE, SensorSlot.UPPER, 0, 100, 10_000, 16, 2000)
                .add((short) 0, (short) 0, (short) 2048, (short) 0, (short) 0, (short) 0);
        ImuBatch restartC = new ImuBatch().start(DEVICE, SensorSlot.UPPER, 900, 200_000, 10_000, 16, 2000).streamStart(true)
                .add((short) 0, (short) 0, (short) 2048, (short) 0, (short) 0, (short) 0);
        v.add(good("seq_reset_not_loss", "A backwards jump (device reset, 5000 to 0) and a forward jump flagged stream-start are not loss.",
                List.of(resetA, resetB, restartC), new Counts().ok(3).samples(3)));

        DeviceStatus status = new DeviceStatus(DEVICE, 1, 4, 258, 3915, 87, false, true, 100, 0b111, 0b010, 86_400);
        v.add(good("device_status", "Firmware 1.4.258, 3.915 V, 87 %, streaming at 100 Hz, three sensors present, mid faulty.",
                List.of(status), new Counts().ok(1)));
        DeviceStatus charging = new DeviceStatus(1, 0, 1, 0, 4200, 100, true, false, 50, 0b001, 0, 0);
        v.add(good("device_status_charging", "Charging and idle, single sensor (upper).", List.of(charging), new Counts().ok(1)));

        v.add(good("ack_ok", "Acknowledges haptic command 513.",
                List.of(new Ack(DEVICE, 513, TYPE_HAPTIC, AckStatus.OK)), new Counts().ok(1)));
        v.add(good("ack_invalid_argument", "Rejects a sample-rate command (id 65535).",
                List.of(new Ack(DEVICE, 65535, TYPE_SET_SAMPLE_RATE, AckStatus.INVALID_ARGUMENT)), new Counts().ok(1)));

        // --- monitor -> device, good ---
        v.add(good("command_haptic", "Three 200 ms pulses, 150 ms apart, at 80 %.",
                List.of(new HapticCommand(DEVICE, 513, 3, 200, 150, 80)), new Counts().ok(1)));
        v.add(good("command_set_sample_rate", "Set 100 Hz.",
                List.of(new SetSampleRateCommand(DEVICE, 514, 100)), new Counts().ok(1)));
        v.add(good("command_streaming", "Start, then stop streaming.",
                List.of(new StreamingCommand(DEVICE, 515, true), new StreamingCommand(DEVICE, 516, false)), new Counts().ok(2)));
        v.add(good("command_identify", "Identify for 3 s.",
                List.of(new IdentifyCommand(DEVICE, 0, 3000)), new Counts().ok(1)));

        byte[] upperFrame = enc.imuBatch(upper);
        v.add(crafted("idle_delimiters", "Extra delimiters before, between and after frames are idle fill: ignored, not counted.",
                List.of(upper, upper), List.of(new byte[] {0, 0}, upperFrame, new byte[] {0}, upperFrame, new byte[] {0, 0}),
                expectedFor(List.of(upper, upper)), new Counts().ok(2).samples(8)));

        // --- bad input ---
        byte[] badCrc = withContent(upperFrame, c -> c[c.length - 1] ^= 0x01);
        byte[] badCrcRefit = new NativeEncoder().frame(Arrays.copyOf(contentOf(upperFrame), contentOf(upperFrame).length - CRC_BYTES));
        // Sanity: reframing the original content reproduces the original frame.
        if (!Arrays.equals(badCrcRefit, upperFrame)) {
            throw new AssertionError("frame() must reproduce the encoder's frame");
        }
        v.add(crafted("bad_crc", "imu_batch_no_mag with the last CRC byte flipped: one integrity failure, all its bytes skipped.",
                List.of(), List.of(badCrc), List.of(), new Counts().integrity(1).skipped(badCrc.length - 1)));
        byte[] badPayload = withContent(upperFrame, c -> c[40] ^= 0x10);
        v.add(crafted("bad_payload_bit", "imu_batch_no_mag with one payload bit flipped and the old CRC.",
                List.of(), List.of(badPayload), List.of(), new Counts().integrity(1).skipped(badPayload.length - 1)));

        byte[] truncated = Arrays.copyOf(upperFrame, 29);
        truncated[28] = 0;
        v.add(crafted("truncated", "The first 28 bytes of imu_batch_no_mag, then a delimiter (the link dropped mid-frame); the cut falls "
                        + "inside a COBS block: malformed, skipped.",
                List.of(), List.of(truncated), List.of(), new Counts().malformed(1).skipped(28)));
        byte[] truncatedAtBlock = Arrays.copyOf(upperFrame, 30);
        truncatedAtBlock[29] = 0;
        v.add(crafted("truncated_at_block_end", "The first 29 bytes of imu_batch_no_mag: the cut falls at a COBS block end, so "
                        + "the bytes decode, but their last four are no CRC of the rest: an integrity failure.",
                List.of(), List.of(truncatedAtBlock), List.of(), new Counts().integrity(1).skipped(29)));

        byte[] tooShort = enc.frame(new byte[] {1, 0, 3, 1, 2});
        v.add(crafted("too_short", "Five content bytes with a valid CRC: shorter than a header, malformed.",
                List.of(), List.of(tooShort), List.of(), new Counts().malformed(1).skipped(tooShort.length - 1)));

        byte[] badSlot = reframe(upperFrame, c -> c[7] = 3);
        v.add(crafted("invalid_slot", "imu_batch_no_mag with slot code 3 and a valid CRC: malformed.",
                List.of(), List.of(badSlot), List.of(), new Counts().malformed(1).skipped(badSlot.length - 1)));

        byte[] unknownType = reframe(enc.status(status), c -> c[2] = 0x7E);
        v.add(crafted("unknown_type", "A v1.0 frame of type 0x7e with a valid CRC: counted as unknown type and skipped.",
                List.of(), List.of(unknownType), List.of(), new Counts().unknown(1).skipped(unknownType.length - 1)));

        byte[] newerMinor = newerMinorBatch(contentOf(upperFrame), enc);
        v.add(crafted("newer_minor", "imu_batch_no_mag as a v1.1 sender might write it: two extra batch-header bytes and a 14-byte sample "
                        + "(2 new bytes each). The known prefix decodes to the same samples; counted as newer minor.",
                List.of(), List.of(newerMinor), expectedFor(List.of(upper)), new Counts().ok(1).newerMinor(1).samples(4)));

        byte[] newerMinorUnknown = reframe(enc.status(status), c -> {
            c[1] = 1;
            c[2] = 0x04;
        });
        v.add(crafted("newer_minor_unknown_type", "A v1.1 frame of a type v1.0 does not know (0x04): unknown type, skipped.",
                List.of(), List.of(newerMinorUnknown), List.of(), new Counts().unknown(1).skipped(newerMinorUnknown.length - 1)));

        byte[] newerMajor = reframe(upperFrame, c -> c[0] = 2);
        v.add(crafted("newer_major", "imu_batch_no_mag stamped version 2.0: unsupported version, skipped.",
                List.of(), List.of(newerMajor), List.of(), new Counts().unsupported(1).skipped(newerMajor.length - 1)));

        byte[] oversize = new byte[MAX_FRAME_BYTES + 21];
        Arrays.fill(oversize, (byte) 0x55);
        oversize[oversize.length - 1] = 0;
        v.add(crafted("oversize", "1300 non-zero bytes before a delimiter: longer than " + MAX_FRAME_BYTES + ", discarded as one malformed frame.",
                List.of(), List.of(oversize), List.of(), new Counts().malformed(1).skipped(oversize.length - 1)));

        byte[] garbage = {0x55, 0x51, 0x12, 0x34, 0x00};
        v.add(crafted("garbage_between_frames", "Line noise ended by a delimiter between two good frames: the noise costs one malformed "
                        + "frame (4 bytes skipped), both good frames decode.",
                List.of(upper, upper), List.of(upperFrame, garbage, upperFrame), expectedFor(List.of(upper, upper)),
                new Counts().ok(2).malformed(1).skipped(4).samples(8)));
        return v;
    }

    private static Vector good(String name, String note, List<Object> inputs, Counts counts) {
        NativeEncoder enc = new NativeEncoder();
        List<byte[]> frames = new ArrayList<>();
        for (Object in : inputs) {
            frames.add(encode(enc, in));
        }
        return crafted(name, note, inputs, frames, expectedFor(inputs), counts);
    }

    private static Vector crafted(String name, String note, List<Object> inputs, List<byte[]> frames, List<String> decoded, Counts counts) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            wire.writeBytes(f);
        }
        List<String> expected = new ArrayList<>(decoded);
        expected.add(counts.line());
        return new Vector(name, note, inputs, wire.toByteArray(), frames, expected);
    }

    /** The values a decoder must deliver for these inputs, worked out from the inputs themselves. */
    static List<String> expectedFor(List<Object> inputs) {
        List<String> lines = new ArrayList<>();
        ImuSample s = new ImuSample();
        for (Object in : inputs) {
            if (in instanceof ImuBatch b) {
                for (int i = 0; i < b.count(); i++) {
                    lines.add(VectorText.sample(b.sample(i, s)));
                }
            } else if (in instanceof DeviceStatus st) {
                lines.add(VectorText.status(st));
            } else if (in instanceof Ack a) {
                lines.add(VectorText.ack(a));
            } else {
                lines.add(VectorText.command((Command) in));
            }
        }
        return lines;
    }

    static byte[] encode(NativeEncoder enc, Object in) {
        if (in instanceof ImuBatch b) {
            return enc.imuBatch(b);
        } else if (in instanceof DeviceStatus s) {
            return enc.status(s);
        } else if (in instanceof Ack a) {
            return enc.ack(a);
        }
        return enc.command((Command) in);
    }

    /** The decoded content (header, body, CRC) of one delimited frame. */
    static byte[] contentOf(byte[] frame) {
        byte[] c = new byte[frame.length];
        int n = Cobs.decode(frame, 0, frame.length - 1, c, 0);
        if (n < 0) {
            throw new AssertionError("not a COBS frame");
        }
        return Arrays.copyOf(c, n);
    }

    interface Edit {
        void apply(byte[] content);
    }

    /** Edits a frame's content (CRC included) and COBS-encodes it again without fixing the CRC. */
    static byte[] withContent(byte[] frame, Edit edit) {
        byte[] c = contentOf(frame);
        edit.apply(c);
        byte[] out = new byte[Cobs.maxEncodedLength(c.length) + 1];
        int n = Cobs.encode(c, 0, c.length, out, 0);
        out[n] = 0;
        return Arrays.copyOf(out, n + 1);
    }

    /** Edits a frame's header and body and frames it again with a correct CRC. */
    static byte[] reframe(byte[] frame, Edit edit) {
        byte[] c = contentOf(frame);
        byte[] body = Arrays.copyOf(c, c.length - CRC_BYTES);
        edit.apply(body);
        return new NativeEncoder().frame(body);
    }

    /** A v1.1-style batch: version minor 1, two bytes appended to the batch header and to each sample. */
    private static byte[] newerMinorBatch(byte[] v10Content, NativeEncoder enc) {
        int count = v10Content[9] & 0xFF;
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        c.write(v10Content, 0, IMU_SAMPLES_OFFSET);
        c.write(0xA5);
        c.write(0x5A);
        for (int i = 0; i < count; i++) {
            c.write(v10Content, IMU_SAMPLES_OFFSET + i * SAMPLE_BYTES, SAMPLE_BYTES);
            c.write(0x7F);
            c.write(i);
        }
        byte[] body = c.toByteArray();
        body[1] = 1;
        body[10] = SAMPLE_BYTES + 2;
        return enc.frame(body);
    }

    /** The whole vector file as text. */
    static String render(List<Vector> vectors) {
        StringBuilder b = new StringBuilder();
        b.append("# spinewatch native protocol v").append(VERSION_MAJOR).append('.').append(VERSION_MINOR).append(" test vectors.\n");
        b.append("# Generated from firmware-protocol/src/test/java/io/spinewatch/protocol/TestVectors.java; do not edit.\n");
        b.append("# TestVectorsTest fails when this file and the encoder disagree; to rewrite it run\n");
        b.append("#   mvn -o -pl firmware-protocol test -Dtest=TestVectorsTest -Dspinewatch.writeVectors=true\n");
        b.append("# One block per vector, blocks separated by a blank line. Lines in a block:\n");
        b.append("#   vector NAME        the vector's name\n");
        b.append("#   note TEXT          what it shows\n");
        b.append("#   input KIND k=v...  a value given to the encoder (absent for hand-made bytes)\n");
        b.append("#   frame HEX          bytes on the wire, delimiters included; feed all frame lines of a block, in order, to one fresh decoder\n");
        b.append("#   sample k=v...      a sample the decoder delivers (acc m/s^2, gyro rad/s, mag uT, six decimals), in order;\n");
        b.append("#   status|ack|command k=v...  another message it delivers, in order\n");
        b.append("#   counters k=v...    the decoder's counters after the last frame\n");
        for (Vector v : vectors) {
            b.append('\n');
            b.append("vector ").append(v.name()).append('\n');
            b.append("note ").append(v.note()).append('\n');
            for (Object in : v.inputs()) {
                b.append("input ").append(input(in)).append('\n');
            }
            for (byte[] f : v.frames()) {
                b.append("frame ").append(VectorText.HEX.formatHex(f)).append('\n');
            }
            for (String line : v.expected()) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    /** An encoder input as {@code KIND k=v ...}. */
    static String input(Object in) {
        if (in instanceof ImuBatch b) {
            StringBuilder s = new StringBuilder("imu_batch device=").append(b.deviceId()).append(" slot=").append(b.slot().label())
                    .append(" stream_start=").append(b.streamStart()).append(" first_seq=").append(b.firstSeq())
                    .append(" first_t_us=").append(b.firstTimeMicros()).append(" period_us=").append(b.samplePeriodMicros())
                    .append(" acc_range_g=").append(b.accRangeG()).append(" gyro_range_dps=").append(b.gyroRangeDps());
            if (b.hasMag()) {
                s.append(" mag_range_ut=").append(b.magRangeMicroTesla());
            }
            s.append(" raw=");
            int axes = b.hasMag() ? 9 : 6;
            for (int i = 0; i < b.count(); i++) {
                for (int a = 0; a < axes; a++) {
                    s.append(a == 0 ? (i == 0 ? "" : ";") : ",").append(b.raw(i, a));
                }
            }
            return s.toString();
        } else if (in instanceof DeviceStatus st) {
            return VectorText.status(st);
        } else if (in instanceof Ack a) {
            return VectorText.ack(a);
        }
        return VectorText.command((Command) in);
    }
}
