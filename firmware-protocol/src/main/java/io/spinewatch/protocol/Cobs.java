package io.spinewatch.protocol;

/**
 * Consistent Overhead Byte Stuffing: rewrites a byte string so it contains no 0x00, for at most one
 * extra byte per 254, which lets 0x00 delimit frames.
 *
 * <p>Encoding closes a block after every zero and after 254 non-zero bytes, and always writes the code
 * of the final block (so data ending in a full 254-byte block gets a trailing {@code 0x01}); decoding
 * accepts that form and the form without the trailing {@code 0x01}.
 */
public final class Cobs {
    private Cobs() {
    }

    /** Most bytes {@link #encode} writes for {@code length} input bytes. */
    public static int maxEncodedLength(int length) {
        return length + length / 254 + 1;
    }

    /** Encodes {@code src[srcOff, srcOff+length)} into {@code dst} from {@code dstOff}; returns bytes written (no delimiter). */
    public static int encode(byte[] src, int srcOff, int length, byte[] dst, int dstOff) {
        int codePos = dstOff;
        int out = dstOff + 1;
        int code = 1;
        for (int i = srcOff, end = srcOff + length; i < end; i++) {
            byte b = src[i];
            if (b == 0) {
                dst[codePos] = (byte) code;
                codePos = out++;
                code = 1;
            } else {
                dst[out++] = b;
                if (++code == 0xFF) {
                    dst[codePos] = (byte) code;
                    codePos = out++;
                    code = 1;
                }
            }
        }
        dst[codePos] = (byte) code;
        return out - dstOff;
    }

    /**
     * Decodes one frame (delimiter excluded) into {@code dst}; returns the decoded length, or -1 when
     * the input is not valid COBS (a zero byte, or a block running past the end).
     */
    public static int decode(byte[] src, int srcOff, int length, byte[] dst, int dstOff) {
        int out = dstOff;
        int i = srcOff;
        int end = srcOff + length;
        while (i < end) {
            int code = src[i++] & 0xFF;
            if (code == 0 || i + code - 1 > end) {
                return -1;
            }
            for (int k = 1; k < code; k++) {
                byte b = src[i++];
                if (b == 0) {
                    return -1;
                }
                dst[out++] = b;
            }
            if (code != 0xFF && i < end) {
                dst[out++] = 0;
            }
        }
        return out - dstOff;
    }
}
