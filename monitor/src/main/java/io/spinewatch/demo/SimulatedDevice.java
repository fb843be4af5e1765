package io.spinewatch.demo;

import io.spinewatch.ingest.ByteTap;
import io.spinewatch.ingest.IngestSink;
import io.spinewatch.ingest.Source;
import io.spinewatch.ingest.SourceCounters;
import io.spinewatch.ingest.SourceStats;
import io.spinewatch.protocol.Ack;
import io.spinewatch.protocol.Command;
import io.spinewatch.protocol.DeviceStatus;
import io.spinewatch.protocol.HapticCommand;
import io.spinewatch.protocol.ImuBatch;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.MessageListener;
import io.spinewatch.protocol.NativeDecoder;
import io.spinewatch.protocol.NativeEncoder;
import io.spinewatch.protocol.NativeProtocol;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.sim.Mountings;
import io.spinewatch.sim.Scenario;
import io.spinewatch.sim.SensorNoise;
import io.spinewatch.sim.Session;
import io.spinewatch.sim.SimulatedSample;
import io.spinewatch.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated wearable as a {@link Source}: on its own thread it runs the simulator paced to wall time (times
 * {@code speed}), packs each sensor's samples into native IMU batches as firmware would ({@value #BATCH_SAMPLES}
 * consecutive samples per frame, a status frame every {@value #STATUS_EVERY_SECONDS} s), and feeds those bytes
 * through a {@link NativeDecoder} into the sink, so everything after the wire is the real path. Haptic commands
 * sent back are kept ({@link #hapticsReceived()}).
 *
 * <p>When a session ends the next one starts with the seed advanced by {@code seedStep}; the sensors stay taped
 * on the same way (mountings from the first seed) and each sensor's device time and sequence number carry on
 * from where they were, as a device that kept running would.
 */
public final class SimulatedDevice implements Source {
    /** Samples per IMU frame: 80 ms at 100 Hz, a typical BLE or UART batching interval. */
    public static final int BATCH_SAMPLES = 8;
    /** Device status cadence, s of simulated time. */
    public static final double STATUS_EVERY_SECONDS = 10;
    /** Full scales the simulated firmware declares. */
    private static final int ACC_RANGE_G = 16;
    private static final int GYRO_RANGE_DPS = 2000;
    private static final double RATE_HZ = Simulation.Config.DEFAULT_RATE_HZ;
    private static final long PERIOD_MICROS = Math.round(1e6 / RATE_HZ);

    /**
     * @param wearerId whose samples these are
     * @param scenario what the wearer does, session after session
     * @param firstSeed seed of the first session (and of the mountings)
     * @param seedStep added to the seed for each next session
     * @param speed simulated seconds per wall second, (0, 10000]
     */
    public record Config(String wearerId, Scenario scenario, long firstSeed, long seedStep, double speed) {
        public Config {
            Objects.requireNonNull(wearerId, "wearerId");
            Objects.requireNonNull(scenario, "scenario");
            if (!(speed > 0 && speed <= 10_000)) throw new IllegalArgumentException("speed must be in (0, 10000]: " + speed);
        }
    }

    private final Config config;
    private final IngestSink sink;
    private final SourceCounters counters = new SourceCounters();
    private final NativeDecoder decoder;
    private final ByteTap wireOut;
    private final NativeEncoder encoder = new NativeEncoder();
    private final byte[] wire = new byte[NativeProtocol.MAX_WIRE_BYTES];
    private final ImuBatch[] batches = new ImuBatch[SensorSlot.COUNT];
    private final long[] seqOffset = new long[SensorSlot.COUNT];
    private final long[] timeOffsetMicros = new long[SensorSlot.COUNT];
    private final long[] lastSeq = new long[SensorSlot.COUNT];
    private final long[] lastMicros = new long[SensorSlot.COUNT];
    private final boolean[] started = new boolean[SensorSlot.COUNT];
    private final boolean[] rebase = new boolean[SensorSlot.COUNT];
    private final long[] deviceIds = new long[SensorSlot.COUNT];
    private final List<HapticCommand> haptics = new ArrayList<>();
    private final AtomicLong sessions = new AtomicLong();
    private final Thread thread;
    private volatile boolean running;
    private volatile double simulatedSeconds;
    private double sessionOriginSeconds;
    private final double[] nextStatusSeconds = new double[SensorSlot.COUNT];
    private long startNanos;

    /** A device whose bytes go through a decoder into {@code sink}: the monitor's side of the wire, in-process. */
    public SimulatedDevice(Config config, IngestSink sink) {
        this.config = config;
        this.sink = Objects.requireNonNull(sink, "sink");
        String w = config.wearerId();
        this.decoder = new NativeDecoder(s -> {
            counters.sample();
            sink.onSample(w, s);
        }, new MessageListener() {
            @Override
            public void onStatus(DeviceStatus status) {
                sink.onStatus(w, status);
            }

            @Override
            public void onAck(Ack ack) {
                sink.onAck(w, ack);
            }
        });
        this.wireOut = (b, off, len) -> {
            synchronized (decoder) {
                decoder.feed(b, off, len);
            }
        };
        for (int i = 0; i < batches.length; i++) batches[i] = new ImuBatch();
        this.thread = new Thread(this::runSessions, "spinewatch-sim-" + w);
        thread.setDaemon(true);
    }

    /**
     * A device alone: its frames go to {@code wire} (a serial port, an MQTT publisher), on its thread, in the
     * array it reuses; for test rigs that play the device against a real transport. Nothing is decoded here.
     */
    public SimulatedDevice(Config config, ByteTap wire) {
        this.config = config;
        this.sink = null;
        this.decoder = new NativeDecoder(s -> { });
        this.wireOut = Objects.requireNonNull(wire, "wire");
        for (int i = 0; i < batches.length; i++) batches[i] = new ImuBatch();
        this.thread = new Thread(this::runSessions, "spinewatch-sim-device-" + config.wearerId());
        thread.setDaemon(true);
    }

    @Override
    public String name() {
        return "simulated:" + config.wearerId();
    }

    @Override
    public void start() {
        if (running || thread.getState() != Thread.State.NEW) throw new IllegalStateException(name() + " was already started");
        running = true;
        counters.connected(true);
        if (sink != null) sink.onLinkChange(true);
        thread.start();
    }

    @Override
    public void stop() {
        if (!running) return;
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        counters.connected(false);
        if (sink != null) sink.onLinkChange(false);
    }

    @Override
    public boolean send(String wearerId, Command command) {
        if (!running || !config.wearerId().equals(wearerId) || !(command instanceof HapticCommand h)) {
            counters.commandDropped();
            return false;
        }
        synchronized (haptics) {
            haptics.add(h);
        }
        counters.commandSent();
        return true;
    }

    @Override
    public SourceStats stats() {
        synchronized (decoder) {
            return counters.snapshot(name(), decoder.counters().snapshot());
        }
    }

    /** Haptic commands the monitor sent to this device, oldest first. */
    public List<HapticCommand> hapticsReceived() {
        synchronized (haptics) {
            return List.copyOf(haptics);
        }
    }

    /** Simulated seconds since start, over all sessions. */
    public double simulatedSeconds() {
        return simulatedSeconds;
    }

    /** Sessions begun. */
    public long sessions() {
        return sessions.get();
    }

    /** Thrown inside the simulator's callback to end a run early. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private void runSessions() {
        Mountings mountings = Mountings.random(config.firstSeed());
        Simulation.Config sim = Simulation.Config.of(RATE_HZ, SensorNoise.REALISTIC, mountings);
        startNanos = System.nanoTime();
        long seed = config.firstSeed();
        try {
            while (running) {
                Session session = config.scenario().compile(seed, sim.geometry(), sim.bodySway());
                sessions.incrementAndGet();
                java.util.Arrays.fill(rebase, true);
                Simulation.run(session, sim, this::onSimulated);
                for (SensorSlot slot : SensorSlot.values()) flush(slot.ordinal());
                sessionOriginSeconds += session.durationS();
                seed += config.seedStep();
            }
        } catch (Stopped e) {
            // stop() was called
        } catch (RuntimeException e) {
            counters.error("simulation failed: " + e);
            throw e;
        }
    }

    /** One simulated sample: pace, then batch it like firmware. */
    private void onSimulated(SimulatedSample s) {
        if (!running) throw new Stopped();
        double t = sessionOriginSeconds + s.trueTimeS();
        pace(t);
        simulatedSeconds = t;
        ImuSample imu = s.imu();
        int i = imu.slot().ordinal();
        if (rebase[i]) {
            rebase[i] = false;
            if (started[i]) {
                // A new session: this device keeps counting from where it was.
                seqOffset[i] = lastSeq[i] + 1 - imu.seq();
                timeOffsetMicros[i] = lastMicros[i] + PERIOD_MICROS - imu.deviceTimeMicros();
            }
        }
        long seq = (imu.seq() + seqOffset[i]) & 0xFFFF_FFFFL;
        long micros = imu.deviceTimeMicros() + timeOffsetMicros[i];
        ImuBatch b = batches[i];
        if (b.count() > 0 && (seq != ((b.firstSeq() + b.count()) & 0xFFFF_FFFFL) || b.count() == BATCH_SAMPLES)) {
            flush(i); // a lost sample breaks the run of consecutive sequence numbers a batch must hold
        }
        if (b.count() == 0) {
            b.start(imu.deviceId(), imu.slot(), seq, micros, PERIOD_MICROS, ACC_RANGE_G, GYRO_RANGE_DPS).streamStart(!started[i]);
            started[i] = true;
            deviceIds[i] = imu.deviceId();
        }
        double acc = NativeProtocol.accMps2PerCount(ACC_RANGE_G);
        double gyro = NativeProtocol.gyroRadPerSPerCount(GYRO_RANGE_DPS);
        b.add(counts(imu.axMps2() / acc), counts(imu.ayMps2() / acc), counts(imu.azMps2() / acc),
                counts(imu.gxRadPerS() / gyro), counts(imu.gyRadPerS() / gyro), counts(imu.gzRadPerS() / gyro));
        lastSeq[i] = seq;
        lastMicros[i] = micros;
        if (t >= nextStatusSeconds[i]) {
            nextStatusSeconds[i] = t + STATUS_EVERY_SECONDS;
            status(i, t);
        }
    }

    private static short counts(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }

    private void flush(int i) {
        ImuBatch b = batches[i];
        if (b.count() == 0) return;
        deliver(encoder.imuBatch(b, wire, 0));
        b.start(b.deviceId(), b.slot(), 0, 0, PERIOD_MICROS, ACC_RANGE_G, GYRO_RANGE_DPS); // empty again
    }

    /** A status frame from the device of slot {@code i}: battery draining about 5 % an hour of simulated time. */
    private void status(int i, double t) {
        SensorSlot slot = SensorSlot.values()[i];
        int pct = (int) Math.max(5, Math.round(100 - 5 * t / 3600));
        int mv = 3300 + pct * 9;
        DeviceStatus st = new DeviceStatus(deviceIds[i], 1, 0, 0, mv, pct, false, true, (int) RATE_HZ,
                1 << slot.wireCode(), 0, (long) t);
        deliver(encoder.status(st, wire, 0));
    }

    /** The device's bytes reach the monitor: the decoder turns them back into samples for the sink. */
    private void deliver(int n) {
        counters.bytesReceived(n);
        wireOut.onBytes(wire, 0, n);
    }

    private void pace(double simSeconds) {
        long due = startNanos + (long) (simSeconds / config.speed() * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 2_000_000) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                throw new Stopped();
            }
        }
    }
}
