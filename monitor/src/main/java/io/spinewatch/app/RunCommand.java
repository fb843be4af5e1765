package io.spinewatch.app;

import io.spinewatch.config.ConfigException;
import io.spinewatch.config.LiveConfig;
import io.spinewatch.config.SerialPort;
import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.hub.MonitorOutput;
import io.spinewatch.hub.WearerHub;
import io.spinewatch.ingest.Source;
import io.spinewatch.ingest.SourceStats;
import io.spinewatch.ingest.WireProtocol;
import io.spinewatch.latency.EpochClock;
import io.spinewatch.latency.LatencyRecorder;
import io.spinewatch.live.LiveBus;
import io.spinewatch.metrics.PipelineMetrics;
import io.spinewatch.pipeline.LiveControls;
import io.spinewatch.posture.CalibrationStore;
import io.spinewatch.protocol.DecoderCounters;
import io.spinewatch.transport.mqtt.MqttConfig;
import io.spinewatch.transport.mqtt.MqttSource;
import io.spinewatch.transport.serial.SerialConfig;
import io.spinewatch.transport.serial.SerialSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spinewatch run}: real wearers from serial ports and an MQTT broker, through the pipeline, shown live. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Monitors real wearers: reads a serial port (one wearer) or every wearer on an MQTT broker, or "
                + "all the sources a --config file lists at once (several ports, one per sensor if need be, and a "
                + "broker), runs each wearer's posture pipeline, buzzes the device on each alert (native haptic "
                + "command), shows the dashboard and prints a status line per wearer every few seconds.",
                "--serial or --mqtt replaces the config file's sources. Over MQTT it also publishes "
                        + "<root>/<wearer>/posture (retained) and <root>/<wearer>/alert. Credentials come from $"
                        + MqttConfig.ENV_USERNAME + " and $" + MqttConfig.ENV_PASSWORD + ", never the command line "
                        + "or the config file."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped by --minutes or Ctrl-C",
                "2:bad settings (command line or config file), or a source or the dashboard could not start"})
public final class RunCommand implements Callable<Integer> {
    /** The wearer of a {@code --serial} port when {@code --wearer} is not given. */
    static final String DEFAULT_WEARER = "wearer-1";
    /** The name of the {@code --serial} port among the sources ({@code serial.cli.*}). */
    static final String COMMAND_LINE_PORT = "cli";

    private final LiveViewFactory views;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Input input = new Input();

    static final class Input {
        @Option(names = "--serial", paramLabel = "PORT", description = "Serial port, e.g. /dev/ttyUSB0 (replaces the config's sources).")
        String serial;

        @Option(names = "--mqtt", paramLabel = "URI",
                description = "MQTT broker, tcp://HOST:PORT or ssl://HOST:PORT (replaces the config's sources).")
        String mqtt;
    }

    @Option(names = "--protocol", paramLabel = "P", description = "With --serial: native or witmotion (default: native).")
    String protocol;

    @Option(names = "--baud", paramLabel = "N",
            description = "With --serial: speed (default: 115200 native; probed for WitMotion).")
    Integer baud;

    @Option(names = "--wearer", paramLabel = "ID", description = "With --serial: the wearer's id (default: " + DEFAULT_WEARER + ").")
    String wearer;

    @Option(names = "--slot", paramLabel = "S",
            description = "With --serial --protocol witmotion: where the sensor is worn, upper, mid or pelvis (default: upper).")
    String slot;

    @Option(names = "--mqtt-root", paramLabel = "ROOT", description = "MQTT topic root (default: spinewatch; config mqtt.root).")
    String mqttRoot;

    @Option(names = "--mqtt-ca", paramLabel = "PEM",
            description = "CA certificates to trust for ssl:// (default: the JVM's; config mqtt.ca).")
    Path mqttCa;

    @Option(names = "--monitor-id", paramLabel = "ID",
            description = "This monitor's id in <root>/monitor/<id>/status (default: " + MqttConfig.DEFAULT_MONITOR_ID
                    + "; config mqtt.monitor-id).")
    String monitorId;

