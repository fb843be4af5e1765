package io.spinewatch.demo;

import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.hub.MonitorOutput;
import io.spinewatch.hub.WearerHub;
import io.spinewatch.hub.WearerProfile;
import io.spinewatch.live.LiveBus;
import io.spinewatch.pipeline.HistoryFeed;
import io.spinewatch.pipeline.LiveControls;
import io.spinewatch.pipeline.PipelineParams;
import io.spinewatch.sim.Scenario;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The demo's machinery without its command line: {@code wearers} {@link SimulatedDevice}s, one per wearer
 * ({@code demo-1}, {@code demo-2}, ...), feeding a {@link WearerHub} that publishes on {@code bus}.
 *
 * <p>Threads: each simulated device paces and encodes on a thread of its own (it sleeps most of the time, so a
 * few dozen cost nothing), and the wearers' pipelines run on the hub's lanes, at most one per processor.
 */
public final class Demo implements AutoCloseable {
    /** Most simulated wearers: each is a thread and a dashboard tile. */
    public static final int MAX_WEARERS = 50;

    /**
     * @param wearers simulated wearers, 1..{@value #MAX_WEARERS}
     * @param scenario what each wearer does, session after session
     * @param seed the first wearer's first seed; wearer k starts at {@code seed + k - 1}
     * @param speed simulated seconds per wall second
     * @param params the wearers' pipeline settings (thresholds from a config file). Default {@link PipelineParams#DEFAULT}.
     * @param profiles names and time zones by wearer id ({@code demo-1}, ...). Default none.
     */
    public record Settings(int wearers, Scenario scenario, long seed, double speed, PipelineParams params,
                           Map<String, WearerProfile> profiles) {
        public Settings {
            if (wearers < 1 || wearers > MAX_WEARERS) throw new IllegalArgumentException("wearers must be in 1.." + MAX_WEARERS + ": " + wearers);
            if (!(speed > 0 && speed <= 10_000)) throw new IllegalArgumentException("speed must be in (0, 10000]: " + speed);
            Objects.requireNonNull(params, "params");
            profiles = Map.copyOf(profiles);
        }

        /** With the default pipeline settings and no profiles. */
        public Settings(int wearers, Scenario scenario, long seed, double speed) {
            this(wearers, scenario, seed, speed, PipelineParams.DEFAULT, Map.of());
        }
    }

    private final WearerHub hub;
    private final List<SimulatedDevice> devices;

    private Demo(WearerHub hub, List<SimulatedDevice> devices) {
        this.hub = hub;
        this.devices = devices;
    }

    /** Builds the wearers and starts their devices. */
    public static Demo start(Settings settings, LiveBus bus, LiveControls controls, Optional<Clock> wallClock) {
        return start(settings, bus, controls, wallClock, Optional.empty());
    }

    /** As above, loading and saving the wearers' calibrations in {@code calibrations} if given. */
    public static Demo start(Settings settings, LiveBus bus, LiveControls controls, Optional<Clock> wallClock,
            Optional<io.spinewatch.posture.CalibrationStore> calibrations) {
        return start(settings, bus, controls, wallClock, calibrations, id -> Optional.empty());
    }

    /** As above, keeping each wearer's history through the feed {@code histories} makes for it (see {@link WearerHub#keepHistory}). */
    public static Demo start(Settings settings, LiveBus bus, LiveControls controls, Optional<Clock> wallClock,
            Optional<io.spinewatch.posture.CalibrationStore> calibrations,
            Function<String, Optional<HistoryFeed>> histories) {
        WearerHub hub = new WearerHub(bus, controls, settings.params(), DrillCatalogue.bundled(),
                WearerHub.lanesFor(settings.wearers()), settings.speed(), false, MonitorOutput.NONE, wallClock,
                calibrations, true);
        hub.keepHistory(histories);
        hub.profiles(settings.profiles());
        List<SimulatedDevice> devices = new ArrayList<>();
        try {
            for (int k = 1; k <= settings.wearers(); k++) {
                SimulatedDevice.Config c = new SimulatedDevice.Config(wearerId(k), settings.scenario(),
                        settings.seed() + k - 1, settings.wearers(), settings.speed());
                devices.add(hub.attach(sink -> new SimulatedDevice(c, sink)));
            }
        } catch (IOException e) {
            hub.close();
            throw new IllegalStateException(e);
        }
        for (SimulatedDevice d : devices) d.start();
        return new Demo(hub, List.copyOf(devices));
    }

    /** The id of the k-th simulated wearer (from 1). */
    public static String wearerId(int k) {
        return "demo-" + k;
    }

    public WearerHub hub() {
        return hub;
    }

    public List<SimulatedDevice> devices() {
        return devices;
    }

    /** Stops the devices, then the pipelines. */
    @Override
    public void close() {
        hub.close();
    }
}
