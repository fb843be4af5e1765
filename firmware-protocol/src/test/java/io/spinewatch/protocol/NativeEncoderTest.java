package io.spinewatch.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NativeEncoderTest {

    @Nested
    class Integrity {
        @Test
        void crcIsCrc32cWithItsStandardCheckValue() {
            CRC32C crc = new CRC32C();
            crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
            assertEquals(0xE3069283L, crc.getValue());
        }

        @Test
        void theSpecWorkedExampleHasTheseBytes() {
            // docs/protocol.md walks through this frame byte by byte.
            byte[] frame = new NativeEncoder().command(new SetSampleRateCommand(0x00C0FFEEL, 514, 100));
            String hex = HexFormat.of().formatHex(frame);
            // Header and body, then the CRC-32C (0xf5053ea1, worked out independently) little-endian.
            assertEquals("010082eeffc00002026400" + "a13e05f5", HexFormat.of().formatHex(TestVectors.contentOf(frame)));
            assertEquals("02" + "01" + "05" + "82eeffc0" + "04" + "020264" + "05" + "a13e05f5" + "00", hex);
        }
    }

    @Nested
    class WorkedExamples {
        @Test
        void aOneSampleBatchHasTheBytesTheSpecWalksThrough() {
            ImuBatch b = new ImuBatch().start(0x00C0FFEEL, SensorSlot.UPPER, 100, 1_000_000, 10_000, 16, 2000)
                    .add((short) 12, (short) -40, (short) 2048, (short) 3, (short) -2, (short) 1);
            byte[] frame = new NativeEncoder().imuBatch(b);
            assertEquals("010001eeffc000" + "0000010c" + "64000000" + "40420f0000000000" + "10270000" + "1000d0070000"
                    + "0c00d8ff0008" + "0300feff0100" + "0d1c3359", HexFormat.of().formatHex(TestVectors.contentOf(frame)));
            assertEquals("0201050 1eeffc0 0101 04010c64 0101 04 40420f 01010101 03 1027 01 02 10 03 d007 01 02 0c 03 d8ff"
                    .replace(" ", "") + "030803" + "04feff01" + "050d1c3359" + "00", HexFormat.of().formatHex(frame));
        }
    }

    @Nested
    class Arguments {
        @Test
        void anEmptyBatchIsAProgrammingError() {
            ImuBatch b = new ImuBatch().start(1, SensorSlot.UPPER, 0, 0, 0, 16, 2000);
            assertThrows(IllegalArgumentException.class, () -> new NativeEncoder().imuBatch(b));
        }

        @Test
        void batchesRefuseMixedMagnetometerUse() {
            ImuBatch b = new ImuBatch().start(1, SensorSlot.UPPER, 0, 0, 0, 16, 2000);
            assertThrows(IllegalStateException.class, () -> b.add((short) 0, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0,
                    (short) 0, (short) 0, (short) 0));
            b.add((short) 0, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0);
            assertThrows(IllegalStateException.class, () -> b.withMag(100));
        }

        @Test
        void recordsRejectValuesTheWireCannotCarry() {
            assertThrows(IllegalArgumentException.class, () -> new HapticCommand(1L << 32, 0, 1, 1, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> new HapticCommand(1, 0, 0, 1, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> new SetSampleRateCommand(1, 70_000, 100));
            assertThrows(IllegalArgumentException.class, () -> new DeviceStatus(1, 1, 1, 1, 1, 101, false, false, 1, 0, 0, 0));
        }
    }
}
