package io.spinewatch.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    private final EpochClock clock = new EpochClock();
    private final LatencyRecorder recorder = new LatencyRecorder(clock);

    @Nested
    class EpochBasedTimes {
        @Test
        void anEpochBasedSampleIsMeasuredFromItsDeviceTime() {
            recorder.sampleDone(clock.nowMicros() - 40_000);
            LatencyHistogram.Snapshot s = recorder.sampleAge().snapshot();
            assertEquals(1, s.count());
            assertTrue(s.max() >= 40_000, "at least the 40 ms it was old: " + s.max());
            assertEquals(0, recorder.notEpochBased());
        }

        @Test
        void aPayloadIsMeasuredInItsOwnHistogram() {
            recorder.payloadDone(clock.nowMicros() - 3_000);
            assertEquals(1, recorder.delivery().snapshot().count());
            assertEquals(0, recorder.sampleAge().snapshot().count());
        }
    }

    @Nested
    class TimesSinceBoot {
        @Test
        void areCountedButNotMeasured() {
            recorder.sampleDone(12_345_678);
            recorder.payloadDone(12_345_678);
            assertEquals(1, recorder.samples());
            assertEquals(1, recorder.notEpochBased());
            assertEquals(0, recorder.sampleAge().snapshot().count());
            assertEquals(0, recorder.delivery().snapshot().count());
        }
    }

    @Nested
    class Clock {
        @Test
        void readsTheWallClockInMicroseconds() {
            long wall = System.currentTimeMillis() * 1_000;
            long now = clock.nowMicros();
            assertTrue(EpochClock.isEpochBased(now));
            assertTrue(Math.abs(now - wall) < 60_000_000, "within a minute of the wall clock: " + (now - wall) + " us");
        }
    }
}
