package io.spinewatch.loadgen;

import io.spinewatch.latency.EpochClock;
import io.spinewatch.latency.LatencyHistogram;
import io.spinewatch.protocol.ImuBatch;
import io.spinewatch.protocol.NativeEncoder;
import io.spinewatch.protocol.NativeProtocol;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.transport.mqtt.MqttTopics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Publishes many simulated wearers to an MQTT broker in real time: {@link LoadParams#connections()} Paho MQTT 5
 * clients, each with one thread that owns a share of the wearers and publishes every wearer's round (three native
 * frames, QoS 0) when the round's last sample is due on the wall clock. Device times are epoch microseconds, so
 * the monitor can measure end-to-end latency. Wearers' phases are spread evenly over a batch period, so the
 * broker sees a steady stream rather than a burst every period.
 *
 * <p>A thread that falls behind publishes what is overdue at once (counted as lag, never skipped), so what
 * arrives is complete and the monitor's loss count measures the path, not the generator.
 */
public final class LoadGenerator implements AutoCloseable {
    /** Sleeps shorter than this are skipped: a thread wakes up early rather than late. */
    private static final long MIN_SLEEP_MICROS = 1_000;

    private final LoadParams params;
    private final EpochClock clock;
    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong maxLagMicros = new AtomicLong();
    private final LatencyHistogram lateness = new LatencyHistogram();
    private volatile boolean running;
    private volatile long endMicros = Long.MAX_VALUE;

    /** Counters since the start. */
    public record Totals(long messages, long samples, long bytes, long errors, long maxLagMicros) {
    }

    /** Simulates the profiles and prepares the wearers; nothing is connected yet. */
    public LoadGenerator(LoadParams params, EpochClock clock) {
        this.params = params;
        this.clock = clock;
        LoadProfile[] profiles = new LoadProfile[params.profiles()];
        for (int i = 0; i < profiles.length; i++) {
            profiles[i] = LoadProfile.simulate(params.seed() + i, params.rateHz(), params.profileSeconds());
        }
        MqttTopics topics = new MqttTopics(params.topicRoot());
        long period = params.periodMicros();
        long batchPeriod = period * params.batchSamples();
        // Starts a second from now so that connecting does not eat into the first rounds.
        long start = clock.nowMicros() + 1_000_000;
        for (int c = 0; c < params.connections(); c++) lanes.add(new Lane(c));
        for (int w = 0; w < params.wearers(); w++) {
            LoadProfile p = profiles[w % profiles.length];
            long offset = (w / profiles.length) * 7_919L % p.samples(); // a prime stride: wearers on one profile differ
            LoadWearer wearer = new LoadWearer(wearerId(w), 1 + (long) w * SensorSlot.COUNT, p, offset,
                    start + phaseMicros(w, params.wearers(), batchPeriod), period);
            lanes.get(w % lanes.size()).add(wearer, topics.imu(wearer.wearerId()),
                    firstRound(w, params.wearers(), (long) (params.rampSeconds() * 1e6), batchPeriod));
        }
    }

    /** Wearer {@code index}'s offset into a batch period: spread evenly, so the broker sees a steady stream. */
    static long phaseMicros(int index, int wearers, long batchPeriodMicros) {
        return batchPeriodMicros * index / wearers;
    }

    /** The first round wearer {@code index} publishes when wearers join evenly over {@code rampMicros}. */
    static long firstRound(int index, int wearers, long rampMicros, long batchPeriodMicros) {
        return rampMicros * index / wearers / batchPeriodMicros;
    }

    /** The id of wearer {@code index} (0-based): {@code load-00001} on. */
    public static String wearerId(int index) {
        return String.format(Locale.ROOT, "load-%05d", index + 1);
    }

    /** Connects every client (blocking) and starts publishing; stops by itself after {@code seconds} if given. */
    public void start(double seconds) throws MqttException {
        for (Lane l : lanes) l.connect();
        if (seconds > 0) endMicros = clock.nowMicros() + (long) (seconds * 1e6);
        running = true;
        for (Lane l : lanes) l.thread.start();
    }

