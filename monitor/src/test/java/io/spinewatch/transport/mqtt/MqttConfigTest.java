package io.spinewatch.transport.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MqttConfigTest {

    @Nested
    class Credentials {
        @Test
        void theEnvironmentSuppliesClientIdAndCredentials() {
            MqttConfig c = MqttConfig.of("tcp://localhost:1883").withEnvironment(Map.of(
                    MqttConfig.ENV_USERNAME, "mon", MqttConfig.ENV_PASSWORD, "s3cret", MqttConfig.ENV_CLIENT_ID, "desk-7"));
            assertEquals(Optional.of("mon"), c.username());
            assertEquals(Optional.of("s3cret"), c.password());
            assertEquals("desk-7", c.clientId());
        }

        @Test
        void explicitCredentialsWinOverTheEnvironment() {
            MqttConfig c = MqttConfig.of("tcp://localhost:1883").withCredentials("me", Optional.of("pw"))
                    .withEnvironment(Map.of(MqttConfig.ENV_USERNAME, "other", MqttConfig.ENV_PASSWORD, "x"));
            assertEquals(Optional.of("me"), c.username());
            assertEquals(Optional.of("pw"), c.password());
        }

        @Test
        void thePasswordNeverAppearsInTheTextForm() {
            MqttConfig c = MqttConfig.of("ssl://broker:8883").withCredentials("me", Optional.of("hunter2"))
                    .withCaFile(Path.of("/etc/ca.pem"));
            assertFalse(c.toString().contains("hunter2"), c.toString());
            assertTrue(c.toString().contains("password=(set)"));
        }
    }

    @Nested
    class Validation {
        @Test
        void badSettingsAreRefusedAtConstruction() {
            assertThrows(IllegalArgumentException.class, () -> MqttConfig.of("http://x:1"));
            assertThrows(IllegalArgumentException.class, () -> MqttConfig.of("tcp://x:1").withCaFile(Path.of("ca.pem")));
            assertThrows(IllegalArgumentException.class, () -> MqttConfig.of("tcp://x:1").withMonitorId("a/b"));
            assertThrows(IllegalArgumentException.class, () -> MqttConfig.of("tcp://x:1").withKeepAliveSeconds(0));
        }

        @Test
        void theClientIdFollowsTheMonitorIdUnlessSet() {
            assertEquals("spinewatch-monitor-desk", MqttConfig.of("tcp://x:1").withMonitorId("desk").clientId());
            assertEquals("fixed", MqttConfig.of("tcp://x:1").withClientId("fixed").withMonitorId("desk").clientId());
        }
    }
}
