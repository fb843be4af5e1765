package io.spinewatch.app;

import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.hub.MonitorOutput;
import io.spinewatch.hub.WearerHub;
import io.spinewatch.ingest.Source;
import io.spinewatch.ingest.WireProtocol;
import io.spinewatch.latency.EpochClock;
import io.spinewatch.latency.LatencyRecorder;
import io.spinewatch.live.LiveBus;
import io.spinewatch.metrics.PipelineMetrics;
import io.spinewatch.pipeline.LiveControls;
import io.spinewatch.pipeline.PipelineParams;
import io.spinewatch.posture.CalibrationStore;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.transport.mqtt.MqttConfig;
import io.spinewatch.transport.mqtt.MqttSource;
import io.spinewatch.transport.serial.SerialConfig;
import io.spinewatch.transport.serial.SerialSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spinewatch run}: real wearers from a serial port or an MQTT broker, through the pipeline, shown live. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Monitors real wearers: reads a serial port (one wearer) or every wearer on an MQTT broker, runs "
                + "each wearer's posture pipeline, buzzes the device on each alert (native haptic command), shows "
                + "the dashboard and prints a status line per wearer every few seconds.",
                "Over MQTT it also publishes <root>/<wearer>/posture (retained) and <root>/<wearer>/alert. Credentials "
                        + "come from $" + MqttConfig.ENV_USERNAME + " and $" + MqttConfig.ENV_PASSWORD + ", never the "
                        + "command line."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped by --minutes or Ctrl-C", "2:the source or the dashboard could not start"})
public final class RunCommand implements Callable<Integer> {
    private final LiveViewFactory views;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--serial", paramLabel = "PORT", description = "Serial port, e.g. /dev/ttyUSB0.")
        String serial;

