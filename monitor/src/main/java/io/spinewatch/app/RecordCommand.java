package io.spinewatch.app;

import io.spinewatch.ingest.ByteTap;
import io.spinewatch.ingest.IngestSink;
import io.spinewatch.ingest.SourceException;
import io.spinewatch.ingest.WireProtocol;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.trace.TraceWriter;
import io.spinewatch.transport.serial.SerialConfig;
import io.spinewatch.transport.serial.SerialSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinewatch record --serial PORT --out TRACE}: records a live serial session as a trace file
 * (and optionally the raw bytes), so it can be replayed exactly.
 */
@Command(name = "record",
        mixinStandardHelpOptions = true,
        description = {"Records samples from a serial port into a trace file (docs/trace-format.md); t_s comes from "
                + "the device's clock, counted from the first sample.",
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

    @Option(names = "--serial", required = true, paramLabel = "PORT", description = "Serial device, e.g. /dev/ttyUSB0.")
    String port;

    @Option(names = "--protocol", defaultValue = "native", paramLabel = "PROTOCOL",
            description = "native or witmotion (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--baud", paramLabel = "N",
            description = "Line speed; default 115200 for native, found by probing for witmotion.")
    Integer baud;

    @Option(names = "--wearer", defaultValue = "wearer", paramLabel = "ID",
            description = "Wearer id written into the trace metadata (default: ${DEFAULT-VALUE}).")
    String wearer;

    @Option(names = "--slot", defaultValue = "upper", paramLabel = "SLOT",
            description = "Where a WitMotion sensor is worn: upper, mid or pelvis (default: ${DEFAULT-VALUE}).")
    String slot;

    @Option(names = "--no-setup", description = "Do not configure a WitMotion sensor (keep its saved content and rate).")
    boolean noSetup;

    @Option(names = "--mag", description = "Write magnetometer columns; samples without a magnetometer reading are then skipped.")
    boolean mag;

    @Option(names = "--out", required = true, paramLabel = "TRACE", description = "Trace file to write (.gz compresses).")
    Path out;

    @Option(names = "--raw", paramLabel = "RAW.bin", description = "Also write every byte read, for exact replay with decode.")
    Path raw;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after this many seconds (default: until interrupted).")
    Double seconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        WireProtocol wire;
        SensorSlot sensorSlot;
        try {
            wire = WireProtocol.ofLabel(protocol);
            sensorSlot = SensorSlot.ofLabel(slot);
        } catch (IllegalArgumentException e) {
            err.println("record: " + e.getMessage());
            err.flush();
            return EXIT_ARGUMENTS;
        }
        if (seconds != null && !(seconds > 0)) {
            err.println("record: --seconds must be positive");
            err.flush();
            return EXIT_ARGUMENTS;
        }
        SerialConfig config = SerialConfig.of(port, wire, wearer).withWitMotionSlot(sensorSlot).withWitMotionSetup(!noSetup);
        if (baud != null) {
            config = config.withBaud(baud);
        }
        TraceSink traceSink;
        OutputStream rawOut = null;
        try {
            TraceWriter writer = TraceWriter.open(out, mag);
            writer.metadata("wearer", wearer);
            writer.metadata("source", "serial:" + port);
            writer.metadata("protocol", wire.label());
            writer.metadata("recorded_at", Instant.now().toString());
            traceSink = new TraceSink(writer);
            if (raw != null) {
                rawOut = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 16);
            }
        } catch (IOException e) {
            err.println("record: cannot write " + out + ": " + e.getMessage());
            err.flush();
            return EXIT_OUTPUT;
        }
        RawSink rawSink = new RawSink(rawOut);
        SerialSource source = new SerialSource(config, traceSink, rawSink);
        CountDownLatch finished = new CountDownLatch(1);
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
            err.println("record: " + source.name() + " at " + source.baud() + " baud -> " + out
                    + (seconds == null ? " (Ctrl-C to stop)" : " for " + seconds + " s"));
            err.flush();
            if (seconds == null) {
                finished.await();
            } else {
                finished.await(Math.round(seconds * 1000), TimeUnit.MILLISECONDS);
            }
        } catch (SourceException e) {
            err.println("record: " + e.getMessage());
            exit = EXIT_PORT;
        } finally {
            source.stop();
            IOException failure = traceSink.close();
            IOException rawFailure = rawSink.close();
            err.println("record: " + traceSink.rows() + " rows" + (traceSink.skippedWithoutMag() > 0
                    ? ", " + traceSink.skippedWithoutMag() + " samples without magnetometer skipped" : "")
                    + "; " + source.stats().describe());
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
            } catch (IOException e) {
                failure = e;
            }
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
