package io.spinewatch.protocol.witmotion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class WitMotionCommandsTest {
    private static byte[] hex(String s) {
        return HexFormat.ofDelimiter(" ").parseHex(s);
    }

    @Nested
    class DocumentedBytes {
        /** Bytes as printed in the vendor documents (docs/witmotion.md cites each). */
        static Stream<Arguments> examples() {
            return Stream.of(
                    Arguments.of("unlock", (Supplier<byte[]>) WitMotionCommands::unlock, "FF AA 69 88 B5"),
                    Arguments.of("save", (Supplier<byte[]>) WitMotionCommands::save, "FF AA 00 00 00"),
                    Arguments.of("restart", (Supplier<byte[]>) WitMotionCommands::restart, "FF AA 00 FF 00"),
                    Arguments.of("rate 100 Hz", (Supplier<byte[]>) () -> WitMotionCommands.outputRate(OutputRate.HZ_100), "FF AA 03 09 00"),
                    Arguments.of("rate 10 Hz", (Supplier<byte[]>) () -> WitMotionCommands.outputRate(OutputRate.HZ_10), "FF AA 03 06 00"),
                    Arguments.of("rate 200 Hz", (Supplier<byte[]>) () -> WitMotionCommands.outputRate(OutputRate.HZ_200), "FF AA 03 0B 00"),
                    Arguments.of("rate 0.2 Hz", (Supplier<byte[]>) () -> WitMotionCommands.outputRate(OutputRate.HZ_0_2), "FF AA 03 01 00"),
                    Arguments.of("output once", (Supplier<byte[]>) WitMotionCommands::outputOnce, "FF AA 03 0C 00"),
                    Arguments.of("output off", (Supplier<byte[]>) WitMotionCommands::outputOff, "FF AA 03 0D 00"),
                    Arguments.of("baud 115200", (Supplier<byte[]>) () -> WitMotionCommands.baudRate(BaudRate.B115200), "FF AA 04 06 00"),
                    Arguments.of("baud 9600", (Supplier<byte[]>) () -> WitMotionCommands.baudRate(BaudRate.B9600), "FF AA 04 02 00"),
                    Arguments.of("baud 921600", (Supplier<byte[]>) () -> WitMotionCommands.baudRate(BaudRate.B921600), "FF AA 04 09 00"),
                    Arguments.of("factory content", (Supplier<byte[]>) () -> WitMotionCommands.outputContent(OutputContent.FACTORY_DEFAULT), "FF AA 02 1E 00"),
                    Arguments.of("acc, gyro, quaternion", (Supplier<byte[]>) () -> WitMotionCommands.outputContent(
                            EnumSet.of(OutputContent.ACC, OutputContent.GYRO, OutputContent.QUATERNION)), "FF AA 02 06 02"),
                    Arguments.of("time, acc, gyro, angle, mag, quaternion", (Supplier<byte[]>) () -> WitMotionCommands.outputContent(
                            WitMotionSetup.MONITOR_CONTENT), "FF AA 02 1F 02"),
                    Arguments.of("calibrate accelerometer", (Supplier<byte[]>) WitMotionCommands::calibrateAccelerometer, "FF AA 01 01 00"),
                    Arguments.of("end calibration", (Supplier<byte[]>) WitMotionCommands::endCalibration, "FF AA 01 00 00"),
                    Arguments.of("six-axis fusion", (Supplier<byte[]>) () -> WitMotionCommands.sixAxisAlgorithm(true), "FF AA 24 01 00"),
                    Arguments.of("read magnetic field registers", (Supplier<byte[]>) () -> WitMotionCommands.readRegister(0x3A), "FF AA 27 3A 00"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("examples")
        void matchesTheDocumentedBytes(String name, Supplier<byte[]> command, String expected) {
            assertArrayEquals(hex(expected), command.get(), name);
        }

        @Test
        void everyCallReturnsAFreshArray() {
            assertNotSame(WitMotionCommands.unlock(), WitMotionCommands.unlock());
        }
    }

    @Nested
    class Encoding {
        @Test
        void valuesAreLittleEndian() {
            assertArrayEquals(hex("FF AA 05 34 12"), WitMotionCommands.writeRegister(0x05, 0x1234));
        }

        @ParameterizedTest
        @EnumSource(OutputRate.class)
        void rateCodesAreDistinctAndIncreaseWithTheRate(OutputRate rate) {
            byte[] c = WitMotionCommands.outputRate(rate);
            assertEquals(rate.code(), c[3]);
            if (rate.ordinal() > 0) {
                OutputRate slower = OutputRate.values()[rate.ordinal() - 1];
                assertEquals(1, rate.code() - slower.code());
            }
        }

        @ParameterizedTest
        @EnumSource(BaudRate.class)
        void baudCodesRoundTripThroughTheLineSpeed(BaudRate baud) {
            assertEquals(baud, BaudRate.ofBitsPerSecond(baud.bitsPerSecond()));
            assertEquals(baud.ordinal() + 1, WitMotionCommands.baudRate(baud)[3]);
        }

        @Test
        void aSpeedTheSensorCannotTakeHasNoCode() {
            assertNull(BaudRate.ofBitsPerSecond(250000));
        }

        @Test
        void contentBitsEnablePacketTypesFrom0x50Upwards() {
            for (OutputContent c : OutputContent.values()) {
                assertEquals(1 << (c.packetType() - 0x50), c.bit(), c.name());
            }
            assertEquals(0x7FF, OutputContent.mask(EnumSet.allOf(OutputContent.class)));
        }
    }

    @Nested
    class Validation {
        @Test
        void rejectsRegistersOutsideTheVendorTable() {
            assertThrows(IllegalArgumentException.class, () -> WitMotionCommands.writeRegister(-1, 0));
            assertThrows(IllegalArgumentException.class, () -> WitMotionCommands.writeRegister(0x90, 0));
            assertThrows(IllegalArgumentException.class, () -> WitMotionCommands.readRegister(0x100));
        }

        @Test
        void rejectsValuesThatDoNotFitSixteenBits() {
            assertThrows(IllegalArgumentException.class, () -> WitMotionCommands.writeRegister(2, 0x10000));
            assertThrows(IllegalArgumentException.class, () -> WitMotionCommands.writeRegister(2, -1));
        }

        @Test
        void rejectsEmptyContentAndNulls() {
            assertThrows(IllegalArgumentException.class, () -> WitMotionCommands.outputContent(Set.of()));
            assertThrows(NullPointerException.class, () -> WitMotionCommands.outputRate(null));
            assertThrows(NullPointerException.class, () -> WitMotionCommands.baudRate(null));
        }
    }
}
