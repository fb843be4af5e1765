package io.spinewatch.app;

import io.spinewatch.hub.WearerHub;
import io.spinewatch.latency.LatencyHistogram;
import io.spinewatch.latency.LatencyRecorder;
import io.spinewatch.protocol.DecoderCounters;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The run command's one-line load figures: wearers, samples in per second, samples lost (sequence gaps seen by the
 * decoders) and dropped (a lane a whole ring behind), and latency percentiles over the last interval and over the
 * whole run ({@link LatencyRecorder}). Optionally printed every few seconds; always printed at exit.
 */
final class LoadStatus implements AutoCloseable {
    private final WearerHub hub;
    private final Supplier<DecoderCounters.Snapshot> decoders;
    private final LatencyRecorder latency;
    private final PrintWriter out;
    private final long startNanos = System.nanoTime();
    private ScheduledExecutorService printer;
    private long lastNanos = startNanos;
    private long lastSamples;
    private LatencyHistogram.Snapshot lastDelivery;
    private LatencyHistogram.Snapshot lastAge;

    /** @param decoders the decoders' counters of every source, summed */
    LoadStatus(WearerHub hub, Supplier<DecoderCounters.Snapshot> decoders, LatencyRecorder latency, PrintWriter out) {
        this.hub = hub;
        this.decoders = decoders;
        this.latency = latency;
        this.out = out;
        this.lastDelivery = latency.delivery().snapshot();
        this.lastAge = latency.sampleAge().snapshot();
    }

    /** Prints a line every {@code seconds} on a daemon thread. */
    void every(double seconds) {
        printer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spinewatch-load-status");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(100, Math.round(seconds * 1000));
        printer.scheduleAtFixedRate(this::printInterval, ms, ms, TimeUnit.MILLISECONDS);
    }

    private synchronized void printInterval() {
        long now = System.nanoTime();
        long samples = latency.samples();
        LatencyHistogram.Snapshot d = latency.delivery().snapshot();
        LatencyHistogram.Snapshot a = latency.sampleAge().snapshot();
        out.println(line("run: load", (now - startNanos) * 1e-9, (samples - lastSamples) / ((now - lastNanos) * 1e-9),
                d.minus(lastDelivery), a.minus(lastAge)));
        out.flush();
        lastNanos = now;
        lastSamples = samples;
        lastDelivery = d;
        lastAge = a;
    }

    /** The whole run in one line. */
    synchronized void printTotal() {
        double s = (System.nanoTime() - startNanos) * 1e-9;
        out.println(line("run: load total", s, latency.samples() / s, latency.delivery().snapshot(), latency.sampleAge().snapshot()));
        out.flush();
    }

    private String line(String prefix, double tSeconds, double samplesPerSecond, LatencyHistogram.Snapshot delivery,
            LatencyHistogram.Snapshot age) {
        DecoderCounters.Snapshot dec = decoders.get();
        long lost = dec.samplesLostUpper() + dec.samplesLostMid() + dec.samplesLostPelvis();
        return String.format(Locale.ROOT, "%s t=%.0fs wearers %d samples/s %.0f in %d lost %d dropped %d "
                        + "| delivery_ms p50 %.1f p99 %.1f max %.1f (n=%d) | sample_age_ms p50 %.1f p99 %.1f max %.1f | unmeasured %d",
                prefix, tSeconds, hub.wearerIds().size(), samplesPerSecond, latency.samples(), lost, hub.droppedSamples(),
                delivery.percentile(50) / 1e3, delivery.percentile(99) / 1e3, delivery.max() / 1e3, delivery.count(),
                age.percentile(50) / 1e3, age.percentile(99) / 1e3, age.max() / 1e3, latency.notEpochBased());
    }

    @Override
    public void close() {
        if (printer != null) printer.shutdownNow();
    }
}
