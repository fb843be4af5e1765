package io.spinewatch.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CobsTest {
    static final HexFormat HEX = HexFormat.of();

    static String encode(String hex) {
        byte[] in = HEX.parseHex(hex);
        byte[] out = new byte[Cobs.maxEncodedLength(in.length)];
        return HEX.formatHex(out, 0, Cobs.encode(in, 0, in.length, out, 0));
    }

    @Nested
    class KnownEncodings {
        @Test
        void smallCasesFromTheCobsPaper() {
            assertEquals("01", encode(""));
            assertEquals("0101", encode("00"));
            assertEquals("010101", encode("0000"));
            assertEquals("03112201", encode("112200"));
            assertEquals("0211021101", encode("11001100"));
            assertEquals("0311220233", encode("11220033"));
        }

        @Test
        void a254ByteRunClosesItsBlockAndGetsAnEmptyFinalBlock() {
            byte[] run = new byte[254];
            Arrays.fill(run, (byte) 1);
            String e = encode(HEX.formatHex(run));
            assertEquals(256 * 2, e.length());
            assertTrue(e.startsWith("ff01"));
            assertTrue(e.endsWith("0101"));
        }
    }

    @Nested
    class RoundTrip {
        @Test
        void randomDataSurvivesAndHasNoZero() {
            Random r = new Random(5);
            for (int n = 0; n < 5000; n++) {
                byte[] in = new byte[r.nextInt(1200)];
                r.nextBytes(in);
                for (int i = 0; i < in.length; i++) {
                    if (r.nextInt(4) == 0) {
                        in[i] = 0;
                    }
                }
                byte[] enc = new byte[Cobs.maxEncodedLength(in.length)];
                int len = Cobs.encode(in, 0, in.length, enc, 0);
                for (int i = 0; i < len; i++) {
                    assertTrue(enc[i] != 0);
                }
                byte[] dec = new byte[len];
                int dlen = Cobs.decode(enc, 0, len, dec, 0);
                assertArrayEquals(in, Arrays.copyOf(dec, dlen));
            }
        }

        @Test
        void theFormWithoutTheTrailingEmptyBlockDecodesTooAndInvalidInputIsRejected() {
            byte[] run = new byte[255];
            Arrays.fill(run, (byte) 1);
            run[0] = (byte) 0xFF;
            byte[] out = new byte[300];
            assertEquals(254, Cobs.decode(run, 0, run.length, out, 0));
            assertEquals(-1, Cobs.decode(HEX.parseHex("0511"), 0, 2, out, 0));
            assertEquals(-1, Cobs.decode(HEX.parseHex("021100"), 0, 3, out, 0));
        }
    }
}
