package io.spinewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DashboardConfigTest {

    @Nested
    class Binding {
        @Test
        void defaultsListenOnLoopbackWithoutAToken() {
            DashboardConfig c = DashboardConfig.defaults();
            assertEquals("127.0.0.1", c.bindAddress());
            assertEquals(8080, c.port());
            assertTrue(c.accessToken().isEmpty());
        }

        @Test
        void anyOtherAddressRequiresAToken() {
            DashboardConfig d = DashboardConfig.defaults();
            for (String addr : new String[] {"0.0.0.0", "192.168.1.20", "::", "dashboard.lan"}) {
                assertThrows(IllegalArgumentException.class, () -> d.withListen(addr, 8080, Optional.empty()), addr);
                assertEquals(addr, d.withListen(addr, 8080, Optional.of("0123456789abcdef")).bindAddress());
            }
            d.withListen("::1", 0, Optional.empty());
            d.withListen("localhost", 0, Optional.empty());
        }

        @Test
        void loopbackIsRecognisedWithoutDns() {
            assertTrue(DashboardConfig.isLoopback("127.0.0.1"));
            assertTrue(DashboardConfig.isLoopback("::1"));
            assertFalse(DashboardConfig.isLoopback("10.0.0.1"));
            assertFalse(DashboardConfig.isLoopback("localhost.evil.example"));
        }
    }

    @Nested
    class Validation {
        @Test
        void shortOrOddTokensAndOutOfRangeValuesAreRejected() {
            DashboardConfig d = DashboardConfig.defaults();
            assertThrows(IllegalArgumentException.class, () -> d.withListen("127.0.0.1", 0, Optional.of("short")));
            assertThrows(IllegalArgumentException.class, () -> d.withListen("127.0.0.1", 0, Optional.of("0123456789abcdef;x")));
            assertThrows(IllegalArgumentException.class, () -> d.withListen("127.0.0.1", 70000, Optional.empty()));
            assertThrows(IllegalArgumentException.class, () -> d.withFeed(0, 10, 5, 10));
            assertThrows(IllegalArgumentException.class, () -> d.withFeed(20, 10, 0, 10));
            assertThrows(IllegalArgumentException.class, () -> d.withFeed(20, 10, 5, 0));
        }
    }
}
