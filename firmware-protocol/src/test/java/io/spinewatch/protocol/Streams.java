package io.spinewatch.protocol;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random but reproducible protocol content for property tests, benchmarks' cousins in the test tree. */
final class Streams {
    private Streams() {
    }

    static ImuBatch randomBatch(Random r, ImuBatch b) {
        SensorSlot slot = SensorSlot.values()[r.nextInt(3)];
        int[] accRanges = {2, 4, 8, 16};
        int[] gyroRanges = {125, 250, 500, 1000, 2000};
        b.start(r.nextLong() & 0xFFFF_FFFFL, slot, r.nextLong() & 0xFFFF_FFFFL, r.nextLong() & Long.MAX_VALUE >>> 8,
                r.nextInt(100_000), accRanges[r.nextInt(4)], gyroRanges[r.nextInt(5)]);
        b.streamStart(r.nextBoolean());
        boolean mag = r.nextInt(3) == 0;
        if (mag) {
            b.withMag(1 + r.nextInt(0xFFFF));
        }
        int n = 1 + r.nextInt(NativeProtocol.MAX_SAMPLES_PER_BATCH);
        for (int i = 0; i < n; i++) {
            short[] v = new short[9];
            for (int a = 0; a < 9; a++) {
                // Mix in extremes and zeros, which exercise sign handling and COBS blocks.
                int pick = r.nextInt(8);
                v[a] = pick == 0 ? Short.MIN_VALUE : pick == 1 ? Short.MAX_VALUE : pick == 2 ? 0 : (short) r.nextInt();
            }
            if (mag) {
                b.add(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
            } else {
                b.add(v[0], v[1], v[2], v[3], v[4], v[5]);
            }
        }
        return b;
    }

    static Command randomCommand(Random r) {
        long device = r.nextLong() & 0xFFFF_FFFFL;
        int id = r.nextInt(0x10000);
        return switch (r.nextInt(4)) {
            case 0 -> new HapticCommand(device, id, 1 + r.nextInt(HapticCommand.MAX_PULSES), 1 + r.nextInt(HapticCommand.MAX_MILLIS),
                    r.nextInt(HapticCommand.MAX_MILLIS + 1), 1 + r.nextInt(100));
            case 1 -> new SetSampleRateCommand(device, id, 1 + r.nextInt(SetSampleRateCommand.MAX_SAMPLE_RATE_HZ));
            case 2 -> new StreamingCommand(device, id, r.nextBoolean());
            default -> new IdentifyCommand(device, id, 1 + r.nextInt(IdentifyCommand.MAX_DURATION_MILLIS));
        };
    }

    static DeviceStatus randomStatus(Random r) {
        return new DeviceStatus(r.nextLong() & 0xFFFF_FFFFL, r.nextInt(256), r.nextInt(256), r.nextInt(0x10000),
                r.nextInt(0x10000), r.nextInt(101), r.nextBoolean(), r.nextBoolean(), 1 + r.nextInt(0xFFFF),
                r.nextInt(8), r.nextInt(8), r.nextLong() & 0xFFFF_FFFFL);
    }

    static Ack randomAck(Random r) {
        return new Ack(r.nextLong() & 0xFFFF_FFFFL, r.nextInt(0x10000), 0x80 + r.nextInt(0x80),
                AckStatus.values()[r.nextInt(AckStatus.values().length)]);
    }

    /** A stream of {@code frames} mixed messages and the text a decoder must produce for it. */
    record Mixed(byte[] wire, List<String> expected, int frameCount) {
    }

    static Mixed mixed(Random r, int frames) {
        NativeEncoder enc = new NativeEncoder();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<Object> inputs = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            Object in = switch (r.nextInt(4)) {
                case 0 -> randomStatus(r);
                case 1 -> randomAck(r);
                case 2 -> randomCommand(r);
                default -> randomBatch(r, new ImuBatch());
            };
            inputs.add(in);
            wire.writeBytes(TestVectors.encode(enc, in));
        }
        return new Mixed(wire.toByteArray(), TestVectors.expectedFor(inputs), frames);
    }
}
