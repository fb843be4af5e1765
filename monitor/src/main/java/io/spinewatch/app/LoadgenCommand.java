package io.spinewatch.app;

import io.spinewatch.latency.EpochClock;
import io.spinewatch.latency.LatencyHistogram;
import io.spinewatch.loadgen.LoadGenerator;
import io.spinewatch.loadgen.LoadParams;
import io.spinewatch.transport.mqtt.MqttTopics;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spinewatch loadgen}: many simulated wearers published to an MQTT broker in real time, for load tests. */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
        description = {"Publishes N simulated wearers (three sensors each) to an MQTT broker in real time as native IMU "
                + "batch frames on <root>/<wearer>/imu (QoS 0), one message per wearer per batch carrying its three "
                + "sensors' frames. Device times are wall-clock epoch microseconds, so a monitor can measure end-to-end "
                + "latency. Motion comes from a few simulated wearers computed at start and looped with offsets.",
                "Prints what it sent every few seconds and a total at the end."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ran for --minutes or until Ctrl-C", "2:could not connect to the broker"})
public final class LoadgenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--wearers", paramLabel = "N", required = true, description = "Simulated wearers.")
    int wearers;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "100", description = "Samples per second per sensor (default: ${DEFAULT-VALUE}).")
    double rateHz;

    @Option(names = "--broker", paramLabel = "URI", defaultValue = "tcp://127.0.0.1:1883", description = "MQTT broker (default: ${DEFAULT-VALUE}).")
    String broker;

    @Option(names = "--mqtt-root", paramLabel = "ROOT", defaultValue = MqttTopics.DEFAULT_ROOT, description = "Topic root (default: ${DEFAULT-VALUE}).")
    String root;

    @Option(names = "--minutes", paramLabel = "M", description = "Stop after M minutes (default: until Ctrl-C).")
    Double minutes;

    @Option(names = "--batch", paramLabel = "SAMPLES", defaultValue = "10",
            description = "Samples per frame, 1..64 (default: ${DEFAULT-VALUE}; 100 ms at 100 Hz).")
    int batch;

    @Option(names = "--connections", paramLabel = "C",
            description = "MQTT connections, each with its own publishing thread (default: one per "
                    + LoadParams.WEARERS_PER_CONNECTION + " wearers, at most 16).")
    Integer connections;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the simulated motion (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ramp", paramLabel = "SECONDS", defaultValue = "0",
            description = "Wearers join evenly over SECONDS instead of all at once (default: ${DEFAULT-VALUE}).")
    double rampSeconds;

    @Option(names = "--report-every", paramLabel = "SECONDS", defaultValue = "5", description = "Seconds between report lines (default: ${DEFAULT-VALUE}).")
    double reportSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadParams params;
        try {
            if (minutes != null && !(minutes > 0)) throw new IllegalArgumentException("--minutes must be > 0: " + minutes);
            if (!(reportSeconds >= 0.5)) throw new IllegalArgumentException("--report-every must be >= 0.5: " + reportSeconds);
            params = new LoadParams(broker, root, wearers, rateHz, batch,
                    connections != null ? connections : LoadParams.connectionsFor(wearers), seed,
                    LoadParams.DEFAULT_PROFILES, LoadParams.DEFAULT_PROFILE_SECONDS, rampSeconds);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        EpochClock clock = new EpochClock();
        LoadGenerator gen = new LoadGenerator(params, clock);
        out.printf(Locale.ROOT, "loadgen: %d wearers x 3 sensors at %.0f Hz, %d samples per frame -> %.0f messages/s, "
                        + "%.0f samples/s over %d connection(s) to %s%n",
                wearers, rateHz, batch, params.messagesPerSecond(), params.messagesPerSecond() * 3 * batch,
                params.connections(), broker);
        out.flush();
        try {
            gen.start(minutes == null ? 0 : minutes * 60);
        } catch (MqttException e) {
            gen.close();
            err.println("loadgen: cannot connect to " + broker + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        Thread hook = new Thread(gen::close, "spinewatch-loadgen-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long startNanos = System.nanoTime();
        long lastNanos = startNanos;
        LoadGenerator.Totals last = gen.totals();
        LatencyHistogram.Snapshot lastLate = gen.lateness().snapshot();
        long reportNanos = (long) (reportSeconds * 1e9);
        while (gen.isRunning()) {
            Thread.sleep(Math.min(200, reportNanos / 1_000_000));
            long now = System.nanoTime();
            if (now - lastNanos >= reportNanos) {
                LoadGenerator.Totals t = gen.totals();
                var late = gen.lateness().snapshot();
                report(out, "loadgen:", t, last, (now - lastNanos) * 1e-9, (now - startNanos) * 1e-9, late.minus(lastLate));
                lastLate = late;
                last = t;
                lastNanos = now;
            }
        }
        gen.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
        LoadGenerator.Totals t = gen.totals();
        double seconds = (System.nanoTime() - startNanos) * 1e-9;
        report(out, "loadgen: total", t, new LoadGenerator.Totals(0, 0, 0, 0, 0), seconds, seconds, gen.lateness().snapshot());
        return 0;
    }

    private static void report(PrintWriter out, String prefix, LoadGenerator.Totals t, LoadGenerator.Totals before,
            double seconds, double sinceStart, LatencyHistogram.Snapshot late) {
        out.printf(Locale.ROOT, "%s t=%.0fs messages/s %.0f samples/s %.0f kB/s %.0f publish_errors %d max_lag_ms %.1f "
                        + "send_late_ms p50 %.1f p99 %.1f (total messages %d samples %d)%n",
                prefix, sinceStart, (t.messages() - before.messages()) / seconds, (t.samples() - before.samples()) / seconds,
                (t.bytes() - before.bytes()) / seconds / 1e3, t.errors() - before.errors(), t.maxLagMicros() / 1e3,
                late.percentile(50) / 1e3, late.percentile(99) / 1e3, t.messages(), t.samples());
        out.flush();
    }
}
