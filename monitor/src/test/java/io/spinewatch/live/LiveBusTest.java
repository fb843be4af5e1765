package io.spinewatch.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LiveBusTest {

    static WearerSnapshot snap(String id, double t, String state) {
        return WearerSnapshot.builder(id, "Name " + id).tSeconds(t).state(state, 0).build();
    }

    @Nested
    class Latest {
        @Test
        void keepsTheNewestSnapshotPerWearerInIdOrder() {
            LiveBus bus = new LiveBus();
            bus.publish(snap("b", 1, "upright"));
            bus.publish(snap("a", 1, "upright"));
            bus.publish(snap("b", 2, "slouched"));
            assertEquals("slouched", bus.latest("b").orElseThrow().state());
            assertEquals(List.of("a", "b"), bus.latestAll().stream().map(WearerSnapshot::wearerId).toList());
            bus.forget("a");
            assertFalse(bus.latest("a").isPresent());
        }

        @Test
        void discreteEventsDoNotChangeTheLatestSnapshot() {
            LiveBus bus = new LiveBus();
            bus.publish(new LiveEvent.Alert("a", new AlertNote(1, "slouch", true, "x")));
            assertFalse(bus.latest("a").isPresent());
        }
    }

    @Nested
    class Listeners {
        @Test
        void everySubscriberSeesEveryEventUntilItUnsubscribes() {
            LiveBus bus = new LiveBus();
            List<LiveEvent> one = new ArrayList<>();
            List<LiveEvent> two = new ArrayList<>();
            LiveBus.Subscription s1 = bus.subscribe(one::add);
            bus.subscribe(two::add);
            bus.publish(snap("a", 1, "upright"));
            s1.close();
            bus.publish(snap("a", 2, "upright"));
            assertEquals(1, one.size());
            assertEquals(2, two.size());
            assertEquals(1, bus.listenerCount());
        }

        @Test
        void aThrowingListenerIsCountedAndDoesNotStopOthers() {
            LiveBus bus = new LiveBus();
            List<LiveEvent> seen = new ArrayList<>();
            bus.subscribe(e -> {
                throw new IllegalStateException("viewer bug");
            });
            bus.subscribe(seen::add);
            bus.publish(snap("a", 1, "upright"));
            assertEquals(1, seen.size());
            assertEquals(1, bus.listenerFailures());
        }
    }
}
