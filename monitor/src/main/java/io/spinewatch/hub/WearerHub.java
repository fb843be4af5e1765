package io.spinewatch.hub;

import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.feedback.HapticPattern;
import io.spinewatch.ingest.IngestSink;
import io.spinewatch.ingest.Source;
import io.spinewatch.latency.LatencyRecorder;
import io.spinewatch.live.LiveBus;
import io.spinewatch.text.JsonText;
import io.spinewatch.pipeline.HistoryFeed;
import io.spinewatch.pipeline.LivePublisher;
import io.spinewatch.pipeline.LiveControls;
import io.spinewatch.pipeline.LiveWearer;
import io.spinewatch.pipeline.PipelineParams;
import io.spinewatch.pipeline.PostureListener;
import io.spinewatch.pipeline.StateChange;
import io.spinewatch.posture.CalibrationResult;
import io.spinewatch.posture.CalibrationStore;
import io.spinewatch.posture.PostureState;
import io.spinewatch.protocol.DeviceStatus;
import io.spinewatch.protocol.HapticCommand;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SampleListener;
import io.spinewatch.protocol.SensorSlot;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects sources to per-wearer pipelines: the {@link IngestSink} of every attached {@link Source}, a
 * {@link LiveWearer} per wearer (created on its first message), the live bus, haptic commands back to the device
 * and posture and alerts to a {@link MonitorOutput}.
 *
 * <p>Threads. A source's I/O thread copies each sample into the wearer's {@link SampleRing} and, if no drain is
 * pending, schedules one on the wearer's lane. Lanes are a small fixed pool of single-thread executors and each
 * wearer is assigned to one for life (round robin), so a wearer's pipeline only ever runs on one thread and needs
 * no lock, while a hundred wearers need only a few threads. The ring, rather than a copied sample per task, keeps
 * the hand-off free of allocation: a task is submitted per burst, not per sample. A timer ticks every
 * {@value #TICK_MILLIS} ms: for each wearer it runs queued viewer requests and, with {@code advanceWhenQuiet}, when
 * no sample has arrived from the wearer's source for {@value #QUIET_MILLIS} ms of wall time, advances its pipeline by
 * the wall time elapsed (times {@code timeScale}), so sensors that fall silent show up as {@code no_signal} without
 * samples to drive the steps; and it publishes a snapshot the rate cap held back at the end of a burst. Quiet is judged where the samples arrive (the ring's producer side), so a lane that is
 * merely behind is never mistaken for a silent wearer.
 *
 * <p>Calibrations. With a {@link CalibrationStore}, a wearer's first task on its lane loads the stored calibration
 * (unless {@code useStoredCalibrations} is off), so a returning wearer skips the routine, and each successful routine
 * is saved; both on the lane, never on a source's I/O thread.
 *
 * <p>Unknown slots (a decoder that could not name one) and a second device claiming a slot already in use are
 * counted and logged once per wearer, and the sample is dropped.
 */
public final class WearerHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WearerHub.class);
    static final long TICK_MILLIS = 250;
    static final long QUIET_MILLIS = 500;
    /**
     * Samples a wearer's ring holds in real time: about 3 s of three sensors at 100 Hz, far beyond a healthy lane's
     * lag. Faster than real time (the demo's {@code --speed}) the ring grows with the speed, up to 65536 samples.
     */
    public static final int RING_CAPACITY = 1024;
    private static final int MAX_RING_CAPACITY = 65536;

    /** Makes a source that delivers to the given sink. */
    @FunctionalInterface
    public interface SourceFactory<S extends Source> {
        S create(IngestSink sink) throws IOException;
    }

    private final LiveBus bus;
    private final LiveControls controls;
    private final PipelineParams params;
    private final DrillCatalogue catalogue;
    private final double timeScale;
    private final boolean advanceWhenQuiet;
    private final MonitorOutput output;
    private final Optional<Clock> wallClock;
    private final ExecutorService[] lanes;
    private final int ringCapacity;
    private final ScheduledExecutorService timer;
    private final ConcurrentHashMap<String, Wearer> wearers = new ConcurrentHashMap<>();
    private final List<Source> sources = new ArrayList<>();
    private final AtomicLong nextLane = new AtomicLong();
    private final AtomicLong unknownSlotSamples = new AtomicLong();
    private final AtomicLong foreignDeviceSamples = new AtomicLong();
    private final AtomicLong hapticsSent = new AtomicLong();
    private final AtomicLong hapticsFailed = new AtomicLong();
    private final Optional<CalibrationStore> calibrations;
    private final boolean useStoredCalibrations;
    private volatile Map<String, WearerProfile> profiles = Map.of();
    private volatile boolean closed;
    // -- latency hook (loadgen, issue 5): null unless measureLatency was called
    private volatile LatencyRecorder latency;
    // -- history (issue 7): no wearer keeps one unless keepHistory was called
    private volatile Function<String, Optional<HistoryFeed>> histories = id -> Optional.empty();

    /**
     * @param lanes     threads the wearers are partitioned over, 1..64
     * @param timeScale wearer seconds per wall second (1 live; the demo's {@code --speed}); sizes the rings
     * @param advanceWhenQuiet whether the timer steps a quiet wearer's pipeline on (live sources: yes; a simulated
     *     device paced on the same machine: no, its silences are in its timestamps, and a stall of its thread under
     *     load would otherwise read as minutes of silence at high speed)
     * @param wallClock the local wall clock for "today"; empty takes each wearer's first sample as midnight
     */
    public WearerHub(LiveBus bus, LiveControls controls, PipelineParams params, DrillCatalogue catalogue, int lanes,
            double timeScale, boolean advanceWhenQuiet, MonitorOutput output, Optional<Clock> wallClock) {
        this(bus, controls, params, catalogue, lanes, timeScale, advanceWhenQuiet, output, wallClock, Optional.empty(), false);
    }

    /**
     * As above, with stored calibrations.
     *
     * @param calibrations          where wearers' calibrations are kept; empty: none are loaded or saved
     * @param useStoredCalibrations whether a wearer starts from its stored calibration (false: every wearer
     *     calibrates afresh, and the new calibrations are still saved)
     */
    public WearerHub(LiveBus bus, LiveControls controls, PipelineParams params, DrillCatalogue catalogue, int lanes,
            double timeScale, boolean advanceWhenQuiet, MonitorOutput output, Optional<Clock> wallClock,
            Optional<CalibrationStore> calibrations, boolean useStoredCalibrations) {
        if (lanes < 1 || lanes > 64) throw new IllegalArgumentException("lanes must be in 1..64: " + lanes);
        if (!(timeScale > 0 && timeScale <= 10_000)) throw new IllegalArgumentException("timeScale must be in (0, 10000]: " + timeScale);
        this.bus = bus;
        this.controls = controls;
        this.params = params;
        this.catalogue = catalogue;
        this.timeScale = timeScale;
        this.advanceWhenQuiet = advanceWhenQuiet;
        this.output = output;
        this.wallClock = wallClock;
        this.calibrations = calibrations;
        this.useStoredCalibrations = useStoredCalibrations;
        this.ringCapacity = (int) Math.min(MAX_RING_CAPACITY, Integer.highestOneBit((int) Math.ceil(RING_CAPACITY * Math.max(1, timeScale)) * 2 - 1));
        this.lanes = new ExecutorService[lanes];
        for (int i = 0; i < lanes; i++) {
            String name = "spinewatch-wearers-" + i;
            this.lanes[i] = Executors.newSingleThreadExecutor(r -> daemon(r, name));
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "spinewatch-wearer-timer"));
        timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Lanes for {@code wearers} expected wearers: one each up to the processor count, never more than that. */
    public static int lanesFor(int wearers) {
        return Math.max(1, Math.min(wearers, Math.min(64, Runtime.getRuntime().availableProcessors())));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Creates a source delivering into this hub; its wearers' commands go back through it. Not yet started. */
    public <S extends Source> S attach(SourceFactory<S> factory) throws IOException {
        SourceSink sink = new SourceSink();
        S source = factory.create(sink);
        sink.source = source;
        synchronized (sources) {
            sources.add(source);
        }
        return source;
    }

    /**
     * Names and time zones of known wearers, by id; a wearer not listed is shown by its id on the machine's clock.
     * Takes effect for wearers first heard from after the call: call it before starting the sources.
     */
    public void profiles(Map<String, WearerProfile> byWearerId) {
        this.profiles = Map.copyOf(byWearerId);
    }

    /** The sources attached so far, in attach order. */
    public List<Source> sources() {
        synchronized (sources) {
            return List.copyOf(sources);
        }
    }

    /** The wearers seen so far, by id. */
    public Collection<String> wearerIds() {
        return List.copyOf(wearers.keySet());
    }

    /** The pipeline side of a wearer, for tests and summaries (read it on its lane, or after {@link #close()}). */
    public Optional<LiveWearer> wearer(String id) {
        Wearer w = wearers.get(id);
        return w == null ? Optional.empty() : Optional.of(w.live);
    }

    public long unknownSlotSamples() {
        return unknownSlotSamples.get();
    }

    public long foreignDeviceSamples() {
        return foreignDeviceSamples.get();
    }

    /** Samples dropped because a wearer's lane fell behind by a whole ring. */
    public long droppedSamples() {
        long n = 0;
        for (Wearer w : wearers.values()) n += w.ring.dropped();
        return n;
    }

    /**
     * Records every processed sample's age into {@code recorder} from now on (see {@link LatencyRecorder}); for load
     * tests and the run command's status. Costs a clock read per sample.
     */
    public void measureLatency(LatencyRecorder recorder) {
        this.latency = recorder;
    }

    /**
     * Gives each wearer seen from now on the history feed {@code histories} makes for its id (empty: none kept).
     * Called before any source starts, so every wearer has one; the function runs on a source's I/O thread when a
     * wearer first appears, and must not block.
     */
    public void keepHistory(Function<String, Optional<HistoryFeed>> histories) {
        this.histories = java.util.Objects.requireNonNull(histories, "histories");
    }

    public long hapticsSent() {
        return hapticsSent.get();
    }

    public long hapticsFailed() {
        return hapticsFailed.get();
    }

    // ------------------------------------------------------------------ input, on the sources' I/O threads

    /** The sink of one source. */
    private final class SourceSink implements IngestSink {
        volatile Source source;

        @Override
        public void onSample(String wearerId, ImuSample s) {
            Wearer w = wearer(wearerId, source);
            if (w == null) {
                return;
            }
            SensorSlot slot = s.slot();
            if (slot == null) {
                unknownSlotSamples.incrementAndGet();
                if (!w.unknownSlotLogged) {
                    w.unknownSlotLogged = true;
                    log.warn("wearer {}: samples without a known sensor slot (device {}); dropped and counted", wearerId, s.deviceId());
                }
                return;
            }
            int i = slot.ordinal();
            if (w.slotDevice[i] < 0) {
                w.slotDevice[i] = s.deviceId();
                // The buzz goes to the device worn highest (the upper back feels it best), else the first one heard,
                // through the source that device is on (a wearer may have one port per sensor).
                if (w.haptic == null || slot == SensorSlot.UPPER) w.haptic = new HapticTarget(s.deviceId(), source);
            } else if (w.slotDevice[i] != s.deviceId()) {
                foreignDeviceSamples.incrementAndGet();
                if (!w.foreignLogged) {
                    w.foreignLogged = true;
                    log.warn("wearer {}: device {} sends slot {} already sent by device {}; its samples are dropped and counted",
                            wearerId, s.deviceId(), slot.label(), w.slotDevice[i]);
                }
                return;
            }
            w.ring.offer(s);
            if (s.deviceTimeMicros() > w.offeredNewestMicros) w.offeredNewestMicros = s.deviceTimeMicros(); // latency hook
            schedule(w);
        }

        // -- latency hook (loadgen, issue 5): a payload's newest sample becomes the mark the lane records against
        @Override
        public void onPayloadEnd(String wearerId) {
            if (latency == null) return;
            Wearer w = wearers.get(wearerId);
            if (w != null && w.offeredNewestMicros != Long.MIN_VALUE) {
                w.payloadEndMicros = w.offeredNewestMicros;
                schedule(w);
            }
        }

        @Override
        public void onRecalibrate(String wearerId) {
            // The same path as the dashboard's button: only queued here, run on the wearer's lane.
            Wearer w = wearers.get(wearerId);
            if (w != null && controls.recalibrate(wearerId)) {
                schedule(w);
            } else {
                log.info("recalibration requested for unknown wearer '{}'; ignored", wearerId);
            }
        }

        @Override
        public void onStatus(String wearerId, DeviceStatus status) {
            Wearer w = wearer(wearerId, source);
            if (w != null) {
                w.statuses.add(status);
                schedule(w);
            }
        }
    }

    private Wearer wearer(String id, Source via) {
        Wearer w = wearers.get(id);
        if (w != null || closed) {
            return w;
        }
        try {
            w = new Wearer(id, lanes[(int) (nextLane.getAndIncrement() % lanes.length)]);
        } catch (IllegalArgumentException e) {
            log.warn("wearer id '{}' cannot be shown live ({}); its samples are dropped", id, e.getMessage());
            return null;
        }
        if (calibrations.isPresent() && useStoredCalibrations) {
            // Queued before the wearer is visible to anyone, so it runs before the first drain on its lane. If
            // another source wins the race below, this load goes to a wearer that is thrown away: harmless.
            Wearer created = w;
            try {
                w.lane.execute(created::loadCalibration);
            } catch (RejectedExecutionException e) {
                return null; // closing
            }
        }
        Wearer before = wearers.putIfAbsent(id, w);
        if (before != null) {
            return before;
        }
        controls.add(w.live);
        log.info("new wearer '{}' via {}", id, via == null ? "?" : via.name());
        return w;
    }

    private void schedule(Wearer w) {
        if (w.scheduled.compareAndSet(false, true)) {
            try {
                w.lane.execute(w.drainTask);
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
    }

    // ------------------------------------------------------------------ timer

    private void tick() {
        long now = System.nanoTime();
        for (Wearer w : wearers.values()) {
            long offered = w.ring.offered();
            if (offered != w.tickOffered) {
                w.tickOffered = offered;
                w.quietSinceNanos = now;
            }
            if (advanceWhenQuiet && offered > 0 && now - w.quietSinceNanos > QUIET_MILLIS * 1_000_000L) {
                long since = w.quietSinceNanos;
                try {
                    w.lane.execute(() -> w.advance(since, now));
                } catch (RejectedExecutionException e) {
                    return;
                }
            } else if (w.live.hasPendingRequests() || w.live.publisher().hasHeldBack()) {
                try {
                    w.lane.execute(w.flushTask);
                } catch (RejectedExecutionException e) {
                    return;
                }
            }
        }
    }

    // ------------------------------------------------------------------ one wearer

    private final class Wearer implements PostureListener {
        final String id;
        final ExecutorService lane;
        final LiveWearer live;
        final SampleRing ring = new SampleRing(ringCapacity);
        final ConcurrentLinkedQueue<DeviceStatus> statuses = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        final Runnable drainTask = this::drain;
        final Runnable flushTask = this::flush;
        final SampleListener toPipeline;
        final long[] slotDevice = {-1, -1, -1};
        volatile HapticTarget haptic;
        /** Timer thread only: the ring's offer count at the last tick, and since when it has not changed. */
        long tickOffered;
        long quietSinceNanos;
        boolean unknownSlotLogged;
        boolean foreignLogged;
        int commandId;
        /** Wearer time the timer advances from: the latest sample's when the quiet began. */
        double advancedFromSeconds = Double.NaN;

        Wearer(String id, ExecutorService lane) {
            this.id = id;
            this.lane = lane;
            WearerProfile profile = profiles.get(id);
            String name = profile == null ? id : profile.name();
            Optional<Clock> clock = profile == null ? wallClock
                    : wallClock.map(c -> profile.zone().map(c::withZone).orElse(c));
            this.live = new LiveWearer(id, name, params, catalogue, bus, this, System::nanoTime,
                    LivePublisher.DEFAULT_MAX_RATE_HZ, clock, histories.apply(id));
            this.toPipeline = this::process;
        }

        // -- latency hook (loadgen, issue 5)
        private long newestDeviceMicros = Long.MIN_VALUE;
        /** Newest device time offered to the ring (source thread only). */
        long offeredNewestMicros = Long.MIN_VALUE;
        /** Newest device time of the last whole payload offered (written by the source thread). */
        volatile long payloadEndMicros = Long.MIN_VALUE;
        /** The payload mark last recorded (lane only). */
        private long recordedMark = Long.MIN_VALUE;

        /** On the lane: one sample through the pipeline, then its age if measured. */
        private void process(ImuSample s) {
            live.onSample(s);
            LatencyRecorder r = latency;
            if (r != null) {
                r.sampleDone(s.deviceTimeMicros());
                if (s.deviceTimeMicros() > newestDeviceMicros) newestDeviceMicros = s.deviceTimeMicros();
            }
        }

        /** On the lane, after a drain: once the pipeline has processed a whole payload's newest sample, its age. */
        private void recordPayload() {
            LatencyRecorder r = latency;
            long mark = payloadEndMicros;
            if (r != null && mark != recordedMark && newestDeviceMicros >= mark) {
                recordedMark = mark;
                r.payloadDone(mark);
            }
        }
        // -- end latency hook

        /** On the lane: requests, statuses, then every sample in the ring. */
        void drain() {
            scheduled.set(false);
            live.runRequests();
            for (DeviceStatus s; (s = statuses.poll()) != null; ) {
                live.onStatus(s);
            }
            int drained = ring.drainTo(toPipeline);
            recordPayload(); // latency hook
            if (drained > 0) {
                advancedFromSeconds = Double.NaN;
            }
        }

        /** On the lane: the queued requests and samples, then a snapshot the rate cap held back. */
        void flush() {
            drain();
            live.publisher().publishHeldBack();
        }

        /** On the lane: nothing has arrived since {@code quietSinceNanos}; step the pipeline on by the wall time since. */
        void advance(long quietSinceNanos, long nowNanos) {
            drain();
            double latest = live.latestSeconds();
            if (!Double.isFinite(latest)) {
                return;
            }
            if (Double.isNaN(advancedFromSeconds)) {
                advancedFromSeconds = latest;
            }
            live.advanceTo(advancedFromSeconds + (nowNanos - quietSinceNanos) * 1e-9 * timeScale);
            live.publisher().publishHeldBack();
        }

        /** On the lane, before the first sample: the stored calibration, if any, so the routine is skipped. */
        void loadCalibration() {
            CalibrationStore store = calibrations.orElseThrow();
            if (!CalibrationStore.storableId(id)) {
                return;
            }
            store.load(id).ifPresent(c -> {
                live.pipeline().useCalibration(c);
                log.info("wearer '{}': using the stored calibration of sensors {}", id, c.sensors());
            });
        }

        // Pipeline events, on the lane.

        @Override
        public void onCalibration(CalibrationResult result) {
            if (calibrations.isEmpty() || result.calibration().isEmpty()) {
                return;
            }
            if (!CalibrationStore.storableId(id)) {
                log.warn("wearer '{}': id cannot name a file, calibration not stored", id);
                return;
            }
            calibrations.get().save(id, result.calibration().get());
        }

        @Override
        public void onStateChange(StateChange change) {
            output.posture(id, postureJson(id, change));
        }

        @Override
        public void onAlert(AlertEvent alert) {
            output.alert(id, alertJson(id, alert));
            HapticTarget target = haptic;
            if (!alert.delivered() || target == null || target.via() == null) {
                return;
            }
            HapticPattern p = alert.haptic();
            HapticCommand cmd = new HapticCommand(target.device(), commandId++ & 0xFFFF, Math.min(p.pulses(), HapticCommand.MAX_PULSES),
                    p.pulseMs(), p.gapMs(), (int) Math.max(1, Math.min(100, Math.round(p.intensity() * 100))));
            if (target.via().send(id, cmd)) {
                hapticsSent.incrementAndGet();
            } else {
                hapticsFailed.incrementAndGet();
            }
        }
    }

    /** The device a wearer's buzz goes to, and the source it is reached through. */
    private record HapticTarget(long device, Source via) {
    }

    /** The retained posture message: state, since when, and the pattern of a slouch. */
    static String postureJson(String wearerId, StateChange c) {
        return "{\"wearer\":" + JsonText.string(wearerId) + ",\"t_s\":" + JsonText.number(c.tSeconds(), 2)
                + ",\"state\":" + JsonText.string(c.to().label())
                + ",\"from\":" + (c.from() == null ? "null" : JsonText.string(c.from().label()))
                + ",\"pattern\":" + c.pattern().map(p -> JsonText.string(p.label())).orElse("null")
                + ",\"slouched\":" + (c.to() == PostureState.SLOUCHED) + "}";
    }

    /** One alert message. */
    static String alertJson(String wearerId, AlertEvent a) {
        return "{\"wearer\":" + JsonText.string(wearerId) + ",\"t_s\":" + JsonText.number(a.tSeconds(), 2)
                + ",\"kind\":" + JsonText.string(a.kind().label())
                + ",\"delivered\":" + a.delivered()
                + ",\"delivery\":" + JsonText.string(a.delivery().label())
                + ",\"since_s\":" + JsonText.number(a.sinceSeconds(), 1)
                + ",\"reason\":" + JsonText.string(a.reason()) + "}";
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Stops the sources, lets each lane finish what it holds, ends each wearer's stream ({@link LiveWearer#finish})
     * and stops the threads. Idempotent.
     */
    @Override
    public void close() {
        List<Source> toStop;
        synchronized (sources) {
            if (closed) return;
            closed = true;
            toStop = List.copyOf(sources);
        }
        for (Source s : toStop) {
            try {
                s.stop();
            } catch (RuntimeException e) {
                log.warn("stopping {}: {}", s.name(), e.toString());
            }
        }
        timer.shutdownNow();
        for (Wearer w : wearers.values()) {
            try {
                w.lane.execute(() -> {
                    w.drain();
                    w.live.finish();
                });
            } catch (RejectedExecutionException e) {
                // already stopped
            }
        }
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            try {
                if (!lane.awaitTermination(5, TimeUnit.SECONDS)) lane.shutdownNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lane.shutdownNow();
            }
        }
    }
}
