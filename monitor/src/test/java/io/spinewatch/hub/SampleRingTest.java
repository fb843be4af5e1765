package io.spinewatch.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SensorSlot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SampleRingTest {
    static ImuSample sample(ImuSample s, long seq) {
        return s.set(1, SensorSlot.MID, seq, seq * 10_000, 0, 0, 9.8, 0, 0, seq);
    }

    @Nested
    class Order {
        @Test
        void samplesAreCopiesHandedOverOldestFirst() {
            SampleRing ring = new SampleRing(8);
            ImuSample reused = new ImuSample();
            for (long k = 0; k < 5; k++) ring.offer(sample(reused, k));
            sample(reused, 99); // the producer reuses its holder: the ring must have copied
            List<Long> seqs = new ArrayList<>();
            assertEquals(5, ring.drainTo(s -> seqs.add(s.seq())));
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), seqs);
            assertTrue(ring.isEmpty());
            assertEquals(5, ring.offered());
        }

        @Test
        void wrapsAroundWithoutLosingOrder() {
            SampleRing ring = new SampleRing(4);
            ImuSample s = new ImuSample();
            List<Long> seqs = new ArrayList<>();
            for (long k = 0; k < 20; k++) {
                ring.offer(sample(s, k));
                if (k % 3 == 2) ring.drainTo(x -> seqs.add(x.seq()));
            }
            ring.drainTo(x -> seqs.add(x.seq()));
            assertEquals(20, seqs.size());
            for (int i = 0; i < 20; i++) assertEquals(i, seqs.get(i));
        }
    }

    @Nested
    class Full {
        @Test
        void aFullRingDropsTheNewSampleAndCountsIt() {
            SampleRing ring = new SampleRing(4);
            ImuSample s = new ImuSample();
            for (long k = 0; k < 4; k++) assertTrue(ring.offer(sample(s, k)));
            assertFalse(ring.offer(sample(s, 4)));
            assertEquals(1, ring.dropped());
            List<Long> seqs = new ArrayList<>();
            ring.drainTo(x -> seqs.add(x.seq()));
            assertEquals(List.of(0L, 1L, 2L, 3L), seqs);
        }

        @Test
        void capacityMustBeAPowerOfTwo() {
            assertThrows(IllegalArgumentException.class, () -> new SampleRing(6));
            assertThrows(IllegalArgumentException.class, () -> new SampleRing(1));
        }
    }
}
