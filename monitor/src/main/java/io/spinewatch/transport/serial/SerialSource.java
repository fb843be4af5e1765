package io.spinewatch.transport.serial;

import com.fazecast.jSerialComm.SerialPort;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one serial port: configures it before opening (every change on an open port costs about
 * 200 ms), reads on a thread of its own, feeds the bytes to the resynchronising decoder, and writes
 * native commands down the same port.
 *
 * <p>On a disconnect (a USB adapter unplugged, a hub reset) the reading thread closes the port at
 * once, counts it and reopens with {@link Backoff} until the device is back; the decoder and its
 * sequence tracking carry on, so samples lost while away are counted from the sequence gap. A
 * WitMotion sensor is found by probing speeds when none is given and is configured on start
 * ({@link WitMotionSetup}).
 *
 * <p>Why not jSerialComm's data listener: on Linux it runs native helper threads that are cancelled
 * asynchronously on close, and an event thread that can outlive {@code closePort} by up to a second
 * while the same native port record is reopened; under load that combination aborted the JVM
 * during a re-plug. Here one thread owns open, read, close and reopen, reading with a short
 * timeout so that {@link #stop} is noticed, and no jSerialComm event machinery is started at all.
 *
 * <p>Threads: the sink and the byte tap are called on the reading thread with {@link #decodeLock}
 * held. {@link #send} may be called from any thread; it and the close share {@link #writeLock}, so a
 * command never goes to a descriptor that was closed (and perhaps reused) under it.
 */
public final class SerialSource implements Source {
    private static final Logger log = LoggerFactory.getLogger(SerialSource.class);
    /** Largest single read: a few frames; the loop reads again while more is available. */
    private static final int READ_BUFFER_BYTES = 4096;
    /** A write that cannot complete in this time means the link is stuck; the command is dropped. */
    private static final int WRITE_TIMEOUT_MILLIS = 500;
    /**
     * A read returns as soon as bytes arrive, or after this long with none: the bound on how late the
     * reading thread notices {@link #stop}. The tty counts it in tenths of a second.
     */
    static final int READ_TIMEOUT_MILLIS = 200;
    /** How long {@link #stop} waits for the reading thread: a read timeout plus a slow close. */
    private static final long STOP_JOIN_MILLIS = 5_000;

    private final SerialConfig config;
    private final IngestSink sink;
    private final ByteTap tap;
    private final SourceCounters counters = new SourceCounters();
    private final String name;

    /** Guards the decoder and the sink calls. */
    private final Object decodeLock = new Object();
    private final ByteDecoder decoder;
    private final byte[] readBuffer = new byte[READ_BUFFER_BYTES];

    private final Object writeLock = new Object();
    private final NativeEncoder encoder = new NativeEncoder();
    private final byte[] writeBuffer = new byte[NativeProtocol.MAX_WIRE_BYTES];

    private final Backoff.Schedule backoff;
    /** Opens, reads, closes and reopens the port; null before start. */
    private volatile Thread reader;

    /** The open port, or null while disconnected; written under {@link #writeLock}. */
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
        Thread t = new Thread(() -> readLoop(p), "spinewatch-serial-" + config.portPath());
        t.setDaemon(true);
        reader = t;
        t.start();
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

    /** Configures, then opens, a port at {@code speed} for timed reads; null when it will not open. */
    private SerialPort open(int speed) {
        SerialPort p = configured(speed);
        if (p == null) {
            return null;
        }
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_TIMEOUT_MILLIS, WRITE_TIMEOUT_MILLIS);
        if (!p.openPort()) {
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

    /** The reading thread: reads until stopped, reopening after every loss of the link. */
    private void readLoop(SerialPort first) {
        SerialPort p = first;
        while (p != null && running) {
            String why;
            try {
                why = readUntilLost(p);
            } catch (RuntimeException e) {
                // A library surprise must not end reading: treat the port as lost and reopen it.
                log.error("{}: reading failed", name, e);
                why = "reading failed: " + e;
            }
            if (why == null) {
                break; // stopped
            }
            lost(p, why);
            p = reopen();
        }
        if (p != null) {
            close(p);
        }
    }

    /** Reads {@code p} until stopped (null) or the link is gone (the reason). */
    private String readUntilLost(SerialPort p) {
        while (running) {
            long startNanos = System.nanoTime();
            // Only this thread touches the read buffer; the lock is for the decoder, so stats() never waits on a read.
            int n = p.readBytes(readBuffer, readBuffer.length);
            synchronized (decodeLock) {
                if (n > 0) {
                    counters.bytesReceived(n);
                    try {
                        tap.onBytes(readBuffer, 0, n);
                        decoder.feed(readBuffer, 0, n);
                    } catch (RuntimeException e) {
                        // The decoder never throws, so this came from a listener: the next bytes still go through.
                        counters.error("a listener failed on data from " + config.portPath() + ": " + e);
                        log.error("{}: a listener failed", name, e);
                    }
                }
            }
            if (n < 0) {
                return "reading failed (" + PortDiagnosis.describeErrno(p.getLastErrorCode()) + ")";
            }
            if (n == 0 && System.nanoTime() - startNanos < TimeUnit.MILLISECONDS.toNanos(READ_TIMEOUT_MILLIS / 4)) {
                // An empty read that did not wait: a hung-up line reads as end of file on some drivers.
                if (p.bytesAvailable() < 0 || PortDiagnosis.problem(config.portPath()).isPresent()) {
                    return "the device went away";
                }
                sleepQuietly(10);
            }
        }
        return null;
    }

    /** The link of {@code p} is gone: stop using it, close it and count it. */
    private void lost(SerialPort p, String why) {
        close(p);
        counters.connected(false);
        counters.disconnect();
        counters.error("disconnected from " + config.portPath() + ": " + why);
        log.warn("{}: disconnected ({}); reconnecting", name, why);
        sink.onLinkChange(false);
    }

    private void close(SerialPort p) {
        synchronized (writeLock) {
            if (port == p) {
                port = null;
            }
            p.closePort();
        }
    }

    /** Reopens with backoff until it works (the port) or the source is stopped (null). */
    private SerialPort reopen() {
        while (running) {
            sleepQuietly(backoff.nextDelayMillis());
            if (!running) {
                return null;
            }
            SerialPort p;
            try {
                p = open(baud);
            } catch (RuntimeException e) {
                // A library surprise must not end the retries: count it and try again later.
                counters.connectFailure();
                counters.error("cannot reopen " + config.portPath() + ": " + e);
                continue;
            }
            if (p == null) {
                counters.connectFailure();
                counters.error(PortDiagnosis.openFailed(config.portPath(), lastErrorCode, lastErrorLocation));
                continue;
            }
            synchronized (writeLock) {
                port = p;
            }
            backoff.reset();
            counters.connected(true);
            counters.reconnect();
            log.info("{}: reconnected at {} baud", name, baud);
            sink.onLinkChange(true);
            return p;
        }
        return null;
    }

    /** Sleeps, returning early when {@link #stop} interrupts. */
    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // stop() wakes the reading thread; the loop checks running next
        }
    }

    @Override
    public boolean send(String wearerId, Command command) {
        Objects.requireNonNull(command, "command");
        if (config.protocol() != WireProtocol.NATIVE || !config.wearerId().equals(wearerId)) {
            counters.commandDropped();
            return false;
        }
        synchronized (writeLock) {
            SerialPort p = port;
            if (p == null) {
                counters.commandDropped();
                return false;
            }
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
        Thread t;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            running = false;
            t = reader;
        }
        if (t != null) {
            t.interrupt(); // wakes a backoff sleep; a read ends by its timeout
            try {
                t.join(STOP_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                log.warn("{}: the reading thread did not end within {} ms", name, STOP_JOIN_MILLIS);
            }
        } else {
            SerialPort p = port;
            if (p != null) {
                close(p); // stopped during start(), before the reading thread began
            }
        }
        if (counters.connected()) {
            counters.connected(false);
            sink.onLinkChange(false);
        }
    }
}
