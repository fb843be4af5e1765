package io.spinewatch.transport.serial;

/** WitMotion 11-byte packets for tests, built from the layout in docs/witmotion.md. */
final class WitPackets {
    private WitPackets() {
    }

    /** An acceleration packet (0x51) and an angular-rate packet (0x52): one sample, level and still, 25 deg C. */
    static byte[] accGyroGroup(long seq) {
        byte[] out = new byte[22];
        // 1 g on z is 32768 / 16 = 2048 counts; x carries the low bits of seq so samples differ.
        packet(out, 0, 0x51, (int) (seq % 1000), 0, 2048, 2500);
        packet(out, 11, 0x52, 0, 0, 0, 2500);
        return out;
    }

    static void packet(byte[] out, int at, int type, int w0, int w1, int w2, int w3) {
        out[at] = 0x55;
        out[at + 1] = (byte) type;
        int[] words = {w0, w1, w2, w3};
        for (int i = 0; i < 4; i++) {
            out[at + 2 + 2 * i] = (byte) words[i];
            out[at + 3 + 2 * i] = (byte) (words[i] >> 8);
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += out[at + i] & 0xFF;
        }
        out[at + 10] = (byte) sum;
    }
}
