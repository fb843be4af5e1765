package io.spinewatch.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.hub.MonitorOutput;
import io.spinewatch.hub.WearerHub;
import io.spinewatch.ingest.SourceStats;
import io.spinewatch.latency.EpochClock;
import io.spinewatch.latency.LatencyRecorder;
import io.spinewatch.live.LiveBus;
import io.spinewatch.pipeline.LiveControls;
import io.spinewatch.pipeline.PipelineParams;
import io.spinewatch.transport.mqtt.Mosquitto;
import io.spinewatch.transport.mqtt.MqttConfig;
import io.spinewatch.transport.mqtt.MqttSource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadGeneratorTest {

    @Nested
    class Parameters {
        @Test
        void connectionsGrowWithTheWearersUpToSixteen() {
            assertEquals(1, LoadParams.connectionsFor(1));
            assertEquals(1, LoadParams.connectionsFor(LoadParams.WEARERS_PER_CONNECTION));
            assertEquals(2, LoadParams.connectionsFor(LoadParams.WEARERS_PER_CONNECTION + 1));
            assertEquals(16, LoadParams.connectionsFor(100_000));
        }

        @Test
        void messagesPerSecondAreOnePerWearerPerBatch() {
            LoadParams p = new LoadParams("tcp://127.0.0.1:1", "spinewatch", 1000, 100, 25, 2, 1, 1, 10, 0);
            assertEquals(4000, p.messagesPerSecond(), 1e-9);
            assertEquals(10_000, p.periodMicros());
        }

        @Test
        void rejectsABatchLargerThanAFrameHolds() {
            assertThrows(IllegalArgumentException.class, () -> new LoadParams("tcp://127.0.0.1:1", "spinewatch", 1, 100, 65, 1, 1, 1, 10, 0));
        }

        @Test
        void aRampSpreadsTheFirstRoundsEvenlyAndNoRampStartsEveryoneAtOnce() {
            long batchPeriod = 100_000;
            assertEquals(0, LoadGenerator.firstRound(999, 1000, 0, batchPeriod));
            assertEquals(0, LoadGenerator.firstRound(0, 1000, 30_000_000, batchPeriod));
            assertEquals(150, LoadGenerator.firstRound(500, 1000, 30_000_000, batchPeriod));
            assertEquals(299, LoadGenerator.firstRound(999, 1000, 30_000_000, batchPeriod));
        }

        @Test
        void wearerIdsAreZeroPaddedFromOne() {
            assertEquals("load-00001", LoadGenerator.wearerId(0));
            assertEquals("load-01000", LoadGenerator.wearerId(999));
        }
    }

    @Nested
    @Tag("integration")
    class ThroughMosquitto {
        @Test
        void fiveWearersArriveWholeAndTheirLatencyIsMeasured(@TempDir Path dir) throws Exception {
            try (Mosquitto broker = Mosquitto.plain(dir)) {
                LatencyRecorder latency = new LatencyRecorder(new EpochClock());
                WearerHub hub = new WearerHub(new LiveBus(), new LiveControls(), PipelineParams.DEFAULT, DrillCatalogue.bundled(),
                        1, 1, true, MonitorOutput.NONE, Optional.empty());
                hub.measureLatency(latency);
                MqttSource source = hub.attach(sink -> new MqttSource(MqttConfig.of(broker.uri()), sink));
                LoadGenerator gen = null;
                try {
                    source.start();
                    LoadParams params = new LoadParams(broker.uri(), "spinewatch", 5, 100, 10, 2, 11, 2, 5, 0);
                    gen = new LoadGenerator(params, new EpochClock());
                    gen.start(3);
                    LoadGenerator g = gen;
                    Mosquitto.await(() -> !g.isRunning(), 30_000, "the generator to finish");
                    long sent = gen.totals().samples();
                    Mosquitto.await(() -> latency.samples() == sent, 30_000, "all " + sent + " samples through the pipeline");

                    assertTrue(sent >= 5 * 3 * 10, "at least one round per wearer: " + sent);
                    assertEquals(0, gen.totals().errors());
                    SourceStats stats = source.stats();
                    assertEquals(0, stats.decoder().samplesLostUpper() + stats.decoder().samplesLostMid()
                            + stats.decoder().samplesLostPelvis(), "samples lost from sequence gaps");
                    assertEquals(0, hub.droppedSamples());
                    Set<String> expected = new TreeSet<>();
                    for (int w = 0; w < 5; w++) expected.add(LoadGenerator.wearerId(w));
                    assertEquals(expected, new TreeSet<>(hub.wearerIds()));
                    assertEquals(0, latency.notEpochBased());
                    assertEquals(sent, latency.sampleAge().snapshot().count());
                    long payloads = gen.totals().messages();
                    long measured = latency.delivery().snapshot().count();
                    assertTrue(measured > 0 && measured <= payloads, measured + " of " + payloads + " payloads measured");
                } finally {
                    if (gen != null) gen.close();
                    hub.close();
                }
            }
        }
    }
}
