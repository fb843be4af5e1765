package io.spinewatch.live;

import static io.spinewatch.live.LiveBusTest.snap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LiveMailboxTest {

    static LiveEvent alert(String id, double t) {
        return new LiveEvent.Alert(id, new AlertNote(t, "slouch", true, "at " + t));
    }

    @Nested
    class LatestValue {
        @Test
        void aNewerSnapshotReplacesTheUndrainedOne() {
            LiveMailbox box = new LiveMailbox(Optional.empty(), 8);
            for (int i = 0; i < 1000; i++) {
                box.onEvent(new LiveEvent.Snapshot(snap("a", i, "upright")));
                box.onEvent(new LiveEvent.Snapshot(snap("b", i, "upright")));
            }
            assertEquals(2, box.pending());
            assertEquals(1998, box.replacedSnapshots());
            List<WearerSnapshot> got = new ArrayList<>();
            assertEquals(2, box.drain(e -> { }, got::add));
            assertTrue(got.stream().allMatch(s -> s.tSeconds() == 999));
            assertEquals(0, box.pending());
        }

        @Test
        void aWearerFilterKeepsOtherWearersOut() {
            LiveMailbox box = new LiveMailbox(Optional.of("a"), 8);
            box.onEvent(new LiveEvent.Snapshot(snap("b", 1, "upright")));
            box.onEvent(alert("b", 1));
            assertEquals(0, box.pending());
            box.onEvent(alert("a", 1));
            assertEquals(1, box.pending());
        }
    }

    @Nested
    class Bounded {
        @Test
        void theEventRingDropsItsOldestWhenFull() {
            LiveMailbox box = new LiveMailbox(Optional.empty(), 4);
            for (int i = 0; i < 10; i++) {
                box.onEvent(alert("a", i));
            }
            assertEquals(4, box.pending());
            assertEquals(6, box.droppedEvents());
            List<LiveEvent> got = new ArrayList<>();
            box.drain(got::add, s -> { });
            assertEquals(List.of(6.0, 7.0, 8.0, 9.0), got.stream().map(LiveEvent::tSeconds).toList());
        }

        @Test
        void pendingNeverExceedsWearersPlusCapacityUnderConcurrentPublishing() throws Exception {
            LiveMailbox box = new LiveMailbox(Optional.empty(), 16);
            Thread[] publishers = new Thread[4];
            int[] maxSeen = new int[1];
            for (int p = 0; p < publishers.length; p++) {
                String id = "w" + p;
                publishers[p] = new Thread(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        box.onEvent(new LiveEvent.Snapshot(snap(id, i, "upright")));
                        if (i % 10 == 0) {
                            box.onEvent(alert(id, i));
                        }
                    }
                });
                publishers[p].start();
            }
            for (Thread t : publishers) {
                while (t.isAlive()) {
                    maxSeen[0] = Math.max(maxSeen[0], box.pending());
                }
                t.join();
            }
            assertTrue(maxSeen[0] <= 4 + 16, "pending " + maxSeen[0]);
            assertTrue(box.pending() <= 4 + 16);
        }

        @Test
        void capacityIsValidated() {
            assertThrows(IllegalArgumentException.class, () -> new LiveMailbox(Optional.empty(), 0));
        }
    }
}
