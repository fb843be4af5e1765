package io.spinewatch.app;

import io.spinewatch.ingest.ByteTap;
import io.spinewatch.ingest.IngestSink;
import io.spinewatch.ingest.Source;
import io.spinewatch.ingest.SourceException;
import io.spinewatch.ingest.WireProtocol;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.trace.TraceWriter;
import io.spinewatch.transport.mqtt.MqttConfig;
import io.spinewatch.transport.mqtt.MqttSource;
import io.spinewatch.transport.mqtt.MqttTopics;
import io.spinewatch.transport.serial.SerialConfig;
import io.spinewatch.transport.serial.SerialSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinewatch record --serial PORT|--mqtt URI --out TRACE}: records one wearer's live session as a trace
 * file (and optionally the raw bytes), so it can be replayed exactly.
 */
@Command(name = "record",
        mixinStandardHelpOptions = true,
        description = {"Records one wearer's samples from a serial port or an MQTT broker into a trace file "
                + "(docs/trace-format.md); t_s comes from the device's clock, counted from the first sample.",
                "Over MQTT it listens to <root>/<wearer>/imu, imu/json and status only, and publishes nothing; "
                        + "credentials come from $" + MqttConfig.ENV_USERNAME + " and $" + MqttConfig.ENV_PASSWORD + ".",
                "Runs for --seconds, or until interrupted (Ctrl-C). A summary of the source's counters goes to stderr."})
public final class RecordCommand implements Callable<Integer> {
    /** Exit code for option values out of range (picocli uses 2 for usage errors). */
    static final int EXIT_ARGUMENTS = 1;
    /** Exit code when the port cannot be opened. */
    static final int EXIT_PORT = 3;
    /** Exit code when the output cannot be written. */
    static final int EXIT_OUTPUT = 4;

    @Spec
    CommandSpec spec;

    /** Default wearer id of a serial recording, which has nothing else to name it. */
    static final String DEFAULT_SERIAL_WEARER = "wearer";

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--serial", paramLabel = "PORT", description = "Serial device, e.g. /dev/ttyUSB0.")
        String port;

