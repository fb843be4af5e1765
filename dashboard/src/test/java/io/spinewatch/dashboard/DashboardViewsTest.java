package io.spinewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.spinewatch.app.LiveViewFactory;
import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.history.DbLocation;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.history.WearerZone;
import io.spinewatch.hub.MonitorOutput;
import io.spinewatch.hub.WearerHub;
import io.spinewatch.ingest.IngestSink;
import io.spinewatch.ingest.Source;
import io.spinewatch.ingest.SourceCounters;
import io.spinewatch.ingest.SourceStats;
import io.spinewatch.live.LiveBus;
import io.spinewatch.metrics.PipelineMetrics;
import io.spinewatch.pipeline.LiveControls;
import io.spinewatch.pipeline.PipelineParams;
import io.spinewatch.protocol.Command;
import io.spinewatch.protocol.ImuBatch;
import io.spinewatch.protocol.NativeDecoder;
import io.spinewatch.protocol.NativeEncoder;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.sim.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view {@link DashboardViews} starts: its registry is the one {@code /metrics} exports. */
class DashboardViewsTest {

    /** A source whose wire is a byte array the test hands it, decoded by the real native decoder. */
    static final class WireSource implements Source {
        private final SourceCounters counters = new SourceCounters();
        private final NativeDecoder decoder;

        WireSource(IngestSink sink) {
            this.decoder = new NativeDecoder(s -> {
                counters.sample();
                sink.onSample("wire-1", s);
            });
        }

        synchronized void feed(byte[] wire) {
            counters.bytesReceived(wire.length);
            decoder.feed(wire);
        }

        @Override
        public String name() {
            return "wire:test";
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean send(String wearerId, Command command) {
            counters.commandDropped();
            return false;
        }

        @Override
        public synchronized SourceStats stats() {
            return counters.snapshot(name(), decoder.counters().snapshot());
        }
    }

    static byte[] frame(long seq) {
        ImuBatch b = new ImuBatch().start(0xC0FFEEL, SensorSlot.UPPER, seq, seq * 10_000, 10_000, 16, 2000);
        b.add((short) 0, (short) 0, (short) 2048, (short) 0, (short) 0, (short) 0);
        return new NativeEncoder().imuBatch(b);
    }

    /** Flips a bit of the frame's last CRC byte (the last COBS data byte, not a code byte): an integrity failure. */
    static byte[] withBadCrc(byte[] frame) {
        byte[] f = frame.clone();
        int last = -1;
        for (int code = 0; code < f.length - 1 && f[code] != 0; code += f[code] & 0xFF) {
            int end = Math.min(code + (f[code] & 0xFF), f.length - 1);
            if (end - 1 > code) last = end - 1;
        }
        f[last] ^= (byte) ((f[last] ^ 0x01) == 0 ? 0x02 : 0x01);
        return f;
    }

    static double value(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        assertTrue(m.find(), "no " + series + " in /metrics:\n" + exposition);
        return Double.parseDouble(m.group(1));
    }

    @Nested
    class PipelineMeters {
        @Test
        void metricsReportTheSamplesLossesAndDecoderErrorsOfAKnownByteStream() throws Exception {
            LiveBus bus = new LiveBus();
            LiveControls controls = new LiveControls();
            try (LiveViewFactory.LiveView view = new DashboardViews().start("127.0.0.1", 0, Optional.empty(), bus, controls, Optional.empty());
                 WearerHub hub = new WearerHub(bus, controls, PipelineParams.DEFAULT, DrillCatalogue.bundled(), 1, 100, false,
                         MonitorOutput.NONE, Optional.empty())) {
                MeterRegistry registry = view.meterRegistry().orElseThrow();
                WireSource source = hub.attach(WireSource::new);
                PipelineMetrics.bind(registry, hub, Optional.empty());

                // Sequences 0..19: 7 arrives with a bad CRC, 13 never arrives; both are gaps the next frame reveals.
                ByteArrayOutputStream wire = new ByteArrayOutputStream();
                int good = 0;
                for (long seq = 0; seq < 20; seq++) {
                    if (seq == 13) continue;
                    byte[] f = seq == 7 ? withBadCrc(frame(seq)) : frame(seq);
                    if (seq != 7) good++;
                    wire.write(f);
                }
                byte[] bytes = wire.toByteArray();
                source.feed(bytes);

                String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        view.url() + "metrics")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                String tag = "{source=\"wire:test\"}";
                assertEquals(good, value(body, "spinewatch_source_samples_total" + tag));
                assertEquals(2, value(body, "spinewatch_source_samples_lost_total" + tag));
                assertEquals(bytes.length, value(body, "spinewatch_source_bytes_total" + tag));
                assertEquals(1, value(body, "spinewatch_decoder_errors_total{kind=\"integrity\",source=\"wire:test\"}"));
                assertEquals(0, value(body, "spinewatch_decoder_errors_total{kind=\"malformed\",source=\"wire:test\"}"));
                assertEquals(frame(7).length - 1, value(body, "spinewatch_decoder_bytes_skipped_total" + tag));
                assertEquals(0, value(body, "spinewatch_source_disconnects_total" + tag));
                assertEquals(0, value(body, "spinewatch_haptics_total{result=\"sent\"}"));
                assertEquals(0, value(body, "spinewatch_pipeline_samples_dropped_total"));
            }
        }
    }

    @Nested
    class History {
        static String historyOf(LiveViewFactory.LiveView view, String wearer) throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(view.url() + "api/history/" + wearer))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }

        @Test
        void theStoreGivenToTheViewFeedsTheHistoryEndpointAndOutlivesTheView(@TempDir Path dir) throws Exception {
            LiveBus bus = new LiveBus();
            try (HistoryStore store = HistoryStore.open(DbLocation.h2(dir.resolve("history")))) {
                store.write(List.of(new WearerZone("ann", ZoneId.of("Europe/Berlin"))));
                try (LiveViewFactory.LiveView view = new DashboardViews().start("127.0.0.1", 0, Optional.empty(), bus,
                        new LiveControls(), Optional.of(store))) {
                    Map<String, Object> body = Json.object(historyOf(view, "ann"));
                    assertEquals(true, body.get("enabled"));
                    assertEquals("Europe/Berlin", body.get("zone"));
                }
                assertEquals(List.of("ann"), store.wearers(), "the view leaves the store open for its owner");
            }
            try (LiveViewFactory.LiveView view = new DashboardViews().start("127.0.0.1", 0, Optional.empty(), bus,
                    new LiveControls(), Optional.empty())) {
                assertEquals(false, Json.object(historyOf(view, "ann")).get("enabled"));
            }
        }
    }
}
