package io.spinewatch.transport.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.spinewatch.ingest.Backoff;
import io.spinewatch.ingest.ByteTap;
import io.spinewatch.ingest.IngestSink;
import io.spinewatch.ingest.Source;
import io.spinewatch.ingest.SourceCounters;
import io.spinewatch.ingest.SourceException;
import io.spinewatch.ingest.SourceStats;
import io.spinewatch.ingest.WireProtocol;
import io.spinewatch.protocol.Ack;
import io.spinewatch.protocol.ByteDecoder;
import io.spinewatch.protocol.Command;
import io.spinewatch.protocol.DeviceStatus;
import io.spinewatch.protocol.MessageListener;
import io.spinewatch.protocol.NativeDecoder;
import io.spinewatch.protocol.NativeEncoder;
import io.spinewatch.protocol.NativeProtocol;
import io.spinewatch.protocol.SampleListener;
import io.spinewatch.protocol.witmotion.BaudRate;
import io.spinewatch.protocol.witmotion.WitMotionDecoder;
import io.spinewatch.protocol.witmotion.WitMotionSettings;
import io.spinewatch.protocol.witmotion.WitMotionSetup;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one serial port: configures it before opening (every change on an open port costs about
 * 200 ms), reads on jSerialComm's event thread whenever data arrives, feeds the bytes to the
 * resynchronising decoder, and writes native commands down the same port.
 *
 * <p>On a disconnect (a USB adapter unplugged, a hub reset) it closes the port at once, counts it and
 * reopens with {@link Backoff} until the device is back; the decoder and its sequence tracking carry
 * on, so samples lost while away are counted from the sequence gap. A WitMotion sensor is found by
 * probing speeds when none is given and is configured on start ({@link WitMotionSetup}).
 *
 * <p>Threads: the sink and the byte tap are called on the port's event thread with {@link #decodeLock}
 * held, so never concurrently, and each port instance's events happen-after the previous one's.
 * Reconnection runs on a private single-thread scheduler. {@link #send} may be called from any thread.
 */
public final class SerialSource implements Source {
    private static final Logger log = LoggerFactory.getLogger(SerialSource.class);
    /** Largest single read: a few frames; the loop reads again while more is available. */
    private static final int READ_BUFFER_BYTES = 4096;
    /** A write that cannot complete in this time means the link is stuck; the command is dropped. */
    private static final int WRITE_TIMEOUT_MILLIS = 500;

    private final SerialConfig config;
    private final IngestSink sink;
    private final ByteTap tap;
    private final SourceCounters counters = new SourceCounters();
    private final String name;

    /** Guards the decoder, the read buffer and the sink calls. */
    private final Object decodeLock = new Object();
    private final ByteDecoder decoder;
    private final byte[] readBuffer = new byte[READ_BUFFER_BYTES];

    private final Object writeLock = new Object();
    private final NativeEncoder encoder = new NativeEncoder();
    private final byte[] writeBuffer = new byte[NativeProtocol.MAX_WIRE_BYTES];

    private final ScheduledExecutorService reconnector;
    private final Backoff.Schedule backoff;

    private volatile SerialPort port;
    private volatile boolean running;
    private volatile boolean stopped;
    private volatile int baud;
    /** jSerialComm's error code and source location of the last failed open, for the message. */
    private volatile int lastErrorCode;
    private volatile int lastErrorLocation;

    /** A source for {@code config}; {@code tap} sees every byte read (use {@link ByteTap#NONE} for none). */
    public SerialSource(SerialConfig config, IngestSink sink, ByteTap tap) {
        this.config = Objects.requireNonNull(config, "config");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.tap = Objects.requireNonNull(tap, "tap");
        this.name = "serial:" + config.portPath();
        String wearer = config.wearerId();
        SampleListener samples = s -> {
            counters.sample();
            sink.onSample(wearer, s);
        };
        if (config.protocol() == WireProtocol.NATIVE) {
            this.decoder = new NativeDecoder(samples, new MessageListener() {
                @Override
                public void onStatus(DeviceStatus status) {
                    sink.onStatus(wearer, status);
                }

                @Override
                public void onAck(Ack ack) {
                    sink.onAck(wearer, ack);
                }
            });
        } else {
            WitMotionSettings settings = WitMotionSettings.of(config.witmotionDeviceId(), config.witmotionSlot());
            if (config.witmotionSetup()) {
                settings = settings.withOutputRate(WitMotionSetup.MONITOR_RATE);
            }
            this.decoder = new WitMotionDecoder(settings, samples);
        }
        this.backoff = config.backoff().schedule(config.backoffSeed());
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spinewatch-serial-reconnect");
            t.setDaemon(true);
            return t;
        });
    }

    public SerialSource(SerialConfig config, IngestSink sink) {
        this(config, sink, ByteTap.NONE);
    }

    @Override
    public String name() {
        return name;
    }

    /** The speed the port is open at (after probing and setup), or 0 before start. */
    public int baud() {
        return baud;
    }

    @Override
    public void start() throws IOException {
        if (running || stopped) {
            throw new IllegalStateException(name + " was already started");
        }
        Optional<String> problem = PortDiagnosis.problem(config.portPath());
        if (problem.isPresent()) {
            counters.connectFailure();
            counters.error(problem.get());
            throw new SourceException(problem.get());
        }
        int speed;
        if (config.baud().isPresent()) {
            speed = config.baud().get();
        } else if (config.protocol() == WireProtocol.WITMOTION) {
            speed = WitMotionBaudSearch.find(SerialConfig.WITMOTION_PROBE_ORDER, this::readBurst)
                    .orElseThrow(() -> fail("no WitMotion output on " + config.portPath() + " at any of "
                            + SerialConfig.WITMOTION_PROBE_ORDER + " baud: is the sensor powered, and is it a "
                            + "WitMotion serial model? Give --baud to skip the search."));
            log.info("{}: WitMotion sensor found at {} baud", name, speed);
        } else {
            speed = SerialConfig.DEFAULT_NATIVE_BAUD;
        }
        SerialPort p = open(speed);
        if (p == null) {
            throw fail(PortDiagnosis.openFailed(config.portPath(), lastErrorCode, lastErrorLocation));
        }
        baud = speed;
        running = true;
        port = p;
        counters.connected(true);
        sink.onLinkChange(true);
        if (config.protocol() == WireProtocol.WITMOTION && config.witmotionSetup()) {
            try {
                if (speed != WitMotionSetup.MONITOR_BAUD.bitsPerSecond()) {
                    play(WitMotionSetup.changeBaud(WitMotionSetup.MONITOR_BAUD));
                }
                play(WitMotionSetup.forMonitor());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new SourceException("interrupted while configuring the WitMotion sensor on " + config.portPath());
            } catch (SourceException e) {
                stop(); // a half-configured sensor is not a running source
                throw e;
            }
        }
    }

    private SourceException fail(String message) {
        counters.connectFailure();
        counters.error(message);
        return new SourceException(message);
    }

    /** Plays a WitMotion command sequence with its waits, reopening at a new speed where a step says so. */
    private void play(WitMotionSetup setup) throws InterruptedException, SourceException {
        for (WitMotionSetup.Step step : setup.steps()) {
            SerialPort p = port;
            if (p == null) {
                throw new SourceException("the port went away while configuring the sensor on " + config.portPath());
            }
            byte[] cmd = step.command();
            synchronized (writeLock) {
                if (p.writeBytes(cmd, cmd.length) != cmd.length) {
                    throw fail("could not write the WitMotion command '" + step.description() + "' to "
                            + config.portPath());
                }
            }
            log.debug("{}: {}", name, step);
            Thread.sleep(step.waitAfterMillis());
            if (step.hostBaudAfter().isPresent()) {
                BaudRate to = step.hostBaudAfter().get();
                // A one-off change on an open port (about 200 ms), rather than losing the listener by reopening.
                p.setBaudRate(to.bitsPerSecond());
                baud = to.bitsPerSecond();
            }
        }
    }

    /** Configures, then opens, a port at {@code speed} with the data listener attached; null when it will not open. */
    private SerialPort open(int speed) {
        SerialPort p = configured(speed);
        if (p == null) {
            return null;
        }
        p.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 0,
                WRITE_TIMEOUT_MILLIS);
        if (!p.openPort()) {
            lastErrorCode = p.getLastErrorCode();
            lastErrorLocation = p.getLastErrorLocation();
            return null;
        }
        if (!p.addDataListener(new Listener(p))) {
            p.closePort();
            lastErrorCode = p.getLastErrorCode();
            lastErrorLocation = p.getLastErrorLocation();
            return null;
        }
        return p;
    }

    /** A configured, unopened port; null when the path names no port now (jSerialComm throws for that). */
    private SerialPort configured(int speed) {
        SerialPort p;
        try {
            p = SerialPort.getCommPort(config.portPath());
        } catch (SerialPortInvalidPortException e) {
            lastErrorCode = 2; // ENOENT
            lastErrorLocation = -1;
            return null;
        }
        p.setComPortParameters(speed, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        return p;
    }

    /** Opens the port at {@code speed}, collects what arrives for a short burst, closes it. */
    private byte[] readBurst(int speed) {
        SerialPort p = configured(speed);
        if (p == null) {
            return new byte[0];
        }
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_BLOCKING, WitMotionBaudSearch.DEFAULT_BURST_MILLIS, 0);
        if (!p.openPort()) {
            return new byte[0];
        }
        try {
            // Enough for the whole burst at the candidate speed, at least one packet group.
            int capacity = Math.max(256, (int) ((long) speed / 10 * WitMotionBaudSearch.DEFAULT_BURST_MILLIS / 1000));
            byte[] buf = new byte[capacity];
            int n = p.readBytes(buf, buf.length);
            return n <= 0 ? new byte[0] : Arrays.copyOf(buf, n);
        } finally {
            p.closePort();
        }
    }

    /** Receives the port's events on jSerialComm's event thread. */
    private final class Listener implements SerialPortDataListener {
        private final SerialPort p;

        Listener(SerialPort p) {
            this.p = p;
        }

        @Override
        public int getListeningEvents() {
            return SerialPort.LISTENING_EVENT_DATA_AVAILABLE | SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
        }

        @Override
        public void serialEvent(SerialPortEvent event) {
            if (event.getEventType() == SerialPort.LISTENING_EVENT_PORT_DISCONNECTED) {
                lost(p, "the device went away");
            } else if (event.getEventType() == SerialPort.LISTENING_EVENT_DATA_AVAILABLE) {
                readAvailable(p);
            }
        }
    }

    private void readAvailable(SerialPort p) {
        boolean failed = false;
        synchronized (decodeLock) {
            if (p != port) {
                return;
            }
            while (true) {
                int available = p.bytesAvailable();
                if (available == 0) {
                    break;
                }
                if (available < 0) {
                    failed = true;
                    break;
                }
                int n = p.readBytes(readBuffer, Math.min(available, readBuffer.length));
                if (n < 0) {
                    failed = true;
                    break;
                }
                if (n == 0) {
                    break;
                }
                counters.bytesReceived(n);
                tap.onBytes(readBuffer, 0, n);
                decoder.feed(readBuffer, 0, n);
            }
        }
        if (failed) {
            lost(p, "reading failed (system error " + p.getLastErrorCode() + ")");
        }
    }

    /** The link of {@code p} is gone: stop using it now, close it and reconnect in the background. */
    private void lost(SerialPort p, String why) {
        synchronized (this) {
            // The event repeats until the port is closed; only the first one counts.
            if (p != port) {
                return;
            }
            port = null;
        }
        counters.connected(false);
        counters.disconnect();
        counters.error("disconnected from " + config.portPath() + ": " + why);
        log.warn("{}: disconnected ({}); reconnecting", name, why);
        sink.onLinkChange(false);
        if (!running) {
            p.closePort();
            return;
        }
        try {
            reconnector.execute(() -> {
                p.closePort();
                scheduleReconnect();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            p.closePort(); // stopping
        }
    }

    private void scheduleReconnect() {
        if (!running) {
            return;
        }
        long delay = backoff.nextDelayMillis();
        try {
            reconnector.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    private void reconnect() {
        if (!running) {
            return;
        }
        SerialPort p;
        try {
            p = open(baud);
        } catch (RuntimeException e) {
            // A library surprise must not end the retries: count it and try again later.
            counters.connectFailure();
            counters.error("cannot reopen " + config.portPath() + ": " + e);
            scheduleReconnect();
            return;
        }
        if (p == null) {
            counters.connectFailure();
            counters.error(PortDiagnosis.openFailed(config.portPath(), lastErrorCode, lastErrorLocation));
            scheduleReconnect();
            return;
        }
        synchronized (this) {
            if (!running) {
                p.closePort();
                return;
            }
            port = p;
        }
        backoff.reset();
        counters.connected(true);
        counters.reconnect();
        log.info("{}: reconnected at {} baud", name, baud);
        sink.onLinkChange(true);
    }

    @Override
    public boolean send(String wearerId, Command command) {
        Objects.requireNonNull(command, "command");
        SerialPort p = port;
        if (config.protocol() != WireProtocol.NATIVE || p == null || !config.wearerId().equals(wearerId)) {
            counters.commandDropped();
            return false;
        }
        synchronized (writeLock) {
            int n = encoder.command(command, writeBuffer, 0);
            int written = p.writeBytes(writeBuffer, n);
            if (written != n) {
                counters.commandDropped();
                counters.error("could not write a command to " + config.portPath() + " (wrote " + written + " of "
                        + n + " bytes)");
                return false;
            }
        }
        counters.commandSent();
        return true;
    }

    @Override
    public SourceStats stats() {
        synchronized (decodeLock) {
            return counters.snapshot(name, decoder.counters().snapshot());
        }
    }

    @Override
    public void stop() {
        SerialPort p;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            running = false;
            p = port;
            port = null;
        }
        // Pending tasks may hold a lost port still to be closed; with running false they only close it.
        for (Runnable pending : reconnector.shutdownNow()) {
            pending.run();
        }
        try {
            reconnector.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (p != null) {
            p.removeDataListener();
            p.closePort();
        }
        synchronized (decodeLock) {
            // An event that was running finishes before stop returns (it sees port == null afterwards).
        }
        if (counters.connected()) {
            counters.connected(false);
            sink.onLinkChange(false);
        }
    }
}