        @Option(names = "--mqtt", paramLabel = "URI", description = "MQTT broker, tcp://HOST:PORT or ssl://HOST:PORT.")
        String mqtt;
    }

    @Option(names = "--protocol", defaultValue = "native", paramLabel = "PROTOCOL",
            description = "Serial: native or witmotion (default: ${DEFAULT-VALUE}). MQTT payloads say their own form.")
    String protocol;

    @Option(names = "--baud", paramLabel = "N",
            description = "Serial: line speed; default 115200 for native, found by probing for witmotion.")
    Integer baud;

    @Option(names = "--wearer", paramLabel = "ID",
            description = "MQTT (required): the wearer to record, <root>/<ID>/... Serial: the id written into the trace "
                    + "metadata (default: " + DEFAULT_SERIAL_WEARER + ").")
    String wearer;

    @Option(names = "--mqtt-root", paramLabel = "ROOT", defaultValue = MqttTopics.DEFAULT_ROOT,
            description = "MQTT topic root (default: ${DEFAULT-VALUE}).")
    String mqttRoot;

    @Option(names = "--mqtt-ca", paramLabel = "PEM", description = "CA certificates to trust for ssl:// (default: the JVM's).")
    Path mqttCa;

    @Option(names = "--slot", defaultValue = "upper", paramLabel = "SLOT",
            description = "Where a WitMotion sensor is worn: upper, mid or pelvis (default: ${DEFAULT-VALUE}).")
    String slot;

    @Option(names = "--no-setup", description = "Do not configure a WitMotion sensor (keep its saved content and rate).")
    boolean noSetup;

    @Option(names = "--mag", description = "Write magnetometer columns; samples without a magnetometer reading are then skipped.")
    boolean mag;

    @Option(names = "--out", required = true, paramLabel = "TRACE", description = "Trace file to write (.gz compresses).")
    Path out;

    @Option(names = "--raw", paramLabel = "RAW.bin", description = "Also write every byte read (MQTT: the wearer's native "
            + "imu and status payloads, concatenated), for exact replay with decode.")
    Path raw;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after this many seconds (default: until interrupted).")
    Double seconds;

    /** Counted down by Ctrl-C (the shutdown hook) or {@link #stop()}. */
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile TraceSink recording;

    /** Ends the recording as Ctrl-C would: for a test or a program that runs the command in-process. */
    void stop() {
        finished.countDown();
    }

    /** Rows written so far; 0 before the trace is open. */
    long rowsWritten() {
        TraceSink sink = recording;
        return sink == null ? 0 : sink.rows();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        boolean mqtt = input.mqtt != null;
        WireProtocol wire;
        SensorSlot sensorSlot;
        try {
            wire = WireProtocol.ofLabel(protocol);
            sensorSlot = SensorSlot.ofLabel(slot);
        } catch (IllegalArgumentException e) {
            return refuse(err, e.getMessage());
        }
        if (seconds != null && !(seconds > 0)) {
            return refuse(err, "--seconds must be positive");
        }
        SerialConfig serialConfig = null;
        MqttConfig mqttConfig = null;
        if (mqtt) {
            if (wearer == null) {
                return refuse(err, "--mqtt needs --wearer ID: a trace holds one wearer (docs/trace-format.md)");
            }
            if (!MqttTopics.validId(wearer) || wearer.equals(MqttTopics.MONITOR_LEVEL)) {
                return refuse(err, "--wearer must be a wearer's topic level: 1..64 characters, no '/', '+' or '#', not '"
                        + MqttTopics.MONITOR_LEVEL + "': '" + wearer + "'");
            }
            if (wire != WireProtocol.NATIVE || baud != null || noSetup || spec.commandLine().getParseResult().hasMatchedOption("--slot")) {
                return refuse(err, "--protocol, --baud, --slot and --no-setup are for --serial; MQTT payloads are native "
                        + "frames (<root>/<wearer>/imu) or JSON (.../imu/json)");
            }
            try {
                mqttConfig = recorderConfig(input.mqtt, mqttRoot, wearer, System.getenv());
                if (mqttCa != null) {
                    mqttConfig = mqttConfig.withCaFile(mqttCa);
                }
            } catch (IllegalArgumentException e) {
                return refuse(err, e.getMessage());
            }
        } else {
            if (mqttCa != null || !mqttRoot.equals(MqttTopics.DEFAULT_ROOT)) {
                return refuse(err, "--mqtt-root and --mqtt-ca are for --mqtt");
            }
            if (wearer == null) {
                wearer = DEFAULT_SERIAL_WEARER;
            }
            serialConfig = SerialConfig.of(input.port, wire, wearer).withWitMotionSlot(sensorSlot).withWitMotionSetup(!noSetup);
            if (baud != null) {
                serialConfig = serialConfig.withBaud(baud);
            }
        }
        TraceSink traceSink;
        OutputStream rawOut = null;
        try {
            TraceWriter writer = TraceWriter.open(out, mag);
            writer.metadata("wearer", wearer);
            if (mqtt) {
                writer.metadata("source", "mqtt:" + withoutUserInfo(input.mqtt));
                writer.metadata("topic", new MqttTopics(mqttRoot).imu(wearer));
            } else {
                writer.metadata("source", "serial:" + input.port);
                writer.metadata("protocol", wire.label());
            }
            writer.metadata("recorded_at", Instant.now().toString());
            traceSink = new TraceSink(writer);
            recording = traceSink;
            if (raw != null) {
                rawOut = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 16);
            }
        } catch (IOException e) {
            err.println("record: cannot write " + out + ": " + e.getMessage());
            err.flush();
            return EXIT_OUTPUT;
        }
        RawSink rawSink = new RawSink(rawOut);
        Source source;
        try {
            source = mqtt ? MqttSource.forWearer(mqttConfig, wearer, traceSink, rawSink)
                    : new SerialSource(serialConfig, traceSink, rawSink);
        } catch (SourceException e) {
            traceSink.close();
            rawSink.close();
            err.println("record: " + e.getMessage());
            err.flush();
            return EXIT_PORT;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            finished.countDown();
            try {
                closed.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spinewatch-record-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int exit = 0;
        try {
            source.start();
            String from = source instanceof SerialSource serial ? serial.name() + " at " + serial.baud() + " baud"
                    : source.name() + " " + new MqttTopics(mqttRoot).imu(wearer);
            err.println("record: " + from + " -> " + out + (seconds == null ? " (Ctrl-C to stop)" : " for " + seconds + " s"));
            err.flush();
            if (seconds == null) {
                finished.await();
            } else {
                finished.await(Math.round(seconds * 1000), TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            // SourceException: the port or the broker refused us; nothing else is thrown by start.
            err.println("record: " + e.getMessage());
            exit = EXIT_PORT;
        } finally {
            source.stop();
            IOException failure = traceSink.close();
            IOException rawFailure = rawSink.close();
            err.println("record: " + traceSink.rows() + " rows" + (traceSink.skippedWithoutMag() > 0
                    ? ", " + traceSink.skippedWithoutMag() + " samples without magnetometer skipped" : "")
                    + "; " + source.stats().describe());
            if (mqtt && raw != null && traceSink.rows() > 0 && rawSink.bytes() == 0) {
                err.println("record: the wearer sent JSON samples only, which " + raw + " does not hold (--raw keeps native payloads)");
            }
            if (failure != null || rawFailure != null) {
                err.println("record: writing failed: " + (failure != null ? failure : rawFailure).getMessage());
                exit = exit == 0 ? EXIT_OUTPUT : exit;
            }
            err.flush();
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        return exit;
    }

    private static int refuse(PrintWriter err, String message) {
        err.println("record: " + message);
        err.flush();
        return EXIT_ARGUMENTS;
    }

    /**
     * The MQTT settings of a recorder: its own client id, {@code spinewatch-record-<wearer>} (or
     * ${@value MqttConfig#ENV_CLIENT_ID}), so it never takes over a monitor's session, and a session that ends with
     * the connection (expiry 0), so nothing of it stays queued on the broker after the recording.
     */
    static MqttConfig recorderConfig(String uri, String root, String wearerId, java.util.Map<String, String> env) {
        MqttConfig c = MqttConfig.of(uri).withEnvironment(env);
        String client = c.clientId().equals(MqttConfig.of(uri).clientId()) ? "spinewatch-record-" + wearerId : c.clientId();
        return new MqttConfig(c.serverUri(), client, c.monitorId(), root, c.username(), c.password(), c.caFile(), 0,
                c.keepAliveSeconds(), c.connectTimeoutSeconds(), c.backoff(), c.backoffSeed(), c.json());
    }

    /** The URI as metadata: user information, should a URI carry any, stays out of the trace. */
    private static String withoutUserInfo(String uri) {
        try {
            URI u = URI.create(uri);
            return u.getUserInfo() == null ? uri : u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "(unparsable URI)";
        }
    }

    /** Writes each sample as a trace row; on the source's I/O thread. The first failure stops writing. */
    static final class TraceSink implements IngestSink {
        private final TraceWriter writer;
        private boolean started;
        private long originMicros;
        private long skippedWithoutMag;
        private IOException failure;

        TraceSink(TraceWriter writer) {
            this.writer = writer;
        }

        @Override
        public synchronized void onSample(String wearerId, ImuSample s) {
            if (failure != null) {
                return;
            }
            if (!started) {
                started = true;
                originMicros = s.deviceTimeMicros();
            }
            double tS = (s.deviceTimeMicros() - originMicros) / 1e6;
            try {
                if (writer.magnetometer()) {
                    if (!s.hasMag()) {
                        skippedWithoutMag++;
                        return;
                    }
                    writer.row(tS, s.slot(), s.axMps2(), s.ayMps2(), s.azMps2(), s.gxRadPerS(), s.gyRadPerS(),
                            s.gzRadPerS(), s.mxMicroTesla(), s.myMicroTesla(), s.mzMicroTesla());
                } else {
                    writer.row(tS, s.slot(), s.axMps2(), s.ayMps2(), s.azMps2(), s.gxRadPerS(), s.gyRadPerS(),
                            s.gzRadPerS());
                }
            } catch (IOException e) {
                failure = e;
            }
        }

        synchronized long rows() {
            return writer.rows();
        }

        synchronized long skippedWithoutMag() {
            return skippedWithoutMag;
        }

        /** Closes the file; returns the first failure, if any. */
        synchronized IOException close() {
            try {
                writer.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            return failure;
        }
    }

    /** Appends the raw bytes read to a file, when one was asked for. */
    static final class RawSink implements ByteTap {
        private final OutputStream out;
        private long bytes;
        private IOException failure;

        RawSink(OutputStream out) {
            this.out = out;
        }

        @Override
        public synchronized void onBytes(byte[] data, int offset, int length) {
            if (out == null || failure != null) {
                return;
            }
            try {
                out.write(data, offset, length);
                bytes += length;
            } catch (IOException e) {
                failure = e;
            }
        }

        synchronized long bytes() {
            return bytes;
        }

        synchronized IOException close() {
            if (out == null) {
                return null;
            }
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            return failure;
        }
    }
}
