package io.spinewatch.transport.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MqttTopicsTest {
    private final MqttTopics t = new MqttTopics("spinewatch");

    @Nested
    class Building {
        @Test
        void theTreeIsTheDocumentedOne() {
            assertEquals("spinewatch/ann/imu", t.imu("ann"));
            assertEquals("spinewatch/ann/imu/json", t.imuJson("ann"));
            assertEquals("spinewatch/ann/status", t.status("ann"));
            assertEquals("spinewatch/ann/cmd", t.cmd("ann"));
            assertEquals("spinewatch/ann/posture", t.posture("ann"));
            assertEquals("spinewatch/ann/alert", t.alert("ann"));
            assertEquals("spinewatch/monitor/m1/status", t.monitorStatus("m1"));
        }

        @Test
        void idsThatWouldBreakTheTreeAreRefused() {
            for (String bad : new String[] {"", "a/b", "+", "#", "x\n", "a".repeat(65)}) {
                assertThrows(IllegalArgumentException.class, () -> t.cmd(bad), bad);
            }
            assertThrows(IllegalArgumentException.class, () -> new MqttTopics("a/#"));
        }
    }

    @Nested
    class Parsing {
        @Test
        void deviceTopicsGiveWearerAndKind() {
            assertEquals(Optional.of(new MqttTopics.Parsed("ann", MqttTopics.Kind.IMU)), t.parse("spinewatch/ann/imu"));
            assertEquals(Optional.of(new MqttTopics.Parsed("ann", MqttTopics.Kind.IMU_JSON)), t.parse("spinewatch/ann/imu/json"));
            assertEquals(Optional.of(new MqttTopics.Parsed("b-2", MqttTopics.Kind.STATUS)), t.parse("spinewatch/b-2/status"));
            assertEquals(Optional.of(new MqttTopics.Parsed("ann", MqttTopics.Kind.CONTROL)), t.parse(t.control("ann")));
            assertEquals("spinewatch/ann/control", t.control("ann"));
        }

        @Test
        void otherTopicsAreNotDeviceTopics() {
            for (String topic : new String[] {"spinewatch/ann/cmd", "spinewatch//imu", "other/ann/imu", "spinewatch/ann",
                "spinewatch/monitor/status", "spinewatch/ann/imu/x"}) {
                assertEquals(Optional.empty(), t.parse(topic), topic);
            }
        }

        @Test
        void everySubscriptionMatchesWhatParseAccepts() {
            assertEquals(4, t.subscriptions().length);
            assertEquals(t.subscriptions().length, t.subscriptionQos().length);
            assertEquals("spinewatch/+/imu", t.subscriptions()[0]);
            assertEquals(0, t.subscriptionQos()[0]);
            assertEquals(1, t.subscriptionQos()[2]);
            assertEquals("spinewatch/+/control", t.subscriptions()[3]);
            assertEquals(MqttTopics.QOS_CONTROL, t.subscriptionQos()[3]);
            assertEquals(1, MqttTopics.QOS_CONTROL);
        }
    }
}