    /** Whether any publishing thread still runs. */
    public boolean isRunning() {
        for (Lane l : lanes) {
            if (l.thread.isAlive()) return true;
        }
        return false;
    }

    public Totals totals() {
        long m = messages.get();
        return new Totals(m, m * SensorSlot.COUNT * params.batchSamples(), bytes.get(), errors.get(), maxLagMicros.get());
    }

    /**
     * How late each round was handed to the client after its last sample was due, microseconds: the generator's own
     * share of the latency the monitor measures (a thread woken late on a busy machine).
     */
    public LatencyHistogram lateness() {
        return lateness;
    }

    /** Stops the threads and disconnects. Idempotent. */
    @Override
    public void close() {
        running = false;
        for (Lane l : lanes) {
            l.thread.interrupt();
            try {
                l.thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            l.disconnect();
        }
    }

    /** One connection, its thread and its wearers (in order of phase). */
    private final class Lane {
        final int index;
        final List<LoadWearer> wearers = new ArrayList<>();
        final List<String> topicList = new ArrayList<>();
        final List<Long> firstRounds = new ArrayList<>();
        final Thread thread;
        final NativeEncoder encoder = new NativeEncoder();
        final ImuBatch batch = new ImuBatch();
        final byte[] out = new byte[SensorSlot.COUNT * NativeProtocol.MAX_WIRE_BYTES];
        MqttAsyncClient client;

        Lane(int index) {
            this.index = index;
            this.thread = new Thread(this::run, "spinewatch-loadgen-" + index);
            thread.setDaemon(true);
        }

        void add(LoadWearer w, String topic, long firstRound) {
            wearers.add(w);
            topicList.add(topic);
            firstRounds.add(firstRound);
        }

        void connect() throws MqttException {
            client = new MqttAsyncClient(params.brokerUri(), "spinewatch-loadgen-" + ProcessHandle.current().pid() + "-" + index,
                    new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setKeepAliveInterval(30);
            o.setConnectionTimeout(10);
            o.setAutomaticReconnect(true);
            if (params.brokerUri().startsWith("tcp://")) o.setSocketFactory(new NoDelaySockets());
            client.connect(o).waitForCompletion(15_000);
        }

        void disconnect() {
            if (client == null) return;
            try {
                if (client.isConnected()) client.disconnect().waitForCompletion(5_000);
                client.close();
            } catch (MqttException e) {
                // shutting down
            }
        }

        void run() {
            int n = wearers.size();
            String[] topics = topicList.toArray(String[]::new);
            long[] joins = firstRounds.stream().mapToLong(Long::longValue).toArray();
            try {
                for (long round = 0; running; round++) {
                    for (int i = 0; i < n && running; i++) {
                        if (round < joins[i]) {
                            continue; // not joined yet: its first frame will carry a later sequence number
                        }
                        LoadWearer w = wearers.get(i);
                        long due = w.dueMicros(round, params.batchSamples());
                        if (due >= endMicros) {
                            return;
                        }
                        long wait = due - clock.nowMicros();
                        if (wait > MIN_SLEEP_MICROS) {
                            Thread.sleep(wait / 1_000, (int) (wait % 1_000) * 1_000);
                        } else if (-wait > maxLagMicros.get()) {
                            maxLagMicros.accumulateAndGet(-wait, Math::max);
                        }
                        lateness.record(clock.nowMicros() - due);
                        int len = w.encodeRound(round, params.batchSamples(), batch, encoder, out);
                        try {
                            client.publish(topics[i], Arrays.copyOf(out, len), MqttTopics.QOS_IMU, false);
                            messages.incrementAndGet();
                            bytes.addAndGet(len);
                        } catch (MqttException e) {
                            errors.incrementAndGet();
                        }
                    }
                }
            } catch (InterruptedException e) {
                // close()
            }
        }
    }
}
