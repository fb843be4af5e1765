package io.spinewatch.transport.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SensorSlot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonImuDecoderTest {
    private static final double G = 9.80665;

    private final List<ImuSample> samples = new ArrayList<>();

    private JsonImuDecoder decoder(JsonImuFormat format) {
        return new JsonImuDecoder(format, s -> samples.add(s.copy()));
    }

    private static boolean feed(JsonImuDecoder d, String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return d.decode(b, 0, b.length);
    }

    @Nested
    class Values {
        @Test
        void aSampleInGAndDegreesPerSecondArrivesInSiUnits() {
            JsonImuDecoder d = decoder(JsonImuFormat.DEFAULT);
            assertTrue(feed(d, "{\"slot\":\"pelvis\",\"seq\":41,\"t_ms\":123456,\"device\":7,"
                    + "\"acc\":[0.5,-0.25,1],\"gyro\":[90,-180,0],\"mag\":[20.5,-3,40]}"));
            ImuSample s = samples.get(0);
            assertEquals(SensorSlot.PELVIS, s.slot());
            assertEquals(41, s.seq());
            assertEquals(123_456_000, s.deviceTimeMicros());
            assertEquals(7, s.deviceId());
            assertEquals(0.5 * G, s.axMps2(), 1e-12);
            assertEquals(-0.25 * G, s.ayMps2(), 1e-12);
            assertEquals(G, s.azMps2(), 1e-12);
            assertEquals(Math.PI / 2, s.gxRadPerS(), 1e-12);
            assertEquals(-Math.PI, s.gyRadPerS(), 1e-12);
            assertTrue(s.hasMag());
            assertEquals(20.5, s.mxMicroTesla(), 1e-12);
        }

        @Test
        void otherFieldNamesAndSiUnitsAreConfigurable() {
            JsonImuDecoder d = decoder(new JsonImuFormat("pos", "n", "us", JsonImuFormat.TimeUnit.MICROSECONDS, "id",
                    "a", JsonImuFormat.AccUnit.MPS2, "w", JsonImuFormat.GyroUnit.RAD_PER_S, "m"));
            assertTrue(feed(d, "{ \"pos\" : 1 , \"us\" : 1500 , \"a\" : [ 1.5e0 , 2E-1 , -9.80665 ] , \"w\":[0.1,0.2,0.3] }"));
            ImuSample s = samples.get(0);
            assertEquals(SensorSlot.MID, s.slot());
            assertEquals(1500, s.deviceTimeMicros());
            assertEquals(1.5, s.axMps2(), 1e-12);
            assertEquals(0.2, s.ayMps2(), 1e-12);
            assertEquals(-9.80665, s.azMps2(), 1e-12);
            assertEquals(0.3, s.gzRadPerS(), 1e-12);
            assertFalse(s.hasMag());
        }

        @Test
        void numbersParseAsJavaParsesThem() {
            JsonImuDecoder d = decoder(JsonImuFormat.DEFAULT.withUnits(JsonImuFormat.AccUnit.MPS2, JsonImuFormat.GyroUnit.RAD_PER_S));
            String[] numbers = {"0", "-0.0", "3.14159265358979", "1e-7", "-12345.678e2", "0.000001234", "123456789012345678901"};
            for (String n : numbers) {
                samples.clear();
                assertTrue(feed(d, "{\"t_ms\":0,\"acc\":[" + n + ",0,0],\"gyro\":[0,0,0]}"), n);
                assertEquals(Double.parseDouble(n), samples.get(0).axMps2(), Math.abs(Double.parseDouble(n)) * 1e-15, n);
            }
        }

        @Test
        void unknownFieldsOfAnyShapeAreSkipped() {
            JsonImuDecoder d = decoder(JsonImuFormat.DEFAULT);
            assertTrue(feed(d, "{\"fw\":\"1.2 \\\"beta\\\"\",\"t_ms\":5,\"extra\":{\"a\":[1,{\"b\":null}],\"c\":true},"
                    + "\"acc\":[0,0,1],\"ok\":false,\"gyro\":[0,0,0],\"rssi\":-71}"));
            assertEquals(1, samples.size());
        }
    }

    @Nested
    class Batches {
        @Test
        void anArrayOfSamplesIsDeliveredInOrder() {
            JsonImuDecoder d = decoder(JsonImuFormat.DEFAULT);
            assertTrue(feed(d, "[{\"seq\":1,\"t_ms\":10,\"acc\":[0,0,1],\"gyro\":[0,0,0]},"
                    + "{\"seq\":2,\"t_ms\":20,\"acc\":[0,0,1],\"gyro\":[0,0,0]}]"));
            assertEquals(List.of(1L, 2L), samples.stream().map(ImuSample::seq).toList());
            assertEquals(1, d.counters().framesOk());
            assertEquals(2, d.counters().samplesDecoded());
        }

        @Test
        void aGapInSeqIsCountedAsLossPerSlotAndAResetIsNot() {
            JsonImuDecoder d = decoder(JsonImuFormat.DEFAULT);
            for (int seq : new int[] {1, 2, 5, 6, 0, 1}) {
                assertTrue(feed(d, "{\"slot\":\"mid\",\"seq\":" + seq + ",\"t_ms\":" + seq + ",\"acc\":[0,0,1],\"gyro\":[0,0,0]}"));
            }
            assertTrue(feed(d, "{\"slot\":\"upper\",\"seq\":100,\"t_ms\":1,\"acc\":[0,0,1],\"gyro\":[0,0,0]}"));
            assertEquals(2, d.counters().samplesLost(SensorSlot.MID));
            assertEquals(0, d.counters().samplesLost(SensorSlot.UPPER));
        }

        @Test
        void withoutSeqTheDecoderNumbersSamplesPerSlot() {
            JsonImuDecoder d = decoder(JsonImuFormat.DEFAULT);
            for (int i = 0; i < 3; i++) {
                assertTrue(feed(d, "{\"t_ms\":" + i + ",\"acc\":[0,0,1],\"gyro\":[0,0,0]}"));
            }
            assertEquals(List.of(0L, 1L, 2L), samples.stream().map(ImuSample::seq).toList());
        }
    }

    @Nested
    class Malformed {
        @ParameterizedTest
        @ValueSource(strings = {
            "", "   ", "null", "[]", "{}", "{\"t_ms\":1,\"acc\":[0,0,1]}", "{\"acc\":[0,0,1],\"gyro\":[0,0,0]}",
            "{\"t_ms\":1,\"acc\":[0,0],\"gyro\":[0,0,0]}", "{\"t_ms\":1,\"acc\":[0,0,1,2],\"gyro\":[0,0,0]}",
            "{\"t_ms\":1,\"acc\":[0,0,\"1\"],\"gyro\":[0,0,0]}", "{\"t_ms\":-1,\"acc\":[0,0,1],\"gyro\":[0,0,0]}",
            "{\"t_ms\":1,\"acc\":[0,0,1],\"gyro\":[0,0,0]", "{\"t_ms\":1,\"acc\":[0,0,1],\"gyro\":[0,0,0]}}",
            "{\"t_ms\":1,\"acc\":[0,0,1],\"gyro\":[0,0,0],}", "{\"t_ms\":01,\"acc\":[0,0,1],\"gyro\":[0,0,0]}",
            "{\"t_ms\":1.,\"acc\":[0,0,1],\"gyro\":[0,0,0]}", "{\"t_ms\":1,\"acc\":[0,0,1e999],\"gyro\":[0,0,0]}",
            "{\"slot\":\"neck\",\"t_ms\":1,\"acc\":[0,0,1],\"gyro\":[0,0,0]}", "{\"slot\":3,\"t_ms\":1,\"acc\":[0,0,1],\"gyro\":[0,0,0]}",
            "{\"seq\":1.5,\"t_ms\":1,\"acc\":[0,0,1],\"gyro\":[0,0,0]}", "{\"t_ms\":1,\"t_ms\":2,\"acc\":[0,0,1],\"gyro\":[0,0,0]}",
            "{\"t_ms\":NaN,\"acc\":[0,0,1],\"gyro\":[0,0,0]}", "{'t_ms':1,'acc':[0,0,1],'gyro':[0,0,0]}",
            "[{\"t_ms\":1,\"acc\":[0,0,1],\"gyro\":[0,0,0]},{\"t_ms\":2}]", "{\"t_ms\":1,\"acc\":[0,0,1],\"gyro\":[0,0,0]} x"})
        void isCountedAndDeliversNothing(String json) {
            JsonImuDecoder d = decoder(JsonImuFormat.DEFAULT);
            assertFalse(feed(d, json), json);
            assertEquals(0, samples.size());
            assertEquals(1, d.counters().malformedFrames());
            assertEquals(json.getBytes(StandardCharsets.UTF_8).length, d.counters().bytesSkipped());
        }

        @Test
        void moreThan64SamplesInOnePayloadAreRefused() {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < 65; i++) {
                b.append(i == 0 ? "" : ",").append("{\"t_ms\":").append(i).append(",\"acc\":[0,0,1],\"gyro\":[0,0,0]}");
            }
            JsonImuDecoder d = decoder(JsonImuFormat.DEFAULT);
            assertFalse(feed(d, b.append("]").toString()));
            assertEquals(0, samples.size());
        }

        @Test
        void everyTruncationOfAGoodPayloadIsRefusedWithoutThrowing() {
            String good = "[{\"slot\":\"upper\",\"seq\":1,\"t_ms\":10,\"x\":{\"y\":[true,null]},\"acc\":[0.1,0,1],\"gyro\":[0,0,0]}]";
            JsonImuDecoder d = decoder(JsonImuFormat.DEFAULT);
            for (int n = 0; n < good.length(); n++) {
                assertFalse(feed(d, good.substring(0, n)), good.substring(0, n));
            }
            assertTrue(feed(d, good));
            assertEquals(1, samples.size());
        }

        @Test
        void randomBytesNeverThrowAndAreCounted() {
            java.util.Random r = new java.util.Random(11);
            JsonImuDecoder d = decoder(JsonImuFormat.DEFAULT);
            byte[] alphabet = "{}[]\":,0123456789.eE-+ tacgyrxuelnfs\\".getBytes(StandardCharsets.US_ASCII);
            int bad = 0;
            for (int i = 0; i < 5000; i++) {
                byte[] b = new byte[r.nextInt(80)];
                for (int k = 0; k < b.length; k++) {
                    b[k] = r.nextBoolean() ? alphabet[r.nextInt(alphabet.length)] : (byte) r.nextInt(256);
                }
                if (!d.decode(b, 0, b.length)) {
                    bad++;
                }
            }
            assertEquals(bad, d.counters().malformedFrames());
        }
    }
}
