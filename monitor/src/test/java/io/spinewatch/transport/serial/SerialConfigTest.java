package io.spinewatch.transport.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.ingest.Backoff;
import io.spinewatch.ingest.WireProtocol;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.protocol.witmotion.BaudRate;
import java.util.HashSet;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SerialConfigTest {

    @Nested
    class Defaults {
        @Test
        void aPortProtocolAndWearerGetTheDocumentedDefaults() {
            SerialConfig c = SerialConfig.of("/dev/ttyUSB0", WireProtocol.NATIVE, "ann");
            assertEquals(Optional.empty(), c.baud());
            assertEquals(SensorSlot.UPPER, c.witmotionSlot());
            assertTrue(c.witmotionSetup());
            assertEquals(Backoff.DEFAULT, c.backoff());
        }

        @Test
        void theProbeOrderCoversEverySpeedAWitMotionSensorCanUseOnce() {
            assertEquals(BaudRate.values().length, SerialConfig.WITMOTION_PROBE_ORDER.size());
            assertEquals(BaudRate.values().length, new HashSet<>(SerialConfig.WITMOTION_PROBE_ORDER).size());
            for (int baud : SerialConfig.WITMOTION_PROBE_ORDER) {
                assertTrue(BaudRate.ofBitsPerSecond(baud) != null, "no WitMotion code for " + baud);
            }
            assertEquals(BaudRate.B115200.bitsPerSecond(), SerialConfig.WITMOTION_PROBE_ORDER.get(0));
            assertEquals(BaudRate.B9600.bitsPerSecond(), SerialConfig.WITMOTION_PROBE_ORDER.get(1));
        }
    }

    @Nested
    class Validation {
        @Test
        void nonsenseIsRefusedAtConstruction() {
            assertThrows(IllegalArgumentException.class, () -> SerialConfig.of(" ", WireProtocol.NATIVE, "ann"));
            assertThrows(IllegalArgumentException.class, () -> SerialConfig.of("/dev/ttyS0", WireProtocol.NATIVE, ""));
            assertThrows(IllegalArgumentException.class,
                    () -> SerialConfig.of("/dev/ttyS0", WireProtocol.NATIVE, "ann").withBaud(50));
            assertThrows(IllegalArgumentException.class, () -> new SerialConfig("/dev/ttyS0", WireProtocol.WITMOTION,
                    Optional.empty(), "ann", -1, SensorSlot.UPPER, true, Backoff.DEFAULT, 1));
        }

        @Test
        void protocolNamesParseInAnyCase() {
            assertEquals(WireProtocol.WITMOTION, WireProtocol.ofLabel("WitMotion"));
            assertEquals("native", WireProtocol.NATIVE.label());
            assertThrows(IllegalArgumentException.class, () -> WireProtocol.ofLabel("nmea"));
        }
    }
}