        @Option(names = "--mqtt", paramLabel = "URI", description = "MQTT broker, tcp://HOST:PORT or ssl://HOST:PORT.")
        String mqtt;
    }

    @Option(names = "--protocol", paramLabel = "P", defaultValue = "native",
            description = "Serial: native or witmotion (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--baud", paramLabel = "N", description = "Serial speed (default: 115200 native; probed for WitMotion).")
    Integer baud;

    @Option(names = "--wearer", paramLabel = "ID", defaultValue = "wearer-1",
            description = "Serial: the wearer's id (default: ${DEFAULT-VALUE}).")
    String wearer;

    @Option(names = "--slot", paramLabel = "S", defaultValue = "upper",
            description = "WitMotion: where the sensor is worn, upper, mid or pelvis (default: ${DEFAULT-VALUE}).")
    String slot;

    @Option(names = "--mqtt-root", paramLabel = "ROOT", defaultValue = "spinewatch", description = "MQTT topic root (default: ${DEFAULT-VALUE}).")
    String mqttRoot;

    @Option(names = "--mqtt-ca", paramLabel = "PEM", description = "CA certificates to trust for ssl:// (default: the JVM's).")
    Path mqttCa;

    @Option(names = "--monitor-id", paramLabel = "ID", defaultValue = MqttConfig.DEFAULT_MONITOR_ID,
            description = "This monitor's id in <root>/monitor/<id>/status (default: ${DEFAULT-VALUE}).")
    String monitorId;

    // -- load status (loadgen, issue 5)
    @Option(names = "--load-status", paramLabel = "SECONDS",
            description = "Print one line of load figures (samples/s, lost, latency percentiles) every SECONDS (default: only at exit).")
    Double loadStatusSeconds;

    // -- stored calibrations (issue 4)
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keeps each wearer's calibration in DIR/calibrations, so a returning wearer skips the routine "
                    + "(default: ~/.spinewatch).")
    Path dataDir;

    @Option(names = "--recalibrate",
            description = "Ignore the stored calibrations at start: every wearer calibrates afresh (and the new one is stored).")
    boolean recalibrate;

    @Mixin
    LiveViewOptions live = new LiveViewOptions();

    @Mixin
    HistoryOptions history = new HistoryOptions(); // -- history (issue 7)

    public RunCommand(LiveViewFactory views) {
        this.views = views;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LiveBus bus = new LiveBus();
        LiveControls controls = new LiveControls();
        AtomicReference<MqttSource> mqttOut = new AtomicReference<>();
        MonitorOutput output = input.mqtt == null ? MonitorOutput.NONE : new MonitorOutput() {
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
        SerialConfig serialConfig = null;
        MqttConfig mqttConfig = null;
        try {
            if (input.serial != null) {
                SerialConfig c = SerialConfig.of(input.serial, WireProtocol.ofLabel(protocol), wearer)
                        .withWitMotionSlot(SensorSlot.ofLabel(slot));
                serialConfig = baud == null ? c : c.withBaud(baud);
            } else {
                MqttConfig c = MqttConfig.of(input.mqtt).withMonitorId(monitorId).withEnvironment(System.getenv());
                c = new MqttConfig(c.serverUri(), c.clientId(), c.monitorId(), mqttRoot, c.username(), c.password(),
                        c.caFile(), c.sessionExpirySeconds(), c.keepAliveSeconds(), c.connectTimeoutSeconds(), c.backoff(),
                        c.backoffSeed(), c.json());
                mqttConfig = mqttCa == null ? c : c.withCaFile(mqttCa);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        // -- history (issue 7)
        LiveHistory kept;
        try {
            kept = history.openForRun(out, Optional.ofNullable(dataDir), live);
        } catch (LiveHistory.Unavailable e) {
            err.println("run: history: " + e.getMessage() + " (--no-history runs without one)");
            err.flush();
            return 2;
        }
        Optional<LiveViewFactory.LiveView> view;
        try {
            view = LiveRunner.startView(out, views, live, bus, controls, kept.store());
        } catch (LiveRunner.ViewFailed e) {
            kept.close();
            err.println("run: " + e.getMessage());
            err.flush();
            return 2;
        }
        int lanes = input.serial != null ? 1 : WearerHub.lanesFor(Runtime.getRuntime().availableProcessors());
        WearerHub hub = new WearerHub(bus, controls, PipelineParams.DEFAULT, DrillCatalogue.bundled(), lanes, 1, true, output,
                Optional.of(Clock.systemDefaultZone()), Optional.of(calibrationStore()), !recalibrate);
        hub.keepHistory(kept::feedFor); // -- history (issue 7)
        Source source;
        try {
            if (serialConfig != null) {
                SerialConfig sc = serialConfig;
                source = hub.attach(sink -> new SerialSource(sc, sink));
            } else {
                MqttConfig mc = mqttConfig;
                MqttSource m = hub.attach(sink -> new MqttSource(mc, sink));
                mqttOut.set(m);
                source = m;
            }
            source.start();
        } catch (IOException e) {
            hub.close();
            kept.close();
            view.ifPresent(LiveViewFactory.LiveView::close);
            err.println("run: " + e.getMessage());
            err.flush();
            return 2;
        }
        out.println("run: reading " + source.name());
        out.flush();
        Source s = source;
        // -- load status (loadgen, issue 5)
        LatencyRecorder latency = new LatencyRecorder(new EpochClock());
        hub.measureLatency(latency);
        view.flatMap(LiveViewFactory.LiveView::meterRegistry)
                .ifPresent(r -> PipelineMetrics.bind(r, hub, Optional.of(latency)));
        LoadStatus load = new LoadStatus(hub, s::stats, latency, out);
        if (loadStatusSeconds != null && loadStatusSeconds > 0) load.every(loadStatusSeconds);
        // -- end load status
        return LiveRunner.run("run", out, live, bus, view, LiveRunner.closeInOrder(hub, kept), o -> {
            load.close();
            load.printTotal();
            o.println("run: " + s.stats().describe());
            o.printf("run: haptic commands sent %d, failed %d; samples dropped %d, unknown slot %d, second device on a slot %d%n",
                    hub.hapticsSent(), hub.hapticsFailed(), hub.droppedSamples(), hub.unknownSlotSamples(),
                    hub.foreignDeviceSamples());
            kept.printSummary(o);
        });
    }

    // -- stored calibrations (issue 4)
    CalibrationStore calibrationStore() {
        Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".spinewatch");
        return new CalibrationStore(dir);
    }
}
