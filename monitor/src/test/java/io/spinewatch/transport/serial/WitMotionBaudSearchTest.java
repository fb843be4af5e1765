package io.spinewatch.transport.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The baud search against what a UART really delivers at a wrong speed: {@link #uart} simulates the
 * line (start bit, 8 data bits LSB first, stop bit) sent at one speed and sampled at another.
 */
class WitMotionBaudSearchTest {

    /** Two seconds of factory-rate (10 Hz) acc+gyro groups, as the sensor sends them. */
    private static byte[] sensorOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int seq = 0; seq < 20; seq++) {
            out.writeBytes(WitPackets.accGyroGroup(seq));
        }
        return out.toByteArray();
    }

    /**
     * The bytes a receiver at {@code readBaud} makes of {@code bytes} sent at {@code sendBaud} with idle
     * gaps between groups: it waits for a falling edge, samples each bit in its middle, and delivers
     * the byte even when the stop bit is wrong (as Linux does by default).
     */
    static byte[] uart(byte[] bytes, int sendBaud, int readBaud, Random random) {
        List<Boolean> line = new ArrayList<>();
        int oversample = 16;
        double sendBit = 1.0 / sendBaud;
        double step = sendBit / oversample;
        // The line as levels at a fine time step.
        for (int i = 0; i < 20 * oversample; i++) {
            line.add(true);
        }
        for (int b = 0; b < bytes.length; b++) {
            int v = bytes[b] & 0xFF;
            int[] bits = new int[10];
            bits[0] = 0;
            for (int k = 0; k < 8; k++) {
                bits[1 + k] = (v >> k) & 1;
            }
            bits[9] = 1;
            for (int bit : bits) {
                for (int i = 0; i < oversample; i++) {
                    line.add(bit == 1);
                }
            }
            if (b % 11 == 10) {
                int idle = random.nextInt(30 * oversample);
                for (int i = 0; i < idle; i++) {
                    line.add(true);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        double readBit = 1.0 / readBaud;
        int i = 1;
        while (i < line.size()) {
            if (line.get(i - 1) && !line.get(i)) {
                double t0 = i * step;
                int value = 0;
                boolean complete = true;
                for (int k = 0; k < 9; k++) {
                    int at = (int) Math.round((t0 + (1.5 + k) * readBit) / step);
                    if (at >= line.size()) {
                        complete = false;
                        break;
                    }
                    if (k < 8 && line.get(at)) {
                        value |= 1 << k;
                    }
                }
                if (!complete) {
                    break;
                }
                out.write(value);
                i = (int) Math.round((t0 + 9.5 * readBit) / step) + 1;
            } else {
                i++;
            }
        }
        return out.toByteArray();
    }

    @Nested
    class Simulation {
        @Test
        void theUartModelDeliversTheBytesAtTheRightSpeed() {
            byte[] sent = sensorOutput();
            assertEquals(java.util.HexFormat.of().formatHex(sent),
                    java.util.HexFormat.of().formatHex(uart(sent, 9600, 9600, new Random(1))));
        }
    }

    @Nested
    class Search {
        @ParameterizedTest
        @ValueSource(ints = {4_800, 9_600, 38_400, 115_200, 230_400, 921_600})
        void findsTheSpeedTheSensorTalksAt(int sensorBaud) throws Exception {
            byte[] sent = sensorOutput();
            List<Integer> tried = new ArrayList<>();
            Optional<Integer> found = WitMotionBaudSearch.find(SerialConfig.WITMOTION_PROBE_ORDER, baud -> {
                tried.add(baud);
                return uart(sent, sensorBaud, baud, new Random(baud));
            });
            assertEquals(Optional.of(sensorBaud), found);
            // Every candidate before it was tried first, in the documented order.
            assertEquals(SerialConfig.WITMOTION_PROBE_ORDER.subList(0,
                    SerialConfig.WITMOTION_PROBE_ORDER.indexOf(sensorBaud) + 1), tried);
        }

        @Test
        void silenceAndNoiseAtEverySpeedFindNothing() throws Exception {
            Random r = new Random(9);
            assertEquals(Optional.empty(), WitMotionBaudSearch.find(SerialConfig.WITMOTION_PROBE_ORDER, baud -> new byte[0]));
            assertEquals(Optional.empty(), WitMotionBaudSearch.find(SerialConfig.WITMOTION_PROBE_ORDER, baud -> {
                byte[] noise = new byte[2048];
                r.nextBytes(noise);
                return noise;
            }));
        }

        @Test
        void nativeProtocolOutputIsNotMistakenForWitMotion() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int seq = 0; seq < 50; seq++) {
                out.writeBytes(io.spinewatch.ingest.Frames.sample(io.spinewatch.protocol.SensorSlot.UPPER, seq));
            }
            byte[] bytes = out.toByteArray();
            assertTrue(WitMotionBaudSearch.find(List.of(115_200), baud -> bytes).isEmpty());
        }
    }
}
