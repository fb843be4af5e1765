package io.spinewatch.metrics;

import static io.spinewatch.live.LiveEvent.DrillStatus.ACTIVE;
import static io.spinewatch.live.LiveEvent.DrillStatus.DONE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spinewatch.live.AlertNote;
import io.spinewatch.live.DrillCard;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.live.WearerSnapshot;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LiveMetricsTest {
    final LiveBus bus = new LiveBus();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    void publish(String id, String state) {
        bus.publish(WearerSnapshot.builder(id, id).state(state, 0).build());
    }

    double wearers(String state) {
        return registry.get("spinewatch.wearers").tag("state", state).gauge().value();
    }

    @Nested
    class Wearers {
        @Test
        void gaugesCountLatestStates() {
            LiveMetrics.bind(bus, registry);
            publish("a", "upright");
            publish("b", "slouched");
            publish("c", "slouched");
            publish("c", "upright");
            assertEquals(2, wearers("upright"));
            assertEquals(1, wearers("slouched"));
            assertEquals(0, wearers("walking"));
        }

        @Test
        void anUnknownStateGetsItsOwnGauge() {
            LiveMetrics.bind(bus, registry);
            publish("a", "lying");
            assertEquals(1, wearers("lying"));
        }
    }

    @Nested
    class Counters {
        @Test
        void alertsDrillsAndCalibrationsAreCountedByTag() {
            try (LiveMetrics m = LiveMetrics.bind(bus, registry)) {
                DrillCard card = new DrillCard("chin_tucks", "Chin tucks", "", 5, 5, 0, true);
                bus.publish(new LiveEvent.Alert("a", new AlertNote(1, "slouch", true, "")));
                bus.publish(new LiveEvent.Alert("a", new AlertNote(2, "slouch", false, "quiet")));
                bus.publish(new LiveEvent.Alert("b", new AlertNote(3, "slouch", true, "")));
                bus.publish(new LiveEvent.DrillPrompt("a", 4, card));
                bus.publish(new LiveEvent.DrillProgress("a", 5, card.withRepsDone(1), ACTIVE));
                bus.publish(new LiveEvent.DrillProgress("a", 6, card.withRepsDone(5), DONE));
                bus.publish(new LiveEvent.Calibration("a", 7, LiveEvent.CalibrationPhase.DONE, Optional.empty()));
                assertEquals(2, registry.get("spinewatch.alerts").tags("kind", "slouch", "delivered", "true").counter().count());
                assertEquals(1, registry.get("spinewatch.alerts").tags("delivered", "false").counter().count());
                assertEquals(1, registry.get("spinewatch.drills").tag("outcome", "prompted").counter().count());
                assertEquals(1, registry.get("spinewatch.drills").tag("outcome", "done").counter().count());
                assertEquals(0, registry.find("spinewatch.drills").tag("outcome", "active").counters().size());
                assertEquals(1, registry.get("spinewatch.calibrations").tag("phase", "done").counter().count());
            }
            bus.publish(new LiveEvent.Alert("a", new AlertNote(9, "slouch", true, "")));
            assertEquals(2, registry.get("spinewatch.alerts").tags("kind", "slouch", "delivered", "true").counter().count());
        }

        @Test
        void dashboardClientsAreReadAtScrapeTime() {
            AtomicInteger clients = new AtomicInteger();
            LiveMetrics.bindDashboardClients(registry, clients, AtomicInteger::get, c -> 3L);
            clients.set(5);
            assertEquals(5, registry.get("spinewatch.dashboard.clients").gauge().value());
            assertEquals(3, registry.get("spinewatch.dashboard.clients.dropped").functionCounter().count());
        }
    }
}
