package io.spinewatch.protocol.witmotion;

import static io.spinewatch.protocol.witmotion.WitPackets.concat;
import static io.spinewatch.protocol.witmotion.WitPackets.restingGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WitMotionProbeTest {
    @Nested
    class Accepts {
        @Test
        void realOutputFromEveryTestVector() {
            for (String name : new String[] {"wt901-flat-at-rest-default-content.hex", "wt901-time-quaternion-100hz.hex",
                    "wt901ble-combined-0x61.hex", "wt901-noisy-line.hex"}) {
                assertTrue(WitMotionProbe.looksLikeWitMotion(WitPackets.readHex(name)), name);
            }
        }

        @Test
        void aBurstStartingMidPacket() {
            byte[] burst = concat(restingGroup(0), restingGroup(1));
            assertTrue(WitMotionProbe.looksLikeWitMotion(Arrays.copyOfRange(burst, 7, burst.length)));
        }
    }

    @Nested
    class Rejects {
        @Test
        void randomBytes() {
            Random random = new Random(20240611L);
            for (int trial = 0; trial < 200; trial++) {
                byte[] noise = new byte[512];
                random.nextBytes(noise);
                assertFalse(WitMotionProbe.looksLikeWitMotion(noise), "trial " + trial);
            }
        }

        @Test
        void randomBytesDenseWithHeaderBytes() {
            Random random = new Random(99);
            byte[] noise = new byte[2048];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = random.nextInt(4) == 0 ? 0x55 : (byte) random.nextInt(256);
            }
            assertFalse(WitMotionProbe.looksLikeWitMotion(noise));
        }

        @Test
        void tooFewPackets() {
            assertFalse(WitMotionProbe.looksLikeWitMotion(WitPackets.acc(0, 0, 9.8)));
            assertEquals(1, WitMotionProbe.probe(WitPackets.acc(0, 0, 9.8), 0, 11).validPackets());
        }

        @Test
        void outputReadAtTheWrongSpeed() {
            // Each byte seen at twice the sender's speed: every bit doubled, spread over two bytes.
            byte[] sent = concat(restingGroup(0), restingGroup(1), restingGroup(2));
            byte[] seen = new byte[sent.length * 2];
            for (int i = 0; i < sent.length; i++) {
                int doubled = 0;
                for (int bit = 0; bit < 8; bit++) {
                    if ((sent[i] >> bit & 1) != 0) {
                        doubled |= 3 << (2 * bit);
                    }
                }
                seen[2 * i] = (byte) doubled;
                seen[2 * i + 1] = (byte) (doubled >> 8);
            }
            assertFalse(WitMotionProbe.looksLikeWitMotion(seen));
        }

        @Test
        void aNonPositiveThreshold() {
            WitMotionProbe.Result r = WitMotionProbe.probe(new byte[0], 0, 0);
            assertThrows(IllegalArgumentException.class, () -> r.looksValid(0));
        }
    }
}
