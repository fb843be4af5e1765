package io.spinewatch.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.spinewatch.hub.WearerHub;
import io.spinewatch.ingest.Source;
import io.spinewatch.ingest.SourceStats;
import io.spinewatch.latency.LatencyHistogram;
import io.spinewatch.latency.LatencyRecorder;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Registers the ingest and pipeline meters with Micrometer, all read lazily at scrape time so the sample path does
 * no extra work: per source (tag {@code source}) {@code spinewatch_source_samples_total},
 * {@code spinewatch_source_samples_lost_total}, {@code spinewatch_source_bytes_total},
 * {@code spinewatch_decoder_errors_total{kind}}, {@code spinewatch_decoder_bytes_skipped_total},
 * {@code spinewatch_source_disconnects_total}, {@code spinewatch_source_reconnects_total}; for the hub
 * {@code spinewatch_pipeline_samples_dropped_total} and {@code spinewatch_haptics_total{result}}; and, when the hub
 * measures latency, {@code spinewatch_pipeline_delivery_latency_seconds{quantile}} over the window since the
 * previous scrape.
 */
public final class PipelineMetrics {
    /** Shortest latency window (nanoseconds): scrapes closer together than this share one window. */
    static final long MIN_WINDOW_NANOS = 1_000_000_000L;

    private PipelineMetrics() {
    }

    /**
     * Registers the meters of {@code hub} and of every source attached to it now. Micrometer holds the measured
     * objects weakly: the caller keeps the hub (which holds its sources) and {@code latency} referenced.
     */
    public static void bind(MeterRegistry registry, WearerHub hub, Optional<LatencyRecorder> latency) {
        for (Source s : hub.sources()) {
            bindSource(registry, s);
        }
        FunctionCounter.builder("spinewatch.pipeline.samples.dropped", hub, WearerHub::droppedSamples)
                .description("Samples dropped between decoder and pipeline because a wearer's lane fell a whole ring behind")
                .register(registry);
        FunctionCounter.builder("spinewatch.haptics", hub, WearerHub::hapticsSent)
                .description("Haptic commands to devices, sent or failed")
                .tag("result", "sent")
                .register(registry);
        FunctionCounter.builder("spinewatch.haptics", hub, WearerHub::hapticsFailed)
                .description("Haptic commands to devices, sent or failed")
                .tag("result", "failed")
                .register(registry);
        latency.ifPresent(r -> bindLatency(registry, r));
    }

    /** Registers one source's meters, each reading a fresh {@link Source#stats()} at scrape time. */
    public static void bindSource(MeterRegistry registry, Source source) {
        counter(registry, source, "spinewatch.source.samples", "Samples the source delivered to the pipeline",
                s -> s.samples());
        counter(registry, source, "spinewatch.source.samples.lost",
                "Samples missing from the source's sequence numbers (gaps), all sensors", s -> s.decoder().samplesLostTotal());
        counter(registry, source, "spinewatch.source.bytes", "Bytes read from the link (payload bytes for MQTT)",
                SourceStats::bytesReceived);
        counter(registry, source, "spinewatch.decoder.bytes.skipped", "Bytes the decoders skipped to find the next frame",
                s -> s.decoder().bytesSkipped());
        counter(registry, source, "spinewatch.source.disconnects", "Times an established link was lost",
                SourceStats::disconnects);
        counter(registry, source, "spinewatch.source.reconnects", "Times the link was re-established after a loss",
                SourceStats::reconnects);
        decoderErrors(registry, source, "integrity", s -> s.decoder().integrityFailures());
        decoderErrors(registry, source, "malformed", s -> s.decoder().malformedFrames());
        decoderErrors(registry, source, "unknown_type", s -> s.decoder().unknownTypes());
        decoderErrors(registry, source, "unsupported_version", s -> s.decoder().unsupportedVersions());
    }

    private static void decoderErrors(MeterRegistry registry, Source source, String kind, ToLongFunction<SourceStats> f) {
        FunctionCounter.builder("spinewatch.decoder.errors", source, s -> f.applyAsLong(s.stats()))
                .description("Frames the decoders rejected, by kind")
                .tag("source", source.name())
                .tag("kind", kind)
                .register(registry);
    }

    private static void counter(MeterRegistry registry, Source source, String name, String description,
            ToLongFunction<SourceStats> f) {
        FunctionCounter.builder(name, source, s -> f.applyAsLong(s.stats()))
                .description(description)
                .tag("source", source.name())
                .register(registry);
    }

    private static void bindLatency(MeterRegistry registry, LatencyRecorder recorder) {
        Window window = new Window(recorder.delivery());
        for (double q : new double[] {0.5, 0.99}) {
            Gauge.builder("spinewatch.pipeline.delivery.latency", window, w -> w.quantileSeconds(q, System.nanoTime()))
                    .description("Age of a message's newest sample once the pipeline has processed it, "
                            + "over the window since the previous scrape; NaN when none arrived")
                    .tag("quantile", Double.toString(q))
                    .baseUnit("seconds")
                    .register(registry);
        }
    }

    /**
     * The latency values recorded between two scrapes: the gauges of one scrape read the same window, which moves on
     * once {@link #MIN_WINDOW_NANOS} have passed.
     */
    static final class Window {
        private final LatencyHistogram histogram;
        private LatencyHistogram.Snapshot start;
        private LatencyHistogram.Snapshot current;
        private long startedNanos;
        private boolean started;

        Window(LatencyHistogram histogram) {
            this.histogram = histogram;
            this.start = histogram.snapshot();
            this.current = start.minus(start);
        }

        synchronized double quantileSeconds(double q, long nowNanos) {
            if (!started || nowNanos - startedNanos >= MIN_WINDOW_NANOS) {
                LatencyHistogram.Snapshot now = histogram.snapshot();
                current = now.minus(start);
                start = now;
                startedNanos = nowNanos;
                started = true;
            }
            return current.count() == 0 ? Double.NaN : current.percentile(q * 100) / 1e6;
        }
    }
}
