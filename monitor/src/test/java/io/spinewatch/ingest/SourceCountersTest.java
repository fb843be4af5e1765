package io.spinewatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.protocol.DecoderCounters;
import io.spinewatch.protocol.SensorSlot;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SourceCountersTest {

    @Nested
    class Snapshot {
        @Test
        void aSnapshotHoldsTheCountsAtThatInstantAndNoLaterOnes() {
            SourceCounters c = new SourceCounters();
            c.bytesReceived(100);
            c.sample();
            c.disconnect();
            c.reconnect();
            c.connected(true);
            c.error("boom");
            SourceStats s = c.snapshot("x", SourceStats.NO_DECODER);
            c.bytesReceived(5);
            c.disconnect();
            assertEquals(new SourceStats("x", true, 100, 1, SourceStats.NO_DECODER, 1, 1, 0, 0, 0, 0,
                    Optional.of("boom")), s);
            assertTrue(s.describe().contains("last_error: boom"));
        }

        @Test
        void decoderCountersOfSeveralDevicesAreSummedFieldByField() {
            DecoderCounters a = new DecoderCounters();
            a.frameOk();
            a.samplesLost(SensorSlot.MID, 3);
            DecoderCounters b = new DecoderCounters();
            b.frameOk();
            b.integrityFailure();
            b.bytesSkipped(7);
            b.samplesLost(SensorSlot.MID, 2);
            DecoderCounters.Snapshot sum = SourceStats.sum(a.snapshot(), b.snapshot());
            assertEquals(2, sum.framesOk());
            assertEquals(1, sum.integrityFailures());
            assertEquals(7, sum.bytesSkipped());
            assertEquals(5, sum.samplesLostMid());
            assertEquals(5, sum.samplesLostTotal());
        }
    }
}
