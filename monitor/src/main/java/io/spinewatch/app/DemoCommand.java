package io.spinewatch.app;

import io.spinewatch.config.ConfigException;
import io.spinewatch.config.LiveConfig;
import io.spinewatch.demo.Demo;
import io.spinewatch.demo.SimulatedDevice;
import io.spinewatch.live.LiveBus;
import io.spinewatch.metrics.PipelineMetrics;
import io.spinewatch.pipeline.LiveControls;
import io.spinewatch.sim.Scenario;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spinewatch demo}: simulated wearers, through native frames and the real decoder and pipeline, shown live. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Simulated wearers sent through the real path: the simulator's samples are packed into native "
                + "protocol frames, decoded, and run through each wearer's posture pipeline in real time (times "
                + "--speed); the dashboard shows them live and a status line per wearer is printed every few seconds.",
                "Each wearer repeats the scenario with the next seed when a session ends. Ctrl-C stops cleanly."})
public final class DemoCommand implements Callable<Integer> {
    /** Minutes of each random office session with --random. */
    static final double RANDOM_SESSION_MINUTES = 15;

    private final LiveViewFactory views;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LiveViewOptions live = new LiveViewOptions();

    @Mixin
    HistoryOptions history = new HistoryOptions(); // -- history (issue 7)

    @Option(names = "--wearers", paramLabel = "N", defaultValue = "1",
            description = "Simulated wearers, 1.." + Demo.MAX_WEARERS + " (default: ${DEFAULT-VALUE}).")
    int wearers;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "demo",
            description = "Built-in scenario each wearer follows (default: ${DEFAULT-VALUE}; see simulate --list).")
    String scenario;

    @Option(names = "--random", description = "Random " + "15" + "-minute office sessions instead of a scenario.")
    boolean random;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "First seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "Simulated seconds per wall second (default: ${DEFAULT-VALUE} = real time).")
    double speed;

    // -- stored calibrations (issue 4)
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Load and save each wearer's calibration under DIR/calibrations (default: none kept; config data-dir).")
    java.nio.file.Path dataDir;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    public DemoCommand(LiveViewFactory views) {
        this.views = views;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (random && spec.commandLine().getParseResult().hasMatchedOption("--scenario")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --scenario or --random, not both");
        }
        LiveConfig setup;
        try {
            ConfigOptions.Overrides o = new ConfigOptions.Overrides().add("--data-dir", "data-dir", dataDir);
            live.addTo(o);
            history.addTo(o);
            setup = config.resolve(o, false);
        } catch (ConfigException e) {
            err.println("demo: " + e.getMessage());
            err.flush();
            return 2;
        }
        Demo.Settings settings;
        try {
            Scenario sc = random ? Scenario.randomOffice(RANDOM_SESSION_MINUTES) : Scenario.named(scenario);
            settings = new Demo.Settings(wearers, sc, seed, speed, setup.pipeline(), setup.wearers());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (live.minutes != null && !(live.minutes > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--minutes must be positive");
        }
        LiveBus bus = new LiveBus();
        LiveControls controls = new LiveControls();
        out.printf(Locale.ROOT, "demo: %d simulated wearer%s, scenario %s, seed %d, speed %sx; frames of %d samples "
                        + "through the native decoder%n", wearers, wearers == 1 ? "" : "s", settings.scenario().name(), seed,
                speed, SimulatedDevice.BATCH_SAMPLES);
        if (setup.hasSources()) out.println("demo: the config's sources are for run; the demo's wearers are simulated");
        LiveHistory kept = history.openForDemo(out, setup.dataDir(), setup.history(), setup.zones(), live); // -- history (issue 7)
        Optional<LiveViewFactory.LiveView> view;
        try {
            view = LiveRunner.startView(out, views, setup.dashboard(), live.token(setup.dashboard(), System.getenv()),
                    bus, controls, kept.store());
        } catch (LiveRunner.ViewFailed e) {
            kept.close();
            err.println("demo: " + e.getMessage());
            err.flush();
            return 2;
        }
        Demo demo = Demo.start(settings, bus, controls, Optional.of(Clock.systemDefaultZone()),
                setup.dataDir().map(io.spinewatch.posture.CalibrationStore::new), // stored calibrations
                kept::feedFor);
        view.flatMap(LiveViewFactory.LiveView::meterRegistry)
                .ifPresent(r -> PipelineMetrics.bind(r, demo.hub(), Optional.empty()));
        return LiveRunner.run("demo", out, live, bus, view, LiveRunner.closeInOrder(demo, kept), o -> {
            for (SimulatedDevice d : demo.devices()) {
                o.printf(Locale.ROOT, "%s: %.0f s simulated in %d session%s, %d haptic command%s received; %s%n",
                        d.name(), d.simulatedSeconds(), d.sessions(), d.sessions() == 1 ? "" : "s",
                        d.hapticsReceived().size(), d.hapticsReceived().size() == 1 ? "" : "s", d.stats().decoder().describe());
            }
            o.printf(Locale.ROOT, "demo: samples dropped between decoder and pipeline: %d%n", demo.hub().droppedSamples());
            kept.printSummary(o);
        });
    }
}