    // -- load status (loadgen, issue 5)
    @Option(names = "--load-status", paramLabel = "SECONDS",
            description = "Print one line of load figures (samples/s, lost, latency percentiles) every SECONDS (default: only at exit).")
    Double loadStatusSeconds;

    // -- stored calibrations (issue 4)
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keeps each wearer's calibration in DIR/calibrations, so a returning wearer skips the routine "
                    + "(default: ~/.spinewatch; config data-dir).")
    Path dataDir;

    @Option(names = "--recalibrate",
            description = "Ignore the stored calibrations at start: every wearer calibrates afresh (and the new one is stored).")
    boolean recalibrate;

    @Mixin
    LiveViewOptions live = new LiveViewOptions();

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Mixin
    HistoryOptions history = new HistoryOptions(); // -- history (issue 7)

    public RunCommand(LiveViewFactory views) {
        this.views = views;
    }

    /** The options given, under their config keys; the {@code --serial} port becomes {@code serial.cli.*}. */
    private ConfigOptions.Overrides overrides() {
        String p = "serial." + COMMAND_LINE_PORT + ".";
        if (input.serial == null) {
            for (Object given : new Object[] {protocol, baud, wearer, slot}) {
                if (given != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--protocol, --baud, --wearer and --slot describe the --serial port; without --serial, "
                                    + "set serial.<name>.* in the config file");
                }
            }
        }
        ConfigOptions.Overrides o = new ConfigOptions.Overrides()
                .add("--serial", p + "port", input.serial)
                .add("--protocol", p + "protocol", protocol)
                .add("--baud", p + "baud", baud)
                .add("--wearer", p + "wearer", input.serial == null ? null : wearer == null ? DEFAULT_WEARER : wearer)
                .add("--slot", p + "slot", slot)
                .add("--mqtt", "mqtt.uri", input.mqtt)
                .add("--mqtt-root", "mqtt.root", mqttRoot)
                .add("--mqtt-ca", "mqtt.ca", mqttCa)
                .add("--monitor-id", "mqtt.monitor-id", monitorId)
                .add("--data-dir", "data-dir", dataDir);
        live.addTo(o);
        history.addTo(o);
        return o;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LiveConfig settings;
        try {
            settings = config.resolve(overrides(), input.serial != null || input.mqtt != null);
        } catch (ConfigException e) {
            return fail(err, e.getMessage());
        }
        if (!settings.hasSources()) {
            return fail(err, "no source: give --serial PORT or --mqtt URI, or list serial.<name>.port / mqtt.uri in a --config file");
        }
        LiveBus bus = new LiveBus();
        LiveControls controls = new LiveControls();
        AtomicReference<MqttSource> mqttOut = new AtomicReference<>();
        MonitorOutput output = settings.broker().isEmpty() ? MonitorOutput.NONE : new MonitorOutput() {
            @Override
            public void posture(String wearerId, String json) {
                MqttSource s = mqttOut.get();
                if (s != null) s.publishPosture(wearerId, json);
            }

            @Override
            public void alert(String wearerId, String json) {
                MqttSource s = mqttOut.get();
                if (s != null) s.publishAlert(wearerId, json);
            }
        };
        // -- history (issue 7)
        LiveHistory kept;
        try {
            kept = history.openForRun(out, settings.dataDir(), settings.history(), settings.zones(), live);
        } catch (LiveHistory.Unavailable e) {
            return fail(err, "history: " + e.getMessage() + " (--no-history runs without one)");
        }
        Optional<LiveViewFactory.LiveView> view;
        try {
            view = LiveRunner.startView(out, views, settings.dashboard(), live.token(settings.dashboard(), System.getenv()),
                    bus, controls, kept.store());
        } catch (LiveRunner.ViewFailed e) {
            kept.close();
            return fail(err, e.getMessage());
        }
        WearerHub hub = new WearerHub(bus, controls, settings.pipeline(), DrillCatalogue.bundled(), lanes(settings), 1, true,
                output, Optional.of(Clock.systemDefaultZone()), Optional.of(calibrationStore(settings)), !recalibrate);
        hub.profiles(settings.wearers());
        hub.keepHistory(kept::feedFor); // -- history (issue 7)
        List<Source> sources = new ArrayList<>();
        try {
            for (SerialPort p : settings.serialPorts()) {
                sources.add(hub.attach(sink -> new SerialSource(p.config(), sink)));
            }
            if (settings.broker().isPresent()) {
                MqttConfig mc = settings.broker().get();
                MqttSource m = hub.attach(sink -> new MqttSource(mc, sink));
                mqttOut.set(m);
                sources.add(m);
            }
            for (Source s : sources) s.start();
        } catch (IOException e) {
            hub.close();
            kept.close();
            view.ifPresent(LiveViewFactory.LiveView::close);
            return fail(err, e.getMessage());
        }
        for (SerialPort p : settings.serialPorts()) out.println("run: reading " + describe(p));
        settings.broker().ifPresent(b -> out.println("run: reading mqtt:" + b.serverUri() + " (every wearer under " + b.topicRoot() + "/)"));
        out.flush();
        // -- load status (loadgen, issue 5)
        LatencyRecorder latency = new LatencyRecorder(new EpochClock());
        hub.measureLatency(latency);
        view.flatMap(LiveViewFactory.LiveView::meterRegistry)
                .ifPresent(r -> PipelineMetrics.bind(r, hub, Optional.of(latency)));
        LoadStatus load = new LoadStatus(hub, () -> decoders(sources), latency, out);
        if (loadStatusSeconds != null && loadStatusSeconds > 0) load.every(loadStatusSeconds);
        // -- end load status
        return LiveRunner.run("run", out, live, bus, view, LiveRunner.closeInOrder(hub, kept), o -> {
            load.close();
            load.printTotal();
            for (Source s : sources) o.println("run: " + s.stats().describe());
            o.printf("run: haptic commands sent %d, failed %d; samples dropped %d, unknown slot %d, second device on a slot %d%n",
                    hub.hapticsSent(), hub.hapticsFailed(), hub.droppedSamples(), hub.unknownSlotSamples(),
                    hub.foreignDeviceSamples());
            kept.printSummary(o);
        });
    }

    /** {@code serial:/dev/ttyUSB0 for wearer ann (witmotion, pelvis)}. */
    private static String describe(SerialPort p) {
        SerialConfig c = p.config();
        boolean wit = c.protocol() == WireProtocol.WITMOTION;
        return "serial:" + c.portPath() + " for wearer " + c.wearerId() + " (" + c.protocol().name().toLowerCase(Locale.ROOT)
                + (wit ? ", " + c.witmotionSlot().label() : "") + ")";
    }

    private static int fail(PrintWriter err, String message) {
        err.println("run: " + message);
        err.flush();
        return 2;
    }

    /** One lane per serial wearer (at most one per processor); as many as processors for a broker's unknown number. */
    private static int lanes(LiveConfig settings) {
        if (settings.broker().isPresent()) return WearerHub.lanesFor(Runtime.getRuntime().availableProcessors());
        Set<String> wearers = new HashSet<>();
        for (SerialPort p : settings.serialPorts()) wearers.add(p.config().wearerId());
        return WearerHub.lanesFor(wearers.size());
    }

    /** The decoders' counters summed over every source. */
    private static DecoderCounters.Snapshot decoders(List<Source> sources) {
        DecoderCounters.Snapshot sum = SourceStats.NO_DECODER;
        for (Source s : sources) sum = SourceStats.sum(sum, s.stats().decoder());
        return sum;
    }

    // -- stored calibrations (issue 4)
    static CalibrationStore calibrationStore(LiveConfig settings) {
        return new CalibrationStore(settings.dataDir().orElse(Path.of(System.getProperty("user.home"), ".spinewatch")));
    }
}
